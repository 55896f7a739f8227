/// What a parse may leave out (issue 7): the elements of the array found at
/// `path` (object member names from the root) that are not objects whose string
/// member `member` is in `keep` read as `null`, each in its place, so the kept
/// elements keep their indices. A left-out element is checked for structure only
/// (brackets, strings, literals and integers), not for UTF-8, escapes or
/// duplicate names; a kept one is parsed whole. A trace query reads a
/// `recordBatch` transaction for the records of one unit out of ten.
public struct CanonicalJSONPruning: Sendable, Hashable {
    public let path: [String]
    public let member: String
    public let keep: Set<String>

    public init(path: [String], member: String, keep: Set<String>) {
        self.path = path
        self.member = member
        self.keep = keep
    }
}

extension CanonicalJSONParser {
    /// The top-level member `name` of the JSON object `bytes`, parsed alone (the
    /// members before it are skimmed, those after it not read); nil when absent.
    public static func member(_ name: String, of bytes: [UInt8],
                              sizeMax: Int = sizeMaxDefault) throws(CanonicalJSONError) -> CanonicalJSON? {
        guard bytes.count <= sizeMax else { throw CanonicalJSONError(.tooLarge, offset: sizeMax) }
        let result = bytes.withUnsafeBufferPointer { buffer in
            var parser = CanonicalJSONParser(buffer, pruning: nil)
            return Result { () throws(CanonicalJSONError) -> CanonicalJSON? in try parser.findMember(name) }
        }
        return try result.get()
    }

    private mutating func findMember(_ name: String) throws(CanonicalJSONError) -> CanonicalJSON? {
        skipWhitespace()
        var found: CanonicalJSON?
        try walkMembers { parser, key throws(CanonicalJSONError) in
            if key == name {
                found = try parser.parseValue(depth: 1, path: nil)
                return true
            }
            try parser.skipValue(depth: 1)
            return false
        }
        return found
    }

    /// Reads the object at `offset` member by member: the name and colon here,
    /// the value by `value`, which returns true to stop after it.
    private mutating func walkMembers(_ value: (inout Self, String) throws(CanonicalJSONError) -> Bool) throws(CanonicalJSONError) {
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { offset += 1; return }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw CanonicalJSONError(.invalidSyntax, offset: offset) }
            let key = try parseString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            if try value(&self, key) { return }
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { offset += 1; continue }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    mutating func parsePrunedArray(depth: Int, _ pruning: CanonicalJSONPruning) throws(CanonicalJSONError) -> CanonicalJSON {
        offset += 1
        var items: [CanonicalJSON] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { offset += 1; return .array(items) }
        while true {
            skipWhitespace()
            let start = offset
            if let name = try skimElement(depth: depth + 1, member: pruning.member), pruning.keep.contains(name) {
                offset = start
                items.append(try parseValue(depth: depth + 1, path: nil))
            } else {
                items.append(.null)
            }
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { offset += 1; continue }
            try expect(UInt8(ascii: "]"))
            return .array(items)
        }
    }

    /// Skips one value; for an object, returns its string member `member` when it has one.
    private mutating func skimElement(depth: Int, member: String) throws(CanonicalJSONError) -> String? {
        guard peek() == UInt8(ascii: "{") else { try skipValue(depth: depth); return nil }
        guard depth <= CanonicalJSON.depthMax else { throw CanonicalJSONError(.tooDeep, offset: offset) }
        var found: String?
        try walkMembers { parser, key throws(CanonicalJSONError) in
            parser.skipWhitespace()
            if key == member, parser.peek() == UInt8(ascii: "\"") {
                found = try parser.parseString()
            } else {
                try parser.skipValue(depth: depth + 1)
            }
            return false
        }
        return found
    }

    /// Moves past one value, checking its structure but building nothing.
    mutating func skipValue(depth: Int) throws(CanonicalJSONError) {
        guard depth <= CanonicalJSON.depthMax else { throw CanonicalJSONError(.tooDeep, offset: offset) }
        skipWhitespace()
        guard let byte = peek() else { throw CanonicalJSONError(.invalidSyntax, offset: offset) }
        switch byte {
        case UInt8(ascii: "{"): try skipMembers(depth: depth)
        case UInt8(ascii: "["): try skipItems(depth: depth)
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try expectLiteral("true")
        case UInt8(ascii: "f"): try expectLiteral("false")
        case UInt8(ascii: "n"): try expectLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try parseInteger()
        default: throw CanonicalJSONError(.invalidSyntax, offset: offset)
        }
    }

    private mutating func skipMembers(depth: Int) throws(CanonicalJSONError) {
        offset += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { offset += 1; return }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw CanonicalJSONError(.invalidSyntax, offset: offset) }
            try skipString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            try skipValue(depth: depth + 1)
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { offset += 1; continue }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    private mutating func skipItems(depth: Int) throws(CanonicalJSONError) {
        offset += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { offset += 1; return }
        while true {
            try skipValue(depth: depth + 1)
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { offset += 1; continue }
            try expect(UInt8(ascii: "]"))
            return
        }
    }

    /// Past a string's closing quote; an escape's next byte is taken as it is.
    private mutating func skipString() throws(CanonicalJSONError) {
        let start = offset
        offset += 1
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            if byte == UInt8(ascii: "\"") { return }
            if byte == UInt8(ascii: "\\") {
                offset += 1
            } else if byte < 0x20 {
                throw CanonicalJSONError(.invalidSyntax, offset: offset - 1)
            }
        }
        throw CanonicalJSONError(.invalidSyntax, offset: start)
    }
}
