/// The editorial state machine: draft → review → approved → published → withdrawn, with
/// `reject` sending an item back to draft. Every transition is recorded in the audit log.
public enum WorkflowAction: String, CaseIterable, Sendable {
    case submit, reject, approve, publish, withdraw

    /// The states this action may start from.
    public var from: Set<ItemState> {
        switch self {
        case .submit: [.draft, .withdrawn]
        case .reject: [.review, .approved]
        case .approve: [.review]
        case .publish: [.approved]
        case .withdraw: [.published]
        }
    }

    public var to: ItemState {
        switch self {
        case .submit: .review
        case .reject: .draft
        case .approve: .approved
        case .publish: .published
        case .withdraw: .withdrawn
        }
    }
}

/// One line of `audit/log.jsonl`.
public struct AuditEntry: Hashable, Sendable {
    public var at: Timestamp
    public var by: String
    public var action: String
    public var item: ItemID
    public var from: ItemState?
    public var to: ItemState?
    public var note: String?
    public var statement: String?
    public init(at: Timestamp, by: String, action: String, item: ItemID, from: ItemState?, to: ItemState?, note: String?, statement: String?) {
        self.at = at; self.by = by; self.action = action; self.item = item
        self.from = from; self.to = to; self.note = note; self.statement = statement
    }
}

public enum Workflow {
    /// The submitter's declaration, recorded verbatim in the audit log (Luật Bảo vệ bí mật nhà nước 2018).
    public static let noSecretsStatement = "Tôi xác nhận nội dung này không chứa thông tin thuộc danh mục bí mật nhà nước. / I declare that this item contains no classified (state secret) information."

    /// Applies `action` to `item`, returning the changed item and the audit entry, or throws
    /// when the transition is not allowed.
    public static func apply(_ action: WorkflowAction, to item: Item, by person: String, note: String?,
                             declaredNoSecrets: Bool, now: Timestamp) throws -> (Item, AuditEntry) {
        let by = person.trimmingWhitespace
        let at = Location(item: item.id)
        guard !by.isEmpty else { throw QuangBaError(Message("workflow.by_required"), at: at) }
        guard action.from.contains(item.state) else {
            throw QuangBaError(Message("workflow.bad_transition", [
                "action": action.rawValue, "state": item.state.rawValue,
                "allowed": action.from.map(\.rawValue).sorted().joined(separator: ", "),
            ]), at: at)
        }
        if action == .submit, !declaredNoSecrets { throw QuangBaError(Message("workflow.statement_required"), at: at) }
        if action == .approve, by.caseInsensitiveEquals(item.author) {
            throw QuangBaError(Message("workflow.self_approval", ["author": item.author]), at: at)
        }
        if action == .publish, item.classification != .public {
            throw QuangBaError(Message("workflow.publish_internal"), at: at)
        }
        var changed = item
        changed.state = action.to
        changed.updated = now
        switch action {
        case .publish:
            if changed.published == nil { changed.published = now }
            changed.withdrawn = nil
        case .withdraw:
            changed.withdrawn = now
        default: break
        }
        let entry = AuditEntry(at: now, by: by, action: action.rawValue, item: item.id, from: item.state, to: action.to,
                               note: note, statement: action == .submit ? noSecretsStatement : nil)
        return (changed, entry)
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
    func caseInsensitiveEquals(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
