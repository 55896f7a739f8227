import Foundation
import TraceCrypto
import TraceLedger
import TraceModel

/// A committed transaction of a unit's trace: where and when it was committed.
public struct CommittedTransaction: Sendable, Hashable {
    public let height: UInt64
    public let index: UInt32
    /// The block's BFT time, milliseconds since the epoch.
    public let time: Int64
    public let transaction: Transaction

    public init(height: UInt64, index: UInt32, time: Int64, transaction: Transaction) {
        self.height = height
        self.index = index
        self.time = time
        self.transaction = transaction
    }

    public var position: RecordPosition { RecordPosition(height: height, index: index) }
}

/// Who reads the answer: the audience decides which fields show
/// (`AccessPolicy`); a reader id with its decryption key opens sealed fields
/// wrapped for it.
public struct TraceViewer: Sendable {
    public let audience: TraceAudience
    public let readerID: String?
    public let decryptionKey: EncryptionKeyPair?

    public init(audience: TraceAudience, readerID: String? = nil, decryptionKey: EncryptionKeyPair? = nil) {
        self.audience = audience
        self.readerID = readerID
        self.decryptionKey = decryptionKey
    }

    public static let consumer = TraceViewer(audience: .consumer)

    public static func participant(_ participant: Participant, decryptionKey: EncryptionKeyPair? = nil) -> TraceViewer {
        TraceViewer(audience: .participant(nodeKinds: participant.nodeKinds, roles: participant.roles),
                    readerID: participant.signerID, decryptionKey: decryptionKey)
    }

    public static func regulator(_ participant: Participant, decryptionKey: EncryptionKeyPair? = nil) -> TraceViewer {
        TraceViewer(audience: .regulator(participant.type.subtype), readerID: participant.signerID, decryptionKey: decryptionKey)
    }

    /// `public`, `participant` or `regulator`.
    public var viewName: String {
        switch audience {
        case .consumer: "public"
        case .participant: "participant"
        case .regulator: "regulator"
        }
    }
}

/// The answer to a trace query (issue 6 item 4). Encode with `jsonData()`
/// for sorted keys.
public struct TraceAnswer: Codable, Sendable, Hashable {
    public let view: String
    public let code: String
    public let key: String
    public let mode: TraceabilityMode
    /// Every transaction of the trace, in (height, index) order.
    public let timeline: [TimelineEntry]
    public let route: [RoutePointAnswer]
    public let containers: [ContainerStay]
    public let completeness: TraceCompleteness
    public let exceptions: [TraceException]
    public let anomalies: [AnomalyAnswer]

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }
}

/// One transaction of the trace as the view shows it.
public struct TimelineEntry: Codable, Sendable, Hashable {
    /// The trace action: issue, record, correct, aggregate, disaggregate, split, track.
    public let action: String
    /// The information block and item of a record; nil for other actions.
    public let block: InformationBlock?
    public let item: RecordItem?
    public let height: UInt64
    public let index: UInt32
    /// The record's place inside a `recordBatch` transaction (issue 7); nil otherwise.
    public let record: UInt32?
    /// Block time, ms since the epoch.
    public let time: Int64
    /// Signer id of the participant that submitted it.
    public let participant: String
    public let transactionID: String
    /// The record's own time, for records.
    public let recordedAt: String?
    /// Superseded by a later correction (R-5.1-c): `"height.index"` of the correction.
    public let supersededBy: String?
    public let superseded: Bool
    /// For a correction: `"height.index"` (`"height.index.k"` inside a batch) of the record it supersedes.
    public let supersedes: String?
    /// The container whose record applies to this unit (R-6.3.1.3).
    public let via: String?
    /// The fields the view shows (sealed ones opened for their readers).
    public let data: JSONValue?
    /// Sealed fields present but not opened for this viewer.
    public let sealed: [String]?
}

public struct RoutePointAnswer: Codable, Sendable, Hashable {
    public let time: String
    public let latitude: Double
    public let longitude: Double
    public let accuracyMetres: Double
    public let source: LocationFix.Source
    public let deviceId: String
}

/// One stay in a container: from the add event until the delete event (R-6.3.1.3).
public struct ContainerStay: Codable, Sendable, Hashable {
    public let child: String
    public let container: String
    public let from: String
    public let until: String?
}

/// A delivery exception (Table 3) or a clearance status other than the normal course (Table 4).
public struct TraceException: Codable, Sendable, Hashable {
    public let item: RecordItem
    public let kind: String
    public let height: UInt64
    public let index: UInt32
    public let recordedAt: String
}

public struct AnomalyAnswer: Codable, Sendable, Hashable {
    public let kind: RouteAnomaly.Kind
    public let from: String
    public let to: String
    public let measured: Double
    public let threshold: Double
}
