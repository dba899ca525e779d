import ArgumentParser
import DocketCore
import DocketDesk
import DocketStore
import Foundation

/// `docket desk user add|list|remove`: the operator accounts of the desk (`docket serve --desk-listen`).
struct DeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "The desk: the browser workplace of this node's clerks, judges, lawyers and administrators.",
        discussion: """
            Start it with `docket serve --desk-listen 127.0.0.1:8471` (loopback unless told otherwise; never on the \
            peers' address). Accounts belong to this node: clerk, judge and court-admin on a court node; lawyer and \
            assistant on a firm node. The account name is the commit author of everything the person does there.
            """,
        subcommands: [User.self]
    )

    struct User: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Operator accounts of this node.", subcommands: [Add.self, List.self, Remove.self])
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; the password is read from standard input (its first line).",
            discussion: "e.g. printf '%s\\n' \"$PASSWORD\" | docket desk user add wangli --role clerk --display-name "
                + "王丽"
        )
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The account name: 1–32 characters, no spaces, < > or @ (the commit author).") var name: String
        @Option(help: "clerk, judge or court-admin (court node); lawyer or assistant (firm node).") var role: String
        @Option(name: .customLong("display-name"), help: "The name shown in the desk (e.g. 王丽).") var displayName:
            String?

        func run() throws {
            let opened = try node.open()
            let role = try DeskRole.parse(role, on: opened.config.role)
            guard let line = readLine(strippingNewline: true) else {
                throw DocketError(
                    .invalidInput, key: "desk.password-missing", zh: "请从标准输入提供密码（第一行）。",
                    en: "Give the password on standard input (its first line).")
            }
            let user = try DeskAccounts(node: opened).addUser(
                name: name, role: role, password: line, displayName: displayName)
            if output.json { try printJSON(user) } else { print("\(user.name) \(user.role.rawValue)") }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag

        func run() throws {
            let users = try DeskAccounts(node: try node.open()).users()
            if output.json { return try printJSON(users) }
            for user in users {
                print("\(user.name)\t\(user.role.rawValue)\t\(user.displayName ?? "")\t\(user.createdAt)")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account and end its sessions.")
        @OptionGroup var node: NodeOptions
        @Argument(help: "The account name.") var name: String

        func run() throws { try DeskAccounts(node: try node.open()).removeUser(name) }
    }
}
