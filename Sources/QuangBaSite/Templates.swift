import Foundation
import Mustache
import QuangBaCore

/// The Mustache templates of `site-templates/`: one layout, partials, one template per page
/// kind. Every `.mustache` file is registered under its name, so `{{> item-card}}` works.
struct Templates: Sendable {
    let library: MustacheLibrary
    /// The UI-string keys the templates use (`{{t.key}}`), which every locale file must have.
    let stringKeys: Set<String>
    /// A digest of every template and asset: when it changes, every page is rebuilt.
    let digest: String
    let assets: [(name: String, bytes: [UInt8])]

    static let required = ["layout", "site-nav", "card", "home", "listing", "projects", "gallery", "terms", "item-article", "item-media", "item-project", "item-event", "item-publication", "chooser", "not-found"]

    init(folder: URL) throws {
        MustacheContentTypes.register(FastHTML(), named: FastHTML.name)
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else {
            throw QuangBaError(Message("site.templates_missing", ["path": folder.path]))
        }
        var library = MustacheLibrary()
        var keys = Set<String>()
        var hashed: [UInt8] = []
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let file = "site-templates/" + name
            guard let data = fm.contents(atPath: folder.appendingPathComponent(name).path), let text = String(data: data, encoding: .utf8) else {
                throw QuangBaError(Message("text.invalid_utf8"), at: Location(file: file))
            }
            do {
                // Every template (partials too: Mustache resets the type for each) escapes with FastHTML.
                try library.register("{{% CONTENT_TYPE: \(FastHTML.name)}}" + text, named: String(name.dropLast(".mustache".count)))
            } catch {
                throw QuangBaError(Message("site.template_invalid", ["problem": "\(error)"]), at: Location(file: file))
            }
            keys.formUnion(Templates.stringKeys(in: text))
            hashed += Array(name.utf8) + [0] + Array(data) + [0]
        }
        for name in Templates.required where library.getTemplate(named: name) == nil {
            throw QuangBaError(Message("site.template_missing", ["name": name + ".mustache"]), at: Location(file: "site-templates/"))
        }
        var assets: [(String, [UInt8])] = []
        let assetFolder = folder.appendingPathComponent("assets")
        for name in ((try? fm.contentsOfDirectory(atPath: assetFolder.path)) ?? []).sorted() where !name.hasPrefix(".") {
            guard let data = fm.contents(atPath: assetFolder.appendingPathComponent(name).path) else { continue }
            assets.append((name, Array(data)))
            hashed += Array(name.utf8) + [0] + Array(data) + [0]
        }
        self.library = library
        self.stringKeys = keys
        self.assets = assets
        self.digest = SHA256.hex(hashed)
    }

    func render(_ context: [String: Any], _ template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    /// `t.key` names in `{{t.key}}`, `{{{t.key}}}` and sections.
    static func stringKeys(in text: String) -> Set<String> {
        var keys = Set<String>()
        var rest = Substring(text)
        while let r = rest.range(of: "t.") {
            let before = rest[..<r.lowerBound].last
            rest = rest[r.upperBound...]
            guard before == "{" || before == " " || before == "#" || before == "^" else { continue }
            let key = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            if !key.isEmpty { keys.insert(String(key)) }
        }
        return keys
    }
}

/// The site's HTML escaper, for other pages the tool writes (the coverage report of `quangba status`).
public enum HTMLText {
    /// The text with `< > & " '` as character references: safe in HTML and XML text and attributes.
    public static func escape(_ text: String) -> String { FastHTML.escape(text) }
}

/// HTML escaping for `{{x}}` over UTF-8 bytes: the same five characters as Mustache's own
/// (`< > & " '`), without walking the text grapheme by grapheme, which dominated build time.
struct FastHTML: MustacheContentType {
    static let name = "QB_HTML"

    func escapeText(_ text: String) -> String { Self.escape(text) }

    /// The text with `< > & " '` as character references: safe in HTML and XML text and attributes.
    static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
                return String(decoding: bytes, as: UTF8.self)
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for b in bytes {
                switch b {
                case 0x3C: out += Array("&lt;".utf8)
                case 0x3E: out += Array("&gt;".utf8)
                case 0x26: out += Array("&amp;".utf8)
                case 0x22: out += Array("&quot;".utf8)
                case 0x27: out += Array("&#39;".utf8)
                default: out.append(b)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
