import Foundation
import Testing

/// The crypto commands: keys, sign, verify, hash (issue 3 §9, R-5.3.4), and
/// SM2 interoperability with the `openssl` command line in both directions.
@Suite struct CryptoCLITests {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("crosstrace-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("correct horse\n".utf8).write(to: path("pass"))
    }

    func path(_ name: String) -> URL { dir.appendingPathComponent(name) }

    func json(_ text: String) throws -> [String: String] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
    }

    func newKey(_ scheme: String, _ name: String) throws -> [String: String] {
        let result = try CLI.run(["keys", "new", "--scheme", scheme, "--out", path(name).path, "--passphrase-file", path("pass").path])
        #expect(result.status == 0, "\(result.stderr)")
        return try json(result.stdout)
    }

    @Test(arguments: ["p256", "ed25519", "sm2"]) func r5_3_4_keysSignVerifyRoundTrip(_ scheme: String) throws {
        let key = try newKey(scheme, "k.json")
        #expect(key["alg"] == scheme)
        let file = try String(contentsOf: path("k.json"), encoding: .utf8)
        #expect(file.contains("scrypt") && !file.contains("privateKey"))
        try Data("lot ABC123\n".utf8).write(to: path("m.txt"))
        let signed = try CLI.run(["sign", "--key", path("k.json").path, "--passphrase-file", path("pass").path, path("m.txt").path])
        #expect(signed.status == 0, "\(signed.stderr)")
        let output = try json(signed.stdout)
        #expect(output["alg"] == scheme && output["publicKey"] == key["publicKey"])
        let signature = try #require(output["signature"])
        let publicKey = try #require(key["publicKey"])
        let ok = try CLI.run(["verify", "--alg", scheme, "--public-key", publicKey, "--signature", signature, path("m.txt").path])
        #expect(ok.status == 0 && ok.stdout == "valid\n")
        let tampered = try CLI.run(["verify", "--alg", scheme, "--public-key", publicKey, "--signature", signature], stdin: Data("lot ABC124\n".utf8))
        #expect(tampered.status == 1 && tampered.stdout == "invalid\n")
        let fromStdin = try CLI.run(["verify", "--alg", scheme, "--public-key", publicKey, "--signature", signature], stdin: Data("lot ABC123\n".utf8))
        #expect(fromStdin.status == 0)
        let otherScheme = scheme == "sm2" ? "p256" : "sm2"
        #expect(try CLI.run(["verify", "--alg", otherScheme, "--public-key", publicKey, "--signature", signature, path("m.txt").path]).status == 1)
        #expect(try CLI.run(["verify", "--alg", scheme, "--public-key", "zz", "--signature", signature, path("m.txt").path]).status == 1)
    }

    @Test func r5_3_4_signsStandardInput() throws {
        let key = try newKey("ed25519", "e.json")
        let signed = try CLI.run(["sign", "--key", path("e.json").path, "--passphrase-file", path("pass").path], stdin: Data("abc".utf8))
        let signature = try #require(try json(signed.stdout)["signature"])
        let publicKey = try #require(key["publicKey"])
        #expect(try CLI.run(["verify", "--alg", "ed25519", "--public-key", publicKey, "--signature", signature], stdin: Data("abc".utf8)).status == 0)
    }

    /// GB/T 32905-2016 example 1 and FIPS 180-2 B.1.
    @Test func r5_3_4_hashesStandardInputAndFiles() throws {
        let sm3 = try CLI.run(["hash", "--alg", "sm3"], stdin: Data("abc".utf8))
        #expect(sm3.stdout == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0\n")
        try Data("abc".utf8).write(to: path("abc"))
        let sha = try CLI.run(["hash", "--alg", "sha256", path("abc").path])
        #expect(sha.stdout == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n")
        #expect(try CLI.run(["hash", "--alg", "md5"], stdin: Data()).status != 0)
    }

    @Test func r5_3_4_passphraseFromEnvironmentAndWrongPassphrase() throws {
        let made = try runWithEnvironment(["keys", "new", "--scheme", "p256", "--out", path("env.json").path], passphrase: "from env")
        #expect(made.status == 0)
        #expect(try String(contentsOf: path("env.json"), encoding: .utf8).contains("scrypt"))
        let signed = try runWithEnvironment(["sign", "--key", path("env.json").path, path("pass").path], passphrase: "from env")
        #expect(signed.status == 0)
        let wrong = try runWithEnvironment(["sign", "--key", path("env.json").path, path("pass").path], passphrase: "not it")
        #expect(wrong.status != 0 && wrong.stdout.isEmpty)
        // Refuses to overwrite an existing key file.
        #expect(try CLI.run(["keys", "new", "--scheme", "p256", "--out", path("env.json").path, "--passphrase-file", path("pass").path]).status != 0)
    }

    /// crosstrace signs, `openssl pkeyutl -verify … -rawin -digest sm3 -pkeyopt distid:1234567812345678` accepts.
    @Test func r5_3_1_sm2CrosstraceSignsOpenSSLVerifies() throws {
        let key = try newKey("sm2", "s.json")
        try Data("crosstrace ↔ openssl".utf8).write(to: path("m"))
        let pub = try CLI.run(["keys", "export-pem", "--public", "--key", path("s.json").path, "--passphrase-file", path("pass").path])
        #expect(pub.stdout.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        try Data(pub.stdout.utf8).write(to: path("pub.pem"))
        let signed = try CLI.run(["sign", "--key", path("s.json").path, "--passphrase-file", path("pass").path, path("m").path])
        let signatureHex = try #require(try json(signed.stdout)["signature"])
        let raw = try #require(CryptoCLIHex.decode(signatureHex))
        try Data(CryptoCLIDER.encode(raw)).write(to: path("sig.der"))
        let verified = try openssl(["pkeyutl", "-verify", "-in", path("m").path, "-sigfile", path("sig.der").path, "-pubin",
                                    "-inkey", path("pub.pem").path, "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678"])
        #expect(verified.status == 0, "\(verified.stdout) \(verified.stderr)")
        #expect(key["alg"] == "sm2")
    }

    /// `openssl genpkey -algorithm SM2` + `pkeyutl -sign` signs, `crosstrace verify` accepts.
    @Test func r5_3_1_sm2OpenSSLSignsCrosstraceVerifies() throws {
        try Data("made by openssl".utf8).write(to: path("m"))
        #expect(try openssl(["genpkey", "-algorithm", "SM2", "-out", path("o.pem").path]).status == 0)
        #expect(try openssl(["pkey", "-in", path("o.pem").path, "-pubout", "-outform", "DER", "-out", path("o.pub.der").path]).status == 0)
        #expect(try openssl(["pkeyutl", "-sign", "-in", path("m").path, "-inkey", path("o.pem").path, "-rawin", "-digest", "sm3",
                             "-pkeyopt", "distid:1234567812345678", "-out", path("o.sig").path]).status == 0)
        let spki = [UInt8](try Data(contentsOf: path("o.pub.der")))
        let point = Array(spki.suffix(65))
        #expect(point.first == 4)
        let raw = try #require(CryptoCLIDER.decode([UInt8](try Data(contentsOf: path("o.sig")))))
        let args = ["verify", "--alg", "sm2", "--public-key", CryptoCLIHex.encode(point), "--signature", CryptoCLIHex.encode(raw)]
        #expect(try CLI.run(args + [path("m").path]).status == 0)
        #expect(try CLI.run(args, stdin: Data("made by 0penssl".utf8)).status == 1)
    }

    func openssl(_ args: [String]) throws -> CLIResult {
        try runProcess("/usr/bin/openssl", args, environment: nil)
    }

    func runWithEnvironment(_ args: [String], passphrase: String) throws -> CLIResult {
        var environment = ProcessInfo.processInfo.environment
        environment["CROSSTRACE_PASSPHRASE"] = passphrase
        return try runProcess(CLI.binaryURL.path, args, environment: environment)
    }

    func runProcess(_ executable: String, _ args: [String], environment: [String: String]?) throws -> CLIResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = args
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Hex and the DER `SEQUENCE { INTEGER r, INTEGER s }` form openssl uses for SM2
/// signatures, written independently of TraceCrypto so the test checks it.
enum CryptoCLIHex {
    static func encode(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
    static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        return stride(from: 0, to: chars.count, by: 2).compactMap { UInt8(String(decoding: chars[$0..<$0 + 2], as: UTF8.self), radix: 16) }
    }
}

enum CryptoCLIDER {
    static func encode(_ raw: [UInt8]) -> [UInt8] {
        func integer(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
            var value = Array(bytes.drop { $0 == 0 })
            if value.isEmpty || value[0] & 0x80 != 0 { value.insert(0, at: 0) }
            return [0x02, UInt8(value.count)] + value
        }
        let body = integer(raw[..<32]) + integer(raw[32...])
        return [0x30, UInt8(body.count)] + body
    }

    static func decode(_ der: [UInt8]) -> [UInt8]? {
        guard der.count > 8, der[0] == 0x30, Int(der[1]) == der.count - 2 else { return nil }
        var offset = 2
        var out: [UInt8] = []
        for _ in 0..<2 {
            guard der[offset] == 0x02 else { return nil }
            let count = Int(der[offset + 1])
            let value = Array(der[(offset + 2)..<(offset + 2 + count)].drop { $0 == 0 })
            guard value.count <= 32 else { return nil }
            out += [UInt8](repeating: 0, count: 32 - value.count) + value
            offset += 2 + count
        }
        return out
    }
}
