import TraceLedger

/// A crash injected at a durable-write point.
public struct SimulatedCrash: Error, Hashable, Sendable {
    public let operation: String
}

/// The simulator's `DurableStore` (the protocol is TraceLedger's, so the
/// node's real `ConsensusWAL` and `SignerStateFile` run on it): storage that
/// loses unsynced writes on a crash, can tear the last record (keeping any
/// prefix of the unsynced bytes), and can crash the node at its k-th
/// durable-write operation.
public final class SimulatedDisk: DurableStore {
    private struct File { var synced: [UInt8] = []; var unsynced: [UInt8] = [] }
    private var files: [String: File] = [:]
    /// Crash at the operation that brings this to zero.
    public var operationsUntilCrash: Int?
    public private(set) var operations = 0

    public init() {}

    public func read(_ name: String) throws -> [UInt8] {
        let file = files[name] ?? File()
        return file.synced + file.unsynced
    }

    public func size(_ name: String) throws -> Int { (files[name]?.synced.count ?? 0) + (files[name]?.unsynced.count ?? 0) }

    /// Bytes that survive any crash.
    public func durableSize(_ name: String) -> Int { files[name]?.synced.count ?? 0 }

    public func append(_ name: String, _ bytes: [UInt8]) throws {
        files[name, default: File()].unsynced += bytes
        try writePoint("append \(name)")
    }

    public func sync(_ name: String) throws {
        try writePoint("sync \(name)")
        var file = files[name, default: File()]
        file.synced += file.unsynced
        file.unsynced = []
        files[name] = file
    }

    public func truncate(_ name: String, to size: Int) throws {
        try writePoint("truncate \(name)")
        let all = try read(name)
        files[name] = File(synced: Array(all.prefix(max(0, size))), unsynced: [])
    }

    public func writeAtomically(_ name: String, _ bytes: [UInt8]) throws {
        try writePoint("write \(name)")
        files[name] = File(synced: bytes, unsynced: [])
    }

    /// The power goes out: each file keeps its synced bytes and a random
    /// prefix of its unsynced bytes (a torn tail).
    public func crash(using generator: inout SeededGenerator) {
        for name in files.keys.sorted() {
            guard var file = files[name], !file.unsynced.isEmpty else { continue }
            let kept = Int(generator.next() % UInt64(file.unsynced.count + 1))
            file.synced += file.unsynced.prefix(kept)
            file.unsynced = []
            files[name] = file
        }
    }

    private func writePoint(_ operation: String) throws {
        operations += 1
        guard let remaining = operationsUntilCrash else { return }
        if remaining <= 1 {
            operationsUntilCrash = nil
            throw SimulatedCrash(operation: operation)
        }
        operationsUntilCrash = remaining - 1
    }
}
