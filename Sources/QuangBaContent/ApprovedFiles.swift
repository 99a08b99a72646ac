import Foundation
public import QuangBaCore

/// The names of the approved versions kept in an item's folder (`ApprovedVersions`):
/// `item.approved.yaml` beside `item.yaml`, `<lang>.approved.md` beside each `<lang>.md`.
/// quangba writes them when a second person approves; nobody edits them.
public enum ApprovedFiles {
    public static let item = "item.approved.yaml"
    static let suffix = ".approved.md"

    public static func name(of language: LanguageCode) -> String { language.rawValue + suffix }

    public static func isApproved(_ name: String) -> Bool { name == item || name.hasSuffix(suffix) }

    static func language(_ name: String) -> LanguageCode? {
        name.hasSuffix(suffix) ? LanguageCode(String(name.dropLast(suffix.count))) : nil
    }
}
