import HandoffCore

/// `--explain`: for each top-level heading and each label, the key it was read as and by which
/// rule, or why none (docs/FORMAT.md "Reading titles"). The readings come from HandoffCore.
func explainReadings(_ document: HandoffDocument, path: String) -> String {
    var out = "How \(path) was read (\(document.mapping == nil ? "no" : "with the") \(SectionMapping.fileName) mapping file):\n"
    if document.readings.isEmpty { return out + "  no headings or labels\n" }
    for r in document.readings {
        let h = r.heading
        let shown: String = switch h.form {
        case .heading: h.isSetext ? "\(h.text) (setext \(h.level))" : String(repeating: "#", count: h.level) + " " + h.text
        case .label: "label \"\(h.text)\""
        case .inlineLabel: "label \"\(h.text):\" opening a paragraph"
        case .itemLabel: "label \"\(h.text):\" opening a list item"
        }
        out += "  \(h.line): \(shown)\n      → \(describe(r))\n"
    }
    return out
}

private func describe(_ r: Reading) -> String {
    let how = r.recognition.map(rule) ?? ""
    switch r.outcome {
    case .section(let key, let shared):
        let also = shared.isEmpty ? "" : "; also \(shared.map(\.rawValue).joined(separator: ", ")), which points to it"
        return "\(key.rawValue)\(how)\(also)"
    case .duplicate(let key, let first):
        return "none: \(key.rawValue) repeated from an earlier session (the one read is at line \(first))\(how)"
    case .superseded(let key, let line):
        return "none: names \(key.rawValue)\(how), but the heading at line \(line) is that section"
    case .inside(let key?):
        return "none: inside the \(key.rawValue) section"
    case .inside(nil):
        return "none: inside a repeated section"
    case .title:
        return "the title"
    case .other:
        guard let rec = r.recognition else { return "none" }
        switch rec.miss {
        case .falseFriend?: return "none: false friend \"\(rec.name)\" (names no section)"
        case .mappedToNone?: return "none: the mapping file says \"\(rec.name)\" = none"
        default: return "none: names no section"
        }
    }
}

private func rule(_ r: Recognition) -> String {
    guard let rule = r.rule else { return "" }
    switch rule {
    case .language: return " (language table, \(r.language ?? "?"): \"\(r.name)\")"
    case .mapping: return " (mapping file: \"\(r.name)\")"
    default: return " (\(rule.rawValue): \"\(r.name)\")"
    }
}
