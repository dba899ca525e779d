import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Make a court node full of realistic sample cases, for a first look.",
        discussion: """
            Creates a court node (济南市历下区人民法院, 鲁0102) in a new directory and files sample cases with \
            Chinese names, causes, amounts, lawyers and documents. The same --seed gives the same cases.
            """
    )
    @OptionGroup var node: NodeOptions
    @Option(help: "How many cases to file.") var cases = 36
    @Option(help: "Seed for the sample data.") var seed: UInt64 = 2020

    /// The administrator PIN of the demo kiosk (printed; a real node sets its own with `docket kiosk set-pin`).
    static let demoPIN = "2468"

    /// What to try on the demo node, printed and kept in `<data>/DEMO.txt` (sample data only: the ID number is made
    /// up).
    static func guide(data: String, tryMe: (caseNumber: String, idNumber: String, code: String)?) -> String {
        var lines = [
            "Demo court node at \(data).", "  Cases:  docket case list --data \(data)",
            "  Kiosk:  docket kiosk --data \(data)   "
                + "(key 0 on Welcome, PIN \(demoPIN): administrator mode; 3 then 3: leave)",
        ]
        if let tryMe {
            lines.append(
                "  Query, dossier or pay (keys 3, 4, 2): \(tryMe.caseNumber)  ID \(tryMe.idNumber)  "
                    + "query code \(tryMe.code)"
            )
            lines.append(
                "  Pay the QR code from another terminal: docket payments '\(tryMe.caseNumber)' --data \(data) "
                    + "shows the order"
            )
            lines.append(
                "  number; curl -X POST http://127.0.0.1:8480/simulate/pay/<order number> pays it "
                    + "(as the payer's phone would)."
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func run() throws {
        let court = try Node.initialize(
            at: node.dataURL,
            config: NodeConfig(nodeId: "court-lixia", role: .court, name: "济南市历下区人民法院", courtCode: "鲁0102"),
            operatorName: "demo")
        var generator = DemoData(seed: seed)
        var tryMe: (caseNumber: String, idNumber: String, code: String)?
        for index in 0..<cases {
            let filing = generator.filing()
            let input = try FilingInput.parse(Array(filing.json.utf8), today: Node.today())
            let file = try court.fileCase(input)
            for (name, text) in filing.documents {
                _ = try court.addDocument(file.record.uid, bytes: Array(text.utf8), name: name)
            }
            // Two cases in three are accepted (numbered, fee assessed, query codes issued); every other accepted
            // case has paid at the counter, so the kiosk has fees both owed and settled to show.
            guard index % 3 != 2 else { continue }
            let accepted = try court.accept(
                file.record.uid, procedure: .ordinary, judge: generator.judge(), clerk: "王书记员",
                clerkPhone: "0531-86120000")
            if index % 2 == 1 {
                _ = try court.payments.pay(file.record.uid, gateway: CounterGateway(reference: "POS\(100_000 + index)"))
            } else if tryMe == nil, let plaintiff = accepted.parties.first(where: { $0.role == "plaintiff" }),
                let id = file.parties.first(where: { $0.id == plaintiff.partyId })?.idNumber
            {
                tryMe = (accepted.caseNumber, id, plaintiff.queryCode)
            }
        }
        try court.set(.kioskPINHash, to: try AdminPIN.hash(Self.demoPIN))
        print("Made a demo court node with \(cases) cases at \(court.paths.root.path)")
        print("Try: docket case list --data \(node.dataURL.path)")
        let guide = Self.guide(data: node.dataURL.path, tryMe: tryMe)
        try Data(guide.utf8).write(to: court.paths.root.appendingPathComponent("DEMO.txt"))
        print(guide, terminator: "")
    }
}

/// Deterministic sample filings: plausible names, ID numbers with correct check characters, causes and amounts.
struct DemoData {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    mutating func next(_ bound: Int) -> Int {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return Int(state % UInt64(bound))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

    /// A judge for an accepted case.
    mutating func judge() -> String { pick(["刘晓燕", "孙建国", "高文静", "马俊峰"]) }

    static let surnames = Array(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    static let given = [
        "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
        "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文博", "子涵", "欣怡", "浩然", "雨轩", "志强",
    ]
    static let companies = [
        "济南鲁信商贸有限公司", "山东泉城建设工程有限公司", "济南历下物业管理有限公司", "山东齐鲁汽车销售有限公司",
        "济南大明湖餐饮管理有限公司", "山东趵突泉科技有限公司",
    ]
    static let causes: [(String, String, ClosedRange<Int>)] = [
        ("民间借贷纠纷", "判令被告偿还借款本金%@元及逾期利息", 5_000...800_000),
        ("买卖合同纠纷", "判令被告支付货款%@元", 20_000...2_000_000),
        ("房屋租赁合同纠纷", "判令被告支付拖欠租金%@元并腾退房屋", 8_000...200_000),
        ("机动车交通事故责任纠纷", "判令被告赔偿医疗费、误工费等各项损失共计%@元", 10_000...600_000),
        ("物业服务合同纠纷", "判令被告支付物业费%@元", 1_000...30_000),
        ("金融借款合同纠纷", "判令被告偿还贷款本息%@元", 50_000...5_000_000),
        ("建设工程施工合同纠纷", "判令被告支付工程款%@元", 100_000...9_000_000),
        ("劳动争议", "判令被告支付拖欠工资及经济补偿金%@元", 5_000...150_000),
    ]
    static let lawyers = [("王立新", "firm-qilu"), ("孙晓梅", "firm-qilu"), ("陈建国", "firm-quancheng"), ("刘婷", "firm-lixia")]

    mutating func person() -> (name: String, id: String, phone: String) {
        let name = String(pick(Self.surnames)) + pick(Self.given)
        let region = pick(["370102", "370103", "370104", "370105", "370112", "370181", "110105", "320102"])
        let year = 1955 + next(45), month = 1 + next(12), day = 1 + next(28)
        let body =
            region + String(year) + (month < 10 ? "0" : "") + String(month) + (day < 10 ? "0" : "") + String(day)
            + String(100 + next(900))
        let id = body + String(IdentityNumber.residentIDCheckCharacter(body))
        let phone = pick(["138", "139", "150", "158", "186", "135", "177"]) + String(10_000_000 + next(89_999_999))
        return (name, id, phone)
    }

    mutating func filing() -> (json: String, documents: [(String, String)]) {
        let (cause, claimTemplate, range) = pick(Self.causes)
        let amount = range.lowerBound + next(range.upperBound - range.lowerBound)
        let cents = next(4) == 0 ? next(100) : 0
        let amountText = "\(amount).\(cents < 10 ? "0" : "")\(cents)"
        let plaintiff = person()
        let (lawyer, firm) = pick(Self.lawyers)
        let defendantIsCompany = next(3) == 0
        let defendant = person()
        let defendantJSON =
            defendantIsCompany
            ? #"{"role": "defendant", "name": "\#(pick(Self.companies))"}"#
            : #"{"role": "defendant", "name": "\#(defendant.name)", "idNumber": "\#(defendant.id)", "#
                + #""phone": "\#(defendant.phone)"}"#
        let claims = claimTemplate.replacingOccurrences(of: "%@", with: amountText) + "；诉讼费由被告承担。"
        let json = """
            {"court": "鲁0102", "caseType": "civil", "cause": "\(cause)", "claimAmount": "\(amountText)", \
            "claims": "\(claims)",
             "parties": [{"role": "plaintiff", "name": "\(plaintiff.name)", "idNumber": "\(plaintiff.id)", \
            "phone": "\(plaintiff.phone)",
                          "email": "party\(next(100_000))@example.com", "representative": {"name": "\(lawyer)", \
            "firm": "\(firm)"}},
                         \(defendantJSON)]}
            """
        let complaint = """
            民事起诉状

            原告：\(plaintiff.name)
            委托诉讼代理人：\(lawyer)，律师
            诉讼请求：\(claims)
            事实与理由：原告与被告之间发生\(cause)，经多次催告，被告至今未履行义务，为维护原告合法权益，特诉至贵院。

            此致
            济南市历下区人民法院
            """
        return (json, [("民事起诉状.txt", complaint), ("证据目录.txt", "证据一：合同\n证据二：转账凭证\n证据三："
            + "催告函\n")])
    }
}
