import DocketCore
import Foundation

/// The complaint (起诉状) the kiosk files with the case, in Chinese as court documents are: the parties with their
/// documents, phones and service addresses, the claims, the facts and reasons, and where the evidence will come
/// from. What `FilingInput` has no field for (addresses, the facts) reaches the court this way.
enum ComplaintText {
    /// The document's title by case type.
    static func title(_ caseType: String?) -> String {
        switch caseType {
        case "administrative": return "行政起诉状"
        case "enforcement": return "强制执行申请书"
        default: return "民事起诉状"
        }
    }

    static func roleName(_ role: String, caseType: String?) -> String {
        switch (role, caseType) {
        case ("plaintiff", "enforcement"): return "申请执行人"
        case ("defendant", "enforcement"): return "被执行人"
        case ("plaintiff", _): return "原告"
        case ("defendant", _): return "被告"
        default: return "第三人"
        }
    }

    /// The complaint for what was typed, dated `today` (Beijing).
    static func render(_ state: KioskState, today: LocalDate) -> String {
        let caseType = FilingBuilder.caseType(state)?.value
        var lines = [title(caseType), ""]
        for party in FilingBuilder.parties(state) {
            var parts = [party.fields["name"] ?? ""]
            if let number = party.fields["idNumber"] {
                let kind =
                    party.fields["idKind"].flatMap(IdentityKind.init(rawValue:))
                    ?? IdentityNumber.check(number, today: today).kind ?? .residentID
                parts.append("\(kind.chinese) \(number)")
            }
            if let phone = party.fields["phone"] { parts.append("联系电话 \(phone)") }
            if let address = party.fields["address"] {
                parts.append((party.role == "plaintiff" ? "送达地址 " : "地址 ") + address)
            }
            if party.fields["electronicService"] == "true" { parts.append("同意电子送达") }
            lines.append("\(roleName(party.role, caseType: caseType))：" + parts.joined(separator: "，") + "。")
        }
        let claims = FilingBuilder.value(state, target: "claims") ?? ""
        let amount = FilingBuilder.value(state, target: "claimAmount").flatMap { try? Fen(parsingYuan: $0) }
        lines += ["", "诉讼请求：", claims + (amount.map { "（标的金额\($0.yuanString)元）" } ?? "")]
        lines += ["", "事实与理由：", FilingBuilder.value(state, target: "facts") ?? "（未在自助终端填写，"
            + "起诉人将于立案审查期间补充。）"]
        if state.material.isEmpty {
            lines += ["", "证据材料：起诉人将证据材料原件及复印件提交至立案窗口。"]
        } else {
            lines += [
                "", "证据材料：随本起诉状提交\(state.material.count)份——"
                    + state.material.map(\.name).joined(separator: "、") + "；原件及其余材料提交至立案窗口。",
            ]
        }
        let court =
            state.content.config.court.isEmpty ? (state.content.config.courtCode ?? "") : state.content.config.court
        let filer = FilingBuilder.parties(state).first { $0.role == "plaintiff" }?.fields["name"] ?? ""
        lines += [
            "", "此致", court, "", "具状人：\(filer)", "\(today.year)年\(today.month)月\(today.day)日", "",
            "（本文书由诉讼服务自助终端依起诉人输入的内容生成。）",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
