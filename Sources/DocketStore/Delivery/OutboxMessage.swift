import DocketCore
import Foundation

/// What one delivery pass did.
public struct DeliveryReport: Codable, Sendable, Equatable {
    public var delivered = 0
    public var failed = 0
    /// Messages still waiting (for their next attempt).
    public var waiting = 0
    /// Each failure of this pass: the message (service record id) and why.
    public var failures: [OutboxMessage.Failure] = []

    public init(delivered: Int = 0, failed: Int = 0, waiting: Int = 0) {
        self.delivered = delivered; self.failed = failed; self.waiting = waiting
    }
}

/// One message of the outbox as an operator reads it (`docket service outbox`).
public struct OutboxMessage: Codable, Sendable, Equatable {
    /// Why a message failed, for reports.
    public struct Failure: Codable, Sendable, Equatable {
        public var id: String
        public var reason: String
    }

    /// The service record's id.
    public var id: String
    public var caseUID: String
    public var channel: String
    public var address: String
    /// waiting (not tried yet), retrying (failed, tried again at `nextAttemptAt`), delivered, or abandoned.
    public var state: String
    public var attempts: Int
    public var lastError: String?
    /// Beijing time with the zone, e.g. "2026-12-07 10:12:03 +08:00".
    public var queuedAt: String?
    public var nextAttemptAt: String?
    public var deliveredAt: String?
    /// Why it will never be sent (its service record never reached the case).
    public var abandoned: String?
}
