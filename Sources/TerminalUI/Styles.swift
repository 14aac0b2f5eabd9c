import CNcurses
import HandoffEditor

/// How roles look: colour pairs when the terminal has 256 or 8 colours, attributes only
/// otherwise or when NO_COLOR is set. Backgrounds stay the terminal's own (-1) except in
/// the header, tabs, matches and the help overlay.
struct Styles {
    enum Depth: String { case none, eight = "8", full = "256" }

    struct Look {
        var attrs: attr_t
        var pair: Int16
    }

    let depth: Depth
    private(set) var looks: [Look]

    /// Picks the depth from the terminal and the environment, and sets up the colour pairs.
    init(noColor: Bool) {
        var depth = Depth.none
        if !noColor, has_colors() {
            start_color()
            depth = handoff_colors() >= 256 ? .full : (handoff_colors() >= 8 ? .eight : .none)
        }
        self.depth = depth
        let defaultsKept = depth != .none && use_default_colors() == OK
        looks = Array(repeating: Look(attrs: handoff_a_normal(), pair: 0), count: Role.allCases.count)
        for role in Role.allCases {
            let spec = Styles.spec(role, depth)
            var look = Look(attrs: spec.attrs, pair: 0)
            if depth != .none, spec.fg != -1 || spec.bg != -1 {
                let pair = Int16(role.rawValue) + 1
                // Without default-colour support, -1 is not a colour: white on black stands in.
                let fg = spec.fg == -1 && !defaultsKept ? Int16(COLOR_WHITE) : spec.fg
                let bg = spec.bg == -1 && !defaultsKept ? Int16(COLOR_BLACK) : spec.bg
                if init_pair(pair, fg, bg) == OK { look.pair = pair }
            }
            looks[Int(role.rawValue)] = look
        }
    }

    subscript(role: Role) -> Look { looks[Int(role.rawValue)] }

    private struct Spec {
        var fg: Int16 = -1
        var bg: Int16 = -1
        var attrs: attr_t = handoff_a_normal()
    }

    private static func spec(_ role: Role, _ depth: Depth) -> Spec {
        let bold = handoff_a_bold(), reverse = handoff_a_reverse(), underline = handoff_a_underline()
        switch depth {
        case .none:
            switch role {
            case .text, .border, .title, .footer, .tab, .overlay, .message: return Spec()
            case .focusedBorder, .focusedTitle, .problemMark, .overlayKey: return Spec(attrs: bold)
            case .header, .activeTab, .selection, .currentMatch, .footerKey: return Spec(attrs: reverse)
            case .modifiedMark, .errorMessage: return Spec(attrs: reverse | bold)
            case .match: return Spec(attrs: underline)
            case .dim: return Spec(attrs: handoff_a_dim())
            }
        case .eight:
            let black = Int16(COLOR_BLACK), red = Int16(COLOR_RED), green = Int16(COLOR_GREEN)
            let yellow = Int16(COLOR_YELLOW), blue = Int16(COLOR_BLUE), cyan = Int16(COLOR_CYAN)
            let white = Int16(COLOR_WHITE)
            switch role {
            case .text, .border, .title, .footer, .tab: return Spec()
            case .focusedBorder, .focusedTitle: return Spec(fg: cyan, attrs: bold)
            case .problemMark: return Spec(fg: red, attrs: bold)
            case .header: return Spec(fg: white, bg: blue)
            case .modifiedMark: return Spec(fg: yellow, bg: blue, attrs: bold)
            case .footerKey, .selection: return Spec(attrs: reverse)
            case .message: return Spec(fg: green)
            case .errorMessage: return Spec(fg: red, attrs: bold)
            case .activeTab: return Spec(fg: white, bg: blue, attrs: bold)
            case .match: return Spec(fg: black, bg: yellow)
            case .currentMatch: return Spec(fg: black, bg: cyan, attrs: bold)
            case .overlay: return Spec(fg: white, bg: blue)
            case .overlayKey: return Spec(fg: yellow, bg: blue, attrs: bold)
            case .dim: return Spec(attrs: handoff_a_dim())
            }
        case .full:
            switch role {
            case .text: return Spec()
            case .border: return Spec(fg: 244)
            case .focusedBorder: return Spec(fg: 75, attrs: bold)
            case .title: return Spec(fg: 250)
            case .focusedTitle: return Spec(fg: 75, attrs: bold)
            case .problemMark: return Spec(fg: 203, attrs: bold)
            case .header: return Spec(fg: 255, bg: 24)
            case .modifiedMark: return Spec(fg: 220, bg: 24, attrs: bold)
            case .footer: return Spec(fg: 245)
            case .footerKey: return Spec(fg: 255, bg: 238, attrs: bold)
            case .message: return Spec(fg: 114)
            case .errorMessage: return Spec(fg: 203, attrs: bold)
            case .tab: return Spec(fg: 245)
            case .activeTab: return Spec(fg: 255, bg: 24, attrs: bold)
            case .match: return Spec(fg: 16, bg: 222)
            case .currentMatch: return Spec(fg: 16, bg: 208, attrs: bold)
            case .selection: return Spec(attrs: reverse)
            case .overlay: return Spec(fg: 252, bg: 236)
            case .overlayKey: return Spec(fg: 220, bg: 236, attrs: bold)
            case .dim: return Spec(fg: 242)
            }
        }
    }
}
