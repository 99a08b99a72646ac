import QuangBaCore

/// Whether a language version is really a translation of its source.
public enum TranslationCheck {
    /// Why `t` cannot be approved as a translation of `source`.
    public static func problems(_ t: Translation, source: Translation, kind: ItemKind) -> [Message] {
        t.contentHash(kind: kind) == source.contentHash(kind: kind) ? [Message("translation.identical", ["lang": t.language.rawValue])] : []
    }
}
