import TraceCrypto
import TraceConsensus

/// A minimal contract for tests and benchmarks (issue 5 item 1): `kv`, with
/// actions `put` {key, value}, `create` {key, value} (conflict if present)
/// and `delete` {key}. Keys are 1...256 UTF-8 bytes, values at most 4 KiB.
/// An entry belongs to the signer who first wrote it; only that signer may
/// overwrite or delete it.
public struct KeyValueContract: Contract {
    public static let keyBytesMax = 256
    public static let valueBytesMax = 4096
    static let entryDomain = "crosstrace/kv-entry/v1\n"

    public let name = "kv"
    public init() {}

    public func execute(_ context: inout ContractContext) -> ContractOutcome {
        let payload = context.transaction.payload
        let needsValue = context.transaction.action != "delete"
        guard ["put", "create", "delete"].contains(context.transaction.action) else {
            return ContractOutcome(.unknownAction, "kv actions are put, create, delete")
        }
        guard payload.count == (needsValue ? 2 : 1), case .string(let key)? = payload["key"],
              (1...Self.keyBytesMax).contains(key.utf8.count) else {
            return ContractOutcome(.invalidPayload, needsValue ? "members key and value" : "member key")
        }
        let existing = context.get(Array(key.utf8)).flatMap(Self.owner(ofEntry:))
        if let existing, existing != context.transaction.signer, context.transaction.action != "create" {
            return ContractOutcome(.forbidden, "key belongs to another signer")
        }
        switch context.transaction.action {
        case "delete":
            guard existing != nil else { return ContractOutcome(.notFound, "no such key") }
            context.delete(Array(key.utf8))
        default:
            guard case .string(let value)? = payload["value"], value.utf8.count <= Self.valueBytesMax else {
                return ContractOutcome(.invalidPayload, "value is a string of at most \(Self.valueBytesMax) bytes")
            }
            if context.transaction.action == "create", existing != nil { return ContractOutcome(.conflict, "key exists") }
            context.put(Array(key.utf8), Self.entry(owner: context.transaction.signer, value: value))
        }
        return .ok
    }

    /// The stored form of an entry: its owner and its value.
    static func entry(owner: PublicKey, value: String) -> [UInt8] {
        var writer = CanonicalWriter(domain: entryDomain)
        writer.writePublicKey(owner)
        writer.writeString(value)
        return writer.bytes
    }

    static func owner(ofEntry bytes: [UInt8]) -> PublicKey? {
        guard var reader = try? CanonicalReader(bytes, domain: entryDomain) else { return nil }
        return try? reader.readPublicKey()
    }

    /// The value of a stored entry.
    public static func value(ofEntry bytes: [UInt8]) -> String? {
        guard var reader = try? CanonicalReader(bytes, domain: entryDomain), (try? reader.readPublicKey()) != nil,
              let value = try? reader.readString("value", maxCount: valueBytesMax), reader.isAtEnd else { return nil }
        return value
    }
}
