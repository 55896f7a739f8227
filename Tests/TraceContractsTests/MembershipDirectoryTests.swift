import Testing
import TraceConsensus
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel
import TraceTestSupport

/// R-6.3.1.2: the directory of verified participants by node kind and country,
/// in signer-id order whatever the order of verification; and a seeded fuzz:
/// no payload crashes the contract and every refusal is a receipt.
@Suite struct MembershipDirectoryTests {
    static func populated(order: [UInt8]) -> TestChain {
        var chain = TestChain()
        for byte in order {
            let payload = byte % 2 == 0 ? manufacturerPayload() : overseasWarehousePayload(country: byte % 3 == 0 ? "DE" : "US")
            _ = chain.run("apply", payload, by: signer(byte))
        }
        for byte in order.reversed() where byte != 6 {
            _ = chain.run("verify", ["participant": id(signer(byte))], by: verifier)
        }
        return chain
    }

    @Test func r6_3_1_2_directoryByKindAndCountryDeterministic() throws {
        let first = Self.populated(order: [1, 2, 3, 4, 5, 6, 7, 8])
        let second = Self.populated(order: [8, 3, 6, 1, 7, 2, 5, 4])
        let kinds = NodeKind.allCases
        for chain in [first, second] {
            let view = chain.view
            let makers = view.directory(nodeKind: .manufacturer, at: chain.nextHeight).map(\.signerID)
            #expect(makers == [2, 4, 8].map { Participant.signerID(signer($0).publicKey) }.sorted())
            let warehouses = view.directory(nodeKind: .overseasWarehouse, at: chain.nextHeight)
            #expect(warehouses.count == 4)
            #expect(warehouses.map(\.signerID) == warehouses.map(\.signerID).sorted())
            let germany = view.directory(country: try CountryCode("DE"), at: chain.nextHeight).map(\.signerID)
            #expect(germany == [3].map { Participant.signerID(signer($0).publicKey) })
            #expect(view.directory(country: try CountryCode("CN"), at: chain.nextHeight).count == 3)
            #expect(view.directory(nodeKind: .portClearance, at: chain.nextHeight).isEmpty)
        }
        for kind in kinds {
            #expect(first.view.directory(nodeKind: kind, at: first.nextHeight).map(\.signerID)
                == second.view.directory(nodeKind: kind, at: second.nextHeight).map(\.signerID))
        }
    }

    @Test func r6_3_1_2_directoryDropsSuspendedFromNextBlock() {
        var chain = Self.populated(order: [2, 4])
        let height = chain.nextHeight
        _ = chain.run("suspend", ["participant": id(signer(2)), "reason": .string("audit")], by: verifier)
        #expect(chain.view.directory(nodeKind: .manufacturer, at: height).count == 2)
        #expect(chain.view.directory(nodeKind: .manufacturer, at: chain.nextHeight).map(\.signerID)
            == [Participant.signerID(signer(4).publicKey)])
    }

    /// Random and mutated payloads: every transaction gets a receipt, only
    /// `ok` ones change state, and the same block replays identically.
    @Test func r6_3_1_2_r7_2_r7_5_fuzzNeverCrashes() throws {
        var random = SeededGenerator(seed: 61)
        var chain = TestChain()
        let template = try CanonicalJSON.object(manufacturerPayload()).canonicalBytes()
        let actions = ["apply", "verify", "reject", "suspend", "reinstate", "revoke", "other"]
        for round in 0..<40 {
            var transactions: [Transaction] = []
            for index in 0..<10 {
                let bytes = random.mutate(template)
                let parsed = (try? CanonicalJSONParser.parse(bytes)) ?? .object(["junk": .string(Hex.encode(bytes.prefix(8).map { $0 }))])
                guard case .object(var payload) = parsed else { continue }
                if index % 3 == 0 { payload["participant"] = id(signer(UInt8(index))) }
                let action = actions[Int.random(in: 0..<actions.count, using: &random)]
                let by = index % 2 == 0 ? verifier : signer(UInt8(index + round % 3))
                if let transaction = chain.signed(action, payload, by: by) { transactions.append(transaction) }
            }
            let before = chain.state
            let result = TestChain.executor.execute(transactions, height: Height(chain.height + 1), time: 0, state: before)
            let replay = TestChain.executor.execute(transactions, height: Height(chain.height + 1), time: 0, state: before)
            #expect(result == replay)
            #expect(result.receipts.count == transactions.count)
            for receipt in result.receipts where receipt.code != .ok { #expect(!receipt.detail.isEmpty) }
            if !result.receipts.contains(where: { $0.code == .ok }) { #expect(result.changes.isEmpty) }
            _ = chain.block(transactions)
        }
        #expect(chain.height == 40)
    }

    /// Corrupted stored bytes read as no participant, never a crash.
    @Test func r6_3_1_2_corruptStateReadsAsAbsent() throws {
        var chain = Self.populated(order: [2])
        let key = ContractContext.namespace(of: "membership") + MembershipKeys.participant(signer(2).publicKey)
        let stored = try #require(chain.state.value(forKey: key))
        var random = SeededGenerator(seed: 7)
        var absent = 0
        for _ in 0..<300 {
            var state = chain.state
            state.apply([StateChange(key: key, value: random.mutate(stored))])
            let view = MembershipView(state: state)
            if view.participant(signer: signer(2).publicKey) == nil { absent += 1 }
            _ = view.mayWrite(signer: signer(2).publicKey, block: .product, at: chain.nextHeight)
            _ = view.directory(nodeKind: .manufacturer, at: chain.nextHeight)
        }
        #expect(absent > 0)
        chain.state.apply([StateChange(key: key, value: stored)])
        #expect(chain.view.participant(signer: signer(2).publicKey)?.status == .verified)
    }
}
