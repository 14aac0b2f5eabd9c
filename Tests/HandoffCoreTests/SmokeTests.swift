import Testing
@testable import HandoffCore

@Test func parsesASectionWithOneItem() {
    let doc = HandoffDocument("# Handoff\n\n## Done\n- a\n")
    #expect(doc.section(.completed)?.items.count == 1)
    #expect(doc.bytes == Array("# Handoff\n\n## Done\n- a\n".utf8))
}
