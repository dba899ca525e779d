/// The time a hearing takes a courtroom and a judge, as the node's index lists it for every case of the court: a
/// new hearing is checked against all of them, and collisions after a merge are found the same way.
public struct HearingSlot: Sendable, Equatable {
    public var caseUID: String
    public var caseNumber: String?
    public var hearingId: String
    public var mode: HearingMode
    public var startsAt: LocalDateTime
    public var endsAt: LocalDateTime
    public var place: String?
    public var judge: String?
    /// When the hearing was scheduled and by which node: of two that collide after a merge, the earlier keeps its
    /// time (ties broken by node id, so every node decides the same).
    public var createdAt: HybridTimestamp
    public var node: String

    public init(
        caseUID: String, caseNumber: String?, hearingId: String, mode: HearingMode, startsAt: LocalDateTime,
        endsAt: LocalDateTime, place: String?, judge: String?,
        createdAt: HybridTimestamp = HybridTimestamp(milliseconds: 0), node: String = ""
    ) {
        self.caseUID = caseUID; self.caseNumber = caseNumber; self.hearingId = hearingId; self.mode = mode
        self.startsAt = startsAt; self.endsAt = endsAt; self.place = place; self.judge = judge
        self.createdAt = createdAt; self.node = node
    }

    /// The slot of a scheduled hearing of a case.
    public init(_ hearing: HearingRecord, in record: CaseRecord) {
        self.init(
            caseUID: record.uid, caseNumber: record.caseNumber, hearingId: hearing.id, mode: hearing.mode,
            startsAt: hearing.startsAt, endsAt: hearing.end, place: hearing.place, judge: hearing.judge ?? record.judge,
            createdAt: hearing.createdAt, node: hearing.updatedBy)
    }

    /// Pairs of hearings that cannot both go ahead (two court nodes scheduled them offline, or two cases raced on
    /// one node): the one scheduled first keeps its time, the other gets an open conflict in its own case. Every
    /// node that knows both finds the same pairs.
    public static func collisions(_ slots: [HearingSlot]) -> [(kept: HearingSlot, lost: HearingSlot)] {
        let ordered = slots.sorted {
            ($0.createdAt, $0.node, $0.caseUID, $0.hearingId) < ($1.createdAt, $1.node, $1.caseUID, $1.hearingId)
        }
        // A hearing that lost its time takes nothing from those after it: only the ones that keep theirs count.
        var kept: [HearingSlot] = [], pairs: [(HearingSlot, HearingSlot)] = []
        for slot in ordered {
            if let earlier = kept.first(where: { slot.clash(with: $0) != nil }) {
                pairs.append((earlier, slot))
            } else {
                kept.append(slot)
            }
        }
        return pairs
    }

    /// The open conflict a hearing that lost its time gets in its own case (`conflicts/<id>.json`, field
    /// `startsAt` of the hearing), naming the hearing that keeps it. Derived from the two hearings only, so every
    /// node writes the same record.
    public static func conflictRecord(kept: HearingSlot, lost: HearingSlot) -> ConflictRecord {
        func value(_ slot: HearingSlot) -> JSONValue {
            .object([
                "case": .string(slot.caseUID), "hearing": .string(slot.hearingId),
                "startsAt": .string(slot.startsAt.description),
                "place": slot.place.map(JSONValue.string) ?? .null, "judge": slot.judge.map(JSONValue.string) ?? .null,
            ])
        }
        let path = "hearings/\(lost.hearingId).json"
        let values = [
            ConflictRecord.Value(node: kept.node, value: value(kept), updatedAt: kept.createdAt),
            ConflictRecord.Value(node: lost.node, value: value(lost), updatedAt: lost.createdAt),
        ]
        .sorted { ($0.node, $0.updatedAt) < ($1.node, $1.updatedAt) }
        let opened = max(kept.createdAt, lost.createdAt)
        return ConflictRecord(
            id: ConflictRecord.id(
                caseUID: lost.caseUID, path: path, field: "startsAt", values: [value(kept), value(lost)]),
            caseUID: lost.caseUID, path: path, field: "startsAt", values: values, winner: kept.node,
            needsReview: true, openedAt: opened, updatedAt: opened, updatedBy: kept.node)
    }

    /// What makes two sittings impossible together: they overlap in time and share a courtroom (an in-person
    /// hearing's place) or a judge. Nil when they can both go ahead (or are the same hearing).
    public func clash(with other: HearingSlot) -> (english: String, chinese: String)? {
        guard !(other.caseUID == caseUID && other.hearingId == hearingId),
            startsAt < other.endsAt, other.startsAt < endsAt
        else { return nil }
        let when =
            "\(other.startsAt.description.replacingOccurrences(of: "T", with: " "))–"
            + "\(LocalDate.pad(other.endsAt.hour, 2)):\(LocalDate.pad(other.endsAt.minute, 2))"
        let which = other.caseNumber ?? other.caseUID
        if mode == .inPerson, other.mode == .inPerson, let place, !place.isEmpty, place == other.place {
            return (
                "\(place) is taken by hearing \(other.hearingId) of \(which) at \(when) (Beijing time).",
                "\(place)在\(when)（北京时间）已安排\(which)的庭审。"
            )
        }
        if let judge, !judge.isEmpty, judge == other.judge {
            return (
                "Judge \(judge) sits in hearing \(other.hearingId) of \(which) at \(when) (Beijing time).",
                "审判员\(judge)在\(when)（北京时间）已有\(which)的庭审。"
            )
        }
        return nil
    }
}
