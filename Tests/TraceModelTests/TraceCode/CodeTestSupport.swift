import TraceModel
import TraceTestSupport

/// Random GS1 values for property tests.
enum CodeSamples {
    static let set82: [Character] = Array(#"!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"#)

    static func digits(_ count: Int, using rng: inout SeededGenerator) -> String {
        String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
    }

    static func keyWithCheckDigit(length: Int, using rng: inout SeededGenerator) -> String {
        GS1Key.appendingCheckDigit(to: digits(length - 1, using: &rng))
    }

    static func set82Text(maxLength: Int, using rng: inout SeededGenerator) -> String {
        String((0..<Int.random(in: 1...maxLength, using: &rng)).map { _ in set82.randomElement(using: &rng) ?? "A" })
    }

    static func date(near reference: CalendarDate, using rng: inout SeededGenerator) -> GS1Date {
        let year = reference.year + Int.random(in: -49...50, using: &rng)
        let month = Int.random(in: 1...12, using: &rng)
        let day = Bool.random(using: &rng) ? nil : Int.random(in: 1...28, using: &rng)
        return GS1Date(year: year, month: month, day: day) ?? GS1Date(year: 2000, month: 1, day: nil)!
    }

    /// A random GS1 trace code: serialised unit, batch, GTIN, SSCC or GLN with attributes.
    static func elements(reference: CalendarDate, using rng: inout SeededGenerator) -> [GS1Element] {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0:
            return [GS1Element(ai: "00", value: keyWithCheckDigit(length: 18, using: &rng))]
        case 1:
            var list = [GS1Element(ai: "414", value: keyWithCheckDigit(length: 13, using: &rng))]
            if Bool.random(using: &rng) { list.append(GS1Element(ai: "254", value: set82Text(maxLength: 20, using: &rng))) }
            return list
        default:
            var list = [GS1Element(ai: "01", value: keyWithCheckDigit(length: 14, using: &rng))]
            for ai in ["11", "17", "22", "10", "21", "422"] where Bool.random(using: &rng) {
                let value: String
                switch ai {
                case "11", "17": value = date(near: reference, using: &rng).yymmdd
                case "422": value = digits(3, using: &rng)
                default: value = set82Text(maxLength: 20, using: &rng)
                }
                list.append(GS1Element(ai: ai, value: value))
            }
            return list
        }
    }
}

extension TraceCodeError {
    /// Every rejection names a field and a rule.
    var isWellFormed: Bool { !field.isEmpty && !rule.isEmpty }
}
