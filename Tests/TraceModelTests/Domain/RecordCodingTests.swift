import Foundation
import Testing
@testable import TraceModel

/// Records of Tables 1–4 (R-6.4) as JSON: one tagged format, stable camelCase
/// keys, and errors that name the JSON path and the rule.
@Suite struct RecordCodingTests {
    @Test(arguments: RecordItem.allCases)
    func r6_4_fullRecordRoundTrips(item: RecordItem) throws {
        let text = RecordExamples.record(item)
        let record = try RecordExamples.decode(text)
        #expect(record.item == item)
        #expect(record.data.item == item)
        #expect(try RecordList.encode([record]) == "[\(text)]")
        let viaCodable = try JSONDecoder().decode(Record.self, from: Data(text.utf8))
        #expect(viaCodable == record)
        #expect(try record.validated() == record)
    }

    @Test(arguments: RecordItem.allCases)
    func r6_4_minimalRecordHasOnlyRequiredFields(item: RecordItem) throws {
        let record = try RecordExamples.decode(RecordExamples.minimal(item))
        #expect(record.bizStep == nil && record.location == nil && record.childIDs == nil)
        #expect(try RecordList.encode([record]) == "[\(RecordExamples.minimal(item))]")
    }

    /// Removing any required basic field is refused, naming its path.
    @Test(arguments: RecordItem.allCases)
    func r6_4_everyRequiredFieldIsChecked(item: RecordItem) throws {
        for field in item.dataSpec.fields where field.required {
            var json = try JSONValue.parse(Data(RecordExamples.record(item).utf8))
            json = json.removing(path: ["data", field.name])
            do {
                _ = try Record(json: json)
                Issue.record("\(item.rawValue) accepted without \(field.name)")
            } catch let error as ModelValidationError {
                #expect(error.code == .missingField)
                #expect(error.field == "$.data.\(field.name)")
            }
        }
    }

    @Test func r6_4_errorsNameThePathAndRule() throws {
        let cases: [(String, String, ModelValidationError.Code, String)] = [
            (#"{"item":"product.nope"}"#, "$.item", .unknownItem, "item id"),
            (#"[]"#, "$", .wrongType, "object"),
            (RecordExamples.record(.transactionOrder).replacingOccurrences(of: #""1299.50""#, with: #""1299.505""#),
             "$.data.amount", .invalidAmount, "USD has 2 minor unit"),
            (RecordExamples.record(.transactionOrder).replacingOccurrences(of: #""quantity":2"#, with: #""quantity":0"#),
             "$.data.orderList[0].quantity", .outOfRange, "between 1"),
            (RecordExamples.record(.productProduction).replacingOccurrences(of: #""CN""#, with: #""ZZ""#),
             "$.data.country", .invalidCountry, "ISO 3166-1"),
            (RecordExamples.record(.logisticsWarehousing).replacingOccurrences(of: "2026-03-25T09", with: "2026-03-19T09"),
             "$.data.timeOut", .inconsistent, "timeIn"),
            (RecordExamples.record(.logisticsTransport).replacingOccurrences(of: #""sea""#, with: #""ship""#),
             "$.data.transportMode", .invalidChoice, "one of"),
            (RecordExamples.record(.logisticsTransport).replacingOccurrences(of: #""carrier""#, with: #""carier""#),
             "$.data.carier", .unknownField, "not a field"),
            (RecordExamples.record(.customsClearanceStatus).replacingOccurrences(of: "+08:00", with: ""),
             "$.recordedAt", .invalidTimestamp, "RFC 3339"),
            (RecordExamples.record(.productFeatures).replacingOccurrences(of: #","shelfLifeDays":1095"#, with: "")
                .replacingOccurrences(of: #""expiryDate":"2029-02-10","#, with: ""),
             "$.data.shelfLifeDays", .missingField, "at least one of"),
            (RecordExamples.record(.logisticsDelivery).replacingOccurrences(of: #""Sam""#, with: #""""#),
             "$.data.courier", .empty, "empty"),
            (RecordExamples.record(.logisticsDelivery).replacingOccurrences(of: #""Sam""#, with: #""S\u0007""#),
             "$.data.courier", .invalidFormat, "control"),
            (RecordExamples.record(.logisticsDelivery).replacingOccurrences(of: #""Sam""#, with: "\"\(String(repeating: "é", count: 257))\""),
             "$.data.courier", .tooLong, "256"),
        ]
        for (text, path, code, rule) in cases {
            do {
                _ = try RecordExamples.decode(text)
                Issue.record("accepted \(text)")
            } catch let error as ModelValidationError {
                #expect(error.code == code, "\(path): \(error)")
                #expect(error.field == path, "\(error)")
                #expect(error.rule.contains(rule), "\(error)")
            }
        }
    }

    @Test func r6_4_recordListPathsIncludeTheIndex() throws {
        let list = "[\(RecordExamples.minimal(.productCode)),\(RecordExamples.minimal(.logisticsTally).replacingOccurrences(of: "passed", with: "ok"))]"
        do {
            _ = try RecordList.decode(Data(list.utf8))
            Issue.record("accepted a bad scan result")
        } catch let error as ModelValidationError {
            #expect(error.field == "$[1].data.securityScan.result")
            #expect(error.code == .invalidChoice)
        }
        #expect(throws: ModelValidationError(.malformedJSON, field: "", rule: "")) {
            try RecordList.decode(Data("[{".utf8))
        }
        #expect(throws: ModelValidationError(.wrongType, field: "", rule: "")) { try RecordList.decode(Data("{}".utf8)) }
        #expect(try RecordList.decode(Data("[]".utf8)).isEmpty)
        do {
            _ = try JSONDecoder().decode([Record].self, from: Data(list.utf8))
            Issue.record("Codable path accepted a bad scan result")
        } catch let error as ModelValidationError {
            #expect(error.field == "$[1].data.securityScan.result")
        }
    }

    @Test func r6_4_swiftBuiltRecordsValidate() throws {
        let order = Order(goodsName: "Robot", orderTime: try Timestamp("2026-03-01T08:30:00Z"), tradingPlatform: "Mall",
                          amount: try Money("10.00", "EUR"), deliveryAddress: "Berlin", consignee: "A", contact: "B")
        let record = Record(traceCode: RecordExamples.traceCode, recordedAt: try Timestamp("2026-03-01T08:31:00+01:00"),
                            data: .order(order), bizStep: "accepting")
        #expect(try record.validated() == record)
        #expect(order.money?.description == "10.00 EUR")
        let empty = Record(traceCode: "", recordedAt: try Timestamp("2026-03-01T08:31:00Z"), data: .order(order))
        #expect(throws: ModelValidationError(.empty, field: "", rule: "")) { try empty.validated() }
        let time = try Timestamp("2026-03-20T09:00:00Z")
        let stored = Warehousing(warehouseName: "w", address: "a", storageMode: .frozen, timeIn: time, timeOut: time,
                                 readings: [StorageReading(time: time, temperatureCelsius: .nan)])
        let nan = Record(traceCode: "c", recordedAt: time, data: .warehousing(stored))
        #expect(throws: ModelValidationError(.outOfRange, field: "", rule: "")) { try nan.validated() }
        var cold = stored
        cold.readings = [StorageReading(time: time, temperatureCelsius: -120)]
        #expect(throws: ModelValidationError(.outOfRange, field: "", rule: "")) {
            try Record(traceCode: "c", recordedAt: time, data: .warehousing(cold)).validated()
        }
    }
}

extension JSONValue {
    /// The value with the member at `path` (object keys) removed.
    func removing(path: [String]) -> JSONValue {
        guard case .object(var members) = self, let first = path.first else { return self }
        if path.count == 1 {
            members[first] = nil
        } else if let child = members[first] {
            members[first] = child.removing(path: Array(path.dropFirst()))
        }
        return .object(members)
    }
}

/// R-5.1-a, R-6.3.1.3: records meet under one canonical trace code key.
@Suite struct RecordTraceCodeTests {
    static func record(traceCode: String) -> String {
        #"{"data":{"kind":"return"},"item":"logistics.delivery_exception","recordedAt":"2026-03-01T08:30:00Z","traceCode":"\#(traceCode)"}"#
    }

    @Test func r5_1_a_canonicalKeyIsAccepted() throws {
        let records = try RecordList.decode(Data(("[" + Self.record(traceCode: RecordExamples.traceCode) + "]").utf8))
        #expect(records.first?.traceCode == RecordExamples.traceCode)
    }

    @Test(arguments: [
        ("(01)09521234543213(21)XYZ9", "write https://id.gs1.org/01/09521234543213/21/XYZ9"),
        ("https://id.gs1.org/01/09521234543214/21/XYZ9", "check digit"),
        ("not a code", "trace code"),
    ])
    func r5_1_a_otherFormsAreRefusedWithTheRule(text: String, ruleFragment: String) throws {
        do {
            _ = try RecordList.decode(Data(("[" + Self.record(traceCode: text) + "]").utf8))
            Issue.record("accepted \(text)")
        } catch let error as ModelValidationError {
            #expect(error.code == .invalidTraceCode)
            #expect(error.field == "$[0].traceCode")
            #expect(error.rule.contains(ruleFragment), "\(error.rule)")
        }
    }

    /// The memo of keys found canonical (issue 7) answers only the exact
    /// text: the other forms of a key seen before are still refused.
    @Test func r5_1_a_memoOfCanonicalKeysNeverVouchesForAnotherText() throws {
        let canonical = "https://id.gs1.org/01/09521234543213/21/XYZ9"
        #expect(try Record.canonicalTraceCode(canonical, field: "f") == canonical)
        #expect(CanonicalKeyMemo.shared.contains(canonical))
        for other in ["(01)09521234543213(21)XYZ9", canonical + " ", canonical.uppercased()] {
            #expect(throws: ModelValidationError.self) { try Record.canonicalTraceCode(other, field: "f") }
            #expect(!CanonicalKeyMemo.shared.contains(other))
        }
        let small = CanonicalKeyMemo(capacity: 4)
        for key in ["a", "b", "c", "d", "e"] { small.insert(key) }
        #expect(!small.contains("a") && small.contains("c") && small.contains("e"))
    }
}
