/// Who may change what in a case: one table, read by every check (the local write path, pushes, pulls, bundle
/// imports, merges) and shown to people by `docket policy`.
///
/// A step is judged field by field (`AuthorityJudge`): each changed leaf of a record must fall under a rule that
/// grants its signer the change, on the standing of the case the step started from. A field no rule names can be
/// changed by nobody; a record kind's `create` and `delete` say who may add or remove a whole file. The court is
/// the authority on its cases, but even the court may not rewrite the timeline, delete a payment or change a
/// document's bytes, and a party's side acts only for the party it represents.
public struct AuthorityPolicy: Sendable {
    public var records: [RecordKind: RecordRule]
    /// Fields every record carries that say who wrote it last; they change with any other allowed change.
    public var bookkeeping: Set<String>

    public init(records: [RecordRule], bookkeeping: Set<String> = ["updatedAt", "updatedBy"]) {
        self.records = Dictionary(uniqueKeysWithValues: records.map { ($0.kind, $0) })
        self.bookkeeping = bookkeeping
    }

    /// The rule of a record kind (every kind has one).
    public func rule(_ kind: RecordKind) -> RecordRule { records[kind]! }

    /// The fields that decide who may see a case: only the court changes them once the case exists.
    public static let visibilityFields = [
        "case.json court", "case.json filedBy", "parties/<id>.json representative.firm",
    ]

    /// The policy Docket runs.
    public static let standard = AuthorityPolicy(records: [
        RecordRule(
            .caseRecord, create: [Grant(.participant)],
            fields: [
                FieldRule("status", [.court], moves: .caseStatus),
                FieldRule("title", [.court, Grant(.filer, .underReview)]),
                FieldRule("cause", [.court, Grant(.filer, .underReview)]),
                FieldRule("claims", [.court, Grant(.filer, .underReview)]),
                FieldRule("facts", [.court, Grant(.filer, .underReview)]),
                FieldRule("claimAmountFen", [.court, Grant(.filer, .underReview)]),
                FieldRule("caseType", [.court, Grant(.filer, .underReview)]),
                FieldRule("receivedOn", [.court, Grant(.filer, .underReview)]),
                FieldRule("court", [.court]),
                FieldRule("caseNumber", [.court]), FieldRule("procedure", [.court]), FieldRule("acceptedOn", [.court]),
                FieldRule("judge", [.court]), FieldRule("clerk", [.court]), FieldRule("clerkPhone", [.court]),
                FieldRule("evidenceUntil", [.court]), FieldRule("trialExtensionMonths", [.court]),
                FieldRule("trialExcludedDays", [.court]),
                FieldRule("judgmentOn", [.court]), FieldRule("judgmentDocumentId", [.court]),
                FieldRule("judgmentInCourt", [.court]),
            ], invariants: [.recordAtItsPath, .stampedBySigner, .caseBornAsFiling]),

        RecordRule(
            .party, create: [.court, Grant(.filer, .underReview)], delete: [.court, Grant(.filer, .underReview)],
            party: .recordItself,
            fields: [
                FieldRule("role", [.court, Grant(.filer, .underReview)]),
                FieldRule("name", [.court, Grant(.filer, .underReview)]),
                FieldRule("idNumber", [.court, Grant(.filer, .underReview)]),
                FieldRule("idKind", [.court, Grant(.filer, .underReview)]),
                FieldRule("kind", [.court, Grant(.filer, .underReview)]),
                FieldRule("phone", [.court, Grant(.partySide), Grant(.filer, .underReview)]),
                FieldRule("email", [.court, Grant(.partySide), Grant(.filer, .underReview)]),
                FieldRule("address", [.court, Grant(.partySide), Grant(.filer, .underReview)]),
                FieldRule("serviceConsent", [.court, Grant(.partySide), Grant(.filer, .underReview)]),
                FieldRule("representative.firm", [.court]),
                FieldRule("representative", [.court, Grant(.partySide), Grant(.filer, .underReview)]),
                FieldRule("representative.*", [.court, Grant(.partySide), Grant(.filer, .underReview)]),
                FieldRule("queryCodeHash", [.court]),
            ], invariants: [.recordAtItsPath, .stampedBySigner, .partyBornWithoutCode]),

        RecordRule(
            .document, create: [.court, Grant(.filer, .underReview), Grant(.partySide)], delete: [.court],
            party: .field("submittedBy"),
            fields: [
                FieldRule("review", [.court]),
                FieldRule("title", [.court]),
            ], invariants: [.recordAtItsPath, .stampedBySigner, .documentAsDescribed, .materialWaitsForReview]),

        // Bytes are judged with their metadata: a content file only ever arrives beside a new meta.json that
        // describes it (`CaseTreeCheck`), so whoever may add the metadata adds the bytes.
        RecordRule(
            .documentContent, create: [Grant(.participant)], delete: [.court],
            fields: [], invariants: [.documentAsDescribed]),

        RecordRule(
            .timeline, create: [Grant(.participant)], fields: [],
            invariants: [.recordAtItsPath, .stampedBySigner]),

        RecordRule(
            .payment, create: [.court, Grant(.participant)],
            fields: [
                FieldRule("state", [.court], moves: .paymentState),
                FieldRule("details.*", [.court, Grant(.terminal), Grant(.participant, .unsettled)]),
                FieldRule("reference", [.court, Grant(.terminal)]),
                FieldRule("amountFen", [.court]), FieldRule("feeKind", [.court]), FieldRule("dueDate", [.court]),
                FieldRule("basis", [.court]), FieldRule("reason", [.court]), FieldRule("assessmentId", [.court]),
            ], invariants: [.recordAtItsPath, .stampedBySigner, .paymentBornUnpaid]),

        RecordRule(
            .service, create: [.court], party: .field("partyId"),
            fields: [
                FieldRule("readAt", [.court, Grant(.partySide, .addOnly)]),
                FieldRule("sentAt", [.court]), FieldRule("reachedAt", [.court]), FieldRule("servedAt", [.court]),
                FieldRule("certificateId", [.court]), FieldRule("failure", [.court]), FieldRule("address", [.court]),
                FieldRule("channel", [.court]), FieldRule("addressByParty", [.court]),
                FieldRule("documentTitle", [.court]),
            ], invariants: [.recordAtItsPath, .stampedBySigner]),

        RecordRule(
            .conflict, create: [Grant(.participant)],
            fields: [
                FieldRule("status", [Grant(.participant)]),
                FieldRule("resolution", [Grant(.participant)]),
                FieldRule("resolution.*", [Grant(.participant)]),
            ], invariants: [.recordAtItsPath, .stampedBySigner, .conflictsStayResolved]),

        RecordRule(
            .filing, create: [.court, Grant(.partySide)], party: .applicant,
            fields: [
                FieldRule("state", [.court], moves: .filingState),
                FieldRule("courtState", [.court]), FieldRule("feeFen", [.court]),
                FieldRule("court", [.court]), FieldRule("court.*", [.court]),
                FieldRule("amountFen", [.court, Grant(.partySide)]),
                FieldRule("details.mediatorChoice-{party}", [.court, Grant(.partySide)], party: .member),
                FieldRule(
                    "details.reconsiderationBy", [.court, Grant(.partySide)],
                    party: .valueOf("details.reconsiderationBy")),
                FieldRule(
                    "details.reconsiderationReason", [.court, Grant(.partySide)],
                    party: .valueOf("details.reconsiderationBy")),
                FieldRule("details.*", [.court, Grant(.partySide)]),
                FieldRule("consents.{party}", [.court, Grant(.partySide, .addOnly)], party: .member),
                FieldRule("signatures.{party}", [.court, Grant(.partySide, .addOnly)], party: .member),
                FieldRule("steps.*", [Grant(.court, .addOnly), Grant(.participant, .enteringState)]),
                FieldRule("relatedId", [.court]),
            ],
            invariants: [
                .recordAtItsPath, .stampedBySigner, .filingBornAsApplied, .mediationByEveryParty,
                .preservationFeeCovered,
            ]),

        RecordRule(
            .hearing, create: [.court],
            fields: [
                FieldRule(
                    "transcripts.*.signatures.{party}.*", [Grant(.court, .addOnly), Grant(.partySide, .addOnly)],
                    party: .member),
                FieldRule("transcripts.*", [Grant(.court, .addOnly)]),
                FieldRule("state", [.court]), FieldRule("mode", [.court]), FieldRule("startsAt", [.court]),
                FieldRule("endsAt", [.court]),
                FieldRule("place", [.court]), FieldRule("judge", [.court]), FieldRule("outsideHoursReason", [.court]),
                FieldRule("scheduledOn", [.court]), FieldRule("noticeDocumentId", [.court]),
                FieldRule("heldOn", [.court]),
            ], invariants: [.recordAtItsPath, .stampedBySigner, .transcriptSignatureValid]),
    ])
}
