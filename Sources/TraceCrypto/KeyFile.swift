import Crypto
import _CryptoExtras
import Foundation

/// scrypt cost (RFC 7914). The default, N = 2^15, r = 8, p = 1, takes 32 MiB
/// and about a tenth of a second; files with costs outside the bounds are refused.
public struct ScryptParameters: Codable, Hashable, Sendable {
    public let logN: Int
    public let r: Int
    public let p: Int

    public static let `default` = ScryptParameters(logN: 15, r: 8, p: 1)

    public init(logN: Int, r: Int, p: Int) {
        self.logN = logN
        self.r = r
        self.p = p
    }

    func validate() throws(TraceCryptoError) {
        guard (10...20).contains(logN), (1...16).contains(r), (1...4).contains(p) else {
            throw TraceCryptoError(.malformed, field: "kdf", reason: "scrypt cost out of bounds (logN 10…20, r 1…16, p 1…4)")
        }
    }
}

/// A private key at rest, as JSON. Encrypted under a passphrase with
/// scrypt → AES-256-GCM (associated data: domain tag, alg, public key), or
/// plain when no passphrase is given. See docs/crypto.md "Key files".
public struct KeyFile: Codable, Hashable, Sendable {
    public struct Encrypted: Codable, Hashable, Sendable {
        public let kdf: String
        public let scrypt: ScryptParameters
        public let salt: String
        public let cipher: String
        public let nonce: String
        /// Hex of ciphertext ‖ 16-byte tag.
        public let ciphertext: String
    }

    public let version: Int
    public let alg: SignatureAlgorithm
    public let publicKey: String
    /// Hex private key, only in unencrypted files.
    public let privateKey: String?
    public let encrypted: Encrypted?

    public static let sizeMax = 4096

    /// Writes `key`, encrypted when `passphrase` is given.
    public init(key: SigningKey, passphrase: [UInt8]?, scrypt: ScryptParameters = .default) throws(TraceCryptoError) {
        version = 1
        alg = key.algorithm
        publicKey = Hex.encode(key.publicKey.rawBytes)
        guard let passphrase else {
            privateKey = Hex.encode(key.privateKeyBytes)
            encrypted = nil
            return
        }
        try scrypt.validate()
        let salt = SealedValue.randomBytes(16)
        let kek = try Self.deriveKey(passphrase, salt: salt, scrypt)
        guard let box = try? AES.GCM.seal(key.privateKeyBytes, using: kek, authenticating: Self.aad(alg, publicKey)) else {
            throw TraceCryptoError(.libraryFailure, field: "privateKey", reason: "AES-GCM sealing failed")
        }
        privateKey = nil
        encrypted = Encrypted(kdf: "scrypt", scrypt: scrypt, salt: Hex.encode(salt), cipher: "aes-256-gcm",
                              nonce: Hex.encode(Array(box.nonce)), ciphertext: Hex.encode(Array(box.ciphertext) + Array(box.tag)))
    }

    /// Parses a key file's JSON bytes (at most `sizeMax`).
    public static func parse(_ bytes: [UInt8]) throws(TraceCryptoError) -> KeyFile {
        guard bytes.count <= sizeMax, let file = try? JSONDecoder().decode(KeyFile.self, from: Data(bytes)), file.version == 1 else {
            throw TraceCryptoError(.malformed, field: "keyFile", reason: "not a version 1 key file")
        }
        return file
    }

    /// The key file as pretty JSON with sorted keys.
    public var jsonBytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(self))) ?? []
    }

    /// The signing key; `passphrase` is needed for encrypted files.
    public func signingKey(passphrase: [UInt8]?) throws(TraceCryptoError) -> SigningKey {
        let raw: [UInt8]
        if let encrypted {
            guard let passphrase else { throw TraceCryptoError(.wrongPassphrase, field: "passphrase", reason: "key file is encrypted; give a passphrase") }
            raw = try decrypt(encrypted, passphrase)
        } else {
            guard let privateKey else { throw TraceCryptoError(.malformed, field: "privateKey", reason: "missing") }
            raw = try Hex.decode(privateKey, field: "privateKey")
        }
        let key = try SigningKey(algorithm: alg, privateKey: raw)
        guard Hex.encode(key.publicKey.rawBytes) == publicKey.lowercased() else {
            throw TraceCryptoError(.invalidKey, field: "publicKey", reason: "does not match the private key")
        }
        return key
    }

    private func decrypt(_ encrypted: Encrypted, _ passphrase: [UInt8]) throws(TraceCryptoError) -> [UInt8] {
        guard encrypted.kdf == "scrypt", encrypted.cipher == "aes-256-gcm" else {
            throw TraceCryptoError(.unsupportedAlgorithm, field: "encrypted", reason: "only scrypt + aes-256-gcm")
        }
        try encrypted.scrypt.validate()
        let salt = try Hex.decode(encrypted.salt, field: "salt")
        let sealed = try Hex.decode(encrypted.ciphertext, field: "ciphertext")
        let nonce = try Hex.decode(encrypted.nonce, field: "nonce")
        guard salt.count >= 16, salt.count <= 64, sealed.count == 48, nonce.count == 12 else {
            throw TraceCryptoError(.malformed, field: "encrypted", reason: "wrong salt, nonce or ciphertext length")
        }
        let kek = try Self.deriveKey(passphrase, salt: salt, encrypted.scrypt)
        guard let box = try? AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: nonce), ciphertext: sealed.prefix(32), tag: sealed.suffix(16)),
              let plain = try? AES.GCM.open(box, using: kek, authenticating: Self.aad(alg, publicKey)) else {
            throw TraceCryptoError(.wrongPassphrase, field: "passphrase", reason: "wrong passphrase or altered key file")
        }
        return Array(plain)
    }

    private static func deriveKey(_ passphrase: [UInt8], salt: [UInt8], _ cost: ScryptParameters) throws(TraceCryptoError) -> SymmetricKey {
        guard let key = try? KDF.Scrypt.deriveKey(from: passphrase, salt: salt, outputByteCount: 32,
                                                  rounds: 1 << cost.logN, blockSize: cost.r, parallelism: cost.p) else {
            throw TraceCryptoError(.libraryFailure, field: "kdf", reason: "scrypt failed")
        }
        return key
    }

    private static func aad(_ alg: SignatureAlgorithm, _ publicKey: String) -> [UInt8] {
        Array("crosstrace/keyfile/v1\n\(alg.rawValue)\n\(publicKey.lowercased())".utf8)
    }
}
