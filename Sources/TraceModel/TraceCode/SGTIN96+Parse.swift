extension SGTIN96 {
    /// Decodes 24 hex digits (either case).
    public init(hex: String) throws(TraceCodeError) {
        guard var bits = BitField96(hex: hex) else {
            throw TraceCodeError(.format, field: "epcHex", rule: "an SGTIN-96 is 24 hexadecimal digits")
        }
        let header = bits.read(bits: 8)
        guard header == SGTIN96.header else {
            throw TraceCodeError(
                .unsupported, field: "epc.header",
                rule: "header 0x\(String(header, radix: 16, uppercase: true)) is not SGTIN-96 (0x30)")
        }
        let filter = Int(bits.read(bits: 3))
        let partition = Int(bits.read(bits: 3))
        guard partition < SGTIN96.partitions.count else {
            throw TraceCodeError(.partition, field: "epc.partition", rule: "partition value \(partition) is not 0…6")
        }
        let layout = SGTIN96.partitions[partition]
        let prefix = try SGTIN96.decimal(bits.read(bits: layout.prefixBits), digits: layout.prefixDigits, field: "epc.companyPrefix")
        let item = try SGTIN96.decimal(bits.read(bits: layout.itemBits), digits: 13 - layout.prefixDigits, field: "epc.itemReference")
        try self.init(filter: filter, companyPrefix: prefix, itemReference: item, serial: bits.read(bits: 38))
    }

    /// Parses `urn:epc:tag:sgtin-96:F.CCCCCCC.IIIIII.SSSS`.
    public init(tagURI: String) throws(TraceCodeError) {
        let scheme = "urn:epc:tag:sgtin-96:"
        guard tagURI.utf8.count <= 64, tagURI.hasPrefix(scheme) else {
            throw TraceCodeError(.format, field: "epcUri", rule: "an SGTIN-96 tag URI is urn:epc:tag:sgtin-96:F.C.I.S")
        }
        let parts = tagURI.dropFirst(scheme.count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].count == 1, let filter = Int(parts[0]), GS1CharacterSet.allDigits(parts[0]) else {
            throw TraceCodeError(.format, field: "epcUri", rule: "an SGTIN-96 tag URI has filter, company prefix, item reference and serial")
        }
        try self.init(
            filter: filter, companyPrefix: String(parts[1]), itemReference: String(parts[2]),
            serial: try SGTIN96.serialValue(String(parts[3])))
    }

    /// `value` as exactly `digits` decimal digits, or an error if it has more.
    static func decimal(_ value: UInt64, digits: Int, field: String) throws(TraceCodeError) -> String {
        let text = String(value)
        guard text.count <= digits else {
            throw TraceCodeError(.range, field: field, rule: "value \(value) does not fit in \(digits) digits for this partition")
        }
        return String(repeating: "0", count: digits - text.count) + text
    }
}

/// The SGTIN pure-identity URI `urn:epc:id:sgtin:CCCCCCC.IIIIII.SSSS` (TDS 6.3.1), whose serial
/// may be any AI (21) value, escaped as TDS Table A-1 requires.
public struct SGTINPureIdentity: Sendable, Hashable {
    public let companyPrefix: String
    public let itemReference: String
    public let serial: String

    public init(_ uri: String) throws(TraceCodeError) {
        let scheme = "urn:epc:id:sgtin:"
        guard uri.utf8.count <= 128, uri.hasPrefix(scheme) else {
            throw TraceCodeError(.format, field: "epcUri", rule: "an SGTIN pure-identity URI is urn:epc:id:sgtin:C.I.S")
        }
        let parts = uri.dropFirst(scheme.count).split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, (6...12).contains(parts[0].count), parts[0].count + parts[1].count == 13,
              GS1CharacterSet.allDigits(parts[0]), GS1CharacterSet.allDigits(parts[1]) else {
            throw TraceCodeError(
                .partition, field: "epc.companyPrefix",
                rule: "company prefix of 6…12 digits and item reference together make 13 digits")
        }
        companyPrefix = String(parts[0])
        itemReference = String(parts[1])
        serial = try PercentEncoding.decode(parts[2], field: "serial")
        try GS1CharacterSet.validateSet82(serial, field: "serial", maxLength: 20)
    }

    init(companyPrefix: String, itemReference: String, serial: String) {
        self.companyPrefix = companyPrefix
        self.itemReference = itemReference
        self.serial = serial
    }

    public var gtin14: String {
        GS1Key.appendingCheckDigit(to: String(itemReference.prefix(1)) + companyPrefix + String(itemReference.dropFirst()))
    }

    /// The URI, escaping `"`, `%`, `&`, `/`, `<`, `>`, `?` in the serial (TDS Table A-1).
    public var uri: String {
        let escaped: Set<UInt8> = Set("\"%&/<>?".utf8)
        let serialText = PercentEncoding.encode(serial) { !escaped.contains($0) }
        return "urn:epc:id:sgtin:\(companyPrefix).\(itemReference).\(serialText)"
    }
}
