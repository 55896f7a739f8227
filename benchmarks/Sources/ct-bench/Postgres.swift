import ArgumentParser
import Foundation
import Logging
import PostgresNIO

/// The peer of issue 7 item 3: PostgreSQL on loopback, default settings,
/// `synchronous_commit=on`, the same events in a table indexed by trace code.
struct PostgresOptions: ParsableArguments {
    @Option(help: "PostgreSQL port on 127.0.0.1.") var pgPort = 55432
    @Option(help: "PostgreSQL user (trust authentication on loopback).") var pgUser = "ctbench"
    @Option(help: "Database name.") var pgDatabase = "ctbench"

    func client() -> PostgresClient {
        var configuration = PostgresClient.Configuration(host: "127.0.0.1", port: pgPort, username: pgUser,
                                                         password: nil, database: pgDatabase, tls: .disable)
        configuration.options.maximumConnections = 16
        return PostgresClient(configuration: configuration, backgroundLogger: Logger(label: "pg"))
    }
}

/// Runs `body` while the client's connection pool runs; the body is a child
/// task started after the pool's, so it does not lease a connection before
/// `run()` has begun (PostgresNIO warns when it does).
func withPostgres<T: Sendable>(_ options: PostgresOptions, _ body: @escaping @Sendable (PostgresClient) async throws -> T) async throws -> T {
    let client = options.client()
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { await client.run(); return nil }
        group.addTask { try await body(client) }
        while let finished = try await group.next() {
            guard let result = finished else { continue }
            group.cancelAll()
            return result
        }
        throw CancellationError()
    }
}

enum EventTable {
    static func create(_ client: PostgresClient) async throws {
        try await client.query("DROP TABLE IF EXISTS events")
        try await client.query("""
            CREATE TABLE events (id bigserial PRIMARY KEY, trace_code text NOT NULL, body jsonb NOT NULL)
            """)
        try await client.query("CREATE INDEX events_trace_code ON events (trace_code, id)")
    }

    /// One row per statement (and so per commit: autocommit).
    static func insert(_ client: PostgresClient, _ event: (code: String, record: String)) async throws {
        try await client.query("INSERT INTO events (trace_code, body) VALUES (\(event.code), \(event.record)::jsonb)")
    }

    /// Many rows in one statement (one commit).
    static func insert(_ client: PostgresClient, batch events: [(code: String, record: String)]) async throws {
        let codes = events.map(\.code), records = events.map(\.record)
        try await client.query("""
            INSERT INTO events (trace_code, body)
            SELECT c, b::jsonb FROM unnest(\(codes)::text[], \(records)::text[]) AS t(c, b)
            """)
    }

    /// Bytes on disk per row of the events table after a checkpoint: heap, TOAST and
    /// the trace-code and primary-key indexes (`pg_total_relation_size`), issue 7 item 5.
    static func bytesPerRow(_ client: PostgresClient) async throws -> Double {
        try await client.query("CHECKPOINT")
        let rows = try await client.query("SELECT pg_total_relation_size('events')::bigint, count(*)::bigint FROM events")
        for try await (size, count) in rows.decode((Int64, Int64).self) where count > 0 {
            return Double(size) / Double(count)
        }
        return 0
    }
}

/// `ct-bench pg-load`: rows per second into PostgreSQL, one row per commit or
/// `--batch` rows per commit, from `--clients` concurrent clients.
struct PostgresLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pg-load")

    @OptionGroup var postgres: PostgresOptions
    @Option(help: "Rows per commit.") var batch = 1
    @Option(help: "Concurrent clients.") var clients = 4
    @Option(help: "Seconds to measure.") var seconds: Double = 20
    @Option(help: "Distinct trace codes.") var codes = 100_000
    @Flag(help: "Drop and create the table first.") var create = false
    @Option(help: "Load exactly this many rows instead of running for --seconds.") var rows: Int?
    @Option(help: "GTIN of the codes (the demo manufacturer's).") var gtin = "06975432000017"
    @Option(help: "A demo network directory: take the GTIN from its plan, as `seed` does (overrides --gtin).") var network: String?
    @Option(help: "Serial prefix of the codes.") var run = "Q"

    func run() async throws {
        let (batch, clients, seconds, codes, create, rows) = (batch, clients, seconds, codes, create, rows)
        let result = try await withPostgres(postgres) { client in
            if create { try await EventTable.create(client) }
            let counter = Counter()
            let clock = ContinuousClock()
            let start = clock.now
            let gtin = try self.network.map { try TraceWorkload.gtin(network: $0) } ?? self.gtin, run = self.run
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<clients {
                    group.addTask {
                        while true {
                            if rows == nil, milliseconds(start, clock.now) >= seconds * 1000 { return }
                            guard let range = await counter.claim(batch, limit: rows ?? Int.max) else { return }
                            let events = range.map { TraceWorkload.event($0, codes: codes, gtin: gtin, run: run) }
                            if batch == 1 { try await EventTable.insert(client, events[0]) }
                            else { try await EventTable.insert(client, batch: events) }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let elapsed = milliseconds(start, clock.now) / 1000
            let loaded = await counter.claimed
            return ["rows": loaded, "rows_per_s": (Double(loaded) / elapsed).rounded(),
                    "bytes_per_row": try await EventTable.bytesPerRow(client).rounded()] as [String: any Sendable]
        }
        emit(result.merging(["batch": batch, "clients": clients]) { a, _ in a })
    }
}

actor Counter {
    private(set) var claimed = 0
    func claim(_ count: Int, limit: Int) -> Range<Int>? {
        guard claimed < limit else { return nil }
        let range = claimed..<min(limit, claimed + count)
        claimed = range.upperBound
        return range
    }
}
