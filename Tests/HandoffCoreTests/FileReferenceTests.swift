import Testing
@testable import HandoffCore

@Suite struct FileReferenceTests {
    func refs(_ text: String) -> [FileReference] { FileReference.scan(text) }

    @Test func referenceForms() {
        #expect(refs("edit Sources/App/main.swift") == [FileReference(path: "Sources/App/main.swift")])
        #expect(refs("see `src/a.ts:42`.") == [FileReference(path: "src/a.ts", line: 42)])
        #expect(refs("src/a.ts:42-60,") == [FileReference(path: "src/a.ts", line: 42, endLine: 60)])
        #expect(refs("src/a.ts:42:7") == [FileReference(path: "src/a.ts", line: 42)])
        #expect(refs("(lib/x.rb#L42)") == [FileReference(path: "lib/x.rb", line: 42)])
        #expect(refs("lib/x.rb#L42-L60") == [FileReference(path: "lib/x.rb", line: 42, endLine: 60)])
        #expect(refs("lib/x.rb#L42-60") == [FileReference(path: "lib/x.rb", line: 42, endLine: 60)])
        #expect(refs("main.go:7") == [FileReference(path: "main.go", line: 7)])
        #expect(refs("Makefile and Package.swift") == [FileReference(path: "Makefile"), FileReference(path: "Package.swift")])
        #expect(refs("update .env") == [FileReference(path: ".env")])
        #expect(refs("the src/auth/ folder") == [FileReference(path: "src/auth/")])
        #expect(refs("[a.py](a.py)") == [FileReference(path: "a.py"), FileReference(path: "a.py")])
    }

    @Test func knownNamesWithoutExtensionAreReferences() {
        // The word scan skips words without '.', '/', ':' or '#' for speed; known names have none.
        for name in FileReference.knownNames {
            #expect(refs("update \(name) now") == [FileReference(path: name)], "\(name)")
            #expect(name.utf8.count >= 6 && name.utf8.count <= 11 && name.first!.isUppercase, "\(name) escapes the fast path")
        }
        #expect(refs("Makefile, Dockerfile").map(\.path) == ["Makefile", "Dockerfile"])
        #expect(refs("Because Meanwhile Something").isEmpty)
    }

    @Test func hashLineWithOneDigit() {
        // `#L4` is as much a line anchor as `#L42`.
        #expect(refs("a.swift#L4") == [FileReference(path: "a.swift", line: 4)])
        #expect(refs("src/a.swift#L4-L9") == [FileReference(path: "src/a.swift", line: 4, endLine: 9)])
    }

    @Test func hashWithoutLineIsNotALineAnchor() {
        // `README.md#usage` links a section, not a line; the file is still referenced.
        #expect(refs("docs/README.md#usage").isEmpty || refs("docs/README.md#usage") == [FileReference(path: "docs/README.md")])
        #expect(refs("a.swift#L").allSatisfy { $0.line == nil })
    }

    @Test func hostPortsAndBareWordsWithLineAreNotFiles() {
        // In Progress items say where a server runs; `check` must not call `localhost` a missing file.
        for text in ["dev server on localhost:3000", "redis:6379", "see x#L4", "Step:2", "v1.2#L3"] {
            #expect(refs(text).isEmpty, "\(text) -> \(refs(text))")
        }
        #expect(refs("bin/run:12") == [FileReference(path: "bin/run", line: 12)])
        #expect(refs("Makefile:12") == [FileReference(path: "Makefile", line: 12)])
        #expect(refs("notes.txt#L3") == [FileReference(path: "notes.txt", line: 3)])
    }

    @Test func nonReferences() {
        for text in [
            "see https://example.com/a/b.html", "mail me@example.com", "e.g. this", "i.e. that", "v1.2.3",
            "bumped to 1.2.3", "Node.js and Vue.js", "socket.io", "ratio 3:4", "at 10:30", "a/b", "and/or",
            "1/2", "etc.", "Mr. Smith", "foo.bar", "git@github.com:org/repo.git", "ftp://host/file.txt",
            "https://github.com/o/r/blob/main/a.swift#L42", "TODO: later", "C#", "x=1&y=2",
        ] {
            #expect(refs(text).isEmpty, "\(text) -> \(refs(text))")
        }
    }
}
