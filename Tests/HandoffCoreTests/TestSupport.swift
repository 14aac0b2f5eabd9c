import Foundation
@testable import HandoffCore

// Shared helpers for the HandoffCore tests: a seeded RNG, a grammar of risky Markdown
// snippets (used by the cmark differential test and the property tests), and a cmark runner.

/// SplitMix64: small, fast and reproducible, so a failing case can be regenerated from its seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension HandoffDocument {
    /// (1-based line, level) of every heading the document recognizes as a section.
    var sectionHeadings: [SectionKey: Int] {
        var out: [SectionKey: Int] = [:]
        for case let s? in sections { out[s.key] = s.heading.line }
        return out
    }
}

/// Risky Markdown snippets: each is a few lines that CommonMark parsers are known to get wrong,
/// or that a handoff scanner must not mistake for a section heading.
///
/// Deliberately absent (documented exclusions, not silent ones):
/// - Link reference definitions (`[a]: /url`): cmark removes them from a paragraph before deciding
///   whether a following `===`/`---` makes a setext heading; that is inline-level parsing the
///   scanner does not do (it reads `[a]: /url\n---` as a heading where cmark sees a thematic break).
/// - Front matter (`---` on line 1): a handoff extension; cmark reads it as a thematic break and a
///   setext heading. The generators never start a document with `---` or `+++`.
/// - A lone CR as a line ending: cmark accepts it, the model only splits lines at LF (CR before LF
///   belongs to the ending). The round-trip property tests still feed lone CRs.
/// - HTML that changed between CommonMark 0.30 (cmark 0.30.2 in Debian/Ubuntu) and 0.31: lowercase
///   `<!doctype>`, the `source`/`search` block tags. The scanner follows 0.31.
enum Snippets {
    static let headingTitles = [
        "Completed", "In Progress", "Blocked", "Decisions", "Next Steps", "Gotchas", "1. ✅ Completed:",
        "Done", "WIP", "Notes", "Title ##", "Next  ", "2) Blockers", "#", "",
    ]

    static let fixed: [String] = [
        // ATX and things that look like it
        "## Completed", "# Handoff", "### Next Steps", "   ## Done", "#### Gotchas ####", "#NoSpace",
        "####### seven", "#\tTabbed", "##", "    ## Indented code", "\t## Tab code", "  \t# mixed",
        "\\## escaped",
        // Setext
        "Completed\n---------", "Handoff\n=======", "Two line\nheading\n---", "  Decisions\n  ===",
        "Para\n    ---", "Para\n---  ", "Para\n= =", "Para\n- - -",
        // Paragraphs
        "Some text.", "more words here",
        // Lists
        "- a", "* b", "+ c", "1. one", "2. two", "1) paren", "  - nested", "    - deeper", "   - three",
        "- [ ] open box", "- [x] done box", "-\n  after blank", "-", "1.", "10. ten", "0. zero",
        "1234567890. too long", "- a\nlazy continuation", "- a\n\n  para in item", "- a\n\n\n  far para",
        "\t- tab item", "-\tfoo", "-\t\tcode in item", "- \tx", " -\tfoo\n\tbar", "1.\tfoo",
        "-     five spaces", "- a\n  - b\n    - c", "* a\n+ b\n- c", "1. a\n2. b\n3) c", "1. a\n   2. b",
        "- a\n 2. b", "2. start\n3. next", "- # heading in item", "- Title\n  ---", "- a\n---",
        "-\n\n  after two", "- a\n\t- tab nested", "1. a\n\n\t- nested by tab",
        // Fences
        "```\n## Completed\n```", "~~~~\n# Done\n~~~", "````\n```\n## Not\n````", "```", "~~~",
        "  ```\n  ## code\n```", "- ```\n  ## fenced in item\n  ```", "```md\n# x\n``` trailing",
        "``` a`b\n# not fence", "- ```\n## after fence in item", "> ```\n> # q\n```",
        "\t```\n# x", "   ~~~\n# x\n   ~~~",
        // Indented code
        "    # code", "\tcode\n    ## more code",
        // HTML blocks, the seven kinds
        "<details>\n## Completed\n</details>", "<details>\n\n## Completed\n</details>",
        "<!-- ## Completed\n## Done -->", "<!--\n# x\n-->", "<!-- one line -->",
        "<script>\n# x\n</script>", "<pre>\n# x\n</pre>", "<style\n# x\n</style>", "<?php\n# x ?>",
        "<!DOCTYPE html>\n# x", "<![CDATA[\n# x\n]]>", "<div>", "<div>\n# x", "</div>\n# x",
        "<span>\n# x", "</span>\n# x", "<custom-tag attr=\"x\">\n# x", "<a href='x'>link</a> text\n# x",
        "Para\n<span>\n# x", "Para\n<div>\n# x", "<hr/>\n# x", "<DIV CLASS=\"a\">\n# x", "  <!--\n# x\n  -->",
        "<img src=\"a.png\" />\n# x", "<a\n# x",
        // Block quotes
        "> ## Quoted", "> - quoted item", ">quote\nlazy line", ">\t- tab quote", "> a\n>\n> b",
        "> - a\n>\n>   b", "> 1. x\n2. y", "> para\n---", "> para\n===", "- a\n> q",
        ">> nested\n# x", "   > three\n    > four",
        // Thematic breaks
        "---", "***", "- - -", "___", " * * *", "_ _ _ _", "--", "**", "-- -",
        // Tables (plain paragraphs in CommonMark)
        "| a | b |\n|---|---|\n| 1 | 2 |",
        // Blank-ish
        "", "   ", "\t",
    ]

    /// One random snippet: a fixed one, or a heading with a random title and style.
    static func random(_ rng: inout SplitMix) -> String {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0:
            let title = headingTitles.randomElement(using: &rng)!
            let indent = String(repeating: " ", count: Int.random(in: 0...4, using: &rng))
            return indent + String(repeating: "#", count: Int.random(in: 1...7, using: &rng)) + " " + title
        case 1:
            let title = headingTitles.randomElement(using: &rng)!
            let under = Bool.random(using: &rng) ? "===" : "---"
            return title + "\n" + under
        default:
            return fixed.randomElement(using: &rng)!
        }
    }

    /// A document of snippets, sometimes indented into list items or quoted.
    static func document(_ rng: inout SplitMix, snippets: ClosedRange<Int> = 3...14) -> String {
        var parts: [String] = []
        for _ in 0..<Int.random(in: snippets, using: &rng) {
            var s = random(&rng)
            switch Int.random(in: 0..<12, using: &rng) {
            case 0: s = prefixLines(s, "  ")
            case 1: s = prefixLines(s, "   ")
            case 2: s = prefixLines(s, "> ")
            case 3: s = prefixLines(s, "\t")
            default: break
            }
            parts.append(s)
            parts.append(Bool.random(using: &rng) ? "\n" : "\n\n")
        }
        var doc = parts.joined()
        // No front matter (see above).
        let firstLine = doc.prefix { $0 != "\n" }.trimmingCharacters(in: .whitespaces)
        if firstLine == "---" || firstLine == "+++" { doc = "Intro\n\n" + doc }
        return doc
    }

    static let soupIndents = ["", "", "", " ", "  ", "   ", "    ", "\t", " \t", "  \t", "      "]
    static let soupTokens = [">", "> ", ">\t", "-", "- ", "-\t", "* ", "+ ", "1. ", "2. ", "1) ", "10) ", "#", "# ",
                             "## ", "### ", "```", "````", "~~~", "<div>", "<details>", "</details>", "<!--",
                             "-->", "<span>", "---", "===", "***", "- - -", "[ ] ", "", "", ""]
    static let soupWords = ["Completed", "Done", "x", "text here", "", "`code`", "- b", "# h", "```", "-->"]

    /// A document of random lines: indentation, one or two block-start tokens, a word. Finds
    /// container and tab interactions the snippets miss.
    static func soup(_ rng: inout SplitMix) -> String {
        var lines: [String] = []
        for _ in 0..<Int.random(in: 2...14, using: &rng) {
            var line = soupIndents.randomElement(using: &rng)! + soupTokens.randomElement(using: &rng)!
            if Bool.random(using: &rng) { line += soupIndents.randomElement(using: &rng)! + soupTokens.randomElement(using: &rng)! }
            line += soupWords.randomElement(using: &rng)!
            lines.append(line)
        }
        var doc = lines.joined(separator: "\n") + "\n"
        let firstLine = lines[0].trimmingCharacters(in: .whitespaces)
        if firstLine == "---" || firstLine == "+++" { doc = "Intro\n\n" + doc }
        return doc
    }

    static func prefixLines(_ s: String, _ prefix: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
    }
}

/// What cmark (the CommonMark reference implementation) finds in a document.
struct CmarkStructure: Equatable {
    /// (line, level) of the `<heading>` children of `<document>`.
    var headings: [[Int]] = []
    /// Start lines of `<item>` elements not inside a `<block_quote>`.
    var itemLines: [Int] = []
    /// Their last non-blank lines.
    var itemEnds: [Int] = []
}

enum Cmark {
    /// The first `cmark` on PATH (CI installs Debian's, /usr/bin/cmark).
    static let path: String = {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin"]
        return dirs.map { $0 + "/cmark" }.first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/cmark"
    }()
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

    static func xml(_ bytes: [UInt8]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-t", "xml", "--sourcepos"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Documents are small (a few KB): write all, then read all.
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// cmark's XML writer puts every block on its own line, indented two spaces per level, and
    /// escapes `<` in text, so a line that starts with `<name` is an element at that depth.
    static func structure(_ bytes: [UInt8]) throws -> CmarkStructure {
        var result = CmarkStructure()
        var stack: [String] = []   // element names by depth
        for line in try xml(bytes).split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            guard rest.hasPrefix("<"), !rest.hasPrefix("</"), !rest.hasPrefix("<?"), !rest.hasPrefix("<!") else { continue }
            let name = String(rest.dropFirst().prefix { $0 != " " && $0 != ">" && $0 != "/" })
            let depth = indent / 2
            if stack.count > depth { stack.removeLast(stack.count - depth) }
            while stack.count < depth { stack.append("?") }
            let startLine: Int? = {
                guard let r = rest.range(of: "sourcepos=\"") else { return nil }
                return Int(rest[r.upperBound...].prefix { $0.isNumber })
            }()
            if name == "heading", depth == 1, stack.first == "document", let startLine {
                let level = rest.range(of: "level=\"").flatMap { Int(rest[$0.upperBound...].prefix { $0.isNumber }) } ?? 0
                result.headings.append([startLine, level])
            }
            if name == "item", !stack.contains("block_quote"), let startLine {
                result.itemLines.append(startLine)
                let endLine = rest.range(of: "sourcepos=\"").flatMap { r in
                    rest[r.upperBound...].split(separator: "-").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) }
                }
                result.itemEnds.append(endLine ?? 0)
            }
            stack.append(name)
        }
        // cmark counts blank lines after the last item of a list at the end of the document
        // into its sourcepos; the model's extent is the last non-blank line. Compare that.
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let blank = { (n: Int) in n >= 1 && n <= lines.count && lines[n - 1].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
        for k in result.itemEnds.indices {
            while result.itemEnds[k] > result.itemLines[k], blank(result.itemEnds[k]) { result.itemEnds[k] -= 1 }
        }
        return result
    }
}

extension BlockScanner {
    /// The scanner's view in cmark's terms.
    static func structure(_ bytes: [UInt8]) -> CmarkStructure {
        let scan = BlockScanner.scan(SourceText(bytes: bytes))
        return CmarkStructure(headings: scan.headings.map { [$0.line + 1, $0.level] },
                              itemLines: scan.items.map { $0.line + 1 }, itemEnds: scan.items.map { $0.lastLine + 1 })
    }
}
