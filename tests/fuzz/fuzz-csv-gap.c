/*
 * libFuzzer target: CSV import of a gap analysis (edition inferred, year 2024), and the export
 * round trip.
 *
 * Any input that imports must export, in both languages and with the flags the input picks,
 * and each export must import again into an equal assessment: the same edition, scope, year
 * and extra columns, and every field of every entry in order. Anything else is a bug and
 * aborts. Inputs that do not import must fail cleanly with a negative code and no result (the
 * sanitizers watch for leaks and undefined behaviour).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-util.h"
#include "isms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void mismatch(const char *what, size_t i, const char *doc)
{
    fprintf(stderr, "csv gap round trip: %s differs at entry %zu\n---\n%s---\n", what, i, doc);
    abort();
}

static void compare(const isms_assessment *a, const isms_assessment *b, const char *doc)
{
    if (isms_assessment_edition(a) != isms_assessment_edition(b))
        mismatch("edition", 0, doc);
    if (isms_assessment_scope(a) != isms_assessment_scope(b))
        mismatch("scope", 0, doc);
    if (isms_assessment_year(a) != isms_assessment_year(b))
        mismatch("year", 0, doc);
    if (isms_assessment_edition_basis(b) != ISMS_BASIS_NAMED)
        mismatch("basis of the re-import", 0, doc);
    size_t nx = isms_assessment_extra_count(a);
    if (nx != isms_assessment_extra_count(b))
        mismatch("extra column count", 0, doc);
    for (size_t k = 0; k < nx; k++)
        if (strcmp(isms_assessment_extra_name(a, k), isms_assessment_extra_name(b, k)))
            mismatch("extra column name", k, doc);
    if (isms_assessment_count(a) != isms_assessment_count(b))
        mismatch("count", 0, doc);
    for (size_t i = 0; i < isms_assessment_count(a); i++) {
        const isms_entry *x = isms_assessment_at(a, i), *y = isms_assessment_at(b, i);
        if (strcmp(isms_entry_ref(x), isms_entry_ref(y)))
            mismatch("reference", i, doc);
        if (isms_entry_item(x) != isms_entry_item(y))
            mismatch("catalog item", i, doc);
        for (int f = ISMS_FIELD_TEXT; f <= ISMS_FIELD_ORIGIN; f++)
            if (strcmp(isms_entry_get(x, (isms_entry_field)f), isms_entry_get(y, (isms_entry_field)f)))
                mismatch("text field", i, doc);
        if (isms_entry_status(x) != isms_entry_status(y))
            mismatch("status", i, doc);
        if (isms_entry_need(x) != isms_entry_need(y))
            mismatch("need", i, doc);
        if (isms_entry_applicability(x) != isms_entry_applicability(y))
            mismatch("applicability", i, doc);
        if (isms_entry_reasons(x) != isms_entry_reasons(y))
            mismatch("reasons", i, doc);
        size_t ne = isms_entry_evidence_count(x);
        if (ne != isms_entry_evidence_count(y))
            mismatch("evidence count", i, doc);
        for (size_t k = 0; k < ne; k++)
            if (strcmp(isms_entry_evidence(x, k), isms_entry_evidence(y, k)))
                mismatch("evidence", i, doc);
        for (size_t k = 0; k < nx; k++)
            if (strcmp(isms_entry_extra(x, k), isms_entry_extra(y, k)))
                mismatch("extra cell", i, doc);
        isms_period p = isms_entry_due(x), q = isms_entry_due(y);
        if (p.kind != q.kind || isms_date_compare(p.start, q.start) ||
            isms_date_compare(p.end, q.end))
            mismatch("due period", i, doc);
    }
}

static void roundtrip(const isms_assessment *a, isms_lang lang, unsigned flags)
{
    char *doc = NULL;
    size_t len = 0;
    if (isms_assessment_write_csv(&doc, &len, a, lang, flags) != ISMS_OK || !doc ||
        strlen(doc) != len)
        abort();
    isms_assessment *b = NULL;
    if (isms_assessment_parse_csv(&b, doc, len, "export.csv", ISMS_EDITION_UNKNOWN,
                                  isms_assessment_year(a), NULL) != ISMS_OK) {
        fprintf(stderr, "csv gap round trip: the export does not import: %s\n---\n%s---\n",
                isms_error_last()->message, doc);
        abort();
    }
    compare(a, b, doc);
    isms_assessment_free(b);
    isms_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The flags of the export come from the input, so that all are tried. */
    isms_lang lang;
    unsigned flags;
    fuzz_pick(&lang, &flags, data, size);
    isms_findings *notes = fuzz_notes(lang);
    isms_assessment *a = NULL;
    int rc = isms_assessment_parse_csv(&a, (const char *)data, size, "fuzz.csv",
                                       ISMS_EDITION_UNKNOWN, 2024, notes);
    if (rc != ISMS_OK) {
        if (a || rc >= 0 || isms_findings_count(notes) != 0)
            abort();
        isms_findings_free(notes);
        return 0;
    }
    if (isms_findings_count(notes) == 0) /* at least the gap-edition note */
        abort();
    roundtrip(a, ISMS_LANG_SV, flags);
    roundtrip(a, ISMS_LANG_EN, flags ^ ISMS_CSV_LF);
    isms_assessment_free(a);
    isms_findings_free(notes);
    return 0;
}
