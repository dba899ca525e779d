import DocketCore
import DocketGit
import DocketStore
import Foundation
import Testing

/// Issue 13: what a hostile firm with stock git, its own valid token and its own valid Ed25519 key can push into
/// a case it legitimately sees. Each attack is refused with a reason the pusher reads, the court's references
/// and objects do not move, and `docket fsck` stays clean.
@Suite struct HostilePushTests {
    @Test(arguments: HostileAttack.allCases) func attackIsRefusedAndChangesNothing(_ attack: HostileAttack) throws {
        let s = try HostileScene.accepted()
        let target = attack == .caseOfAnotherFirm ? HostileAttack.newUID() : s.uid
        if attack == .oversizedDocument { try s.c.docket("court", ["config", "set", "documents.maxBytes", "1000"]) }
        let before = try s.courtSnapshot(target)
        let commit = try attack.forge(in: s, by: s.firm, own: s.plaintiff, other: s.defendant, uid: target)
        let pushed = try s.push(commit, uid: target)
        #expect(pushed.status != 0, "the push went through")
        #expect(pushed.err.contains(attack.reason(by: "firm-a", pulled: false)), "\(pushed.err)")
        if ProcessInfo.processInfo.environment["DOCKET_SHOW_REFUSALS"] != nil {
            print("[\(attack.rawValue)]\n\(pushed.err)")
        }
        #expect(try s.courtSnapshot(target) == before)
        try s.c.docket("court", ["fsck"])
    }

}
