import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TraceAPI
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// Issue 6 items 4–6 over HTTP on a two-validator network: membership, codes,
/// records, the trace in its views, its proof offline, the resolver (R-6.3.1.2,
/// R-6.3.1.3, R-6.2.2).
@Suite(.serialized)
struct TraceRoutesTests {
    /// Writes one client-signed transaction with `?wait=true`.
    static func post(_ client: some TestClientProtocol, _ path: String, _ contract: String, _ action: String,
                     _ payload: [String: CanonicalJSON], by signer: any Signer) async throws -> Answer {
        try await client.call(.post, path + "?wait=true", body: try Actors.wire(contract, action, payload, by: signer))
    }

    /// Applies and verifies `actors` through the participant routes.
    static func register(_ client: some TestClientProtocol, _ actors: [Actor]) async throws {
        for actor in actors {
            let applied = try await post(client, "/v1/participants/applications", "membership", "apply", actor.payload, by: actor.signer)
            #expect(applied.status == .created, "apply \(actor.id): \(applied.json)")
            let verified = try await post(client, "/v1/participants/\(actor.id)/verification", "membership", "verify",
                                          ["participant": .string(actor.id)], by: Actors.verifier)
            #expect(verified.status == .created, "verify \(actor.id): \(verified.json)")
        }
    }

    /// Two proof bundles of one unit read one after the other: equal but for the anchor,
    /// which the later one may have moved up (its anchor header then follows the same
    /// headers of the listed heights).
    static func expectSameBundle(_ earlier: CanonicalJSON?, laterAnchored later: CanonicalJSON) throws {
        guard case .object(var first)? = earlier, case .object(var second) = later,
              case .integer(let firstAnchor)? = first.removeValue(forKey: "anchorHeight"),
              case .integer(let secondAnchor)? = second.removeValue(forKey: "anchorHeight"),
              case .array(let firstHeaders)? = first.removeValue(forKey: "headers"),
              case .array(let secondHeaders)? = second.removeValue(forKey: "headers") else {
            Issue.record("not two proof bundles: \(String(describing: earlier)) and \(later)")
            return
        }
        #expect(first == second)
        #expect(firstAnchor <= secondAnchor)
        // Headers are those of the listed heights, then the anchor's (the highest).
        if firstAnchor == secondAnchor {
            #expect(firstHeaders == secondHeaders)
        } else {
            #expect(Array(secondHeaders.prefix(max(firstHeaders.count - 1, 0))) == Array(firstHeaders.dropLast()))
        }
    }

    /// R-6.3.1.2, R-6.3.1.3, R-6.4: register, verify, issue, record, query, prove.
    @Test func r6_3_1_3_traceLifecycleOverHTTP() async throws {
        try await withTraceNetwork { network in
            let app = Application(router: network.api.makeRouter())
            try await app.test(.router) { client in
                try await Self.register(client, [Actors.manufacturer, Actors.logistics])
                let directory = try await client.call(.get, "/v1/participants?kind=manufacturer&country=CN")
                #expect(directory["participants"]?.array?.compactMap { $0["id"]?.string } == [Actors.manufacturer.id])
                let one = try await client.call(.get, "/v1/participants/\(Actors.logistics.id)")
                #expect(one["status"]?.string == "verified")
                #expect(one["nodeKinds"]?.array?.count == 2)

                let code = Actors.unit("TOY-0001")
                let issued = try await Self.post(client, "/v1/codes", "trace", "issue",
                                                 ["code": .string(code), "mode": .string("manufacturer")], by: Actors.manufacturer.signer)
                #expect(issued.status == .created, "\(issued.json)")
                let production = try await Self.post(client, "/v1/records", "trace", "record",
                                                     Actors.record(.productProduction, key: code, data: Actors.production),
                                                     by: Actors.manufacturer.signer)
                #expect(production.status == .created, "\(production.json)")
                let transport = try await Self.post(client, "/v1/records", "trace", "record",
                                                    Actors.record(.logisticsTransport, key: code, data: Actors.transport),
                                                    by: Actors.logistics.signer)
                #expect(transport.status == .created, "\(transport.json)")

                let trace = try await client.call(.get, "/v1/traces/\(code.pathSegment)?view=public")
                #expect(trace.status == .ok)
                #expect(trace["key"]?.string == code)
                #expect(trace["view"]?.string == "public")
                let items = trace["timeline"]?.array?.compactMap { $0["item"]?.string }
                #expect(items == [RecordItem.productProduction.rawValue, RecordItem.logisticsTransport.rawValue])
                #expect(trace["timeline"]?.array?.count == 3)

                let element = try await client.call(.get, "/v1/traces/\("(01)\(Actors.gtin)(21)TOY-0001".pathSegment)?proof=true")
                #expect(element["key"]?.string == code)
                #expect(element["proof"]?["transactions"]?.array?.count == 3)
                // The bundle inside the answer is the proof route's JSON member for member (issue 7:
                // the answer is written by one encoder pass, not re-serialised), up to the anchor: the
                // chain may commit a block between the two requests, so the later bundle may be
                // anchored higher, with more headers after the same ones.
                let bundle = try await client.call(.get, "/v1/traces/\(code.pathSegment)/proof")
                try Self.expectSameBundle(element["proof"], laterAnchored: bundle.json)

                let codeView = try await client.call(.get, "/v1/codes/\(code.pathSegment)")
                #expect(codeView["owner"]?.string == Actors.manufacturer.id)
                #expect(codeView["completeness"]?["present"]?.array?.contains(.string(RecordItem.productProduction.rawValue)) == true)
                #expect(codeView["entries"]?.integer == 3)

                for view in ["participant", "regulator"] {
                    let denied = try await client.call(.get, "/v1/traces/\(code.pathSegment)?view=\(view)")
                    #expect(denied.status == .unauthorized)
                    #expect(denied.errorCode == "unauthenticated")
                }
                try await Self.checkProof(client, network: network, code: code)
                try await Self.aggregateAndCorrect(client, code: code, production: production)
                try await Self.track(client, code: code)
            }
        }
    }

    /// R-6.3.1.3, R-5.1-c: the unit goes into a pallet (SSCC) and its production record is
    /// corrected; the trace shows the stay and the superseded record.
    static func aggregateAndCorrect(_ client: some TestClientProtocol, code: String, production: Answer) async throws {
        let sscc = "https://id.gs1.org/00/" + GS1Key.appendingCheckDigit(to: "3" + Actors.prefix + "000000001")
        let pallet = try await post(client, "/v1/codes", "trace", "issue", ["code": .string(sscc), "mode": .string("manufacturer")],
                                    by: Actors.manufacturer.signer)
        #expect(pallet.status == .created, "\(pallet.json)")
        let aggregated = try await post(client, "/v1/aggregations", "trace", "aggregate",
                                        ["parent": .string(sscc), "children": .array([.string(code)]), "time": .string("2026-03-03T09:00:00+08:00")],
                                        by: Actors.manufacturer.signer)
        #expect(aggregated.status == .created, "\(aggregated.json)")
        var correction = Actors.record(.productProduction, key: code, data: Actors.production)
        correction["supersedes"] = .object(["height": production["height"] ?? .null, "index": production["index"] ?? .null])
        let corrected = try await post(client, "/v1/corrections", "trace", "correct", correction, by: Actors.manufacturer.signer)
        #expect(corrected.status == .created, "\(corrected.json)")
        let again = try await post(client, "/v1/corrections", "trace", "correct", correction, by: Actors.manufacturer.signer)
        #expect(again.status == .unprocessableContent)
        #expect(again.errorCode == "conflict")
        let trace = try await client.call(.get, "/v1/traces/\(code.pathSegment)")
        #expect(trace["containers"]?.array?.first?["container"]?.string == sscc)
        #expect(trace["timeline"]?.array?.filter { $0["superseded"] == .bool(true) }.count == 1)
        #expect(trace["timeline"]?.array?.count == 5)
    }

    /// R-5.2: a logistics node's signed track segment joins the trace; a manufacturer's is refused.
    static func track(_ client: some TestClientProtocol, code: String) async throws {
        let start: Int64 = 1_796_000_000_000
        let fixes = try [(22.5, 114.0), (22.51, 114.0)].enumerated().map { step, point in
            try LocationFix(source: .gps, datum: .wgs84, latitude: point.0, longitude: point.1, accuracyMetres: 5,
                            time: try #require(TrackTime.timestamp(milliseconds: start + Int64(step) * 60_000, offsetMinutes: 0)),
                            deviceId: "tracker-1")
        }
        let segment: [String: CanonicalJSON] = ["segment": .string(Hex.encode(TrackSegmentCodec.encode(try TrackSegment(traceKey: code, fixes: fixes))))]
        let refused = try await post(client, "/v1/tracks", "trace", "track", segment, by: Actors.manufacturer.signer)
        #expect(refused.status == .unprocessableContent)
        #expect(refused.errorCode == "forbidden")
        let tracked = try await post(client, "/v1/tracks", "trace", "track", segment, by: Actors.logistics.signer)
        #expect(tracked.status == .created, "\(tracked.json)")
        let trace = try await client.call(.get, "/v1/traces/\(code.pathSegment)")
        #expect(trace["timeline"]?.array?.last?["action"]?.string == "track")
    }

    /// The proof verifies offline with the genesis alone; a dropped record and a flipped byte fail.
    static func checkProof(_ client: some TestClientProtocol, network: TraceNetwork, code: String) async throws {
        let (json, jsonBytes) = try await client.call(.get, "/v1/traces/\(code.pathSegment)/proof", headers: [:])
        #expect(json.status == .ok)
        let bundle = try ProofBundle(bytes: jsonBytes)
        let verified = try LightClient.verify(bundle, genesis: network.genesis, check: TraceProofCheck.check(key: code))
        #expect(verified.transactions.count == 3)
        _ = try LightClient.verify(bundle, genesis: network.genesis, check: TraceProofCheck.check())

        let dropped = bundle.transactions.filter { $0.index != bundle.transactions.last?.index || $0.height != bundle.transactions.last?.height }
        let heights = Set(dropped.map(\.height)).union([bundle.anchorHeight])
        let partial = ProofBundle(chain: bundle.chain, genesisHash: bundle.genesisHash, anchorHeight: bundle.anchorHeight,
                                  headers: bundle.headers.filter { heights.contains($0.header.height.rawValue) },
                                  entries: bundle.entries, transactions: dropped)
        #expect(throws: ProofError(.checkFailed, field: "", rule: "")) {
            try LightClient.verify(partial, genesis: network.genesis, check: TraceProofCheck.check(key: code))
        }

        let (binary, binaryBytes) = try await client.call(.get, "/v1/traces/\(code.pathSegment)/proof",
                                                          headers: [.accept: "application/octet-stream"])
        #expect(binary.headers[.contentType] == "application/octet-stream")
        // The chain moves on between the two requests (empty blocks), so the anchor may differ:
        // the same transactions and the same entry values are what must match.
        let binaryBundle = try ProofBundle(canonicalBytes: binaryBytes)
        _ = try LightClient.verify(binaryBundle, genesis: network.genesis, check: TraceProofCheck.check(key: code))
        #expect(binaryBundle.transactions.map(\.wireBytes) == bundle.transactions.map(\.wireBytes))
        #expect(binaryBundle.entries.map(\.value) == bundle.entries.map(\.value))
        var flipped = binaryBytes
        flipped[flipped.count / 2] ^= 0x01
        #expect(throws: ProofError.self) {
            try LightClient.verify(bytes: flipped, genesis: network.genesis, check: TraceProofCheck.check(key: code))
        }
    }
}
