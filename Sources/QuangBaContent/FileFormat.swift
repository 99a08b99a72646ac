public import QuangBaCore
import QuangBaText

/// The types of file QuangBa publishes, recognised by their content: never by their name or by
/// what item.yaml says, which must both agree with it. A file that is anything else (an SVG
/// drawing, which can carry scripts, an HTML page, a program) is refused with a way to convert
/// it, so the site only ever serves images, PDF documents and videos.
public enum FileFormat: String, CaseIterable, Sendable {
    case jpeg, png, gif, webp, avif, pdf, mp4, webm

    /// The type item.yaml records, and the site serves the file as.
    public var mediaType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .avif: "image/avif"
        case .pdf: "application/pdf"
        case .mp4: "video/mp4"
        case .webm: "video/webm"
        }
    }

    /// The file name endings it may have (lower or upper case), the usual one first.
    public var extensions: [String] {
        switch self {
        case .jpeg: ["jpg", "jpeg"]
        default: [rawValue]
        }
    }

    /// Its name for people.
    public var name: String {
        switch self {
        case .jpeg, .png, .gif, .pdf, .mp4: rawValue.uppercased()
        case .webp: "WebP"
        case .avif: "AVIF"
        case .webm: "WebM"
        }
    }

    /// What `bytes` are: a format QuangBa publishes, or what they were recognised as.
    public static func identify(_ b: [UInt8]) -> Result<FileFormat, RefusedFormat> {
        if starts(b, [0xFF, 0xD8, 0xFF]) { return .success(.jpeg) }
        if starts(b, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), b.count >= 16, ascii(b, 12, 4) == "IHDR" { return .success(.png) }
        if b.count >= 10, ["GIF87a", "GIF89a"].contains(ascii(b, 0, 6)) { return .success(.gif) }
        if b.count >= 16, ascii(b, 0, 4) == "RIFF" {
            if ascii(b, 8, 4) == "WEBP", ["VP8 ", "VP8L", "VP8X"].contains(ascii(b, 12, 4)) { return .success(.webp) }
            if ascii(b, 8, 4) == "AVI " { return .failure(.video("AVI")) }
        }
        if starts(b, Array("%PDF-".utf8)), b.count > 5, (0x30...0x39).contains(b[5]) { return .success(.pdf) }
        if let brands = fileTypeBrands(b) { return isoMedia(brands) }
        if starts(b, [0x1A, 0x45, 0xDF, 0xA3]) {
            switch ebmlDocType(b) {
            case "webm": return .success(.webm)
            case "matroska": return .failure(.video("Matroska (MKV)"))
            default: return .failure(.unknown)
            }
        }
        if starts(b, [0x49, 0x49, 0x2A, 0x00]) || starts(b, [0x4D, 0x4D, 0x00, 0x2A]) { return .failure(.image("TIFF")) }
        if starts(b, [0x50, 0x4B, 0x03, 0x04]) { return .failure(.document("ZIP (Word, Excel, OpenDocument…)")) }
        if starts(b, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .failure(.document("Microsoft Office")) }
        return .failure(markup(b))
    }

    private static func starts(_ b: [UInt8], _ prefix: [UInt8]) -> Bool { b.count >= prefix.count && b[0..<prefix.count].elementsEqual(prefix) }
    private static func ascii(_ b: [UInt8], _ at: Int, _ count: Int) -> String { String(decoding: b[at..<at + count], as: UTF8.self) }
    private static func be32(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }

    /// The major and compatible brands of an ISO base media file (MP4, AVIF, HEIC, QuickTime):
    /// a first box `ftyp` whose size fits the file.
    private static func fileTypeBrands(_ b: [UInt8]) -> [String]? {
        guard b.count >= 16, ascii(b, 4, 4) == "ftyp" else { return nil }
        let size = be32(b, 0)
        guard size >= 16, size % 4 == 0, size <= b.count else { return nil }
        // The major brand, then (after the minor version) the compatible ones.
        return [ascii(b, 8, 4)] + stride(from: 16, to: size, by: 4).map { ascii(b, $0, 4) }
    }

    private static func isoMedia(_ brands: [String]) -> Result<FileFormat, RefusedFormat> {
        if brands.contains("avif") || brands.contains("avis") { return .success(.avif) }
        if ["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"].contains(brands[0]) { return .failure(.image("HEIC")) }
        if brands.contains(where: { $0.hasPrefix("iso") || $0.hasPrefix("mp4") }) { return .success(.mp4) }
        if brands[0] == "qt  " { return .failure(.video("QuickTime (MOV)")) }
        return .failure(.unknown)
    }

    /// The DocType of an EBML header (`webm`, `matroska`), read element by element.
    private static func ebmlDocType(_ b: [UInt8]) -> String? {
        var i = 4
        guard let header = vint(b, &i, keepMarker: false) else { return nil }
        let end = min(b.count, i + header)
        while i < end {
            guard let id = vint(b, &i, keepMarker: true), let size = vint(b, &i, keepMarker: false), i + size <= end else { return nil }
            if id == 0x4282 { return String(decoding: b[i..<i + size].prefix { $0 != 0 }, as: UTF8.self) }
            i += size
        }
        return nil
    }

    /// An EBML variable-length integer at `i` (moved past it): an element id keeps its length
    /// marker, a size does not. Nil when malformed, or a size left unknown (all ones).
    private static func vint(_ b: [UInt8], _ i: inout Int, keepMarker: Bool) -> Int? {
        guard i < b.count, b[i] != 0 else { return nil }
        let length = b[i].leadingZeroBitCount + 1
        guard i + length <= b.count, !keepMarker || length <= 4 else { return nil }
        var value = keepMarker ? Int(b[i]) : Int(b[i]) & (0xFF >> length)
        for k in 1..<length { value = value << 8 | Int(b[i + k]) }
        if !keepMarker, value == (1 << (7 * length)) - 1 { return nil }
        i += length
        return value
    }

    /// Text formats, told apart by their first markup: SVG, HTML, other XML, scripts.
    private static func markup(_ b: [UInt8]) -> RefusedFormat {
        var head = Array(b.prefix(4096))
        if starts(head, [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
        let text = String(decoding: head, as: UTF8.self).lowercased()
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.hasPrefix("#!") { return .script }
        guard trimmed.hasPrefix("<") else { return .unknown }
        if trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") { return .html }
        if text.contains("<svg") { return .svg }
        if ["<head", "<body", "<script", "<iframe", "<meta", "<div", "<a ", "<img", "<p>"].contains(where: { text.contains($0) }) { return .html }
        return .xml
    }
}

/// Content QuangBa does not publish, as far as it can tell what it is: what it says to do
/// depends on it.
public enum RefusedFormat: Error, Hashable, Sendable {
    case svg, html, xml, script
    case image(String), video(String), document(String)
    case unknown

    /// What an editor is told about the file `file` (`stem`: its name without the ending).
    func message(file: String, stem: String) -> Message {
        let args = ["file": file, "stem": stem]
        switch self {
        case .svg: return Message("media.refused_svg", args)
        case .html: return Message("media.refused_html", args)
        case .xml: return Message("media.refused_xml", args)
        case .script: return Message("media.refused_script", args)
        case .image(let f): return Message("media.refused_image", args.merging(["format": f]) { $1 })
        case .video(let f): return Message("media.refused_video", args.merging(["format": f]) { $1 })
        case .document(let f): return Message("media.refused_document", args.merging(["format": f]) { $1 })
        case .unknown: return Message("media.refused_unknown", args.merging(["allowed": FileFormat.allCases.map(\.name).joined(separator: ", ")]) { $1 })
        }
    }
}

extension FileFormat {
    /// What is wrong with a file stored (or about to be stored) in an item folder as `name`,
    /// with the type item.yaml records (`recordedType`): content of a type QuangBa does not
    /// publish, a type or a name ending that does not agree with the content, a publication
    /// that is not a PDF. Empty when the file may be published; also gives the format.
    public static func check(name: String, recordedType: String?, bytes: [UInt8], kind: ItemKind) -> (FileFormat?, [Message]) {
        let stem = name.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: ".")
        let format: FileFormat
        switch identify(bytes) {
        case .success(let f): format = f
        case .failure(let refused): return (nil, [refused.message(file: name, stem: stem.isEmpty ? name : stem)])
        }
        var problems: [Message] = []
        let ending = name.contains(".") ? String(name.split(separator: ".").last!) : ""
        if !format.extensions.contains(ending.lowercased()) {
            problems.append(Message("media.extension_mismatch", ["file": name, "format": format.name, "ext": ending, "expected": format.extensions[0]]))
        }
        if let recordedType, recordedType != format.mediaType {
            problems.append(Message("media.type_mismatch", ["file": name, "recorded": recordedType, "actual": format.mediaType]))
        }
        if kind == .publication, format != .pdf {
            problems.append(Message("publication.not_pdf", ["file": name, "format": format.name]))
        }
        return (format, problems)
    }
}

extension FileFacts {
    /// The facts of a file about to be stored in an item folder as `name`, read from its bytes;
    /// throws when it may not be published (`FileFormat.check`), or when its name, or the
    /// `original` name it was given under, carries a secrecy stamp ("TỐI MẬT.pdf").
    public init(storing name: String, original: String? = nil, bytes: [UInt8], kind: ItemKind) throws {
        for n in [original, name].compactMap({ $0 }) where SecrecyStamp.isStamped(fileName: n) {
            throw QuangBaError(Message("media.secrecy_stamp_name", ["file": n]))
        }
        let (format, problems) = FileFormat.check(name: name, recordedType: nil, bytes: bytes, kind: kind)
        guard let format, problems.isEmpty else {
            throw QuangBaError(problems[0], diagnostics: problems.dropFirst().map { Diagnostic(.error, Location(), $0) })
        }
        self.init()
        file = name
        type = format.mediaType
        sha256 = SHA256.hex(bytes)
        self.bytes = bytes.count
    }
}
