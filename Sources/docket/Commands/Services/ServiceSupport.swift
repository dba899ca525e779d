import DocketCore
import DocketStore
import Foundation

/// What the service commands share: reading an attached file, and printing one request or hearing.
enum ServiceSupport {
    /// The bytes and file name of `path`, or an error naming it.
    static func file(_ path: String) throws -> (name: String, bytes: [UInt8]) {
        guard let data = FileManager.default.contents(atPath: path) else { throw DocketError("Cannot read \(path).") }
        return (URL(fileURLWithPath: path).lastPathComponent, Array(data))
    }

    /// Prints a service request: JSON, or one line a clerk can read.
    static func show(_ filing: FilingRecord?, json: Bool) throws {
        guard let filing else { throw DocketError("The request was not written.") }
        if json { return try printJSON(filing) }
        let court = filing.court.isEmpty ? "" : "  court: " + filing.court.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        print("\(filing.id)  \(filing.kind.chinese) (\(filing.kind.rawValue))  \(filing.state.rawValue)\(court)")
    }

    /// Prints a hearing: JSON, or one line.
    static func show(_ hearing: HearingRecord?, json: Bool) throws {
        guard let hearing else { throw DocketError("The hearing was not written.") }
        if json { return try printJSON(hearing) }
        print("\(hearing.id)  \(hearing.mode.chinese) \(hearing.startsAt)  \(hearing.state.rawValue)  signed by \(hearing.signatures.keys.sorted().joined(separator: ", ").isEmpty ? "nobody yet" : hearing.signatures.keys.sorted().joined(separator: ", "))")
    }

    /// A date and time typed by a person ("2026-12-08 09:30"), Asia/Shanghai.
    static func dateTime(_ text: String) throws -> LocalDateTime { try LocalDateTime(parsing: text) }
}
