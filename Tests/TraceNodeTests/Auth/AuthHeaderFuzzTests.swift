import Foundation
import Testing
import TraceNode
import TraceTestSupport

/// Issue 6 item 5: every malformed credential header is a precise error, never a crash.
@Suite("API key headers")
struct AuthHeaderFuzzTests {
    static let valid = ApiKey.generate().token

    static let secretA = String(repeating: "A", count: 43)
    static let secretB = String(repeating: "A", count: 42) + "B"
    static let secretPlus = String(repeating: "+", count: 43)
    static let longValue = String(repeating: "x", count: 600)
    static let malformed: [(String, AuthError.Code)] = [
        ("Authorization: Basic dXNlcjpwYXNz", AuthError.Code.malformedKey),
        ("Authorization: Bearer", .malformedKey),
        ("Authorization:", .missingCredentials),
        ("Authorization: Bearer ctk_0123456789ab_short", .malformedKey),
        ("Authorization: Bearer ctk_0123456789AB_\(secretA)", .malformedKey),
        ("Authorization: Bearer ctx_0123456789ab_\(secretA)", .malformedKey),
        ("Authorization: Bearer ctk_0123456789ab_\(secretB)", .malformedKey),
        ("Authorization: Bearer ctk_0123456789ab_\(secretPlus)", .malformedKey),
        ("Authorization: Bearer ctk_0123456789ab-\(secretA)", .malformedKey),
        ("X-API-Key: \(longValue)", .malformedKey),
        ("Cookie: session=1", .missingCredentials),
        ("no colon at all", .malformedKey),
    ]

    @Test(arguments: malformed)
    func issue6_5_malformedHeaders(header: String, code: AuthError.Code) throws {
        #expect(throws: AuthError(code, field: "", rule: "")) { try ApiCredentials.key(headerLine: header) }
    }

    @Test func issue6_5_missingAndConflictingHeaders() throws {
        #expect(throws: AuthError(.missingCredentials, field: "", rule: "")) { try ApiCredentials.key(authorization: nil, xApiKey: nil) }
        #expect(throws: AuthError(.missingCredentials, field: "", rule: "")) { try ApiCredentials.key(authorization: nil, xApiKey: "  ") }
        let other = ApiKey.generate().token
        #expect(throws: AuthError(.malformedKey, field: "", rule: "")) {
            try ApiCredentials.key(authorization: "Bearer " + Self.valid, xApiKey: other)
        }
        #expect(try ApiCredentials.key(authorization: "Bearer " + Self.valid, xApiKey: Self.valid).token == Self.valid)
    }

    /// Seeded mutations of valid headers: each is either the same key or a
    /// precise `AuthError`, and no error text carries the secret.
    @Test func issue6_5_seededHeaderFuzz() throws {
        var generator = SeededGenerator(seed: 0x6a75_7468)
        let home = try AuthTempHome()
        defer { home.remove() }
        let store = try ApiKeyStore(home: home.path)
        let (key, _) = try store.create(AuthFixture.grant(), now: 1)
        let secret = String(key.token.suffix(ApiKey.secretTextCount))
        let seeds = ["Authorization: Bearer " + key.token, "X-API-Key: " + key.token]
        var accepted = 0, refused = 0
        for round in 0..<2_000 {
            let original = Array(seeds[round % seeds.count].utf8)
            let mutated = round % 10 == 0 ? generator.bytes(Int.random(in: 0...120, using: &generator)) : generator.mutate(original)
            let header = String(decoding: mutated, as: UTF8.self)
            do {
                let principal = try store.authenticate(header: header)
                #expect(principal.keyId == key.keyId)
                accepted += 1
            } catch {
                #expect(AuthError.Code.allCases.contains(error.code))
                #expect(!error.field.isEmpty && !error.rule.isEmpty)
                #expect(!error.description.contains(secret))
                refused += 1
            }
        }
        #expect(accepted + refused == 2_000)
        #expect(refused > 1_500)
    }
}
