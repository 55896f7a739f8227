import NIOCore
import NIOSSL
import TraceCrypto

/// Channel pipelines: TLS, frame decoder, frame encoder, peer handler.
extension PeerTransport {
    func initializeInbound(_ channel: any Channel) -> EventLoopFuture<Void> {
        guard track(channel) else { return channel.close() }
        guard reservePendingInbound() else {
            handshakeRefused(.inbound, TransportError(.io, field: "pendingInboundMax",
                                                      reason: "\(configuration.pendingInboundMax) handshakes already pending"))
            return channel.close()
        }
        return channel.eventLoop.makeCompletedFuture {
            let handler = PeerChannelHandler(transport: self, direction: .inbound, expectedKey: nil)
            let callback = TransportTLS.verificationCallback(
                admission: admission, clock: clock, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop))
            let tlsHandler = NIOSSLServerHandler(context: tls.serverContext, customVerificationCallback: callback)
            try addHandlers(tlsHandler, handler, to: channel)
        }
    }

    func initializeOutbound(_ channel: any Channel, expectedKey: PublicKey) -> EventLoopFuture<Void> {
        guard track(channel) else { return channel.close() }
        return channel.eventLoop.makeCompletedFuture {
            let handler = PeerChannelHandler(transport: self, direction: .outbound, expectedKey: expectedKey)
            let callback = TransportTLS.verificationCallback(
                admission: admission, clock: clock, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop))
            let tlsHandler = try NIOSSLClientHandler(context: tls.clientContext, serverHostname: nil,
                                                     customVerificationCallback: callback)
            try addHandlers(tlsHandler, handler, to: channel)
        }
    }

    private func addHandlers(_ tlsHandler: any ChannelHandler, _ handler: PeerChannelHandler, to channel: any Channel) throws {
        let operations = channel.pipeline.syncOperations
        try operations.addHandler(tlsHandler)
        try operations.addHandler(ByteToMessageHandler(FrameDecoder(frameBytesMax: configuration.frameBytesMax)))
        try operations.addHandler(MessageToByteHandler(FrameEncoder()))
        try operations.addHandler(handler)
    }
}
