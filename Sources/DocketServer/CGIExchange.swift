import Foundation
import Hummingbird
import Logging

/// One request's conversation with one running CGI program: reads the CGI head, decides the HTTP response, and
/// streams stdout into the response body while `RequestBodyFeeder` streams the request body into stdin.
///
/// Guarantees: the program is terminated on every path that does not read its output to the end (client gone,
/// writer failure, cancellation, a response that is dropped unwritten); a program that dies before its head
/// becomes a 500 with a short text body; a body over the limit becomes a 413 when the head has not been sent yet,
/// and an aborted connection when it has (never a response that looks complete).
final class CGIExchange: @unchecked Sendable {
    /// Raised inside the response body when the request body passed the limit after the head had been sent.
    struct RequestTooLarge: Error {}

    private let process: CGIProcess
    private let feeder: RequestBodyFeeder
    private let logger: Logger
    private let lock = NSLock()
    private var finished = false  // guarded by `lock`

    init(process: CGIProcess, feeder: RequestBodyFeeder, logger: Logger) {
        self.process = process
        self.feeder = feeder
        self.logger = logger
    }

    deinit {
        // A response dropped without its body being written (a failing middleware, a client gone before the head)
        // must not leave git running with nobody reading it.
        if !finished { process.terminate(discardOutput: true) }
    }

    /// Reads the CGI head and returns the response whose body streams the rest of stdout.
    func response() async throws -> Response {
        var parser = CGIResponseParser()
        var parsed: (head: CGIResponseHead, body: ByteBuffer)?
        do {
            while parsed == nil, let chunk = try await process.readStdout() {
                GitHTTPBackendActivity.recorder.held(parser.bufferedBytes + chunk.readableBytes)
                parsed = try parser.feed(chunk)
            }
        } catch {
            logger.error("unreadable output from git http-backend", metadata: ["error": "\(error)"])
            return await fail(.badGateway, "git http-backend sent an unreadable response\n")
        }
        guard let (head, leftover) = parsed else { return await failBeforeHead() }

        // A push is answered only after its whole body has been read. Holding the head back until then (or
        // until git starts its body, whichever is first) lets a body that grows past the limit still get a 413.
        let process = self.process
        let pendingRead: Task<ByteBuffer?, Error>? =
            leftover.readableBytes == 0 ? Task { try await process.readStdout() } : nil
        if let read = pendingRead {
            if await firstFinished(feeder.feeding, read) == .first {
                switch await feeder.value {
                case .tooLarge:
                    _ = await read.result
                    return await refuseTooLarge()
                case .clientFailed:
                    _ = await read.result
                    markFinished()
                    throw CancellationError()
                case .complete, .programStoppedReading:
                    break
                }
            } else if case .success(nil) = await read.result,
                await feeder.finish(grace: .seconds(1)) == .tooLarge
            {
                // git's output ended first only because we terminated it for the body's size.
                return await refuseTooLarge()
            }
        }
        if feeder.limitExceeded {
            // git said something first, but only because we cut its input off for the body's size.
            _ = await feeder.finish(grace: .seconds(1))
            return await refuseTooLarge()
        }
        return Response(
            status: head.status, headers: head.headers,
            body: ResponseBody(contentLength: head.contentLength) { writer in
                try await self.stream(leftover: leftover, pendingRead: pendingRead, into: &writer)
            })
    }

    /// Writes the body bytes that came with the head, then every further stdout chunk as it arrives.
    private func stream(
        leftover: ByteBuffer, pendingRead: Task<ByteBuffer?, Error>?,
        into writer: inout any ResponseBodyWriter
    ) async throws {
        let process = self.process
        do {
            try await withTaskCancellationHandler {
                if leftover.readableBytes > 0 {
                    GitHTTPBackendActivity.recorder.fromGit(leftover.readableBytes)
                    try await writer.write(leftover)
                }
                var next: ByteBuffer?
                if let pendingRead { next = try await pendingRead.value } else { next = try await process.readStdout() }
                while let chunk = next {
                    GitHTTPBackendActivity.recorder.fromGit(chunk.readableBytes)
                    try await writer.write(chunk)
                    next = try await process.readStdout()
                }
            } onCancel: {
                process.terminate(discardOutput: true)
            }
            let code = await process.exitCode()
            process.closeStdout()
            if await feeder.finish(grace: .seconds(1)) == .tooLarge {
                throw RequestTooLarge()
            }
            if code != 0 {
                logger.warning("git http-backend exited after its response began", metadata: ["exit": "\(code)"])
            }
            markFinished()
            try await writer.finish(nil)
        } catch {
            process.terminate(discardOutput: true)
            _ = await feeder.stop()
            markFinished()
            logger.debug("git http-backend response aborted", metadata: ["error": "\(error)"])
            throw error
        }
    }

    /// git closed stdout without a head: a 413 if we killed it for the body's size, otherwise a 500.
    private func failBeforeHead() async -> Response {
        let code = await process.exitCode()
        if await feeder.finish(grace: .milliseconds(100)) == .tooLarge { return await refuseTooLarge() }
        logger.error("git http-backend ended before its response", metadata: ["exit": "\(code)"])
        return await fail(.internalServerError, "git http-backend failed\n")
    }

    private func refuseTooLarge() async -> Response {
        GitHTTPBackendActivity.recorder.refusedTooLarge()
        return await fail(.contentTooLarge, "request body too large\n")
    }

    /// Ends the program (letting it write its last words into the pipe and exit by itself first, so a push
    /// cut short still removes its quarantine) and answers with a short plain-text error.
    private func fail(_ status: HTTPResponse.Status, _ message: String) async -> Response {
        process.terminate(discardOutput: false)
        _ = await feeder.stop()
        markFinished()
        return GitHTTPBackend.textResponse(status, message)
    }

    private func markFinished() { lock.withLock { finished = true } }
}
