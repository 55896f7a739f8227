import ArgumentParser
import Foundation
import TraceCrypto
import TraceNode

/// `crosstrace org …`: the organisation's signing and encryption keys in a
/// node home (issue 6 item 5). See docs/auth.md.
struct OrgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Create and show the organisation's keys in a node home.",
        subcommands: [OrgInitCommand.self, OrgShowCommand.self])

    /// The organisation key passphrase: `$CROSSTRACE_ORG_PASSPHRASE`, else none.
    static func passphrase() -> [UInt8]? {
        guard let value = ProcessInfo.processInfo.environment["CROSSTRACE_ORG_PASSPHRASE"], !value.isEmpty else { return nil }
        return Array(value.utf8)
    }

    /// Runs `body`, turning an `AuthError` into `error: …` on standard error and exit 1.
    static func reportingAuthErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AuthError {
            throw CodeCLI.fail("\(error.field): \(error.rule) [\(error.code.rawValue)]")
        }
    }

    static func printIdentity(participantId: String, encryptionKey: EncryptionPublicKey) throws {
        try CLIOutput.printJSON([
            "participant": .string(participantId),
            "encryptionKey": .object(["kind": .string(encryptionKey.kind.rawValue), "publicKey": .string(Hex.encode(encryptionKey.rawBytes))]),
        ])
    }
}

struct OrgInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the organisation's signing and encryption keys; print its participant id and public encryption key.",
        discussion: "Keys are encrypted under $CROSSTRACE_ORG_PASSPHRASE, or written unencrypted (with a warning) when it is unset.")

    @Option(help: "Node home directory.") var home: String
    @Option(help: "Chain profile: standard (P-256 or Ed25519, X25519) or national (SM2).") var profile: String = "standard"
    @Option(help: "Signature scheme (default: the profile's, p256 or sm2).") var scheme: String?

    func run() throws {
        guard let profile = CryptoProfile(rawValue: self.profile) else {
            throw CodeCLI.fail("--profile: must be 'standard' or 'national' [invalidScope]")
        }
        let algorithm = try scheme.map { name in try OrgCommand.reportingAuthErrors { try Self.algorithm(name) } }
        try OrgCommand.reportingAuthErrors {
            guard FileManager.default.fileExists(atPath: home) else {
                throw AuthError(.storage, field: "--home", rule: "\(home) does not exist")
            }
            let keys = try OrganisationKeys.generate(profile: profile, algorithm: algorithm)
            let passphrase = OrgCommand.passphrase()
            if passphrase == nil { CLIInput.warn("CROSSTRACE_ORG_PASSPHRASE is unset: writing unencrypted organisation key files") }
            try keys.save(home: home, passphrase: passphrase)
            try OrgCommand.printIdentity(participantId: keys.participantId, encryptionKey: keys.encryptionKey.publicKey)
        }
    }

    static func algorithm(_ name: String) throws -> SignatureAlgorithm {
        guard let algorithm = SignatureAlgorithm(rawValue: name) else {
            throw AuthError(.invalidScope, field: "--scheme", rule: "one of \(SignatureAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return algorithm
    }
}

struct OrgShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print the organisation's participant id and public encryption key (no passphrase needed).")

    @Option(help: "Node home directory.") var home: String

    func run() throws {
        try OrgCommand.reportingAuthErrors {
            let identity = try OrganisationKeys.publicIdentity(home: home)
            try OrgCommand.printIdentity(participantId: identity.participantId, encryptionKey: identity.encryptionKey)
        }
    }
}
