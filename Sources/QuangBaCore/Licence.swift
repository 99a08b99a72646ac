/// The controlled list of licences: Creative Commons by URI, or all rights reserved (which then
/// names a holder). A media item has its own; any other item may have one in its item.yaml, and
/// the repository's quangba.yaml gives the default.
public enum Licence: Hashable, Sendable, CaseIterable {
    case cc0, ccBy, ccBySa, ccByNd, ccByNc, ccByNcSa, ccByNcNd, allRightsReserved

    /// Short codes accepted on the command line, and the value stored in item.yaml.
    public static let table: [(code: String, licence: Licence, stored: String)] = [
        ("cc0-1.0", .cc0, "https://creativecommons.org/publicdomain/zero/1.0/"),
        ("cc-by-4.0", .ccBy, "https://creativecommons.org/licenses/by/4.0/"),
        ("cc-by-sa-4.0", .ccBySa, "https://creativecommons.org/licenses/by-sa/4.0/"),
        ("cc-by-nd-4.0", .ccByNd, "https://creativecommons.org/licenses/by-nd/4.0/"),
        ("cc-by-nc-4.0", .ccByNc, "https://creativecommons.org/licenses/by-nc/4.0/"),
        ("cc-by-nc-sa-4.0", .ccByNcSa, "https://creativecommons.org/licenses/by-nc-sa/4.0/"),
        ("cc-by-nc-nd-4.0", .ccByNcNd, "https://creativecommons.org/licenses/by-nc-nd/4.0/"),
        ("all-rights-reserved", .allRightsReserved, "all-rights-reserved"),
    ]

    /// Accepts either the stored value (URI) or the short code.
    public init?(_ text: String) {
        guard let row = Licence.table.first(where: { $0.stored == text || $0.code == text }) else { return nil }
        self = row.licence
    }
    public var stored: String { Licence.table.first { $0.licence == self }!.stored }
    /// The licence as a URI, for harvesters: all rights reserved is RightsStatements.org's
    /// "In Copyright" (https://rightsstatements.org/page/InC/1.0/), which aggregators accept.
    public var uri: String { self == .allRightsReserved ? "http://rightsstatements.org/vocab/InC/1.0/" : stored }
    public var code: String { Licence.table.first { $0.licence == self }!.code }
}
