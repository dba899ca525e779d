/// A case-type code (类型代字) of the SPC standard 人民法院案件类型及其代字标准 (2015, with the 2016
/// liquidation/bankruptcy codes and the later personal-safety-order and placement-education codes).
///
/// The table is data: when the SPC publishes a new code, add a row. Several case types share one code
/// (all special-procedure cases are 民特), so each code appears once with its types listed in `name`.
public struct CaseTypeCode: Hashable, Codable, Sendable {
    /// The code as written in a case number ("民初").
    public let code: String
    /// The case types it covers, in Chinese.
    public let name: String
    /// The standard's top-level category ("民事案件").
    public let category: String

    /// A table row.
    public init(code: String, name: String, category: String) {
        self.code = code
        self.name = name
        self.category = category
    }

    /// The row for `code`, or nil when the standard has no such code.
    public static func lookup(_ code: String) -> CaseTypeCode? { byCode[code] }

    /// The code whose case numbers use a random fixed 8-digit serial (刑事复核案件, 若干规定 art. 10(2)).
    public static let criminalReview = "刑核"

    /// Every code in the standard.
    public static let all: [CaseTypeCode] = {
        var rows: [CaseTypeCode] = []
        for (category, entries) in table {
            for (code, name) in entries { rows.append(CaseTypeCode(code: code, name: name, category: category)) }
        }
        return rows
    }()

    private static let byCode: [String: CaseTypeCode] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// Longest code length, used when splitting a case number.
    static let maximumLength = all.map(\.code.count).max() ?? 3

    private static let table: [(String, [(String, String)])] = [
        (
            "管辖案件",
            [
                ("刑辖", "刑事提级管辖、指定管辖案件"),
                ("民辖", "民事提级管辖、指定管辖、移交管辖审批、管辖协商案件"),
                ("民辖终", "民事管辖上诉案件"),
                ("民辖监", "民事管辖监督案件"),
                ("行辖", "行政提级管辖、指定管辖案件"),
                ("行辖终", "行政管辖上诉案件"),
                ("赔辖", "行政赔偿提级管辖、指定管辖、管辖协商案件"),
                ("赔辖终", "行政赔偿管辖上诉案件"),
            ]
        ),
        (
            "刑事案件",
            [
                ("刑初", "刑事一审案件"),
                ("刑终", "刑事二审案件"),
                ("刑监", "刑事依职权再审审查案件"),
                ("刑申", "刑事申诉再审审查案件"),
                ("刑抗", "刑事抗诉再审审查案件"),
                ("刑再", "刑事再审案件"),
                ("刑没", "申请没收违法所得案件"),
                ("刑核", "死刑复核、法定刑以下判处刑罚复核、特殊假释复核案件"),
                ("刑医", "申请强制医疗审查案件"),
                ("刑医解", "解除强制医疗审查案件"),
                ("刑医复", "强制医疗复议案件"),
                ("刑医监", "强制医疗监督案件"),
                ("刑止", "停止执行死刑请求审查、依职权停止执行死刑案件"),
                ("刑止调", "停止执行死刑调查案件"),
                ("刑止核", "停止执行死刑调查审核案件"),
                ("刑更", "刑罚与执行变更审查案件"),
                ("刑更监", "刑罚与执行变更监督案件"),
                ("刑更备", "刑罚与执行变更备案案件"),
                ("刑他", "其他刑事案件"),
                ("刑教", "申请安置教育审查案件"),
                ("刑教解", "解除安置教育审查案件"),
                ("刑教复", "安置教育复议案件"),
                ("刑教监", "安置教育监督案件"),
            ]
        ),
        (
            "民事案件",
            [
                ("民初", "民事一审案件"),
                ("民终", "民事二审案件"),
                ("民监", "民事依职权再审审查案件"),
                ("民申", "民事申请再审审查案件"),
                ("民抗", "民事抗诉再审审查案件"),
                ("民再", "民事再审案件"),
                ("民撤", "第三人撤销之诉案件"),
                ("民特", "特别程序案件（选民资格、宣告失踪或死亡、行为能力认定、监护、认定财产无主、实现担保物权、"
                    + "调解协议司法确认、海事赔偿责任限制基金、海事债权登记、撤销仲裁裁决、确认仲裁协议效力等）"),
                ("民特监", "民事特别程序监督案件"),
                ("民催", "公示催告、船舶优先权催告案件"),
                ("民督", "申请支付令审查案件"),
                ("民督监", "支付令监督案件"),
                ("民他", "其他民事案件"),
                ("民保令", "人身安全保护令申请审查案件"),
                ("民保更", "人身安全保护令变更案件"),
            ]
        ),
        (
            "行政案件",
            [
                ("行初", "行政一审案件"),
                ("行终", "行政二审案件"),
                ("行监", "行政依职权再审审查案件"),
                ("行申", "行政申请再审审查案件"),
                ("行抗", "行政抗诉再审审查案件"),
                ("行再", "行政再审案件"),
                ("行审", "非诉行政行为申请执行审查案件"),
                ("行审复", "非诉行政行为申请执行审查复议案件"),
                ("行他", "其他行政案件"),
            ]
        ),
        (
            "国家赔偿与司法救助案件",
            [
                ("行赔初", "行政赔偿一审案件"),
                ("行赔终", "行政赔偿二审案件"),
                ("行赔监", "行政赔偿依职权再审审查案件"),
                ("行赔申", "行政赔偿申请再审审查案件"),
                ("行赔抗", "行政赔偿抗诉再审审查案件"),
                ("行赔再", "行政赔偿再审案件"),
                ("行赔他", "其他行政赔偿案件"),
                ("法赔", "法院作为赔偿义务机关自赔案件"),
                ("委赔", "赔偿委员会审理赔偿案件"),
                ("委赔监", "司法赔偿监督审查案件"),
                ("赔确监", "赔偿确认申诉审查案件"),
                ("委赔提", "司法赔偿监督上级法院赔偿委员会重审案件"),
                ("委赔再", "司法赔偿监督本院赔偿委员会重审案件"),
                ("赔他", "其他赔偿案件"),
                ("司救刑", "刑事司法救助案件"),
                ("司救民", "民事司法救助案件"),
                ("司救行", "行政司法救助案件"),
                ("司救赔", "国家赔偿司法救助案件"),
                ("司救执", "执行司法救助案件"),
                ("司救访", "涉诉信访司法救助案件"),
                ("司救他", "其他司法救助案件"),
            ]
        ),
        (
            "区际司法协助案件",
            [
                ("认台", "认可与执行台湾地区法院裁判、仲裁裁决审查案件"),
                ("认港", "认可与执行香港特别行政区法院裁判、仲裁裁决审查案件"),
                ("认澳", "认可与执行澳门特别行政区法院裁判、仲裁裁决审查案件"),
                ("认复", "认可与执行审查复议案件"),
                ("认他", "认可与执行审查其他案件"),
                ("请台送", "请求台湾地区送达文书审查案件"),
                ("请港送", "请求香港特别行政区法院送达文书审查案件"),
                ("请澳送", "请求澳门特别行政区法院送达文书审查案件"),
                ("台请送", "台湾地区请求送达文书审查、协助送达案件"),
                ("港请送", "香港特别行政区法院请求送达文书审查、协助送达案件"),
                ("澳请送", "澳门特别行政区法院请求送达文书审查、协助送达案件"),
                ("请台调", "请求台湾地区调查取证审查案件"),
                ("请港调", "请求香港特别行政区调查取证审查案件"),
                ("请澳调", "请求澳门特别行政区法院调查取证审查案件"),
                ("台请调", "台湾地区请求调查取证审查、协助调查取证案件"),
                ("港请调", "香港特别行政区请求调查取证审查、协助调查取证案件"),
                ("澳请调", "澳门特别行政区法院请求调查取证审查、协助调查取证案件"),
                ("请移管", "接收在台湾地区被判刑人案件"),
                ("助移管", "向台湾地区移管被判刑人案件"),
                ("请移赃", "接收台湾地区移交罪赃案件"),
                ("助移赃", "向台湾地区移交罪赃案件"),
            ]
        ),
        (
            "国际司法协助案件",
            [
                ("协外认", "承认与执行外国法院裁判、国外仲裁裁决审查案件"),
                ("协他", "承认与执行审查其他案件"),
                ("协外送", "外国法院请求送达文书审查、送达外国法院文书案件"),
                ("请外送", "请求外国法院送达文书审查案件"),
                ("协外调", "外国法院请求调查取证审查、实施案件"),
                ("请外调", "请求外国法院调查取证审查案件"),
                ("请外移", "接收在外国被判刑人案件"),
                ("协外移", "向外国移管被判刑人案件"),
                ("请外引", "请求外国引渡案件"),
                ("协外引", "协助外国引渡案件"),
            ]
        ),
        (
            "司法制裁案件",
            [
                ("司惩", "司法拘留、司法罚款案件"),
                ("司惩复", "司法制裁复议案件"),
            ]
        ),
        (
            "非诉保全审查案件",
            [
                ("财保", "非诉财产保全审查案件"),
                ("行保", "非诉行为保全审查案件"),
                ("行保复", "非诉行为保全复议案件"),
                ("证保", "非诉证据保全审查案件"),
            ]
        ),
        (
            "执行类案件",
            [
                ("执", "首次执行案件"),
                ("执恢", "恢复执行案件"),
                ("执保", "财产保全执行案件"),
                ("执异", "执行异议案件"),
                ("执复", "执行复议案件"),
                ("执监", "执行监督案件"),
                ("执协", "执行协调案件"),
                ("执他", "其他执行案件"),
            ]
        ),
        (
            "强制清算与破产案件",
            [
                ("清申", "强制清算申请审查案件"),
                ("破申", "破产申请审查案件"),
                ("清终", "强制清算上诉案件"),
                ("破终", "破产上诉案件"),
                ("清监", "强制清算监督案件"),
                ("破监", "破产监督案件"),
                ("强清", "强制清算案件"),
                ("破", "破产清算、破产重整、破产和解案件"),
            ]
        ),
    ]
}

/// A specialised-trial code (专门审判代字), added to case numbers by the SPC's 2018 amendment of the
/// case-number provisions: one Chinese character between the court code and the type code.
public enum SpecialTrialCode {
    /// Known codes and what they mark. 知: patent and other technical IP cases (e.g. （2019）最高法知民终1号).
    public static let known: [String: String] = [
        "知": "知识产权（专利等技术类知识产权案件）"
    ]

    /// Whether `code` is a specialised-trial code the SPC has published.
    public static func isKnown(_ code: String) -> Bool { known[code] != nil }
}
