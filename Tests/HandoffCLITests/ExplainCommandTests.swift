import Foundation
import TestSupport
import Testing

@Suite("explain and the mapping file", .endToEnd)
struct ExplainCommandTests {
    let handoff = """
        # Handoff — infra

        ## Cluster State
        - node 3 draining

        ## Status
        All green.

        ## Open questions
        - which region?

        **Next step:** drain node 4

        ## Completed This Session
        - rotated the certs

        ## Completed
        - older session
        """

    @Test("check --explain names, for every heading and label, its section and the rule, or why none")
    func explainLists() throws {
        let s = try Scratch()
        try s.write("HANDOFF.md", handoff)
        let r = try s.run("check", "--explain")
        #expect(r.status == 1)
        let out = r.out
        #expect(out.contains("  3: ## Cluster State\n      → none: names no section\n"))
        #expect(out.contains("  9: ## Open questions\n      → none: false friend \"open questions\" (names no section)\n"))
        #expect(out.contains("  12: label \"Next step:\" opening a paragraph\n      → next_steps (synonym: \"next step\")\n"))
        #expect(out.contains("  14: ## Completed This Session\n      → completed (qualifier: \"completed\")\n"))
        #expect(out.contains("  17: ## Completed\n      → none: completed repeated from an earlier session (the one read is at line 14)"))
        // The problems still follow, with the repeated section named as such.
        #expect(out.contains("HANDOFF.md:17: warning: Completed section repeated from an earlier session"))
    }

    @Test("a mapping file at the work-tree root names sections the rules miss, and unnames others")
    func mappingFile() throws {
        let s = try Scratch()
        try s.write("HANDOFF.md", handoff)
        try s.write(".handoff-sections", """
            # our names
            "Cluster State" = in_progress
            "Completed This Session" = none
            "Status" = nowhere
            """)
        let json = try s.run("show", "--format", "json")
        let report = try JSONSerialization.jsonObject(with: json.stdout) as! [String: Any]
        let sections = report["sections"] as! [[String: Any]]
        #expect(sections[1]["heading_line"] as? Int == 3, "Cluster State is In Progress by the mapping")
        #expect(sections[0]["heading_line"] as? Int == 17, "the session's Completed is unnamed, so the older one is read")
        #expect(json.stderr.contains(".handoff-sections:4: warning: 'nowhere' is not a section key"))
        let explain = try s.run("show", "--format", "text", "--explain")
        #expect(explain.out.contains("  3: ## Cluster State\n      → in_progress (mapping file: \"Cluster State\")"))
        #expect(explain.out.contains("the mapping file says \"Completed This Session\" = none"))
    }

    @Test("add puts the item where a label's list is, and a missing section as a heading at the end")
    func addUnderLabels() throws {
        let s = try Scratch()
        let text = "# Handoff\n\n**Completed:**\n- rotated the certs\n\n**Next steps:**\n1. drain node 4\n\nThanks!\n"
        try s.write("HANDOFF.md", text)
        #expect(try s.run("add", "done", "moved DNS").status == 0)
        #expect(try s.text("HANDOFF.md")
            == "# Handoff\n\n**Completed:**\n- rotated the certs\n- moved DNS\n\n**Next steps:**\n1. drain node 4\n\nThanks!\n")
        #expect(try s.run("add", "next", "verify").status == 0)
        #expect(try s.run("add", "blocked", "quota, waiting on @ops").status == 0)
        #expect(try s.text("HANDOFF.md") == "# Handoff\n\n**Completed:**\n- rotated the certs\n- moved DNS\n\n"
            + "**Next steps:**\n1. drain node 4\n2. verify\n\nThanks!\n\n## Blocked\n\n- quota, waiting on @ops\n")
    }

    @Test("--explain goes with text output only")
    func explainNeedsText() throws {
        let s = try Scratch()
        try s.write("HANDOFF.md", handoff)
        let r = try s.run("show", "--format", "json", "--explain")
        #expect(r.status == 64)
        #expect(r.stderr.contains("--explain goes with --format text"))
    }
}
