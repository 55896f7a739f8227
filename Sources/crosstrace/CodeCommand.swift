import ArgumentParser
import Foundation
import TraceModel

/// `crosstrace code …`: trace codes of — parse, convert, label.
struct CodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Trace codes (R-5.1): parse any form, convert between forms, render labels.",
        subcommands: [CodeParseCommand.self, CodeConvertCommand.self, CodeLabelCommand.self]
    )
}

/// Options shared by the `code` subcommands.
struct CodeReferenceOptions: ParsableArguments {
    @Option(name: .customLong("reference-date"), help: "Reference date YYYY-MM-DD for the century of YYMMDD dates (default: today, UTC).")
    var referenceDate: String?

    /// The reference date: the option, or today's date — the shell is the one place that reads the clock.
    func resolve() throws -> CalendarDate {
        if let referenceDate {
            guard let date = try? CalendarDate(referenceDate) else {
                throw ValidationError("--reference-date must be YYYY-MM-DD, got \(referenceDate)")
            }
            return date
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        guard let year = parts.year, let month = parts.month, let day = parts.day,
              let today = try? CalendarDate(String(format: "%04ld-%02ld-%02ld", year, month, day)) else {
            throw ValidationError("cannot read today's date")
        }
        return today
    }
}

enum CodeCLI {
    /// Runs `body`; a rejected code is reported on standard error with its rule, exit status 1.
    static func reportingCodeErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as TraceCodeError {
            throw fail("\(error.description) [\(error.code.rawValue)]")
        }
    }

    /// Writes `error: message` to standard error; the returned exit code (1) is to be thrown.
    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        return ExitCode.failure
    }
}
