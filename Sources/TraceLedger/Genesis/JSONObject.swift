import TraceCrypto

/// A strict reader of one JSON object: exactly the expected members, each of
/// the expected type, errors naming the member's path.
struct JSONObject {
    static let arrayCountMax = 10_000
    let members: [String: CanonicalJSON]
    let field: String

    init(_ value: CanonicalJSON, field: String, members expected: [String]) throws(GenesisError) {
        guard case .object(let members) = value else {
            throw GenesisError(.invalidField, field: field.isEmpty ? "file" : field, rule: "must be an object")
        }
        for name in members.keys.sorted() where !expected.contains(name) {
            throw GenesisError(.unknownField, field: Self.path(field, name), rule: "not a member of this object")
        }
        for name in expected where members[name] == nil {
            throw GenesisError(.missingField, field: Self.path(field, name), rule: "required")
        }
        self.members = members
        self.field = field
    }

    static func path(_ parent: String, _ name: String) -> String { parent.isEmpty ? name : parent + "." + name }

    func member(_ name: String) -> CanonicalJSON { members[name] ?? .null }

    func string(_ name: String) throws(GenesisError) -> String {
        try Self.string(member(name), field: Self.path(field, name))
    }

    static func string(_ value: CanonicalJSON, field: String) throws(GenesisError) -> String {
        guard case .string(let text) = value else { throw GenesisError(.invalidField, field: field, rule: "must be a string") }
        return text
    }

    func integer(_ name: String) throws(GenesisError) -> Int64 {
        guard case .integer(let value) = member(name) else {
            throw GenesisError(.invalidField, field: Self.path(field, name), rule: "must be an integer")
        }
        return value
    }

    func integer<T: FixedWidthInteger>(_ name: String, in range: ClosedRange<Int64>, as: T.Type) throws(GenesisError) -> T {
        let value = try integer(name)
        guard range.contains(value), let converted = T(exactly: value) else {
            throw GenesisError(.invalidField, field: Self.path(field, name), rule: "must be in \(range.lowerBound)...\(range.upperBound)")
        }
        return converted
    }

    func array<T>(_ name: String, _ element: (CanonicalJSON, String) throws(GenesisError) -> T) throws(GenesisError) -> [T] {
        let path = Self.path(field, name)
        guard case .array(let items) = member(name) else { throw GenesisError(.invalidField, field: path, rule: "must be an array") }
        guard items.count <= Self.arrayCountMax else {
            throw GenesisError(.invalidField, field: path, rule: "at most \(Self.arrayCountMax) items")
        }
        var out: [T] = []
        for (index, item) in items.enumerated() { out.append(try element(item, "\(path)[\(index)]")) }
        return out
    }
}
