import TraceModel

/// What each carrier holds (R-5.1-b): a QR code carries the GS1 Digital Link URI (or the
/// platform code), GS1-128 and GS1 DataMatrix carry the element string.
public enum LabelContent {
    /// The text handed to libzint: the URI for QR; for the GS1 symbologies the element string
    /// with AIs in square brackets, which libzint's GS1 mode expects (set 82 has no brackets,
    /// so values cannot be confused with AIs).
    public static func data(for code: TraceCode, symbology: Symbology, domain: String = DigitalLink.canonicalDomain) throws(LabelError) -> String {
        if let platformCode = code.platformCode {
            guard symbology == .qr else {
                throw LabelError(.content, field: "symbology", rule: "a platform code has no GS1 element string; use a QR code")
            }
            return platformCode.text
        }
        switch symbology {
        case .qr:
            do {
                return try code.digitalLink(domain: domain)
            } catch {
                throw LabelError(.content, field: "digitalLink", rule: error.description)
            }
        case .gs1_128, .datamatrix:
            return code.elements.map { "[\($0.ai)]\($0.value)" }.joined()
        }
    }
}
