import Testing
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// Issue 7: a trace query reads each `recordBatch` for the records of its unit
/// and the containers it was in; the answer is the one the whole transactions give.
@Suite struct TraceEntryReaderTests {
    static let other = Sample.unit("R9")

    static func transport(_ code: String) -> CanonicalJSON {
        .object(["item": "logistics.transport", "traceCode": .string(code), "recordedAt": "2026-03-02T11:00:00+08:00",
                 "data": .object(Sample.data(.logisticsTransport))])
    }

    /// Items in a carton on a pallet, and batches mixing them with a unit outside.
    static func chain() -> TraceChain {
        var chain = TraceAggregationTests.packed()
        _ = chain.run("issue", Sample.issue(other), by: Cast.manufacturer)
        let items = TraceAggregationTests.items
        let production = [other, items[0], other, items[1], items[0]].enumerated().map { TraceBatchTests.production($1, minute: $0) }
        precondition(chain.run("recordBatch", TraceBatchTests.batch(production), by: Cast.manufacturer).code == .ok)
        let moves = [other, TraceAggregationTests.pallet, items[1], TraceAggregationTests.carton, other].map(transport)
        precondition(chain.run("recordBatch", TraceBatchTests.batch(moves), by: Cast.logistics).code == .ok)
        precondition(chain.run("disaggregate", ["parent": .string(TraceAggregationTests.carton),
                                                "children": .array([.string(items[0])]), "time": "2026-03-03T10:00:00+08:00"],
                               by: Cast.logistics).code == .ok)
        precondition(chain.run("recordBatch", TraceBatchTests.batch([transport(TraceAggregationTests.pallet), transport(other)]),
                               by: Cast.logistics).code == .ok)
        return chain
    }

    static func stored(_ entries: [CommittedTransaction]) -> [TraceEntryReader.Stored] {
        entries.map { TraceEntryReader.Stored(height: $0.height, index: $0.index, time: $0.time, wire: $0.transaction.wireBytes) }
    }

    @Test func issue7_r6_3_1_3_thinnedBatchesGiveTheWholeAnswer() throws {
        let chain = Self.chain()
        let customs = try #require(chain.participant(Cast.customs))
        let viewers: [TraceViewer] = [.consumer, .regulator(customs, decryptionKey: Cast.customs.encryption)]
        var left = 0
        for key in TraceAggregationTests.items + [TraceAggregationTests.carton, TraceAggregationTests.pallet, Self.other] {
            let issued = try #require(chain.issued(key))
            let whole = chain.entries(of: key)
            let read = try TraceEntryReader.entries(key: key, stored: Self.stored(whole))
            #expect(read.map(\.position) == whole.map(\.position))
            #expect(read.map { $0.transaction.id(.sha256) } == whole.map { $0.transaction.id(.sha256) })
            for viewer in viewers {
                let expected = TraceAnswerBuilder.build(code: key, issued: issued, entries: whole, viewer: viewer, hash: .sha256)
                let answer = TraceAnswerBuilder.build(code: key, issued: issued, entries: read, viewer: viewer, hash: .sha256)
                #expect(answer == expected, "\(key)")
                #expect(try answer.jsonData() == expected.jsonData())
            }
            for entry in read where entry.transaction.action == "recordBatch" {
                guard case .array(let records)? = entry.transaction.payload["records"] else { continue }
                left += records.filter { $0 == .null }.count
            }
        }
        #expect(left >= 10)
        let first = try #require(chain.issued(TraceAggregationTests.items[0]))
        let answer = TraceAnswerBuilder.build(code: first.key, issued: first,
                                              entries: try TraceEntryReader.entries(key: first.key, stored: Self.stored(chain.entries(of: first.key))),
                                              viewer: .consumer, hash: .sha256)
        #expect(answer.timeline.filter { $0.via == TraceAggregationTests.pallet }.count == 1)
        #expect(answer.timeline.filter { $0.action == "recordBatch" && $0.via == nil }.count == 2)
    }
}
