/// A one-line state summary for traces of failed simulations.
extension Consensus {
    public var summary: String {
        var text = "h\(height) r\(round) \(step) locked=\(lockedRound.map { "r\($0) \(lockedValue?.id.description ?? "?")" } ?? "none")"
        text += " valid=\(validRound.map { "r\($0)" } ?? "none")"
        if let proposal = proposals[round] {
            text += " proposal=\(proposal.block.id) vr=\(proposal.validRound.map { "\($0)" } ?? "-") validity=\(validity[proposal.block.id].map { "\($0)" } ?? "unknown")"
        } else {
            text += " proposal=none"
        }
        if let roundVotes = votes[round], let start {
            text += " prevotes=\(roundVotes.prevotes.totalPower)/\(start.validators.totalPower)"
            text += " precommits=\(roundVotes.precommits.totalPower)/\(start.validators.totalPower)"
        }
        return text
    }
}
