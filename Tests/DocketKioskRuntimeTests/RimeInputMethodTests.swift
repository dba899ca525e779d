import DocketInput
import DocketKiosk
import Foundation
import Testing

/// librime itself, deployed into a folder of its own as the kiosk does it: pinyin gives simplified characters,
/// choices and Backspace behave as the kiosk expects, nothing typed is learned.
@Suite(.serialized) struct RimeInputMethodTests {
    /// librime serves one folder per process: the tests share one, removed when the process ends.
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("docket-rime-\(getpid())")
        atexit {
            try? FileManager.default.removeItem(
                at: FileManager.default.temporaryDirectory.appendingPathComponent("docket-rime-\(getpid())"))
        }
        return url
    }()
    static let engine: Result<RimeInputMethod, Error> = Result { try RimeInputMethod(folder: folder) }

    static var available: Bool {
        FileManager.default.fileExists(atPath: "/usr/share/rime-data/pinyin_simp.schema.yaml")
    }

    @Test(.enabled(if: available)) func zhangsanGivesZhangSanInSimplifiedCharacters() throws {
        let rime = try Self.engine.get()
        let open = rime.compose("zhangsan".map { .letter($0) })
        #expect(open.candidates.first == "张三")
        #expect(open.committed == nil && open.preedit.replacingOccurrences(of: " ", with: "") == "zhangsan")
        #expect(rime.compose("zhangsan".map { .letter($0) } + [.choose(1)]).committed == "张三")
        let china = rime.compose("zhongguo".map { .letter($0) })
        #expect(china.candidates.first == "中国" && !china.candidates.contains("中國"))
        #expect(rime.compose("falv".map { .letter($0) }).candidates.first == "法律")
        #expect(
            FileManager.default.fileExists(
                atPath: Self.folder.appendingPathComponent("build/pinyin_simp.prism.bin").path),
            "deployed into the kiosk's own folder")
    }

    @Test(.enabled(if: available)) func aPartialChoiceBackspaceAndEnter() throws {
        let rime = try Self.engine.get()
        let letters: [CompositionKey] = "zhangsan".map { .letter($0) }
        let part = rime.compose(letters + [.choose(2)])
        #expect(part.committed == nil && part.preedit.hasPrefix("张") && part.candidates.first == "三")
        #expect(rime.compose(letters + [.choose(2), .choose(1)]).committed == "张三")
        let undone = rime.compose(letters + [.choose(2), .backspace])
        #expect(undone.candidates.first == "张三", "Backspace takes the choice back")
        #expect(rime.compose(letters + [.enter]).committed == "zhangsan", "Enter gives the letters as typed")
        #expect(rime.compose(Array(letters.prefix(2)) + [.backspace, .backspace]).isEmpty)
        let paged = rime.compose(Array(letters.prefix(5)) + [.nextPage])
        #expect(paged.page == 1 && paged.candidates.count == RimeInputMethod.pageSize)
    }

    @Test(.enabled(if: available)) func composeDependsOnlyOnItsKeys() throws {
        let rime = try Self.engine.get()
        let keys: [CompositionKey] = "lisi".map { .letter($0) } + [.choose(2)] + "wang".map { .letter($0) }
        var incremental = Composition()
        for n in 1...keys.count { incremental = rime.compose(Array(keys.prefix(n))) }
        _ = rime.compose("xyz".map { .letter($0) })  // something else in between
        let replayed = rime.compose(keys)
        #expect(replayed == incremental)
        rime.reset()
        #expect(rime.compose(keys) == incremental)
    }

    @Test(.enabled(if: available)) func nothingTypedIsLearned() throws {
        let rime = try Self.engine.get()
        let zhang: [CompositionKey] = "zhang".map { .letter($0) }
        let before = rime.compose(zhang).candidates
        let fifth = before[4]
        for _ in 0..<5 { #expect(rime.compose(zhang + [.choose(5)]).committed == fifth) }
        #expect(
            rime.compose(zhang).candidates == before,
            "one visitor's choices never reorder the next visitor's candidates")
        let userDictionaries = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter {
            $0.hasSuffix(".userdb")
        }
        #expect(userDictionaries.isEmpty, "no user dictionary is kept: \(userDictionaries)")
    }

    @Test(.enabled(if: available)) func oneFolderPerProcess() throws {
        _ = try Self.engine.get()
        let other = FileManager.default.temporaryDirectory.appendingPathComponent(
            "docket-rime-other-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: other) }
        #expect(throws: RimeError.otherFolder(Self.folder.standardizedFileURL.path)) {
            _ = try RimeInputMethod(folder: other)
        }
        let again = try RimeInputMethod(folder: Self.folder)
        #expect(again.compose([.letter("a")]).candidates.isEmpty == false)
    }
}
