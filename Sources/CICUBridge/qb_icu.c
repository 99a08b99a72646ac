#include "qb_icu.h"

#include <string.h>
#include <pthread.h>
#include <stdio.h>
#include <unicode/uloc.h>
#include <stdlib.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>
#include <unicode/uspoof.h>

static int32_t fail(UErrorCode e) { return e == U_ZERO_ERROR ? 0 : -(int32_t)e; }

int32_t qb_normalize(int32_t form, const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *n = form == 0 ? unorm2_getNFCInstance(&e) : unorm2_getNFDInstance(&e);
    if (U_FAILURE(e)) return fail(e);
    int32_t r = unorm2_normalize(n, (const UChar *)src, length, (UChar *)dst, capacity, &e);
    if (e == U_BUFFER_OVERFLOW_ERROR || e == U_STRING_NOT_TERMINATED_WARNING) return r;
    return U_FAILURE(e) ? fail(e) : r;
}

int32_t qb_is_nfc(const uint16_t *src, int32_t length) {
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *n = unorm2_getNFCInstance(&e);
    if (U_FAILURE(e)) return fail(e);
    UBool r = unorm2_isNormalized(n, (const UChar *)src, length, &e);
    return U_FAILURE(e) ? fail(e) : (r ? 1 : 0);
}

// The BMP characters whose NFC_Quick_Check is Yes and whose canonical combining class is 0.
// A text made only of them is in NFC whatever their order (UAX #15's quick check answers Yes);
// a text with any other character (a combining mark, a conjoining jamo, a character NFC
// replaces) goes to ICU. Filled from ICU's own properties at first use.
static uint8_t nfc_yes[0x10000 / 8];
static pthread_once_t nfc_yes_once = PTHREAD_ONCE_INIT;

static void build_nfc_yes(void) {
    for (UChar32 c = 0; c < 0x10000; c++) {
        if (u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES && u_getCombiningClass(c) == 0)
            nfc_yes[c >> 3] |= (uint8_t)(1u << (c & 7));
    }
}

int32_t qb_utf8_quick_nfc(const uint8_t *s, int32_t length) {
    pthread_once(&nfc_yes_once, build_nfc_yes);
    int32_t i = 0;
    while (i < length) {
        uint8_t b = s[i];
        if (b < 0x80) { i++; continue; }
        UChar32 c;
        if (b < 0xE0) {
            if (i + 1 >= length) return -1;
            c = ((b & 0x1F) << 6) | (s[i + 1] & 0x3F); i += 2;
        } else if (b < 0xF0) {
            if (i + 2 >= length) return -1;
            c = ((b & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F); i += 3;
        } else {
            return -1;  // outside the BMP: ICU decides
        }
        if (!(nfc_yes[c >> 3] & (1u << (c & 7)))) return -1;
    }
    return 1;
}

// Decomposes into a malloc'd buffer; the caller frees it.
static UChar *decompose(const uint16_t *src, int32_t length, int32_t *outLength, UErrorCode *e) {
    const UNormalizer2 *nfd = unorm2_getNFDInstance(e);
    if (U_FAILURE(*e)) return NULL;
    int32_t cap = length * 3 + 16;
    UChar *buf = malloc(sizeof(UChar) * cap);
    if (!buf) { *e = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    *outLength = unorm2_normalize(nfd, (const UChar *)src, length, buf, cap, e);
    return buf;
}

static int is_latin_diacritic(UChar32 c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF);
}

int32_t qb_fold_icu(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t dlen = 0;
    UChar *d = decompose(src, length, &dlen, &e);
    if (U_FAILURE(e)) { free(d); return fail(e); }
    // Drop marks and fold case in place; everything stays in the BMP or pairs stay intact.
    UChar *out = malloc(sizeof(UChar) * (dlen * 3 + 16));
    int32_t o = 0;
    for (int32_t i = 0; i < dlen;) {
        UChar32 c;
        U16_NEXT(d, i, dlen, c);
        // Only the combining diacritics of Latin-script letters are dropped: in Thai, Lao, Khmer or
        // Devanagari a non-spacing mark is part of the spelling and must stay.
        if (is_latin_diacritic(c)) continue;
        if (c == 0x0110 || c == 0x0111) c = 'd';  // Đ đ: a letter, not a diacritic, but folded for search
        c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
        UBool err = 0;
        U16_APPEND(out, o, dlen * 3 + 16, c, err);
    }
    free(d);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&e);
    int32_t r = unorm2_normalize(nfc, out, o, (UChar *)dst, capacity, &e);
    free(out);
    if (e == U_BUFFER_OVERFLOW_ERROR || e == U_STRING_NOT_TERMINATED_WARNING) return r;
    return U_FAILURE(e) ? fail(e) : r;
}

// Precomposed Latin letters (Latin-1 Supplement to Latin Extended-B, Latin Extended Additional:
// every Vietnamese letter) folded one by one by qb_fold_icu; 0 where the result is not a single
// ASCII letter, which sends the whole string down the ICU path.
static uint8_t latin_fold[0x1F00];
static pthread_once_t latin_fold_once = PTHREAD_ONCE_INIT;

static int in_latin_table(UChar32 c) { return (c >= 0x00C0 && c <= 0x024F) || (c >= 0x1E00 && c <= 0x1EFF); }

static void build_latin_fold(void) {
    for (UChar32 c = 0x00C0; c < 0x1F00; c++) {
        if (!in_latin_table(c)) continue;
        uint16_t in = (uint16_t)c, out[8];
        int32_t n = qb_fold_icu(&in, 1, out, 8);
        latin_fold[c] = n == 1 && out[0] < 0x80 ? (uint8_t)out[0] : 0;
    }
}

// Characters that NFD-then-NFC leaves as they are and that have no case and no Latin diacritic:
// Han, Hangul syllables, kana, and general punctuation such as dashes and quotation marks.
static int folds_to_itself(UChar32 c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x3041 && c <= 0x3096)
        || (c >= 0x30A1 && c <= 0x30FA) || (c >= 0x3001 && c <= 0x3003) || (c >= 0x300C && c <= 0x300F)
        || (c >= 0x2010 && c <= 0x2027);
}

// Search folding with a fast path: text made only of ASCII, precomposed Latin letters and the
// characters above folds one character at a time, the same as qb_fold_icu (decomposition,
// marks dropped, case folded, recomposition) gives for it, since none of them combines with a
// neighbour. Anything else (a combining mark, another script, a compatibility character) goes
// through ICU whole. Indexing folds every text; this is most of the corpus.
int32_t qb_fold(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity) {
    pthread_once(&latin_fold_once, build_latin_fold);
    if (length > capacity) return qb_fold_icu(src, length, dst, capacity);
    for (int32_t i = 0; i < length; i++) {
        uint16_t c = src[i];
        if (c < 0x80) {
            dst[i] = (c >= 'A' && c <= 'Z') ? (uint16_t)(c + 32) : c;
        } else if (in_latin_table(c) && latin_fold[c]) {
            dst[i] = latin_fold[c];
        } else if (folds_to_itself(c)) {
            dst[i] = c;
        } else {
            return qb_fold_icu(src, length, dst, capacity);
        }
    }
    return length;
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

int32_t qb_marks(const uint16_t *src, int32_t length, uint32_t *marks, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    int32_t dlen = 0;
    UChar *d = decompose(src, length, &dlen, &e);
    if (U_FAILURE(e)) { free(d); return fail(e); }
    int32_t n = 0;
    for (int32_t i = 0; i < dlen;) {
        UChar32 c;
        U16_NEXT(d, i, dlen, c);
        if (u_charType(c) == U_NON_SPACING_MARK) {
            if (n < capacity) marks[n] = (uint32_t)c;
            n++;
        }
    }
    free(d);
    if (n <= capacity) qsort(marks, n, sizeof(uint32_t), cmp_u32);
    return n;
}

static USpoofChecker *spoof;
static pthread_once_t spoof_once = PTHREAD_ONCE_INIT;
static void open_spoof(void) { UErrorCode e = U_ZERO_ERROR; spoof = uspoof_open(&e); if (U_FAILURE(e)) spoof = NULL; }

// The Latin letter a spoof-checker skeleton stands for: itself when ASCII, and the small
// capitals that skeletons use for Cyrillic lower case ("м" → ʍ, "т" → ᴛ); 0 for anything else.
static UChar32 skeleton_letter(const UChar *k, int32_t n) {
    if (n <= 0) return 0;
    if (n >= 2 && k[0] == 'r' && k[1] == 'n') return 'm';
    UChar32 c = k[0];
    if (c < 0x80) return u_isalpha(c) ? c : 0;
    switch (c) {
    case 0x028D: case 0x1D0D: return 'm';
    case 0x1D1B: return 't';
    case 0x1D00: return 'a';
    case 0x1D0F: return 'o';
    case 0x1D1C: return 'u';
    case 0x1D07: return 'e';
    case 0x026A: return 'i';
    case 0x028F: return 'y';
    case 0x1D05: return 'd';
    case 0x0299: return 'b';
    default: return 0;
    }
}

// A letter of another script that looks like a Latin one, as that letter in the original's
// case (the skeleton of a capital I is "l"), followed by any marks of the skeleton; 0 if none.
static int32_t latin_lookalike(UChar32 c, UChar *out, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    if (!u_isalpha(c) || c == 0x0110 || c == 0x0111) return 0;  // Đ đ are Vietnamese letters
    UScriptCode script = uscript_getScript(c, &e);
    if (U_FAILURE(e) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED) return 0;
    if (script == USCRIPT_LATIN) {
        // Latin letters built on an ASCII one keep their diacritics ("Ậ"); the others
        // (small capitals "ᴍ", dotless "ı") are looked up.
        UChar s[2], d[8];
        int32_t n = 0;
        UBool err = 0;
        U16_APPEND(s, n, 2, c, err);
        const UNormalizer2 *nfd = unorm2_getNFDInstance(&e);
        int32_t dn = unorm2_normalize(nfd, s, n, d, 8, &e);
        if (U_FAILURE(e) || dn < 1 || d[0] < 0x80) return 0;
    }
    pthread_once(&spoof_once, open_spoof);
    if (!spoof) return 0;
    UChar s[2], k[32], d[64];
    int32_t n = 0;
    UBool err = 0;
    U16_APPEND(s, n, 2, c, err);
    int32_t kn = uspoof_getSkeleton(spoof, 0, s, n, k, 32, &e);
    if (U_FAILURE(e)) return 0;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&e);
    int32_t dn = unorm2_normalize(nfd, k, kn, d, 64, &e);
    if (U_FAILURE(e)) return 0;
    // Only a look-alike of one plain letter: a skeleton with marks ("Ŧ" → "T̵") or of several
    // letters ("Æ" → "AE") is not one, and is left as it is.
    int32_t letters = (dn == 2 && d[0] == 'r' && d[1] == 'n') ? 2 : 1;
    UChar32 base = dn == letters ? skeleton_letter(d, dn) : 0;
    if (!base || capacity < 1) return 0;
    // Small capitals read as capitals, as in "ᴛỐɪ ᴍẬᴛ".
    char name[64];
    int32_t nameLength = u_charName(c, U_UNICODE_CHAR_NAME, name, sizeof name, &e);
    int smallCapital = U_SUCCESS(e) && nameLength > 0 && strstr(name, "SMALL CAPITAL") != NULL;
    if (u_isupper(c) || u_istitle(c) || smallCapital) base = base == 'l' ? 'I' : u_toupper(base);
    else base = u_tolower(base);
    out[0] = (UChar)base;
    return 1;
}

int32_t qb_stamp_normalize(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&e);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&e);
    if (U_FAILURE(e)) return fail(e);
    int32_t klen = unorm2_normalize(nfkc, (const UChar *)src, length, NULL, 0, &e);
    if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e)) return fail(e);
    e = U_ZERO_ERROR;
    UChar *k = malloc(sizeof(UChar) * (klen + 1));
    // A look-alike becomes at most a letter and the few marks of its skeleton.
    int32_t mcap = klen * 8 + 16;
    UChar *m = malloc(sizeof(UChar) * mcap);
    if (!k || !m) { free(k); free(m); return fail(U_MEMORY_ALLOCATION_ERROR); }
    unorm2_normalize(nfkc, (const UChar *)src, length, k, klen + 1, &e);
    if (U_FAILURE(e)) { free(k); free(m); return fail(e); }
    int32_t o = 0;
    for (int32_t i = 0; i < klen;) {
        UChar32 c;
        U16_NEXT(k, i, klen, c);
        if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) continue;
        int32_t n = c < 0x80 ? 0 : latin_lookalike(c, m + o, 8);
        if (n > 0) { o += n; continue; }
        UBool err = 0;
        U16_APPEND(m, o, mcap, c, err);
    }
    free(k);
    int32_t r = unorm2_normalize(nfc, m, o, (UChar *)dst, capacity, &e);
    free(m);
    if (e == U_BUFFER_OVERFLOW_ERROR || e == U_STRING_NOT_TERMINATED_WARNING) return r;
    return U_FAILURE(e) ? fail(e) : r;
}

void *qb_translit_open(const char *id, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    UChar uid[256];
    u_uastrncpy(uid, id, 255);
    uid[255] = 0;
    UTransliterator *t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
    *status = fail(e);
    return U_FAILURE(e) ? NULL : t;
}

int32_t qb_translit(void *handle, const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    if (length > capacity) return length;
    memcpy(dst, src, sizeof(UChar) * length);
    int32_t textLength = length, limit = length;
    utrans_transUChars((UTransliterator *)handle, (UChar *)dst, &textLength, capacity, 0, &limit, &e);
    if (e == U_BUFFER_OVERFLOW_ERROR) return textLength > capacity ? textLength : capacity * 2;
    if (e == U_STRING_NOT_TERMINATED_WARNING) e = U_ZERO_ERROR;
    return U_FAILURE(e) ? fail(e) : textLength;
}

void qb_translit_close(void *handle) { if (handle) utrans_close((UTransliterator *)handle); }

void *qb_collator_open(const char *locale, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    UCollator *c = ucol_open(locale, &e);
    if (e == U_USING_DEFAULT_WARNING || e == U_USING_FALLBACK_WARNING) e = U_ZERO_ERROR;
    *status = fail(e);
    return U_FAILURE(e) ? NULL : c;
}

int32_t qb_collator_sort_key(void *handle, const uint16_t *src, int32_t length, uint8_t *dst, int32_t capacity) {
    return ucol_getSortKey((const UCollator *)handle, (const UChar *)src, length, dst, capacity);
}

int32_t qb_collator_compare(void *handle, const uint16_t *a, int32_t alength, const uint16_t *b, int32_t blength) {
    return (int32_t)ucol_strcoll((const UCollator *)handle, (const UChar *)a, alength, (const UChar *)b, blength);
}

void qb_collator_close(void *handle) { if (handle) ucol_close((UCollator *)handle); }

void *qb_words_open(const char *locale, int32_t *status) {
    UErrorCode e = U_ZERO_ERROR;
    UBreakIterator *b = ubrk_open(UBRK_WORD, locale, NULL, 0, &e);
    *status = fail(e);
    return U_FAILURE(e) ? NULL : b;
}

int32_t qb_words(void *handle, const uint16_t *src, int32_t length, int32_t *bounds, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    UBreakIterator *b = (UBreakIterator *)handle;
    ubrk_setText(b, (const UChar *)src, length, &e);
    if (U_FAILURE(e)) return fail(e);
    int32_t n = 0, start = ubrk_first(b);
    for (int32_t end = ubrk_next(b); end != UBRK_DONE; start = end, end = ubrk_next(b)) {
        if (ubrk_getRuleStatus(b) == UBRK_WORD_NONE) continue;  // spaces, punctuation
        if (n < capacity) { bounds[2 * n] = start; bounds[2 * n + 1] = end; }
        n++;
    }
    ubrk_setText(b, NULL, 0, &e);
    return n;
}

void qb_words_close(void *handle) { if (handle) ubrk_close((UBreakIterator *)handle); }

int32_t qb_is_cjk(uint32_t codepoint) {
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript((UChar32)codepoint, &e);
    return s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA || s == USCRIPT_HANGUL;
}

int32_t qb_language_scripts(const char *locale, int32_t *scripts, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    char full[ULOC_FULLNAME_CAPACITY];
    // The maximized id always has a '_', so uscript_getCode reads it as a locale, never as a
    // script name that happens to be spelled like a language code.
    uloc_addLikelySubtags(locale, full, sizeof full, &e);
    if (U_FAILURE(e)) return fail(e);
    UScriptCode codes[8];
    int32_t n = uscript_getCode(full, codes, 8, &e);
    if (U_FAILURE(e)) return fail(e);
    for (int32_t i = 0; i < n && i < capacity; i++) scripts[i] = (int32_t)codes[i];
    return n;
}

int32_t qb_count_letters_by_script(const uint16_t *src, int32_t length, int32_t *counts, int32_t capacity) {
    int32_t i = 0, letters = 0;
    while (i < length) {
        UChar32 c;
        U16_NEXT(src, i, length, c);
        if (c < 0x80) {
            if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') { if (USCRIPT_LATIN < capacity) counts[USCRIPT_LATIN]++; letters++; }
            continue;
        }
        if (!u_isalpha(c)) continue;
        UErrorCode e = U_ZERO_ERROR;
        UScriptCode s = uscript_getScript(c, &e);
        if (U_FAILURE(e)) continue;
        if (s == USCRIPT_COMMON || s == USCRIPT_INHERITED) {
            UScriptCode ext[4];
            int32_t n = uscript_getScriptExtensions(c, ext, 4, &e);
            if (n < 1 || ext[0] == USCRIPT_COMMON || ext[0] == USCRIPT_INHERITED) continue;
            if (e == U_BUFFER_OVERFLOW_ERROR) e = U_ZERO_ERROR;
            if (U_FAILURE(e)) continue;
            s = ext[0];
        }
        if ((int32_t)s < capacity) counts[s]++;
        letters++;
    }
    return letters;
}

const char *qb_script_name(int32_t script) {
    const char *name = uscript_getName((UScriptCode)script);
    return name ? name : "";
}

int32_t qb_display_width(uint32_t codepoint) {
    int8_t type = u_charType((UChar32)codepoint);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) return 0;
    int32_t w = u_getIntPropertyValue((UChar32)codepoint, UCHAR_EAST_ASIAN_WIDTH);
    return (w == U_EA_WIDE || w == U_EA_FULLWIDTH) ? 2 : 1;
}

/* Opening an ICU formatter (and above all a date-pattern generator) costs far more than
   formatting with it, and the site formats thousands of dates and numbers. Formatters are
   kept per thread (they are not thread-safe), a few per thread, keyed by what opened them. */
#define QB_CACHE 16
typedef struct { char key[96]; void *handle; } qb_cached;
static _Thread_local qb_cached date_cache[QB_CACHE];
static _Thread_local qb_cached number_cache[QB_CACHE];

static void *cache_get(qb_cached *c, const char *key) {
    for (int i = 0; i < QB_CACHE && c[i].handle; i++) if (strcmp(c[i].key, key) == 0) return c[i].handle;
    return NULL;
}

/* Stores a handle; returns 0 when the cache is full (the caller then closes it after use). */
static int cache_put(qb_cached *c, const char *key, void *handle) {
    for (int i = 0; i < QB_CACHE; i++) {
        if (!c[i].handle) { snprintf(c[i].key, sizeof c[i].key, "%s", key); c[i].handle = handle; return 1; }
    }
    return 0;
}

int32_t qb_format_date(const char *locale, const char *skeleton, double epoch_millis, const char *tz,
                       uint16_t *dst, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    char key[96];
    snprintf(key, sizeof key, "%s|%s|%s", locale, skeleton, tz);
    UDateFormat *f = cache_get(date_cache, key);
    int cached = f != NULL;
    if (!f) {
        UChar uskel[64], pattern[128], utz[64];
        u_uastrncpy(uskel, skeleton, 63); uskel[63] = 0;
        u_uastrncpy(utz, tz, 63); utz[63] = 0;
        UDateTimePatternGenerator *g = udatpg_open(locale, &e);
        if (U_FAILURE(e)) return fail(e);
        int32_t plen = udatpg_getBestPattern(g, uskel, -1, pattern, 128, &e);
        udatpg_close(g);
        if (U_FAILURE(e)) return fail(e);
        f = udat_open(UDAT_PATTERN, UDAT_PATTERN, locale, utz, -1, pattern, plen, &e);
        if (U_FAILURE(e)) return fail(e);
        cached = cache_put(date_cache, key, f);
    }
    int32_t r = udat_format(f, epoch_millis, (UChar *)dst, capacity, NULL, &e);
    if (!cached) udat_close(f);
    if (e == U_BUFFER_OVERFLOW_ERROR || e == U_STRING_NOT_TERMINATED_WARNING) return r;
    return U_FAILURE(e) ? fail(e) : r;
}

static int32_t format_with(UNumberFormat *f, int cached, double value, uint16_t *dst, int32_t capacity, UErrorCode e) {
    if (U_FAILURE(e)) { if (f && !cached) unum_close(f); return fail(e); }
    int32_t r = unum_formatDouble(f, value, (UChar *)dst, capacity, NULL, &e);
    if (!cached) unum_close(f);
    if (e == U_BUFFER_OVERFLOW_ERROR || e == U_STRING_NOT_TERMINATED_WARNING) return r;
    return U_FAILURE(e) ? fail(e) : r;
}

int32_t qb_format_number(const char *locale, double value, int32_t max_fraction, uint16_t *dst, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    char key[96];
    snprintf(key, sizeof key, "%s|decimal|%d", locale, (int)max_fraction);
    UNumberFormat *f = cache_get(number_cache, key);
    int cached = f != NULL;
    if (!f) {
        f = unum_open(UNUM_DECIMAL, NULL, 0, locale, NULL, &e);
        if (U_FAILURE(e)) return format_with(f, 0, value, dst, capacity, e);
        unum_setAttribute(f, UNUM_MAX_FRACTION_DIGITS, max_fraction);
        cached = cache_put(number_cache, key, f);
    }
    return format_with(f, cached, value, dst, capacity, e);
}

int32_t qb_format_currency(const char *locale, double value, const char *currency, uint16_t *dst, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    UChar code[4];
    u_uastrncpy(code, currency, 3); code[3] = 0;
    UNumberFormat *f = unum_open(UNUM_CURRENCY, NULL, 0, locale, NULL, &e);
    if (U_SUCCESS(e)) unum_setTextAttribute(f, UNUM_CURRENCY_CODE, code, 3, &e);
    return format_with(f, 0, value, dst, capacity, e);
}

int32_t qb_likely_region_locale(const char *locale, char *dst, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    char full[ULOC_FULLNAME_CAPACITY], lang[ULOC_LANG_CAPACITY], country[ULOC_COUNTRY_CAPACITY];
    uloc_addLikelySubtags(locale, full, sizeof full, &e);
    uloc_getLanguage(full, lang, sizeof lang, &e);
    int32_t n = uloc_getCountry(full, country, sizeof country, &e);
    if (U_FAILURE(e) || n == 0) return -1;
    return snprintf(dst, (size_t)capacity, "%s_%s", lang, country);
}
