import HandoffCore

/// The row naming all seven panes when only one shows: full titles when they fit, then
/// short ones, then numbers with the focused pane's title. The rest of the file's tab is
/// "7 Rest", or just "7" where that makes the six fit in a longer form, or left out where
/// only that lets the six keep their full titles (77 to 79 columns).
enum TabBar {
    static let shortTitles = ["Done", "WIP", "Blocked", "Decided", "Next", "Gotchas"]
    static let restTitle = "Rest"

    /// Each tab's label (padded with a space either side) and the column it starts at.
    static func tabs(width: Int, focus: Int) -> [(label: String, column: Int)] {
        let full = SectionKey.allCases.map { "\($0.index + 1) \($0.canonicalTitle)" }
        let short = shortTitles.enumerated().map { "\($0.offset + 1) \($0.element)" }
        let rest = "7 " + restTitle
        let restShort = focus == 6 ? rest : "7"
        var numbers = (1...7).map { "\($0)" }
        numbers[focus] = focus == 6 ? rest : full[focus]
        // The six full titles without the rest's tab, rather than short ones with it: the
        // rest is one key away (Alt-7, Tab), the six are what the bar is read for.
        let fullAlone = focus == 6 ? numbers : full
        for labels in [full + [rest], full + [restShort], fullAlone, short + [rest], short + [restShort], numbers] {
            let total = labels.reduce(0) { $0 + $1.count + 2 }
            guard total <= width || labels == numbers else { continue }
            var column = 0
            return labels.map { label in
                defer { column += label.count + 2 }
                return (" " + label + " ", column)
            }
        }
        return []
    }

    static func pane(at column: Int, width: Int, focus: Int) -> Int? {
        tabs(width: width, focus: focus).firstIndex { column >= $0.column && column < $0.column + $0.label.count }
    }
}
