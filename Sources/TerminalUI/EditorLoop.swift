import Dispatch
import HandoffEditor
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What the host does around the editor: writing the file, the quit question, commits,
/// recovery. `HandoffSession.EditingSession` provides all of it; the defaults are enough
/// for a host without one (save only, and the loop's own quit question).
public struct EditorHooks {
    /// Ctrl-S: writes `editor.document()`, then `didSave` or `show(message:isError: true)`.
    /// Returns whether the file was written.
    public var save: (Editor) -> Bool
    /// Ctrl-Q: returns true to leave now; false when it asked a question (through
    /// `editor.ask`) whose answer comes to `answered`. Nil: the loop asks itself.
    public var quit: ((Editor) -> Bool)?
    /// The answer to a question the host asked; returns true to leave.
    public var answered: (Editor, Character) -> Bool
    /// Ctrl-G.
    public var commit: (Editor) -> Void
    /// The commit dialog was confirmed with this message.
    public var commitConfirmed: (Editor, String) -> Void
    /// An input that may have changed the text was handled.
    public var edited: (Editor) -> Void
    /// After every frame, and when `secondsUntilTick` says timed work is due and no input
    /// came for a second (a recovery file).
    public var tick: (Editor) -> Void
    /// Seconds until `tick` has timed work to do; nil when it has none. While there is
    /// none and nothing else is due, the loop waits for input alone (it wakes at most every
    /// `EditorLoop.idleWait` seconds).
    public var secondsUntilTick: (Editor) -> Double?
    /// SIGINT, SIGTERM or SIGHUP (or a terminal gone) ends the session; called after the
    /// terminal is restored, before the exit with 128 + signal.
    public var signalled: (Editor, Int32) -> Void
    /// Once, right after the first frame is on screen: start-up work that the first paint
    /// need not wait for (the loop draws again after it).
    public var started: (Editor) -> Void
    /// A review's key (`review`): older, newer, copy, adopt, acknowledge, confirm.
    public var review: (Editor, ReviewRequest) -> Void

    public init(save: @escaping (Editor) -> Bool,
                quit: ((Editor) -> Bool)? = nil,
                answered: @escaping (Editor, Character) -> Bool = { _, _ in false },
                commit: @escaping (Editor) -> Void = { $0.show(message: "Commit is not available here", isError: true) },
                commitConfirmed: @escaping (Editor, String) -> Void = { _, _ in },
                edited: @escaping (Editor) -> Void = { _ in },
                tick: @escaping (Editor) -> Void = { _ in },
                secondsUntilTick: @escaping (Editor) -> Double? = { _ in nil },
                signalled: @escaping (Editor, Int32) -> Void = { _, _ in },
                started: @escaping (Editor) -> Void = { _ in },
                review: @escaping (Editor, ReviewRequest) -> Void = { _, _ in }) {
        self.save = save
        self.quit = quit
        self.answered = answered
        self.commit = commit
        self.commitConfirmed = commitConfirmed
        self.edited = edited
        self.tick = tick
        self.secondsUntilTick = secondsUntilTick
        self.signalled = signalled
        self.started = started
        self.review = review
    }
}

/// The editor on a terminal: input in, actions done, frames drawn, until quit or a signal.
public enum EditorLoop {
    /// The longest wait for input with nothing due, in seconds: a bound on what a signal
    /// or a resize arriving in the instant before a wait begins could be kept waiting.
    static let idleWait = 10.0

    /// Runs until the user quits (returns 0) or a signal ends it (returns 128 + signal).
    /// The terminal is restored before this returns.
    public static func run(_ editor: Editor, on terminal: Terminal, hooks: EditorHooks) -> Int32 {
        defer { terminal.end() }
        var askingToQuit = false
        var lastInput = 0.0
        let checks = ProblemChecker()
        terminal.draw(editor.render())
        hooks.started(editor)
        terminal.draw(editor.render())
        while true {
            if let sig = terminal.pendingSignal {
                terminal.end()
                hooks.signalled(editor, sig)
                return 128 + sig
            }
            // Marks from checks that finished: on screen with the next frame.
            if checks.collect(into: editor), !terminal.hasPendingInput { terminal.draw(editor.render()) }
            // Idle work (rechecking edited panes) waits for a pause in the typing; while a
            // check runs, its marks are looked for often. Otherwise the wait lasts until timed
            // work is due, and with none, until input: a signal or a resize ends it at once
            // (the handlers interrupt the read), so an idle editor does not wake to poll.
            let timeout: Int32
            if checks.running {
                timeout = 25
            } else if editor.needsIdle {
                timeout = 150
            } else if terminal.takeResizeNotice() {
                timeout = 25   // a short wait, after which ncurses looks at its resize flag
            } else {
                var wait = EditorLoop.idleWait
                if let due = hooks.secondsUntilTick(editor) {
                    // Timed work also waits for a second without input (below).
                    wait = min(wait, max(due, lastInput + 1 - seconds()))
                }
                timeout = Int32((max(wait, 0.001) * 1000).rounded(.up))
            }
            guard let input = terminal.read(timeout: timeout) else {
                if editor.needsIdle { checks.start(editor.takeProblemChecks()) }
                // Within a second of the last input, typing is likely to go on: timed work
                // waits for the tick after the next frame, so it never holds up a key.
                if seconds() - lastInput >= 1 { hooks.tick(editor) }
                continue
            }
            lastInput = seconds()
            KeyTiming.mark(.decoded)
            let action = editor.handle(input)
            KeyTiming.mark(.handled)
            switch input {
            case .key, .paste: hooks.edited(editor)
            case .click, .wheel, .resize: break
            }
            switch action {
            case .none: break
            case .save: _ = hooks.save(editor)
            case .commit: hooks.commit(editor)
            case .commitConfirmed(let message): hooks.commitConfirmed(editor, message)
            case .review(let request): hooks.review(editor, request)
            case .quit:
                if let quit = hooks.quit {
                    if quit(editor) { return 0 }
                } else {
                    guard editor.isModified else { return 0 }
                    askingToQuit = true
                    editor.ask("Save changes?", choices: [Choice("y", "yes"), Choice("n", "no"), Choice("c", "cancel")])
                }
            case .answered(let choice):
                guard askingToQuit else {
                    if hooks.answered(editor, choice) { return 0 }
                    break
                }
                askingToQuit = false
                switch choice {
                case "y": if hooks.save(editor) { return 0 }
                case "n": return 0
                default: break  // cancel, or Esc
                }
            }
            KeyTiming.mark(.hooked)
            // A burst already decoded (typed ahead, pasted) is drawn once, after it.
            if !terminal.hasPendingInput {
                let frame = editor.render()
                KeyTiming.mark(.rendered)
                terminal.draw(frame)
                KeyTiming.frameDone()
            }
            // After the frame: timed work (writing a recovery file of a large handoff takes
            // milliseconds) never delays the screen update of the key that came before it.
            hooks.tick(editor)
        }
    }
}

/// Runs the editor's problem checks on a thread of their own, below the terminal's
/// priority: the loop never waits for one, and a key typed during a check is answered at once.
private final class ProblemChecker {
    private let queue = DispatchQueue(label: "handoff-tui.checks")
    private let done = Inbox()
    private var started = 0
    private var collected = 0

    var running: Bool { collected < started }

    func start(_ work: [ProblemCheck]) {
        for check in work {
            started += 1
            let done = self.done
            queue.async {
                setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)  // 0: this thread, on Linux
                done.put(check.run())
            }
        }
    }

    /// Applies the marks of the checks done; returns whether the screen changed.
    func collect(into editor: Editor) -> Bool {
        guard running else { return false }
        var changed = false
        for marks in done.take() {
            collected += 1
            if editor.apply(marks) { changed = true }
        }
        return changed
    }

    /// Marks handed from the checking thread to the loop's.
    private final class Inbox: Sendable {
        private let items = Mutex<[ProblemMarks]>([])
        func put(_ m: ProblemMarks) { items.withLock { $0.append(m) } }
        func take() -> [ProblemMarks] { items.withLock { items in defer { items = [] }; return items } }
    }
}

private func seconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
