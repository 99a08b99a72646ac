"""Every kind of page of a built site, in every language, checked as a reader would.

The page kinds come from the built site, not from a list: one page per folder
pattern (home, each listing, one item of each section, media split by what
they show, the language 404 and root pages). Each page is loaded once, at
1280×900 and then at 390×844 (a phone, through Chromium's device emulation),
and gets:
- a full-page screenshot at each width: SHOTS/<width>/<lang>/<kind>.png;
- axe-core (the copy bundled with its Python binding from PyPI) with zero
  WCAG 2.0/2.1/2.2 A and AA violations;
- og:image (with og:image:alt, :width, :height, and the image in the site) and
  twitter:card;
- the first image above the fold is not lazy-loaded (at both widths);
- on the phone, the first heading of <main> starts in the first third of the
  screen, and the project list shows capital and status without scrolling
  sideways;
- on foreign pages, no Vietnamese text outside lang="vi" (vietnamese_text.py,
  with ICU); on zh-Hans, ja and ko pages, no amount of 10,000 or more before
  亿/億/억 (or 万/만): those use the next unit;
- on the root pages (chooser, root 404), chrome in more than Vietnamese; the
  404 pages, answered at a missing address three folders deep, get their stylesheet;
- on the events listing and the home page, upcoming events sorted by start
  before past ones (in a list of their own), each card dated with its start.
"""
import base64
import datetime as dt
import importlib.util
import math
import os
import re
import time
from urllib.parse import urlparse

import vietnamese_text

DESKTOP = (1280, 900)
PHONE = (390, 844)
MAX_SHOT_HEIGHT = 8000
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LOCAL_TIME = dt.timezone(dt.timedelta(hours=7))  # the province's time (Asia/Ho_Chi_Minh, no DST)
CJK = ("zh-hans", "ja", "ko")


# ---------------------------------------------------------------- page kinds

def _media_kind(html):
    main = html[html.find("<main"):html.find("</main>")]
    if "<video" in main:
        return "video"
    if "<audio" in main:
        return "audio"
    if "<figure" in main and "<img" in main:
        return "photo"
    return "document"


def page_kinds(site_dir, langs):
    """{folder ("" for the root): {kind: url path}}, one page per kind: the
    first, in name order, of each folder pattern."""
    found = {}
    for dirpath, dirs, files in os.walk(site_dir):
        dirs.sort()
        rel = os.path.relpath(dirpath, site_dir)
        parts = [] if rel == "." else rel.split(os.sep)
        if parts and parts[0] not in langs:
            continue  # files/, assets/
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            folder = parts[0] if parts else ""
            below = parts[1:]
            if name == "404.html" and not below:
                kind, path = "404", None  # visited at a missing address, see visit()
            elif name != "index.html":
                kind = "-".join(below + [name[:-5]]) or name[:-5]
                path = "/" + "/".join(parts + [name])
            else:
                if not parts:
                    kind = "chooser"
                elif not below:
                    kind = "home"
                elif len(below) == 1:
                    kind = below[0]  # a listing
                else:
                    kind = below[0] + "-item" + "-*" * (len(below) - 2)
                    if below[0] == "media":
                        with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                            kind += "-" + _media_kind(f.read())
                path = "/" + "".join(p + "/" for p in parts)
            found.setdefault(folder, {}).setdefault(kind, path)
    return found


# ---------------------------------------------------------------- events

def _instant(text):
    return dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))


def read_events(content_dir):
    """{slug: (start, end)} from content/event/*/item.yaml."""
    events = {}
    folder = os.path.join(content_dir, "event")
    for slug in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        path = os.path.join(folder, slug, "item.yaml")
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        block = re.search(r"^event:\n((?:[ \t]+.*\n?)*)", text, re.M)
        if not block:
            continue
        start = re.search(r"^\s+start:\s*(\S+)", block[1], re.M)
        end = re.search(r"^\s+end:\s*(\S+)", block[1], re.M)
        if start:
            s = _instant(start[1])
            events[slug] = (s, _instant(end[1]) if end else s)
    return events


def same_moment(value, start):
    """Whether a <time datetime> value names the event's start: the same
    instant, or its day (in the province's time or in UTC) for a date."""
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value in (start.astimezone(LOCAL_TIME).date().isoformat(),
                         start.astimezone(dt.timezone.utc).date().isoformat())
    try:
        t = _instant(value)
    except ValueError:
        return False
    if t.tzinfo is None:
        t = t.replace(tzinfo=LOCAL_TIME)
    return abs((t - start).total_seconds()) < 60


EVENT_CARDS_JS = """
const main = document.querySelector('main') || document.body;
const containers = [];
const out = [];
for (const a of main.querySelectorAll('a[href]')) {
  const m = new URL(a.href, location.href).pathname.match(/\\/events\\/([^\\/]+)\\/(index\\.html)?$/);
  if (!m) continue;
  const card = a.closest('article, li, .card') || a.parentElement;
  let list = card.parentElement;
  let i = containers.indexOf(list);
  if (i < 0) { containers.push(list); i = containers.length - 1; }
  out.push([decodeURIComponent(m[1]), [...card.querySelectorAll('time[datetime]')].map(t => t.getAttribute('datetime')), i]);
}
return out;
"""


# ---------------------------------------------------------------- in-page scripts

TEXT_NODES_JS = """
const out = [];
const w = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
while (w.nextNode()) {
  const n = w.currentNode, p = n.parentElement;
  if (!p || p.closest('script, style, template, noscript') || !n.data.trim()) continue;
  const l = p.closest('[lang]');
  out.push([n.data, l ? l.getAttribute('lang') : '']);
}
return out;
"""

META_JS = """
const get = (attr, name) => { const m = document.querySelector(`meta[${attr}="${name}"]`); return m ? m.getAttribute('content') : null; };
return {image: get('property', 'og:image'), alt: get('property', 'og:image:alt'),
        width: get('property', 'og:image:width'), height: get('property', 'og:image:height'),
        card: get('name', 'twitter:card')};
"""

# The first image above the fold, and the first one in <main> (a logo in the
# header comes first; the content's own first picture matters as much).
FIRST_IMAGE_JS = """
function first(root) {
  for (const img of root.querySelectorAll('img')) {
    const r = img.getBoundingClientRect();
    if (r.width < 2 || r.height < 2 || getComputedStyle(img).visibility === 'hidden') continue;
    if (r.top < innerHeight && r.bottom > 0)
      return [img.getAttribute('src'), img.getAttribute('loading') || '', Math.round(r.top)];
  }
  return null;
}
const main = document.querySelector('main');
return [first(document), main ? first(main) : null];
"""

FIRST_HEADING_JS = """
const h = document.querySelector('main h1, main h2, main h3, main h4, main h5, main h6');
if (!h) return null;
return [h.tagName, h.textContent.trim().slice(0, 60), h.getBoundingClientRect().top + scrollY];
"""

# Each project (a row or a card with data-capital, as site.js filters them):
# its capital (.num, or a class naming capital) and status (a class naming
# status, or else the last cell) must be displayed inside the screen and not
# clipped by a scrolling ancestor.
PROJECT_CELLS_JS = """
const vw = document.documentElement.clientWidth;
const problems = [];
const rows = [...document.querySelectorAll('main [data-capital]')].filter(r => r.getClientRects().length);
function inside(el) {
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return 'not displayed';
  if (r.left < -0.5 || r.right > vw + 0.5) return `at x ${Math.round(r.left)}..${Math.round(r.right)}, screen ${vw}`;
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (s.overflowX === 'visible') continue;
    const ar = a.getBoundingClientRect();
    if (r.left < ar.left - 0.5 || r.right > ar.right + 0.5)
      return `clipped by <${a.tagName.toLowerCase()} class="${a.className}"> (overflow-x ${s.overflowX}): x ${Math.round(r.left)}..${Math.round(r.right)}, box ${Math.round(ar.left)}..${Math.round(ar.right)}`;
  }
  return null;
}
for (const row of rows) {
  const name = (row.querySelector('a') || row).textContent.trim().slice(0, 40);
  const capital = row.querySelector('.num, [class*="capital"]');
  const status = row.querySelector('[class*="status"]') || row.querySelector(':scope > td:last-child');
  for (const [what, el] of [['capital', capital], ['status', status]]) {
    const p = el ? inside(el) : 'not found';
    if (p) problems.push(`${name}: ${what} ${el ? JSON.stringify(el.textContent.trim()) : ''} ${p}`);
  }
}
return [rows.length, document.documentElement.scrollWidth, vw, problems];
"""

STYLESHEETS_JS = """
return [...document.querySelectorAll('link[rel~="stylesheet"]')].map(l => {
  let rules = -1; try { rules = l.sheet ? l.sheet.cssRules.length : -1; } catch (e) { rules = -2; }
  return [l.getAttribute('href'), rules];
});
"""

# The languages of the chrome's text (banner, header, navigation, footer), but
# for the links to each language, which name themselves.
CHROME_LANGS_JS = """
const langs = {};
for (const box of document.querySelectorAll('header, nav, footer, [role=banner], [role=contentinfo], .banner, [class*="sample"]')) {
  const w = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  while (w.nextNode()) {
    const n = w.currentNode, p = n.parentElement;
    if (!n.data.trim() || p.closest('a[hreflang], script, style') || !p.getClientRects().length) continue;
    const l = p.closest('[lang]');
    const tag = (l ? l.getAttribute('lang') : '').toLowerCase().split('-')[0];
    langs[tag] = (langs[tag] || 0) + 1;
  }
}
return langs;
"""

AXE_RUN_JS = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(r => done(r.violations.map(v => [v.id, v.impact, v.help,
      v.nodes.slice(0, 3).map(n => [n.target.join(' '), (n.failureSummary || '').split('\\n').slice(0, 2).join(' ')])])))
  .catch(e => done('axe failed: ' + e));
"""

# 10,000 or more before the unit of 10^8 (亿 億 억) or of 10^4 (万 萬 만).
BIG_BEFORE_UNIT = re.compile(r"(?<![\d.,，])(\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?\s?([亿億억万萬만])")


def axe_source():
    """axe-core as bundled by axe-playwright-python (axe-core 4.12, which knows
    WCAG 2.2): the Selenium bindings on PyPI bundle axe-core 3.1 or 4.4, which
    predate wcag22aa. Only its copy of axe.min.js is used, injected through
    Selenium; its own Playwright code is not imported."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js")
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as f:
        return f.read()


# ---------------------------------------------------------------- the walk

class Reader:
    def __init__(self, driver, base, site_dir, shots, langs, now, content_dir, check, open_page):
        self.driver, self.base, self.site_dir, self.shots = driver, base, site_dir, shots
        self.langs, self.now, self.check, self.open_page = langs, now, check, open_page
        self.events = read_events(content_dir)
        self.axe = axe_source()
        self.timings = {}
        self.pages = 0
        self.no_image_above_fold = 0  # (page, width) pairs: nothing for that check to judge

    def timed(self, what, func, *args):
        t = time.monotonic()
        try:
            return func(*args)
        finally:
            self.timings[what] = self.timings.get(what, 0) + time.monotonic() - t

    def metrics(self, size):
        w, h = size
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": w, "height": h, "deviceScaleFactor": 1, "mobile": w < 600})
        self.driver.execute_script("window.scrollTo(0, 0)")

    def screenshot(self, width, folder, kind):
        d = self.driver
        size = d.execute_cdp_cmd("Page.getLayoutMetrics", {})
        content = size.get("cssContentSize") or size["contentSize"]
        height = min(math.ceil(content["height"]), MAX_SHOT_HEIGHT)
        shot = d.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        out = os.path.join(self.shots, str(width), folder or "root")
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, kind + ".png"), "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        self.metrics((width, DESKTOP[1] if width == DESKTOP[0] else PHONE[1]))

    def run(self):
        kinds = page_kinds(self.site_dir, self.langs)
        union = sorted({k for f, ks in kinds.items() if f for k in ks})
        print(f"   note: page kinds found in the built site: {', '.join(union)}")
        for folder in self.langs:
            missing = [k for k in union if k not in kinds.get(folder, {})]
            if missing:
                print(f"   note: /{folder}/ has no page of kind {', '.join(missing)}")
        self.check(self.axe is not None,
                   "axe-core found (axe-playwright-python from PyPI): run scripts/install-deps.sh --test"
                   if self.axe is None else "axe-core found (bundled with axe-playwright-python)")
        order = [("", k, p) for k, p in sorted(kinds.get("", {}).items())]
        for folder in self.langs:
            order += [(folder, k, p) for k, p in sorted(kinds.get(folder, {}).items())]
        started = time.monotonic()
        for folder, kind, path in order:
            if kind == "404":
                # As a server answers a missing address deep in the site.
                path = f"/{folder}/no-such-page/at/depth/" if folder else "/no-such-page/at/depth/"
            try:
                self.visit(folder, kind, path)
            except Exception as e:
                self.check(False, f"{path} ({kind}) raised {type(e).__name__}: {str(e).strip().splitlines()[0] if str(e).strip() else ''}")
            finally:
                self.metrics(DESKTOP)
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        total = time.monotonic() - started
        print(f"   note: {self.pages} pages as a reader in {total:.0f} s: "
              + ", ".join(f"{k} {v:.0f} s" for k, v in sorted(self.timings.items(), key=lambda kv: -kv[1])))
        print(f"   note: {self.no_image_above_fold} of {2 * self.pages} page views (page × width) have no image"
              " above the fold, so no lazy-loading to judge there")

    def visit(self, folder, kind, path):
        d = self.driver
        page = f"{path} ({kind})"
        self.metrics(DESKTOP)
        self.timed("load", self.open_page, d, self.base + path)
        self.pages += 1
        lang = d.execute_script("return document.documentElement.lang") or ""

        if kind == "404":
            sheets = d.execute_script(STYLESHEETS_JS)
            self.check(sheets and all(n >= 0 for _, n in sheets),
                       f"{page}: its stylesheet loads at a missing address three folders deep ({sheets})")

        if not folder:
            langs = d.execute_script(CHROME_LANGS_JS)
            self.check(set(langs) != {"vi"},
                       f"{page}: the root page's chrome (header, navigation, footer) speaks more than Vietnamese"
                       f" (text nodes by lang: {langs})")
        self.timed("text checks", self.check_text, page, folder, lang)
        self.check_meta(page)
        if kind in ("events", "home") and folder:
            self.check_events(page, kind)
        self.check_first_image(page, "1280")
        if self.axe:
            self.timed("axe", self.check_axe, page)
        self.timed("screenshots", self.screenshot, DESKTOP[0], folder, kind)

        self.metrics(PHONE)
        self.check_first_image(page, "390")
        h = d.execute_script(FIRST_HEADING_JS)
        limit = PHONE[1] / 3
        self.check(h is not None and h[2] < limit,
                   f"{page} at 390×844: first heading of main starts at y {round(h[2]) if h else '–'}"
                   f" (<{h[0].lower() if h else 'no heading'}> {h[1] if h else ''!r}), want < {limit:.0f}")
        if kind == "projects":
            rows, scroll_width, vw, problems = d.execute_script(PROJECT_CELLS_JS)
            self.check(rows > 0 and not problems and scroll_width <= vw,
                       f"{page} at 390×844: {rows} projects show capital and status without scrolling"
                       f" sideways (page width {scroll_width}, screen {vw})"
                       + "".join(f"\n   {p}" for p in problems[:12]))
        self.timed("screenshots", self.screenshot, PHONE[0], folder, kind)

    # ------------------------------------------------------------ checks

    def check_text(self, page, folder, lang):
        nodes = self.driver.execute_script(TEXT_NODES_JS)
        if not vietnamese_text.is_vi(lang):
            found = {}
            for text, node_lang in nodes:
                words = vietnamese_text.vietnamese_words(text, node_lang or lang, lang)
                if words:
                    key = " ".join(text.split())
                    found.setdefault(key, (node_lang or lang, words))
            self.check(not found, f"{page}: no Vietnamese text outside lang=\"vi\" ({len(found)} found)"
                       + "".join(f"\n   {page} [lang={l}] {t[:100]!r}: {' '.join(w)}"
                                 for t, (l, w) in found.items()))
        if folder in CJK:
            text = " ".join(t for t, _ in nodes)
            bad = []
            for m in BIG_BEFORE_UNIT.finditer(text):
                if int(re.sub(r"[,，]", "", m[1])) >= 10000:
                    bad.append(text[max(0, m.start() - 12):m.end() + 6].replace("\n", " ").strip())
            self.check(not bad, f"{page}: no amount of 10,000 or more before 亿/億/억/万/만"
                       + "".join(f"\n   {b!r}" for b in bad))

    def check_meta(self, page):
        m = self.driver.execute_script(META_JS)
        problems = [name for name in ("image", "alt", "width", "height", "card") if not (m.get(name) or "").strip()]
        for name in ("width", "height"):
            if m.get(name) and not m[name].strip().isdigit():
                problems.append(f"{name}={m[name]!r}")
        if m.get("image"):
            local = os.path.join(self.site_dir, urlparse(m["image"]).path.lstrip("/"))
            if not os.path.isfile(local):
                problems.append(f"og:image {m['image']} is not a file of the site")
        self.check(not problems, f"{page}: og:image (alt, width, height) and twitter:card"
                   + (f" — missing or wrong: {', '.join(problems)}" if problems else f" ({m['card']}, {m['image']})"))

    def check_first_image(self, page, width):
        overall, in_main = self.driver.execute_script(FIRST_IMAGE_JS)
        if overall is None:
            self.no_image_above_fold += 1
        for where, first in (("", overall), (" in main", in_main if in_main != overall else None)):
            if first is None:
                continue
            src, loading, top = first
            self.check(loading != "lazy", f"{page} at {width}: first image above the fold{where} (y {top}, {src})"
                       f" is {'lazy-loaded' if loading == 'lazy' else 'loaded eagerly'}")

    def check_axe(self, page):
        d = self.driver
        d.execute_script(self.axe)
        result = d.execute_async_script(AXE_RUN_JS, WCAG_TAGS)
        if isinstance(result, str):
            return self.check(False, f"{page}: {result}")
        self.check(not result, f"{page}: axe-core, {len(result)} WCAG 2.2 A/AA violation(s)"
                   + "".join(f"\n   {rule} ({impact}): {help}"
                             + "".join(f"\n      {t}: {s}" for t, s in nodes)
                             for rule, impact, help, nodes in result))

    def check_events(self, page, kind):
        cards = self.driver.execute_script(EVENT_CARDS_JS)
        seen, order = set(), []
        for slug, times, container in cards:
            if slug in self.events and slug not in seen:
                seen.add(slug)
                order.append((slug, times, container))
        if not order:
            if kind == "events":
                self.check(False, f"{page}: lists no event of content/event")
            return
        upcoming = [o for o in order if self.events[o[0]][1] > self.now]
        past = [o for o in order if self.events[o[0]][1] <= self.now]
        want = sorted(upcoming, key=lambda o: self.events[o[0]][0]) + past
        names = lambda os_: ", ".join(o[0] for o in os_)
        self.check([o[0] for o in order] == [o[0] for o in want],
                   f"{page}: upcoming events by start, then past ones (now {self.now:%Y-%m-%d}):"
                   f" shown [{names(order)}], want [{names(want)}]")
        if kind == "events" and upcoming and past:
            self.check(not {o[2] for o in upcoming} & {o[2] for o in past},
                       f"{page}: past events ({names(past)}) are in a list of their own")
        for slug, times, _ in order:
            start = self.events[slug][0]
            self.check(bool(times) and same_moment(times[0], start),
                       f"{page}: the card of {slug} is dated with its start {start:%Y-%m-%dT%H:%MZ}"
                       f" (its <time datetime>: {times})")
