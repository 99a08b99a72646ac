#!/usr/bin/env python3
"""Plays the translator's side of an XLIFF 2.0 exchange for the tests, independently of QuangBa's
own XML code (Python's ElementTree, and the Translate Toolkit's XLIFF 2.0 reader).

  cat_tool.py fill IN OUT      give every segment a target: its source with the text changed
                               (upper-cased, a marker and Markdown-like characters added) and the
                               inline codes kept, as a CAT tool does
  cat_tool.py targets FILE     the targets as JSON: {"file/unit/segment": "<target xml>"}
  cat_tool.py check FILE       the XLIFF 2.0 rules the schema cannot express; exit 1 on a breach
  cat_tool.py toolkit FILE     read the file with translate.storage.xliff2; print what it found as JSON
"""
import copy
import json
import sys
import xml.etree.ElementTree as ET

NS = "urn:oasis:names:tc:xliff:document:2.0"
X = "{%s}" % NS
INLINE = {"pc", "ph", "sc", "ec", "mrk", "sm", "em", "cp"}
ET.register_namespace("", NS)
ET.register_namespace("mda", "urn:oasis:names:tc:xliff:metadata:2.0")
ET.register_namespace("slr", "urn:oasis:names:tc:xliff:sizerestriction:2.0")


def local(tag):
    return tag.split("}", 1)[1] if tag.startswith("{") else tag


def change(text):
    return text.upper() if text else text


def fill(src, out):
    tree = ET.parse(src)
    for seg in tree.iter(X + "segment"):
        source = seg.find(X + "source")
        old = seg.find(X + "target")
        if old is not None:
            seg.remove(old)
        target = ET.SubElement(seg, X + "target")
        target.text = change(source.text)
        for child in source:
            target.append(copy.deepcopy(child))
        for el in target.iter():
            if el is not target:
                el.text = change(el.text)
                el.tail = change(el.tail)
        # What a translator may type that looks like Markdown must stay text.
        target.text = "ĐÃ DỊCH * _ # " + (target.text or "")
        last = target[-1] if len(target) else None
        if last is not None:
            last.tail = (last.tail or "") + " [x] 1."
        else:
            target.text += " [x] 1."
        seg.set("state", "translated")
    tree.write(out, encoding="UTF-8", xml_declaration=True)


def targets(path):
    out = {}
    for f in ET.parse(path).getroot().iter(X + "file"):
        for unit in f.iter(X + "unit"):
            for seg in unit.iter(X + "segment"):
                t = seg.find(X + "target")
                if t is not None:
                    inner = (t.text or "") + "".join(ET.tostring(c, encoding="unicode") for c in t)
                    out["%s/%s/%s" % (f.get("id"), unit.get("id"), seg.get("id"))] = inner
    return out


def check(path):
    problems = []
    root = ET.parse(path).getroot()
    if root.tag != X + "xliff" or root.get("version") != "2.0":
        problems.append("root is not XLIFF 2.0")
    if not root.get("srcLang"):
        problems.append("srcLang missing")
    has_target = any(True for _ in root.iter(X + "target"))
    if has_target and not root.get("trgLang"):
        problems.append("targets present but trgLang missing")
    file_ids = [f.get("id") for f in root.findall(X + "file")]
    if len(file_ids) != len(set(file_ids)):
        problems.append("file ids not unique")
    for f in root.findall(X + "file"):
        unit_ids = [u.get("id") for u in f.iter() if local(u.tag) in ("unit", "group")]
        if len(unit_ids) != len(set(unit_ids)):
            problems.append("unit/group ids not unique in file %s" % f.get("id"))
        for unit in f.iter(X + "unit"):
            where = "%s/%s" % (f.get("id"), unit.get("id"))
            data = [d.get("id") for d in unit.iter(X + "data")]
            if len(data) != len(set(data)):
                problems.append("data ids not unique in " + where)
            ids = []
            for part in unit:
                if local(part.tag) in ("segment", "ignorable"):
                    if part.get("id"):
                        ids.append(part.get("id"))
                    src = part.find(X + "source")
                    ids += [e.get("id") for e in src.iter() if local(e.tag) in INLINE and e.get("id")]
            if len(ids) != len(set(ids)):
                problems.append("segment/ignorable/inline ids not unique in " + where)
            for e in unit.iter():
                for attr in ("dataRef", "dataRefStart", "dataRefEnd"):
                    if e.get(attr) and e.get(attr) not in data:
                        problems.append("%s=%s refers to no <data> in %s" % (attr, e.get(attr), where))
            for seg in unit.iter(X + "segment"):
                src, trg = seg.find(X + "source"), seg.find(X + "target")
                if seg.get("state", "initial") != "initial" and trg is None:
                    problems.append("state %s without target in %s/%s" % (seg.get("state"), where, seg.get("id")))
                if trg is None:
                    continue
                codes = {e.get("id"): local(e.tag) for e in src.iter() if local(e.tag) in ("pc", "ph", "sc", "ec")}
                seen = []
                for e in trg.iter():
                    name = local(e.tag)
                    if name in ("pc", "ph", "sc") and e.get("id"):
                        if codes.get(e.get("id")) != name:
                            problems.append("target code %s <%s> does not match the source in %s/%s" % (e.get("id"), name, where, seg.get("id")))
                        seen.append(e.get("id"))
                if len(seen) != len(set(seen)):
                    problems.append("a code appears twice in the target of %s/%s" % (where, seg.get("id")))
    for p in problems:
        print(p)
    return 1 if problems else 0


def toolkit(path):
    from translate.storage.xliff2 import Xliff2File
    with open(path, "rb") as fh:
        store = Xliff2File.parsestring(fh.read())
    units = [{"id": u.getid(), "source": str(u.source), "target": None if u.target is None else str(u.target)}
             for u in store.units]
    print(json.dumps({"source": store.getsourcelanguage(), "target": store.gettargetlanguage(), "units": units}, ensure_ascii=False))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "fill":
        fill(sys.argv[2], sys.argv[3])
    elif cmd == "targets":
        print(json.dumps(targets(sys.argv[2]), ensure_ascii=False, sort_keys=True))
    elif cmd == "check":
        sys.exit(check(sys.argv[2]))
    elif cmd == "toolkit":
        toolkit(sys.argv[2])
    else:
        sys.exit(__doc__)
