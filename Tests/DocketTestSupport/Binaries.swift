import Foundation

/// The programs this package builds, as the tests run them.
public enum Binaries {
    /// The build folder: `DOCKET_BUILD_DIR`, or `.build/debug` of the package.
    public static var folder: String {
        if let dir = ProcessInfo.processInfo.environment["DOCKET_BUILD_DIR"] { return dir }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug").path
    }

    /// The `docket` binary.
    public static var docket: String { folder + "/docket" }

    /// The payment service stand-in.
    public static var paysim: String { folder + "/docket-paysim" }
}
