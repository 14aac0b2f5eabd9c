import Foundation
import AgentHooks
import Testing

private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
private func text(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }

private let ours = [
    HookEntry(event: "SessionStart", matcher: "startup|resume|clear|compact", command: "handoff-tui hooks run session-start", timeout: 30),
    HookEntry(event: "Stop", matcher: nil, command: "handoff-tui hooks run stop", timeout: 30),
    HookEntry(event: "PreCompact", matcher: nil, command: "handoff-tui hooks run pre-compact", timeout: 10),
]

@Suite("JSON with offsets")
struct JSONSourceTests {
    @Test("values keep their byte ranges; escapes, surrogate pairs and raw UTF-8 decode")
    func ranges() throws {
        let src = bytes("{\"a\\u00e9\": [1, -2.5e3, \"x\\n\\\"\"],\r\n\t\"b\": {\"c\": null, \"d\": true}, \"e\": \"\\ud83d\\ude00 é\"}")
        let root = try JSONSource.parse(src)
        let a = try #require(root.member("aé"))
        #expect(text(Array(src[a.value.range])) == "[1, -2.5e3, \"x\\n\\\"\"]")
        #expect(a.value.elements?[2].string == "x\n\"")
        #expect(root.member("e")?.value.string == "😀 é")
        #expect(text(Array(src[root.member("b")!.value.range])) == "{\"c\": null, \"d\": true}")
    }

    @Test("comments, trailing commas, bad escapes, control characters, bad numbers and truncation are refused with a place")
    func refusals() {
        let bad: [(String, String)] = [
            ("{\n  // a comment\n  \"a\": 1\n}", "comments"),
            ("{\"a\": 1 /* c */}", "comments"),
            ("{\"a\": [1, 2,]}", "trailing comma"),
            ("{\"a\": 1,}", "trailing comma"),
            ("{\"a\": \"\\x\"}", "escape"),
            ("{\"a\": \"tab\there\"}", "control character"),
            ("{\"a\": 01}", "start with 0"),
            ("{\"a\": 1.}", "digit"),
            ("{\"a\": [1, 2}", "']'"),
            ("{\"a\": \"open", "not closed"),
            ("{\"a\": 1} x", "after the JSON value"),
            ("{'a': 1}", "double quotes"),
            ("", "end of the text"),
        ]
        for (src, reason) in bad {
            do {
                _ = try JSONSource.parse(bytes(src))
                Issue.record("accepted: \(src)")
            } catch {
                #expect(error.reason.contains(reason), "\(src): \(error.reason)")
            }
        }
        do {
            _ = try JSONSource.parse(bytes("{\n  \"a\": 1,\n  // here\n}"))
        } catch {
            #expect(error.line == 3 && error.column == 3, "\(error.message)")
        }
    }

    @Test("nesting beyond the limit is refused, not a stack overflow")
    func deep() {
        let src = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONSource.parse(bytes(src)) }
    }
}

@Suite("Installing hooks into settings files")
struct HookSettingsTests {
    /// Install, check the result is valid JSON holding our three hooks, install again (no
    /// byte changes), uninstall (the original bytes).
    func roundTrip(_ original: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let installed = try HookSettings.install(bytes(original), entries: ours)
        _ = try JSONSource.parse(installed)
        #expect(Set(try HookSettings.installed(installed).map(\.event)) == ["SessionStart", "Stop", "PreCompact"], sourceLocation: sourceLocation)
        #expect(try HookSettings.install(installed, entries: ours) == installed, "second install changed bytes", sourceLocation: sourceLocation)
        #expect(text(try HookSettings.uninstall(installed)) == original, "uninstall did not restore the original", sourceLocation: sourceLocation)
        return text(installed)
    }

    @Test("a new file: two-space indentation, Claude Code's shape")
    func newFile() throws {
        let made = text(try HookSettings.install(nil, entries: Array(ours.prefix(2))))
        #expect(made == """
            {
              "hooks": {
                "SessionStart": [
                  {
                    "matcher": "startup|resume|clear|compact",
                    "hooks": [
                      {
                        "type": "command",
                        "command": "handoff-tui hooks run session-start",
                        "timeout": 30
                      }
                    ]
                  }
                ],
                "Stop": [
                  {
                    "hooks": [
                      {
                        "type": "command",
                        "command": "handoff-tui hooks run stop",
                        "timeout": 30
                      }
                    ]
                  }
                ]
              }
            }

            """)
        #expect(HookSettings.isEmptyObject(try HookSettings.uninstall(bytes(made))))
    }

    @Test("an empty object and a file with other settings but no hooks come back byte for byte")
    func noHooksBefore() throws {
        _ = try roundTrip("{}\n")
        _ = try roundTrip("{}")
        let out = try roundTrip("{\n    \"model\": \"opus\",\n    \"permissions\": {\n        \"allow\": [\"Bash(npm test)\"]\n    }\n}\n")
        #expect(out.contains("\n    \"hooks\": {\n        \"SessionStart\": [\n            {\n                \"matcher\""))
    }

    @Test("other hooks on the same and other events are kept; ours go after them, in the file's indentation")
    func populated() throws {
        let original = """
            {
              "env": { "FOO": "1" },
              "hooks": {
                "SessionStart": [
                  { "matcher": "startup", "hooks": [ { "type": "command", "command": "echo hi" } ] }
                ],
                "PostToolUse": [
                  {
                    "matcher": "Write|Edit",
                    "hooks": [ { "type": "command", "command": "npx prettier --write" } ]
                  }
                ]
              },
              "model": "sonnet"
            }

            """
        let out = try roundTrip(original)
        #expect(out.contains("\"command\": \"echo hi\""))
        #expect(out.contains("],\n    \"Stop\": [\n      {\n        \"hooks\""))
        let root = try JSONSource.parse(bytes(out))
        #expect(root.member("hooks")?.value.member("SessionStart")?.value.elements?.count == 2)
        #expect(root.member("model")?.value.string == "sonnet")
    }

    @Test("tab indentation and CRLF line endings are followed")
    func tabsAndCRLF() throws {
        let original = "{\r\n\t\"hooks\": {\r\n\t\t\"Stop\": [\r\n\t\t\t{\"hooks\": [{\"type\": \"command\", \"command\": \"say done\"}]}\r\n\t\t]\r\n\t}\r\n}\r\n"
        let out = try roundTrip(original)
        #expect(out.contains("\r\n\t\t\"SessionStart\": [\r\n\t\t\t{\r\n\t\t\t\t\"matcher\""))
        #expect(!out.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!out.contains("  "))
    }

    @Test("a file on one line stays on one line")
    func compact() throws {
        let out = try roundTrip("{\"model\":\"opus\"}")
        #expect(!out.contains("\n"))
    }

    @Test("a hook the user added to our group survives uninstall; ours alone goes")
    func userEditedGroup() throws {
        let installed = text(try HookSettings.install(bytes("{}\n"), entries: [ours[1]]))
        let edited = installed.replacingOccurrences(of: "\"timeout\": 30\n          }", with: "\"timeout\": 30\n          },\n          {\"type\": \"command\", \"command\": \"notify-send done\"}")
        let out = try HookSettings.uninstall(bytes(edited))
        let root = try JSONSource.parse(out)
        let hooks = root.member("hooks")?.value.member("Stop")?.value.elements?.first?.member("hooks")?.value.elements
        #expect(hooks?.count == 1)
        #expect(hooks?.first?.member("command")?.value.string == "notify-send done")
    }

    @Test("a moved binary's command counts as ours; others' commands do not")
    func recognition() {
        #expect(HookSettings.isOurs("handoff-tui hooks run stop"))
        #expect(HookSettings.isOurs("/usr/local/bin/handoff-tui hooks run session-start"))
        #expect(!HookSettings.isOurs("echo handoff-tui hooks run stop"))
        #expect(!HookSettings.isOurs("my-handoff-tui hooks run stop"))
        #expect(!HookSettings.isOurs("handoff-tui show"))
    }

    @Test("invalid JSON and unexpected shapes are refused")
    func refused() {
        #expect(throws: HookSettingsError.self) { try HookSettings.install(bytes("{\"a\": 1,}"), entries: ours) }
        #expect(throws: HookSettingsError.self) { try HookSettings.install(bytes("[]"), entries: ours) }
        #expect(throws: HookSettingsError.self) { try HookSettings.install(bytes("{\"hooks\": []}"), entries: ours) }
        #expect(throws: HookSettingsError.self) { try HookSettings.install(bytes("{\"hooks\": {\"Stop\": {}}}"), entries: ours) }
        #expect(throws: HookSettingsError.self) { try HookSettings.uninstall(bytes("{\"hooks\": {} // x\n}")) }
    }

    @Test("keys with escapes and non-ASCII text elsewhere in the file are untouched")
    func unicode() throws {
        _ = try roundTrip("{\n  \"na\\u00efve\": \"caf\u{e9} \\ud83d\\ude00\",\n  \"list\": [[1, [2]], {\"x\": \"\\\"\"}]\n}\n")
    }
}

@Suite("The git post-commit hook")
struct PostCommitHookTests {
    @Test("a shell hook gets the block after its first line; uninstall gives back its bytes")
    func shell() throws {
        let theirs = bytes("#!/usr/bin/env bash\nset -e\nrun-tests\nexit 0\n")
        guard case .write(let installed) = PostCommitHook.install(theirs) else { Issue.record("not written"); return }
        #expect(text(installed).hasPrefix("#!/usr/bin/env bash\n# >>> handoff-tui >>>"))
        #expect(text(installed).hasSuffix("run-tests\nexit 0\n"))
        #expect(PostCommitHook.install(installed) == .alreadyInstalled)
        #expect(PostCommitHook.uninstall(installed) == .write(theirs))
    }

    @Test("another language is chained; a new hook is deleted again")
    func others() {
        guard case .chain(let wrapper) = PostCommitHook.install(bytes("#!/usr/bin/env python3\nprint('hi')\n")) else { Issue.record("not chained"); return }
        #expect(PostCommitHook.uninstall(wrapper) == .unchain)
        guard case .write(let made) = PostCommitHook.install(nil) else { Issue.record("not written"); return }
        #expect(PostCommitHook.uninstall(made) == .delete)
    }
}

@Suite("The Stop decision")
struct StopDecisionTests {
    let start = SessionState(head: "a", work: "w", handoff: "h")

    @Test("blocks only when the code moved and the handoff did not, once, never while continuing")
    func decide() {
        #expect(StopDecision.decide(start: start, head: "a", work: "w", handoff: "h", handoffCommitted: false, stopHookActive: false) == .allow)
        #expect(StopDecision.decide(start: start, head: "b", work: "w", handoff: "h", handoffCommitted: false, stopHookActive: false) == .block)
        #expect(StopDecision.decide(start: start, head: "a", work: "x", handoff: "h", handoffCommitted: false, stopHookActive: false) == .block)
        #expect(StopDecision.decide(start: start, head: "a", work: "x", handoff: "h", handoffCommitted: false, stopHookActive: true) == .allow)
        #expect(StopDecision.decide(start: start, head: "b", work: "x", handoff: "h2", handoffCommitted: false, stopHookActive: false) == .allow)
        #expect(StopDecision.decide(start: start, head: "b", work: "x", handoff: "h", handoffCommitted: true, stopHookActive: false) == .allow)
        var blocked = start
        blocked.blocked = true
        #expect(StopDecision.decide(start: blocked, head: "b", work: "x", handoff: "h", handoffCommitted: false, stopHookActive: false) == .allow)
    }

    @Test("state files round-trip; session ids never become paths")
    func state() {
        let s = SessionState(head: "abc", work: "0123", handoff: "none", blocked: true, compaction: "auto")
        #expect(SessionState(parsing: s.serialized) == s)
        #expect(SessionState.fileName(forSession: "../../etc/passwd") == "etcpasswd")
        #expect(SessionState.fileName(forSession: "") == "unknown-session")
        #expect(SessionState.fileName(forSession: "3f2a-11ee_x.y") == "3f2a-11ee_x.y")
    }
}
