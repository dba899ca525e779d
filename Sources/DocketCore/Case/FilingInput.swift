/// A filing as a lawyer, a kiosk or a clerk hands it in (`docket case new --from FILE.json`):
///
///     {"title","court","caseType","cause","claimAmount": "150000.00","claims","facts",
///      "parties":[{"role","name","kind","idNumber","idKind","phone","email","address","electronicService",
///                  "representative"}]}
///
/// A party is a natural person unless `kind` is "organisation"; a person gives a resident ID unless `idKind`
/// chooses a passport or a travel permit, an organisation its unified social credit code.
///
/// `parse` checks everything a person can get wrong and names the field; nothing is written before it passes.
public struct FilingInput: Sendable {
    public struct Party: Sendable {
        public var role: PartyRole
        public var name: String
        public var kind: PartyKind = .person
        public var idNumber: String?
        public var idKind: String?
        public var phone: String?
        public var email: String?
        /// The service address (送达地址).
        public var address: String?
        public var representative: Representative?
        public var serviceConsent: String?
    }

    public var title: String
    public var court: String
    public var caseType: String
    public var cause: String
    public var claimAmount: Fen?
    public var claims: String
    /// The facts and reasons (事实与理由), nil when the filing gives none.
    public var facts: String?
    public var parties: [Party]

    /// The kinds of proceedings a filing may open.
    public static let caseTypes = [
        "civil", "administrative", "enforcement", "preservation", "criminal-private",
        "payment-order", "bankruptcy", "special",
    ]

    /// Parses and checks a filing document. `today` (Asia/Shanghai) bounds the birth dates in ID numbers. Throws the
    /// first problem `check` finds.
    public static func parse(_ bytes: [UInt8], today: LocalDate) throws -> FilingInput {
        let (input, problems) = check(bytes, today: today)
        if let first = problems.first { throw first }
        return input!
    }

    /// Checks a filing document and reports every problem at once, each naming its field (a form shows them all
    /// together): the filing when there are none, else nil and the problems in the order of the document.
    public static func check(_ bytes: [UInt8], today: LocalDate) -> (FilingInput?, [DocketError]) {
        var problems: [DocketError] = []
        func attempt<T>(_ body: () throws -> T) -> T? {
            do { return try body() } catch {
                problems.append(
                    DocketError.wrapping(error, zh: "立案材料无法读取", en: "The filing could not be read"))
                return nil
            }
        }
        guard let root = attempt({ try JSONParser.parse(bytes) }) else { return (nil, problems) }
        guard root.objectValue != nil else {
            return (
                nil,
                [
                    DocketError(
                        .invalidInput, key: "filing.not-object", zh: "立案材料必须是 JSON 对象。",
                        en: "The filing must be a "
                            + "JSON object.")
                ]
            )
        }
        let reader = FieldReader(value: root, path: "")
        let court = attempt { try reader.requiredString("court") }
        let caseType = attempt { () -> String in
            let caseType = try reader.requiredString("caseType")
            guard caseTypes.contains(caseType) else {
                throw DocketError(
                    .invalidInput, key: "filing.case-type-invalid",
                    zh: "caseType“\(caseType)”不在以下范围内：\(caseTypes.joined(separator: ", "))。",
                    en: "caseType \"\(caseType)\" is not one of: \(caseTypes.joined(separator: ", ")).")
            }
            return caseType
        }
        let cause = attempt { try reader.requiredString("cause") }
        let claims = attempt { try reader.optionalString("claims") ?? "" }
        let facts = attempt { try reader.optionalString("facts") }
        let claimAmount = attempt { () -> Fen? in
            try reader.optionalString("claimAmount").map { text -> Fen in
                do { return try Fen(parsingYuan: text) } catch let e as DocketError {
                    throw DocketError(
                        .invalidInput, key: "filing.claim-amount-invalid", zh: "claimAmount 有误：\(e.chineseMessage)",
                        en: "claimAmount: \(e.englishMessage)")
                }
            }
        }
        var parties: [Party] = []
        var partiesComplete = true
        if let partyValues = root["parties"]?.arrayValue, !partyValues.isEmpty {
            for (n, value) in partyValues.enumerated() {
                if let party = parseParty(
                    FieldReader(value: value, path: "parties[\(n)]."), today: today, problems: &problems)
                {
                    parties.append(party)
                } else {
                    partiesComplete = false
                }
            }
            if partiesComplete,
                !(parties.contains(where: { $0.role == .plaintiff })
                    && parties.contains(where: { $0.role == .defendant }))
            {
                problems.append(
                    DocketError(
                        .invalidInput, key: "filing.parties-incomplete", zh: "parties：立案须至少有一名原告和一名被告。",
                        en: "parties: a filing needs at least one plaintiff and one defendant."))
            }
        } else {
            problems.append(
                DocketError(
                    .invalidInput, key: "filing.parties-missing",
                    zh: "parties：立案须列明当事人（至少一名原告和一名被告）"
                        + "。",
                    en: "parties: a filing needs its parties (at least one plaintiff and one defendant)."))
        }
        let title = attempt { try reader.optionalString("title") }
        guard problems.isEmpty, let court, let caseType, let cause, let claims, let claimAmount, let title, let facts
        else {
            return (nil, problems)
        }
        return (
            FilingInput(
                title: title ?? defaultTitle(parties: parties, cause: cause), court: court, caseType: caseType,
                cause: cause, claimAmount: claimAmount, claims: claims, facts: facts, parties: parties), []
        )
    }

    /// 张三诉李四民间借贷纠纷: the way a court names a case until it has a number.
    static func defaultTitle(parties: [Party], cause: String) -> String {
        let names = { (role: PartyRole) in parties.filter { $0.role == role }.map(\.name).joined(separator: "、") }
        return "\(names(.plaintiff))诉\(names(.defendant))\(cause)"
    }

    /// One party of a filing, or nil when something is wrong with it; every problem found is added to `problems`.
    static func parseParty(_ reader: FieldReader, today: LocalDate, problems: inout [DocketError]) -> Party? {
        guard reader.value.objectValue != nil else {
            problems.append(
                DocketError(
                    .invalidInput, key: "filing.party-not-object", zh: "\(reader.path.dropLast())：当事人必须是 JSON "
                        + "对象。",
                    en: "\(reader.path.dropLast()): a party must be an object."))
            return nil
        }
        let before = problems.count
        func attempt<T>(_ body: () throws -> T) -> T? {
            do { return try body() } catch {
                problems.append(DocketError.wrapping(error, zh: "\(reader.path)有误", en: "\(reader.path) is wrong"))
                return nil
            }
        }
        let role = attempt { () -> PartyRole in
            let roleText = try reader.requiredString("role")
            guard let role = PartyRole(rawValue: roleText) else {
                throw DocketError(
                    .invalidInput, key: "filing.party-role-invalid",
                    zh: "\(reader.path)role“\(roleText)”不是 plaintiff（原告）、defendant（被告）或 "
                        + "third-party（第三人）。",
                    en: "\(reader.path)role \"\(roleText)\" is not plaintiff, defendant or third-party.")
            }
            return role
        }
        let name = attempt { try reader.requiredString("name") }
        var party = Party(role: role ?? .plaintiff, name: name ?? "")
        _ = attempt {
            if let kind = try reader.optionalString("kind") {
                guard let value = PartyKind(rawValue: kind) else {
                    throw DocketError(
                        .invalidInput, key: "filing.party-kind-invalid",
                        zh: "\(reader.path)kind“\(kind)”有误：当事人类型应为自然人（person）或组织（organisation）。",
                        en: "\(reader.path)kind \"\(kind)\" is not person or organisation.")
                }
                party.kind = value
            }
        }
        _ = attempt {
            party.idKind = try PartyFields.checkedIDKind(
                try reader.optionalString("idKind"), for: party.kind, path: reader.path)
            try PartyFields.set(
                "idNumber", to: reader.optionalString("idNumber"), on: &party, today: today, path: reader.path)
            if party.idNumber == nil { party.idKind = nil }
        }
        _ = attempt {
            try PartyFields.set(
                "phone", to: reader.optionalString("phone"), on: &party, today: today, path: reader.path)
        }
        _ = attempt {
            try PartyFields.set(
                "email", to: reader.optionalString("email"), on: &party, today: today, path: reader.path)
        }
        _ = attempt {
            try PartyFields.set(
                "address", to: reader.optionalString("address"), on: &party, today: today, path: reader.path)
        }
        switch reader.value["electronicService"] {
        case nil, .null?, .bool(false)?: break
        case .bool(true)?: party.serviceConsent = "filing"
        default:
            problems.append(
                DocketError(
                    .invalidInput, key: "filing.electronic-service-invalid",
                    zh: "\(reader.path)electronicService 应为 true 或 false。",
                    en: "\(reader.path)electronicService must be true or false."))
        }
        switch reader.value["representative"] {
        case nil, .null?: break
        case .string(let name)?:
            party.representative = name.trimmingSpaces.isEmpty ? nil : Representative(name: name.trimmingSpaces)
        case .object?:
            let rep = FieldReader(value: reader.value["representative"]!, path: reader.path + "representative.")
            _ = attempt {
                party.representative = Representative(
                    name: try rep.requiredString("name"), firm: try rep.optionalString("firm"),
                    licenseNumber: try rep.optionalString("licenseNumber") ?? rep.optionalString("license"),
                    phone: try rep.optionalString("phone"), email: try rep.optionalString("email"))
            }
        default:
            problems.append(
                DocketError(
                    .invalidInput, key: "filing.representative-invalid",
                    zh: "\(reader.path)representative 应为姓名或 JSON "
                        + "对象。",
                    en: "\(reader.path)representative must be a name or an object."))
        }
        return problems.count == before ? party : nil
    }
}

extension FilingInput.Party {
    init(role: PartyRole, name: String) { self.role = role; self.name = name }
}

/// Reads typed fields out of a JSON object, naming the field in every error.
struct FieldReader {
    let value: JSONValue
    let path: String

    func requiredString(_ key: String) throws -> String {
        guard let text = try optionalString(key) else {
            throw DocketError(
                .invalidInput, key: "filing.field-required", zh: "\(path)\(key)为必填项。",
                en: "\(path)\(key) is "
                    + "required.")
        }
        return text
    }

    /// The trimmed string, nil when missing, null or blank.
    func optionalString(_ key: String) throws -> String? {
        switch value[key] {
        case nil, .null?: return nil
        case .string(let s)?: let t = s.trimmingSpaces; return t.isEmpty ? nil : t
        default:
            throw DocketError(
                .invalidInput, key: "filing.field-not-text", zh: "\(path)\(key)必须是文本。",
                en: "\(path)\(key) must be text.")
        }
    }
}
