/// The small file-system protocol the node's durable state is written
/// through: the consensus WAL and the signer state (R-5.3.1, crash safety).
/// A real node backs it with `FileDurableStore` (files and fsync); the
/// simulator with its faulty `SimulatedDisk`, so the same WAL and signer-state
/// code runs on both.
public protocol DurableStore: AnyObject {
    /// The file's current bytes, synced or not (empty if absent).
    func read(_ name: String) throws -> [UInt8]
    /// The file's current size in bytes, synced or not (0 if absent).
    func size(_ name: String) throws -> Int
    /// Appends bytes; they may be lost or torn by a crash until `sync`.
    func append(_ name: String, _ bytes: [UInt8]) throws
    /// Makes every earlier append durable (and the file's name, if new).
    func sync(_ name: String) throws
    /// Cuts the file to `size` bytes, durably.
    func truncate(_ name: String, to size: Int) throws
    /// Replaces the whole file durably: after a crash it holds the old or the new bytes, never a mix.
    func writeAtomically(_ name: String, _ bytes: [UInt8]) throws
}

/// Why a durable read or write failed, or why stored state was refused.
/// Equality is on `code` only (STYLE.md #8).
public struct DurabilityError: Error, Hashable, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        /// A file name outside the safe charset (path traversal, empty, too long).
        case invalidName
        /// The operating system refused an operation (`rule` holds errno's text).
        case io
        /// A file or record is larger than its bound.
        case tooLarge
        /// Stored bytes with a valid checksum that do not decode.
        case corrupted
        /// A signer state below the last one stored.
        case regression
        /// Different bytes for a (height, round, step) already signed.
        case conflict
    }
    public let code: Code
    /// The file concerned.
    public let file: String
    /// The operation that failed (`open`, `fsync`, `rename`, `load`, …).
    public let operation: String
    /// What went wrong, in words.
    public let rule: String

    public init(_ code: Code, file: String, operation: String, rule: String) {
        self.code = code
        self.file = file
        self.operation = operation
        self.rule = rule
    }

    public var description: String { "durability: \(code.rawValue) on '\(file)' during \(operation): \(rule)" }
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
