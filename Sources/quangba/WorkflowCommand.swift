import ArgumentParser
import QuangBaContent
import QuangBaCore

struct WorkflowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow",
        abstract: "Move an item through draft → review → approved → published → withdrawn.",
        discussion: """
        submit   draft or withdrawn → review; records your declaration that the item holds no state secrets
                 (give --declare-no-secrets, or confirm at the prompt)
        reject   review or approved → draft
        approve  review → approved; the approver must not be the author
        publish  approved → published (public classification only)
        withdraw published → withdrawn; the item stays as a tombstone so harvesters learn of it
        With --lang, approve or reject one translation instead (the approver must not be its translator).
        Every action is appended to audit/log.jsonl.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "submit, reject, approve, publish or withdraw.") var action: WorkflowAction
    @Argument(help: "The item id.") var id: String
    @Option(help: ArgumentHelp("Who is acting (required).", valueName: "name")) var by: String
    @Option(help: "A note for the audit log.") var note: String?
    @Option(help: ArgumentHelp("Approve or reject this language version instead of the item.", valueName: "lang")) var lang: String?
    @Flag(name: .customLong("declare-no-secrets"), help: "With submit: declare that the item contains no classified information.") var declared = false

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let itemID = try parseID(id)
            var declaredNoSecrets = declared
            if action == .submit, !declared, let answer = Console.ask("workflow.confirm_statement", ["statement": Workflow.noSecretsStatement]) {
                declaredNoSecrets = ["y", "yes", "c", "có", "co"].contains(answer.lowercased())
            }
            let result = try Editing.locked(repo) { () throws -> String in
                let loaded = try repo.load(itemID)
                guard var item = loaded.item else {
                    throw QuangBaError(Message("item.unreadable", ["id": id]), at: Location(file: loaded.folder + "/item.yaml"), diagnostics: loaded.diagnostics)
                }
                let errors = loaded.diagnostics.filter { $0.severity == .error }
                if !errors.isEmpty, action != .withdraw, action != .reject {
                    throw QuangBaError(Message("workflow.invalid_item"), at: Location(item: itemID), diagnostics: errors)
                }
                let now = Timestamp.now
                if let lang {
                    let code = try Editing.languageArgument(lang, repo, default: item.sourceLanguage)
                    guard var t = loaded.translation(code), code != item.sourceLanguage else {
                        throw QuangBaError(Message("set.no_translation", ["id": id, "lang": lang]), at: Location(item: itemID))
                    }
                    let from = t.status ?? .draft
                    switch action {
                    case .approve:
                        if let tr = t.translator, tr.lowercased() == by.lowercased() { throw QuangBaError(Message("workflow.self_approval_translation"), at: Location(item: itemID)) }
                        if let source = loaded.translation(item.sourceLanguage), t.sourceHash != source.contentHash(kind: item.kind) {
                            throw QuangBaError(Message("workflow.stale_translation", ["lang": lang]), at: Location(item: itemID))
                        }
                        if let source = loaded.translation(item.sourceLanguage), let refusal = TranslationCheck.refusal(for: t, source: source, kind: item.kind, id: itemID) { throw refusal }
                        t.status = .approved
                    case .reject: t.status = .draft
                    default: throw QuangBaError(Message("workflow.lang_actions"), at: Location(item: itemID))
                    }
                    item.updated = now
                    try repo.save(item, translations: [t])
                    try repo.appendAudit(AuditEntry(at: now, by: by, action: "\(action.rawValue)-translation:\(code)", item: itemID,
                                                    from: nil, to: nil, note: note.map { "\(from.rawValue) → \(t.status!.rawValue). \($0)" } ?? "\(from.rawValue) → \(t.status!.rawValue)",
                                                    statement: nil))
                    return "\(code): \(from.rawValue) → \(t.status!.rawValue)"
                }
                let (changed, entry) = try Workflow.apply(action, to: item, by: by, note: note, declaredNoSecrets: declaredNoSecrets, now: now)
                item = changed
                try repo.save(item, translations: [])
                try repo.appendAudit(entry)
                return "\(entry.from?.rawValue ?? "") → \(entry.to?.rawValue ?? "")"
            }
            Console.out(Console.text("workflow.done", ["id": id, "action": action.rawValue, "change": result]))
        }
    }
}
