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
                // Built off the event loops, the next case while this one is written: two cases in memory at
                // most, the awaited write being the back-pressure.
                var building: Task<[UInt8], any Error>?
                for want in wanted.cases {
                    let next = Task { try await offload { node.replication.batchFrame(want, for: peer) } }
                    if let building { try await writer.write(ByteBuffer(bytes: try await building.value)) }
                    building = next
                }
                if let building { try await writer.write(ByteBuffer(bytes: try await building.value)) }
                try await writer.write(ByteBuffer(bytes: BatchStream.frame(.init(end: wanted.cases.count))))
                try await writer.finish(nil)
            })
    }

    /// `POST /api/v1/sync/push`: many pushed cases in one request (`BatchStream`), kept on disk as they arrive, then
    /// each checked as the pre-receive hook checks a git push and taken or refused on its own
    /// (`Replication.receiveBatch`); the answer is one result frame per case. Authenticated and admitted like a git
    /// request.
    func batchPush(_ request: Request) async throws -> Response {
        guard offersBatch else { return Self.notFound() }
        guard let peer = try await peer(of: request) else { return Self.challenge() }
        let ticket: Admission.Ticket
        switch admit(peer, git: true) {
        case .admitted(let admitted): ticket = admitted
        case .busy(let response): return response
        }
        defer { ticket.release() }
        let node = self.node
        let (spill, file) = try await offload { try node.replication.spillFile("push", "stream") }
        defer {
            try? file.close()
            try? FileManager.default.removeItem(at: spill)
        }
        var received = 0
        for try await buffer in request.body {
            received += buffer.readableBytes
            guard received <= BatchStream.maxStreamBytes else {
                return Self.plain(
                    .contentTooLarge, "The batch push is larger than \(BatchStream.maxStreamBytes) bytes.")
            }
            let bytes = Data(buffer.readableBytesView)
            try await offload { try file.write(contentsOf: bytes) }
        }
        let pushes = self.pushes
        let answer = try await offload { () -> [UInt8] in
            try file.seek(toOffset: 0)
            let reader: BatchReader
            do { reader = try BatchReader(file) } catch { return [] }
            let (answer, cases) = node.replication.receiveBatch(reader, from: peer)
            // A git push killed earlier left its quarantine in a case; with no git push running there now, it goes.
            for uid in cases { pushes.clearLeftovers(in: node.paths.repository(ofCase: uid)) }
            return answer
        }
        guard !answer.isEmpty else { return Self.plain(.badRequest, "The request is not a batch stream.") }
        return Response(
            status: .ok, headers: [.contentType: BatchStream.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer)))
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
