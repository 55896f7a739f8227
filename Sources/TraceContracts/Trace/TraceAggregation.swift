import TraceCrypto
import TraceLedger
import TraceModel

/// `aggregate`, `disaggregate` and `split` (R-6.3.1.3): items into cartons into
/// pallets by SSCC with `ContainmentLedger`'s rules, checked on the state of
/// now; a batch split with `BatchLineage`'s rules.
enum TraceAggregation {
    /// Units one container holds at most, however deep.
    static let unitsMax = 10_000

    /// `{"parent": SSCC code, "children": [codes], "time": RFC 3339}` (EPCIS ADD).
    static func aggregate(_ session: inout TraceSession, _ fields: PayloadFields) throws(MembershipRefusal) {
        let event = try self.event(session, fields, action: .add)
        let above = [event.parent] + session.chain(of: event.parent)
        var held = session.contents(of: event.parent)
        for (index, child) in event.children.enumerated() {
            let field = "children[\(index)]"
            if let parent = session.parent(of: child) {
                throw MembershipRefusal(.conflict, field: field,
                    rule: "\(child) is already inside \(parent); a unit is in one container at a time — disaggregate it there first")
            }
            guard !above.contains(child) else {
                throw MembershipRefusal(.conflict, field: field, rule: "\(child) holds \(event.parent), so it cannot go inside it")
            }
            let depth = above.count + levels(session, below: child) - 1
            guard depth <= ContainmentLedger.depthMax else {
                throw MembershipRefusal(.conflict, field: field,
                    rule: "nesting \(child) there would put \(depth) containers above a unit; at most \(ContainmentLedger.depthMax)")
            }
            session.context.put(TraceKeys.parent(child), Array(event.parent.utf8))
            held.append(child)
        }
        session.setContents(held, of: event.parent)
        try session.touch(try touched(session, event))
    }

    /// `{"parent": SSCC code, "children"?: [codes], "time": RFC 3339}` (EPCIS
    /// DELETE); without children everything inside comes out.
    static func disaggregate(_ session: inout TraceSession, _ fields: PayloadFields) throws(MembershipRefusal) {
        let event = try self.event(session, fields, action: .delete)
        let held = session.contents(of: event.parent)
        let out = event.children.isEmpty ? held : event.children
        guard !out.isEmpty else {
            throw MembershipRefusal(.conflict, field: "children", rule: "\(event.parent) holds nothing, so there is nothing to take out")
        }
        let units = try touched(session, event, children: out)
        for (index, child) in out.enumerated() where !held.contains(child) {
            throw MembershipRefusal(.conflict, field: "children[\(index)]",
                                    rule: "\(child) is not inside \(event.parent); only what is inside can be taken out")
        }
        for child in out { session.context.delete(TraceKeys.parent(child)) }
        session.setContents(held.filter { !out.contains($0) }, of: event.parent)
        try session.touch(units)
    }

    /// The parent, its containers and every unit the event moves, with what they hold.
    static func touched(_ session: TraceSession, _ event: AggregationEvent,
                        children: [String]? = nil) throws(MembershipRefusal) -> [String] {
        var units = [event.parent] + session.chain(of: event.parent)
        for child in children ?? event.children { units += [child] + (try session.allContents(of: child)) }
        guard units.count <= unitsMax else {
            throw MembershipRefusal(.tooLarge, field: "children", rule: "one event moves at most \(unitsMax) units")
        }
        var seen = Set<String>()
        return units.filter { seen.insert($0).inserted }
    }

    /// Levels of units `key` stands for: 1 for a unit holding nothing, so
    /// `above.count + levels − 1` is `ContainmentLedger`'s depth.
    static func levels(_ session: TraceSession, below key: String) -> Int {
        var level = [key]
        var count = 0
        while !level.isEmpty, count <= ContainmentLedger.depthMax {
            count += 1
            level = level.flatMap { session.contents(of: $0) }
        }
        return count
    }

    /// Reads the event and checks writer, codes and `AggregationEvent`'s rules.
    static func event(_ session: TraceSession, _ fields: PayloadFields,
                      action: AggregationEvent.Action) throws(MembershipRefusal) -> AggregationEvent {
        try fields.onlyMembers(["parent", "children", "time"])
        try checkPacker(session)
        let parent = try fields.traceCode("parent")
        let texts = try fields.strings("children", maxCount: AggregationEvent.childrenCountMax, maxBytes: Record.traceCodeLengthMax) ?? []
        var children: [TraceCode] = []
        for (index, text) in texts.enumerated() { children.append(try TracePayload.parse(text, field: "children[\(index)]")) }
        let timeText = try fields.string("time", maxBytes: 64)
        let event = try TracePayload.model("") {
            try AggregationEvent(position: session.position, time: try Timestamp(timeText, field: "time"),
                                 action: action, parent: parent, children: children)
        }
        _ = try session.issued(event.parent, field: "parent")
        for (index, child) in event.children.enumerated() { _ = try session.issued(child, field: "children[\(index)]") }
        return event
    }

    /// Packing is done by a verified writer of the product or logistics block.
    static func checkPacker(_ session: TraceSession) throws(MembershipRefusal) {
        let signer = session.context.transaction.signer
        let product = session.membership.mayWrite(signer: signer, block: .product, at: session.height)
        let logistics = session.membership.mayWrite(signer: signer, block: .logistics, at: session.height)
        guard product.isAllowed || logistics.isAllowed else {
            throw MembershipRefusal(.forbidden, field: "signer",
                rule: "\(logistics.rawValue): only a verified manufacturer or logistics node packs units (R-6.2.2)")
        }
    }

    /// `{"batch": code, "parts": [{"code": code, "quantity": n}]}` by the batch's
    /// owner: each part is issued with the batch's owner and mode and keeps its lineage.
    static func split(_ session: inout TraceSession, _ fields: PayloadFields) throws(MembershipRefusal) {
        try fields.onlyMembers(["batch", "parts"])
        let batchCode = try fields.traceCode("batch")
        var batch = try session.issued(batchCode.key, field: "batch")
        guard batch.owner == session.signerID else {
            throw MembershipRefusal(.forbidden, field: "signer", rule: "only the batch's owner splits it (R-6.3.1.3)")
        }
        _ = try session.verifiedSigner()
        var parts: [(code: TraceCode, quantity: UInt64)] = []
        for (index, part) in try fields.objects("parts", maxCount: BatchLineage.partsCountMax).enumerated() {
            try part.onlyMembers(["code", "quantity"])
            let code = try TracePayload.parse(try part.string("code", maxBytes: Record.traceCodeLengthMax), field: "parts[\(index)].code")
            guard let quantity = try part.integer("quantity", in: 1...TraceIssue.quantityMax) else {
                throw MembershipRefusal(.invalidPayload, field: "parts[\(index)].quantity", rule: "required")
            }
            if session.code(code.key) != nil {
                throw MembershipRefusal(.conflict, field: "parts[\(index)].code", rule: "\(code.key) is already issued; a key is unique forever (R-5.1-c)")
            }
            parts.append((code, UInt64(quantity)))
        }
        var lineage = BatchLineage()
        let edges = try TracePayload.model("") { () throws -> [LineageEdge] in
            try lineage.declare(batchCode, quantity: batch.remaining, at: batch.issuedAt)
            return try lineage.split(batchCode, into: parts, at: session.position)
        }
        for (edge, part) in zip(edges, parts) {
            session.put(IssuedCode(key: edge.child, kind: part.code.kind, mode: batch.mode,
                                   unit: part.code.kind == .batch ? .batch : .single, owner: batch.owner,
                                   issuedAt: session.position, quantity: edge.quantity,
                                   remaining: part.code.kind == .batch ? edge.quantity : 0, splitFrom: batch.key, recordedItems: []))
        }
        batch.remaining = lineage.remaining(of: batch.key) ?? 0
        session.put(batch)
        try session.touch([batch.key] + edges.map(\.child))
    }
}
