import HandoffCore
import Testing

/// Item-by-item changes between two versions of a handoff.
@Suite struct DiffTests {
    func diff(_ a: String, _ b: String) -> HandoffDiff { HandoffDiff(from: HandoffDocument(a), to: HandoffDocument(b)) }

    func summary(_ d: HandoffDiff, _ key: SectionKey) -> [String] {
        d.changes(key).changes.map { c in "\(c.kind.rawValue) \(c.text)" + (c.oldText.map { " (was \($0))" } ?? "") }
    }

    @Test("added, removed, reworded, checked and unchecked items, each once, in the new version's order")
    func kinds() {
        let old = """
            ## Completed
            - [ ] Login form posts to /api/session
            - [x] Token cache tests

            ## Next Steps
            1. Finish the refresh refactor in src/auth/sessions.ts
            2. Run the e2e suite
            3. Ask ops for staging credentials
            """
        let new = """
            ## Completed
            - [x] Login form posts to /api/session
            - [ ] Token cache tests
            - [x] Rate limiter

            ## Next Steps
            1. Finish the refresh refactor in src/auth/sessions.ts and its tests
            2. Run the e2e suite
            3. Deploy to staging
            """
        let d = diff(old, new)
        #expect(summary(d, .completed) == ["checked Login form posts to /api/session", "unchecked Token cache tests", "added Rate limiter"])
        #expect(summary(d, .nextSteps) == [
            "changed Finish the refresh refactor in src/auth/sessions.ts and its tests (was Finish the refresh refactor in src/auth/sessions.ts)",
            "added Deploy to staging", "removed Ask ops for staging credentials",
        ])
        let checked = d.changes(.completed).changes[0]
        #expect(checked.oldLine == 2 && checked.newLine == 2)
        #expect(d.changes(.blocked).isEmpty && !d.isEmpty)
    }

    @Test("an unchanged document has no changes; a moved item is one removal and one addition, nothing else")
    func unchangedAndMoved() {
        let text = "## Gotchas\n- one\n- two\n- three\n"
        #expect(diff(text, text).isEmpty)
        let d = diff(text, "## Gotchas\n- three\n- one\n- two\n")
        #expect(summary(d, .gotchas) == ["added three", "removed three"])
    }

    @Test("a section that appears or goes; prose that changed without items")
    func sections() {
        let d = diff("## Blocked\nNothing blocks us.\n", "## Blocked\nWaiting on ops for the DB password.\n\n## Decisions\n- Keep JWTs in memory because of XSS\n")
        #expect(d.changes(.blocked).bodyChanged && d.changes(.blocked).changes.isEmpty)
        let decisions = d.changes(.decisions)
        #expect(!decisions.wasPresent && decisions.isPresent)
        #expect(summary(d, .decisions) == ["added Keep JWTs in memory because of XSS"])
        let gone = diff("## Gotchas\n- TZ=UTC for tests\n", "# Title\n")
        #expect(gone.changes(.gotchas).wasPresent && !gone.changes(.gotchas).isPresent)
        #expect(summary(gone, .gotchas) == ["removed TZ=UTC for tests"])
    }

    @Test("nested items keep their depth; a reworded item is matched only between the same unchanged neighbours")
    func nesting() {
        let d = diff("## In Progress\n- Refactor refresh\n  - calls refresh twice\n- Other work\n",
                     "## In Progress\n- Refactor refresh\n  - calls refresh once now\n- Other work\n")
        let c = d.changes(.inProgress).changes
        #expect(c.count == 1 && c[0].kind == .changed && c[0].depth == 1)
        // Words in common, but across a kept item: not a rewording.
        let far = diff("## Next Steps\n1. deploy the api\n2. write docs\n", "## Next Steps\n1. write docs\n2. deploy the api server\n")
        #expect(summary(far, .nextSteps) == ["removed deploy the api", "added deploy the api server"])
    }
}
