import NIOCore
import NIOPosix
import NIOSSL
@testable import TraceNode

/// A hand-built TLS client that does not use `PeerTransport`: it may present any certificate,
/// none, an old TLS version, and write arbitrary bytes after the handshake.
enum RawPeer {
    static func connect(port: Int, credentials: NodeCredentials?, maximumTLSVersion: TLSVersion = .tlsv13,
                        group: any EventLoopGroup) async throws -> any Channel {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.maximumTLSVersion = maximumTLSVersion
        configuration.certificateVerification = .none // the intruder does not care who the server is
        if let credentials {
            let forms = try credentials.nioSSLForms()
            configuration.certificateChain = forms.chain
            configuration.privateKey = .privateKey(forms.key)
        }
        let context = try NIOSSLContext(configuration: configuration)
        return try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: nil))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
    }

    static func write(_ bytes: [UInt8], to channel: any Channel) {
        channel.writeAndFlush(ByteBuffer(bytes: bytes), promise: nil)
    }
}

extension RawPeer {
    /// A plain TCP connection that never starts TLS.
    static func silent(port: Int, group: any EventLoopGroup) async throws -> any Channel {
        try await ClientBootstrap(group: group).connect(host: "127.0.0.1", port: port).get()
    }
}
