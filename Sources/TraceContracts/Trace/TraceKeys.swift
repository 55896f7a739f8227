import TraceLedger
import TraceModel

/// State keys of the trace contract inside its namespace (`trace\0`),
/// each a prefix and a canonical trace code key or position (docs/contracts.md):
/// `c/<key>` the issued code, `i/<key>` its trace index, `p/<key>` the
/// container it is inside now, `h/<key>` what a container holds now,
/// `r/<height>.<index>[.<k>]` a record entry, `l/<prefix>/<signer id>` a licence.
enum TraceKeys {
    static func code(_ key: String) -> [UInt8] { Array(("c/" + key).utf8) }
    static func index(_ key: String) -> [UInt8] { Array(("i/" + key).utf8) }
    static func parent(_ key: String) -> [UInt8] { Array(("p/" + key).utf8) }
    static func contents(_ key: String) -> [UInt8] { Array(("h/" + key).utf8) }
    /// `r/<height>.<index>` for a `record` or `correct`; `r/<height>.<index>.<k>`
    /// for record `k` of a `recordBatch` (issue 7).
    static func entry(_ position: RecordPosition, record: UInt32? = nil) -> [UInt8] {
        Array(("r/\(position.height).\(position.index)" + (record.map { ".\($0)" } ?? "")).utf8)
    }
    static func licence(prefix: String, licensee: String) -> [UInt8] { Array("l/\(prefix)/\(licensee)".utf8) }
}

extension TraceContract {
    /// The full state key (namespace included) of `canonicalKey`'s trace
    /// index, for a `StateProof` lookup.
    public static func indexKey(for canonicalKey: String) -> [UInt8] {
        ContractContext.namespace(of: contractName) + TraceKeys.index(canonicalKey)
    }

    /// The full state key of the issued code `canonicalKey` (its `IssuedCode`).
    public static func codeKey(for canonicalKey: String) -> [UInt8] {
        ContractContext.namespace(of: contractName) + TraceKeys.code(canonicalKey)
    }
}
