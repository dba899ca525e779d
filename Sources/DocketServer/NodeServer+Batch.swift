import DocketCore
import DocketStore
import DocketSync
import Foundation
import Hummingbird
import NIOCore

extension NodeServer {
    /// `POST /api/v1/sync/fetch`: many cases in one answer (`BatchStream`), each case's pack built in this process
    /// as the stream goes out — no git process per case. Authenticated and admitted like a git request (it is the
    /// same work, done here); a case the peer may not see is answered as one that does not exist.
    func batchFetch(_ request: Request) async throws -> Response {
        guard offersBatch else { return Self.notFound() }
        guard let peer = try await peer(of: request) else { return Self.challenge() }
        let ticket: Admission.Ticket
        switch admit(peer, git: true) {
        case .admitted(let admitted): ticket = admitted
        case .busy(let response): return response
        }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: BatchFetchRequest.maxBytes) } catch {
            ticket.release()
            return Self.plain(.contentTooLarge, "The batch request is larger than \(BatchFetchRequest.maxBytes) bytes.")
        }
        guard let wanted = try? JSONDecoder().decode(BatchFetchRequest.self, from: Data(body.readableBytesView)) else {
            ticket.release()
            return Self.plain(.badRequest, "The batch request is not JSON of the batch format.")
        }
        if let problem = wanted.problem {
            ticket.release()
            return Self.plain(.unprocessableContent, "The batch request cannot be answered: \(problem).")
        }
        let node = self.node
        return Response(
            status: .ok, headers: [.contentType: BatchStream.contentType],
            body: ResponseBody { writer in
                defer { ticket.release() }
                try await writer.write(ByteBuffer(bytes: BatchStream.magic))
                for want in wanted.cases {
                    // Built off the event loops; the awaited write is the back-pressure (one case in memory).
                    let frame = try await offload { node.batchFrame(want, for: peer) }
                    try await writer.write(ByteBuffer(bytes: frame))
                }
                try await writer.write(ByteBuffer(bytes: BatchStream.frame(.init(end: wanted.cases.count))))
                try await writer.finish(nil)
            })
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
