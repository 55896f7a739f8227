/// The tagged binary form of a `SealedValue` (docs/encoding.md).
extension SealedValue {
    static let domain = "crosstrace/sealed-value/v1\n"

    public var canonicalBytes: [UInt8] {
        var writer = CanonicalWriter(domain: Self.domain)
        writer.writeString(scheme.rawValue)
        writer.writeBytes(nonce)
        writer.writeBytes(ciphertext)
        writer.writeUInt32(UInt32(recipients.count))
        for entry in recipients {
            writer.writeString(entry.readerId)
            writer.writeBytes(entry.ephemeralPublicKey)
            writer.writeBytes(entry.wrapped)
        }
        return writer.bytes
    }

    /// Reads the binary form; lengths are bounded and the scheme must be known.
    public init(canonicalBytes: [UInt8]) throws(CanonicalDecodingError) {
        var reader = try CanonicalReader(canonicalBytes, domain: Self.domain)
        let schemeName = try reader.readString("scheme", maxCount: 64)
        guard let scheme = SealingScheme(rawValue: schemeName) else {
            throw CanonicalDecodingError(code: .wrongDomain, field: "scheme", offset: reader.offset)
        }
        let nonce = try reader.readBytes("nonce", maxCount: 16)
        let ciphertext = try reader.readBytes("ciphertext", maxCount: Self.plaintextCountMax + 32)
        let count = try reader.readUInt32("recipientCount")
        guard count <= UInt32(Self.readerCountMax) else {
            throw CanonicalDecodingError(code: .lengthTooLarge, field: "recipientCount", offset: reader.offset - 4)
        }
        var recipients: [WrappedKey] = []
        for _ in 0..<count {
            recipients.append(WrappedKey(
                readerId: try reader.readString("readerId", maxCount: Self.readerIdCountMax),
                ephemeralPublicKey: try reader.readBytes("ephemeralPublicKey", maxCount: 32),
                wrapped: try reader.readBytes("wrapped", maxCount: 256)))
        }
        try reader.finish()
        self.init(scheme: scheme, nonce: nonce, ciphertext: ciphertext, recipients: recipients)
    }
}
