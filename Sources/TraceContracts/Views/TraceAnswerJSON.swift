import TraceModel

/// The JSON text of a `TraceAnswer` written directly (issue 7): the same bytes
/// `JSONEncoder` writes with `.sortedKeys` and `.withoutEscapingSlashes` (a
/// seeded test compares them), without its generic containers, which were a
/// tenth of a trace query's time. Members in UTF-8 byte order of their names,
/// absent optionals left out, strings with `"`, `\` and control characters
/// escaped (`\b \t \n \f \r`, else `\u00xx`), numbers as Swift prints them
/// without a trailing `.0`.
public enum TraceAnswerJSON {
    /// The answer's JSON; nil when it holds a number that is not finite (which
    /// `JSONEncoder` refuses too).
    public static func bytes(_ answer: TraceAnswer) -> [UInt8]? {
        var writer = JSONTextWriter()
        writer.out.reserveCapacity(2_048 + 1_024 * answer.timeline.count)
        writer.open()
        writer.field("anomalies") { $0.array(answer.anomalies, anomaly) }
        writer.field("code") { $0.string(answer.code) }
        writer.field("completeness") { $0.completeness(answer.completeness) }
        writer.field("containers") { $0.array(answer.containers, container) }
        writer.field("exceptions") { $0.array(answer.exceptions, exception) }
        writer.field("key") { $0.string(answer.key) }
        writer.field("mode") { $0.string(answer.mode.rawValue) }
        writer.field("route") { $0.array(answer.route, point) }
        writer.field("timeline") { $0.array(answer.timeline, line) }
        writer.field("view") { $0.string(answer.view) }
        writer.close()
        return writer.finite ? writer.out : nil
    }

    static func line(_ writer: inout JSONTextWriter, _ entry: TimelineEntry) {
        writer.open()
        writer.field("action") { $0.string(entry.action) }
        if let block = entry.block { writer.field("block") { $0.string(block.rawValue) } }
        if let data = entry.data { writer.field("data") { $0.value(data) } }
        writer.field("height") { $0.integer(entry.height) }
        writer.field("index") { $0.integer(entry.index) }
        if let item = entry.item { writer.field("item") { $0.string(item.rawValue) } }
        writer.field("participant") { $0.string(entry.participant) }
        if let record = entry.record { writer.field("record") { $0.integer(record) } }
        if let recordedAt = entry.recordedAt { writer.field("recordedAt") { $0.string(recordedAt) } }
        if let sealed = entry.sealed { writer.field("sealed") { $0.array(sealed) { $0.string($1) } } }
        writer.field("superseded") { $0.bool(entry.superseded) }
        if let supersededBy = entry.supersededBy { writer.field("supersededBy") { $0.string(supersededBy) } }
        if let supersedes = entry.supersedes { writer.field("supersedes") { $0.string(supersedes) } }
        writer.field("time") { $0.integer(entry.time) }
        writer.field("transactionID") { $0.string(entry.transactionID) }
        if let via = entry.via { writer.field("via") { $0.string(via) } }
        writer.close()
    }

    static func point(_ writer: inout JSONTextWriter, _ point: RoutePointAnswer) {
        writer.open()
        writer.field("accuracyMetres") { $0.number(point.accuracyMetres) }
        writer.field("deviceId") { $0.string(point.deviceId) }
        writer.field("latitude") { $0.number(point.latitude) }
        writer.field("longitude") { $0.number(point.longitude) }
        writer.field("source") { $0.string(point.source.rawValue) }
        writer.field("time") { $0.string(point.time) }
        writer.close()
    }

    static func container(_ writer: inout JSONTextWriter, _ stay: ContainerStay) {
        writer.open()
        writer.field("child") { $0.string(stay.child) }
        writer.field("container") { $0.string(stay.container) }
        writer.field("from") { $0.string(stay.from) }
        if let until = stay.until { writer.field("until") { $0.string(until) } }
        writer.close()
    }

    static func exception(_ writer: inout JSONTextWriter, _ exception: TraceException) {
        writer.open()
        writer.field("height") { $0.integer(exception.height) }
        writer.field("index") { $0.integer(exception.index) }
        writer.field("item") { $0.string(exception.item.rawValue) }
        writer.field("kind") { $0.string(exception.kind) }
        writer.field("recordedAt") { $0.string(exception.recordedAt) }
        writer.close()
    }

    static func anomaly(_ writer: inout JSONTextWriter, _ anomaly: AnomalyAnswer) {
        writer.open()
        writer.field("from") { $0.string(anomaly.from) }
        writer.field("kind") { $0.string(anomaly.kind.rawValue) }
        writer.field("measured") { $0.number(anomaly.measured) }
        writer.field("threshold") { $0.number(anomaly.threshold) }
        writer.field("to") { $0.string(anomaly.to) }
        writer.close()
    }
}

extension JSONTextWriter {
    mutating func completeness(_ completeness: TraceCompleteness) {
        open()
        field("complete") { $0.bool(completeness.complete) }
        field("missing") { $0.array(completeness.missing) { $0.string($1.rawValue) } }
        field("mode") { $0.string(completeness.mode.rawValue) }
        field("present") { $0.array(completeness.present) { $0.string($1.rawValue) } }
        close()
    }

    /// A `JSONValue` as `JSONEncoder` writes it: object members by UTF-8 name order.
    mutating func value(_ value: JSONValue) {
        switch value {
        case .null: out.append(contentsOf: [0x6e, 0x75, 0x6c, 0x6c])
        case .bool(let flag): bool(flag)
        case .number(let number): self.number(number)
        case .string(let text): string(text)
        case .array(let items): array(items) { $0.value($1) }
        case .object(let members):
            open()
            for (name, member) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                field(name) { $0.value(member) }
            }
            close()
        }
    }
}
