import QuangBaContent
import QuangBaCore
import QuangBaText

/// When events take place, and the events listing: upcoming events first (soonest first, those
/// in progress among them), then past events (newest first). What the listing shows depends on
/// the moment of the build, so its plan input carries the day and each event's status.
///
/// Days and times are the province's (Asia/Ho_Chi_Minh). An event written with days only
/// (`start: 2026-12-09`) is stored at 00:00 UTC and is shown without a time of day; it lasts
/// from the start of its first local day to the end of its last.
extension EventDetails {
    /// Written with days only: both ends at 00:00 UTC, as a bare `YYYY-MM-DD` is stored.
    var isAllDay: Bool { start.secondsSince1970 % 86_400 == 0 && end.secondsSince1970 % 86_400 == 0 }

    /// When the event begins: its start, or the first local midnight of its first day.
    var begins: Timestamp {
        isAllDay ? Timestamp(secondsSince1970: start.secondsSince1970 - Int64(LocaleFormat.zoneOffset(at: start))) : start
    }

    /// When it is over: its end, or the local midnight after its last day.
    var ends: Timestamp {
        isAllDay ? Timestamp(secondsSince1970: end.secondsSince1970 + 86_400 - Int64(LocaleFormat.zoneOffset(at: end))) : end
    }

    /// Within one local day.
    var isOneDay: Bool { LocaleFormat.localDay(start) == LocaleFormat.localDay(end) }

    enum Status: String { case upcoming, nowOn = "now-on", past }

    func status(at now: Timestamp) -> Status { now < begins ? .upcoming : now < ends ? .nowOn : .past }

    /// The `datetime` of its start: the local day for an all-day event, else the local time
    /// with the zone's offset.
    var startMachine: String { isAllDay ? start.day : LocaleFormat.localISO8601(start) }
    var endMachine: String { isAllDay ? end.day : LocaleFormat.localISO8601(end) }

    /// When it takes place in the language's words: the days, with the hours of a one-day
    /// event; `withTimes` also gives the hours of a longer one (its own page says them).
    func when(_ l: LanguageCode, withTimes: Bool) -> String {
        let skeleton = !isAllDay && (withTimes || isOneDay) ? "yMMMMdjjmm" : "yMMMMd"
        return LocaleFormat.interval(start, end, language: l, skeleton: skeleton)
    }
}

/// The events of one language split at a moment.
struct EventSchedule {
    /// Upcoming and in progress, soonest first.
    let upcoming: [ItemView]
    /// Over, the latest first.
    let past: [ItemView]
    let now: Timestamp

    init(_ views: [ItemView], now: Timestamp) {
        self.now = now
        let events = views.compactMap { v in v.item.details.event.map { (v, $0) } }
        upcoming = events.filter { $0.1.status(at: now) != .past }
            .sorted { ($0.1.start, $0.0.id.rawValue) < ($1.1.start, $1.0.id.rawValue) }.map(\.0)
        past = events.filter { $0.1.status(at: now) == .past }
            .sorted { ($0.1.start, $1.0.id.rawValue) > ($1.1.start, $0.0.id.rawValue) }.map(\.0)
    }

    /// Every upcoming event is on the first page (they are few: the ones announced); past
    /// events, which only grow, are paginated after them.
    var pages: Int { max(1, (past.count + PageRenderer.perPage - 1) / PageRenderer.perPage) }

    func past(page n: Int) -> ArraySlice<ItemView> { past.dropFirst((n - 1) * PageRenderer.perPage).prefix(PageRenderer.perPage) }

    func status(_ v: ItemView) -> EventDetails.Status { v.item.details.event?.status(at: now) ?? .past }
}

extension PageRenderer {
    func events(_ l: LanguageCode, page n: Int, pages: Int) -> [UInt8] {
        let path = SitePaths.listing(.event, l, page: n)
        let t = strings[l]!
        let title = t["nav_events"]
        let schedule = EventSchedule(content.list(l, kind: .event), now: content.now)
        // Later pages differ between languages, so only the first carries the hreflang set.
        var f = frame(path, l, title: n > 1 ? title + " – " + t.format("page_n_of_m", ["page": "\(n)", "pages": "\(pages)"]) : title,
                      everyLanguage: n == 1 ? { SitePaths.listing(.event, $0) } : nil)
        f.navCurrent = SitePaths.listing(.event, l)
        f.breadcrumbs.append((title, nil))
        // The first picture of the page is above the fold: not lazy.
        let upcoming = n == 1 ? schedule.upcoming : []
        let pastViews = Array(schedule.past(page: n))
        let firstPicture = (upcoming + pastViews).first { picture(of: $0, from: path) != nil }?.id
        let past = pastViews.map { card($0, from: path, eager: $0.id == firstPicture) }
        var body: TemplateMap = [
            "heading": .text(title),
            "firstPage": .flag(n == 1),
            "upcoming": .list(upcoming.map { eventCard($0, status: schedule.status($0), from: path, eager: $0.id == firstPicture) }),
            "pastBlock": past.isEmpty ? .flag(false) : ["cards": .list(past)],
        ]
        if let p = pagination({ SitePaths.listing(.event, l, page: $0) }, page: n, pages: pages, from: path, t) { body["pagination"] = p }
        return page(f, template: "events", body)
    }

    /// An upcoming event's card, saying so when it is in progress. Rendered for its page only
    /// (not a shared fragment): what it says depends on the moment of the build.
    func eventCard(_ v: ItemView, status: EventDetails.Status, from: String, eager: Bool = false) -> TemplateValue {
        guard status == .nowOn else { return card(v, from: from, eager: eager) }
        var ctx = cardContext(v, from: from)
        let t = strings[v.language]!
        ctx["t"] = t.value
        ctx["eager"] = .flag(eager)
        ctx["level"] = .number(3)
        ctx["status"] = .text(t["event_now_on"])
        return ["html": .html(templates.render(ctx, "card"))]
    }

    /// What an event's card says instead of its publication date: when and where it takes place.
    func eventCardFields(_ v: ItemView, _ d: EventDetails) -> [(String, TemplateValue)] {
        var c: [(String, TemplateValue)] = [("date", .text(d.when(v.language, withTimes: false))), ("dateISO", .text(d.startMachine))]
        if let place = v.text.fields["place"], !place.isEmpty { c.append(("place", .text(place))) }
        return c
    }
}
