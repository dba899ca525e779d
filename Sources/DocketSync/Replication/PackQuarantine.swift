import Foundation

/// A folder of `<data>/incoming` where a received pack of a case this node holds waits, indexed, while the case's
/// history is checked (the case reads it as an alternate object folder; nothing of it is in the case until it is
/// adopted). One thread uses it for case after case: it is made at the first pack, emptied after each case and
/// removed at the end — making and removing its three folders for every case cost a changed case more than
/// indexing its pack did. Named `q-<pid>-…`, so what a killed process left is cleared by `clearDeadIncoming`.
final class PackQuarantine: @unchecked Sendable {  // used by one thread at a time
    /// The folder itself.
    let root: URL
    private var made = false

    init(in incoming: URL) {
        root = incoming.appendingPathComponent("q-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())")
    }

    /// The objects folder a checking repository adds as an alternate.
    var objects: String { root.appendingPathComponent("objects").path }

    /// The folder a pack is indexed into, made when first asked for.
    func packs() throws -> String {
        let folder = root.appendingPathComponent("objects/pack")
        if !made {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            made = true
        }
        return folder.path
    }

    /// Removes whatever a case left in the pack folder (a pack refused after indexing, or not adopted because the
    /// case failed later): the next case must see none of another case's objects.
    func empty() {
        guard made else { return }
        let folder = root.appendingPathComponent("objects/pack").path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            unlink(folder + "/" + name)
        }
    }

    /// Removes the folder; the quarantine is not used again.
    func remove() {
        guard made else { return }
        try? FileManager.default.removeItem(at: root)
        made = false
    }
}
