import ArgumentParser
import Foundation
import TraceLedger

/// `crosstrace up`: a whole local network as separate `crosstrace node`
/// processes on loopback (issue 5 item 8). Writes the network first, through
/// the same code as `crosstrace init`, when DIR holds none.
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Run a local network: one `crosstrace node` process per node; Ctrl-C stops them all.")

    @Option(help: "Validators when a network is created (1-64).") var validators: Int = 4
    @Option(help: "The network's directory; created with `init` when it holds no node0/node.toml.") var dir: String = "data/net"
    @Option(help: "Chains when a network is created.") var chains: String = "cbetc"
    @Option(help: "First peer-to-peer port when a network is created.") var basePort: Int = 26656
    @Option(help: "First HTTP port when a network is created.") var httpBasePort: Int = 8080
    @Flag(help: "Seed demo participants and products (docs/demo.md) and print their consumer URLs.") var demo = false

    func run() async throws {
        if !FileManager.default.fileExists(atPath: dir + "/node0/" + NodeConfig.fileName) {
            let initCommand = try InitCommand.parse(["--validators", String(validators), "--chains", chains, "--out", dir,
                                                     "--base-port", String(basePort), "--http-base-port", String(httpBasePort)])
            try initCommand.run()
        }
        let homes = (0..<InitPlan.validatorsMax).map { "\(dir)/node\($0)" }
            .filter { FileManager.default.fileExists(atPath: $0 + "/" + NodeConfig.fileName) }
        var children: [Process] = []
        defer { Self.stop(children) }
        for (index, home) in homes.enumerated() {
            let config = try NodeConfig.load(home: home)
            let child = Process()
            child.executableURL = Self.executable
            child.arguments = ["node", "--home", home]
            try child.run()
            children.append(child)
            Self.say("node\(index) pid=\(child.processIdentifier) http://\(config.node.listenHTTP)")
        }
        if demo, let first = homes.first {
            let url = "http://" + (try NodeConfig.load(home: first)).node.listenHTTP
            do {
                for line in try await UpDemo(network: dir, node0URL: url).run() { Self.say(line) }
            } catch {
                Self.say("demo: \(error)")
                throw ExitCode.failure
            }
        }
        let signal = await StopSignal.wait()
        Self.say("stopping \(children.count) nodes on \(signal)")
    }

    /// One line on stdout, unbuffered (the pid lines must show while the nodes run).
    static func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

    /// This same binary.
    static var executable: URL {
        FileManager.default.fileExists(atPath: "/proc/self/exe")
            ? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            : URL(fileURLWithPath: CommandLine.arguments[0])
    }

    /// SIGTERM to every child still running, then waits for each.
    static func stop(_ children: [Process]) {
        for child in children where child.isRunning { child.terminate() }
        for child in children { child.waitUntilExit() }
    }
}
