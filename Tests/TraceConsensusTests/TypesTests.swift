import Testing
import TraceConsensus

@Suite struct TypesTests {
    @Test func heightsOrder() {
        #expect(Height(1) < Height(2))
        #expect(Round(0) < Round(1))
    }
}
