import QuangBaCore

/// The codes of content (kinds, states, classification, project form and status, licences) in
/// the UI language, for what people read; files, JSON and commands keep the codes themselves.
/// Switches, so that a new case cannot go without a name.
extension Console {
    static func kindName(_ k: ItemKind) -> String {
        switch k {
        case .article: text("code.kind_article")
        case .clarification: text("code.kind_clarification")
        case .media: text("code.kind_media")
        case .project: text("code.kind_project")
        case .event: text("code.kind_event")
        case .publication: text("code.kind_publication")
        }
    }

    static func stateName(_ s: ItemState) -> String {
        switch s {
        case .draft: text("code.state_draft")
        case .review: text("code.state_review")
        case .approved: text("code.state_approved")
        case .published: text("code.state_published")
        case .withdrawn: text("code.state_withdrawn")
        }
    }

    static func classificationName(_ c: Classification) -> String {
        switch c {
        case .public: text("code.classification_public")
        case .internal: text("code.classification_internal")
        }
    }

    static func translationStatusName(_ s: TranslationStatus) -> String {
        switch s {
        case .draft: text("code.translation_draft")
        case .approved: text("code.translation_approved")
        }
    }

    static func formName(_ f: InvestmentForm) -> String {
        switch f {
        case .fdi: text("code.form_fdi")
        case .domestic: text("code.form_domestic")
        case .ppp: text("code.form_ppp")
        case .jointVenture: text("code.form_joint_venture")
        case .foreign100: text("code.form_foreign_100")
        case .bcc: text("code.form_bcc")
        }
    }

    static func projectStatusName(_ s: ProjectStatus) -> String {
        switch s {
        case .calling: text("code.status_calling")
        case .negotiating: text("code.status_negotiating")
        case .licensed: text("code.status_licensed")
        case .implementing: text("code.status_implementing")
        case .operating: text("code.status_operating")
        }
    }

    /// The licence's name, with its short code (which `media add --licence` takes).
    static func licenceName(_ l: Licence) -> String { "\(licenceTitle(l)) (\(l.code))" }

    /// The licence's name alone.
    static func licenceTitle(_ l: Licence) -> String {
        switch l {
        case .cc0: text("code.licence_cc0")
        case .ccBy: text("code.licence_cc_by")
        case .ccBySa: text("code.licence_cc_by_sa")
        case .ccByNd: text("code.licence_cc_by_nd")
        case .ccByNc: text("code.licence_cc_by_nc")
        case .ccByNcSa: text("code.licence_cc_by_nc_sa")
        case .ccByNcNd: text("code.licence_cc_by_nc_nd")
        case .allRightsReserved: text("code.licence_all_rights_reserved")
        }
    }
}
