import Foundation
import Testing

/// `crosstrace completeness` and `crosstrace schema records` run as a user would.
@Suite struct CompletenessCommandTests {
    static let code = "https://id.gs1.org/01/09521234543213/21/XYZ9"

    static func record(_ item: String, _ data: String) -> String {
        #"{"item":"\#(item)","traceCode":"\#(code)","recordedAt":"2026-03-01T08:30:00+08:00","data":\#(data)}"#
    }

    /// The items trader traceability requires (Tables 1–4, column T), one minimal record each.
    static let traderRecords = [
        record("product.product_features", #"{"brand":"b","modelSpec":"m","shelfLifeDays":365}"#),
        record("transaction.product_code", #"{"commodityBarcode":"09521234543213"}"#),
        record("logistics.tally", #"{"securityScan":{"result":"passed"},"loading":{"packageCount":3}}"#),
        record("logistics.transport", #"{"carrier":"c","transportMode":"sea","origin":"Yantian"}"#),
        record("logistics.warehousing", #"{"warehouseName":"w","address":"a","storageMode":"ambient","timeIn":"2026-03-20T09:00:00Z","timeOut":"2026-03-21T09:00:00Z"}"#),
        record("logistics.delivery", #"{"logisticsCompany":"l","logisticsNumber":"1Z"}"#),
        record("logistics.delivery_exception", #"{"kind":"return"}"#),
        record("customs.declaration", #"{"declarationList":[{"goodsName":"g","hsCode":"950300","quantity":3}],"declarationNumber":"n","departurePort":"Yantian","arrivalPort":"LA","declarationDate":"2026-03-03","releaseDate":"2026-03-04"}"#),
        record("customs.clearance_status", #"{"status":"released"}"#),
    ]

    static func write(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString).json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func r6_4_completeTraderFile() throws {
        let path = try Self.write("[\(Self.traderRecords.joined(separator: ","))]")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["completeness", "--mode", "trader", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == #"{"complete":true,"missing":[],"mode":"trader","present":["product.product_features","transaction.product_code","logistics.tally","logistics.transport","logistics.warehousing","logistics.delivery","logistics.delivery_exception","customs.declaration","customs.clearance_status"]}"# + "\n")
    }

    @Test func r6_4_incompleteForFullSupplyChain() throws {
        let path = try Self.write("[\(Self.traderRecords.joined(separator: ","))]")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["completeness", "--mode", "full", path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix(#"{"complete":false,"missing":["product.production","transaction.order","transaction.cross_border_collection"],"mode":"fullSupplyChain","#))
    }

    @Test func r6_4_standardInput() throws {
        let result = try CLI.run(["completeness", "--mode", "manufacturer", "-"], stdin: Data("[]".utf8))
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""complete":false"#))
        #expect(result.stdout.contains(#""present":[]"#))
    }

    @Test func r6_4_malformedJSONExitsOne() throws {
        let path = try Self.write("[{\"item\":")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["completeness", "--mode", "trader", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("$: must be well-formed JSON"))
        #expect(result.stdout.isEmpty)
    }

    @Test func r6_4_invalidRecordNamesPathAndRule() throws {
        let bad = Self.traderRecords[0] + "," + Self.record("logistics.transport", #"{"carrier":"c","transportMode":"boat","origin":"o"}"#)
        let result = try CLI.run(["completeness", "--mode", "trader", "-"], stdin: Data("[\(bad)]".utf8))
        #expect(result.status == 1)
        #expect(result.stderr.contains("$[1].data.transportMode: must be one of: sea, air"))
    }

    @Test func r6_4_unreadableFileAndBadModeFail() throws {
        let missing = try CLI.run(["completeness", "--mode", "trader", "/nonexistent/records.json"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/records.json: file cannot be read"))
        let badMode = try CLI.run(["completeness", "--mode", "everything", "-"], stdin: Data("[]".utf8))
        #expect(badMode.status != 0)
    }

    @Test func r6_4_schemaCommandPrintsTheCheckedInSchema() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let checkedIn = try String(contentsOf: root.appendingPathComponent("docs/schema/records.schema.json"), encoding: .utf8)
        let result = try CLI.run(["schema", "records"])
        #expect(result.status == 0)
        #expect(result.stdout == checkedIn)
    }
}
