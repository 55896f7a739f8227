/// Why a label (R-5.1-b) could not be rendered. Equality compares the code only (STYLE.md #8).
public struct LabelError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable {
        /// The code has no content for this symbology (e.g. a platform code in GS1-128).
        case content
        /// libzint refused the data.
        case encoding
        /// The image could not be written or read back.
        case output
    }

    public let code: Code
    public let field: String
    public let rule: String

    public init(_ code: Code, field: String, rule: String) {
        self.code = code
        self.field = field
        self.rule = rule
    }

    public var description: String { "\(field): \(rule)" }

    public static func == (lhs: LabelError, rhs: LabelError) -> Bool { lhs.code == rhs.code }
}

/// The image formats libzint writes for us.
public enum LabelFormat: String, Sendable, CaseIterable {
    case svg
    case png
}
