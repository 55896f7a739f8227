import Crypto
import Foundation

/// An API key as a client holds it: `ctk_<keyId>_<secret>`, where `keyId` is
/// 12 lowercase hex digits naming the key in the store and `secret` is 32
/// bytes from the system CSPRNG in unpadded base64url (43 characters) —
/// 60 characters in all (issue 6 item 5). `description` never shows the secret.
public struct ApiKey: Sendable, CustomStringConvertible {
    public static let prefix = "ctk_"
    public static let keyIdCount = 12
    public static let secretByteCount = 32
    public static let secretTextCount = 43
    public static let tokenCount = 4 + 12 + 1 + 43

    public let keyId: String
    private let secret: [UInt8]

    /// A fresh key: both parts from `SystemRandomNumberGenerator`, which reads
    /// the operating system's CSPRNG (`getrandom` on Linux).
    public static func generate() -> ApiKey {
        var random = SystemRandomNumberGenerator()
        let id = (0..<(keyIdCount / 2)).map { _ in UInt8.random(in: .min ... .max, using: &random) }
        let secret = (0..<secretByteCount).map { _ in UInt8.random(in: .min ... .max, using: &random) }
        return ApiKey(keyId: hex(id), secret: secret)
    }

    private init(keyId: String, secret: [UInt8]) {
        self.keyId = keyId
        self.secret = secret
    }

    /// Parses a token in the exact format; anything else is `malformedKey`
    /// (the error names the part, never the text).
    public static func parse(_ token: some StringProtocol) throws(AuthError) -> ApiKey {
        let bytes = Array(token.utf8)
        guard bytes.count == tokenCount, bytes.starts(with: Array(prefix.utf8)), bytes[16] == UInt8(ascii: "_") else {
            throw AuthError(.malformedKey, field: "apiKey", rule: "an API key is ctk_<12 hex digits>_<43 base64url characters>")
        }
        let idBytes = bytes[4..<16]
        guard idBytes.allSatisfy(isLowerHex) else {
            throw AuthError(.malformedKey, field: "apiKey.keyId", rule: "12 lowercase hex digits")
        }
        guard let secret = Base64URL.decode(bytes[17...]), secret.count == secretByteCount else {
            throw AuthError(.malformedKey, field: "apiKey.secret", rule: "43 unpadded base64url characters encoding 32 bytes")
        }
        return ApiKey(keyId: String(decoding: idBytes, as: UTF8.self), secret: secret)
    }

    /// The whole key, to hand to the client once; never store or log it.
    public var token: String { Self.prefix + keyId + "_" + Base64URL.encode(secret) }

    /// Lowercase hex SHA-256 of the 32 secret bytes: what the store keeps.
    /// A plain hash suffices because the secret has 256 bits from a CSPRNG:
    /// no dictionary or brute-force search can find it from its digest, so a
    /// slow password hash (scrypt, Argon2) would add cost to every request
    /// and no security. Slow hashes protect low-entropy, human-chosen secrets.
    public var secretDigest: [UInt8] { Array(SHA256.hash(data: secret)) }

    public var description: String { Self.prefix + keyId + "_<redacted>" }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}

/// Comparison whose time depends only on the lengths, not on where the inputs
/// differ, so a client cannot learn a stored digest byte by byte from timings.
public enum ConstantTime {
    public static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}

/// Unpadded base64url (RFC 4648 §5), canonical only: a decoded text must
/// re-encode to itself, so each key has exactly one spelling.
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    static func decode(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        guard text.count <= 1024, text.allSatisfy(isAlphabet) else { return nil }
        var standard = String(decoding: text, as: UTF8.self)
            .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.utf8.count % 4 != 0 { standard.append("=") }
        guard let data = Data(base64Encoded: standard) else { return nil }
        let bytes = Array(data)
        guard Array(encode(bytes).utf8) == Array(text) else { return nil }
        return bytes
    }

    private static func isAlphabet(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}
