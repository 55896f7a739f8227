import Testing
import TraceContracts
import TraceCrypto
import TraceLedger

/// Which contracts each chain runs (issue 6; R-6.3.1.2, R-6.3.1.3).
@Suite struct ChainContractsTests {
    static func genesis(_ chain: String, profile: CryptoProfile = .standard) -> Genesis {
        Genesis(chainId: chain, profile: profile, genesisTime: 0, validators: [], caCertificates: [],
                verifiers: [GenesisVerifier(participantId: "platform-operator", publicKey: verifier.publicKey)])
    }

    @Test func r6_3_1_3_tradeChainRunsKvMembershipTrace() throws {
        let contracts = ChainContracts.contracts(for: Self.genesis("cbetc", profile: .national))
        #expect(contracts.map(\.name) == ["kv", "membership", "trace"])
        let membership = try #require(contracts[1] as? MembershipContract)
        #expect(membership.verifiers == [verifier.publicKey])
        let trace = try #require(contracts[2] as? TraceContract)
        #expect(trace.hash == CryptoProfile.national.hash)
        #expect(ChainContracts.contracts(for: Self.genesis("other")).map(\.name) == ["kv", "membership", "trace"])
    }

    @Test func r6_3_1_2_regulatoryChainRunsKvMembership() {
        #expect(ChainContracts.contracts(for: Self.genesis("cbeac")).map(\.name) == ["kv", "membership"])
    }
}
