import Foundation
import Testing
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// Issue 6 items 3–4, R-5.3.4: the public, participant and regulator views of one trace.
@Suite struct ViewTests {
    static let code = Sample.unit("V1")

    /// A unit with an order (sealed consignee, address, contact, amount) naming
    /// the logistics firm, a delivery exception and a release.
    static func chain() -> TraceChain {
        var chain = TraceChain.populated()
        precondition(chain.run("issue", Sample.issue(code, mode: "trader"), by: Cast.manufacturer).code == .ok)
        var order = Sample.record(.transactionOrder, code: code, data: Sample.sealedData(.transactionOrder, code: code,
                                  readers: Sample.readers(writer: Cast.platform, extra: [Cast.logistics])))
        order["counterparties"] = .array([.string(Cast.logistics.id)])
        precondition(chain.run("record", order, by: Cast.platform).code == .ok)
        precondition(chain.run("record", Sample.record(.productFeatures, code: code, data: Sample.data(.productFeatures)),
                               by: Cast.manufacturer).code == .ok)
        precondition(chain.run("record", Sample.record(.logisticsDeliveryException, code: code,
                                                       data: Sample.data(.logisticsDeliveryException)), by: Cast.logistics).code == .ok)
        precondition(chain.run("record", Sample.record(.customsClearanceStatus, code: code, data: ["status": "inspected"]),
                               by: Cast.broker).code == .ok)
        return chain
    }

    static func answer(_ chain: TraceChain, _ viewer: TraceViewer) throws -> TraceAnswer {
        TraceAnswerBuilder.build(code: code, issued: try #require(chain.issued(code)), entries: chain.entries(of: code),
                                 viewer: viewer, hash: .sha256)
    }

    static func order(_ answer: TraceAnswer) throws -> TimelineEntry {
        try #require(answer.timeline.first { $0.item == .transactionOrder })
    }

    static func members(_ entry: TimelineEntry) -> [String: JSONValue] {
        if case .object(let members)? = entry.data { return members }
        return [:]
    }

    @Test func r5_3_4_consumerNeverSeesASealedField() throws {
        let chain = Self.chain()
        let answer = try Self.answer(chain, .consumer)
        #expect(answer.view == "public")
        let order = try Self.order(answer)
        #expect(Self.members(order).keys.sorted() == ["goodsName", "orderTime", "tradingPlatform"])
        #expect(order.sealed == nil)
        let json = String(decoding: try answer.jsonData(), as: UTF8.self)
        for text in ["Han Meimei", "Elm St", "129.90", "amount", "consignee", "\"sealed\""] {
            #expect(!json.contains(text), "\(text)")
        }
        #expect(answer.timeline.map(\.action) == ["issue", "record", "record", "record", "record"])
        #expect(answer.timeline.map(\.height) == answer.timeline.map(\.height).sorted())
        #expect(answer.exceptions.map(\.kind) == ["damage", "inspected"])
        #expect(answer.completeness == chain.issued(Self.code)?.completeness)
    }

    @Test func r5_3_4_namedParticipantOpensSealedFields() throws {
        let chain = Self.chain()
        let logistics = try #require(chain.participant(Cast.logistics))
        let answer = try Self.answer(chain, .participant(logistics, decryptionKey: Cast.logistics.encryption))
        let order = Self.members(try Self.order(answer))
        #expect(order["consignee"] == .string("Han Meimei"))
        #expect(order["deliveryAddress"] == .string("5 Elm St, Springfield"))
        #expect(order["amount"] == .string("129.90"))
        // The transaction block is not its own: clear fields beyond the public ones stay hidden.
        #expect(order["currency"] == nil)
        // Without its key nothing opens; the fields are listed as sealed.
        let closed = try Self.order(try Self.answer(chain, .participant(logistics)))
        #expect(closed.sealed == ["amount", "consignee", "contact", "deliveryAddress"])
        #expect(Self.members(closed)["consignee"] == nil)
    }

    @Test func r5_3_4_nonReaderCannotOpen() throws {
        let chain = Self.chain()
        let tally = try #require(chain.participant(Cast.tally))
        // The tally firm uses its own key: it was not named, so nothing opens.
        let order = try Self.order(try Self.answer(chain, .participant(tally, decryptionKey: Cast.tally.encryption)))
        #expect(order.sealed == ["amount", "consignee", "contact", "deliveryAddress"])
        #expect(Self.members(order)["consignee"] == nil)
        // Someone else's key under the tally firm's name opens nothing either.
        let stolen = try Self.order(try Self.answer(chain, .participant(tally, decryptionKey: Cast.logistics.encryption)))
        #expect(Self.members(stolen)["consignee"] == nil)
    }

    @Test func r5_3_4_regulatorSeesItsAuthority() throws {
        let chain = Self.chain()
        let tax = try #require(chain.participant(Cast.tax))
        let taxOrder = Self.members(try Self.order(try Self.answer(chain, .regulator(tax, decryptionKey: Cast.tax.encryption))))
        #expect(taxOrder["amount"] == .string("129.90"))
        #expect(taxOrder["currency"] == .string("USD"))
        #expect(taxOrder["consignee"] == nil)
        let market = try #require(chain.participant(Cast.market))
        let marketAnswer = try Self.answer(chain, .regulator(market, decryptionKey: Cast.market.encryption))
        let marketOrder = Self.members(try Self.order(marketAnswer))
        #expect(marketOrder["consignee"] == .string("Han Meimei"))
        #expect(marketOrder["amount"] == nil)
        #expect(marketAnswer.view == "regulator")
    }

    /// Every field a view shows agrees with `AccessPolicy` (the table docs/privacy.md prints).
    @Test func r5_3_4_viewsFollowThePolicy() throws {
        let chain = Self.chain()
        let viewers: [(TraceViewer, TraceAudience)] = try [
            (.consumer, .consumer),
            (.participant(try #require(chain.participant(Cast.platform))), .participant(nodeKinds: [.tradingPlatform],
                                                                                         roles: [.informationProvider, .informationUser])),
            (.regulator(try #require(chain.participant(Cast.customs))), .regulator(.customs)),
        ]
        for (viewer, audience) in viewers {
            for entry in try Self.answer(chain, viewer).timeline {
                guard let item = entry.item else { continue }
                for field in Self.members(entry).keys {
                    #expect(AccessPolicy.access(item, field, for: audience) == .clear, "\(item) \(field)")
                }
            }
        }
    }

    @Test func answerJSONHasSortedKeysAndIsDeterministic() throws {
        let chain = Self.chain()
        let answer = try Self.answer(chain, .consumer)
        let shuffled = TraceAnswerBuilder.build(code: Self.code, issued: try #require(chain.issued(Self.code)),
                                                entries: chain.entries(of: Self.code).reversed(), viewer: .consumer, hash: .sha256)
        #expect(try shuffled.jsonData() == answer.jsonData())
        let text = String(decoding: try answer.jsonData(), as: UTF8.self)
        #expect(text.hasPrefix("{\"anomalies\":[],\"code\":"))
        #expect(text.hasSuffix(",\"view\":\"public\"}"))
        #expect(text.contains("\"completeness\":{\"complete\":false,\"missing\":["))
        #expect(try JSONDecoder().decode(TraceAnswer.self, from: answer.jsonData()) == answer)
    }
}
