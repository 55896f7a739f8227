/// Where a request carries its API key (issue 6 item 5):
/// `Authorization: Bearer ctk_…` or `X-API-Key: ctk_…`. Header values are
/// bounded before any parsing; errors name the header, never echo it.
public enum ApiCredentials {
    /// Longest header value looked at.
    public static let headerBytesMax = 512

    /// The key from the two header values (either may be absent). When both
    /// are given they must be the same key.
    public static func key(authorization: String?, xApiKey: String?) throws(AuthError) -> ApiKey {
        var fromBearer: ApiKey?
        var fromHeader: ApiKey?
        if let authorization { fromBearer = try bearer(authorization) }
        if let xApiKey { fromHeader = try plain(xApiKey) }
        switch (fromBearer, fromHeader) {
        case (nil, nil):
            throw AuthError(.missingCredentials, field: "Authorization", rule: "send 'Authorization: Bearer ctk_…' or 'X-API-Key: ctk_…'")
        case (let key?, nil), (nil, let key?):
            return key
        case (let bearerKey?, let headerKey?):
            guard bearerKey.token == headerKey.token else {
                throw AuthError(.malformedKey, field: "X-API-Key", rule: "differs from the Authorization header's key")
            }
            return bearerKey
        }
    }

    /// The key from one raw header line, `Name: value` (name case-insensitive).
    public static func key(headerLine: String) throws(AuthError) -> ApiKey {
        guard headerLine.utf8.count <= headerBytesMax + 64, let colon = headerLine.firstIndex(of: ":") else {
            throw AuthError(.malformedKey, field: "header", rule: "a header line is 'Name: value'")
        }
        let name = headerLine[..<colon].lowercased()
        let value = String(headerLine[headerLine.index(after: colon)...])
        switch name {
        case "authorization": return try key(authorization: value, xApiKey: nil)
        case "x-api-key": return try key(authorization: nil, xApiKey: value)
        default: throw AuthError(.missingCredentials, field: "header", rule: "only 'Authorization' and 'X-API-Key' carry an API key")
        }
    }

    static func bearer(_ value: String) throws(AuthError) -> ApiKey {
        let trimmed = try bounded(value, field: "Authorization")
        let scheme = trimmed.prefix(while: { $0 != " " })
        guard scheme.lowercased() == "bearer" else {
            throw AuthError(.malformedKey, field: "Authorization", rule: "scheme must be 'Bearer'")
        }
        let rest = trimmed.dropFirst(scheme.count).drop(while: { $0 == " " })
        return try ApiKey.parse(rest)
    }

    static func plain(_ value: String) throws(AuthError) -> ApiKey {
        try ApiKey.parse(try bounded(value, field: "X-API-Key"))
    }

    /// The value without surrounding spaces and tabs (RFC 9110 §5.5), at most `headerBytesMax` bytes.
    private static func bounded(_ value: String, field: String) throws(AuthError) -> Substring {
        guard value.utf8.count <= headerBytesMax else {
            throw AuthError(.malformedKey, field: field, rule: "at most \(headerBytesMax) bytes")
        }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let trimmed = value.drop(while: isSpace)
        let end = trimmed.lastIndex(where: { !isSpace($0) }).map { trimmed.index(after: $0) } ?? trimmed.startIndex
        let result = trimmed[..<end]
        guard !result.isEmpty else { throw AuthError(.missingCredentials, field: field, rule: "the header is empty") }
        return result
    }
}
