import Testing
import HandoffCore
@testable import HandoffEditor

@Suite("Writing panes back into the model")
struct WriteBackTests {
    static let documents: [String] = [
        sample,
        "# T\r\n\r\n## Completed\r\n\r\n- [x] a\r\n\r\n## Next Steps\r\n\r\n1. b\r\n",
        "\u{FEFF}## Done\n- a\n\n## Gotchas\n  indented\n\n\n",
        "---\ntitle: x\n---\n# T\n\nDone\n----\n\n* a\n\t* b\n\n### Blocked:\n\n",
        "# T\n\n## Completed\n\n- a\n\n### Detail\n\ntext\n\n## Other\n\nkept\n",
        "",
        "## Gotchas\n\nno final newline",
    ]

    @Test(arguments: documents)
    func panesShowWhatTheModelCallsTheBody(_ text: String) {
        let doc = HandoffDocument(text)
        let e = Editor(document: doc, fileName: "x", size: Size(columns: 80, rows: 24))
        for key in SectionKey.allCases {
            #expect(e.text(of: key) == doc.body(of: key), "\(key)")
        }
        // Untouched, every byte comes back.
        #expect(e.document().bytes == doc.bytes)
    }

    @Test(arguments: documents)
    func editingOnePaneKeepsEveryOtherByte(_ text: String) {
        let doc = HandoffDocument(text)
        let e = Editor(document: doc, fileName: "x", size: Size(columns: 80, rows: 24))
        e.press(.alt("3"))
        e.type("Waiting on review")
        let out = e.document()
        #expect(out.body(of: .blocked).hasPrefix("Waiting on review"))
        for key in SectionKey.allCases where key != .blocked {
            #expect(out.body(of: key) == doc.body(of: key))
        }
        // Other sections' bytes are untouched: the output is the input with one body changed.
        #expect(out.bytes == doc.replacingBody(of: .blocked, with: e.text(of: .blocked)).bytes)
    }

    @Test func typingAndUndoingGivesTheSameBytes() {
        let text = "# T\r\n\r\n## Completed\r\n\r\n- [x] a   \r\n\r\n## Gotchas\r\n\r\nx\r\n"
        let e = makeEditor(text)
        e.type("abc")
        e.press(.enter)
        e.press(.ctrl("z"), .ctrl("z"))
        #expect(e.document().bytes == Array(text.utf8))
    }

    @Test func crlfDocumentsStayCRLF() {
        let text = "# T\r\n\r\n## Completed\r\n\r\n- [x] a\r\n\r\n## Gotchas\r\n\r\nx\r\n"
        let e = makeEditor(text)
        e.press(.end, .enter)
        e.type("b")
        #expect(e.documentText == "# T\r\n\r\n## Completed\r\n\r\n- [x] a\r\n- [ ] b\r\n\r\n## Gotchas\r\n\r\nx\r\n")
    }

    @Test func aMissingSectionIsAddedWhenItGetsText() {
        let e = makeEditor("# T\n\n## Completed\n\n- a\n\n## Gotchas\n\n- g\n")
        e.press(.alt("4"))
        e.type("- Swift because it is fast")
        #expect(e.documentText == "# T\n\n## Completed\n\n- a\n\n## Decisions\n\n- Swift because it is fast\n\n## Gotchas\n\n- g\n")
    }

    @Test func writeBackTwiceAndSaveClearModified() {
        let e = makeEditor()
        e.type("x")
        let first = e.document()
        #expect(e.document().bytes == first.bytes)
        e.didSave()
        #expect(!e.isModified)
        e.type("y")
        #expect(e.document().body(of: .completed).hasPrefix("xy- [x]"))
    }

    @Test func keyStepsAfterOpeningALargeDocumentStayLocal() {
        // 20k lines in one pane: moving and typing works far down, and writing back keeps the rest.
        var body = ""
        for n in 0..<20_000 { body += "- [ ] item \(n)\n" }
        let text = "# T\n\n## Completed\n\n" + body + "\n## Gotchas\n\nx\n"
        let e = makeEditor(text, columns: 120, rows: 40)
        #expect(e.screen.lines[1].hasPrefix("╔ 1 Completed (0/20000) "))
        e.press(.pageDown, times: 1000)
        e.press(.end)
        e.type("!")
        e.press(.ctrl("x"))
        let line = e.panes[0].cursor.line
        #expect(line > 10_000)
        #expect(e.panes[0].buffer[line] == "- [x] item \(line)!")
        #expect(e.screen.lines[1].hasPrefix("╔ 1 Completed (1/20000) "))
        let out = e.document()
        #expect(out.body(of: .gotchas) == "x")
        #expect(out.section(.completed)!.items.count == 20_000)
    }
}

@Suite("A heading naming two keys")
struct SharedSectionTests {
    let text = "# T\n\n## Blockers / Gotchas\n\n- CI red, waiting on @ops\n\n## Next Steps\n\n1. x\n"

    @Test func bothPanesShowTheSectionAndAnEditInEitherIsMadeOnce() {
        let e = makeEditor(text)
        #expect(e.text(of: .blocked) == "- CI red, waiting on @ops")
        #expect(e.text(of: .gotchas) == e.text(of: .blocked))
        e.press(.alt("6"), .end)
        e.type(" (flaky)")
        #expect(e.text(of: .blocked) == "- CI red, waiting on @ops (flaky)")
        e.press(.alt("3"), .end)
        e.type("!")
        let out = String(decoding: e.document().bytes, as: UTF8.self)
        #expect(out == "# T\n\n## Blockers / Gotchas\n\n- CI red, waiting on @ops (flaky)!\n\n## Next Steps\n\n1. x\n")
        // Undo in one pane undoes in both.
        e.press(.ctrl("z"))
        #expect(e.text(of: .gotchas) == "- CI red, waiting on @ops (flaky)")
        #expect(e.text(of: .blocked) == e.text(of: .gotchas))
    }
}
