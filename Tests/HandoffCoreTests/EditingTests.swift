import Testing
@testable import HandoffCore

@Suite struct EditingTests {
    func text(_ doc: HandoffDocument) -> String { String(decoding: doc.bytes, as: UTF8.self) }

    @Test func bodyIsTheTextBetweenBlankLines() {
        let doc = HandoffDocument("## Done\n\n\n- a\n\n  b\n\n\n## Next\n")
        #expect(doc.body(of: .completed) == "- a\n\n  b")
        #expect(doc.body(of: .nextSteps) == "")
        #expect(doc.body(of: .gotchas) == "")
    }

    @Test func replacingBodyChangesOnlyThatSection() {
        let original = "# T\n\n## Done\n\n- a\n- b\n\n## Next\n\n1. x\n"
        let doc = HandoffDocument(original).replacingBody(of: .completed, with: "- c\n")
        #expect(text(doc) == "# T\n\n## Done\n\n- c\n\n## Next\n\n1. x\n")
        #expect(doc.body(of: .completed) == "- c")
        #expect(doc.body(of: .nextSteps) == "1. x")
    }

    @Test func replacingWithTheSameTextKeepsTheBytes() {
        let original = "## Done\r\n\r\n- a  \r\n"
        let doc = HandoffDocument(original)
        #expect(doc.replacingBody(of: .completed, with: doc.body(of: .completed)).bytes == doc.bytes)
    }

    @Test func replacingBodyInCRLFDocumentWritesCRLF() {
        let doc = HandoffDocument("## Done\r\n- a\r\n\r\n## Next\r\n- b\r\n").replacingBody(of: .completed, with: "- x\n- y")
        #expect(text(doc) == "## Done\r\n- x\r\n- y\r\n\r\n## Next\r\n- b\r\n")
    }

    @Test func clearingABodyKeepsTheHeadingAndSeparation() {
        let doc = HandoffDocument("## Done\n\n- a\n\n## Next\n- b\n").replacingBody(of: .completed, with: "\n  \n")
        #expect(text(doc) == "## Done\n\n## Next\n- b\n")
        #expect(doc.section(.completed) != nil)
        #expect(doc.body(of: .completed) == "")
    }

    @Test func fillingAnEmptySection() {
        // Blank line after the heading, as the other sections have it.
        #expect(text(HandoffDocument("## Done\n\n- a\n\n## Blocked\n\n## Next\n\n- n\n").replacingBody(of: .blocked, with: "None"))
                == "## Done\n\n- a\n\n## Blocked\n\nNone\n\n## Next\n\n- n\n")
        // No blank line after headings in this document, none between sections either.
        #expect(text(HandoffDocument("## Done\n- a\n## Blocked\n## Next\n- n\n").replacingBody(of: .blocked, with: "None"))
                == "## Done\n- a\n## Blocked\nNone\n\n## Next\n- n\n")
        // The empty section is the last line, without a final newline.
        #expect(text(HandoffDocument("## Done\n\n- a\n\n## Blocked").replacingBody(of: .blocked, with: "None"))
                == "## Done\n\n- a\n\n## Blocked\n\nNone\n")
        // Several blank lines under the empty heading: the text goes after one of them.
        let filled = HandoffDocument("## Blocked\n\n\n\n## Next\n\n- n\n").replacingBody(of: .blocked, with: "None")
        #expect(filled.body(of: .blocked) == "None")
        #expect(filled.body(of: .nextSteps) == "- n")
        #expect(text(filled).hasPrefix("## Blocked\n\nNone\n"))
    }

    @Test func fillingAnEmptySetextSectionInCRLF() {
        let doc = HandoffDocument("Done\r\n----\r\n\r\n- a\r\n\r\nBlocked\r\n-------\r\n\r\nNext\r\n----\r\n")
            .replacingBody(of: .blocked, with: "None")
        #expect(text(doc) == "Done\r\n----\r\n\r\n- a\r\n\r\nBlocked\r\n-------\r\n\r\nNone\r\n\r\nNext\r\n----\r\n")
    }

    @Test func insertingAMissingSectionInNumberedColonStyle() {
        let doc = HandoffDocument("# H\n\n## 1. Completed:\n\n- a\n\n## 3. Blocked:\n\nNone\n")
            .replacingBody(of: .inProgress, with: "- b")
        #expect(text(doc) == "# H\n\n## 1. Completed:\n\n- a\n\n## 2. In Progress:\n\n- b\n\n## 3. Blocked:\n\nNone\n")
        #expect(doc.section(.inProgress)?.heading.level == 2)
    }

    @Test func insertingAMissingSectionWithParenNumberingAtTheEnd() {
        let doc = HandoffDocument("### 1) Done\n- a").replacingBody(of: .gotchas, with: "- g")
        #expect(text(doc) == "### 1) Done\n- a\n\n### 6) Gotchas\n- g\n")
    }

    @Test func insertingAMissingSectionInSetextCRLFStyle() {
        let doc = HandoffDocument("Title\r\n=====\r\n\r\nNext Steps\r\n----------\r\n\r\n1. a\r\n")
            .replacingBody(of: .decisions, with: "- d because e")
        #expect(text(doc) == "Title\r\n=====\r\n\r\nDecisions\r\n---------\r\n\r\n- d because e\r\n\r\nNext Steps\r\n----------\r\n\r\n1. a\r\n")
        #expect(doc.section(.decisions)?.heading.isSetext == true)
        #expect(doc.section(.nextSteps)?.items.count == 1)
    }

    @Test func insertingIntoADocumentWithoutSections() {
        let doc = HandoffDocument("# Handoff\n\nSome preamble.").replacingBody(of: .blocked, with: "None")
        #expect(text(doc) == "# Handoff\n\nSome preamble.\n\n## Blocked\n\nNone\n")
        #expect(HandoffDocument("# Handoff\n").replacingBody(of: .blocked, with: "").bytes == Array("# Handoff\n".utf8))
    }

    @Test func insertingAfterTheEarlierSectionBeforeAnUnknownOne() {
        let doc = HandoffDocument("## Done\n- a\n\n## Appendix\nlogs\n").replacingBody(of: .gotchas, with: "- g")
        #expect(doc.section(.gotchas) != nil)
        #expect(doc.body(of: .gotchas) == "- g")
        #expect(text(doc).hasSuffix("## Appendix\nlogs\n"))
        #expect(doc.body(of: .completed) == "- a")
    }

    @Test func appendingItemContinuesTheList() {
        let doc = HandoffDocument("## Next Steps\n\n1) a\n2) b\n\n## Gotchas\n").appendingItem("c", to: .nextSteps)
        #expect(text(doc) == "## Next Steps\n\n1) a\n2) b\n3) c\n\n## Gotchas\n")
        let boxes = HandoffDocument("## Done\n  * [x] a\n").appendingItem("b", to: .completed, checked: true)
        #expect(text(boxes) == "## Done\n  * [x] a\n  * [x] b\n")
        let unchecked = HandoffDocument("## Done\n- [x] a\n").appendingItem("b", to: .completed)
        #expect(text(unchecked) == "## Done\n- [x] a\n- [ ] b\n")
    }

    @Test func appendingItemAfterNestedItemsUsesTheTopLevelStyle() {
        let doc = HandoffDocument("## Next\n1. a\n   - sub\n2. b\n   - sub2\n").appendingItem("c", to: .nextSteps)
        #expect(text(doc) == "## Next\n1. a\n   - sub\n2. b\n   - sub2\n3. c\n")
    }

    @Test func appendingMultiLineItemIndentsContinuation() {
        let doc = HandoffDocument("## Gotchas\n\n10. a\n").appendingItem("first\nsecond", to: .gotchas)
        #expect(text(doc) == "## Gotchas\n\n10. a\n11. first\n    second\n")
        #expect(doc.section(.gotchas)?.items.count == 2)
    }

    @Test func appendingItemAfterParagraphStartsANewList() {
        let doc = HandoffDocument("## Gotchas\nSome prose.\n").appendingItem("g", to: .gotchas)
        #expect(text(doc) == "## Gotchas\nSome prose.\n\n- g\n")
        #expect(doc.section(.gotchas)?.items.count == 1)
    }

    @Test func appendingItemReplacesPlaceholder() {
        for placeholder in ["None", "- None.", "_None yet_", "N/A", "*nothing*"] {
            let doc = HandoffDocument("## Blocked\n\n\(placeholder)\n\n## Decisions\n- x because y\n")
                .appendingItem("waiting on ops", to: .blocked)
            #expect(text(doc) == "## Blocked\n\n- waiting on ops\n\n## Decisions\n- x because y\n", "\(placeholder)")
        }
    }

    @Test func appendingItemToAMissingSectionCreatesIt() {
        let doc = HandoffDocument("# H\n\n## Completed\n\n- a\n").appendingItem("do it", to: .nextSteps)
        #expect(text(doc) == "# H\n\n## Completed\n\n- a\n\n## Next Steps\n\n1. do it\n")
    }

    @Test func appendingItemAtEndWithoutFinalNewline() {
        let doc = HandoffDocument("## Done\r\n- a").appendingItem("b", to: .completed)
        #expect(text(doc) == "## Done\r\n- a\r\n- b")
        #expect(doc.section(.completed)?.items.count == 2)
    }
}

@Suite struct TemplateAndArgumentTests {
    @Test func templateHasSixEmptySectionsThatCheckReports() {
        let text = HandoffDocument.template(date: "2026-11-25", branch: "main")
        let doc = HandoffDocument(text)
        #expect(doc.title?.text == "Session handoff — 2026-11-25 (main)")
        #expect(doc.sections.allSatisfy { $0 != nil })
        #expect(doc.problems().map(\.code) == Array(repeating: .emptySection, count: 6))
        // Filling one section of the template leaves the others' bytes alone.
        let filled = doc.replacingBody(of: .decisions, with: "- SQLite because it is one file")
        #expect(filled.problems().count == 5)
        #expect(String(decoding: filled.bytes, as: UTF8.self)
                == text.replacingOccurrences(of: "## Decisions\n", with: "## Decisions\n\n- SQLite because it is one file\n"))
    }

    @Test func commandLineSectionNames() {
        let cases: [(String, SectionKey?)] = [
            ("in_progress", .inProgress), ("in-progress", .inProgress), ("In Progress", .inProgress), ("wip", .inProgress),
            ("next_steps", .nextSteps), ("next", .nextSteps), ("GOTCHAS", .gotchas), ("done", .completed),
            ("blockers", .blocked), ("bogus", nil), ("", nil),
        ]
        for (arg, key) in cases { #expect(SectionKey(argument: arg) == key, "\(arg)") }
    }

    @Test func insertingAfterFrontMatterOnly() {
        let doc = HandoffDocument("---\ntitle: x\n---\n").replacingBody(of: .completed, with: "- a")
        #expect(String(decoding: doc.bytes, as: UTF8.self) == "---\ntitle: x\n---\n\n## Completed\n\n- a\n")
        #expect(doc.frontMatterLines == 0..<3)
        #expect(doc.section(.completed)?.items.count == 1)
    }

    @Test func placeholderItemsInBlockedNeedNoReason() {
        let doc = HandoffDocument("## Blocked\n- None\n- n/a\n- the build\n")
        #expect(doc.problems().filter { $0.code == .blockedWithoutNeed }.map(\.line) == [4])
    }
}
