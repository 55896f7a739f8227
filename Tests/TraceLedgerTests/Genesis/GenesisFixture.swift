import Foundation
import TraceConsensus
import TraceCrypto
import TraceLedger

/// A fixed genesis: deterministic keys and a CA certificate made once by
/// `crosstrace init` and pasted here, so its bytes and hash never change.
enum GenesisFixture {
    static let caPEM = """
    -----BEGIN CERTIFICATE-----
    MIIBijCCATGgAwIBAgIBATAKBggqhkjOPQQDAjA7MRMwEQYDVQQKDApDcm9zc1Ry
    YWNlMSQwIgYDVQQDDBtjcm9zc3RyYWNlLWxvY2FsIG5ldHdvcmsgQ0EwHhcNMjYx
    MTI3MDI0OTQ0WhcNMzYxMTI0MDM0OTQ0WjA7MRMwEQYDVQQKDApDcm9zc1RyYWNl
    MSQwIgYDVQQDDBtjcm9zc3RyYWNlLWxvY2FsIG5ldHdvcmsgQ0EwWTATBgcqhkjO
    PQIBBggqhkjOPQMBBwNCAAS1Gz9TEV+D5AMjnS3X5iLG+LBViCXdHieoe5B1+y7t
    PXTjuWV9O2A02ItIiNZmd6Ia8ewPv8wknxdHAsmmOx6VoyYwJDASBgNVHRMBAf8E
    CDAGAQH/AgEAMA4GA1UdDwEB/wQEAwIBBjAKBggqhkjOPQQDAgNHADBEAiBsEU3L
    4TywrdkG2mflfs497sl9AEnFPCimH2wst3024QIgIaPlU7g6uzmHi5PnVeJvQRJs
    gpRCTLlnV/xnMVk0M84=
    -----END CERTIFICATE-----
    """

    /// `Hex(standard.hash())` and `Hex(national.hash())`, computed once and pinned.
    static let standardHash = "815a882718480a23313ca963d4325aed099870975410b157dbe64b7d839fd930"
    static let nationalHash = "8d0b369918cab98eeb5f8d9a1261df8f71795c967a34dd8f3fa15c6c135fad80"

    static func p256(_ byte: UInt8) -> PublicKey {
        guard let signer = try? P256Signer(privateKey: [UInt8](repeating: byte, count: 32)) else {
            preconditionFailure("a scalar of repeated small bytes is a valid P-256 key")
        }
        return signer.publicKey
    }

    static func sm2(_ byte: UInt8) -> PublicKey {
        guard let signer = try? SM2Signer(privateKey: [UInt8](repeating: byte, count: 32)) else {
            preconditionFailure("a scalar of repeated small bytes is a valid SM2 key")
        }
        return signer.publicKey
    }

    /// Four validators (P-256 consensus keys 1…4, node keys 11…14), one replica, one verifier.
    static var standard: Genesis {
        Genesis(chainId: "cbetc", profile: .standard, genesisTime: 1_764_201_600_000,
                validators: (1...4).map { index in
                    GenesisValidator(name: "node\(index - 1)", consensusKey: p256(UInt8(index)), power: UInt64(index * 10),
                                     nodeKey: p256(UInt8(10 + index)))
                },
                replicas: [GenesisReplica(name: "replica0", nodeKey: p256(21))],
                caCertificates: [caPEM],
                verifiers: [GenesisVerifier(participantId: "customs-verifier", publicKey: fixedSigner(7).publicKey)])
    }

    /// The same network on a national-profile chain: SM2 consensus keys.
    static var national: Genesis {
        var genesis = standard
        genesis.chainId = "cbeac"
        genesis.profile = .national
        for index in genesis.validators.indices { genesis.validators[index].consensusKey = sm2(UInt8(index + 1)) }
        genesis.verifiers = [GenesisVerifier(participantId: "customs-verifier", publicKey: sm2(9))]
        return genesis
    }

    static func text(_ genesis: Genesis) -> String {
        String(decoding: (try? genesis.canonicalBytes()) ?? [], as: UTF8.self)
    }
}
