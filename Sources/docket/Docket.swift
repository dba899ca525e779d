import ArgumentParser
import DocketCore
import Foundation

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
            QueryCommand.self, DossierCommand.self, PeerCommand.self, SyncCommand.self, ServeCommand.self,
            BundleCommand.self, ConflictsCommand.self,
            HookCommand.self, KioskCommand.self,
            DeadlinesCommand.self, PreservationCommand.self, GuaranteeCommand.self, AppraisalCommand.self,
            HotlineCommand.self,
            MediationCommand.self, HearingCommand.self, ClaimsCommand.self, RequestsCommand.self,
            EnforcementCommand.self, PetitionCommand.self, AnnounceCommand.self,
            TLSCommand.self, ConfigCommand.self, ReindexCommand.self, FsckCommand.self,
            ArchiveCommand.self, CompactCommand.self, DemoCommand.self,
            PolicyCommand.self,
            FeeCommand.self, CaseNumberCommand.self, PeriodCommand.self, IDCommand.self, CalendarCommand.self,
            BenchCommand.self, DeskCommand.self,
        ]
    )

    /// Runs the command; a `DocketError` is said in the operator's language (Chinese, then English; or one of them
    /// with `DOCKET_LANG=zh` or `en`) and exits 1. Everything else is the argument parser's to report.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as DocketError {
            FileHandle.standardError.write(
                Data(CLIError.render(error, language: ProcessInfo.processInfo.environment["DOCKET_LANG"]).utf8))
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}
