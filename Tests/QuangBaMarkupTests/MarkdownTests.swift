import Testing
import QuangBaMarkup

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
}
