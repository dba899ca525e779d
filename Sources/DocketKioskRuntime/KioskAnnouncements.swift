import DocketCore
import DocketKiosk

/// Turns a node's announcement records into the welcome screen's notes (`[language: text]`).
public enum KioskAnnouncements {
    /// One note per record, in the record's language, or in every kiosk language when it has none; the text is
    /// the title and the body on one line, punctuated the way each language expects.
    public static func notes(_ records: [AnnouncementRecord]) -> [[String: String]] {
        records.map { record in
            let languages = record.language.map { [$0] } ?? KioskLanguage.allCases.map(\.rawValue)
            return Dictionary(
                uniqueKeysWithValues: languages.map { language in
                    (
                        language,
                        language == KioskLanguage.en.rawValue
                            ? "\(record.title): \(record.body)" : "【\(record.title)】\(record.body)"
                    )
                })
        }
    }
}
