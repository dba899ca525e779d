import DocketCore
import Testing

@Suite struct FileNameTests {
    @Test(arguments: [
        "../etc/passwd", "a/../../b", "..\\x", "C:\\x", "..", ".", "", "   ", "a\u{0}b", "x\u{7}y",
        "meta.json", "..hidden", String(repeating: "长", count: 80),
    ])
    func refusesHostileNames(name: String) {
        #expect(throws: DocketError.self) { _ = try FileName.sanitize(name) }
    }

    @Test(arguments: [("起诉状.pdf", "起诉状.pdf"), (" evidence 1.jpg ", "evidence 1.jpg"), ("a.b.c", "a.b.c")])
    func keepsOrdinaryNames(name: String, kept: String) throws {
        #expect(try FileName.sanitize(name) == kept)
    }
}
