import DocketCore
import DocketGit
import DocketStore
import Foundation
import Testing

@Suite struct DocumentAndSearchTests {
    func tip(_ t: TestNode, _ uid: String) throws -> ObjectID? {
        try Repository.open(t.node.paths.repository(ofCase: uid).path).reference("refs/heads/main")
    }

    @Test func documentsRoundTripWithTheirDigest() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        let bytes = Array(repeating: UInt8(7), count: 10_000)
        let meta = try t.node.addDocument(uid, bytes: bytes, name: "证据目录.pdf", title: "证据目录")
        #expect(meta.sha256.count == 64 && meta.size == 10_000)
        let (stored, back) = try t.node.document(uid, id: meta.id)
        #expect(back == bytes && stored == meta)
        #expect(try t.node.caseFile(uid).timeline.last?.kind == "document-added")
    }

    @Test(arguments: ["../../etc/passwd", "a/b.txt", "..", "x\u{1}.txt"])
    func hostileNamesChangeNothing(name: String) throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        let before = try tip(t, uid)
        #expect(throws: DocketError.self) { _ = try t.node.addDocument(uid, bytes: [1, 2, 3], name: name) }
        #expect(try tip(t, uid) == before)
    }

    @Test func oversizedFilesChangeNothing() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        try t.node.set(.documentMaxBytes, to: "1000")
        let file = t.root.appendingPathComponent("big.bin")
        try Data(repeating: 1, count: 1001).write(to: file)
        let before = try tip(t, uid)
        #expect(throws: DocketError.self) { _ = try t.node.addDocument(uid, file: file) }
        #expect(try tip(t, uid) == before)
        let cli = try TestNode.run(TestNode.docketBinary, ["doc", "add", uid, file.path, "--data", t.data.path])
        #expect(cli.status != 0 && cli.error.contains("documents.maxBytes"))
        #expect(try tip(t, uid) == before)
    }

    @Test func chineseFullTextSearch() throws {
        let t = try TestNode()
        let loan = try t.fileCase()
        let other = try t.fileCase(
            TestNode.filing.replacingOccurrences(of: "民间借贷纠纷", with: "房屋租赁合同纠纷")
                .replacingOccurrences(of: "张三丰", with: "赵六"))
        #expect(try t.node.search("民间借贷").map(\.uid) == [loan.record.uid])
        #expect(try t.node.search("租赁合同").map(\.uid) == [other.record.uid])
        #expect(try t.node.search("张三丰").map(\.uid) == [loan.record.uid])
        #expect(try t.node.search("赵六").map(\.uid) == [other.record.uid])  // two characters: the pair index
        #expect(try Set(t.node.search("李四").map(\.uid)) == [loan.record.uid, other.record.uid])
        #expect(try t.node.search("王律师").count == 2)
        #expect(try t.node.search("刑事").isEmpty)
        #expect(try t.node.search("100%").isEmpty)
    }
}
