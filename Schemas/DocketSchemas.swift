import Foundation

/// The data files shipped with Docket (SQLite migrations, JSON Schemas of records, the holiday calendar),
/// read from the package's resource bundle so a built binary finds them wherever it runs.
public enum DocketSchemas {
    /// The bytes of a shipped file, by its path under Schemas/ (e.g. "calendar/holidays-cn.json").
    /// Throws when the file is missing, naming it.
    public static func data(_ relativePath: String) throws -> Data {
        let url = root.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        return data
    }

    /// The names of the files in a shipped folder (e.g. "sqlite"), sorted.
    public static func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path).sorted()
    }

    /// Where the shipped files are. `DOCKET_SCHEMAS` overrides it (an installed binary without its bundle).
    public static var root: URL {
        if let override = ProcessInfo.processInfo.environment["DOCKET_SCHEMAS"] { return URL(fileURLWithPath: override) }
        return Bundle.module.resourceURL ?? Bundle.module.bundleURL
    }
}
