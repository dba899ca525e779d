import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Runs `git http-backend` (CGI) for one request against one repository and streams both ways.
///
/// Guarantees:
/// - Request and response bodies stream: the bridge holds at most one chunk (64 KiB from git, one network read
///   from the client) per direction plus the CGI head, whatever the pack size. Chunked and gzip-encoded request
///   bodies pass through unchanged (git inflates them itself).
/// - Process I/O never runs on the server's event loop or the concurrency pool: each transfer has its own
///   threads (stdin, stdout, stderr, reaper), which end with it.
/// - A request body over `maxRequestBytes` gets 413 and git is terminated before it can act on it; with a known
///   `Content-Length` git is not even started.
/// - When the client disconnects, the response writer fails or the handler is cancelled, git and everything it
///   started (upload-pack, pack-objects, hooks) are terminated: it runs in its own process group.
/// - git's environment is only the CGI variables, PATH, HOME and `extraEnvironment`: none of the server's
///   secrets reach git or the hooks it runs.
/// - stderr of git is logged (first 16 KiB), never sent to the client.
public struct GitHTTPBackend: Sendable {
    /// The git binary whose `http-backend` subcommand is run.
    public let gitExecutable: String
    /// The largest request body accepted, in bytes.
    public let maxRequestBytes: Int64
    /// Where git's stderr and aborted exchanges are logged.
    public let logger: Logger

    /// - Parameters:
    ///   - gitExecutable: absolute path of `git`.
    ///   - maxRequestBytes: request bodies larger than this are refused with 413.
    ///   - logger: receives git's stderr and failures.
    public init(
        gitExecutable: String = "/usr/bin/git", maxRequestBytes: Int64 = 512 * 1024 * 1024,
        logger: Logger = Logger(label: "docket.git-http-backend")
    ) {
        self.gitExecutable = gitExecutable
        self.maxRequestBytes = maxRequestBytes
        self.logger = logger
    }

    /// Answers one smart-HTTP (or dumb-HTTP) git request by running `git http-backend`.
    ///
    /// - Parameters:
    ///   - request: the request; its body is consumed here.
    ///   - projectRoot: the folder holding the repository (`GIT_PROJECT_ROOT`).
    ///   - pathInfo: `"/<name>.git/info/refs"` etc. (`PATH_INFO`); the caller has already decided the repository
    ///     may be reached.
    ///   - remoteUser: sets `REMOTE_USER`; receive-pack (push) is refused by git without it unless the repository
    ///     sets `http.receivepack`.
    ///   - extraEnvironment: passed to git and so to its hooks (e.g. `DOCKET_DATA`, `DOCKET_PEER`, `REMOTE_ADDR`);
    ///     it can override PATH/HOME but not the CGI variables.
    ///   - onFinish: runs once git and everything it started are gone, whatever the outcome (also when git could
    ///     not be started, or the body was refused before it ran): the place to clear up after a push.
    /// - Returns: git's status and headers, with a body that streams git's output as it is written.
    public func respond(
        to request: Request, projectRoot: String, pathInfo: String, remoteUser: String?,
        extraEnvironment: [String: String], onFinish: (@Sendable () -> Void)? = nil
    ) async throws -> Response {
        let declaredLength = Self.declaredLength(request.headers)
        if let declaredLength, declaredLength > maxRequestBytes {
            GitHTTPBackendActivity.recorder.refusedTooLarge()
            onFinish?()
            return Self.textResponse(.contentTooLarge, "request body too large\n")
        }
        let environment = cgiEnvironment(
            request: request, projectRoot: projectRoot, pathInfo: pathInfo,
            declaredLength: declaredLength, remoteUser: remoteUser,
            extraEnvironment: extraEnvironment)
        var logger = self.logger
        logger[metadataKey: "git.path"] = "\(pathInfo)"
        let process: CGIProcess
        do {
            process = try CGIProcess(
                executable: gitExecutable, arguments: ["http-backend"], environment: environment,
                onStderr: { [logger] text in logger.warning("git http-backend stderr", metadata: ["stderr": "\(text)"])
                },
                onReaped: onFinish)
        } catch {
            onFinish?()
            logger.error("could not start git http-backend", metadata: ["error": "\(error)"])
            return Self.textResponse(.internalServerError, "git http-backend could not be started\n")
        }
        logger[metadataKey: "git.pid"] = "\(process.pid)"
        let feeder = RequestBodyFeeder(body: request.body, process: process, limit: maxRequestBytes)
        let exchange = CGIExchange(process: process, feeder: feeder, logger: logger)
        return try await withTaskCancellationHandler {
            try await exchange.response()
        } onCancel: {
            process.terminate(discardOutput: true)
        }
    }

    /// The CGI/1.1 variables git http-backend reads, on top of PATH, HOME and `extraEnvironment`.
    func cgiEnvironment(
        request: Request, projectRoot: String, pathInfo: String, declaredLength: Int64?,
        remoteUser: String?, extraEnvironment: [String: String]
    ) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment: [String: String] = ["PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"]
        environment["HOME"] = inherited["HOME"]
        environment.merge(extraEnvironment) { _, extra in extra }
        environment["GIT_PROJECT_ROOT"] = projectRoot
        environment["GIT_HTTP_EXPORT_ALL"] = "1"
        environment["PATH_INFO"] = pathInfo
        environment["QUERY_STRING"] = request.uri.query ?? ""
        environment["REQUEST_METHOD"] = request.method.rawValue
        environment["CONTENT_TYPE"] = request.headers[.contentType]
        // Absent for chunked bodies: git then reads stdin to its end, which comes when the body ends.
        environment["CONTENT_LENGTH"] = declaredLength.map(String.init)
        // Stock git gzips large fetch requests; http-backend inflates them itself.
        environment["HTTP_CONTENT_ENCODING"] = request.headers[.contentEncoding]
        environment["GIT_PROTOCOL"] = request.headers[Self.gitProtocol]
        environment["REMOTE_USER"] = remoteUser
        return environment
    }

    /// The body length the client announced, or nil for a chunked (or absent) body.
    static func declaredLength(_ headers: HTTPFields) -> Int64? {
        if headers[.transferEncoding] != nil { return nil }
        return headers[.contentLength].flatMap { Int64($0) }
    }

    /// A short plain-text response for errors the bridge itself decides.
    static func textResponse(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache"]
        // The rest of an oversized body is not worth reading: ask the client to drop the connection.
        if status == .contentTooLarge { headers[.connection] = "close" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }

    private static let gitProtocol = HTTPField.Name("Git-Protocol")!
}
