import TraceCrypto
import TraceLedger
import TraceModel

/// Reading trace transactions back for the views.
enum TraceAnswerParts {
    struct RecordPayloadView {
        let members: [String: CanonicalJSON]
        let item: RecordItem?
        let traceCode: String
        let recordedAt: String?
    }

    static func record(_ transaction: Transaction) -> RecordPayloadView? {
        guard transaction.action == "record" || transaction.action == "correct" else { return nil }
        return view(transaction.payload["record"])
    }

    /// The records a transaction carries, each with its place in a `recordBatch`
    /// (nil for `record` and `correct`), in payload order (issue 7).
    static func records(_ transaction: Transaction) -> [(place: UInt32?, record: RecordPayloadView)] {
        guard transaction.action == "recordBatch" else { return record(transaction).map { [(nil, $0)] } ?? [] }
        guard case .array(let items)? = transaction.payload["records"] else { return [] }
        return items.prefix(TraceBatch.recordsMax).enumerated().compactMap { place, item in
            view(item).map { (UInt32(place), $0) }
        }
    }

    static func view(_ value: CanonicalJSON?) -> RecordPayloadView? {
        guard case .object(let members)? = value, case .string(let code)? = members["traceCode"] else { return nil }
        var item: RecordItem?
        if case .string(let text)? = members["item"] { item = RecordItem(rawValue: text) }
        var recordedAt: String?
        if case .string(let text)? = members["recordedAt"] { recordedAt = text }
        return RecordPayloadView(members: members, item: item, traceCode: code, recordedAt: recordedAt)
    }

    /// `"height.index"` or `"height.index.k"` of a correction's `supersedes` value.
    static func target(_ value: CanonicalJSON?) -> String? {
        guard let position = position(value) else { return nil }
        guard case .object(let members)? = value, case .integer(let place)? = members["record"] else { return position.description }
        return "\(position).\(place)"
    }

    static func position(_ value: CanonicalJSON?) -> RecordPosition? {
        guard case .object(let members)? = value, case .integer(let height)? = members["height"],
              case .integer(let index)? = members["index"], height >= 0, (0...Int64(UInt32.max)).contains(index) else { return nil }
        return RecordPosition(height: UInt64(height), index: UInt32(index))
    }

    /// What a non-record action shows: its payload without sealed content
    /// (issue, split and aggregation payloads hold codes, modes and quantities).
    static func summary(_ transaction: Transaction) -> JSONValue? {
        switch transaction.action {
        case "issue", "split", "aggregate", "disaggregate": .object(transaction.payload.mapValues(TracePayload.jsonValue))
        default: nil
        }
    }

    /// The unit's track segments, those of its containers taken as its own (a
    /// container's fixes while it held the unit are the unit's, R-5.2).
    static func segments(_ entries: [CommittedTransaction], key: String) -> [TrackSegment] {
        entries.compactMap { entry in
            guard entry.transaction.action == "track", case .string(let text)? = entry.transaction.payload["segment"],
                  let bytes = try? Hex.decode(text), let segment = try? TrackSegmentCodec.decode(bytes) else { return nil }
            return segment.traceKey == key ? segment : try? TrackSegment(traceKey: key, fixes: segment.fixes)
        }
    }

    static func points(_ route: Route?) -> [RoutePointAnswer] {
        (route?.points ?? []).map { point in
            RoutePointAnswer(time: point.fix.time.text, latitude: point.fix.latitude, longitude: point.fix.longitude,
                             accuracyMetres: point.fix.accuracyMetres, source: point.fix.source, deviceId: point.fix.deviceId)
        }
    }

    /// Anomalies of the route, with transport legs from the standing transport records.
    static func anomalies(_ route: Route?, _ entries: [CommittedTransaction]) -> [AnomalyAnswer] {
        guard let route else { return [] }
        var legs: [TransportLeg] = []
        for entry in entries {
            guard let record = record(entry.transaction), record.item == .logisticsTransport,
                  case .object(let data)? = record.members["data"], case .string(let modeText)? = data["transportMode"],
                  let mode = TransportMode(rawValue: modeText), let at = record.recordedAt,
                  let time = try? Timestamp(at) else { continue }
            legs.append(TransportLeg(mode: MovementMode(mode), from: time))
        }
        legs.sort { $0.from < $1.from }
        let found = (try? AnomalyDetector.detect(route: route, legs: legs)) ?? []
        return found.map { AnomalyAnswer(kind: $0.kind, from: $0.from.text, to: $0.to.text, measured: $0.measured, threshold: $0.threshold) }
    }

    /// The unit's stays in containers, and its containers' stays while it was inside,
    /// replayed through `ContainmentLedger` (R-6.3.1.3).
    static func containers(_ entries: [CommittedTransaction], key: String) -> [ContainerStay] {
        var ledger = ContainmentLedger()
        for entry in entries {
            let payload = PayloadFields(members: entry.transaction.payload)
            let action: AggregationEvent.Action
            switch entry.transaction.action {
            case "aggregate": action = .add
            case "disaggregate": action = .delete
            default: continue
            }
            guard let parent = try? payload.traceCode("parent"), let timeText = try? payload.string("time", maxBytes: 64),
                  let time = try? Timestamp(timeText) else { continue }
            let children = ((try? payload.strings("children", maxCount: AggregationEvent.childrenCountMax, maxBytes: 512)) ?? [])
                .compactMap { try? TracePayload.parse($0, field: "children") }
            if let event = try? AggregationEvent(position: entry.position, time: time, action: action, parent: parent, children: children) {
                try? ledger.append(event)
            }
        }
        var held: Set<String> = [key]
        var stays: [ContainerStay] = []
        for span in ledger.spans.sorted(by: { ($0.from, $0.child) < ($1.from, $1.child) }) where held.contains(span.child) {
            held.insert(span.parent)
            stays.append(ContainerStay(child: span.child, container: span.parent, from: span.from.description,
                                       until: span.until?.description))
        }
        return stays
    }
}
