/// The policy as people read it (`docket policy`): the same table the checks read, written out.
extension AuthorityPolicy {
    /// The languages the policy is written in.
    public enum Language: String, CaseIterable, Sendable { case chinese = "zh-Hans", english = "en" }

    /// The whole policy as text lines, wholly in one language.
    public func text(_ language: Language) -> [String] {
        let zh = language == .chinese
        var lines: [String] = []
        lines.append(
            zh
                ? "Docket 权限规则：谁可以新增、修改、删除案件中的哪些内容"
                : "Docket authority policy: who may add, change and delete what in a case")
        lines.append(
            zh
                ? "每一次写入（本机操作、推送、拉取、离线文件导入、合并）都按此表逐项检查；"
                    + "表中未列出的字段任何节点都不能改动。"
                : "Every write (a step on this node, a push, a pull, a bundle import, a merge) is checked against this "
                    + "table field by field; a field it does not name can be changed by nobody."
        )
        lines.append(
            zh
                ? "节点只能代理其所代理的当事人（《民事诉讼法》第六十二条）；"
                    + "签名节点的身份来自已验证的签名与法院公布的节点名录。"
                : "A node acts only for the parties it represents (CPL art. 62); who signed comes from the verified "
                    + "signature and the court's node directory."
        )
        lines.append("")
        for kind in RecordKind.allCases {
            let rule = rule(kind)
            lines.append("\(zh ? kind.chinese : kind.english)  \(kind.place)")
            lines.append("  " + (zh ? "新增：" : "add: ") + who(rule.create, zh))
            lines.append("  " + (zh ? "删除：" : "delete: ") + who(rule.delete, zh))
            for field in rule.fields {
                var text = "  \(field.field): " + who(field.change, zh)
                if let moves = field.moves { text += zh ? "；\(moves.chinese)" : "; \(moves.english)" }
                lines.append(text)
            }
            switch kind {
            case .documentContent: lines.append("  " + (zh ? "改动：一经提交，任何节点都不能改动" : "change: never, "
                + "once added"))
            case .timeline:
                lines.append("  " + (zh ? "改动：只能追加，任何节点都不能改动" : "change: append only; nobody changes "
                    + "an entry"))
            default: lines.append("  " + (zh ? "其余字段：任何节点都不能改动" : "every other field: nobody may change "
                + "it"))
            }
            for invariant in rule.invariants {
                lines.append("  " + (zh ? "校验：" : "check: ") + (zh ? invariant.chinese : invariant.english))
            }
            lines.append("")
        }
        lines.append(
            zh ? "决定谁能看到案件的字段（只有法院能改）：" : "Fields that decide who may see a case (only the court "
                + "changes them):")
        lines.append("  " + Self.visibilityFields.joined(separator: ", "))
        lines.append(
            zh
                ? "记账字段 \(bookkeeping.sorted().joined(separator: "、")) 随同一记录的其他合法改动一起改变。"
                : "Bookkeeping fields \(bookkeeping.sorted().joined(separator: ", ")) change along with another "
                    + "allowed change of the same record."
        )
        return lines
    }

    private func who(_ grants: [Grant], _ zh: Bool) -> String {
        guard !grants.isEmpty else { return zh ? "任何节点都不能" : "nobody" }
        return grants.map { zh ? $0.who.chinese + $0.when.chinese : $0.who.english + $0.when.english }.joined(
            separator: zh ? "；" : "; ")
    }
}
