import Foundation

/// One record on the trade chain: an item of Tables 1–4 about one trace code
/// (R-6.3.1.3), with what EPCIS 2.0 needs later (business step, disposition,
/// read point, parent and child identifiers) and an optional position.
///
/// JSON (one tagged format, camelCase keys):
/// `{"item":"logistics.transport","traceCode":"https://id.gs1.org/01/…/21/…",
///   "recordedAt":"2026-03-01T08:30:00+08:00","data":{…}}`.
public struct Record: Sendable, Hashable, Codable {
    /// The canonical key of the trace code, e.g. `https://id.gs1.org/01/09521234543213/21/XYZ9`.
    public var traceCode: String
    public var recordedAt: Timestamp
    /// EPCIS business step (CBV name or URI).
    public var bizStep: String?
    /// EPCIS disposition (CBV name or URI).
    public var disposition: String?
    /// EPCIS read point (e.g. an SGLN URI).
    public var readPoint: String?
    /// The containing unit's code (aggregation: item → carton → pallet).
    public var parentID: String?
    /// Codes of the units this one contains.
    public var childIDs: [String]?
    public var location: LocationFix?
    public var data: RecordData

    public var item: RecordItem { data.item }

    public static let traceCodeLengthMax = 512
    public static let childIDsCountMax = 10_000

    public init(traceCode: String, recordedAt: Timestamp, data: RecordData, bizStep: String? = nil,
                disposition: String? = nil, readPoint: String? = nil, parentID: String? = nil,
                childIDs: [String]? = nil, location: LocationFix? = nil) {
        self.traceCode = traceCode
        self.recordedAt = recordedAt
        self.data = data
        self.bizStep = bizStep
        self.disposition = disposition
        self.readPoint = readPoint
        self.parentID = parentID
        self.childIDs = childIDs
        self.location = location
    }

    /// The envelope fields, in order; `data` takes the item's own field table.
    /// Each item's envelope, made once (making it per record showed in a validator's profile, issue 7).
    static let envelopeSpecs = Dictionary(uniqueKeysWithValues: RecordItem.allCases.map { ($0, envelopeSpec(data: $0.dataSpec)) })

    static func envelopeSpec(data: ObjectSpec) -> ObjectSpec {
        let code = FieldKind.text(maxLength: traceCodeLengthMax)
        return ObjectSpec([
            .context("item", .choice(RecordItem.allCases.map(\.rawValue)), "item id of Tables 1–4", required: true),
            .context("traceCode", code, "canonical trace code key (R-5.1)", required: true),
            .context("recordedAt", .timestamp, "time the record was made (R-5.3.2)", required: true),
            .context("bizStep", .identifier, "EPCIS business step"),
            .context("disposition", .identifier, "EPCIS disposition"),
            .context("readPoint", code, "EPCIS read point"),
            .context("parentID", code, "containing unit's code"),
            .context("childIDs", .list(code, maxCount: childIDsCountMax), "contained units' codes"),
            .context("location", .object(LocationFix.spec), "position fix (R-5.2)"),
            .context("data", .object(data), "the item's data items", required: true),
        ])
    }

    /// Reads and checks a record; errors name the JSON path (under `path`) and the rule.
    public init(json value: JSONValue, path: String = "$") throws {
        guard case .object(let members) = value else {
            throw FieldValidator.wrongType(value, "object", path)
        }
        guard let itemValue = members["item"] else {
            throw ModelValidationError(.missingField, field: path + ".item", rule: "is required (item id of Tables 1–4)")
        }
        guard case .string(let itemText) = itemValue, let item = RecordItem(rawValue: itemText) else {
            throw ModelValidationError(.unknownItem, field: path + ".item",
                rule: "must be an item id of Tables 1–4: \(RecordItem.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        try FieldValidator.validateObject(value, Self.envelopeSpecs[item] ?? Self.envelopeSpec(data: item.dataSpec), path: path)
        try self.init(checked: members, item: item, path: path)
    }

    private init(checked m: [String: JSONValue], item: RecordItem, path: String) throws {
        func text(_ key: String) -> String? {
            if case .string(let s)? = m[key] { return s }
            return nil
        }
        guard let code = text("traceCode"), let recorded = text("recordedAt"), let data = m["data"] else {
            throw ModelValidationError(.missingField, field: path, rule: "traceCode, recordedAt and data are required")
        }
        self.traceCode = try Self.canonicalTraceCode(code, field: path + ".traceCode")
        self.recordedAt = try Timestamp(recorded, field: path + ".recordedAt")
        self.bizStep = text("bizStep")
        self.disposition = text("disposition")
        self.readPoint = text("readPoint")
        self.parentID = text("parentID")
        if case .array(let ids)? = m["childIDs"] {
            self.childIDs = ids.compactMap { if case .string(let s) = $0 { s } else { nil } }
        }
        if let fix = m["location"] {
            self.location = try LocationFix(json: fix, path: path + ".location")
        }
        do {
            self.data = try RecordData(item: item, checked: data)
        } catch let error as ModelValidationError {
            throw error
        } catch {
            throw ModelValidationError(.wrongType, field: path + ".data", rule: "does not match the fields of \(item.rawValue)")
        }
    }

    public init(from decoder: any Decoder) throws {
        try self.init(json: try JSONValue(from: decoder), path: jsonPath(decoder.codingPath))
    }

    private enum Key: String, CodingKey {
        case item, traceCode, recordedAt, bizStep, disposition, readPoint, parentID, childIDs, location, data
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(item, forKey: .item)
        try c.encode(traceCode, forKey: .traceCode)
        try c.encode(recordedAt, forKey: .recordedAt)
        try c.encodeIfPresent(bizStep, forKey: .bizStep)
        try c.encodeIfPresent(disposition, forKey: .disposition)
        try c.encodeIfPresent(readPoint, forKey: .readPoint)
        try c.encodeIfPresent(parentID, forKey: .parentID)
        try c.encodeIfPresent(childIDs, forKey: .childIDs)
        try c.encodeIfPresent(location, forKey: .location)
        try c.encode(data.payload, forKey: .data)
    }

    /// Checks the record against its field tables (for values built in Swift).
    public func validated() throws -> Record {
        let json: JSONValue
        do {
            json = try jsonValue(of: self)
        } catch let error as ModelValidationError {
            throw error
        } catch {
            throw ModelValidationError(.outOfRange, field: "$", rule: "numbers must be finite")
        }
        return try Record(json: json)
    }
}

/// Reading a JSON array of records (a unit's records file).
public enum RecordList {
    public static let recordsCountMax = 100_000

    /// Parses and checks every record; the first error names `$[i]…` and the rule.
    public static func decode(_ data: Data) throws -> [Record] {
        let value = try JSONValue.parse(data)
        guard case .array(let items) = value else { throw FieldValidator.wrongType(value, "array of records", "$") }
        guard items.count <= recordsCountMax else {
            throw ModelValidationError(.tooMany, field: "$", rule: "may hold at most \(recordsCountMax) records")
        }
        return try items.enumerated().map { index, item in try Record(json: item, path: "$[\(index)]") }
    }

    /// Canonical JSON of records: sorted keys, one array.
    public static func encode(_ records: [Record]) throws -> String {
        try JSONValue.array(records.map { try jsonValue(of: $0) }).serialized()
    }
}
