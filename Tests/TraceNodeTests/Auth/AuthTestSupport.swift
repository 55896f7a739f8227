import Foundation
import TraceModel
import TraceNode

/// A fresh temporary node home for one test, removed by `remove()`.
struct AuthTempHome {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "crosstrace-auth-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    var storePath: String { path + "/auth/api-keys.json" }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    func permissions(_ file: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}

enum AuthFixture {
    /// A well-formed participant id (P-256 uncompressed point shape).
    static let participant = "p256-04" + String(repeating: "ab", count: 64)
    static let otherParticipant = "ed25519-" + String(repeating: "cd", count: 32)

    static func grant(_ participant: String = participant) -> ApiKeyGrant {
        ApiKeyGrant(participant: participant, roles: [.informationProvider, .demandSide],
                    nodeKinds: [.tallyPicking, .pickupConsolidation], label: "warehouse scanner 3")
    }
}
