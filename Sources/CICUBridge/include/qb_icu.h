// A narrow C interface over system ICU. Only <stdint.h> types cross it, so Swift modules that
// also import Foundation (whose ICU headers differ) never see ICU's own declarations.
//
// Conventions: strings are UTF-16 (pointer + length). A function that fills a buffer returns
// the length it needs (in UTF-16 units or bytes); when that exceeds `capacity` the caller
// retries with a bigger buffer. A negative return is an ICU error code, negated.
#ifndef QB_ICU_H
#define QB_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Normalization. form: 0 = NFC, 1 = NFD.
int32_t qb_normalize(int32_t form, const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity);
// 1 when the text is already NFC, 0 when not, negative on error.
int32_t qb_is_nfc(const uint16_t *src, int32_t length);
// 1 when valid UTF-8 text is in NFC by the quick check alone (every character of the BMP,
// NFC_Quick_Check Yes, combining class 0); -1 when it cannot tell, and ICU must look.
int32_t qb_utf8_quick_nfc(const uint8_t *src, int32_t length);

// Search folding: NFD, drop the combining diacritics of Latin letters (not the marks that spell
// Thai, Lao, Khmer…), case-fold, đ/Đ → d, back to NFC.
int32_t qb_fold(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity);
// qb_fold without its fast path: every string through ICU (tests compare the two).
int32_t qb_fold_icu(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity);
// Removes marks from `word` like qb_fold and writes, into `marks`, the sorted non-spacing marks
// it carried (used to tell "mật" from "mắt"). Returns the number of marks or a negative error.
int32_t qb_marks(const uint16_t *src, int32_t length, uint32_t *marks, int32_t capacity);
// The form the secrecy-stamp check reads: NFKC (full-width and other compatibility letters),
// without default-ignorable characters (zero-width space and joiners, soft hyphen, BOM…), letters
// of other scripts that ICU's spoof checker takes for a Latin letter replaced by it in the
// original's case (Cyrillic "Т" → "T", small capital "ᴍ" → "m"), then NFC. Vietnamese letters keep
// their diacritics.
int32_t qb_stamp_normalize(const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity);

// Transliteration (e.g. "Any-Latin; Latin-ASCII"). The handle is not thread-safe.
void *qb_translit_open(const char *id, int32_t *status);
int32_t qb_translit(void *handle, const uint16_t *src, int32_t length, uint16_t *dst, int32_t capacity);
void qb_translit_close(void *handle);

// Collation. Collators are safe to share between threads for these calls.
void *qb_collator_open(const char *locale, int32_t *status);
int32_t qb_collator_sort_key(void *handle, const uint16_t *src, int32_t length, uint8_t *dst, int32_t capacity);
int32_t qb_collator_compare(void *handle, const uint16_t *a, int32_t alength, const uint16_t *b, int32_t blength);
void qb_collator_close(void *handle);

// Word segmentation (dictionary-based for CJK, Thai, Lao, Khmer). Not thread-safe.
// Writes up to `capacity` [start, end) pairs of word tokens (rule status not "none") into
// `bounds` and returns how many tokens the text has.
void *qb_words_open(const char *locale, int32_t *status);
int32_t qb_words(void *handle, const uint16_t *src, int32_t length, int32_t *bounds, int32_t capacity);
void qb_words_close(void *handle);

// Scripts: 1 when the code point is Han, Hiragana, Katakana or Hangul.
int32_t qb_is_cjk(uint32_t codepoint);

// Writing systems (ICU UScriptCode values). The scripts a language is written in, from its
// likely subtags ("ja" → Katakana, Hiragana, Han; "ko" → Hangul, Han; "ru" → Cyrillic): how many,
// up to `capacity` written into `scripts`; 0 when ICU knows none, negative on error.
int32_t qb_language_scripts(const char *locale, int32_t *scripts, int32_t capacity);
// Counts the letters of the text by script into `counts` (indexed by script code, `capacity`
// entries, added to). A letter of the Common or Inherited script (the Japanese long-vowel mark)
// counts for the first script of its Script_Extensions, or not at all. Returns the letters counted.
int32_t qb_count_letters_by_script(const uint16_t *src, int32_t length, int32_t *counts, int32_t capacity);
// The script's long name ("Latin", "Hangul"), or "" for an unknown code.
const char *qb_script_name(int32_t script);

// Terminal columns a code point takes: 2 for East Asian Wide/Fullwidth, 0 for marks, else 1.
int32_t qb_display_width(uint32_t codepoint);

// Formatting. Dates: `skeleton` is an ICU skeleton ("yMMMMd", "yMMMMdjjmm"), `tz` an Olson id.
int32_t qb_format_date(const char *locale, const char *skeleton, double epoch_millis, const char *tz,
                       uint16_t *dst, int32_t capacity);
// Decimal number with grouping and at most `max_fraction` fraction digits.
int32_t qb_format_number(const char *locale, double value, int32_t max_fraction, uint16_t *dst, int32_t capacity);
// Currency amount (ISO 4217 code, e.g. "VND", "USD").
int32_t qb_format_currency(const char *locale, double value, const char *currency, uint16_t *dst, int32_t capacity);

// Plural rules (CLDR, through ICU). The category of `count` in the language ("one", "other",
// "few"…), written NUL-terminated into `dst`; returns its length, or a negative error.
int32_t qb_plural_select(const char *locale, double count, char *dst, int32_t capacity);
// Every category the language uses, space-separated ("one other" for English, "other" for
// Japanese); returns the length, or a negative error.
int32_t qb_plural_categories(const char *locale, char *dst, int32_t capacity);
// Date ranges (ICU date-interval formatting). The range from `from_millis` to `to_millis` in the
// language's own way ("January 8 – 14, 2027", "2027年1月8日～14日"), fields from `skeleton`
// ("yMMMMd", "yMMMMdjjmm"), in time zone `tz` (an Olson id); the fields that are the same in both
// ends are written once, and a range within one unit of the skeleton's smallest field is one date.
int32_t qb_format_date_interval(const char *locale, const char *skeleton, double from_millis, double to_millis,
                                const char *tz, uint16_t *dst, int32_t capacity);
// The offset from UTC of time zone `tz` at an instant (daylight saving included), in seconds
// east, into `offset`; 0, or negative on error (an unknown zone is an error, not UTC).
int32_t qb_zone_offset_seconds(const char *tz, double epoch_millis, int32_t *offset);

/// The language with its most likely region, as `ll_RR` (`vi` → `vi_VN`, `zh_Hans` → `zh_CN`);
/// the length written, or -1.
int32_t qb_likely_region_locale(const char *locale, char *dst, int32_t capacity);

// The name of language `tag` (BCP 47, e.g. "zh-Hans") in `display_locale`'s language, as written
// mid-sentence (qb_language_names.c).
int32_t qb_language_display_name(const char *tag, const char *display_locale, uint16_t *dst, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
