import DocketCore
import DocketStore
import Foundation
import Testing

/// Offline transfer: cases travel in a signed file and are checked like a push on the way in.
@Suite(.serialized) struct BundleTests {
    /// A court and a firm that know each other's keys, without a network between them.
    func pair(_ c: Cluster) throws {
        try c.docket(
            "court",
            ["init", "--role", "court", "--node-id", "court-lixia", "--name", "历下区人民法院", "--court-code", "鲁0102"])
        try c.docket("firm-a", ["init", "--role", "firm", "--node-id", "firm-a", "--name", "甲律师事务所"])
        let courtKey = (try c.json("court", ["node"]) as! [String: Any])["publicKey"] as! String
        let firmKey = (try c.json("firm-a", ["node"]) as! [String: Any])["publicKey"] as! String
        _ = try c.json("court", ["peer", "invite", "firm-a", "--role", "firm", "--public-key", firmKey])
        try c.docket(
            "firm-a",
            [
                "peer", "add", "court-lixia", "--url", "http://127.0.0.1:9", "--role", "court", "--court-code", "鲁0102",
                "--public-key", courtKey, "--token", "unused",
            ])
    }

    @Test func casesTravelBothWaysByFile() throws {
        let c = try Cluster()
        try pair(c)
        let uid = try c.file(on: "firm-a")
        let toCourt = c.root.appendingPathComponent("to-court.zip").path
        try c.docket("firm-a", ["bundle", "export", "--peer", "court-lixia", "-o", toCourt])
        let imported = try c.json("court", ["bundle", "import", toCourt]) as! [String: Any]
        #expect(imported["imported"] as? [String] == [uid])
        let number = (try c.json("court", ["filing", "accept", uid]) as! [String: Any])["caseNumber"] as! String

        let toFirm = c.root.appendingPathComponent("to-firm.zip").path
        try c.docket("court", ["bundle", "export", "--peer", "firm-a", "-o", toFirm])
        _ = try c.json("firm-a", ["bundle", "import", toFirm])
        #expect((try c.json("firm-a", ["case", "show", uid]) as! [String: Any])["caseNumber"] as? String == number)
        // Importing the same file again changes nothing.
        let again = try c.json("firm-a", ["bundle", "import", toFirm]) as! [String: Any]
        #expect(again["fastForwarded"] as? Int == 0 && (again["refused"] as? [String])?.isEmpty == true)
    }

    @Test func tamperedOrForeignFilesAreRefused() throws {
        let c = try Cluster()
        try pair(c)
        let uid = try c.file(on: "firm-a")
        let file = c.root.appendingPathComponent("to-court.zip").path
        try c.docket("firm-a", ["bundle", "export", "--peer", "court-lixia", "-o", file])

        // The manifest altered after signing (repacked by stock zip tools): signature no longer verifies.
        let unpacked = c.root.appendingPathComponent("unpacked").path
        _ = try Cluster.run(
            "/usr/bin/python3",
            [
                "-c",
                """
                import zipfile,sys
                z=zipfile.ZipFile(sys.argv[1]); out=zipfile.ZipFile(sys.argv[2],'w')
                for n in z.namelist():
                    d=z.read(n)
                    if n=='manifest.json': d=d.replace(b'firm-a', b'firm-b', 1)
                    out.writestr(n,d)
                out.close()
                """, file, unpacked + ".zip",
            ])
        let tampered = try Cluster.run(
            Cluster.binary, ["bundle", "import", unpacked + ".zip", "--data", c.data("court")])
        #expect(tampered.status != 0)

        // The same file handed to a node it was not made for.
        try c.docket(
            "other-court",
            ["init", "--role", "court", "--node-id", "court-other", "--name", "另一法院", "--court-code", "鲁0103"])
        #expect(
            try Cluster.run(Cluster.binary, ["bundle", "import", file, "--data", c.data("other-court")]).status != 0)

        // A case the firm changed in a way only a court may: refused, nothing stored.
        let forgedFile = c.root.appendingPathComponent("forged.zip").path
        try c.docket("firm-a", ["case", "edit", uid, "--set", "claims=追加利息"])
        // Through its own CLI the firm is refused (only the court numbers a case); through the library it forges.
        // Write a commit by firm-a that sets the case number itself, through the library (a hostile firm).
        let node = try Node.open(at: URL(fileURLWithPath: c.data("firm-a")))
        try node.forgeCourtField(uid)
        try c.docket("firm-a", ["bundle", "export", "--peer", "court-lixia", "-o", forgedFile, "--since", "0"])
        let refused = try Cluster.run(
            Cluster.binary, ["bundle", "import", forgedFile, "--json", "--data", c.data("court")])
        #expect(
            refused.status != 0 && refused.out.contains("firm-a may not change caseNumber of case.json"),
            "\(refused.out)")
        #expect((try c.json("court", ["case", "list"]) as! [Any]).isEmpty)
    }
}
