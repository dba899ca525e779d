import Foundation

/// Fills a document template: `{{name}}` is replaced by the value of `name`.
///
/// A placeholder without a value is an error rather than an empty gap, so a notice is never served with a
/// hole in it.
public enum Template {
    public static func render(_ template: String, _ values: [String: String]) throws -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw DocketError("The template has an unclosed {{ placeholder.")
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard let value = values[name] else { throw DocketError("The template needs a value for {{\(name)}}.") }
            out += value
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}
