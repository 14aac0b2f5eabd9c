import Foundation
import TestSupport
import Testing

@Suite("--version", .endToEnd)
struct VersionTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("--version prints the version and the commit the binary was built from")
    func versionNamesTheCommit() throws {
        let s = try Scratch()
        let r = try s.run("--version")
        #expect(r.status == 0)
        let line = r.out.trimmingCharacters(in: .newlines)
        let match = try #require(line.wholeMatch(of: /(\d+\.\d+\.\d+)(?: \(([0-9a-f]{7})(-dirty)?\))?/), "\(line)")
        // Built from this checkout (a tarball has no .git, and no commit in its version).
        guard FileManager.default.fileExists(atPath: Self.packageRoot.appendingPathComponent(".git").path) else {
            #expect(match.2 == nil)
            return
        }
        let head = try runGit(["rev-parse", "--short=7", "HEAD"], in: Self.packageRoot)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(match.2.map(String.init) == head, "\(line) is not HEAD \(head)")
        // Dirty: uncommitted changes to what the binary is built from (tests and docs do not count).
        let changed = try runGit(["status", "--porcelain", "--untracked-files=no", "--", "Package.swift", "Sources", "CNcurses"],
                                 in: Self.packageRoot)
        #expect((match.3 != nil) == !changed.isEmpty, "\(line), with tracked changes: \(changed)")
    }
}
