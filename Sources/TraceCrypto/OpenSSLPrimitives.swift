import COpenSSL

/// An OpenSSL algorithm fetched once and shared. Fetched `EVP_MD`/`EVP_CIPHER`
/// objects are immutable and safe to use from many threads at once.
final class FetchedAlgorithm: @unchecked Sendable {
    let pointer: OpaquePointer

    init(digest name: String) {
        guard let md = EVP_MD_fetch(nil, name, nil) else { preconditionFailure("OpenSSL lacks digest \(name)") }
        pointer = md
    }

    init(cipher name: String) {
        guard let cipher = EVP_CIPHER_fetch(nil, name, nil) else { preconditionFailure("OpenSSL lacks cipher \(name)") }
        pointer = cipher
    }
}

/// SM3, HMAC-SM3 and SM4 through the system OpenSSL 3 `libcrypto`.
enum OpenSSLPrimitives {
    static let sm3Digest = FetchedAlgorithm(digest: "SM3")
    static let sm4ECB = FetchedAlgorithm(cipher: "SM4-ECB")
    static let sm4CTR = FetchedAlgorithm(cipher: "SM4-CTR")

    /// SM3 (GB/T 32905-2016), 32 bytes.
    static func sm3(_ message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var size: UInt32 = 0
        let ok = message.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &out, &size, sm3Digest.pointer, nil)
        }
        precondition(ok == 1 && size == 32, "EVP_Digest(SM3) failed")
        return out
    }

    /// Any OpenSSL digest by name (e.g. "SHA256"), fetched for this call only.
    static func digest(_ name: String, _ message: [UInt8]) -> [UInt8]? {
        guard let md = EVP_MD_fetch(nil, name, nil) else { return nil }
        defer { EVP_MD_free(md) }
        var out = [UInt8](repeating: 0, count: 64)
        var size: UInt32 = 0
        let ok = message.withUnsafeBytes { EVP_Digest($0.baseAddress, $0.count, &out, &size, md, nil) }
        return ok == 1 ? Array(out[..<Int(size)]) : nil
    }

    /// HMAC (RFC 2104) with SM3, 32 bytes.
    static func hmacSM3(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var size: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { input in
                HMAC(sm3Digest.pointer, keyBytes.baseAddress, Int32(keyBytes.count),
                     input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count, &out, &size)
            }
        }
        precondition(result != nil && size == 32, "HMAC-SM3 failed")
        return out
    }

    /// SM4 (GB/T 32907-2016) in ECB mode without padding: only for whole
    /// blocks and for checking the standard's single-block example.
    static func sm4ECBEncrypt(key: [UInt8], blocks: [UInt8]) -> [UInt8] {
        precondition(key.count == 16 && blocks.count % 16 == 0, "SM4-ECB needs a 16-byte key and whole blocks")
        return sm4(sm4ECB, key: key, iv: nil, input: blocks)
    }

    /// SM4-CTR with a 16-byte initial counter block; encryption and decryption are the same.
    static func sm4CTRApply(key: [UInt8], iv: [UInt8], input: [UInt8]) -> [UInt8] {
        precondition(key.count == 16 && iv.count == 16, "SM4-CTR needs a 16-byte key and IV")
        return sm4(sm4CTR, key: key, iv: iv, input: input)
    }

    private static func sm4(_ cipher: FetchedAlgorithm, key: [UInt8], iv: [UInt8]?, input: [UInt8]) -> [UInt8] {
        guard let ctx = EVP_CIPHER_CTX_new() else { preconditionFailure("EVP_CIPHER_CTX_new failed") }
        defer { EVP_CIPHER_CTX_free(ctx) }
        let initialised: Int32
        if let iv {
            initialised = EVP_EncryptInit_ex2(ctx, cipher.pointer, key, iv, nil)
        } else {
            initialised = EVP_EncryptInit_ex2(ctx, cipher.pointer, key, nil, nil)
        }
        precondition(initialised == 1, "SM4 init failed")
        EVP_CIPHER_CTX_set_padding(ctx, 0)
        var out = [UInt8](repeating: 0, count: input.count + 16)
        var written: Int32 = 0
        var total = 0
        let updated = input.withUnsafeBufferPointer { inBuf in
            EVP_EncryptUpdate(ctx, &out, &written, inBuf.baseAddress, Int32(inBuf.count))
        }
        precondition(updated == 1, "SM4 update failed")
        total = Int(written)
        let finished = out.withUnsafeMutableBufferPointer { outBuf in
            EVP_EncryptFinal_ex(ctx, outBuf.baseAddress! + total, &written)
        }
        precondition(finished == 1, "SM4 final failed")
        total += Int(written)
        return Array(out[..<total])
    }
}
