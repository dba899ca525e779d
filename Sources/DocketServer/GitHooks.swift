import Foundation

/// The git hooks every push through `docket serve` runs, installed once per node: `<data>/hooks/pre-receive` and
/// `post-receive` call this very binary (`docket hook …`), so the check is always the running version's.
public enum GitHooks {
    /// Writes the hooks into `folder` and returns its path (given to git as `core.hooksPath`).
    public static func install(in folder: URL, executable: String) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for hook in ["pre-receive", "post-receive"] {
            let script = "#!/bin/sh\nexec '\(executable.replacingOccurrences(of: "'", with: "'\\''"))' hook \(hook)\n"
            let url = folder.appendingPathComponent(hook)
            try Data(script.utf8).write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        return folder.path
    }

    /// The absolute path of the running executable (`/proc/self/exe`).
    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
