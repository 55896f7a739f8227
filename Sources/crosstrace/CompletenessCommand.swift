import ArgumentParser
import Foundation
import TraceModel

/// `crosstrace completeness --mode full|manufacturer|trader <records.json>`:
/// which required items of Tables 1–4 a unit's records cover.
struct CompletenessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completeness",
        abstract: "Check a traceable unit's records against a traceability mode (Tables 1–4).",
        discussion: "The file holds a JSON array of records ({\"item\", \"traceCode\", \"recordedAt\", \"data\"}); "
            + "- reads standard input. Prints {\"complete\", \"missing\", \"mode\", \"present\"} with item ids in "
            + "table order. Invalid JSON or records exit with status 1, naming the JSON path and the rule."
    )

    enum ModeArgument: String, ExpressibleByArgument, CaseIterable {
        case full, manufacturer, trader

        var mode: TraceabilityMode {
            switch self {
            case .full: .fullSupplyChain
            case .manufacturer: .manufacturer
            case .trader: .trader
            }
        }
    }

    @Option(name: .long, help: "Traceability mode: full (full supply chain), manufacturer or trader.")
    var mode: ModeArgument

    @Argument(help: "JSON file with an array of records, or - for standard input.")
    var recordsFile: String

    func run() throws {
        do {
            let data = try Self.readInput(recordsFile)
            let records = try RecordList.decode(data)
            let report = Completeness.evaluate(records: records, mode: mode.mode)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } catch let error as ModelValidationError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// Reads a file, or standard input for `-`; an unreadable file is an error that names it.
    static func readInput(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelValidationError(.missingField, field: path, rule: "file cannot be read")
        }
        return data
    }
}

/// `crosstrace schema records`: prints the JSON Schema generated from the
/// record field tables (the same text as docs/schema/records.schema.json).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a JSON Schema generated from the model (records: Tables 1–4)."
    )

    enum Name: String, ExpressibleByArgument, CaseIterable {
        case records
    }

    @Argument(help: "Which schema: records.")
    var name: Name

    func run() {
        switch name {
        case .records: print(RecordSchema.json(), terminator: "")
        }
    }
}
