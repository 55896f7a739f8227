import Testing
import TraceLabels

@Suite struct SymbologyTests {
    /// R-5.1-b: 1D barcode, 2D barcode carriers.
    @Test func r5_1_b_symbologies() {
        #expect(Symbology(rawValue: "gs1-128") == .gs1_128)
    }
}
