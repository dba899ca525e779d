import DocketCore
import Foundation

/// What a self-service filing hands back to the person at the terminal: everything the receipt prints.
public struct SelfServiceReceipt: Sendable {
    public var file: CaseFile
    /// The filing number (立案编号) to quote until the case number is known.
    public var filingNumber: String
    /// The filer's 6-digit query code; only its salted hash is stored.
    public var queryCode: String
}

extension Node {
    /// Files a case for a walk-in filer (the kiosk) and gives the filer — the first plaintiff — a query code at
    /// once, so the filing can be followed with the filing number before the court has looked at it. The code
    /// is not kept anywhere: the receipt is the only copy, and the party record holds its salted hash. `attachments`
    /// (the complaint the kiosk wrote) go into the case's first commit.
    public func fileSelfService(
        _ input: FilingInput, attachments: [(name: String, bytes: [UInt8])] = []
    ) throws -> SelfServiceReceipt {
        let code = String(format: "%06d", Int.random(in: 0...999_999))
        let file = try fileCase(input, attachments: attachments) { uid, partyIDs in
            guard let filer = zip(input.parties, partyIDs).first(where: { $0.0.role == .plaintiff })?.1 else {
                throw DocketError(
                    .invalidInput, key: "filing.self-service-filer-plaintiff", zh: "自助立案须填写原告（起诉人）信息。",
                    en: "A self-service filing needs the filer as plaintiff.")
            }
            return [filer: Self.queryCodeHash(uid: uid, party: filer, code: code)]
        }
        return SelfServiceReceipt(file: file, filingNumber: FilingNumber.of(uid: file.record.uid), queryCode: code)
    }
}
