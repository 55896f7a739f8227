import TraceConsensus
import TraceCrypto
import TraceLedger
import TraceModel

/// The trace contract `trace` (issue 6 items 2–4; R-5.1-c, R-5.2, R-5.3.4,
/// R-6.3.1.3, R-6.4): trace codes are issued by their manufacturer
/// or trader and unique forever; records of the four information blocks are
/// accepted only from participants verified for a node kind that writes the
/// block; containers, splits, corrections and track segments keep the trace
/// whole; every transaction that touches a unit is listed in its trace index.
/// Refusals are receipts with a stable code and the detail `field: rule`.
public struct TraceContract: Contract {
    public static let contractName = "trace"
    public static let actions = ["issue", "license", "record", "recordBatch", "correct", "aggregate", "disaggregate", "split", "track"]

    public let name = TraceContract.contractName
    /// The chain's hash, to name transactions in the trace index.
    public let hash: HashAlgorithm
    /// Where membership lives (read-only).
    public let membershipContract: String

    public init(hash: HashAlgorithm, membershipContract: String = MembershipContract.contractName) {
        self.hash = hash
        self.membershipContract = membershipContract
    }

    public init(profile: CryptoProfile) {
        self.init(hash: profile.hash)
    }

    public func execute(_ context: inout ContractContext) -> ContractOutcome {
        do throws(MembershipRefusal) {
            var session = TraceSession(context: context, hash: hash, membershipContract: membershipContract)
            let fields = PayloadFields(members: context.transaction.payload)
            switch context.transaction.action {
            case "issue": try TraceIssue.issue(&session, fields)
            case "license": try TraceIssue.license(&session, fields)
            case "record": try TraceRecording.record(&session, fields, correcting: false)
            case "recordBatch": try TraceBatch.recordBatch(&session, fields)
            case "correct": try TraceRecording.record(&session, fields, correcting: true)
            case "aggregate": try TraceAggregation.aggregate(&session, fields)
            case "disaggregate": try TraceAggregation.disaggregate(&session, fields)
            case "split": try TraceAggregation.split(&session, fields)
            case "track": try TraceTracking.track(&session, fields)
            default:
                throw MembershipRefusal(.unknownAction, field: "action",
                                        rule: "trace actions are " + Self.actions.joined(separator: ", "))
            }
            context = session.context
            return .ok
        } catch {
            return error.outcome
        }
    }
}

/// One transaction's work on trace state: typed reads and writes, the
/// membership view, and the transaction's position and id.
struct TraceSession {
    var context: ContractContext
    let membership: MembershipView
    let position: RecordPosition
    let transactionID: TransactionID
    /// The signer's participant entry, read once per transaction (a batch of a hundred
    /// records decoded it a hundred times: issue 7). Membership does not change within
    /// a trace transaction, so every check of it sees the same entry.
    let signer: Participant?

    init(context: ContractContext, hash: HashAlgorithm, membershipContract: String) {
        self.context = context
        self.membership = MembershipView(context: context, contract: membershipContract)
        self.position = RecordPosition(height: context.height.rawValue, index: context.index)
        self.transactionID = context.transaction.id(hash)
        self.signer = membership.participant(signer: context.transaction.signer)
    }

    var signerID: String { Participant.signerID(context.transaction.signer) }
    var height: Height { context.height }

    /// The signer as a participant verified in this block, or a refusal.
    func verifiedSigner() throws(MembershipRefusal) -> Participant {
        guard let participant = signer else {
            throw MembershipRefusal(.forbidden, field: "signer", rule: "notRegistered: not a participant (R-6.3.1.2)")
        }
        let status = participant.status(at: height)
        guard status == .verified else {
            throw MembershipRefusal(.forbidden, field: "signer", rule: "\(status.rawValue): only a verified participant writes (R-6.3.1.2)")
        }
        return participant
    }

    func code(_ key: String) -> IssuedCode? { context.get(TraceKeys.code(key)).flatMap(IssuedCode.init(canonicalBytes:)) }

    /// The issued code `key`, or `notFound` under `field`.
    func issued(_ key: String, field: String) throws(MembershipRefusal) -> IssuedCode {
        guard let code = code(key) else {
            throw MembershipRefusal(.notFound, field: field, rule: "\(key) was never issued on this chain (R-6.3.1.3)")
        }
        return code
    }

    mutating func put(_ code: IssuedCode) { context.put(TraceKeys.code(code.key), code.canonicalBytes) }

    func entry(_ position: RecordPosition, record: UInt32? = nil) -> StoredEntry? {
        context.get(TraceKeys.entry(position, record: record)).flatMap(StoredEntry.init(canonicalBytes:))
    }

    mutating func put(_ entry: StoredEntry, at position: RecordPosition, record: UInt32? = nil) {
        context.put(TraceKeys.entry(position, record: record), entry.canonicalBytes)
    }

    /// Lists this transaction in the trace index of each of `keys`.
    mutating func touch(_ keys: [String]) throws(MembershipRefusal) {
        for key in keys {
            let indexKey = TraceKeys.index(key)
            let entry = TraceIndexEntry(height: position.height, index: position.index, transactionID: transactionID)
            let stored = context.get(indexKey)
            if let stored, let appended = try TraceIndex.appending(entry, to: stored) {
                context.put(indexKey, appended)
                continue
            }
            var index = stored.flatMap { try? TraceIndex(canonicalBytes: $0) } ?? TraceIndex()
            try index.append(entry)
            context.put(indexKey, index.canonicalBytes)
        }
    }

    /// The container `key` is inside now, if any.
    func parent(of key: String) -> String? { context.get(TraceKeys.parent(key)).map { String(decoding: $0, as: UTF8.self) } }

    /// What container `key` holds now, sorted.
    func contents(of key: String) -> [String] { MembershipIndex.decode(context.get(TraceKeys.contents(key))) }

    mutating func setContents(_ keys: [String], of container: String) {
        if keys.isEmpty { context.delete(TraceKeys.contents(container)) } else {
            context.put(TraceKeys.contents(container), MembershipIndex.encode(keys.sorted()))
        }
    }

    /// Everything inside `key` now, however deep (at most `ContainmentLedger.depthMax`
    /// levels and `TraceAggregation.unitsMax` units), by depth then key.
    func allContents(of key: String) throws(MembershipRefusal) -> [String] {
        var found: [String] = []
        var level = [key]
        var depth = 0
        while depth < ContainmentLedger.depthMax, !level.isEmpty {
            level = level.flatMap { contents(of: $0) }.sorted()
            found += level
            guard found.count <= TraceAggregation.unitsMax else {
                throw MembershipRefusal(.tooLarge, field: "contents", rule: "a container holds at most \(TraceAggregation.unitsMax) units")
            }
            depth += 1
        }
        return found
    }

    /// The containers above `key` now, nearest first.
    func chain(of key: String) -> [String] {
        var chain: [String] = []
        var current = key
        while chain.count <= ContainmentLedger.depthMax, let next = parent(of: current) {
            chain.append(next)
            current = next
        }
        return chain
    }
}
