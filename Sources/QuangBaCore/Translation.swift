/// One language version of an item (its `<lang>.md`): translatable fields and the Markdown body.
public struct Translation: Hashable, Sendable {
    public var language: LanguageCode
    /// Translatable fields by name (`title`, `summary`, and the kind's extra fields). Absent = not written.
    public var fields: [String: String]
    public var body: String
    public var status: TranslationStatus?
    public var translator: String?
    public var sourceHash: String?

    public init(language: LanguageCode, fields: [String: String] = [:], body: String = "",
                status: TranslationStatus? = nil, translator: String? = nil, sourceHash: String? = nil) {
        self.language = language; self.fields = fields; self.body = body
        self.status = status; self.translator = translator; self.sourceHash = sourceHash
    }

    public var title: String { fields["title"] ?? "" }
    public var summary: String? { fields["summary"] }

    /// The hash a translation records of the source text it was made from: SHA-256 over
    /// `name=value` lines of the translatable fields in canonical order, then `body=` and the body.
    public func contentHash(kind: ItemKind) -> String {
        var sha = SHA256()
        for name in kind.translatableFields { sha.update("\(name)=\(fields[name] ?? "")\n".utf8) }
        sha.update("body=".utf8)
        sha.update(body.utf8)  // hashed where it lies: no copy of the body
        return "sha256:" + sha.finalize().hexString
    }

    /// The fields of a source version that differ from an older one, in canonical order, then
    /// `body`: what a translation made from `old` has to catch up with. An absent field counts
    /// as empty, as in `contentHash`.
    public func changedFields(since old: Translation, kind: ItemKind) -> [String] {
        kind.translatableFields.filter { (fields[$0] ?? "") != (old.fields[$0] ?? "") } + (body == old.body ? [] : ["body"])
    }
}
