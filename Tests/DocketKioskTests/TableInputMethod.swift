import DocketKiosk

/// A small pinyin table standing in for librime in the pure tests, with librime's behaviour where the kiosk relies
/// on it: whole-input words first, then words for shorter beginnings; a chosen word that leaves letters over keeps
/// composing; Backspace takes back the last choice, else the last letter; Enter gives the letters as typed; pages of
/// `pageSize`. The real engine is tested against librime itself in DocketKioskRuntimeTests.
final class TableInputMethod: InputMethodEngine {
    static let words: [String: [String]] = [
        "zhangsan": ["张三"], "zhang": ["张", "章", "长", "涨", "掌", "账", "帐"], "san": ["三", "散", "伞"],
        "lisi": ["李四"], "li": ["李", "里", "理"], "si": ["四", "思"],
        "wangwu": ["王五"], "wang": ["王", "网"], "wu": ["五", "无"],
        "minjian": ["民间"], "jiedai": ["借贷"], "jiufen": ["纠纷"],
    ]
    let pageSize: Int
    private(set) var resets = 0

    init(pageSize: Int = 5) { self.pageSize = pageSize }

    private struct Candidate { var text: String; var letters: Int }

    private func candidates(_ input: String) -> [Candidate] {
        var out = (Self.words[input] ?? []).map { Candidate(text: $0, letters: input.count) }
        for length in stride(from: input.count - 1, through: 1, by: -1) {
            out += (Self.words[String(input.prefix(length))] ?? []).map { Candidate(text: $0, letters: length) }
        }
        return out
    }

    func compose(_ keys: [CompositionKey]) -> Composition {
        var letters = "", chosen: [Candidate] = [], page = 0
        func rest() -> String { String(letters.dropFirst(chosen.reduce(0) { $0 + $1.letters })) }
        func choose(_ index: Int) -> String? {
            let list = candidates(rest())
            guard list.indices.contains(index) else { return nil }
            chosen.append(list[index]); page = 0
            return rest().isEmpty ? chosen.map(\.text).joined() : nil
        }
        for key in keys {
            switch key {
            case .letter(let c): letters.append(c); page = 0
            case .choose(let n): if let done = choose(page * pageSize + n - 1) { return Composition(committed: done) }
            case .space: if let done = choose(page * pageSize) { return Composition(committed: done) }
            case .backspace: if chosen.isEmpty { _ = letters.popLast() } else { chosen.removeLast() }; page = 0
            case .enter: return Composition(committed: letters)
            case .nextPage: page += 1
            case .previousPage: page = max(0, page - 1)
            }
        }
        guard !letters.isEmpty else { return Composition() }
        let list = candidates(rest()).map(\.text)
        let shown = Array(list.dropFirst(page * pageSize).prefix(pageSize))
        return Composition(
            preedit: chosen.map(\.text).joined() + rest(), candidates: shown, page: page,
            isLastPage: (page + 1) * pageSize >= list.count)
    }

    func reset() { resets += 1 }
}
