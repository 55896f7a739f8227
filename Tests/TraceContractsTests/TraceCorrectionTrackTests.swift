import Testing
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// R-5.1-c corrections and track segments on the chain.
@Suite struct TraceCorrectionTrackTests {
    static let code = Sample.unit("C1")

    static func chain() -> TraceChain {
        var chain = TraceChain.populated()
        precondition(chain.run("issue", Sample.issue(code), by: Cast.manufacturer).code == .ok)
        return chain
    }

    static func correction(of position: RecordPosition, brand: String) -> [String: CanonicalJSON] {
        var data = Sample.data(.productFeatures)
        data["brand"] = .string(brand)
        var payload = Sample.record(.productFeatures, code: code, data: data)
        payload["supersedes"] = .object(["height": .integer(Int64(position.height)), "index": .integer(Int64(position.index))])
        return payload
    }

    @Test func r5_1_c_correctionSupersedesWithoutRewriting() throws {
        var chain = Self.chain()
        #expect(chain.run("record", Sample.record(.productFeatures, code: Self.code, data: Sample.data(.productFeatures)),
                          by: Cast.manufacturer).code == .ok)
        let original = try #require(chain.committed.last?.position)
        let receipt = chain.run("correct", Self.correction(of: original, brand: "Panda Toys"), by: Cast.manufacturer)
        #expect(receipt.code == .ok, "\(receipt.detail)")
        let corrected = try #require(chain.committed.last?.position)
        let again = chain.run("correct", Self.correction(of: original, brand: "Other"), by: Cast.manufacturer)
        #expect(again.code == .conflict)
        #expect(again.detail.contains("already superseded"))
        #expect(chain.run("correct", Self.correction(of: corrected, brand: "Other"), by: Cast.platform).code == .forbidden)
        #expect(chain.run("correct", Self.correction(of: RecordPosition(height: 1, index: 0), brand: "X"),
                          by: Cast.manufacturer).code == .notFound)
        #expect(chain.run("record", Self.correction(of: corrected, brand: "X"), by: Cast.manufacturer).code == .invalidPayload)

        let answer = TraceAnswerBuilder.build(code: Self.code, issued: try #require(chain.issued(Self.code)),
                                              entries: chain.entries(of: Self.code), viewer: .consumer, hash: .sha256)
        let records = answer.timeline.filter { $0.item == .productFeatures }
        #expect(records.count == 2)
        #expect(records[0].superseded && records[0].supersededBy == corrected.description)
        #expect(!records[1].superseded && records[1].supersedes == original.description)
        #expect(records[0].data == .object(["brand": .string("Panda"), "modelSpec": .string("PB-12"), "shelfLifeDays": .number(1825)]))
    }

    /// A correction keeps item, unit and participant (R-5.1-c).
    @Test func r5_1_c_correctionMismatchRefused() throws {
        var chain = Self.chain()
        #expect(chain.run("record", Sample.record(.productProduction, code: Self.code, data: Sample.data(.productProduction)),
                          by: Cast.manufacturer).code == .ok)
        let original = try #require(chain.committed.last?.position)
        let receipt = chain.run("correct", Self.correction(of: original, brand: "B"), by: Cast.manufacturer)
        #expect(receipt.code == .conflict)
        #expect(receipt.detail == "supersedes: a correction keeps the item of the record it supersedes (R-5.1-c)")
    }

    static func segment(_ points: [(Double, Double)], start: Int64, stepSeconds: Int64, key: String = code) throws -> String {
        let fixes = try points.enumerated().map { i, p in
            try LocationFix(source: .gps, datum: .wgs84, latitude: p.0, longitude: p.1, accuracyMetres: 5,
                            time: try #require(TrackTime.timestamp(milliseconds: start + Int64(i) * stepSeconds * 1000, offsetMinutes: 0)),
                            deviceId: "tracker-1")
        }
        return Hex.encode(TrackSegmentCodec.encode(try TrackSegment(traceKey: key, fixes: fixes)))
    }

    @Test func r5_2_trackSegmentsRouteAndAnomalies() throws {
        var chain = Self.chain()
        let start: Int64 = 1_772_325_000_000
        let first = try Self.segment([(22.5, 114.0), (22.51, 114.0)], start: start, stepSeconds: 60)
        #expect(chain.run("track", ["segment": .string(first)], by: Cast.manufacturer).code == .forbidden)
        #expect(chain.run("track", ["segment": .string(first)], by: Cast.logistics).code == .ok)
        // Ten degrees in a minute: an impossible speed.
        let second = try Self.segment([(32.51, 114.0)], start: start + 180_000, stepSeconds: 60)
        #expect(chain.run("track", ["segment": .string(second)], by: Cast.logistics).code == .ok)
        #expect(chain.run("track", ["segment": "zz"], by: Cast.logistics).code == .invalidPayload)
        let flipped = String(first.dropLast(2)) + (first.hasSuffix("00") ? "01" : "00")
        #expect(chain.run("track", ["segment": .string(flipped)], by: Cast.logistics).code == .invalidPayload)
        #expect(chain.index(of: Self.code)?.entries.count == 3)

        let issued = try #require(chain.issued(Self.code))
        let participant = TraceAnswerBuilder.build(code: Self.code, issued: issued, entries: chain.entries(of: Self.code),
                                                   viewer: .participant(try #require(chain.participant(Cast.logistics))), hash: .sha256)
        #expect(participant.route.count == 3)
        #expect(participant.anomalies.contains { $0.kind == .impossibleSpeed })
        let consumer = TraceAnswerBuilder.build(code: Self.code, issued: issued, entries: chain.entries(of: Self.code),
                                                viewer: .consumer, hash: .sha256)
        #expect(consumer.route.isEmpty)
        #expect(consumer.anomalies == participant.anomalies)
    }

    /// A segment names its unit by the canonical key, and the unit must be issued (R-5.1-a, R-5.2).
    @Test func r5_2_segmentKeyMustBeCanonicalAndIssued() throws {
        var chain = Self.chain()
        let start: Int64 = 1_772_325_000_000
        let elementString = try Self.segment([(22.5, 114.0)], start: start, stepSeconds: 60, key: "(01)\(Cast.gtin)(21)C1")
        let receipt = chain.run("track", ["segment": .string(elementString)], by: Cast.logistics)
        #expect(receipt.code == .invalidPayload)
        #expect(receipt.detail == "segment.traceKey: must be the canonical trace code key; write \(Self.code)")
        let unknown = try Self.segment([(22.5, 114.0)], start: start, stepSeconds: 60, key: Sample.unit("C9"))
        #expect(chain.run("track", ["segment": .string(unknown)], by: Cast.logistics).code == .notFound)
    }
}
