import TraceModel

/// The registration identifier of an applicant (R-6.3.1.2): a unified social
/// credit code (GB 32100-2015) for a mainland (`CN`) entity; an LEI (ISO 17442)
/// or the country and registry number for an overseas one, such as an
/// overseas warehouse or clearance agent. JSON as `RegistrationIdentifier`.
enum RegistrationCheck {
    static func identifier(_ fields: PayloadFields, country: CountryCode) throws(MembershipRefusal) -> RegistrationIdentifier {
        let kind = try fields.string("kind", maxBytes: 32)
        let mainland = country.code == "CN"
        switch kind {
        case "unifiedSocialCreditCode":
            try fields.onlyMembers(["kind", "code"])
            guard mainland else {
                throw MembershipRefusal(.invalidPayload, field: "registration.kind",
                    rule: "an overseas entity ('\(country.code)') registers with an LEI or country and registry number (R-6.3.1.2)")
            }
            let text = try fields.string("code", maxBytes: 64)
            return .unifiedSocialCreditCode(try MembershipApplication.model("registration.code") {
                try UnifiedSocialCreditCode(text, field: "registration.code")
            })
        case "lei", "overseas":
            guard !mainland else {
                throw MembershipRefusal(.invalidPayload, field: "registration.kind",
                    rule: "a mainland entity ('CN') registers with its unified social credit code (R-6.3.1.2)")
            }
            return try overseas(fields, kind: kind, country: country)
        default:
            throw MembershipRefusal(.invalidPayload, field: "registration.kind",
                                    rule: "must be one of: unifiedSocialCreditCode, lei, overseas")
        }
    }

    private static func overseas(_ fields: PayloadFields, kind: String,
                                 country: CountryCode) throws(MembershipRefusal) -> RegistrationIdentifier {
        if kind == "lei" {
            try fields.onlyMembers(["kind", "code"])
            let text = try fields.string("code", maxBytes: 64)
            return .lei(try MembershipApplication.model("registration.code") { try LEI(text, field: "registration.code") })
        }
        try fields.onlyMembers(["kind", "country", "registryNumber"])
        let countryText = try fields.string("country", maxBytes: 8)
        let number = try fields.string("registryNumber", maxBytes: 256)
        let registration = try MembershipApplication.model("registration") { () throws -> OverseasRegistration in
            let registryCountry = try CountryCode(countryText, field: "registration.country")
            return try OverseasRegistration(country: registryCountry, registryNumber: number)
        }
        guard registration.country == country else {
            throw MembershipRefusal(.invalidPayload, field: "registration.country",
                rule: "registry country '\(registration.country.code)' must be the participant's country '\(country.code)'")
        }
        return .overseas(registration)
    }
}
