import Testing
import TraceConsensus
import TraceCrypto
@testable import TraceLedger

/// A signer that must not be asked: proves a stored signature was returned.
struct RefusingSigner: Signer {
    let publicKey: PublicKey
    func sign(_ message: [UInt8]) throws -> Signature {
        throw DurabilityError(.conflict, file: "test", operation: "sign", rule: "the signer was asked again")
    }
}

/// The signer state file: atomic, never regressing, and answering a repeated
/// request with the stored signature after a restart (R-5.3.3 safety).
@Suite struct SignerStateFileTests {
    let signer: P256Signer

    init() throws { signer = try P256Signer(privateKey: [UInt8](repeating: 0x42, count: 32)) }

    @Test func r5_3_3_sameRequestAfterReopen_getsTheStoredSignature() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let bytes = Array("prevote h5 r1".utf8)
        let first = try SignerStateFile(store: try FileDurableStore(directory: directory.path))
        #expect(first.last == nil)
        let signed = try first.sign(bytes, at: position(5, 1, 1), with: signer)
        #expect(try directory.entries() == [SignerStateFile.defaultName])

        let reopened = try SignerStateFile(store: try FileDurableStore(directory: directory.path))
        #expect(reopened.last == signed)
        let refusing = RefusingSigner(publicKey: signer.publicKey)
        let again = try reopened.sign(bytes, at: position(5, 1, 1), with: refusing)
        #expect(again.signature == signed.signature)
        #expect(try reopened.storedSignature(at: position(5, 1, 1), for: bytes) == signed.signature)
        #expect(try reopened.storedSignature(at: position(5, 1, 2), for: bytes) == nil)
    }

    @Test func r5_3_3_regressionAndConflictAreRefused_onSignAndSave() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try SignerStateFile(store: try FileDurableStore(directory: directory.path))
        let stored = try file.sign([1], at: position(5, 1, 1), with: signer)
        let regression = DurabilityError(.regression, file: "", operation: "", rule: "")
        let conflict = DurabilityError(.conflict, file: "", operation: "", rule: "")
        #expect(throws: regression) { try file.sign([2], at: position(5, 0, 2), with: signer) }
        #expect(throws: regression) { try file.sign([2], at: position(4, 9, 2), with: signer) }
        #expect(throws: conflict) { try file.sign([2], at: position(5, 1, 1), with: signer) }
        let lower = SignerState(position: position(5, 1, 0), signBytes: [3], signature: stored.signature)
        #expect(throws: regression) { try file.save(lower) }
        #expect(throws: conflict) {
            try file.save(SignerState(position: position(5, 1, 1), signBytes: [3], signature: stored.signature))
        }
        #expect(file.last == stored)
        #expect(try SignerStateFile(store: try FileDurableStore(directory: directory.path)).last == stored)
        let higher = try file.sign([4], at: position(5, 1, 2), with: signer)
        #expect(try SignerStateFile(store: try FileDurableStore(directory: directory.path)).last == higher)
    }

    @Test func r5_3_3_reloadRefusesAStoreThatWentBack() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileDurableStore(directory: directory.path)
        let file = try SignerStateFile(store: store)
        let older = try file.sign([1], at: position(2, 0, 1), with: signer)
        let oldBytes = try directory.rawBytes(SignerStateFile.defaultName)
        _ = try file.sign([2], at: position(2, 0, 2), with: signer)
        try directory.writeRaw(SignerStateFile.defaultName, oldBytes)
        let regression = DurabilityError(.regression, file: "", operation: "", rule: "")
        let error = #expect(throws: regression) { try file.reload() }
        #expect(error?.description.contains("signer-state") == true)
        try directory.writeRaw(SignerStateFile.defaultName, [])
        #expect(throws: regression) { try file.reload() }
        #expect(older.position < file.last?.position ?? older.position)
    }

    @Test func corruptSignerStateIsRefused_neverTreatedAsEmpty() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileDurableStore(directory: directory.path)
        _ = try SignerStateFile(store: store).sign([1], at: position(1, 0, 0), with: signer)
        var bytes = try directory.rawBytes(SignerStateFile.defaultName)
        bytes.removeLast()
        try directory.writeRaw(SignerStateFile.defaultName, bytes)
        #expect(throws: DurabilityError(.corrupted, file: "", operation: "", rule: "")) { try SignerStateFile(store: store) }
    }
}
