import QuangBaMarkup

/// Markup that a page may carry unescaped (`{{{x}}}`). Only three things make it, so no text
/// from content can reach a page as markup: a template rendered by the site's engine (whose
/// variables escape all text), Markdown rendered by cmark-gfm in safe mode (raw HTML omitted,
/// unsafe links emptied), and JSON-LD, whose strings are escaped for a `<script>` element.
struct HTML: Sendable {
    let markup: String

    fileprivate init(_ markup: String) { self.markup = markup }

    /// A Markdown text from content.
    static func markdown(_ text: String) -> HTML { HTML(Markdown.html(text)) }

    /// Structured data for `<script type="application/ld+json">`.
    static func jsonLD(_ value: JSONLD.Value) -> HTML { HTML(JSONLD.encode(value)) }
}

extension TemplateLibrary {
    func renderHTML(_ context: TemplateMap, _ name: String) -> HTML { HTML(render(context, name)) }
}
