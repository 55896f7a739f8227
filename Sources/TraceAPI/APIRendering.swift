import TraceConsensus
import TraceCrypto
import TraceLedger
import TraceNode

/// The JSON forms of blocks, statuses and transactions (docs/api.md). Hashes,
/// keys and ids are lowercase hex; times are milliseconds since the epoch.
enum APIRendering {
    static func key(_ key: PublicKey) -> CanonicalJSON {
        .object(["alg": .string(key.algorithm.rawValue), "key": .string(Hex.encode(key.rawBytes))])
    }

    static func integer(_ value: UInt64) -> CanonicalJSON {
        .integer(Int64(clamping: min(value, UInt64(CanonicalJSON.integerMagnitudeMax))))
    }

    static func optionalHex(_ bytes: [UInt8]?) -> CanonicalJSON {
        bytes.map { .string(Hex.encode($0)) } ?? .null
    }

    /// `GET /v1/chains/{chain}/blocks/{height}`.
    static func block(_ block: Block, profile: CryptoProfile) -> CanonicalJSON {
        guard case .object(var members) = Self.block(header: block.header, ids: block.transactionIDs(profile.hash), profile: profile)
        else { return .null }
        members["transactions"] = .array(block.transactions.map(\.wireJSON))
        return .object(members)
    }

    /// `GET /v1/chains/{chain}/blocks/{height}?transactions=ids`: the header and the ids only.
    static func block(header: BlockHeader, ids: [TransactionID], profile: CryptoProfile) -> CanonicalJSON {
        let commit: CanonicalJSON = header.lastCommit.map { certificate in
            .object(["height": integer(certificate.height.rawValue), "round": .integer(Int64(certificate.round.rawValue)),
                     "blockHash": .string(Hex.encode(certificate.blockID.hash)),
                     "precommits": .integer(Int64(certificate.precommits.count))])
        } ?? .null
        return .object([
            "chain": .string(header.chain),
            "height": integer(header.height.rawValue),
            "hash": .string(Hex.encode(header.hash(profile.hash))),
            "previousBlockHash": optionalHex(header.previousBlockHash),
            "time": .integer(header.time),
            "transactionsRoot": .string(Hex.encode(header.transactionsRoot)),
            "stateRoot": .string(Hex.encode(header.stateRoot)),
            "proposer": key(header.proposer),
            "validatorSetHash": .string(Hex.encode(header.validatorSetHash)),
            "lastCommit": commit,
            "transactionIds": .array(ids.map { .string($0.description) }),
        ])
    }

    /// `GET /v1/chains/{chain}/status`.
    static func status(_ status: ChainStatus) -> CanonicalJSON {
        .object([
            "chain": .string(status.chain),
            "profile": .string(status.profile.rawValue),
            "height": integer(status.height),
            "lastBlockHash": optionalHex(status.lastBlockHash),
            "lastBlockTime": status.lastBlockTime.map { .integer($0) } ?? .null,
            "validators": .array(status.validators.map { validator in
                .object(["id": .string(validator.name), "key": key(validator.publicKey), "power": integer(validator.power)])
            }),
            "mempoolSize": .integer(Int64(status.mempoolSize)),
            "mempoolBytes": .integer(Int64(status.mempoolBytes)),
            "round": status.round.map { .integer(Int64($0)) } ?? .null,
        ])
    }

    /// `GET /v1/chains/{chain}/transactions/{id}`.
    static func transaction(_ id: TransactionID, _ status: TransactionStatus) -> CanonicalJSON {
        switch status {
        case .pending:
            return .object(["id": .string(id.description), "status": .string("pending"), "height": .null, "index": .null, "receipt": .null])
        case .committed(let height, let receipt):
            return .object([
                "id": .string(id.description), "status": .string("committed"), "height": integer(height),
                "index": .integer(Int64(receipt.index)),
                "receipt": .object(["code": .integer(Int64(receipt.code.rawValue)), "name": .string(receipt.code.name),
                                    "detail": .string(receipt.detail)]),
            ])
        }
    }

    /// One admission result: `accepted` with the id, or `rejected` with the mempool's code.
    static func admission(_ result: AdmissionResult) -> [String: CanonicalJSON] {
        switch result {
        case .accepted(let id):
            return ["id": .string(id.description), "status": .string("accepted")]
        case .rejected(let rejection):
            return ["status": .string("rejected"), "code": .string(rejection.code.rawValue),
                    "field": .string(rejection.field), "message": .string(rejection.message)]
        }
    }
}
