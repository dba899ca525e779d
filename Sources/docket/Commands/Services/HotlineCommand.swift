import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct HotlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotline",
        abstract: "12368 requests: ask for an extension, leave the judge a message; the court decides and answers.",
        subcommands: [Extension.self, Decide.self, Correct.self, Message.self, Answer.self]
    )

    struct Extension: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ask for an extension (of a deadline, a hearing).")
        @OptionGroup var target: ServiceTarget
        @Option(help: "The party (id or exact name).") var party: String
        @Option(help: "What should be extended.") var what: String
        @Option(help: "Why.") var reason: String
        func run() throws {
            try ServiceSupport.step(target, id: nil) { node, file, actor, _, id in
                try CaseActions.requestExtension(
                    file, id: id, applicant: try node.party(party, in: file).id, what: what, reason: reason, by: actor)
            }
        }
    }

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decide an extension request (court nodes).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The request id.") var id: String
        @Option(help: "Granted: the new date (YYYY-MM-DD).") var until: String?
        @Flag(help: "Refuse it.") var refuse = false
        @Option(help: "The reasons.") var reason: String
        func run() throws {
            guard (until != nil) != refuse else {
                throw DocketError(
                    .invalidInput, key: "hotline.until-or-refuse", zh: "请指定 --until DATE（准许）或 "
                        + "--refuse（不准许）。",
                    en: "Say --until DATE (granted) or --refuse.")
            }
            let date = try until.map { try LocalDate(parsing: $0) }
            try ServiceSupport.step(target, id: id) { _, file, actor, side, id in
                try CaseActions.decideExtension(
                    file, id: id, grant: !refuse, newDate: date, reason: reason, side: side, by: actor)
            }
        }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Correct the date of a granted extension (court nodes); the earlier date and the reason stay on record."
        )
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The request id.") var id: String
        @Option(help: "The corrected new date (YYYY-MM-DD), today or later.") var until: String
        @Option(help: "Why it is corrected.") var reason: String
        func run() throws {
            let node = try target.node.open()
            let file = try node.services.correctExtension(
                try node.resolveCase(target.reference), id: id, newDate: try LocalDate(parsing: until), reason: reason)
            try ServiceSupport.show(file.filing(id), json: target.output.json)
        }
    }

    struct Message: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Leave the judge a message (it goes into the timeline).")
        @OptionGroup var target: ServiceTarget
        @Option(help: "The party (id or exact name).") var party: String
        @Option(help: "The message.") var text: String
        func run() throws {
            try ServiceSupport.step(target, id: nil) { node, file, actor, _, id in
                try CaseActions.messageJudge(
                    file, id: id, from: try node.party(party, in: file).id, message: text, by: actor)
            }
        }
    }

    struct Answer: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The judge answers a message (court nodes).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The message id.") var id: String
        @Option(help: "The answer.") var text: String
        func run() throws {
            try ServiceSupport.step(target, id: id) { _, file, actor, side, id in
                try CaseActions.answerMessage(file, id: id, answer: text, side: side, by: actor)
            }
        }
    }
}
