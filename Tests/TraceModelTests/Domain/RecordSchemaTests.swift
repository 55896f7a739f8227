import Foundation
import Testing
@testable import TraceModel
import TraceTestSupport

/// docs/schema/records.schema.json is generated from the field tables and
/// agrees with the Swift decoder (checked with Debian's python3-jsonschema).
@Suite struct RecordSchemaTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func r6_4_checkedInSchemaEqualsGenerated() throws {
        let url = Self.repositoryRoot.appendingPathComponent("docs/schema/records.schema.json")
        let checkedIn = try String(contentsOf: url, encoding: .utf8)
        #expect(checkedIn == RecordSchema.json(), "run `crosstrace schema records > docs/schema/records.schema.json`")
    }

    @Test func r6_4_schemaIsDeterministicAndComplete() throws {
        #expect(RecordSchema.json() == RecordSchema.json())
        let schema = try JSONValue.parse(Data(RecordSchema.json().utf8))
        guard case .object(let top) = schema, case .object(let defs)? = top["$defs"] else {
            Issue.record("schema has no $defs")
            return
        }
        for item in RecordItem.allCases {
            #expect(defs[item.rawValue] != nil, "\(item.rawValue)")
        }
    }

    /// Validates each line of `lines` with jsonschema; true where valid.
    static func pythonVerdicts(_ lines: [String]) throws -> [Bool] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crosstrace-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let schemaURL = dir.appendingPathComponent("schema.json"), casesURL = dir.appendingPathComponent("cases.jsonl")
        try RecordSchema.json().write(to: schemaURL, atomically: true, encoding: .utf8)
        try lines.joined(separator: "\n").write(to: casesURL, atomically: true, encoding: .utf8)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            v = jsonschema.Draft202012Validator(schema)
            for line in open(sys.argv[2], encoding='utf-8').read().split('\\n'):
                print('1' if v.is_valid(json.loads(line)) else '0')
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, schemaURL.path, casesURL.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(errors)")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0 == "1" }
    }

    static func swiftVerdict(_ line: String) -> Result<Record, ModelValidationError> {
        do { return .success(try RecordExamples.decode(line)) } catch let e as ModelValidationError { return .failure(e) } catch {
            return .failure(ModelValidationError(.malformedJSON, field: "$", rule: "\(error)"))
        }
    }

    static func badExamples() -> [String] {
        let order = RecordExamples.record(.transactionOrder)
        let minimalOrder = RecordExamples.minimal(.transactionOrder)
        return [
            minimalOrder.replacingOccurrences(of: #""1000""#, with: #""1000.5""#),
            order.replacingOccurrences(of: #""USD""#, with: #""XAU""#),
            order.replacingOccurrences(of: #""goodsName":"Robot R2","orderList""#, with: #""orderList""#),
            order.replacingOccurrences(of: #""item":"transaction.order""#, with: #""item":"transaction.orders""#),
            order.replacingOccurrences(of: #""bizStep""#, with: #""bizstep""#),
            order.replacingOccurrences(of: "-05:00", with: ""),
            order.replacingOccurrences(of: "-05:00", with: #"Z\n"#),
            order.replacingOccurrences(of: "Jane Doe", with: #"Jane\tDoe"#),
            order.replacingOccurrences(of: #""quantity":2"#, with: #""quantity":2.5"#),
            order.replacingOccurrences(of: #""quantity":2"#, with: #""quantity":"2""#),
            RecordExamples.record(.logisticsWarehousing).replacingOccurrences(of: #""temperatureCelsius":-2,"#, with: ""),
            RecordExamples.record(.logisticsWarehousing).replacingOccurrences(of: "45.5", with: "145.5"),
            RecordExamples.record(.productFeatures).replacingOccurrences(of: "abab", with: "ABAB"),
            RecordExamples.record(.customsDeclaration).replacingOccurrences(of: "9503008900", with: "95030"),
            RecordExamples.record(.customsDeclaration).replacingOccurrences(of: #""amount":"0""#, with: #""amount":"0.001""#),
            RecordExamples.record(.customsClearanceStatus).replacingOccurrences(of: #""released""#, with: #""gone""#),
            RecordExamples.record(.logisticsDelivery).replacingOccurrences(of: #""childIDs":["urn:epc:id:sgtin:0614141.812345.6789"]"#, with: #""childIDs":[]"#),
            RecordExamples.record(.logisticsDelivery).replacingOccurrences(of: #""latitude":22.5431"#, with: #""latitude":95"#),
            RecordExamples.record(.logisticsDelivery).replacingOccurrences(of: #""datum":"wgs84""#, with: #""datum":"nad83""#),
            #"{"item":"logistics.delivery","traceCode":"x","recordedAt":"2026-03-01T08:30:00Z"}"#,
            RecordExamples.minimal(.transactionCrossBorderCollection).replacingOccurrences(of: #""1.5""#, with: #""1.5000""#),
        ]
    }

    /// Every full and minimal example is valid for both; every bad one invalid for both.
    @Test func r6_4_schemaAndDecoderAgreeOnExamples() throws {
        let good = RecordItem.allCases.flatMap { [RecordExamples.record($0), RecordExamples.minimal($0)] }
        let bad = Self.badExamples()
        let verdicts = try Self.pythonVerdicts(good + bad)
        try #require(verdicts.count == good.count + bad.count)
        for (line, verdict) in zip(good + bad, verdicts) {
            let swift = Self.swiftVerdict(line)
            let swiftValid = (try? swift.get()) != nil
            #expect(swiftValid == verdict, "swift \(swift) python \(verdict): \(line)")
        }
        #expect(verdicts.prefix(good.count).allSatisfy { $0 })
        #expect(verdicts.suffix(bad.count).allSatisfy { !$0 })
    }

    /// Random value swaps (seeded): the schema and the decoder agree except on
    /// the rules a schema cannot state (a day that does not exist, time order).
    @Test func r6_4_schemaAndDecoderAgreeOnMutations() throws {
        var rng = SeededGenerator(seed: 2026)
        var lines: [String] = []
        for round in 0..<600 {
            let item = RecordItem.allCases[round % RecordItem.allCases.count]
            guard case .object(var record) = try JSONValue.parse(Data(RecordExamples.record(item).utf8)),
                  case .object(var data)? = record["data"] else { continue }
            let keys = data.keys.sorted()
            data[keys[Int.random(in: 0..<keys.count, using: &rng)]] = RecordFuzzTests.randomValue(depth: 2, using: &rng)
            record["data"] = .object(data)
            lines.append(JSONValue.object(record).serialized())
        }
        let verdicts = try Self.pythonVerdicts(lines)
        try #require(verdicts.count == lines.count)
        for (line, verdict) in zip(lines, verdicts) {
            switch Self.swiftVerdict(line) {
            case .success: #expect(verdict, "\(line)")
            case .failure(let error):
                let schemaCannotSay = [.invalidDate, .invalidTimestamp, .inconsistent].contains(error.code)
                #expect(!verdict || schemaCannotSay, "\(error): \(line)")
            }
        }
    }
}
