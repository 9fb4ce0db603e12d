/*
 * libFuzzer target: the JSON loader of the ISMS document, and the writer's round trip.
 *
 * Any input that loads must write; the written text must load again, and writing that second
 * document must give the same bytes as the first write (load → save → load is the identity on
 * what the library writes). Anything else is a bug and aborts. Inputs that do not load must
 * fail cleanly: a negative code, nothing returned, and a message that starts with the JSON
 * path (the sanitizers watch for leaks and undefined behaviour). The limits are small so that
 * the fuzzer spends its time in the loader, not in huge inputs: 1 MiB and 32 levels.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-util.h"
#include "isms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_BYTES = 1024 * 1024, MAX_DEPTH = 32 };

static void fail(const char *what, const char *first, size_t first_len, const char *second,
                 size_t second_len)
{
    fprintf(stderr, "document round trip: %s\n", what);
    if (first)
        fprintf(stderr, "--- first write (%zu bytes)\n%.*s", first_len,
                first_len > 4000 ? 4000 : (int)first_len, first);
    if (second)
        fprintf(stderr, "--- second write (%zu bytes)\n%.*s", second_len,
                second_len > 4000 ? 4000 : (int)second_len, second);
    abort();
}

/* Where two texts first differ, for the message. */
static size_t first_difference(const char *a, size_t na, const char *b, size_t nb)
{
    size_t i = 0;
    while (i < na && i < nb && a[i] == b[i])
        i++;
    return i;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const isms_load_options limits = { MAX_BYTES, MAX_DEPTH };
    isms_document *doc = NULL;
    int rc = isms_document_parse(&doc, (const char *)data, size, "fuzz.json", &limits);
    if (rc != ISMS_OK) {
        if (doc || rc >= 0)
            abort();
        /* A load error names where it is: the message begins with the JSON path ("$…"),
         * except for an allocation failure, which has no place. */
        const isms_error *e = isms_error_last();
        if (rc != ISMS_ENOMEM && (!e || e->message[0] != '$')) {
            fprintf(stderr, "document: load error %d without a JSON path: %s\n", rc,
                    e ? e->message : "(none)");
            abort();
        }
        return 0;
    }
    if (!doc)
        abort();

    char *first = NULL;
    size_t first_len = 0;
    rc = isms_document_write(&first, &first_len, doc);
    if (rc != ISMS_OK || !first || strlen(first) != first_len) {
        fprintf(stderr, "document: a loaded document does not write: %s\n",
                isms_error_last()->message);
        abort();
    }
    if (first_len == 0 || first[first_len - 1] != '\n')
        fail("the written text does not end with a newline", first, first_len, NULL, 0);

    isms_document *again = NULL;
    rc = isms_document_parse(&again, first, first_len, "written.json", NULL);
    if (rc != ISMS_OK) {
        char what[1200];
        snprintf(what, sizeof what, "the written text does not load: %s",
                 isms_error_last()->message);
        fail(what, first, first_len, NULL, 0);
    }
    char *second = NULL;
    size_t second_len = 0;
    if (isms_document_write(&second, &second_len, again) != ISMS_OK || !second)
        fail("the reloaded document does not write", first, first_len, NULL, 0);
    if (second_len != first_len || memcmp(first, second, first_len) != 0) {
        char what[96];
        snprintf(what, sizeof what, "the second write differs from the first at byte %zu",
                 first_difference(first, first_len, second, second_len));
        fail(what, first, first_len, second, second_len);
    }

    isms_free(second);
    isms_document_free(again);
    isms_free(first);
    isms_document_free(doc);
    return 0;
}
