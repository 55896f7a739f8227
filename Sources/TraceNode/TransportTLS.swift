import Foundation
import NIOCore
import NIOSSL
import TraceCrypto
import X509

/// The TLS side of the transport: TLS 1.3 only, the network CA as the only
/// trust root, a client certificate required, and no hostname check — a
/// custom verification callback applies `PeerAdmission` instead (docs/transport.md).
struct TransportTLS: Sendable {
    let serverContext: NIOSSLContext
    let clientContext: NIOSSLContext

    init(credentials: NodeCredentials, admission: PeerAdmission) throws(TransportError) {
        let forms = try credentials.nioSSLForms()
        let roots: [NIOSSLCertificate]
        do {
            roots = try admission.caCertificates.map { try NIOSSLCertificate(bytes: try CertificateCodec.der($0), format: .der) }
        } catch {
            throw TransportError(.invalidConfiguration, field: "admission.caCertificates", reason: "NIOSSL refused a CA: \(error)")
        }
        do {
            serverContext = try NIOSSLContext(configuration: Self.configuration(forms, roots: roots, server: true))
            clientContext = try NIOSSLContext(configuration: Self.configuration(forms, roots: roots, server: false))
        } catch {
            throw TransportError(.invalidCredentials, field: "tls", reason: "cannot build a TLS context: \(error)")
        }
    }

    static func configuration(_ forms: (chain: [NIOSSLCertificateSource], key: NIOSSLPrivateKey),
                              roots: [NIOSSLCertificate], server: Bool) -> TLSConfiguration {
        var configuration = server
            ? TLSConfiguration.makeServerConfiguration(certificateChain: forms.chain, privateKey: .privateKey(forms.key))
            : TLSConfiguration.makeClientConfiguration()
        configuration.certificateChain = forms.chain
        configuration.privateKey = .privateKey(forms.key)
        configuration.minimumTLSVersion = .tlsv13
        configuration.maximumTLSVersion = .tlsv13
        // Verification on and a peer certificate required; the callback replaces the chain and name checks.
        configuration.certificateVerification = .noHostnameVerification
        configuration.trustRoots = .certificates(roots)
        configuration.additionalTrustRoots = []
        configuration.renegotiationSupport = .none
        return configuration
    }

    /// The callback NIOSSL calls once per handshake with the peer's chain (leaf first).
    /// Admission runs off the event loop on `AdmissionExecutor`; the outcome is recorded on the handler
    /// before the promise completes.
    static func verificationCallback(admission: PeerAdmission, clock: @escaping @Sendable () -> Date,
                                     handler: NIOLoopBound<PeerChannelHandler>) -> NIOSSLCustomVerificationCallback {
        { presented, promise in
            var chain: [Certificate] = []
            for certificate in presented.prefix(PeerAdmission.chainCountMax + 1) {
                guard let der = try? certificate.toDERBytes(), let parsed = try? CertificateCodec.certificate(der: der) else {
                    handler.value.verified(.failure(TransportError(.untrustedChain, field: "certificate", reason: "unreadable certificate")))
                    promise.succeed(.failed)
                    return
                }
                chain.append(parsed)
            }
            let (presentedChain, time, eventLoop) = (chain, clock(), handler.eventLoop)
            AdmissionExecutor.run({ await admission.evaluate(chain: presentedChain, at: time) }) { result in
                eventLoop.execute {
                    handler.value.verified(result)
                    promise.succeed(result.isSuccess ? .certificateVerified : .failed)
                }
            }
        }
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
