import COpenSSL
import Foundation

/// An SM2 key (GB/T 32918, curve sm2p256v1) held by OpenSSL 3 as an
/// `EVP_PKEY`. The object is freed when the last reference goes; an `EVP_PKEY`
/// that is never modified may be used from many threads at once.
final class SM2Key: @unchecked Sendable {
    let pkey: OpaquePointer
    /// 65-byte uncompressed SEC1 point 04‖x‖y.
    let publicBytes: [UInt8]

    /// The default distinguishing identifier of GB/T 35276 / GM/T 0009, hashed into Z_A.
    static let defaultID = Array("1234567812345678".utf8)

    /// Group order n of sm2p256v1 (GB/T 32918.5).
    static let order: [UInt8] = try! Hex.decode("fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123")

    private init(pkey: OpaquePointer, publicBytes: [UInt8]) {
        self.pkey = pkey
        self.publicBytes = publicBytes
    }

    deinit { EVP_PKEY_free(pkey) }

    /// A fresh random key pair.
    static func generate() -> SM2Key {
        guard let ctx = EVP_PKEY_CTX_new_from_name(nil, "SM2", nil) else { preconditionFailure("no SM2 in OpenSSL") }
        defer { EVP_PKEY_CTX_free(ctx) }
        var pkey: OpaquePointer?
        guard EVP_PKEY_keygen_init(ctx) == 1, EVP_PKEY_generate(ctx, &pkey) == 1, let pkey else {
            preconditionFailure("SM2 key generation failed")
        }
        var point = [UInt8](repeating: 0, count: 65)
        var count = 0
        let ok = EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, &point, 65, &count)
        precondition(ok == 1 && count == 65 && point[0] == 4, "SM2 public key export failed")
        return SM2Key(pkey: pkey, publicBytes: point)
    }

    /// A public key from its 65-byte uncompressed point; refuses points off the curve.
    static func fromPublic(_ point: [UInt8]) throws(TraceCryptoError) -> SM2Key {
        guard SM2Curve.isValidPoint(point) else {
            throw TraceCryptoError(.invalidKey, field: "publicKey", reason: "not an uncompressed sm2p256v1 point")
        }
        guard let pkey = buildKey(point: point, scalar: nil) else {
            throw TraceCryptoError(.invalidKey, field: "publicKey", reason: "OpenSSL refused the point")
        }
        return SM2Key(pkey: pkey, publicBytes: point)
    }

    /// A key pair from its 32-byte private scalar d, 1 ≤ d ≤ n − 2; the public point is d·G.
    static func fromPrivate(_ scalar: [UInt8]) throws(TraceCryptoError) -> SM2Key {
        guard scalar.count == 32, scalar.contains(where: { $0 != 0 }),
              SM2Curve.lessThan(scalar, SM2Curve.subtractOne(order)) else {
            throw TraceCryptoError(.invalidKey, field: "privateKey", reason: "SM2 private key must be 32 bytes in [1, n-2]")
        }
        guard let point = SM2Curve.multiplyGenerator(scalar), let pkey = buildKey(point: point, scalar: scalar) else {
            throw TraceCryptoError(.invalidKey, field: "privateKey", reason: "OpenSSL refused the scalar")
        }
        return SM2Key(pkey: pkey, publicBytes: point)
    }

    /// The 32-byte private scalar; handle with care.
    var privateBytes: [UInt8] {
        var bn: OpaquePointer?
        guard EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_PRIV_KEY, &bn) == 1, let bn else {
            preconditionFailure("SM2 key has no private part")
        }
        defer { BN_clear_free(bn) }
        var out = [UInt8](repeating: 0, count: 32)
        precondition(BN_bn2binpad(bn, &out, 32) == 32, "SM2 private scalar too long")
        return out
    }

    private static let selectPublic: Int32 = 0x86   // EVP_PKEY_PUBLIC_KEY
    private static let selectKeyPair: Int32 = 0x87  // EVP_PKEY_KEYPAIR

    /// Parameter names as C strings that live as long as the process:
    /// OSSL_PARAM_BLD stores the name pointers it is given, so Swift's
    /// temporary bridged strings would dangle.
    private enum ParamName {
        nonisolated(unsafe) static let group = UnsafePointer(strdup(OSSL_PKEY_PARAM_GROUP_NAME)!)
        nonisolated(unsafe) static let publicKey = UnsafePointer(strdup(OSSL_PKEY_PARAM_PUB_KEY)!)
        nonisolated(unsafe) static let privateKey = UnsafePointer(strdup(OSSL_PKEY_PARAM_PRIV_KEY)!)
    }

    /// OSSL_PARAM_BLD keeps pointers to pushed strings and octets until
    /// `to_param`, so everything is built inside one scope that keeps them alive.
    private static func buildKey(point: [UInt8], scalar: [UInt8]?) -> OpaquePointer? {
        "SM2".withCString { groupName in
            point.withUnsafeBytes { pointBytes in
                guard let builder = OSSL_PARAM_BLD_new() else { return nil }
                defer { OSSL_PARAM_BLD_free(builder) }
                var privateBN: OpaquePointer?
                defer { if let privateBN { BN_clear_free(privateBN) } }
                guard OSSL_PARAM_BLD_push_utf8_string(builder, ParamName.group, groupName, 0) == 1,
                      OSSL_PARAM_BLD_push_octet_string(builder, ParamName.publicKey, pointBytes.baseAddress, 65) == 1 else { return nil }
                if let scalar {
                    privateBN = BN_bin2bn(scalar, 32, nil)
                    guard let privateBN, OSSL_PARAM_BLD_push_BN(builder, ParamName.privateKey, privateBN) == 1 else { return nil }
                }
                guard let params = OSSL_PARAM_BLD_to_param(builder) else { return nil }
                defer { OSSL_PARAM_free(params) }
                return fromData(params, selection: scalar == nil ? selectPublic : selectKeyPair)
            }
        }
    }

    private static func fromData(_ params: UnsafeMutablePointer<OSSL_PARAM>, selection: Int32) -> OpaquePointer? {
        guard let ctx = EVP_PKEY_CTX_new_from_name(nil, "SM2", nil) else { return nil }
        defer { EVP_PKEY_CTX_free(ctx) }
        var pkey: OpaquePointer?
        guard EVP_PKEY_fromdata_init(ctx) == 1, EVP_PKEY_fromdata(ctx, &pkey, selection, params) == 1 else { return nil }
        return pkey
    }
}
