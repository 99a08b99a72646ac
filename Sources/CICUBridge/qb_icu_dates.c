// Date ranges and time-zone offsets (ICU's udtitvfmt and ucal), kept apart from qb_icu.c.
#include "qb_icu.h"

#include <stdio.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/udateintervalformat.h>
#include <unicode/ustring.h>

static int32_t interval_fail(UErrorCode e) { return e == U_ZERO_ERROR ? 0 : -(int32_t)e; }

// Opening an interval formatter loads the locale's patterns: keep a few per thread.
#define QB_INTERVAL_CACHE 16
typedef struct { char key[96]; UDateIntervalFormat *handle; } qb_interval_cached;
static _Thread_local qb_interval_cached interval_cache[QB_INTERVAL_CACHE];

int32_t qb_format_date_interval(const char *locale, const char *skeleton, double from_millis, double to_millis,
                                const char *tz, uint16_t *dst, int32_t capacity) {
    UErrorCode e = U_ZERO_ERROR;
    char key[96];
    snprintf(key, sizeof key, "%s|%s|%s", locale, skeleton, tz);
    UDateIntervalFormat *f = NULL;
    int slot = -1;
    for (int i = 0; i < QB_INTERVAL_CACHE; i++) {
        if (!interval_cache[i].handle) { slot = i; break; }
        if (strcmp(interval_cache[i].key, key) == 0) { f = interval_cache[i].handle; break; }
    }
    int cached = f != NULL;
    if (!f) {
        UChar uskel[64], utz[64];
        u_uastrncpy(uskel, skeleton, 63); uskel[63] = 0;
        u_uastrncpy(utz, tz, 63); utz[63] = 0;
        f = udtitvfmt_open(locale, uskel, -1, utz, -1, &e);
        if (U_FAILURE(e)) return interval_fail(e);
        if (slot >= 0) {
            snprintf(interval_cache[slot].key, sizeof interval_cache[slot].key, "%s", key);
            interval_cache[slot].handle = f;
            cached = 1;
        }
    }
    int32_t r = udtitvfmt_format(f, from_millis, to_millis, (UChar *)dst, capacity, NULL, &e);
    if (!cached) udtitvfmt_close(f);
    if (e == U_BUFFER_OVERFLOW_ERROR || e == U_STRING_NOT_TERMINATED_WARNING) return r;
    return U_FAILURE(e) ? interval_fail(e) : r;
}

int32_t qb_zone_offset_seconds(const char *tz, double epoch_millis, int32_t *offset) {
    UErrorCode e = U_ZERO_ERROR;
    UChar utz[64];
    u_uastrncpy(utz, tz, 63); utz[63] = 0;
    UCalendar *c = ucal_open(utz, -1, "", UCAL_GREGORIAN, &e);
    if (U_FAILURE(e)) return interval_fail(e);
    // ICU opens an unknown id as "Etc/Unknown" (offset 0) without an error: refuse it.
    UChar id[64];
    int32_t n = ucal_getTimeZoneID(c, id, 64, &e);
    UChar unknown[16];
    u_uastrcpy(unknown, "Etc/Unknown");
    if (U_SUCCESS(e) && n == u_strlen(unknown) && u_strncmp(id, unknown, n) == 0) { ucal_close(c); return interval_fail(U_ILLEGAL_ARGUMENT_ERROR); }
    ucal_setMillis(c, epoch_millis, &e);
    int32_t zone = ucal_get(c, UCAL_ZONE_OFFSET, &e);
    int32_t dst = ucal_get(c, UCAL_DST_OFFSET, &e);
    ucal_close(c);
    if (U_FAILURE(e)) return interval_fail(e);
    *offset = (zone + dst) / 1000;
    return 0;
}
