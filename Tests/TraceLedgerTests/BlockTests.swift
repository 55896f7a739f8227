import Testing
import TraceCrypto
import TraceConsensus
@testable import TraceLedger
import TraceTestSupport

/// Issue 5 items 1 and 3: blocks, their binary form, their hash and
/// transaction inclusion proofs against the header.
@Suite struct BlockTests {
    static let validators: [Ed25519Signer] = (1...4).map { fixedSigner(UInt8(10 + $0)) }

    static func validatorSet() throws -> ValidatorSet {
        try ValidatorSet(validators.map { Validator(publicKey: $0.publicKey, power: VotingPower(1)) })
    }

    /// A certificate for `height` signed by the first three validators.
    static func certificate(height: UInt64, blockHash: [UInt8]) throws -> CommitCertificate {
        let id = BlockID(hash: blockHash)
        let votes = try validators.prefix(3).enumerated().map { index, signer in
            let bytes = Vote.signBytes(type: .precommit, height: Height(height), round: Round(0), blockID: id,
                                       validatorIndex: index, time: 1_000 + Int64(index))
            return Vote(type: .precommit, height: Height(height), round: Round(0), blockID: id, validatorIndex: index,
                        time: 1_000 + Int64(index), signature: try signer.sign(bytes))
        }
        return CommitCertificate(height: Height(height), round: Round(0), blockID: id, precommits: votes)
    }

    static func block(height: UInt64, count: Int, profile: CryptoProfile = .standard) throws -> Block {
        let transactions = (0..<count).map { index in
            ExecutorTests.tx("put", ["key": .string("k\(index)"), "value": .string("v")], nonce: index)
        }
        let hasher = profile.merkleHasher
        let previous: [UInt8]? = height == 1 ? nil : [UInt8](repeating: 7, count: 32)
        let header = BlockHeader(
            chain: "c", height: Height(height), previousBlockHash: previous, time: 1_001,
            transactionsRoot: Block.transactionsRoot(transactions.map { $0.id(hasher.algorithm) }, hasher: hasher),
            stateRoot: StateTree(hasher: hasher).root, proposer: validators[0].publicKey,
            validatorSetHash: try validatorSet().hash(hasher.algorithm),
            lastCommit: height == 1 ? nil : try certificate(height: height - 1, blockHash: previous ?? []))
        return Block(header: header, transactions: transactions)
    }

    @Test(arguments: CryptoProfile.allCases)
    func r5_3_2_binaryFormRoundTrips(profile: CryptoProfile) throws {
        for (height, count) in [(UInt64(1), 0), (1, 3), (2, 5), (9, 1)] {
            let block = try Self.block(height: height, count: count, profile: profile)
            try block.checkStructure(hasher: profile.merkleHasher)
            let decoded = try Block(canonicalBytes: block.canonicalBytes)
            #expect(decoded == block)
            #expect(try BlockHeader(canonicalBytes: block.header.canonicalBytes) == block.header)
            #expect(decoded.header.hash(profile.hash) == block.header.hash(profile.hash))
            if let commit = decoded.header.lastCommit {
                #expect(commit.verify(try Self.validatorSet(), verifier: DirectVerifier()))
            }
        }
    }

    @Test func hashCoversEveryHeaderField() throws {
        let header = try Self.block(height: 2, count: 2).header
        let variants = [
            BlockHeader(chain: "d", height: header.height, previousBlockHash: header.previousBlockHash, time: header.time,
                        transactionsRoot: header.transactionsRoot, stateRoot: header.stateRoot, proposer: header.proposer,
                        validatorSetHash: header.validatorSetHash, lastCommit: header.lastCommit),
            BlockHeader(chain: header.chain, height: header.height, previousBlockHash: header.previousBlockHash,
                        time: header.time + 1, transactionsRoot: header.transactionsRoot, stateRoot: header.stateRoot,
                        proposer: header.proposer, validatorSetHash: header.validatorSetHash, lastCommit: header.lastCommit),
            BlockHeader(chain: header.chain, height: header.height, previousBlockHash: header.previousBlockHash,
                        time: header.time, transactionsRoot: header.transactionsRoot, stateRoot: header.transactionsRoot,
                        proposer: header.proposer, validatorSetHash: header.validatorSetHash, lastCommit: header.lastCommit),
            BlockHeader(chain: header.chain, height: header.height, previousBlockHash: header.previousBlockHash,
                        time: header.time, transactionsRoot: header.transactionsRoot, stateRoot: header.stateRoot,
                        proposer: Self.validators[1].publicKey, validatorSetHash: header.validatorSetHash,
                        lastCommit: header.lastCommit),
        ]
        for variant in variants { #expect(variant.hash(.sha256) != header.hash(.sha256)) }
    }

    @Test func structureChecksFindLies() throws {
        let block = try Self.block(height: 2, count: 3)
        let dropped = Block(header: block.header, transactions: Array(block.transactions.dropLast()))
        #expect(throws: LedgerError(.invalidField, field: "", rule: "")) { try dropped.checkStructure(hasher: MerkleHasher(.sha256)) }
        let first = try Self.block(height: 1, count: 0)
        let lying = Block(header: BlockHeader(chain: "c", height: Height(1), previousBlockHash: nil, time: 0,
                                              transactionsRoot: first.header.transactionsRoot, stateRoot: [],
                                              proposer: first.header.proposer, validatorSetHash: [],
                                              lastCommit: block.header.lastCommit), transactions: [])
        #expect(throws: LedgerError(.invalidField, field: "", rule: "")) { try lying.checkStructure(hasher: MerkleHasher(.sha256)) }
    }

    @Test(arguments: CryptoProfile.allCases)
    func r5_3_2_transactionInclusionProofs(profile: CryptoProfile) throws {
        let hasher = profile.merkleHasher
        for count in [1, 2, 5, 8] {
            let block = try Self.block(height: 1, count: count, profile: profile)
            let ids = block.transactionIDs(profile.hash)
            for index in 0..<count {
                let proof = try #require(block.inclusionProof(index: index, hasher: hasher))
                #expect(Block.verifyInclusion(of: ids[index], proof: proof, header: block.header, hasher: hasher))
                let decoded = try InclusionProof(canonicalBytes: proof.canonicalBytes)
                #expect(Block.verifyInclusion(of: ids[index], proof: decoded, header: block.header, hasher: hasher))
                #expect(!Block.verifyInclusion(of: TransactionID(bytes: [UInt8](repeating: 0, count: 32)), proof: proof,
                                               header: block.header, hasher: hasher))
            }
            #expect(block.inclusionProof(index: count, hasher: hasher) == nil)
        }
    }

    /// A trace timeline reads a stored header's time from its prefix alone: the
    /// decoded header's time, with and without a previous hash; bytes that do
    /// not begin like a header are `malformed` naming the header (issue 7, R-6.3.1.3).
    @Test(arguments: CryptoProfile.allCases)
    func r6_3_1_3_headerTimeFromPrefix(profile: CryptoProfile) throws {
        for height in [UInt64(1), 2, 9] {
            let header = try Self.block(height: height, count: 2, profile: profile).header
            #expect(try BlockHeader.time(canonicalBytes: header.canonicalBytes) == header.time)
            #expect(try BlockHeader.time(canonicalBytes: header.canonicalBytes[...]) == header.time)
            let namesHeader = { (error: any Error) in
                (error as? LedgerError)?.code == .malformed && (error as? LedgerError)?.field == "header"
            }
            #expect { try BlockHeader.time(canonicalBytes: header.canonicalBytes.prefix(40)) } throws: { namesHeader($0) }
            let block = try Self.block(height: height, count: 1).canonicalBytes
            #expect { try BlockHeader.time(canonicalBytes: block) } throws: { namesHeader($0) }
        }
    }

    /// Random bytes, truncations and mutations never trap the decoders.
    @Test func decodersSurviveFuzzing() throws {
        var random = SeededGenerator(seed: 21)
        let original = try Self.block(height: 3, count: 2).canonicalBytes
        for round in 0..<1_500 {
            var bytes = original
            switch round % 3 {
            case 0: bytes = random.bytes(Int.random(in: 0...200, using: &random))
            case 1: bytes = Array(original.prefix(Int.random(in: 0..<original.count, using: &random)))
            default:
                for _ in 0..<Int.random(in: 1...4, using: &random) {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
            }
            if let block = try? Block(canonicalBytes: bytes) { #expect(block.canonicalBytes == bytes) }
            if let header = try? BlockHeader(canonicalBytes: bytes) { #expect(header.canonicalBytes == bytes) }
            _ = try? BlockHeader.time(canonicalBytes: bytes)
        }
        #expect(throws: LedgerError(.tooLarge, field: "", rule: "")) { try Block(canonicalBytes: original, bytesMax: 10) }
        #expect((try? Block(canonicalBytes: original)) != nil)
    }
}

/// Issue 5 item 1: a header's signers: validator-set hash,
/// proposer and the previous height's commit certificate.
@Suite struct BlockSignerTests {
    @Test func honestHeaderPasses() throws {
        let header = try BlockTests.block(height: 2, count: 1).header
        let set = try BlockTests.validatorSet()
        try header.checkSigners(validators: set, previousValidators: set, previousBlockHash: header.previousBlockHash,
                                profile: .standard)
        let first = try BlockTests.block(height: 1, count: 0).header
        try first.checkSigners(validators: set, previousValidators: nil, previousBlockHash: nil, profile: .standard)
    }

    @Test func liesAreRefused() throws {
        let h = try BlockTests.block(height: 2, count: 1).header
        let set = try BlockTests.validatorSet()
        let previous = BlockID(hash: h.previousBlockHash ?? [])
        let previousHash = h.previousBlockHash
        let outsider = fixedSigner(99).publicKey
        let weak = CommitCertificate(height: Height(1), round: Round(0), blockID: previous,
                                     precommits: Array(h.lastCommit?.precommits.prefix(2) ?? []))
        let cases: [(BlockHeader, [UInt8]?, LedgerError.Code)] = [
            (BlockHeader(chain: h.chain, height: h.height, previousBlockHash: h.previousBlockHash, time: h.time,
                         transactionsRoot: h.transactionsRoot, stateRoot: h.stateRoot, proposer: h.proposer,
                         validatorSetHash: h.stateRoot, lastCommit: h.lastCommit), previousHash, .invalidField),
            (BlockHeader(chain: h.chain, height: h.height, previousBlockHash: h.previousBlockHash, time: h.time,
                         transactionsRoot: h.transactionsRoot, stateRoot: h.stateRoot, proposer: outsider,
                         validatorSetHash: h.validatorSetHash, lastCommit: h.lastCommit), previousHash, .invalidField),
            (h, h.stateRoot, .invalidField),
            (h, nil, .invalidField),
            (BlockHeader(chain: h.chain, height: h.height, previousBlockHash: h.previousBlockHash, time: h.time,
                         transactionsRoot: h.transactionsRoot, stateRoot: h.stateRoot, proposer: h.proposer,
                         validatorSetHash: h.validatorSetHash, lastCommit: weak), previousHash, .invalidSignature),
        ]
        for (header, previousHash, code) in cases {
            #expect(throws: LedgerError(code, field: "", rule: "")) {
                try header.checkSigners(validators: set, previousValidators: set, previousBlockHash: previousHash,
                                        profile: .standard)
            }
        }
        #expect(throws: LedgerError(.invalidField, field: "", rule: "")) {
            try h.checkSigners(validators: set, previousValidators: nil, previousBlockHash: previousHash, profile: .standard)
        }
    }
}
