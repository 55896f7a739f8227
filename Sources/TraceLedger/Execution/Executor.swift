import TraceCrypto
import TraceConsensus

/// The result of executing a block: one receipt per transaction, in block
/// order, and the net state changes sorted by key.
public struct BlockExecution: Hashable, Sendable {
    public let receipts: [Receipt]
    public let changes: [StateChange]
}

/// Applies a block's transactions in order through the contracts (issue 5
/// item 1). A refused transaction becomes a receipt with its code and leaves
/// state untouched; nothing a transaction holds can make it trap.
public struct Executor: Sendable {
    public let chain: String
    public let profile: CryptoProfile
    private let contracts: [String: any Contract]
    /// Checks a block's signatures in one parallel call and never twice for
    /// the same (id, key, signature): a node shares it with its mempool, so a
    /// transaction verified on admission is not verified again when its block
    /// is validated and committed (issue 7: each execution re-verified every
    /// signature, a third of a validator's CPU under load).
    public let verifier: BatchVerifier

    public init(chain: String, profile: CryptoProfile, contracts: [any Contract], verifier: BatchVerifier? = nil) {
        self.chain = chain
        self.profile = profile
        self.verifier = verifier ?? BatchVerifier(profile: profile)
        precondition(self.verifier.profile == profile, "the verifier checks under the chain's profile")
        var byName: [String: any Contract] = [:]
        for contract in contracts {
            precondition(byName.updateValue(contract, forKey: contract.name) == nil, "duplicate contract \(contract.name)")
        }
        self.contracts = byName
    }

    public func execute(_ transactions: [Transaction], height: Height, time: Timestamp, state: any StateReader) -> BlockExecution {
        var pending: [ByteKey: [UInt8]?] = [:]
        var seen = Set<TransactionID>()
        var receipts: [Receipt] = []
        receipts.reserveCapacity(transactions.count)
        let signatureValid = verifier.verify(transactions.map {
            SignatureCheck(message: $0.signingBytes, publicKey: $0.signer, signature: $0.signature)
        })
        let cache = BlockStateCache(state)
        for (index, transaction) in transactions.enumerated() {
            let id = transaction.id(profile.hash)
            let outcome: ContractOutcome
            if !seen.insert(id).inserted {
                outcome = ContractOutcome(.duplicate, "transaction already in this block")
            } else if state.containsTransaction(id) {
                outcome = ContractOutcome(.duplicate, "transaction already committed")
            } else {
                outcome = apply(transaction, signatureValid: signatureValid[index], height: height, index: UInt32(index),
                                time: time, state: cache, pending: &pending)
            }
            receipts.append(Receipt(transactionID: id, index: UInt32(index), code: outcome.code, detail: outcome.detail))
        }
        let changes = pending.map { StateChange(key: $0.key.bytes, value: $0.value) }
            .sorted { $0.key.lexicographicallyPrecedes($1.key) }
        return BlockExecution(receipts: receipts, changes: changes)
    }

    private func apply(_ transaction: Transaction, signatureValid: Bool, height: Height, index: UInt32, time: Timestamp,
                       state: BlockStateCache, pending: inout [ByteKey: [UInt8]?]) -> ContractOutcome {
        do throws(LedgerError) {
            try transaction.checkFields(chain: chain, profile: profile)
            guard signatureValid else { throw Transaction.badSignature }
        } catch {
            return ContractOutcome(error.code == .wrongChain ? .wrongChain : .invalidSignature, error.rule)
        }
        guard let contract = contracts[transaction.contract] else {
            return ContractOutcome(.unknownContract, "no contract '\(transaction.contract)' on this chain")
        }
        var context = ContractContext(transaction: transaction, height: height, index: index, time: time, state: state,
                                      blockWrites: pending)
        pending = [:]
        let outcome = contract.execute(&context)
        pending = context.finish(keep: outcome.code == .ok)
        return outcome
    }
}

/// State held in memory, for tests and for replaying blocks.
public struct MemoryState: StateReader, Sendable {
    public private(set) var values: [[UInt8]: [UInt8]] = [:]
    public init() {}
    public func value(forKey key: [UInt8]) -> [UInt8]? { values[key] }
    public mutating func apply(_ changes: [StateChange]) {
        for change in changes { values[change.key] = change.value }
    }
}
