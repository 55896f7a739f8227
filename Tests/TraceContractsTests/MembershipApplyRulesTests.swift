import Testing
import TraceContracts
import TraceCrypto
import TraceLedger
import TraceModel

/// R-6.3.1.2, R-7.1 (Table 5), R-6.2.2: every broken rule in an application
/// is a receipt naming the field and the rule; nothing is written.
@Suite struct MembershipApplyRulesTests {
    func refused(_ change: (inout [String: CanonicalJSON]) -> Void) -> Receipt {
        var payload = manufacturerPayload()
        change(&payload)
        var chain = TestChain()
        let receipt = chain.run("apply", payload, by: signer(1))
        #expect(chain.state.values.isEmpty)
        return receipt
    }

    /// Every role Table 5 refuses a category, and every node kind refuses a sub-type.
    @Test func r7_1_everyTable5ViolationRefused() {
        var checked = 0
        for subtype in ParticipantSubtype.allCases {
            for role in Role.allCases where !role.isAllowed(for: subtype.category) {
                let receipt = refused {
                    $0["category"] = .string(subtype.category.rawValue)
                    $0["subtype"] = .string(subtype.rawValue)
                    $0["nodeKinds"] = nil
                    $0["roles"] = .array([.string(role.rawValue)])
                }
                #expect(receipt.code == .invalidPayload)
                #expect(receipt.detail == "roles: role '\(role.rawValue)' is not allowed for participant category "
                        + "'\(subtype.category.rawValue)' by Table 5 (R-7.1)")
                checked += 1
            }
        }
        #expect(checked > 10)
    }

    @Test func r6_2_2_nodeKindOperatorsEnforced() {
        var checked = 0
        for subtype in ParticipantSubtype.allCases {
            for kind in NodeKind.allCases where !kind.operators.contains(subtype) {
                let receipt = refused {
                    $0["category"] = .string(subtype.category.rawValue)
                    $0["subtype"] = .string(subtype.rawValue)
                    $0["nodeKinds"] = .array([.string(kind.rawValue)])
                }
                #expect(receipt.code == .invalidPayload)
                #expect(receipt.detail.hasPrefix("nodeKinds: node kind '\(kind.rawValue)' may be operated only by"))
                checked += 1
            }
        }
        #expect(checked > 100)
        let noProvider = refused { $0["roles"] = .array([.string("demandSide")]) }
        #expect(noProvider.detail.contains("needs role 'informationProvider'"))
    }

    @Test func r6_1_subtypeMustBelongToCategory() {
        let receipt = refused { $0["category"] = .string("logistics") }
        #expect(receipt.code == .invalidPayload)
        #expect(receipt.detail == "subtype: sub-type 'manufacturer' belongs to 'tradeEntity', not 'logistics' (R-6.1)")
        #expect(refused { $0["category"] = .string("pirates") }.detail.hasPrefix("category: must be one of"))
        #expect(refused { $0["subtype"] = .string("pirate") }.detail.hasPrefix("subtype: must be one of"))
    }

    @Test func r6_3_1_2_registrationIdentifiersChecked() {
        let badCheck = refused {
            $0["registration"] = .object(["kind": .string("unifiedSocialCreditCode"), "code": .string(Vectors.usccBadCheck)])
        }
        #expect(badCheck.code == .invalidPayload)
        #expect(badCheck.detail == "registration.code: check character must be A (GB 32100-2015)")
        let leiForMainland = refused { $0["registration"] = .object(["kind": .string("lei"), "code": .string(Vectors.leiValid)]) }
        #expect(leiForMainland.detail.contains("mainland entity ('CN') registers with its unified social credit code"))
        let usccOverseas = refused { $0["country"] = .string("DE") }
        #expect(usccOverseas.detail.contains("overseas entity ('DE') registers with an LEI"))
        let badLEI = refused {
            $0["country"] = .string("DE")
            $0["registration"] = .object(["kind": .string("lei"), "code": .string("5493001KJTIIGC8Y1R13")])
        }
        #expect(badLEI.detail.hasPrefix("registration.code: check digits fail ISO/IEC 7064 MOD 97-10"))
        let otherCountry = refused {
            $0["country"] = .string("DE")
            $0["registration"] = .object(["kind": .string("overseas"), "country": .string("FR"), "registryNumber": .string("1")])
        }
        #expect(otherCountry.detail.hasPrefix("registration.country: registry country 'FR'"))
        #expect(refused { $0["country"] = .string("XX") }.detail.hasPrefix("country: must be an assigned ISO 3166-1"))
    }

    @Test func r6_3_1_2_validOverseasAndLEIApplicantsAccepted() {
        var chain = TestChain()
        #expect(chain.run("apply", overseasWarehousePayload(country: "DE"), by: signer(3)).code == .ok)
        var lei = overseasWarehousePayload(country: "NL")
        lei["registration"] = .object(["kind": .string("lei"), "code": .string(Vectors.leiValid)])
        #expect(chain.run("apply", lei, by: signer(4)).code == .ok)
    }

    @Test func r6_3_1_2_prefixesDocumentsAndKeysChecked() {
        #expect(refused { $0["gs1CompanyPrefixes"] = .array([.string("12345")]) }.detail
            == "gs1CompanyPrefixes[0]: a GS1 company prefix is 6 to 12 digits (GS1 General Specifications)")
        #expect(refused { $0["gs1CompanyPrefixes"] = .array([.string("12345a7")]) }.code == .invalidPayload)
        #expect(refused { $0["documentHashes"] = .array([.string("abc")]) }.detail.hasPrefix("documentHashes[0]: must be 64 hex"))
        #expect(refused { $0["documentHashes"] = .array([]) }.detail.contains("at least one qualification document"))
        let sameKey = refused {
            $0["encryptionKey"] = .object(["kind": .string("x25519"), "key": .string(Hex.encode(signer(1).publicKey.rawBytes))])
        }
        #expect(sameKey.detail == "encryptionKey.key: the encryption key must differ from the signing key (R-5.3.4)")
        #expect(refused { $0["encryptionKey"] = .object(["kind": .string("rsa"), "key": .string("00")]) }.code == .invalidPayload)
        #expect(refused { $0["encryptionKey"] = .object(["kind": .string("sm2"), "key": .string(digestA)]) }.detail
            .contains("65-byte uncompressed point"))
        #expect(refused { $0["name"] = .string(String(repeating: "n", count: 201)) }.code == .tooLarge)
        #expect(refused { $0["surprise"] = .bool(true) }.detail.hasPrefix("surprise: unknown member"))
        #expect(refused { $0["roles"] = .array([]) }.detail.contains("at least one Table 5 role"))
    }
}
