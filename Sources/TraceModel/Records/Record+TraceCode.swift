import Synchronization
extension Record {
    /// A record names its traceable unit by the unit's one canonical trace
    /// code key (R-5.1-a, R-6.3.1.3), so every record of a unit meets under
    /// one key whatever label was scanned. Anything else is refused with the
    /// broken rule, or with the key to write instead.
    static func canonicalTraceCode(_ text: String, field: String) throws -> String {
        if CanonicalKeyMemo.shared.contains(text) { return text }
        let parsed: TraceCode
        do {
            // A canonical key carries no dates, so the reference date of the
            // GS1 century rule cannot change the outcome.
            parsed = try TraceCode.parse(text, referenceDate: .formCheckReference)
        } catch {
            throw ModelValidationError(.invalidTraceCode, field: field,
                                       rule: "must be a trace code (R-5.1): \(error.field): \(error.rule)")
        }
        guard parsed.key == text else {
            throw ModelValidationError(.invalidTraceCode, field: field,
                                       rule: "must be the canonical trace code key; write \(parsed.key)")
        }
        CanonicalKeyMemo.shared.insert(text)
        return text
    }
}

/// Trace code keys already found canonical: a pure function's memo, so a
/// code recorded again (every event of a unit names it) is not parsed again
/// (issue 7: parsing was 4 % of a validator's loop under load). Two
/// generations bound it; only successes are kept, so every refusal is
/// computed and worded afresh.
final class CanonicalKeyMemo: Sendable {
    static let shared = CanonicalKeyMemo(capacity: 1 << 16)
    private let capacity: Int
    private let generations = Mutex<(young: Set<String>, old: Set<String>)>(([], []))

    init(capacity: Int) { self.capacity = capacity }

    func contains(_ key: String) -> Bool {
        generations.withLock { $0.young.contains(key) || $0.old.contains(key) }
    }

    func insert(_ key: String) {
        generations.withLock { memo in
            if memo.young.count >= capacity / 2 { memo = (young: [], old: memo.young) }
            memo.young.insert(key)
        }
    }
}
