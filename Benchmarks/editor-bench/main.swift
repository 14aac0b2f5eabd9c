// Editor core benchmark (issue 3). Run in release:  swift run -c release editor-bench
// Measures in-process with ContinuousClock: opening a ~10 MB, 100k-line handoff (parse and
// the first 120×40 frame), one keystroke (insert a character and render a 120×40 frame),
// and peak memory from /proc/self/status.
import Foundation
import HandoffCore
import HandoffEditor

/// A realistic handoff: items with checkboxes, file references, nested items, prose.
func generate(lines target: Int) -> [UInt8] {
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
        seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
        return seed
    }
    let words = ["parser", "serializer", "the", "editor", "pane", "keeps", "bytes", "because", "round-trip",
                 "needs", "review", "waiting", "on", "terminal", "driver", "wrap", "cursor", "grapheme",
                 "cluster", "width", "emoji", "🎉", "漢字", "CJK", "undo", "redo", "coalesce", "list",
                 "item", "checkbox", "section", "heading", "model", "lossless", "CRLF", "fixture", "test"]
    func sentence(_ bytes: Int) -> String {
        var s = ""
        while s.utf8.count < bytes {
            if !s.isEmpty { s += " " }
            s += words[Int(next() % UInt64(words.count))]
        }
        return s
    }
    let shares = [0.30, 0.20, 0.05, 0.15, 0.20, 0.10]
    var out = "# Session handoff — 2026-11-25 (main)\n"
    var written = 1
    for (k, key) in SectionKey.allCases.enumerated() {
        out += "\n## \(key.canonicalTitle)\n\n"
        written += 3
        let n = Int(Double(target) * shares[k]) - 3
        var number = 1
        for i in 0..<n {
            let r = next() % 10
            let text = sentence(70 + Int(next() % 40))
            switch key {
            case .completed: out += r < 8 ? "- [x] \(text)\n" : "  - \(text)\n"
            case .inProgress: out += r < 6 ? "- \(text) in Sources/HandoffEditor/Pane.swift:\(i % 400)\n" : "  \(text)\n"
            case .nextSteps: out += "\(number). \(text)\n"; number += 1
            case .decisions: out += r < 7 ? "- \(text) because it is simpler\n" : "  - \(text)\n"
            default: out += r < 5 ? "- \(text)\n" : "\(text)\n"
            }
            written += 1
        }
    }
    return Array(out.utf8)
}

func status(_ field: String) -> Int {
    guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in s.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil }.flatMap { Int($0) } ?? 0) * 1024
    }
    return 0
}

func percentile(_ xs: [Double], _ p: Double) -> Double {
    let s = xs.sorted()
    return s[min(s.count - 1, Int(Double(s.count) * p))]
}

func micros(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12
}

/// In a function, not top-level code: globals of main.swift are main-actor isolated and
/// each access would pay an isolation check inside the timed loop.
func run() {
    let size = Size(columns: 120, rows: 40)
    let bytes = generate(lines: 100_000)
    let lineCount = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    print("document: \(bytes.count) bytes (\(String(format: "%.1f", Double(bytes.count) / 1_048_576)) MiB), \(lineCount) lines")

    // Peak memory of opening and editing alone: reset the high-water mark once the input is built.
    let baseline = status("VmRSS")
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)

    let clock = ContinuousClock()
    // One session as a user has it: open, then type. Its peak memory is the figure; the
    // repeated opens for timing come after, so the allocator's reuse does not blur it.
    var openTimes: [Double] = []
    let firstStart = clock.now
    var editor: Editor! = Editor(document: try! HandoffDocument(validating: bytes), fileName: "HANDOFF.md",
                                 branch: "main", size: size)
    _ = editor.render()
    openTimes.append(micros(clock.now - firstStart))
    let openPeak = status("VmHWM") - baseline

    // Keystrokes in the middle of the biggest pane: type a line's worth, then go down a line.
    for _ in 0..<400 { editor.handle(.key(.pageDown)) }
    _ = editor.render()
    var keyTimes: [Double] = []
    var handleTimes: [Double] = []
    keyTimes.reserveCapacity(10_000)
    let text = Array("the quick brown fox jumps over the lazy dog ")
    var k = 0
    for i in 0..<10_000 {
        let ch = text[i % text.count]
        let start = clock.now
        editor.handle(.key(.char(ch)))
        let mid = clock.now
        _ = editor.render()
        keyTimes.append(micros(clock.now - start))
        handleTimes.append(micros(mid - start))
        k += 1
        if k == 44 {
            k = 0
            // To the start of the next line (Down would only go to the next wrapped row).
            editor.handle(.key(.end))
            editor.handle(.key(.right))
        }
    }
    // The problem marks' check, which runs from idle() rather than at open.
    let idleStart = clock.now
    editor.idle()
    let idleTime = micros(clock.now - idleStart)
    let peak = status("VmHWM")
    let used = peak - baseline
    // The same keys with the caches cold, as on a terminal: there other programs (the
    // terminal, the shell, whatever else runs) take the caches between two keys. After the
    // memory figure: the buffer that evicts the caches is not the editor's.
    var coldTimes: [Double] = []
    var scratch = [UInt8](repeating: 1, count: 32 << 20)
    var sink = 0
    for i in 0..<1_000 {
        scratch.withUnsafeMutableBytes { raw in
            for j in stride(from: (i & 63), to: raw.count, by: 64) { raw[j] &+= 1 }
            sink &+= Int(raw[i])
        }
        let ch = text[i % text.count]
        let start = clock.now
        editor.handle(.key(.char(ch)))
        _ = editor.render()
        coldTimes.append(micros(clock.now - start))
        if i % 44 == 43 {
            editor.handle(.key(.end))
            editor.handle(.key(.right))
        }
    }
    scratch = []
    // What a recovery write builds on its thread: the document with the edited pane in it.
    var recoveryTimes: [Double] = []
    for _ in 0..<5 {
        let start = clock.now
        sink &+= editor.snapshot().document().bytes.count
        recoveryTimes.append(micros(clock.now - start))
    }
    editor = nil
    for _ in 0..<6 {
        let start = clock.now
        let e = Editor(document: try! HandoffDocument(validating: bytes), fileName: "HANDOFF.md",
                       branch: "main", size: size)
        _ = e.render()
        openTimes.append(micros(clock.now - start))
    }
    var parseTimes: [Double] = []
    for _ in 0..<5 {
        let start = clock.now
        _ = try! HandoffDocument(validating: bytes)
        parseTimes.append(micros(clock.now - start))
    }
    let openParse = percentile(parseTimes, 0.5)

    print(String(format: "open (validate + parse + first 120x40 frame): median %.2f ms, min %.2f ms (parse alone %.2f ms)",
                 percentile(openTimes, 0.5) / 1000, openTimes.min()! / 1000, openParse / 1000))
    print(String(format: "keystroke (insert char + render 120x40): median %.1f µs, p99 %.1f µs, max %.1f µs over %d",
                 percentile(keyTimes, 0.5), percentile(keyTimes, 0.99), keyTimes.max()!, keyTimes.count))
    print(String(format: "  of which handle(): median %.1f µs; the rest is render()", percentile(handleTimes, 0.5)))
    print(String(format: "keystroke with cold caches (32 MiB touched between keys): median %.1f µs, p99 %.1f µs (%d)",
                 percentile(coldTimes, 0.5), percentile(coldTimes, 0.99), sink & 1))
    print(String(format: "recovery snapshot (the document with the edited pane, as a recovery write builds it): median %.2f ms",
                 percentile(recoveryTimes, 0.5) / 1000))
    print(String(format: "idle() after editing (problem marks: check of the edited pane): %.1f ms", idleTime / 1000))
    print(String(format: "memory after opening: %.1f MiB over the process before it", Double(openPeak) / 1_048_576))
    print(String(format: "memory: peak RSS %.1f MiB, of which opening and editing %.1f MiB = %.2f× the document",
                 Double(peak) / 1_048_576, Double(used) / 1_048_576, Double(used) / Double(bytes.count)))
}

run()
