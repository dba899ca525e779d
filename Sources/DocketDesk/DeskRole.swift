import DocketCore
import DocketStore

/// What an operator account is for. Court roles exist only on court nodes, firm roles only on firm nodes; what each
/// may do is `DeskPermission`'s table.
public enum DeskRole: String, CaseIterable, Codable, Sendable {
    case clerk
    case judge
    case courtAdmin = "court-admin"
    case lawyer
    case assistant

    /// The kind of node the role belongs to.
    public var nodeRole: NodeRole {
        switch self {
        case .clerk, .judge, .courtAdmin: .court
        case .lawyer, .assistant: .firm
        }
    }

    /// The role's name in Chinese or English.
    public func name(english: Bool) -> String {
        switch self {
        case .clerk: english ? "Clerk" : "书记员"
        case .judge: english ? "Judge" : "法官"
        case .courtAdmin: english ? "Court administrator" : "法院管理员"
        case .lawyer: english ? "Lawyer" : "律师"
        case .assistant: english ? "Legal assistant" : "律师助理"
        }
    }

    /// The role named `text`, or an error listing the roles of a node of `node`'s kind.
    public static func parse(_ text: String, on node: NodeRole) throws -> DeskRole {
        let fitting = allCases.filter { $0.nodeRole == node }
        guard let role = DeskRole(rawValue: text), role.nodeRole == node else {
            let names = fitting.map(\.rawValue).joined(separator: ", ")
            throw DocketError(
                .invalidInput, key: "desk.role-invalid",
                zh: "角色“\(text)”不适用于本节点（\(node.rawValue)）；可用角色：\(names.isEmpty ? "无" : names)。",
                en: "The role \"\(text)\" does not exist on a \(node.rawValue) node; use one of: "
                    + (names.isEmpty ? "none (this node has no desk)" : names) + ".")
        }
        return role
    }
}
