import Foundation
import Testing
@testable import QuangBaContent
import QuangBaCore
import Yams

/// `FlatYAML` reads flat front matter without libyaml. Whatever it accepts, it must read as Yams
/// does; whatever it cannot be sure of, it must leave to Yams.
@Suite struct FlatYAMLTests {
    /// Name/value pairs of a flat mapping of plain scalars, or nil.
    static func pairs(_ node: Node?) -> [String]? {
        guard case .mapping(let m)? = node else { return nil }
        return m.map { k, v -> String in
            guard case .scalar(let ks) = k, case .scalar(let vs) = v else { return "?" }
            return "\(ks.string)=\(vs.string)|\(vs.style == .plain)"
        }
    }

    static func yams(_ text: String) -> [String]? { pairs(try? Yams.compose(yaml: text, .basic, .default, .utf8)) }

    @Test func acceptsOnlyWhatYamsReadsTheSame() {
        let cases = [
            "title: Chợ Kỳ Lừa", "title: Lạng Sơn – 谅山 랑선 ランソン", "title: C#", "title: 100%", "title: x y z",
            "title: a, b", "title: a [b] {c}", "title: yes", "title: ~", "title: null", "title: 2026", "a: 1\nb: 2",
            "a: 1\n\nb: 2", "source_hash: sha256:ea1c9bba", "title:   spaced   ", "title: x#y", "title: it's", "title: say \"hi\"",
            // Everything below must fall back to Yams (or be refused by it).
            "title: a: b", "title: a #c", "title: Note:", "title: 'q'", "title: \"q\"", "title: - x", "title: x\ttab",
            "a: 1\na: 2", "title: x\n  continued", "# comment\ntitle: x", "title: x\u{2028}y", "title: x\u{85}y", "Title: x",
            "title:x", "title: [a, b]", "title: {a: 1}", "title: @x", "title: |", "title: >", "title: &a x", "title: *a",
            "title: !tag x", "title: %x", "title: `x", "title: x  # c", "title:", "title: ", " title: x", "title: x\r",
            "---\ntitle: x", "title: \u{FEFF}x", "9title: x", "ti-tle: x", "title: ?x", "title: :x", "title: ,x",
        ]
        for text in cases {
            guard let flat = FlatYAML.parse(text) else { continue }
            #expect(Self.pairs(flat) == Self.yams(text), "\(text.debugDescription)")
        }
        // The common shape is taken.
        #expect(FlatYAML.parse("title: Chợ Kỳ Lừa\nsummary: Phiên chợ biên giới.\nstatus: approved") != nil)
        #expect(FlatYAML.parse("title: a: b") == nil && FlatYAML.parse("title: 'q'") == nil && FlatYAML.parse("a: 1\na: 2") == nil)
    }

    /// Every language file of the sample repository and the fixture gives the same translation
    /// and the same diagnostics whether its front matter is read flat or by Yams.
    @Test func languageFilesReadTheSameEitherWay() throws {
        let package = TempRepo.fixtures.deletingLastPathComponent().deletingLastPathComponent()
        var flat = 0, total = 0
        for root in [package, TempRepo.fixtures.appendingPathComponent("repo")] {
            let repo = try Repository(root: root)
            let content = root.appendingPathComponent("content")
            for case let url as URL in FileManager.default.enumerator(at: content, includingPropertiesForKeys: nil)! where url.pathExtension == "md" {
                let text = try String(contentsOf: url, encoding: .utf8)
                let folder = url.deletingLastPathComponent()
                guard let kind = ItemKind(rawValue: folder.deletingLastPathComponent().lastPathComponent) else { continue }
                let lang = LanguageCode(url.deletingPathExtension().lastPathComponent)
                let file = "content/\(kind.rawValue)/\(folder.lastPathComponent)/\(url.lastPathComponent)"
                var d1: [Diagnostic] = [], d2: [Diagnostic] = []
                var readFlat = false, unused = false
                let a = repo.reader.parseTranslation(text, language: lang, kind: kind, isSource: lang.rawValue == "vi", file: file,
                                                     checkBody: true, flatAllowed: true, readFlat: &readFlat, diagnostics: &d1)
                let b = repo.reader.parseTranslation(text, language: lang, kind: kind, isSource: lang.rawValue == "vi", file: file,
                                                     checkBody: true, flatAllowed: false, readFlat: &unused, diagnostics: &d2)
                #expect(a == b, "\(file)")
                #expect(d1.map(\.message) == d2.map(\.message), "\(file)")
                total += 1
                if readFlat { flat += 1 }
            }
        }
        #expect(total > 100)
        #expect(flat * 2 > total, "most language files should take the flat path (\(flat) of \(total))")
    }

    /// A problem in front matter read flat is reported with its line, as Yams reports it.
    @Test func problemsKeepTheirLines() throws {
        let repo = try TempRepo()
        var diagnostics: [Diagnostic] = []
        _ = try repo.repository.reader.parseTranslation("---\ntitle: Chợ Kỳ Lừa\ncolour: đỏ\n---\nThân bài.\n", language: LanguageCode("vi"),
                                                        kind: .article, isSource: true, file: "content/article/x/vi.md", diagnostics: &diagnostics)
        let unknown = diagnostics.first { $0.message.key == "yaml.unknown_field" }
        #expect(unknown?.location.line == 3)
    }
}
