import Foundation
import TraceConsensus
import TraceContracts
import TraceCrypto
import TraceLedger

/// A cbetc chain on a real `BlockStore` (temporary SQLite) running
/// `ChainContracts.contracts(for:)`; blocks commit without consensus.
final class DemoChain {
    static let operatorKey = SigningKey.ed25519(signer(201))
    static let proposer = signer(202)
    static let start: Int64 = 1_772_325_000_000

    let genesis: Genesis
    let store: BlockStore
    let directory: URL
    private(set) var committed: [CommittedTransaction] = []
    private(set) var receipts: [(Transaction, Receipt)] = []

    init() throws {
        genesis = Genesis(chainId: "cbetc", profile: .standard, genesisTime: Self.start, validators: [], caCertificates: [],
                          verifiers: [GenesisVerifier(participantId: "platform-operator", publicKey: Self.operatorKey.publicKey)])
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let executor = Executor(chain: "cbetc", profile: .standard, contracts: ChainContracts.contracts(for: genesis))
        store = try BlockStore(path: directory.appendingPathComponent("cbetc.sqlite").path, executor: executor)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Makes and commits the next block of `transactions`; keeps the receipts.
    func commit(_ transactions: [Transaction]) throws {
        let height = store.appliedHeight + 1
        let time = Self.start + Int64(height) * 60_000
        let previous = try store.block(at: store.appliedHeight)
        let lastCommit = try previous.map { try Self.certificate(height: height - 1, blockHash: $0.header.hash(.sha256)) }
        let block = try store.makeBlock(transactions, time: time, proposer: Self.proposer.publicKey,
                                        validatorSetHash: [UInt8](repeating: 0, count: 32), lastCommit: lastCommit)
        try store.commit(block)
        for (index, transaction) in transactions.enumerated() {
            guard let receipt = try store.receipt(for: transaction.id(.sha256))?.receipt else {
                throw DemoChainError(rule: "no receipt for transaction \(index) of block \(height)")
            }
            receipts.append((transaction, receipt))
            if receipt.code == .ok {
                committed.append(CommittedTransaction(height: height, index: UInt32(index), time: time, transaction: transaction))
            }
        }
    }

    static func certificate(height: UInt64, blockHash: [UInt8]) throws -> CommitCertificate {
        let id = BlockID(hash: blockHash)
        let bytes = Vote.signBytes(type: .precommit, height: Height(height), round: Round(0), blockID: id, validatorIndex: 0, time: 1)
        let vote = Vote(type: .precommit, height: Height(height), round: Round(0), blockID: id, validatorIndex: 0, time: 1,
                        signature: try proposer.sign(bytes))
        return CommitCertificate(height: Height(height), round: Round(0), blockID: id, precommits: [vote])
    }

    func issued(_ key: String) throws -> IssuedCode? {
        try store.value(forKey: TraceContract.codeKey(for: key)).flatMap(IssuedCode.init(canonicalBytes:))
    }

    /// The committed transactions the trace index of `key` lists.
    func entries(of key: String) throws -> [CommittedTransaction] {
        guard let bytes = try store.value(forKey: TraceContract.indexKey(for: key)) else { return [] }
        let positions = Set(try TraceIndex(canonicalBytes: bytes).entries.map(\.position))
        return committed.filter { positions.contains($0.position) }
    }
}

struct DemoChainError: Error { let rule: String }

/// Committed state of a `BlockStore` as a `StateReader`, for `MembershipView(state:)`.
struct StoreReader: StateReader {
    let store: BlockStore
    func value(forKey key: [UInt8]) -> [UInt8]? { try? store.value(forKey: key) }
    func containsTransaction(_ id: TransactionID) -> Bool { (try? store.receipt(for: id)) != nil }
}
