import Foundation

/// The editorial state machine: draft → review → approved → published → withdrawn, with
/// `reject` sending an item back to draft. Every transition is recorded in the audit log.
public enum WorkflowAction: String, CaseIterable, Sendable {
    case submit, reject, approve, publish, withdraw

    /// The states this action may start from. `approve` and `reject` also apply to an approved
    /// or published item that was edited since its approval (see `Workflow.apply`).
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

/// A person as the four-eyes rule compares people: "Hoàng Thu Trang", "hoang thu trang" and
/// "Hoàng  Thu  TRANG" are one person. Names are folded to lower case without diacritics
/// (đ as d), with runs of spaces made one, so that a missing accent cannot turn an author
/// into a second reviewer.
public struct Person: Hashable, Sendable, CustomStringConvertible {
    /// The name as it is recorded: NFC, trimmed, inner spaces collapsed.
    public let name: String
    /// What two names are compared by.
    public let key: String

    public init?(_ raw: String) {
        // Invisible characters (zero-width space, soft hyphen…) go first: they may sit inside a word.
        let visible = String(String.UnicodeScalarView(raw.unicodeScalars.filter { $0.properties.generalCategory != .format }))
        let words = visible.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return nil }
        name = words.joined(separator: " ")
        key = Self.fold(name)
    }

    public var description: String { name }

    public func isSame(as other: String?) -> Bool { other.flatMap(Person.init).map { $0.key == key } ?? false }

    static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch u.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format: continue
            default: break
            }
            out.append(u == "đ" ? "d" : u)
        }
        return String(out)
    }
}

/// What the audit log says about one item that the four-eyes rule needs: who submitted it,
/// who edited it or one of its translations since the last approval.
public struct WorkflowHistory: Sendable {
    public var submitter: String?
    public var editorsSinceApproval: [String] = []
    public var translationEditors: [LanguageCode: [String]] = [:]

    public init(_ entries: [AuditEntry], item: ItemID) {
        for e in entries where e.item == item {
            let (verb, lang) = Workflow.parse(e.action)
            switch (verb, lang) {
            case ("submit", nil): submitter = e.by
            case ("edit", nil), ("create", nil): editorsSinceApproval.append(e.by)
            case ("approve", nil), ("approve-change", nil): editorsSinceApproval = []; submitter = nil
            case (_, let l?) where verb == "approve" || verb == "approve-change": translationEditors[l] = []
            case (_, let l?) where !verb.hasPrefix("reject"): translationEditors[l, default: []].append(e.by)
            default: break
            }
        }
    }

    public init() {}
}

public enum Workflow {
    /// The submitter's declaration, recorded verbatim in the audit log (Luật Bảo vệ bí mật nhà nước 2018).
    public static let noSecretsStatement = "Tôi xác nhận nội dung này không chứa thông tin thuộc danh mục bí mật nhà nước. / I declare that this item contains no classified (state secret) information."

    /// Splits an audit action into its verb and the language it concerns: `approve-translation:en`
    /// → ("approve", en), `edit-translation:ko` → ("edit", ko), `submit` → ("submit", nil).
    public static func parse(_ action: String) -> (verb: String, language: LanguageCode?) {
        guard let colon = action.firstIndex(of: ":") else { return (action, nil) }
        var verb = String(action[..<colon])
        if verb.hasSuffix("-translation") { verb.removeLast("-translation".count) }
        return (verb, LanguageCode(String(action[action.index(after: colon)...])))
    }

    /// The person acting, or the error that asks for one.
    public static func person(_ raw: String, item: ItemID) throws -> Person {
        guard let p = Person(raw) else { throw QuangBaError(Message("workflow.by_required"), at: Location(item: item)) }
        return p
    }

    /// Applies `action` to `item`, returning the changed item and the audit entry, or throws
    /// when the transition is not allowed.
    /// `changedSinceApproval`: the item is approved or published and its record or source text
    /// was edited since (`ApprovedVersions`); `approve` then approves the change (the state
    /// stays) and `reject` puts the approved version back (the caller restores the files).
    public static func apply(_ action: WorkflowAction, to item: Item, by raw: String, note: String?, declaredNoSecrets: Bool,
                             history: WorkflowHistory, changedSinceApproval: Bool = false, now: Timestamp) throws -> (Item, AuditEntry) {
        let at = Location(item: item.id)
        let by = try person(raw, item: item.id)
        let onChange = changedSinceApproval && [.approved, .published].contains(item.state) && (action == .approve || action == .reject)
        if action == .approve, [.approved, .published].contains(item.state), !changedSinceApproval {
            throw QuangBaError(Message("workflow.nothing_to_approve", ["state": item.state.rawValue]), at: at)
        }
        guard action.from.contains(item.state) || onChange else {
            throw QuangBaError(Message("workflow.bad_transition", [
                "action": action.rawValue, "state": item.state.rawValue,
                "allowed": action.from.map(\.rawValue).sorted().joined(separator: ", "),
            ]), at: at)
        }
        if action == .submit, !declaredNoSecrets { throw QuangBaError(Message("workflow.statement_required"), at: at) }
        if action == .approve {
            try checkFourEyes(by, item: item, history: history)
        }
        if action == .publish, item.classification != .public {
            throw QuangBaError(Message("workflow.publish_internal"), at: at)
        }
        var changed = item
        changed.updated = now
        if onChange {
            let entry = AuditEntry(at: now, by: by.name, action: "\(action.rawValue)-change", item: item.id, from: item.state, to: item.state,
                                   note: note, statement: nil)
            return (changed, entry)
        }
        changed.state = action.to
        switch action {
        case .publish:
            if changed.published == nil { changed.published = now }
            changed.withdrawn = nil
        case .withdraw:
            changed.withdrawn = now
        default: break
        }
        let entry = AuditEntry(at: now, by: by.name, action: action.rawValue, item: item.id, from: item.state, to: action.to,
                               note: note, statement: action == .submit ? noSecretsStatement : nil)
        return (changed, entry)
    }

    /// The four-eyes rule for an item: its approver is not its author, not who submitted it,
    /// and not anyone who edited it since its last approval.
    static func checkFourEyes(_ by: Person, item: Item, history: WorkflowHistory) throws {
        let at = Location(item: item.id)
        if by.isSame(as: item.author) {
            throw QuangBaError(Message("workflow.self_approval", ["author": item.author]), at: at)
        }
        if let s = history.submitter, by.isSame(as: s) {
            throw QuangBaError(Message("workflow.submitter_approval", ["submitter": s]), at: at)
        }
        if let e = history.editorsSinceApproval.first(where: { by.isSame(as: $0) }) {
            throw QuangBaError(Message("workflow.editor_approval", ["editor": e]), at: at)
        }
    }

    /// Approves or rejects one translation. `sourceHash`: the hash of the source text as it is
    /// now (a stale translation cannot be approved); `notATranslation`: why its text is not a
    /// translation of the source (empty, identical, another script…), found by the content layer;
    /// `changedSinceApproval`: it is approved and was edited since, so `approve` approves the
    /// change and `reject` puts the approved version back (the caller restores the file).
    public static func applyToTranslation(_ action: WorkflowAction, _ t: Translation, of item: Item, by raw: String, note: String?,
                                          sourceHash: String, notATranslation: QuangBaError?, history: WorkflowHistory,
                                          changedSinceApproval: Bool = false, now: Timestamp) throws -> (Translation, AuditEntry) {
        let at = Location(item: item.id)
        let by = try person(raw, item: item.id)
        let lang = t.language
        let from = t.status ?? .draft
        var changed = t
        var verb = action.rawValue
        switch action {
        case .approve:
            if from == .approved, !changedSinceApproval {
                throw QuangBaError(Message("workflow.translation_already_approved", ["lang": lang.rawValue]), at: at)
            }
            if by.isSame(as: t.translator) { throw QuangBaError(Message("workflow.self_approval_translation", ["translator": t.translator ?? ""]), at: at) }
            if let e = history.translationEditors[lang]?.first(where: { by.isSame(as: $0) }) {
                throw QuangBaError(Message("workflow.editor_approval_translation", ["editor": e, "lang": lang.rawValue]), at: at)
            }
            if t.sourceHash != sourceHash { throw QuangBaError(Message("workflow.stale_translation", ["lang": lang.rawValue]), at: at) }
            if let refusal = notATranslation { throw refusal }
            if from == .approved { verb = "approve-change" }
            changed.status = .approved
        case .reject:
            if from == .approved, changedSinceApproval { verb = "reject-change" } else { changed.status = .draft }
        default:
            throw QuangBaError(Message("workflow.lang_actions"), at: at)
        }
        let to = changed.status ?? .draft
        let entry = AuditEntry(at: now, by: by.name, action: "\(verb)-translation:\(lang.rawValue)", item: item.id, from: nil, to: nil,
                               note: note.map { "\(from.rawValue) → \(to.rawValue). \($0)" } ?? "\(from.rawValue) → \(to.rawValue)", statement: nil)
        return (changed, entry)
    }

    /// Records that a translation now matches the source with hash `sourceHash` (its translator
    /// brought it up to date): an audited action by a named person. It changes no approval:
    /// what the public sees of an approved translation changes only by approval.
    public static func restamp(_ t: Translation, of item: Item, sourceHash: String, by raw: String, note: String?, now: Timestamp) throws -> (Translation, AuditEntry) {
        let by = try person(raw, item: item.id)
        var changed = t
        changed.sourceHash = sourceHash
        let entry = AuditEntry(at: now, by: by.name, action: "restamp-translation:\(t.language.rawValue)", item: item.id, from: nil, to: nil,
                               note: note, statement: nil)
        return (changed, entry)
    }

    /// The audit entry for an edit of an item's record or source text (`language` nil) or of one
    /// translation, when what is edited has an approved version: the edit waits for approval.
    public static func editEntry(_ item: Item, language: LanguageCode?, fields: [String], by raw: String, now: Timestamp) throws -> AuditEntry {
        let by = try person(raw, item: item.id)
        let action = language.map { "edit-translation:\($0.rawValue)" } ?? "edit"
        return AuditEntry(at: now, by: by.name, action: action, item: item.id, from: nil, to: nil,
                          note: fields.isEmpty ? nil : fields.joined(separator: ", "), statement: nil)
    }

    /// The audit entry for a new item (its author) or a new translation (its translator).
    public static func createEntry(_ item: Item, language: LanguageCode? = nil, by raw: String, now: Timestamp) throws -> AuditEntry {
        let by = try person(raw, item: item.id)
        if let language {
            return AuditEntry(at: now, by: by.name, action: "translate:\(language.rawValue)", item: item.id, from: nil, to: nil, note: nil, statement: nil)
        }
        return AuditEntry(at: now, by: by.name, action: "create", item: item.id, from: nil, to: item.state, note: nil, statement: nil)
    }
}
