import COpenSSL

/// Point arithmetic on sm2p256v1 through OpenSSL's `EC_POINT` functions,
/// used to validate public points and derive d·G. A fresh group per call keeps
/// every call free of shared mutable state.
enum SM2Curve {
    /// Whether `point` is a 65-byte uncompressed point on the curve (not infinity).
    static func isValidPoint(_ point: [UInt8]) -> Bool {
        guard point.count == 65, point[0] == 4 else { return false }
        // A refused point leaves entries on this thread's OpenSSL error queue.
        defer { ERR_clear_error() }
        return withGroup { group in
            guard let ecPoint = EC_POINT_new(group) else { return false }
            defer { EC_POINT_free(ecPoint) }
            guard EC_POINT_oct2point(group, ecPoint, point, 65, nil) == 1 else { return false }
            return EC_POINT_is_on_curve(group, ecPoint, nil) == 1 && EC_POINT_is_at_infinity(group, ecPoint) == 0
        }
    }

    /// d·G as a 65-byte uncompressed point.
    static func multiplyGenerator(_ scalar: [UInt8]) -> [UInt8]? {
        withGroup { group in
            guard let ecPoint = EC_POINT_new(group), let bn = BN_bin2bn(scalar, Int32(scalar.count), nil) else { return nil }
            defer { EC_POINT_free(ecPoint); BN_clear_free(bn) }
            guard EC_POINT_mul(group, ecPoint, bn, nil, nil, nil) == 1 else { return nil }
            var out = [UInt8](repeating: 0, count: 65)
            let written = EC_POINT_point2oct(group, ecPoint, POINT_CONVERSION_UNCOMPRESSED, &out, 65, nil)
            return written == 65 ? out : nil
        }
    }

    /// Big-endian comparison of equal-length unsigned integers.
    static func lessThan(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        precondition(lhs.count == rhs.count, "compare integers of one width")
        for (left, right) in zip(lhs, rhs) where left != right { return left < right }
        return false
    }

    /// value − 1 for a nonzero big-endian integer.
    static func subtractOne(_ value: [UInt8]) -> [UInt8] {
        var out = value
        var index = out.count - 1
        while index >= 0 {
            if out[index] > 0 { out[index] -= 1; return out }
            out[index] = 0xff
            index -= 1
        }
        preconditionFailure("subtractOne of zero")
    }

    private static func withGroup<T>(_ body: (OpaquePointer) -> T) -> T {
        guard let group = EC_GROUP_new_by_curve_name(NID_sm2) else { preconditionFailure("no sm2p256v1 in OpenSSL") }
        defer { EC_GROUP_free(group) }
        return body(group)
    }
}
