import Synchronization

/// Parsed SM2 public keys by their 65-byte point, so verifying many
/// signatures of one signer (votes of a validator set) parses and curve-checks
/// its key once. Bounded: emptied when `capacity` keys are held. Only valid
/// points are cached; `SM2Key` objects are immutable and shared across threads.
enum SM2KeyCache {
    static let capacity = 1024
    private static let keys = Mutex<[[UInt8]: SM2Key]>([:])

    static func publicKey(_ point: [UInt8]) throws(TraceCryptoError) -> SM2Key {
        if let cached = keys.withLock({ $0[point] }) { return cached }
        let key = try SM2Key.fromPublic(point)
        keys.withLock { keys in
            if keys.count >= capacity { keys.removeAll(keepingCapacity: true) }
            keys[point] = key
        }
        return key
    }
}
