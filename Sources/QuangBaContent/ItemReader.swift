public import Foundation
public import QuangBaCore
import QuangBaText
import Yams

/// An item as read from its folder, with every problem found on the way.
public struct LoadedItem: Sendable {
    public var item: Item?
    public var translations: [Translation]
    /// The item's folder relative to the repository root (`content/article/cho-ky-lua`).
    public var folder: String
    public var diagnostics: [Diagnostic]
    /// The text of `item.yaml`, of each `<lang>.md` and of the approved versions as read, by file name.
    public var texts: [String: String] = [:]
    /// The versions a second person approved (`ApprovedVersions`).
    public var approved = ApprovedVersions()
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public func translation(_ lang: LanguageCode) -> Translation? { translations.first { $0.language == lang } }

    /// What the public may see of the item (`ApprovedVersions.publicView`); nil without a record.
    public var publicView: (item: Item, translations: [Translation])? {
        item.map { approved.publicView(of: $0, translations) }
    }

    /// Whether the record or the source text was edited since the item's approval.
    public var itemChangedSinceApproval: Bool {
        guard let item else { return false }
        return approved.itemChanged(item, source: translation(item.sourceLanguage))
    }

    /// The approved translations edited since their approval.
    public var translationsChangedSinceApproval: [LanguageCode] {
        guard let item else { return [] }
        return translations.filter { $0.status == .approved && approved.translationChanged($0, kind: item.kind) }.map(\.language)
    }

    public init(item: Item?, translations: [Translation], folder: String, diagnostics: [Diagnostic], texts: [String: String] = [:]) {
        self.item = item; self.translations = translations; self.folder = folder; self.diagnostics = diagnostics; self.texts = texts
    }
}

/// Reads one item folder: `item.yaml`, each `<lang>.md`, and checks the stored file of media
/// and publications against its recorded size, checksum, type and dimensions. Only content is
/// read: a folder or a file that is a link, has other names or is not a regular file is refused
/// with an error on the item (`FolderContents`), so it never reaches an output.
public struct ItemReader: Sendable {
    public let root: URL
    public let config: RepositoryConfig

    public init(root: URL, config: RepositoryConfig) { self.root = root; self.config = config }

    static let itemKeys = ["kind", "source_language", "created", "updated", "author", "state", "classification", "embargo",
                           "published", "withdrawn", "unit", "topics", "channels", "pinned", "licence", "relations",
                           "media", "project", "event", "publication"]

    /// The files of an item folder as a caller has already read them (the index reads and hashes
    /// every file to detect edits): by name, their bytes (or why they were refused) and SHA-256,
    /// so nothing is read twice.
    public struct FolderFiles: Sendable {
        public var contents: FolderContents
        public var sha256: [String: String]
        public init(_ contents: FolderContents, sha256: [String: String]) { self.contents = contents; self.sha256 = sha256 }
    }

    public func read(kind: ItemKind, id rawID: String, files: FolderFiles? = nil) -> LoadedItem {
        let folder = "content/\(kind.rawValue)/\(rawID)"
        var out = LoadedItem(item: nil, translations: [], folder: folder, diagnostics: [])
        guard let id = ItemID(rawID) else {
            out.diagnostics.append(Diagnostic(.error, Location(file: folder), Message("item.bad_id", ["id": rawID])))
            return out
        }
        let contents = files?.contents ?? FolderContents.read(root.appendingPathComponent(folder).path)
        if let refusal = contents.folderRefusal, refusal != .missing {
            out.diagnostics.append(Diagnostic(.error, Location(file: folder), refusal.folderMessage(folder)))
            return out
        }
        let names = contents.names
        guard let itemText = readText("\(folder)/item.yaml", contents.read("item.yaml"), into: &out.diagnostics) else {
            if !names.contains("item.yaml") {
                out.diagnostics.append(Diagnostic(.error, Location(file: "\(folder)/item.yaml"), Message("item.no_item_yaml")))
            }
            return out
        }
        out.texts["item.yaml"] = itemText
        let item = parseItem(itemText, id: id, kind: kind, file: "\(folder)/item.yaml", diagnostics: &out.diagnostics)

        var storedFiles: Set<String> = []
        for name in names where name.hasSuffix(".md") && !ApprovedFiles.isApproved(name) {
            let lang = LanguageCode(String(name.dropLast(3)))
            let path = "\(folder)/\(name)"
            guard config.isConfigured(lang) else {
                out.diagnostics.append(Diagnostic(.error, Location(file: path), Message("item.unconfigured_language", ["lang": lang.rawValue, "known": config.languageCodes.map(\.rawValue).joined(separator: ", ")])))
                continue
            }
            guard let text = readText(path, contents.read(name), into: &out.diagnostics) else { continue }
            out.texts[name] = text
            if let t = parseTranslation(text, language: lang, kind: kind, isSource: lang == (item?.sourceLanguage ?? config.sourceLanguage), file: path, diagnostics: &out.diagnostics) {
                out.translations.append(t)
            }
        }
        out.translations.sort { config.languageCodes.firstIndex(of: $0.language) ?? 99 < config.languageCodes.firstIndex(of: $1.language) ?? 99 }
        // A source file that is there but broken has its own error already (with its line): it
        // is reported once, as broken, never also as missing.
        if let it = item, !out.translations.contains(where: { $0.language == it.sourceLanguage }), !names.contains("\(it.sourceLanguage.rawValue).md") {
            out.diagnostics.append(Diagnostic(.error, Location(file: "\(folder)/\(it.sourceLanguage).md"), Message("item.no_source_file", ["lang": it.sourceLanguage.rawValue])))
        }

        switch item?.details {
        case .media(let m)?:
            storedFiles = [m.file.file]
            checkStoredFile(m.file, kind: kind, folder: folder, dimensions: m.isImage ? (m.width, m.height) : nil, contents: contents,
                            sha256: files?.sha256, diagnostics: &out.diagnostics)
        case .publication(let p)?:
            for f in p.files(source: item?.sourceLanguage ?? config.sourceLanguage, order: config.languageCodes) {
                storedFiles.insert(f.file.file)
                checkStoredFile(f.file, kind: kind, folder: folder, dimensions: nil, contents: contents, sha256: files?.sha256, diagnostics: &out.diagnostics)
            }
        default: break
        }
        for name in names where name != "item.yaml" && !name.hasSuffix(".md") && !storedFiles.contains(name) && !ApprovedFiles.isApproved(name) {
            out.diagnostics.append(Diagnostic(.warning, Location(file: "\(folder)/\(name)"), Message("item.unexpected_file")))
        }
        out.item = item
        readApproved(into: &out, id: id, kind: kind, contents: contents)
        // Whether each language version is really a translation (TranslationCheck): an error when
        // it is the text the public sees (approved, and no approved version kept apart), else a
        // warning (a draft; an edit that waits for approval, which approval will refuse).
        if let it = item, let source = out.translation(it.sourceLanguage) {
            for t in out.translations where t.language != it.sourceLanguage {
                let name = "\(t.language.rawValue).md"
                let isPublic = t.status == .approved && !out.approved.translationChanged(t, kind: kind)
                out.diagnostics += TranslationCheck.diagnostics(t, source: source, kind: kind, id: id, file: "\(folder)/\(name)",
                                                                text: out.texts[name], isPublic: isPublic)
            }
        }
        return out
    }

    /// Reads the approved versions kept beside the working files.
    private func readApproved(into out: inout LoadedItem, id: ItemID, kind: ItemKind, contents: FolderContents) {
        var texts: [String: String] = [:]
        for name in contents.names where ApprovedFiles.isApproved(name) {
            var d: [Diagnostic] = []
            if let text = readText("\(out.folder)/\(name)", contents.read(name), into: &d) { texts[name] = text }
            out.diagnostics += Self.approvedProblems(d)
        }
        parseApproved(texts, into: &out, id: id, kind: kind)
        // The record and the source text are approved together: one without the other would
        // let the working source text through as if it were approved.
        if out.approved.item != nil, let source = out.item?.sourceLanguage, out.approved.translations[source] == nil,
           !contents.names.contains(ApprovedFiles.name(of: source)) {
            out.diagnostics.append(Diagnostic(.error, Location(file: "\(out.folder)/\(ApprovedFiles.name(of: source))"),
                                              Message("approved.incomplete", ["id": id.rawValue])))
        }
    }

    /// Parses approved versions (by file name) into `out.approved`, keeping their texts. One
    /// that cannot be read is an error of the item: the public view would otherwise fall back
    /// to text nobody approved.
    public func parseApproved(_ texts: [String: String], into out: inout LoadedItem, id: ItemID, kind: ItemKind, checked: Bool = false) {
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            let path = "\(out.folder)/\(name)"
            var d: [Diagnostic] = []
            out.texts[name] = text
            if name == ApprovedFiles.item {
                out.approved.item = parseItem(text, id: id, kind: kind, file: path, diagnostics: &d)
            } else if let lang = ApprovedFiles.language(name), config.isConfigured(lang) {
                let isSource = lang == (out.item?.sourceLanguage ?? config.sourceLanguage)
                out.approved.translations[lang] = parseTranslation(text, language: lang, kind: kind, isSource: isSource, file: path,
                                                                   checkBody: !checked, diagnostics: &d)
            } else {
                d.append(Diagnostic(.warning, Location(file: path), Message("item.unexpected_file")))
            }
            out.diagnostics += Self.approvedProblems(d)
        }
    }

    private static func approvedProblems(_ d: [Diagnostic]) -> [Diagnostic] {
        d.map { x in
            guard x.severity == .error else { return x }
            var e = x
            e.message = Message("approved.unreadable", ["detail": x.message.key])
            return e
        }
    }

    /// Reads a file of the repository as strict UTF-8 with no XML-forbidden characters; nil
    /// after a diagnostic, or when it is missing (the caller says what that means).
    func readText(_ path: String, into diagnostics: inout [Diagnostic]) -> String? {
        readText(path, QuangBaCore.readFile(root.appendingPathComponent(path).path), into: &diagnostics)
    }

    private func readText(_ path: String, _ read: Result<[UInt8], FileRefusal>?, into diagnostics: inout [Diagnostic]) -> String? {
        let bytes: [UInt8]
        switch read {
        case .success(let b)?: bytes = b
        case .failure(.missing)?, nil: return nil
        case .failure(let refusal)?:
            diagnostics.append(Diagnostic(.error, Location(file: path), refusal.fileMessage(path)))
            return nil
        }
        switch TextCheck.decode(bytes) {
        case .failure(.invalidUTF8(let line)):
            diagnostics.append(Diagnostic(.error, Location(file: path, line: line), Message("text.invalid_utf8")))
            return nil
        case .failure(let p):
            diagnostics.append(Diagnostic(.error, Location(file: path), Message("text.invalid_utf8", ["detail": "\(p)"])))
            return nil
        case .success(let text):
            if case .forbiddenCharacter(let line, let scalar)? = TextCheck.firstForbiddenCharacter(text) {
                diagnostics.append(Diagnostic(.error, Location(file: path, line: line), Message("text.forbidden_char", ["codepoint": String(format: "U+%04X", scalar), "field": ""])))
                return nil
            }
            return text
        }
    }

    public func parseItem(_ text: String, id: ItemID, kind expectedKind: ItemKind, file: String, diagnostics: inout [Diagnostic]) -> Item? {
        var r = YAMLReader(file: file)
        defer { diagnostics += r.diagnostics }
        guard let root = r.compose(text) else { return nil }
        let f = r.mapping(root, allowed: Self.itemKeys, context: "")
        guard let kind = r.choice(f, "kind", ItemKind.self, required: true, at: root) else { return nil }
        if kind != expectedKind { r.error(f["kind"]?.value, "item.kind_mismatch", ["kind": kind.rawValue, "folder": expectedKind.rawValue]) }
        let src = LanguageCode(r.text(f, "source_language", required: true, at: root) ?? config.sourceLanguage.rawValue)
        if !config.isConfigured(src) { r.error(f["source_language"]?.value, "item.unconfigured_language", ["lang": src.rawValue, "known": config.languageCodes.map(\.rawValue).joined(separator: ", ")]) }
        let created = r.timestamp(f, "created", required: true, at: root) ?? Timestamp(secondsSince1970: 0)
        var item = Item(id: id, kind: kind, sourceLanguage: src, created: created,
                        author: r.text(f, "author", required: true, at: root) ?? "",
                        unit: r.code(f, "unit", in: config.units, required: true, at: root) ?? "")
        item.updated = r.timestamp(f, "updated", required: true, at: root) ?? created
        if item.updated < item.created { r.error(f["updated"]?.value, "item.updated_before_created") }
        item.state = r.choice(f, "state", ItemState.self, required: true, at: root) ?? .draft
        item.classification = r.choice(f, "classification", Classification.self, required: true, at: root, editorForms: true) ?? .internal
        item.embargo = r.timestamp(f, "embargo")
        item.published = r.timestamp(f, "published")
        item.withdrawn = r.timestamp(f, "withdrawn")
        if [.published, .withdrawn].contains(item.state), item.published == nil { r.error(f["state"]?.value, "item.published_missing") }
        if item.state == .withdrawn, item.withdrawn == nil { r.error(f["state"]?.value, "item.withdrawn_missing") }
        if f["topics"] == nil { r.error(root, "yaml.missing_field", ["field": "topics"]) }
        item.topics = r.list(f, "topics").map { s, n in r.checkCode(s, in: config.topics, field: "topics", node: n) ?? s }
        item.channels = r.list(f, "channels").map { s, n in r.checkCode(s, in: config.channels, field: "channels", node: n) ?? s }
        item.pinned = r.bool(f, "pinned") ?? false
        if let l = r.scalar(f, "licence") {
            // A media item has one licence, its media.licence: a second one could contradict it.
            if kind == .media {
                r.error(f["licence"]?.key, "item.licence_of_media")
            } else if let lic = Licence(l) {
                item.licence = lic
            } else {
                r.error(f["licence"]?.value, "yaml.bad_value", ["field": "licence", "value": l, "allowed": Licence.table.map(\.stored).joined(separator: ", ")])
            }
        }
        if let (_, rel) = f["relations"] {
            let rf = r.mapping(rel, allowed: ["cover", "related", "attachments"], context: "relations")
            if let c = r.scalar(rf, "cover", context: "relations") {
                if let cid = ItemID(c) { item.relations.cover = cid } else { r.error(rf["cover"]?.value, "item.bad_id", ["id": c]) }
            }
            item.relations.related = r.ids(rf, "related", context: "relations")
            item.relations.attachments = r.ids(rf, "attachments", context: "relations")
        }
        for other in ["media", "project", "event", "publication"] where other != kind.rawValue && f[other] != nil {
            r.error(f[other]?.key, "item.details_for_other_kind", ["field": other, "kind": kind.rawValue])
        }
        let block = f[kind.rawValue]?.value
        switch kind {
        case .article, .clarification: break
        case .media:
            guard let block else { r.error(root, "yaml.missing_field", ["field": "media"]); break }
            item.details = .media(readMedia(&r, block, source: src))
        case .project:
            guard let block else { r.error(root, "yaml.missing_field", ["field": "project"]); break }
            item.details = .project(readProject(&r, block))
        case .event:
            guard let block else { r.error(root, "yaml.missing_field", ["field": "event"]); break }
            item.details = .event(readEvent(&r, block))
        case .publication:
            guard let block else { r.error(root, "yaml.missing_field", ["field": "publication"]); break }
            item.details = .publication(readPublication(&r, block, source: src))
        }
        return item
    }

    private func readFileFacts(_ r: inout YAMLReader, _ f: YAMLReader.Fields, _ node: Node, context: String) -> FileFacts {
        var facts = FileFacts()
        facts.file = r.text(f, "file", context: context, required: true, at: node) ?? ""
        if !facts.file.isEmpty, facts.file.contains("/") || facts.file.hasPrefix(".") || facts.file == "item.yaml" || facts.file.hasSuffix(".md") {
            r.error(f["file"]?.value, "media.bad_file_name", ["file": facts.file])
        }
        if SecrecyStamp.lines(in: facts.file).isEmpty, SecrecyStamp.isStamped(fileName: facts.file) {
            r.error(f["file"]?.value, "media.secrecy_stamp_name", ["file": facts.file])
        }
        facts.type = r.text(f, "type", context: context, required: true, at: node) ?? ""
        facts.sha256 = r.text(f, "sha256", context: context, required: true, at: node) ?? ""
        if !facts.sha256.isEmpty, facts.sha256.count != 64 || !facts.sha256.allSatisfy(\.isHexDigit) {
            r.error(f["sha256"]?.value, "yaml.wrong_type", ["field": "\(context).sha256", "expected": "64 hexadecimal digits", "value": facts.sha256])
        }
        facts.bytes = r.integer(f, "bytes", context: context, required: true, at: node, range: 0...Int.max) ?? 0
        return facts
    }

    /// A text with a form per language: one text (the source language's), or a mapping of
    /// language to text that must include the source language.
    private func localizedText(_ r: inout YAMLReader, _ f: YAMLReader.Fields, _ key: String, context: String, source: LanguageCode,
                               required: Bool = false, at parent: Node) -> (text: String?, others: [LanguageCode: String]) {
        guard let (k, v) = f[key], case .mapping(let m) = v else {
            return (r.text(f, key, context: context, required: required, at: parent), [:])
        }
        let field = r.qualified(context, key)
        var text: String?
        var others: [LanguageCode: String] = [:]
        for (lk, lv) in m {
            let lang = LanguageCode(lk.scalar?.string ?? "")
            guard config.isConfigured(lang) else {
                r.error(lk, "config.unknown_language", ["field": field, "lang": lang.rawValue, "known": config.languageCodes.map(\.rawValue).joined(separator: ", ")])
                continue
            }
            guard case .scalar(let s) = lv, !s.string.isEmpty else {
                r.error(lv, "yaml.wrong_type", ["field": "\(field).\(lang.rawValue)", "expected": "text"])
                continue
            }
            r.checkText(s.string, field: "\(field).\(lang.rawValue)", node: lv)
            if lang == source { text = s.string } else { others[lang] = s.string }
        }
        if text == nil { r.error(k, "item.localized_missing_source", ["field": field, "lang": source.rawValue]) }
        return (text, others)
    }

    private func readMedia(_ r: inout YAMLReader, _ node: Node, source: LanguageCode) -> MediaDetails {
        let f = r.mapping(node, allowed: ["file", "type", "sha256", "bytes", "width", "height", "taken", "geo", "credit",
                                          "licence", "holder", "source", "video"], context: "media")
        var m = MediaDetails()
        m.file = readFileFacts(&r, f, node, context: "media")
        m.width = r.integer(f, "width", context: "media", range: 1...100_000)
        m.height = r.integer(f, "height", context: "media", range: 1...100_000)
        m.taken = r.timestamp(f, "taken", context: "media")
        m.geo = r.geo(f, "geo", context: "media")
        let credit = localizedText(&r, f, "credit", context: "media", source: source, required: true, at: node)
        m.credit = credit.text ?? ""
        m.creditTranslations = credit.others
        if let l = r.scalar(f, "licence", context: "media", required: true, at: node) {
            if let lic = Licence(l) { m.licence = lic } else {
                r.error(f["licence"]?.value, "yaml.bad_value", ["field": "media.licence", "value": l, "allowed": Licence.table.map(\.stored).joined(separator: ", ")])
            }
        }
        let holder = localizedText(&r, f, "holder", context: "media", source: source, at: node)
        m.holder = holder.text
        m.holderTranslations = holder.others
        if m.licence == .allRightsReserved, (m.holder ?? "").isEmpty { r.error(f["licence"]?.value ?? node, "media.holder_required") }
        m.source = r.webAddress(f, "source", context: "media")
        m.video = r.webAddress(f, "video", context: "media")
        return m
    }

    private func readProject(_ r: inout YAMLReader, _ node: Node) -> ProjectDetails {
        let f = r.mapping(node, allowed: ["sector", "location", "geo", "area_ha", "capital", "form", "status", "schedule",
                                          "contact_unit", "legal_basis"], context: "project")
        var p = ProjectDetails()
        p.sector = r.code(f, "sector", in: config.sectors, context: "project", required: true, at: node) ?? ""
        if let (_, loc) = f["location"] {
            let lf = r.mapping(loc, allowed: ["locality", "zone"], context: "project.location")
            p.locality = r.code(lf, "locality", in: config.localities, context: "project.location", required: true, at: loc) ?? ""
            p.zone = r.code(lf, "zone", in: config.zones, context: "project.location")
        } else {
            r.error(node, "yaml.missing_field", ["field": "project.location"])
        }
        p.geo = r.geo(f, "geo", context: "project")
        p.areaHa = r.decimal(f, "area_ha", .areaHa, context: "project", editorForms: true)
        // The canonical {amount, currency}, or one text as an editor types it ("2.900 tỷ đồng").
        if let (_, cap) = f["capital"], case .scalar = cap {
            if let s = r.scalar(f, "capital", context: "project") {
                p.capital = r.typed(cap) { try MoneyText.parse(s, field: "project.capital").money }
            }
        } else if let (_, cap) = f["capital"] {
            let cf = r.mapping(cap, allowed: ["amount", "currency"], context: "project.capital")
            let amount = r.decimal(cf, "amount", .amount, context: "project.capital", required: true, at: cap)
            let currency = r.choice(cf, "currency", Money.Currency.self, context: "project.capital", required: true, at: cap)
            if let amount, let currency { p.capital = Money(amount: amount, currency: currency) }
        }
        p.form = r.choice(f, "form", InvestmentForm.self, context: "project", required: true, at: node, editorForms: true) ?? .domestic
        p.status = r.choice(f, "status", ProjectStatus.self, context: "project", required: true, at: node, editorForms: true) ?? .calling
        if let (_, sch) = f["schedule"] {
            let sf = r.mapping(sch, allowed: ["start", "end"], context: "project.schedule")
            p.scheduleStart = r.integer(sf, "start", context: "project.schedule", range: 1900...2200)
            p.scheduleEnd = r.integer(sf, "end", context: "project.schedule", range: 1900...2200)
            if let a = p.scheduleStart, let b = p.scheduleEnd, b < a { r.error(sch, "project.schedule_order", ["start": "\(a)", "end": "\(b)"]) }
        }
        p.contactUnit = r.code(f, "contact_unit", in: config.units, context: "project", required: true, at: node) ?? ""
        if let (_, lb) = f["legal_basis"] {
            let lf = r.mapping(lb, allowed: ["decision", "date"], context: "project.legal_basis")
            p.legalDecision = r.text(lf, "decision", context: "project.legal_basis", required: true, at: lb)
            p.legalDate = r.date(lf, "date", context: "project.legal_basis")
        }
        return p
    }

    private func readEvent(_ r: inout YAMLReader, _ node: Node) -> EventDetails {
        let f = r.mapping(node, allowed: ["start", "end", "locality", "geo"], context: "event")
        var e = EventDetails()
        e.start = r.timestamp(f, "start", context: "event", required: true, at: node) ?? e.start
        e.end = r.timestamp(f, "end", context: "event", required: true, at: node) ?? e.start
        if e.end < e.start { r.error(f["end"]?.value, "event.end_before_start") }
        e.locality = r.code(f, "locality", in: config.localities, context: "event")
        e.geo = r.geo(f, "geo", context: "event")
        return e
    }

    private func readPublication(_ r: inout YAMLReader, _ node: Node, source: LanguageCode) -> PublicationDetails {
        let f = r.mapping(node, allowed: ["file", "type", "sha256", "bytes", "pages", "isbn", "files"], context: "publication")
        var p = PublicationDetails()
        p.file = readFileFacts(&r, f, node, context: "publication")
        p.pages = r.integer(f, "pages", context: "publication", range: 1...100_000)
        // The document in other languages: `files: {en: {file: …, type: …, sha256: …, bytes: …, pages: …}}`.
        if let (_, filesNode) = f["files"] {
            if case .mapping(let m) = filesNode {
                var names: Set<String> = [p.file.file]
                for (lk, lv) in m {
                    let lang = LanguageCode(lk.scalar?.string ?? "")
                    let context = "publication.files.\(lang.rawValue)"
                    guard config.isConfigured(lang) else {
                        r.error(lk, "config.unknown_language", ["field": r.qualified("publication", "files"), "lang": lang.rawValue, "known": config.languageCodes.map(\.rawValue).joined(separator: ", ")])
                        continue
                    }
                    if lang == source { r.error(lk, "publication.source_in_files", ["lang": lang.rawValue]); continue }
                    let ff = r.mapping(lv, allowed: ["file", "type", "sha256", "bytes", "pages"], context: context)
                    let facts = readFileFacts(&r, ff, lv, context: context)
                    if !facts.file.isEmpty, !names.insert(facts.file).inserted {
                        r.error(ff["file"]?.value, "publication.file_twice", ["file": facts.file])
                    }
                    p.translatedFiles[lang] = PublicationFile(language: lang, file: facts, pages: r.integer(ff, "pages", context: context, range: 1...100_000))
                }
            } else {
                r.error(filesNode, "yaml.wrong_type", ["field": r.qualified("publication", "files"), "expected": "mapping of language: file"])
            }
        }
        p.isbn = r.text(f, "isbn", context: "publication")
        if let isbn = p.isbn, !ISBN.isValid(isbn) { r.error(f["isbn"]?.value, "publication.bad_isbn", ["value": isbn]) }
        return p
    }

    /// Compares the recorded size, checksum, type and dimensions with the file in the folder,
    /// and checks that its content is of a type QuangBa publishes (`FileFormat`).
    private func checkStoredFile(_ facts: FileFacts, kind: ItemKind, folder: String, dimensions: (Int?, Int?)?, contents: FolderContents,
                                 sha256: [String: String]?, diagnostics: inout [Diagnostic]) {
        guard !facts.file.isEmpty else { return }
        let path = "\(folder)/\(facts.file)"
        let here = Location(file: "\(folder)/item.yaml")
        let bytes: [UInt8]
        switch contents.read(facts.file) {
        case .success(let b)?: bytes = b
        case .failure(.missing)?, nil:
            diagnostics.append(Diagnostic(.error, here, Message("media.file_missing", ["file": path])))
            return
        case .failure(let refusal)?:
            diagnostics.append(Diagnostic(.error, Location(file: path), refusal.fileMessage(path)))
            return
        }
        if bytes.count != facts.bytes {
            diagnostics.append(Diagnostic(.error, here, Message("media.size_mismatch", ["file": facts.file, "recorded": "\(facts.bytes)", "actual": "\(bytes.count)"])))
        }
        let sha = sha256?[facts.file] ?? SHA256.hex(bytes)
        if sha != facts.sha256 {
            diagnostics.append(Diagnostic(.error, here, Message("media.sha_mismatch", ["file": facts.file, "recorded": facts.sha256, "actual": sha])))
        }
        let (_, problems) = FileFormat.check(name: facts.file, recordedType: facts.type, bytes: bytes, kind: kind)
        diagnostics += problems.map { Diagnostic(.error, here, $0) }
        if let (w, h) = dimensions {
            if let d = ImageHeader.dimensions(bytes) {
                if w != d.width || h != d.height {
                    diagnostics.append(Diagnostic(.error, here, Message("media.dimension_mismatch", ["file": facts.file, "recorded": "\(w.map(String.init) ?? "?")×\(h.map(String.init) ?? "?")", "actual": "\(d.width)×\(d.height)"])))
                }
            }
        }
    }

    /// `checkBody: false` skips the body's NFC and secrecy checks, for text that passed them
    /// when it was indexed (the body is most of the text, and outputs re-read all of it).
    public func parseTranslation(_ text: String, language: LanguageCode, kind: ItemKind, isSource: Bool, file: String,
                                 checkBody: Bool = true, diagnostics: inout [Diagnostic]) -> Translation? {
        var found: [Diagnostic] = []
        var readFlat = false
        let t = parseTranslation(text, language: language, kind: kind, isSource: isSource, file: file, checkBody: checkBody,
                                 flatAllowed: true, readFlat: &readFlat, diagnostics: &found)
        // Front matter read without Yams has no line numbers: with a problem to report, read it again.
        guard readFlat, !found.isEmpty else { diagnostics += found; return t }
        return parseTranslation(text, language: language, kind: kind, isSource: isSource, file: file, checkBody: checkBody,
                                flatAllowed: false, readFlat: &readFlat, diagnostics: &diagnostics)
    }

    /// `flatAllowed` false: always through Yams (tests compare both ways).
    func parseTranslation(_ text: String, language: LanguageCode, kind: ItemKind, isSource: Bool, file: String,
                                  checkBody: Bool, flatAllowed: Bool, readFlat: inout Bool, diagnostics: inout [Diagnostic]) -> Translation? {
        let fm: FrontMatter
        do { fm = try FrontMatter.split(text) } catch {
            diagnostics.append(Diagnostic(.error, Location(file: file, line: 1), Message(error == .missing ? "frontmatter.missing" : "frontmatter.unterminated")))
            return nil
        }
        var r = YAMLReader(file: file, lineOffset: fm.yamlFirstLine - 1)
        r.flatAllowed = flatAllowed
        defer { diagnostics += r.diagnostics; readFlat = r.readFlat }
        let node = fm.yaml.allSatisfy(\.isWhitespace) ? nil : r.compose(fm.yaml)
        if node == nil, r.diagnostics.contains(where: { $0.severity == .error }) { return nil }
        let meta = isSource ? [] : ["status", "translator", "source_hash"]
        let f = r.mapping(node, allowed: kind.translatableFields + meta, context: "")
        var t = Translation(language: language)
        for name in kind.translatableFields {
            // `title: ""` is a field not written yet (how `quangba translate` starts a file).
            if let v = r.text(f, name), !v.isEmpty {
                t.fields[name] = v
                if let max = kind.maxLength(of: name), v.unicodeScalars.count > max {
                    r.warning(f[name]?.value, "text.too_long", ["field": name, "count": "\(v.unicodeScalars.count)", "max": "\(max)"])
                }
            }
        }
        if !isSource {
            t.status = r.choice(f, "status", TranslationStatus.self) ?? .draft
            t.translator = r.text(f, "translator")
            t.sourceHash = r.scalar(f, "source_hash")
            if let h = t.sourceHash, !(h.hasPrefix("sha256:") && h.count == 71) {
                r.error(f["source_hash"]?.value, "yaml.wrong_type", ["field": "source_hash", "expected": "sha256:<64 hex digits>", "value": h])
            }
        }
        // A draft translation may have no title yet (TranslationCheck warns); the source and an
        // approved translation may not.
        if t.title.allSatisfy(\.isWhitespace), isSource || t.status == .approved { r.error(node, "yaml.missing_field", ["field": "title"], line: 1) }
        t.body = fm.body
        if checkBody, !t.body.isEmpty {
            if !Normalization.isNFC(t.body) { r.error(nil, "text.not_nfc", ["field": "body"], line: FrontMatter.bodyFirstLine(text)) }
            let stamped = SecrecyStamp.lines(in: t.body)
            if !stamped.isEmpty {
                let first = FrontMatter.bodyFirstLine(text)
                for l in stamped { r.error(nil, "text.secrecy_stamp", ["field": "body"], line: first + l - 1) }
            }
        }
        return t
    }
}

/// ISBN-10 and ISBN-13 check digits (hyphens and spaces ignored), written as the export schema
/// has them: ASCII digits, X, hyphens and spaces, 10 to 17 characters.
enum ISBN {
    static func isValid(_ s: String) -> Bool {
        guard (10...17).contains(s.utf8.count) else { return false }
        let chars = s.filter { $0 != "-" && $0 != " " }
        guard chars.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X" || $0 == "x") }) else { return false }
        if chars.count == 13, chars.allSatisfy(\.isNumber) {
            let d = chars.compactMap { $0.wholeNumberValue }
            return d.enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) } % 10 == 0
        }
        if chars.count == 10 {
            var sum = 0
            for (i, c) in chars.enumerated() {
                let v: Int
                if let n = c.wholeNumberValue { v = n } else if i == 9, c == "X" || c == "x" { v = 10 } else { return false }
                sum += v * (10 - i)
            }
            return sum % 11 == 0
        }
        return false
    }
}
