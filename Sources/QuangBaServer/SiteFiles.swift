import Foundation
import Hummingbird
import QuangBaCore

/// The built site as the preview serves it. Invariant: only a regular file inside the site
/// folder, of a type the site has, is ever sent: nothing reached through a symbolic link
/// (whether it points out of the site, to `quangba.yaml`, `.quangba/index.sqlite` or
/// `/etc/passwd`, or to another file of the site), nothing whose path has a part that starts
/// with a dot (`.quangba-site`, `.git/`, `..`), percent-encoded or not.
///
/// Each part of the path is opened with `openat` relative to the folder opened before it,
/// with `O_NOFOLLOW`: a symbolic link anywhere makes the open fail, and what is checked (the
/// open file's `fstat`) is what is sent, so nothing can be swapped in between. A realpath and
/// prefix check would leave that gap, and Linux's `openat2` (`RESOLVE_NO_SYMLINKS`) has no
/// glibc wrapper. Hummingbird's FileMiddleware follows links and serves any file, so it is not
/// used. The site folder itself may be a link: the operator chose it. Hard links cannot be
/// told from plain files (the build links media files into the site).
struct SiteFiles: Sendable {
    let root: String
    /// The site's languages, to answer `/` and unknown paths in the reader's language.
    var languages: [LanguageCode] = []

    /// The types the site is made of, by extension: HTML, its stylesheet and script, sitemaps
    /// and feeds, robots.txt, and media files (the types content may hold). Anything else is
    /// not served.
    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "xml": "application/xml; charset=utf-8", "txt": "text/plain; charset=utf-8",
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp", "avif": "image/avif",
        "gif": "image/gif", "pdf": "application/pdf", "mp4": "video/mp4", "webm": "video/webm",
        "svg": "image/svg+xml", "ico": "image/vnd.microsoft.icon",
    ]

    /// The answer for a GET or HEAD of `request`'s path: the file, a redirect from a folder to
    /// its URL with a final slash, or the site's 404 page. The root and the 404 page speak the
    /// reader's language when the browser names one the site has (`Accept-Language`): `/`
    /// redirects to that language's home, a missing page gets that language's 404 (a path
    /// under a language's folder, that language's); otherwise the language chooser and the
    /// 404 page in every language. Those answers vary with the header, and say so.
    func respond(to request: Request) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            throw HTTPError(.methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        let path = request.uri.path
        // Asked only for the root and missing pages: among the languages whose home page is
        // there (a site may be built in fewer).
        let wanted = { () -> LanguageCode? in
            request.headers[.acceptLanguage].flatMap { header in
                AcceptLanguage.best(header, among: languages.filter { if case .file = find("/" + PublicPath.language($0)) { true } else { false } })
            }
        }
        if path == "/", let l = wanted() {
            return Response(status: .found, headers: [.location: "/" + PublicPath.language(l), .vary: "Accept-Language"])
        }
        switch find(path) {
        case .file(let file):
            var response = response(.ok, file, head: request.method == .head)
            if path == "/" { response.headers[.vary] = "Accept-Language" }
            return response
        case .folder(let path): return Response(status: .movedPermanently, headers: [.location: path])
        case .missing:
            let first = path.split(separator: "/").first.map { $0.lowercased() + "/" }
            let language = languages.first { PublicPath.language($0) == first } ?? wanted()
            for page in [language.map { "/" + PublicPath.language($0) + "404.html" }, "/404.html"].compactMap({ $0 }) {
                if case .file(let file) = find(page) {
                    var response = response(.notFound, file, head: request.method == .head)
                    response.headers[.vary] = "Accept-Language"
                    return response
                }
            }
            throw HTTPError(.notFound)
        }
    }

    enum Found {
        case file(OpenFile)
        /// A folder named without its final slash (its pages' relative links need one): its
        /// path with the slash, made from the decoded parts, so it always stays on this server
        /// (`//host` would send a browser elsewhere).
        case folder(String)
        case missing
    }

    /// What a URL path names in the site; a path ending in `/` names the folder's index.html.
    func find(_ urlPath: String) -> Found {
        guard let bytes = Self.percentDecoded(urlPath), !bytes.contains(0) else { return .missing }
        var parts = bytes.split(separator: UInt8(ascii: "/")).map { Array($0) }
        guard !parts.contains(where: { $0.first == UInt8(ascii: ".") }) else { return .missing }
        if parts.isEmpty || bytes.last == UInt8(ascii: "/") { parts.append(Array("index.html".utf8)) }
        var folder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        for part in parts.dropLast() where folder >= 0 {
            let next = Self.openPart(part, in: folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            close(folder)
            folder = next
        }
        guard folder >= 0 else { return .missing }
        // O_NONBLOCK: a FIFO must not hold the request until someone writes to it.
        let fd = Self.openPart(parts[parts.count - 1], in: folder, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        close(folder)
        guard fd >= 0 else { return .missing }
        guard let info = openFileFacts(fd) else { close(fd); return .missing }
        switch info.kind {
        case .regular:
            let name = String(decoding: parts[parts.count - 1], as: UTF8.self)
            let ext = name.lastIndex(of: ".").map { name[name.index(after: $0)...].lowercased() } ?? ""
            // An SVG can carry script: only the site's own assets (the logo, checked by the build)
            // are served as SVG, never one that appears elsewhere in the folder.
            let isAsset = parts.count == 2 && parts[0] == Array("assets".utf8)
            guard let type = Self.contentTypes[ext], ext != "svg" || isAsset else { close(fd); return .missing }
            return .file(OpenFile(fd: fd, size: info.size, contentType: type))
        case .folder:
            close(fd)
            return .folder("/" + parts.map(Self.percentEncoded).joined(separator: "/") + "/")
        case .other:
            close(fd)
            return .missing
        }
    }

    private func response(_ status: HTTPResponse.Status, _ file: OpenFile, head: Bool) -> Response {
        let headers: HTTPFields = [.contentType: file.contentType, .contentLength: String(file.size)]
        guard !head else { return Response(status: status, headers: headers) }
        return Response(status: status, headers: headers, body: ResponseBody(contentLength: file.size) { writer in
            var offset = 0
            while offset < file.size {
                let chunk = try await file.read(at: offset, count: min(OpenFile.chunk, file.size - offset))
                offset += chunk.readableBytes
                try await writer.write(chunk)
            }
            try await writer.finish(nil)
        })
    }

    /// One part of a path (no slash in it), opened relative to an open folder.
    private static func openPart(_ name: [UInt8], in folder: Int32, _ flags: Int32) -> Int32 {
        (name + [0]).withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { openat(folder, $0, flags) }
        }
    }

    /// The bytes of a URL path with its `%XX` escapes decoded; nil for a broken escape.
    static func percentDecoded(_ path: String) -> [UInt8]? {
        var out: [UInt8] = []
        let bytes = Array(path.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) else { return nil }
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    /// A path part with every byte but letters, digits and `-._~` as `%XX`.
    static func percentEncoded(_ part: [UInt8]) -> String {
        var out = ""
        for b in part {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += "%"
                out.unicodeScalars.append(hexDigits[Int(b >> 4)])
                out.unicodeScalars.append(hexDigits[Int(b & 0xF)])
            }
        }
        return out
    }

    private static let hexDigits = Array("0123456789ABCDEF".unicodeScalars)

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// A site file opened for sending; closed when the last user lets go of it (the answer may
/// never be written if the client goes away first).
final class OpenFile: Sendable {
    static let chunk = 128 * 1024
    let fd: Int32
    let size: Int
    let contentType: String

    init(fd: Int32, size: Int, contentType: String) {
        self.fd = fd
        self.size = size
        self.contentType = contentType
    }

    deinit { close(fd) }

    /// Up to `count` bytes from `offset`, read on a Dispatch thread (a disk read must not hold
    /// the event loop or Swift's cooperative threads); a file that got shorter is an error.
    func read(at offset: Int, count: Int) async throws -> ByteBuffer {
        try await QuangBaServer.offloaded {
            var bytes = [UInt8](repeating: 0, count: count)
            let read = bytes.withUnsafeMutableBytes { pread(self.fd, $0.baseAddress, count, off_t(offset)) }
            guard read > 0 else { throw HTTPError(.internalServerError) }
            return ByteBuffer(bytes: bytes[..<read])
        }
    }
}
