import ArgumentParser
import Foundation
import TraceCrypto

/// `crosstrace keys …`: signing key files.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Create and export signing keys.",
        subcommands: [KeysNewCommand.self, KeysExportPEMCommand.self])
}

/// Options naming where a key file's passphrase comes from: a file, or the
/// `CROSSTRACE_PASSPHRASE` environment variable; never a prompt.
struct PassphraseOptions: ParsableArguments {
    @Option(help: "File whose contents (minus one trailing newline) is the key file passphrase; else $CROSSTRACE_PASSPHRASE.")
    var passphraseFile: String?

    func passphrase() throws -> [UInt8]? {
        if let passphraseFile {
            var bytes = try CLIInput.read(path: passphraseFile)
            if bytes.last == 0x0a { bytes.removeLast() }
            if bytes.last == 0x0d { bytes.removeLast() }
            guard !bytes.isEmpty else { throw ValidationError("passphrase file is empty") }
            return bytes
        }
        if let value = ProcessInfo.processInfo.environment["CROSSTRACE_PASSPHRASE"], !value.isEmpty {
            return Array(value.utf8)
        }
        return nil
    }
}

struct KeysNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Make a key pair, write the key file, print the public key JSON.")

    @Option(help: "Signature scheme: p256, ed25519 or sm2.") var scheme: String
    @Option(help: "Key file to create (must not exist).") var out: String
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        let algorithm = try CLIInput.algorithm(scheme)
        guard !FileManager.default.fileExists(atPath: out) else { throw ValidationError("\(out) already exists") }
        let secret = try passphrase.passphrase()
        if secret == nil { CLIInput.warn("no passphrase given: writing an unencrypted key file") }
        let key = SigningKey.generate(algorithm)
        let file = try KeyFile(key: key, passphrase: secret)
        guard FileManager.default.createFile(atPath: out, contents: Data(file.jsonBytes + [0x0a]),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("cannot write \(out)")
        }
        try CLIOutput.printJSON(["alg": .string(algorithm.rawValue), "publicKey": .string(Hex.encode(key.publicKey.rawBytes))])
    }
}

struct KeysExportPEMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-pem", abstract: "Print a key file's private key (PKCS#8) or public key (SPKI) as PEM.")

    @Option(help: "Key file.") var key: String
    @OptionGroup var passphrase: PassphraseOptions
    @Flag(help: "Print only the public key.") var `public` = false

    func run() throws {
        let signingKey = try CLIInput.loadKey(key, passphrase: passphrase)
        print(try `public` ? signingKey.publicKey.pem() : signingKey.privateKeyPEM, terminator: "")
    }
}

/// Input helpers shared by the crypto commands.
enum CLIInput {
    static let inputCountMax = 256 << 20

    static func algorithm(_ name: String) throws -> SignatureAlgorithm {
        guard let algorithm = SignatureAlgorithm(rawValue: name) else {
            throw ValidationError("unknown scheme '\(name)': use p256, ed25519 or sm2")
        }
        return algorithm
    }

    static func read(path: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ValidationError("cannot read \(path)") }
        defer { try? handle.close() }
        return try readAll(handle)
    }

    /// The named file, or standard input when `path` is nil.
    static func message(_ path: String?) throws -> [UInt8] {
        if let path { return try read(path: path) }
        return try readAll(FileHandle.standardInput)
    }

    static func loadKey(_ path: String, passphrase: PassphraseOptions) throws -> SigningKey {
        let file = try KeyFile.parse(try read(path: path))
        return try file.signingKey(passphrase: try passphrase.passphrase())
    }

    static func warn(_ text: String) {
        FileHandle.standardError.write(Data("crosstrace: \(text)\n".utf8))
    }

    private static func readAll(_ handle: FileHandle) throws -> [UInt8] {
        let data = try handle.readToEnd() ?? Data()
        guard data.count <= inputCountMax else { throw ValidationError("input longer than 256 MiB") }
        return Array(data)
    }
}

enum CLIOutput {
    /// Prints a JSON object in RFC 8785 canonical form (sorted keys), one line.
    static func printJSON(_ members: [String: CanonicalJSON]) throws {
        print(String(decoding: try CanonicalJSON.object(members).canonicalBytes(), as: UTF8.self))
    }
}
