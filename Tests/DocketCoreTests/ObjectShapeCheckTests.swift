import DocketCore
import Testing

/// Raw trees and commits as a hostile node could write them with stock git (`hash-object --literally`): each is
/// refused for its own reason, and what a Docket node writes passes.
struct ObjectShapeCheckTests {
    private static let id = [UInt8](repeating: 0xAB, count: 20)

    private static func tree(_ entries: [(mode: String, name: String)]) -> [UInt8] {
        entries.flatMap { Array("\($0.mode) \($0.name)".utf8) + [0] + id }
    }

    private static let hex = String(repeating: "ab", count: 20)
    private static let author = "admin <admin@firm-a> 1765000000 +0000"
    private static let committer = "firm-a <firm-a> 1765000000 +0000"

    private static func commit(_ header: [String], message: String = "change\n") -> [UInt8] {
        Array((header.joined(separator: "\n") + "\n\n" + message).utf8)
    }

    @Test func aTreeAsNodesWriteItPasses() {
        let raw = Self.tree([
            ("100644", "case.json"), ("40000", "documents"), ("40000", "parties"), ("100644", "parties.json"),
        ])
        // "parties" (a folder) sorts as "parties/", after "parties.json" in byte order — so this one is unsorted.
        #expect(ObjectShapeCheck.treeProblems(raw) == ["parties.json is out of git's order in its tree"])
        let sorted = Self.tree([
            ("100644", "case.json"), ("40000", "documents"), ("100644", "parties.json"), ("40000", "parties"),
        ])
        #expect(ObjectShapeCheck.treeProblems(sorted).isEmpty)
        #expect(ObjectShapeCheck.treeProblems([]).isEmpty)
    }

    @Test func aNameTwiceIsRefused() {
        let raw = Self.tree([("100644", "a.json"), ("100644", "a.json")])
        #expect(ObjectShapeCheck.treeProblems(raw) == ["a.json appears twice in one tree"])
        let fileAndFolder = Self.tree([("100644", "a"), ("40000", "a")])
        #expect(ObjectShapeCheck.treeProblems(fileAndFolder) == ["a appears twice in one tree"])
    }

    @Test func modesOtherThanAFileOrAFolderAreRefused() {
        for mode in ["0100644", "100755", "120000", "160000", "040000"] {
            let problems = ObjectShapeCheck.treeProblems(Self.tree([(mode, "x.json")]))
            #expect(problems == ["x.json has mode \(mode) (only 100644 and 40000)"], "mode \(mode)")
        }
    }

    @Test func aCutOrNamelessEntryIsRefused() {
        var cut = Self.tree([("100644", "a.json")])
        cut.removeLast(5)
        #expect(ObjectShapeCheck.treeProblems(cut) == ["a tree entry is cut short"])
        #expect(ObjectShapeCheck.treeProblems(Self.tree([("100644", "")])) == ["a tree entry has the name \"\""])
        #expect(ObjectShapeCheck.treeProblems(Array("100644".utf8)) == ["a tree entry has no mode"])
    }

    @Test func aCommitAsNodesWriteItPasses() {
        let raw = Self.commit([
            "tree \(Self.hex)", "parent \(Self.hex)", "parent \(Self.hex)", "author \(Self.author)",
            "committer \(Self.committer)", "encoding UTF-8", "docketsig firm-a:c2lnbmF0dXJl",
        ])
        #expect(ObjectShapeCheck.commitProblems(raw).isEmpty)
        #expect(ObjectShapeCheck.commitProblems(Self.commit(["tree \(Self.hex)", "author 张三 <z@a> 0 +0800",
            "committer \(Self.committer)"])).isEmpty)
    }

    @Test func extraOrRepeatedHeadersAreRefused() {
        let base = ["tree \(Self.hex)", "author \(Self.author)", "committer \(Self.committer)"]
        let twoSignatures = Self.commit(base + ["docketsig a:b", "docketsig c:d"])
        #expect(ObjectShapeCheck.commitProblems(twoSignatures) == ["the header docketsig appears twice"])
        let gpg = ObjectShapeCheck.commitProblems(Self.commit(base + ["gpgsig x"]))
        #expect(gpg.count == 1 && gpg[0].contains("\"gpgsig x\" is not one of"))
        let continued = ObjectShapeCheck.commitProblems(Self.commit(base + ["docketsig a:b", " more"]))
        #expect(continued.count == 1 && continued[0].contains("\" more\""))
        let twoTrees = ObjectShapeCheck.commitProblems(Self.commit(["tree \(Self.hex)"] + base))
        #expect(twoTrees.count == 1 && twoTrees[0].contains("tree"))
        let late = ObjectShapeCheck.commitProblems(
            Self.commit(["tree \(Self.hex)", "author \(Self.author)", "parent \(Self.hex)", "committer x"]))
        #expect(late.count == 1 && late[0].contains("\"parent"))
    }

    @Test func malformedIdentitiesAndIdsAreRefused() {
        func problems(author: String, tree: String = Self.hex) -> [String] {
            ObjectShapeCheck.commitProblems(
                Self.commit(["tree \(tree)", "author \(author)", "committer \(Self.committer)"]))
        }
        #expect(problems(author: "<a@b> 0 +0000") == ["author: no name before the email"])
        #expect(problems(author: "a b 0 +0000") == ["author: no <email>"])
        #expect(problems(author: "a <b> 0") == ["author: no time after the email"])
        #expect(problems(author: "a <b> 007 +0000") == ["author: the time 007 is not seconds"])
        #expect(problems(author: "a <b> 7 +08") == ["author: the zone +08 is not ±hhmm"])
        #expect(problems(author: "a <b<c> 7 +0800") == ["author: an angle bracket or line break out of place"])
        #expect(problems(author: Self.author, tree: "AB" + String(Self.hex.dropFirst(2)))
            == ["the tree line does not name an object"])
        #expect(ObjectShapeCheck.commitProblems(Array("tree \(Self.hex)\n".utf8))
            == ["the commit has no blank line after its header"])
        #expect(ObjectShapeCheck.commitProblems(Self.commit(["tree \(Self.hex)"]))
            == ["the commit lacks a tree, author or committer line"])
    }
}
