import Foundation
import Testing
import TraceContracts

/// Issue 6 item 3: after `up --demo` has recorded a sealed
/// consignee, delivery address, contact and amounts on a real 4-validator
/// network, no file under any node's home — the chain's SQLite file with its
/// `-wal` and `-shm`, the consensus WAL, the signer state — and no log holds
/// any of those values in clear, in UTF-8, UTF-16LE or UTF-16BE.
@Suite(.serialized) struct PrivacyScanTests {
    @Test func r5_3_4_noSealedValueInAnyNodeFileOrLog() throws {
        let secrets = DemoPlan.sealedPlaintexts.filter { $0.utf8.count >= 6 }
        try #require(secrets.count >= 4, "the demo seals too few values: \(secrets)")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("privacy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let log = root.deletingLastPathComponent().appendingPathComponent(root.lastPathComponent + ".log")
        defer { try? FileManager.default.removeItem(at: log) }
        let products = try UpDemoTests.runUp(root, base: CLI.portBase(), keepLog: log)
        try #require(products.count == 4)

        var files = [log.path]
        let walker = FileManager.default.enumerator(atPath: root.path)
        while let relative = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = root.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue { files.append(path) }
        }
        #expect(files.contains { $0.hasSuffix("chain.sqlite") })
        #expect(files.contains { $0.contains("/consensus/") })
        let needles = secrets.flatMap { secret in
            [Array(secret.utf8), Self.utf16(secret, bigEndian: false), Self.utf16(secret, bigEndian: true)].map { (secret, $0) }
        }
        // Positive control: a public value of the same records is found in clear, so the scan does see the data.
        let control = Array("Shenzhen Panda Toy Works".utf8)
        #expect(files.contains { Self.contains([UInt8]((try? Data(contentsOf: URL(fileURLWithPath: $0))) ?? Data()), control) })
        for file in files {
            let bytes = [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data())
            for (secret, needle) in needles where Self.contains(bytes, needle) {
                Issue.record("\(file) holds '\(secret)' in clear")
            }
        }
    }

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { unit in bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xff)] : [UInt8(unit & 0xff), UInt8(unit >> 8)] }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, Array(haystack[index..<(index + needle.count)]) == needle { return true }
            index += 1
        }
        return false
    }
}
