/// Why a cryptographic input was refused: a malformed key, signature, sealed
/// value or key file. Equality is on `code` only (STYLE.md #8). An invalid
/// signature is not an error: `isValidSignature` returns `false`.
public struct TraceCryptoError: Error, Hashable, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case invalidKey, invalidSignature, invalidHex, unsupportedAlgorithm
        case notAReader, authenticationFailed, malformed, wrongPassphrase
        case libraryFailure, certificateRejected
    }
    public let code: Code
    /// The field or object being handled.
    public let field: String
    /// The rule that was broken, in words.
    public let reason: String

    public init(_ code: Code, field: String, reason: String) {
        self.code = code
        self.field = field
        self.reason = reason
    }

    public var description: String { "crypto: \(code.rawValue) in '\(field)': \(reason)" }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}

/// Lowercase hexadecimal, the form keys, signatures and hashes take in JSON and on the command line.
public enum Hex {
    public static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes hex (either case, no prefix, no spaces); throws `.invalidHex` otherwise.
    public static func decode(_ text: String, field: String = "hex") throws(TraceCryptoError) -> [UInt8] {
        var text = text
        let decoded = text.withUTF8 { chars -> [UInt8]? in
            guard chars.count % 2 == 0 else { return nil }
            return [UInt8](unsafeUninitializedCapacity: chars.count / 2) { out, written in
                var index = 0
                while index < chars.count {
                    guard let high = nibble(chars[index]), let low = nibble(chars[index + 1]) else { return }
                    out[written] = high << 4 | low
                    written += 1
                    index += 2
                }
            }
        }
        guard let decoded, decoded.count * 2 == text.utf8.count else {
            let reason = text.utf8.count % 2 == 0 ? "not a hex digit" : "odd number of digits"
            throw TraceCryptoError(.invalidHex, field: field, reason: reason)
        }
        return decoded
    }

    private static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return char - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
