// Plural categories (CLDR plural rules through ICU's uplrules).
#include "qb_icu.h"

#include <string.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>
#include <unicode/uenum.h>

static int32_t copy_ascii(const UChar *src, int32_t length, char *dst, int32_t capacity) {
    if (length < capacity) {
        u_UCharsToChars(src, dst, length);
        dst[length] = 0;
    }
    return length;
}

int32_t qb_plural_select(const char *locale, double count, char *dst, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    UPluralRules *rules = uplrules_open(locale, &e);
    if (U_FAILURE(e)) return -(int32_t)e;
    UChar keyword[32];
    int32_t n = uplrules_select(rules, count, keyword, 32, &e);
    uplrules_close(rules);
    if (U_FAILURE(e)) return -(int32_t)e;
    return copy_ascii(keyword, n, dst, capacity);
}

int32_t qb_plural_categories(const char *locale, char *dst, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    UPluralRules *rules = uplrules_open(locale, &e);
    if (U_FAILURE(e)) return -(int32_t)e;
    UEnumeration *keywords = uplrules_getKeywords(rules, &e);
    int32_t needed = 0;
    if (U_SUCCESS(e)) {
        const char *k;
        int32_t length;
        while ((k = uenum_next(keywords, &length, &e)) != NULL && U_SUCCESS(e)) {
            // Space-separated; the terminating NUL always fits when the result does.
            if (needed + (needed > 0) + length < capacity) {
                if (needed > 0) dst[needed] = ' ';
                memcpy(dst + needed + (needed > 0), k, (size_t)length);
                dst[needed + (needed > 0) + length] = 0;
            }
            needed += (needed > 0) + length;
        }
        uenum_close(keywords);
    }
    uplrules_close(rules);
    if (U_FAILURE(e)) return -(int32_t)e;
    if (needed == 0 && capacity > 0) dst[0] = 0;
    return needed;
}
