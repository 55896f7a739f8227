import Foundation
import Testing
import TraceContracts
import TraceModel

/// docs/privacy.md is generated from the tables the views use (issue 6 item 3, R-5.3.4).
@Suite struct ViewPrivacyMatrixTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func r5_3_4_checkedInPrivacyDocEqualsGenerated() throws {
        let url = Self.repositoryRoot.appendingPathComponent("docs/privacy.md")
        let generated = PrivacyMatrix.markdown()
        if ProcessInfo.processInfo.environment["CROSSTRACE_WRITE_PRIVACY"] == "1" {
            try generated.write(to: url, atomically: true, encoding: .utf8)
        }
        let checkedIn = try String(contentsOf: url, encoding: .utf8)
        #expect(checkedIn == generated, "run CROSSTRACE_WRITE_PRIVACY=1 swift test --filter ViewPrivacyMatrixTests")
    }

    /// Every field of Tables 1–4 has a row; every sealed field is personal or an amount.
    @Test func r5_3_4_matrixCoversEveryFieldAndColumn() {
        let rows = PrivacyMatrix.rows
        #expect(rows.count == RecordItem.allCases.map { $0.dataSpec.fields.count }.reduce(0, +))
        #expect(PrivacyMatrix.columns.count == 1 + NodeKind.allCases.count + 4)
        for rule in SealedFields.table {
            #expect(rows.contains { $0.item == rule.item && $0.field == rule.field })
            #expect(AccessPolicy.access(rule.item, rule.field, for: .consumer) == .hidden)
            #expect(!rule.regulators.isEmpty)
        }
        for field in ["consignee", "deliveryAddress", "contact", "amount"] {
            #expect(SealedFields.rule(.transactionOrder, field) != nil)
        }
    }
}
