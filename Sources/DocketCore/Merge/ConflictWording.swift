/// A merge conflict in people's words: which record (原告张伟, 案件, 材料《民事起诉状》), which field (手机号码), each
/// side's node by its name and its value as a person reads it (yuan for amounts, ID numbers masked, a deleted value
/// said so). Pure: what it needs of the case and of the node directory is handed in, so the desk and the kiosk's
/// administrator screen say a conflict the same way.
public enum ConflictWording {
    /// One side of a conflict as shown.
    public struct Side: Equatable, Sendable {
        /// The node id, for the choice a person makes.
        public var node: String
        /// The node's name (济南市历下区人民法院), or its id when the directory does not know it.
        public var nodeName: String
        public var value: String
    }

    /// The whole description in one language.
    public struct Description: Equatable, Sendable {
        /// The record: 原告张伟, 案件, 材料《民事起诉状》.
        public var record: String
        /// The field: 手机号码, 诉讼标的额; the whole record when the conflict is about the file.
        public var field: String
        /// `record · field`, the one-line heading.
        public var heading: String { "\(record) · \(field)" }
        public var sides: [Side]
    }

    /// Describes `conflict` in `language`, with party names and roles from `file` (the case as it stands) and
    /// node names from `nodeNames` (node id → name).
    public static func describe(
        _ conflict: ConflictRecord, in file: CaseFile?, nodeNames: [String: String], language: DocketError.Language
    ) -> Description {
        let english = language == .english
        let record = recordName(path: conflict.path, file: file, english: english)
        let field = fieldName(conflict.field, english: english)
        let sides = conflict.values.map { side in
            Side(
                node: side.node, nodeName: nodeNames[side.node] ?? side.node,
                value: valueText(side.value, field: conflict.field, english: english))
        }
        return Description(record: record, field: field, sides: sides)
    }

    /// A value as a person reads it: text as is, amounts in fen as yuan, ID numbers masked, yes/no, a deleted or
    /// empty value said in words, anything structured as compact JSON.
    public static func valueText(_ value: JSONValue, field: String, english: Bool) -> String {
        let leaf = field.split(separator: ".").last.map(String.init) ?? field
        switch value {
        case .null: return english ? "(none)" : "（无）"
        case .string(let text) where leaf == "idNumber": return Masking.mask(text)
        case .string(let text): return text.isEmpty ? (english ? "(empty)" : "（空）") : text
        case .int(let number) where leaf.hasSuffix("Fen"):
            return english ? "¥\(Fen(number).yuanString)" : "\(Fen(number).yuanString)元"
        case .int(let number): return String(number)
        case .bool(let flag): return flag ? (english ? "yes" : "是") : (english ? "no" : "否")
        default:
            // Canonical JSON on one line: one member per line joined, so the reader sees every member.
            return String(decoding: CanonicalJSON.encode(value), as: UTF8.self).split(separator: "\n")
                .map { String($0).trimmingSpaces }.joined(separator: " ")
        }
    }

    /// The record a path names: 案件 / the case, a party by role and name, a document by title, or the kind of record.
    static func recordName(path: String, file: CaseFile?, english: Bool) -> String {
        let parts = path.split(separator: "/").map(String.init)
        switch RecordKind.of(path: path) {
        case .caseRecord?: return english ? "Case" : "案件"
        case .party?:
            let id = String(parts[1].dropLast(5))
            guard let party = file?.parties.first(where: { $0.id == id }) else {
                return english ? "Party \(id)" : "当事人\(id)"
            }
            return english
                ? "\(roleName(party.role, english: true)) \(party.name)"
                : roleName(party.role, english: false)
                    + party.name
        case .document?, .documentContent?:
            let title = file?.documents.first(where: { $0.id == parts[1] })?.title ?? parts[1]
            return english ? "Document “\(title)”" : "材料《\(title)》"
        case .payment?: return english ? "Payment record \(stem(parts))" : "缴费记录\(stem(parts))"
        case .service?: return english ? "Service record \(stem(parts))" : "送达记录\(stem(parts))"
        case .filing?: return english ? "Request \(stem(parts))" : "申请\(stem(parts))"
        case .hearing?: return english ? "Hearing \(stem(parts))" : "庭审\(stem(parts))"
        case .conflict?: return english ? "Conflict \(stem(parts))" : "冲突\(stem(parts))"
        case .timeline?: return english ? "Timeline" : "案件日志"
        case nil: return path
        }
    }

    private static func stem(_ parts: [String]) -> String { String((parts.last ?? "").prefix { $0 != "." }) }

    /// 原告 / Plaintiff, 被告 / Defendant, 第三人 / Third party.
    public static func roleName(_ role: PartyRole, english: Bool) -> String {
        switch role {
        case .plaintiff: english ? "Plaintiff" : "原告"
        case .defendant: english ? "Defendant" : "被告"
        case .thirdParty: english ? "Third party" : "第三人"
        }
    }

    /// Names of the fields people meet in conflicts, Chinese and English; a field not named here is shown as it is
    /// stored, so nothing is ever hidden.
    static let fieldNames: [String: (zh: String, en: String)] = [
        "*": ("整份记录", "the whole record"),
        "name": ("姓名或名称", "name"), "phone": ("手机号码", "mobile number"), "email": ("电子邮箱", "e-mail address"),
        "idNumber": ("证件号码", "ID number"), "idKind": ("证件类型", "kind of ID"), "kind": ("当事人类型", "kind of party"),
        "role": ("诉讼地位", "role"), "serviceConsent": ("电子送达同意", "consent to electronic service"),
        "representative.name": ("代理人姓名", "representative's name"),
        "representative.firm": ("代理人所在律所", "representative's firm"),
        "representative.licenseNumber": ("代理人执业证号", "representative's licence number"),
        "representative.phone": ("代理人手机号码", "representative's mobile number"),
        "representative.email": ("代理人电子邮箱", "representative's e-mail address"),
        "title": ("名称", "title"), "cause": ("案由", "cause of action"), "claims": ("诉讼请求", "claims"),
        "facts": ("事实与理由", "facts and reasons"), "address": ("送达地址", "service address"),
        "claimAmountFen": ("诉讼标的额", "amount claimed"), "status": ("状态", "status"),
        "caseNumber": ("案号", "case number"), "procedure": ("审理程序", "procedure"), "judge": ("承办法官", "judge"),
        "clerk": ("书记员", "clerk"), "clerkPhone": ("书记员电话", "clerk's phone"),
        "evidenceUntil": ("举证期限", "evidence period"), "court": ("受理法院", "court"),
        "caseType": ("案件类型", "type of case"), "claimAmount": ("诉讼标的额", "amount claimed"),
        "electronicService": ("同意电子送达", "consent to electronic service"),
        "representative": ("代理人", "representative"), "startsAt": ("开庭时间", "starts at"),
        "place": ("地点", "place"), "mode": ("方式", "mode"),
    ]

    /// A field in people's words.
    public static func fieldName(_ field: String, english: Bool) -> String {
        guard let names = fieldNames[field] else { return field }
        return english ? names.en : names.zh
    }
}
