import DocketCore
import Testing

@Suite struct HybridClockTests {
    @Test func textFormRoundTripsAndSortsLikeTime() throws {
        let t = HybridTimestamp(milliseconds: 1_795_940_484_123, counter: 7)
        #expect(t.description == "2026-11-29T08:21:24.123Z-0007")
        #expect(try HybridTimestamp(parsing: t.description) == t)
        #expect(t.compact == "20261129T082124123Z0007")
        let later = HybridTimestamp(milliseconds: 1_795_940_484_124, counter: 0)
        #expect(t < later && t.description < later.description)
    }

    @Test func neverGoesBackwardsNorRepeats() {
        let box = Box(values: [100, 100, 90, 100, 200])
        var clock = HybridClock { box.next() }
        let readings = (0..<5).map { _ in clock.now() }
        #expect(readings == readings.sorted())
        #expect(Set(readings).count == 5)
        #expect(readings[4] == HybridTimestamp(milliseconds: 200))
    }

    @Test func observingAPeerClockAheadMovesPastIt() {
        var clock = HybridClock { 100 }
        clock.observe(HybridTimestamp(milliseconds: 5_000, counter: 2))
        #expect(clock.now() == HybridTimestamp(milliseconds: 5_000, counter: 3))
    }

    @Test func refusesMalformedText() {
        #expect(throws: DocketError.self) { _ = try HybridTimestamp(parsing: "2026-11-29T08:21:24Z") }
        #expect(throws: DocketError.self) { _ = try HybridTimestamp(parsing: "2026-13-29T08:21:24.123Z-0001") }
    }
}

final class Box: @unchecked Sendable {
    var values: [Int64]
    init(values: [Int64]) { self.values = values }
    func next() -> Int64 { values.removeFirst() }
}
