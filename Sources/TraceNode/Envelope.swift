import NIOCore

/// A tagged message: one kind byte and opaque bytes. The transport never
/// interprets the body; consensus, mempool and block sync define their kinds.
/// Kind 0 is reserved and refused on the wire (docs/transport.md).
public struct Envelope: Sendable, Hashable {
    public let kind: UInt8
    public let body: [UInt8]

    public init(kind: UInt8, body: [UInt8]) {
        self.kind = kind
        self.body = body
    }

    /// Bytes of the frame payload (kind byte + body), i.e. the length field's value.
    public var payloadCount: Int { 1 + body.count }
}

/// The frame format: 4-byte big-endian payload length, then the payload
/// (kind byte + body). Pure functions over `ByteBuffer`, used by the channel
/// handlers and by the fuzz tests.
public enum FrameCodec {
    public static let lengthFieldCount = 4
    /// Default maximum payload size: 8 MiB (issue 5, item 4 bounds).
    public static let frameBytesMaxDefault = 8 * 1024 * 1024

    /// Appends one frame for `envelope`.
    public static func encode(_ envelope: Envelope, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt32(envelope.payloadCount), endianness: .big)
        buffer.writeInteger(envelope.kind)
        buffer.writeBytes(envelope.body)
    }

    /// Reads one whole frame from the front of `buffer`; `nil` when more bytes are needed.
    /// Refuses an oversized length as soon as the length field is readable, before buffering the payload.
    public static func decode(from buffer: inout ByteBuffer, frameBytesMax: Int) throws(TransportError) -> Envelope? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, endianness: .big, as: UInt32.self) else {
            return nil
        }
        guard UInt64(length) <= UInt64(frameBytesMax) else {
            throw TransportError(.frameTooLarge, field: "frame.length",
                                 reason: "\(length) bytes exceeds the maximum of \(frameBytesMax)")
        }
        guard length >= 1 else {
            throw TransportError(.malformedFrame, field: "frame.length", reason: "empty frame, no kind byte")
        }
        let payloadCount = Int(length)
        guard buffer.readableBytes >= lengthFieldCount + payloadCount else { return nil }
        let kindIndex = buffer.readerIndex + lengthFieldCount
        guard let kind = buffer.getInteger(at: kindIndex, as: UInt8.self), kind != 0 else {
            throw TransportError(.malformedFrame, field: "frame.kind", reason: "kind 0 is reserved")
        }
        guard let body = buffer.getBytes(at: kindIndex + 1, length: payloadCount - 1) else { return nil }
        buffer.moveReaderIndex(forwardBy: lengthFieldCount + payloadCount)
        return Envelope(kind: kind, body: body)
    }
}
