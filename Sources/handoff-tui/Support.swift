import ArgumentParser
import HandoffCore
import HandoffFiles
#if canImport(Glibc)
import Glibc
#endif

/// Exit statuses, from sysexits.h where one fits (documented in README.md).
enum ExitStatus {
    static let problems: Int32 = 1
    static let notATerminal: Int32 = 2
    static let dataError: Int32 = 65      // EX_DATAERR: not UTF-8 text
    static let noInput: Int32 = 66        // EX_NOINPUT: no handoff file
    static let cannotCreate: Int32 = 73   // EX_CANTCREAT: init would overwrite
    static let ioError: Int32 = 74        // EX_IOERR
}

/// Prints one line to stderr and ends with the status.
func fail(_ message: String, status: Int32) -> ExitCode {
    printError("handoff-tui: " + message)
    return ExitCode(status)
}

func printError(_ message: String) {
    let bytes = Array((message + "\n").utf8)
    bytes.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
}

/// Writes bytes to stdout in full (a 10 MB report goes out in a few large writes).
func writeOut(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { writeOut($0) }
}

func writeOut(_ buffer: UnsafeBufferPointer<UInt8>) {
    guard let base = buffer.baseAddress else { return }
    var offset = 0
    while offset < buffer.count {
        let n = write(1, base + offset, buffer.count - offset)
        if n < 0 { if errno == EINTR { continue }; return }
        offset += n
    }
}

func writeOut(_ text: String) { writeOut(Array(text.utf8)) }

func isTerminal(_ fd: Int32) -> Bool { isatty(fd) != 0 }

/// The handoff a command works on: which path, and its parsed content if it exists.
struct LoadedHandoff {
    let path: String
    let document: HandoffDocument?
    let locator: HandoffLocator
}

/// Finds and reads the handoff. `mustExist`: a missing file is an error (exit 66).
func loadHandoff(_ explicit: String?, mustExist: Bool) throws -> LoadedHandoff {
    let locator = HandoffLocator()
    let path: String
    switch locator.resolve(explicit) {
    case .found(let p): path = p
    case .notFound(let p):
        if mustExist {
            if explicit != nil || locator.environmentOverride != nil {
                throw fail("\(p): no such file (create it with `handoff-tui init \(p)`)", status: ExitStatus.noInput)
            }
            throw fail("no handoff file found in \(locator.display(locator.root).isEmpty ? "." : locator.display(locator.root)) "
                + "(looked for $HANDOFF_FILE, \(HandoffLocator.candidates.joined(separator: ", "))); "
                + "create one with `handoff-tui init`", status: ExitStatus.noInput)
        }
        return LoadedHandoff(path: p, document: nil, locator: locator)
    }
    let bytes: [UInt8]
    do {
        bytes = try FileSystem.read(path)
    } catch {
        if case .notFound = error, !mustExist { return LoadedHandoff(path: path, document: nil, locator: locator) }
        throw fail(error.message, status: error.isMissing ? ExitStatus.noInput : ExitStatus.ioError)
    }
    do {
        return LoadedHandoff(path: path, document: try HandoffDocument(validating: bytes, mapping: loadMapping(locator)),
                             locator: locator)
    } catch {
        throw fail("\(path): \(error.message)", status: ExitStatus.dataError)
    }
}

/// The repository's own section names (docs/FORMAT.md "The mapping file"), from the work-tree
/// root; lines it cannot read are reported on stderr and skipped.
func loadMapping(_ locator: HandoffLocator) -> SectionMapping? {
    let path = Path.join(locator.root, SectionMapping.fileName)
    guard FileSystem.exists(path), let bytes = try? FileSystem.read(path) else { return nil }
    let mapping = SectionMapping(parsing: String(decoding: bytes, as: UTF8.self))
    for e in mapping.errors {
        printError("handoff-tui: \(locator.display(path)):\(e.line): warning: \(e.message); line ignored")
    }
    return mapping
}

extension FileError {
    var isMissing: Bool { if case .notFound = self { return true }; return false }
}

/// The section a SECTION argument names (a key, a title or a synonym), or the usage error
/// that lists the keys.
func sectionKey(_ argument: String) throws -> SectionKey {
    guard let key = SectionKey(argument: argument) else {
        throw ValidationError("unknown section '\(argument)'; use one of: \(SectionKey.allCases.map(\.rawValue).joined(separator: ", ")) (or a title or synonym)")
    }
    return key
}

/// Today's local date as YYYY-MM-DD.
func today() -> String {
    var t = time(nil)
    var parts = tm()
    localtime_r(&t, &parts)
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
}

/// Whether to colour output: a terminal, and NO_COLOR unset (https://no-color.org).
func useColor() -> Bool {
    isTerminal(1) && getenv("NO_COLOR").map { String(cString: $0).isEmpty } ?? true
}
