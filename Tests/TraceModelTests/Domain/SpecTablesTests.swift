import Foundation
import Testing
@testable import TraceModel

/// Tables 1–5 and typed in from SPEC.md §6.4, §6.2 and §7 (the
/// English rendering of the Shenzhen specification), compared cell by cell
/// with the model's tables.
@Suite struct SpecTablesTests {
    /// SPEC.md §6.4, the item rows of Tables 1–4: item | F | M | T.
    static let tables1to4 = """
        | materials / components | opt | opt | opt |
        | production | req | req | opt |
        | product features | req | req | req |
        | product code | opt | opt | opt |
        | order | req | req | opt |
        | cross-border collection | req | opt | opt |
        | product code | req | req | req |
        | tally | req | req | req |
        | transport | req | req | req |
        | warehousing | req | req | req |
        | delivery | req | req | req |
        | delivery exception | req | req | req |
        | declaration | req | req | req |
        | clearance status | req | req | req |
        """

    static func cells(_ line: Substring) -> [String] {
        line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Test func r6_4_tables1to4_requirementMatrixCellByCell() {
        let rows = Self.tables1to4.split(separator: "\n").map(Self.cells)
        #expect(rows.count == RecordItem.allCases.count)
        for (row, item) in zip(rows, RecordItem.allCases) {
            let expected = row.dropFirst().map { $0 == "req" ? Requirement.required : .optional }
            let actual = [item.requirement(in: .fullSupplyChain), item.requirement(in: .manufacturer), item.requirement(in: .trader)]
            #expect(actual == Array(expected), "row \(row[0]) / \(item.rawValue)")
            let id = item.rawValue.split(separator: ".")[1].replacingOccurrences(of: "_", with: " ")
            let name = row[0].replacingOccurrences(of: " / ", with: " ").replacingOccurrences(of: "-", with: " ")
            #expect(id == name, "row \(row[0]) vs id \(item.rawValue)")
        }
    }

    @Test func r6_4_itemIdsAndBlocks() {
        #expect(RecordItem.allCases.map(\.rawValue) == [
            "product.materials_components", "product.production", "product.product_features", "product.product_code",
            "transaction.order", "transaction.cross_border_collection", "transaction.product_code",
            "logistics.tally", "logistics.transport", "logistics.warehousing", "logistics.delivery",
            "logistics.delivery_exception", "customs.declaration", "customs.clearance_status",
        ])
        for item in RecordItem.allCases {
            #expect(item.rawValue.hasPrefix(item.block.rawValue + "."))
        }
        #expect(InformationBlock.product.items.count == 4)
        #expect(InformationBlock.transaction.items.count == 3)
        #expect(InformationBlock.logistics.items.count == 5)
        #expect(InformationBlock.customs.items.count == 2)
    }

    /// SPEC.md §7, Table 5: role | trade | logistics | finance | regulator | platform | consumer/other.
    static let table5 = """
        | demand side | ✓ | ✓ | ✓ | ✓ | — | ✓ |
        | information provider | ✓ | ✓ | ✓ | ✓ | — | — |
        | trace service provider | ✓ | ✓ | ✓ | ✓ | ✓ | — |
        | information user | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |
        | supervisor | — | — | — | ✓ | — | — |
        """

    static let table5Columns: [ParticipantCategory] = [
        .tradeEntity, .logistics, .financial, .regulator, .platformOperator, .consumerOrOther,
    ]

    @Test func r7_1_table5_roleMatrixCellByCell() {
        let rows = Self.table5.split(separator: "\n").map(Self.cells)
        #expect(rows.count == Role.allCases.count)
        for (row, role) in zip(rows, Role.allCases) {
            for (mark, category) in zip(row.dropFirst(), Self.table5Columns) {
                #expect(role.isAllowed(for: category) == (mark == "✓"), "\(role) / \(category)")
                if mark == "✓" {
                    #expect(throws: Never.self) { try Role.check([role], for: category) }
                } else {
                    #expect(throws: ModelValidationError(.roleNotAllowed, field: "", rule: "")) {
                        try Role.check([role], for: category)
                    }
                }
            }
        }
    }

    /// SPEC.md §6.2, R-6.2.2 a)–d): the access nodes of each block.
    @Test func r6_2_2_nodeKindsPerBlock() {
        #expect(NodeKind.writers(of: .product) == [.manufacturer])
        #expect(NodeKind.writers(of: .transaction) == [.domesticProcurement, .tradingPlatform, .crossBorderCollection])
        #expect(NodeKind.writers(of: .logistics) == [
            .pickupConsolidation, .tallyPicking, .internationalTransport, .overseasWarehouse, .overseasClearanceDelivery,
        ])
        #expect(NodeKind.writers(of: .customs) == [.portClearance])
        #expect(NodeKind.allCases.count == 10)
    }

    /// SPEC.md §6.1, R-6.1 a)–f): categories and their sub-types in the clause's order.
    @Test func r6_1_categoriesAndSubtypes() {
        let expected: [ParticipantCategory: [ParticipantSubtype]] = [
            .tradeEntity: [.endConsumer, .eCommercePlatform, .eCommerceEnterprise, .manufacturer, .tradingEnterprise],
            .logistics: [.pickup, .transport, .sortingWarehousing, .customsBroker, .siteOperator, .internationalLogistics,
                         .overseasClearance, .overseasWarehousingDelivery],
            .financial: [.bank, .thirdPartyPayment, .insurer, .supplyChainFinance, .otherFinancial],
            .regulator: [.commerce, .customs, .foreignExchange, .tax, .portOffice, .marketSupervision],
            .consumerOrOther: [.consumer, .otherTraceCodeHolder],
            .platformOperator: [.platformOperator],
        ]
        #expect(ParticipantCategory.allCases.map(\.rawValue) == [
            "tradeEntity", "logistics", "financial", "regulator", "consumerOrOther", "platformOperator",
        ])
        for category in ParticipantCategory.allCases {
            #expect(category.subtypes == expected[category], "\(category)")
        }
    }
}
