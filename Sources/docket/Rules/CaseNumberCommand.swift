import ArgumentParser
import DocketCore

/// `docket casenum …`: case numbers (案号).
struct CaseNumberCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casenum",
        abstract: "Case numbers (案号) under the SPC Provisions on Case Numbers (2016, amended 2018).",
        discussion: """
            A case number is （year）court code [specialised-trial code] type code serial 号, e.g. \
            （2020）鲁0102民初1234号 or （2019）最高法知民终1号.
            """,
        subcommands: [Parse.self]
    )

    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a case number and split it into its parts.",
            discussion: """
                Accepted: full-width （） or ASCII () brackets around a four-digit year from 2016; a court code \
                (最高法, a province abbreviation such as 鲁, plus 2 digits for an intermediate court or 4 for a basic \
                court: 鲁01, 鲁0102); an optional specialised-trial code (知: patent and other technical IP cases); a \
                type code of the SPC standard (民初 民终 民申 民再 民特 民督 民催 民辖 刑初 刑终 刑核 行初 行终 财保 执 执恢 \
                执保 执异 执复 执监 破申 破 …); the serial without leading zeros (刑核: a random 8-digit number); and 号.

                Refused, with the reason: pre-2016 numbers with 字第, leading zeros, "之一" document suffixes, \
                unknown type or specialised-trial codes, and court codes not in Docket's list (unless \
                --allow-unknown-court and the code is well-formed). The canonical form uses full-width brackets.
                """
        )

        @Argument(help: "The case number, e.g. （2020）鲁0102民初1234号 (quote it in the shell).")
        var text: String

        @Flag(help: "Accept a well-formed court code that is not in Docket's court list (e.g. 鲁0199).")
        var allowUnknownCourt = false

        @Flag(help: "Print the parts as JSON: year, court, special, type, serial, canonical.")
        var json = false

        func run() throws {
            let number = try CaseNumber(parsing: text, allowUnknownCourt: allowUnknownCourt)
            if json {
                try printJSON(number)
                return
            }
            let court = CourtCode.lookup(number.court)
            print(number.canonical)
            print("  year:    \(number.year)")
            print(
                "  court:   \(number.court)"
                    + (court.map { " (\($0.name)\($0.historical.map { "; \($0)" } ?? ""))" }
                        ?? " (not in Docket's court list)")
            )
            print("  special: \(number.special.map { "\($0) (\(SpecialTrialCode.known[$0] ?? ""))" } ?? "none")")
            print("  type:    \(number.type)\(CaseTypeCode.lookup(number.type).map { " (\($0.name))" } ?? "")")
            print("  serial:  \(number.serial)")
        }
    }
}
