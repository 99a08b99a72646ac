import QuangBaCore

/// What the layout needs to know about a page besides its body: title, language, links to
/// its other language versions, breadcrumbs, structured data.
struct PageFrame {
    var path: String
    var language: LanguageCode
    var title: String
    var description = ""
    /// hreflang alternates (language tag or `x-default`, path), empty for pages outside a set.
    var alternates: [(hreflang: String, path: String)] = []
    var canonical: String? = nil
    /// Per language, where the switcher goes: the same page, or nil when it has no version there.
    var versions: [LanguageCode: String] = [:]
    var breadcrumbs: [(name: String, path: String?)] = []
    var navCurrent: String? = nil
    var jsonld: JSONLD.Value? = nil
    var ogType = "website"
    /// The picture shared with the page (Open Graph, Twitter); the portal's hero photo if nil.
    var ogImage: SharedImage? = nil
    /// Shown above the content when the source text stands in for a missing translation.
    var fallbackFrom: LanguageCode? = nil
    /// The chooser at `/` belongs to no language: the switcher marks none as current.
    var isLanguageNeutral = false
    /// Links from the site's root (404 pages are served at any URL, so relative links would
    /// break there, and on any host, so absolute ones would point elsewhere).
    var rootedLinks = false
}

/// A photo as a page shares it: its file, its alternative text and its size.
struct SharedImage {
    var path: String
    var alt: String
    var width: Int?
    var height: Int?
}
