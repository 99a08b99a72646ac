import Foundation
public import QuangBaCore

/// What `quangba new` and `quangba media add` need to ask one question at a time: the values a
/// field may take, with their names, and a check of one answer exactly as `create` will read it,
/// so that a wrong answer is asked again at once instead of failing the command at the end.
extension Repository {
    /// The values `field` of a new item may take, each with its name in `language` (else in the
    /// source language) where quangba.yaml names it; nil when the field is free text.
    public func choices(for field: String, language: LanguageCode) -> [(code: String, name: String?)]? {
        let src = config.sourceLanguage
        func list(_ l: CodeList) -> [(code: String, name: String?)] {
            l.codes.map { code in
                let name = l.name(code, language, fallback: src)
                return (code, name == code ? nil : name)
            }
        }
        switch field {
        case "unit", "contact_unit": return list(config.units)
        case "sector": return list(config.sectors)
        case "locality": return list(config.localities)
        case "topics", "topic": return list(config.topics)
        case "holder": return list(config.holders)
        // Fixed lists, named by the tool in its UI language.
        case "form": return InvestmentForm.allCases.map { ($0.rawValue, nil) }
        case "status": return ProjectStatus.allCases.map { ($0.rawValue, nil) }
        default: return nil
        }
    }

    /// Reads `value` for `field` of a new item of `kind` as `create` reads it; throws the
    /// message `create` would give. Checks what one answer can show on its own (a code that
    /// exists, a date, an amount); what depends on several (an end after the start) is checked
    /// when the item is made.
    public func checkAnswer(_ field: String, _ value: String, kind: ItemKind) throws {
        var scratch = Item(id: ItemID("answer-check")!, kind: kind, sourceLanguage: config.sourceLanguage, created: .now, author: "", unit: "")
        do {
            try FieldEditor(config: config, choiceNames: .load(self)).apply(field, value, to: &scratch)
        } catch var e as QuangBaError {
            // The item does not exist yet: the message is about the value alone.
            if e.location.item == scratch.id { e.location = Location() }
            throw e
        }
    }
}
