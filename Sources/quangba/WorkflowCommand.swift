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
        reject   review or approved → draft; on an approved or published item edited since its approval,
                 discards the edit (the approved version becomes the working text again)
        approve  review → approved; on an approved or published item edited since its approval, approves
                 the edit (the public sees it from then on)
        publish  approved → published (public classification only)
        withdraw published → withdrawn; the item stays as a tombstone so harvesters learn of it
        With --lang, approve or reject one translation instead.
        Four eyes: the approver is not the author, not who submitted it, not anyone who edited it since its
        last approval, and for a translation not its translator. Names are compared without case, accents
        or extra spaces. Every action is appended to audit/log.jsonl together with the change, or neither.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "submit, reject, approve, publish or withdraw.") var action: WorkflowAction
    @Argument(help: "The item id.", completion: Completions.ids) var id: String
    @Option(help: ArgumentHelp("Who is acting (default: QUANGBA_USER or ~/.config/quangba/user; asked at a terminal).", valueName: "name")) var by: String?
    @Option(help: "A note for the audit log.") var note: String?
    @Option(help: ArgumentHelp("Approve or reject this language version instead of the item.", valueName: "lang"), completion: Completions.languages) var lang: String?
    @Flag(name: .customLong("declare-no-secrets"), help: "With submit: declare that the item contains no classified information.") var declared = false
    @Option(help: "Output format.") var format: OutputFormat = .table

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            let itemID = try parseID(id)
            let person = try Editing.person(by)
            let language = try lang.map { try Editing.language($0, repo) }
            var declaredNoSecrets = declared
            if action == .submit, !declared, Prompt.isInteractive {
                declaredNoSecrets = try Prompt().confirm(Console.text("workflow.confirm_statement", ["statement": Workflow.noSecretsStatement]), default: false)
            }
            let outcome = try Editing.locked(repo) {
                try repo.perform(action, on: itemID, language: language, by: person, note: note, declaredNoSecrets: declaredNoSecrets)
            }
            switch format {
            case .table: Console.out(Console.text("workflow.done", ["id": id, "action": outcome.entry.action, "change": outcome.change]))
            case .json:
                let e = outcome.entry
                var o: [String: Any] = ["id": e.item.rawValue, "action": e.action, "by": e.by, "at": e.at.description, "change": outcome.change]
                if let l = language { o["lang"] = l.rawValue }
                if let f = e.from { o["from"] = f.rawValue }
                if let t = e.to { o["to"] = t.rawValue }
                if let n = e.note { o["note"] = n }
                Console.out(JSONOutput.string(o))
            }
        }
    }
}
