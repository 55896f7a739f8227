import Testing
import TraceConsensus
import TraceCrypto
import TraceLedger
import TraceNode

/// Issue 5 item 4: runtime messages in transport envelopes — one
/// kind per chain per type, round trips, and hostile bytes refused without a crash.
@Suite struct RuntimeEnvelopeTests {
    static let signature = Signature(algorithm: .ed25519, rawBytes: [UInt8](repeating: 7, count: 64))
    static let id = BlockID(hash: [UInt8](repeating: 3, count: 32))
    static let vote = Vote(type: .precommit, height: Height(5), round: Round(1), blockID: id,
                           validatorIndex: 2, time: 1_700_000_000_000, signature: signature)
    static let block = ConsensusBlock(height: Height(5), time: 1_700_000_000_000, previousBlockID: id,
                                      lastCommit: nil, payload: [1, 2, 3], identity: .payloadHeader(.sha256))
    static let certificate = CommitCertificate(height: Height(5), round: Round(1), blockID: id, precommits: [vote])
    static let messages: [RuntimeMessage] = [
        .consensus(.vote(vote)),
        .consensus(.proposal(Proposal(height: Height(5), round: Round(1), block: block, validRound: nil,
                                      proposerIndex: 0, signature: signature))),
        .requestBlock(Height(5), Round(1), id),
        .requestDecision(Height(4)),
        .decision(block, certificate),
        .requestDecisions(Height(4), count: 64),
        .decisions([PreviousBlock(block: block, certificate: certificate)]),
    ] + transactionMessages
    /// A gossip message of two signed kv puts (the decoder parses each transaction's wire form).
    static let transactionMessages: [RuntimeMessage] = {
        guard let signer = try? Ed25519Signer(seed: [UInt8](repeating: 9, count: 32)) else { return [] }
        let transactions = (1...2).compactMap { index in
            try? Transaction.sign(chain: "c", contract: "kv", action: "put",
                                  payload: ["key": .string("k\(index)"), "value": .string("v")],
                                  nonce: String(repeating: "0", count: 31) + String(index), time: 1_700_000_000_000,
                                  signer: signer)
        }
        return [.transactions(transactions)]
    }()

    @Test func r5_3_1_roundTripEveryTypeOnEveryChain() throws {
        #expect(Self.transactionMessages.count == 1)
        for chainIndex in 0..<RuntimeEnvelope.chainsMax {
            var kinds: Set<UInt8> = []
            for message in Self.messages {
                let envelope = RuntimeEnvelope.encode(message, chainIndex: chainIndex)
                kinds.insert(envelope.kind)
                let decoded = try RuntimeEnvelope.decode(envelope)
                #expect(decoded.chainIndex == chainIndex)
                #expect(decoded.message == message)
            }
            #expect(kinds.count == 7)
        }
    }

    @Test func r5_3_1_foreignKindsAndTrailingBytesRefused() {
        #expect(throws: RuntimeEnvelopeError(.unknownKind, field: "kind", rule: "")) {
            try RuntimeEnvelope.decode(Envelope(kind: 1, body: []))
        }
        let envelope = RuntimeEnvelope.encode(.requestDecision(Height(1)), chainIndex: 0)
        #expect(throws: RuntimeEnvelopeError(.malformed, field: "body", rule: "")) {
            try RuntimeEnvelope.decode(Envelope(kind: envelope.kind, body: envelope.body + [0]))
        }
    }

    /// Counts are checked before anything is decoded: gossip 1–256
    /// transactions, sync requests and replies 1–64 decisions.
    @Test func r5_3_1_gossipAndSyncCountsAreBounded() {
        func envelope(type: UInt8, _ write: (inout CanonicalWriter) -> Void) -> Envelope {
            var writer = CanonicalWriter(domain: RuntimeEnvelope.domain)
            write(&writer)
            return Envelope(kind: RuntimeEnvelope.kindBase + type, body: writer.bytes)
        }
        let refused: [Envelope] = [
            envelope(type: 4) { $0.writeUInt32(0) },
            envelope(type: 4) { $0.writeUInt32(UInt32(RuntimeMessage.transactionsMax + 1)) },
            envelope(type: 5) { $0.writeUInt64(1); $0.writeUInt32(0) },
            envelope(type: 5) { $0.writeUInt64(1); $0.writeUInt32(UInt32(RuntimeMessage.decisionsMax + 1)) },
            envelope(type: 6) { $0.writeUInt32(0) },
            envelope(type: 6) { $0.writeUInt32(UInt32.max) },
            envelope(type: 7) { $0.writeUInt32(1) },
        ]
        for item in refused {
            #expect(throws: RuntimeEnvelopeError.self) { try RuntimeEnvelope.decode(item) }
        }
        let largest = envelope(type: 5) { $0.writeUInt64(1); $0.writeUInt32(UInt32(RuntimeMessage.decisionsMax)) }
        #expect((try? RuntimeEnvelope.decode(largest))?.message == .requestDecisions(Height(1), count: RuntimeMessage.decisionsMax))
    }

    /// Fuzz-style: truncated and mutated bodies (seeded) decode or throw, never trap.
    @Test func r5_3_1_mutatedBodiesNeverCrash() {
        var state: UInt64 = 0x5EED_0005
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var refused = 0
        for message in Self.messages {
            let envelope = RuntimeEnvelope.encode(message, chainIndex: 1)
            for cut in 0..<envelope.body.count where (try? RuntimeEnvelope.decode(Envelope(kind: envelope.kind, body: Array(envelope.body.prefix(cut))))) == nil {
                refused += 1
            }
            for _ in 0..<300 {
                var body = envelope.body
                let index = Int(next() % UInt64(body.count))
                body[index] = UInt8(truncatingIfNeeded: next())
                _ = try? RuntimeEnvelope.decode(Envelope(kind: envelope.kind, body: body))
            }
        }
        #expect(refused == Self.messages.map { RuntimeEnvelope.encode($0, chainIndex: 1).body.count }.reduce(0, +))
    }
}
