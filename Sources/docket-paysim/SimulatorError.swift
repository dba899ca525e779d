import Foundation
import Hummingbird

/// A refusal the simulator answers with: an HTTP status and a JSON body `{"error": code, "message": sentence}`,
/// as a real provider does, so the node can tell a refusal (4xx) from a fault (5xx, no answer).
struct SimulatorError: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String

    static func badRequest(_ message: String) -> SimulatorError {
        SimulatorError(status: .badRequest, code: "bad_request", message: message)
    }
    static func notFound(_ message: String) -> SimulatorError {
        SimulatorError(status: .notFound, code: "not_found", message: message)
    }
    static func conflict(_ code: String, _ message: String) -> SimulatorError {
        SimulatorError(status: .conflict, code: code, message: message)
    }
}
