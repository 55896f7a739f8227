import Foundation
import Testing
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// The demo scenario (issue 6 item 7) run through the real `Executor` on a real
/// `BlockStore`: every transaction accepted, every product complete for its mode.
@Suite struct DemoScenarioTests {
    static func plan(seed: UInt64 = 7) throws -> DemoPlan {
        try DemoScenario.plan(chain: "cbetc", verifier: DemoChain.operatorKey, seed: seed, start: DemoChain.start)
    }

    static func run(_ plan: DemoPlan) throws -> DemoChain {
        let chain = try DemoChain()
        for step in plan.steps { try chain.commit(step) }
        return chain
    }

    @Test func r6_3_1_3_everyDemoTransactionIsAccepted() throws {
        let plan = try Self.plan()
        let chain = try Self.run(plan)
        #expect(chain.receipts.count == plan.transactionCount)
        for (transaction, receipt) in chain.receipts {
            #expect(receipt.code == .ok, "\(transaction.contract).\(transaction.action): \(receipt.detail)")
        }
    }

    /// a participant of every category, each verified; registration ids pass their checks (R-6.3.1.2).
    @Test func r6_1_everyCategoryVerified() throws {
        let plan = try Self.plan()
        let chain = try Self.run(plan)
        let categories = Set(plan.participants.map(\.subtype.category))
        #expect(categories == Set(ParticipantCategory.allCases))
        let view = MembershipView(state: StoreReader(store: chain.store))
        for participant in plan.participants {
            #expect(view.participant(signer: participant.signer.publicKey)?.status == .verified, "\(participant.handle)")
            guard case .object(let registration)? = participant.payload["registration"], case .string(let kind)? = registration["kind"] else {
                Issue.record("registration of \(participant.handle)")
                continue
            }
            let code: String
            if case .string(let text)? = registration["code"] { code = text } else { code = "" }
            if kind == "unifiedSocialCreditCode" { #expect(throws: Never.self) { _ = try UnifiedSocialCreditCode(code) } }
            if kind == "lei" { #expect(throws: Never.self) { _ = try LEI(code) } }
        }
    }

    /// each product's public trace is complete for its mode; exceptions
    /// and the customs inspection show; the pallet and the track segment apply.
    @Test func r6_4_publicTracesCompleteWithExceptions() throws {
        let plan = try Self.plan()
        let chain = try Self.run(plan)
        #expect(Set(plan.products.map(\.mode)) == Set(TraceabilityMode.allCases))
        for product in plan.products {
            let issued = try #require(try chain.issued(product.code), "\(product.code)")
            let answer = TraceAnswerBuilder.build(code: product.code, issued: issued, entries: try chain.entries(of: product.code),
                                                  viewer: .consumer, hash: .sha256)
            #expect(answer.key == product.code && answer.mode == product.mode)
            #expect(answer.completeness.complete, "\(product.digitalLinkPath) misses \(answer.completeness.missing)")
            #expect(product.digitalLinkPath == String(product.code.dropFirst("https://id.gs1.org".count)))
            let heights = answer.timeline.map { [$0.height, UInt64($0.index)] }
            #expect(heights == heights.sorted { $0.lexicographicallyPrecedes($1) })
            let kinds = answer.exceptions.map(\.kind)
            switch product.digitalLinkPath {
            case let path where path.hasSuffix("/21/FS0001"):
                #expect(kinds == ["inspected"])
                #expect(answer.timeline.contains { $0.action == "track" })
                #expect(answer.containers.count == 1)
                #expect(answer.timeline.contains { $0.item == .logisticsTransport && $0.via != nil })
            case let path where path.hasSuffix("/21/FS0002"): #expect(kinds == ["damage"])
            case let path where path.hasSuffix("/21/MF0001"): #expect(kinds == ["return"])
            default: #expect(kinds.isEmpty)
            }
        }
    }

    /// the public view never holds the sealed consignee, address or amounts in clear.
    @Test func r5_3_4_publicViewHasNoSealedPlaintext() throws {
        let plan = try Self.plan()
        let chain = try Self.run(plan)
        for product in plan.products {
            let issued = try #require(try chain.issued(product.code))
            let answer = TraceAnswerBuilder.build(code: product.code, issued: issued, entries: try chain.entries(of: product.code),
                                                  viewer: .consumer, hash: .sha256)
            let text = String(decoding: try answer.jsonData(), as: UTF8.self)
            for secret in ["Alice Demo-Consignee", "221B Demo Street", "+44 20 7946", "129.90", "899.10"] {
                #expect(!text.contains(secret), "\(product.digitalLinkPath) shows \(secret)")
            }
        }
        let orders = chain.committed.filter {
            guard case .object(let record)? = $0.transaction.payload["record"] else { return false }
            return record["item"] == .string(RecordItem.transactionOrder.rawValue)
        }
        #expect(orders.count == 3)
        for order in orders { #expect(!String(decoding: try order.transaction.signingBytes, as: UTF8.self).contains("Alice Demo-Consignee")) }
    }

    /// Same seed and start: the same keys, nonces and transaction count; another seed: other keys.
    @Test func demoPlanIsDeterministicInSeed() throws {
        let first = try Self.plan(seed: 1), again = try Self.plan(seed: 1), other = try Self.plan(seed: 2)
        #expect(first.participants.map(\.id) == again.participants.map(\.id))
        #expect(first.steps.map { $0.map(\.nonce) } == again.steps.map { $0.map(\.nonce) })
        #expect(first.participants.map(\.id) != other.participants.map(\.id))
        #expect(first.products == other.products)
    }
}
