import Testing
import HandoffCore
@testable import HandoffEditor

@Suite("Layout and look")
struct LayoutTests {
    @Test func twoColumnsByThreeRowsAt80x24() {
        let e = makeEditor(columns: 80, rows: 24, branch: "editor-core")
        e.idle()
        #expect(e.screenText == """
         HANDOFF.md  on editor-core                                         handoff-tui
        ╔ 1 Completed (1/2) ! ═════════════════╗┌ 2 In Progress (1) ───────────────────┐
        ║- [x] Parser                          ║│- Editor core in                      │
        ║- [ ] Serializer                      ║│Sources/HandoffEditor/Editor.swift:10 │
        ║                                      ║│                                      │
        ║                                      ║│                                      │
        ║                                      ║│                                      │
        ╚══════════════════════════════════════╝└──────────────────────────────────────┘
        ┌ 3 Blocked ───────────────────────────┐┌ 4 Decisions (1) ─────────────────────┐
        │None                                  ││- No Foundation in the editor,        │
        │                                      ││because startup time matters          │
        │                                      ││                                      │
        │                                      ││                                      │
        │                                      ││                                      │
        └──────────────────────────────────────┘└──────────────────────────────────────┘
        ┌ 5 Next Steps (2) ────────────────────┐┌ 6 Gotchas ───────────────────────────┐
        │1. Terminal driver                    ││Tabs stay tabs.                       │
        │2. Release                            ││                                      │
        │                                      ││                                      │
        │                                      ││                                      │
        │                                      ││                                      │
        └──────────────────────────────────────┘└──────────────────────────────────────┘
                                                                          Ln 1/2, Col 1
        F1 Help  ^S Save  ^Q Quit  ^G Commit  ^F Find  ^Z Undo  ^Y Redo  ^K Cut
        """)
        let f = e.render()
        #expect(f.cursor == Position(row: 2, column: 1))
        // The focused pane is drawn in its own role, the others in the plain border role.
        #expect(f[1, 0].role == .focusedBorder)
        #expect(f[1, 40].role == .border)
        #expect(f[1, 2].role == .focusedTitle)
        #expect(f[1, 20].role == .problemMark)
    }

    @Test func threeColumnsByTwoRowsAt120x30() {
        let e = makeEditor(columns: 120, rows: 30)
        let lines = e.screen.lines
        #expect(lines[1] == "╔ 1 Completed (1/2) ═══════════════════╗┌ 2 In Progress (1) ───────────────────┐┌ 3 Blocked ───────────────────────────┐")
        #expect(lines[2] == "║- [x] Parser                          ║│- Editor core in                      ││None                                  │")
        #expect(lines[15] == "┌ 4 Decisions (1) ─────────────────────┐┌ 5 Next Steps (2) ────────────────────┐┌ 6 Gotchas ───────────────────────────┐")
        #expect(lines[16] == "│- No Foundation in the editor,        ││1. Terminal driver                    ││Tabs stay tabs.                       │")
        #expect(lines[29].hasPrefix("F1 Help  ^S Save  ^Q Quit  ^G Commit  ^F Find"))
    }

    @Test func onePaneWithTabBarWhenSmall() {
        let e = makeEditor(columns: 40, rows: 10)
        #expect(e.screenText == """
         HANDOFF.md                 handoff-tui
         1 Completed  2  3  4  5  6  7
        ╔ 1 Completed (1/2) ═══════════════════╗
        ║- [x] Parser                          ║
        ║- [ ] Serializer                      ║
        ║                                      ║
        ║                                      ║
        ╚══════════════════════════════════════╝
                                  Ln 1/2, Col 1
        F1 Help  ^S Save  ^Q Quit  ^G Commit
        """)
    }

    @Test func tooSmallSaysSo() {
        let e = makeEditor(columns: 24, rows: 6)
        #expect(e.screenText == """

           Terminal too small
               need 30×8,
               have 24×6


        """)
        // Typing still reaches the text; growing the window shows it.
        e.type("Z")
        e.handle(.resize(Size(columns: 60, rows: 15)))
        #expect(e.screen.lines[3] == "║Z- [x] Parser                                             ║")
    }

    @Test func resizeSwitchesLayoutAndKeepsText() {
        let e = makeEditor(columns: 120, rows: 30)
        e.press(.tab)
        e.press(.end)
        e.type(" now")
        #expect(e.screen.lines[2].contains("Editor core in Sources/HandoffEditor/Editor.swift:10 now") == false)
        e.handle(.resize(Size(columns: 80, rows: 24)))
        #expect(e.screen.lines[1].hasPrefix("┌ 1 Completed (1/2) ─"))
        #expect(e.screen.lines[1].contains("╔ 2 In Progress (1) ═"))
        e.handle(.resize(Size(columns: 50, rows: 12)))
        #expect(e.screen.lines[2] == "╔ 2 In Progress (1) ═════════════════════════════╗")
        #expect(e.screen.lines[3] == "║- Editor core in                                ║")
        #expect(e.screen.lines[4] == "║Sources/HandoffEditor/Editor.swift:10 now       ║")
        #expect(e.text(of: .inProgress) == "- Editor core in Sources/HandoffEditor/Editor.swift:10 now")
    }

    @Test func zoomFillsTheWindowAndBack() {
        let e = makeEditor(columns: 80, rows: 24)
        e.press(.alt("5"))
        e.press(.function(2))
        let lines = e.screen.lines
        #expect(lines[1] == "╔ 5 Next Steps (2) " + String(repeating: "═", count: 60) + "╗")
        #expect(lines[2] == "║1. Terminal driver" + String(repeating: " ", count: 60) + "║")
        #expect(lines[21] == "╚" + String(repeating: "═", count: 78) + "╝")
        e.press(.alt("z"))
        #expect(e.screen.lines[15].hasPrefix("╔ 5 Next Steps (2) ═"))
    }

    @Test func headerShowsModifiedMark() {
        let e = makeEditor(columns: 80, rows: 24, branch: "main")
        #expect(!e.screen.lines[0].contains("[modified]"))
        e.type("x")
        #expect(e.screen.lines[0].hasPrefix(" HANDOFF.md  on main  [modified]"))
        #expect(e.isModified)
        e.didSave()
        #expect(!e.screen.lines[0].contains("[modified]"))
        #expect(e.screen.lines[22].hasPrefix(" Saved"))
    }

    @Test func problemMarkFollowsEditsAfterIdle() {
        let e = makeEditor(columns: 80, rows: 24)
        // Before the first idle pass the marks are not known yet.
        #expect(!e.screen.lines[1].contains("!"))
        #expect(e.needsIdle)
        e.idle()
        #expect(e.screen.lines[1].hasPrefix("╔ 1 Completed (1/2) ! ═"))
        // Checking the open box fixes the Completed problem.
        e.press(.down)
        e.press(.ctrl("x"))
        #expect(e.screen.lines[1].hasPrefix("╔ 1 Completed (2/2) ! ═"))
        #expect(e.idle())
        #expect(e.screen.lines[1].hasPrefix("╔ 1 Completed (2/2) ═"))
    }

    @Test func tabBarNamesAllSixWhenWide() {
        let e = makeEditor(columns: 79, rows: 20)
        #expect(e.screen.lines[1] == " 1 Completed  2 In Progress  3 Blocked  4 Decisions  5 Next Steps  6 Gotchas")
        #expect(e.screen.roles(1)[1] == .activeTab)
        e.handle(.click(row: 1, column: 45))
        #expect(e.focusedSection == .decisions)
    }

    @Test func helpOverlayListsKeysAndEscCloses() {
        let e = makeEditor(columns: 80, rows: 40)
        e.press(.function(1))
        let text = e.screenText
        for entry in KeyBindings.help { #expect(text.contains(entry.does)) }
        #expect(text.contains("Keys — Esc closes"))
        #expect(e.render().cursor == nil)
        e.type("abc")   // ignored while help shows
        e.press(.escape)
        #expect(!e.screenText.contains("Keys — Esc closes"))
        #expect(e.text(of: .completed) == "- [x] Parser\n- [ ] Serializer")
    }

    @Test func footerListsHostCommands() {
        let e = makeEditor(columns: 120, rows: 30)
        let footer = e.screen.lines[29]
        for k in ["^S Save", "^Q Quit", "^G Commit", "F1 Help"] { #expect(footer.contains(k)) }
        #expect(e.handle(.key(.ctrl("s"))) == .save)
        #expect(e.handle(.key(.ctrl("q"))) == .quit)
        #expect(e.handle(.key(.ctrl("g"))) == .commit)
        #expect(e.handle(.key(.char("a"))) == .none)
    }

    @Test func messageLineShowsHostMessages() {
        let e = makeEditor(columns: 80, rows: 24)
        e.show(message: "could not write HANDOFF.md", isError: true)
        #expect(e.screen.lines[22].hasPrefix(" could not write HANDOFF.md"))
        #expect(e.render()[22, 1].role == .errorMessage)
    }

    @Test func unchangedPanesKeepTheirCellsBetweenFrames() {
        let e = makeEditor(columns: 120, rows: 30)
        _ = e.render()
        e.type("abc")
        let f = e.render()
        #expect(VirtualScreen.trimTrailing(f.row(2).map(\.text).joined()).hasPrefix("║abc- [x] Parser"))
        #expect(f.row(16).map(\.text).joined().hasPrefix("│- No Foundation"))
    }
}
