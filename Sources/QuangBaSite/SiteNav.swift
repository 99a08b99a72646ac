import QuangBaCore

/// The site's main navigation, the same on every page of a language.
enum SiteNav {
    /// Sections in the order the navigation shows them.
    static let sections: [ItemKind] = [.article, .clarification, .project, .event, .media, .publication]

    static func navKey(_ kind: ItemKind) -> String {
        switch kind {
        case .article: "articles"
        case .clarification: "clarifications"
        case .media: "media"
        case .project: "projects"
        case .event: "events"
        case .publication: "publications"
        }
    }

    /// Entries as (UI-string key, path) pairs: at most seven, so that the bar stays one line
    /// on a desktop screen and one swipe on a phone. Topics, departments and the contact page
    /// are in every page's footer.
    static func entries(_ l: LanguageCode) -> [(key: String, path: String)] {
        [("home", SitePaths.language(l))] + sections.map { ("nav_" + navKey($0), SitePaths.listing($0, l)) }
    }
}
