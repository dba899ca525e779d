import DocketCore
import DocketStore

extension Node {
    /// Node id → what people call it: this node by its name; every other node the directory knows (peers, and the
    /// nodes the court published) by its role and id (法院 court-lixia, 律师事务所 firm-a), as no other name travels.
    /// For the desk and the kiosk's administrator, which show merge conflicts side by side.
    public func nodeNames(english: Bool) -> [String: String] {
        var names: [String: String] = [:]
        if let directory = try? nodeDirectory() {
            for (id, entry) in directory.entries {
                let role: String
                switch entry.participant.role {
                case .court: role = english ? "Court" : "法院"
                case .firm: role = english ? "Law firm" : "律师事务所"
                case .kiosk: role = english ? "Lobby kiosk" : "自助终端"
                }
                names[id] = "\(role) \(id)"
            }
        }
        names[config.nodeId] = config.name
        return names
    }
}
