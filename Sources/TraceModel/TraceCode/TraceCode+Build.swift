extension TraceCode {
    /// Which AIs may accompany each primary key.
    static let companions: [String: Set<String>] = [
        "01": ["22", "10", "21", "11", "17", "422"], "00": [], "414": ["254"],
    ]

    /// Builds a code from GS1 elements (values already checked one by one): exactly one primary
    /// key (01, 00 or 414), only AIs that may accompany it, each once; dates against `referenceDate`.
    public init(elements: [GS1Element], referenceDate: CalendarDate, epc: EPCContext? = nil) throws(TraceCodeError) {
        var values: [String: String] = [:]
        for element in elements {
            guard let definition = AIDefinition.lookup(element.ai) else {
                throw TraceCodeError(.unknownIdentifier, field: "ai", rule: "application identifier \(element.ai.prefix(8)) is not supported")
            }
            try definition.validate(element.value)
            guard values[element.ai] == nil else {
                throw TraceCodeError(.duplicate, field: definition.field, rule: "AI (\(element.ai)) appears more than once")
            }
            values[element.ai] = element.value
        }
        let primaries = ["01", "00", "414"].filter { values[$0] != nil }
        guard primaries.count == 1, let primary = primaries.first, let allowed = TraceCode.companions[primary] else {
            throw TraceCodeError(.combination, field: "primaryKey", rule: "exactly one primary key (01, 00 or 414) is required, found \(primaries.count)")
        }
        let others = elements.map(\.ai).filter { $0 != primary && !allowed.contains($0) }
        if let stray = others.first {
            throw TraceCodeError(
                .combination, field: DigitalLink.fieldName(stray), rule: "AI (\(stray)) cannot accompany primary key (\(primary))")
        }
        let date = { (ai: String) throws(TraceCodeError) -> GS1Date? in
            guard let text = values[ai] else { return nil }
            return try GS1Date.parse(text, field: DigitalLink.fieldName(ai), referenceDate: referenceDate)
        }
        self.init(
            kind: primary == "00" ? .sscc : primary == "414" ? .gln
                : values["21"] != nil ? .serialisedUnit : values["10"] != nil ? .batch : .gtin,
            gtin: values["01"], lot: values["10"], serial: values["21"], cpv: values["22"],
            sscc: values["00"], gln: values["414"], glnExtension: values["254"],
            expiry: try date("17"), productionDate: try date("11"), countryOfOrigin: values["422"],
            platformCode: nil, epc: epc)
    }

    /// A code for a platform-issued identifier.
    public init(platformCode: PlatformCode) {
        self.init(
            kind: .platform, gtin: nil, lot: nil, serial: nil, cpv: nil, sscc: nil, gln: nil, glnExtension: nil,
            expiry: nil, productionDate: nil, countryOfOrigin: nil, platformCode: platformCode, epc: nil)
    }

    /// A serialised unit, batch or product class from a GTIN (8, 12, 13 or 14 digits).
    public init(gtin: String, lot: String? = nil, serial: String? = nil, expiry: GS1Date? = nil) throws(TraceCodeError) {
        var elements = [GS1Element(ai: "01", value: try GS1Key.gtin14(gtin))]
        if let lot { elements.append(GS1Element(ai: "10", value: lot)) }
        if let serial { elements.append(GS1Element(ai: "21", value: serial)) }
        let reference = CalendarDate.gs1(year: expiry?.year ?? 2000, month: 1, day: 1) ?? CalendarDate.unreachable()
        if let expiry { elements.append(GS1Element(ai: "17", value: expiry.yymmdd)) }
        try self.init(elements: elements, referenceDate: reference)
    }
}

extension CalendarDate {
    static func unreachable() -> CalendarDate { preconditionFailure("January 1 of a GS1Date's year is a valid date") }
}
