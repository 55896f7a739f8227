/// What a field of a record holds. One table of these per record item is the
/// single source for validation (`FieldValidator`) and for the JSON Schema
/// (`RecordSchema`), so the two cannot drift apart.
public indirect enum FieldKind: Sendable {
    /// Non-empty text of at most `maxLength` Unicode scalars, no control characters.
    case text(maxLength: Int)
    /// ASCII digits only, `minLength…maxLength` of them (e.g. an HS code).
    case digits(minLength: Int, maxLength: Int)
    /// Lower-case hexadecimal of exactly `length` characters (e.g. a SHA-256 digest).
    case hex(length: Int)
    /// RFC 3339 date-time with an explicit offset (`Timestamp`).
    case timestamp
    /// RFC 3339 full-date (`CalendarDate`).
    case date
    /// ISO 3166-1 alpha-2 (`CountryCode`).
    case country
    /// ISO 4217 (`CurrencyCode`).
    case currency
    /// A decimal string whose fraction fits the currency held by the sibling field `currencyField`.
    case amount(currencyField: String)
    /// A JSON number in `minimum…maximum`.
    case number(minimum: Double, maximum: Double)
    /// A JSON integer in `minimum…maximum`.
    case integer(minimum: Int, maximum: Int)
    /// One of the listed strings.
    case choice([String])
    /// A JSON array of at most `maxCount` elements of one kind (at least one element).
    case list(FieldKind, maxCount: Int)
    /// A JSON object with the given fields and no others.
    case object(ObjectSpec)
}

/// Whether a field carries a basic or an extensible data item of Tables 1–4,
/// or context the tables do not list (kept optional).
public enum DataItemKind: String, Sendable, Codable {
    case basic
    case extensible
    case context
}

/// One field of a JSON object.
public struct FieldSpec: Sendable {
    /// The JSON key (camelCase, stable).
    public let name: String
    public let kind: FieldKind
    public let required: Bool
    public let dataItem: DataItemKind
    /// The table's words for it.
    public let summary: String

    public init(_ name: String, _ kind: FieldKind, required: Bool, _ dataItem: DataItemKind, _ summary: String) {
        self.name = name
        self.kind = kind
        self.required = required
        self.dataItem = dataItem
        self.summary = summary
    }

    /// A required basic data item.
    public static func basic(_ name: String, _ kind: FieldKind, _ summary: String) -> FieldSpec {
        FieldSpec(name, kind, required: true, .basic, summary)
    }

    /// A basic data item that may be given in one of several fields (see `ObjectSpec.anyOf`).
    public static func basicChoice(_ name: String, _ kind: FieldKind, _ summary: String) -> FieldSpec {
        FieldSpec(name, kind, required: false, .basic, summary)
    }

    /// An optional extensible data item.
    public static func extensible(_ name: String, _ kind: FieldKind, _ summary: String) -> FieldSpec {
        FieldSpec(name, kind, required: false, .extensible, summary)
    }

    /// An optional field of context the tables do not list.
    public static func context(_ name: String, _ kind: FieldKind, _ summary: String, required: Bool = false) -> FieldSpec {
        FieldSpec(name, kind, required: required, .context, summary)
    }
}

/// A JSON object's fields and its cross-field rules.
public struct ObjectSpec: Sendable {
    public let fields: [FieldSpec]
    /// Each group needs at least one of its fields present.
    public let anyOf: [[String]]
    /// `(later, earlier)`: when both are present, `later` must not precede `earlier` (timestamps or dates).
    public let notBefore: [(later: String, earlier: String)]

    /// The field names as a set, made once: every record checks its members against it.
    public let fieldNameSet: Set<String>

    public init(_ fields: [FieldSpec], anyOf: [[String]] = [], notBefore: [(later: String, earlier: String)] = []) {
        self.fields = fields
        self.anyOf = anyOf
        self.notBefore = notBefore
        fieldNameSet = Set(fields.map(\.name))
    }

    public var fieldNames: [String] { fields.map(\.name) }
}

/// Bounds shared by record fields.
public enum FieldBounds {
    public static let nameLength = 256
    public static let addressLength = 512
    public static let identifierLength = 128
    public static let noteLength = 2048
    public static let listCount = 1000
    public static let readingsCount = 10_000
}
