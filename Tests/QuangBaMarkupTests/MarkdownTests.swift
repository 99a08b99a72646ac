import Testing
import QuangBaMarkup
import Foundation

@Suite struct MarkdownTests {
    @Test func rendersCommonMarkAndTables() {
        let html = Markdown.html("## Đặc sản\n\n| Món | Mùa |\n|---|---|\n| Vịt quay | Quanh năm |\n\n*Hồi* ~~cũ~~")
        #expect(html.contains("<h2>Đặc sản</h2>"))
        #expect(html.contains("<table>") && html.contains("<td>Vịt quay</td>"))
        #expect(html.contains("<em>Hồi</em>") && html.contains("<del>cũ</del>"))
    }

    @Test func unsafeMarkupIsRemoved() {
        let html = Markdown.html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>")
        #expect(!html.contains("<script>"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("onerror"))
    }

    @Test func plainTextAndExcerpt() {
        let md = "# Tiêu đề\n\nĐoạn **một** với [liên kết](https://example.org).\n\n- mục A\n- mục B"
        #expect(Markdown.plainText(md) == "Tiêu đề\nĐoạn một với liên kết.\nmục A\nmục B")
        let long = String(repeating: "Lạng Sơn ", count: 50)
        let e = Markdown.excerpt(long, maxCharacters: 40)
        #expect(e.hasSuffix("…") && e.count <= 41)
    }

    /// cmark-gfm keeps the extensions' special characters in a process-wide table; parses on
    /// several threads at once used to abort in blocks.c. Every result must equal the serial one.
    @Test func parsesOnManyThreadsAgreeWithOneThread() {
        let docs = (0..<64).map { i in
            "# Bài \(i)\n\n| A | B |\n|---|---|\n| ~~x\(i)~~ | www.langson.gov.vn |\n\n*đoạn* \(i) `mã`\n"
        }
        let serial = docs.map { Markdown.html($0) + Markdown.plainText($0) }
        let results = Results(count: docs.count)
        DispatchQueue.concurrentPerform(iterations: docs.count * 8) { n in
            let i = n % docs.count
            results.set(i, Markdown.html(docs[i]) + Markdown.plainText(docs[i]))
        }
        let differing = zip(results.values, serial).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(differing.isEmpty, "documents parsed differently on several threads: \(differing)")
        #expect(serial[3].contains("<del>x3</del>") && serial[3].contains("<table>"))
    }
}

private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String]
    init(count: Int) { stored = Array(repeating: "", count: count) }
    func set(_ i: Int, _ value: String) { lock.lock(); stored[i] = value; lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}
