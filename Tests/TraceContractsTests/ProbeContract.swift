import TraceContracts
import TraceLedger
import TraceModel

/// A test contract standing in for the trace contract: action `write` with
/// `{"block": <information block>}` succeeds only when the membership view,
/// read through `ContractContext.read(contract:key:)`, allows the signer.
struct ProbeContract: Contract {
    let name = "probe"

    func execute(_ context: inout ContractContext) -> ContractOutcome {
        guard case .string(let text)? = context.transaction.payload["block"], let block = InformationBlock(rawValue: text) else {
            return ContractOutcome(.invalidPayload, "block: an information block")
        }
        let decision = MembershipView(context: context).mayWrite(signer: context.transaction.signer, block: block,
                                                                 at: context.height)
        guard decision.isAllowed else { return ContractOutcome(.forbidden, "signer: \(decision.rawValue)") }
        context.put(Array("n".utf8), Array(text.utf8))
        return .ok
    }
}
