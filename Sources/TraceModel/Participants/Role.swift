/// The five roles of Table 5.
public enum Role: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    /// Raises a tracing need.
    case demandSide
    /// Provides trace information.
    case informationProvider
    /// Collects, processes and serves trace information.
    case traceServiceProvider
    /// Uses trace information for tracing, quality or trade supervision.
    case informationUser
    /// Supervises product tracing under law.
    case supervisor

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }

    /// Table 5, row by row; columns in the order trade, logistics,
    /// finance, regulator, platform, consumer/other.
    public static let table: [(role: Role, categories: [ParticipantCategory])] = [
        (.demandSide, [.tradeEntity, .logistics, .financial, .regulator, .consumerOrOther]),
        (.informationProvider, [.tradeEntity, .logistics, .financial, .regulator]),
        (.traceServiceProvider, [.tradeEntity, .logistics, .financial, .regulator, .platformOperator]),
        (.informationUser, [.tradeEntity, .logistics, .financial, .regulator, .platformOperator, .consumerOrOther]),
        (.supervisor, [.regulator]),
    ]

    /// Whether Table 5 lets a participant of `category` hold the role.
    public func isAllowed(for category: ParticipantCategory) -> Bool {
        Self.table.first(where: { $0.role == self })?.categories.contains(category) ?? false
    }

    /// Checks a requested role set against Table 5; the first forbidden role
    /// (in table order) is refused with an error naming role and category.
    public static func check(_ roles: some Sequence<Role>, for category: ParticipantCategory) throws {
        for role in Set(roles).sorted() where !role.isAllowed(for: category) {
            throw ModelValidationError(.roleNotAllowed, field: "roles",
                rule: "role '\(role.rawValue)' is not allowed for participant category '\(category.rawValue)' by Table 5 (R-7.1)")
        }
    }

    /// The duties clauses put on the role.
    public var duties: [Duty] {
        Duty.allCases.filter { $0.role == self }
    }

    /// Whether the role needs a verified real identity: demand side (R-7.2-a),
    /// information user (R-7.5-a), and information provider, whose records
    /// need write permission, granted only after real-name verification (R-6.3.1.2).
    public var requiresRealIdentity: Bool {
        duties.contains(where: \.isIdentityDuty) || self == .informationProvider
    }
}
