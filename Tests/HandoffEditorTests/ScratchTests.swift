import Testing
@testable import HandoffEditor

@Test func scratch() {
    for (w, h) in [(60, 15), (80, 24), (120, 30), (20, 6)] {
        let e = makeEditor(columns: w, rows: h)
        print(e.screenText)
        print(String(repeating: "=", count: w))
    }
}
