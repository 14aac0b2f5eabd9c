/// How many terminal columns a grapheme cluster takes.
///
/// Written on scalar properties and a few ranges rather than a full wcwidth table: wide
/// East Asian blocks and emoji take two columns, combining marks add nothing to their base,
/// everything else one. A cluster never takes fewer than one column, so that the cursor
/// always has a cell to stand on (a lone combining mark shows on its own cell).
enum DisplayWidth {
    /// Columns a tab advances to: the next multiple of this.
    static let tabStop = 4

    static func of(_ cluster: Character) -> Int {
        let scalars = cluster.unicodeScalars
        guard let first = scalars.first else { return 1 }
        if first.value < 0x300 { return 1 }   // Latin and ASCII, the common case, stay fast
        // Emoji written with the emoji variation selector, keycaps, or flags are wide.
        var sawEmojiSelector = false
        var regionalIndicators = 0
        for s in scalars {
            if s.value == 0xFE0F { sawEmojiSelector = true }
            if (0x1F1E6...0x1F1FF).contains(s.value) { regionalIndicators += 1 }
        }
        if regionalIndicators >= 2 { return 2 }
        if isWide(first) { return 2 }
        if sawEmojiSelector, first.properties.isEmoji { return 2 }
        return 1
    }

    static func isWide(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if s.properties.isEmojiPresentation { return true }
        switch v {
        case 0x1100...0x115F,        // Hangul Jamo initials
             0x2E80...0x303E,        // CJK radicals, punctuation
             0x3041...0x33FF,        // kana, CJK compatibility
             0x3400...0x4DBF,        // CJK extension A
             0x4E00...0x9FFF,        // CJK unified ideographs
             0xA000...0xA4CF,        // Yi
             0xA960...0xA97F,        // Hangul Jamo extended A
             0xAC00...0xD7A3,        // Hangul syllables
             0xF900...0xFAFF,        // CJK compatibility ideographs
             0xFE10...0xFE19,        // vertical forms
             0xFE30...0xFE6F,        // CJK compatibility forms
             0xFF00...0xFF60,        // fullwidth forms
             0xFFE0...0xFFE6,
             0x1F300...0x1F64F,      // pictographs, emoticons
             0x1F900...0x1F9FF,      // supplemental symbols and pictographs
             0x20000...0x2FFFD,      // CJK extensions B and on
             0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
