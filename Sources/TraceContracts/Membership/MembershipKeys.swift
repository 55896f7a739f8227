import TraceCrypto
import TraceLedger
import TraceModel

/// State keys of the membership contract, inside its namespace
/// (`membership\0`): `p/<signer id>` holds a participant; `k/<node kind>` and
/// `c/<country>` hold the sorted signer ids of every participant ever
/// verified for that kind or country. The executor's `StateReader` reads
/// single keys only, so each index is one sorted list, never Dictionary order.
public enum MembershipKeys {
    public static let participantPrefix = "p/"

    public static func participant(_ signer: PublicKey) -> [UInt8] {
        Array((participantPrefix + Participant.signerID(signer)).utf8)
    }

    public static func participant(id: String) -> [UInt8] { Array((participantPrefix + id).utf8) }

    public static func nodeKind(_ kind: NodeKind) -> [UInt8] { Array(("k/" + kind.rawValue).utf8) }

    public static func country(_ country: CountryCode) -> [UInt8] { Array(("c/" + country.code).utf8) }
}

/// The directory's index lists (R-6.3.1.2: verified participants by kind and country).
enum MembershipIndex {
    static let domain = "crosstrace/membership/index/v1\n"
    /// Most entries one list holds.
    static let entriesMax = 100_000

    static func encode(_ ids: [String]) -> [UInt8] {
        var writer = CanonicalWriter(domain: domain)
        Participant.writeList(ids, into: &writer)
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8]?) -> [String] {
        guard let bytes, var reader = try? CanonicalReader(bytes, domain: domain),
              let ids = try? Participant.readList(&reader, "index", maxCount: entriesMax), reader.isAtEnd else { return [] }
        return ids
    }

    /// Adds a newly verified participant to its kinds' and country's lists.
    static func update(_ context: inout ContractContext, participant: Participant) throws(MembershipRefusal) {
        guard participant.status == .verified else { return }
        let keys = participant.nodeKinds.map(MembershipKeys.nodeKind) + [MembershipKeys.country(participant.country)]
        for key in keys {
            var ids = decode(context.get(key))
            guard !ids.contains(participant.signerID) else { continue }
            guard ids.count < entriesMax else {
                throw MembershipRefusal(.tooLarge, field: "directory", rule: "an index list holds at most \(entriesMax) participants")
            }
            ids.append(participant.signerID)
            ids.sort()
            context.put(key, encode(ids))
        }
    }
}
