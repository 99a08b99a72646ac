#include "qb_icu.h"

#include <unicode/uldnames.h>
#include <unicode/uloc.h>

// The name of a language (a BCP 47 tag such as "vi" or "zh-Hans") in the language of
// `display_locale`, capitalized as it reads in the middle of a sentence ("tiếng Việt" in
// Vietnamese, "Vietnamese" in English), through ICU's locale display names (CLDR data).
int32_t qb_language_display_name(const char *tag, const char *display_locale, uint16_t *dst, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    UDisplayContext contexts[] = {UDISPCTX_CAPITALIZATION_FOR_MIDDLE_OF_SENTENCE, UDISPCTX_DIALECT_NAMES};
    ULocaleDisplayNames *names = uldn_openForContext(display_locale, contexts, 2, &e);
    if (U_FAILURE(e)) return -(int32_t)e;
    char locale[ULOC_FULLNAME_CAPACITY];
    int32_t parsed = 0;
    uloc_forLanguageTag(tag, locale, (int32_t)sizeof locale, &parsed, &e);
    if (U_FAILURE(e)) { uldn_close(names); return -(int32_t)e; }
    int32_t n = uldn_localeDisplayName(names, locale, (UChar *)dst, capacity, &e);
    uldn_close(names);
    if (e == U_BUFFER_OVERFLOW_ERROR || e == U_STRING_NOT_TERMINATED_WARNING) return n;
    return U_FAILURE(e) ? -(int32_t)e : n;
}
