/// GS1 element strings (GS1 General Specifications 7.8): the raw form a scanner returns,
/// with group separators (0x1D), and the human-readable form `(01)…(10)…`.
public enum ElementString {
    /// The group separator, FNC1 as transmitted by scanners.
    public static let groupSeparator: UInt8 = 0x1D
    /// Symbology identifiers (ISO/IEC 15424) that announce GS1 data.
    static let symbologyIdentifiers: Set<String> = ["]C1", "]e0", "]d2", "]Q3", "]J1"]

    /// The raw form: AI and value concatenated, a group separator after every value whose
    /// AI is not of predefined length, unless it is the last.
    public static func formatRaw(_ elements: [GS1Element]) -> String {
        var bytes: [UInt8] = []
        for (index, element) in elements.enumerated() {
            bytes += Array(element.ai.utf8) + Array(element.value.utf8)
            let predefined = AIDefinition.lookup(element.ai)?.predefinedLength ?? false
            if !predefined && index < elements.count - 1 { bytes.append(groupSeparator) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The human-readable form `(01)09521234543213(10)ABC123`.
    public static func formatBracketed(_ elements: [GS1Element]) -> String {
        elements.map { "(\($0.ai))\($0.value)" }.joined()
    }

    /// Parses either form; values are checked for length, characters and check digits.
    public static func parse(_ text: String) throws(TraceCodeError) -> [GS1Element] {
        let bytes = Array(text.utf8)
        guard bytes.count <= traceCodeInputBytesMax else {
            throw TraceCodeError(.length, field: "elementString", rule: "longer than \(traceCodeInputBytesMax) bytes")
        }
        let elements = bytes.first == UInt8(ascii: "(") ? try parseBracketed(bytes) : try parseRaw(bytes)
        for element in elements {
            try AIDefinition.lookup(element.ai)?.validate(element.value)
        }
        return elements
    }

    static func parseRaw(_ input: [UInt8]) throws(TraceCodeError) -> [GS1Element] {
        var position = try skipSymbologyIdentifier(input)
        if position < input.count && input[position] == groupSeparator { position += 1 }
        guard position < input.count else {
            throw TraceCodeError(.format, field: "elementString", rule: "no application identifier")
        }
        var elements: [GS1Element] = []
        while position < input.count {
            guard let definition = AIDefinition.match(input, at: position) else {
                throw unknownAI(input, at: position)
            }
            position += definition.ai.utf8.count
            let end = try valueEnd(input, from: position, definition: definition)
            elements.append(GS1Element(ai: definition.ai, value: String(decoding: input[position..<end], as: UTF8.self)))
            position = end
            guard position < input.count else { break }
            if input[position] == groupSeparator {
                position += 1
            } else if !definition.predefinedLength {
                throw TraceCodeError(
                    .separator, field: definition.field,
                    rule: "AI (\(definition.ai)) is not of predefined length: a group separator must follow unless it is last")
            }
        }
        return elements
    }

    /// Where the value that starts at `start` ends.
    static func valueEnd(_ input: [UInt8], from start: Int, definition: AIDefinition) throws(TraceCodeError) -> Int {
        if let length = definition.fixedLength {
            let end = start + length
            guard end <= input.count, !input[start..<end].contains(groupSeparator) else {
                throw TraceCodeError(.length, field: definition.field, rule: "AI (\(definition.ai)) is exactly \(length) characters")
            }
            return end
        }
        var end = start
        while end < input.count && input[end] != groupSeparator { end += 1 }
        return end
    }

    static func skipSymbologyIdentifier(_ input: [UInt8]) throws(TraceCodeError) -> Int {
        guard input.first == UInt8(ascii: "]") else { return 0 }
        let identifier = String(decoding: input.prefix(3), as: UTF8.self)
        guard symbologyIdentifiers.contains(identifier) else {
            throw TraceCodeError(
                .format, field: "symbologyIdentifier",
                rule: "\(identifier) is not a GS1 symbology identifier (]C1, ]e0, ]d2, ]Q3, ]J1)")
        }
        return 3
    }

    static func unknownAI(_ input: [UInt8], at position: Int) -> TraceCodeError {
        let shown = input[position..<min(position + 4, input.count)].map { GS1CharacterSet.describe($0) }.joined()
        return TraceCodeError(
            .unknownIdentifier, field: "ai",
            rule: "no supported application identifier at \(shown) (00, 01, 10, 11, 17, 21, 22, 254, 414, 422)")
    }
}
