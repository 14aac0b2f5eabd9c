import Foundation
import Testing
@testable import HandoffCore

/// What a reader of a handoff sees: which headings are sections, which lines are items.
@Suite struct ParsingTests {
    /// The kind of document Claude Code writes at the end of a session.
    static let claudeStyle = """
        # Session Handoff — 2025-06-01

        Branch: `feat/auth-refresh`

        ## 1. ✅ Completed:

        - [x] Added token refresh in `Sources/Auth/TokenStore.swift:42-60`
        - [x] Tests for expiry (see Tests/AuthTests/ExpiryTests.swift)
          - covers clock skew
          * and leap seconds

        ## 2. 🚧 In Progress:

        1) Wire refresh into `APIClient.swift:118`
        2) Retry policy
           1. backoff in src/net/retry.ts#L10-L24

        ## 3. ⛔ Blocked:

        None

        ## 4. 🧭 Decisions:

        + Keep Keychain storage — because the app group already uses it

        ## 5. ➡️ Next Steps:

        1. Finish retry policy
        2. Ask infra about staging keys

        ## 6. ⚠️ Gotchas:

        - `make test` needs `SKIP_UI=1`
        """

    @Test func numberedEmojiHeadingsWithColonsAreTheSixSections() throws {
        let doc = HandoffDocument(Self.claudeStyle)
        #expect(doc.title?.text == "Session Handoff — 2025-06-01")
        let lines = SectionKey.allCases.map { doc.section($0)?.heading.line }
        #expect(lines == [5, 12, 18, 22, 26, 31])
        #expect(doc.otherSections.isEmpty)
        #expect(doc.duplicateSections.isEmpty)
        #expect(doc.section(.inProgress)?.heading.text == "2. 🚧 In Progress:")
    }

    @Test func itemsCarryLineDepthCheckboxTextAndRefs() throws {
        let doc = HandoffDocument(Self.claudeStyle)
        let completed = try #require(doc.section(.completed))
        try #require(completed.items.count == 4)
        #expect(completed.items.map(\.line) == [7, 8, 9, 10])
        #expect(completed.items.map(\.depth) == [0, 0, 1, 1])
        #expect(completed.items.map(\.checked) == [true, true, nil, nil])
        #expect(completed.items[0].text(in: doc) == "Added token refresh in `Sources/Auth/TokenStore.swift:42-60`")
        #expect(completed.items[0].refs(in: doc) == [FileReference(path: "Sources/Auth/TokenStore.swift", line: 42, endLine: 60)])
        #expect(completed.items[1].refs(in: doc) == [FileReference(path: "Tests/AuthTests/ExpiryTests.swift")])
        #expect(completed.items[3].text(in: doc) == "and leap seconds")

        let wip = try #require(doc.section(.inProgress))
        try #require(wip.items.count == 3)
        #expect(wip.items.map(\.line) == [14, 15, 16])
        #expect(wip.items.map(\.depth) == [0, 0, 1])
        #expect(wip.items.map(\.ordered) == [true, true, true])
        #expect(wip.items.map(\.number) == [1, 2, 1])
        #expect(wip.items[2].refs(in: doc) == [FileReference(path: "src/net/retry.ts", line: 10, endLine: 24)])

        #expect(doc.section(.blocked)?.items.isEmpty == true)
        #expect(doc.section(.decisions)?.items.count == 1)
        #expect(doc.section(.nextSteps)?.items.map(\.number) == [1, 2])
    }

    @Test func titlesMatchSynonymsCaseAndDecoration() {
        let cases: [(String, SectionKey?)] = [
            ("Completed", .completed), ("DONE", .completed), ("done:", .completed), ("✅ Done", .completed),
            ("1. Completed", .completed), ("1) Completed", .completed), ("**Completed**", .completed),
            ("WIP", .inProgress), ("Work in progress", .inProgress), ("In-Progress", .inProgress),
            ("🚧 In progress:", .inProgress), ("Blockers", .blocked), ("⛔️ Blocked", .blocked),
            ("Key Decisions", .decisions), ("Next", .nextSteps), ("What’s next?", .nextSteps),
            ("Next steps:", .nextSteps), ("Pitfalls", .gotchas), ("⚠️ Gotchas", .gotchas),
            ("Notes", nil), ("Completed tasks for later", nil), ("Next release plan", nil),
            ("2FA done", nil), ("", nil),
        ]
        for (text, key) in cases {
            #expect(SectionKey(headingText: text) == key, "\(text)")
        }
    }

    @Test func keycapEmojiNumberingIsDecoration() {
        // Agents often number sections with keycap emoji: "1️⃣ Completed" (1, U+FE0F, U+20E3).
        #expect(SectionKey(headingText: "1️⃣ Completed") == .completed)
        #expect(SectionKey(headingText: "5️⃣ Next Steps:") == .nextSteps)
    }

    @Test func noBreakSpaceBetweenWordsIsASpace() {
        // Copy-pasted titles carry U+00A0; "Next\u{A0}Steps" reads as "Next Steps".
        #expect(SectionKey(headingText: "Next\u{A0}Steps") == .nextSteps)
    }

    @Test func setextHeadingsAreSections() throws {
        let doc = HandoffDocument("""
            Handoff
            =======

            Completed
            ---------
            - a

            Next
            steps
            -----
            1. b
            """)
        #expect(doc.title?.text == "Handoff")
        let c = try #require(doc.section(.completed))
        #expect(c.heading.isSetext && c.heading.level == 2 && c.heading.line == 4 && c.heading.endLineIndex == 4)
        #expect(c.items.map(\.line) == [6])
        let n = try #require(doc.section(.nextSteps))
        #expect(n.heading.text == "Next steps" && n.heading.line == 8)
        #expect(n.items.map(\.line) == [11])
    }

    @Test func thematicBreakAfterBlankLineIsNoSetextUnderline() {
        let doc = HandoffDocument("Completed\n\n---\n\n- a\n")
        #expect(doc.section(.completed) == nil)
    }

    @Test func headingsInsideFencesAreCode() {
        let doc = HandoffDocument("""
            # H

            ```markdown
            ## Completed
            ```

            ~~~~
            ## Blocked
            ~~~
            still code
            ~~~~~

            ````
            ```
            ## Decisions
            ````

            ## Gotchas
            - real

            ```
            ## Next Steps
            """)
        #expect(doc.section(.completed) == nil)
        #expect(doc.section(.blocked) == nil)
        #expect(doc.section(.decisions) == nil)
        #expect(doc.section(.gotchas)?.heading.line == 18)
        #expect(doc.section(.nextSteps) == nil, "an unclosed fence runs to the end")
        #expect(doc.section(.gotchas)?.items.count == 1)
    }

    @Test func indentedCodeHTMLAndQuotesHideHeadings() {
        let doc = HandoffDocument("""
            # H

                ## Completed

            <details>
            <summary>Log</summary>
            ## Blocked
            </details>

            <!-- template:
            ## Decisions
            -->

            > ## Next Steps

            - ## Gotchas
            """)
        for key in SectionKey.allCases { #expect(doc.section(key) == nil, "\(key)") }
        #expect(doc.otherSections.isEmpty)
    }

    @Test func htmlBlockOfKindSixEndsAtBlankLine() {
        let doc = HandoffDocument("<div>\n## Completed\n\n## Blocked\n")
        #expect(doc.section(.completed) == nil)
        #expect(doc.section(.blocked)?.heading.line == 4)
    }

    @Test func frontMatterCommentsAreNotHeadings() throws {
        let doc = HandoffDocument("""
            ---
            # comment in YAML
            title: Handoff
            ---
            # Real title

            ## Done
            - a
            """)
        #expect(doc.frontMatterLines == 0..<4)
        #expect(doc.title?.text == "Real title")
        #expect(doc.title?.line == 5)
        #expect(doc.section(.completed)?.items.map(\.line) == [8])
    }

    @Test func bodyRunsToNextHeadingOfSameOrHigherLevel() throws {
        let doc = HandoffDocument("""
            # T
            ## Completed
            - a
            ### Details
            - b
            #### Deeper
            - c
            ## Notes
            - d
            # Appendix
            """)
        let c = try #require(doc.section(.completed))
        #expect(c.bodyLines == 2..<7)
        #expect(c.items.map(\.line) == [3, 5, 7])
        #expect(doc.otherSections.map(\.text) == ["Notes", "Appendix"])
    }

    @Test func subheadingNamedLikeASectionStaysInside() {
        let doc = HandoffDocument("## In Progress\n### Blocked\n- x\n## Blocked\n- y\n")
        #expect(doc.section(.blocked)?.heading.line == 4)
        #expect(doc.section(.inProgress)?.items.map(\.line) == [3])
    }

    @Test func duplicateSectionIsOtherContent() throws {
        let doc = HandoffDocument("## Done\n- a\n## Completed\n- b\n")
        #expect(doc.section(.completed)?.items.map(\.line) == [2])
        #expect(doc.duplicateSections.map(\.heading.line) == [3])
        #expect(doc.otherSections.map(\.line) == [3])
    }

    @Test func orderedParenListsAndLazyLines() throws {
        // `3)` inside item 2's paragraph cannot interrupt it (only `1)` can): it is text, as in cmark.
        let doc = HandoffDocument("## Next\n1) one\n2) two\nlazy continuation\n   3) not an item\n10) ten\n   1) nested\n")
        let items = try #require(doc.section(.nextSteps)?.items)
        #expect(items.map(\.line) == [2, 3, 6, 7])
        #expect(items.map(\.number) == [1, 2, 10, 1])
        #expect(items.map(\.depth) == [0, 0, 0, 0])
    }

    @Test func checkboxForms() throws {
        let doc = HandoffDocument("## Done\n- [x] a\n- [X] b\n- [ ] c\n- [] d\n- [x]e\n- [-] f\n")
        let items = try #require(doc.section(.completed)?.items)
        #expect(items.map(\.checked) == [true, true, false, nil, nil, nil])
        #expect(items.map { $0.text(in: doc) } == ["a", "b", "c", "[] d", "[x]e", "[-] f"])
    }

    @Test func tabsInListsNestItems() throws {
        let doc = HandoffDocument("## Done\n- a\n\t- b\n\t\t- c\n-\td\n")
        let items = try #require(doc.section(.completed)?.items)
        #expect(items.map(\.line) == [2, 3, 4, 5])
        #expect(items.map(\.depth) == [0, 1, 2, 0])
        #expect(items.last?.text(in: doc) == "d")
    }

    @Test func crlfBomAndNoFinalNewline() throws {
        let text = "\u{FEFF}# T\r\n\r\n## Completed\r\n- [x] a  \r\n- b\t\r\n\r\n## Gotchas\r\n- c"
        let doc = try HandoffDocument(validating: Array(text.utf8))
        #expect(doc.bytes == Array(text.utf8))
        #expect(doc.title?.text == "T")
        let items = try #require(doc.section(.completed)?.items)
        #expect(items.map { $0.text(in: doc) } == ["a", "b"])
        #expect(doc.section(.gotchas)?.items.first?.text(in: doc) == "c")
        #expect(doc.body(of: .completed) == "- [x] a  \n- b\t")
    }

    @Test func bomBeforeASectionHeadingOnLineOne() {
        let doc = HandoffDocument("\u{FEFF}## Done\n- a\n")
        #expect(doc.section(.completed)?.heading.text == "Done")
        #expect(doc.body(of: .completed) == "- a")
    }

    @Test func emptyAndWhitespaceDocuments() {
        for text in ["", "\n", "\r\n", "   ", "\u{FEFF}", "\t\n\n", "\r", "a\rb", "\r\r\n", "\u{FEFF}\u{FEFF}", "x\n\r", "\n\n\n"] {
            let doc = HandoffDocument(text)
            #expect(doc.bytes == Array(text.utf8))
            #expect(doc.sections.allSatisfy { $0 == nil })
        }
    }

    @Test func invalidUTF8AndNULAreRefusedWithPosition() {
        #expect(throws: DocumentError.invalidUTF8(line: 2, column: 3)) {
            try HandoffDocument(validating: Array("ok\nab".utf8) + [0xC3, 0x28])
        }
        #expect(throws: DocumentError.nulByte(line: 3, column: 1)) {
            try HandoffDocument(validating: Array("a\r\nb\n".utf8) + [0x00])
        }
        // Overlong encoding, surrogate, beyond U+10FFFF, truncated sequence.
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            #expect(throws: DocumentError.invalidUTF8(line: 1, column: 2)) {
                try HandoffDocument(validating: [0x61] + bad)
            }
        }
        // A NUL after 8-byte-aligned ASCII (the fast path) is still found.
        #expect(throws: DocumentError.nulByte(line: 1, column: 17)) {
            try HandoffDocument(validating: Array("0123456789abcdef".utf8) + [0, 0x61])
        }
        #expect(throws: Never.self) { try HandoffDocument(validating: Array("é 😀 \u{10FFFF}".utf8)) }
    }

    @Test func validationFindsEveryBadByteAroundTheWordAndBlockBoundaries() {
        // The fast paths take 32 and 8 ASCII bytes at a time: every length up to 100 (text
        // ending on, before and after a boundary), and a NUL or a bad byte at every place.
        for length in 0...100 {
            let text = (0..<length).map { UInt8(0x61 + $0 % 26) }
            #expect(throws: Never.self) { try HandoffDocument(validating: text) }
            for at in 0..<length {
                var nul = text, bad = text
                nul[at] = 0
                bad[at] = 0xFF
                #expect(throws: DocumentError.nulByte(line: 1, column: at + 1)) { try HandoffDocument(validating: nul) }
                #expect(throws: DocumentError.invalidUTF8(line: 1, column: at + 1)) { try HandoffDocument(validating: bad) }
            }
        }
    }
}

extension Section: Equatable {
    public static func == (a: Section, b: Section) -> Bool { a.key == b.key && a.heading == b.heading && a.bodyLines == b.bodyLines }
}
