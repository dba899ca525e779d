import Foundation

/// The kiosk's data files (screens.json, locales/, kiosk.sample.json), shipped as this target's resources so a
/// built binary finds them wherever it runs. Hand the bytes to `KioskContent(screens:locales:config:)`.
public enum DocketKioskData {
    /// The bytes of a shipped file by its path under Kiosk/ (e.g. "locales/en.json"). Throws naming the file
    /// when it is missing.
    public static func data(_ relativePath: String) throws -> Data {
        let url = root.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        return data
    }

    /// Where the shipped files are. `DOCKET_KIOSK_DATA` overrides it (a court's own screens, or an installed
    /// binary without its bundle).
    public static var root: URL {
        if let override = ProcessInfo.processInfo.environment["DOCKET_KIOSK_DATA"] { return URL(fileURLWithPath: override) }
        return Bundle.module.resourceURL ?? Bundle.module.bundleURL
    }
}
