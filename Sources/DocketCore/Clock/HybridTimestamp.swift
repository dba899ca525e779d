import Foundation

/// A hybrid logical clock reading: wall-clock milliseconds (UTC) plus a counter for events within one millisecond
/// or after a peer's clock ran ahead.
///
/// Its text form, `2026-11-29T08:21:24.123Z-0001`, is fixed width, so comparing the text compares the times; it is
/// what records store in `updatedAt` and what orders the timeline.
public struct HybridTimestamp: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var milliseconds: Int64
    /// Orders events that share a millisecond (0...9999).
    public var counter: Int

    public init(milliseconds: Int64, counter: Int = 0) {
        self.milliseconds = milliseconds
        self.counter = counter
    }

    /// Parses the text form; throws on anything else.
    public init(parsing text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.count == 29, bytes[23] == UInt8(ascii: "Z"), bytes[24] == UInt8(ascii: "-"),
            let counter = Int(String(decoding: bytes[25...], as: UTF8.self)),
            let ms = UTCTime.milliseconds(parsingISO: String(decoding: bytes[0..<24], as: UTF8.self))
        else {
            throw DocketError(
                .invalidInput, key: "clock.timestamp-invalid", zh: "“\(text)”不是形如 2026-11-29T08:21:24.123Z-0001 "
                    + "的时钟读数。",
                en: "\"\(text)\" is not a clock reading like 2026-11-29T08:21:24.123Z-0001.")
        }
        self.init(milliseconds: ms, counter: counter)
    }

    /// The fixed-width text form.
    public var description: String {
        let c = String(counter)
        return UTCTime.isoString(milliseconds: milliseconds) + "-" + String(repeating: "0", count: max(0, 4 - c.count))
            + c
    }

    /// The text form without separators that file systems dislike, for file names: `20261129T082124123Z0001`.
    public var compact: String {
        description.filter { $0 != "-" && $0 != ":" && $0 != "." }
    }

    /// The wall-clock time it was taken at.
    public var date: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    public static func < (a: HybridTimestamp, b: HybridTimestamp) -> Bool {
        (a.milliseconds, a.counter) < (b.milliseconds, b.counter)
    }

    public init(from decoder: any Decoder) throws {
        try self.init(parsing: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A hybrid logical clock: never goes backwards, never repeats a reading, and moves past any reading it is shown.
public struct HybridClock: Sendable {
    private var last: HybridTimestamp
    private let physical: @Sendable () -> Int64

    /// A clock reading `physical()` (milliseconds since 1970) that starts after `last`.
    public init(last: HybridTimestamp = HybridTimestamp(milliseconds: 0), physical: @escaping @Sendable () -> Int64) {
        self.last = last
        self.physical = physical
    }

    /// The system clock.
    public static func system(after last: HybridTimestamp = HybridTimestamp(milliseconds: 0)) -> HybridClock {
        HybridClock(last: last) { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
    }

    /// A new reading, later than every reading given or observed before.
    public mutating func now() -> HybridTimestamp {
        let wall = physical()
        if wall > last.milliseconds {
            last = HybridTimestamp(milliseconds: wall)
        } else if last.counter < 9999 {
            last = HybridTimestamp(milliseconds: last.milliseconds, counter: last.counter + 1)
        } else {
            last = HybridTimestamp(milliseconds: last.milliseconds + 1)
        }
        return last
    }

    /// Takes note of a reading from elsewhere (a peer's record) so that later readings come after it.
    public mutating func observe(_ other: HybridTimestamp) {
        if other > last { last = other }
    }
}
