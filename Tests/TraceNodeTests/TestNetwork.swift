import Foundation
import NIOCore
import NIOPosix
import TraceCrypto
import X509
@testable import TraceNode

/// A small network for tests: one CA, node identities, and a fixed validation time.
struct TestNetwork {
    static let start = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01T00:00:00Z
    static let day: TimeInterval = 86_400
    static let now = start + 10 * day
    static let clock: @Sendable () -> Date = { now }

    let ca: NetworkCA
    private(set) var serial: UInt64 = 100

    init(name: String = "crosstrace-test") throws {
        ca = try NetworkCA(name: name, key: P256Signer(), notBefore: Self.start, notAfter: Self.start + 3650 * Self.day)
    }

    /// A node identity (validator of `cbetc`) or, with `nodeRoles: [:]`, a participant's own certificate.
    mutating func identity(_ id: String, nodeRoles: [String: NodeRole] = ["cbetc": .validator],
                           notAfter: Date = start + 365 * day) throws -> NodeCredentials {
        serial += 1
        let key = SigningKey.generate(.p256)
        let certificate = try ca.issue(publicKey: key.publicKey, claims: IdentityClaims(participantId: id, nodeRoles: nodeRoles),
                                       serial: serial, notBefore: Self.start, notAfter: notAfter)
        return try NodeCredentials(certificateChain: [certificate], signingKey: key)
    }

    func admission(_ nodes: [NodeCredentials]) -> PeerAdmission {
        PeerAdmission(caCertificates: [ca.certificate], admittedKeys: Set(nodes.map(\.publicKey)))
    }

    static func configuration(_ change: (inout TransportConfiguration) -> Void = { _ in }) -> TransportConfiguration {
        var configuration = TransportConfiguration()
        configuration.reconnectBackoff = ReconnectBackoff(initial: .milliseconds(20), maximum: .milliseconds(200))
        change(&configuration)
        return configuration
    }
}

/// A running transport with its event log.
struct TestNode: Sendable {
    let transport: PeerTransport
    let events: EventLog
    let address: SocketAddress

    static func start(_ credentials: NodeCredentials, admission: PeerAdmission, group: any EventLoopGroup,
                      configuration: TransportConfiguration = TestNetwork.configuration()) async throws -> TestNode {
        let events = EventLog()
        let transport = try PeerTransport(credentials: credentials, admission: admission, configuration: configuration,
                                          group: group, clock: TestNetwork.clock) { events.record($0) }
        let address = try await transport.start()
        return TestNode(transport: transport, events: events, address: address)
    }

    var port: Int { address.port ?? 0 }

    func peerAddress(of credentials: NodeCredentials) -> PeerAddress {
        PeerAddress(key: credentials.publicKey, host: "127.0.0.1", port: port)
    }
}

/// Runs `body` with a fresh event loop group and shuts it down afterwards.
func withGroup<T>(threads: Int = 2, _ body: (MultiThreadedEventLoopGroup) async throws -> T) async throws -> T {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
    do {
        let result = try await body(group)
        try await group.shutdownGracefully()
        return result
    } catch {
        try? await group.shutdownGracefully()
        throw error
    }
}
