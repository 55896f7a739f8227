import Testing
import TraceModel

@Suite struct InformationBlockTests {
    /// the trade chain has exactly four information blocks.
    @Test func r6_2_2_fourInformationBlocks() {
        #expect(InformationBlock.allCases.map(\.rawValue) == ["product", "transaction", "logistics", "customs"])
    }
}
