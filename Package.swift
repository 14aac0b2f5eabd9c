// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "handoff-tui",
    products: [
        .executable(name: "handoff-tui", targets: ["handoff-tui"]),
        .library(name: "HandoffCore", targets: ["HandoffCore"]),
        .library(name: "HandoffEditor", targets: ["HandoffEditor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        // No traits: the default one (SubprocessFoundation) would pull Foundation into the binary.
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.0", traits: []),
    ],
    targets: [
        // libncursesw, for the terminal driver only. The shim defines NCURSES_WIDECHAR itself.
        // No pkg-config and no `link` in the module map: the executable links ncurses
        // statically (below), and ncursesw.pc's only flags are -D's that SwiftPM drops.
        .systemLibrary(
            name: "CNcurses",
            path: "CNcurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The document: model, parser, serializer, checks. No terminal, no git.
        .target(name: "HandoffCore"),
        // The editor core: panes, keys, layout, frames. No terminal, no git.
        .target(name: "HandoffEditor", dependencies: ["HandoffCore"]),
        // Editor benchmark (run in release): keystroke, open, memory on a 10 MB handoff.
        .executableTarget(
            name: "editor-bench",
            dependencies: ["HandoffEditor", "HandoffCore"],
            path: "Benchmarks/editor-bench"
        ),
        // The state the editor's signal handlers share with its loop, defined once in C (a
        // header's statics get a copy per LLVM module, and release builds split a module).
        .target(name: "TerminalSignals"),
        // The ncurses driver: the only code that calls ncurses. Keys in, frames drawn.
        .target(name: "TerminalUI", dependencies: ["CNcurses", "TerminalSignals", "HandoffEditor"]),
        // Reading and atomically writing files, finding the handoff and the work-tree root.
        .target(name: "HandoffFiles"),
        // The only code that starts git: a child process, never a shell, with a timeout and
        // typed errors that carry git's own message.
        .target(
            name: "GitRunner",
            dependencies: [.product(name: "Subprocess", package: "swift-subprocess")]
        ),
        // Agent hooks: installing them into Claude Code's settings.json and Codex's hooks.json
        // by inserting and removing bytes only (a JSON reader that keeps every value's offsets).
        // Pure: text in, text out.
        .target(name: "AgentHooks"),
        // One editing session on a file: saves that notice changes on disk, recovery files.
        .target(name: "HandoffSession", dependencies: ["HandoffEditor", "HandoffFiles", "HandoffCore", "GitRunner"]),
        // Writes the git commit the executable is built from into it (a prebuild command).
        .plugin(name: "BuildCommit", capability: .buildTool(), path: "Plugins/BuildCommit"),
        // The command-line surface.
        .executableTarget(
            name: "handoff-tui",
            dependencies: [
                "HandoffCore",
                "HandoffEditor",
                "HandoffFiles",
                "TerminalUI",
                "HandoffSession",
                "GitRunner",
                "AgentHooks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The Swift runtime linked in: start-up (first paint races vim) and resident
            // memory both drop, as no shared Swift libraries are loaded and relocated.
            linkerSettings: [.unsafeFlags([
                "-static-stdlib",
                // FoundationEssentials (used by swift-argument-parser) needs its helper archives
                // after it on the static link line.
                "-Xlinker", "-lFoundationEssentials", "-Xlinker", "-l_FoundationCollections",
                "-Xlinker", "-l_FoundationCShims", "-Xlinker", "-lswiftSynchronization",
                // Not position-independent: the static runtime's ~43,000 relative relocations
                // are then resolved at link time instead of at every start (−1.5 ms, 399 → 270
                // page faults before the terminal check).
                "-Xclang-linker", "-no-pie",
                // ncurses linked in (Debian's libncurses-dev has the archives): two libraries
                // fewer to load, and no lazy binding of each curses function on its first call
                // on the way to the first paint (~0.2–0.4 ms).
                "-Xlinker", "-l:libncursesw.a", "-Xlinker", "-l:libtinfo.a",
            ])],
            // `buildCommit`, for `--version`: the git commit, read at build time.
            plugins: ["BuildCommit"]
        ),
        .testTarget(
            name: "HandoffCoreTests",
            dependencies: [
                "HandoffCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "HandoffEditorTests",
            dependencies: ["HandoffEditor", "HandoffCore"]
        ),
        // Shared by the test targets: the built binary's path, git for setting up repositories.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "HandoffFilesTests", dependencies: ["HandoffFiles", "TestSupport"]),
        .testTarget(name: "HandoffSessionTests", dependencies: ["HandoffSession", "HandoffEditor", "HandoffFiles", "HandoffCore", "TestSupport"]),
        // The real binary, run as a user would: output, exit status, files on disk.
        .testTarget(name: "HandoffCLITests", dependencies: ["TestSupport"]),
        // The editor on a real terminal: the binary inside tmux, keys in, screen and file out.
        .testTarget(name: "TerminalTests", dependencies: ["TestSupport", "CNcurses", "TerminalSignals"]),
        .testTarget(name: "AgentHooksTests", dependencies: ["AgentHooks"]),
        // The git service against real git in temporary repositories (no mocks).
        .testTarget(name: "GitRunnerTests", dependencies: ["GitRunner", "HandoffCore"]),
    ]
)
