import Foundation

/// 阅卷: the documents the credentials may see (metadata for all; text documents open in a reader that
/// scrolls with the arrows).
enum DossierScreens {
    /// Text lines are wrapped to this many columns, which fits the 80-column minimum with margins.
    static let readerWidth = 74

    static func update(_ state: KioskState, _ event: KioskEvent, now: Date) -> (KioskState, [KioskEffect]) {
        var s = state
        switch (s.screen, event) {
        case (.dossierList(let documents, let selection), .up):
            s.screen = .dossierList(documents, selection: max(0, selection - 1))
        case (.dossierList(let documents, let selection), .down):
            s.screen = .dossierList(documents, selection: min(max(0, documents.count - 1), selection + 1))
        case (.dossierList(let documents, let selection), .enter):
            guard documents.indices.contains(selection), documents[selection].isText,
                let form = dossierForm(s)
            else { return (s, []) }
            let credentials = FormScreen.credentials(s, form: form, now: now)
            Kiosk.push(&s, .waiting(message: "searching"))
            return (s, [.readDocument(credentials, documentID: documents[selection].id)])
        case (.dossierReader(let title, let text, let offset), .up):
            s.screen = .dossierReader(title: title, text: text, offset: max(0, offset - 1))
        case (.dossierReader(let title, let text, let offset), .down):
            let last = max(0, lines(text).count - 1)
            s.screen = .dossierReader(title: title, text: text, offset: min(last, offset + 1))
        case (_, .escape):
            return Kiosk.back(s)
        default:
            break
        }
        return (s, [])
    }

    /// The form the credentials were typed into: the one whose submit action is "dossier".
    static func dossierForm(_ state: KioskState) -> String? {
        state.content.screens.forms.first { $0.value.submit.action == "dossier" }?.key
    }

    /// `text` split into lines of at most `readerWidth` columns.
    static func lines(_ text: String) -> [String] { LineBreaker.lines(text, width: readerWidth) }

    static func size(_ bytes: Int) -> String {
        bytes < 1024 ? "\(bytes) B" : bytes < 1_048_576 ? "\(bytes / 1024) KB" : "\(bytes / 1_048_576) MB"
    }

    static func renderList(_ state: KioskState, _ documents: [KioskDocument], selection: Int, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(&frame, state: state, title: c.string("dossier.title", lang), hint: c.string("hint.dossier", lang))
        guard !documents.isEmpty else {
            frame.write(c.string("dossier.empty", lang), row: 5, column: 4)
            return
        }
        let bottom = Chrome.bodyBottom(frame)
        let visible = bottom - Chrome.bodyTop
        let first = max(0, min(selection - visible + 1, documents.count - visible))
        for (n, doc) in documents.enumerated().dropFirst(first).prefix(visible) {
            let row = Chrome.bodyTop + 1 + n - first
            let marker = n == selection ? ">" : " "
            let kind = doc.isText ? c.string("dossier.text", lang) : doc.mediaType
            frame.write("\(marker) \(doc.title)", row: row, column: 2, limit: 36)
            frame.write("\(doc.date)  \(size(doc.sizeBytes))  \(kind)", row: row, column: 40)
            if n == selection { frame.cursor = ScreenPosition(row: row, column: 2) }
        }
    }

    static func renderReader(_ state: KioskState, title: String, text: String, offset: Int, into frame: inout Frame) {
        let c = state.content, lang = state.language
        Chrome.draw(&frame, state: state, title: title, hint: c.string("hint.reader", lang))
        let all = lines(text)
        let rows = Chrome.bodyBottom(frame) - Chrome.bodyTop
        for (n, line) in all.dropFirst(offset).prefix(rows).enumerated() {
            frame.write(line, row: Chrome.bodyTop + 1 + n, column: 3)
        }
        let end = min(all.count, offset + rows)
        frame.writeRight("\(min(offset + 1, all.count))-\(end)/\(all.count) ", row: 2)
    }
}
