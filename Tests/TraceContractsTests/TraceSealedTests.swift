import Testing
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// consignee, delivery address, contact and amounts are never
/// accepted in clear; each envelope must be wrapped for every required reader.
@Suite struct TraceSealedTests {
    static let code = Sample.unit("P1")

    static func chain() -> TraceChain {
        var chain = TraceChain.populated()
        precondition(chain.run("issue", Sample.issue(code), by: Cast.manufacturer).code == .ok)
        return chain
    }

    @Test func r5_3_4_clearValueInEverySealedFieldRefused() {
        var chain = Self.chain()
        for rule in SealedFields.table {
            let writer = TraceRecordTests.writers[NodeKind.writers(of: rule.item.block)[0]] ?? Cast.manufacturer
            var data = Sample.sealedData(rule.item, code: Self.code, readers: Sample.readers(writer: writer))
            data[rule.field] = Sample.secrets[rule.field]
            let receipt = chain.run("record", Sample.record(rule.item, code: Self.code, data: data), by: writer)
            #expect(receipt.code == .invalidPayload)
            #expect(receipt.detail == "record.data.\(rule.field): must be sealed (R-5.3.4)")
        }
        #expect(chain.issued(Self.code)?.recordedItems == [])
    }

    @Test func r5_3_4_envelopeMissingARequiredReaderRefused() {
        var chain = Self.chain()
        let writer = Cast.platform
        let parties = Sample.readers(writer: writer)
        let full = parties + [Cast.customs, Cast.tax, Cast.forex]
        // Without the owner, the writer, or a competent regulator of the order amount.
        for missing in [Cast.manufacturer, Cast.platform, Cast.customs, Cast.tax, Cast.forex] {
            let readers = full.filter { $0.id != missing.id }
            var data = Sample.sealedData(.transactionOrder, code: Self.code, readers: parties)
            data["amount"] = Sample.seal("129.90", item: .transactionOrder, field: "amount", code: Self.code, readers: readers)
            let receipt = chain.run("record", Sample.record(.transactionOrder, code: Self.code, data: data), by: writer)
            #expect(receipt.code == .invalidPayload)
            #expect(receipt.detail.hasPrefix("record.data.amount: the envelope is not wrapped for required reader \(missing.id)"))
        }
        // Market supervision is not competent for amounts: it need not read them.
        let data = Sample.sealedData(.transactionOrder, code: Self.code, readers: parties)
        #expect(chain.run("record", Sample.record(.transactionOrder, code: Self.code, data: data), by: writer).code == .ok)
    }

    /// A counterparty the record names must be a reader of every sealed field.
    @Test func r5_3_4_namedCounterpartyMustBeAReader() {
        var chain = Self.chain()
        let writer = Cast.platform
        var payload = Sample.record(.transactionOrder, code: Self.code,
                                    data: Sample.sealedData(.transactionOrder, code: Self.code, readers: Sample.readers(writer: writer)))
        payload["counterparties"] = .array([.string(Cast.logistics.id)])
        let refused = chain.run("record", payload, by: writer)
        #expect(refused.code == .invalidPayload)
        #expect(refused.detail.contains(Cast.logistics.id))
        payload = Sample.record(.transactionOrder, code: Self.code, data: Sample.sealedData(.transactionOrder, code: Self.code,
                                readers: Sample.readers(writer: writer, extra: [Cast.logistics])))
        payload["counterparties"] = .array([.string(Cast.logistics.id)])
        #expect(chain.run("record", payload, by: writer).code == .ok)
        payload["counterparties"] = .array([.string("ed25519-00")])
        #expect(chain.run("record", payload, by: writer).code == .notFound)
    }

    /// An envelope that is not a sealed value, or garbage, is not sealed.
    @Test func r5_3_4_malformedEnvelopeRefused() {
        var chain = Self.chain()
        var data = Sample.sealedData(.logisticsDelivery, code: Self.code, readers: Sample.readers(writer: Cast.warehouse))
        data["recipient"] = .object(["sealed": "00ff"])
        let receipt = chain.run("record", Sample.record(.logisticsDelivery, code: Self.code, data: data), by: Cast.warehouse)
        #expect(receipt.code == .invalidPayload)
        #expect(receipt.detail == "record.data.recipient: must be sealed (R-5.3.4)")
    }

    /// Nothing of a sealed value's clear text is in committed state.
    @Test func r5_3_4_stateHoldsNoClearSecret() {
        var chain = Self.chain()
        let writer = Cast.platform
        let payload = Sample.record(.transactionOrder, code: Self.code,
                                    data: Sample.sealedData(.transactionOrder, code: Self.code, readers: Sample.readers(writer: writer)))
        #expect(chain.run("record", payload, by: writer).code == .ok)
        let bytes = chain.state.values.values.flatMap { $0 }
        for secret in ["Han Meimei", "Elm St", "129.90"] {
            let needle = Array(secret.utf8)
            let found = bytes.count >= needle.count && (0...(bytes.count - needle.count)).contains { Array(bytes[$0..<$0 + needle.count]) == needle }
            #expect(!found, "\(secret)")
        }
        let transactionBytes = chain.committed.last?.transaction.wireBytes ?? []
        #expect(!String(decoding: transactionBytes, as: UTF8.self).contains("Han Meimei"))
    }
}
