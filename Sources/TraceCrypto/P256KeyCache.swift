import Crypto
import Synchronization

/// Parsed P-256 public keys by their 65-byte uncompressed point: every
/// transaction's signer key was parsed and curve-checked twice per validator
/// (the field check and the signature check), though a few signers send
/// nearly all transactions (issue 7). Bounded like `SM2KeyCache`: emptied
/// when `capacity` keys are held; only valid points are kept.
enum P256KeyCache {
    static let capacity = 1024
    private static let keys = Mutex<[ByteKey: P256.Signing.PublicKey]>([:])

    /// The key at `point`, or nil when it is not an uncompressed point on the curve.
    static func publicKey(_ point: [UInt8]) -> P256.Signing.PublicKey? {
        guard point.count == 65, point[0] == 4 else { return nil }
        if let cached = keys.withLock({ $0[ByteKey(point)] }) { return cached }
        guard let key = try? P256.Signing.PublicKey(x963Representation: point) else { return nil }
        keys.withLock { keys in
            if keys.count >= capacity { keys.removeAll(keepingCapacity: true) }
            keys[ByteKey(point)] = key
        }
        return key
    }
}
