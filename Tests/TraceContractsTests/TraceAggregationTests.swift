import Testing
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// R-6.3.1.3: items into cartons into pallets by SSCC; a record on a container
/// applies to what it holds while inside; a split keeps lineage.
@Suite struct TraceAggregationTests {
    static let items = [Sample.unit("G1"), Sample.unit("G2")]
    static let carton = Sample.sscc("000000001")
    static let pallet = Sample.sscc("000000002")

    static func packed() -> TraceChain {
        var chain = TraceChain.populated()
        for code in items + [carton, pallet] {
            let receipt = chain.run("issue", Sample.issue(code), by: Cast.manufacturer)
            precondition(receipt.code == .ok, receipt.detail)
        }
        let first = chain.run("aggregate", aggregate(carton, items), by: Cast.manufacturer)
        precondition(first.code == .ok, first.detail)
        let second = chain.run("aggregate", aggregate(pallet, [carton]), by: Cast.logistics)
        precondition(second.code == .ok, second.detail)
        return chain
    }

    static func aggregate(_ parent: String, _ children: [String]) -> [String: CanonicalJSON] {
        ["parent": .string(parent), "children": .array(children.map { .string($0) }), "time": "2026-03-02T10:00:00+08:00"]
    }

    static func transport(_ code: String) -> [String: CanonicalJSON] {
        Sample.record(.logisticsTransport, code: code, data: Sample.data(.logisticsTransport))
    }

    @Test func r6_3_1_3_recordOnPalletAppliesToItemsInside() throws {
        var chain = Self.packed()
        #expect(chain.run("record", Self.transport(Self.pallet), by: Cast.logistics).code == .ok)
        let position = try #require(chain.committed.last?.position)
        for key in Self.items + [Self.carton, Self.pallet] {
            #expect(chain.index(of: key)?.entries.last?.position == position, "\(key)")
            #expect(chain.issued(key)?.recordedItems == [.logisticsTransport])
        }
        let answer = TraceAnswerBuilder.build(code: Self.items[0], issued: try #require(chain.issued(Self.items[0])),
                                              entries: chain.entries(of: Self.items[0]), viewer: .consumer, hash: .sha256)
        let line = try #require(answer.timeline.last)
        #expect(line.item == .logisticsTransport)
        #expect(line.via == Self.pallet)
        #expect(answer.containers.map(\.container) == [Self.carton, Self.pallet])
        #expect(answer.containers.allSatisfy { $0.until == nil })
    }

    @Test func r6_3_1_3_afterDisaggregationContainerRecordsNoLongerApply() throws {
        var chain = Self.packed()
        #expect(chain.run("disaggregate", ["parent": .string(Self.carton), "children": .array([.string(Self.items[0])]),
                                           "time": "2026-03-03T10:00:00+08:00"], by: Cast.logistics).code == .ok)
        #expect(chain.run("record", Self.transport(Self.pallet), by: Cast.logistics).code == .ok)
        let position = try #require(chain.committed.last?.position)
        #expect(chain.index(of: Self.items[0])?.entries.last?.position != position)
        #expect(chain.index(of: Self.items[1])?.entries.last?.position == position)
        let answer = TraceAnswerBuilder.build(code: Self.items[0], issued: try #require(chain.issued(Self.items[0])),
                                              entries: chain.entries(of: Self.items[0]), viewer: .consumer, hash: .sha256)
        #expect(answer.containers.first?.until != nil)
        #expect(!answer.timeline.contains { $0.item == .logisticsTransport })
    }

    @Test func r6_3_1_3_containmentRulesRefused() {
        var chain = Self.packed()
        let already = chain.run("aggregate", Self.aggregate(Self.pallet, [Self.items[0]]), by: Cast.logistics)
        #expect(already.code == .conflict)
        #expect(already.detail.contains("already inside"))
        #expect(chain.run("aggregate", Self.aggregate(Self.carton, [Self.pallet]), by: Cast.logistics).code == .conflict)
        #expect(chain.run("aggregate", Self.aggregate(Self.items[0], [Self.items[1]]), by: Cast.logistics).code == .invalidPayload)
        #expect(chain.run("aggregate", Self.aggregate(Sample.sscc("000000099"), [Self.items[0]]), by: Cast.logistics).code == .notFound)
        #expect(chain.run("aggregate", Self.aggregate(Self.pallet, [Self.carton]), by: Cast.broker).code == .forbidden)
        let notInside = chain.run("disaggregate", ["parent": .string(Self.pallet), "children": .array([.string(Self.items[0])]),
                                                   "time": "2026-03-03T10:00:00+08:00"], by: Cast.logistics)
        #expect(notInside.code == .conflict)
    }

    /// Disaggregation without children empties the container.
    @Test func r6_3_1_3_disaggregateAll() {
        var chain = Self.packed()
        #expect(chain.run("disaggregate", ["parent": .string(Self.carton), "time": "2026-03-03T10:00:00+08:00"],
                          by: Cast.logistics).code == .ok)
        #expect(chain.run("aggregate", Self.aggregate(Self.pallet, Self.items), by: Cast.logistics).code == .ok)
    }

    @Test func r6_3_1_3_splitKeepsLineage() throws {
        var chain = TraceChain.populated()
        let batch = Sample.batch("B1")
        #expect(chain.run("issue", Sample.issue(batch, mode: "fullSupplyChain", quantity: 10), by: Cast.manufacturer).code == .ok)
        let parts: [String: CanonicalJSON] = ["batch": .string(batch), "parts": .array([
            .object(["code": .string(Sample.batch("B1A")), "quantity": .integer(6)]),
            .object(["code": .string(Sample.unit("B1S1")), "quantity": .integer(1)]),
        ])]
        #expect(chain.run("split", parts, by: Cast.otherManufacturer).code == .forbidden)
        let receipt = chain.run("split", parts, by: Cast.manufacturer)
        #expect(receipt.code == .ok, "\(receipt.detail)")
        #expect(chain.issued(batch)?.remaining == 3)
        let part = try #require(chain.issued(Sample.batch("B1A")))
        #expect(part.splitFrom == batch)
        #expect(part.quantity == 6)
        #expect(part.mode == .fullSupplyChain)
        #expect(part.owner == Cast.manufacturer.id)
        #expect(chain.issued(Sample.unit("B1S1"))?.unit == .single)
        #expect(chain.run("split", parts, by: Cast.manufacturer).code == .conflict)
        let over = chain.run("split", ["batch": .string(batch), "parts": .array([
            .object(["code": .string(Sample.batch("B1B")), "quantity": .integer(4)])])], by: Cast.manufacturer)
        #expect(over.code == .invalidPayload)
        #expect(chain.index(of: batch)?.entries.count == 2)
        #expect(chain.index(of: Sample.batch("B1A"))?.entries.count == 1)
    }

    /// A track segment of a pallet joins the route of every item on it (R-5.2, R-6.3.1.3).
    @Test func r5_2_palletTrackJoinsItemRoutes() throws {
        var chain = Self.packed()
        let fixes = try [(22.5, 114.0), (22.6, 114.1)].enumerated().map { i, p in
            try LocationFix(source: .bds, datum: .cgcs2000, latitude: p.0, longitude: p.1, accuracyMetres: 10,
                            time: try #require(TrackTime.timestamp(milliseconds: 1_772_325_000_000 + Int64(i) * 600_000, offsetMinutes: 480)),
                            deviceId: "pallet-tracker")
        }
        let own = Hex.encode(TrackSegmentCodec.encode(try TrackSegment(traceKey: Self.items[1], fixes: [fixes[0]])))
        #expect(chain.run("track", ["segment": .string(own)], by: Cast.logistics).code == .ok)
        let segment = Hex.encode(TrackSegmentCodec.encode(try TrackSegment(traceKey: Self.pallet, fixes: fixes)))
        #expect(chain.run("track", ["segment": .string(segment)], by: Cast.logistics).code == .ok)
        let participant = try #require(chain.participant(Cast.logistics))
        let answer = TraceAnswerBuilder.build(code: Self.items[1], issued: try #require(chain.issued(Self.items[1])),
                                              entries: chain.entries(of: Self.items[1]), viewer: .participant(participant), hash: .sha256)
        // The item's own fix and the pallet's identical first fix are one point.
        #expect(answer.route.map(\.deviceId) == ["pallet-tracker", "pallet-tracker"])
        #expect(chain.index(of: Self.items[1])?.entries.suffix(2).map(\.position) == chain.committed.suffix(2).map(\.position))
        #expect(answer.timeline.last?.action == "track")
        #expect(answer.anomalies.isEmpty)
    }
}
