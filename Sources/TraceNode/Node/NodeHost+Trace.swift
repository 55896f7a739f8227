import TraceConsensus
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// Read-only trace and membership queries on committed state (issue 6 items 4–5):
/// a trace without a proof reads a store snapshot off the loop (issue 7); proofs
/// and membership run on the host's loop like every other runtime call.
extension NodeHost {
    /// The committed `IssuedCode` of `key` (canonical key), the transactions its
    /// `TraceIndex` lists and the applied height, all read from one snapshot of the
    /// store off the node's loop; with `proof`, on the loop, a bundle proving the
    /// code and index entries and every listed transaction. Nil when never issued.
    public func traceLookup(chain: String, key: String, proof: Bool) async throws(NodeServiceError) -> TraceLookup? {
        guard proof else { return try Self.lookup(key: key, in: try snapshotReader(chain)) }
        let genesisHash = try Self.genesisHash(home.chains[index(of: chain)].genesis)
        return try await onRuntime(chain) { runtime throws(NodeServiceError) in
            let store = runtime.store
            guard let found = try Self.lookup(key: key, in: store.snapshotReader) else { return nil }
            let keys = [TraceContract.codeKey(for: key), TraceContract.indexKey(for: key)]
            let positions = found.index.entries.map { (height: $0.height, index: $0.index) }
            do throws(ProofError) {
                let certificate = try? runtime.decision(at: store.appliedHeight)?.certificate
                let bundle = try ProofBuilder(store: store, genesisHash: genesisHash)
                    .build(keys: keys, transactions: positions, anchorCertificate: certificate ?? nil)
                return TraceLookup(issued: found.issued, index: found.index, entries: found.entries, height: found.height, proof: bundle)
            } catch {
                throw NodeServiceError(.storage, field: "proof", rule: "the proof bundle cannot be built: \(error)")
            }
        }
    }

    /// The opened chain's committed-data reader (`notRunning` before it opens).
    func snapshotReader(_ chain: String) throws(NodeServiceError) -> StoreSnapshotReader {
        let index = try index(of: chain)
        guard let reader = snapshotReaders.withLock({ $0[index] }) else {
            throw NodeServiceError(.notRunning, field: "chain", rule: "the node has not opened '\(chain)' yet")
        }
        return reader
    }

    /// A unit's code entry, trace index and listed transactions from one snapshot.
    static func lookup(key: String, in reader: StoreSnapshotReader) throws(NodeServiceError) -> TraceLookup? {
        do {
            return try reader.read { snapshot -> TraceLookup? in
                guard let codeBytes = try snapshot.value(forKey: TraceContract.codeKey(for: key)) else { return nil }
                guard let issued = IssuedCode(canonicalBytes: codeBytes) else {
                    throw NodeServiceError(.storage, field: "code", rule: "the stored code entry of \(key) does not decode")
                }
                let indexBytes = try snapshot.value(forKey: TraceContract.indexKey(for: key)) ?? TraceIndex().canonicalBytes
                let index: TraceIndex
                do {
                    index = try TraceIndex(canonicalBytes: indexBytes)
                } catch {
                    throw NodeServiceError(.storage, field: "index", rule: "the stored trace index of \(key): \(error)")
                }
                let wires = try snapshot.committedWires(at: index.entries.map { (height: $0.height, index: $0.index) })
                let stored = zip(index.entries, wires).map { entry, found in
                    TraceEntryReader.Stored(height: entry.height, index: entry.index, time: found.time, wire: found.wire)
                }
                let entries = try TraceEntryReader.entries(key: key, stored: stored)
                return TraceLookup(issued: issued, index: index, entries: entries, height: try snapshot.appliedHeight(), proof: nil)
            }
        } catch let error as NodeServiceError {
            throw error
        } catch let error as LedgerError {
            throw NodeServiceError(.storage, field: error.field, rule: error.rule)
        } catch {
            throw NodeServiceError(.storage, field: "state", rule: "\(error)")
        }
    }

    /// Participants verified now, all of them or those of one node kind or country, by signer id.
    public func participants(chain: String, nodeKind: NodeKind?, country: CountryCode?) async throws(NodeServiceError) -> [Participant] {
        try await onRuntime(chain) { runtime in
            let view = MembershipView(state: StoreState(store: runtime.store))
            let height = Height(runtime.store.appliedHeight + 1)
            let kinds = nodeKind.map { [$0] } ?? NodeKind.allCases
            var found: [String: Participant] = [:]
            for kind in kinds { for participant in view.directory(nodeKind: kind, at: height) { found[participant.signerID] = participant } }
            if nodeKind == nil, let country {
                for participant in view.directory(country: country, at: height) { found[participant.signerID] = participant }
            }
            return found.values.filter { country == nil || $0.country == country }.sorted { $0.signerID < $1.signerID }
        }
    }

    /// The participant with signer id `id` in any status, or nil.
    public func participant(chain: String, id: String) async throws(NodeServiceError) -> Participant? {
        try await onRuntime(chain) { runtime in MembershipView(state: StoreState(store: runtime.store)).participant(id: id) }
    }

    static func genesisHash(_ genesis: Genesis) throws(NodeServiceError) -> [UInt8] {
        do throws(GenesisError) {
            return try genesis.hash()
        } catch {
            throw NodeServiceError(.storage, field: "genesis", rule: "\(error)")
        }
    }
}

/// What `traceLookup` found on committed state.
public struct TraceLookup: Sendable {
    public let issued: IssuedCode
    public let index: TraceIndex
    /// Read by `TraceEntryReader`: a `recordBatch` keeps only the records the
    /// unit's answer shows (issue 7); feed them to `TraceAnswerBuilder` only.
    public let entries: [CommittedTransaction]
    /// The applied height the answer was read at.
    public let height: UInt64
    public let proof: ProofBundle?
}

/// Committed state as a `StateReader` for views (reads only; a failed read is absent).
struct StoreState: StateReader {
    let store: BlockStore
    func value(forKey key: [UInt8]) -> [UInt8]? { (try? store.value(forKey: key)) ?? nil }
    func containsTransaction(_ id: TransactionID) -> Bool { (try? store.receipt(for: id)) != nil }
}
