import TraceCrypto
import TraceModel

extension PayloadFields {
    /// A JSON integer in `range`; nil when absent.
    func integer(_ name: String, in range: ClosedRange<Int64>) throws(MembershipRefusal) -> Int64? {
        guard let value = members[name] else { return nil }
        guard case .integer(let number) = value, range.contains(number) else {
            throw MembershipRefusal(.invalidPayload, field: name, rule: "must be an integer in \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    /// `{"height": h, "index": i, "record"?: k}`: the record a correction supersedes —
    /// the one of a `record` transaction, or record `k` of a `recordBatch` (R-5.1-c, issue 7).
    func recordTarget(_ name: String) throws(MembershipRefusal) -> RecordTarget {
        let inner = try object(name)
        try inner.onlyMembers(["height", "index", "record"])
        guard let height = try inner.integer("height", in: 1...CanonicalJSON.integerMagnitudeMax),
              let index = try inner.integer("index", in: 0...Int64(UInt32.max)) else {
            throw MembershipRefusal(.invalidPayload, field: name, rule: "needs height and index")
        }
        let record = try inner.integer("record", in: 0...Int64(TraceBatch.recordsMax - 1)).map { UInt32($0) }
        return RecordTarget(position: RecordPosition(height: UInt64(height), index: UInt32(index)), record: record)
    }

    /// A trace code in any form, as its parsed code.
    func traceCode(_ name: String) throws(MembershipRefusal) -> TraceCode {
        try TracePayload.parse(try string(name, maxBytes: Record.traceCodeLengthMax), field: name)
    }

    /// An array of at most `maxCount` JSON objects.
    func objects(_ name: String, maxCount: Int) throws(MembershipRefusal) -> [PayloadFields] {
        guard case .array(let items)? = members[name] else {
            throw MembershipRefusal(.invalidPayload, field: name, rule: "required array member is missing or not an array")
        }
        guard items.count <= maxCount else { throw MembershipRefusal(.tooLarge, field: name, rule: "at most \(maxCount) items") }
        var out: [PayloadFields] = []
        for (index, item) in items.enumerated() {
            guard case .object(let inner) = item else {
                throw MembershipRefusal(.invalidPayload, field: "\(name)[\(index)]", rule: "must be an object")
            }
            out.append(PayloadFields(members: inner))
        }
        return out
    }
}

/// A record on the chain: a transaction's position and, inside a `recordBatch`, the record's place.
struct RecordTarget: Hashable, CustomStringConvertible {
    let position: RecordPosition
    let record: UInt32?

    /// `height.index`, or `height.index.k` for record `k` of a batch.
    var description: String { position.description + (record.map { ".\($0)" } ?? "") }
}

enum TracePayload {
    /// A canonical key carries no dates, so the GS1 century rule's reference date never changes it.
    static func parse(_ text: String, field: String) throws(MembershipRefusal) -> TraceCode {
        do {
            return try TraceCode.parse(text, referenceDate: .formCheckReference)
        } catch {
            throw MembershipRefusal(.invalidPayload, field: field, rule: "must be a trace code (R-5.1): \(error.field): \(error.rule)")
        }
    }

    /// The model's JSON for a transaction's canonical JSON (integers become numbers).
    static func jsonValue(_ value: CanonicalJSON) -> JSONValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .integer(let number): .number(Double(number))
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(jsonValue))
        case .object(let members): .object(members.mapValues(jsonValue))
        }
    }

    /// Runs a TraceModel check, turning its error into a refusal under `prefix`.
    static func model<T>(_ prefix: String, _ body: () throws -> T) throws(MembershipRefusal) -> T {
        do { return try body() } catch let refusal as MembershipRefusal {
            throw refusal
        } catch let error as ModelValidationError {
            let field = error.field.hasPrefix("$") ? prefix + error.field.dropFirst()
                : prefix.isEmpty || error.field.hasPrefix(prefix) ? error.field : prefix + "." + error.field
            throw MembershipRefusal(.invalidPayload, field: field, rule: error.rule)
        } catch {
            throw MembershipRefusal(.invalidPayload, field: prefix, rule: "\(error)")
        }
    }
}
