/*
 * libFuzzer target: the OSCAL catalog importer (isms_catalog_parse_oscal), and the round trip
 * through the OSCAL catalog writer.
 *
 * An input that reads must write (isms_catalog_write_oscal); the written text must read
 * again into a catalog with the same title, version, UUID and items: the same ids, OSCAL
 * ids, labels, titles, kinds and parents, in the same order; and writing that second catalog
 * must give the same bytes as the first write. Anything else is a bug and aborts. An input
 * that does not read must fail cleanly: a negative code, nothing returned, and a message that
 * starts with the JSON path (the sanitizers watch for leaks and undefined behaviour).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog-internal.h"
#include "isms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *text, size_t len)
{
    fprintf(stderr, "oscal catalog round trip: %s\n", what);
    if (text)
        fprintf(stderr, "--- written (%zu bytes)\n%.*s\n", len, len > 4000 ? 4000 : (int)len,
                text);
    abort();
}

static bool same_text(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

/* The index of an item's parent in its catalog, or SIZE_MAX for a root. */
static size_t parent_index(const isms_catalog *c, const isms_item *item)
{
    const isms_item *p = isms_item_parent(item);
    if (!p)
        return SIZE_MAX;
    for (size_t i = 0; i < isms_catalog_count(c); i++)
        if (isms_catalog_at(c, i) == p)
            return i;
    abort(); /* a parent outside the catalog */
}

/* Whether the two catalogs hold the same things; the first difference goes to `what`. */
static bool same_catalog(const isms_catalog *a, const isms_catalog *b, char *what, size_t size)
{
    if (strcmp(isms_catalog_title(a), isms_catalog_title(b)) != 0 ||
        strcmp(isms_catalog_version(a), isms_catalog_version(b)) != 0 ||
        strcmp(isms_catalog_uuid(a), isms_catalog_uuid(b)) != 0 ||
        strcmp(isms__catalog_last_modified(a), isms__catalog_last_modified(b)) != 0) {
        snprintf(what, size, "the metadata differs");
        return false;
    }
    if (isms_catalog_count(a) != isms_catalog_count(b) ||
        isms_catalog_root_count(a) != isms_catalog_root_count(b)) {
        snprintf(what, size, "%zu items (%zu roots) read back as %zu (%zu)",
                 isms_catalog_count(a), isms_catalog_root_count(a), isms_catalog_count(b),
                 isms_catalog_root_count(b));
        return false;
    }
    for (size_t i = 0; i < isms_catalog_count(a); i++) {
        const isms_item *x = isms_catalog_at(a, i), *y = isms_catalog_at(b, i);
        if (strcmp(isms_item_id(x), isms_item_id(y)) != 0 ||
            strcmp(isms_item_oscal_id(x), isms_item_oscal_id(y)) != 0 ||
            strcmp(isms_item_title(x), isms_item_title(y)) != 0 ||
            !same_text(isms__item_label(x), isms__item_label(y)) ||
            isms_item_kind_of(x) != isms_item_kind_of(y) ||
            parent_index(a, x) != parent_index(b, y)) {
            snprintf(what, size, "item %zu, \"%.64s\" (OSCAL id \"%.64s\"), read back as "
                     "\"%.64s\" (\"%.64s\")", i, isms_item_id(x), isms_item_oscal_id(x),
                     isms_item_id(y), isms_item_oscal_id(y));
            return false;
        }
    }
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    isms_catalog *catalog = (isms_catalog *)(uintptr_t)1;
    int rc = isms_catalog_parse_oscal(&catalog, (const char *)data, size, "fuzz.json");
    if (rc != ISMS_OK) {
        if (rc >= 0 || catalog != (isms_catalog *)(uintptr_t)1)
            abort();
        /* A read error names where it is: the message begins with the JSON path ("$…"),
         * except for an allocation failure, which has no place. */
        const isms_error *e = isms_error_last();
        if (rc != ISMS_ENOMEM && (!e || e->message[0] != '$')) {
            fprintf(stderr, "oscal catalog: error %d without a JSON path: %s\n", rc,
                    e ? e->message : "(none)");
            abort();
        }
        return 0;
    }
    if (!catalog || catalog == (isms_catalog *)(uintptr_t)1 ||
        isms_catalog_edition(catalog) != ISMS_EDITION_IMPORTED)
        abort();

    char *first = NULL;
    size_t first_len = 0;
    rc = isms_catalog_write_oscal(&first, &first_len, catalog);
    if (rc != ISMS_OK || !first || strlen(first) != first_len) {
        fprintf(stderr, "oscal catalog: a catalog read does not write: %s\n",
                isms_error_last()->message);
        abort();
    }
    isms_catalog *again = NULL;
    rc = isms_catalog_parse_oscal(&again, first, first_len, "written.json");
    if (rc != ISMS_OK) {
        char what[1200];
        snprintf(what, sizeof what, "the written catalog does not read: %u:%u %s",
                 isms_error_last()->line, isms_error_last()->column,
                 isms_error_last()->message);
        fail(what, first, first_len);
    }
    char what[512];
    if (!same_catalog(catalog, again, what, sizeof what))
        fail(what, first, first_len);
    char *second = NULL;
    size_t second_len = 0;
    if (isms_catalog_write_oscal(&second, &second_len, again) != ISMS_OK || !second)
        fail("the catalog read back does not write", first, first_len);
    if (second_len != first_len || memcmp(first, second, first_len) != 0)
        fail("the second write differs from the first", second, second_len);

    isms_free(second);
    isms_catalog_free(again);
    isms_free(first);
    isms_catalog_free(catalog);
    return 0;
}
