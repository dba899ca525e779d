import Foundation

/// Where the visitor is in a form: which form, which field has the focus, and whether to insist on showing
/// the focused field's problem (after an Enter that was refused).
public struct FormState: Equatable, Sendable {
    public var id: String
    public var focus: Int
    public var showError: Bool
    /// Why the last key typed did not go in (shown until the next key).
    public var notice: FieldNotice?
    /// The highlighted match of a picker field's search.
    public var pick: Int
    /// The part being entered of a field entered by parts (a case number: year, type, serial).
    public var part: Int
    /// Which one of a repeated form this is (the second defendant: 2); 1 for forms that are not repeated.
    public var instance: Int
    public init(
        id: String, focus: Int = 0, showError: Bool = false, notice: FieldNotice? = nil, pick: Int = 0, part: Int = 0,
        instance: Int = 1
    ) {
        self.id = id; self.focus = focus; self.showError = showError; self.notice = notice; self.pick = pick;
        self.part = part
        self.instance = instance
    }

    /// Where the value of `field` of this form (and instance) is kept in `KioskState.values`.
    public func key(_ field: String) -> String { FormState.key(form: id, instance: instance, field: field) }

    /// "form.field" for the first instance, "form#2.field" for the second.
    public static func key(form: String, instance: Int, field: String) -> String {
        instance == 1 ? "\(form).\(field)" : "\(form)#\(instance).\(field)"
    }
}

/// Why a key typed into a field did not go in.
public enum FieldNotice: Equatable, Sendable {
    /// The field is full: the counter shows it.
    case limit
    /// The field can never hold that character.
    case refused
}

/// The screen on show.
public enum KioskScreen: Equatable, Sendable {
    /// Welcome with the menu entry `selection` highlighted.
    case welcome(selection: Int)
    case form(FormState)
    /// The filing summary with the fee (nil when it cannot be computed), before confirming.
    case review(feeFen: Int64?)
    /// The filing's material: what was added, the USB stick's files (one selected), the scanner.
    case material(KioskMaterialSources, selection: Int)
    /// Waiting for an effect; `message` is a locale key.
    case waiting(message: String)
    /// The filing receipt; `printed` says whether the receipt printer printed it (nil: none, or not yet known).
    case receipt(filingNumber: String, queryCode: String, printed: Bool? = nil)
    /// An application was filed: its reference and what it was.
    case applicationReceipt(reference: String, summary: String)
    case queryResult(KioskQueryResult)
    /// The dossier list with the highlighted document.
    case dossierList([KioskDocument], selection: Int)
    /// A text document, scrolled down by `offset` lines.
    case dossierReader(title: String, text: String, offset: Int)
    /// Administrator menu (after the PIN).
    case adminMenu(selection: Int)
    /// Open conflicts, the highlighted one.
    case adminConflicts([KioskConflict], selection: Int)
    /// One conflict side by side.
    case adminConflict(KioskConflict)
    /// Replication status lines.
    case adminSync([String])
    /// Query lockouts in force, the highlighted one (Enter lifts it).
    case adminLockouts([KioskLockout], selection: Int)
    /// An unpaid fee found: choose QR or the counter.
    case paymentChoice(KioskUnpaidFee)
    /// The QR code, with whole seconds left before the order lapses.
    case paymentQR(KioskQRCode, secondsLeft: Int)
    /// How to pay at the counter instead.
    case paymentCounter(KioskUnpaidFee)
    /// The payment went through.
    case paid(reference: String, amountFen: Int64)
    /// Something failed; `message` is shown as is, under an error heading.
    case failure(message: String)
    /// Something the visitor should know that is not an error (nothing is owed, pay at the counter); its own heading.
    case information(message: String)
}

/// How long the kiosk waits before warning, counting down and wiping.
public struct IdlePolicy: Equatable, Sendable {
    /// Seconds without a key press before the warning appears (`--idle-timeout`, default 90).
    public var timeout: TimeInterval
    /// Length of the warning's countdown; never less than 20 s.
    public var warning: TimeInterval
    /// While a payment is pending the idle wipe waits; after this long without a key it gives up anyway.
    public var paymentAbandon: TimeInterval
    public init(timeout: TimeInterval = 90, warning: TimeInterval = 30, paymentAbandon: TimeInterval = 600) {
        self.timeout = timeout; self.warning = max(20, warning); self.paymentAbandon = paymentAbandon
    }
}

/// Everything the kiosk knows about the current visitor, as a value: `update` makes a new one for every event.
public struct KioskState: Equatable, Sendable {
    public var content: KioskContent
    public var language: KioskLanguage
    public var screen: KioskScreen
    /// Screens to return to on Esc (most recent last).
    public var history: [KioskScreen]
    /// What the visitor typed this session, by "formId.fieldId". Wiped with the session.
    public var values: [String: String]
    public var idle: IdlePolicy
    public var lastActivity: Date
    /// When the idle countdown ends, while the warning is shown.
    public var idleDeadline: Date?
    /// Whole seconds left on the countdown, for rendering (render has no clock).
    public var idleSecondsLeft: Int?
    public var paymentPending: Bool
    /// The input method: 中/英 and the open composition.
    public var input: InputMethodState
    /// The payment order the services watch for this visitor (by its reference): from the QR code until it is paid or
    /// lapses, or the visitor leaves the payment (stepping back from the code to the choice keeps it watched).
    public var watchedPayment: String?
    /// When the waiting screen on show appeared; after `Kiosk.waitTimeout` it gives way.
    public var waitingSince: Date?
    /// The material this visitor added to the filing (USB files, scanned pages). Wiped with the session.
    public var material: [KioskMaterialFile] = []

    /// The Welcome screen in the configured default language, nothing typed.
    public init(content: KioskContent, idle: IdlePolicy? = nil, now: Date) {
        self.content = content
        language = content.config.defaultLanguage ?? .zhHans
        screen = .welcome(selection: 0)
        history = []
        values = [:]
        let c = content.config
        self.idle =
            idle
            ?? IdlePolicy(
                timeout: TimeInterval(c.idleTimeoutSeconds ?? 90),
                warning: TimeInterval(c.idleWarningSeconds ?? 30),
                paymentAbandon: TimeInterval(c.paymentAbandonSeconds ?? 600))
        lastActivity = now
        idleDeadline = nil
        idleSecondsLeft = nil
        paymentPending = false
        input = InputMethodState(chinese: language == .zhHans)
        watchedPayment = nil
        waitingSince = nil
    }

    /// True when there is nothing of a visitor's to wipe.
    public var isPristine: Bool {
        screen == .welcome(selection: 0) && history.isEmpty && values.isEmpty && material.isEmpty
            && language == (content.config.defaultLanguage ?? .zhHans)
    }

    /// The value typed into `field` of `form` ("" when none).
    public func value(_ form: String, _ field: String) -> String { values["\(form).\(field)"] ?? "" }

    /// The value under `key`, or the field's preset when nothing was typed or chosen.
    public func current(_ key: String, _ field: FieldSpec) -> String { values[key] ?? field.preset ?? "" }
}
