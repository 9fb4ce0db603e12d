/*
 * libFuzzer target: CSV import of improvement actions, and the export round trip.
 *
 * Any input that imports must export (in the language and with the export flags that the
 * input picks), and the export must import again into the same actions (every field, in
 * order); anything else is a bug and aborts. Efforts written in person-days with more
 * decimals than a double holds may come back a rounding step away, so efforts compare within
 * a relative 1e-9; everything else compares exactly. Inputs that do not import must fail
 * cleanly (the sanitizers watch for leaks and undefined behaviour).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-util.h"
#include "isms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { YEAR = 2025 };

static void mismatch(const char *what, size_t i)
{
    fprintf(stderr, "csv action round trip: %s differs at action %zu\n", what, i);
    abort();
}

static bool near(double a, double b)
{
    return a == b || fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static void compare(const isms_plan *a, const isms_plan *b)
{
    if (isms_plan_count(a) != isms_plan_count(b))
        mismatch("count", 0);
    for (size_t i = 0; i < isms_plan_count(a); i++) {
        const isms_action *x = isms_plan_at(a, i), *y = isms_plan_at(b, i);
        if (strcmp(isms_action_id(x), isms_action_id(y)))
            mismatch("id", i);
        for (int f = ISMS_ACTION_TITLE; f <= ISMS_ACTION_DUE; f++)
            if (strcmp(isms_action_get(x, (isms_action_field)f),
                       isms_action_get(y, (isms_action_field)f)))
                mismatch("text", i);
        if (isms_action_get_status(x) != isms_action_get_status(y))
            mismatch("status", i);
        if (isms_action_recurrence(x) != isms_action_recurrence(y))
            mismatch("recurrence", i);
        if (isms_action_effort_size(x) != isms_action_effort_size(y) ||
            !near(isms_action_effort(x), isms_action_effort(y)))
            mismatch("effort", i);
        if (isms_action_cost(x) != isms_action_cost(y))
            mismatch("cost", i);
        if (isms_action_target_count(x) != isms_action_target_count(y))
            mismatch("target count", i);
        for (size_t k = 0; k < isms_action_target_count(x); k++) {
            isms_target s, t;
            if (isms_action_target(&s, x, k) || isms_action_target(&t, y, k) ||
                s.kind != t.kind || strcmp(s.id, t.id))
                mismatch("target", i);
        }
        if (isms_action_prerequisite_count(x) != isms_action_prerequisite_count(y))
            mismatch("prerequisite count", i);
        for (size_t k = 0; k < isms_action_prerequisite_count(x); k++)
            if (strcmp(isms_action_prerequisite(x, k), isms_action_prerequisite(y, k)))
                mismatch("prerequisite", i);
        int l1, c1, l2, c2;
        isms_action_expected_residual(&l1, &c1, x);
        isms_action_expected_residual(&l2, &c2, y);
        if (l1 != l2 || c1 != c2)
            mismatch("expected residual", i);
        if (isms_action_expected_status(x) != isms_action_expected_status(y))
            mismatch("expected status", i);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    isms_lang lang;
    unsigned flags;
    fuzz_pick(&lang, &flags, data, size);
    isms_findings *notes = fuzz_notes(lang);
    isms_plan *a = NULL;
    int rc = isms_plan_parse_csv(&a, (const char *)data, size, "fuzz.csv", YEAR, notes);
    if (rc != ISMS_OK) {
        if (a || rc >= 0 || isms_findings_count(notes) != 0)
            abort();
        isms_findings_free(notes);
        return 0;
    }
    char *doc = NULL;
    size_t len = 0;
    if (isms_plan_write_csv(&doc, &len, a, lang, flags) != ISMS_OK || !doc ||
        strlen(doc) != len)
        abort();
    isms_plan *b = NULL;
    if (isms_plan_parse_csv(&b, doc, len, "export.csv", YEAR, NULL) != ISMS_OK) {
        fprintf(stderr, "csv action round trip: the export does not import: %s\n---\n%s---\n",
                isms_error_last()->message, doc);
        abort();
    }
    compare(a, b);
    isms_plan_free(b);
    isms_plan_free(a);
    isms_free(doc);
    isms_findings_free(notes);
    return 0;
}
