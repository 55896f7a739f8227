import TraceConsensus
import TraceCrypto

/// The validator's durable signer state: the last (height, round, step) it
/// signed, with the signed bytes and the signature (R-5.3.3 safety across
/// restarts). Written with `writeAtomically` (temp file, fsync, rename,
/// directory fsync). It never moves backwards: a save or a reload below the
/// last known position is refused, and a repeated request for the stored
/// position and bytes is answered with the stored signature, so a restarted
/// validator never signs twice — even with a randomised scheme like P-256.
public final class SignerStateFile {
    public static let defaultName = "signer-state"
    public let name: String
    public let store: any DurableStore
    /// The last signer state read or written; `nil` before the first signature.
    public private(set) var last: SignerState?

    /// Opens the file and loads the stored state (none if the file is absent).
    public init(store: any DurableStore, name: String = SignerStateFile.defaultName) throws {
        self.store = store
        self.name = name
        self.last = try Self.read(store: store, name: name)
    }

    /// Reads the file again; refuses a state below the one already known
    /// (a store that went back in time) or a conflicting one at the same position.
    @discardableResult
    public func reload() throws -> SignerState? {
        let stored = try Self.read(store: store, name: name)
        if let known = last {
            guard let stored else { throw regression("load", known.position, nil) }
            try checkNotBelow(known, stored, operation: "load")
        }
        last = stored
        return stored
    }

    /// Durably records `state`. The same state again is a no-op; a lower
    /// position or other bytes at the same position are refused.
    public func save(_ state: SignerState) throws {
        if let known = last {
            try checkNotBelow(known, state, operation: "save")
            if known == state { return }
        }
        try store.writeAtomically(name, state.encoded())
        last = state
    }

    /// The stored signature when `bytes` at `position` were already signed;
    /// `nil` when `position` is above the last one (not yet signed).
    /// Throws `.regression` below the last position, `.conflict` for other bytes at it.
    public func storedSignature(at position: SignPosition, for bytes: [UInt8]) throws -> Signature? {
        guard let known = last else { return nil }
        if position < known.position { throw regression("sign", known.position, position) }
        guard position == known.position else { return nil }
        guard known.signBytes == bytes else { throw conflict("sign", position) }
        return known.signature
    }

    /// Signs `bytes` at `position`, saving the new state before returning it;
    /// a repeated request gets the stored state back without signing again.
    public func sign(_ bytes: [UInt8], at position: SignPosition, with signer: any Signer) throws -> SignerState {
        if let signature = try storedSignature(at: position, for: bytes) {
            return SignerState(position: position, signBytes: bytes, signature: signature)
        }
        let state = SignerState(position: position, signBytes: bytes, signature: try signer.sign(bytes))
        try save(state)
        return state
    }

    private static func read(store: any DurableStore, name: String) throws -> SignerState? {
        let bytes = try store.read(name)
        guard !bytes.isEmpty else { return nil }
        do {
            return try SignerState(decoding: bytes)
        } catch {
            throw DurabilityError(.corrupted, file: name, operation: "load", rule: "signer state does not decode: \(error)")
        }
    }

    private func checkNotBelow(_ known: SignerState, _ state: SignerState, operation: String) throws {
        if state.position < known.position { throw regression(operation, known.position, state.position) }
        if state.position == known.position, state.signBytes != known.signBytes { throw conflict(operation, state.position) }
    }

    private func regression(_ operation: String, _ known: SignPosition, _ asked: SignPosition?) -> DurabilityError {
        let askedText = asked.map(Self.text) ?? "no state"
        return DurabilityError(.regression, file: name, operation: operation,
                               rule: "\(askedText) is below the last signed \(Self.text(known))")
    }

    private func conflict(_ operation: String, _ position: SignPosition) -> DurabilityError {
        DurabilityError(.conflict, file: name, operation: operation,
                        rule: "other bytes were already signed at \(Self.text(position))")
    }

    static func text(_ p: SignPosition) -> String { "height \(p.height.rawValue) round \(p.round.rawValue) step \(p.step)" }
}
