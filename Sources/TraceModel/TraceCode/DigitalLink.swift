/// GS1 Digital Link URIs (GS1 Digital Link Standard 1.2), on any domain:
/// `https://host[/prefix…]/01/{gtin}[/22/{cpv}][/10/{lot}][/21/{serial}][?17=YYMMDD&…]`,
/// `…/00/{sscc}`, `…/414/{gln}[/254/{extension}]`.
public enum DigitalLink {
    /// The domain of canonical keys.
    public static let canonicalDomain = "https://id.gs1.org"
    /// Primary keys and, for each, its key qualifiers in the order the path must give them.
    static let qualifiers: [(primary: String, qualifiers: [String])] = [
        ("01", ["22", "10", "21"]), ("00", []), ("414", ["254"]),
    ]
    /// Data attributes carried in the query string.
    static let dataAttributes: [String] = ["11", "17", "422"]

    /// Formats elements (one primary key first) on `domain`, e.g. `https://example.com/shop`.
    public static func format(_ elements: [GS1Element], domain: String = canonicalDomain) -> String {
        guard let primary = elements.first,
              let allowed = qualifiers.first(where: { $0.primary == primary.ai })?.qualifiers else { return domain }
        var base = domain
        while base.hasSuffix("/") { base.removeLast() }
        var path = "/\(primary.ai)/\(PercentEncoding.encode(primary.value))"
        for ai in allowed {
            if let element = elements.first(where: { $0.ai == ai }) {
                path += "/\(ai)/\(PercentEncoding.encode(element.value))"
            }
        }
        let query = elements.dropFirst()
            .filter { !allowed.contains($0.ai) }
            .map { "\($0.ai)=\(PercentEncoding.encode($0.value))" }
        return base + path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// Parses a Digital Link URI into its elements: the primary key, its qualifiers, then
    /// the data attributes. Values are percent-decoded and checked.
    public static func parse(_ uri: String) throws(TraceCodeError) -> [GS1Element] {
        guard uri.utf8.count <= traceCodeInputBytesMax else {
            throw TraceCodeError(.length, field: "digitalLink", rule: "longer than \(traceCodeInputBytesMax) bytes")
        }
        let (path, query) = try splitURI(uri)
        var elements = try parsePath(path)
        elements += try parseQuery(query, primary: elements[0].ai)
        for element in elements {
            try AIDefinition.lookup(element.ai)?.validate(element.value)
        }
        return elements
    }

    /// The path (from its first `/`) and the query, without scheme, host and fragment.
    static func splitURI(_ uri: String) throws(TraceCodeError) -> (Substring, Substring) {
        let lower = uri.prefix(8).lowercased()
        let schemeLength = lower.hasPrefix("https://") ? 8 : lower.hasPrefix("http://") ? 7 : 0
        guard schemeLength > 0 else {
            throw TraceCodeError(.format, field: "digitalLink", rule: "a Digital Link URI starts with https:// or http://")
        }
        var rest = uri.dropFirst(schemeLength)
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let query: Substring
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        } else {
            query = ""
        }
        guard let slash = rest.firstIndex(of: "/"), slash != rest.startIndex else {
            throw TraceCodeError(.format, field: "digitalLink", rule: "a host and a path with a primary key (01, 00 or 414) are required")
        }
        return (rest[slash...], query)
    }

    static func parsePath(_ path: Substring) throws(TraceCodeError) -> [GS1Element] {
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.last == "" { segments = segments.dropLast() }
        let segmentList = Array(segments)
        let start = segmentList.indices.first { index in
            qualifiers.contains { $0.primary == segmentList[index] } && (segmentList.count - index) % 2 == 0
        }
        guard let start else {
            throw TraceCodeError(.format, field: "digitalLink", rule: "the path has no primary key 01, 00 or 414 followed by its value")
        }
        let primaryAI = String(segmentList[start])
        let allowed = qualifiers.first { $0.primary == primaryAI }?.qualifiers ?? []
        var primaryValue = try PercentEncoding.decode(segmentList[start + 1], field: fieldName(primaryAI))
        if primaryAI == "01" { primaryValue = try GS1Key.gtin14(primaryValue) }
        var elements = [GS1Element(ai: primaryAI, value: primaryValue)]
        var lastRank = -1
        for pair in stride(from: start + 2, to: segmentList.count, by: 2) {
            let ai = String(segmentList[pair])
            guard let rank = allowed.firstIndex(of: ai) else { throw misplaced(ai, primary: primaryAI, inPath: true) }
            guard rank > lastRank else {
                throw TraceCodeError(
                    .order, field: fieldName(ai),
                    rule: "key qualifiers of (\(primaryAI)) come in the order \(allowed.joined(separator: ", ")), once each")
            }
            lastRank = rank
            elements.append(GS1Element(ai: ai, value: try PercentEncoding.decode(segmentList[pair + 1], field: fieldName(ai))))
        }
        return elements
    }

    static func parseQuery(_ query: Substring, primary: String) throws(TraceCodeError) -> [GS1Element] {
        var found: [String: String] = [:]
        for parameter in query.split(separator: "&") {
            let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            // Non-AI parameters (e.g. linkType) are for the resolver, not part of the code.
            guard GS1CharacterSet.allDigits(key) else { continue }
            guard dataAttributes.contains(key) else { throw misplaced(key, primary: primary, inPath: false) }
            guard found[key] == nil else {
                throw TraceCodeError(.duplicate, field: fieldName(key), rule: "AI (\(key)) appears more than once")
            }
            found[key] = try PercentEncoding.decode(parts.count == 2 ? parts[1] : "", field: fieldName(key))
        }
        return dataAttributes.compactMap { ai in found[ai].map { GS1Element(ai: ai, value: $0) } }
    }

    static func misplaced(_ ai: String, primary: String, inPath: Bool) -> TraceCodeError {
        if dataAttributes.contains(ai) {
            return TraceCodeError(.combination, field: fieldName(ai), rule: "AI (\(ai)) is a data attribute and belongs in the query string")
        }
        if AIDefinition.lookup(ai) != nil {
            let place = inPath ? "path" : "query"
            return TraceCodeError(.combination, field: fieldName(ai), rule: "AI (\(ai)) cannot stand in the \(place) of a Digital Link with primary key (\(primary))")
        }
        return TraceCodeError(.unknownIdentifier, field: "ai", rule: "application identifier \(ai.prefix(8)) is not supported")
    }

    static func fieldName(_ ai: String) -> String { AIDefinition.lookup(ai)?.field ?? "ai" }
}
