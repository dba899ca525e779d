import DocketCore

/// How the command line says an error: Chinese first, then English, each on its own line — or only one of them
/// when the operator chose (`DOCKET_LANG=zh` / `en`).
enum CLIError {
    static func render(_ error: DocketError, language: String?) -> String {
        switch language?.lowercased().prefix(2) {
        case "zh": return "错误：\(error.chinese)\n"
        case "en": return "Error: \(error.english)\n"
        default:
            if error.chinese == error.english { return "Error: \(error.english)\n" }
            return "错误：\(error.chinese)\nError: \(error.english)\n"
        }
    }
}
