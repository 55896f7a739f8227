import Foundation
import Testing

/// Issue 5 "Done means": four real `crosstrace node`
/// processes over mutual TLS commit the same blocks. Bounded wait: 120 s.
@Suite(.serialized) struct NodeNetworkTests {
    static let waitSeconds = 120.0
    static let heightTarget = 3

    @Test func r5_3_1_fourNodeProcessesCommitIdenticalBlocks() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("node-net-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let base = CLI.portBase()
        let initResult = try CLI.run(["init", "--validators", "4", "--chains", "cbetc", "--out", root.path,
                                      "--base-port", String(base), "--http-base-port", String(base + 500)])
        try #require(initResult.status == 0, "\(initResult.stderr)")

        var children: [Process] = []
        defer {
            for child in children where child.isRunning { kill(child.processIdentifier, SIGKILL) }
        }
        let logs = (0..<4).map { root.appendingPathComponent("node\($0).log") }
        for index in 0..<4 {
            try #require(FileManager.default.createFile(atPath: logs[index].path, contents: nil))
            let child = Process()
            child.executableURL = CLI.binaryURL
            child.arguments = ["node", "--home", root.appendingPathComponent("node\(index)").path]
            child.standardOutput = try FileHandle(forWritingTo: logs[index])
            child.standardError = child.standardOutput
            try child.run()
            children.append(child)
        }

        let deadline = Date().addingTimeInterval(Self.waitSeconds)
        var hashes: [String?] = [nil, nil, nil, nil]
        while Date() < deadline, hashes.contains(where: { $0 == nil }) {
            Thread.sleep(forTimeInterval: 0.5)
            for index in 0..<4 { hashes[index] = Self.hash(atHeight: Self.heightTarget, log: logs[index]) }
            if let exited = children.firstIndex(where: { !$0.isRunning }) {
                Issue.record("node\(exited) exited early: \(Self.text(logs[exited]).suffix(2_000))")
                return
            }
        }
        #expect(hashes.allSatisfy { $0 != nil }, "logs: \(logs.map { Self.text($0).suffix(600) })")
        #expect(Set(hashes.compactMap { $0 }).count == 1)

        for child in children { child.terminate() }
        for child in children { child.waitUntilExit() }
        #expect(children.allSatisfy { $0.terminationReason == .exit && $0.terminationStatus == 0 })
        #expect(logs.allSatisfy { Self.text($0).contains("stopped") })
    }

    /// The hash prefix a node logged for `height` of chain cbetc, if it has.
    static func hash(atHeight height: Int, log: URL) -> String? {
        for line in text(log).split(separator: "\n") where line.contains("chain=cbetc height=\(height) ") {
            guard let field = line.split(separator: " ").first(where: { $0.hasPrefix("hash=") }) else { continue }
            return String(field.dropFirst(5))
        }
        return nil
    }

    static func text(_ url: URL) -> String {
        (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }
}
