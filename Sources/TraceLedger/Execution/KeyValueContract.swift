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
        let action = context.transaction.action
        guard ["put", "create", "delete"].contains(action) else {
            return ContractOutcome(.unknownAction, "kv actions are put, create, delete")
        }
        let key: [UInt8], value: String?
        switch Self.parse(context.transaction.payload, needsValue: action != "delete") {
        case .refused(let outcome): return outcome
        case .accepted(let parsedKey, let parsedValue): (key, value) = (parsedKey, parsedValue)
        }
        let owner = context.get(key).flatMap(Self.owner(ofEntry:))
        if let owner, owner != context.transaction.signer, action != "create" {
            return ContractOutcome(.forbidden, "key belongs to another signer")
        }
        guard let value else {
            guard owner != nil else { return ContractOutcome(.notFound, "no such key") }
            context.delete(key)
            return .ok
        }
        if action == "create", owner != nil { return ContractOutcome(.conflict, "key exists") }
        context.put(key, Self.entry(owner: context.transaction.signer, value: value))
        return .ok
    }

    enum Parsed {
        case accepted(key: [UInt8], value: String?)
        case refused(ContractOutcome)
    }

    /// The key and (for put and create) the value, or the outcome that refuses them.
    static func parse(_ payload: [String: CanonicalJSON], needsValue: Bool) -> Parsed {
        guard payload.count == (needsValue ? 2 : 1), case .string(let key)? = payload["key"], !key.isEmpty else {
            return .refused(ContractOutcome(.invalidPayload, needsValue ? "members key and value" : "member key"))
        }
        guard key.utf8.count <= keyBytesMax else {
            return .refused(ContractOutcome(.tooLarge, "key is at most \(keyBytesMax) bytes"))
        }
        guard needsValue else { return .accepted(key: Array(key.utf8), value: nil) }
        guard case .string(let value)? = payload["value"] else {
            return .refused(ContractOutcome(.invalidPayload, "value is a string"))
        }
        guard value.utf8.count <= valueBytesMax else {
            return .refused(ContractOutcome(.tooLarge, "value is at most \(valueBytesMax) bytes"))
        }
        return .accepted(key: Array(key.utf8), value: value)
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
