/// What a party types to reach its case: the case number (案号), its ID number and its query code. The ID number
/// alone is not a secret; together with the code it is.
public struct QueryCredentials: Sendable {
    public var caseNumber: String
    public var idNumber: String
    public var code: String
    /// Where the attempt comes from (a kiosk's terminal id, a user name), for rate limiting.
    public var source: String

    public init(caseNumber: String, idNumber: String, code: String, source: String) {
        self.caseNumber = caseNumber; self.idNumber = idNumber; self.code = code; self.source = source
    }
}
