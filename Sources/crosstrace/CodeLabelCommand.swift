import ArgumentParser
import TraceLabels
import TraceModel

/// `crosstrace code label`: render a label through libzint (R-5.1-b).
struct CodeLabelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "label",
        abstract: "Render a QR (Digital Link), GS1-128 or GS1 DataMatrix (element string) label as SVG or PNG."
    )

    enum SymbologyArgument: String, CaseIterable, ExpressibleByArgument {
        case qr
        case gs1_128 = "gs1-128"
        case datamatrix
    }

    enum FormatArgument: String, CaseIterable, ExpressibleByArgument {
        case svg
        case png
    }

    @Option(help: "qr, gs1-128 or datamatrix.")
    var symbology: SymbologyArgument
    @Option(help: "svg or png.")
    var format: FormatArgument
    @Option(help: "File to write.")
    var out: String
    @Option(help: "Domain of the Digital Link in a QR code.")
    var domain: String = DigitalLink.canonicalDomain
    @OptionGroup var reference: CodeReferenceOptions
    @Argument(help: "The code in any form.")
    var text: String

    func run() throws {
        let referenceDate = try reference.resolve()
        let code = try CodeCLI.reportingCodeErrors { try TraceCode.parse(text, referenceDate: referenceDate) }
        guard let carrier = Symbology(rawValue: symbology.rawValue),
              let imageFormat = LabelFormat(rawValue: format.rawValue) else {
            throw ValidationError("unknown symbology or format")
        }
        do {
            try LabelRenderer.render(code, symbology: carrier, format: imageFormat, to: out, domain: domain)
        } catch {
            throw CodeCLI.fail("\(error.description) [\(error.code.rawValue)]")
        }
    }
}
