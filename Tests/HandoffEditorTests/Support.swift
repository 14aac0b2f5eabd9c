import HandoffCore
@testable import HandoffEditor
#if canImport(Glibc)
import Glibc
#endif

/// A small handoff used across tests.
let sample = """
# Session handoff

## Completed

- [x] Parser
- [ ] Serializer

## In Progress

- Editor core in Sources/HandoffEditor/Editor.swift:10

## Blocked

None

## Decisions

- No Foundation in the editor, because startup time matters

## Next Steps

1. Terminal driver
2. Release

## Gotchas

Tabs stay tabs.

"""

func makeEditor(_ text: String = sample, columns: Int = 80, rows: Int = 24, branch: String? = nil) -> Editor {
    Editor(document: HandoffDocument(text), fileName: "HANDOFF.md", branch: branch,
           size: Size(columns: columns, rows: rows))
}

extension Editor {
    /// Types each character as a key press.
    func type(_ text: String) {
        for ch in text { handle(.key(.char(ch))) }
    }

    func press(_ keys: Key...) {
        for k in keys { handle(.key(k)) }
    }

    func press(_ key: Key, times: Int) {
        for _ in 0..<times { handle(.key(key)) }
    }

    /// The screen as text, trailing blanks trimmed.
    var screenText: String {
        var screen = VirtualScreen()
        draw(on: &screen)
        return screen.text
    }

    var screen: VirtualScreen {
        var screen = VirtualScreen()
        draw(on: &screen)
        return screen
    }

    var documentText: String { String(decoding: document().bytes, as: UTF8.self) }
}

struct ProcError: Error { let path: String }

/// This process's resident memory, from /proc/self/statm (Linux).
func residentBytes() throws -> Int {
    let fd = open("/proc/self/statm", O_RDONLY)
    guard fd >= 0 else { throw ProcError(path: "/proc/self/statm") }
    defer { close(fd) }
    var buf = [UInt8](repeating: 0, count: 128)
    let n = read(fd, &buf, buf.count)
    guard n > 0 else { throw ProcError(path: "/proc/self/statm") }
    let fields = String(decoding: buf[..<n], as: UTF8.self).split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { throw ProcError(path: "/proc/self/statm") }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}
