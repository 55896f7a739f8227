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

    /// UTF-8 of `member` and of each kept code, compared with a string's bytes in place.
    let memberUTF8: [UInt8]
    let keepUTF8: [[UInt8]]

    public init(path: [String], member: String, keep: Set<String>) {
        self.path = path
        self.member = member
        self.keep = keep
        memberUTF8 = Array(member.utf8)
        keepUTF8 = keep.map { Array($0.utf8) }
    }

    /// Whether unescaped string bytes `raw` are `member`.
    func isMember(_ raw: Slice<UnsafeBufferPointer<UInt8>>) -> Bool { Self.same(raw, memberUTF8) }

    /// Whether unescaped string bytes `raw` are a kept code: compared in place
    /// against a few codes, looked up as a string against many.
    func keeps(_ raw: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard keepUTF8.count <= 8 else { return keep.contains(String(decoding: raw, as: UTF8.self)) }
        return keepUTF8.contains { Self.same(raw, $0) }
    }

    /// Byte equality from the end: codes of one product differ in their serial, at the end.
    static func same(_ raw: Slice<UnsafeBufferPointer<UInt8>>, _ bytes: [UInt8]) -> Bool {
        guard raw.count == bytes.count else { return false }
        var index = bytes.count
        var rawIndex = raw.endIndex
        while index > 0 {
            index -= 1
            rawIndex -= 1
            if raw[rawIndex] != bytes[index] { return false }
        }
        return true
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
            if try skimElement(depth: depth + 1, pruning) {
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

    /// Skips one value; true when it is an object whose string member `member`
    /// (the last, if repeated) is a kept code. Names and codes are compared as
    /// bytes where they hold no escape, so a left-out element builds no string.
    private mutating func skimElement(depth: Int, _ pruning: CanonicalJSONPruning) throws(CanonicalJSONError) -> Bool {
        guard peek() == UInt8(ascii: "{") else { try skipValue(depth: depth); return false }
        guard depth <= CanonicalJSON.depthMax else { throw CanonicalJSONError(.tooDeep, offset: offset) }
        offset += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { offset += 1; return false }
        var kept = false
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw CanonicalJSONError(.invalidSyntax, offset: offset) }
            let isMember = switch try skimString() {
            case .raw(let raw): pruning.isMember(raw)
            case .text(let text): text == pruning.member
            }
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            if isMember, peek() == UInt8(ascii: "\"") {
                kept = switch try skimString() {
                case .raw(let raw): pruning.keeps(raw)
                case .text(let text): pruning.keep.contains(text)
                }
            } else {
                try skipValue(depth: depth + 1)
            }
            skipWhitespace()
            if peek() == UInt8(ascii: ",") { offset += 1; continue }
            try expect(UInt8(ascii: "}"))
            return kept
        }
    }

    /// A skimmed string: its bytes in place when it holds no escape, else its text.
    enum Skimmed {
        case raw(Slice<UnsafeBufferPointer<UInt8>>)
        case text(String)
    }

    /// Past the string at `offset`, as bytes in place or, with an escape, parsed.
    private mutating func skimString() throws(CanonicalJSONError) -> Skimmed {
        let start = offset
        guard try skipString() else { return .raw(bytes[(start + 1)..<(offset - 1)]) }
        offset = start
        return .text(try parseString())
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
    /// True when the string holds an escape.
    @discardableResult
    private mutating func skipString() throws(CanonicalJSONError) -> Bool {
        let start = offset
        var escaped = false
        offset += 1
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            if byte == UInt8(ascii: "\"") { return escaped }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                offset += 1
            } else if byte < 0x20 {
                throw CanonicalJSONError(.invalidSyntax, offset: offset - 1)
            }
        }
        throw CanonicalJSONError(.invalidSyntax, offset: start)
    }
}
