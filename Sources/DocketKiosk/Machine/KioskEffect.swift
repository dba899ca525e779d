import DocketCore

/// The credentials of the query flow. The ID number is carried in full (the node needs it) but its
/// `description` masks it, so printing or logging an effect never reveals it.
public struct QueryCredentials: Equatable, Sendable, CustomStringConvertible {
    public var caseNumber: String
    public var idNumber: String
    public var queryCode: String
    public init(caseNumber: String, idNumber: String, queryCode: String) {
        self.caseNumber = caseNumber; self.idNumber = idNumber; self.queryCode = queryCode
    }
    public var description: String { "QueryCredentials(\(caseNumber), \(Masking.mask(idNumber)), ******)" }
}

/// An application typed at the kiosk. `description` masks the ID number, like `QueryCredentials`.
public struct KioskApplication: Equatable, Sendable, CustomStringConvertible {
    /// The option value of the "kind" field (`preservation`, `booking`, …).
    public var kind: String
    public var credentials: QueryCredentials
    /// What the person wrote: the property, the matters, the reason, the message, the lead.
    public var text: String
    /// Yuan as typed, for preservation and guarantees.
    public var amount: String?
    public init(kind: String, credentials: QueryCredentials, text: String, amount: String?) {
        self.kind = kind; self.credentials = credentials; self.text = text; self.amount = amount
    }
    public var description: String { "KioskApplication(\(kind), \(credentials))" }
}

/// Work the outer layer performs for the state machine; results come back as `KioskEvent.effectResult`.
/// Fee quotes need no effect: they are computed in `update` with `FeeSchedule.standard`.
public enum KioskEffect: Sendable {
    /// Hand the filing to the node (`docket case new`), with the complaint (起诉状) the kiosk wrote from what was typed
    /// as its first document; answer `.filed` or `.failed`.
    /// `material` (from a USB stick or the scanner) is filed with it, each file as a document of the case.
    case fileCase(FilingInput, complaint: String? = nil, material: [KioskMaterialFile] = [])
    /// Look for material: files on the USB sticks mounted under `usbRoot`, and whether `scanCommand` is set;
    /// answer `.materialFound`.
    case findMaterial(usbRoot: String?, scanCommand: [String]?)
    /// Scan one page with `command` (it writes an image to its standard output); answer `.scanned` or `.refused`.
    case scanPage(command: [String])
    /// Look the case up with these credentials; answer `.queryAnswered` or `.failed`.
    case query(QueryCredentials)
    /// List the dossier these credentials may see; answer `.documents` or `.failed`.
    case listDocuments(QueryCredentials)
    /// Read one text document of the dossier; answer `.documentText` or `.failed`.
    case readDocument(QueryCredentials, documentID: String)
    /// File an application (preservation, appraisal, mediation, petition, booking, …) for the party the credentials
    /// unlock; answer `.applied` or `.failed`.
    case submitApplication(KioskApplication)
    /// Find an unpaid fee by 案号 or filing number; answer `.unpaidFound` or `.failed`.
    case findUnpaid(reference: String)
    /// Start a QR payment through the `qr` gateway; answer `.qrReady`, later `.paid`, or `.failed`.
    case startQRPayment(reference: String)
    /// The visitor left the QR screen: stop asking about this payment order.
    case cancelPayment(reference: String)
    /// Check the administrator PIN (the outer layer compares it with the configured hash); answer
    /// `.adminUnlocked`. The PIN is never shown or logged.
    case checkAdminPIN(String)
    /// List open conflicts; answer `.conflicts`.
    case listConflicts
    /// Resolve conflict `id` by taking the value from `node`; answer `.conflicts` (the remaining ones).
    case resolveConflict(id: String, takeNode: String)
    /// Report replication status; answer `.syncStatus`.
    case syncStatus
    /// List the query lockouts in force; answer `.lockouts`.
    case listLockouts
    /// Lift one query lockout; answer `.lockouts` with those left.
    case liftLockout(KioskLockout)
    /// Leave kiosk mode (administrator only): the outer layer restores the terminal and exits.
    case exitKiosk
    /// Print a filing receipt on the configured receipt printer (`KioskConfig.receiptPrinter`); answer
    /// `.receiptPrinted`.
    case printReceipt(KioskReceipt, device: String)
    /// Forget everything about the visitor: clear the screen and the scrollback, drop input buffers.
    case wipeSession
    /// Repaint the whole screen (after a resize or Ctrl-L), not just the changed cells.
    case redraw
}
