import Crypto
import Foundation
import TraceCrypto
import X509

/// Who may connect: certificates must chain to one of the network's CA
/// certificates (never the system store), name a node role
/// (`crosstrace:node:<chain>:validator|replica`), and carry a P-256 key that
/// is in `admittedKeys` — the validator and replica node keys of this
/// network's genesis (issue 5, item 4; ). A participant certificate of
/// the same CA does not admit a peer.
public struct PeerAdmission: Sendable {
    public let caCertificates: [Certificate]
    public let admittedKeys: Set<PublicKey>
    public let revokedSerials: Set<Certificate.SerialNumber>
    /// Longest chain accepted from a peer (leaf + intermediates).
    public static let chainCountMax = 4

    public init(caCertificates: [Certificate], admittedKeys: Set<PublicKey>,
                revokedSerials: Set<Certificate.SerialNumber> = []) {
        self.caCertificates = caCertificates
        self.admittedKeys = admittedKeys
        self.revokedSerials = revokedSerials
    }

    public func validate() throws(TransportError) {
        guard !caCertificates.isEmpty else {
            throw TransportError(.invalidConfiguration, field: "admission.caCertificates", reason: "at least one network CA")
        }
        guard admittedKeys.allSatisfy({ $0.algorithm == .p256 && $0.rawBytes.count == 65 }) else {
            throw TransportError(.invalidConfiguration, field: "admission.admittedKeys", reason: "node keys are P-256 (docs/crypto.md)")
        }
    }

    /// Decides on a peer's presented chain (leaf first) at `time`; the admitted key on success.
    public func evaluate(chain: [Certificate], at time: Date) async -> Result<PublicKey, TransportError> {
        guard let leaf = chain.first, chain.count <= Self.chainCountMax else {
            return .failure(TransportError(.untrustedChain, field: "certificate", reason: "1-\(Self.chainCountMax) certificates expected"))
        }
        guard let key = Self.nodeKey(of: leaf) else {
            return .failure(TransportError(.unsupportedKey, field: "certificate.publicKey", reason: "node certificates carry P-256 keys"))
        }
        var lastFailure = TransportError(.untrustedChain, field: "certificate", reason: "no chain to a network CA")
        for ca in caCertificates {
            let verifier = IdentityVerifier(networkCA: ca, revokedSerials: revokedSerials)
            switch await verifier.verify(leaf, intermediates: Array(chain.dropFirst()), at: time) {
            case .success(let claims):
                return decide(key: key, claims: claims)
            case .failure(let error):
                lastFailure = TransportError(.untrustedChain, field: "certificate", reason: error.description)
            }
        }
        return .failure(lastFailure)
    }

    private func decide(key: PublicKey, claims: IdentityClaims) -> Result<PublicKey, TransportError> {
        guard !claims.nodeRoles.isEmpty else {
            return .failure(TransportError(.notANode, field: "certificate.subjectAlternativeNames",
                                           reason: "\(claims.participantId) holds no validator or replica role"))
        }
        guard admittedKeys.contains(key) else {
            return .failure(TransportError(.notAdmitted, field: "certificate.publicKey",
                                           reason: "\(claims.participantId)'s node key is not in genesis"))
        }
        return .success(key)
    }

    /// The certificate's key as TraceCrypto names it, when it is P-256.
    static func nodeKey(of certificate: Certificate) -> PublicKey? {
        guard let key = P256.Signing.PublicKey(certificate.publicKey) else { return nil }
        return PublicKey(algorithm: .p256, rawBytes: Array(key.x963Representation))
    }
}
