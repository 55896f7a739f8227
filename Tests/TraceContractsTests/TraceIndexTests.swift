import Testing
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// Issue 6 item 4: the trace index lists every transaction that touched a
/// unit, in (height, index) order, as canonical bytes with a public decoder.
@Suite struct TraceIndexTests {
    @Test func r6_3_1_3_indexListsEveryTouchInOrder() throws {
        var chain = TraceChain.populated()
        let code = Sample.unit("I1")
        #expect(chain.run("issue", Sample.issue(code), by: Cast.manufacturer).code == .ok)
        // Two records in one block, and a refused one between them.
        let first = chain.tx("record", Sample.record(.productProduction, code: code, data: Sample.data(.productProduction)),
                             by: Cast.manufacturer.signer)
        let refused = chain.tx("record", Sample.record(.logisticsTally, code: code, data: Sample.data(.logisticsTally)),
                               by: Cast.manufacturer.signer)
        let second = chain.tx("record", Sample.record(.productFeatures, code: code, data: Sample.data(.productFeatures)),
                              by: Cast.manufacturer.signer)
        #expect(chain.block([first, refused, second]).map(\.code) == [.ok, .forbidden, .ok])
        let index = try #require(chain.index(of: code))
        #expect(index.entries.map(\.position) == chain.committed.suffix(3).map(\.position))
        #expect(index.entries.map(\.transactionID) == [chain.committed.suffix(3).first?.transaction.id(.sha256),
                                                       first.id(.sha256), second.id(.sha256)].compactMap { $0 })
        #expect(index.entries.map(\.index).suffix(2) == [0, 2])
        #expect(chain.entries(of: code).count == 3)
    }

    @Test func indexKeyIsTheStateKey() throws {
        var chain = TraceChain.populated()
        let code = Sample.unit("I2")
        #expect(chain.run("issue", Sample.issue(code), by: Cast.manufacturer).code == .ok)
        let key = TraceContract.indexKey(for: code)
        #expect(key == Array("trace".utf8) + [0] + Array("i/\(code)".utf8))
        let bytes = try #require(chain.state.value(forKey: key))
        #expect(try TraceIndex(canonicalBytes: bytes).canonicalBytes == bytes)
    }

    @Test func decoderRefusesAnythingElse() throws {
        let id = TransactionID(bytes: [UInt8](repeating: 7, count: 32))
        let index = TraceIndex(entries: [TraceIndexEntry(height: 3, index: 1, transactionID: id),
                                         TraceIndexEntry(height: 2, index: 5, transactionID: id)])
        #expect(index.entries.map(\.height) == [2, 3])
        let bytes = index.canonicalBytes
        #expect(try TraceIndex(canonicalBytes: bytes) == index)
        #expect(throws: TraceIndexError(.malformed, field: "", rule: "")) { try TraceIndex(canonicalBytes: bytes + [0]) }
        #expect(throws: TraceIndexError(.malformed, field: "", rule: "")) { try TraceIndex(canonicalBytes: Array(bytes.dropLast())) }
        // Same position twice: not strictly increasing.
        let twice = TraceIndex(entries: [TraceIndexEntry(height: 2, index: 5, transactionID: id)]).canonicalBytes
        var doubled = twice
        let countOffset = Array(TraceIndex.domain.utf8).count + 4
        doubled[countOffset + 3] = 2
        doubled += Array(twice[(countOffset + 4)...])
        #expect(throws: TraceIndexError(.notIncreasing, field: "", rule: "")) { try TraceIndex(canonicalBytes: doubled) }
        // Dropping an entry changes the bytes a proof commits to.
        let dropped = TraceIndex(entries: [index.entries[1]])
        #expect(dropped.canonicalBytes != bytes)
    }
}
