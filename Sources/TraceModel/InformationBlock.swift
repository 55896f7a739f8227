/// The four information blocks of the trade chain: each has
/// its own records (Tables 1–4) and its own database tables.
public enum InformationBlock: String, Codable, Sendable, CaseIterable, Hashable {
    /// Table 1, product information block.
    case product
    /// Table 2, transaction information block.
    case transaction
    /// Table 3, logistics information block.
    case logistics
    /// Table 4, customs information block.
    case customs
}
