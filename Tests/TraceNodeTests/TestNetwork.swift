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
        configuration.handshakeTimeout = .seconds(60) // generous on a loaded machine
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

/// An event loop group for one test; every transport started through it is shut down
/// before the group, whether the test passes or throws.
final class TestGroup: Sendable {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    private let started = Locked<[PeerTransport]>([])

    func start(_ credentials: NodeCredentials, admission: PeerAdmission,
               configuration: TransportConfiguration = TestNetwork.configuration()) async throws -> TestNode {
        let node = try await TestNode.start(credentials, admission: admission, group: group, configuration: configuration)
        started.withLock { $0.append(node.transport) }
        return node
    }

    func shutdown() async throws {
        for transport in started.withLock({ $0 }) { await transport.shutdown() }
        try await group.shutdownGracefully()
    }
}

/// Runs `body` with a fresh `TestGroup` and shuts it down afterwards.
func withGroup<T>(_ body: (TestGroup) async throws -> T) async throws -> T {
    let testGroup = TestGroup()
    do {
        let result = try await body(testGroup)
        try await testGroup.shutdown()
        return result
    } catch {
        try? await testGroup.shutdown()
        throw error
    }
}
