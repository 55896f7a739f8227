/// SGTIN-96, the EPC binary encoding of a serialised GTIN for RFID tags
/// (GS1 EPC Tag Data Standard 2.x, section 14.5.1): header 0x30, filter (3 bits),
/// partition (3 bits), company prefix and item reference (44 bits), serial (38 bits).
public struct SGTIN96: Sendable, Hashable {
    /// Header of SGTIN-96.
    static let header: UInt64 = 0x30
    /// Largest serial the 38-bit field carries.
    public static let serialMax: UInt64 = 274_877_906_943
    /// Partition table (TDS Table 14-2): company-prefix bits and digits, item-reference bits.
    static let partitions: [(prefixBits: Int, prefixDigits: Int, itemBits: Int)] = [
        (40, 12, 4), (37, 11, 7), (34, 10, 10), (30, 9, 14), (27, 8, 17), (24, 7, 20), (20, 6, 24),
    ]

    /// Filter value 0…7 (3 = consumer trade item for point of sale).
    public let filter: Int
    /// The GS1 company prefix, 6…12 digits.
    public let companyPrefix: String
    /// Indicator digit followed by the item reference: 13 − prefix length digits.
    public let itemReference: String
    public let serial: UInt64

    /// Encodes a GTIN-14 and serial; the company-prefix length (6…12) is not visible in a GTIN,
    /// so it must be given.
    public init(gtin14: String, serial: String, companyPrefixLength: Int, filter: Int) throws(TraceCodeError) {
        let gtin = try GS1Key.gtin14(gtin14)
        guard (6...12).contains(companyPrefixLength) else {
            throw TraceCodeError(.partition, field: "companyPrefixLength", rule: "must be 6…12, got \(companyPrefixLength)")
        }
        try self.init(
            filter: filter,
            companyPrefix: String(gtin.dropFirst().prefix(companyPrefixLength)),
            itemReference: String(gtin.prefix(1)) + String(gtin.dropFirst(1 + companyPrefixLength).dropLast()),
            serial: try SGTIN96.serialValue(serial))
    }

    init(filter: Int, companyPrefix: String, itemReference: String, serial: UInt64) throws(TraceCodeError) {
        guard (0...7).contains(filter) else {
            throw TraceCodeError(.range, field: "epc.filter", rule: "filter value must be 0…7, got \(filter)")
        }
        guard (6...12).contains(companyPrefix.count), companyPrefix.count + itemReference.count == 13,
              GS1CharacterSet.allDigits(companyPrefix), GS1CharacterSet.allDigits(itemReference) else {
            throw TraceCodeError(
                .partition, field: "epc.companyPrefix",
                rule: "company prefix of 6…12 digits and item reference together make 13 digits")
        }
        guard serial <= SGTIN96.serialMax else {
            throw TraceCodeError(.serial, field: "serial", rule: "SGTIN-96 carries serials up to \(SGTIN96.serialMax)")
        }
        self.filter = filter
        self.companyPrefix = companyPrefix
        self.itemReference = itemReference
        self.serial = serial
    }

    /// The GTIN-14: indicator, company prefix, item reference, check digit.
    public var gtin14: String {
        GS1Key.appendingCheckDigit(to: String(itemReference.prefix(1)) + companyPrefix + String(itemReference.dropFirst()))
    }

    /// `urn:epc:tag:sgtin-96:F.CCCCCCC.IIIIII.SSSS`.
    public var tagURI: String { "urn:epc:tag:sgtin-96:\(filter).\(companyPrefix).\(itemReference).\(serial)" }
    /// `urn:epc:id:sgtin:CCCCCCC.IIIIII.SSSS`.
    public var pureIdentityURI: String { "urn:epc:id:sgtin:\(companyPrefix).\(itemReference).\(serial)" }

    /// The 96 bits as 24 upper-case hex digits.
    public var hex: String {
        let partition = SGTIN96.partitions.firstIndex { $0.prefixDigits == companyPrefix.count } ?? 0
        let layout = SGTIN96.partitions[partition]
        var bits = BitField96()
        bits.write(SGTIN96.header, bits: 8)
        bits.write(UInt64(filter), bits: 3)
        bits.write(UInt64(partition), bits: 3)
        bits.write(UInt64(companyPrefix) ?? 0, bits: layout.prefixBits)
        bits.write(UInt64(itemReference) ?? 0, bits: layout.itemBits)
        bits.write(serial, bits: 38)
        return bits.hex
    }

    /// Checks that a serial fits SGTIN-96: decimal digits, no leading zero, at most 274877906943.
    static func serialValue(_ serial: String) throws(TraceCodeError) -> UInt64 {
        guard GS1CharacterSet.allDigits(serial) else {
            throw TraceCodeError(.serial, field: "serial", rule: "SGTIN-96 carries only a decimal serial; this one has other characters")
        }
        guard serial == "0" || !serial.hasPrefix("0") else {
            throw TraceCodeError(.serial, field: "serial", rule: "SGTIN-96 cannot carry a serial with a leading zero")
        }
        guard serial.count <= 12, let value = UInt64(serial), value <= serialMax else {
            throw TraceCodeError(.serial, field: "serial", rule: "SGTIN-96 carries serials up to \(serialMax)")
        }
        return value
    }
}

/// 96 bits written and read most significant bit first.
struct BitField96 {
    private(set) var bytes = [UInt8](repeating: 0, count: 12)
    private var position = 0

    init() {}

    init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 24 else { return nil }
        for index in 0..<12 {
            guard let high = PercentEncoding.hexValue(digits[2 * index]),
                  let low = PercentEncoding.hexValue(digits[2 * index + 1]) else { return nil }
            bytes[index] = high << 4 | low
        }
    }

    mutating func write(_ value: UInt64, bits: Int) {
        precondition(position + bits <= 96 && (bits == 64 || value >> UInt64(bits) == 0), "field overflows SGTIN-96")
        for shift in stride(from: bits - 1, through: 0, by: -1) {
            if (value >> UInt64(shift)) & 1 == 1 { bytes[position / 8] |= 0x80 >> UInt8(position % 8) }
            position += 1
        }
    }

    mutating func read(bits: Int) -> UInt64 {
        precondition(position + bits <= 96, "read past 96 bits")
        var value: UInt64 = 0
        for _ in 0..<bits {
            value = value << 1 | UInt64((bytes[position / 8] >> UInt8(7 - position % 8)) & 1)
            position += 1
        }
        return value
    }

    var hex: String {
        String(decoding: bytes.flatMap { [PercentEncoding.hexDigit($0 >> 4), PercentEncoding.hexDigit($0 & 0x0F)] }, as: UTF8.self)
    }
}
