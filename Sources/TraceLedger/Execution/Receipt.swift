import TraceCrypto

/// The outcome of one transaction, recorded on chain (STYLE.md #7). Raw
/// values are fixed forever: clients and stored receipts depend on them.
public enum ResultCode: UInt16, Sendable, Hashable, CaseIterable {
    case ok = 0
    case unknownContract = 1
    case unknownAction = 2
    case invalidPayload = 3
    case forbidden = 4
    case conflict = 5
    case notFound = 6
    case wrongChain = 7
    case invalidSignature = 8
    case duplicate = 9
    case tooLarge = 10

    /// The name clients see in JSON.
    public var name: String {
        switch self {
        case .ok: return "ok"
        case .unknownContract: return "unknownContract"
        case .unknownAction: return "unknownAction"
        case .invalidPayload: return "invalidPayload"
        case .forbidden: return "forbidden"
        case .conflict: return "conflict"
        case .notFound: return "notFound"
        case .wrongChain: return "wrongChain"
        case .invalidSignature: return "invalidSignature"
        case .duplicate: return "duplicate"
        case .tooLarge: return "tooLarge"
        }
    }
}

/// What happened to transaction `index` of a block.
public struct Receipt: Hashable, Sendable {
    public static let domain = "crosstrace/receipt/v1\n"
    /// Longest detail text kept.
    public static let detailBytesMax = 256

    public let transactionID: TransactionID
    public let index: UInt32
    public let code: ResultCode
    /// A short explanation for people; empty when `ok`.
    public let detail: String

    public init(transactionID: TransactionID, index: UInt32, code: ResultCode, detail: String) {
        self.transactionID = transactionID
        self.index = index
        self.code = code
        self.detail = Self.truncated(detail)
    }

    /// `text` cut to at most `detailBytesMax` UTF-8 bytes on a character boundary.
    static func truncated(_ text: String) -> String {
        guard text.utf8.count > detailBytesMax else { return text }
        var out = ""
        for character in text {
            guard out.utf8.count + character.utf8.count <= detailBytesMax else { break }
            out.append(character)
        }
        return out
    }

    public var canonicalBytes: [UInt8] {
        var writer = CanonicalWriter(domain: Self.domain)
        writer.writeBytes(transactionID.bytes)
        writer.writeUInt32(index)
        writer.writeUInt32(UInt32(code.rawValue))
        writer.writeString(detail)
        return writer.bytes
    }

    public init(canonicalBytes: [UInt8]) throws(LedgerError) {
        do {
            var reader = try CanonicalReader(canonicalBytes, domain: Self.domain)
            let id = TransactionID(bytes: try reader.readBytes("transactionID", maxCount: 64))
            let index = try reader.readUInt32("index")
            let raw = try reader.readUInt32("code")
            guard raw <= UInt32(UInt16.max), let code = ResultCode(rawValue: UInt16(raw)) else {
                throw LedgerError(.malformed, field: "code", rule: "a known result code")
            }
            let detail = try reader.readString("detail", maxCount: Self.detailBytesMax)
            try reader.finish()
            self.init(transactionID: id, index: index, code: code, detail: detail)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.malformed, field: "receipt", rule: "\(error)")
        }
    }
}
