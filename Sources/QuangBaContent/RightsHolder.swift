public import QuangBaCore

extension RepositoryConfig {
    /// A media item's rights holder as shown in `language`: a known holder (`holders:`) by its
    /// name in that language, else the item's own form in that language, else the source
    /// language's; with the language the text is written in (for `lang` in HTML). Nil when the
    /// item names none.
    public func holder(of item: Item, in language: LanguageCode) -> (text: String, language: LanguageCode)? {
        guard let m = item.details.media, let h = m.holder, !h.isEmpty else { return nil }
        if let names = holders[h] {
            if let name = names[language] { return (name, language) }
            if let name = names[sourceLanguage] { return (name, sourceLanguage) }
        }
        if language != item.sourceLanguage, let t = m.holderTranslations[language], !t.isEmpty { return (t, language) }
        return (h, item.sourceLanguage)
    }
}
