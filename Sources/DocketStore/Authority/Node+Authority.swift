import DocketCore
import DocketGit
import Foundation
import GRDB

extension RecordSchemas {
    /// The shipped schemas, read once per process (they are compiled in: reading them again gives the same).
    package static let shipped = Result { try RecordSchemas.load() }
    /// The same, by record name, as the judge reads them.
    static let shippedTable = shipped.map { JudgeEnvironment.table($0.all) }
}

extension Node {
    /// This node as the policy sees it. A kiosk belongs to the court it syncs with (its court peer's code) unless
    /// its configuration names one.
    package var participant: Participant {
        var court = config.courtCode
        if court == nil, config.role == .kiosk {
            court = try? database.read { db in
                try String.fetchOne(
                    db, sql: "SELECT court_code FROM peers WHERE role = 'court' ORDER BY node_id LIMIT 1")
            }
        }
        return Participant(nodeId: config.nodeId, role: config.role, courtCode: court)
    }

    /// The policy's judge over the shipped schemas; signatures verify against `publicKeys` (node id → base64
    /// Ed25519 key).
    package func authorityJudge(publicKeys: [String: String]) throws -> AuthorityJudge {
        return AuthorityJudge(
            environment: JudgeEnvironment(
                schemaTable: try RecordSchemas.shippedTable.get(),
                verifySignature: { node, bytes, signature in
                    guard let key = publicKeys[node] else { return false }
                    return NodeKey.verify(Data(signature), of: bytes, publicKeyBase64: key)
                }))
    }

    /// The largest document this node stores (documents.maxBytes).
    package var documentMaxBytes: Int64 {
        Int64(config.setting(.documentMaxBytes)) ?? Int64(NodeSettings.Key.documentMaxBytes.defaultValue)!
    }

    /// Judges a change this node is about to commit, as its peers will judge it when it arrives: the same policy
    /// on the local write path, so a step the court would refuse is refused here with its reason, and nothing is
    /// written. `records` are the record files before the change, `after` the case it makes.
    func checkOwnChange(
        _ change: CaseChange, records: [String: [UInt8]], standing: CaseStanding, after: CaseFile
    ) throws {
        let judge = try authorityJudge(publicKeys: [config.nodeId: key.publicKeyBase64])
        let me = participant
        var refusals: [PolicyRefusal] = []
        for (path, bytes) in change.files.sorted(by: { $0.key < $1.key }) {
            let old = records[path]
            if old == bytes { continue }
            let written = try change.value(at: path) ?? bytes.map { try Self.policyValue(path, $0, exact: old != nil) }
            let step = FileStep(
                path: path, before: try old.map { try Self.policyValue(path, $0, exact: true) }, after: written)
            refusals += judge.judge(step, by: me, standing: standing, payments: { after.payments })
        }
        for (path, bytes) in change.files where path.hasSuffix("/meta.json") && RecordKind.of(path: path) == .document {
            guard let bytes, let meta = try? JSONParser.parse(bytes), records[path] == nil else { continue }
            let content = "documents/\(meta["id"]?.stringValue ?? "")/\(meta["name"]?.stringValue ?? "")"
            let problem: String?
            if let stored = change.files[content] ?? nil {
                problem = CaseTreeCheck.contentProblem(
                    meta: meta, size: Int64(stored.count), sha256: sha256Hex(stored), maxBytes: documentMaxBytes)
            } else {
                problem = "\(content) is missing"
            }
            if let problem {
                refusals.append(
                    PolicyRefusal(
                        .invalid, path: path, signer: me.nodeId, chinese: "材料与其元数据不符：\(problem)。",
                        english: "The document does not match its metadata: \(problem)."))
            }
        }
        if !refusals.isEmpty { throw AuthorityRefusal(refusals) }
    }

    /// A file as the policy compares it: a record's parsed value, or for document bytes their size and, when
    /// they are compared with earlier bytes (`exact`), their hash.
    static func policyValue(_ path: String, _ bytes: [UInt8], exact: Bool) throws -> JSONValue {
        guard RecordKind.of(path: path) != .documentContent else {
            return .object(["size": .int(Int64(bytes.count)), "sha256": exact ? .string(sha256Hex(bytes)) : .null])
        }
        do { return try JSONParser.parse(bytes) } catch {
            throw DocketError(
                .invalidInput, key: "authority.record-not-json", zh: "\(path)不是 JSON：\(error.chineseMessage)。",
                en: "\(path) is not JSON: \(error.englishMessage).")
        }
    }
}
