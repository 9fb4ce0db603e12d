/*
 * libFuzzer target: CSV import of a risk register, and the export round trip.
 *
 * Any input that imports must export, and the export must import again into an equal
 * register (every field, in order); anything else is a bug and aborts. Inputs that do not
 * import must fail cleanly (the sanitizers watch for leaks and undefined behaviour).
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
    fprintf(stderr, "csv round trip: %s differs at risk %zu\n", what, i);
    abort();
}

static void compare(const isms_register *a, const isms_register *b)
{
    if (isms_register_count(a) != isms_register_count(b))
        mismatch("count", 0);
    for (size_t i = 0; i < isms_register_count(a); i++) {
        const isms_risk *x = isms_register_at(a, i), *y = isms_register_at(b, i);
        if (strcmp(isms_risk_id(x), isms_risk_id(y)))
            mismatch("id", i);
        if (strcmp(isms_risk_title(x), isms_risk_title(y)))
            mismatch("title", i);
        if (strcmp(isms_risk_consequence_text(x), isms_risk_consequence_text(y)))
            mismatch("consequence text", i);
        if (isms_risk_likelihood(x) != isms_risk_likelihood(y) ||
            isms_risk_consequence(x) != isms_risk_consequence(y))
            mismatch("levels", i);
        if (isms_risk_residual_likelihood(x) != isms_risk_residual_likelihood(y) ||
            isms_risk_residual_consequence(x) != isms_risk_residual_consequence(y))
            mismatch("residual levels", i);
        if (isms_risk_stated_value(x) != isms_risk_stated_value(y))
            mismatch("stated value", i);
        if (isms_risk_treatment(x) != isms_risk_treatment(y))
            mismatch("treatment option", i);
        if (strcmp(isms_risk_treatment_text(x), isms_risk_treatment_text(y)))
            mismatch("treatment text", i);
        if (strcmp(isms_risk_owner(x), isms_risk_owner(y)))
            mismatch("owner", i);
        if (isms_risk_get_status(x) != isms_risk_get_status(y))
            mismatch("status", i);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The language and flags of the export come from the input, so that all are tried. */
    isms_lang lang;
    unsigned flags;
    fuzz_pick(&lang, &flags, data, size);
    isms_findings *notes = fuzz_notes(lang);
    isms_register *a = NULL;
    int rc = isms_register_parse_csv(&a, (const char *)data, size, "fuzz.csv", NULL, notes);
    if (rc != ISMS_OK) {
        if (a || rc >= 0)
            abort();
        isms_findings_free(notes);
        return 0;
    }
    char *doc = NULL;
    size_t len = 0;
    if (isms_register_write_csv(&doc, &len, a, lang, flags) != ISMS_OK || !doc ||
        strlen(doc) != len)
        abort();
    isms_register *b = NULL;
    if (isms_register_parse_csv(&b, doc, len, "export.csv", NULL, NULL) != ISMS_OK) {
        fprintf(stderr, "csv round trip: the export does not import: %s\n---\n%s---\n",
                isms_error_last()->message, doc);
        abort();
    }
    compare(a, b);
    isms_register_free(b);
    isms_register_free(a);
    isms_free(doc);
    isms_findings_free(notes);
    return 0;
}
