import CGit2
import Foundation

extension Repository {
    /// A pack smaller than this is "small": the pack of an ordinary commit (records, a timeline entry).
    public static let smallPackBytes = 1 << 20

    /// When more than `limit` small packs have piled up (one per commit), stores every object they hold as one
    /// pack and removes them. Returns whether it did.
    ///
    /// Every commit of a case is a pack of its own, and libgit2 and git search packs one by one: a case with 300
    /// edits took 1,400 file opens and twice the time for one more edit. Merging the small packs keeps that
    /// bounded; large packs (a big document each) are few and stay as they are.
    ///
    /// Safe beside other writers and readers: only packs that were complete when it started are removed, and every
    /// object in them (reachable or not — another writer may be about to point `main` at it) is in the new pack
    /// first. A reader that already opened a removed pack keeps reading it; one that had not finds the objects
    /// in the new pack when libgit2 or git looks again. Packs marked `.keep` are left alone.
    @discardableResult
    public func consolidateSmallPacks(above limit: Int = 16) throws -> Bool {
        let folder = path + "/objects/pack"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        // This runs after every write, and most find few packs: count them before looking at any sizes.
        guard names.lazy.filter({ $0.hasSuffix(".idx") }).count > limit else { return false }
        let small = Self.smallPacks(among: names, in: folder)
        guard small.count > limit else { return false }
        var seen: Set<ObjectID> = []
        var ids: [ObjectID] = []
        for name in small {
            for id in try Self.objectIDs(inIndex: folder + "/\(name).idx") where seen.insert(id).inserted {
                ids.append(id)
            }
        }
        let pack = try PackFile(try rawObjects(ids))
        try storePack(pack, into: folder)
        for name in small where name != "pack-\(pack.name)" {
            // The index first: without it nobody looks in the pack. Stock git may have left a reverse index,
            // bitmap or mtimes file beside a pack it received; they go with it.
            for suffix in [".idx", ".pack", ".rev", ".bitmap", ".mtimes"] { unlink(folder + "/" + name + suffix) }
        }
        return true
    }

    /// The small, complete packs among `names`, the entries of `folder` (names without extension), sorted.
    private static func smallPacks(among names: [String], in folder: String) -> [String] {
        let present = Set(names)
        return names.filter { $0.hasPrefix("pack-") && $0.hasSuffix(".idx") }.map { String($0.dropLast(4)) }.filter {
            name in
            guard !present.contains(name + ".keep"), present.contains(name + ".pack") else { return false }
            var info = stat()
            return stat(folder + "/\(name).pack", &info) == 0 && Int(info.st_size) < smallPackBytes
        }.sorted()
    }

    /// The object ids a pack index (version 2) lists.
    static func objectIDs(inIndex path: String) throws -> [ObjectID] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GitError(code: -1, function: "read", message: "cannot read \(path)")
        }
        let bytes = [UInt8](data)
        let header = 8 + 256 * 4
        guard bytes.count >= header, bytes[0..<8] == [0xFF, 0x74, 0x4F, 0x63, 0, 0, 0, 2] else {
            throw GitError(code: -1, function: "objectIDs", message: "\(path) is not a version 2 pack index")
        }
        let count = bytes[(header - 4)..<header].reduce(0) { $0 << 8 | Int($1) }
        guard bytes.count >= header + count * 20 else {
            throw GitError(code: -1, function: "objectIDs", message: "\(path) is cut short")
        }
        return try (0..<count).map { n in
            let start = header + n * 20
            guard let id = ObjectID(bytes: bytes[start..<(start + 20)]) else {
                throw GitError(code: -1, function: "objectIDs", message: "\(path) holds a malformed id")
            }
            return id
        }
    }
}
