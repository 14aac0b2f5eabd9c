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
    ],
    targets: [
        // libncursesw, for the terminal driver only. The shim defines NCURSES_WIDECHAR itself.
        .systemLibrary(
            name: "CNcurses",
            path: "CNcurses",
            pkgConfig: "ncursesw",
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
        // The command-line surface.
        .executableTarget(
            name: "handoff-tui",
            dependencies: [
                "HandoffCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
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
    ]
)
