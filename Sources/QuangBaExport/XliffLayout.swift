import QuangBaCore
import QuangBaMarkup

/// OASIS XLIFF 2.0 names.
enum XLIFF {
    static let namespace = "urn:oasis:names:tc:xliff:document:2.0"
    static let metadataNamespace = "urn:oasis:names:tc:xliff:metadata:2.0"
    static let sizeNamespace = "urn:oasis:names:tc:xliff:sizerestriction:2.0"
    /// The metaGroup category under which a file records which item and source text it holds.
    static let metaCategory = "quangba"
}

/// How an item's source text is laid out in XLIFF: one unit per translatable field (its id is
/// the field name), and one unit `body` whose segments are the Markdown blocks and whose
/// ignorables are the Markdown between them. Export and import both derive it from the source
/// text, so ids are stable as long as the source is: import checks that against source_hash.
struct XliffLayout {
    struct Unit {
        var id: String
        var pieces: [BodyPiece]
        var maxLength: Int?
        /// Piece index → element id: `s1`, `s2` for segments, `i1` for ignorables.
        var pieceIDs: [String]
        /// Segment id → its inline codes in document order, with their ids (`c1`, `c2`, … across the unit).
        var codes: [String: [(id: String, code: InlineCode)]]

        var isBody: Bool { id == "body" }
    }

    var units: [Unit]

    init(source: Translation, kind: ItemKind) {
        var units: [Unit] = []
        for name in kind.translatableFields {
            guard let value = source.fields[name], !value.isEmpty else { continue }
            units.append(Unit(id: name, pieces: [.segment(Segment(context: .paragraph, content: [.text(value)]))], maxLength: kind.maxLength(of: name)))
        }
        let body = MarkdownSegments.split(source.body)
        if !MarkdownSegments.segments(body).isEmpty { units.append(Unit(id: "body", pieces: body, maxLength: nil)) }
        self.units = units
    }

    func unit(_ id: String) -> Unit? { units.first { $0.id == id } }
}

extension XliffLayout.Unit {
    init(id: String, pieces: [BodyPiece], maxLength: Int?) {
        self.id = id; self.pieces = pieces; self.maxLength = maxLength
        var ids: [String] = [], codes: [String: [(String, InlineCode)]] = [:]
        var s = 0, i = 0, c = 0
        for piece in pieces {
            switch piece {
            case .skeleton: i += 1; ids.append("i\(i)")
            case .segment(let seg):
                s += 1
                let sid = "s\(s)"
                ids.append(sid)
                var list: [(String, InlineCode)] = []
                Self.collect(seg.content, into: &list, next: &c)
                codes[sid] = list
            }
        }
        pieceIDs = ids
        self.codes = codes
    }

    private static func collect(_ content: [Inline], into list: inout [(String, InlineCode)], next: inout Int) {
        for node in content {
            switch node {
            case .text: break
            case .code(let code): next += 1; list.append(("c\(next)", code))
            case .span(let code, let inner):
                next += 1
                list.append(("c\(next)", code))
                collect(inner, into: &list, next: &next)
            }
        }
    }

    /// The segments with their ids, in order.
    var segments: [(id: String, segment: Segment)] {
        zip(pieceIDs, pieces).compactMap { id, p in if case .segment(let s) = p { (id, s) } else { nil } }
    }
}

extension InlineCode {
    /// `pc` around content, `ph` for a standalone code.
    var isPaired: Bool {
        switch kind {
        case .emphasis, .strong, .strikethrough, .link, .image: true
        case .code, .lineBreak, .html: false
        }
    }

    /// XLIFF's `type` and `subType` for the code, which CAT tools show as formatting, link, etc.
    var xliffType: (type: String, subType: String?) {
        switch kind {
        case .emphasis: ("fmt", "xlf:i")
        case .strong: ("fmt", "xlf:b")
        case .strikethrough: ("fmt", nil)
        case .link: ("link", nil)
        case .image: ("image", nil)
        case .lineBreak: ("fmt", "xlf:lb")
        case .code, .html: ("other", nil)
        }
    }
}
