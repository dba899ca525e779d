import Foundation
import Hummingbird

/// The HTTP API of the simulated provider (the merchant's `/v1/…`, the payer's `/pay/…`, and `/simulate/…` for
/// what a phone scanning the code would cause).
enum SimulatorRoutes {
    struct CreateOrder: Decodable {
        var merchantOrderNo: String
        var amountFen: Int64
        var description: String
        var notifyUrl: String?
    }

    struct CreateRefund: Decodable {
        var refundNo: String
        var amountFen: Int64
    }

    /// HTTPTypes is not a direct dependency, so the field name is reached through `HTTPFields`.
    static let idempotencyKeyHeader = HTTPFields.Element.Name("Idempotency-Key")!

    static func router(book: OrderBook, options: SimulatorOptions) -> Router<BasicRequestContext> {
        let router = Router()

        router.post("/v1/orders") { request, _ -> Response in
            try await answer {
                guard let key = request.headers[idempotencyKeyHeader], !key.isEmpty else {
                    throw SimulatorError.badRequest("The Idempotency-Key header is required.")
                }
                let input = try await decode(CreateOrder.self, from: request)
                try checkIdentifier(input.merchantOrderNo, what: "merchantOrderNo", length: 6...32)
                guard input.amountFen > 0 else { throw SimulatorError.badRequest("amountFen must be positive.") }
                var notify: URL?
                if let text = input.notifyUrl {
                    guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https" else {
                        throw SimulatorError.badRequest("notifyUrl must be an http(s) URL.")
                    }
                    notify = url
                }
                return try await book.create(
                    merchantOrderNo: input.merchantOrderNo, amountFen: input.amountFen,
                    description: input.description, notifyURL: notify,
                    idempotencyKey: key
                ).view
            }
        }

        router.get("/v1/orders/:no") { _, context -> Response in
            try await answer { try await book.order(try parameter(context)).view }
        }

        router.post("/v1/orders/:no/refunds") { request, context -> Response in
            try await answer {
                let input = try await decode(CreateRefund.self, from: request)
                try checkIdentifier(input.refundNo, what: "refundNo", length: 1...64)
                guard input.amountFen > 0 else { throw SimulatorError.badRequest("amountFen must be positive.") }
                return try await book.refund(
                    try parameter(context), refundNo: input.refundNo, amountFen: input.amountFen)
            }
        }

        router.post("/simulate/pay/:no") { _, context -> Response in
            try await answer {
                let (order, changed) = try await book.pay(try parameter(context))
                var view = order.view
                view.callback =
                    changed
                    ? await CallbackSender.deliver(order, fallback: options.notifyURL, secret: options.secret)
                    : "already paid; not sent again"
                return view
            }
        }

        router.post("/simulate/fail/:no") { _, context -> Response in
            try await answer { try await book.fail(try parameter(context)).view }
        }

        // The page a payer's phone would open from the QR code.
        router.get("/pay/:id") { _, context -> Response in
            do {
                let order = try await book.order(orderId: context.parameters.get("id") ?? "")
                let yuan = "\(order.amountFen / 100).\(String(format: "%02d", order.amountFen % 100))"
                let button =
                    order.state == .pending
                    ? "<form method=\"post\" "
                        + "action=\"/simulate/pay/\(order.merchantOrderNo)\"><button>Pay</button></form>"
                    : "<p>\(order.state.rawValue)</p>"
                let html = """
                    <!doctype html><meta charset="utf-8"><title>docket-paysim</title>
                    <h1>¥\(yuan)</h1><p>\(escape(order.description))</p>\(button)
                    """
                return Response(
                    status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: html)))
            } catch let error as SimulatorError {
                return errorResponse(error)
            }
        }
        return router
    }

    /// Runs a handler and turns its value into a JSON response, or its refusal into a JSON error.
    private static func answer(_ body: () async throws -> some Encodable) async throws -> Response {
        do {
            return json(try await body(), status: .ok)
        } catch let error as SimulatorError {
            return errorResponse(error)
        }
    }

    private static func json(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func errorResponse(_ error: SimulatorError) -> Response {
        json(["error": error.code, "message": error.message], status: error.status)
    }

    private static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 64 * 1024)
        } catch {
            throw SimulatorError.badRequest("The request body could not be read or is larger than 64 KiB.")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw SimulatorError.badRequest("The request body is not the expected JSON: \(error).")
        }
    }

    private static func parameter(_ context: BasicRequestContext) throws -> String {
        guard let value = context.parameters.get("no"), !value.isEmpty else {
            throw SimulatorError.badRequest("The merchant order number is missing from the path.")
        }
        return value
    }

    private static func checkIdentifier(_ value: String, what: String, length: ClosedRange<Int>) throws {
        let allowed = value.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "_" || scalar == "-")
        }
        guard allowed, length.contains(value.count) else {
            throw SimulatorError.badRequest(
                "\(what) must be \(length.lowerBound)–\(length.upperBound) characters of A–Z, a–z, 0–9, _ and -.")
        }
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
