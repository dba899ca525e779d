import DocketKiosk
import DocketTerminal
import Foundation

/// The kiosk's event loop: keys and clock ticks become `KioskEvent`s, `Kiosk.update` decides, effects go to the
/// services, and every new state is rendered and copied to the terminal.
///
/// Guarantees: SIGINT, SIGQUIT and SIGTSTP are ignored; SIGTERM and SIGHUP wipe the session (screen and scroll
/// history) and end the loop cleanly; a terminal that goes away ends it too; the screen is repainted whole after a
/// resize, Ctrl-L or a wipe. The input method is prepared off the loop after the first frame (librime deploys on a
/// first start), so the kiosk starts at once and Chinese input appears when it is ready.
public final class KioskRunner {
    /// Why the loop ended.
    public enum Ending: Equatable, Sendable {
        /// The administrator left kiosk mode.
        case exitRequested
        /// SIGTERM or SIGHUP.
        case signalled(Int32)
        /// The terminal closed.
        case hangup
    }

    let terminal: Terminal
    let services: KioskServices
    let timing: KioskTiming?
    /// Reloads what the kiosk shows (new announcements, an edited configuration); nil keeps the first content.
    let reloadContent: (() -> KioskContent?)?
    /// Makes the input method (deploying it if need be); run once, off the loop.
    let prepareInputMethod: (@Sendable () throws -> any InputMethodEngine)?
    private var inputMethod: (any InputMethodEngine)?
    /// Why the input method could not start, when it could not (shown to the administrator).
    public private(set) var inputMethodFailure: InputMethodFailure?
    private(set) var state: KioskState
    private let inbox = Inbox()
    /// The input method being prepared: the kiosk does not exit under it (librime deploying while the process
    /// exits hangs it, its threads using libraries already torn down).
    private let preparing = DispatchGroup()
    private var contentLoadedAt = Date()

    /// How often an idle Welcome screen picks up new announcements.
    static let contentRefreshInterval: TimeInterval = 300

    public init(
        terminal: Terminal, services: KioskServices, content: KioskContent, idle: IdlePolicy?,
        timing: KioskTiming? = nil,
        reloadContent: (() -> KioskContent?)? = nil, inputMethod: (@Sendable () throws -> any InputMethodEngine)? = nil
    ) {
        self.terminal = terminal
        self.services = services
        self.timing = timing
        self.reloadContent = reloadContent
        self.prepareInputMethod = inputMethod
        state = KioskState(content: content, idle: idle, now: Date())
    }

    /// Takes fresh content between visitors only (a session never sees its screens change): after a wipe, or on
    /// an idle Welcome every `contentRefreshInterval`. Returns true when something changed.
    private func refreshContent(now: Date) -> Bool {
        guard state.isPristine, let reloadContent, let fresh = reloadContent(), fresh != state.content else {
            contentLoadedAt = now
            return false
        }
        contentLoadedAt = now
        state.content = fresh
        return true
    }

    /// Runs until the administrator exits, a terminating signal arrives or the terminal closes; the terminal is
    /// restored before it returns.
    public func run() -> Ending {
        for ignored in [SIGINT, SIGQUIT, SIGTSTP, SIGPIPE, SIGTTOU, SIGTTIN] { signal(ignored, SIG_IGN) }
        let stops = [SIGTERM, SIGHUP].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [inbox] in inbox.stop(number) }
            source.resume()
            return source
        }
        defer { stops.forEach { $0.cancel() } }

        var size = terminal.size
        terminal.draw(Kiosk.render(state, size: size), full: true)
        timing?.firstFrame()
        let firstFrame = Date()
        if let prepareInputMethod {
            preparing.enter()
            Thread.detachNewThread { [inbox, preparing] in
                defer { preparing.leave() }
                do { inbox.inputMethodReady(try prepareInputMethod()) } catch {
                    inbox.inputMethodFailed(
                        (error as? any InputMethodError)?.failure
                            ?? InputMethodFailure(chinese: "\(error)", english: "\(error)"))
                }
            }
        }
        var lastTick = Date()
        while true {
            if let number = inbox.stopSignal { return finish(.signalled(number)) }
            if let (engine, failure) = inbox.takeInputMethod() {
                inputMethod = engine
                inputMethodFailure = failure
                if engine != nil { timing?.inputMethodReady(after: Date().timeIntervalSince(firstFrame)) }
                let event: KioskEvent = failure.map { .inputMethodFailed($0) } ?? .inputMethodAvailable(engine != nil)
                if let ending = dispatch(event, size: &size) { return finish(ending) }
            }
            for result in inbox.drain() {
                if let ending = dispatch(.effectResult(result), size: &size) { return finish(ending) }
            }
            let input = terminal.read(timeout: 100)
            let started = DispatchTime.now()
            switch input {
            case .hangup:
                return finish(.hangup)
            case .timeout:
                break
            case .key(let key):
                if key == .resize { size = terminal.size }
                if let event = KeyMap.event(for: key, size: size) {
                    if let ending = dispatch(event, size: &size) { return finish(ending) }
                    timing?.keyHandled(since: started)
                }
            }
            let now = Date()
            if now.timeIntervalSince(lastTick) >= 1 {
                lastTick = now
                if let ending = dispatch(.tick(now), size: &size) { return finish(ending) }
                if now.timeIntervalSince(contentLoadedAt) >= Self.contentRefreshInterval, refreshContent(now: now) {
                    terminal.draw(Kiosk.render(state, size: size), full: true)
                }
            }
        }
    }

    /// Feeds one event through `update`, performs the effects and draws the result; returns an ending when the
    /// administrator asked to leave.
    private func dispatch(_ event: KioskEvent, size: inout (rows: Int, cols: Int)) -> Ending? {
        let before = state
        let (next, effects) = Kiosk.update(state, event, now: Date(), inputMethod: inputMethod)
        state = next
        var full = false
        for effect in effects {
            switch effect {
            case .wipeSession:
                inputMethod?.reset()
                terminal.wipe()
                // The services hold parts of the visit too (scanned pages).
                services.perform(effect) { _ in }
                _ = refreshContent(now: Date())
                full = true
            case .redraw:
                size = terminal.size
                full = true
            case .exitKiosk:
                terminal.wipe()
                return .exitRequested
            default:
                services.perform(effect) { [inbox] result in inbox.post(result) }
            }
        }
        if full || state != before { terminal.draw(Kiosk.render(state, size: size), full: full) }
        return nil
    }

    private func finish(_ ending: Ending) -> Ending {
        state = KioskState(content: state.content, idle: state.idle, now: Date())
        terminal.wipe()
        terminal.end()
        // A first start may still be deploying the input method (about a second): let it finish before exiting.
        _ = preparing.wait(timeout: .now() + 120)
        return ending
    }
}

/// Where answers from the services, the prepared input method and stop requests from signal handlers wait for the
/// loop.
private final class Inbox: @unchecked Sendable {
    // An NSLock, not a Mutex: the input method engine is not Sendable — it is handed over once, under the lock,
    // from the thread that made it to the loop, and used by the loop alone. Everything here is read and written
    // under `lock`.
    private let lock = NSLock()
    private var results: [KioskEffectResult] = []
    private var signalNumber: Int32?
    private var inputMethod: (engine: (any InputMethodEngine)?, failure: InputMethodFailure?)?

    func inputMethodReady(_ engine: any InputMethodEngine) { lock.lock(); inputMethod = (engine, nil); lock.unlock() }
    func inputMethodFailed(_ reason: InputMethodFailure) { lock.lock(); inputMethod = (nil, reason); lock.unlock() }
    /// The input method once, when it has come (or failed).
    func takeInputMethod() -> ((any InputMethodEngine)?, InputMethodFailure?)? {
        lock.lock(); defer { lock.unlock() }
        guard let out = inputMethod else { return nil }
        inputMethod = nil
        return (out.engine, out.failure)
    }

    func post(_ result: KioskEffectResult) { lock.lock(); results.append(result); lock.unlock() }
    func stop(_ number: Int32) { lock.lock(); signalNumber = signalNumber ?? number; lock.unlock() }
    var stopSignal: Int32? { lock.lock(); defer { lock.unlock() }; return signalNumber }
    func drain() -> [KioskEffectResult] {
        lock.lock(); defer { lock.unlock() }
        let out = results
        results = []
        return out
    }
}
