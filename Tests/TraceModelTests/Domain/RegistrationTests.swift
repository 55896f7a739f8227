import Foundation
import Testing
@testable import TraceModel

/// Registration identifiers for real-name verification (R-6.3.1.2).
@Suite struct RegistrationTests {
    /// GB 32100-2015 unified social credit codes: valid examples.
    @Test(arguments: ["91350100M000100Y43", "91110000802100433B"])
    func r6_3_1_2_usccValid(code: String) throws {
        #expect(try UnifiedSocialCreditCode(code).text == code)
    }

    /// GB 32100-2015: 911100001011100000 fails, its check character should be A.
    @Test func r6_3_1_2_usccWrongCheckCharacterNamesTheRightOne() {
        do {
            _ = try UnifiedSocialCreditCode("911100001011100000")
            Issue.record("accepted a wrong check character")
        } catch let error as ModelValidationError {
            #expect(error.code == .invalidCheckCharacter)
            #expect(error.rule.contains("must be A"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: Never.self) { try UnifiedSocialCreditCode("91110000101110000A") }
    }

    @Test func r6_3_1_2_usccFormat() {
        for bad in ["", "9135010", "91350100M000100Y4", "91350100M000100Y433", "9135010OM000100Y43", "91350100m000100y43"] {
            #expect(throws: ModelValidationError(.invalidFormat, field: "", rule: "")) { try UnifiedSocialCreditCode(bad) }
        }
    }

    /// Every single-character change of a valid USCC is refused (the check
    /// character catches all single substitutions, GB 32100-2015).
    @Test func r6_3_1_2_usccSingleSubstitutionsRefused() {
        let valid = Array("91350100M000100Y43")
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        var refused = 0
        for index in valid.indices {
            for replacement in alphabet where replacement != valid[index] {
                var changed = valid
                changed[index] = replacement
                if (try? UnifiedSocialCreditCode(String(changed))) == nil { refused += 1 }
            }
        }
        #expect(refused == valid.count * (alphabet.count - 1))
    }

    /// ISO 17442 LEIs (published examples of GLEIF-registered entities).
    @Test(arguments: ["5493001KJTIIGC8Y1R12", "7LTWFZYICNSX8D621K86", "529900T8BM49AURSDO55"])
    func r6_3_1_2_leiValid(code: String) throws {
        #expect(try LEI(code).text == code)
    }

    /// ISO/IEC 7064 MOD 97-10 catches every single-digit change. A letter
    /// counts as two digits (A = 10 … Z = 35), so a few substitutions that
    /// involve a letter keep the remainder 1; these collisions were computed
    /// with an independent implementation (Python, int(c, 36)) and are the only
    /// single-character changes the check accepts.
    static let leiCollisions: [String: Set<String>] = [
        "5493001KJTIIGC8Y1R12": ["549300LKJTIIGC8Y1R12", "54930017JTIIGC8Y1R12", "5493001KJTIIGCEY1R12"],
        "7LTWFZYICNSX8D621K86": ["7LTWFZY3CNSX8D621K86", "7LTWFZYIC8SX8D621K86", "7LTWFZYICNSX8D6G1K86"],
        "529900T8BM49AURSDO55": ["529Q00T8BM49AURSDO55", "52990098BM49AURSDO55", "529900T8BMM9AURSDO55",
                                 "529900T8BM4NAURSDO55", "529900T8BM491URSDO55"],
    ]

    @Test(arguments: ["5493001KJTIIGC8Y1R12", "7LTWFZYICNSX8D621K86", "529900T8BM49AURSDO55"])
    func r6_3_1_2_leiSingleChangesRefused(code: String) {
        let valid = Array(code)
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var accepted: Set<String> = []
        for index in valid.indices {
            for replacement in alphabet where replacement != valid[index] {
                var changed = valid
                changed[index] = replacement
                let text = String(changed)
                if (try? LEI(text)) != nil { accepted.insert(text) }
                if replacement.isNumber && valid[index].isNumber {
                    #expect((try? LEI(text)) == nil, "digit change \(text)")
                }
            }
        }
        #expect(accepted == Self.leiCollisions[code])
    }

    @Test func r6_3_1_2_leiFormat() {
        for bad in ["", "5493001KJTIIGC8Y1R1", "5493001KJTIIGC8Y1R1A", "5493001kjtiigc8y1r12", "5493001KJTIIGC8Y1R123"] {
            #expect(throws: ModelValidationError(.invalidFormat, field: "", rule: "")) { try LEI(bad) }
        }
    }

    @Test func r6_3_1_2_overseasRegistration() throws {
        let registration = try OverseasRegistration(country: CountryCode("DE"), registryNumber: "HRB 12345")
        #expect(registration.country.code == "DE")
        #expect(throws: ModelValidationError(.empty, field: "", rule: "")) {
            try OverseasRegistration(country: CountryCode("DE"), registryNumber: "")
        }
        #expect(throws: ModelValidationError(.invalidCountry, field: "", rule: "")) { try CountryCode("XX") }
    }

    @Test func r6_3_1_2_registrationIdentifierJSON() throws {
        let cases = [
            #"{"code":"91350100M000100Y43","kind":"unifiedSocialCreditCode"}"#,
            #"{"code":"5493001KJTIIGC8Y1R12","kind":"lei"}"#,
            #"{"country":"DE","kind":"overseas","registryNumber":"HRB 12345"}"#,
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for text in cases {
            let value = try JSONDecoder().decode(RegistrationIdentifier.self, from: Data(text.utf8))
            #expect(String(decoding: try encoder.encode(value), as: UTF8.self) == text)
        }
        let bad = #"{"code":"911100001011100000","kind":"unifiedSocialCreditCode"}"#
        #expect(throws: ModelValidationError(.invalidCheckCharacter, field: "", rule: "")) {
            try JSONDecoder().decode(RegistrationIdentifier.self, from: Data(bad.utf8))
        }
        #expect(throws: ModelValidationError(.invalidChoice, field: "", rule: "")) {
            try JSONDecoder().decode(RegistrationIdentifier.self, from: Data(#"{"kind":"passport"}"#.utf8))
        }
    }
}
