import Crypto
import Testing
@testable import TraceCrypto

/// Published test vectors, typed in with their source named.
@Suite struct PublishedVectorTests {
    @Test func r5_3_1_sm3Example1Abc() {
        // GB/T 32905-2016, example 1.
        #expect(HashAlgorithm.sm3.hash(Array("abc".utf8)) == hex("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"))
    }

    @Test func r5_3_1_sm3Example2SixtyFourBytes() {
        // GB/T 32905-2016, example 2: "abcd" × 16.
        let message = Array(String(repeating: "abcd", count: 16).utf8)
        #expect(HashAlgorithm.sm3.hash(message) == hex("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"))
    }

    @Test func r5_3_4_sha256Abc() {
        // FIPS 180-2, appendix B.1.
        #expect(HashAlgorithm.sha256.hash(Array("abc".utf8)) == hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
    }

    @Test func r5_3_1_sm4OneBlock() {
        // GB/T 32907-2016, example 1: key = plaintext = 0123456789abcdeffedcba9876543210.
        let block = hex("0123456789abcdeffedcba9876543210")
        #expect(OpenSSLPrimitives.sm4ECBEncrypt(key: block, blocks: block) == hex("681edf34d206965e86b3e94f536e4246"))
    }

    @Test func r5_3_4_ed25519Rfc8032Test1() throws {
        // RFC 8032 §7.1, TEST 1 (empty message).
        let signer = try Ed25519Signer(seed: hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
        #expect(signer.publicKey.rawBytes == hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))
        let signature = try signer.sign([])
        let expected = hex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
        #expect(signature.rawBytes == expected)
        #expect(signer.publicKey.isValidSignature(signature, for: []))
    }

    @Test func r5_3_4_hkdfRfc5869Case1() {
        // RFC 5869 appendix A.1, test case 1 (HKDF-SHA256).
        let key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: [UInt8](repeating: 0x0b, count: 22)),
            salt: hex("000102030405060708090a0b0c"), info: hex("f0f1f2f3f4f5f6f7f8f9"), outputByteCount: 42)
        let expected = hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
        #expect(key.withUnsafeBytes { Array($0) } == expected)
    }

    /// RFC 6979 appendix A.2.5 (ECDSA, P-256, SHA-256, message "sample"):
    /// public key U = (Ux, Uy) and signature (r, s). Its s is high, so this also
    /// shows high-S is accepted and its low-S twin verifies too.
    @Test func r5_3_4_p256Rfc6979Sample() throws {
        let publicKey = PublicKey(algorithm: .p256, rawBytes: hex("04"
            + "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
            + "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299"))
        let raw = hex("efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
            + "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8")
        let signature = Signature(algorithm: .p256, rawBytes: raw)
        #expect(publicKey.isValidSignature(signature, for: Array("sample".utf8)))
        #expect(!P256LowS.isLowS(raw))
        #expect(P256LowS.isLowS(signature.normalised.rawBytes))
        #expect(publicKey.isValidSignature(signature.normalised, for: Array("sample".utf8)))
        #expect(!publicKey.isValidSignature(signature, for: Array("sampl3".utf8)))
        // The private key x of A.2.5 gives the same U.
        let signer = try P256Signer(privateKey: hex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721"))
        #expect(signer.publicKey == publicKey)
    }

    /// GB/T 32918.2-2016 appendix A.2 example: ID "ALICE123@YAHOO.COM" on the
    /// standard's 256-bit test curve (not sm2p256v1), giving
    /// Z_A = SM3(ENTL‖ID‖a‖b‖xG‖yG‖xA‖yA) and e = SM3(Z_A‖"message digest").
    /// The signature (r, s) itself is not checked: OpenSSL 3.0 refuses SM2 keys on
    /// explicit curve parameters (`EVP_PKEY_fromdata` with the SM2 key manager fails).
    @Test func r5_3_1_sm2StandardExampleDigests() {
        let id = Array("ALICE123@YAHOO.COM".utf8)
        let entl: [UInt8] = [UInt8(id.count * 8 >> 8), UInt8(id.count * 8 & 0xff)]
        let curve = hex("787968b4fa32c3fd2417842e73bbfeff2f3c848b6831d7e0ec65228b3937e498"
            + "63e4c6d3b23b0c849cf84241484bfe48f61d59a5b16ba06e6e12d1da27c5249a"
            + "421debd61b62eab6746434ebc3cc315e32220b3badd50bdc4c4e6c147fedd43d"
            + "0680512bcbb42c07d47349d2153b70c4e5d7fdfcbfa36ea1a85841b9e46e09a2")
        let publicKey = hex("0ae4c7798aa0f119471bee11825be46202bb79e2a5844495e97c04ff4df2548a"
            + "7c0240f88f1cd4e16352a73c17b7f16f07353e53a176d684a9fe0c6bb798e857")
        let za = HashAlgorithm.sm3.hash(entl + id + curve + publicKey)
        #expect(za == hex("f4a38489e32b45b6f876e3ac2168ca392362dc8f23459c1d1146fc3dbfb7bc9a"))
        let e = HashAlgorithm.sm3.hash(za + Array("message digest".utf8))
        #expect(e == hex("b524f552cd82b8b028476e005c377fb19a87e6fc682d48bb5d42e3d9b9effe76"))
    }

    /// One test binary links swift-crypto's BoringSSL and the system libcrypto:
    /// SHA-256 from both must agree, and OpenSSL's SM3 must work beside it.
    @Test func r5_3_4_swiftCryptoAndSystemLibcryptoTogether() {
        let message = Array("crosstrace".utf8)
        #expect(OpenSSLPrimitives.digest("SHA256", message) == HashAlgorithm.sha256.hash(message))
        #expect(HashAlgorithm.sm3.hash(message).count == 32)
    }
}
