import Foundation
import Hummingbird

// docket-paysim: a stand-in for a QR payment provider, on loopback, for the demo and the tests.
// stdout carries exactly one line, `listening on http://HOST:PORT`, so a test started with port 0 can read the port;
// everything else goes to stderr. SIGTERM and SIGINT shut it down cleanly (Hummingbird's service lifecycle).

let options: SimulatorOptions
do {
    options = try SimulatorOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch let error as UsageError {
    FileHandle.standardError.write(Data((error.message + "\n").utf8))
    exit(error.exitCode)
}

let book = OrderBook(ttl: options.orderTTL)
let app = Application(
    router: SimulatorRoutes.router(book: book, options: options),
    configuration: .init(address: .hostname(options.host, port: options.port), serverName: "docket-paysim"),
    onServerRunning: { channel in
        let port = channel.localAddress?.port ?? options.port
        let base = "http://\(options.host):\(port)"
        await book.setBaseURL(base)
        print("listening on \(base)")
        fflush(stdout)
    }
)

do {
    try await app.runService()
} catch {
    log("stopped: \(error)")
    exit(1)
}
