import DocketCore
import Foundation
import Hummingbird

/// One request as the desk sees it: who is signed in (if anyone), the page's language, where it was asked for.
public struct DeskVisit: Sendable {
    public var session: DeskSession?
    /// The English switch: pages are Chinese unless the visitor chose English (`docket_desk_lang` cookie).
    public var english: Bool
    /// The path and query asked for, to come back to after signing in or switching language.
    public var path: String
    /// The client's address, for the sign-in failure log.
    public var source: String
    /// This node's name, shown in the header.
    public var nodeName: String

    public var language: DocketError.Language { english ? .english : .chinese }

    /// Chinese or English, whichever the page is in.
    public func say(_ zh: String, _ en: String) -> String { english ? en : zh }
}

/// Cookie names and attributes: the session cookie is HttpOnly and SameSite=Strict, so scripts cannot read it and
/// other sites cannot send it; the sign-in form's CSRF cookie the same; the language cookie is harmless.
enum DeskCookie {
    static let session = "docket_desk"
    static let signInCSRF = "docket_desk_signin"
    static let language = "docket_desk_lang"

    static func make(_ name: String, _ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", httpOnly: true, sameSite: .strict)
    }

    static func expired(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict)
    }
}
