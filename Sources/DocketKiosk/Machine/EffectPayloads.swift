import Foundation

// What the outer layer hands back inside `KioskEffectResult`: plain displayable values, already masked where
// they come from records (the node side masks; the kiosk never sees a party's ID number it did not type).

/// An open deadline as the query result shows it, named in both languages so an English screen stays English.
public struct KioskDeadline: Equatable, Sendable {
    public var lastDay: String
    public var chinese: String
    /// The English name, when the deadline has one.
    public var english: String?
    public var overdue: Bool
    /// The last day depends on a holiday notice not yet published.
    public var provisional: Bool
    public init(
        lastDay: String, chinese: String, english: String? = nil, overdue: Bool = false, provisional: Bool = false
    ) {
        self.lastDay = lastDay; self.chinese = chinese; self.english = english; self.overdue = overdue;
        self.provisional = provisional
    }
}

/// Whom to ask about a case; labelled by the screen in the visitor's language.
public struct KioskContact: Equatable, Sendable {
    public var judge: String?
    public var clerk: String?
    public var phone: String?
    public init(judge: String? = nil, clerk: String? = nil, phone: String? = nil) {
        self.judge = judge; self.clerk = clerk; self.phone = phone
    }
}

/// A case as the query flow shows it; everything here is displayable (parties' ID numbers already masked).
public struct KioskQueryResult: Equatable, Sendable {
    public var caseNumber: String
    public var title: String
    public var status: String
    public var nextHearing: String?
    public var deadlines: [KioskDeadline]
    public var contact: KioskContact?
    /// The case's history as recorded (in Chinese, as the court writes it), newest first.
    public var timeline: [String]

    public init(
        caseNumber: String, title: String, status: String, nextHearing: String? = nil,
        deadlines: [KioskDeadline] = [], contact: KioskContact? = nil, timeline: [String] = []
    ) {
        self.caseNumber = caseNumber; self.title = title; self.status = status; self.nextHearing = nextHearing
        self.deadlines = deadlines; self.contact = contact; self.timeline = timeline
    }
}

/// A filing receipt for the receipt printer: Chinese text lines and the filing number to print as a QR code.
public struct KioskReceipt: Equatable, Sendable {
    /// The court's name, printed as the heading.
    public var court: String
    public var title: String
    /// Label and value pairs ("立案编号", "7K3QF-M2ZXA").
    public var lines: [(label: String, value: String)]
    /// What to print as a QR code (the filing number).
    public var qr: String
    public var note: String
    public init(court: String, title: String, lines: [(label: String, value: String)], qr: String, note: String) {
        self.court = court; self.title = title; self.lines = lines; self.qr = qr; self.note = note
    }
    public static func == (a: KioskReceipt, b: KioskReceipt) -> Bool {
        a.court == b.court && a.title == b.title && a.qr == b.qr && a.note == b.note
            && a.lines.map(\.label) == b.lines.map(\.label) && a.lines.map(\.value) == b.lines.map(\.value)
    }
}

/// An unpaid fee as the payment flow shows it.
public struct KioskUnpaidFee: Equatable, Sendable {
    /// What the payment is asked for by (案号 or filing number).
    public var reference: String
    public var title: String
    public var amountFen: Int64
    public init(reference: String, title: String, amountFen: Int64) {
        self.reference = reference; self.title = title; self.amountFen = amountFen
    }
}

/// A QR code to show, already encoded by the outer layer (libqrencode): `modules[y][x]` is true for dark.
public struct KioskQRCode: Equatable, Sendable {
    public var modules: [[Bool]]
    public var reference: String
    public var amountFen: Int64
    /// When the payment order lapses; the screen counts down to it.
    public var expiresAt: Date
    public init(modules: [[Bool]], reference: String, amountFen: Int64, expiresAt: Date) {
        self.modules = modules; self.reference = reference; self.amountFen = amountFen; self.expiresAt = expiresAt
    }
}

/// A dossier document as the 阅卷 list shows it: metadata for every kind, text readable on screen when
/// `isText`.
public struct KioskDocument: Equatable, Sendable {
    public var id: String
    public var title: String
    /// Media type, e.g. "text/plain" or "application/pdf".
    public var mediaType: String
    public var sizeBytes: Int
    /// When it was added, as the node formats it ("2026-11-02").
    public var date: String
    public var isText: Bool
    public init(id: String, title: String, mediaType: String, sizeBytes: Int, date: String, isText: Bool) {
        self.id = id; self.title = title; self.mediaType = mediaType; self.sizeBytes = sizeBytes; self.date = date;
        self.isText = isText
    }
}

/// An open merge conflict as the administrator resolves it: each side's value and the value in force.
public struct KioskConflict: Equatable, Sendable {
    /// One side: the node (for the choice) and what people call it, in Chinese and in English.
    public struct Side: Equatable, Sendable {
        public var node: String
        public var value: String
        public var name: String
        public var nameEnglish: String
        public init(node: String, value: String, name: String? = nil, nameEnglish: String? = nil) {
            self.node = node; self.value = value
            self.name = name ?? node; self.nameEnglish = nameEnglish ?? name ?? node
        }
        /// The side's name in `language`.
        public func name(in language: KioskLanguage) -> String { language == .en ? nameEnglish : name }
    }
    public var id: String
    public var caseTitle: String
    /// The conflicting field as stored (`parties.p2.phone`), which decides masking.
    public var field: String
    public var sides: [Side]
    public var current: String
    /// The conflict in people's words (原告张伟 · 手机号码 / Plaintiff 张伟 · Mobile phone); the field when not given.
    public var heading: String
    public var headingEnglish: String
    public init(
        id: String, caseTitle: String, field: String, sides: [Side], current: String, heading: String? = nil,
        headingEnglish: String? = nil
    ) {
        self.id = id; self.caseTitle = caseTitle; self.field = field; self.sides = sides; self.current = current
        self.heading = heading ?? field; self.headingEnglish = headingEnglish ?? heading ?? field
    }
    /// The heading in `language`.
    public func heading(in language: KioskLanguage) -> String { language == .en ? headingEnglish : heading }
}

/// A query lockout as the administrator sees and lifts it: the case (its number) and the terminal or user, how many
/// wrong attempts, and until when (Beijing time, zone stated).
public struct KioskLockout: Equatable, Sendable {
    /// The scope as the node names it (`case-at-source`, `case`, `source`), handed back to lift it.
    public var scope: String
    public var caseKey: String?
    public var source: String?
    public var failures: Int
    public var until: String
    public init(scope: String, caseKey: String?, source: String?, failures: Int, until: String) {
        self.scope = scope; self.caseKey = caseKey; self.source = source; self.failures = failures; self.until = until
    }
}

/// A file of evidence a visitor brings to the kiosk: one on a USB stick, or a page the kiosk's scanner read. `path`
/// is where the outer layer finds it (opaque to the state machine); `name` is what the visitor and the court read.
public struct KioskMaterialFile: Equatable, Sendable {
    public enum Source: String, Sendable { case usb, scanner }
    public var path: String
    public var name: String
    public var size: Int64
    public var source: Source
    public init(path: String, name: String, size: Int64, source: Source) {
        self.path = path; self.name = name; self.size = size; self.source = source
    }
}

/// What the kiosk can take material from right now: the files on the USB sticks plugged in (only the kinds a
/// court accepts, within the size limit) and whether a scanner is configured.
public struct KioskMaterialSources: Equatable, Sendable {
    /// A stick is mounted (it may hold no file the kiosk can take).
    public var stickPresent: Bool
    public var files: [KioskMaterialFile]
    public var scanner: Bool
    public init(stickPresent: Bool, files: [KioskMaterialFile], scanner: Bool) {
        self.stickPresent = stickPresent; self.files = files; self.scanner = scanner
    }
}
