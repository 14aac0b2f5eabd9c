import CNcurses
import Foundation
import TerminalSignals
import Testing

/// The crash handler itself, in a child process: a stack overflow leaves no stack to run a
/// handler on, so only the handler's own stack (`sigaltstack`) lets it restore the terminal.
@Suite struct CrashHandlerTests {
    @Test("a stack overflow still runs the crash handler: the reset bytes are written, then the process dies of SIGSEGV")
    func stackOverflow() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        // Made before the fork: the child of a threaded process must not allocate (another
        // thread may have held the allocator's lock at the fork).
        let reset = strdup("RESET-BYTES")
        defer { free(reset) }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let pid = fork()
        if pid == 0 {
            // The child: only the TerminalSignals C functions and a recursion, nothing that allocates.
            dup2(writeEnd, 1)
            // The handler re-raises through the one before it. In the test process that is
            // the Swift runtime's backtracer, which takes locks another thread may have held
            // at the fork (a child once hung on one): the default action here instead.
            signal(SIGSEGV, SIG_DFL)
            handoff_set_reset_bytes(reset)
            handoff_install_signal_handlers()
            _ = overflow(1)
            _exit(0)
        }
        close(writeEnd)
        // Waited for with a limit: a child that hangs must fail the test, not the whole run.
        var status: Int32 = 0
        var ended = false
        for _ in 0..<1000 where !ended {
            ended = waitpid(pid, &status, WNOHANG) == pid
            if !ended { usleep(10_000) }
        }
        if !ended {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
            Issue.record("the child was still running after 10 s")
        }
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = read(readEnd, &buffer, buffer.count)
        close(readEnd)
        let signal = status & 0x7F
        #expect(signal == SIGSEGV, "ended by signal \(signal), status \(status)")
        #expect(n > 0 && String(decoding: buffer[0..<n], as: UTF8.self) == "RESET-BYTES",
                "the handler wrote \(n) bytes")
    }
}

/// Recurses until the stack runs out (each frame keeps a little of it busy).
@inline(never)
private func overflow(_ depth: Int) -> Int {
    var frame: (Int, Int, Int, Int, Int, Int, Int, Int) = (depth, depth, depth, depth, depth, depth, depth, depth)
    return withUnsafeMutablePointer(to: &frame) { $0.pointee.0 } + overflow(depth + 1)
}
