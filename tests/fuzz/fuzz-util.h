/* Helpers shared by the libFuzzer targets (public API only). */
#ifndef ISMS_FUZZ_UTIL_H
#define ISMS_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
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
