import Testing
@testable import TraceLedger

/// STYLE.md #8: errors compare by code only.
@Suite struct LedgerErrorTests {
    @Test func errorsCompareByCodeOnly() {
        #expect(LedgerError(.tooLarge, field: "a", rule: "x") == LedgerError(.tooLarge, field: "b", rule: "y"))
        #expect(LedgerError(.tooLarge, field: "a", rule: "x") != LedgerError(.malformed, field: "a", rule: "x"))
        #expect(LedgerError(.malformed, field: "payload", rule: "r").description.contains("payload"))
    }
}
