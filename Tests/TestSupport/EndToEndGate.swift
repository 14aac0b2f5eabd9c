import Testing

/// One end-to-end test at a time across the suites that run real processes and wait for them
/// (the binary in tmux or xterm, the CLI): each holds a thread of the test pool while it
/// waits, and the pool has as many threads as cores (two here). With two such tests side by
/// side nothing else in the run progressed: the async suites' git processes and timers (the
/// editor's Ctrl-G flow, the git-runner's time limits) waited behind them for over 30 s and
/// failed. A test waiting its turn is suspended, not blocked, so it holds no thread.
public struct EndToEndGate: SuiteTrait, TestTrait, TestScoping {
    public init() {}

    public var isRecursive: Bool { true }

    /// Each test case is gated, not the suite around it (which would hold the gate while its
    /// own tests wait for it).
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> EndToEndGate? {
        testCase == nil ? nil : self
    }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        await Turn.shared.acquire()
        do {
            try await function()
        } catch {
            await Turn.shared.release()
            throw error
        }
        await Turn.shared.release()
    }

    actor Turn {
        static let shared = Turn()
        private var busy = false
        private var waiting: [CheckedContinuation<Void, Never>] = []

        func acquire() async {
            if !busy { busy = true; return }
            await withCheckedContinuation { waiting.append($0) }
        }

        func release() {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
    }
}

extension Trait where Self == EndToEndGate {
    /// Runs the suite's tests one at a time with every other `.endToEnd` suite's.
    public static var endToEnd: Self { EndToEndGate() }
}
