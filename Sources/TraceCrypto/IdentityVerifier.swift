import Foundation
import SwiftASN1
@_spi(FixedExpiryValidationTime) import X509

/// Refuses any chain that holds a revoked certificate (serial numbers from
/// the network's revocation list, which the membership ledger keeps).
public struct RevocationPolicy: VerifierPolicy, Sendable {
    public let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = []
    public let revokedSerials: Set<Certificate.SerialNumber>

    public init(revokedSerials: Set<Certificate.SerialNumber>) { self.revokedSerials = revokedSerials }

    public func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) async -> PolicyEvaluationResult {
        for certificate in chain where revokedSerials.contains(certificate.serialNumber) {
            return .failsToMeetPolicy(reason: "certificate \(certificate.serialNumber) is revoked")
        }
        return .meetsPolicy
    }
}

/// Verifies a certificate against the network CA only, at an injected time
/// (RFC 5280 path validation incl. validity period), with revocation, and
/// returns the identity claims it carries.
public struct IdentityVerifier: Sendable {
    public let networkCA: Certificate
    public let revokedSerials: Set<Certificate.SerialNumber>

    public init(networkCA: Certificate, revokedSerials: Set<Certificate.SerialNumber> = []) {
        self.networkCA = networkCA
        self.revokedSerials = revokedSerials
    }

    public func verify(_ leaf: Certificate, intermediates: [Certificate] = [], at time: Date) async -> Result<IdentityClaims, TraceCryptoError> {
        let revoked = revokedSerials
        var verifier = Verifier(rootCertificates: CertificateStore([networkCA])) {
            RFC5280Policy(fixedExpiryValidationTime: time)
            RevocationPolicy(revokedSerials: revoked)
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore(intermediates))
        switch result {
        case .validCertificate:
            do { return .success(try IdentityClaims(certificate: leaf)) } catch { return .failure(error) }
        case .couldNotValidate(let failures):
            let reason = failures.map { String(describing: $0.policyFailureReason) }.sorted().first ?? "no chain to the network CA"
            return .failure(TraceCryptoError(.certificateRejected, field: "certificate", reason: reason))
        }
    }
}

/// PEM and DER forms of certificates, for files and the wire.
public enum CertificateCodec {
    public static let derCountMax = 16 * 1024

    public static func pem(_ certificate: Certificate) throws(TraceCryptoError) -> String {
        guard let document = try? certificate.serializeAsPEM() else {
            throw TraceCryptoError(.malformed, field: "certificate", reason: "cannot serialise")
        }
        return document.pemString
    }

    public static func der(_ certificate: Certificate) throws(TraceCryptoError) -> [UInt8] {
        var serializer = DER.Serializer()
        guard (try? serializer.serialize(certificate)) != nil else {
            throw TraceCryptoError(.malformed, field: "certificate", reason: "cannot serialise")
        }
        return serializer.serializedBytes
    }

    public static func certificate(der: [UInt8]) throws(TraceCryptoError) -> Certificate {
        guard der.count <= derCountMax, let certificate = try? Certificate(derEncoded: der) else {
            throw TraceCryptoError(.malformed, field: "certificate", reason: "not a DER certificate")
        }
        return certificate
    }

    public static func certificate(pem: String) throws(TraceCryptoError) -> Certificate {
        guard pem.utf8.count <= derCountMax * 2, let certificate = try? Certificate(pemEncoded: pem) else {
            throw TraceCryptoError(.malformed, field: "certificate", reason: "not a PEM certificate")
        }
        return certificate
    }
}
