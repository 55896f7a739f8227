import Testing
@testable import TraceLedger

/// The POSIX store: safe names only, atomic replacement, durable cuts,
/// bounded reads, errors naming file and operation.
@Suite struct FileDurableStoreTests {
    @Test(arguments: ["", ".", "..", "../escape", "a/b", "/etc/passwd", ".hidden", "name\u{0}x", "ü",
                      String(repeating: "a", count: 129)])
    func unsafeNamesAreRefused(name: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileDurableStore(directory: directory.path)
        #expect(!FileDurableStore.isValidName(name))
        #expect(throws: DurabilityError(.invalidName, file: "", operation: "", rule: "")) { try store.append(name, [1]) }
        #expect(throws: DurabilityError(.invalidName, file: "", operation: "", rule: "")) { try store.writeAtomically(name, [1]) }
        #expect(throws: DurabilityError(.invalidName, file: "", operation: "", rule: "")) { try store.read(name) }
        #expect(try directory.entries() == [])
    }

    @Test func safeNamesAreAccepted() {
        for name in ["consensus.wal", "signer-state", "a", "A_1.b-2", String(repeating: "z", count: 128)] {
            #expect(FileDurableStore.isValidName(name), "\(name)")
        }
    }

    @Test func absentFileReadsEmpty_appendSyncTruncate() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileDurableStore(directory: directory.path)
        #expect(try store.read("log") == [])
        #expect(try store.size("log") == 0)
        try store.truncate("log", to: 0)
        try store.append("log", [1, 2, 3])
        try store.append("log", [4, 5])
        try store.sync("log")
        #expect(try store.read("log") == [1, 2, 3, 4, 5])
        #expect(try store.size("log") == 5)
        try store.truncate("log", to: 2)
        #expect(try directory.rawBytes("log") == [1, 2])
        try store.truncate("log", to: 10)
        #expect(try store.size("log") == 2)
    }

    @Test func writeAtomicallyReplacesTheFile_andLeavesNoTempFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileDurableStore(directory: directory.path)
        try store.writeAtomically("state", [1, 2, 3, 4])
        try store.writeAtomically("state", [9])
        #expect(try directory.rawBytes("state") == [9])
        #expect(try directory.entries() == ["state"])
    }

    @Test func readsAreBounded() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileDurableStore(directory: directory.path, readBytesMax: 16)
        try store.append("log", [UInt8](repeating: 1, count: 16))
        #expect(try store.read("log").count == 16)
        try store.append("log", [2])
        let error = #expect(throws: DurabilityError(.tooLarge, file: "", operation: "", rule: "")) { try store.read("log") }
        #expect(error?.file == "log")
    }

    @Test func createsMissingDirectory_refusesAFileAsDirectory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let nested = try FileDurableStore(directory: directory.file("node0"))
        try nested.writeAtomically("state", [1])
        #expect(try directory.entries() == ["node0"])
        try directory.writeRaw("plain", [0])
        let error = #expect(throws: DurabilityError(.io, file: "", operation: "", rule: "")) {
            try FileDurableStore(directory: directory.file("plain"))
        }
        #expect(error?.description.contains(directory.file("plain")) == true)
    }

    @Test func osErrorsNameFileAndOperation() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileDurableStore(directory: directory.path)
        try store.append("log", [1])
        directory.remove()
        let error = #expect(throws: DurabilityError(.io, file: "", operation: "", rule: "")) {
            try store.writeAtomically("state", [1])
        }
        #expect(error?.file == ".state.tmp")
        #expect(error?.operation == "open")
        #expect(error?.rule.contains("errno") == true)
    }
}
