#!/usr/bin/env python3
"""Convert a QuangBa content repository into an equivalent multilingual Hugo site.

    python3 bench/to_hugo.py REPO HUGODIR [--all] [--rss-limit N]

For bench/site.sh, so that Hugo does comparable work to `quangba build`: the same pages in the
same languages, with the same text, the same taxonomies and listings. HUGODIR must not exist or
be empty. It receives:

  config.toml                 languages from quangba.yaml (weights in their order, the source
                              language is defaultContentLanguage, in a subdirectory like the
                              others), paginate 20, taxonomies topics and units, Hugo's default
                              outputs (HTML + RSS for lists, a sitemap per language)
  content/<lang>/<kind>/<id>/index.md   one page bundle per item and language that has a <lang>.md;
                              the same path in every language, so Hugo links the translations
                              (translationKey says the same); media and publication files are
                              copied into each bundle
  content/<lang>/<kind>/_index.md, topics/…, units/…   localized titles of the sections and terms
  layouts/                    minimal but honest templates: baseof (html lang, title, hreflang
                              alternates + x-default, RSS link, language switcher, nav), single,
                              list with .Paginate, taxonomy, term, home (latest items), 404

The publication gate of docs/content-format.md is applied: a page that `quangba build` would not
publish (item not published, internal, under embargo; translation not approved; photo without
alt text) is still converted, so Hugo reads it as QuangBa does, but gets `draft: true`, so Hugo
does not render it. `--all` renders everything instead.
"""

import argparse
import datetime as dt
import json
import os
import shutil
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("to_hugo.py: PyYAML is required (python3 -m pip install pyyaml, or apt-get install python3-yaml)")

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KINDS = ["article", "clarification", "media", "project", "event", "publication"]
KIND_FIELDS = {"media": ["caption", "alt", "description"], "project": ["objective", "scale", "incentives"],
               "event": ["place"]}

# Section titles per language; a language not listed falls back to English.
KIND_NAMES = {
    "article": {"vi": "Bài viết", "en": "Articles", "zh-Hans": "文章", "ja": "記事", "ko": "기사"},
    "clarification": {"vi": "Thông tin làm rõ", "en": "Clarifications", "zh-Hans": "澄清", "ja": "説明", "ko": "해명"},
    "media": {"vi": "Ảnh và tư liệu", "en": "Media", "zh-Hans": "图片与资料", "ja": "写真・資料", "ko": "사진·자료"},
    "project": {"vi": "Dự án đầu tư", "en": "Investment projects", "zh-Hans": "投资项目", "ja": "投資案件", "ko": "투자 프로젝트"},
    "event": {"vi": "Sự kiện", "en": "Events", "zh-Hans": "活动", "ja": "イベント", "ko": "행사"},
    "publication": {"vi": "Ấn phẩm", "en": "Publications", "zh-Hans": "出版物", "ja": "出版物", "ko": "출판물"},
    "topics": {"vi": "Lĩnh vực", "en": "Topics", "zh-Hans": "领域", "ja": "分野", "ko": "분야"},
    "units": {"vi": "Đơn vị", "en": "Units", "zh-Hans": "单位", "ja": "部署", "ko": "기관"},
}


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=Loader) or {}


def read_md(path):
    """(front matter dict, body) of a <lang>.md file."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            fm = yaml.load("\n".join(lines[1:end]), Loader=Loader) or {}
            return fm, "\n".join(lines[end + 1:]).lstrip("\n")
    return {}, text


def ts(v):
    """A timestamp from item.yaml as an aware datetime (PyYAML may give a datetime or a string)."""
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v if v.tzinfo else v.replace(tzinfo=dt.timezone.utc)
    if isinstance(v, dt.date):
        return dt.datetime(v.year, v.month, v.day, tzinfo=dt.timezone.utc)
    s = str(v).strip().replace("Z", "+00:00")
    return dt.datetime.fromisoformat(s)


def iso(d):
    return d.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def q(v):
    """A YAML scalar: JSON strings, numbers and lists are valid YAML."""
    return json.dumps(v, ensure_ascii=False)


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def copy_file(src, dst):
    # A copy, never a hard link: QuangBa refuses a stored file with a second name (it could be
    # changed from outside its item folder), so a link would take the item out of its site.
    shutil.copyfile(src, dst)


def names_for(table, code, lang, source):
    names = table.get(code) or {}
    return names.get(lang) or names.get(source) or code


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def config_toml(cfg, langs, source, rss_limit):
    province = cfg.get("province") or {}
    base = cfg.get("base_url") or "https://example.org/"
    out = [
        "# Generated by bench/to_hugo.py from a QuangBa repository, for bench/site.sh.",
        f"baseURL = {toml_str(base)}",
        f"defaultContentLanguage = {toml_str(source.lower())}",
        "defaultContentLanguageInSubdir = true",
        "paginate = 20",
        "enableRobotsTXT = false",
        "disableHugoGeneratorInject = true",
        "",
        "[taxonomies]",
        '  topic = "topics"',
        '  unit = "units"',
        "",
        "[services.rss]",
        f"  limit = {rss_limit}",
        "",
        # QuangBa bodies are CommonMark + GFM tables, raw HTML refused: keep Goldmark to the GFM
        # extensions and leave raw HTML off (Hugo's default).
        "[markup.goldmark.extensions]",
        "  typographer = false",
        "  definitionList = false",
        "  footnote = false",
        "  table = true",
        "  strikethrough = true",
        "  linkify = true",
        "  taskList = true",
        "[markup.goldmark.renderer]",
        "  unsafe = false",
        "",
    ]
    for w, (code, name) in enumerate(langs, start=1):
        p = province.get(code) or province.get(source) or {}
        out += [
            f"[languages.{toml_str(code.lower())}]",
            f"  weight = {w}",
            f"  languageCode = {toml_str(code)}",
            f"  languageName = {toml_str(name)}",
            f"  title = {toml_str(p.get('name') or 'QuangBa')}",
            f"  contentDir = {toml_str('content/' + code.lower())}",
            f"  [languages.{toml_str(code.lower())}.params]",
            f"    description = {toml_str(p.get('description') or '')}",
            "",
        ]
    return "\n".join(out)


LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} — {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Site.LanguageCode }}" href="{{ .Permalink }}">
{{ end }}{{ range where .AllTranslations "Language.Lang" "@DEFAULT@" }}<link rel="alternate" hreflang="x-default" href="{{ .Permalink }}">
{{ end }}{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}" title="{{ site.Title }}">
{{ end }}</head>
<body>
<header>
<a class="brand" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav class="langs" aria-label="Language">{{ $p := . }}{{ range site.Home.AllTranslations }}{{ $lang := .Language.Lang }}{{ $t := . }}{{ range where $p.AllTranslations "Language.Lang" $lang }}{{ $t = . }}{{ end }}
<a href="{{ $t.RelPermalink }}" hreflang="{{ .Site.LanguageCode }}" lang="{{ .Site.LanguageCode }}"{{ if eq $lang site.Language.Lang }} aria-current="true"{{ end }}>{{ .Language.LanguageName }}</a>{{ end }}
</nav>
<nav class="main">{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}{{ range $key, $_ := site.Taxonomies }}{{ with site.GetPage $key }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}{{ end }}</nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Params.description }}</p></footer>
</body>
</html>
""",
    "partials/entry.html": """<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
""",
    "_default/single.html": """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2006-01-02" }}</time>
{{ range .GetTerms "units" }}<a class="unit" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
{{ with .GetTerms "topics" }}<ul class="topics">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ with .Params.cover }}{{ with site.GetPage . }}{{ range .Resources.ByType "image" }}<img class="cover" src="{{ .RelPermalink }}" alt="{{ $.Title }}">{{ end }}{{ end }}{{ end }}
{{ $alt := .Params.alt }}{{ range .Resources }}{{ if eq .ResourceType "image" }}<figure><img src="{{ .RelPermalink }}" alt="{{ $alt }}">{{ with $.Params.caption }}<figcaption>{{ . }}</figcaption>{{ end }}</figure>{{ else }}<p><a href="{{ .RelPermalink }}">{{ .Name }}</a></p>{{ end }}{{ end }}
<dl class="details">{{ range $k := slice "description" "objective" "scale" "incentives" "place" "start" "end" }}{{ with index $.Params $k }}<dt>{{ $k }}</dt><dd>{{ . }}</dd>{{ end }}{{ end }}</dl>
{{ .Content }}
{{ with .Params.related }}<section class="related"><ul>{{ range . }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul></section>{{ end }}
{{ with .Params.attachments }}<section class="attachments"><ul>{{ range . }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul></section>{{ end }}
</article>
{{ end }}
""",
    "_default/list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pag := .Paginate .Pages }}
<ul class="entries">{{ range $pag.Pages }}{{ partial "entry.html" . }}{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
""",
    "_default/term.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pag := .Paginate .Pages }}
<ul class="entries">{{ range $pag.Pages }}{{ partial "entry.html" . }}{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
""",
    "_default/taxonomy.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="terms">{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
""",
    "index.html": """{{ define "main" }}
<h1>{{ site.Title }}</h1>
<p>{{ site.Params.description }}</p>
{{ with where site.RegularPages "Params.pinned" true }}<section class="pinned"><ul>{{ range . }}{{ partial "entry.html" . }}{{ end }}</ul></section>{{ end }}
<section class="latest"><ul class="entries">{{ range first 20 site.RegularPages.ByDate.Reverse }}{{ partial "entry.html" . }}{{ end }}</ul></section>
{{ end }}
""",
    "404.html": """{{ define "main" }}
<h1>404</h1>
<p><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></p>
{{ end }}
""",
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("repo")
    ap.add_argument("hugodir")
    ap.add_argument("--all", action="store_true", help="render every page, ignoring the publication gate")
    ap.add_argument("--rss-limit", type=int, default=20,
                    help="items per RSS feed (default 20, the page size; -1 = Hugo's default, unlimited)")
    a = ap.parse_args()

    cfg = load_yaml(os.path.join(a.repo, "quangba.yaml"))
    langs = [(l["code"], l.get("name") or l["code"]) for l in cfg.get("languages") or []]
    if not langs:
        sys.exit("to_hugo.py: no languages in quangba.yaml")
    source = next((l["code"] for l in cfg["languages"] if l.get("source")), langs[0][0])
    if os.path.exists(a.hugodir) and os.listdir(a.hugodir):
        sys.exit(f"to_hugo.py: {a.hugodir} exists and is not empty")
    os.makedirs(a.hugodir, exist_ok=True)
    now = dt.datetime.now(dt.timezone.utc)

    write(os.path.join(a.hugodir, "config.toml"), config_toml(cfg, langs, source, a.rss_limit))
    for rel, text in LAYOUTS.items():
        write(os.path.join(a.hugodir, "layouts", rel), text.replace("@DEFAULT@", source.lower()))

    # Section and taxonomy-term pages with localized titles.
    topics, units = cfg.get("topics") or {}, cfg.get("units") or {}
    for code, _ in langs:
        cdir = os.path.join(a.hugodir, "content", code.lower())
        for k in KINDS + ["topics", "units"]:
            write(os.path.join(cdir, k, "_index.md"),
                  f"---\ntitle: {q(KIND_NAMES[k].get(code) or KIND_NAMES[k]['en'])}\n---\n")
        for tax, table in (("topics", topics), ("units", units)):
            for t in table:
                write(os.path.join(cdir, tax, t, "_index.md"),
                      f"---\ntitle: {q(names_for(table, t, code, source))}\n---\n")
        write(os.path.join(cdir, "_index.md"), "---\ntitle: " + q(
            ((cfg.get("province") or {}).get(code) or (cfg.get("province") or {}).get(source) or {}).get("name", "QuangBa"))
            + "\n---\n")

    # Item paths, for relations.
    content = os.path.join(a.repo, "content")
    items = []
    for kind in sorted(os.listdir(content)) if os.path.isdir(content) else []:
        kdir = os.path.join(content, kind)
        if not os.path.isdir(kdir):
            continue
        for iid in sorted(os.listdir(kdir)):
            if os.path.isfile(os.path.join(kdir, iid, "item.yaml")):
                items.append((kind, iid))
    path_of = {iid: f"/{kind}/{iid}" for kind, iid in items}

    pages = rendered = 0
    for kind, iid in items:
        folder = os.path.join(content, kind, iid)
        it = load_yaml(os.path.join(folder, "item.yaml"))
        created, published, updated = ts(it.get("created")), ts(it.get("published")), ts(it.get("updated"))
        date = published or created or now
        embargo = ts(it.get("embargo"))
        item_public = (it.get("state") == "published" and it.get("classification") == "public"
                       and (embargo is None or embargo <= now))
        src_lang = it.get("source_language") or source
        media = it.get("media") if kind == "media" else None
        is_image = not media or str(media.get("type", "image/")).startswith("image/")
        files = [b.get("file") for b in (it.get("media"), it.get("publication")) if isinstance(b, dict) and b.get("file")]
        rel = it.get("relations") or {}
        related = [path_of[r] for r in rel.get("related") or [] if r in path_of]
        attachments = [path_of[r] for r in rel.get("attachments") or [] if r in path_of]
        cover = path_of.get(rel.get("cover")) if rel.get("cover") else None
        for code, _ in langs:
            md = os.path.join(folder, f"{code}.md")
            if not os.path.isfile(md):
                continue
            fm, body = read_md(md)
            title = str(fm.get("title") or "").strip()
            lang_public = (bool(title) and (code == src_lang or fm.get("status") == "approved")
                           and not (kind == "media" and is_image and not str(fm.get("alt") or "").strip()))
            public = a.all or (item_public and lang_public)
            lines = ["---", f"title: {q(title or iid)}", f"date: {q(iso(date))}"]
            if updated:
                lines.append(f"lastmod: {q(iso(updated))}")
            if fm.get("summary"):
                lines.append(f"summary: {q(str(fm['summary']))}")
            lines += [f"translationKey: {q(kind + '/' + iid)}",
                      f"topics: {q(list(it.get('topics') or []))}",
                      f"units: {q([it['unit']] if it.get('unit') else [])}"]
            for f_ in KIND_FIELDS.get(kind, []):
                if fm.get(f_):
                    lines.append(f"{f_}: {q(str(fm[f_]))}")
            if kind == "event" and isinstance(it.get("event"), dict):
                for k in ("start", "end"):
                    if it["event"].get(k):
                        lines.append(f"{k}: {q(iso(ts(it['event'][k])))}")
            if it.get("pinned"):
                lines.append("pinned: true")
            if cover:
                lines.append(f"cover: {q(cover)}")
            if related:
                lines.append(f"related: {q(related)}")
            if attachments:
                lines.append(f"attachments: {q(attachments)}")
            if not public:
                lines.append("draft: true")
            lines.append("---")
            bundle = os.path.join(a.hugodir, "content", code.lower(), kind, iid)
            write(os.path.join(bundle, "index.md"), "\n".join(lines) + "\n\n" + body)
            for name in files:
                if os.path.isfile(os.path.join(folder, name)):
                    copy_file(os.path.join(folder, name), os.path.join(bundle, name))
            pages += 1
            rendered += public
    print(f"to_hugo: {len(items)} items, {pages} pages in {len(langs)} languages, {rendered} to render "
          f"({pages - rendered} drafts: not public) → {a.hugodir}", file=sys.stderr)


if __name__ == "__main__":
    main()
