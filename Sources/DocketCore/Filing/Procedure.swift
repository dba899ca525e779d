/// The procedure a court tries a case under. Simple procedure halves the acceptance fee (Decree 481 art. 16),
/// small claims are a form of simple procedure (CPL art. 165) and are halved too.
public enum Procedure: String, Codable, CaseIterable, Sendable {
    case ordinary
    case simple
    case smallClaims = "small-claims"

    public var halvesFee: Bool { self != .ordinary }

    /// 普通程序 / 简易程序 / 小额诉讼程序
    public var chinese: String {
        switch self {
        case .ordinary: return "普通程序"
        case .simple: return "简易程序"
        case .smallClaims: return "小额诉讼程序"
        }
    }
}
