import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import QuangBaText

/// Text written by attackers and careless editors, for every escaper: markup that closes or
/// opens elements, comments and CDATA, attribute breakers, quotes, text that is already
/// escaped, JavaScript's line ends, control characters, direction overrides, lone combining
/// marks (a mark after `<` or `"` makes one Character of them), and ordinary text of every
/// script the site publishes.
enum Hostile {
    static let strings = [
        "</script>", "</SCRIPT >", "<!--<script>", "<!-- -->", "-->", "]]>", "<![CDATA[x]]>",
        "\"onmouseover=alert(1) x=\"", "' onfocus='alert(1)", "it's", "&amp; &lt;b&gt; &#39; already escaped",
        "a\u{2028}b\u{2029}c", "nul\u{0}soh\u{1}bs\u{8}vt\u{B}ff\u{C}esc\u{1B}us\u{1F}end", "\u{FFFE}\u{FFFF}",
        "\u{202E}gnp.exe\u{202C} \u{200F}مرحبا\u{200E}", "\u{0301}lone mark", "<\u{0338}", "\"\u{0301}", "&\u{0301}",
        "line\nbreak\ttab\r\nCRLF\rCR", "\\u003C backslash \\", "Lạng Sơn 谅山 ランソン 랑선 👨‍👩‍👧 🇻🇳", "",
    ]

    /// What an output must hold for `s`: every character XML 1.0 forbids as U+FFFD, the rest unchanged.
    static func allowed(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { u in
            (u.value < 0x20 && ![0x09, 0x0A, 0x0D].contains(u.value)) || u.value == 0xFFFE || u.value == 0xFFFF ? "\u{FFFD}" : u
        }))
    }
}

@Suite struct JSONTextTests {
    /// Every character comes back unchanged through a JSON parser, and the ones JSON or
    /// JavaScript cannot hold raw (controls, quotes, backslash, U+2028/2029) and the invisible
    /// ones (DEL, C1 controls, U+FEFF) are escaped, and in a script also `<`, `>` and `&`,
    /// whether the text needs no escape elsewhere (the quick path) or does.
    @Test(arguments: [false, true])
    func quotedTextParsesBackAndHidesNothingRaw(inScript: Bool) throws {
        let mustEscape: Set<UInt32> = Set(0..<0x20).union([0x22, 0x5C, 0x7F, 0x2028, 0x2029, 0xFEFF]).union(0x80...0x9F)
            .union(inScript ? [0x3C, 0x3E, 0x26] : [])
        let scalars = (0..<0x3100).compactMap(Unicode.Scalar.init) + (0xFE00..<0xFF10).compactMap(Unicode.Scalar.init)
            + ["谅", "😀"].flatMap(\.unicodeScalars)
        for sc in scalars {
            for text in [String(sc), "Lạng Sơn \(sc) 谅山"] {
                let quoted = JSONText.quote(text, inScript: inScript)
                let back = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
                #expect(back == [text], "U+\(String(sc.value, radix: 16))")
                let inner = quoted.unicodeScalars.dropFirst().dropLast()
                #expect(!inner.contains { mustEscape.contains($0.value) && $0 != "\\" && $0 != "\"" }, "U+\(String(sc.value, radix: 16)) left raw")
                #expect(mustEscape.contains(sc.value) == (quoted.utf8.count != text.utf8.count + 2), "U+\(String(sc.value, radix: 16))")
            }
        }
    }

    /// JSON for a `<script>` element: nothing in it can end the element, open a comment (which
    /// keeps a following `</script>` from closing it) or start a reference, and every hostile
    /// string comes back whole through a JSON parser.
    @Test func scriptJSONCannotLeaveItsElement() throws {
        #expect(JSONText.quote("<!--<script>&", inScript: true) == #""\u003C!--\u003Cscript\u003E\u0026""#)
        #expect(JSONText.quote("a\u{2028}b\u{2029}", inScript: true) == #""a\u2028b\u2029""#)
        for s in Hostile.strings {
            let quoted = JSONText.quote(s, inScript: true)
            #expect(!quoted.unicodeScalars.contains { "<>&\u{2028}\u{2029}".unicodeScalars.contains($0) }, "\(quoted)")
            let back = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
            #expect(back == [s], "\(quoted)")
        }
    }
}

@Suite struct HTMLTextTests {
    /// Escaped text holds no character that could end text or an attribute value (`<`, `>`,
    /// both quotes, or `&` other than in a reference), and a real HTML parser (Python's
    /// html.parser) reads back every hostile string, in element content and in double- and
    /// single-quoted attributes, as the text it was (with forbidden characters as U+FFFD).
    @Test func hostileStringsComeBackAsTextThroughAnHTMLParser() throws {
        var document = ""
        for s in Hostile.strings {
            let e = HTMLText.escape(s)
            #expect(!e.contains("<") && !e.contains(">") && !e.contains("\"") && !e.contains("'"), "\(e)")
            #expect(!e.unicodeScalars.contains { $0.value < 0x20 && ![0x09, 0x0A, 0x0D].contains($0.value) }, "\(e)")
            // Compared as scalars: as Characters, `;` and a combining mark after it are one.
            let scalars = Array(e.unicodeScalars)
            for (i, u) in scalars.enumerated() where u == "&" {
                let reference = String(String.UnicodeScalarView(scalars[(i + 1)...].prefix(5)))
                #expect(["lt;", "gt;", "amp;", "quot;", "#39;"].contains { reference.unicodeScalars.starts(with: $0.unicodeScalars) }, "\(e)")
            }
            document += "<p title=\"\(e)\" lang='\(e)'>\(e)</p>\n"
        }
        let parsed = try python("""
            import html.parser, json, sys
            class P(html.parser.HTMLParser):
                def __init__(self):
                    super().__init__(convert_charrefs=True); self.rows = []
                def handle_starttag(self, tag, attrs):
                    self.rows.append([dict(attrs)["title"], dict(attrs)["lang"], ""])
                def handle_data(self, data):
                    if self.rows: self.rows[-1][2] += data
            p = P(); p.feed(sys.stdin.read()); p.close()
            print(json.dumps([[r[0], r[1], r[2].removesuffix("\\n")] for r in p.rows]))
            """, input: document)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(parsed.utf8)) as? [[String]])
        #expect(rows.count == Hostile.strings.count)
        for (s, row) in zip(Hostile.strings, rows) {
            let expected = Hostile.allowed(s)
            #expect(row == [expected, expected, expected], "\(s.debugDescription)")
        }
    }

    func python(_ script: String, input: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script]
        let stdin = Pipe(), stdout = Pipe()
        p.standardInput = stdin
        p.standardOutput = stdout
        try p.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return String(decoding: out, as: UTF8.self)
    }
}

@Suite struct XMLTextTests {
    /// Every hostile string in character data and in an attribute makes a well-formed
    /// document, and an XML parser (libxml2 through Foundation's XMLParser) reads it back
    /// exactly, line ends and tabs included, with forbidden characters as U+FFFD.
    @Test func hostileStringsMakeWellFormedXMLAndComeBackExactly() throws {
        var document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r>"
        for s in Hostile.strings {
            document += "<t a=\"\(XMLText.escape(s, attribute: true))\">\(XMLText.escape(s))</t>"
            #expect(!XMLText.escape(s).contains("]]>") && !XMLText.escape(s, attribute: true).contains("\""))
        }
        document += "</r>"
        let reader = Reader()
        let parser = XMLParser(data: Data(document.utf8))
        parser.delegate = reader
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(reader.attributes.count == Hostile.strings.count && reader.texts.count == Hostile.strings.count)
        for (i, s) in Hostile.strings.enumerated() where i < reader.texts.count {
            #expect(reader.attributes[i] == Hostile.allowed(s), "\(s.debugDescription)")
            #expect(reader.texts[i] == Hostile.allowed(s), "\(s.debugDescription)")
        }
    }

    final class Reader: NSObject, XMLParserDelegate {
        var attributes: [String] = []
        var texts: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes a: [String: String] = [:]) {
            if name == "t" { attributes.append(a["a"] ?? "?"); texts.append("") }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !texts.isEmpty { texts[texts.count - 1] += string }
        }
    }
}
