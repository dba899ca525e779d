import ArgumentParser
import DocketCore

/// `docket`: one node of the Docket network — a court branch, a law firm or a lobby kiosk.
@main
struct Docket: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docket",
        abstract: "An offline-first case node for courts and law firms.",
        discussion: """
        Every case is its own git repository under the node's data directory, indexed in SQLite. Choose the \
        node with --data DIR or the DOCKET_DATA environment variable (default ./docket-data).
        """,
        subcommands: [
            InitCommand.self, NodeCommand.self, CaseCommand.self, DocCommand.self, SearchCommand.self,
            FilingCommand.self, PayCommand.self, PaymentsCommand.self, RefundCommand.self, ServiceCommand.self,
            QueryCommand.self, DossierCommand.self, PeerCommand.self, SyncCommand.self, ServeCommand.self, BundleCommand.self, ConflictsCommand.self,
            HookCommand.self, KioskCommand.self,
            DeadlinesCommand.self, PreservationCommand.self, GuaranteeCommand.self, AppraisalCommand.self, HotlineCommand.self,
            MediationCommand.self, HearingCommand.self, ClaimsCommand.self, RequestsCommand.self, EnforcementCommand.self, PetitionCommand.self, AnnounceCommand.self,
            ConfigCommand.self, ReindexCommand.self, FsckCommand.self, DemoCommand.self, PolicyCommand.self,
            FeeCommand.self, CaseNumberCommand.self, PeriodCommand.self, IDCommand.self, CalendarCommand.self,
            BenchCommand.self,
        ]
    )
}
