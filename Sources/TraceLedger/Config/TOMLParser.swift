/// A strict parser for the TOML subset of `node.toml`: comments, `[table]`
/// and `[[array-of-tables]]` headers with bare names, `key = value` with bare
/// keys, and the values of `TOMLValue`. Anything else of TOML 1.0 (dotted or
/// quoted keys, floats, dates, inline tables, multi-line strings, nested
/// arrays) is refused with its line and column. Bounded in size and counts.
public struct TOMLParser {
    public static let sizeMax = 1 << 20
    public static let arrayCountMax = 10_000
    public static let keyBytesMax = 128

    let bytes: [UInt8]
    var offset = 0
    var line = 1
    var lineStart = 0
    var document = TOMLDocument(tables: [TOMLTable(name: "", isArrayElement: false, line: 1, entries: [])])

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    public static func parse(_ text: String) throws(ConfigError) -> TOMLDocument { try parse(Array(text.utf8)) }

    public static func parse(_ bytes: [UInt8]) throws(ConfigError) -> TOMLDocument {
        guard bytes.count <= sizeMax else {
            throw ConfigError(.unreadable, field: "file", rule: "at most \(sizeMax) bytes")
        }
        var parser = TOMLParser(bytes)
        try parser.checkUTF8()
        try parser.parseDocument()
        return parser.document
    }

    var column: Int { offset - lineStart + 1 }

    /// Refuses invalid UTF-8 at the first bad byte, with its line and column.
    private mutating func checkUTF8() throws(ConfigError) {
        var decoder = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var position = 0
        while true {
            switch decoder.parseScalar(from: &iterator) {
            case .valid(let encoded): position += encoded.count
            case .emptyInput: return
            case .error:
                while offset < position {
                    if bytes[offset] == UInt8(ascii: "\n") { line += 1; lineStart = offset + 1 }
                    offset += 1
                }
                throw error("not valid UTF-8")
            }
        }
    }

    func error(_ rule: String, field: String = "file") -> ConfigError {
        ConfigError(.syntax, field: field, rule: rule, line: line, column: column)
    }

    func peek(_ ahead: Int = 0) -> UInt8? { offset + ahead < bytes.count ? bytes[offset + ahead] : nil }

    private mutating func parseDocument() throws(ConfigError) {
        while true {
            try skipBlank(newlines: true)
            guard let byte = peek() else { return }
            if byte == UInt8(ascii: "[") { try parseHeader() } else { try parseKeyValue() }
            try endOfStatement()
        }
    }

    /// Spaces, tabs and comments; with `newlines`, also line ends.
    mutating func skipBlank(newlines: Bool) throws(ConfigError) {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): offset += 1
            case UInt8(ascii: "#"): try skipComment()
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                guard newlines else { return }
                try consumeNewline()
            default: return
            }
        }
    }

    private mutating func skipComment() throws(ConfigError) {
        while let byte = peek(), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") {
            guard byte >= 0x20 || byte == 0x09, byte != 0x7f else { throw error("control character in a comment") }
            offset += 1
        }
    }

    private mutating func consumeNewline() throws(ConfigError) {
        if peek() == UInt8(ascii: "\r") {
            guard peek(1) == UInt8(ascii: "\n") else { throw error("a carriage return must be followed by a line feed") }
            offset += 1
        }
        offset += 1
        line += 1
        lineStart = offset
    }

    private mutating func endOfStatement() throws(ConfigError) {
        try skipBlank(newlines: false)
        guard let byte = peek() else { return }
        guard byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else {
            throw error("expected the end of the line")
        }
        try consumeNewline()
    }

    private mutating func parseHeader() throws(ConfigError) {
        let headerLine = line
        offset += 1
        let isArray = peek() == UInt8(ascii: "[")
        if isArray { offset += 1 }
        try skipBlank(newlines: false)
        let name = try parseBareKey(what: "table name")
        try skipBlank(newlines: false)
        for _ in 0..<(isArray ? 2 : 1) {
            guard peek() == UInt8(ascii: "]") else { throw error(isArray ? "expected ']]' after the table name" : "expected ']' after the table name") }
            offset += 1
        }
        if document.tables.contains(where: { $0.name == name && (!isArray || !$0.isArrayElement) }) {
            throw ConfigError(.duplicateKey, field: name, rule: "table defined twice or both as [table] and [[table]]",
                              line: headerLine, column: 1)
        }
        document.tables.append(TOMLTable(name: name, isArrayElement: isArray, line: headerLine, entries: []))
    }

    private mutating func parseKeyValue() throws(ConfigError) {
        let keyColumn = column
        let key = try parseBareKey(what: "key")
        try skipBlank(newlines: false)
        if peek() == UInt8(ascii: ".") { throw error("dotted keys are not supported", field: key) }
        guard peek() == UInt8(ascii: "=") else { throw error("expected '=' after the key", field: key) }
        offset += 1
        try skipBlank(newlines: false)
        let valueLine = line, valueColumn = column
        let value = try parseValue(field: key)
        let index = document.tables.count - 1
        if document.tables[index].entry(key) != nil {
            throw ConfigError(.duplicateKey, field: qualified(key), rule: "key defined twice in the same table",
                              line: valueLine, column: keyColumn)
        }
        document.tables[index].entries.append(TOMLEntry(key: key, value: value, line: valueLine, column: valueColumn))
    }

    func qualified(_ key: String) -> String {
        let table = document.tables.last?.name ?? ""
        return table.isEmpty ? key : table + "." + key
    }

    /// `[A-Za-z0-9_-]+`, at most `keyBytesMax` bytes.
    private mutating func parseBareKey(what: String) throws(ConfigError) -> String {
        let start = offset
        while let byte = peek(), Self.isBareKeyByte(byte) { offset += 1 }
        guard offset > start else {
            if peek() == UInt8(ascii: "\"") || peek() == UInt8(ascii: "'") { throw error("quoted \(what)s are not supported") }
            throw error("expected a \(what) of [A-Za-z0-9_-]")
        }
        guard offset - start <= Self.keyBytesMax else { throw error("\(what) longer than \(Self.keyBytesMax) bytes") }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
