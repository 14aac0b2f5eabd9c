import Testing
@testable import HandoffCore
@Test func scratch() {
    for t in ["a.swift#L4", "a.swift#L42C5", "a.swift#L42C5-L50C3", "a.swift#L10-", "a.swift#L", "x#L4", "src/x#L4", "a.md#L1-L2.", "a.md#L3-L", "README.md#L10", "see a.swift#L4)", "#L4", "a.swift#L4#L5", "dir/#L4", "Makefile#L4", "a.swift#l4", "v1.2#L3", "a.swift:0", "a.swift#L0", "a.swift:10-5", "foo.swift#L12-L14,", "a.swift:12:", "C:\\x\\a.swift:3", "a.b#L3"] {
        print("REF", t, FileReference.scan(t).map { "\($0.path)|\($0.line.map(String.init) ?? "-")|\($0.endLine.map(String.init) ?? "-")" })
    }
}
