import ArgumentParser
import Foundation
import QuangBaContent
import QuangBaCore
import QuangBaText

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new draft item and print its id.",
        discussion: """
        The id is made from the title (ASCII, e.g. "Chợ Kỳ Lừa" → cho-ky-lua) and never changes once published.
        Kind-specific fields are given as FIELD=VALUE, as for `quangba set`, e.g.
          quangba new project --title "…" --unit bql-kkt sector=logistics locality=dong-dang form=domestic status=calling contact_unit=bql-kkt
        At a terminal, missing required values are asked for. Photos and videos: use `quangba media add`.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "article, clarification, project, event or publication.") var kind: ItemKind
    @Option(help: "The title in the source language.") var title: String?
    @Option(help: ArgumentHelp("The language the item is written in (default: the repository's source language).", valueName: "lang")) var lang: String?
    @Option(help: ArgumentHelp("Owner unit (code from quangba.yaml).", valueName: "unit")) var unit: String?
    @Option(name: .customLong("topic"), help: ArgumentHelp("A topic code; repeat for several.", valueName: "topic")) var topics: [String] = []
    @Option(help: ArgumentHelp("Author's name (default: QUANGBA_USER or ~/.config/quangba/user; asked at a terminal).", valueName: "name")) var by: String?
    @Option(help: ArgumentHelp("For a publication: the file (PDF, …) to store with it.", valueName: "path")) var file: String?
    @Argument(help: ArgumentHelp("Further fields as FIELD=VALUE.", valueName: "field=value")) var assignments: [String] = []

    static func required(_ kind: ItemKind) -> [String] {
        switch kind {
        case .project: ["sector", "locality", "form", "status", "contact_unit"]
        case .event: ["start", "end"]
        default: []
        }
    }

    func run() throws {
        try execute(global) {
            let repo = try global.repository()
            if kind == .media { throw QuangBaError(Message("new.media_use_add")) }
            if kind == .publication, file == nil { throw QuangBaError(Message("new.publication_file")) }
            let language = try Editing.languageArgument(lang, repo, default: repo.config.sourceLanguage)
            var values = try assignments.map(FieldEditor.split)
            var missing: [String] = []
            func value(_ current: String?, _ key: String, _ prompt: String, choices: [String]? = nil) -> String? {
                if let current, !current.isEmpty { return current }
                let hint = choices.map { Console.text("new.choices", ["list": $0.joined(separator: ", ")]) } ?? ""
                if let answer = Console.ask(prompt, ["hint": hint, "field": key]), !answer.isEmpty { return answer }
                missing.append(key)
                return nil
            }
            let theTitle = value(title.map(Normalization.nfc), "--title", "new.ask_title")
            let theUnit = value(unit, "--unit", "new.ask_unit", choices: repo.config.units.codes)
            for field in Self.required(kind) where !values.contains(where: { $0.0 == field }) {
                if let v = value(nil, field, "new.ask_field", choices: choices(field, repo.config)) {
                    values.append((field, Normalization.nfc(v)))
                }
            }
            guard let theTitle, let theUnit, missing.isEmpty else {
                throw QuangBaError(Message("new.missing", ["list": missing.map { $0.hasPrefix("--") ? $0 : "\($0)=…" }.joined(separator: " ")]))
            }

            let author = try Editing.person(by)
            let id = try Editing.locked(repo) { () throws -> ItemID in
                let id = repo.newID(title: theTitle)
                var item = Item(id: id, kind: kind, sourceLanguage: language, created: .now, author: author, unit: theUnit)
                let editor = FieldEditor(config: repo.config, choiceNames: .load(repo))
                // The unit and topics are read like `set unit=… topics=…`: a code or a name.
                try editor.apply("unit", theUnit, to: &item)
                if !topics.isEmpty { try editor.apply("topics", topics.joined(separator: ","), to: &item) }
                var stored: (name: String, bytes: [UInt8])?
                if kind == .publication, let file {
                    let (facts, bytes) = try StoredFile.read(file, kind: .publication)
                    var p = PublicationDetails(); p.file = facts
                    item.details = .publication(p)
                    stored = (facts.file, bytes)
                }
                for (k, v) in values { try editor.apply(k, v, to: &item) }
                let source = Translation(language: language, fields: ["title": theTitle])
                try repo.create(item, translations: [source], storedFile: stored)
                return id
            }
            Console.out(id.rawValue)
            Console.err(Console.text("new.done", ["id": id.rawValue, "folder": "content/\(kind.rawValue)/\(id.rawValue)"]))
        }
    }

    /// The values a required field may take, shown in its prompt.
    private func choices(_ field: String, _ c: RepositoryConfig) -> [String]? {
        switch field {
        case "sector": c.sectors.codes
        case "locality": c.localities.codes
        case "contact_unit": c.units.codes
        case "form": InvestmentForm.allCases.map(\.rawValue)
        case "status": ProjectStatus.allCases.map(\.rawValue)
        default: nil
        }
    }
}

/// A file brought into the repository: its facts, read from the bytes themselves by the
/// library's rules (`FileFacts(storing:original:bytes:kind:)`).
enum StoredFile {
    static func read(_ path: String, kind: ItemKind) throws -> (FileFacts, [UInt8]) {
        let bytes: [UInt8]
        switch readFile(path, rule: .input) {
        case .success(let b): bytes = b
        case .failure(.missing): throw QuangBaError(Message("media.cannot_read", ["path": path]))
        case .failure(let refusal): throw QuangBaError(refusal.fileMessage(path), at: Location(file: path))
        }
        let url = URL(fileURLWithPath: path)
        let ext = url.pathExtension.lowercased()
        let base = Slug.make(url.deletingPathExtension().lastPathComponent)
        let name = (base.isEmpty ? "file" : base) + (ext.isEmpty ? "" : "." + ext)
        do {
            return (try FileFacts(storing: name, original: url.lastPathComponent, bytes: bytes, kind: kind), bytes)
        } catch var e as QuangBaError {
            e.location = Location(file: path)
            throw e
        }
    }
}
