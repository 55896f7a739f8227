import Testing
import TraceLedger
import TraceTestSupport

/// The TOML subset of node.toml (issue 5 item 4): accepted forms, every
/// refusal with its line and column, and seeded fuzzing.
@Suite struct TOMLParserTests {
    @Test func acceptsTheSubset() throws {
        let text = """
        # a comment
        [t]   # after a header
        s = "a\\"b\\\\c\\u00e9\\t\\U0001F600"
        l = 'C:\\path "quoted"'
        i = -1_000
        z = 0
        p = +42
        b = true
        f = false
        a = [ "x", 'y',
          # inside an array
          "z", ]
        e = []
        [[arr]]
        k = "1"\r
        [[arr]]
        k = "2"
        """
        let document = try TOMLParser.parse(text)
        let table = try #require(document.table("t"))
        #expect(table.entry("s")?.value == .string("a\"b\\c\u{e9}\t\u{1F600}"))
        #expect(table.entry("l")?.value == .string("C:\\path \"quoted\""))
        #expect(table.entry("i")?.value == .integer(-1_000))
        #expect(table.entry("z")?.value == .integer(0))
        #expect(table.entry("p")?.value == .integer(42))
        #expect(table.entry("b")?.value == .bool(true))
        #expect(table.entry("f")?.value == .bool(false))
        #expect(table.entry("a")?.value == .strings(["x", "y", "z"]))
        #expect(table.entry("e")?.value == .strings([]))
        #expect(table.entry("i")?.line == 5 && table.entry("i")?.column == 5)
        #expect(document.arrayTables("arr").map { $0.entry("k")?.value } == [.string("1"), .string("2")])
    }

    @Test func integerExtremes() throws {
        let document = try TOMLParser.parse("[t]\nmax = 9223372036854775807\nmin = -9223372036854775808\n")
        #expect(document.table("t")?.entry("max")?.value == .integer(Int64.max))
        #expect(document.table("t")?.entry("min")?.value == .integer(Int64.min))
    }

    @Test(arguments: [
        ("[node]\nname = \"x\nlisten = 1\n", 2, 10, "unterminated string"),
        ("[node]\nname = 1.5\n", 2, 9, "floats"),
        ("[node]\nname = 0x10\n", 2, 9, "decimal"),
        ("[node]\nname = 012\n", 2, 9, "leading zeros"),
        ("[node]\na.b = 1\n", 2, 2, "dotted"),
        ("[node]\n\"a\" = 1\n", 2, 1, "quoted"),
        ("[node]\nx = {a = 1}\n", 2, 5, "inline tables"),
        ("[node]\nx = [1, 2]\n", 2, 6, "strings only"),
        ("[node]\nx = [\"a\" \"b\"]\n", 2, 10, "expected ','"),
        ("[node]\nx = [\"a\",\n", 3, 1, "unterminated array"),
        ("[node\n", 1, 6, "expected ']'"),
        ("[[node]\n", 1, 8, "expected ']]'"),
        ("[node]\nx = 1 y\n", 2, 7, "end of the line"),
        ("[node]\nx = tru\n", 2, 5, "true or false"),
        ("[node]\nx = 99999999999999999999\n", 2, 23, "64-bit"),
        ("[node]\nx = \"\\q\"\n", 2, 6, "escape"),
        ("[node]\nx = \"\\uD800\"\n", 2, 6, "unicode escape"),
        ("[node]\r x = 1", 1, 7, "carriage return"),
        ("x = \"\"\"a\"\"\"\n", 1, 5, "multi-line"),
        ("[node]\nx = \"\u{01}\"\n", 2, 6, "control character"),
        ("[node]\nx = 1__0\n", 2, 6, "malformed integer"),
        ("[node]\nx =\n", 2, 4, "expected a string"),
        ("[node]\n= 1\n", 2, 1, "expected a key"),
        ("# \u{7f}\n", 1, 3, "control character"),
    ]) func syntaxErrorHasLineAndColumn(_ text: String, _ line: Int, _ column: Int, _ rule: String) throws {
        let error = try #require(throws: ConfigError.self) { try TOMLParser.parse(text) }
        #expect(error.code == .syntax)
        #expect(error.line == line && error.column == column, "\(error)")
        #expect(error.rule.contains(rule), "\(error)")
    }

    @Test func duplicatesAreRefusedWithTheirLine() throws {
        let key = try #require(throws: ConfigError.self) { try TOMLParser.parse("[node]\nx = 1\nx = 2\n") }
        #expect(key.code == .duplicateKey && key.line == 3 && key.field == "node.x")
        let table = try #require(throws: ConfigError.self) { try TOMLParser.parse("[node]\n[node]\n") }
        #expect(table.code == .duplicateKey && table.line == 2)
        let mixed = try #require(throws: ConfigError.self) { try TOMLParser.parse("[[peers]]\n[peers]\n") }
        #expect(mixed.code == .duplicateKey && mixed.line == 2)
    }

    @Test func invalidUTF8AndOversizeAreRefused() throws {
        let utf8 = try #require(throws: ConfigError.self) { try TOMLParser.parse(Array("[t]\nk = \"é".utf8) + [0xff, 0x22]) }
        #expect(utf8.code == .syntax && utf8.line == 2 && utf8.column == 8, "\(utf8)")
        let big = try #require(throws: ConfigError.self) {
            try TOMLParser.parse([UInt8](repeating: 0x20, count: TOMLParser.sizeMax + 1))
        }
        #expect(big.code == .unreadable)
    }

    /// Seeded random bytes and mutations of a real node.toml: every input
    /// either parses (and then validates or is refused) or is refused with a
    /// `ConfigError` — never a crash.
    @Test func fuzzNeverCrashes() throws {
        let seed = Array(NodeConfigFixture.fullText.utf8)
        let alphabet = Array("[]=\"'#,\\\n\r\t _-.0123456789abcdefxtuU{}+".utf8)
        var generator = SeededGenerator(seed: 0x746f_6d6c)
        var parsed = 0, refused = 0
        for round in 0..<3_000 {
            var bytes: [UInt8]
            if round % 3 == 0 {
                bytes = (0..<Int.random(in: 0...200, using: &generator)).map { _ in
                    Bool.random(using: &generator) ? alphabet.randomElement(using: &generator) ?? 0 : UInt8.random(in: 0...255, using: &generator)
                }
            } else {
                bytes = seed
                for _ in 0..<Int.random(in: 1...3, using: &generator) where !bytes.isEmpty {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes[index] = alphabet.randomElement(using: &generator) ?? 0
                    case 1: bytes.remove(at: index)
                    default: bytes.insert(alphabet.randomElement(using: &generator) ?? 0, at: index)
                    }
                }
            }
            do {
                let config = try NodeConfig.parse(bytes, home: "/home")
                do { try config.validate() } catch { #expect(!error.field.isEmpty) }
                parsed += 1
            } catch {
                #expect(error.line >= 0 && error.column >= 0)
                refused += 1
            }
        }
        #expect(parsed + refused == 3_000)
        #expect(parsed > 100 && refused > 100)
    }
}
