extension TraceCode {
    /// The form a text was recognised as.
    public enum Form: String, Sendable, CaseIterable {
        case elementString = "element-string"
        case digitalLink = "digital-link"
        case epcHex = "epc-hex"
        case epcTagURI = "epc-tag-uri"
        case epcPureIdentityURI = "epc-pure-identity-uri"
        case platform
    }

    /// Recognises the form of `text` from its first characters.
    public static func form(of text: String) -> Form {
        let lower = text.prefix(24).lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return .digitalLink }
        if text.hasPrefix("urn:epc:tag:") { return .epcTagURI }
        if text.hasPrefix("urn:epc:id:") { return .epcPureIdentityURI }
        if lower.hasPrefix("ct-") { return .platform }
        // 24 hex digits starting with 3: an EPC binary header (0x30 SGTIN-96, 0x31 SSCC-96, …);
        // no supported AI starts with 3, so no element string is taken for one.
        if text.utf8.count == 24, text.hasPrefix("3"), text.utf8.allSatisfy({ PercentEncoding.hexValue($0) != nil }) {
            return .epcHex
        }
        return .elementString
    }

    /// Parses any form of a trace code: element string with or without parentheses (optionally
    /// after a symbology identifier such as `]C1`), Digital Link URI, SGTIN-96 hex, EPC tag or
    /// pure-identity URI, platform code. Surrounding white space is ignored. Dates (11, 17) take
    /// their century from `referenceDate` (GS1 General Specifications 7.12).
    public static func parse(_ text: String, referenceDate: CalendarDate) throws(TraceCodeError) -> TraceCode {
        guard text.utf8.count <= traceCodeInputBytesMax else {
            throw TraceCodeError(.length, field: "code", rule: "longer than \(traceCodeInputBytesMax) bytes")
        }
        let trimmed = trimmingSpace(text)
        guard !trimmed.isEmpty else {
            throw TraceCodeError(.format, field: "code", rule: "the code is empty")
        }
        switch form(of: trimmed) {
        case .digitalLink:
            return try TraceCode(elements: DigitalLink.parse(trimmed), referenceDate: referenceDate)
        case .elementString:
            return try TraceCode(elements: ElementString.parse(trimmed), referenceDate: referenceDate)
        case .epcHex:
            return try TraceCode(sgtin: SGTIN96(hex: trimmed), referenceDate: referenceDate)
        case .epcTagURI:
            return try TraceCode(sgtin: SGTIN96(tagURI: trimmed), referenceDate: referenceDate)
        case .epcPureIdentityURI:
            let identity = try SGTINPureIdentity(trimmed)
            let elements = [GS1Element(ai: "01", value: identity.gtin14), GS1Element(ai: "21", value: identity.serial)]
            let context = EPCContext(companyPrefixLength: identity.companyPrefix.count, filter: nil)
            return try TraceCode(elements: elements, referenceDate: referenceDate, epc: context)
        case .platform:
            return TraceCode(platformCode: try PlatformCode(parsing: trimmed))
        }
    }

    init(sgtin: SGTIN96, referenceDate: CalendarDate) throws(TraceCodeError) {
        let elements = [GS1Element(ai: "01", value: sgtin.gtin14), GS1Element(ai: "21", value: String(sgtin.serial))]
        let context = EPCContext(companyPrefixLength: sgtin.companyPrefix.count, filter: sgtin.filter)
        try self.init(elements: elements, referenceDate: referenceDate, epc: context)
    }

    /// Drops leading and trailing spaces, tabs, CR and LF (scanners end lines with them).
    static func trimmingSpace(_ text: String) -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let bytes = Array(text.utf8)
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
              let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
