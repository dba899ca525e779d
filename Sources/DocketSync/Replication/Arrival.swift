import DocketCore
import DocketStore
import Foundation

/// Why a case this node does not hold may not arrive from a peer (by push, fetch or bundle): it belongs to
/// another court, or it is not the sender's to bring, or this node is not party to it.
public struct ArrivalRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var chinese: String
    public var english: String
    public var description: String { "\(chinese) \(english)" }
}

extension Replication {
    /// Whether a case this node does not hold yet may arrive from `peer`:
    /// - on a court: a case filed with this court, and — unless the sender is a court — filed by the sender;
    /// - on a firm: a case it filed or in which it represents a party (a firm receives only its own cases);
    /// - on a kiosk: a case of its own court.
    package func checkArrival(_ file: CaseFile, from peer: Peer) throws {
        let record = file.record
        switch node.config.role {
        case .court:
            guard record.court == node.config.courtCode else {
                throw ArrivalRefusal(
                    chinese: "该案件向 \(record.court) 立案，不是本院的案件。",
                    english: "The case is filed with court \(record.court), not with this court.")
            }
            if peer.role != .court, record.filedBy != peer.nodeId {
                throw ArrivalRefusal(
                    chinese: "\(peer.nodeId) 只能送来自己提交的案件，该案件由 \(record.filedBy) 提交。",
                    english:
                        "\(peer.nodeId) may only bring cases it filed itself; this one was filed by \(record.filedBy).")
            }
        case .firm:
            guard
                record.filedBy == node.config.nodeId
                    || file.parties.contains(where: { $0.representative?.firm == node.config.nodeId })
            else {
                throw ArrivalRefusal(
                    chinese: "本所既非该案件的立案提交方，也不代理其任何当事人。",
                    english: "This firm neither filed the case nor represents any of its parties.")
            }
        case .kiosk:
            guard record.court == node.participant.courtCode else {
                throw ArrivalRefusal(
                    chinese: "该案件不属于本终端所在法院。", english: "The case is not one of this terminal's court.")
            }
        }
    }
}
