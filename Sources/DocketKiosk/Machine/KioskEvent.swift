import Foundation

/// An input to the state machine: a key press named by what it asks for, a terminal change, a clock tick, or
/// the result of an effect the outer layer performed.
public enum KioskEvent: Equatable, Sendable {
    /// A printable character typed (digits, letters; IME-composed text arrives one character at a time).
    case character(Character)
    case backspace
    case enter
    /// Esc: back one screen.
    case escape
    case up
    case down
    case tab
    /// Ctrl-L: redraw everything.
    case ctrlL
    /// Ctrl-Space or F2: Chinese input on or off (中/英).
    case toggleInputMode
    /// The input method became ready (true) or failed (false); the runtime sends it once it knows.
    case inputMethodAvailable(Bool)
    /// The input method could not start, and why (the administrator's menu says so).
    case inputMethodFailed(InputMethodFailure)
    /// The terminal changed size.
    case resize(rows: Int, cols: Int)
    /// The clock moved (sent about once a second); drives the idle timeout.
    case tick(Date)
    /// What came back from performing a `KioskEffect`.
    case effectResult(KioskEffectResult)

    /// Whether this event is the visitor doing something (which extends the idle timeout).
    var isActivity: Bool {
        switch self {
        case .resize, .tick, .effectResult, .inputMethodAvailable, .inputMethodFailed: return false
        default: return true
        }
    }
}

/// What an effect produced, fed back as `KioskEvent.effectResult`.
public enum KioskEffectResult: Equatable, Sendable {
    /// `fileCase` succeeded: the filing number and the filer's query code.
    case filed(filingNumber: String, queryCode: String)
    /// `submitApplication` filed the request: its id and a line for the receipt.
    case applied(reference: String, summary: String)
    /// `query` found the case.
    case queryAnswered(KioskQueryResult)
    /// A payment started (true) or ended (false); the idle wipe waits while one is pending.
    case paymentPending(Bool)
    /// `findUnpaid` found a fee to pay.
    case unpaidFound(KioskUnpaidFee)
    /// `startQRPayment` has a QR code for the visitor to scan; the payment is now pending.
    case qrReady(KioskQRCode)
    /// `listDocuments` answered with the dossier the credentials may see.
    case documents([KioskDocument])
    /// `readDocument` answered with a text document's content.
    case documentText(title: String, text: String)
    /// `checkAdminPIN` answered: whether the PIN was right.
    case adminUnlocked(Bool)
    /// `listConflicts` (or `resolveConflict`) answered with the open conflicts.
    case conflicts([KioskConflict])
    /// `syncStatus` answered, one line per peer or fact.
    case syncStatus([String])
    /// `listLockouts` (or `liftLockout`) answered with the lockouts in force.
    case lockouts([KioskLockout])
    /// `findMaterial` answered with what is there to take material from.
    case materialFound(KioskMaterialSources)
    /// `scanPage` read a page.
    case scanned(KioskMaterialFile)
    /// `printReceipt` answered: whether the receipt came out.
    case receiptPrinted(Bool)
    /// The pending payment was confirmed (by the gateway's callback or the counter).
    case paid(reference: String, amountFen: Int64)
    /// An effect failed; `message` is shown as is under an error heading (it must not contain a full ID number).
    case failed(message: String)
    /// An effect was refused by the node, said in both languages: the visitor reads the one on screen (neither may
    /// contain a full ID number).
    case refused(chinese: String, english: String)
    /// The effect has nothing to do and says why (nothing owed, pay at the counter): shown as information, not an
    /// error.
    case notice(message: String)
}
