extension Kiosk {
    /// The frame for `state` on a terminal of `size`.
    ///
    /// Guarantees: exactly `size.rows` × `size.cols` cells; below 80×24 a single centred "请放大窗口 / Please
    /// enlarge" line and nothing else (no visitor data); ID numbers appear only masked except in their own
    /// focused field; the cursor sits on the focused field (hidden under the idle warning).
    public static func render(_ state: KioskState, size: (rows: Int, cols: Int)) -> Frame {
        var frame = Frame(rows: size.rows, columns: size.cols)
        guard size.rows >= Chrome.minimumRows, size.cols >= Chrome.minimumColumns else {
            if size.rows > 0 {
                frame.write(state.content.string("tooSmall", state.language), row: size.rows / 2, column: 0)
            }
            return frame
        }
        switch state.screen {
        case .welcome(let selection): WelcomeScreen.render(state, selection: selection, into: &frame)
        case .form(let form): FormScreen.render(state, form: form, today: today(state.lastActivity), into: &frame)
        case .review(let fee): ReviewScreen.render(state, feeFen: fee, into: &frame)
        case .material(let sources, let selection):
            MaterialScreen.render(state, sources: sources, selection: selection, into: &frame)
        case .waiting(let message): OutcomeScreens.waiting(state, message: message, into: &frame)
        case .receipt(let number, let code, let printed):
            OutcomeScreens.receipt(state, number: number, code: code, printed: printed, into: &frame)
        case .applicationReceipt(let reference, let summary):
            OutcomeScreens.applicationReceipt(state, reference: reference, summary: summary, into: &frame)
        case .queryResult(let result): OutcomeScreens.queryResult(state, result, into: &frame)
        case .dossierList(let documents, let selection):
            DossierScreens.renderList(state, documents, selection: selection, into: &frame)
        case .dossierReader(let title, let text, let offset):
            DossierScreens.renderReader(state, title: title, text: text, offset: offset, into: &frame)
        case .adminMenu(let selection): AdminScreens.renderMenu(state, selection: selection, into: &frame)
        case .adminConflicts(let list, let selection):
            AdminScreens.renderConflicts(state, list, selection: selection, into: &frame)
        case .adminConflict(let conflict): AdminScreens.renderConflict(state, conflict, into: &frame)
        case .adminSync(let lines): AdminScreens.renderSync(state, lines, into: &frame)
        case .adminLockouts(let list, let selection):
            AdminScreens.renderLockouts(state, list, selection: selection, into: &frame)
        case .paymentChoice(let fee): PaymentScreens.renderChoice(state, fee, into: &frame)
        case .paymentQR(let code, let left): PaymentScreens.renderQR(state, code, secondsLeft: left, into: &frame)
        case .paymentCounter(let fee): PaymentScreens.renderCounter(state, fee, into: &frame)
        case .paid(let reference, let amount):
            PaymentScreens.renderPaid(state, reference: reference, amountFen: amount, into: &frame)
        case .failure(let message): OutcomeScreens.failure(state, message: message, into: &frame)
        case .information(let message): OutcomeScreens.information(state, message: message, into: &frame)
        }
        if let seconds = state.idleSecondsLeft { IdleWarning.render(state, seconds: seconds, into: &frame) }
        return frame
    }
}

/// `Kiosk.render`, as a free function in the Bubble Tea style.
public func render(_ state: KioskState, size: (rows: Int, cols: Int)) -> Frame {
    Kiosk.render(state, size: size)
}
