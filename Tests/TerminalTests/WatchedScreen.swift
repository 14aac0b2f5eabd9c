import Foundation
import Testing

/// A terminal under test whose screen can be read back as text: tmux's pane, xterm's
/// print-immediate dump. Waits poll the screen until it shows what is expected or a timeout
/// passes; no fixed sleeps.
protocol WatchedScreen {
    var screen: String { get }
    /// What a timed-out wait adds to its report besides the screen.
    var diagnostics: String { get }
    /// How long a wait lasts unless told.
    static var waitTimeout: Double { get }
}

extension WatchedScreen {
    var diagnostics: String { "" }

    /// Waits until the screen satisfies `check`; records an issue with the screen if it never does.
    @discardableResult
    func waitForScreen(timeout: Double? = nil, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
                       _ check: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(timeout ?? Self.waitTimeout)
        var last = ""
        while Date() < deadline {
            last = screen
            if check(last) { return last }
            usleep(20_000)
        }
        let more = diagnostics.isEmpty ? "" : "\n\(diagnostics)"
        Issue.record("timed out waiting for \(what); screen:\n\(last)\(more)", sourceLocation: sourceLocation)
        return last
    }

    /// Whether the screen shows `text` within `timeout` seconds; records nothing.
    func shows(_ text: String, within timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if screen.contains(text) { return true }
            usleep(20_000)
        } while Date() < deadline
        return false
    }

    @discardableResult
    func waitFor(_ text: String, timeout: Double? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        waitForScreen(timeout: timeout, "\"\(text)\"", sourceLocation: sourceLocation) { $0.contains(text) }
    }

    func waitForGone(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        waitForScreen("\"\(text)\" to go", sourceLocation: sourceLocation) { !$0.contains(text) }
    }
}
