/// The level of a court, which fixes the shape of its code (若干规定 art. 5).
public enum CourtLevel: String, Codable, Sendable {
    /// 最高人民法院: "最高法".
    case supreme
    /// High court: the province's one-character abbreviation ("鲁").
    case high
    /// Intermediate or specialised intermediate court: abbreviation + 2 digits ("鲁01", "鲁72").
    case intermediate
    /// Basic court: abbreviation + 4 digits, normally the last four digits of its county's
    /// administrative-division code ("鲁0102" for 历下区, 370102).
    case basic
}

/// A court code (法院代字) as used in case numbers, with the court's name.
///
/// The SPC publishes the codes (若干规定 art. 12). Docket ships the SPC, every high court and a Shandong
/// starter list; other courts can be added as rows, or accepted by shape with `isPlausible` when the
/// caller allows unknown courts.
public struct CourtCode: Hashable, Codable, Sendable {
    /// The code ("鲁0102").
    public let code: String
    /// The court's name ("济南市历下区人民法院").
    public let name: String
    /// The court's level.
    public let level: CourtLevel
    /// For codes no longer used for new cases (a county turned into a district, a city merged), why.
    public let historical: String?

    /// A table row.
    public init(code: String, name: String, level: CourtLevel, historical: String? = nil) {
        self.code = code
        self.name = name
        self.level = level
        self.historical = historical
    }

    /// The row for `code`, or nil when it is not in Docket's list.
    public static func lookup(_ code: String) -> CourtCode? { byCode[code] }

    /// Every known court.
    public static let all: [CourtCode] = supremeAndHigh + shandong

    /// The one-character province abbreviations that start every code below the SPC, plus 兵 (the
    /// Xinjiang Production and Construction Corps branch) and 军 (military courts).
    public static let provincePrefixes: [Character: String] = [
        "京": "北京市", "津": "天津市", "冀": "河北省", "晋": "山西省", "内": "内蒙古自治区",
        "辽": "辽宁省", "吉": "吉林省", "黑": "黑龙江省", "沪": "上海市", "苏": "江苏省",
        "浙": "浙江省", "皖": "安徽省", "闽": "福建省", "赣": "江西省", "鲁": "山东省",
        "豫": "河南省", "鄂": "湖北省", "湘": "湖南省", "粤": "广东省", "桂": "广西壮族自治区",
        "琼": "海南省", "渝": "重庆市", "川": "四川省", "黔": "贵州省", "云": "云南省",
        "藏": "西藏自治区", "陕": "陕西省", "甘": "甘肃省", "青": "青海省", "宁": "宁夏回族自治区",
        "新": "新疆维吾尔自治区", "兵": "新疆生产建设兵团", "军": "军事法院",
    ]

    /// The SPC's code.
    public static let supremeCode = "最高法"

    /// Whether `code` has the shape of a court code even if Docket does not list it: "最高法", a province
    /// prefix alone, or a prefix followed by 2 digits (not 00) or 4 digits (county part not 00).
    public static func isPlausible(_ code: String) -> Bool {
        if code == supremeCode { return true }
        guard let first = code.first, provincePrefixes[first] != nil else { return false }
        let digits = code.dropFirst()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        switch digits.count {
        case 0: return true
        case 2: return digits != "00"
        case 4: return digits.prefix(2) != "00" && digits.suffix(2) != "00"
        default: return false
        }
    }

    /// The level implied by a plausible code's shape.
    public static func level(of code: String) -> CourtLevel? {
        guard isPlausible(code) else { return nil }
        if code == supremeCode { return .supreme }
        switch code.count - 1 {
        case 0: return .high
        case 2: return .intermediate
        default: return .basic
        }
    }

    private static let byCode: [String: CourtCode] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    private static let supremeAndHigh: [CourtCode] = {
        var rows = [CourtCode(code: supremeCode, name: "最高人民法院", level: .supreme)]
        for (prefix, region) in provincePrefixes where prefix != "兵" && prefix != "军" {
            rows.append(CourtCode(code: String(prefix), name: "\(region)高级人民法院", level: .high))
        }
        return rows.sorted { $0.code < $1.code }
    }()

    /// Shandong: the high court, all intermediate courts, the specialised intermediate courts and a
    /// starter set of basic courts (Jinan, Qingdao, Zibo), codes per the administrative divisions.
    private static let shandong: [CourtCode] = {
        let intermediate: [(String, String)] = [
            ("01", "济南市"), ("02", "青岛市"), ("03", "淄博市"), ("04", "枣庄市"), ("05", "东营市"),
            ("06", "烟台市"), ("07", "潍坊市"), ("08", "济宁市"), ("09", "泰安市"), ("10", "威海市"),
            ("11", "日照市"), ("13", "临沂市"), ("14", "德州市"), ("15", "聊城市"), ("16", "滨州市"),
            ("17", "菏泽市"),
        ]
        var rows = intermediate.map {
            CourtCode(code: "鲁" + $0.0, name: "山东省\($0.1)中级人民法院", level: .intermediate)
        }
        rows.append(
            CourtCode(
                code: "鲁12", name: "山东省莱芜市中级人民法院", level: .intermediate,
                historical: "莱芜市 was merged into 济南市 in 2019."))
        rows.append(CourtCode(code: "鲁71", name: "济南铁路运输中级法院", level: .intermediate))
        rows.append(CourtCode(code: "鲁72", name: "青岛海事法院", level: .intermediate))
        let basic: [(String, String, String?)] = [
            ("0102", "济南市历下区", nil), ("0103", "济南市市中区", nil), ("0104", "济南市槐荫区", nil),
            ("0105", "济南市天桥区", nil), ("0112", "济南市历城区", nil), ("0113", "济南市长清区", nil),
            ("0114", "济南市章丘区", nil), ("0115", "济南市济阳区", nil), ("0116", "济南市莱芜区", nil),
            ("0117", "济南市钢城区", nil), ("0124", "平阴县", nil), ("0126", "商河县", nil),
            ("0125", "济阳县", "济阳县 became 济南市济阳区 (鲁0115) in 2018."),
            ("0181", "章丘市", "章丘市 became 济南市章丘区 (鲁0114) in 2016."),
            ("0202", "青岛市市南区", nil), ("0203", "青岛市市北区", nil), ("0211", "青岛市黄岛区", nil),
            ("0212", "青岛市崂山区", nil), ("0213", "青岛市李沧区", nil), ("0214", "青岛市城阳区", nil),
            ("0215", "青岛市即墨区", nil), ("0281", "胶州市", nil), ("0283", "平度市", nil),
            ("0285", "莱西市", nil),
            ("0282", "即墨市", "即墨市 became 青岛市即墨区 (鲁0215) in 2017."),
            ("0302", "淄博市淄川区", nil), ("0303", "淄博市张店区", nil), ("0304", "淄博市博山区", nil),
            ("0305", "淄博市临淄区", nil), ("0306", "淄博市周村区", nil), ("0321", "桓台县", nil),
            ("0322", "高青县", nil), ("0323", "沂源县", nil),
        ]
        for (digits, place, historical) in basic {
            rows.append(CourtCode(code: "鲁" + digits, name: "\(place)人民法院", level: .basic, historical: historical))
        }
        return rows
    }()
}
