import TraceConsensus
import TraceCrypto

/// Admission in three steps, so a node can hold its mempool lock only for the
/// cheap ones and verify signatures outside it — the proposer's `reap` never
/// waits for a batch of signature checks (issue 5 item 4, "never stalls
/// consensus"):
///
///     let plan = lock.withLock { $0.plan(batch, now: now) }   // cheap, reads state
///     let verified = plan.verifySignatures()                  // parallel, no lock
///     let results = lock.withLock { $0.complete(verified) }   // state, bounds, add
extension Mempool {
    /// Forgets what expired by `now`, then runs size, chain, algorithm, time,
    /// duplicate, replay and bounds — everything that needs no signature — over
    /// the whole batch, with the bounds projected as if every earlier survivor
    /// were accepted, so that no signature is checked for a transaction that
    /// could not be admitted anyway.
    public mutating func plan(_ batch: [Transaction], now: Timestamp) -> AdmissionPlan {
        expire(now: now)
        var results = [AdmissionResult?](repeating: nil, count: batch.count)
        var candidates: [AdmissionPlan.Candidate] = []
        var projected = Usage(count: pool.count, bytes: pool.bytes, nonces: nonces.count)
        for (index, transaction) in batch.enumerated() {
            let entry = entry(for: transaction)
            let rejection = statelessRejection(entry, now: now) ?? stateRejection(entry, now: now)
                ?? capacityRejection(entry.bytes, usage: projected)
            if let rejection {
                results[index] = .rejected(rejection)
            } else {
                projected.add(entry.bytes)
                candidates.append(AdmissionPlan.Candidate(index: index, entry: entry))
            }
        }
        return AdmissionPlan(chain: chain, now: now, results: results, candidates: candidates, verifier: verifier)
    }

    /// Adds, in batch order, each candidate whose signature verified, checking
    /// duplicates, replays and bounds again against the mempool as it is now
    /// (other batches may have been completed since the plan).
    public mutating func complete(_ admission: VerifiedAdmission) -> [AdmissionResult] {
        let plan = admission.plan
        precondition(plan.chain == chain && plan.verifier === verifier, "an admission plan completes in the mempool that made it")
        expire(now: plan.now)
        var results = plan.results
        for (candidate, isValid) in zip(plan.candidates, admission.signatureValid) {
            results[candidate.index] = isValid ? add(candidate.entry, now: plan.now) : .rejected(badSignature())
        }
        let answered = results.compactMap { $0 }
        precondition(answered.count == results.count, "every item is answered")
        return answered
    }
}

/// The transactions of a batch that passed every check but the signature,
/// and the answers for the others. Made by `Mempool.plan`.
public struct AdmissionPlan: Sendable {
    struct Candidate: Sendable {
        let index: Int
        let entry: PoolEntry
    }

    let chain: String
    let now: Timestamp
    let results: [AdmissionResult?]
    let candidates: [Candidate]
    let verifier: BatchVerifier

    /// How many transactions still need their signature checked.
    public var candidateCount: Int { candidates.count }

    /// Checks the candidates' signatures in one `BatchVerifier` call (in
    /// parallel; an (id, key, signature) seen before is answered from its cache).
    /// Touches no mempool state.
    public func verifySignatures() -> VerifiedAdmission {
        let checks = candidates.map { candidate in
            let transaction = candidate.entry.transaction
            return SignatureCheck(message: transaction.signingBytes, publicKey: transaction.signer,
                                  signature: transaction.signature)
        }
        return VerifiedAdmission(plan: self, signatureValid: verifier.verify(checks))
    }
}

/// An `AdmissionPlan` with its signatures checked, ready for `Mempool.complete`.
public struct VerifiedAdmission: Sendable {
    let plan: AdmissionPlan
    let signatureValid: [Bool]
}
