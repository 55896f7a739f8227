import NIOCore
import NIOEmbedded
import Testing
@testable import TraceNode
import TraceTestSupport

/// Frame format and decoder bounds (issue 5, item 4: length-prefixed framing with a maximum frame size; ).
@Suite struct FrameCodecTests {
    func frame(_ envelope: Envelope) -> ByteBuffer {
        var buffer = ByteBuffer()
        FrameCodec.encode(envelope, into: &buffer)
        return buffer
    }

    @Test func r5_3_1_frameLayoutIsLengthKindBody() throws {
        let buffer = frame(Envelope(kind: 7, body: [0xAA, 0xBB]))
        #expect(Array(buffer.readableBytesView) == [0, 0, 0, 3, 7, 0xAA, 0xBB])
        var copy = buffer
        #expect(try FrameCodec.decode(from: &copy, frameBytesMax: 16) == Envelope(kind: 7, body: [0xAA, 0xBB]))
        #expect(copy.readableBytes == 0)
    }

    @Test func r5_3_1_partialFrameWaitsForMoreBytes() throws {
        let whole = frame(Envelope(kind: 1, body: Array(repeating: 9, count: 100)))
        for cut in [0, 3, 4, 50, whole.readableBytes - 1] {
            var partial = whole.getSlice(at: 0, length: cut) ?? ByteBuffer()
            #expect(try FrameCodec.decode(from: &partial, frameBytesMax: 1024) == nil)
            #expect(partial.readableBytes == cut)
        }
    }

    @Test func r5_3_1_oversizedLengthIsRefusedFromTheHeaderAlone() {
        var buffer = ByteBuffer(bytes: [0x00, 0x90, 0x00, 0x00]) // 9 MiB, no payload yet
        #expect(throws: TransportError(.frameTooLarge, field: "", reason: "")) {
            try FrameCodec.decode(from: &buffer, frameBytesMax: FrameCodec.frameBytesMaxDefault)
        }
        var maxLength = ByteBuffer(bytes: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(throws: TransportError(.frameTooLarge, field: "", reason: "")) {
            try FrameCodec.decode(from: &maxLength, frameBytesMax: FrameCodec.frameBytesMaxDefault)
        }
    }

    @Test func r5_3_1_emptyFrameAndReservedKindAreMalformed() {
        var empty = ByteBuffer(bytes: [0, 0, 0, 0])
        #expect(throws: TransportError(.malformedFrame, field: "", reason: "")) { try FrameCodec.decode(from: &empty, frameBytesMax: 64) }
        var kindZero = ByteBuffer(bytes: [0, 0, 0, 2, 0, 5])
        #expect(throws: TransportError(.malformedFrame, field: "", reason: "")) { try FrameCodec.decode(from: &kindZero, frameBytesMax: 64) }
    }

    @Test func r5_3_1_decoderHandlerSplitsCoalescedAndFragmentedFrames() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(frameBytesMax: 64)))
        let envelopes = (1...5).map { Envelope(kind: UInt8($0), body: Array(repeating: UInt8($0), count: $0 * 3)) }
        var stream = ByteBuffer()
        for envelope in envelopes { FrameCodec.encode(envelope, into: &stream) }
        while stream.readableBytes > 0, let piece = stream.readSlice(length: min(5, stream.readableBytes)) {
            try channel.writeInbound(piece)
        }
        var decoded: [Envelope] = []
        while let envelope = try channel.readInbound(as: Envelope.self) { decoded.append(envelope) }
        #expect(decoded == envelopes)
        #expect(try channel.finish().isClean)
    }

    /// Fuzz-style (issue 5, done means): random and mutated bytes, fed in random pieces, never crash the
    /// decoder; it yields exactly what the pure decoder yields on the whole input, and refuses when that refuses.
    @Test(arguments: 0..<40 as Range<UInt64>)
    func r5_3_1_fuzzedBytesNeverCrashTheDecoder(seed: UInt64) throws {
        var random = SeededGenerator(seed: 0xC0FFEE &+ seed)
        let frameBytesMax = 256
        let input = seed % 2 == 0 ? randomBytes(&random) : mutatedFrames(&random)
        let (expected, expectRefusal) = referenceDecode(input, frameBytesMax: frameBytesMax)

        let channel = EmbeddedChannel(handler: ByteToMessageHandler(FrameDecoder(frameBytesMax: frameBytesMax)))
        var pieces = input
        var refused = false
        while pieces.readableBytes > 0, let piece = pieces.readSlice(length: min(Int.random(in: 1...64, using: &random), pieces.readableBytes)) {
            do { try channel.writeInbound(piece) } catch { refused = true; break }
        }
        var decoded: [Envelope] = []
        while let envelope = try channel.readInbound(as: Envelope.self) { decoded.append(envelope) }
        #expect(decoded == expected)
        #expect(refused == expectRefusal)
        #expect(decoded.allSatisfy { $0.kind != 0 && $0.payloadCount <= frameBytesMax })
        _ = try? channel.finish()
    }

    func referenceDecode(_ input: ByteBuffer, frameBytesMax: Int) -> ([Envelope], Bool) {
        var buffer = input
        var envelopes: [Envelope] = []
        do {
            while let envelope = try FrameCodec.decode(from: &buffer, frameBytesMax: frameBytesMax) { envelopes.append(envelope) }
            return (envelopes, false)
        } catch {
            return (envelopes, true)
        }
    }

    func randomBytes(_ random: inout SeededGenerator) -> ByteBuffer {
        ByteBuffer(bytes: (0..<Int.random(in: 0...2_048, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
    }

    func mutatedFrames(_ random: inout SeededGenerator) -> ByteBuffer {
        var buffer = ByteBuffer()
        for _ in 0..<Int.random(in: 1...20, using: &random) {
            let body = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            FrameCodec.encode(Envelope(kind: UInt8.random(in: 1...255, using: &random), body: body), into: &buffer)
        }
        var bytes = Array(buffer.readableBytesView)
        for _ in 0..<Int.random(in: 1...8, using: &random) where !bytes.isEmpty {
            bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
        }
        return ByteBuffer(bytes: bytes)
    }
}
