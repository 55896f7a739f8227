import Foundation
import Testing

/// Issue 6 item 7 and issue 5 item 8: `crosstrace up --demo` starts four
/// validator processes, seeds the demo scenario (docs/demo.md) through
/// node0's HTTP API — every receipt must be `ok`, or it exits 1 — and prints
/// one `demo-product <Digital Link on node0>` line per product. A second
/// `up --demo` on the same directory keeps the products instead of seeding
/// them again. Bounded wait: 180 s.
@Suite(.serialized) struct UpDemoTests {
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
        let demo = try DemoNetwork(directory: root, validators: 4, base: base, log: log)
        defer { demo.stop() }
        guard let products = demo.products(atLeast: 4) else {
            Issue.record("up --demo printed no products: \(demo.up.text.suffix(3_000))")
            return []
        }
        #expect(demo.stop(), "\(demo.up.text.suffix(1_500))")
        return products
    }
}
