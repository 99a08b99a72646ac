public import Foundation
public import QuangBaCore

/// `quangba check`: reads a built site the way a crawler would and lists what is broken:
/// internal links and anchors that go nowhere, hreflang sets that are not reciprocal, images
/// without alt text, pages without a language or a title.
public enum SiteCheck {
    public struct Problem: Hashable, Sendable {
        public let file: String
        public let line: Int?
        public let message: Message
    }

    /// One HTML page as the check sees it.
    struct Page {
        var lang: String?
        var title = ""
        var ids = Set<String>()
        var links: [(href: String, line: Int)] = []
        var alternates: [(hreflang: String, href: String, line: Int)] = []
        var imagesWithoutAlt: [Int] = []
    }

    /// Checks the site in `folder`; `baseURL` makes absolute links to the site itself count as internal.
    public static func run(folder: URL, baseURL: String) -> (pages: Int, problems: [Problem]) {
        let root = folder.standardizedFileURL.path
        let files = allFiles(root)
        let fileSet = Set(files)
        let htmlFiles = files.filter { $0.hasSuffix(".html") }
        let parsed = parallelMap(htmlFiles.count) { i -> Page in
            let data = FileManager.default.contents(atPath: root + "/" + htmlFiles[i]) ?? Data()
            return parse(Array(data))
        }
        var pages: [String: Page] = [:]
        for (i, f) in htmlFiles.enumerated() { pages[f] = parsed[i] }
        let base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"

        let rootPath = SitePaths.rooted(base, "")
        /// The site-relative file a link from `file` points to, or nil for an external link.
        func target(_ href: String, from file: String) -> (path: String, fragment: String?)? {
            var h = href
            var fragment: String?
            if let hash = h.firstIndex(of: "#") { fragment = String(h[h.index(after: hash)...]); h = String(h[..<hash]) }
            if let q = h.firstIndex(of: "?") { h = String(h[..<q]) }
            var path: String
            if !base.isEmpty, h.hasPrefix(base) {
                path = String(h.dropFirst(base.count))
            } else if h.hasPrefix("/"), !h.hasPrefix("//"), h.hasPrefix(rootPath) {
                // From the root of whatever host serves the site (the 404 pages' links).
                path = String(h.dropFirst(rootPath.count))
            } else if h.contains(":") || h.hasPrefix("//") {
                return nil
            } else if h.isEmpty {
                path = file
            } else {
                let dir = (file as NSString).deletingLastPathComponent
                path = normalize(dir.isEmpty ? h : dir + "/" + h, trailingSlash: h.hasSuffix("/"))
            }
            path = path.removingPercentEncoding ?? path
            if path.isEmpty || path.hasSuffix("/") { path += "index.html" } else if !fileSet.contains(path), fileSet.contains(path + "/index.html") { path += "/index.html" }
            return (path, fragment)
        }

        var problems: [Problem] = []
        for file in htmlFiles {
            let page = pages[file]!
            if page.lang?.isEmpty ?? true { problems.append(Problem(file: file, line: nil, message: Message("check.no_lang"))) }
            if page.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append(Problem(file: file, line: nil, message: Message("check.no_title"))) }
            for line in page.imagesWithoutAlt { problems.append(Problem(file: file, line: line, message: Message("check.no_alt"))) }
            for (href, line) in page.links {
                guard let t = target(href, from: file) else { continue }
                if !fileSet.contains(t.path) {
                    problems.append(Problem(file: file, line: line, message: Message("check.broken_link", ["href": href])))
                } else if let fragment = t.fragment, !fragment.isEmpty, let other = pages[t.path],
                          !other.ids.contains(fragment.removingPercentEncoding ?? fragment) {
                    problems.append(Problem(file: file, line: line, message: Message("check.broken_anchor", ["href": href])))
                }
            }
            for alt in page.alternates {
                guard let t = target(alt.href, from: file) else { continue }
                guard let other = pages[t.path] else {
                    problems.append(Problem(file: file, line: alt.line, message: Message("check.broken_link", ["href": alt.href])))
                    continue
                }
                if t.path != file, !other.alternates.contains(where: { target($0.href, from: t.path)?.path == file }) {
                    problems.append(Problem(file: file, line: alt.line, message: Message("check.hreflang_not_reciprocal", ["href": alt.href, "target": t.path])))
                }
            }
        }
        return (htmlFiles.count, problems)
    }

    static func allFiles(_ root: String) -> [String] {
        var out: [String] = []
        guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
        while let f = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + f, isDirectory: &isDir), !isDir.boolValue { out.append(f) }
        }
        return out.sorted()
    }

    /// Resolves `.` and `..` in a relative path.
    static func normalize(_ path: String, trailingSlash: Bool) -> String {
        var parts: [Substring] = []
        for c in path.split(separator: "/") {
            if c == "." { continue }
            if c == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(c)
        }
        return parts.joined(separator: "/") + (trailingSlash && !parts.isEmpty ? "/" : "")
    }

    // MARK: A small HTML tag scanner (enough for the site's own, well-formed pages)

    static func parse(_ b: [UInt8]) -> Page {
        var page = Page()
        var i = 0
        var line = 1
        let n = b.count
        var inTitle = false
        var titleBytes: [UInt8] = []
        while i < n {
            let c = b[i]
            if c == UInt8(ascii: "\n") { line += 1 }
            guard c == UInt8(ascii: "<") else {
                if inTitle { titleBytes.append(c) }
                i += 1
                continue
            }
            if starts(b, i, "<!--") {
                while i < n, !starts(b, i, "-->") { if b[i] == UInt8(ascii: "\n") { line += 1 }; i += 1 }
                i += 3
                continue
            }
            // The tag name and its attributes.
            var j = i + 1
            let closing = j < n && b[j] == UInt8(ascii: "/")
            if closing { j += 1 }
            let nameStart = j
            while j < n, isNameByte(b[j]) { j += 1 }
            let name = String(decoding: b[nameStart..<j], as: UTF8.self).lowercased()
            var attrs: [String: String] = [:]
            let tagLine = line
            while j < n, b[j] != UInt8(ascii: ">") {
                if b[j] == UInt8(ascii: "\n") { line += 1 }
                guard isNameByte(b[j]) else { j += 1; continue }
                let s = j
                while j < n, isNameByte(b[j]) { j += 1 }
                let key = String(decoding: b[s..<j], as: UTF8.self).lowercased()
                var value = ""
                if j < n, b[j] == UInt8(ascii: "=") {
                    j += 1
                    if j < n, b[j] == UInt8(ascii: "\"") || b[j] == UInt8(ascii: "'") {
                        let q = b[j]
                        j += 1
                        let vs = j
                        while j < n, b[j] != q { if b[j] == UInt8(ascii: "\n") { line += 1 }; j += 1 }
                        value = unescape(String(decoding: b[vs..<min(j, n)], as: UTF8.self))
                        j += 1
                    } else {
                        let vs = j
                        while j < n, b[j] != UInt8(ascii: ">"), b[j] != UInt8(ascii: " ") { j += 1 }
                        value = unescape(String(decoding: b[vs..<j], as: UTF8.self))
                    }
                }
                attrs[key] = value
            }
            i = j + 1
            if closing {
                if name == "title" { inTitle = false; page.title = String(decoding: titleBytes, as: UTF8.self) }
                continue
            }
            if let id = attrs["id"] { page.ids.insert(id) }
            switch name {
            case "html": page.lang = attrs["lang"]
            case "title": inTitle = true
            case "a":
                if let href = attrs["href"] { page.links.append((href, tagLine)) }
                if let n = attrs["name"] { page.ids.insert(n) }
            case "link":
                guard let href = attrs["href"] else { break }
                if attrs["rel"] == "alternate", let hl = attrs["hreflang"] {
                    page.alternates.append((hl, href, tagLine))
                } else if attrs["rel"] != "canonical" {
                    page.links.append((href, tagLine))
                }
            case "img":
                if (attrs["alt"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty { page.imagesWithoutAlt.append(tagLine) }
                if let src = attrs["src"] { page.links.append((src, tagLine)) }
            case "script", "style":
                if let src = attrs["src"] { page.links.append((src, tagLine)) }
                // Their text is not markup.
                let end = "</" + name
                while i < n, !starts(b, i, end) { if b[i] == UInt8(ascii: "\n") { line += 1 }; i += 1 }
            default: break
            }
        }
        return page
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F || c == 0x3A
    }

    private static func starts(_ b: [UInt8], _ i: Int, _ s: String) -> Bool {
        let u = Array(s.utf8)
        guard i + u.count <= b.count else { return false }
        for k in 0..<u.count where b[i + k] != u[k] { return false }
        return true
    }

    private static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
