import HandoffCore

/// `show --format text`: the handoff at a glance, for a person at a terminal.
struct TextSummary {
    let document: HandoffDocument
    let path: String
    let problems: [Problem]
    let color: Bool

    private func style(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    func render() -> String {
        var out = ""
        out += style(document.title?.text ?? "Session handoff", "1") + "\n"
        out += style(path, "2") + "\n"
        for key in SectionKey.allCases {
            out += "\n"
            let marks = problems.filter { $0.key == key }
            let flag = marks.isEmpty ? "" : style("  ⚠ \(marks.count)", "33")
            guard let section = document.section(key) else {
                out += style(key.canonicalTitle, "1") + style("  missing", "33") + "\n"
                continue
            }
            if let owner = section.sharedFrom {
                // One heading names both: its content is listed once, under the first named.
                out += style(key.canonicalTitle, "1") + style("  shares \(owner.canonicalTitle)'s section (line \(section.heading.line))", "2") + "\n"
                continue
            }
            let boxes = section.items.filter { $0.checked != nil }
            let count = boxes.isEmpty ? (section.items.isEmpty ? "" : "  \(section.items.count)")
                : "  \(boxes.filter { $0.checked == true }.count)/\(boxes.count)"
            out += style(key.canonicalTitle, "1") + style(count, "2") + flag + "\n"
            if section.items.isEmpty {
                let body = document.body(of: key)
                if body.isEmpty { out += style("  (empty)", "2") + "\n"; continue }
                let lines = body.split(separator: "\n", omittingEmptySubsequences: true)
                for l in lines.prefix(6) { out += "  " + l + "\n" }
                if lines.count > 6 { out += style("  … \(lines.count - 6) more lines", "2") + "\n" }
                continue
            }
            for item in section.items {
                let indent = String(repeating: "  ", count: item.depth + 1)
                let bullet: String
                switch item.checked {
                case true?: bullet = style("✓", "32")
                case false?: bullet = "☐"
                case nil: bullet = item.ordered ? "\(item.number)." : "•"
                }
                out += indent + bullet + " " + item.text(in: document) + "\n"
            }
        }
        if !problems.isEmpty {
            out += "\n" + style("\(problems.count) problem\(problems.count == 1 ? "" : "s")", "33")
                + " — run `handoff-tui check` for details\n"
        }
        return out
    }
}
