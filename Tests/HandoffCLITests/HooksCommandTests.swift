import Foundation
import TestSupport
import Testing

/// A shell command run as an agent or git runs a hook: `/bin/sh -c COMMAND`, the built
/// handoff-tui first on PATH, `stdin` (nil: none at all, /dev/null).
private func shell(_ command: String, in dir: URL, stdin: String?, env: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "HANDOFF_FILE")
    environment["PATH"] = CLI.binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
    for (k, v) in env { environment[k] = v }
    let r = try CLI.runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", command], in: dir, environment: environment,
                               stdin: stdin.map { Data($0.utf8) })
    return (r.status, r.out, r.stderr)
}

/// The command strings an installed settings file holds, by event (as the agent reads them).
private func installedCommands(_ data: Data) throws -> [String: String] {
    let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let hooks = try #require(root["hooks"] as? [String: Any])
    var found: [String: String] = [:]
    for (event, groups) in hooks {
        for group in groups as? [[String: Any]] ?? [] {
            for hook in group["hooks"] as? [[String: Any]] ?? [] {
                if let c = hook["command"] as? String, c.contains("handoff-tui") { found[event] = c }
            }
        }
    }
    return found
}

/// The JSON an agent's hook input holds.
private func input(_ event: String, session: String = "3f2a9c", cwd: URL, _ extra: String = "") -> String {
    "{\"session_id\":\"\(session)\",\"transcript_path\":\"/tmp/t.jsonl\",\"cwd\":\"\(cwd.path)\",\"hook_event_name\":\"\(event)\",\"permission_mode\":\"default\",\"a_field_added_later\":{\"x\":[1,2]}\(extra)}"
}

private func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite("hooks install / uninstall", .endToEnd)
struct HooksInstallTests {
    @Test("no settings file: install creates it, a second install changes no byte, uninstall deletes it")
    func emptyRepository() throws {
        let s = try Scratch(git: true)
        let r = try s.run("hooks", "install", "--claude-code")
        #expect(r.status == 0, "\(r.stderr)")
        let installed = try s.read(".claude/settings.json")
        let commands = try installedCommands(installed)
        #expect(commands == ["SessionStart": "handoff-tui hooks run session-start", "Stop": "handoff-tui hooks run stop",
                             "PreCompact": "handoff-tui hooks run pre-compact"])
        let again = try s.run("hooks", "install", "--claude-code")
        #expect(again.status == 0 && again.out.contains("already installed"))
        #expect(try s.read(".claude/settings.json") == installed)
        #expect(!FileManager.default.fileExists(atPath: s.path(".claude/settings.json.handoff-tui.bak").path))
        let u = try s.run("hooks", "uninstall", "--claude-code")
        #expect(u.status == 0)
        #expect(!FileManager.default.fileExists(atPath: s.path(".claude/settings.json").path))
    }

    @Test("settings with other keys and hooks, in 4-space, 2-space and tab indentation: kept, backed up, restored byte for byte",
          arguments: ["    ", "  ", "\t"])
    func populated(indent: String) throws {
        let s = try Scratch(git: true)
        let i = indent
        let original = "{\n\(i)\"model\": \"opus\",\n\(i)\"permissions\": {\n\(i)\(i)\"allow\": [\"Bash(npm test)\", \"Read(~/.zshrc)\"]\n\(i)},\n"
            + "\(i)\"hooks\": {\n\(i)\(i)\"PostToolUse\": [\n\(i)\(i)\(i){\n\(i)\(i)\(i)\(i)\"matcher\": \"Write|Edit\",\n"
            + "\(i)\(i)\(i)\(i)\"hooks\": [{\"type\": \"command\", \"command\": \"npx prettier --write \\\"$FILE\\\"\"}]\n"
            + "\(i)\(i)\(i)}\n\(i)\(i)],\n\(i)\(i)\"Stop\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"notify-send done\"}]}]\n\(i)},\n"
            + "\(i)\"statusLine\": {\"type\": \"command\", \"command\": \"echo \\u00e9t\\u00e9\"}\n}\n"
        try s.write(".claude/settings.json", original)
        #expect(try s.run("hooks", "install", "--claude-code").status == 0)
        let installed = try s.text(".claude/settings.json")
        #expect(installed.hasPrefix("{\n\(i)\"model\": \"opus\",\n\(i)\"permissions\""))
        #expect(installed.contains("\n\(i)\(i)\"SessionStart\": [\n\(i)\(i)\(i){\n\(i)\(i)\(i)\(i)\"matcher\": \"startup|resume|clear|compact\","))
        let root = try json(installed)
        let hooks = try #require(root["hooks"] as? [String: Any])
        #expect((hooks["Stop"] as? [Any])?.count == 2)
        #expect((hooks["PostToolUse"] as? [Any])?.count == 1)
        #expect(root["model"] as? String == "opus")
        #expect(try s.text(".claude/settings.json.handoff-tui.bak") == original)
        // Installed twice: no byte changes.
        #expect(try s.run("hooks", "install", "--claude-code").status == 0)
        #expect(try s.text(".claude/settings.json") == installed)
        let u = try s.run("hooks", "uninstall", "--claude-code")
        #expect(u.status == 0)
        #expect(try s.read(".claude/settings.json") == Data(original.utf8))
        // The backup said nothing more than the file now does.
        #expect(!FileManager.default.fileExists(atPath: s.path(".claude/settings.json.handoff-tui.bak").path))
        let again = try s.run("hooks", "uninstall", "--claude-code")
        #expect(again.status == 0 && again.out.contains("No handoff-tui hooks"))
    }

    @Test("a file with no hooks key ends byte-identical; so does one that already had ours in it")
    func noHooksKey() throws {
        let s = try Scratch(git: true)
        let original = "{\r\n  \"model\": \"sonnet\"\r\n}"
        try s.write(".claude/settings.json", original)
        #expect(try s.run("hooks", "install", "--claude-code").status == 0)
        #expect(try s.text(".claude/settings.json").contains("\r\n  \"hooks\": {\r\n    \"SessionStart\""))
        #expect(try s.run("hooks", "uninstall", "--claude-code").status == 0)
        #expect(try s.read(".claude/settings.json") == Data(original.utf8))
    }

    @Test("invalid JSON: one line, exit 65, nothing changed, no backup")
    func invalid() throws {
        let s = try Scratch(git: true)
        let original = "{\n  // my settings\n  \"model\": \"opus\",\n}\n"
        try s.write(".claude/settings.json", original)
        for command in ["install", "uninstall"] {
            let r = try s.run("hooks", command, "--claude-code")
            #expect(r.status == 65)
            #expect(r.stderr.split(separator: "\n").count == 1)
            #expect(r.stderr.contains("settings.json: not valid JSON (line 2, column 3: comments are not allowed in JSON); nothing was changed"))
            #expect(try s.text(".claude/settings.json") == original)
        }
        #expect(!FileManager.default.fileExists(atPath: s.path(".claude/settings.json.handoff-tui.bak").path))
    }

    @Test("--user writes ~/.claude/settings.json; Codex gets .codex/hooks.json and the trust reminder; status lists them")
    func userAndCodex() throws {
        let s = try Scratch(git: true)
        let home = s.path("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let env = ["HOME": home.path, "CODEX_HOME": ""]
        let r = try s.run("hooks", "install", "--claude-code", "--user", env: env)
        #expect(r.status == 0)
        #expect(try installedCommands(try Data(contentsOf: home.appendingPathComponent(".claude/settings.json"))).count == 3)
        #expect(!FileManager.default.fileExists(atPath: s.path(".claude/settings.json").path))
        let c = try s.run("hooks", "install", "--codex", env: env)
        #expect(c.status == 0)
        #expect(c.out.contains("trust"))
        #expect(try installedCommands(try s.read(".codex/hooks.json")).count == 3)
        let status = try s.run("hooks", "status", "--format", "json", env: env)
        let report = try json(status.out)
        #expect((report["claude_code_user"] as? [String: Any])?["installed"] as? Bool == true)
        #expect((report["claude_code_project"] as? [String: Any])?["installed"] as? Bool == false)
        #expect((report["codex_project"] as? [String: Any])?["events"] as? [String] == ["SessionStart", "Stop", "PreCompact"])
        #expect((report["git"] as? [String: Any])?["installed"] as? Bool == false)
        let text = try s.run("hooks", "status", env: env).out
        #expect(text.contains("Codex (project): installed: SessionStart, Stop, PreCompact"))
        #expect(try s.run("hooks", "uninstall", "--codex", env: env).status == 0)
        #expect(!FileManager.default.fileExists(atPath: s.path(".codex/hooks.json").path))
    }

    @Test("no target is a usage error")
    func usage() throws {
        let s = try Scratch()
        #expect(try s.run("hooks", "install").status == 64)
        #expect(try s.run("hooks", "status", "--help").out.contains("USAGE"))
    }
}

@Suite("hooks run, as the agents run them", .endToEnd)
struct HooksRunTests {
    /// A repository with a committed handoff and the Claude Code hooks installed; returns the
    /// commands as the settings file holds them.
    func repository() throws -> (Scratch, [String: String]) {
        let s = try Scratch(git: true)
        try s.sh("git", "config", "user.email", "dev@example.com")
        try s.sh("git", "config", "user.name", "Dev")
        try s.write("HANDOFF.md", sampleHandoff)
        try s.write("src/app.ts", "export const a = 1\n")
        // Teams commit .claude/settings.json with the hooks in it.
        #expect(try s.run("hooks", "install", "--claude-code").status == 0)
        try s.sh("git", "add", "-A")
        try s.sh("git", "commit", "-qm", "start")
        return (s, try installedCommands(try s.read(".claude/settings.json")))
    }

    @Test("SessionStart (startup, compact): the handoff and the start-of-session request, as additionalContext")
    func sessionStart() throws {
        let (s, commands) = try repository()
        let start = try shell(commands["SessionStart"]!, in: s.url, stdin: input("SessionStart", cwd: s.url, ",\"source\":\"startup\""))
        #expect(start.status == 0)
        let output = try json(start.out)
        let specific = try #require(output["hookSpecificOutput"] as? [String: Any])
        #expect(specific["hookEventName"] as? String == "SessionStart")
        let context = try #require(specific["additionalContext"] as? String)
        #expect(context.contains("<handoff>\n" + sampleHandoff + "</handoff>"))
        #expect(context.contains("Before changing any code"))
        #expect(!context.contains("compacted"))

        // PreCompact prints nothing; the SessionStart that follows asks for an update.
        let pre = try shell(commands["PreCompact"]!, in: s.url, stdin: input("PreCompact", cwd: s.url, ",\"trigger\":\"auto\",\"custom_instructions\":\"\""))
        #expect(pre.status == 0 && pre.out.isEmpty)
        let compact = try shell(commands["SessionStart"]!, in: s.url, stdin: input("SessionStart", cwd: s.url, ",\"source\":\"compact\""))
        let after = try #require((try json(compact.out)["hookSpecificOutput"] as? [String: Any])?["additionalContext"] as? String)
        #expect(after.contains("<handoff>"))
        #expect(after.contains("The conversation was just automatically compacted"))
        #expect(after.contains("Bring the handoff (HANDOFF.md) up to date"))
    }

    @Test("the hook runs in the input's cwd, from a subfolder too")
    func fromCwd() throws {
        let (s, commands) = try repository()
        let r = try shell(commands["SessionStart"]!, in: URL(fileURLWithPath: "/"), stdin: input("SessionStart", cwd: s.path("src"), ",\"source\":\"startup\""))
        #expect(r.out.contains("Finish the refresh refactor"))
    }

    @Test("Stop: nothing changed, nothing said; code changed without the handoff: blocked once; stop_hook_active: never")
    func stop() throws {
        let (s, commands) = try repository()
        let stop = commands["Stop"]!
        _ = try shell(commands["SessionStart"]!, in: s.url, stdin: input("SessionStart", cwd: s.url, ",\"source\":\"startup\""))
        let idle = try shell(stop, in: s.url, stdin: input("Stop", cwd: s.url, ",\"stop_hook_active\":false"))
        #expect(idle.status == 0 && idle.out.isEmpty && idle.err.isEmpty)

        try s.write("src/app.ts", "export const a = 2\n")
        let active = try shell(stop, in: s.url, stdin: input("Stop", cwd: s.url, ",\"stop_hook_active\":true"))
        #expect(active.status == 0 && active.out.isEmpty)
        let blocked = try shell(stop, in: s.url, stdin: input("Stop", cwd: s.url, ",\"stop_hook_active\":false"))
        #expect(blocked.status == 0)
        let decision = try json(blocked.out)
        #expect(decision["decision"] as? String == "block")
        let reason = try #require(decision["reason"] as? String)
        #expect(reason.contains("1 file changed") && reason.contains("handoff-tui add") && reason.contains("handoff-tui commit"))
        // Once per session: the next stop goes through.
        let again = try shell(stop, in: s.url, stdin: input("Stop", cwd: s.url, ",\"stop_hook_active\":false"))
        #expect(again.out.isEmpty)
    }

    @Test("Stop: a commit during the session counts; updating the handoff lets the session stop")
    func stopAfterCommit() throws {
        let (s, commands) = try repository()
        let stop = commands["Stop"]!
        _ = try shell(commands["SessionStart"]!, in: s.url, stdin: input("SessionStart", session: "one", cwd: s.url, ",\"source\":\"startup\""))
        try s.write("src/new.ts", "export {}\n")
        try s.sh("git", "add", "src/new.ts")
        try s.sh("git", "commit", "-qm", "add new")
        let blocked = try shell(stop, in: s.url, stdin: input("Stop", session: "one", cwd: s.url, ",\"stop_hook_active\":false"))
        #expect((try json(blocked.out)["reason"] as? String)?.contains("1 commit, 1 file changed") == true)

        // Another session that updates the handoff is not blocked.
        _ = try shell(commands["SessionStart"]!, in: s.url, stdin: input("SessionStart", session: "two", cwd: s.url, ",\"source\":\"startup\""))
        try s.write("src/app.ts", "export const a = 3\n")
        #expect(try s.run("add", "completed", "Bumped a to 3").status == 0)
        let done = try shell(stop, in: s.url, stdin: input("Stop", session: "two", cwd: s.url, ",\"stop_hook_active\":false"))
        #expect(done.status == 0 && done.out.isEmpty)
    }

    @Test("a resumed session keeps the start it had: changes made before the resume still count")
    func resume() throws {
        let (s, commands) = try repository()
        _ = try shell(commands["SessionStart"]!, in: s.url, stdin: input("SessionStart", session: "r", cwd: s.url, ",\"source\":\"startup\""))
        try s.write("src/app.ts", "export const a = 9\n")
        let resumed = try shell(commands["SessionStart"]!, in: s.url, stdin: input("SessionStart", session: "r", cwd: s.url, ",\"source\":\"resume\""))
        #expect(resumed.out.contains("additionalContext"))
        let r = try shell(commands["Stop"]!, in: s.url, stdin: input("Stop", session: "r", cwd: s.url, ",\"stop_hook_active\":false"))
        #expect(try json(r.out)["decision"] as? String == "block")
    }

    @Test("Codex: the commands from .codex/hooks.json with Codex's input (null transcript, model, turn_id)")
    func codex() throws {
        let (s, _) = try repository()
        #expect(try s.run("hooks", "install", "--codex").status == 0)
        let commands = try installedCommands(try s.read(".codex/hooks.json"))
        let start = "{\"session_id\":\"019a-c0de\",\"transcript_path\":null,\"cwd\":\"\(s.url.path)\",\"hook_event_name\":\"SessionStart\",\"model\":\"gpt-5-codex\",\"source\":\"startup\"}"
        let r = try shell(commands["SessionStart"]!, in: s.url, stdin: start)
        let context = (try json(r.out)["hookSpecificOutput"] as? [String: Any])?["additionalContext"] as? String
        #expect(context?.contains("Refactor session refresh") == true)
        try s.write("src/app.ts", "export const a = 4\n")
        let stop = "{\"session_id\":\"019a-c0de\",\"turn_id\":\"t1\",\"transcript_path\":null,\"cwd\":\"\(s.url.path)\",\"hook_event_name\":\"Stop\",\"model\":\"gpt-5-codex\",\"stop_hook_active\":false,\"last_assistant_message\":\"Done.\"}"
        let blocked = try shell(commands["Stop"]!, in: s.url, stdin: stop)
        #expect(try json(blocked.out)["decision"] as? String == "block")
    }

    @Test("garbage, an empty stdin or none at all: exit 0, nothing on stdout, one line on stderr", arguments: ["not json {", "", nil, "[1,2]"])
    func garbage(stdin: String?) throws {
        let (s, commands) = try repository()
        for event in ["SessionStart", "Stop", "PreCompact"] {
            let r = try shell(commands[event]!, in: s.url, stdin: stdin)
            #expect(r.status == 0, "\(event)")
            #expect(r.out.isEmpty, "\(event): \(r.out)")
            #expect(r.err.split(separator: "\n").count == 1, "\(event): \(r.err)")
        }
    }
}

@Suite("hooks install --git", .endToEnd)
struct GitHookTests {
    func repository() throws -> Scratch {
        let s = try Scratch(git: true)
        try s.sh("git", "config", "user.email", "dev@example.com")
        try s.sh("git", "config", "user.name", "Dev")
        try s.write("HANDOFF.md", sampleHandoff)
        try s.sh("git", "add", "-A")
        try s.sh("git", "commit", "-qm", "handoff")
        return s
    }

    @Test("a commit that leaves the handoff behind prints one line; the commit succeeds; uninstall deletes the hook")
    func line() throws {
        let s = try repository()
        #expect(try s.run("hooks", "install", "--git").status == 0)
        try s.write("src/a.ts", "1\n")
        let c = try shell("git add src/a.ts && git commit -qm code", in: s.url, stdin: nil)
        #expect(c.status == 0)
        #expect(c.err.contains("the handoff (HANDOFF.md) is 1 commit behind the code"))
        try s.write("src/a.ts", "2\n")
        let c2 = try shell("git commit -qam more", in: s.url, stdin: nil)
        #expect(c2.err.contains("is 2 commits behind"))
        // A commit of the handoff itself says nothing.
        #expect(try s.run("add", "completed", "caught up").status == 0)
        let c3 = try shell("git commit -qam handoff", in: s.url, stdin: nil)
        #expect(c3.status == 0 && !c3.err.contains("behind"))
        #expect(try s.run("hooks", "uninstall", "--git").status == 0)
        #expect(!FileManager.default.fileExists(atPath: s.path(".git/hooks/post-commit").path))
    }

    @Test("no handoff in the repository: the hook says nothing and the commit goes through")
    func noHandoff() throws {
        let s = try Scratch(git: true)
        try s.sh("git", "config", "user.email", "dev@example.com")
        try s.sh("git", "config", "user.name", "Dev")
        #expect(try s.run("hooks", "install", "--git").status == 0)
        try s.write("a.txt", "1\n")
        let c = try shell("git add a.txt && git commit -qm first", in: s.url, stdin: nil)
        #expect(c.status == 0 && c.err.isEmpty && c.out.isEmpty)
    }

    @Test("an existing shell hook in core.hooksPath still runs, and gets its bytes back on uninstall")
    func chainedShell() throws {
        let s = try repository()
        try s.sh("git", "config", "core.hooksPath", ".githooks")
        let theirs = "#!/bin/sh\necho theirs >> ran-theirs\nexit 0\n"
        try s.write(".githooks/post-commit", theirs)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: s.path(".githooks/post-commit").path)
        #expect(try s.run("hooks", "install", "--git").status == 0)
        let status = try s.run("hooks", "status").out
        #expect(status.contains("git post-commit: installed — ") && status.contains("/.githooks/post-commit"))
        try s.write("src/a.ts", "1\n")
        let c = try shell("git add src/a.ts && git commit -qm code", in: s.url, stdin: nil)
        #expect(c.status == 0)
        #expect(c.err.contains("1 commit behind"))
        #expect(try s.text("ran-theirs") == "theirs\n")
        #expect(try s.run("hooks", "uninstall", "--git").status == 0)
        #expect(try s.text(".githooks/post-commit") == theirs)
    }

    @Test("a hook in another language is moved aside, called, and put back")
    func chainedOther() throws {
        let s = try repository()
        let theirs = "#!/usr/bin/env perl\nopen(my $f, '>>', 'ran-theirs'); print $f \"perl\\n\";\n"
        try s.write(".git/hooks/post-commit", theirs)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: s.path(".git/hooks/post-commit").path)
        #expect(try s.run("hooks", "install", "--git").status == 0)
        try s.write("src/a.ts", "1\n")
        let c = try shell("git add src/a.ts && git commit -qm code", in: s.url, stdin: nil)
        #expect(c.status == 0)
        #expect(c.err.contains("1 commit behind"))
        #expect(try s.text("ran-theirs") == "perl\n")
        #expect(try s.run("hooks", "uninstall", "--git").status == 0)
        #expect(try s.text(".git/hooks/post-commit") == theirs)
        #expect(!FileManager.default.fileExists(atPath: s.path(".git/hooks/post-commit.handoff-tui-chained").path))
    }
}
