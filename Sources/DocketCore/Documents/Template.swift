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
                throw DocketError(
                    .internal, key: "template.unclosed-placeholder", zh: "模板中有未闭合的 {{ 占位符。",
                    en: "The template has an unclosed {{ placeholder.")
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard let value = values[name] else {
                throw DocketError(
                    .internal, key: "template.missing-value", zh: "模板缺少 {{\(name)}} 的值。",
                    en: "The template needs a value for {{\(name)}}.")
            }
            out += value
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}
