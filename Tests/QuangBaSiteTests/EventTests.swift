import Foundation
import Testing
import QuangBaCore
@testable import QuangBaSite

/// The sample site's events: in order, upcoming before past, with their own dates (never the
/// date they were published). How the five languages write ranges of dates: DateIntervalTests.
///
/// The sample's three events (local time, UTC+7): the investment conference on 9 December 2026,
/// 08:00–16:30, published 10 November 2026; the Mẫu Sơn winter tourism week, 8 January 2027
/// 08:00 to 14 January 17:00, published 18 November 2026; the Kỳ Lừa festival, 10 March 2026
/// 07:30 to 12 March 17:00.
@Suite struct EventDateTests {
    static func t(_ s: String) -> Timestamp { Timestamp(parsing: s)! }

    /// An event written with days only is stored at 00:00 UTC: shown without hours, over at
    /// the end of its last local day.
    @Test func eventsOfWholeDays() {
        var d = EventDetails()
        d.start = Timestamp(parsing: "2027-02-03", allowDate: true)!
        d.end = Timestamp(parsing: "2027-02-05", allowDate: true)!
        #expect(d.isAllDay)
        #expect(d.startMachine == "2027-02-03" && d.endMachine == "2027-02-05")
        #expect(d.when(LanguageCode("en"), withTimes: true) == "February 3\u{2009}–\u{2009}5, 2027")
        // 5 February 23:59 in Lạng Sơn is 16:59 UTC: still on; at local midnight, over.
        #expect(d.status(at: Self.t("2027-02-05T16:59:00Z")) == .nowOn)
        #expect(d.status(at: Self.t("2027-02-05T17:00:00Z")) == .past)
        // It begins at local midnight, 17:00 UTC the day before.
        #expect(d.status(at: Self.t("2027-02-02T16:59:59Z")) == .upcoming)
        #expect(d.status(at: Self.t("2027-02-02T17:00:00Z")) == .nowOn)
    }
}

/// The split and order of a listing's events, and its pages: every upcoming event on the
/// first page, past events 20 to a page after them.
@Suite struct EventScheduleTests {
    static func event(_ id: String, _ start: String, _ end: String) -> ItemView {
        var item = Item(id: ItemID(id)!, kind: .event, sourceLanguage: LanguageCode("vi"), created: Timestamp(secondsSince1970: 0), author: "A", unit: "u")
        var d = EventDetails()
        d.start = Timestamp(parsing: start)!
        d.end = Timestamp(parsing: end)!
        item.details = .event(d)
        return ItemView(item: item, text: Translation(language: LanguageCode("vi"), fields: ["title": id]), language: LanguageCode("vi"), isFallback: false, languages: [LanguageCode("vi")])
    }

    @Test func upcomingSoonestFirstPastNewestFirst() {
        let now = Timestamp(parsing: "2026-12-09T05:00:00Z")!
        // 45 past events, one a day in 2025 (ids in no date order), one in progress, two to come.
        var views = (0..<45).map { i in
            let day = Timestamp(secondsSince1970: Timestamp(parsing: "2025-01-01T01:00:00Z")!.secondsSince1970 + Int64(i) * 86_400)
            return Self.event("past-\((i * 7) % 45)-\(i)", day.description, Timestamp(secondsSince1970: day.secondsSince1970 + 3600).description)
        }
        views.append(Self.event("later", "2027-01-08T01:00:00Z", "2027-01-14T10:00:00Z"))
        views.append(Self.event("on-now", "2026-12-09T01:00:00Z", "2026-12-09T09:30:00Z"))
        views.append(Self.event("soon", "2026-12-20T01:00:00Z", "2026-12-20T03:00:00Z"))
        let s = EventSchedule(views.shuffled(), now: now)
        #expect(s.upcoming.map(\.id.rawValue) == ["on-now", "soon", "later"])
        #expect(s.status(s.upcoming[0]) == .nowOn && s.status(s.upcoming[1]) == .upcoming)
        #expect(s.past.count == 45 && s.pages == 3)
        // Newest first: the last day of the 45 (14 February 2025) opens the list.
        #expect(s.past(page: 1).first?.item.details.event?.start == Timestamp(parsing: "2025-02-14T01:00:00Z"))
        #expect(s.past(page: 1).count == 20 && s.past(page: 3).count == 5)
        #expect(s.past(page: 3).last?.item.details.event?.start == Timestamp(parsing: "2025-01-01T01:00:00Z"))
        #expect(zip(s.past, s.past.dropFirst()).allSatisfy { $0.item.details.event!.start > $1.item.details.event!.start })
        // An event that has ended is past from that second.
        #expect(EventSchedule(views, now: Timestamp(parsing: "2026-12-09T09:30:00Z")!).upcoming.map(\.id.rawValue) == ["soon", "later"])
    }
}

@Suite(.serialized) struct EventSiteTests {
    static let conference = "hoi-nghi-xuc-tien-dau-tu-tinh-lang-son-nam-2026"
    static let winterWeek = "tuan-du-lich-mua-dong-mau-son-2027"
    static let festival = "le-hoi-ky-lua-nam-2026"

    /// Where each id first appears in the text (a card links to its item's page).
    static func position(_ id: String, in html: String) -> Int? {
        html.range(of: "/events/" + id + "/")?.lowerBound.utf16Offset(in: html)
    }

    /// The text of the section whose heading has id `h`.
    static func section(_ h: String, _ html: String) -> String {
        guard let start = html.range(of: "id=\"\(h)\"") else { return "" }
        let rest = html[start.upperBound...]
        return String(rest[..<(rest.range(of: "</section>")?.lowerBound ?? rest.endIndex)])
    }

    /// On 9 December 2026 at noon in Lạng Sơn the conference is on: it is listed first among
    /// the upcoming events, the winter week after it, and the March festival under past
    /// events. The next day the conference has moved to the past, newest first; the
    /// incremental build rewrote the listing though no content changed.
    @Test func listingOrderFollowsTheEventsDates() throws {
        let r = try SampleRepo()
        try r.build(now: Timestamp(parsing: "2026-12-09T05:00:00Z")!)
        let en = r.read("en/events/index.html")
        let upcoming = Self.section("h-upcoming", en), past = Self.section("h-past", en)
        let c = try #require(Self.position(Self.conference, in: upcoming)), w = try #require(Self.position(Self.winterWeek, in: upcoming))
        #expect(c < w)
        #expect(Self.position(Self.festival, in: upcoming) == nil)
        #expect(Self.position(Self.festival, in: past) != nil)
        #expect(upcoming.contains("Now on"))
        #expect(en.contains(">Upcoming</h2>") && en.contains(">Past events</h2>"))
        let ja = r.read("ja/events/index.html")
        #expect(ja.contains(">開催予定</h2>") && ja.contains(">過去のイベント</h2>") && ja.contains("開催中"))

        // The home page's upcoming block: the same two, soonest first.
        let home = Self.section("h-events", r.read("en/index.html"))
        let hc = try #require(Self.position(Self.conference, in: home)), hw = try #require(Self.position(Self.winterWeek, in: home))
        #expect(hc < hw && Self.position(Self.festival, in: home) == nil)

        try r.build(now: Timestamp(parsing: "2026-12-10T02:00:00Z")!)
        let next = r.read("en/events/index.html")
        let upcoming2 = Self.section("h-upcoming", next), past2 = Self.section("h-past", next)
        #expect(Self.position(Self.winterWeek, in: upcoming2) != nil && Self.position(Self.conference, in: upcoming2) == nil)
        let pc = try #require(Self.position(Self.conference, in: past2)), pf = try #require(Self.position(Self.festival, in: past2))
        #expect(pc < pf)
        #expect(!next.contains("Now on"))
        let home2 = Self.section("h-events", r.read("en/index.html"))
        #expect(Self.position(Self.conference, in: home2) == nil && Self.position(Self.winterWeek, in: home2) != nil)
    }

    /// Cards and pages say when the event takes place, not when it was published.
    @Test func cardsAndPagesShowTheEventsDates() throws {
        let r = try SampleRepo()
        try r.build()
        let list = r.read("en/events/index.html")
        // The conference: one day with its hours; the week: its days.
        #expect(list.contains("<time datetime=\"2026-12-09T08:00:00+07:00\">December 9, 2026, 8:00\u{202F}AM\u{2009}–\u{2009}4:30\u{202F}PM</time>"))
        #expect(list.contains("<time datetime=\"2027-01-08T08:00:00+07:00\">January 8\u{2009}–\u{2009}14, 2027</time>"))
        #expect(!list.contains("November 10, 2026") && !list.contains("November 18, 2026"))
        let vi = r.read("vi/events/index.html")
        #expect(vi.contains("8\u{2009}–\u{2009}14 tháng 1, 2027") && vi.contains("08:00–16:30, 9 tháng 12, 2026"))
        #expect(r.read("zh-hans/events/index.html").contains("2027年1月8日至14日"))
        #expect(r.read("ko/index.html").contains("2027년 1월 8일~14일"))

        // The week's own page: its range with the hours, and where.
        let page = r.read("ja/events/\(Self.winterWeek)/index.html")
        #expect(page.contains("<time datetime=\"2027-01-08T08:00:00+07:00\">2027年1月8日 8:00～2027年1月14日 17:00</time>"))
        // The place names the locality already (マウソン): not said twice.
        #expect(page.contains("ランソン省マウソン村、マウソン観光区") && !page.contains("マウソン観光区, マウソン"))

        // JSON-LD: an Event with local times, organiser, place and picture.
        let enPage = r.read("en/events/\(Self.conference)/index.html")
        let json = try #require(Self.jsonLD(enPage, type: "Event"))
        #expect(json["@type"] as? String == "Event")
        #expect(json["startDate"] as? String == "2026-12-09T08:00:00+07:00")
        #expect(json["endDate"] as? String == "2026-12-09T16:30:00+07:00")
        #expect(json["eventStatus"] as? String == "https://schema.org/EventScheduled")
        #expect(json["eventAttendanceMode"] as? String == "https://schema.org/OfflineEventAttendanceMode")
        let organizer = try #require(json["organizer"] as? [String: Any])
        #expect(organizer["@type"] as? String == "GovernmentOrganization")
        let location = try #require(json["location"] as? [String: Any])
        #expect(location["@type"] as? String == "Place")
        #expect((location["geo"] as? [String: Any])?["latitude"] as? Double == 21.847)
        #expect((location["address"] as? [String: Any])?["addressCountry"] as? String == "VN")
        #expect((json["image"] as? String)?.hasPrefix("https://langson.quangba.example/files/cua-khau-huu-nghi/") == true)
    }

    /// The first JSON-LD object of `type` in the page (in any of its scripts, or in a `@graph`).
    static func jsonLD(_ html: String, type: String) -> [String: Any]? {
        var rest = html[...]
        while let a = rest.range(of: "<script type=\"application/ld+json\">"), let b = rest.range(of: "</script>", range: a.upperBound..<rest.endIndex) {
            let value = try? JSONSerialization.jsonObject(with: Data(rest[a.upperBound..<b.lowerBound].utf8))
            let objects = (value as? [String: Any]).map { [$0] + (($0["@graph"] as? [[String: Any]]) ?? []) } ?? (value as? [[String: Any]] ?? [])
            if let found = objects.first(where: { $0["@type"] as? String == type }) { return found }
            rest = rest[b.upperBound...]
        }
        return nil
    }
}
