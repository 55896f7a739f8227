import COpenSSL

/// SM2 signatures (GB/T 32918.2, SM3 digest over Z_A‖M) and SM2 public-key
/// encryption (GB/T 32918.4) through OpenSSL 3 EVP. Every OpenSSL object made
/// here is freed before the function returns.
extension SM2Key {
    /// Signs `message` with user id `id`; returns 64-byte r‖s.
    func sign(_ message: [UInt8], id: [UInt8] = SM2Key.defaultID) throws(TraceCryptoError) -> [UInt8] {
        var der = [UInt8](repeating: 0, count: 80)
        var count = der.count
        let ok = withDigestContext(id: id, signing: true) { mctx in
            message.withUnsafeBufferPointer { input in
                EVP_DigestSign(mctx, &der, &count, input.baseAddress, input.count) == 1
            }
        }
        guard ok, let raw = SM2Signature.rawFromDER(Array(der[..<count])) else {
            throw TraceCryptoError(.libraryFailure, field: "signature", reason: "OpenSSL SM2 signing failed")
        }
        return raw
    }

    /// Whether 64-byte r‖s is a valid signature of `message` with user id `id`.
    func verify(_ signature: [UInt8], for message: [UInt8], id: [UInt8] = SM2Key.defaultID) -> Bool {
        guard let der = SM2Signature.derFromRaw(signature) else { return false }
        let result = withDigestContext(id: id, signing: false) { mctx in
            message.withUnsafeBufferPointer { input in
                EVP_DigestVerify(mctx, der, der.count, input.baseAddress, input.count) == 1
            }
        }
        ERR_clear_error()
        return result
    }

    private func withDigestContext(id: [UInt8], signing: Bool, _ body: (OpaquePointer) -> Bool) -> Bool {
        guard let mctx = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(mctx) }
        guard let pctx = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else { return false }
        // EVP_MD_CTX_set_pkey_ctx does not take ownership: free after the MD context.
        defer { EVP_PKEY_CTX_free(pctx) }
        guard EVP_PKEY_CTX_set1_id(pctx, id, Int32(id.count)) == 1 else { return false }
        EVP_MD_CTX_set_pkey_ctx(mctx, pctx)
        let sm3 = OpenSSLPrimitives.sm3Digest.pointer
        let started = signing
            ? EVP_DigestSignInit(mctx, nil, sm3, nil, pkey)
            : EVP_DigestVerifyInit(mctx, nil, sm3, nil, pkey)
        guard started == 1 else { return false }
        return body(mctx)
    }

    /// SM2 encryption to this public key; the ciphertext is OpenSSL's
    /// GM/T 0009 DER form SEQUENCE { x, y, C3 = SM3 hash, C2 }.
    func encrypt(_ plaintext: [UInt8]) throws(TraceCryptoError) -> [UInt8] {
        let out = withPKeyContext { ctx -> [UInt8]? in
            guard EVP_PKEY_encrypt_init(ctx) == 1 else { return nil }
            return runCipher(ctx, plaintext, EVP_PKEY_encrypt)
        }
        guard let out else { throw TraceCryptoError(.libraryFailure, field: "wrappedKey", reason: "SM2 encryption failed") }
        return out
    }

    /// SM2 decryption with this private key; `nil` when the ciphertext is malformed or its C3 check fails.
    func decrypt(_ ciphertext: [UInt8]) -> [UInt8]? {
        let out = withPKeyContext { ctx -> [UInt8]? in
            guard EVP_PKEY_decrypt_init(ctx) == 1 else { return nil }
            return runCipher(ctx, ciphertext, EVP_PKEY_decrypt)
        }
        ERR_clear_error()
        return out
    }

    private func withPKeyContext(_ body: (OpaquePointer) -> [UInt8]?) -> [UInt8]? {
        guard let ctx = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else { return nil }
        defer { EVP_PKEY_CTX_free(ctx) }
        return body(ctx)
    }

    private typealias CipherCall = (OpaquePointer?, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<Int>?,
                                    UnsafePointer<UInt8>?, Int) -> Int32

    private func runCipher(_ ctx: OpaquePointer, _ input: [UInt8], _ call: CipherCall) -> [UInt8]? {
        guard input.count <= 1 << 16 else { return nil }
        var count = 0
        guard call(ctx, nil, &count, input, input.count) == 1, count > 0, count <= (1 << 16) + 256 else { return nil }
        var out = [UInt8](repeating: 0, count: count)
        guard call(ctx, &out, &count, input, input.count) == 1 else { return nil }
        return Array(out[..<count])
    }
}

/// Conversion between the 64-byte r‖s wire form and the DER
/// `SEQUENCE { INTEGER r, INTEGER s }` OpenSSL speaks (GM/T 0009).
public enum SM2Signature {
    /// r‖s from DER; `nil` unless the DER is exactly one well-formed signature with 0 < r, s < 2^256.
    public static func rawFromDER(_ der: [UInt8]) -> [UInt8]? {
        guard !der.isEmpty, der.count <= 80 else { return nil }
        return der.withUnsafeBufferPointer { buffer -> [UInt8]? in
            var cursor = buffer.baseAddress
            guard let sig = d2i_ECDSA_SIG(nil, &cursor, buffer.count) else { return nil }
            defer { ECDSA_SIG_free(sig) }
            guard cursor == buffer.baseAddress! + buffer.count else { return nil }
            var r: OpaquePointer?, s: OpaquePointer?
            ECDSA_SIG_get0(sig, &r, &s)
            var out = [UInt8](repeating: 0, count: 64)
            guard let r, let s, BN_is_negative(r) == 0, BN_is_negative(s) == 0,
                  BN_bn2binpad(r, &out, 32) == 32 else { return nil }
            let wroteS = out.withUnsafeMutableBufferPointer { BN_bn2binpad(s, $0.baseAddress! + 32, 32) }
            return wroteS == 32 ? out : nil
        }
    }

    /// DER from r‖s; `nil` unless exactly 64 bytes.
    public static func derFromRaw(_ raw: [UInt8]) -> [UInt8]? {
        guard raw.count == 64, let sig = ECDSA_SIG_new() else { return nil }
        defer { ECDSA_SIG_free(sig) }
        guard let r = BN_bin2bn(raw, 32, nil) else { return nil }
        guard let s = raw.withUnsafeBufferPointer({ BN_bin2bn($0.baseAddress! + 32, 32, nil) }) else { BN_free(r); return nil }
        guard ECDSA_SIG_set0(sig, r, s) == 1 else { BN_free(r); BN_free(s); return nil }
        let count = i2d_ECDSA_SIG(sig, nil)
        guard count > 0 else { return nil }
        var out = [UInt8](repeating: 0, count: Int(count))
        let written = out.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_ECDSA_SIG(sig, &cursor)
        }
        return written == count ? out : nil
    }
}
