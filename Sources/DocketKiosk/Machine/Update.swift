import DocketCore
import Foundation

/// The kiosk's pure core: `update` and `render` (see Render.swift). Neither touches the terminal, the clock
/// or the disk; the curses layer turns keys into `KioskEvent`s, performs `KioskEffect`s and copies frames.
public enum Kiosk {
    /// The next state and the effects to perform, for `event` arriving at `now`.
    ///
    /// Guarantees: any key press while the idle warning shows only dismisses it; the idle countdown is never
    /// shorter than 20 s; expiry (or finishing a flow) resets to Welcome and emits `.wipeSession`; the idle
    /// wipe waits while a payment is pending (up to `IdlePolicy.paymentAbandon`); leaving a flow for Welcome forgets
    /// everything typed in it.
    ///
    /// `inputMethod` composes pinyin typed into text fields in Chinese mode (nil: letters go in as typed).
    public static func update(
        _ state: KioskState, _ event: KioskEvent, now: Date,
        inputMethod: (any InputMethodEngine)? = nil
    ) -> (KioskState, [KioskEffect]) {
        var (next, effects) = step(state, event, now: now, inputMethod: inputMethod)
        // A waiting screen knows how long it has been waiting; any other screen forgets it.
        if case .waiting = next.screen { next.waitingSince = next.waitingSince ?? now } else { next.waitingSince = nil }
        return (next, effects)
    }

    /// How long a waiting screen waits for the node or the payment service before it gives way.
    public static let waitTimeout: TimeInterval = 30

    static func step(
        _ state: KioskState, _ event: KioskEvent, now: Date,
        inputMethod: (any InputMethodEngine)?
    ) -> (KioskState, [KioskEffect]) {
        var s = state
        if case .tick = event { return tick(s, now: now) }
        if case .inputMethodAvailable(let ready) = event {
            s.input.available = ready
            if ready { s.input.failure = nil }
            if !ready { s.input.keys = []; s.input.composition = nil }
            return (s, [])
        }
        if case .inputMethodFailed(let failure) = event {
            s.input.available = false
            s.input.failure = failure
            s.input.keys = []; s.input.composition = nil
            return (s, [.redraw])
        }
        if event.isActivity {
            s.lastActivity = now
            if s.idleDeadline != nil {
                // The key only proves someone is there; it must not also act on the screen behind the warning.
                s.idleDeadline = nil
                s.idleSecondsLeft = nil
                return (s, [.redraw])
            }
        }
        switch event {
        case .ctrlL, .resize: return (s, [.redraw])
        case .effectResult(let result): return effectResult(s, result, now: now)
        case .toggleInputMode:
            // In a form the field editor decides (an open composition is kept as letters); elsewhere just the mode.
            if case .form = s.screen { break }
            s.input.chinese.toggle()
            return (s, [])
        default: break
        }
        switch s.screen {
        case .welcome(let selection): return WelcomeScreen.update(s, selection: selection, event, now: now)
        case .form(let form): return FormScreen.update(s, form: form, event, now: now, engine: inputMethod)
        case .review: return ReviewScreen.update(s, event, now: now)
        case .material(let sources, let selection):
            return MaterialScreen.update(s, sources: sources, selection: selection, event)
        case .waiting(let message):
            // Looking something up can be abandoned; a submission cannot (its answer is the receipt) until it times
            // out.
            guard case .escape = event, message != "submitting" else { return (s, []) }
            var effects: [KioskEffect] = []
            if case .paymentChoice(let fee)? = s.history.last {
                effects.append(.cancelPayment(reference: fee.reference))
                if s.watchedPayment == fee.reference { s.watchedPayment = nil }
            }
            let (back, more) = Kiosk.back(s)
            return (back, effects + more)
        case .adminMenu, .adminConflicts, .adminConflict, .adminSync, .adminLockouts:
            return AdminScreens.update(s, event, now: now)
        case .dossierList, .dossierReader:
            return DossierScreens.update(s, event, now: now)
        case .paymentChoice, .paymentQR, .paymentCounter:
            return PaymentScreens.update(s, event, now: now)
        case .receipt, .applicationReceipt, .queryResult, .paid:
            if case .enter = event { return wipe(s, now: now) }
            if case .escape = event { return wipe(s, now: now) }
            return (s, [])
        case .failure, .information:
            if case .escape = event { return back(s) }
            if case .enter = event { return back(s) }
            return (s, [])
        }
    }

    static func tick(_ state: KioskState, now: Date) -> (KioskState, [KioskEffect]) {
        var s = state
        let idleFor = now.timeIntervalSince(s.lastActivity)
        if case .paymentQR(let code, _) = s.screen {
            let left = Int(code.expiresAt.timeIntervalSince(now).rounded(.up))
            if left <= 0 {
                s.paymentPending = false
                s.watchedPayment = nil
                s.screen = .failure(message: s.content.string("payment.expired", s.language))
                return (s, [.cancelPayment(reference: code.reference)])
            }
            s.screen = .paymentQR(code, secondsLeft: left)
        }
        if case .waiting(let message) = s.screen, let since = s.waitingSince,
            now.timeIntervalSince(since) >= waitTimeout
        {
            // No answer in time: say so (a submission may still have gone through), with the way back.
            s.screen = .failure(
                message: s.content.string(message == "submitting" ? "wait.timeoutWrite" : "wait.timeout", s.language))
        }
        if s.paymentPending {
            return idleFor >= s.idle.paymentAbandon ? wipe(s, now: now) : (s, [])
        }
        if let deadline = s.idleDeadline {
            if now >= deadline { return wipe(s, now: now) }
            s.idleSecondsLeft = Int(deadline.timeIntervalSince(now).rounded(.up))
            return (s, [])
        }
        if !s.isPristine, idleFor >= s.idle.timeout {
            s.idleDeadline = now.addingTimeInterval(s.idle.warning)
            s.idleSecondsLeft = Int(s.idle.warning)
        }
        return (s, [])
    }

    /// A fresh Welcome: the visitor's input, language and history are gone (the input method stays ready).
    static func wipe(_ state: KioskState, now: Date) -> (KioskState, [KioskEffect]) {
        var fresh = KioskState(content: state.content, idle: state.idle, now: now)
        fresh.input.available = state.input.available
        fresh.input.failure = state.input.failure
        return (fresh, stopWatching(state) + [.wipeSession, .redraw])
    }

    /// Stops the services watching this visitor's payment order, if they do.
    static func stopWatching(_ state: KioskState) -> [KioskEffect] {
        state.watchedPayment.map { [.cancelPayment(reference: $0)] } ?? []
    }

    /// Esc: the previous screen; back on Welcome, everything typed in the flow is forgotten (the next visitor may be
    /// the one pressing keys), the screen and scroll history wiped; the language stays for whoever is there.
    static func back(_ state: KioskState) -> (KioskState, [KioskEffect]) {
        var s = state
        s.screen = s.history.popLast() ?? .welcome(selection: 0)
        guard case .welcome = s.screen, s.history.isEmpty else { return (s, []) }
        return forget(s)
    }

    /// Everything typed in the visit so far is dropped: values, the open composition, any payment being watched.
    static func forget(_ state: KioskState) -> (KioskState, [KioskEffect]) {
        var s = state
        let hadSomething = !s.values.isEmpty || s.input.isComposing || !s.material.isEmpty
        let stop = stopWatching(s)
        s.values = [:]
        s.material = []
        s.input.keys = []
        s.input.composition = nil
        s.input.chinese = s.language == .zhHans
        s.watchedPayment = nil
        s.paymentPending = false
        return (s, stop + (hadSomething ? [.wipeSession, .redraw] : []))
    }

    /// Goes to `screen`, remembering the current one for Esc.
    static func push(_ state: inout KioskState, _ screen: KioskScreen) {
        state.history.append(state.screen)
        state.screen = screen
    }

    static func effectResult(_ state: KioskState, _ result: KioskEffectResult, now: Date) -> (KioskState, [KioskEffect])
    {
        var s = state
        switch result {
        case .paymentPending(let pending):
            s.paymentPending = pending
            // The services stop watching an order that failed or lapsed.
            if !pending { s.watchedPayment = nil }
            return (s, [])
        case .paid(let reference, _):
            // Only this visitor's payment, while they are still paying: on the code, back at the choice, at the counter
            // note, or waiting for the code. A late confirmation after they left (or a wipe) shows nothing.
            guard isPaying(s, reference) else { return (s, []) }
        case .materialFound(let sources):
            guard case .waiting = s.screen else { return (s, []) }
            s.screen = .material(sources, selection: 0)
            return (s, [])
        case .scanned(let page):
            // Back to the material screen the scan was started from, the page added.
            guard case .waiting = s.screen, case .material(let sources, let selection)? = s.history.last else {
                return (s, [])
            }
            s.history.removeLast()
            s.material.append(page)
            s.screen = .material(sources, selection: selection)
            return (s, [])
        case .receiptPrinted(let ok):
            // Said on the receipt it belongs to; a visitor who has already left sees nothing.
            guard case .receipt(let number, let code, _) = s.screen else { return (s, []) }
            s.screen = .receipt(filingNumber: number, queryCode: code, printed: ok)
            return (s, [])
        default:
            // An answer for a session that was wiped (or left) while it was in flight must not resurface.
            guard case .waiting = s.screen else { return (s, []) }
        }
        switch result {
        case .paymentPending, .receiptPrinted, .materialFound, .scanned: break
        case .filed(let number, let code):
            // The answers replace the whole flow: Esc must not lead back into a submitted form.
            let receipt = OutcomeScreens.printedReceipt(s, number: number, code: code, now: now)
            s.history = []
            s.screen = .receipt(filingNumber: number, queryCode: code)
            if let device = s.content.config.receiptPrinter { return (s, [.printReceipt(receipt, device: device)]) }
        case .applied(let reference, let summary):
            s.history = []
            s.screen = .applicationReceipt(reference: reference, summary: summary)
        case .queryAnswered(let result):
            s.history = []
            s.screen = .queryResult(result)
        case .failed(let message):
            s.screen = .failure(message: message)
        case .refused(let chinese, let english):
            s.screen = .failure(message: s.language == .en ? english : chinese)
        case .notice(let message):
            s.screen = .information(message: message)
        case .documents(let documents):
            s.screen = .dossierList(documents, selection: 0)
        case .documentText(let title, let text):
            s.screen = .dossierReader(title: title, text: text, offset: 0)
        case .adminUnlocked(let ok):
            if ok {
                // The PIN form is left behind: Esc from the admin menu goes to Welcome, not back to the PIN.
                s.history = []
                s.screen = .adminMenu(selection: 0)
            } else {
                s.screen = .failure(message: s.content.string("admin.wrongPIN", s.language))
            }
        case .conflicts(let list):
            s.screen = .adminConflicts(list, selection: 0)
        case .syncStatus(let lines):
            s.screen = .adminSync(lines)
        case .lockouts(let list):
            s.screen = .adminLockouts(list, selection: 0)
        case .unpaidFound(let fee):
            s.screen = .paymentChoice(fee)
        case .qrReady(let code):
            s.paymentPending = true
            s.watchedPayment = code.reference
            s.screen = .paymentQR(code, secondsLeft: max(0, Int(code.expiresAt.timeIntervalSince(now).rounded(.up))))
        case .paid(let reference, let amount):
            s.paymentPending = false
            s.watchedPayment = nil
            s.history = []
            s.screen = .paid(reference: reference, amountFen: amount)
        }
        return (s, [])
    }

    /// The visitor is in the payment of `reference`: its code, its choice or counter note, or waiting for its code.
    static func isPaying(_ state: KioskState, _ reference: String) -> Bool {
        switch state.screen {
        case .paymentQR(let code, _): return code.reference == reference
        case .paymentChoice(let fee), .paymentCounter(let fee): return fee.reference == reference
        case .waiting:
            if case .paymentChoice(let fee)? = state.history.last { return fee.reference == reference }
            return false
        default: return false
        }
    }

    /// The date in the court's zone, which bounds birth dates in ID numbers.
    static func today(_ now: Date) -> LocalDate {
        LocalDate(date: now, timeZone: TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!)
    }
}

/// `Kiosk.update`, as a free function in the Bubble Tea style.
public func update(_ state: KioskState, _ event: KioskEvent, now: Date) -> (KioskState, [KioskEffect]) {
    Kiosk.update(state, event, now: now)
}
