extension TraceCode {
    /// The Digital Link URI on `domain` (R-5.1-b QR codes carry it).
    public func digitalLink(domain: String = DigitalLink.canonicalDomain) throws(TraceCodeError) -> String {
        try requireGS1("digitalLink")
        return DigitalLink.format(elements, domain: domain)
    }

    /// The element string: human-readable `(01)…(10)…` or raw with group separators.
    public func elementString(bracketed: Bool = true) throws(TraceCodeError) -> String {
        try requireGS1("elementString")
        return bracketed ? ElementString.formatBracketed(elements) : ElementString.formatRaw(elements)
    }

    /// The SGTIN-96 of a serialised unit. The company-prefix length and filter default to those
    /// of the EPC the code was read from; otherwise they must be given.
    public func sgtin96(companyPrefixLength: Int? = nil, filter: Int? = nil) throws(TraceCodeError) -> SGTIN96 {
        guard let gtin, let serial else {
            throw TraceCodeError(.unsupported, field: "epc", rule: "an SGTIN-96 needs a GTIN and a serial; this code is \(kind.rawValue)")
        }
        guard let length = companyPrefixLength ?? epc?.companyPrefixLength else {
            throw TraceCodeError(.partition, field: "companyPrefixLength", rule: "a GTIN does not reveal its company prefix length: give 6…12")
        }
        guard let filterValue = filter ?? epc?.filter else {
            throw TraceCodeError(.range, field: "epc.filter", rule: "the filter value 0…7 is required")
        }
        return try SGTIN96(gtin14: gtin, serial: serial, companyPrefixLength: length, filter: filterValue)
    }

    /// The SGTIN pure-identity URI, which needs only the company-prefix length (any serial).
    public func sgtinPureIdentity(companyPrefixLength: Int? = nil) throws(TraceCodeError) -> SGTINPureIdentity {
        guard let gtin, let serial else {
            throw TraceCodeError(.unsupported, field: "epc", rule: "an SGTIN needs a GTIN and a serial; this code is \(kind.rawValue)")
        }
        guard let length = companyPrefixLength ?? epc?.companyPrefixLength, (6...12).contains(length) else {
            throw TraceCodeError(.partition, field: "companyPrefixLength", rule: "a GTIN does not reveal its company prefix length: give 6…12")
        }
        return SGTINPureIdentity(
            companyPrefix: String(gtin.dropFirst().prefix(length)),
            itemReference: String(gtin.prefix(1)) + String(gtin.dropFirst(1 + length).dropLast()),
            serial: serial)
    }

    /// The SGTIN-96 as 24 hex digits (see `sgtin96(companyPrefixLength:filter:)`).
    public func epcHex(companyPrefixLength: Int? = nil, filter: Int? = nil) throws(TraceCodeError) -> String {
        try sgtin96(companyPrefixLength: companyPrefixLength, filter: filter).hex
    }

    /// The EPC URI: the SGTIN-96 tag URI when a filter is known (given or read from the EPC),
    /// else the pure-identity URI, which needs only the company-prefix length.
    public func epcURI(companyPrefixLength: Int? = nil, filter: Int? = nil) throws(TraceCodeError) -> String {
        if filter != nil || epc?.filter != nil {
            return try sgtin96(companyPrefixLength: companyPrefixLength, filter: filter).tagURI
        }
        return try sgtinPureIdentity(companyPrefixLength: companyPrefixLength).uri
    }

    func requireGS1(_ field: String) throws(TraceCodeError) {
        guard platformCode == nil else {
            throw TraceCodeError(.unsupported, field: field, rule: "a platform code has no GS1 form")
        }
    }
}
