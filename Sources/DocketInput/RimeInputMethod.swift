import CRime
import DocketKiosk
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Pinyin input through librime (Debian's librime with the `pinyin_simp` schema, simplified characters): the only
/// Swift that touches librime. It deploys itself into a folder of its own — no desktop, no daemon: the first time
/// it compiles the schema there (about a second), later starts only check it (about 0.2 s).
///
/// Guarantees: nothing typed is learned (the user dictionary is off, so one visitor's words never reorder the next
/// visitor's candidates); `compose` depends only on its keys (it replays them, feeding only the new ones when the
/// keys extend the last call's); librime's log stays off the terminal; two kiosks deploying into one folder take
/// turns (a file lock).
public final class RimeInputMethod: InputMethodEngine {
    /// The schema used: a native simplified-character pinyin dictionary (Debian rime-data-pinyin-simp).
    public static let schema = "pinyin_simp"
    /// Where Debian installs the schemas (rime-data-*).
    public static let sharedDataDirectory = "/usr/share/rime-data"
    /// Candidates per page: numbers 1–9 choose.
    public static let pageSize = 9

    /// Guards every librime call and `initialised`. An NSLock rather than a Mutex: the exit handler takes it and
    /// never gives it back, so no thread reaches librime once it is finalised.
    private static let lock = NSLock()
    /// librime serves one user data folder per process; the one it was set up with. Read and written under `lock`.
    nonisolated(unsafe) private static var initialised: URL?

    private let api: UnsafeMutablePointer<RimeApi>
    private let session: RimeSessionId
    /// The keys librime has been given since the composition was last cleared, and the text they committed.
    private var fed: [CompositionKey] = []
    private var committed = ""
    /// How long deployment took (seconds), for the bench and the log.
    public let deploySeconds: Double

    /// Deploys into `folder` (created when missing) and opens a session. Throws `RimeError` when the schema is not
    /// installed, librime cannot deploy it, or this process already serves another folder.
    public init(folder: URL, sharedData: String = RimeInputMethod.sharedDataDirectory) throws {
        guard FileManager.default.fileExists(atPath: "\(sharedData)/\(Self.schema).schema.yaml") else {
            throw RimeError.schemaMissing(path: "\(sharedData)/\(Self.schema).schema.yaml")
        }
        guard let api = rime_get_api() else { throw RimeError.unavailable }
        self.api = api
        let started = Date()
        try Self.setUp(api, folder: folder.standardizedFileURL, sharedData: sharedData)
        deploySeconds = Date().timeIntervalSince(started)
        let session = api.pointee.create_session()
        guard session != 0 else { throw RimeError.noSession }
        guard api.pointee.select_schema(session, Self.schema) != 0 else {
            _ = api.pointee.destroy_session(session)
            throw RimeError.schemaNotDeployed(Self.schema)
        }
        api.pointee.set_option(session, "ascii_mode", 0)
        self.session = session
        // A schema that deployed but yields nothing would leave visitors typing into a void.
        guard !compose([.letter("a")]).candidates.isEmpty else { throw RimeError.schemaNotDeployed(Self.schema) }
        reset()
    }

    deinit {
        Self.lock.lock(); defer { Self.lock.unlock() }
        _ = api.pointee.destroy_session(session)
    }

    /// The first caller sets librime up for its folder and deploys; later callers with the same folder share it.
    private static func setUp(_ api: UnsafeMutablePointer<RimeApi>, folder: URL, sharedData: String) throws {
        lock.lock(); defer { lock.unlock() }
        if let initialised {
            guard initialised == folder else { throw RimeError.otherFolder(initialised.path) }
            return
        }
        try writeCustomisation(folder)
        // Two kiosks on one data directory must not compile into the same folder at once.
        let lockFile = open(folder.appendingPathComponent(".deploy.lock").path, O_CREAT | O_RDWR, 0o600)
        guard lockFile >= 0 else { throw RimeError.folder(folder.path) }
        defer { close(lockFile) }
        flock(lockFile, LOCK_EX)
        defer { flock(lockFile, LOCK_UN) }

        var traits = docket_rime_traits()
        // librime keeps these pointers: they live as long as the process.
        traits.shared_data_dir = UnsafePointer(strdup(sharedData))
        traits.user_data_dir = UnsafePointer(strdup(folder.path))
        traits.log_dir = UnsafePointer(strdup(folder.appendingPathComponent("log").path))
        traits.distribution_name = UnsafePointer(strdup("Docket"))
        traits.distribution_code_name = UnsafePointer(strdup("docket"))
        traits.distribution_version = UnsafePointer(strdup("1"))
        traits.app_name = UnsafePointer(strdup("rime.docket"))
        // FATAL only: librime's glog must never write over the kiosk's screen.
        traits.min_log_level = 3
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("log"), withIntermediateDirectories: true)
        api.pointee.setup(&traits)
        api.pointee.initialize(&traits)
        // librime 1.8.5 must be finalised before the process exits: left to its static destructors it crashes
        // (SIGSEGV, seen in the test process and a plain C program). Registered after initialise (finalising after
        // the registry's own destructor ran is a double free). A process must not exit while librime deploys (its
        // deploy thread then runs on libraries already torn down, and the process hangs or balloons): the kiosk
        // waits for the deploy before it exits; this handler also waits for it (the lock), then finalises.
        atexit {
            RimeInputMethod.lock.lock()
            if RimeInputMethod.initialised != nil { rime_get_api()?.pointee.finalize() }
            RimeInputMethod.initialised = nil
        }
        // A full check compiles what is missing or out of date (the first start, or after a rime-data upgrade).
        if api.pointee.start_maintenance(1) != 0 { api.pointee.join_maintenance_thread() }
        initialised = folder
    }

    /// The kiosk's settings for librime: only the one schema (deploying the Debian default list takes ten times
    /// longer), nine candidates a page, and no learning.
    static func writeCustomisation(_ folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let files = [
                "default.custom.yaml":
                    "patch:\n  schema_list:\n    - schema: \(schema)\n  menu/page_size: \(pageSize)\n",
                "\(schema).custom.yaml": "patch:\n  translator/enable_user_dict: false\n",
            ]
            for (name, text) in files {
                let url = folder.appendingPathComponent(name)
                // Rewriting an unchanged file would make librime deploy again.
                if (try? String(contentsOf: url, encoding: .utf8)) != text {
                    try Data(text.utf8).write(to: url, options: .atomic)
                }
            }
        } catch {
            throw RimeError.folder(folder.path)
        }
    }

    public func compose(_ keys: [CompositionKey]) -> Composition {
        Self.lock.lock(); defer { Self.lock.unlock() }
        if !keys.starts(with: fed) { clear() }
        for key in keys.dropFirst(fed.count) {
            feed(key)
            committed += takeCommit() ?? ""
        }
        fed = keys
        return snapshot()
    }

    public func reset() {
        Self.lock.lock(); defer { Self.lock.unlock() }
        clear()
    }

    private func clear() {
        api.pointee.clear_composition(session)
        _ = takeCommit()
        fed = []
        committed = ""
    }

    /// The text librime committed since it was last asked.
    private func takeCommit() -> String? {
        var commit = docket_rime_commit()
        guard api.pointee.get_commit(session, &commit) != 0 else { return nil }
        defer { _ = api.pointee.free_commit(&commit) }
        return commit.text.map { String(cString: $0) }
    }

    private func feed(_ key: CompositionKey) {
        let code: Int32
        switch key {
        case .letter(let c): code = Int32(c.asciiValue ?? 0x20)
        case .choose(let n): code = Int32(0x30 + n)
        case .space: code = 0x20
        case .backspace: code = 0xff08
        case .enter: code = 0xff0d
        case .nextPage: code = 0xff56
        case .previousPage: code = 0xff55
        }
        _ = api.pointee.process_key(session, code, 0)
    }

    private func snapshot() -> Composition {
        var out = Composition()
        out.committed = committed.isEmpty ? nil : committed
        var context = docket_rime_context()
        guard api.pointee.get_context(session, &context) != 0 else { return out }
        defer { _ = api.pointee.free_context(&context) }
        out.preedit = context.composition.preedit.map { String(cString: $0) } ?? ""
        out.page = Int(context.menu.page_no)
        out.isLastPage = context.menu.is_last_page != 0
        if let candidates = context.menu.candidates {
            out.candidates = (0..<Int(context.menu.num_candidates)).compactMap {
                candidates[$0].text.map { String(cString: $0) }
            }
        }
        return out
    }
}

/// Why the input method could not start.
public enum RimeError: InputMethodError, Equatable, CustomStringConvertible {
    case unavailable
    case schemaMissing(path: String)
    case schemaNotDeployed(String)
    case noSession
    case folder(String)
    case otherFolder(String)

    public var description: String {
        switch self {
        case .unavailable: return "librime is not available."
        case .schemaMissing(let path):
            return "The pinyin schema is not installed (\(path)); install rime-data-pinyin-simp."
        case .schemaNotDeployed(let schema): return "librime could not deploy the schema \(schema)."
        case .noSession: return "librime could not open a session."
        case .folder(let path): return "The input method folder \(path) cannot be written."
        case .otherFolder(let path): return "This process already serves the input method folder \(path)."
        }
    }

    /// The reason in Chinese and English, for the kiosk's administrator.
    public var failure: InputMethodFailure {
        let chinese: String
        switch self {
        case .unavailable: chinese = "无法加载 librime。"
        case .schemaMissing(let path): chinese = "未安装拼音方案（\(path)），请安装 rime-data-pinyin-simp。"
        case .schemaNotDeployed(let schema): chinese = "librime 未能部署输入方案 \(schema)。"
        case .noSession: chinese = "librime 未能打开输入会话。"
        case .folder(let path): chinese = "输入法目录 \(path) 无法写入。"
        case .otherFolder(let path): chinese = "本进程已在使用输入法目录 \(path)。"
        }
        return InputMethodFailure(chinese: chinese, english: description)
    }
}
