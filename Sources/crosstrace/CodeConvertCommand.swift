import ArgumentParser
import TraceModel

/// `crosstrace code convert --to …`: one form of a code into another (R-5.1-a, R-5.1-b).
struct CodeConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a trace code to a Digital Link URI, element string, SGTIN-96 hex or EPC URI."
    )

    enum Target: String, CaseIterable, ExpressibleByArgument {
        case digitalLink = "digital-link"
        case elementString = "element-string"
        case epcHex = "epc-hex"
        case epcURI = "epc-uri"
    }

    @Option(help: "Target form: digital-link, element-string (human-readable), epc-hex or epc-uri (tag URI when a filter is known, else pure identity).")
    var to: Target
    @Option(help: "GS1 company prefix length 6…12 (EPC forms; a GTIN does not reveal it).")
    var companyPrefixLength: Int?
    @Option(help: "EPC filter value 0…7 (epc-hex, tag URI).")
    var filter: Int?
    @Option(help: "Domain of the Digital Link, e.g. https://brand.example.com.")
    var domain: String = DigitalLink.canonicalDomain
    @OptionGroup var reference: CodeReferenceOptions
    @Argument(help: "The code in any form.")
    var text: String

    func run() throws {
        let referenceDate = try reference.resolve()
        let output = try CodeCLI.reportingCodeErrors {
            try convert(TraceCode.parse(text, referenceDate: referenceDate))
        }
        print(output)
    }

    func convert(_ code: TraceCode) throws(TraceCodeError) -> String {
        switch to {
        case .digitalLink:
            return try code.digitalLink(domain: domain)
        case .elementString:
            return try code.elementString()
        case .epcHex:
            return try code.epcHex(companyPrefixLength: companyPrefixLength, filter: filter)
        case .epcURI:
            return try code.epcURI(companyPrefixLength: companyPrefixLength, filter: filter)
        }
    }
}
