import Crypto
import Foundation
import SwiftASN1
import X509

/// A node's role in one chain, carried in its certificate.
public enum NodeRole: String, Codable, Sendable, CaseIterable, Hashable {
    case validator, replica
}

/// What a network certificate says about its holder: the participant id and,
/// for nodes, the role in each chain. Encoded as subject-alternative-name URIs
/// `crosstrace:participant:<id>` and `crosstrace:node:<chain>:<role>`.
public struct IdentityClaims: Hashable, Sendable, Codable {
    public let participantId: String
    /// Chain id → role, for node certificates; empty for participants' own certificates.
    public let nodeRoles: [String: NodeRole]

    public init(participantId: String, nodeRoles: [String: NodeRole] = [:]) {
        self.participantId = participantId
        self.nodeRoles = nodeRoles
    }

    static let participantPrefix = "crosstrace:participant:"
    static let nodePrefix = "crosstrace:node:"

    /// Ids and chain ids: 1–64 of A–Z a–z 0–9 . _ -, so URIs split unambiguously on ':'.
    static func isValidName(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
                || byte == 0x2e || byte == 0x5f || byte == 0x2d
        }
    }

    func validate() throws(TraceCryptoError) {
        guard Self.isValidName(participantId), nodeRoles.keys.allSatisfy(Self.isValidName) else {
            throw TraceCryptoError(.malformed, field: "identity", reason: "ids are 1-64 of [A-Za-z0-9._-]")
        }
    }

    /// The SAN URIs, participant first, then chains in sorted order.
    var uris: [String] {
        [Self.participantPrefix + participantId]
            + nodeRoles.sorted { $0.key < $1.key }.map { Self.nodePrefix + "\($0.key):\($0.value.rawValue)" }
    }

    /// Reads the claims back from a certificate's SAN URIs; exactly one participant URI.
    init(certificate: Certificate) throws(TraceCryptoError) {
        guard let names = try? certificate.extensions.subjectAlternativeNames else {
            throw TraceCryptoError(.certificateRejected, field: "subjectAlternativeNames", reason: "missing or malformed")
        }
        var participants: [String] = []
        var roles: [String: NodeRole] = [:]
        for case .uniformResourceIdentifier(let uri) in names {
            if uri.hasPrefix(Self.participantPrefix) {
                participants.append(String(uri.dropFirst(Self.participantPrefix.count)))
            } else if uri.hasPrefix(Self.nodePrefix) {
                let parts = uri.dropFirst(Self.nodePrefix.count).split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2, let role = NodeRole(rawValue: String(parts[1])),
                      roles.updateValue(role, forKey: String(parts[0])) == nil else {
                    throw TraceCryptoError(.certificateRejected, field: "subjectAlternativeNames", reason: "bad node role URI")
                }
            }
        }
        guard participants.count == 1 else {
            throw TraceCryptoError(.certificateRejected, field: "subjectAlternativeNames", reason: "need exactly one participant URI")
        }
        self.init(participantId: participants[0], nodeRoles: roles)
        try validate()
    }
}

/// The network's certificate authority (P-256; see docs/crypto.md on why X.509 stays P-256).
public struct NetworkCA: Sendable {
    public let certificate: Certificate
    private let key: P256.Signing.PrivateKey

    /// A self-signed root for network `name`.
    public init(name: String, key: P256Signer, notBefore: Date, notAfter: Date) throws(TraceCryptoError) {
        let privateKey = key.cryptoKitKey
        do {
            let subject = try DistinguishedName { OrganizationName("CrossTrace"); CommonName("\(name) network CA") }
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            }
            certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(bytes: [1]),
                publicKey: .init(privateKey.publicKey), notValidBefore: notBefore, notValidAfter: notAfter,
                issuer: subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions, issuerPrivateKey: .init(privateKey))
        } catch {
            throw TraceCryptoError(.libraryFailure, field: "certificate", reason: "could not build CA: \(error)")
        }
        self.key = privateKey
    }

    /// Issues a certificate for a participant (or, with `claims.nodeRoles`, a node) holding the P-256 `publicKey`.
    public func issue(publicKey: PublicKey, claims: IdentityClaims, serial: UInt64,
                      notBefore: Date, notAfter: Date) throws(TraceCryptoError) -> Certificate {
        try claims.validate()
        guard publicKey.algorithm == .p256, let subjectKey = try? P256.Signing.PublicKey(x963Representation: publicKey.rawBytes) else {
            throw TraceCryptoError(.unsupportedAlgorithm, field: "publicKey", reason: "X.509 identities are P-256")
        }
        do {
            let subject = try DistinguishedName { OrganizationName("CrossTrace"); CommonName(claims.participantId) }
            let extensions = try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth, .clientAuth])
                SubjectAlternativeNames(claims.uris.map { GeneralName.uniformResourceIdentifier($0) })
            }
            return try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(serial),
                publicKey: .init(subjectKey), notValidBefore: notBefore, notValidAfter: notAfter,
                issuer: certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions, issuerPrivateKey: .init(key))
        } catch {
            throw TraceCryptoError(.libraryFailure, field: "certificate", reason: "could not issue: \(error)")
        }
    }
}
