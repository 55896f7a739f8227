import Testing
import TraceCrypto
@testable import TraceContracts

/// R-6.3.1.2 payload checks: a text member with a control character
/// (general category Cc) is refused naming the member. The direct range
/// test used since issue 7 agrees with the Unicode property on every scalar
/// of the BMP and beyond.
@Suite struct PayloadTextTests {
    @Test func r6_3_1_2_controlCharactersAreExactlyCategoryCc() throws {
        for value in UInt32(0)...0x2FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let isControl = scalar.properties.generalCategory == .control
            let text = "a" + String(Character(scalar)) + "b"
            let refused = (try? PayloadFields.checkText(text, field: "name", maxBytes: 64)) == nil
            if refused != isControl { Issue.record("U+\(String(value, radix: 16)) refused=\(refused) control=\(isControl)") }
        }
    }

    @Test func r6_3_1_2_refusalNamesTheMember() {
        let fields = PayloadFields(members: ["name": .string("bad\u{7}name")])
        #expect { try fields.string("name", maxBytes: 64) } throws: { error in
            (error as? MembershipRefusal)?.field == "name"
        }
    }
}
