import DocketCore
import DocketKiosk
import Foundation
import Testing

@testable import DocketKioskRuntime

/// What the kiosk takes from a USB stick: only files a court takes, found without following links or reading
/// hidden files, checked again by their bytes when filed.
@Suite struct MaterialIntakeTests {
    static let pdf = Array("%PDF-1.7\n%%EOF\n".utf8)

    func stick() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docket-usb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("STICK/a/b/c"), withIntermediateDirectories: true)
        return root
    }

    @Test func onlyRealFilesOfTheKindsACourtTakesAreListed() throws {
        let root = try stick()
        defer { try? FileManager.default.removeItem(at: root) }
        let s = root.appendingPathComponent("STICK")
        try Data(Self.pdf).write(to: s.appendingPathComponent("借条.PDF"))
        try Data([0xFF, 0xD8, 0xFF, 0xE0]).write(to: s.appendingPathComponent("a/照片.jpg"))
        try Data(Self.pdf).write(to: s.appendingPathComponent("a/b/c/too-deep.pdf"))
        try Data(Self.pdf).write(to: s.appendingPathComponent(".secret.pdf"))
        try Data("x".utf8).write(to: s.appendingPathComponent("notes.docx"))
        // A link leading off the stick is never followed.
        try FileManager.default.createSymbolicLink(
            atPath: s.appendingPathComponent("link.pdf").path, withDestinationPath: "/etc/hostname")
        // Larger than 20 MB (sparse: no disk used).
        let big = s.appendingPathComponent("big.pdf").path
        FileManager.default.createFile(atPath: big, contents: Data(Self.pdf))
        #expect(truncate(big, 21 * 1024 * 1024) == 0)

        let found = MaterialIntake.find(usbRoot: root.path, scanCommand: nil)
        #expect(found.stickPresent && !found.scanner)
        #expect(found.files.map(\.name) == ["借条.PDF", "照片.jpg"])
        let empty = MaterialIntake.find(usbRoot: root.appendingPathComponent("none").path, scanCommand: ["scanimage"])
        #expect(!empty.stickPresent && empty.files.isEmpty && empty.scanner)
    }

    @Test func aRenamedProgramIsRefusedAndAGoneFileSaysSo() throws {
        let root = try stick()
        defer { try? FileManager.default.removeItem(at: root) }
        let fake = root.appendingPathComponent("STICK/起诉材料.pdf")
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x02]).write(to: fake)  // an ELF program
        let file = KioskMaterialFile(path: fake.path, name: "起诉材料.pdf", size: 5, source: .usb)
        #expect {
            _ = try MaterialIntake.read([file])
        } throws: { error in
            (error as? DocketError)?.key == "kiosk.material-kind"
        }
        let gone = KioskMaterialFile(
            path: root.appendingPathComponent("STICK/gone.pdf").path, name: "gone.pdf", size: 5, source: .usb)
        #expect {
            _ = try MaterialIntake.read([gone])
        } throws: { error in
            (error as? DocketError)?.kind == .unavailable
                && (error as? DocketError)?.chineseMessage.contains("U盘") == true
        }
    }

    @Test func twoFilesOfOneNameKeepBoth() throws {
        let root = try stick()
        defer { try? FileManager.default.removeItem(at: root) }
        let one = root.appendingPathComponent("STICK/借条.pdf"), two = root.appendingPathComponent("STICK/a/借条.pdf")
        try Data(Self.pdf).write(to: one)
        try Data(Self.pdf + [0x0A]).write(to: two)
        let files = [one, two].map { KioskMaterialFile(path: $0.path, name: "借条.pdf", size: 16, source: .usb) }
        let read = try MaterialIntake.read(files)
        #expect(read.map(\.name) == ["借条.pdf", "借条（2）.pdf"])
        #expect(read[1].bytes.count == Self.pdf.count + 1)
    }
}
