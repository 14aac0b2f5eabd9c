import Foundation
import TestSupport
import Testing

/// A handoff in the shape agents write: a summary, a "Key Files" section the six panes do
/// not hold, and an older session appended below with its own Completed.
let agentHandoff = """
    # Handoff — payments retry (2026-12-02)

    **Summary:** retries now back off exponentially; the webhook test is still flaky.

    ## Completed
    - [x] Exponential back-off in `src/pay/retry.ts:30`

    ## Key Files
    - `src/pay/retry.ts` — the retry loop
    - `test/webhook.test.ts` — the flaky one

    ## Next Steps
    1. Make the webhook test deterministic

    ---

    # Previous session (2026-11-28)

    ## Completed
    - [x] First retry attempt

    """

extension TerminalTests {
    @Test("Alt-7 shows the rest of the file: the summary and Key Files are there, edited and saved byte for byte")
    func restOfTheFile() throws {
        let t = try TmuxEditor(content: agentHandoff, columns: 100, rows: 30)
        t.waitFor("1 Completed")
        // The pane says its section comes again further down.
        t.waitFor("1 Completed (1/1) +1 in Rest")
        try t.keys("M-7")
        let rest = t.waitFor("7 Rest of the file")
        #expect(rest.contains("**Summary:** retries now back off exponentially"))
        #expect(rest.contains("── 1 Completed (Alt-1): ## Completed ──"))
        #expect(rest.contains("## Key Files"))
        #expect(rest.contains("- `test/webhook.test.ts` — the flaky one"))
        #expect(rest.contains("# Previous session (2026-11-28)"))
        // Alt-7 again: the older session's Completed.
        try t.keys("M-7")
        t.waitFor("Completed: occurrence 2 of 2")
        // Find the Key Files line and add to it; then the summary.
        try t.keys("C-f")
        try t.type("the flaky one")
        t.waitFor("Find: the flaky one")
        try t.keys("Escape", "End")
        try t.type(" (seed 42)")
        t.waitFor("the flaky one (seed 42)")
        try t.keys("C-f")
        for _ in 0..<13 { try t.keys("BSpace") }
        try t.type("still flaky")
        t.waitFor("Find: still flaky")
        try t.keys("Escape", "End", "BSpace")
        try t.type(" under load.")
        t.waitFor("still flaky under load.")
        // A marker line is not the file's: typing on it is refused.
        try t.keys("Home", "Down", "Down")
        try t.type("x")
        t.waitFor("That line stands for a section")
        try t.save()
        let expected = agentHandoff
            .replacingOccurrences(of: "the flaky one\n", with: "the flaky one (seed 42)\n")
            .replacingOccurrences(of: "still flaky.\n", with: "still flaky under load.\n")
        #expect(try Data(contentsOf: t.file) == Data(expected.utf8))
        try t.keys("C-q")
        #expect(t.exitStatus() == 0)
    }
}
