/// The versions of an item that a second person approved, kept beside the working files
/// (`item.approved.yaml`, `<lang>.approved.md`), and the public view made from them.
///
/// An edit after approval changes the working files only. What the public sees keeps coming
/// from the approved versions until someone other than the editors approves the change: the
/// record's content fields and the source text from the item's approval, each translation from
/// its own. The fields the workflow and the gate own (state, publication and withdrawal times,
/// classification, embargo, and `updated`, which dates the record for harvesters and so must be
/// the date the index selects by) always come from the working record: they take effect at once,
/// and never widen what was approved (an internal or embargoed item stays out whatever its
/// approved version says). Without an approved version (an item approved before versions were
/// kept, or written by hand) the working files are what was approved.
public struct ApprovedVersions: Hashable, Sendable {
    public var item: Item?
    public var translations: [LanguageCode: Translation]

    public init(item: Item? = nil, translations: [LanguageCode: Translation] = [:]) {
        self.item = item; self.translations = translations
    }

    public var isEmpty: Bool { item == nil && translations.isEmpty }

    /// The approved record with the working record's workflow and gate fields.
    public static func overlay(_ approved: Item, _ live: Item) -> Item {
        var a = approved
        a.state = live.state
        a.published = live.published
        a.withdrawn = live.withdrawn
        a.classification = live.classification
        a.embargo = live.embargo
        a.updated = live.updated
        return a
    }

    /// Whether the item's record or source text differs from its approved version in anything
    /// but the workflow's own fields (and `updated`, which every write moves).
    public func itemChanged(_ live: Item, source: Translation?) -> Bool {
        if recordChanged(live) { return true }
        guard item != nil, let source, let approvedSource = translations[live.sourceLanguage] else { return false }
        return !Self.sameText(source, approvedSource, kind: live.kind)
    }

    /// Whether the record (item.yaml) differs from its approved version beyond the workflow's fields.
    public func recordChanged(_ live: Item) -> Bool {
        guard let approved = item else { return false }
        return Self.overlay(approved, live) != live
    }

    /// Whether an approved translation was edited since its approval.
    public func translationChanged(_ live: Translation, kind: ItemKind) -> Bool {
        guard let approved = translations[live.language] else { return false }
        return !Self.sameText(live, approved, kind: kind)
    }

    static func sameText(_ a: Translation, _ b: Translation, kind: ItemKind) -> Bool {
        a.contentHash(kind: kind) == b.contentHash(kind: kind)
    }

    /// What the public may see of an item: the approved versions where there are some, under
    /// the working record's workflow and gate fields. A translation is public only while its
    /// working file says approved (a rejected one goes at once) and the file exists.
    public func publicView(of live: Item, _ translations: [Translation]) -> (item: Item, translations: [Translation]) {
        guard !isEmpty else { return (live, translations) }
        let snapshotted = item != nil && [.approved, .published, .withdrawn].contains(live.state)
        let viewItem = snapshotted ? Self.overlay(item!, live) : live
        let view = translations.map { t -> Translation in
            if t.language == live.sourceLanguage {
                return snapshotted ? (self.translations[t.language] ?? t) : t
            }
            guard t.status == .approved, var a = self.translations[t.language] else { return t }
            a.status = .approved
            return a
        }
        return (viewItem, view)
    }
}
