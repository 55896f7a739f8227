import Testing
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// Issue 7 item 4: `recordBatch` carries up to 100 records in one transaction,
/// each checked as `record` checks it (R-6.2.2, Table 5/R-7.3, R-6.3.1.3,
/// R-5.3.4), all or nothing, each shown as its own event in the trace answer.
@Suite struct TraceBatchTests {
    /// A production record of `code` with its own time, as `record` takes it.
    static func production(_ code: String, minute: Int) -> CanonicalJSON {
        let time = "2026-03-02T09:\(minute < 10 ? "0" : "")\(minute):00+08:00"
        var data = Sample.data(.productProduction)
        data["productionTime"] = .string(time)
        return .object(["item": "product.production", "traceCode": .string(code), "recordedAt": .string(time),
                        "data": .object(data)])
    }

    static func batch(_ records: [CanonicalJSON]) -> [String: CanonicalJSON] { ["records": .array(records)] }

    /// A chain with `codes` issued by the manufacturer.
    static func chain(issuing codes: [String]) -> TraceChain {
        var chain = TraceChain.populated()
        for code in codes { _ = chain.run("issue", Sample.issue(code, mode: "fullSupplyChain"), by: Cast.manufacturer) }
        return chain
    }

    @Test func issue7_r6_4_batchAppearsAsEventsInOrder() throws {
        let (a, b) = (Sample.unit("B1"), Sample.unit("B2"))
        var chain = Self.chain(issuing: [a, b])
        let records = [Self.production(a, minute: 1), Self.production(b, minute: 2), Self.production(a, minute: 3),
                       Self.production(a, minute: 4)]
        let receipt = chain.run("recordBatch", Self.batch(records), by: Cast.manufacturer)
        #expect(receipt.code == .ok, "\(receipt.detail)")
        let position = try #require(chain.committed.last?.position)
        #expect(chain.index(of: a)?.entries.map(\.position).last == position)
        #expect(chain.index(of: a)?.entries.count == 2)
        let answer = TraceAnswerBuilder.build(code: a, issued: try #require(chain.issued(a)), entries: chain.entries(of: a),
                                              viewer: .consumer, hash: .sha256)
        let events = answer.timeline.filter { $0.action == "recordBatch" }
        #expect(events.map(\.recordedAt) == ["2026-03-02T09:01:00+08:00", "2026-03-02T09:03:00+08:00", "2026-03-02T09:04:00+08:00"])
        #expect(events.map(\.record) == [0, 2, 3])
        #expect(events.allSatisfy { $0.height == position.height && $0.index == position.index && $0.item == .productProduction })
        let other = TraceAnswerBuilder.build(code: b, issued: try #require(chain.issued(b)), entries: chain.entries(of: b),
                                             viewer: .consumer, hash: .sha256)
        #expect(other.timeline.filter { $0.action == "recordBatch" }.map(\.record) == [1])
        #expect(chain.issued(a)?.recordedItems == [.productProduction])
    }

    @Test func issue7_r6_3_1_3_oneBadRecordRefusesTheWholeBatch() {
        let (a, b) = (Sample.unit("B3"), Sample.unit("B4"))
        var chain = Self.chain(issuing: [a, b])
        var records = (0..<10).map { Self.production($0 % 2 == 0 ? a : b, minute: $0) }
        var data = Sample.data(.productProduction)
        data["country"] = "Atlantis"
        records[7] = .object(["item": "product.production", "traceCode": .string(b),
                              "recordedAt": "2026-03-02T09:07:00+08:00", "data": .object(data)])
        let before = chain.state
        let refused = chain.run("recordBatch", Self.batch(records), by: Cast.manufacturer)
        #expect(refused.code == .invalidPayload)
        #expect(refused.detail.hasPrefix("records[7].data.country: "), "\(refused.detail)")
        #expect(chain.state.value(forKey: TraceContract.indexKey(for: a)) == before.value(forKey: TraceContract.indexKey(for: a)))
        #expect(chain.index(of: a)?.entries.count == 1)
        #expect(chain.issued(b)?.recordedItems == [])
        records[7] = Self.production(Sample.unit("NEVER"), minute: 7)
        let unissued = chain.run("recordBatch", Self.batch(records), by: Cast.manufacturer)
        #expect(unissued.code == .notFound)
        #expect(unissued.detail.hasPrefix("records[7].traceCode: "), "\(unissued.detail)")
        records[7] = .object(["traceCode": .string(a)])
        let missing = chain.run("recordBatch", Self.batch(records), by: Cast.manufacturer)
        #expect(missing.detail.hasPrefix("records[7].item: "), "\(missing.detail)")
        #expect(chain.index(of: b)?.entries.count == 1)
    }

    @Test func issue7_batchBounds() {
        let a = Sample.unit("B5")
        var chain = Self.chain(issuing: [a])
        let full = chain.run("recordBatch", Self.batch((0..<100).map { Self.production(a, minute: $0 % 60) }), by: Cast.manufacturer)
        #expect(full.code == .ok, "\(full.detail)")
        let over = chain.run("recordBatch", Self.batch((0..<101).map { Self.production(a, minute: $0 % 60) }), by: Cast.manufacturer)
        #expect(over.code == .tooLarge)
        #expect(over.detail.hasPrefix("records: "))
        let empty = chain.run("recordBatch", Self.batch([]), by: Cast.manufacturer)
        #expect(empty.code == .invalidPayload)
        let extra = chain.run("recordBatch", Self.batch([Self.production(a, minute: 1)]).merging(["record": "x"]) { $1 },
                              by: Cast.manufacturer)
        #expect(extra.code == .invalidPayload)
        #expect(chain.index(of: a)?.entries.count == 2)
    }

    /// R-6.2.2 and Table 5 (R-7.3): the batch's writer must write every record's block.
    @Test func r6_2_2_writerWithoutPermissionRefused() {
        let a = Sample.unit("B6")
        var chain = Self.chain(issuing: [a])
        let logistics = CanonicalJSON.object(["item": "logistics.transport", "traceCode": .string(a),
                                              "recordedAt": "2026-03-02T09:00:00+08:00",
                                              "data": .object(Sample.data(.logisticsTransport))])
        let mixed = chain.run("recordBatch", Self.batch([Self.production(a, minute: 1), logistics]), by: Cast.manufacturer)
        #expect(mixed.code == .forbidden)
        #expect(mixed.detail.hasPrefix("signer: records[1]: nodeKindNotVerified"), "\(mixed.detail)")
        let regulator = chain.run("recordBatch", Self.batch([Self.production(a, minute: 1)]), by: Cast.customs)
        #expect(regulator.code == .forbidden)
        #expect(chain.index(of: a)?.entries.count == 1)
    }

    /// R-5.1-c: record k of a batch is corrected through `supersedes.record`.
    @Test func r5_1_c_correctionOfOneBatchRecord() throws {
        let a = Sample.unit("B7")
        var chain = Self.chain(issuing: [a])
        #expect(chain.run("recordBatch", Self.batch([Self.production(a, minute: 1), Self.production(a, minute: 2)]),
                          by: Cast.manufacturer).code == .ok)
        let position = try #require(chain.committed.last?.position)
        var payload = Sample.record(.productProduction, code: a, data: Sample.data(.productProduction))
        let target: [String: CanonicalJSON] = ["height": .integer(Int64(position.height)), "index": .integer(Int64(position.index))]
        payload["supersedes"] = .object(target.merging(["record": .integer(1)]) { $1 })
        #expect(chain.run("correct", payload, by: Cast.manufacturer).code == .ok)
        #expect(chain.run("correct", payload, by: Cast.manufacturer).code == .conflict)
        payload["supersedes"] = .object(target)
        #expect(chain.run("correct", payload, by: Cast.manufacturer).code == .notFound)
        let answer = TraceAnswerBuilder.build(code: a, issued: try #require(chain.issued(a)), entries: chain.entries(of: a),
                                              viewer: .consumer, hash: .sha256)
        let events = answer.timeline.filter { $0.action == "recordBatch" }
        #expect(events.map(\.superseded) == [false, true])
        #expect(answer.timeline.last?.supersedes == "\(position).1")
    }
}
