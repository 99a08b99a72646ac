import Foundation
public import QuangBaCore

/// The workflow on disk: each action checked by `Workflow` (Core) against the audit log's
/// history, then written with its audit entry and approved versions as one `ContentChange`.
/// Every front end goes through here; none writes states or audit entries itself.
extension Repository {
    /// What a workflow action did: the audit entry, and a short "from → to".
    public struct WorkflowOutcome: Sendable {
        public let entry: AuditEntry
        public let change: String
    }

    /// Applies `action` to item `id`, or with `language` to that translation.
    public func perform(_ action: WorkflowAction, on id: ItemID, language: LanguageCode? = nil, by: String, note: String?,
                        declaredNoSecrets: Bool = false, now: Timestamp = .now) throws -> WorkflowOutcome {
        let loaded = try load(id)
        guard let item = loaded.item else {
            throw QuangBaError(Message("item.unreadable", ["id": id.rawValue]), at: Location(file: loaded.folder + "/item.yaml"), diagnostics: loaded.diagnostics)
        }
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty, action != .withdraw, action != .reject {
            throw QuangBaError(Message("workflow.invalid_item"), at: Location(item: id), diagnostics: errors)
        }
        let history = WorkflowHistory(try auditEntries(), item: id)
        if let language {
            guard language != item.sourceLanguage else {
                throw QuangBaError(Message("workflow.lang_is_source", ["lang": language.rawValue]), at: Location(item: id))
            }
            return try performOnTranslation(action, loaded: loaded, item: item, language: language, by: by, note: note, history: history, now: now)
        }
        let pending = loaded.itemChangedSinceApproval
        let (changed, entry) = try Workflow.apply(action, to: item, by: by, note: note, declaredNoSecrets: declaredNoSecrets,
                                                  history: history, changedSinceApproval: pending, now: now)
        guard let source = loaded.translation(item.sourceLanguage) else {
            throw QuangBaError(Message("item.no_source_file", ["lang": item.sourceLanguage.rawValue]), at: Location(item: id))
        }
        switch entry.action {
        case "approve", "approve-change":
            try save(changed, translations: [], audit: [entry], approving: .item(source: source))
        case "reject-change":
            // The working files become the approved versions again, under today's workflow fields.
            guard let approved = loaded.approved.item, let approvedSource = loaded.approved.translations[item.sourceLanguage] else {
                throw QuangBaError(Message("workflow.no_approved_version"), at: Location(item: id))
            }
            var restored = ApprovedVersions.overlay(approved, changed)
            restored.updated = now
            try save(restored, translations: [approvedSource], audit: [entry])
        default:
            try save(changed, translations: [], audit: [entry])
        }
        return WorkflowOutcome(entry: entry, change: "\(entry.from?.rawValue ?? "") → \(entry.to?.rawValue ?? "")")
    }

    private func performOnTranslation(_ action: WorkflowAction, loaded: LoadedItem, item: Item, language: LanguageCode, by: String, note: String?,
                                      history: WorkflowHistory, now: Timestamp) throws -> WorkflowOutcome {
        guard let t = loaded.translation(language), let source = loaded.translation(item.sourceLanguage) else {
            throw QuangBaError(Message("set.no_translation", ["id": item.id.rawValue, "lang": language.rawValue]), at: Location(item: item.id))
        }
        let pending = t.status == .approved && loaded.approved.translationChanged(t, kind: item.kind)
        let notATranslation = action == .approve ? TranslationCheck.refusal(for: t, source: source, kind: item.kind, id: item.id) : nil
        var (changed, entry) = try Workflow.applyToTranslation(action, t, of: item, by: by, note: note, sourceHash: source.contentHash(kind: item.kind),
                                                               notATranslation: notATranslation, history: history, changedSinceApproval: pending, now: now)
        var record = item
        record.updated = now
        switch Workflow.parse(entry.action).verb {
        case "approve", "approve-change":
            try save(record, translations: [changed], audit: [entry], approving: .translations([language]))
        case "reject-change":
            guard var approved = loaded.approved.translations[language] else {
                throw QuangBaError(Message("workflow.no_approved_version"), at: Location(item: item.id))
            }
            approved.status = .approved
            changed = approved
            try save(record, translations: [approved], audit: [entry])
        default:
            try save(record, translations: [changed], audit: [entry])
        }
        return WorkflowOutcome(entry: entry, change: "\(language): \((t.status ?? .draft).rawValue) → \((changed.status ?? .draft).rawValue)")
    }

    /// `translate --restamp`: the translation now matches the current source.
    public func restamp(_ id: ItemID, language: LanguageCode, by: String, note: String?, now: Timestamp = .now) throws -> AuditEntry {
        let loaded = try load(id)
        guard let item = loaded.item, let source = loaded.translation(item.sourceLanguage) else {
            throw QuangBaError(Message("item.unreadable", ["id": id.rawValue]), at: Location(file: loaded.folder), diagnostics: loaded.diagnostics)
        }
        guard let t = loaded.translation(language), language != item.sourceLanguage else {
            throw QuangBaError(Message("set.no_translation", ["id": id.rawValue, "lang": language.rawValue]), at: Location(item: id))
        }
        let (changed, entry) = try Workflow.restamp(t, of: item, sourceHash: source.contentHash(kind: item.kind), by: by, note: note, now: now)
        try save(item, translations: [changed], audit: [entry])
        return entry
    }

    /// Saves an edit of an existing item (`quangba set`, `quangba edit`, an import). When what it
    /// changes has an approved version (an approved or published item's record or source text,
    /// an approved translation), the edit is recorded in the audit log by `by` and waits for
    /// approval; the public keeps the approved version meanwhile. `by` is needed only then.
    public func saveEdit(_ item: Item, translations: [Translation], by: String?, now: Timestamp = .now) throws {
        let entries = try editEntries(item, translations: translations, by: by, now: now)
        try save(item, translations: translations, audit: entries)
    }

    /// The audit entries `saveEdit` records for this edit.
    public func editEntries(_ item: Item, translations: [Translation], by: String?, now: Timestamp) throws -> [AuditEntry] {
        let current = reader.read(kind: item.kind, id: item.id.rawValue)
        guard let old = current.item else { return [] }
        var entries: [AuditEntry] = []
        func entry(_ lang: LanguageCode?, _ fields: [String]) throws {
            guard let by, Person(by) != nil else {
                throw QuangBaError(Message("edit.by_required", ["id": item.id.rawValue]), at: Location(item: item.id))
            }
            entries.append(try Workflow.editEntry(item, language: lang, fields: fields, by: by, now: now))
        }
        if [.approved, .published].contains(old.state) {
            var fields = Self.changedRecordFields(old, item)
            if let t = translations.first(where: { $0.language == item.sourceLanguage }), let o = current.translation(item.sourceLanguage) {
                fields += t.changedFields(since: o, kind: item.kind)
            }
            if !fields.isEmpty { try entry(nil, fields) }
        }
        for t in translations where t.language != item.sourceLanguage {
            guard let o = current.translation(t.language), o.status == .approved else { continue }
            let fields = t.changedFields(since: o, kind: item.kind)
            if !fields.isEmpty { try entry(t.language, fields) }
        }
        return entries
    }

    /// The item.yaml keys whose values differ, workflow fields and `updated` aside.
    static func changedRecordFields(_ a: Item, _ b: Item) -> [String] {
        var out: [String] = []
        if a.classification != b.classification { out.append("classification") }
        if a.embargo != b.embargo { out.append("embargo") }
        if a.unit != b.unit { out.append("unit") }
        if a.topics != b.topics { out.append("topics") }
        if a.channels != b.channels { out.append("channels") }
        if a.pinned != b.pinned { out.append("pinned") }
        if a.licence != b.licence { out.append("licence") }
        if a.relations != b.relations { out.append("relations") }
        if a.details != b.details { out.append(b.kind.rawValue) }
        if a.author != b.author { out.append("author") }
        return out
    }

    /// Creates a new item with its first language versions (`quangba new`, `media add`): the
    /// folder appears whole, with the "create" entry naming its author, or not at all.
    public func create(_ item: Item, translations: [Translation], storedFile: (name: String, bytes: [UInt8])? = nil, now: Timestamp = .now) throws {
        if access(folderURL(item.kind, item.id).path, F_OK) == 0 {
            throw QuangBaError(Message("new.exists", ["id": item.id.rawValue]), at: Location(item: item.id))
        }
        try save(item, translations: translations, storedFile: storedFile, audit: [try Workflow.createEntry(item, by: item.author, now: now)])
    }
}
