import ArgumentParser
import DocketCore
import Foundation

/// `docket id …`: identity number checks.
struct IDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "id",
        abstract: "Check resident ID numbers and unified social credit codes.",
        subcommands: [Check.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check one number; exits with status 1 when it is invalid.",
            discussion: """
                Resident ID (居民身份证号码, GB 11643-1999): 18 characters, the last an ISO 7064 MOD 11-2 check \
                character (0-9 or X, either case); characters 7-14 a real birth date from 1900 and not after today \
                (Beijing time). A 15-digit legacy number is recognised and upgraded to 18 characters.

                Unified social credit code (统一社会信用代码, GB 32100-2015): 18 digits and capital letters (no I, O, \
                S, V or Z), the last a MOD 31 check character.

                Spaces, hyphens and full-width characters are ignored. The number is never printed in full: Docket's \
                one masking rule keeps the first 3 and last 4 characters, so the birth date never shows.
                """
        )

        @Argument(help: "The number to check.")
        var number: String

        @Flag(help: "Print the result as JSON: valid, kind, masked, birthDate, reason.")
        var json = false

        @Option(
            help: """
                Check as this kind only: resident-id, credit-code, passport, hk-macao-permit, taiwan-permit \
                (default: resident ID, else credit code).
                """
        )
        var kind: IdentityKind?

        /// The CLI shape: no `normalized`, so the full number is never printed.
        private struct Output: Encodable {
            let valid: Bool
            let kind: String?
            let masked: String
            let birthDate: String?
            let reason: String?
        }

        func run() throws {
            let shanghai = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
            let today = LocalDate(date: Date(), timeZone: shanghai)
            let check =
                kind.map { IdentityNumber.check(number, kind: $0, today: today) }
                ?? IdentityNumber.check(number, today: today)
            if json {
                try printJSON(
                    Output(
                        valid: check.valid, kind: check.kind?.rawValue, masked: check.masked,
                        birthDate: check.birthDate, reason: check.reason))
            } else if check.valid {
                let name =
                    check.kind == .creditCode
                    ? "unified social credit code"
                    : check.kind == .residentID ? "resident ID" : check.kind?.rawValue ?? "number"
                print(
                    "valid \(name) (\(check.kind?.chinese ?? "")): \(check.masked)"
                        + "\(check.birthDate.map { ", born \($0)" } ?? "")"
                )
            } else {
                print("invalid: \(check.masked) — \(check.reason ?? "not a valid number.")")
            }
            if !check.valid { throw ExitCode.failure }
        }
    }
}

extension IdentityKind: ExpressibleByArgument {}
