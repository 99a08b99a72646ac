import QuangBaContent
import QuangBaCore

/// The pages every portal of a state agency publishes in each of its languages: how to
/// reach the publisher (and its departments), the accessibility statement, the privacy notice.
extension PageRenderer {
    enum InfoPage: String, CaseIterable, Sendable {
        case contact, accessibility, privacy

        func path(_ l: LanguageCode) -> String {
            switch self {
            case .contact: SitePaths.contact(l)
            case .accessibility: SitePaths.accessibility(l)
            case .privacy: SitePaths.privacy(l)
            }
        }

        /// The UI strings of its paragraphs: `<page>_p1`, `<page>_p2`, … (the contact page has
        /// its facts instead).
        var paragraphs: [String] {
            switch self {
            case .contact: ["contact_intro"]
            case .accessibility: (1...5).map { "accessibility_p\($0)" }
            case .privacy: (1...4).map { "privacy_p\($0)" }
            }
        }
    }

    func infoPage(_ kind: InfoPage, _ l: LanguageCode) -> [UInt8] {
        let path = kind.path(l)
        let t = strings[l]!
        let title = t[kind.rawValue + "_title"]
        var f = frame(path, l, title: title, everyLanguage: kind.path)
        f.breadcrumbs.append((title, nil))
        let email = config.portal.contact.email ?? config.adminEmail
        let args = ["site": siteName(l), "email": email]
        var body: TemplateMap = [
            "heading": .text(title),
            "paragraphs": .list(kind.paragraphs.map { ["text": .text(t.format($0, args))] }),
        ]
        if kind == .contact {
            if let facts = contactFacts(l) { body["contact"] = .map(facts) }
            body["hasUnits"] = .flag(!config.units.codes.isEmpty)
            body["units"] = .list(config.units.codes.map { code -> TemplateValue in
                ["name": .text(unitName(code, l)), "href": .text(link(path, SitePaths.unit(code, l)))]
            })
        } else if !email.isEmpty {
            body["feedback"] = ["email": .text(email), "text": .text(t["info_feedback"])]
        }
        return page(f, template: "info-page", body)
    }
}
