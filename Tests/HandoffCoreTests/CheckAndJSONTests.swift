import Foundation
import Testing
@testable import HandoffCore

@Suite struct CheckTests {
    func codes(_ text: String, _ options: CheckOptions = CheckOptions()) -> [String] {
        HandoffDocument(text).problems(options).map { "\($0.line.map(String.init) ?? "-") \($0.code.rawValue)" }
    }

    static let good = """
        # Handoff

        ## Completed
        - [x] Parser in Sources/HandoffCore/BlockScanner.swift

        ## In Progress
        - Editor view: Sources/handoff-tui/Editor.swift:40

        ## Blocked
        None

        ## Decisions
        - Bytes, not String, because the file must round-trip

        ## Next Steps
        1. Finish the editor

        ## Gotchas
        - CI has no network
        """

    @Test func aCompleteHandoffHasNoProblems() {
        #expect(codes(Self.good).isEmpty)
    }

    @Test func missingAndEmptySections() {
        #expect(codes("# H\n\n## Completed\n\n<!-- nothing yet -->\n\n## Blocked\n") == [
            "- missing-section", "- missing-section", "- missing-section", "- missing-section",
            "3 empty-section", "7 empty-section",
        ])
        let problems = HandoffDocument("").problems()
        #expect(problems.map(\.key) == SectionKey.allCases.map { $0 })
    }

    @Test func sectionSpecificChecks() {
        let text = """
            ## Completed
            - [ ] not actually done
            - [x] done
            ## In Progress
            - refactor without a file
            - refactor in src/a.ts
            - two lines
              continued in lib/b.rb
            ## Blocked
            - staging is down
            - deploy, waiting on ops
            ## Decisions
            - use SQLite
            - use WAL because readers must not block
            ## Next Steps
            - a
            ## Gotchas
            - g
            ## Completed
            - dup
            """
        #expect(codes(text) == [
            "2 unchecked-completed", "5 missing-ref", "10 blocked-without-need", "13 missing-rationale",
            "19 duplicate-section",
        ])
    }

    @Test func aHostAndPortIsNoFileReference() {
        let text = "## In Progress\n- dev server on localhost:3000\n- fix in web/app.ts:12\n"
        #expect(codes(text).filter { $0.hasSuffix("missing-ref") } == ["2 missing-ref"])
        let options = CheckOptions(fileExists: { _ in false })
        #expect(HandoffDocument(text).problems(options).filter { $0.code == .missingFile }.map(\.line) == [3])
    }

    @Test func strictChecks() {
        let text = """
            ## Completed
            - x
            ## In Progress
            - edit src/a.ts
            - edit src/b.ts:4
            ## Blocked
            None
            ## Decisions
            None
            ## Next Steps
            - TODO
            ## Gotchas
            - tbd
            """
        let strict = codes(text, CheckOptions(strict: true))
        #expect(strict == ["4 ref-without-line", "11 unordered-next-steps", "11 placeholder-text", "13 placeholder-text"])
        // Placeholders are reported without --strict too (issue 15): they tell the next session nothing.
        #expect(codes(text) == ["11 placeholder-text", "13 placeholder-text"])
    }

    @Test func placeholdersAndTemplateResidueByDefault() {
        let text = """
            ## Completed
            - [x] [TODO]
            - wired the <fill in> endpoint
            - see [todos](#todos) and `a <b` in prose
            ## In Progress
            - TODO: write this up
            - [ ]
            ## Next Steps
            1. …
            2. ask <TODO: who?>
            Some text [TBD]
            """
        #expect(codes(text).filter { $0.hasSuffix("placeholder-text") }
            == ["2 placeholder-text", "3 placeholder-text", "6 placeholder-text", "9 placeholder-text", "10 placeholder-text",
                "11 placeholder-text"])
    }

    @Test func missingFilesOutsideCompleted() {
        let text = "## Completed\n- gone.swift\n## In Progress\n- here.swift:1 and gone.swift:2\n"
        let options = CheckOptions(fileExists: { $0 == "here.swift" })
        let problems = HandoffDocument(text).problems(options).filter { $0.code == .missingFile }
        #expect(problems.map(\.line) == [4])
        #expect(problems.first?.message.contains("gone.swift") == true)
    }
}

@Suite struct JSONReportTests {
    func report(_ text: String, path: String = "HANDOFF.md") throws -> [String: Any] {
        let doc = HandoffDocument(text)
        let bytes = doc.jsonReport(path: path, problems: doc.problems())
        let object = try JSONSerialization.jsonObject(with: Data(bytes))
        return try #require(object as? [String: Any])
    }

    @Test func contract() throws {
        let json = try report("""
            # Handoff "quoted" \\ title

            ## Notes
            free text

            ## 2. Done:
            - [x] a.swift:3 done\ttab
              1) nested `b/c.ts#L1-L2`
            - [ ] café
            """)
        #expect(json["version"] as? Int == 1)
        #expect(json["path"] as? String == "HANDOFF.md")
        #expect(json["title"] as? String == "Handoff \"quoted\" \\ title")
        let sections = try #require(json["sections"] as? [[String: Any]])
        #expect(sections.map { $0["key"] as? String } == ["completed", "in_progress", "blocked", "decisions", "next_steps", "gotchas"])
        let done = sections[0]
        #expect(done["title"] as? String == "2. Done:")
        #expect(done["present"] as? Bool == true)
        #expect(done["heading_line"] as? Int == 6)
        #expect(done["level"] as? Int == 2)
        let items = try #require(done["items"] as? [[String: Any]])
        try #require(items.count == 3)
        #expect(items.map { $0["line"] as? Int } == [7, 8, 9])
        #expect(items.map { $0["depth"] as? Int } == [0, 1, 0])
        #expect(items[0]["checked"] as? Bool == true)
        #expect(items[1]["checked"] is NSNull)
        #expect(items[2]["checked"] as? Bool == false)
        #expect(items[0]["text"] as? String == "a.swift:3 done\ttab")
        #expect(items[2]["text"] as? String == "café")
        let refs = try #require(items[1]["refs"] as? [[String: Any]])
        #expect(refs.count == 1)
        #expect(refs.first?["path"] as? String == "b/c.ts")
        #expect(refs.first?["line"] as? Int == 1)
        #expect(refs.first?["end_line"] as? Int == 2)
        let ref0 = try #require((items[0]["refs"] as? [[String: Any]])?.first)
        #expect(ref0["end_line"] is NSNull)

        let missing = sections[1]
        #expect(missing["title"] as? String == "In Progress")
        #expect(missing["present"] as? Bool == false)
        #expect(missing["heading_line"] is NSNull)
        #expect(missing["level"] is NSNull)
        #expect((missing["items"] as? [Any])?.isEmpty == true)

        let others = try #require(json["other_sections"] as? [[String: Any]])
        #expect(others.count == 1)
        #expect(others.first?["title"] as? String == "Notes")
        #expect(others.first?["heading_line"] as? Int == 3)

        let problems = try #require(json["problems"] as? [[String: Any]])
        #expect(problems.count == 6)   // 5 missing sections, 1 unchecked box
        #expect(problems.contains { $0["code"] as? String == "unchecked-completed" && $0["line"] as? Int == 9 && $0["key"] as? String == "completed" })
        #expect(problems.filter { $0["code"] as? String == "missing-section" }.allSatisfy { $0["line"] is NSNull })
    }

    @Test func controlCharactersAndPathsAreEscaped() throws {
        let json = try report("## Done\n- a\u{1}b\u{7F} \u{2028}\n", path: "dir\\\"x\".md")
        #expect(json["path"] as? String == "dir\\\"x\".md")
        let items = (json["sections"] as? [[String: Any]])?.first?["items"] as? [[String: Any]]
        #expect(items?.first?["text"] as? String == "a\u{1}b\u{7F} \u{2028}")
        #expect(json["title"] is NSNull)
    }

    @Test func crlfDocumentReportsTextWithoutCR() throws {
        let json = try report("## Done\r\n- a\r\n")
        let items = (json["sections"] as? [[String: Any]])?.first?["items"] as? [[String: Any]]
        #expect(items?.first?["text"] as? String == "a")
    }
}
