"""Finds Vietnamese words in text that is not marked lang="vi", with ICU (PyICU).

A word is Vietnamese-looking when it is written in the Latin script and, once
decomposed (NFD), carries a letter or a mark that Vietnamese uses and English,
Chinese, Japanese and Korean do not: đ, a breve (ă), a circumflex (â ê ô), a
horn (ơ ư), or one of the five tone marks (grave, acute, tilde, hook above, dot
below) on a vowel.

On zh-Hans, ja and ko pages every such word fails. English text writes
Vietnamese proper names with their diacritics (Lạng Sơn, Việt Nam), so there
only a word that starts with a lowercase letter fails ("Dữ liệu mẫu",
"minh họa"): that is running Vietnamese text, not a name.

Run this file to check the judgement itself on hand-written examples.
"""
import sys

try:
    import icu
except ImportError:  # Debian's python3-icu, for a python3 that is not Debian's
    sys.path.append("/usr/lib/python3/dist-packages")
    import icu

NFD = icu.Normalizer2.getNFDInstance()
LATIN = icu.UScriptCode.LATIN
VOWELS = set("aeiouyAEIOUY")
# ICU rule status of a word-break boundary: UBRK_WORD_LETTER (200) and up are
# letters, kana and ideographs; PyICU has no name for these values.
UBRK_WORD_LETTER = 200
# Marks on a base letter, after NFD.
GRAVE, ACUTE, CIRCUMFLEX, TILDE, BREVE, HOOK, HORN, DOT_BELOW = (
    "\u0300", "\u0301", "\u0302", "\u0303", "\u0306", "\u0309", "\u031B", "\u0323")
TONES = {GRAVE, ACUTE, TILDE, HOOK, DOT_BELOW}
LETTER_MARKS = {"a": {BREVE, CIRCUMFLEX}, "e": {CIRCUMFLEX}, "o": {CIRCUMFLEX, HORN}, "u": {HORN}}


def _letters(word):
    """The word's letters, each as (base, set of combining marks), after NFD."""
    out = []
    for ch in NFD.normalize(word):
        if icu.Char.getCombiningClass(ch) != 0 or icu.Char.charType(ch) == icu.UCharCategory.NON_SPACING_MARK:
            if out:
                out[-1][1].add(ch)
        else:
            out.append((ch, set()))
    return out


def is_vietnamese_looking(word):
    letters = _letters(word)
    if not letters or not all(icu.Char.isalpha(b) for b, _ in letters):
        return False
    if any(icu.Script.getScript(b).getScriptCode() != LATIN for b, _ in letters):
        return False
    for base, marks in letters:
        low = base.lower()
        if low == "đ":
            return True
        if low in LETTER_MARKS and marks & LETTER_MARKS[low]:
            return True
        if base in VOWELS and marks & TONES:
            return True
    return False


def words(text, locale):
    """The words of text, by ICU's word break rules for the locale."""
    bi = icu.BreakIterator.createWordInstance(icu.Locale(locale or "und"))
    ustr = icu.UnicodeString(text)
    bi.setText(ustr)
    start = bi.first()
    for end in bi:
        if bi.getRuleStatus() >= UBRK_WORD_LETTER:
            yield str(ustr[start:end])
        start = end


def is_vi(lang):
    return (lang or "").lower().split("-")[0] == "vi"


def vietnamese_words(text, lang, page_lang):
    """The Vietnamese words of a text node whose nearest lang is `lang`, on a
    page in `page_lang`: empty when the text is fine."""
    if is_vi(lang):
        return []
    english = (lang or page_lang).lower().split("-")[0] == "en"
    found = []
    for w in words(text, lang or page_lang):
        if not is_vietnamese_looking(w):
            continue
        if english and not icu.Char.isULowercase(w[0]):
            continue  # a proper name, written the Vietnamese way in English
        found.append(w)
    return found


def _self_test():
    cases = [  # (text, lang, page lang, expected words)
        ("© Dữ liệu mẫu QuangBa (minh họa)", "ja", "ja", ["Dữ", "liệu", "mẫu", "họa"]),
        ("© Dữ liệu mẫu QuangBa (minh họa)", "en", "en", ["liệu", "mẫu", "họa"]),
        ("UBND tỉnh Lạng Sơn", "zh-Hans", "zh-Hans", ["tỉnh", "Lạng", "Sơn"]),
        ("UBND tỉnh Lạng Sơn", "en", "en", ["tỉnh"]),
        ("Lạng Sơn Investment Promotion Conference 2026", "en", "en", []),
        ("Việt Nam and Đồng Đăng", "en", "en", []),
        ("Dữ liệu mẫu", "vi", "ja", []),
        ("Tiếng Việt", "vi-VN", "ko", []),
        ("谅山省投资促进会议", "zh-Hans", "zh-Hans", []),
        ("ランソン省の観光", "ja", "ja", []),
        ("랑선성 관광 주간", "ko", "ko", []),
        ("Hello, world: QuangBa 2026", "ko", "ko", []),
        ("đường", "en", "en", ["đường"]),
        ("Đồng Bành", "ko", "ko", ["Đồng", "Bành"]),
    ]
    bad = 0
    for text, lang, page, want in cases:
        got = vietnamese_words(text, lang, page)
        if got != want:
            bad += 1
            print(f"FAIL: {text!r} lang={lang} page={page}: {got} (want {want})")
    print(f"{'FAILED' if bad else 'passed'}: {len(cases) - bad} of {len(cases)} examples")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(_self_test())
