import Foundation
import Testing
import TraceLabels
import TraceModel
import TraceTestSupport

/// R-5.1-b: labels rendered by libzint decode back to the same code.
@Suite struct LabelRendererTests {
    static let reference = try! CalendarDate("2026-11-27")
    static let gs = "\u{1D}"

    /// Runs a decoder on `file` and returns what it printed, trimmed of the final newline.
    static func decode(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var text = String(decoding: data, as: UTF8.self)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    static func temporaryFile(_ name: String) -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crosstrace-labels-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }

    static let unit = "https://id.gs1.org/01/09521234543213/10/ABC123/21/XYZ9?17=261231"

    @Test func r5_1_b_qrCarriesTheDigitalLink() throws {
        let code = try TraceCode.parse(Self.unit, referenceDate: Self.reference)
        let path = Self.temporaryFile("qr.png")
        try LabelRenderer.render(code, symbology: .qr, format: .png, to: path)
        #expect(try Self.decode("/usr/bin/zbarimg", ["--raw", "-q", path]) == Self.unit)
    }

    @Test func r5_1_b_gs1_128CarriesTheElementString() throws {
        let code = try TraceCode.parse(Self.unit, referenceDate: Self.reference)
        let path = Self.temporaryFile("gs1-128.png")
        try LabelRenderer.render(code, symbology: .gs1_128, format: .png, to: path)
        let decoded = try Self.decode("/usr/bin/zbarimg", ["--raw", "-q", path])
        #expect(decoded == "0109521234543213" + "17261231" + "10ABC123" + Self.gs + "21XYZ9")
        #expect(try TraceCode.parse(decoded, referenceDate: Self.reference) == code)
    }

    /// dmtxread drops FNC1 by default (compared after re-parsing); `-G 29` makes it print
    /// FNC1 as GS, which gives the whole code back.
    @Test func r5_1_b_datamatrixCarriesTheElementString() throws {
        let code = try TraceCode.parse(Self.unit, referenceDate: Self.reference)
        let path = Self.temporaryFile("datamatrix.png")
        try LabelRenderer.render(code, symbology: .datamatrix, format: .png, to: path)
        let plain = try Self.decode("/usr/bin/dmtxread", ["-N1", path])
        #expect(plain == "0109521234543213" + "17261231" + "10ABC123" + "21XYZ9")
        let reparsed = try TraceCode.parse(plain, referenceDate: Self.reference)
        #expect(reparsed.gtin == code.gtin && reparsed.expiry == code.expiry)
        let withSeparators = try Self.decode("/usr/bin/dmtxread", ["-N1", "-G", "29", path])
        #expect(try TraceCode.parse(withSeparators, referenceDate: Self.reference) == code)
    }

    /// Seeded codes with every character class of set 82 survive QR and GS1-128 round trips.
    @Test func r5_1_b_seededLabelRoundTrip() throws {
        var rng = SeededGenerator(seed: 0x5EED_0101)
        let characters = Array(#"!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"#)
        for round in 0..<8 {
            let text = { (count: Int, rng: inout SeededGenerator) in
                String((0..<count).map { _ in characters[Int(rng.next() % UInt64(characters.count))] })
            }
            let body = String((0..<13).map { _ in Character(String(rng.next() % 10)) })
            let code = try TraceCode(
                elements: [
                    GS1Element(ai: "01", value: GS1Key.appendingCheckDigit(to: body)),
                    GS1Element(ai: "10", value: text(1 + round, &rng)),
                    GS1Element(ai: "21", value: text(8 - round / 2, &rng)),
                ],
                referenceDate: Self.reference)
            let qr = Self.temporaryFile("qr-\(round).png")
            try LabelRenderer.render(code, symbology: .qr, format: .png, to: qr)
            let uri = try Self.decode("/usr/bin/zbarimg", ["--raw", "-q", qr])
            #expect(try TraceCode.parse(uri, referenceDate: Self.reference) == code, "\(uri)")
            let linear = Self.temporaryFile("gs1-128-\(round).png")
            try LabelRenderer.render(code, symbology: .gs1_128, format: .png, to: linear)
            let element = try Self.decode("/usr/bin/zbarimg", ["--raw", "-q", linear])
            #expect(element == (try code.elementString(bracketed: false)))
        }
    }

    @Test func r5_1_b_svgAndBytes() throws {
        let code = try TraceCode.parse("(00)106141412345678908", referenceDate: Self.reference)
        for symbology in Symbology.allCases {
            let svg = try LabelRenderer.render(code, symbology: symbology, format: .svg)
            #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
            let png = try LabelRenderer.render(code, symbology: symbology, format: .png)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
    }

    /// GS1-128 holds at most 48 data characters (GS1 General Specifications 5.4.1).
    @Test func r5_1_b_tooLongForGS1_128() throws {
        let code = try TraceCode(gtin: "09521234543213", lot: String(repeating: "L", count: 20), serial: String(repeating: "S", count: 20))
        #expect(throws: LabelError(.content, field: "gs1-128", rule: "")) {
            try LabelRenderer.render(code, symbology: .gs1_128, format: .png)
        }
        let datamatrix = try LabelRenderer.render(code, symbology: .datamatrix, format: .png)
        #expect(datamatrix.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    /// libzint's GS1 checks go further than ours (ISO 3166 country codes); its refusal is a LabelError.
    @Test func r5_1_b_libzintRefusalIsALabelError() throws {
        let code = try TraceCode.parse("(01)09521234543213(422)000", referenceDate: Self.reference)
        #expect(throws: LabelError(.encoding, field: "libzint", rule: "")) {
            try LabelRenderer.render(code, symbology: .datamatrix, format: .png)
        }
    }

    @Test func r5_1_b_platformCodeOnlyInQR() throws {
        let code = try TraceCode.parse("CT-7K2M9QX47", referenceDate: Self.reference)
        let path = Self.temporaryFile("platform.png")
        try LabelRenderer.render(code, symbology: .qr, format: .png, to: path)
        #expect(try Self.decode("/usr/bin/zbarimg", ["--raw", "-q", path]) == "CT-7K2M9QX47")
        #expect(throws: LabelError(.content, field: "", rule: "")) {
            try LabelRenderer.render(code, symbology: .gs1_128, format: .png)
        }
    }
}

