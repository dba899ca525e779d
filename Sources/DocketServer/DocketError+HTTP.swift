import DocketCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// How an error reaches an HTTP client: its kind decides the status, and the body says it in both languages as
/// JSON (`kind`, `key`, `zh`, `en`). Never decided by the text.
extension DocketError.Kind {
    /// The HTTP status of a kind of failure.
    public var httpStatus: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .notAllowed: .forbidden
        case .invalidInput: .unprocessableContent
        case .unauthorized: .unauthorized
        case .conflict: .conflict
        case .unavailable: .serviceUnavailable
        case .internal: .internalServerError
        }
    }
}

extension DocketError: ResponseGenerator, HTTPResponseError {
    public var status: HTTPResponse.Status { kind.httpStatus }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        httpResponse()
    }

    /// The response for this error: its status, and a JSON body with the kind, the key and both renderings.
    public func httpResponse() -> Response {
        struct Body: Encodable { var kind: String, key: String, zh: String, en: String }
        let data = (try? JSONEncoder().encode(Body(kind: kind.rawValue, key: key, zh: chinese, en: english))) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data + Data("\n".utf8))))
    }
}
