/// What kind of node this is; it decides which steps the node may take.
public enum NodeRole: String, Codable, CaseIterable, Sendable {
    /// A court branch: the authority on its own cases.
    case court
    /// A law firm: files and follows its own cases, acting for the parties it represents.
    case firm
    /// A lobby kiosk: a court's self-service terminal for walk-in people, who prove themselves with their query
    /// credentials before it acts for them.
    case kiosk
}
