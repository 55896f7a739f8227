import ArgumentParser
import Foundation
import TraceModel

/// `crosstrace code parse <text>`: one JSON object describing the code (R-5.1-a).
struct CodeParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse a trace code in any form and print it as one JSON object with its canonical key."
    )

    @OptionGroup var reference: CodeReferenceOptions
    @Argument(help: "Element string (with or without parentheses), Digital Link URI, SGTIN-96 hex, EPC URI or platform code.")
    var text: String

    func run() throws {
        let referenceDate = try reference.resolve()
        let fields = try CodeCLI.reportingCodeErrors {
            try Self.fields(of: TraceCode.parse(text, referenceDate: referenceDate))
        }
        let json = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: json, as: UTF8.self))
    }

    /// The JSON fields: kind and key always; the others where they apply.
    static func fields(of code: TraceCode) throws(TraceCodeError) -> [String: String] {
        var fields = ["kind": code.kind.rawValue, "key": code.key]
        let optional: [(String, String?)] = [
            ("gtin", code.gtin), ("lot", code.lot), ("serial", code.serial), ("sscc", code.sscc),
            ("gln", code.gln), ("expiry", code.expiry?.resolved.text),
        ]
        for (name, value) in optional {
            if let value { fields[name] = value }
        }
        if code.platformCode == nil {
            fields["digitalLink"] = try code.digitalLink()
            fields["elementString"] = try code.elementString()
        }
        if let epc = code.epc {
            if epc.filter != nil { fields["epcHex"] = try code.epcHex() }
            fields["epcUri"] = try code.epcURI()
        }
        return fields
    }
}
