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
        case .gs1_128:
            // Counted as the raw element string: AIs, values and separating FNC1s.
            let count = (try? code.elementString(bracketed: false).utf8.count) ?? 0
            guard count <= gs1_128DataCharactersMax else {
                throw LabelError(
                    .content, field: "gs1-128",
                    rule: "GS1-128 carries at most \(gs1_128DataCharactersMax) data characters, this code has \(count); use a QR code or DataMatrix")
            }
            return bracketedForZint(code)
        case .datamatrix:
            return bracketedForZint(code)
        }
    }

    /// GS1 General Specifications 5.4.1: a GS1-128 symbol holds at most 48 data characters
    /// (libzint 2.11 does not enforce it).
    public static let gs1_128DataCharactersMax = 48

    static func bracketedForZint(_ code: TraceCode) -> String {
        code.elements.map { "[\($0.ai)]\($0.value)" }.joined()
    }
}
