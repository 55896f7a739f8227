import Foundation
import Testing
@testable import TraceModel

@Suite struct ParticipantsTests {
    @Test(arguments: ParticipantSubtype.allCases)
    func r6_1_subtypeMustBelongToItsCategory(subtype: ParticipantSubtype) throws {
        for category in ParticipantCategory.allCases {
            if category == subtype.category {
                let type = try ParticipantType(category: category, subtype: subtype)
                #expect(type == ParticipantType(subtype))
            } else {
                #expect(throws: ModelValidationError(.subtypeNotInCategory, field: "", rule: "")) {
                    try ParticipantType(category: category, subtype: subtype)
                }
            }
        }
    }

    @Test func r6_1_participantTypeDecodingChecksTheCategory() throws {
        let good = #"{"category":"regulator","subtype":"customs"}"#
        let decoded = try JSONDecoder().decode(ParticipantType.self, from: Data(good.utf8))
        #expect(decoded == ParticipantType(.customs))
        let bad = #"{"category":"logistics","subtype":"customs"}"#
        #expect(throws: ModelValidationError(.subtypeNotInCategory, field: "", rule: "")) {
            try JSONDecoder().decode(ParticipantType.self, from: Data(bad.utf8))
        }
    }

    @Test func r7_1_refusalNamesRoleCategoryAndTable() {
        do {
            try Role.check([.informationUser, .supervisor], for: .platformOperator)
            Issue.record("platform operator may not supervise")
        } catch let error as ModelValidationError {
            #expect(error.code == .roleNotAllowed)
            #expect(error.field == "roles")
            #expect(error.rule.contains("supervisor"))
            #expect(error.rule.contains("platformOperator"))
            #expect(error.rule.contains("Table 5 (R-7.1)"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func r7_1_allowedSetsPass() throws {
        try Role.check([.traceServiceProvider, .informationUser], for: .platformOperator)
        try Role.check([.demandSide, .informationUser], for: .consumerOrOther)
        try Role.check(Role.allCases, for: .regulator)
        #expect(throws: ModelValidationError(.roleNotAllowed, field: "", rule: "")) {
            try Role.check([.informationProvider], for: .consumerOrOther)
        }
    }

    @Test func r7_2_to_r7_6_dutiesAsData() {
        #expect(Role.demandSide.duties.map(\.clause) == ["R-7.2-a", "R-7.2-b", "R-7.2-c"])
        #expect(Role.informationProvider.duties.map(\.clause) == ["R-7.3"])
        #expect(Role.traceServiceProvider.duties.map(\.clause) == ["R-7.4-a", "R-7.4-b", "R-7.4-c", "R-7.4-d", "R-7.4-e"])
        #expect(Role.informationUser.duties.map(\.clause) == ["R-7.5-a", "R-7.5-b", "R-7.5-c"])
        #expect(Role.supervisor.duties.map(\.clause) == ["R-7.6-a", "R-7.6-b", "R-7.6-c"])
        #expect(Role.allCases.filter(\.requiresRealIdentity) == [.demandSide, .informationProvider, .informationUser])
    }

    /// R-6.2.2 node operators (docs/model.md): every operator may hold the
    /// information-provider role, so it may write its node's block.
    @Test(arguments: NodeKind.allCases)
    func r6_2_2_nodeOperatorsCanProvideInformation(kind: NodeKind) throws {
        #expect(!kind.operators.isEmpty)
        for subtype in kind.operators {
            #expect(Role.informationProvider.isAllowed(for: subtype.category))
            try kind.checkOperator(ParticipantType(subtype))
        }
    }

    @Test func r6_2_2_nodeOperatorMapping() {
        #expect(NodeKind.operable(by: ParticipantType(.manufacturer)) == [.manufacturer])
        #expect(NodeKind.operable(by: ParticipantType(.customs)) == [.portClearance])
        #expect(NodeKind.operable(by: ParticipantType(.bank)) == [.crossBorderCollection])
        #expect(NodeKind.operable(by: ParticipantType(.platformOperator)).isEmpty)
        #expect(NodeKind.operable(by: ParticipantType(.consumer)).isEmpty)
        #expect(NodeKind.portClearance.operatorCategories == [.logistics, .regulator])
        #expect(NodeKind.manufacturer.operatorCategories == [.tradeEntity])
        #expect(NodeKind.crossBorderCollection.operatorCategories == [.financial])
        #expect(throws: ModelValidationError(.nodeKindNotAllowed, field: "", rule: "")) {
            try NodeKind.manufacturer.checkOperator(ParticipantType(.bank))
        }
    }
}
