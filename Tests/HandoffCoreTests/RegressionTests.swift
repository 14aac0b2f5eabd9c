import Testing
@testable import HandoffCore

/// Bugs found by the differential and property tests, minimized. Expected structures were
/// checked against `cmark -t xml --sourcepos` (0.30.2).
@Suite struct RegressionTests {
    func text(_ doc: HandoffDocument) -> String { String(decoding: doc.bytes, as: UTF8.self) }

    // MARK: BlockScanner: a tab partly consumed by a list item's indentation

    @Test func tabIndentedSubitemNestsUnderTheItem() throws {
        // cmark: item 1:1 holding item 2:2. The tab reaches column 4; two columns belong to the
        // outer item's content, the other two are the sub-item's indentation (< 4: no code).
        let doc = HandoffDocument("## Done\n- a\n\t- tab nested\n")
        let items = try #require(doc.section(.completed)?.items)
        #expect(items.map(\.line) == [2, 3])
        #expect(items.map(\.depth) == [0, 1])
    }

    @Test func tabIndentedHeadingInItemLetsAnHTMLBlockHideTheNextHeading() {
        // cmark: `\t# x` is a heading inside item 1 (tab = 1 column past its content), so the
        // paragraph ends, `</span>` starts an HTML block (kind 7) and `## Completed` is inside it.
        // Read as indented text, `</span>` was a lazy line and `## Completed` a section.
        let doc = HandoffDocument("1. a\n\t# x\n</span>\n## Completed\n- y\n")
        #expect(doc.section(.completed) == nil)
    }

    @Test func emptyItemAfterTabInsideItem() {
        // cmark: items at 1 and 3 (`-` after a blank line, tab-indented into the first item).
        let scan = BlockScanner.scan(SourceText(bytes: Array("- a\n\n\t-\n".utf8)))
        #expect(scan.items.map(\.line) == [0, 2])
        #expect(scan.items.map(\.depth) == [0, 1])
    }

    @Test func tabsAfterAMarkerMakeIndentedCodeNotAnItem() {
        // cmark: `-\t\t- x` is an item holding indented code "  - x", not a nested item.
        let scan = BlockScanner.scan(SourceText(bytes: Array("-\t\t- x\n".utf8)))
        #expect(scan.items.map(\.line) == [0])
    }

    // MARK: SectionKey.normalize

    @Test func keycapAndNoBreakSpaceTitles() {
        let doc = HandoffDocument("## 1️⃣ Completed\n- a\n## 5️⃣ Next\u{A0}Steps\n1. b\n")
        #expect(doc.section(.completed)?.items.count == 1)
        #expect(doc.section(.nextSteps)?.items.count == 1)
    }

    // MARK: DocumentEditing

    @Test func crlfTextIsSplitIntoLines() {
        // "\r\n" is one Character: the text was one "line" and kept its CRs in an LF document.
        let doc = HandoffDocument("## Done\n- old\n").replacingBody(of: .completed, with: "\r\n- a\r\n- b\r\n\r\n")
        #expect(text(doc) == "## Done\n- a\n- b\n")
        #expect(doc.body(of: .completed) == "- a\n- b")
        #expect(HandoffDocument.trimBlankLines("\r\n x\r\n \r\n") == " x")
    }

    @Test func appendingAfterAnUnclosedFenceClosesIt() throws {
        // An agent's handoff cut off inside a code block: what is appended must not become code.
        let doc = HandoffDocument("## Done\n- a\n\n```sh\nmake test\n")
        let added = doc.appendingItem("b", to: .completed)
        #expect(text(added) == "## Done\n- a\n\n```sh\nmake test\n```\n\n- b\n")
        #expect(added.section(.completed)?.items.count == 2)

        let inserted = doc.appendingItem("ask ops", to: .blocked)
        #expect(text(inserted) == "## Done\n- a\n\n```sh\nmake test\n```\n\n## Blocked\n- ask ops\n")
        #expect(inserted.section(.blocked)?.items.count == 1)
        #expect(inserted.body(of: .completed) == "- a\n\n```sh\nmake test\n```")

        let comment = HandoffDocument("## Done\n- a\n<!-- notes\n").replacingBody(of: .gotchas, with: "- g")
        #expect(comment.section(.gotchas)?.items.count == 1)
        let style = HandoffDocument("## Done\n- a\n\n<Style>\nbody {}\n").appendingItem("g", to: .gotchas)
        #expect(String(decoding: style.bytes, as: UTF8.self) == "## Done\n- a\n\n<Style>\nbody {}\n</style>\n\n## Gotchas\n- g\n")
        #expect(style.section(.gotchas)?.items.count == 1)
    }

    @Test func newTextKeepsASetextHeadingThatFollowsDirectly() throws {
        // Indented code may run right up to a setext heading; a list item there would take
        // "Next Steps" in as a lazy line and turn `---` into a thematic break.
        let doc = HandoffDocument("Done\n----\n    make test\nNext Steps\n----------\n1. a\n")
        #expect(doc.section(.nextSteps) != nil)
        let replaced = doc.replacingBody(of: .completed, with: "- tests pass")
        #expect(text(replaced) == "Done\n----\n- tests pass\n\nNext Steps\n----------\n1. a\n")
        #expect(replaced.section(.nextSteps)?.items.count == 1)
        let appended = doc.appendingItem("tests pass", to: .completed)
        #expect(appended.section(.nextSteps)?.items.count == 1)
        #expect(appended.section(.completed)?.items.count == 1)
    }

    @Test func insertingBeforeTheFirstLineKeepsTheByteOrderMarkFirst() {
        let doc = HandoffDocument("\u{FEFF}## Next Steps\r\n1. a\r\n").replacingBody(of: .completed, with: "- done")
        #expect(doc.bytes.starts(with: [0xEF, 0xBB, 0xBF, 0x23]))
        #expect(doc.section(.nextSteps)?.items.count == 1)
        #expect(doc.body(of: .completed) == "- done")
    }

    @Test func indentedFirstHeadingAfterAByteOrderMarkIsKept() {
        let doc = HandoffDocument("\u{FEFF}   ## Gotchas\n- g\n").appendingItem("a", to: .completed)
        #expect(String(decoding: doc.bytes, as: UTF8.self) == "\u{FEFF}## Completed\n- a\n\n## Gotchas\n- g\n")
        #expect(doc.section(.gotchas)?.items.count == 1)
    }

    @Test func setextInsertionIsNotNumbered() {
        // `1. Completed` over `====` would be a list item and a paragraph line, not a heading.
        let doc = HandoffDocument("1.Blocked\n=========\n\n- waiting on ops\n").appendingItem("a", to: .completed)
        #expect(doc.section(.completed)?.heading.isSetext == true)
        #expect(doc.section(.completed)?.items.count == 1)
        #expect(doc.section(.blocked)?.items.count == 1)
    }

    @Test func listBeforeAnIndentedHeadingDoesNotSwallowIt() throws {
        // `  ## Next` after a blank line is inside a preceding `- item` (content column 2).
        let doc = HandoffDocument("## Done\n\n  ## Next\n\n1. a\n")
        let filled = doc.replacingBody(of: .completed, with: "- shipped")
        #expect(text(filled) == "## Done\n\n- shipped\n\n## Next\n\n1. a\n")
        #expect(filled.section(.nextSteps)?.items.count == 1)

        let prose = HandoffDocument("## Done\nshipped\n\n  ## Next\n1. a\n").appendingItem("tests", to: .completed)
        #expect(prose.section(.nextSteps)?.items.count == 1)
        #expect(prose.section(.completed)?.items.count == 1)

        let inserted = HandoffDocument("## Done\n- a\n\n ## Gotchas\n- g\n").replacingBody(of: .blocked, with: "- waiting on ops")
        #expect(inserted.section(.gotchas)?.items.count == 1)
        #expect(inserted.section(.blocked)?.items.count == 1)
        #expect(inserted.section(.completed)?.items.count == 1)
    }
}
