/// The label carriers of R-5.1-b that CrossTrace renders.
public enum Symbology: String, Sendable, CaseIterable {
    /// QR code carrying a GS1 Digital Link URI.
    case qr
    /// GS1-128 linear barcode carrying a GS1 element string.
    case gs1_128 = "gs1-128"
    /// GS1 DataMatrix carrying a GS1 element string.
    case datamatrix
}
