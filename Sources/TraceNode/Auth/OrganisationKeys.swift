import Foundation
import TraceCrypto
import TraceLedger

/// The organisation's keys in `<home>/keys/` (issue 6 item 5, R-5.3.4):
/// `organisation.key.json`, the signing key that names the participant on
/// chain and signs for its authenticated users, and
/// `organisation-encryption.key.json`, the separate key sealed fields are
/// encrypted to. Both are key files (scrypt + AES-256-GCM under a passphrase,
/// or plain when none is given), mode 0600.
public struct OrganisationKeys: Sendable {
    public static let directoryName = "keys"
    public static let signingFileName = "organisation.key.json"
    public static let encryptionFileName = "organisation-encryption.key.json"

    public let signingKey: SigningKey
    public let encryptionKey: EncryptionKeyPair

    public init(signingKey: SigningKey, encryptionKey: EncryptionKeyPair) {
        self.signingKey = signingKey
        self.encryptionKey = encryptionKey
    }

    /// The membership signer id `<alg>-<hex>` of the signing key.
    public var participantId: String { ParticipantID.of(signingKey.publicKey) }

    /// Fresh keys for `profile`: its signature `algorithm` (default the
    /// profile's) and its sealing scheme's encryption key kind.
    public static func generate(profile: CryptoProfile, algorithm: SignatureAlgorithm? = nil) throws(AuthError) -> OrganisationKeys {
        let algorithm = algorithm ?? profile.defaultSignatureAlgorithm
        guard profile.admits(algorithm) else {
            throw AuthError(.wrongProfile, field: "algorithm", rule: "profile '\(profile.rawValue)' admits \(profile.signatureAlgorithms.map(\.rawValue).joined(separator: ", "))")
        }
        return OrganisationKeys(signingKey: .generate(algorithm), encryptionKey: EncryptionKeyPair(kind: profile.sealing.keyKind))
    }

    public static func directory(home: String) -> String { home + "/" + directoryName }

    /// Whether `home` already holds an organisation signing key.
    public static func exists(home: String) -> Bool {
        FileManager.default.fileExists(atPath: directory(home: home) + "/" + signingFileName)
    }

    /// Writes both key files under `home`, refusing to overwrite existing ones.
    public func save(home: String, passphrase: [UInt8]?) throws(AuthError) {
        guard !Self.exists(home: home),
              !FileManager.default.fileExists(atPath: Self.directory(home: home) + "/" + Self.encryptionFileName) else {
            throw AuthError(.organisationExists, field: Self.directory(home: home), rule: "organisation keys exist; they are never overwritten")
        }
        let signing = try Self.wrap { () throws(TraceCryptoError) in try KeyFile(key: signingKey, passphrase: passphrase).jsonBytes }
        let encryption = try EncryptionKeyFile(encryptionKey, passphrase: passphrase).jsonBytes()
        do {
            let files = try FileDurableStore(directory: Self.directory(home: home))
            try files.writeAtomically(Self.encryptionFileName, encryption + [0x0a])
            try files.writeAtomically(Self.signingFileName, signing + [0x0a])
        } catch {
            throw AuthError(.storage, field: Self.directory(home: home), rule: "cannot write the organisation keys: \(error)")
        }
    }

    /// Reads both keys; `passphrase` is needed when the files are encrypted.
    public static func load(home: String, passphrase: [UInt8]?) throws(AuthError) -> OrganisationKeys {
        let signingFile = try KeyFileReader.signingFile(home: home)
        let signing = try wrap { () throws(TraceCryptoError) in try signingFile.signingKey(passphrase: passphrase) }
        let bytes = try KeyFileReader.read(directory(home: home) + "/" + encryptionFileName)
        let encryption = try EncryptionKeyFile.parse(bytes).keyPair(passphrase: passphrase)
        return OrganisationKeys(signingKey: signing, encryptionKey: encryption)
    }

    /// The participant id and public encryption key, read without the passphrase.
    public static func publicIdentity(home: String) throws(AuthError) -> (participantId: String, encryptionKey: EncryptionPublicKey) {
        let signingFile = try KeyFileReader.signingFile(home: home)
        let bytes = try KeyFileReader.read(directory(home: home) + "/" + encryptionFileName)
        let encryption = try EncryptionKeyFile.parse(bytes)
        return (signingFile.alg.rawValue + "-" + signingFile.publicKey.lowercased(), try encryption.encryptionPublicKey())
    }

    static func wrap<T>(_ body: () throws(TraceCryptoError) -> T) throws(AuthError) -> T {
        switch Result(catching: body) {
        case .success(let value):
            return value
        case .failure(let error) where error.code == .wrongPassphrase:
            throw AuthError(.wrongPassphrase, field: error.field, rule: error.reason)
        case .failure(let error):
            throw AuthError(.corruptStore, field: error.field, rule: error.description)
        }
    }
}

/// Bounded reads of the organisation's key files.
enum KeyFileReader {
    static func read(_ path: String) throws(AuthError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw AuthError(.organisationMissing, field: path, rule: "no organisation keys; run 'crosstrace org init'")
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= KeyFile.sizeMax else {
            throw AuthError(.corruptStore, field: path, rule: "cannot read (at most \(KeyFile.sizeMax) bytes)")
        }
        return Array(data)
    }

    static func signingFile(home: String) throws(AuthError) -> KeyFile {
        let bytes = try read(OrganisationKeys.directory(home: home) + "/" + OrganisationKeys.signingFileName)
        return try OrganisationKeys.wrap { () throws(TraceCryptoError) in try KeyFile.parse(bytes) }
    }
}
