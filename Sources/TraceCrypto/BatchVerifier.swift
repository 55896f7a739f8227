import Dispatch
import Foundation
import Synchronization

/// One signature to check: the signed bytes, who claims to have signed, the signature.
public struct SignatureCheck: Sendable, Hashable {
    public let message: [UInt8]
    public let publicKey: PublicKey
    public let signature: Signature

    public init(message: [UInt8], publicKey: PublicKey, signature: Signature) {
        self.message = message
        self.publicKey = publicKey
        self.signature = signature
    }
}

/// Verifies batches of signatures across all cores and never twice for the
/// same (transaction id, public key, signature bytes) in one node: the hot path
/// of every validator (issue 3 §4).
///
/// The transaction id is the profile hash of the signed bytes, computed here,
/// never of the signature (ECDSA and SM2 signatures are randomised and
/// malleable). The cache key adds the public key so a cached "valid" can never
/// vouch for another signer. Results, valid or not, are cached in two
/// generations: when the young one fills, it becomes the old one and the old
/// one is dropped, so at most `capacity` entries are ever held.
public final class BatchVerifier: Sendable {
    public let profile: CryptoProfile
    public let capacity: Int
    private let cache: Mutex<Generations>
    /// Times a signature was actually checked (not answered from the cache).
    private let checkCount = Atomic<Int>(0)

    private struct Generations {
        var young: [CacheKey: Bool] = [:]
        var old: [CacheKey: Bool] = [:]
    }

    public init(profile: CryptoProfile, capacity: Int = 1 << 16) {
        precondition(capacity >= 2, "cache capacity must be at least 2")
        self.profile = profile
        self.capacity = capacity
        self.cache = Mutex(Generations())
    }

    /// How many signature checks ran (cache misses) since creation.
    public var verificationCount: Int { checkCount.load(ordering: .relaxed) }

    /// One result per input, in order. A scheme the profile does not admit is
    /// invalid. Repeats inside one batch are checked once.
    public func verify(_ batch: [SignatureCheck]) -> [Bool] {
        let keys = batch.map(cacheKey)
        var known: [CacheKey: Bool] = [:]
        cache.withLock { cache in
            for key in keys { if let hit = cache.young[key] ?? cache.old[key] { known[key] = hit } }
        }
        var pendingIndex: [CacheKey: Int] = [:]
        var pending: [Int] = []
        for (index, key) in keys.enumerated() where known[key] == nil && pendingIndex[key] == nil {
            pendingIndex[key] = index
            pending.append(index)
        }
        let fresh = checkInParallel(pending.map { batch[$0] })
        cache.withLock { cache in
            for (slot, index) in pending.enumerated() { remember(keys[index], fresh[slot], in: &cache) }
        }
        for (slot, index) in pending.enumerated() { known[keys[index]] = fresh[slot] }
        return keys.map { known[$0] ?? false }
    }

    /// The transaction id of signed bytes under this profile.
    public func transactionId(_ message: [UInt8]) -> [UInt8] { profile.hash.hash(message) }

    /// A digest as a dictionary key, hashed in one call over its bytes.
    struct CacheKey: Hashable, Sendable {
        let digest: [UInt8]
        func hash(into hasher: inout Hasher) { digest.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }

    private func cacheKey(_ item: SignatureCheck) -> CacheKey {
        var writer = CanonicalWriter(domain: "crosstrace/verify-cache/v1\n")
        writer.writeBytes(transactionId(item.message))
        writer.writeString(item.publicKey.algorithm.rawValue)
        writer.writeBytes(item.publicKey.rawBytes)
        writer.writeString(item.signature.algorithm.rawValue)
        writer.writeBytes(item.signature.rawBytes)
        return CacheKey(digest: profile.hash.hash(writer.bytes))
    }

    private func remember(_ key: CacheKey, _ valid: Bool, in cache: inout Generations) {
        if cache.young.count >= capacity / 2 {
            cache.old = cache.young
            cache.young = [:]
        }
        cache.young[key] = valid
    }

    private func checkInParallel(_ items: [SignatureCheck]) -> [Bool] {
        guard !items.isEmpty else { return [] }
        let chunkCount = min(items.count, max(1, ProcessInfoCores.count * 4))
        let results = Mutex([Bool](repeating: false, count: items.count))
        let profile = self.profile
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = Self.range(of: chunk, chunkCount: chunkCount, total: items.count)
            let local = range.map { index in
                profile.admits(items[index].signature.algorithm)
                    && items[index].publicKey.isValidSignature(items[index].signature, for: items[index].message)
            }
            results.withLock { all in for (offset, index) in range.enumerated() { all[index] = local[offset] } }
        }
        checkCount.add(items.count, ordering: .relaxed)
        return results.withLock { $0 }
    }

    private static func range(of chunk: Int, chunkCount: Int, total: Int) -> Range<Int> {
        (chunk * total / chunkCount)..<((chunk + 1) * total / chunkCount)
    }
}

/// The number of cores to spread work over.
enum ProcessInfoCores {
    static var count: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
