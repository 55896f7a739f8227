import Testing
import TraceModel
import TraceTestSupport

/// track segments are stored compactly and decode back to exactly the same values.
@Suite struct TrackSegmentCodecTests {
    @Test func r5_2_roundTripsThousandsOfSeededRandomSegments() throws {
        var g = SeededGenerator(seed: 0x5E6_2026)
        for _ in 0..<2_000 {
            let segment = try Track.random(&g)
            let bytes = TrackSegmentCodec.encode(segment)
            let decoded = try TrackSegmentCodec.decode(bytes)
            #expect(decoded == segment)
            #expect(decoded.fixes.map(\.time.text) == segment.fixes.map(\.time.text))
            #expect(TrackSegmentCodec.encode(decoded) == bytes)
        }
    }

    @Test func r5_2_everyTruncationIsAnError() throws {
        var g = SeededGenerator(seed: 7)
        for _ in 0..<20 {
            let bytes = TrackSegmentCodec.encode(try Track.random(&g, maxFixes: 30))
            for length in 0..<bytes.count {
                #expect(throws: ModelValidationError.self) { try TrackSegmentCodec.decode(Array(bytes.prefix(length))) }
            }
        }
    }

    @Test func r5_2_everySeededMutationIsAnErrorNeverACrash() throws {
        var g = SeededGenerator(seed: 11)
        var mutated = 0
        for _ in 0..<3_000 {
            let bytes = TrackSegmentCodec.encode(try Track.random(&g, maxFixes: 20))
            let changed = g.mutate(bytes)
            guard changed != bytes else { continue }
            mutated += 1
            #expect(throws: ModelValidationError.self) { try TrackSegmentCodec.decode(changed) }
        }
        #expect(mutated > 2_900)
    }

    @Test func r5_2_randomBytesAreErrors() {
        var g = SeededGenerator(seed: 13)
        for _ in 0..<2_000 {
            var bytes = g.bytes(Int.random(in: 0...200, using: &g))
            if Bool.random(using: &g) { bytes = TrackSegmentCodec.magic + bytes }
            #expect(throws: ModelValidationError.self) { try TrackSegmentCodec.decode(bytes) }
        }
    }

    @Test func r5_2_everyFlippedBitIsAnError() throws {
        let bytes = TrackSegmentCodec.encode(try Track.segment([(22.5731, 114.2745), (22.5741, 114.2755)]))
        for bit in 0..<(bytes.count * 8) {
            #expect(throws: ModelValidationError.self) { try TrackSegmentCodec.decode(flipping(bytes, bit: bit)) }
        }
    }

    /// A truck fix every 30 s at about 60 km/h with GNSS noise: under 16 bytes per fix (measured ≈ 8).
    @Test func r5_2_compactOnARealisticTrack() throws {
        var g = SeededGenerator(seed: 3)
        var lat = 225_731_000 as Int64, lon = 1_142_745_000 as Int64
        var points: [(Double, Double)] = []
        for _ in 0..<2_000 {
            points.append((Double(lat) / 1e7, Double(lon) / 1e7))
            lat += 3_000 + Int64.random(in: -300...300, using: &g)
            lon += 3_500 + Int64.random(in: -300...300, using: &g)
        }
        let segment = try Track.segment(points, stepSeconds: 30)
        let bytes = TrackSegmentCodec.encode(segment)
        let perFix = Double(bytes.count) / Double(points.count)
        #expect(perFix < 16)
        #expect(perFix < 10)
    }

    @Test func r5_2_signingBytesAreDomainTagThenEncoding() throws {
        let segment = try Track.segment([(22.5, 114.25)])
        let signing = TrackSegmentCodec.signingBytes(segment)
        #expect(Array(signing.prefix(28)) == Array("crosstrace/track-segment/v1\n".utf8))
        #expect(Array(signing.dropFirst(28)) == TrackSegmentCodec.encode(segment))
    }

    /// Header bytes written out by hand from the layout in docs/positions.md.
    @Test func r5_2_headerLayoutByHand() throws {
        let fix = try Track.fix(0.0000001, -0.0000001, ms: 1, accuracy: 0.5, device: "d", source: .bds,
                                datum: .cgcs2000, offset: 480)
        let bytes = TrackSegmentCodec.encode(try TrackSegment(traceKey: "k", fixes: [fix]))
        // magic, source bds=1, datum cgcs2000=1, zigzag(480)=960 → C0 07, "k", "d", count 1,
        // lat zigzag(1)=2, lon zigzag(-1)=1, ms zigzag(1)=2, 5 dm, then the CRC.
        let expected: [UInt8] = [0x43, 0x54, 0x53, 0x01, 1, 1, 0xC0, 0x07, 1, 0x6B, 1, 0x64, 1, 2, 1, 2, 5]
        #expect(Array(bytes.dropLast(4)) == expected)
        #expect(bytes.count == expected.count + 4)
    }
}
