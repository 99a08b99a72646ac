/// The editorial state of an item. Transitions are made only by `Workflow`.
public enum ItemState: String, CaseIterable, Hashable, Sendable {
    case draft, review, approved, published, withdrawn
}

/// Who may see an item. Internal items never reach any output.
public enum Classification: String, CaseIterable, Hashable, Sendable {
    case `public`, `internal`
}

/// A translation's own review status.
public enum TranslationStatus: String, CaseIterable, Hashable, Sendable {
    case draft, approved
}
