import TraceCrypto
import TraceLedger
import TraceModel

/// Why the membership contract refused a transaction: a stable result code,
/// the payload field and the rule (STYLE.md #8: `==` compares the code only).
/// It becomes the receipt's detail, `field: rule`.
public struct MembershipRefusal: Error, Sendable, CustomStringConvertible, Equatable {
    public let code: ResultCode
    public let field: String
    public let rule: String

    public init(_ code: ResultCode, field: String, rule: String) {
        self.code = code
        self.field = field
        self.rule = rule
    }

    /// A refusal carrying a domain-model error's field and rule.
    init(_ error: ModelValidationError, field: String? = nil) {
        self.init(.invalidPayload, field: field ?? error.field, rule: error.rule)
    }

    public var description: String { "\(field): \(rule)" }
    public var outcome: ContractOutcome { ContractOutcome(code, description) }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
}

/// Typed, bounded reads of a transaction payload; every failure is a refusal.
struct PayloadFields {
    let members: [String: CanonicalJSON]

    /// Refuses members outside `allowed` (sorted, so the detail is stable).
    func onlyMembers(_ allowed: Set<String>) throws(MembershipRefusal) {
        if let extra = members.keys.filter({ !allowed.contains($0) }).sorted().first {
            throw MembershipRefusal(.invalidPayload, field: extra, rule: "unknown member; allowed: \(allowed.sorted().joined(separator: ", "))")
        }
    }

    func string(_ name: String, maxBytes: Int) throws(MembershipRefusal) -> String {
        guard let value = try optionalString(name, maxBytes: maxBytes) else {
            throw MembershipRefusal(.invalidPayload, field: name, rule: "required string member is missing")
        }
        return value
    }

    func optionalString(_ name: String, maxBytes: Int) throws(MembershipRefusal) -> String? {
        guard let value = members[name] else { return nil }
        guard case .string(let text) = value else {
            throw MembershipRefusal(.invalidPayload, field: name, rule: "must be a string")
        }
        try Self.checkText(text, field: name, maxBytes: maxBytes)
        return text
    }

    /// An array of strings of at most `maxCount` items; `nil` when absent.
    func strings(_ name: String, maxCount: Int, maxBytes: Int) throws(MembershipRefusal) -> [String]? {
        guard let value = members[name] else { return nil }
        guard case .array(let items) = value else {
            throw MembershipRefusal(.invalidPayload, field: name, rule: "must be an array of strings")
        }
        guard items.count <= maxCount else {
            throw MembershipRefusal(.tooLarge, field: name, rule: "at most \(maxCount) items")
        }
        var out: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                throw MembershipRefusal(.invalidPayload, field: "\(name)[\(index)]", rule: "must be a string")
            }
            try Self.checkText(text, field: "\(name)[\(index)]", maxBytes: maxBytes)
            guard !out.contains(text) else {
                throw MembershipRefusal(.invalidPayload, field: "\(name)[\(index)]", rule: "duplicate item '\(text)'")
            }
            out.append(text)
        }
        return out
    }

    func object(_ name: String) throws(MembershipRefusal) -> PayloadFields {
        guard case .object(let inner)? = members[name] else {
            throw MembershipRefusal(.invalidPayload, field: name, rule: "required object member is missing or not an object")
        }
        return PayloadFields(members: inner)
    }

    static func checkText(_ text: String, field: String, maxBytes: Int) throws(MembershipRefusal) {
        guard !text.isEmpty else { throw MembershipRefusal(.invalidPayload, field: field, rule: "must not be empty") }
        guard text.utf8.count <= maxBytes else {
            throw MembershipRefusal(.tooLarge, field: field, rule: "at most \(maxBytes) UTF-8 bytes")
        }
        // General category Cc is exactly U+0000–U+001F and U+007F–U+009F
        // (stable by Unicode policy); compared directly, not looked up per scalar.
        guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            throw MembershipRefusal(.invalidPayload, field: field, rule: "must not contain control characters")
        }
    }

    /// Lowercase hex of exactly `byteCount` bytes (a SHA-256 or SM3 digest for 32).
    static func digest(_ text: String, field: String, byteCount: Int = 32) throws(MembershipRefusal) -> String {
        let lower = text.lowercased()
        guard lower.utf8.count == byteCount * 2, lower.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw MembershipRefusal(.invalidPayload, field: field,
                                    rule: "must be \(byteCount * 2) hex digits (a SHA-256 or SM3 digest)")
        }
        return lower
    }
}
