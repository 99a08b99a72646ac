import Foundation
import Testing
@testable import QuangBaSite

/// The UI-string keys a template needs, as the engine reads the template.
@Suite struct TemplatesTests {
    @Test func stringKeysAreTheNamesTheEngineLooksUp() throws {
        // A key-like tag in a comment is not looked up; after `{{=<% %>=}}`, `<%t.x%>` is
        // and `{{t.x}}` is plain text. A text scan would get all three wrong.
        let source = """
            {{! t.retired is no longer shown }}
            <h1>{{t.home}}</h1>{{#t.feed}}<a>{{.}} {{{t.download}}}</a>{{/t.feed}}{{^items}}{{t.listing_empty}}{{/items}}
            {{=<% %>=}}
            <p><%t.see_all%> <%& t.related %> {{t.not_a_tag}}</p>
            <%={{ }}=%>
            <p>{{ t.updated }} {{contact.text}} {{t}}</p>
            """
        let template = try CompiledTemplate(source)
        let keys = Templates.stringKeys(in: template)
        #expect(keys == ["home", "feed", "download", "listing_empty", "see_all", "related", "updated"], "\(keys.sorted())")

        // The same template rendered: the page shows each of those keys' strings, and only them.
        var library = TemplateLibrary()
        try library.register(source, named: "page")
        let strings = TemplateMap((keys.union(["retired", "not_a_tag"])).map { ($0, TemplateValue.text("«\($0)»")) })
        let page = library.render(["t": .map(strings)], "page")
        let shown = Set(page.split(separator: "«").dropFirst().map { String($0.prefix { $0 != "»" }) })
        #expect(shown == keys, "\(page)")
        #expect(page.contains("{{t.not_a_tag}}"), "\(page)")
    }

}
