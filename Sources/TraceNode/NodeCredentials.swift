import Crypto
import NIOSSL
import TraceCrypto
import X509

/// This node's TLS identity: its certificate chain (leaf first, issued by the
/// network CA) and the P-256 node key the leaf certifies.
public struct NodeCredentials: Sendable {
    public let certificateChain: [Certificate]
    public let signingKey: SigningKey

    /// Refuses a non-P-256 key or a leaf that certifies another key.
    public init(certificateChain: [Certificate], signingKey: SigningKey) throws(TransportError) {
        guard case .p256 = signingKey else {
            throw TransportError(.invalidCredentials, field: "signingKey", reason: "TLS node keys are P-256 (docs/crypto.md)")
        }
        guard let leaf = certificateChain.first, certificateChain.count <= PeerAdmission.chainCountMax else {
            throw TransportError(.invalidCredentials, field: "certificateChain", reason: "1-\(PeerAdmission.chainCountMax) certificates")
        }
        guard PeerAdmission.nodeKey(of: leaf) == signingKey.publicKey else {
            throw TransportError(.invalidCredentials, field: "certificateChain", reason: "the leaf does not certify the signing key")
        }
        self.certificateChain = certificateChain
        self.signingKey = signingKey
    }

    public var publicKey: PublicKey { signingKey.publicKey }

    /// NIOSSL forms of the chain and key, through DER and PKCS#8 PEM.
    func nioSSLForms() throws(TransportError) -> (chain: [NIOSSLCertificateSource], key: NIOSSLPrivateKey) {
        do {
            let chain = try certificateChain.map { certificate in
                NIOSSLCertificateSource.certificate(try NIOSSLCertificate(bytes: try CertificateCodec.der(certificate), format: .der))
            }
            let key = try NIOSSLPrivateKey(bytes: Array(signingKey.privateKeyPEM.utf8), format: .pem)
            return (chain, key)
        } catch {
            throw TransportError(.invalidCredentials, field: "credentials", reason: "NIOSSL refused them: \(error)")
        }
    }
}
