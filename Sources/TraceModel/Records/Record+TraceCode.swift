extension Record {
    /// A record names its traceable unit by the unit's one canonical trace
    /// code key (R-5.1-a, R-6.3.1.3), so every record of a unit meets under
    /// one key whatever label was scanned. Anything else is refused with the
    /// broken rule, or with the key to write instead.
    static func canonicalTraceCode(_ text: String, field: String) throws -> String {
        let parsed: TraceCode
        do {
            // A canonical key carries no dates, so the reference date of the
            // GS1 century rule cannot change the outcome.
            parsed = try TraceCode.parse(text, referenceDate: try CalendarDate("2000-01-01"))
        } catch let error as TraceCodeError {
            throw ModelValidationError(.invalidTraceCode, field: field,
                                       rule: "must be a trace code (R-5.1): \(error.field): \(error.rule)")
        }
        guard parsed.key == text else {
            throw ModelValidationError(.invalidTraceCode, field: field,
                                       rule: "must be the canonical trace code key; write \(parsed.key)")
        }
        return text
    }
}
