import QuangBaContent
import QuangBaCore

/// The questions `new` and `media add` ask for a missing value: each in the UI language, with
/// the valid values and their names where the field has a list, and each answer read at once
/// as the item will read it.
enum Questions {
    private static let labels = [
        "title": "question.title", "unit": "question.unit", "sector": "question.sector", "locality": "question.locality",
        "form": "question.form", "status": "question.status", "contact_unit": "question.contact_unit", "start": "question.start",
        "end": "question.end", "credit": "question.credit", "licence": "question.licence", "holder": "question.holder", "alt": "question.alt",
    ]

    static func text(_ field: String) -> String { labels[field].map { Console.text($0) } ?? field }

    /// Asks for `field` of a new item of `kind` until the answer is one the item accepts.
    static func ask(_ prompt: Prompt, _ repo: Repository, _ field: String, option: String, kind: ItemKind,
                    default value: String? = nil, required: Bool = true) throws -> String? {
        let check: (String) throws -> String = { answer in
            if !["title", "credit", "alt", "holder"].contains(field) { try repo.checkAnswer(field, answer, kind: kind) }
            return answer
        }
        // A holder may be anyone; the others come from a list that must not be empty.
        if let choices = repo.choices(for: field, language: LanguageCode(Console.language)), !choices.isEmpty || field != "holder" {
            guard !choices.isEmpty else {
                throw QuangBaError(Message("question.no_choices", ["field": text(field), "option": option]), at: Location(file: RepositoryConfig.fileName))
            }
            let named = choices.map { c in
                Prompt.Choice(code: c.code, name: c.name ?? InvestmentForm(rawValue: c.code).flatMap { field == "form" ? Console.formName($0) : nil }
                    ?? ProjectStatus(rawValue: c.code).flatMap { field == "status" ? Console.projectStatusName($0) : nil })
            }
            return try prompt.choose(text(field), option: option, choices: named,
                                     default: value, required: required, check: check)
        }
        return try prompt.ask(text(field), option: option, default: value, required: required, check: check)
    }

    /// The licence of a photo, video or document, from the controlled list with its names.
    static func licence(_ prompt: Prompt) throws -> String? {
        let choices = Licence.table.map { Prompt.Choice(code: $0.code, name: Console.licenceTitle($0.licence)) }
        return try prompt.choose(text("licence"), option: "--licence", choices: choices) { answer in
            guard let l = Licence(answer) else {
                throw QuangBaError(Message("set.bad_value", ["field": "licence", "value": answer, "expected": Licence.table.map(\.code).joined(separator: ", ")]))
            }
            return l.code
        }
    }
}
