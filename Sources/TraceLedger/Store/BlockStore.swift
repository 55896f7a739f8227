import Foundation
import GRDB
import TraceConsensus
import TraceCrypto

/// One chain's blocks, receipts, transaction index, state and applied height
/// in one SQLite file (issue 5 item 2, R-5.3.2): a GRDB `DatabasePool` in WAL
/// mode with `synchronous=FULL`. A block, its receipts, its state changes and
/// the applied height commit in one SQLite transaction. On open, the state
/// tree is rebuilt from the state table and checked against the stored root,
/// then blocks stored above the applied height are re-executed.
///
/// One owner (the chain's driver) calls it from one task at a time; it is
/// deliberately not `Sendable`.
public final class BlockStore {
    public let executor: Executor
    let pool: DatabasePool
    private var tree: StateTree
    public private(set) var appliedHeight: UInt64 = 0
    private var appliedHash: [UInt8]?
    /// Stored blocks that `replayStoredBlocks` refused and dropped, with why.
    public private(set) var droppedBlocks: [(height: UInt64, error: LedgerError)] = []
    /// The last preview: validating a proposal executes it, and committing the
    /// same block reuses that execution instead of running it again.
    private var lastPreview: PreviewedExecution?
    /// The applied state's values that execution read or committed blocks wrote.
    let committedValues = CommittedStateCache()
    /// Every committed transaction id, as a Bloom filter: filled on open, added to on commit.
    private(set) var committedIDs = CommittedIDFilter()

    var hasher: MerkleHasher { executor.profile.merkleHasher }

    public init(path: String, executor: Executor) throws(LedgerError) {
        self.executor = executor
        self.tree = StateTree(hasher: executor.profile.merkleHasher)
        do {
            pool = try DatabasePool(path: path)
            // GRDB sets `synchronous = NORMAL` when it turns WAL on; a commit
            // must survive power loss, so the writer connection gets FULL.
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            try pool.write(StoreSchema.create)
        } catch {
            throw LedgerError(.storage, field: "path", rule: "cannot open the chain database: \(error)")
        }
        try loadState()
        try replayStoredBlocks()
    }

    /// The state root after the applied height.
    public var stateRoot: [UInt8] { tree.root }

    /// A proof for application key `key` under `stateRoot`.
    public func proof(key: [UInt8]) -> StateProof { tree.proof(key: key) }

    /// The committed value of state key `key`.
    public func value(forKey key: [UInt8]) throws(LedgerError) -> [UInt8]? {
        try access { try pool.read { DatabaseStateReader(db: $0).value(forKey: key) } }
    }

    /// What `transactions` would do on top of the applied state, and the state root after them,
    /// without writing anything: how a proposer fills a header.
    public func preview(_ transactions: [Transaction], time: Timestamp) throws(LedgerError) -> (BlockExecution, stateRoot: [UInt8]) {
        let height = Height(appliedHeight + 1)
        let key = PreviewedExecution.key(transactions, height: height, time: time, hash: executor.profile.hash)
        if let cached = lastPreview, cached.key == key { return (cached.execution, cached.tree.root) }
        let execution = try access {
            try pool.read { executor.execute(transactions, height: height, time: time, state: cachedState($0)) }
        }
        var next = tree
        next.apply(execution.changes)
        lastPreview = PreviewedExecution(key: key, execution: execution, tree: next)
        return (execution, next.root)
    }

    /// The next block for `transactions`: executes them on a preview of the
    /// state to fill the state root, and links it to the applied block.
    public func makeBlock(_ transactions: [Transaction], time: Timestamp, proposer: PublicKey, validatorSetHash: [UInt8],
                          lastCommit: CommitCertificate?) throws(LedgerError) -> Block {
        let (_, root) = try preview(transactions, time: time)
        let ids = transactions.map { $0.id(executor.profile.hash) }
        let header = BlockHeader(chain: executor.chain, height: Height(appliedHeight + 1), previousBlockHash: appliedHash,
                                 time: time, transactionsRoot: Block.transactionsRoot(ids, hasher: hasher), stateRoot: root,
                                 proposer: proposer, validatorSetHash: validatorSetHash, lastCommit: lastCommit)
        return Block(header: header, transactions: transactions)
    }

    /// Executes and commits the next block. Refuses, writing nothing, a block
    /// at the wrong height, after the wrong block, or whose state root differs.
    public func commit(_ block: Block) throws(LedgerError) {
        try block.checkStructure(hasher: hasher)
        guard block.header.chain == executor.chain else {
            throw LedgerError(.wrongChain, field: "header.chain", rule: "this store holds chain '\(executor.chain)'")
        }
        guard block.header.height.rawValue == appliedHeight + 1 else {
            throw LedgerError(.invalidField, field: "header.height", rule: "the next height, \(appliedHeight + 1)")
        }
        guard block.header.previousBlockHash == appliedHash else {
            throw LedgerError(.invalidField, field: "header.previousBlockHash", rule: "the hash of block \(appliedHeight)")
        }
        let hash = block.header.hash(executor.profile.hash)
        let key = PreviewedExecution.key(block.transactions, height: block.header.height, time: block.header.time,
                                         hash: executor.profile.hash)
        let cached = lastPreview.flatMap { $0.key == key ? $0 : nil }
        lastPreview = nil
        var next = cached?.tree ?? tree
        let execution = try access {
            try pool.write { db in
                let execution = cached?.execution ?? executor.execute(block.transactions, height: block.header.height,
                                                                      time: block.header.time, state: cachedState(db))
                if cached == nil { next.apply(execution.changes) }
                guard next.root == block.header.stateRoot else {
                    throw LedgerError(.invalidField, field: "header.stateRoot", rule: "the state root after executing the block")
                }
                try StoreWrites.block(block, hash: hash, into: db)
                try StoreWrites.execution(execution, height: block.header.height.rawValue, into: db)
                try StoreWrites.applied(height: block.header.height.rawValue, stateRoot: next.root, into: db)
                return execution
            }
        }
        committedValues.apply(execution.changes)
        for receipt in execution.receipts { committedIDs.insert(receipt.transactionID) }
        tree = next
        appliedHeight = block.header.height.rawValue
        appliedHash = hash
    }

    /// The applied state as execution reads it: through `committedValues`.
    private func cachedState(_ db: Database) -> CachedStateReader {
        CachedStateReader(store: DatabaseStateReader(db: db), cache: committedValues, committedIDs: committedIDs)
    }

    /// Stores a block without executing it (block sync writes ahead; the
    /// next open, or `replayStoredBlocks`, applies it).
    public func storeUnapplied(_ block: Block) throws(LedgerError) {
        try block.checkStructure(hasher: hasher)
        guard block.header.height.rawValue > appliedHeight else {
            throw LedgerError(.invalidField, field: "header.height", rule: "above the applied height")
        }
        let hash = block.header.hash(executor.profile.hash)
        try access { try pool.write { try StoreWrites.block(block, hash: hash, into: $0) } }
    }

    /// Applies, in order, the stored blocks above the applied height. A
    /// stored block that cannot be read or applied is dropped with every
    /// stored block above it (block sync fetches them again) and reported in
    /// `droppedBlocks`; what was committed stays as it was.
    public func replayStoredBlocks() throws(LedgerError) {
        while true {
            let height = appliedHeight + 1
            let outcome = Result { () throws(LedgerError) -> Bool in
                guard let block = try self.block(at: height) else { return false }
                try commit(block)
                return true
            }
            switch outcome {
            case .success(true): continue
            case .success(false): return
            case .failure(let error) where error.code == .storage: throw error
            case .failure(let error):
                try access { try pool.write { try StoreWrites.deleteBlocks(from: height, in: $0) } }
                droppedBlocks.append((height, error))
                return
            }
        }
    }

    private func loadState() throws(LedgerError) {
        let loaded = try access { try pool.read(StoreReads.load) }
        committedIDs = loaded.committedIDs
        for (key, value) in loaded.state { tree.set(key: key, value: value) }
        guard let applied = loaded.applied else { return }
        guard tree.root == applied.stateRoot else {
            throw LedgerError(.corrupted, field: "state", rule: "rebuilt state root differs from the stored root")
        }
        appliedHeight = applied.height
        appliedHash = applied.hash
    }

    /// A pragma's value on the writer connection (2 is `FULL` for `synchronous`).
    func pragma(_ name: String) throws(LedgerError) -> String? {
        let value = try access { try pool.write { try DatabaseValue.fetchOne($0, sql: "PRAGMA \(name)") } }
        switch value?.storage {
        case .int64(let number): return String(number)
        case .string(let text): return text
        default: return nil
        }
    }

    /// Runs a database access, mapping its failures to `LedgerError`.
    func access<T>(_ body: () throws -> T) throws(LedgerError) -> T {
        do {
            return try body()
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.storage, field: "database", rule: "\(error)")
        }
    }
}

/// A block's execution on the applied state, kept from validation to commit.
/// The key binds everything execution depends on besides the applied state
/// (which only `commit` changes, and it clears the cache): the height, the
/// block time, and each transaction's id and signature — ids leave the
/// signature out, and a signature decides a receipt.
struct PreviewedExecution {
    let key: [UInt8]
    let execution: BlockExecution
    let tree: StateTree

    static func key(_ transactions: [Transaction], height: Height, time: Timestamp, hash: HashAlgorithm) -> [UInt8] {
        var writer = CanonicalWriter(domain: "crosstrace/preview/v1\n")
        writer.writeUInt64(height.rawValue)
        writer.writeInt64(time)
        writer.writeUInt32(UInt32(transactions.count))
        for transaction in transactions {
            writer.writeBytes(transaction.signingBytes)
            writer.writeBytes(transaction.signature.rawBytes)
        }
        return hash.hash(writer.bytes)
    }
}

extension StateTree {
    /// A block's net changes (distinct keys), as one batch.
    mutating func apply(_ changes: [StateChange]) { apply(batch: changes) }
}
