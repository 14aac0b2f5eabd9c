import Foundation
import Testing
import HandoffCore
import HandoffEditor
import HandoffFiles
@testable import HandoffSession

/// A handoff file in a temporary folder, its recovery store beside it, and a session on it
/// whose clock the test moves.
final class Fixture {
    let dir: URL
    let path: String
    let state: String
    var now = 1000.0
    private(set) var session: EditingSession!

    init(_ text: String? = "# T\n\n## Completed\n\n- a\n\n## Gotchas\n\nNone\n") throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("handoff-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        path = dir.appendingPathComponent("HANDOFF.md").path
        state = dir.appendingPathComponent("state").path
        if let text { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
        session = open()
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// A new session on the file, as a new start of the program would make.
    func open() -> EditingSession {
        let bytes = try? FileSystem.read(path)
        let doc = try! HandoffDocument(validating: bytes ?? Array("# New\n".utf8))
        let editor = Editor(document: doc, fileName: "HANDOFF.md", size: Size(columns: 120, rows: 30))
        let s = EditingSession(editor: editor, path: path, loadedBytes: bytes,
                               recovery: RecoveryStore(handoffPath: path, stateDirectory: state),
                               clock: { [unowned self] in self.now })
        session = s
        return s
    }

    var editor: Editor { session.editor }
    var fileText: String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<missing>" }

    /// Types text into the focused pane (Completed) at the end of its first line.
    func type(_ text: String) {
        editor.handle(.key(.end))
        for ch in text { editor.handle(.key(.char(ch))); session.noteInput() }
    }

    /// Presses the choice key, as the user does; the editor hands the answer to the session.
    @discardableResult
    func answer(_ c: Character, on session: EditingSession? = nil) -> EditingSession.Outcome {
        let s = session ?? self.session!
        let action = s.editor.handle(.key(.char(c)))
        #expect(action == .answered(c))
        return s.answer(c)
    }

    func teammateWrites(_ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}

@Suite("saving")
struct SavingTests {
    @Test("Ctrl-S writes the edit, clears the modified mark and the recovery file")
    func save() throws {
        let f = try Fixture()
        f.type("b")
        f.now += 1.5
        f.session.tick()
        f.session.waitForRecoveryWrites()
        #expect(f.session.recovery.exists)
        #expect(f.session.save())
        #expect(f.fileText == "# T\n\n## Completed\n\n- ab\n\n## Gotchas\n\nNone\n")
        #expect(!f.editor.isModified)
        #expect(!f.session.recovery.exists)
    }

    @Test("a save right after a recovery write was scheduled: the write is called off, no stale file comes back")
    func saveCallsOffAScheduledWrite() throws {
        let f = try Fixture()
        f.type("b")
        f.now += 1.5
        f.session.tick()   // schedules a write of "- ab", a moment later
        #expect(f.session.save())
        f.session.waitForRecoveryWrites()
        usleep(50_000)
        #expect(!f.session.recovery.exists, "the scheduled write brought the recovery file back after the save")
    }

    @Test("a file changed on disk is not overwritten silently: overwrite")
    func conflictOverwrite() throws {
        let f = try Fixture()
        f.type("b")
        try f.teammateWrites("# Theirs\n")
        #expect(!f.session.save())
        #expect(f.session.question == .conflict)
        #expect(f.editor.isAsking)
        #expect(f.fileText == "# Theirs\n")
        f.answer("o")
        #expect(f.fileText.contains("- ab"))
        #expect(!f.editor.isModified)
    }

    @Test("reload: theirs in the editor, mine kept in the recovery file")
    func conflictReload() throws {
        let f = try Fixture()
        f.type("b")
        try f.teammateWrites("# Theirs\n\n## Completed\n\n- from the agent\n")
        _ = f.session.save()
        f.answer("r")
        #expect(f.editor.text(of: .completed) == "- from the agent")
        #expect(!f.editor.isModified)
        #expect(f.fileText == "# Theirs\n\n## Completed\n\n- from the agent\n")
        let kept = String(decoding: try #require(f.session.recovery.read()), as: UTF8.self)
        #expect(kept.contains("- ab"))
        // And now a save goes through without asking again.
        f.type("!")
        #expect(f.session.save())
        #expect(f.fileText.contains("- from the agent!"), "\(f.fileText)")
    }

    @Test("keep both: theirs stays, mine is written beside it")
    func conflictKeepBoth() throws {
        let f = try Fixture()
        f.type("b")
        try f.teammateWrites("# Theirs\n")
        _ = f.session.save()
        f.answer("k")
        #expect(f.fileText == "# Theirs\n")
        let mine = try String(contentsOfFile: f.dir.appendingPathComponent("HANDOFF.mine.md").path, encoding: .utf8)
        #expect(mine.contains("- ab"))
        #expect(f.editor.text(of: .completed) == "")
    }

    @Test("cancel leaves both the file and the edits as they are")
    func conflictCancel() throws {
        let f = try Fixture()
        f.type("b")
        try f.teammateWrites("# Theirs\n")
        _ = f.session.save()
        f.answer("c")
        #expect(f.fileText == "# Theirs\n")
        #expect(f.editor.isModified)
        #expect(f.editor.text(of: .completed) == "- ab")
    }

    @Test("a save that fails keeps the editor open with the edits, says why, and keeps a recovery file")
    func saveFails() throws {
        let f = try Fixture()
        f.type("b")
        // The file's folder is replaced by a plain file: no write can succeed.
        try FileManager.default.removeItem(at: f.dir.appendingPathComponent("HANDOFF.md"))
        let blocked = EditingSession(editor: f.editor, path: f.dir.appendingPathComponent("HANDOFF.md/inner.md").path,
                                     loadedBytes: nil, recovery: RecoveryStore(handoffPath: f.path, stateDirectory: f.state))
        try Data("x".utf8).write(to: URL(fileURLWithPath: f.path))
        #expect(!blocked.save())
        #expect(f.editor.isModified)
        #expect(f.editor.text(of: .completed) == "- ab")
        #expect(blocked.recovery.exists)
        var screen = VirtualScreen()
        f.editor.draw(on: &screen)
        #expect(screen.text.contains("Not saved"))
    }
}

@Suite("recovery")
struct RecoveryTests {
    @Test("written a second after the last edit, and every two seconds while typing goes on")
    func timing() throws {
        let f = try Fixture()
        f.type("b")
        f.now += 0.5
        f.session.tick()
        #expect(!f.session.recovery.exists, "not while the typing is fresh")
        f.now += 0.6
        f.session.tick()
        f.session.waitForRecoveryWrites()
        #expect(f.session.recovery.exists)
        // Continuous typing: a write at least every two seconds.
        f.session.recovery.remove()
        for _ in 0..<5 { f.type("c"); f.now += 0.5; f.session.tick() }
        f.session.waitForRecoveryWrites()
        #expect(f.session.recovery.exists)
        #expect(String(decoding: f.session.recovery.read() ?? [], as: UTF8.self).contains("- abcc"))
    }

    @Test("says when its timed work comes due, so that an idle host can sleep until then")
    func secondsUntilTick() throws {
        let f = try Fixture()
        #expect(f.session.secondsUntilTick == nil, "nothing edited: nothing due")
        f.type("b")
        #expect(f.session.secondsUntilTick == 1)
        f.now += 0.4
        #expect(abs(try #require(f.session.secondsUntilTick) - 0.6) < 1e-9)
        // Typing on: a second after the last key, but no later than two after the first.
        for _ in 0..<3 { f.now += 0.5; f.type("c") }
        #expect(abs(try #require(f.session.secondsUntilTick) - 0.1) < 1e-9)
        f.now += 0.1
        f.session.tick()   // schedules the write
        #expect(f.session.secondsUntilTick == 0.05, "a write under way: its failure would be shown")
        f.session.waitForRecoveryWrites()
        #expect(f.session.secondsUntilTick == nil)
        #expect(f.session.recovery.exists)
    }

    @Test("a signal writes the recovery file at once")
    func signal() throws {
        let f = try Fixture()
        f.type("b")
        f.session.signalled()
        #expect(String(decoding: try #require(f.session.recovery.read()), as: UTF8.self).contains("- ab"))
    }

    @Test("the next start offers the edits back; restoring marks them unsaved")
    func restore() throws {
        let f = try Fixture()
        f.type("b")
        f.session.signalled()
        let next = f.open()
        #expect(next.offerRecovery())
        var screen = VirtualScreen()
        next.editor.draw(on: &screen)
        #expect(screen.text.contains("restore"))
        f.answer("r", on: next)
        #expect(next.editor.text(of: .completed) == "- ab")
        #expect(next.editor.isModified)
        #expect(next.save())
        #expect(!next.recovery.exists)
        #expect(f.fileText.contains("- ab"))
    }

    @Test("discarding removes it; a recovery file equal to the file is not offered")
    func discard() throws {
        let f = try Fixture()
        f.type("b")
        f.session.signalled()
        let next = f.open()
        #expect(next.offerRecovery())
        f.answer("d", on: next)
        #expect(!next.recovery.exists)
        #expect(next.editor.text(of: .completed) == "- a")
        try next.recovery.write(Array(f.fileText.utf8))
        #expect(!f.open().offerRecovery())
    }

    @Test("quitting with changes asks; no discards them and the recovery file")
    func quit() throws {
        let f = try Fixture()
        f.type("b")
        f.session.signalled()
        #expect(f.session.quit() == .stay)
        #expect(f.session.question == .quit)
        #expect(f.answer("n") == .quit)
        #expect(!f.session.recovery.exists)
        #expect(f.fileText.contains("- a\n"))
        let g = try Fixture()
        g.type("z")
        _ = g.session.quit()
        #expect(g.answer("c") == .stay)
        #expect(g.editor.isModified)
        _ = g.session.quit()
        #expect(g.answer("y") == .quit)
        #expect(g.fileText.contains("- az"))
    }
}
