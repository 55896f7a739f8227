import CZint
import Foundation
import TraceModel

/// Renders labels (R-5.1-b) through libzint: QR (Digital Link), GS1-128 and GS1 DataMatrix
/// (element string), as SVG or PNG, with the quiet zones the symbologies require.
public enum LabelRenderer {
    /// Module size in pixels for PNG output.
    public static let pngScale: Float = 4

    /// The image bytes.
    public static func render(
        _ code: TraceCode, symbology: Symbology, format: LabelFormat, domain: String = DigitalLink.canonicalDomain
    ) throws(LabelError) -> [UInt8] {
        let data = try LabelContent.data(for: code, symbology: symbology, domain: domain)
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("crosstrace-label-\(UUID().uuidString).\(format.rawValue)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try printSymbol(data, symbology: symbology, format: format, outfile: temporary.path)
        guard let bytes = FileManager.default.contents(atPath: temporary.path), !bytes.isEmpty else {
            throw LabelError(.output, field: "file", rule: "libzint wrote no image")
        }
        return [UInt8](bytes)
    }

    /// Writes the image to `path`.
    public static func render(
        _ code: TraceCode, symbology: Symbology, format: LabelFormat, to path: String,
        domain: String = DigitalLink.canonicalDomain
    ) throws(LabelError) {
        let bytes = try render(code, symbology: symbology, format: format, domain: domain)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw LabelError(.output, field: "file", rule: "cannot write \(path)")
        }
    }

    static func printSymbol(_ data: String, symbology: Symbology, format: LabelFormat, outfile: String) throws(LabelError) {
        guard let symbol = ZBarcode_Create() else {
            throw LabelError(.encoding, field: "libzint", rule: "ZBarcode_Create failed")
        }
        defer { ZBarcode_Delete(symbol) }
        configure(symbol, symbology: symbology, format: format)
        let pathBytes = Array(outfile.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: symbol.pointee.outfile) else {
            throw LabelError(.output, field: "file", rule: "temporary path too long for libzint")
        }
        withUnsafeMutableBytes(of: &symbol.pointee.outfile) { buffer in
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            buffer.copyBytes(from: pathBytes)
        }
        let input = Array(data.utf8)
        let encoded = ZBarcode_Encode(symbol, input, Int32(input.count))
        // A symbol libzint calls non-compliant (e.g. GS1-128 over 48 characters) is no label.
        guard encoded < ZINT_ERROR, encoded != ZINT_WARN_NONCOMPLIANT else { throw zintError(symbol, stage: "encode") }
        let printed = ZBarcode_Print(symbol, 0)
        guard printed < ZINT_ERROR else { throw zintError(symbol, stage: "print") }
    }

    static func configure(_ symbol: UnsafeMutablePointer<zint_symbol>, symbology: Symbology, format: LabelFormat) {
        switch symbology {
        case .qr:
            symbol.pointee.symbology = BARCODE_QRCODE
            symbol.pointee.input_mode = UNICODE_MODE
        case .gs1_128:
            symbol.pointee.symbology = BARCODE_GS1_128
            symbol.pointee.input_mode = GS1_MODE
        case .datamatrix:
            symbol.pointee.symbology = BARCODE_DATAMATRIX
            symbol.pointee.input_mode = GS1_MODE
        }
        symbol.pointee.output_options |= BARCODE_QUIET_ZONES
        symbol.pointee.scale = format == .png ? pngScale : 1
    }

    static func zintError(_ symbol: UnsafeMutablePointer<zint_symbol>, stage: String) -> LabelError {
        let text = withUnsafeBytes(of: symbol.pointee.errtxt) { buffer in
            String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
        }
        return LabelError(.encoding, field: "libzint", rule: "\(stage): \(text)")
    }
}
