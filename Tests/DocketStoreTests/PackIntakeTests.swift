import DocketCore
import DocketGit
import DocketStore
import Foundation
import Testing

/// A pack brought to a case is checked by libgit2's indexer against what the case holds when the intake starts —
/// in its packs and as loose objects (stock git's receive-pack leaves small pushes loose) — and refused when it
/// names an object nobody holds.
@Suite struct PackIntakeTests {
    private func intake(_ bytes: [UInt8], into folder: URL, against repo: Repository) throws -> Int {
        let intake = try PackIntake(into: folder.path, checkingAgainst: repo)
        try bytes.withUnsafeBytes { try intake.append($0) }
        return try intake.commit().objects
    }

    @Test func anIntakeFindsWhatTheCaseHoldsPackedOrLooseAndRefusesAPackNamingWhatNobodyHolds() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        let source = try Repository.open(t.node.paths.repository(ofCase: uid).path)
        let first = try #require(try source.reference("refs/heads/main"))
        try t.node.updateCase(uid) { file, actor in
            try CaseActions.edit(file, set: [("claims", "判令被告偿还借款本金及逾期利息")], by: actor)
        }
        let second = try #require(try source.reference("refs/heads/main"))
        let whole = try #require(try source.packBytes(from: first, hiding: [])).bytes
        let edit = try #require(try source.packBytes(from: second, hiding: [first])).bytes

        // The case as it was, its objects in a pack: the edit's pack names the first commit and its trees.
        let packed = try Repository.create(bareAt: t.root.appendingPathComponent("packed.git").path)
        _ = try intake(whole, into: t.root.appendingPathComponent("packed.git/objects/pack"), against: packed)
        let taken = try intake(edit, into: t.root.appendingPathComponent("q-packed"), against: packed)
        #expect(taken > 0)

        // The same, its objects loose.
        let loosePath = t.root.appendingPathComponent("loose.git")
        let loose = try Repository.create(bareAt: loosePath.path)
        let wholeFile = t.root.appendingPathComponent("whole.pack")
        try Data(whole).write(to: wholeFile)
        let unpacked = try TestNode.run(
            "/bin/sh", ["-c", "git --git-dir '\(loosePath.path)' unpack-objects -q < '\(wholeFile.path)'"])
        #expect(unpacked.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: loosePath.path + "/objects/pack").isEmpty)
        #expect(try intake(edit, into: t.root.appendingPathComponent("q-loose"), against: loose) == taken)

        // A case that holds none of it: the pack names a parent and trees nobody has.
        let empty = try Repository.create(bareAt: t.root.appendingPathComponent("empty.git").path)
        #expect(throws: GitError.self) {
            try intake(edit, into: t.root.appendingPathComponent("q-empty"), against: empty)
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: t.root.appendingPathComponent("q-empty").path)
        #expect(!left.contains { $0.hasSuffix(".idx") })
    }
}
