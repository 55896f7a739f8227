/// A trace code (R-5.1-a) in any of its forms — GS1 element string, Digital Link URI,
/// SGTIN-96 EPC, platform code — reduced to one value with one canonical key.
public struct TraceCode: Sendable, Hashable {
    /// What the code identifies.
    public enum Kind: String, Sendable, CaseIterable {
        /// GTIN + serial (R-3.2 single product).
        case serialisedUnit = "serialised-unit"
        /// GTIN + lot, no serial (R-3.2 batch).
        case batch
        /// A bare GTIN: a product class.
        case gtin
        /// A logistic unit (SSCC).
        case sscc
        /// A party or location (GLN).
        case gln
        /// A platform-issued code for goods without a GTIN.
        case platform
    }

    /// Where an SGTIN-96 came from, so it can be re-encoded: company-prefix length and,
    /// for tag encodings, the filter.
    public struct EPCContext: Sendable, Hashable {
        public let companyPrefixLength: Int
        public let filter: Int?
    }

    public let kind: Kind
    /// GTIN-14.
    public let gtin: String?
    /// AI (10), batch/lot.
    public let lot: String?
    /// AI (21), serial number.
    public let serial: String?
    /// AI (22), consumer product variant.
    public let cpv: String?
    public let sscc: String?
    public let gln: String?
    /// AI (254), GLN extension component.
    public let glnExtension: String?
    /// AI (17).
    public let expiry: GS1Date?
    /// AI (11).
    public let productionDate: GS1Date?
    /// AI (422), ISO 3166 numeric country of origin.
    public let countryOfOrigin: String?
    public let platformCode: PlatformCode?
    /// Known only when the code was read from an EPC form.
    public let epc: EPCContext?

    /// The one canonical key: a Digital Link URI on id.gs1.org of the primary key and the key
    /// qualifier that makes the unit unique (21 for a serialised unit, 10 for a batch), or the
    /// platform code itself. The lot of a serialised unit, the CPV and data attributes (11, 17,
    /// 422) never enter it, so the RFID tag and the QR code of one unit give one key.
    public var key: String {
        if let platformCode { return platformCode.text }
        var elements: [GS1Element] = []
        if let gtin {
            elements.append(GS1Element(ai: "01", value: gtin))
            if let serial {
                elements.append(GS1Element(ai: "21", value: serial))
            } else if let lot {
                elements.append(GS1Element(ai: "10", value: lot))
            }
        } else if let sscc {
            elements.append(GS1Element(ai: "00", value: sscc))
        } else if let gln {
            elements.append(GS1Element(ai: "414", value: gln))
            if let glnExtension { elements.append(GS1Element(ai: "254", value: glnExtension)) }
        }
        return DigitalLink.format(elements)
    }

    /// The GS1 elements in a fixed order: primary key, dates, qualifiers, country of origin.
    /// Empty for a platform code.
    public var elements: [GS1Element] {
        let pairs: [(String, String?)] = [
            ("00", sscc), ("01", gtin), ("414", gln), ("11", productionDate?.yymmdd), ("17", expiry?.yymmdd),
            ("22", cpv), ("10", lot), ("21", serial), ("254", glnExtension), ("422", countryOfOrigin),
        ]
        return pairs.compactMap { ai, value in value.map { GS1Element(ai: ai, value: $0) } }
    }
}
