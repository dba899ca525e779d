/// One step of a fee computation, said in Chinese (for notices, which are wholly Chinese) and in English (for the
/// English rendering of `docket fee quote`).
public struct FeeStep: Sendable, Equatable {
    public var en: String
    public var zh: String

    public init(en: String, zh: String) { self.en = en; self.zh = zh }

    /// The same step indented under a heading.
    var indented: FeeStep { FeeStep(en: "  " + en, zh: "  " + zh) }
}
