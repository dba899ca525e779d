import Foundation
import Testing

/// The shipped cause list's pinyin initials agree with Debian's pinyin dictionary (librime's pinyin_simp): every
/// initial is the first letter of a reading of its character, so a visitor typing what they say finds the cause.
struct CauseInitialsTests {
    static let dictionary = "/usr/share/rime-data/pinyin_simp.dict.yaml"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: dictionary))) func initialsAreReadingsOfTheirCharacters()
        throws
    {
        var readings: [Character: Set<Character>] = [:]
        for line in try String(contentsOfFile: Self.dictionary, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: "\t")
            guard parts.count >= 2, parts[0].count == 1, let first = parts[1].first else { continue }
            readings[parts[0].first!, default: []].insert(first)
        }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Kiosk/causes.json")
        let list = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let causes = list["causes"] as! [[String: String]]
        #expect(causes.count >= 80)
        for cause in causes {
            let name = Array(cause["name"]!.filter { $0 != "、" }), initials = Array(cause["initials"]!)
            #expect(name.count == initials.count, "\(cause["name"]!)")
            for (character, initial) in zip(name, initials) {
                #expect(
                    readings[character]?.contains(initial) == true,
                    "\(character) in \(cause["name"]!) is not read with \(initial)")
            }
        }
    }
}
