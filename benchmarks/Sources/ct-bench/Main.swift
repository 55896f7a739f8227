import ArgumentParser

/// `ct-bench`: the measuring half of `make bench` (issue 7). Each subcommand
/// measures one thing and prints one JSON line; scripts/bench.sh starts the
/// network and PostgreSQL, runs these side by side and writes the report.
@main
struct CTBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ct-bench",
        abstract: "Benchmark driver for CrossTrace (see BENCHMARKS.md).",
        subcommands: [SignatureBound.self, NodeLoad.self, PostgresLoad.self, QuerySeed.self, QueryBench.self])
}
