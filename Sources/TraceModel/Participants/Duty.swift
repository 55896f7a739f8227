/// The duties of, one case per lettered point, as data: which
/// role carries it and which clause says so.
public enum Duty: String, Sendable, Codable, CaseIterable, Hashable {
    case demandSideRealIdentity = "R-7.2-a"
    case demandSideRespectsRights = "R-7.2-b"
    case demandSideUnderSupervision = "R-7.2-c"
    case providerMeetsGBT36061Chapter7 = "R-7.3"
    case serviceProviderInformationRules = "R-7.4-a"
    case serviceProviderThirdPartyVerification = "R-7.4-b"
    case serviceProviderTraceAndOnSiteVerification = "R-7.4-c"
    case serviceProviderFeedbackMechanism = "R-7.4-d"
    case serviceProviderCapabilities = "R-7.4-e"
    case userRealIdentity = "R-7.5-a"
    case userRespectsRights = "R-7.5-b"
    case userUnderSupervision = "R-7.5-c"
    case supervisorWorkPlans = "R-7.6-a"
    case supervisorApprovesFilingsAndDeclarations = "R-7.6-b"
    case supervisorSupervisesPlatform = "R-7.6-c"

    /// The clause id (the raw value).
    public var clause: String { rawValue }

    /// The role the duty binds.
    public var role: Role {
        switch self {
        case .demandSideRealIdentity, .demandSideRespectsRights, .demandSideUnderSupervision: .demandSide
        case .providerMeetsGBT36061Chapter7: .informationProvider
        case .serviceProviderInformationRules, .serviceProviderThirdPartyVerification,
             .serviceProviderTraceAndOnSiteVerification, .serviceProviderFeedbackMechanism,
             .serviceProviderCapabilities: .traceServiceProvider
        case .userRealIdentity, .userRespectsRights, .userUnderSupervision: .informationUser
        case .supervisorWorkPlans, .supervisorApprovesFilingsAndDeclarations, .supervisorSupervisesPlatform: .supervisor
        }
    }

    /// Duties that demand a real, verified identity.
    public var isIdentityDuty: Bool {
        self == .demandSideRealIdentity || self == .userRealIdentity
    }
}
