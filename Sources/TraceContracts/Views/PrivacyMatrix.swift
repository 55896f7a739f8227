import TraceModel

/// docs/privacy.md, generated from the code tables the views use
/// (`AccessPolicy`, `SealedFields`), so the document cannot drift from them.
public enum PrivacyMatrix {
    /// The matrix columns: the public view, each node kind (as an information
    /// provider operating that kind alone), each regulator.
    public static let columns: [(name: String, audience: TraceAudience)] =
        [("public", .consumer)]
        + NodeKind.allCases.map { ($0.rawValue, TraceAudience.participant(nodeKinds: [$0], roles: [.informationProvider])) }
        + SealedFields.regulatorColumns.map { ($0.rawValue, TraceAudience.regulator($0)) }

    /// Every field of Tables 1–4, in table order: (item, field).
    public static var rows: [(item: RecordItem, field: String)] {
        RecordItem.allCases.flatMap { item in item.dataSpec.fields.map { (item, $0.name) } }
    }

    static func symbol(_ access: FieldAccess) -> String {
        switch access {
        case .clear: "clear"
        case .sealedReader: "sealed, if named"
        case .sealedRequiredReader: "sealed, opens"
        case .hidden: "—"
        }
    }

    public static func markdown() -> String {
        var lines = [
            "# Privacy: who sees which field of Tables 1–4",
            "",
            "Generated from `AccessPolicy` and `SealedFields` (Sources/TraceContracts); a test",
            "(`ViewPrivacyMatrixTests`) checks this file equals `PrivacyMatrix.markdown()`. Rewrite it with",
            "`CROSSTRACE_WRITE_PRIVACY=1 swift test --filter ViewPrivacyMatrixTests`.",
            "",
            "## Sealed fields (R-5.3.4)",
            "",
            "These fields are never accepted in clear: the `record` payload carries each as",
            "`{\"sealed\": \"<hex of a SealedValue>\"}` wrapped for the record's writer, the unit's owner (the",
            "participant that issued its code), every counterparty the record names, and every verified",
            "regulator of the listed kinds in the owner's country. A clear value is refused with",
            "`record.data.<field>: must be sealed (R-5.3.4)`; an envelope missing a required reader is refused too.",
            "",
            "| item | field | why | regulators that must be readers |",
            "|---|---|---|---|",
        ]
        for rule in SealedFields.table {
            lines.append("| \(rule.item.rawValue) | \(rule.field) | \(rule.sensitivity.rawValue) | "
                + rule.regulators.map(\.rawValue).joined(separator: ", ") + " |")
        }
        lines += [
            "",
            "## Matrix",
            "",
            "`clear`: shown as recorded. `sealed, opens`: the viewer is always a required reader and opens it",
            "with its decryption key. `sealed, if named`: opened only when the record named the viewer as a",
            "reader (owner, writer or counterparty); otherwise the answer lists the field under `sealed`",
            "without its value. `—`: not in the view. A node-kind column is a participant operating that",
            "kind as an information provider (Table 5); a trace service provider sees every block in clear.",
            "Regulators see in clear the blocks their authority covers: "
                + SealedFields.regulatorColumns.map { "\($0.rawValue) " + AccessPolicy.coverage(of: $0).map(\.rawValue).joined(separator: "/") }
                    .joined(separator: "; ") + ".",
            "The public view never holds a sealed field, an amount or route fixes.",
            "",
            "| item | field | " + columns.map(\.name).joined(separator: " | ") + " |",
            "|---|---|" + columns.map { _ in "---|" }.joined(),
        ]
        for row in rows {
            let cells = columns.map { symbol(AccessPolicy.access(row.item, row.field, for: $0.audience)) }
            lines.append("| \(row.item.rawValue) | \(row.field) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
