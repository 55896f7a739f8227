import Hummingbird
import TraceContracts
import TraceCrypto
import TraceModel
import TraceNode

/// Reads of the trade chain's membership and codes (issue 6 items 1 and 5, R-6.3.1.2):
/// the directory of verified participants, one participant, one issued code.
extension TraceAPI {
    func addReadRoutes(to router: Router<BasicRequestContext>) {
        let api = self
        router.get("/v1/participants") { request, _ in try await api.directory(request) }
        router.get("/v1/participants/:id") { _, context in try await api.participant(id: context.parameters.require("id")) }
        router.get("/v1/codes/:code") { _, context in try await api.issuedCode(context.parameters.require("code")) }
    }

    /// `?kind=<node kind>&country=<ISO 3166-1 alpha-2>`: participants verified now, by signer id.
    func directory(_ request: Request) async throws -> Response {
        let kindText = request.uri.queryParameters.get("kind")
        let countryText = request.uri.queryParameters.get("country")
        var kind: NodeKind?
        if let kindText {
            guard let parsed = NodeKind(rawValue: kindText) else {
                throw APIError.invalid("kind", "a node kind of R-6.2.2 (e.g. manufacturer), got '\(kindText.prefix(40))'")
            }
            kind = parsed
        }
        var country: CountryCode?
        if let countryText {
            guard let parsed = try? CountryCode(countryText) else {
                throw APIError.invalid("country", "an assigned ISO 3166-1 alpha-2 code, got '\(countryText.prefix(8))'")
            }
            country = parsed
        }
        let found = try await serviceAwait { () async throws(NodeServiceError) in
            try await host.participants(chain: Self.traceChain, nodeKind: kind, country: country)
        }
        return JSONResponse.make(.object(["participants": .array(found.map(Self.render))]))
    }

    func participant(id: String) async throws -> Response {
        guard id.utf8.count <= 256, let decoded = id.removingPercentEncodingSafe else {
            throw APIError.invalid("id", "a signer id <alg>-<hex of the public key>")
        }
        let found = try await serviceAwait { () async throws(NodeServiceError) in
            try await host.participant(chain: Self.traceChain, id: decoded)
        }
        guard let found else { throw APIError.notFound("id", "no participant \(decoded.prefix(80)) applied on \(Self.traceChain)") }
        return JSONResponse.make(Self.render(found))
    }

    /// The `IssuedCode` of a code in any form, with its completeness (R-6.3.1.3).
    func issuedCode(_ raw: String) async throws -> Response {
        let key = try Self.traceKey(raw)
        let lookup = try await lookupTrace(key: key, proof: false)
        let issued = lookup.issued, completeness = issued.completeness
        return JSONResponse.make(.object([
            "key": .string(issued.key), "kind": .string(issued.kind.rawValue), "mode": .string(issued.mode.rawValue),
            "owner": .string(issued.owner), "quantity": APIRendering.integer(issued.quantity),
            "remaining": APIRendering.integer(issued.remaining), "splitFrom": issued.splitFrom.map { .string($0) } ?? .null,
            "issuedAt": .object(["height": APIRendering.integer(issued.issuedAt.height), "index": .integer(Int64(issued.issuedAt.index))]),
            "entries": .integer(Int64(lookup.index.entries.count)),
            "completeness": .object(["complete": .bool(completeness.complete),
                                     "present": .array(completeness.present.map { .string($0.rawValue) }),
                                     "missing": .array(completeness.missing.map { .string($0.rawValue) })]),
        ]))
    }

    /// A participant's public record: no document digests, no encryption key material beyond its public key.
    static func render(_ participant: Participant) -> CanonicalJSON {
        .object([
            "id": .string(participant.signerID), "name": .string(participant.name),
            "category": .string(participant.type.category.rawValue), "subtype": .string(participant.type.subtype.rawValue),
            "country": .string(participant.country.code),
            "nodeKinds": .array(participant.nodeKinds.map { .string($0.rawValue) }),
            "roles": .array(participant.roles.map { .string($0.rawValue) }),
            "gs1CompanyPrefixes": .array(participant.gs1CompanyPrefixes.map { .string($0) }),
            "status": .string(participant.status.rawValue), "priorStatus": .string(participant.priorStatus.rawValue),
            "effectiveHeight": APIRendering.integer(participant.effectiveHeight.rawValue),
            "certificateFingerprint": participant.certificateFingerprint.map { .string($0) } ?? .null,
        ])
    }
}

extension String {
    /// Percent-decoded, or nil when the escapes are broken.
    var removingPercentEncodingSafe: String? {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == 0x25 else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x37
        case 0x61...0x66: byte - 0x57
        default: nil
        }
    }
}
