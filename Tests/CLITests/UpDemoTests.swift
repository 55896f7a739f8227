import Foundation
import Testing

/// Issue 6 item 7 and issue 5 item 8: `crosstrace up --demo` starts four
/// validator processes, seeds the demo scenario (docs/demo.md) through
/// node0's HTTP API — every receipt must be `ok`, or it exits 1 — and prints
/// one `demo-product <Digital Link on node0>` line per product. A second
/// `up --demo` on the same directory keeps the products instead of seeding
/// them again. Bounded wait: 180 s.
@Suite(.serialized) struct UpDemoTests {
    static let waitSeconds = 180.0

    @Test func r6_3_1_3_upDemoSeedsEveryProductAndPrintsItsURL() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("up-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let base = CLI.portBase()
        let first = try Self.runUp(root, base: base)
        #expect(first.count == 4, "demo lines: \(first)")
        #expect(first.allSatisfy { $0.hasPrefix("demo-product http://127.0.0.1:\(base + 500)/01/") })
        let again = try Self.runUp(root, base: base)
        #expect(again == first)
    }

    /// Runs `up --demo` until it printed its demo lines (or failed), then stops it with SIGTERM.
    static func runUp(_ root: URL, base: Int, keepLog: URL? = nil) throws -> [String] {
        let log = keepLog ?? root.deletingLastPathComponent().appendingPathComponent(root.lastPathComponent + ".log")
        defer { if keepLog == nil { try? FileManager.default.removeItem(at: log) } }
        try #require(FileManager.default.createFile(atPath: log.path, contents: nil))
        let child = Process()
        child.executableURL = CLI.binaryURL
        child.arguments = ["up", "--demo", "--validators", "4", "--dir", root.path,
                           "--base-port", String(base), "--http-base-port", String(base + 500)]
        child.standardOutput = try FileHandle(forWritingTo: log)
        child.standardError = child.standardOutput
        try child.run()
        defer {
            if child.isRunning { child.terminate() }
            child.waitUntilExit()
        }
        let deadline = Date().addingTimeInterval(waitSeconds)
        while Date() < deadline, child.isRunning {
            let lines = text(log).split(separator: "\n").map(String.init)
            let demo = lines.filter { $0.hasPrefix("demo-product ") }
            if demo.count >= 4 {
                child.terminate()
                child.waitUntilExit()
                #expect(child.terminationStatus == 0, "\(text(log).suffix(1_500))")
                return demo
            }
            Thread.sleep(forTimeInterval: 0.5)
        }
        Issue.record("up --demo printed no products: \(text(log).suffix(3_000))")
        return []
    }

    static func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
}
