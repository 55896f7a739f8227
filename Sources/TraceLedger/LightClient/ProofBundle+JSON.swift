import Foundation
import TraceConsensus
import TraceCrypto

/// The JSON form for HTTP answers (docs/proofs.md), RFC 8785 canonical
/// (sorted keys): hashes, keys, values and proofs in lowercase hex (headers,
/// certificates and proofs as their canonical binary bytes), transactions'
/// wire bytes in base64, heights and indexes as integers.
extension ProofBundle {
    static let certificateDomain = "crosstrace/commit-certificate/v1\n"
    static let members = ["anchorHeight", "chain", "entries", "format", "genesisHash", "headers", "transactions"]

    public var json: CanonicalJSON {
        .object([
            "format": .string(Self.format), "chain": .string(chain), "genesisHash": .string(Hex.encode(genesisHash)),
            "anchorHeight": .integer(Int64(clamping: anchorHeight)),
            "headers": .array(headers.map { certified in
                .object(["header": .string(Hex.encode(certified.header.canonicalBytes)),
                         "certificate": .string(Hex.encode(Self.certificateBytes(certified.certificate)))])
            }),
            "entries": .array(entries.map { entry in
                .object(["key": .string(Hex.encode(entry.key)), "value": entry.value.map { CanonicalJSON.string(Hex.encode($0)) } ?? .null,
                         "proof": .string(Hex.encode(entry.proof.canonicalBytes))])
            }),
            "transactions": .array(transactions.map { transaction in
                .object(["height": .integer(Int64(clamping: transaction.height)), "index": .integer(Int64(transaction.index)),
                         "transaction": .string(Data(transaction.wireBytes).base64EncodedString()),
                         "proof": .string(Hex.encode(transaction.proof.canonicalBytes))])
            }),
        ])
    }

    /// The canonical JSON bytes.
    public func jsonBytes() throws(ProofError) -> [UInt8] {
        do { return try json.canonicalBytes() } catch {
            throw ProofError(.malformed, field: "bundle", rule: "cannot encode as JSON: \(error)")
        }
    }

    /// Reads the JSON form: exactly the members above, each of its type.
    public init(jsonBytes bytes: [UInt8]) throws(ProofError) {
        guard bytes.count <= Self.bytesMax else {
            throw ProofError(.tooLarge, field: "bundle", rule: "at most \(Self.bytesMax) bytes")
        }
        do {
            let root = try JSONObject(try CanonicalJSONParser.parse(bytes, sizeMax: Self.bytesMax), field: "", members: Self.members)
            guard try root.string("format") == Self.format else {
                throw ProofError(.malformed, field: "format", rule: "must be '\(Self.format)'")
            }
            self.init(chain: try root.string("chain"), genesisHash: try Self.hex(root.member("genesisHash"), "genesisHash"),
                      anchorHeight: try root.integer("anchorHeight", in: 0...CanonicalJSON.integerMagnitudeMax, as: UInt64.self),
                      headers: try Self.list(root, "headers", Self.headersMax, Self.header),
                      entries: try Self.list(root, "entries", Self.entriesMax, Self.entry),
                      transactions: try Self.list(root, "transactions", Self.transactionsMax, Self.transaction))
        } catch let error as ProofError {
            throw error
        } catch let error as GenesisError {
            throw ProofError(.malformed, field: error.field, rule: error.rule)
        } catch {
            throw ProofError(.malformed, field: "bundle", rule: "JSON: \(error)")
        }
    }

    /// Reads either form: JSON when the first non-space byte is `{`, binary otherwise.
    public init(bytes: [UInt8]) throws(ProofError) {
        let first = bytes.first { ![0x20, 0x09, 0x0a, 0x0d].contains($0) }
        if first == UInt8(ascii: "{") { try self.init(jsonBytes: bytes) } else { try self.init(canonicalBytes: bytes) }
    }

    static func certificateBytes(_ certificate: CommitCertificate) -> [UInt8] {
        var writer = CanonicalWriter(domain: certificateDomain)
        certificate.encode(into: &writer)
        return writer.bytes
    }

    private static func list<T>(_ root: JSONObject, _ name: String, _ countMax: Int,
                                _ element: (CanonicalJSON, String) throws -> T) throws -> [T] {
        guard case .array(let items) = root.member(name) else {
            throw ProofError(.malformed, field: name, rule: "must be an array")
        }
        guard items.count <= countMax else { throw ProofError(.tooLarge, field: name, rule: "at most \(countMax) items") }
        var out: [T] = []
        for (index, item) in items.enumerated() { out.append(try element(item, "\(name)[\(index)]")) }
        return out
    }

    private static func hex(_ value: CanonicalJSON, _ field: String) throws -> [UInt8] {
        let text = try JSONObject.string(value, field: field)
        guard let bytes = try? Hex.decode(text, field: field) else {
            throw ProofError(.malformed, field: field, rule: "must be lowercase hex")
        }
        guard Hex.encode(bytes) == text else { throw ProofError(.malformed, field: field, rule: "must be lowercase hex") }
        return bytes
    }

    private static func header(_ value: CanonicalJSON, _ field: String) throws -> CertifiedHeader {
        let object = try JSONObject(value, field: field, members: ["certificate", "header"])
        let header: BlockHeader
        do { header = try BlockHeader(canonicalBytes: try hex(object.member("header"), field + ".header")) } catch let error as LedgerError {
            throw ProofError(.malformed, field: field + ".header", rule: error.rule)
        }
        let certificateBytes = try hex(object.member("certificate"), field + ".certificate")
        var reader = try CanonicalReader(certificateBytes, domain: certificateDomain)
        let certificate = try CommitCertificate(from: &reader)
        try reader.finish()
        guard Self.certificateBytes(certificate) == certificateBytes else {
            throw ProofError(.malformed, field: field + ".certificate", rule: "not the canonical encoding")
        }
        return CertifiedHeader(header: header, certificate: certificate)
    }

    private static func entry(_ value: CanonicalJSON, _ field: String) throws -> ProvenStateEntry {
        let object = try JSONObject(value, field: field, members: ["key", "proof", "value"])
        let key = try hex(object.member("key"), field + ".key")
        let stored = object.member("value")
        let value: [UInt8]? = stored == .null ? nil : try hex(stored, field + ".value")
        guard key.count <= keyBytesMax, (value?.count ?? 0) <= valueBytesMax else {
            throw ProofError(.tooLarge, field: field, rule: "key at most \(keyBytesMax) bytes, value at most \(valueBytesMax)")
        }
        let proof: StateProof
        do { proof = try StateProof(canonicalBytes: try hex(object.member("proof"), field + ".proof")) } catch let error as LedgerError {
            throw ProofError(.malformed, field: field + ".proof", rule: error.rule)
        }
        return ProvenStateEntry(key: key, value: value, proof: proof)
    }

    private static func transaction(_ value: CanonicalJSON, _ field: String) throws -> ProvenTransaction {
        let object = try JSONObject(value, field: field, members: ["height", "index", "proof", "transaction"])
        let text = try JSONObject.string(object.member("transaction"), field: field + ".transaction")
        guard let data = Data(base64Encoded: text), data.count <= TransactionLimits().transactionBytesMax,
              data.base64EncodedString() == text else {
            throw ProofError(.malformed, field: field + ".transaction", rule: "base64 of at most 64 KiB of wire bytes")
        }
        return ProvenTransaction(
            height: try object.integer("height", in: 0...CanonicalJSON.integerMagnitudeMax, as: UInt64.self),
            index: try object.integer("index", in: 0...Int64(UInt32.max), as: UInt32.self), wireBytes: Array(data),
            proof: try InclusionProof(canonicalBytes: try hex(object.member("proof"), field + ".proof")))
    }
}
