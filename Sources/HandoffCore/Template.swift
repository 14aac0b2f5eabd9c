extension HandoffDocument {
    /// The six-section document `init` writes. `date` is YYYY-MM-DD; `branch` is shown when known.
    public static func template(date: String, branch: String?) -> String {
        var title = "# Session handoff — \(date)"
        if let branch, !branch.isEmpty { title += " (\(branch))" }
        var text = title + "\n"
        for key in SectionKey.allCases {
            text += "\n## \(key.canonicalTitle)\n"
        }
        return text
    }
}
