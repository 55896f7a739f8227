/// Why the peer transport refused a configuration, a certificate, a frame or a message.
/// Equality compares the code only (STYLE.md #8).
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable codes; raw values appear in logs and metrics labels.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A configuration value is out of its bounds (checked once by `validate()`).
        case invalidConfiguration = "invalid_configuration"
        /// The node's own key or certificate cannot be used for TLS.
        case invalidCredentials = "invalid_credentials"
        /// The peer's chain does not lead to a network CA (or a certificate in it is revoked or expired).
        case untrustedChain = "untrusted_chain"
        /// The peer's certificate names no validator or replica role.
        case notANode = "not_a_node"
        /// The peer's key is not in the admission set (the genesis node keys).
        case notAdmitted = "not_admitted"
        /// The peer authenticated with a key other than the one that was dialled.
        case unexpectedPeer = "unexpected_peer"
        /// The peer's certificate key is not P-256 or cannot be read.
        case unsupportedKey = "unsupported_key"
        /// A frame's length field exceeds the maximum frame size.
        case frameTooLarge = "frame_too_large"
        /// A frame is empty or carries the reserved kind 0.
        case malformedFrame = "malformed_frame"
        /// Binding or connecting failed.
        case io = "io"
    }

    public let code: Code
    public let field: String
    public let reason: String

    public init(_ code: Code, field: String, reason: String) {
        self.code = code
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(code.rawValue) (\(field)): \(reason)" }

    public static func == (lhs: TransportError, rhs: TransportError) -> Bool { lhs.code == rhs.code }
}
