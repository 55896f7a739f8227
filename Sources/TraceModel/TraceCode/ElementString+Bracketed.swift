extension ElementString {
    /// Parses `(01)09521234543213(10)ABC123`. Group separators and spaces (as printed under
    /// barcodes, `(01) 09521234543213 (10) ABC123`) are ignored: neither is in set 82.
    /// A variable-length value ends at the next `(` that opens a supported AI, so a value
    /// that itself contains such a `(nn)` must be given in the raw or Digital Link form.
    static func parseBracketed(_ raw: [UInt8]) throws(TraceCodeError) -> [GS1Element] {
        let input = raw.filter { $0 != groupSeparator && $0 != UInt8(ascii: " ") }
        var position = 0
        var elements: [GS1Element] = []
        while position < input.count {
            guard let opening = openingAI(input, at: position) else {
                throw TraceCodeError(
                    .format, field: "elementString",
                    rule: "expected a supported AI in parentheses, like (01), at offset \(position)")
            }
            let (definition, valueStart) = opening
            var end = valueStart
            if let length = definition.fixedLength {
                end = valueStart + length
                guard end <= input.count, end == input.count || input[end] == UInt8(ascii: "(") else {
                    throw TraceCodeError(.length, field: definition.field, rule: "AI (\(definition.ai)) is exactly \(length) characters")
                }
            } else {
                while end < input.count && openingAI(input, at: end) == nil { end += 1 }
            }
            elements.append(GS1Element(ai: definition.ai, value: String(decoding: input[valueStart..<end], as: UTF8.self)))
            position = end
        }
        return elements
    }

    /// If `input[position...]` starts with `(AI)` for a supported AI: that AI and where its value starts.
    static func openingAI(_ input: [UInt8], at position: Int) -> (AIDefinition, Int)? {
        guard position < input.count, input[position] == UInt8(ascii: "(") else { return nil }
        for length in 2...4 where position + length + 1 < input.count {
            let close = position + 1 + length
            guard input[close] == UInt8(ascii: ")") else { continue }
            let digits = input[(position + 1)..<close]
            guard digits.allSatisfy(GS1CharacterSet.isDigit),
                  let definition = AIDefinition.lookup(String(decoding: digits, as: UTF8.self)) else { return nil }
            return (definition, close + 1)
        }
        return nil
    }
}
