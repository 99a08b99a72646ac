import Foundation

/// The one place that decides what may leave the repository. The site, the XML export and the
/// OAI-PMH server can only obtain `PublicItem` values, and only this gate can make them.
public enum PublicationGate {
    /// Why an item or one of its language versions is not public.
    public enum Reason: Hashable, Sendable {
        /// The item breaks rules of docs/content-format.md (what `quangba validate` reports, its
        /// own and those between items): nothing of it is public until they are fixed.
        case invalid(errors: Int)
        case notPublished(ItemState)
        case internalClassification
        case embargoed(until: Timestamp)
        case missingTranslation
        case translationNotApproved
        case missingAltText
        case missingTitle
    }

    public struct LanguageVerdict: Hashable, Sendable {
        public let language: LanguageCode
        public let reasons: [Reason]
        public var isPublic: Bool { reasons.isEmpty }
    }

    public struct Verdict: Hashable, Sendable {
        /// Reasons the item as a whole is not public (empty when it is).
        public let itemReasons: [Reason]
        public let languages: [LanguageVerdict]
        public var isPublic: Bool { itemReasons.isEmpty && languages.contains { $0.isPublic } }
        public var publicLanguages: [LanguageCode] { isPublic ? languages.filter(\.isPublic).map(\.language) : [] }
    }

    /// Judges an item and each configured language at the instant `now`. `errors`: how many
    /// validation errors the item has, its own and those between items (`CrossItemRules`).
    public static func evaluate(_ item: Item, translations: [Translation], errors: Int, languages: [LanguageCode], now: Timestamp) -> Verdict {
        var itemReasons: [Reason] = []
        if errors > 0 { itemReasons.append(.invalid(errors: errors)) }
        if item.state != .published { itemReasons.append(.notPublished(item.state)) }
        if item.classification != .public { itemReasons.append(.internalClassification) }
        if let e = item.embargo, e > now { itemReasons.append(.embargoed(until: e)) }
        let byLang = Dictionary(translations.map { ($0.language, $0) }, uniquingKeysWith: { a, _ in a })
        let verdicts = languages.map { lang -> LanguageVerdict in
            guard let t = byLang[lang] else { return LanguageVerdict(language: lang, reasons: [.missingTranslation]) }
            var reasons: [Reason] = []
            if lang != item.sourceLanguage, t.status != .approved { reasons.append(.translationNotApproved) }
            if isBlank(t.title) { reasons.append(.missingTitle) }
            if item.kind == .media, item.details.media?.isImage ?? true,
               isBlank(t.fields["alt"] ?? "") { reasons.append(.missingAltText) }
            return LanguageVerdict(language: lang, reasons: reasons)
        }
        return Verdict(itemReasons: itemReasons, languages: verdicts)
    }

    /// Empty or only spaces, tabs and zero-width spaces: exactly what
    /// `trimmingCharacters(in: .whitespaces)` would empty, decided at the first other character
    /// (the gate runs for every item a sync reads).
    static func isBlank(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// The public view of an item, or nil when nothing of it is public. Whether it was public
    /// before is the record ledger's to know (QuangBaStore's `RecordLedger`).
    public static func publicItem(_ item: Item, translations: [Translation], errors: Int, languages: [LanguageCode], now: Timestamp) -> PublicItem? {
        let verdict = evaluate(item, translations: translations, errors: errors, languages: languages, now: now)
        guard verdict.isPublic else { return nil }
        let allowed = Set(verdict.publicLanguages)
        return PublicItem(item: item, translations: translations.filter { allowed.contains($0.language) }
            .sorted { languages.firstIndex(of: $0.language)! < languages.firstIndex(of: $1.language)! })
    }
}

/// An item as outputs may show it: only its public language versions.
public struct PublicItem: Hashable, Sendable {
    public let item: Item
    public let translations: [Translation]
    fileprivate init(item: Item, translations: [Translation]) { self.item = item; self.translations = translations }
    public func translation(_ lang: LanguageCode) -> Translation? { translations.first { $0.language == lang } }
}
