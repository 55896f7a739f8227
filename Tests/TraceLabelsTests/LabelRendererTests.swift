import Foundation
import Testing
import TraceLabels
import TraceModel

/// R-5.1-b: labels rendered by libzint decode back to the same code.
@Suite struct LabelRendererTests {
    static let reference = CalendarDate(year: 2026, month: 11, day: 27)!
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

    /// dmtxread drops FNC1 unless told which character stands for it (`-G 29` = GS).
    @Test func r5_1_b_datamatrixCarriesTheElementString() throws {
        let code = try TraceCode.parse(Self.unit, referenceDate: Self.reference)
        let path = Self.temporaryFile("datamatrix.png")
        try LabelRenderer.render(code, symbology: .datamatrix, format: .png, to: path)
        let decoded = try Self.decode("/usr/bin/dmtxread", ["-N1", path])
        let reparsed = try TraceCode.parse(decoded, referenceDate: Self.reference)
        #expect(reparsed.gtin == code.gtin)
        #expect(reparsed.expiry == code.expiry)
        #expect(decoded.replacingOccurrences(of: Self.gs, with: "") == "0109521234543213" + "17261231" + "10ABC123" + "21XYZ9")
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
