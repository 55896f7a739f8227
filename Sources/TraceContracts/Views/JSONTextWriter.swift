/// Writes JSON text as `JSONEncoder` does with `.sortedKeys` and
/// `.withoutEscapingSlashes` (issue 7); the caller writes members in name order.
struct JSONTextWriter {
    var out: [UInt8] = []
    /// False once a number that is not finite was met (`JSONEncoder` throws on those).
    var finite = true
    /// Whether the object or array being written has no element yet.
    private var empty = true

    mutating func open() {
        out.append(UInt8(ascii: "{"))
        empty = true
    }

    mutating func close() {
        out.append(UInt8(ascii: "}"))
        empty = false
    }

    /// `"name":` (after a comma unless first), then the value `body` writes.
    mutating func field(_ name: String, _ body: (inout JSONTextWriter) -> Void) {
        if !empty { out.append(UInt8(ascii: ",")) }
        string(name)
        out.append(UInt8(ascii: ":"))
        body(&self)
        empty = false
    }

    mutating func array<Element>(_ items: [Element], _ body: (inout JSONTextWriter, Element) -> Void) {
        out.append(UInt8(ascii: "["))
        for (place, item) in items.enumerated() {
            if place > 0 { out.append(UInt8(ascii: ",")) }
            body(&self, item)
        }
        out.append(UInt8(ascii: "]"))
        empty = false
    }

    mutating func bool(_ flag: Bool) {
        out.append(contentsOf: flag ? [0x74, 0x72, 0x75, 0x65] : [0x66, 0x61, 0x6c, 0x73, 0x65])
    }

    mutating func integer(_ number: some BinaryInteger) {
        out.append(contentsOf: number.description.utf8)
    }

    /// Swift's shortest round-trip text without a trailing `.0` (`1`, `-0`, `1e+16`, `2.5e-05`).
    mutating func number(_ number: Double) {
        guard number.isFinite else {
            finite = false
            out.append(contentsOf: [0x6e, 0x75, 0x6c, 0x6c])
            return
        }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    /// A JSON string: runs of bytes that need no escape are appended whole.
    mutating func string(_ text: String) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices where bytes[index] < 0x20 || bytes[index] == 0x22 || bytes[index] == 0x5c {
                out.append(contentsOf: bytes[start..<index])
                escape(bytes[index])
                start = index + 1
            }
            out.append(contentsOf: bytes[start...])
        }
        out.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: [0x5c, 0x22])
        case UInt8(ascii: "\\"): out.append(contentsOf: [0x5c, 0x5c])
        case 0x08: out.append(contentsOf: [0x5c, UInt8(ascii: "b")])
        case 0x09: out.append(contentsOf: [0x5c, UInt8(ascii: "t")])
        case 0x0a: out.append(contentsOf: [0x5c, UInt8(ascii: "n")])
        case 0x0c: out.append(contentsOf: [0x5c, UInt8(ascii: "f")])
        case 0x0d: out.append(contentsOf: [0x5c, UInt8(ascii: "r")])
        default: out.append(contentsOf: [0x5c, UInt8(ascii: "u"), 0x30, 0x30, Self.hexDigit(byte >> 4), Self.hexDigit(byte & 0x0f)])
        }
    }

    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
