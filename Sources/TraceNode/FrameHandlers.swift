import NIOCore

/// Splits the TLS plaintext stream into envelopes; throws (and so closes the
/// connection, see `PeerChannelHandler`) on an oversized or malformed frame.
struct FrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = Envelope
    let frameBytesMax: Int

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let envelope = try FrameCodec.decode(from: &buffer, frameBytesMax: frameBytesMax) else {
            return .needMoreData
        }
        context.fireChannelRead(wrapInboundOut(envelope))
        return .continue
    }

    /// At end of stream whole frames are still delivered; a cut-off tail is discarded.
    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }
}

/// Writes envelopes as frames. Sizes were checked when the envelope was queued.
struct FrameEncoder: MessageToByteEncoder {
    typealias OutboundIn = Envelope

    func encode(data: Envelope, out: inout ByteBuffer) throws {
        FrameCodec.encode(data, into: &out)
    }
}
