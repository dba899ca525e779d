/// What a party sees about its case (12368 progress query): never an ID number in full.
public struct ProgressReport: Codable, Sendable {
    public struct Deadline: Codable, Sendable {
        public var name: String, lastDay: String, basis: String, overdue: Bool
        /// The deadline's name in English (for screens that speak English), when it has one.
        public var title: String?
        /// Why the last day is provisional (no holiday notice yet for its year), or nil.
        public var provisional: String?
    }
    public struct Party: Codable, Sendable { public var role: String, name: String, idNumber: String? }
    public struct Entry: Codable, Sendable { public var at: String, summary: String }
    public struct Served: Codable, Sendable {
        public var document: String, channel: String, sentAt: String?, servedAt: String?
    }
    public struct Fees: Codable, Sendable {
        public var assessedFen: Int64, paidFen: Int64, outstandingFen: Int64, dueDate: String?, status: String
    }

    public var uid: String
    public var caseNumber: String?
    public var title: String
    public var court: String
    public var status: String
    public var procedure: String?
    public var acceptedOn: String?
    public var judge: String?
    public var clerk: String?
    public var clerkPhone: String?
    public var nextHearing: String?
    public var you: Party
    public var parties: [Party]
    public var deadlines: [Deadline]
    public var fees: Fees
    public var served: [Served]
    public var documents: [String]
    public var timeline: [Entry]
}
