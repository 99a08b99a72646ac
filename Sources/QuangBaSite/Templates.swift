import Foundation
import QuangBaCore

/// The Mustache templates of `site-templates/`: one layout, partials, one template per page
/// kind. Every `.mustache` file is registered under its name, so `{{> item-card}}` works.
struct Templates: Sendable {
    let library: TemplateLibrary
    /// The UI-string keys the templates use (`{{t.key}}`), which every locale file must have.
    let stringKeys: Set<String>
    /// A digest of every template and asset: when it changes, every page is rebuilt.
    let digest: String
    let assets: [(name: String, bytes: [UInt8])]

    static let required = ["layout", "site-nav", "card", "home", "listing", "projects", "events", "gallery", "terms", "item-article", "item-media", "item-project", "item-event", "item-publication", "chooser", "not-found", "info-page"]

    init(folder: URL) throws {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else {
            throw QuangBaError(Message("site.templates_missing", ["path": folder.path]))
        }
        var library = TemplateLibrary()
        var keys = Set<String>()
        var hashed: [UInt8] = []
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let file = "site-templates/" + name
            guard let data = fm.contents(atPath: folder.appendingPathComponent(name).path), let text = String(data: data, encoding: .utf8) else {
                throw QuangBaError(Message("text.invalid_utf8"), at: Location(file: file))
            }
            let compiled: CompiledTemplate
            do {
                compiled = try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                throw QuangBaError(error.message, at: Location(file: file, line: error.line))
            }
            keys.formUnion(Templates.stringKeys(in: compiled))
            hashed += Array(name.utf8) + [0] + Array(data) + [0]
        }
        for name in Templates.required where !library.has(name) {
            throw QuangBaError(Message("site.template_missing", ["name": name + ".mustache"]), at: Location(file: "site-templates/"))
        }
        var assets: [(String, [UInt8])] = []
        let assetFolder = folder.appendingPathComponent("assets")
        // Assets are published as they are: read by the content rule (a regular file with one
        // name, never through a link), so a link to a file outside cannot reach the site.
        for name in ((try? fm.contentsOfDirectory(atPath: assetFolder.path)) ?? []).sorted() where !name.hasPrefix(".") {
            switch readFile(assetFolder.appendingPathComponent(name).path) {
            case .success(let data):
                assets.append((name, data))
                hashed += Array(name.utf8) + [0] + data + [0]
            case .failure(.folder):
                continue  // assets are the folder's files; a subfolder is not published
            case .failure(let refusal):
                throw QuangBaError(refusal.fileMessage("site-templates/assets/" + name), at: Location(file: "site-templates/assets/" + name))
            }
        }
        self.library = library
        self.stringKeys = keys
        self.assets = assets
        self.digest = SHA256.hex(hashed)
    }

    func asset(_ name: String) -> [UInt8]? { assets.first { $0.name == name }?.bytes }

    func render(_ context: TemplateMap, _ template: String) -> HTML {
        library.renderHTML(context, template)
    }

    /// A whole page: its bytes go to the file as they are.
    func renderBytes(_ context: TemplateMap, _ template: String) -> [UInt8] {
        library.renderBytes(context, template)
    }

    /// The `key` of every `t.key` name in a template's variables and sections, read from its
    /// compiled tree: a tag in a comment is not one, a tag in changed delimiters is.
    static func stringKeys(in template: CompiledTemplate) -> Set<String> {
        var keys = Set<String>()
        func note(_ name: [String]) {
            if name.count > 1, name[0] == "t", !name[1].isEmpty { keys.insert(name[1]) }
        }
        func walk(_ nodes: [CompiledTemplate.Node]) {
            for node in nodes {
                switch node {
                case .variable(let name, _):
                    note(name)
                case .section(let name, _, let body):
                    note(name)
                    walk(body)
                case .text, .partial:
                    break
                }
            }
        }
        walk(template.nodes)
        return keys
    }
}

extension TemplateSyntaxError {
    var message: Message {
        switch problem {
        case .unclosedTag(let open): Message("site.template_unclosed_tag", ["open": open])
        case .unclosedSection(let name): Message("site.template_unclosed_section", ["name": name])
        case .unexpectedClose(let name, let open?): Message("site.template_wrong_close", ["name": name, "open": open])
        case .unexpectedClose(let name, nil): Message("site.template_stray_close", ["name": name])
        case .badDelimiters(let spec): Message("site.template_bad_delimiters", ["spec": spec])
        case .emptyName: Message("site.template_empty_name")
        }
    }
}
