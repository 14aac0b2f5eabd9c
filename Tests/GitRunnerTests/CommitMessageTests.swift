import Foundation
import HandoffCore
import Testing

/// The generated message and the secret guard: pure functions of the document, tested here
/// beside the service that commits what they produce.
@Suite("Commit message")
struct CommitMessageTests {
    @Test("subject from the first In Progress item when the title is the template's; paragraphs in order")
    func format() {
        let m = CommitMessage(document: HandoffDocument(handoffText))
        #expect(m.subject == "session: Refactor session refresh in src/auth/sessions.ts:42-60")
        let paragraphs = m.body.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 4)
        #expect(paragraphs[0].hasPrefix("Completed: Login form posts to /api/session (src/auth/login.ts:12);"))
        #expect(paragraphs[1] == "In progress: Refactor session refresh in src/auth/sessions.ts:42-60.")
        #expect(paragraphs[2] == "Blocked: Staging deploy: waiting on the DB credentials from ops.")
        #expect(paragraphs[3] == "Next: Finish the refresh refactor; Run the e2e suite.")
        #expect(m.text == m.subject + "\n\n" + m.body + "\n")
        for line in m.text.split(separator: "\n") { #expect(line.count <= 72) }
    }

    @Test("a section two keys share is told once, under the key that owns it")
    func sharedSectionOnce() {
        let m = CommitMessage(document: HandoffDocument(
            "# Auth\n\n## In Progress / Next Steps\n\n- wire the refresh in src/a.ts:4\n"))
        #expect(m.body == "In progress: wire the refresh in src/a.ts:4.")
    }

    @Test("a real title is the summary; a long one is cut at a word with an ellipsis")
    func subjectFromTitle() {
        let short = CommitMessage(document: HandoffDocument("# Auth refactor halfway\n\n## In Progress\n- x\n"))
        #expect(short.subject == "session: Auth refactor halfway")
        let long = CommitMessage(document: HandoffDocument(
            "# Migrating the billing service from the legacy Postgres cluster to the new managed one\n"))
        #expect(long.subject.count <= 72)
        #expect(long.subject.hasSuffix("…"))
        #expect(long.subject.hasPrefix("session: Migrating the billing service from the legacy Postgres"))
        #expect(!long.subject.dropLast().hasSuffix(" "))
        let given = CommitMessage(document: HandoffDocument(handoffText), subject: "docs: my own subject")
        #expect(given.subject == "docs: my own subject")
        #expect(given.body == CommitMessage(document: HandoffDocument(handoffText)).body)
    }

    @Test("paragraphs wrap at 72 columns; empty sections are left out; None says none")
    func wrapping() {
        var doc = "# Session handoff — 2026-11-24\n\n## Completed\n"
        for n in 1...8 { doc += "- Item number \(n) with **some** words and a [link](https://example.com/x) in it\n" }
        doc += "\n## In Progress\n\n## Blocked\nNone\n\n## Next Steps\nShip it after the review, then tell the team.\n"
        let m = CommitMessage(document: HandoffDocument(doc))
        #expect(m.subject == "session: Item number 1 with some words and a link in it")
        let lines = m.body.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines { #expect(line.count <= 72, "\(line)") }
        #expect(m.body.contains("and 3 more."))
        #expect(!m.body.contains("**") && !m.body.contains("https://"))
        #expect(!m.body.contains("In progress"))
        #expect(m.body.contains("\n\nBlocked: none.\n\nNext: Ship it after the review, then tell the team."))
        #expect(CommitMessage.wrap("a b c", width: 3) == "a b\nc")
    }

    @Test("no wrapped line starts with # or the configured comment prefix, and no word is lost")
    func noLineStartsLikeAComment() {
        // Placed so that plain wrapping starts a line with "#1234", and keeping that off a
        // line's start puts ";wip" at one.
        let item = "Merge the fix for the crash on start once review of pull request #1234 and the two after it are in"
        let doc = "# Session handoff — 2026-11-24\n\n## Next Steps\n- \(item)\n- Tag the release and write up ;wip branches for the others\n"
        let plainWrap = CommitMessage.wrap("Next: " + item + ".", width: 72)
        #expect(plainWrap.split(separator: "\n").contains { $0.hasPrefix("#") }, "the case this test is about")
        for prefix in [nil, ";"] as [String?] {
            let m = CommitMessage(document: HandoffDocument(doc), commentPrefix: prefix)
            let lines = m.body.split(separator: "\n")
            #expect(!lines.contains { $0.hasPrefix("#") }, "\(m.body)")
            // Only a configured prefix is kept off: without one, ";wip" may start a line.
            #expect(lines.contains { $0.hasPrefix(";") } == (prefix == nil), "\(m.body)")
            // The same words in the same order as an unwrapped paragraph.
            #expect(m.body.split(whereSeparator: \.isWhitespace) == ("Next: " + item + "; Tag the release and write up ;wip branches for the others.").split(separator: " "))
        }
        #expect(CommitMessage.wrap("aaa #b", width: 4, avoidingLineStarts: ["#"]) == "aaa #b", "one word before it: stays on that line")
        #expect(CommitMessage.wrap("a bb #c", width: 5, avoidingLineStarts: ["#"]) == "a\nbb #c", "the word before comes down")
    }

    @Test("a commit template: after the message, its comment lines removed and no other line")
    func template() {
        let template = CommitTemplate(text: "\nABC-: \n\n# Which ticket? ABC-123\nRefs: \n# Trailers below  \n", commentPrefix: "#")
        #expect(template.commentLines == ["# Which ticket? ABC-123", "# Trailers below"])
        let start = template.appended(to: "session: x\n\nNext: y.\n")
        #expect(start == "session: x\n\nNext: y.\n\nABC-: \n\n# Which ticket? ABC-123\nRefs: \n# Trailers below  \n")
        // As the user leaves it: a ticket filled in, a line of theirs that starts with #, a
        // comment whose trailing blanks an editor trimmed.
        let edited = "session: x\n\nNext: y.\n#42 is the follow-up\n\nABC-7: fix\n\n# Which ticket? ABC-123\nRefs: #42\n# Trailers below\n"
        #expect(template.removingComments(from: edited) == "session: x\n\nNext: y.\n#42 is the follow-up\n\nABC-7: fix\n\nRefs: #42\n")
        // Another comment prefix: only its lines are comments; `auto` (nil): none is.
        let semicolon = CommitTemplate(text: "; say why\n# kept\n", commentPrefix: ";")
        #expect(semicolon.removingComments(from: semicolon.appended(to: "s\n")) == "s\n\n# kept\n")
        let auto = CommitTemplate(text: "# kept\n", commentPrefix: nil)
        #expect(auto.removingComments(from: auto.appended(to: "s\n")) == "s\n\n# kept\n")
        #expect(CommitTemplate(text: "\n\n", commentPrefix: "#").appended(to: "s\n") == "s\n", "an empty template adds nothing")
    }

    @Test("an empty document still gets a subject")
    func empty() {
        let m = CommitMessage(document: HandoffDocument(""))
        #expect(m.subject == "session: update handoff")
        #expect(m.text == "session: update handoff\n")
    }
}

@Suite("Secret scanner")
struct SecretScannerTests {
    @Test("each kind is found on its line and redacted", arguments: [
        ("-----BEGIN OPENSSH PRIVATE KEY-----", SecretFinding.Kind.privateKey),
        ("key id AKIAIOSFODNN7EXAMPLE in the env", .awsAccessKey),
        ("GITHUB_TOKEN ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5 leaked", .githubToken),
        ("use github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", .githubToken),
        ("glpat-xY7zW9vU1tS3rQ5pO7nM", .gitlabToken),
        ("slack xoxb-123456789012-abcdefGHIJKL", .slackToken),
        ("OPENAI sk-proj-4fQ9xR2mZ8kL1vB7nC3dH6jT", .apiKey),
        ("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", .apiKey),
        ("curl https://deploy:s3cr3tPass@ci.example.com/hook", .urlCredentials),
        ("export DB_PASSWORD=hunter2!", .assignment),
        ("`api_key: 9f8e7d6c5b4a`", .assignment),
        ("\"client_secret\": \"Zm9vYmFyYmF6cXV4\"", .assignment),
        ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", .jwt),
        ("aws secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYz8Kq2mLp0vT", .highEntropy),
    ])
    func finds(line: String, kind: SecretFinding.Kind) throws {
        let doc = "# T\n\n## Gotchas\n- " + line + "\n"
        let findings = SecretScanner.scan(HandoffDocument(doc))
        let f = try #require(findings.first, "nothing found in: \(line)")
        #expect(findings.count == 1, "\(findings)")
        #expect(f.kind == kind)
        #expect(f.line == 4)
        #expect(kind == .privateKey ? f.excerpt == line : f.excerpt.hasSuffix("…"))
        // The excerpt never carries the secret itself, only its first four characters.
        #expect(f.excerpt.count < 48)
    }

    @Test("ordinary handoffs: paths, URLs, UUIDs, hashes and prose pass")
    func noFalsePositives() {
        let doc = handoffText + """
            - Reverted 3f2a9c1 and e83c5163316f89bfbde7d9ab23ca2e25604af290 (see https://github.com/org/repo/pull/42)
            - Image sha256:9b2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e
            - Request id 123e4567-e89b-12d3-a456-426614174000 in Sources/HandoffCore/DocumentEditing.swift:42
            - Token: expired, refresh it; the password rotation is in docs/ops.md
            - `if token == nil { return }` and `let secret = env["SECRET"]`
            - Set PASSWORD=$DB_PASSWORD or password: <your-password> or token=${{ secrets.TOKEN }}
            - testCommitOnlyLeavesOtherStagedChangesUntouched2 in Tests/HandoffCLITests/WriteCommandTests.swift
            - max_tokens: 4096; sk-learn is a library; AKIA is a prefix
            - src/components/UserProfile/ProfileHeader2.tsx and com/example/project/v2/UserService3Impl

            """
        #expect(SecretScanner.scan(HandoffDocument(doc)) == [])
    }

    @Test("findings carry line and column")
    func positions() {
        let findings = SecretScanner.scan("line one\n  x ghp_aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5\r\n\nécrit AKIAIOSFODNN7EXAMPLE\n")
        #expect(findings.map(\.line) == [2, 4])
        #expect(findings.map(\.column) == [5, 7])
        #expect(findings[0].excerpt == "ghp_…")
    }
}
