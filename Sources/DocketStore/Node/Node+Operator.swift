import DocketCore

/// Who is working at the node for the duration of a call: the desk runs each signed-in person's steps inside
/// `Node.acting(as:)`, so the commits those steps make name that person as their author, while the node itself
/// (one process serving many people) keeps the operator it was opened with for everything else.
public enum OperatorScope {
    /// The operator of the calls running inside `Node.acting(as:)` on this task or thread; nil outside.
    @TaskLocal public static var name: String?
}

extension Node {
    /// The author of a write made now: the operator of the enclosing `acting(as:)` scope, else the node's own
    /// `operatorName`. Every place that builds an `Actor` or a commit signature reads this.
    package var currentOperator: String { OperatorScope.name ?? operatorName }

    /// Runs `body` (synchronously, on the calling thread) with `name` as the author of every commit it makes.
    /// Scopes nest; the innermost wins. A name that git cannot carry in an author line is refused.
    public func acting<T>(as name: String, _ body: () throws -> T) throws -> T {
        guard Self.isValidOperatorName(name) else {
            throw DocketError(
                .invalidInput, key: "node.operator-name-invalid",
                zh: "操作人名称“\(name)”无效：应为 1 至 32 个字符，不含空白、尖括号或 @。",
                en: "The operator name \"\(name)\" is not valid: 1 to 32 characters, no spaces, angle brackets or @.")
        }
        return try OperatorScope.$name.withValue(name, operation: body)
    }

    /// Whether `name` can be a commit's author name (and the local part of its e-mail): 1–32 characters, none of
    /// them white space, a control character, `<`, `>` or `@`.
    public static func isValidOperatorName(_ name: String) -> Bool {
        (1...32).contains(name.count)
            && !name.unicodeScalars.contains { scalar in
                scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                    || "<>@".unicodeScalars.contains(scalar)
            }
    }
}
