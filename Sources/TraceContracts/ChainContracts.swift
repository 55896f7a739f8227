import TraceLedger

/// Which contracts a chain runs, from its genesis (issue 6; R-6.3.1.2, R-6.3.1.3).
///
/// - `cbeac` (the regulatory chain): `kv` and `membership`; its own contracts
///   (R-6.2.3, R-6.3.2.x) come later.
/// - every other chain (the trade chain `cbetc`): `kv`, `membership` with the
///   genesis verifiers, and `trace` with the profile's hash.
public enum ChainContracts {
    /// The regulatory chain's id.
    public static let regulatoryChain = "cbeac"

    public static func contracts(for genesis: Genesis) -> [any Contract] {
        let base: [any Contract] = [KeyValueContract(), MembershipContract(genesisVerifiers: genesis.verifiers)]
        if genesis.chainId == regulatoryChain { return base }
        return base + [TraceContract(profile: genesis.profile)]
    }
}
