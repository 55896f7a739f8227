import Foundation
import TraceCrypto
import TraceLedger
import TraceModel

/// Builds a `TraceAnswer` from a unit's committed transactions (those its
/// trace index lists) and its issued code. Pure: no clock, no I/O; the same
/// inputs give the same answer in any input order.
public enum TraceAnswerBuilder {
    static let exceptionStatuses: [ClearanceStatus] = [.inspected, .held, .rejected, .returned]

    public static func build(code: String, issued: IssuedCode, entries: [CommittedTransaction], viewer: TraceViewer,
                             hash: HashAlgorithm) -> TraceAnswer {
        let sorted = entries.sorted { $0.position < $1.position }
        let supersededBy = corrections(sorted)
        let containers = TraceAnswerParts.containers(sorted, key: issued.key)
        let related = Self.related(key: issued.key, containers: containers)
        var timeline: [TimelineEntry] = []
        var recorded: [RecordItem] = []
        var exceptions: [TraceException] = []
        for entry in sorted {
            for (place, record) in lines(entry, related: related) {
                let target = place.map { "\(entry.position).\($0)" } ?? entry.position.description
                let line = timelineEntry(entry, record: record, place: place, key: issued.key, viewer: viewer,
                                         supersededBy: supersededBy[target], hash: hash)
                timeline.append(line)
                if let item = line.item, !line.superseded, !recorded.contains(item) { recorded.append(item) }
                if let record, let exception = exception(entry, record: record) { exceptions.append(exception) }
            }
        }
        let tracks = TraceAnswerParts.segments(sorted, key: issued.key)
        let route: Route? = tracks.isEmpty ? nil : try? Route(segments: tracks)
        return TraceAnswer(view: viewer.viewName, code: code, key: issued.key, mode: issued.mode, timeline: timeline,
                           route: AccessPolicy.seesRoute(viewer.audience) ? TraceAnswerParts.points(route) : [],
                           containers: containers,
                           completeness: TraceCompleteness(recorded, mode: issued.mode),
                           exceptions: exceptions, anomalies: TraceAnswerParts.anomalies(route, sorted))
    }

    /// The codes whose records make timeline lines of unit `key`: its own and those of
    /// the containers it was in, found from the aggregation events among `entries`
    /// (in any order). Records in a `recordBatch` about other codes never reach the
    /// answer, so a reader may leave them out (issue 7).
    public static func relatedCodes(key: String, entries: [CommittedTransaction]) -> Set<String> {
        related(key: key, containers: TraceAnswerParts.containers(entries.sorted { $0.position < $1.position }, key: key))
    }

    static func related(key: String, containers: [ContainerStay]) -> Set<String> {
        Set([key] + containers.map(\.container))
    }

    /// The timeline lines of one transaction: one per record of a `recordBatch`
    /// about the unit or a container it was in (issue 7), else the transaction itself.
    static func lines(_ entry: CommittedTransaction,
                      related: Set<String>) -> [(place: UInt32?, record: TraceAnswerParts.RecordPayloadView?)] {
        let records = TraceAnswerParts.records(entry.transaction)
        guard entry.transaction.action == "recordBatch" else { return [(nil, records.first?.record)] }
        return records.filter { related.contains($0.record.traceCode) }.map { ($0.place, $0.record) }
    }

    /// The record each correction supersedes (`"height.index"`, `"height.index.k"`
    /// inside a batch) → the correction's position.
    static func corrections(_ entries: [CommittedTransaction]) -> [String: RecordPosition] {
        var map: [String: RecordPosition] = [:]
        for entry in entries where entry.transaction.action == "correct" {
            if let target = TraceAnswerParts.target(entry.transaction.payload["supersedes"]) { map[target] = entry.position }
        }
        return map
    }

    static func timelineEntry(_ entry: CommittedTransaction, record: TraceAnswerParts.RecordPayloadView?, place: UInt32?,
                              key: String, viewer: TraceViewer, supersededBy: RecordPosition?, hash: HashAlgorithm) -> TimelineEntry {
        let transaction = entry.transaction
        var data: JSONValue?
        var sealed: [String]?
        if let record, let item = record.item {
            (data, sealed) = SealedOpening.fields(record.members, item: item, traceCode: record.traceCode, viewer: viewer)
        } else {
            data = TraceAnswerParts.summary(transaction)
        }
        return TimelineEntry(action: transaction.action, block: record?.item?.block, item: record?.item,
                             height: entry.height, index: entry.index, record: place, time: entry.time,
                             participant: Participant.signerID(transaction.signer),
                             transactionID: transaction.id(hash).description, recordedAt: record?.recordedAt,
                             supersededBy: supersededBy?.description, superseded: supersededBy != nil,
                             supersedes: TraceAnswerParts.target(transaction.payload["supersedes"]),
                             via: record.flatMap { $0.traceCode == key ? nil : $0.traceCode }, data: data, sealed: sealed)
    }

    static func exception(_ entry: CommittedTransaction, record: TraceAnswerParts.RecordPayloadView) -> TraceException? {
        guard let item = record.item,
              case .object(let data)? = record.members["data"] else { return nil }
        let kind: String?
        switch item {
        case .logisticsDeliveryException:
            if case .string(let text)? = data["kind"] { kind = text } else { kind = nil }
        case .customsClearanceStatus:
            if case .string(let text)? = data["status"], let status = ClearanceStatus(rawValue: text),
               exceptionStatuses.contains(status) { kind = text } else { kind = nil }
        default: kind = nil
        }
        return kind.map { TraceException(item: item, kind: $0, height: entry.height, index: entry.index,
                                          recordedAt: record.recordedAt ?? "") }
    }
}

/// Opening the sealed fields of one record for a viewer.
enum SealedOpening {
    static func fields(_ record: [String: CanonicalJSON], item: RecordItem, traceCode: String,
                       viewer: TraceViewer) -> (JSONValue?, [String]?) {
        guard case .object(let data)? = record["data"] else { return (nil, nil) }
        var shown: [String: JSONValue] = [:]
        var closed: [String] = []
        for name in data.keys.sorted() {
            guard let value = data[name] else { continue }
            switch AccessPolicy.access(item, name, for: viewer.audience) {
            case .clear: shown[name] = TracePayload.jsonValue(value)
            case .hidden: continue
            case .sealedReader, .sealedRequiredReader:
                if let opened = open(value, item: item, field: name, traceCode: traceCode, viewer: viewer) {
                    shown[name] = opened
                } else {
                    closed.append(name)
                }
            }
        }
        return (.object(shown), closed.isEmpty ? nil : closed)
    }

    /// The clear value (the field's JSON text, sealed) when the viewer is a reader with its key.
    static func open(_ value: CanonicalJSON, item: RecordItem, field: String, traceCode: String,
                     viewer: TraceViewer) -> JSONValue? {
        guard let readerID = viewer.readerID, let key = viewer.decryptionKey,
              let sealed = SealedFields.sealedValue(value),
              let plaintext = try? sealed.open(as: readerID, with: key,
                                               associatedData: SealedFields.associatedData(traceCode: traceCode, item: item, field: field))
        else { return nil }
        return try? JSONValue.parse(Data(plaintext))
    }
}
