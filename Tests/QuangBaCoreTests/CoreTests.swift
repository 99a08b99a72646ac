import Foundation
import Testing
@testable import QuangBaCore

@Suite struct SHA256Tests {
    // FIPS 180-4 test vectors.
    @Test func knownVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalEqualsOneShot() {
        let data = (0..<1000).map { UInt8($0 % 251) }
        var s = SHA256()
        s.update(data[0..<3]); s.update(data[3..<700]); s.update(data[700...])
        #expect(s.finalize().hexString == SHA256.hex(data))
    }
}

@Suite struct TimestampTests {
    @Test func roundTrip() {
        for text in ["1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "2026-11-21T10:00:00Z", "1900-03-01T12:00:00Z"] {
            #expect(Timestamp(parsing: text)?.description == text)
        }
        #expect(Timestamp(parsing: "2026-11-21T10:00:00Z")?.secondsSince1970 == 1_795_255_200)
    }

    @Test func rejectsWhatIsNotUTCSeconds() {
        for bad in ["2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-21T10:00:00+07:00", "2026-11-21 10:00:00Z",
                    "2026-11-21T24:00:00Z", "2026-11-21", "21/11/2026"] {
            #expect(Timestamp(parsing: bad) == nil, "\(bad)")
        }
        #expect(Timestamp(parsing: "2026-11-21", allowDate: true)?.description == "2026-11-21T00:00:00Z")
        // XML Schema's dates have no year 0.
        #expect(Timestamp(parsing: "0000-01-01T00:00:00Z") == nil && Timestamp(parsing: "0000-01-01", allowDate: true) == nil)
        #expect(Timestamp(parsing: "0001-01-01T00:00:00Z")?.description == "0001-01-01T00:00:00Z")
    }

    @Test func contentRangeIsTheYears1800To2199() {
        #expect(Timestamp.contentRange.lowerBound.description == "1800-01-01T00:00:00Z")
        #expect(Timestamp.contentRange.upperBound.description == "2199-12-31T23:59:59Z")
    }
}

@Suite struct ItemIDTests {
    @Test func validIDs() {
        #expect(ItemID("cho-ky-lua") != nil)
        #expect(ItemID("a1") != nil)
        #expect(ItemID("a") != nil && ItemID("0-9") != nil)
        for bad in ["", "-", "-a", "a-", "a--b", "Cho", "chợ", "a/b", "..", "a b", String(repeating: "a", count: 81)] {
            #expect(ItemID(bad) == nil, "\(bad)")
        }
    }
}

@Suite struct PublicationGateTests {
    let langs = [LanguageCode("vi"), LanguageCode("en")]
    let now = Timestamp(parsing: "2026-06-01T00:00:00Z")!

    func item(_ state: ItemState, _ c: Classification, embargo: String? = nil, kind: ItemKind = .article) -> Item {
        var i = Item(id: ItemID("x")!, kind: kind, sourceLanguage: LanguageCode("vi"), created: Timestamp(secondsSince1970: 0), author: "A", unit: "u")
        i.state = state; i.classification = c
        i.embargo = embargo.flatMap { Timestamp(parsing: $0) }
        if kind == .media { var m = MediaDetails(); m.file.type = "image/png"; i.details = .media(m) }
        return i
    }

    func tr(_ lang: String, _ status: TranslationStatus?, alt: String? = nil) -> Translation {
        var f = ["title": "T"]
        if let alt { f["alt"] = alt }
        return Translation(language: LanguageCode(lang), fields: f, status: status)
    }

    /// Every combination of the five item-level conditions: public only when all hold.
    @Test func truthTable() {
        for state in ItemState.allCases {
            for c in Classification.allCases {
                for embargo in [nil, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"] {
                    for enStatus in [TranslationStatus.draft, .approved] {
                        for errors in [0, 2] {
                            let v = PublicationGate.evaluate(item(state, c, embargo: embargo), translations: [tr("vi", nil), tr("en", enStatus)], errors: errors, languages: langs, now: now)
                            let itemPublic = state == .published && c == .public && embargo != "2027-01-01T00:00:00Z" && errors == 0
                            #expect(v.isPublic == itemPublic)
                            #expect(v.publicLanguages == (itemPublic ? (enStatus == .approved ? langs : [langs[0]]) : []))
                            #expect(v.itemReasons.contains(.invalid(errors: 2)) == (errors > 0))
                        }
                    }
                }
            }
        }
    }

    @Test func mediaNeedsAltTextPerLanguage() {
        let v = PublicationGate.evaluate(item(.published, .public, kind: .media),
                                         translations: [tr("vi", nil, alt: "Ảnh"), tr("en", .approved, alt: " ")], errors: 0, languages: langs, now: now)
        #expect(v.publicLanguages == [LanguageCode("vi")])
        #expect(v.languages[1].reasons == [.missingAltText])
    }

    @Test func publicItemCarriesOnlyPublicLanguages() {
        let p = PublicationGate.publicItem(item(.published, .public), translations: [tr("vi", nil), tr("en", .draft)], errors: 0, languages: langs, now: now)
        #expect(p?.translations.map(\.language) == [LanguageCode("vi")])
        #expect(PublicationGate.publicItem(item(.approved, .public), translations: [tr("vi", nil)], errors: 0, languages: langs, now: now) == nil)
        #expect(PublicationGate.publicItem(item(.published, .public), translations: [tr("vi", nil)], errors: 1, languages: langs, now: now) == nil)
    }

    /// A title or alt text of only spaces is missing, as Foundation's trimming would say, for
    /// every character.
    @Test func blankIsWhatTrimmingSpacesEmpties() {
        let samples = ["", " a ", "Lạng Sơn", "谅山", " \u{0301}", "\u{00A0} \u{2003}\t"]
            + (0..<0x110000).compactMap { Unicode.Scalar($0).map { String(Character($0)) } }
        for s in samples {
            #expect(PublicationGate.isBlank(s) == s.trimmingCharacters(in: .whitespaces).isEmpty, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

@Suite struct WorkflowTests {
    let now = Timestamp(parsing: "2026-06-01T00:00:00Z")!
    var draft: Item { Item(id: ItemID("x")!, kind: .article, sourceLanguage: LanguageCode("vi"), created: Timestamp(secondsSince1970: 0), author: "Nông Văn Minh", unit: "u") }

    @Test func fullCycle() throws {
        var i = draft
        var entries: [AuditEntry] = []
        for (action, by) in [(WorkflowAction.submit, "Nông Văn Minh"), (.approve, "Lý Thị Hạnh"), (.publish, "Lý Thị Hạnh"), (.withdraw, "Lý Thị Hạnh")] {
            let (next, e) = try Workflow.apply(action, to: i, by: by, note: nil, declaredNoSecrets: true, history: WorkflowHistory(), now: now)
            #expect(next.state == action.to)
            i = next; entries.append(e)
        }
        #expect(entries.map(\.from) == [.draft, .review, .approved, .published])
        #expect(entries[0].statement == Workflow.noSecretsStatement)
        #expect(i.published == now && i.withdrawn == now)
    }

    @Test func refusals() {
        #expect(throws: QuangBaError.self) { try Workflow.apply(.publish, to: draft, by: "B", note: nil, declaredNoSecrets: true, history: WorkflowHistory(), now: now) }
        #expect(throws: QuangBaError.self) { try Workflow.apply(.submit, to: draft, by: "B", note: nil, declaredNoSecrets: false, history: WorkflowHistory(), now: now) }
        var review = draft; review.state = .review
        do {
            _ = try Workflow.apply(.approve, to: review, by: "nông văn minh", note: nil, declaredNoSecrets: true, history: WorkflowHistory(), now: now)
            Issue.record("self-approval accepted")
        } catch let e as QuangBaError { #expect(e.message.key == "workflow.self_approval") } catch { Issue.record("\(error)") }
        var approvedInternal = draft; approvedInternal.state = .approved; approvedInternal.classification = .internal
        #expect(throws: QuangBaError.self) { try Workflow.apply(.publish, to: approvedInternal, by: "B", note: nil, declaredNoSecrets: true, history: WorkflowHistory(), now: now) }
    }

    /// A republished item keeps its first publication date.
    @Test func firstPublicationIsKept() throws {
        var i = draft; i.state = .approved; i.published = Timestamp(secondsSince1970: 5)
        let (p, _) = try Workflow.apply(.publish, to: i, by: "B", note: nil, declaredNoSecrets: true, history: WorkflowHistory(), now: now)
        #expect(p.published == Timestamp(secondsSince1970: 5))
    }
}

@Suite struct FourEyesTests {
    let now = Timestamp(parsing: "2026-06-01T00:00:00Z")!
    var review: Item {
        var i = Item(id: ItemID("x")!, kind: .article, sourceLanguage: LanguageCode("vi"), created: Timestamp(secondsSince1970: 0), author: "Nông Văn Minh", unit: "u")
        i.state = .review
        return i
    }

    /// One person however spelt: case, accents (including đ and the two places of a tone mark
    /// in NFD), runs of spaces, invisible characters.
    @Test func onePersonUnderEverySpelling() {
        let p = Person("Đặng Thị Hoà")!
        for other in ["đặng thị hoà", "DANG THI HOA", "Dang  Thi\tHoa", " Đặng Thị Hoà ", "Đă\u{323}ng Thị Hoà", "Đặng Thị Ho\u{200B}à", "Đặng Thị Hòa"] {
            #expect(p.isSame(as: other), "\(other)")
        }
        for other in ["Đặng Thị Hoa Mai", "Đặng Hoà", "", "   "] { #expect(!p.isSame(as: other), "\(other)") }
        #expect(Person("  \u{200B} ") == nil)
        #expect(Person("Lý  Thị   Hạnh")?.name == "Lý Thị Hạnh")
    }

    @Test func historyNamesTheSubmitterAndTheEditorsSinceApproval() throws {
        let id = ItemID("x")!
        func e(_ by: String, _ action: String) -> AuditEntry { AuditEntry(at: now, by: by, action: action, item: id, from: nil, to: nil, note: nil, statement: nil) }
        let entries = [e("A", "create"), e("B", "submit"), e("C", "approve"), e("D", "edit"), e("T", "translate:en"), e("U", "approve-translation:en"),
                       e("V", "edit-translation:en"), e("W", "edit-translation:ko"), e("X", "reject-translation:ko"),
                       AuditEntry(at: now, by: "Z", action: "edit", item: ItemID("y")!, from: nil, to: nil, note: nil, statement: nil)]
        let h = WorkflowHistory(entries, item: id)
        #expect(h.submitter == nil)
        #expect(h.editorsSinceApproval == ["D"])
        #expect(h.translationEditors[LanguageCode("en")] == ["V"] && h.translationEditors[LanguageCode("ko")] == ["W"])
        var edited = review
        edited.state = .published
        #expect(throws: QuangBaError.self) {
            try Workflow.apply(.approve, to: edited, by: "d", note: nil, declaredNoSecrets: false, history: h, changedSinceApproval: true, now: now)
        }
        let (same, entry) = try Workflow.apply(.approve, to: edited, by: "E", note: nil, declaredNoSecrets: false, history: h, changedSinceApproval: true, now: now)
        #expect(same.state == .published && entry.action == "approve-change")
        // Nothing to approve without a change.
        #expect(throws: QuangBaError.self) {
            try Workflow.apply(.approve, to: edited, by: "E", note: nil, declaredNoSecrets: false, history: h, now: now)
        }
        let submitted = WorkflowHistory([e("B", "submit")], item: id)
        #expect(throws: QuangBaError.self) {
            try Workflow.apply(.approve, to: review, by: "b", note: nil, declaredNoSecrets: false, history: submitted, now: now)
        }
    }

    /// The public view: the approved record and texts under the working record's workflow fields.
    @Test func thePublicSeesTheApprovedVersions() {
        var live = review
        live.state = .published
        live.published = now
        live.topics = ["edited"]
        var approved = review
        approved.topics = ["approved"]
        approved.state = .approved
        let src = LanguageCode("vi"), en = LanguageCode("en")
        let liveTexts = [Translation(language: src, fields: ["title": "Mới"]), Translation(language: en, fields: ["title": "New"], status: .approved)]
        let versions = ApprovedVersions(item: approved, translations: [src: Translation(language: src, fields: ["title": "Cũ"]),
                                                                       en: Translation(language: en, fields: ["title": "Old"], status: .approved)])
        let view = versions.publicView(of: live, liveTexts)
        #expect(view.item.topics == ["approved"] && view.item.state == .published && view.item.published == now)
        #expect(view.translations.map(\.title) == ["Cũ", "Old"])
        #expect(versions.itemChanged(live, source: liveTexts[0]))
        #expect(versions.translationChanged(liveTexts[1], kind: .article))
        // Withdrawing or classifying as internal acts at once, whatever was approved.
        live.classification = .internal
        #expect(versions.publicView(of: live, liveTexts).item.classification == .internal)
        // A rejected translation (draft again) is not served from its approved version.
        let rejected = [liveTexts[0], Translation(language: en, fields: ["title": "New"], status: .draft)]
        #expect(versions.publicView(of: live, rejected).translations[1].status == .draft)
    }
}

@Suite struct DecimalRuleTests {
    @Test func acceptsPlainDecimalsInRange() {
        #expect(DecimalRule.areaHa.accept("46.5") == 46.5)
        #expect(DecimalRule.areaHa.accept("1_000") == 1000)
        #expect(DecimalRule.areaHa.accept("0.0001") == 0.0001)
        #expect(DecimalRule.amount.accept("999999999999999") == 999_999_999_999_999)
        #expect(DecimalRule.amount.accept("1234567890123.45") == 1_234_567_890_123.45)
        #expect(DecimalRule.latitude.accept("-90") == -90)
        #expect(DecimalRule.longitude.accept("106.76150001") == 106.76150001)
    }

    /// What a computer writes, what is out of the schema's range, and what a double cannot keep.
    @Test func refusesEverythingElse() {
        let refused: [(DecimalRule, String)] = [
            (.amount, "1.7e308"), (.areaHa, "1e300"), (.areaHa, "1E3"), (.areaHa, "0x1p3"), (.areaHa, "0x10"), (.areaHa, "inf"),
            (.areaHa, "-inf"), (.areaHa, "nan"), (.areaHa, "infinity"), (.amount, "-5"), (.amount, "0"), (.amount, "-0"),
            (.areaHa, "10000000"), (.amount, "1000000000000000"), (.amount, "12345678901234.56"), (.amount, "1.005"),
            (.areaHa, "1.00001"), (.latitude, "90.00000001"), (.latitude, "1.123456789"), (.areaHa, ".5"), (.areaHa, "5."),
            (.areaHa, "+5"), (.areaHa, " 5"), (.areaHa, "5 "), (.areaHa, "1,5"), (.areaHa, "_1"), (.areaHa, "1_"), (.areaHa, "1__0"),
            (.areaHa, "1._5"), (.areaHa, "--1"), (.areaHa, ""), (.areaHa, "-"), (.areaHa, "٣"), (.areaHa, "１"), (.areaHa, "1.2.3"),
        ]
        for (rule, text) in refused { #expect(rule.accept(text) == nil, "\(text)") }
    }

    /// Writing an accepted value gives the text back (less grouping and trailing zeros), with no
    /// exponent, for values where Swift's own description would use one.
    @Test func formatWritesBackWhatWasAccepted() {
        let cases: [(DecimalRule, String, String)] = [
            (.areaHa, "46.5", "46.5"), (.latitude, "0.00000001", "0.00000001"), (.latitude, "-0.000015", "-0.000015"),
            (.amount, "999999999999999", "999999999999999"), (.amount, "1234567890123.45", "1234567890123.45"), (.areaHa, "12.50", "12.5"),
            (.amount, "1_000", "1000"), (.areaHa, "0.0001", "0.0001"), (.latitude, "-90", "-90"),
        ]
        for (rule, text, written) in cases {
            guard let v = rule.accept(text) else { Issue.record("\(text) refused"); continue }
            #expect(DecimalRule.format(v) == written)
        }
        #expect(DecimalRule.format(1e16) == "10000000000000000")
        #expect(DecimalRule.format(1.5e-7) == "0.00000015")
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let v = Double(Int64.random(in: 1..<1_000_000_000_000_000 / 1000, using: &rng)) / 100  // 15 digits, 2 of them decimals
            let text = DecimalRule.format(v)
            #expect(!text.contains("e") && DecimalRule.amount.accept(text) == v, "\(v) → \(text)")
        }
    }

    @Test func rangeTextIsReadable() {
        #expect(DecimalRule.areaHa.rangeText == "0 < x < 10 000 000")
        #expect(DecimalRule.latitude.rangeText == "-90 ≤ x ≤ 90")
    }
}

/// Messages and UI strings are filled in one pass: a value is shown as it is, never read again.
@Suite struct MessageFillTests {
    @Test func aValueHoldingAPlaceholderIsShownAsItIs() {
        #expect(Message.fill("{id}: {title} in {lang}", ["id": "cho-ky-lua", "title": "Chợ {lang} Kỳ Lừa", "lang": "vi"]) == "cho-ky-lua: Chợ {lang} Kỳ Lừa in vi")
        #expect(Message.fill("{a}{b}", ["a": "{b}", "b": "{a}"]) == "{b}{a}")
    }

    @Test func whatHasNoValueStaysAsWritten() {
        #expect(Message.fill("{known} {unknown} { lone } {", ["known": "x"]) == "x {unknown} { lone } {")
        #expect(Message.fill("no placeholder", ["a": "b"]) == "no placeholder")
        #expect(Message.fill("{}", ["": "empty name"]) == "empty name")
    }
}

/// Accept-Language as browsers send it, and the site language a reader gets (RFC 4647 lookup).
@Suite struct AcceptLanguageTests {
    static let site = ["vi", "en", "zh-Hans", "ja", "ko"].map { LanguageCode($0) }

    @Test(arguments: [
        ("ja,en-US;q=0.9,en;q=0.8", "ja"),
        ("en-GB,en;q=0.9", "en"),
        ("EN-us", "en"),
        ("zh-CN,zh;q=0.9", "zh-Hans"),
        ("zh-Hans-SG", "zh-Hans"),
        ("zh", "zh-Hans"),
        ("zh-TW,en;q=0.5", "en"),            // traditional Chinese does not take simplified
        ("zh-Hant-HK,zh-HK;q=0.9,ko;q=0.3", "ko"),
        ("fr-FR,fr;q=0.9,ko;q=0.8,vi;q=0.7", "ko"),
        ("de;q=0.9, vi", "vi"),              // weights, not order, decide
        ("ko;q=0,en", "en"),                 // q=0: not acceptable
        ("vi-VN;q=0.5,ja;q=0.5", "vi"),      // equal weights: the order
        ("ja;q=abc,en;q=0.1", "en"),         // a broken weight counts as 0
    ])
    func theBestLanguageOfTheSite(header: String, expected: String) {
        #expect(AcceptLanguage.best(header, among: Self.site) == LanguageCode(expected), "\(header)")
    }

    @Test(arguments: ["", "*", "fr-FR,de;q=0.8", "zh-TW", "ja;q=0", ",,;", "en;q=2"])
    func noLanguageOfTheSite(header: String) {
        #expect(AcceptLanguage.best(header, among: Self.site) == nil, "\(header)")
    }
}
