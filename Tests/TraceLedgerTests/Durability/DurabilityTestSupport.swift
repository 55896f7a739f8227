import Foundation
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// A fresh empty directory under the system temp directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "crosstrace-durability-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    /// The bytes on disk, read without the store.
    func rawBytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: file(name)))) }

    /// Replaces a file's bytes behind the store's back (a torn or corrupted write).
    func writeRaw(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: file(name))) }

    func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path).sorted() }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A signed vote for WAL and signer-state tests.
func durabilityVote(_ signer: any Signer, type: VoteType = .prevote, height: UInt64, round: UInt32,
                    block: UInt8?) throws -> Vote {
    let id = block.map { BlockID(hash: [UInt8](repeating: $0, count: 32)) }
    let bytes = Vote.signBytes(type: type, height: Height(height), round: Round(round), blockID: id, validatorIndex: 0, time: 7)
    return Vote(type: type, height: Height(height), round: Round(round), blockID: id, validatorIndex: 0, time: 7,
                signature: try signer.sign(bytes))
}

func position(_ height: UInt64, _ round: UInt32, _ step: UInt8) -> SignPosition {
    SignPosition(height: Height(height), round: Round(round), step: step)
}
