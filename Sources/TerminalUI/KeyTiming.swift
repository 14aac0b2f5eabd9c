#if KEY_TIMING
#if canImport(Glibc)
import Glibc
#endif

/// Where a keystroke's time goes, for `Benchmarks/key-phases.py`: each frame drawn for an
/// input appends one line of CLOCK_MONOTONIC seconds (one per `Phase`, in order) to the file
/// named by HANDOFF_TUI_KEY_TIMING. Only in a build with `-Xswiftc -DKEY_TIMING`; the
/// shipped binary has the empty version below, which compiles away.
enum KeyTiming {
    enum Phase: Int, CaseIterable {
        case read, decoded, handled, hooked, rendered, cellsPut, updated
    }

    nonisolated(unsafe) private static var marks = [Double](repeating: 0, count: Phase.allCases.count)
    nonisolated(unsafe) private static let fd: Int32 = {
        guard let path = getenv("HANDOFF_TUI_KEY_TIMING") else { return -1 }
        return open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    }()

    static func mark(_ phase: Phase) {
        guard fd >= 0 else { return }
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        marks[phase.rawValue] = Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// After the frame is written: one line, then the marks start again.
    static func frameDone() {
        guard fd >= 0, marks[Phase.read.rawValue] > 0 else { return }
        let line = marks.map { String($0) }.joined(separator: " ") + "\n"
        _ = line.withCString { write(fd, $0, strlen($0)) }
        for i in marks.indices { marks[i] = 0 }
    }
}
#else
enum KeyTiming {
    enum Phase { case read, decoded, handled, hooked, rendered, cellsPut, updated }
    @inline(__always) static func mark(_: Phase) {}
    @inline(__always) static func frameDone() {}
}
#endif
