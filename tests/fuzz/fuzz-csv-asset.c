/*
 * libFuzzer target: CSV import of an asset inventory and its relations, and the export round
 * trip.
 *
 * The input is split at its first line that is exactly "--": the part above is the asset
 * table, the part below (if any) the relations table. Both are imported; any input that
 * imports must export (assets and relations, in Swedish and in English, with export flags
 * that the input picks), and each export must import again into an equal inventory (every
 * field of every asset, in order, and every relation, in order); anything else is a bug and
 * aborts. Inputs that do not import must fail cleanly: nothing returned, the inventory's
 * relations unchanged (the sanitizers watch for leaks and undefined behaviour).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-util.h"
#include "isms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void mismatch(const char *what, size_t i)
{
    fprintf(stderr, "csv asset round trip: %s differs at %zu\n", what, i);
    abort();
}

static void compare(const isms_inventory *a, const isms_inventory *b)
{
    if (isms_inventory_count(a) != isms_inventory_count(b))
        mismatch("count", 0);
    for (size_t i = 0; i < isms_inventory_count(a); i++) {
        const isms_asset *x = isms_inventory_at(a, i), *y = isms_inventory_at(b, i);
        if (strcmp(isms_asset_id(x), isms_asset_id(y)))
            mismatch("id", i);
        if (isms_asset_get_type(x) != isms_asset_get_type(y))
            mismatch("type", i);
        for (int f = 0; f < ISMS_ASSET_FIELDS; f++)
            if (strcmp(isms_asset_get(x, (isms_asset_field)f),
                       isms_asset_get(y, (isms_asset_field)f)))
                mismatch("text field", i);
        for (int k = 0; k < ISMS_ASPECTS; k++) {
            if (isms_asset_level(x, (isms_aspect)k) != isms_asset_level(y, (isms_aspect)k))
                mismatch("level", i);
            if (isms_asset_override(x, (isms_aspect)k) != isms_asset_override(y, (isms_aspect)k))
                mismatch("override", i);
        }
        if (isms_asset_pdata(x) != isms_asset_pdata(y))
            mismatch("personal data", i);
        if (isms_asset_special(x) != isms_asset_special(y))
            mismatch("special categories", i);
        if (isms_asset_nis(x) != isms_asset_nis(y))
            mismatch("NIS", i);
        isms_date dx = isms_asset_classified(x), dy = isms_asset_classified(y);
        if (dx.year != dy.year || dx.month != dy.month || dx.day != dy.day)
            mismatch("date classified", i);
        if (isms_asset_interval(x) != isms_asset_interval(y))
            mismatch("interval", i);
    }
    if (isms_inventory_relation_count(a) != isms_inventory_relation_count(b))
        mismatch("relation count", 0);
    for (size_t i = 0; i < isms_inventory_relation_count(a); i++) {
        isms_relation_info r, s;
        if (isms_inventory_relation(&r, a, i) != ISMS_OK ||
            isms_inventory_relation(&s, b, i) != ISMS_OK)
            abort();
        if (strcmp(isms_asset_id(r.src), isms_asset_id(s.src)) ||
            strcmp(isms_asset_id(r.dst), isms_asset_id(s.dst)) || r.kind != s.kind)
            mismatch("relation", i);
    }
}

/* Where the relations start: after the first line that is exactly "--" (LF, CRLF or the end
 * of the input after it). Sets *cut to the end of the assets part. */
static size_t split(const uint8_t *data, size_t size, size_t *cut)
{
    for (size_t p = 0; p + 2 <= size; p++) {
        if ((p > 0 && data[p - 1] != '\n') || data[p] != '-' || data[p + 1] != '-')
            continue;
        size_t q = p + 2;
        if (q == size) {
            *cut = p;
            return size;
        }
        if (data[q] == '\n') {
            *cut = p;
            return q + 1;
        }
        if (data[q] == '\r' && q + 1 < size && data[q + 1] == '\n') {
            *cut = p;
            return q + 2;
        }
    }
    *cut = size;
    return size;
}

static void roundtrip(const isms_inventory *a, isms_lang lang, unsigned flags)
{
    char *doc = NULL, *rel = NULL;
    size_t len = 0, rlen = 0;
    if (isms_inventory_write_csv(&doc, &len, a, lang, flags) != ISMS_OK || !doc ||
        strlen(doc) != len)
        abort();
    if (isms_inventory_write_relations_csv(&rel, &rlen, a, lang, flags) != ISMS_OK || !rel ||
        strlen(rel) != rlen)
        abort();
    isms_inventory *b = NULL;
    if (isms_inventory_parse_csv(&b, doc, len, "export.csv", isms_inventory_scheme(a), NULL) !=
        ISMS_OK) {
        fprintf(stderr, "csv asset round trip: the export does not import: %s\n---\n%s---\n",
                isms_error_last()->message, doc);
        abort();
    }
    if (isms_inventory_parse_relations_csv(b, rel, rlen, "relations.csv", NULL) != ISMS_OK) {
        fprintf(stderr, "csv asset round trip: the relations do not import: %s\n---\n%s---\n",
                isms_error_last()->message, rel);
        abort();
    }
    compare(a, b);
    isms_inventory_free(b);
    isms_free(doc);
    isms_free(rel);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The language of the notes, the flags of the exports and the scheme come from the input,
     * so that all get tried. */
    isms_lang lang;
    unsigned flags;
    fuzz_pick(&lang, &flags, data, size);
    static const char *const schemes[] = { "klassa", "klassa", "klassa-cia", "fips199" };
    isms_scheme *scheme = NULL;
    if (isms_scheme_preset(&scheme, schemes[(flags ^ (unsigned)size) & 3u]) != ISMS_OK)
        abort();
    isms_findings *notes = fuzz_notes(lang);

    size_t cut;
    size_t rel_at = split(data, size, &cut);
    isms_inventory *a = (isms_inventory *)(uintptr_t)0x1;
    int rc = isms_inventory_parse_csv(&a, (const char *)data, cut, "fuzz.csv", scheme, notes);
    isms_scheme_free(scheme);
    if (rc != ISMS_OK) {
        if (a != (isms_inventory *)(uintptr_t)0x1 || rc >= 0)
            abort();
        isms_findings_free(notes);
        return 0;
    }
    if (rel_at < size || cut < size) {
        size_t before = isms_findings_count(notes);
        rc = isms_inventory_parse_relations_csv(a, (const char *)data + rel_at, size - rel_at,
                                                "fuzz-relations.csv", notes);
        if (rc != ISMS_OK &&
            (rc >= 0 || isms_inventory_relation_count(a) != 0 ||
             isms_findings_count(notes) != before))
            abort(); /* all or none */
    }
    /* Both languages; the second with other flags (never comma and tab together). */
    roundtrip(a, lang, flags);
    unsigned other = flags ^ 9u;
    if ((other & ISMS_CSV_COMMA) && (other & ISMS_CSV_TAB))
        other &= ~(unsigned)ISMS_CSV_COMMA;
    roundtrip(a, lang == ISMS_LANG_SV ? ISMS_LANG_EN : ISMS_LANG_SV, other);
    isms_inventory_free(a);
    isms_findings_free(notes);
    return 0;
}
