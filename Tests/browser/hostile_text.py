#!/usr/bin/env python3
"""What a browser and XML parsers read from a built page and its XML outputs.

Usage: python3 Tests/browser/hostile_text.py PAGE.html FEED.xml EXPORT.xml

Opens PAGE in headless Chromium (through /usr/bin/chromedriver and Selenium)
and prints, as one JSON object: the text of the page's <h1> in <main> and
whether <main> is rendered, document.title, the meta description and
og:title, every JSON-LD block parsed with Python's json, and the text of every
<title> and <summary> element of FEED and EXPORT parsed with ElementTree.
"""
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"


def page_facts(path):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get(Path(path).resolve().as_uri())
        return driver.execute_script("""
            const main = document.querySelector("main");
            const h1 = main && main.querySelector("h1");
            const meta = (sel) => { const m = document.querySelector(sel); return m ? m.getAttribute("content") : null; };
            return {
                mainRendered: !!main && main.getBoundingClientRect().height > 0,
                h1: h1 ? h1.textContent : null,
                title: document.title,
                description: meta('meta[name="description"]'),
                ogTitle: meta('meta[property="og:title"]'),
                jsonld: Array.from(document.querySelectorAll('script[type="application/ld+json"]')).map(s => s.textContent),
            };
        """)
    finally:
        driver.quit()


def xml_texts(path):
    texts = []
    for element in ET.parse(path).iter():
        if element.tag.rsplit("}", 1)[-1] in ("title", "summary"):
            texts.append("".join(element.itertext()))
    return texts


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[2])
    page, feed, export = sys.argv[1:]
    facts = page_facts(page)
    facts["jsonld"] = [json.loads(text) for text in facts["jsonld"]]
    facts["feed"] = xml_texts(feed)
    facts["export"] = xml_texts(export)
    print(json.dumps(facts))


if __name__ == "__main__":
    main()
