import Hummingbird
import NIOCore
import TraceLedger
import TraceNode

/// The HTTP API of one running node (issue 5 items 6–7; docs/api.md), on Hummingbird 2.
///
///     let api = TraceAPI(host: host)                  // bounds from the host's node.toml
///     let router = api.makeRouter()                   // more routes may be added to it
///     let app = try api.application(router: router)   // binds node.toml `listen_http`
///     try await app.run()                             // until the task is cancelled
public struct TraceAPI: Sendable {
    public let host: NodeHost
    public let bounds: APIBounds
    let metrics: APIMetrics

    public init(host: NodeHost, bounds: APIBounds? = nil) {
        self.host = host
        self.bounds = bounds ?? APIBounds(limits: host.home.config.limits)
        metrics = APIMetrics()
    }

    /// A router with the API's routes and its JSON error middleware.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: JSONErrorMiddleware<BasicRequestContext>())
        addRoutes(to: router)
        return router
    }

    /// Adds the routes of this issue (transactions, blocks, status, health, metrics) to `router`.
    public func addRoutes(to router: Router<BasicRequestContext>) {
        let api = self
        router.post("/v1/chains/:chain/transactions") { request, context in
            try await api.submitOne(request, chain: context.parameters.require("chain"))
        }
        router.post("/v1/chains/:chain/transactions/batch") { request, context in
            try await api.submitBatch(request, chain: context.parameters.require("chain"))
        }
        router.get("/v1/chains/:chain/transactions/:id") { _, context in
            try await api.transaction(chain: context.parameters.require("chain"), id: context.parameters.require("id"))
        }
        router.get("/v1/chains/:chain/blocks/:height") { request, context in
            try await api.block(chain: context.parameters.require("chain"), height: context.parameters.require("height"),
                                transactions: request.uri.queryParameters.get("transactions"))
        }
        router.get("/v1/chains/:chain/status") { _, context in
            try await api.status(chain: context.parameters.require("chain"))
        }
        router.get("/v1/health") { _, _ in try await api.health() }
        router.get("/metrics") { _, _ in try await api.metricsText() }
        api.addApplicationRoutes(to: router)
    }

    /// An application serving `router` on `address` (default: node.toml `listen_http`);
    /// `onRunning` gets the bound port (useful with port 0).
    public func application(router: Router<BasicRequestContext>, address: String? = nil,
                            onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        throws(APIConfigurationError) -> Application<RouterResponder<BasicRequestContext>> {
        let listen = address ?? host.home.config.node.listenHTTP
        let (hostname, port) = try APIBounds.split(listen)
        return Application(router: router, configuration: .init(address: .hostname(hostname, port: port), serverName: "crosstrace"),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) })
    }
}

/// Body bounds of the API (node.toml `[limits]`, issue 5 item 4).
public struct APIBounds: Sendable, Hashable {
    /// `limits.http_body_bytes_max`: one transaction's request body (default 1 MiB).
    public var bodyBytesMax: Int
    /// `limits.batch_bytes_max`: a batch request body (default 16 MiB).
    public var batchBytesMax: Int
    /// `limits.transaction_bytes_max`: one transaction's wire form.
    public var transactionBytesMax: Int
    /// Most transactions in one batch (issue 5 item 7).
    public var batchItemsMax = 1_000

    public init(limits: NodeLimits) {
        bodyBytesMax = Int(limits.httpBodyBytesMax)
        batchBytesMax = Int(limits.batchBytesMax)
        transactionBytesMax = Int(limits.transactionBytesMax)
    }

    var transactionLimits: TransactionLimits {
        var limits = TransactionLimits()
        limits.transactionBytesMax = transactionBytesMax
        return limits
    }

    /// `host:port` or `[v6]:port`.
    static func split(_ address: String) throws(APIConfigurationError) -> (String, Int) {
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
              (0...65_535).contains(port) else {
            throw APIConfigurationError(field: "node.listen_http", rule: "'\(address)' is not host:port")
        }
        var host = String(address[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
    }
}

/// A listen address the API cannot bind.
public struct APIConfigurationError: Error, CustomStringConvertible, Sendable {
    public let field: String
    public let rule: String
    public var description: String { "api: invalid '\(field)': \(rule)" }
}
