import TraceConsensus
import TraceCrypto
import TraceLedger

/// The query and submit API of a running node (issue 5 items 6–7): what the
/// HTTP routes call. Every call runs on the host's `loop`, the only place the
/// runtimes are touched, and returns a value copy.
extension NodeHost {
    /// The hosted chain ids, in node.toml order.
    public var chainIDs: [String] { home.chains.map(\.setup.chain) }

    /// The hosted chain's setup (profile, validators), or `unknownChain`.
    public func setup(of chain: String) throws(NodeServiceError) -> ChainRuntimeSetup {
        try home.chains[index(of: chain)].setup
    }

    /// Admits client transactions into `chain`'s mempool; one result per transaction, in order.
    public func submit(_ transactions: [Transaction], chain: String) async throws(NodeServiceError) -> [AdmissionResult] {
        try await onRuntime(chain) { runtime in runtime.submit(transactions) }
    }

    /// The applied height, its block and the validators of `chain`.
    public func status(chain: String) async throws(NodeServiceError) -> ChainStatus {
        let names = try home.chains[index(of: chain)].genesis.validators
        return try await onRuntime(chain) { runtime in
            let height = runtime.store.appliedHeight
            let last = height == 0 ? nil : try? runtime.store.block(at: height)
            let validators = runtime.setup.validators.validators.map { validator in
                ChainStatus.ValidatorPower(name: names.first { $0.consensusKey == validator.publicKey }?.name ?? "",
                                           publicKey: validator.publicKey, power: validator.power.rawValue)
            }
            return ChainStatus(chain: runtime.setup.chain, profile: runtime.setup.profile, height: height,
                               lastBlockHash: last?.header.hash(runtime.setup.profile.hash),
                               lastBlockTime: last?.header.time, validators: validators,
                               mempoolSize: runtime.mempool.count, mempoolBytes: runtime.mempool.bytes,
                               round: runtime.signerState.map { $0.position.round.rawValue })
        }
    }

    /// The committed block at `height`; nil above the applied height or at 0.
    public func block(chain: String, height: UInt64) async throws(NodeServiceError) -> Block? {
        try await onRuntime(chain) { runtime throws(NodeServiceError) in
            guard height >= 1, height <= runtime.store.appliedHeight else { return nil }
            do {
                return try runtime.store.block(at: height)
            } catch {
                throw NodeServiceError(.storage, field: "height", rule: "block \(height) cannot be read: \(error)")
            }
        }
    }

    /// The committed block at `height` as its header and transaction ids
    /// (no transaction is decoded); nil above the applied height or at 0.
    public func blockHeader(chain: String, height: UInt64) async throws(NodeServiceError)
        -> (header: BlockHeader, ids: [TransactionID])? {
        try await onRuntime(chain) { runtime throws(NodeServiceError) in
            do {
                return try runtime.store.headerAndIDs(at: height)
            } catch {
                throw NodeServiceError(.storage, field: "height", rule: "block \(height) cannot be read: \(error)")
            }
        }
    }

    /// Where transaction `id` is: committed (with its receipt), waiting in the mempool, or nil.
    public func transaction(chain: String, id: TransactionID) async throws(NodeServiceError) -> TransactionStatus? {
        try await onRuntime(chain) { runtime throws(NodeServiceError) in
            let found: (height: UInt64, receipt: Receipt)?
            do {
                found = try runtime.store.receipt(for: id)
            } catch {
                throw NodeServiceError(.storage, field: "id", rule: "receipt cannot be read: \(error)")
            }
            if let found { return .committed(height: found.height, receipt: found.receipt) }
            return runtime.mempool.contains(id) ? .pending : nil
        }
    }

    /// Counters for `/metrics`: per chain height, round and mempool; peers and refused frames.
    public func metricsSnapshot() async throws(NodeServiceError) -> NodeMetricsSnapshot {
        let counters = transport.counters
        let peers = transport.connectedPeers.count
        let chains = try await onLoop {
            self.runtimes.map { runtime in
                NodeMetricsSnapshot.Chain(chain: runtime.setup.chain, height: runtime.store.appliedHeight,
                                          round: runtime.signerState.map { UInt64($0.position.round.rawValue) } ?? 0,
                                          mempoolSize: runtime.mempool.count, mempoolBytes: runtime.mempool.bytes)
            }
        }
        let malformed = try await onLoop { self.malformed }
        return NodeMetricsSnapshot(chains: chains, peers: peers, framesRefused: counters.framesRefused,
                                   handshakesRefused: counters.handshakesRefused, malformedMessages: UInt64(malformed))
    }

    func index(of chain: String) throws(NodeServiceError) -> Int {
        guard let index = home.chains.firstIndex(where: { $0.setup.chain == chain }) else {
            throw NodeServiceError(.unknownChain, field: "chain",
                                   rule: "this node hosts \(chainIDs.joined(separator: ", ")), not '\(chain)'")
        }
        return index
    }

    /// Runs `body` on the loop with `chain`'s runtime (`notRunning` before `start()`).
    func onRuntime<T: Sendable>(_ chain: String, _ body: @escaping @Sendable (ChainRuntime) throws(NodeServiceError) -> T)
        async throws(NodeServiceError) -> T {
        let index = try index(of: chain)
        let outcome: Result<T, NodeServiceError> = try await onLoop {
            guard index < self.runtimes.count else {
                return .failure(NodeServiceError(.notRunning, field: "chain", rule: "the node has not opened '\(chain)' yet"))
            }
            do throws(NodeServiceError) {
                return .success(try body(self.runtimes[index]))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    func onLoop<T: Sendable>(_ body: @escaping @Sendable () -> T) async throws(NodeServiceError) -> T {
        do {
            return try await loop.submit(body).get()
        } catch {
            throw NodeServiceError(.notRunning, field: "node", rule: "the node's event loop is shut down")
        }
    }
}
