import NIOCore
import NIOTLS
import TraceCrypto

/// The last handler of a peer connection: binds the connection to the peer's
/// admitted key once the TLS handshake completes, delivers frames tagged with
/// that key, and closes the connection on a refused frame or a handshake timeout.
final class PeerChannelHandler: ChannelInboundHandler {
    typealias InboundIn = Envelope

    private enum State {
        case handshaking
        case authenticated(PeerLink)
        /// A frame was refused; the connection is closing.
        case refusing(PeerLink)
        /// Another connection to the same peer was kept; this one is closing.
        case superseded
        case closed
    }

    private let transport: PeerTransport
    private let direction: ConnectionDirection
    private let expectedKey: PublicKey?
    private var state = State.handshaking
    private var verification: Result<PublicKey, TransportError>?
    private var refusal: TransportError?
    private var timeout: Scheduled<Void>?

    init(transport: PeerTransport, direction: ConnectionDirection, expectedKey: PublicKey?) {
        self.transport = transport
        self.direction = direction
        self.expectedKey = expectedKey
    }

    /// The verification callback's outcome, recorded on the event loop before NIOSSL resumes.
    func verified(_ result: Result<PublicKey, TransportError>) {
        verification = result
        if case .failure(let error) = result { refusal = refusal ?? error }
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        timeout = context.eventLoop.assumeIsolated().scheduleTask(in: transport.configuration.handshakeTimeout) { [self] in
            guard case .handshaking = state else { return }
            refusal = refusal ?? TransportError(.io, field: "handshake", reason: "timed out")
            channel.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent { authenticate(context: context) }
        context.fireUserInboundEventTriggered(event)
    }

    private func authenticate(context: ChannelHandlerContext) {
        guard case .handshaking = state else { return }
        guard case .success(let key) = verification else {
            return refuse(TransportError(.notAdmitted, field: "certificate", reason: "no admitted certificate"), context: context)
        }
        if let expectedKey, expectedKey != key {
            return refuse(TransportError(.unexpectedPeer, field: "certificate.publicKey", reason: "not the dialled node"), context: context)
        }
        timeout?.cancel()
        let link = transport.makeLink(channel: context.channel, key: key, direction: direction)
        state = transport.register(link) ? .authenticated(link) : .superseded
        if direction == .inbound { transport.releasePendingInbound() }
        if case .superseded = state { context.close(promise: nil) }
    }

    private func refuse(_ error: TransportError, context: ChannelHandlerContext) {
        refusal = refusal ?? error
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .authenticated(let link) = state else { return }
        transport.deliver(unwrapInboundIn(data), from: link.key)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? TransportError, error.code == .frameTooLarge || error.code == .malformedFrame {
            if case .authenticated(let link) = state {
                state = .refusing(link)
                transport.frameRefused(error, from: link.key)
            }
        } else if refusal == nil {
            refusal = TransportError(.io, field: "connection", reason: String(describing: error))
        }
        context.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if case .authenticated(let link) = state, context.channel.isWritable { link.drain() }
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timeout?.cancel()
        switch state {
        case .handshaking:
            if direction == .inbound { transport.releasePendingInbound() }
            transport.handshakeRefused(direction, refusal ?? TransportError(.io, field: "handshake", reason: "closed before the handshake completed"))
        case .authenticated(let link), .refusing(let link):
            link.discardQueued()
            transport.unregister(link)
        case .superseded, .closed:
            break
        }
        state = .closed
        context.fireChannelInactive()
    }
}
