#!/usr/bin/env python3
"""Real-browser test of a built QuangBa site.

Usage: python3 Tests/browser/site_in_browser.py SITE_DIR SCREENSHOT_DIR [BASE_URL]
           [--as-a-reader] [--now ISO_INSTANT] [--content CONTENT_DIR]

Serves SITE_DIR on 127.0.0.1 (free port) from a thread (answering a missing
address with the 404 page of its language, as the documented nginx setup
does), or uses the server already serving it at BASE_URL (`quangba serve`),
drives headless Chromium through /usr/bin/chromedriver with Selenium, prints
one line per check ("ok: ..." or "FAIL: ...") and exits 1 if any check
failed. Every page load also collects what the browser refused under the
server's Content-Security-Policy: the site must need nothing the policy forbids.

--as-a-reader adds the checks of as_a_reader.py (every page kind in every
language at 1280 and 390 px: screenshots, axe-core, sharing tags, lazy images,
the phone layout, Vietnamese left on foreign pages, CJK amounts, event order
and dates; the build's clock is --now, the events are read from --content,
by default the folder beside SITE_DIR) and runs the Nu HTML checker over
every page of the site meanwhile (nu_checker.py).
"""
import argparse
import datetime as dt
import functools
import http.server
import os
import sys
import threading
import time
import traceback
from urllib.parse import urlparse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"
WAIT = 10  # seconds, for every wait
WIDTH, HEIGHT = 1280, 900
# folder -> value of <html lang>
LANGS = {"vi": "vi", "en": "en", "zh-hans": "zh-Hans", "ja": "ja", "ko": "ko"}
UNTRANSLATED_ITEM = "am-thuc-xu-lang"

failures = 0
csp_violations = []
pages_loaded = 0


def check(condition, message):
    global failures
    if condition:
        print(f"ok: {message}")
    else:
        failures += 1
        print(f"FAIL: {message}")
    return condition


# ---------------------------------------------------------------- server

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        """A missing address gets the 404 page of its language folder (or the
        root one), with status 404, as a web server set up for the site does."""
        if code != 404 or self.command != "GET":
            return super().send_error(code, message, explain)
        first = urlparse(self.path).path.lstrip("/").split("/")[0]
        page = os.path.join(self.directory, first if first in LANGS else "", "404.html")
        if not os.path.isfile(page):
            return super().send_error(code, message, explain)
        with open(page, "rb") as f:
            body = f.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def start_server(site_dir):
    handler = functools.partial(QuietHandler, directory=site_dir)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# ---------------------------------------------------------------- browser

def new_driver(javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                f"--window-size={WIDTH},{HEIGHT}", "--lang=en"):
        options.add_argument(arg)
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def wait_for(driver, condition):
    """Wait up to WAIT seconds; return whether the condition came true.
    The check that follows reports the failure, so a timeout is not an error."""
    try:
        WebDriverWait(driver, WAIT).until(condition)
        return True
    except TimeoutException:
        return False


def wait_loaded(driver):
    global pages_loaded
    WebDriverWait(driver, WAIT).until(
        lambda d: d.execute_script("return document.readyState") == "complete",
        f"page {driver.current_url} did not finish loading")
    pages_loaded += 1
    for entry in driver.get_log("browser"):
        if "Content Security Policy" in entry["message"]:
            csp_violations.append(f"{driver.current_url}: {entry['message']}")


def open_page(driver, url):
    driver.get(url)
    wait_loaded(driver)


def click_and_wait(driver, element):
    """Click a link that loads a new document and wait for it to load."""
    old_root = driver.find_element(By.TAG_NAME, "html")
    label = element.text
    element.click()
    WebDriverWait(driver, WAIT).until(EC.staleness_of(old_root),
                                      f"clicking {label!r} did not load a page")
    wait_loaded(driver)


def html_lang(driver):
    return driver.execute_script("return document.documentElement.lang")


def screenshot(driver, shot_dir, name):
    # The window height includes the (headless) browser frame; add it so the
    # viewport, not the window, matches the document.
    height, frame = driver.execute_script(
        "return [document.documentElement.scrollHeight,"
        " window.outerHeight - window.innerHeight]")
    driver.set_window_size(WIDTH, min(max(height + frame, HEIGHT), 4000))
    driver.execute_script("window.scrollTo(0, 0)")
    path = os.path.join(shot_dir, name + ".png")
    driver.save_screenshot(path)
    driver.set_window_size(WIDTH, HEIGHT)
    print(f"   screenshot {path}")


def switcher_link(driver, lang_tag):
    return driver.find_element(By.CSS_SELECTOR, f'.lang-switcher a[hreflang="{lang_tag}"]')


def displayed_rows(driver):
    rows = driver.find_elements(By.CSS_SELECTOR, "#projects tbody tr")
    return [r for r in rows if r.is_displayed()]


# ---------------------------------------------------------------- checks

def check_chooser(driver, base, shots):
    open_page(driver, base + "/")
    landed = urlparse(driver.current_url).path
    if landed != "/":
        # `quangba serve` sends a browser that asks for English (--lang=en) to /en/; a static
        # server shows the chooser. The chooser itself is /index.html either way.
        check(landed == "/en/" and html_lang(driver) == "en",
              f"/ with Accept-Language en goes to the English home (landed on {landed})")
        open_page(driver, base + "/index.html")
    check(driver.title.strip() != "", f"chooser / loads (title {driver.title!r})")
    screenshot(driver, shots, "chooser")
    for folder, tag in LANGS.items():
        links = driver.find_elements(By.CSS_SELECTOR, f'.chooser a[hreflang="{tag}"]')
        check(len(links) == 1 and links[0].get_attribute("href").endswith(f"/{folder}/"),
              f"chooser has one link to /{folder}/")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, '.chooser a[hreflang="ja"]'))
    path = urlparse(driver.current_url).path
    check(path == "/ja/" and html_lang(driver) == "ja",
          f"clicking Japanese on the chooser lands on {path} with lang {html_lang(driver)!r}")


def check_home_pages(driver, base, shots):
    for folder, tag in LANGS.items():
        open_page(driver, f"{base}/{folder}/")
        check(html_lang(driver) == tag, f"/{folder}/ has lang {html_lang(driver)!r} (want {tag!r})")
        check(driver.title.strip() != "", f"/{folder}/ has a title ({driver.title!r})")
        h1s = driver.find_elements(By.TAG_NAME, "h1")
        check(len(h1s) == 1, f"/{folder}/ has exactly one h1 (found {len(h1s)})")
        imgs = driver.find_elements(By.TAG_NAME, "img")
        bad = [i.get_attribute("src") for i in imgs if not (i.get_attribute("alt") or "").strip()]
        check(not bad, f"/{folder}/ all {len(imgs)} images have a non-empty alt"
              + (f" (missing: {bad})" if bad else ""))
        screenshot(driver, shots, f"home-{folder}")


def fully_translated_item(site_dir):
    """First en news item whose language switcher has no a.missing."""
    news = os.path.join(site_dir, "en", "news")
    for item in sorted(os.listdir(news)):
        page = os.path.join(news, item, "index.html")
        if not os.path.isfile(page):
            continue
        with open(page, encoding="utf-8") as f:
            html = f.read()
        start = html.find('<nav class="lang-switcher"')
        switcher = html[start:html.find("</nav>", start)]
        if start >= 0 and 'class="missing"' not in switcher:
            return item
    return None


def check_switcher(driver, base, site_dir, shots):
    item = fully_translated_item(site_dir)
    if not check(item is not None, f"found an en news item in all languages ({item})"):
        return
    start = f"{base}/en/news/{item}/"
    for folder, tag in LANGS.items():
        if folder == "en":
            continue
        open_page(driver, start)
        link = switcher_link(driver, tag)
        check("missing" not in (link.get_attribute("class") or ""),
              f"switcher link to {tag} on {item} is not marked missing")
        click_and_wait(driver, link)
        path = urlparse(driver.current_url).path
        parts = [p for p in path.split("/") if p]
        check(parts[:1] == [folder] and item in parts and html_lang(driver) == tag,
              f"switcher en -> {tag}: {path} has lang {html_lang(driver)!r}")
        if folder in ("zh-hans", "ja", "ko"):
            screenshot(driver, shots, f"item-{folder}")


def check_untranslated(driver, base, shots):
    open_page(driver, f"{base}/en/news/{UNTRANSLATED_ITEM}/")
    if not check(html_lang(driver) == "en", f"/en/news/{UNTRANSLATED_ITEM}/ loads in English"):
        return
    link = switcher_link(driver, "ja")
    check("missing" in (link.get_attribute("class") or "").split(),
          "Japanese switcher link is marked missing")
    click_and_wait(driver, link)
    url = urlparse(driver.current_url)
    check(url.path == "/ja/" and url.fragment == "not-translated",
          f"missing link lands on {url.path}#{url.fragment}")
    check(html_lang(driver) == "ja", f"landing page has lang {html_lang(driver)!r}")
    notices = driver.find_elements(By.ID, "not-translated")
    check(len(notices) == 1 and notices[0].is_displayed() and notices[0].text.strip(),
          "#not-translated notice is displayed"
          + (f": {notices[0].text!r}" if notices else ""))
    screenshot(driver, shots, "not-translated-ja")
    # And it must stay hidden when the page is opened without the fragment.
    open_page(driver, f"{base}/ja/")
    check(not driver.find_element(By.ID, "not-translated").is_displayed(),
          "#not-translated is hidden on /ja/ without the fragment")


def count_matching(rows, **wanted):
    return sum(all(r.get_attribute(f"data-{k}") == v for k, v in wanted.items()) for r in rows)


def check_project_filter(driver, base, shots):
    open_page(driver, f"{base}/en/projects/")
    form = driver.find_element(By.ID, "project-filter")
    wait_for(driver, lambda d: form.is_displayed())
    check(form.is_displayed(), "/en/projects/ shows the filter form (site.js un-hid it)")
    rows = driver.find_elements(By.CSS_SELECTOR, "#projects tbody tr")
    total = len(rows)
    check(total > 1 and len(displayed_rows(driver)) == total,
          f"all {total} project rows are visible before filtering")
    screenshot(driver, shots, "projects-before")

    sector_select = Select(form.find_element(By.NAME, "sector"))
    sectors = [o.get_attribute("value") for o in sector_select.options if o.get_attribute("value")]
    narrowing = [s for s in sectors if 0 < count_matching(rows, sector=s) < total]
    if not check(narrowing, f"a sector option narrows the list ({narrowing})"):
        return
    # Prefer a sector with several rows, to tell "filtered" from "first row only".
    sector = max(narrowing, key=lambda s: count_matching(rows, sector=s))
    expected = count_matching(rows, sector=sector)
    sector_select.select_by_value(sector)
    wait_for(driver, lambda d: len(displayed_rows(d)) == expected)
    shown = displayed_rows(driver)
    check(len(shown) < total and len(shown) == expected
          and all(r.get_attribute("data-sector") == sector for r in shown),
          f"sector={sector} shows {len(shown)} of {total} rows (want {expected})")
    count_text = form.find_element(By.CSS_SELECTOR, ".filter-count").text
    check(str(expected) in count_text, f".filter-count says {count_text!r}")
    none = driver.find_element(By.CSS_SELECTOR, ".filter-none")
    check(not none.is_displayed(), ".filter-none is hidden while rows match")
    screenshot(driver, shots, "projects-filtered")

    # Combine sector + form: find a pair with no matching row.
    form_select = Select(form.find_element(By.NAME, "form"))
    forms = [o.get_attribute("value") for o in form_select.options if o.get_attribute("value")]
    empty = next(((s, f) for s in sectors for f in forms
                  if count_matching(rows, sector=s, form=f) == 0), None)
    if empty:
        sector_select.select_by_value(empty[0])
        form_select.select_by_value(empty[1])
        wait_for(driver, lambda d: none.is_displayed())
        check(none.is_displayed() and not displayed_rows(driver),
              f"sector={empty[0]} + form={empty[1]} shows no rows and .filter-none")
        screenshot(driver, shots, "projects-none")
    else:
        print("   (no sector + form combination yields zero rows; skipped)")

    form.find_element(By.CSS_SELECTOR, 'button[type="reset"]').click()
    wait_for(driver, lambda d: len(displayed_rows(d)) == total)
    check(len(displayed_rows(driver)) == total and not none.is_displayed(),
          f"reset shows all {total} rows again")
    count_text = form.find_element(By.CSS_SELECTOR, ".filter-count").text
    check(str(total) in count_text, f".filter-count after reset says {count_text!r}")


def check_without_javascript(driver, base, shots):
    open_page(driver, f"{base}/en/projects/")
    rows = driver.find_elements(By.CSS_SELECTOR, "#projects tbody tr")
    check(rows and len(displayed_rows(driver)) == len(rows),
          f"without JS all {len(rows)} project rows are visible")
    check(not driver.find_element(By.ID, "project-filter").is_displayed(),
          "without JS the filter form stays hidden")
    check(not driver.find_element(By.CSS_SELECTOR, ".filter-none").is_displayed(),
          "without JS .filter-none stays hidden")
    screenshot(driver, shots, "projects-nojs")


# ---------------------------------------------------------------- main

def run(name, func, *args):
    """Run one group of checks; an exception counts as a failure."""
    global failures
    try:
        func(*args)
    except Exception as e:  # a crash in one group must not hide the others
        failures += 1
        here = [f for f in traceback.extract_tb(e.__traceback__)
                if os.path.dirname(f.filename) == os.path.dirname(__file__)]
        where = (here or traceback.extract_tb(e.__traceback__))[-1]
        message = (getattr(e, "msg", None) or str(e) or "").strip().splitlines()
        print(f"FAIL: {name} raised {type(e).__name__} at {os.path.basename(where.filename)} line {where.lineno}"
              f" ({where.line}): {message[0] if message else ''}")


def main():
    parser = argparse.ArgumentParser(usage=__doc__.strip().splitlines()[2].split("Usage: ")[1])
    parser.add_argument("site")
    parser.add_argument("shots")
    parser.add_argument("base", nargs="?")
    parser.add_argument("--as-a-reader", action="store_true")
    parser.add_argument("--now", type=lambda v: dt.datetime.fromisoformat(v.replace("Z", "+00:00")),
                        default=dt.datetime.now(dt.timezone.utc))
    parser.add_argument("--content")
    args = parser.parse_args()
    site_dir, shots = os.path.abspath(args.site), os.path.abspath(args.shots)
    if not os.path.isfile(os.path.join(site_dir, "index.html")):
        sys.exit(f"{site_dir} has no index.html; build the site first")
    os.makedirs(shots, exist_ok=True)
    started = time.monotonic()

    nu = None
    if args.as_a_reader:
        import nu_checker
        nu = nu_checker.NuCheck(site_dir)  # in the background, while the browser works

    server, base = (None, args.base.rstrip("/")) if args.base else start_server(site_dir)
    drivers = []
    try:
        driver = new_driver()
        drivers.append(driver)
        driver.set_page_load_timeout(WAIT * 3)
        driver.set_script_timeout(WAIT * 6)
        run("chooser", check_chooser, driver, base, shots)
        run("home pages", check_home_pages, driver, base, shots)
        run("language switcher", check_switcher, driver, base, site_dir, shots)
        run("untranslated", check_untranslated, driver, base, shots)
        run("project filter", check_project_filter, driver, base, shots)
        if args.as_a_reader:
            import as_a_reader
            content = args.content or os.path.join(os.path.dirname(site_dir), "content")
            reader = as_a_reader.Reader(driver, base, site_dir, shots, list(LANGS), args.now,
                                        content, check, open_page)
            run("as a reader", reader.run)

        nojs = new_driver(javascript=False)
        drivers.append(nojs)
        nojs.set_page_load_timeout(WAIT * 3)
        run("without JavaScript", check_without_javascript, nojs, base, shots)
    finally:
        for d in drivers:
            d.quit()
        if server:
            server.shutdown()
            server.server_close()
    if nu:
        run("Nu HTML checker", nu.finish, check)

    check(not csp_violations, f"no Content-Security-Policy violation on {pages_loaded} page loads"
          + "".join(f"\n   {v}" for v in csp_violations[:10]))
    print(f"   note: browser test took {time.monotonic() - started:.0f} s")
    print(f"{'FAILED' if failures else 'passed'}: {failures} check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
