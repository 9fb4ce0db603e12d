/* Helpers shared by the libFuzzer targets (public API only). */
#ifndef ISMS_FUZZ_UTIL_H
#define ISMS_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isms.h"

/* A hash of the input's bytes, from which a target picks its options and variants. */
static inline unsigned fuzz_hash(const uint8_t *data, size_t size)
{
    unsigned h = 0;
    for (size_t i = 0; i < size; i++)
        h = h * 31u + data[i];
    return h;
}

/* The input as a NUL-terminated text (it ends at the first NUL of the input, if any); NULL
 * when out of memory. free() it. */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return NULL;
    if (size)
        memcpy(text, data, size);
    text[size] = '\0';
    return text;
}

/* Every function that takes text refuses text that is not UTF-8: ISMS_EINVAL with the
 * message "<what>: not UTF-8 at byte N (0xHH)". The N of such a refusal of `text`, checked:
 * inside the text, at a byte that is not ASCII, HH being that byte. 0 when `rc` and the
 * thread's error are anything else. */
static inline size_t fuzz_not_utf8_at(int rc, const char *what, const char *text)
{
    const isms_error *e = isms_error_last();
    char prefix[64];
    int n = snprintf(prefix, sizeof prefix, "%s: not UTF-8 at byte ", what);
    if (rc != ISMS_EINVAL || e->code != ISMS_EINVAL || n < 0 ||
        strncmp(e->message, prefix, (size_t)n) != 0)
        return 0;
    char *end;
    unsigned long at = strtoul(e->message + n, &end, 10);
    unsigned hex;
    if (at == 0 || at > strlen(text) || sscanf(end, " (0x%2X)", &hex) != 1 ||
        hex != (unsigned char)text[at - 1] || hex < 0x80)
        return 0;
    return (size_t)at;
}

/* Cuts `text` before its first byte that is not UTF-8, so that a target explores what text
 * means rather than the refusal of its encoding: isms_effort_parse() tells where, and must
 * then take the text before that byte without refusing it. Aborts when that fails. */
static inline void fuzz_cut_utf8(char *text)
{
    double days;
    int rc = isms_effort_parse(&days, NULL, text);
    if (rc != ISMS_EINVAL)
        return;
    size_t at = fuzz_not_utf8_at(rc, "effort", text);
    if (!at)
        abort(); /* EINVAL for anything but the encoding */
    text[at - 1] = '\0';
    if (isms_effort_parse(&days, NULL, text) == ISMS_EINVAL)
        abort(); /* the text before the first bad byte is refused too */
}

/* The language and the export flags that an input picks, from a hash of its bytes, so that
 * every combination gets tried. Never both ISMS_CSV_COMMA and ISMS_CSV_TAB. */
static inline void fuzz_pick(isms_lang *lang, unsigned *flags, const uint8_t *data, size_t size)
{
    unsigned h = fuzz_hash(data, size);
    *lang = (h & 1) ? ISMS_LANG_EN : ISMS_LANG_SV;
    *flags = (h >> 1) & 15u;
    if ((*flags & ISMS_CSV_COMMA) && (*flags & ISMS_CSV_TAB))
        *flags &= ~(unsigned)ISMS_CSV_TAB;
}

/* A new, empty list of notes; aborts when that fails. */
static inline isms_findings *fuzz_notes(isms_lang lang)
{
    isms_findings *notes = NULL;
    if (isms_findings_new(&notes, lang) != ISMS_OK)
        abort();
    return notes;
}

#endif
