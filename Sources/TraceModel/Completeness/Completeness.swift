/// Which required items of Tables 1–4 a traceable unit's records cover under
/// a traceability mode. Records are typed `Record`s, so only
/// records that passed validation can count.
public struct CompletenessReport: Sendable, Hashable, Codable {
    public let mode: TraceabilityMode
    /// Required items with at least one record, in table order.
    public let present: [RecordItem]
    /// Required items without a record, in table order. Event-driven items
    /// (a delivery exception) are never missing: they are required when the
    /// event happens, and then appear in `present`.
    public let missing: [RecordItem]
    /// True when nothing required is missing.
    public let complete: Bool
}

public enum Completeness {
    /// Evaluates `records` (all about one traceable unit) against `mode`.
    /// Optional items never make a unit incomplete. Table 3 marks delivery
    /// exception "req" in every mode: its data must be collected whenever an
    /// exception happens, but a unit delivered without one lacks
    /// nothing, so an event-driven item is never counted as missing.
    public static func evaluate(records: [Record], mode: TraceabilityMode) -> CompletenessReport {
        let recorded = Set(records.map(\.item))
        let required = RecordItem.required(in: mode)
        let present = required.filter { recorded.contains($0) }
        let missing = required.filter { !recorded.contains($0) && !$0.isEventDriven }
        return CompletenessReport(mode: mode, present: present, missing: missing, complete: missing.isEmpty)
    }
}
