import DocketCore
import Foundation
import Mustache

/// The desk's templates (Mustache, shipped as resources in `Templates/`) and how a page is rendered: every page
/// extends `layout`, and gets the words of its language as `t` (`DeskText`), so a page is wholly Chinese or wholly
/// English.
public struct DeskPages: Sendable {
    let library: MustacheLibrary

    /// Loads every template shipped with the desk.
    public static func load() async throws -> DeskPages {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw DocketError(
                .internal, key: "desk.templates-missing", zh: "找不到工作台的页面模板。", en: "The desk's templates "
                    + "are missing.")
        }
        return DeskPages(library: try await MustacheLibrary(directory: folder.path))
    }

    /// Renders the template `name` with `values`; the page's language, title and the visitor are added.
    func render(_ name: String, _ values: [String: Any], visit: DeskVisit, title: String) -> String {
        var context = values
        context["t"] = DeskText.table(english: visit.english)
        context["zh"] = !visit.english
        context["lang"] = visit.english ? "en" : "zh-Hans"
        context["title"] = title
        context["path"] = visit.path
        context["otherLanguage"] = visit.english ? "zh" : "en"
        context["otherLanguageName"] = visit.english ? "中文" : "English"
        if let session = visit.session {
            let role = session.user.role
            context["user"] = [
                "name": session.user.displayName ?? session.user.name, "account": session.user.name,
                "role": role.name(english: visit.english),
            ]
            context["csrf"] = session.csrf
            context["isCourt"] = role.nodeRole == .court
            context["isFirm"] = role.nodeRole == .firm
            context["can"] = Dictionary(
                uniqueKeysWithValues: DeskPermission.allCases.map { ($0.templateName, $0.allows(role)) })
        }
        context["nodeName"] = visit.nodeName
        return library.render(Self.prepared(context), withTemplate: name) ?? "template \(name) missing"
    }

    /// Every string as `PageText`, so an empty one is false in a section (`{{#judge}}…{{/judge}}`) as people
    /// expect, while the key still exists and never falls through to a value of the page around it.
    /// An optional put in as `Any` is unwrapped: nil is an empty text (false in a section, nothing in a tag),
    /// never the word "nil" on the page.
    static func prepared(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return PageText("") }
            return prepared(wrapped)
        }
        switch value {
        case let text as String: return PageText(text)
        case let dictionary as [String: String]: return dictionary.mapValues { PageText($0) }
        case let dictionary as [String: Any]: return dictionary.mapValues(prepared)
        case let array as [String]: return array.map { PageText($0) }
        case let array as [[String: String]]: return array.map { $0.mapValues { PageText($0) } }
        case let array as [[String: Any]]: return array.map { $0.mapValues(prepared) }
        case let array as [Any]: return array.map(prepared)
        default: return value
        }
    }
}

extension DeskPermission {
    /// The name templates use (`can.reviewFilings`): the raw value in camel case.
    var templateName: String {
        let parts = rawValue.split(separator: "-")
        return String(parts[0]) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

/// A string on a page: rendered escaped like any text, and false in a section when empty.
struct PageText: MustacheCustomRenderable {
    let text: String
    init(_ text: String) { self.text = text }
    var renderText: String { text }
    var isNull: Bool { text.isEmpty }
}
