import HandoffCore
@testable import HandoffEditor

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
