import Foundation
import QuangBaMarkup
import Testing

/// Splitting a body for translation and joining it back must keep what the reader sees: the
/// joined Markdown renders to the same HTML as the original (white space aside, since soft line
/// breaks come back as spaces).
@Suite struct MarkdownSegmentsTests {
    static let bodies: [String] = [
        "Lạng Sơn là tỉnh biên giới.\nCó hai cửa khẩu quốc tế.\n\nĐoạn thứ hai.",
        "# Tiêu đề\n\nSetext\n======\n\n### Mục *nhỏ* #\n\n####### not a heading",
        "Đọc [trang **chính thức**](https://langson.gov.vn/a_(b) \"Cổng \\\"TTĐT\\\"\") và ![Ải Chi Lăng](media/ai-chi-lang.jpg).",
        "Gõ `quangba build` hoặc ``a ` b`` rồi <span>html</span> nhé &amp; &copy; x\\*y\\_z.",
        "Dòng một  \nDòng hai\\\nDòng ba",
        "- mục A\n- mục **B**\n  - con 1\n  - con 2\n- mục C",
        "1. một\n\n2. hai\n\n   đoạn thêm\n\n3) ba khác loại",
        "- a\n- b\n\n* c\n* d",
        "> Trích dẫn dòng một\n> dòng hai\n>\n> - trong danh sách\n>\n> > lồng nhau",
        "```swift\nlet x = \"```\"\n\nprint(x)\n```\n\n~~~\ntilde\n~~~\n\n    indented code",
        "| Món | Mùa | Giá |\n|:---|:---:|---:|\n| Vịt quay *Thất Khê* | Quanh năm | 300\\|000 |\n| Khâu nhục | Tết | |",
        "Trước\n\n---\n\nSau\n\n***\n\n- ---",
        "<div>\n<p>khối HTML</p>\n</div>\n\nĐoạn sau.",
        "~~gạch~~ và www.langson.gov.vn và https://example.org/x?y=1.",
        "1986. Năm đổi mới.\n\n\\# không phải tiêu đề\n\n\\- không phải danh sách\n\n\\> không phải trích dẫn",
        "谅山省位于越南东北部。**重要**的口岸：[友谊关](https://example.org/huu-nghi)。",
        "ランソン省は*ベトナム北部*にあります。\n\n랑선성은 **베트남** 북부에 있습니다.",
        "- [ ] việc chưa làm\n- [x] việc đã làm",
        "Sao *nhấn*mạnh và **đậm**chữ, _gạch dưới_ và __đậm kiểu khác__.",
        "",
    ]

    static func normalized(_ html: String) -> String {
        html.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }

    @Test(arguments: bodies) func joinRendersTheSameAsTheSource(body: String) {
        let joined = MarkdownSegments.join(MarkdownSegments.split(body))
        #expect(Self.normalized(Markdown.html(joined)) == Self.normalized(Markdown.html(body)), "joined:\n\(joined)")
    }

    @Test(arguments: bodies) func splittingTheJoinedBodyGivesTheSamePieces(body: String) {
        let pieces = MarkdownSegments.split(body)
        #expect(MarkdownSegments.split(MarkdownSegments.join(pieces)) == pieces)
    }

    @Test func blocksBecomeSegmentsAndCodesStayCodes() {
        let pieces = MarkdownSegments.split("## Ẩm thực\n\nMón [vịt quay](https://x.vn) nổi tiếng.\n\n- Phở chua\n- Khâu nhục\n\n| A | B |\n|---|---|\n| 1 | 2 |")
        let segments = MarkdownSegments.segments(pieces)
        // heading, paragraph, two list items, four table cells
        #expect(segments.count == 8)
        #expect(segments.map(\.context) == [.heading, .paragraph, .paragraph, .paragraph, .tableCell, .tableCell, .tableCell, .tableCell])
        #expect(segments[1].content == [.text("Món "), .span(InlineCode(.link, open: "[", close: "](https://x.vn)"), [.text("vịt quay")]), .text(" nổi tiếng.")])
        #expect(segments[2].continuation == "  ")
    }

    /// Whatever a translator types is text: markup characters in a target are escaped.
    @Test func translatedTextCannotBecomeMarkup() {
        let typed = Segment(context: .paragraph, content: [.text("# 1. *not* [a](link) <b> `x` &amp; ~~y~~\n- z")])
        let md = MarkdownSegments.join([.segment(typed)])
        #expect(Self.normalized(Markdown.html(md)) == "<p># 1. *not* [a](link) &lt;b&gt; `x` &amp;amp; ~~y~~ - z</p>")
        let cell = Segment(context: .tableCell, content: [.text("a | b")])
        let table = MarkdownSegments.join([.skeleton("| "), .segment(cell), .skeleton(" |\n| --- |")])
        #expect(Markdown.html(table).contains("<th>a | b</th>"))
    }

    /// Spaces a translator leaves inside emphasis would stop it from being emphasis.
    @Test func emphasisKeepsSpacesOutside() {
        let s = Segment(context: .paragraph, content: [.text("a"), .span(InlineCode(.strong, open: "**", close: "**"), [.text(" b ")]), .text("c")])
        #expect(MarkdownSegments.markdown(s) == "a **b** c")
        #expect(Markdown.html(MarkdownSegments.markdown(s)).contains("<strong>b</strong>"))
    }
}
