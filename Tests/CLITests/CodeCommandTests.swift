import Foundation
import Testing

/// R-5.1-a, R-5.1-b: `crosstrace code parse|convert|label` run as a user would.
@Suite struct CodeCommandTests {
    static let reference = ["--reference-date", "2026-11-27"]

    static func json(_ text: String) throws -> [String: String] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: String])
    }

    @Test func r5_1_a_parseDigitalLink() throws {
        let result = try CLI.run(["code", "parse"] + Self.reference + ["https://id.gs1.org/01/09521234543213/10/ABC123/21/XYZ9?17=261231"])
        #expect(result.status == 0)
        let fields = try Self.json(result.stdout)
        #expect(fields == [
            "kind": "serialised-unit", "key": "https://id.gs1.org/01/09521234543213/21/XYZ9",
            "gtin": "09521234543213", "lot": "ABC123", "serial": "XYZ9", "expiry": "2026-12-31",
            "digitalLink": "https://id.gs1.org/01/09521234543213/10/ABC123/21/XYZ9?17=261231",
            "elementString": "(01)09521234543213(17)261231(10)ABC123(21)XYZ9",
        ])
        #expect(result.stdout.hasPrefix(#"{"digitalLink":"https://id.gs1.org/01/"#))
    }

    @Test func r5_1_a_parseEachForm() throws {
        let forms: [(String, String)] = [
            ("(01)09521234543213(10)ABC123(21)XYZ9", "https://id.gs1.org/01/09521234543213/21/XYZ9"),
            ("0109521234543213" + "10ABC123\u{1D}21XYZ9", "https://id.gs1.org/01/09521234543213/21/XYZ9"),
            ("3074257BF7194E4000001A85", "https://id.gs1.org/01/80614141123458/21/6789"),
            ("urn:epc:tag:sgtin-96:3.0614141.812345.6789", "https://id.gs1.org/01/80614141123458/21/6789"),
            ("urn:epc:id:sgtin:0614141.812345.6789", "https://id.gs1.org/01/80614141123458/21/6789"),
            ("(00)106141412345678908", "https://id.gs1.org/00/106141412345678908"),
            ("CT-7K2M9QX47", "CT-7K2M9QX47"),
        ]
        for (text, key) in forms {
            let result = try CLI.run(["code", "parse"] + Self.reference + [text])
            #expect(result.status == 0, "\(text): \(result.stderr)")
            #expect(try Self.json(result.stdout)["key"] == key)
        }
        let epc = try Self.json(CLI.run(["code", "parse"] + Self.reference + ["3074257BF7194E4000001A85"]).stdout)
        #expect(epc["epcHex"] == "3074257BF7194E4000001A85")
        #expect(epc["epcUri"] == "urn:epc:tag:sgtin-96:3.0614141.812345.6789")
        #expect(epc["gtin"] == "80614141123458")
    }

    @Test func r5_1_a_wrongCheckDigitExitsOne() throws {
        let result = try CLI.run(["code", "parse"] + Self.reference + ["(01)09521234543214"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("check digit 4 is wrong, expected 3 (GS1 mod-10)"))
        #expect(result.stdout.isEmpty)
    }

    @Test func r5_1_a_convert() throws {
        let link = "https://id.gs1.org/01/80614141123458/21/6789"
        let hex = try CLI.run(["code", "convert", "--to", "epc-hex", "--company-prefix-length", "7", "--filter", "3", link])
        #expect(hex.status == 0)
        #expect(hex.stdout == "3074257BF7194E4000001A85\n")
        let back = try CLI.run(["code", "convert", "--to", "digital-link", "3074257BF7194E4000001A85"])
        #expect(back.stdout == link + "\n")
        let element = try CLI.run(["code", "convert", "--to", "element-string", link])
        #expect(element.stdout == "(01)80614141123458(21)6789\n")
        let pure = try CLI.run(["code", "convert", "--to", "epc-uri", "--company-prefix-length", "7", link])
        #expect(pure.stdout == "urn:epc:id:sgtin:0614141.812345.6789\n")
        let missing = try CLI.run(["code", "convert", "--to", "epc-hex", "--filter", "3", link])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("company prefix length"))
    }

    @Test func r5_1_b_labelWritesDecodablePNG() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crosstrace-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("label.png").path
        let link = "https://id.gs1.org/01/09521234543213/10/ABC123/21/XYZ9?17=261231"
        let result = try CLI.run(["code", "label", "--symbology", "qr", "--format", "png", "--out", path] + Self.reference + [link])
        #expect(result.status == 0, "\(result.stderr)")
        let zbar = Process()
        zbar.executableURL = URL(fileURLWithPath: "/usr/bin/zbarimg")
        zbar.arguments = ["--raw", "-q", path]
        let output = Pipe()
        zbar.standardOutput = output
        try zbar.run()
        let decoded = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        zbar.waitUntilExit()
        #expect(decoded == link + "\n")
        let svgPath = directory.appendingPathComponent("label.svg").path
        let svg = try CLI.run(["code", "label", "--symbology", "gs1-128", "--format", "svg", "--out", svgPath] + Self.reference + [link])
        #expect(svg.status == 0)
        #expect(String(decoding: FileManager.default.contents(atPath: svgPath) ?? Data(), as: UTF8.self).contains("<svg"))
        let refused = try CLI.run(["code", "label", "--symbology", "gs1-128", "--format", "png", "--out", path, "CT-7K2M9QX47"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("use a QR code"))
    }
}
