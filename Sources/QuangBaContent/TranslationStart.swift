public import QuangBaCore

extension Repository {
    /// Starts the `language` version of an item from its source so that it cannot pass for a
    /// finished translation: a draft whose fields are empty, each under the source text as a
    /// comment, with an empty body (`ItemWriter.startedTranslationFile`), stamped with the
    /// source's hash, with the "translate" audit entry naming its translator. Returns the
    /// translation written.
    public func startTranslation(of item: Item, source: Translation, language: LanguageCode, translator: String, now: Timestamp = .now) throws -> Translation {
        let t = Translation(language: language, status: .draft, translator: translator, sourceHash: source.contentHash(kind: item.kind))
        let entry = try Workflow.createEntry(item, language: language, by: translator, now: now)
        var record = item
        record.updated = now
        var files = try checkedFiles(record, translations: [t])
        let text = ItemWriter.startedTranslationFile(t, source: source, kind: item.kind)
        // The comments must not change what the file says: it reads back as `t`, with no error.
        var diagnostics: [Diagnostic] = []
        let read = reader.parseTranslation(text, language: language, kind: item.kind, isSource: false, file: files[1].path, diagnostics: &diagnostics)
        guard read == t, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw QuangBaError(Message("item.refused"), at: Location(item: item.id), diagnostics: diagnostics.filter { $0.severity == .error })
        }
        files[1].text = text
        try write(record, translations: [t], files: files, audit: [entry])
        return t
    }
}
