/* Unit tests of the common parts of the OSCAL export (lib/io/oscal-write.c, lib/base/uuid.c):
 * SHA-1 and version 5 UUIDs against published vectors, the derived UUIDs, timestamps, OSCAL
 * strings and properties, the metadata and back-matter of a document export, the catalog
 * writer (built-in and imported catalogs, checked by parsing the output with jansson), the
 * kinds, the document dispatch, atomic saves and allocation failure. Schema validation of the
 * output is done by the Python tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "catalog/catalog-internal.h"
#include "io/oscal-internal.h"

#include "test-util.h"

#define N_ELEMS(a) (sizeof(a) / sizeof *(a))

static const unsigned char NAMESPACE_DNS[16] = { 0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                                 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8 };
static const unsigned char NAMESPACE_URL[16] = { 0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                                 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8 };

/* ---- helpers ---------------------------------------------------------------------------- */

static void hex(char *out, const unsigned char *bytes, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", bytes[i]);
}

static const char *sha1_hex(char out[41], const void *data, size_t n)
{
    unsigned char d[20];
    isms__sha1(d, data, n);
    hex(out, d, 20);
    return out;
}

static json_t *parse(const char *text)
{
    json_error_t err;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &err);
    if (!root)
        fail_msg("not JSON: line %d, column %d: %s", err.line, err.column, err.text);
    return root;
}

/* The string at `key` of `obj` (it must be there). */
static const char *str(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    if (!json_is_string(v))
        fail_msg("no string \"%s\"", key);
    return json_string_value(v);
}

/* A document with an organisation, a unit, an author, a title and a reference date. */
static isms_document *full_doc(void)
{
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2024), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "Exempelstads kommun"),
                     ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_UNIT, "Socialförvaltningen"), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_AUTHOR, "Informationssäkerhetssamordnare"),
                     ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_TITLE, "Gapanalys\n2024"), ISMS_OK);
    assert_int_equal(isms_document_set_date(doc, (isms_date){ 2024, 11, 15 }), ISMS_OK);
    return doc;
}

/* The UUID of `kind` (and one part, when not NULL) of an export of `doc`. */
static isms__uuid doc_uuid(const isms_document *doc, const char *kind, const char *part)
{
    isms__oscal_doc d;
    assert_int_equal(isms__oscal_doc_init(&d, doc), ISMS_OK);
    isms__uuid u = part ? ISMS__OSCAL_UUID(&d, kind, part) : isms__oscal_uuid(&d, kind, NULL, 0);
    isms__oscal_doc_free(&d);
    return u;
}

/* Writes `{` metadata, back-matter `}` of `doc` and returns the text (isms_free()). */
static char *doc_parts(const isms_document *doc, const char *title)
{
    isms__oscal_doc d;
    assert_int_equal(isms__oscal_doc_init(&d, doc), ISMS_OK);
    isms__buf b;
    isms__buf_init(&b);
    isms__json w;
    isms__json_init(&w, &b, "the test", 0);
    isms__json_open_object(&w, false);
    isms__oscal_metadata(&w, &d, title);
    isms__oscal_back_matter(&w, &d);
    isms__json_close(&w);
    assert_int_equal(w.err, ISMS_OK);
    isms__oscal_doc_free(&d);
    return isms__buf_take(&b, NULL);
}

/* The props of `node` as "name=value[@ns]" lines. */
static void props_text(char *buf, size_t size, const json_t *node)
{
    size_t used = 0;
    buf[0] = '\0';
    const json_t *props = json_object_get(node, "props");
    size_t i;
    const json_t *p;
    json_array_foreach(props, i, p) {
        const json_t *ns = json_object_get(p, "ns");
        int n = snprintf(buf + used, size - used, "%s=%s%s%s\n", str(p, "name"), str(p, "value"),
                         ns ? "@" : "", ns ? json_string_value(ns) : "");
        assert_true(n > 0 && (size_t)n < size - used);
        used += (size_t)n;
    }
}

/* ---- walking a written catalog ---------------------------------------------------------- */

typedef struct node_ref {
    const json_t *node;
    bool control;
    const json_t *parent; /* NULL at the top */
} node_ref;

typedef struct walk {
    node_ref items[1024];
    size_t n;
} walk;

/* Every group and control below `obj` in the order of the text (the lists in the order of
 * their keys), as the importer reads them. */
static void walk_node(walk *wk, const json_t *obj, const json_t *parent)
{
    const char *key;
    json_t *value;
    void *iter = json_object_iter((json_t *)obj);
    while (iter) {
        key = json_object_iter_key(iter);
        value = json_object_iter_value(iter);
        bool controls = strcmp(key, "controls") == 0;
        if (controls || strcmp(key, "groups") == 0) {
            assert_true(json_is_array(value));
            assert_true(json_array_size(value) > 0); /* OSCAL: minItems 1 */
            size_t i;
            const json_t *el;
            json_array_foreach(value, i, el) {
                assert_true(wk->n < N_ELEMS(wk->items));
                wk->items[wk->n++] = (node_ref){ el, controls, parent };
                walk_node(wk, el, el);
            }
        }
        iter = json_object_iter_next((json_t *)obj, iter);
    }
}

/* The written catalog of `catalog`: its text parsed, and every node in order. */
static json_t *write_and_walk(walk *wk, const isms_catalog *catalog)
{
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(isms_catalog_write_oscal(&text, &len, catalog), ISMS_OK);
    assert_int_equal(strlen(text), len);
    assert_int_equal(text[len - 1], '\n');
    json_t *root = parse(text);
    isms_free(text);
    assert_int_equal(json_object_size(root), 1);
    const json_t *c = json_object_get(root, "catalog");
    assert_non_null(c);
    wk->n = 0;
    walk_node(wk, c, NULL);
    return root;
}

static const node_ref *find_node(const walk *wk, const char *id)
{
    for (size_t i = 0; i < wk->n; i++)
        if (strcmp(str(wk->items[i].node, "id"), id) == 0)
            return &wk->items[i];
    fail_msg("no node %s", id);
    return NULL;
}

static size_t count_class(const walk *wk, const char *cls, bool control)
{
    size_t n = 0;
    for (size_t i = 0; i < wk->n; i++)
        if (wk->items[i].control == control && strcmp(str(wk->items[i].node, "class"), cls) == 0)
            n++;
    return n;
}

/* The nodes come in the catalog's order, with its ids, titles and labels, groups and
 * controls as the item is assessable or not, under their parents. */
static void check_order(const walk *wk, const isms_catalog *catalog, bool imported)
{
    assert_int_equal(wk->n, isms_catalog_count(catalog));
    for (size_t i = 0; i < wk->n; i++) {
        const isms_item *it = isms_catalog_at(catalog, i);
        const json_t *node = wk->items[i].node;
        assert_string_equal(str(node, "id"), isms_item_oscal_id(it));
        assert_string_equal(str(node, "title"), isms_item_title(it));
        bool control = imported ? isms_item_kind_of(it) == ISMS_ITEM_CONTROL
                                : isms_item_assessable(it);
        assert_int_equal(wk->items[i].control, control);
        const isms_item *parent = isms_item_parent(it);
        if (parent)
            assert_string_equal(str(wk->items[i].parent, "id"), isms_item_oscal_id(parent));
        else
            assert_null(wk->items[i].parent);
        const char *label = imported ? isms__item_label(it) : isms_item_id(it);
        const json_t *props = json_object_get(node, "props");
        if (label) {
            const json_t *p = json_array_get(props, 0);
            assert_string_equal(str(p, "name"), "label");
            assert_string_equal(str(p, "value"), label);
            assert_null(json_object_get(p, "ns"));
        } else if (props) {
            assert_string_not_equal(str(json_array_get(props, 0), "name"), "label");
        }
    }
}

/* ---- SHA-1 and UUIDs -------------------------------------------------------------------- */

static void test_sha1(void **state)
{
    (void)state;
    char h[41];
    assert_string_equal(sha1_hex(h, "abc", 3), "a9993e364706816aba3e25717850c26c9cd0d89d");
    assert_string_equal(sha1_hex(h, "", 0), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    assert_string_equal(sha1_hex(h, NULL, 0), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    assert_string_equal(sha1_hex(h, two, strlen(two)),
                        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    char *a = malloc(1000000);
    assert_non_null(a);
    memset(a, 'a', 1000000);
    assert_string_equal(sha1_hex(h, a, 1000000), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    /* The padding's edge cases: 55 bytes fit one block, 56 need two; 64, 119, 120. */
    assert_string_equal(sha1_hex(h, a, 55), "c1c8bbdc22796e28c0e15163d20899b65621d65a");
    assert_string_equal(sha1_hex(h, a, 56), "c2db330f6083854c99d4b5bfb6e8f29f201be699");
    assert_string_equal(sha1_hex(h, a, 64), "0098ba824b5c16427bd7a1122a5a442a25ec644d");
    assert_string_equal(sha1_hex(h, a, 119), "ee971065aaa017e0632a8ca6c77bb3bf8b1dfc56");
    assert_string_equal(sha1_hex(h, a, 120), "f34c1488385346a55709ba056ddd08280dd4c6d6");
    free(a);
}

static void test_uuid5(void **state)
{
    (void)state;
    unsigned char bytes[16];
    char text[37], h[33];
    isms__uuid5(bytes, text, NAMESPACE_DNS, "python.org", 10);
    assert_string_equal(text, "886313e1-3b8a-5372-9b90-0c9aee199e5d");
    hex(h, bytes, 16);
    assert_string_equal(h, "886313e13b8a53729b900c9aee199e5d");
    /* The libisms namespace and its constant. */
    isms__uuid5(bytes, text, NAMESPACE_URL, "urn:libisms:oscal", 17);
    assert_string_equal(text, "30921a26-96a7-5fc7-8041-5e09591ff855");
    assert_memory_equal(bytes, ISMS__OSCAL_NAMESPACE, 16);
    /* Either output may be NULL. */
    memset(text, 'x', sizeof text);
    isms__uuid5(NULL, text, NAMESPACE_DNS, "python.org", 10);
    assert_string_equal(text, "886313e1-3b8a-5372-9b90-0c9aee199e5d");
    memset(bytes, 0, sizeof bytes);
    isms__uuid5(bytes, NULL, NAMESPACE_DNS, "python.org", 10);
    assert_int_equal(bytes[0], 0x88);
    assert_int_equal(bytes[15], 0x5d);
    /* Parts: the same as the whole name, however it is cut. */
    const char *parts[] = { "pyt", "", "hon.o", "rg" };
    size_t lens[] = { 3, 0, 5, 2 };
    isms__uuid5_parts(NULL, text, NAMESPACE_DNS, parts, lens, 4);
    assert_string_equal(text, "886313e1-3b8a-5372-9b90-0c9aee199e5d");
    /* The built-in catalogs' UUIDs (oscal-internal.h): uuid5(libisms, "catalog/2013"). */
    static const char *const catalogs[][2] = {
        { "catalog/2013", "59b8e94b-4e3b-594e-97ad-f5324274e136" },
        { "catalog/2022", "5840251f-6d2e-5e76-9efc-193693a6da91" },
        { "catalog/2022-amd1", "1f68943d-d60c-59d6-b37b-7e93c9d851d5" },
    };
    for (int e = 0; e < 3; e++) {
        isms__uuid5(NULL, text, (const unsigned char *)ISMS__OSCAL_NAMESPACE, catalogs[e][0],
                    strlen(catalogs[e][0]));
        assert_string_equal(text, catalogs[e][1]);
        assert_string_equal(isms_catalog_uuid(isms_catalog_get((isms_edition)(e + 1))),
                            catalogs[e][1]);
    }
}

/* The expected UUIDs below were computed independently with Python's uuid module:
 *     enc = lambda s: f"{len(s.encode())}:{s}"
 *     uuid.uuid5(uuid.UUID("30921a26-96a7-5fc7-8041-5e09591ff855"),
 *                enc(org) + enc(unit) + enc(kind) + "".join(enc(p) for p in parts)) */
static void test_oscal_uuid(void **state)
{
    (void)state;
    isms_document *doc = full_doc();
    isms__oscal_doc d;
    assert_int_equal(isms__oscal_doc_init(&d, doc), ISMS_OK);
    assert_null(d.owned); /* nothing to fold */
    isms__uuid u = ISMS__OSCAL_UUID(&d, "ar/result", "2024");
    assert_string_equal(u.s, "eaa266fb-acc6-5793-9b17-4d394eb910ed");
    assert_int_equal(u.s[14], '5');
    assert_non_null(strchr("89ab", u.s[19]));
    assert_string_equal(isms__oscal_uuid(&d, "party/organisation", NULL, 0).s,
                        "8c35306a-0f3b-5c7c-856b-692483ba07a4");
    /* Another part, another UUID; the parts are not run together: "ar/result" + "2024" is
     * not "ar/result2024" nor "ar" + "result/2024". */
    assert_string_not_equal(ISMS__OSCAL_UUID(&d, "ar/result", "2025").s, u.s);
    assert_string_not_equal(isms__oscal_uuid(&d, "ar/result2024", NULL, 0).s, u.s);
    assert_string_not_equal(ISMS__OSCAL_UUID(&d, "ar", "result/2024").s, u.s);
    assert_string_not_equal(ISMS__OSCAL_UUID(&d, "ar/result", "20", "24").s, u.s);
    /* A NULL part counts as "". */
    assert_string_equal(ISMS__OSCAL_UUID(&d, "k", NULL, "x").s,
                        ISMS__OSCAL_UUID(&d, "k", "", "x").s);
    isms__oscal_doc_free(&d);
    /* Another organisation, another UUID. */
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "Annan kommun"), ISMS_OK);
    assert_string_equal(doc_uuid(doc, "ar/result", "2024").s,
                        "0880ffae-87dd-52f5-a42d-b1be86d926b6");
    /* No unit: an empty part. */
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "Exempelstads kommun"),
                     ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_UNIT, NULL), ISMS_OK);
    assert_string_equal(doc_uuid(doc, "ar/result", "2024").s,
                        "eff666e3-7836-5d0c-a801-193b4e25fccd");
    /* The organisation and unit count as OSCAL writes them: folded. A trailing space, a line
     * break, runs of blanks change nothing. */
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, " Exempelstads\n  kommun "),
                     ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_UNIT, "\u3000"), ISMS_OK);
    assert_int_equal(isms__oscal_doc_init(&d, doc), ISMS_OK);
    assert_non_null(d.owned);
    assert_string_equal(d.org, "Exempelstads kommun");
    assert_int_equal(d.org_len, 19);
    assert_string_equal(d.unit, "");
    assert_int_equal(d.unit_len, 0);
    assert_string_equal(ISMS__OSCAL_UUID(&d, "ar/result", "2024").s,
                        "eff666e3-7836-5d0c-a801-193b4e25fccd");
    isms__oscal_doc_free(&d);
    assert_null(d.owned);
    /* A 0x1F (the old separator) in the organisation or unit cannot pass for another split:
     * "a\x1fb" + "c" is not "a" + "b\x1fc". */
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "a\x1f" "b"), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_UNIT, "c"), ISMS_OK);
    isms__uuid x = doc_uuid(doc, "k", NULL);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "a"), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_UNIT, "b\x1f" "c"), ISMS_OK);
    isms__uuid y = doc_uuid(doc, "k", NULL);
    assert_string_not_equal(x.s, y.s);
    /* 0x1F is white space to OSCAL: folded, "a b" + "c" and "a" + "b c". */
    assert_string_equal(x.s, "204a1c42-1fdc-5535-a19a-31a847c0a209");
    assert_string_equal(y.s, "0aa479a9-9d68-5ee4-b745-98a013c9408e");
    /* An empty document. */
    isms_document *empty = NULL;
    assert_int_equal(isms_document_new(&empty, 2024), ISMS_OK);
    assert_string_equal(doc_uuid(empty, "ar/result", "2024").s,
                        "7d41ab67-5f71-5721-8631-c80028b37796");
    /* Long ids are neither cut nor confused: two 3000-byte risk ids that differ at byte 2500
     * give two UUIDs. */
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "Exempelstads kommun"),
                     ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_UNIT, "Socialförvaltningen"), ISMS_OK);
    char *longname = malloc(3001);
    assert_non_null(longname);
    memset(longname, 'x', 3000);
    longname[3000] = '\0';
    longname[2500] = 'a';
    isms__uuid la = doc_uuid(doc, "poam/risk", longname);
    assert_string_equal(la.s, "6cfc57c5-840c-5528-921a-09e05f9003b0");
    longname[2500] = 'b';
    isms__uuid lb = doc_uuid(doc, "poam/risk", longname);
    assert_string_equal(lb.s, "6d473231-b3ed-5c02-96a1-0f157ce0a602");
    assert_string_not_equal(la.s, lb.s);
    free(longname);
    /* Every UUID has version 5 and the RFC variant. */
    assert_int_equal(isms__oscal_doc_init(&d, doc), ISMS_OK);
    for (int i = 0; i < 200; i++) {
        char part[16];
        snprintf(part, sizeof part, "%d", i);
        isms__uuid v = ISMS__OSCAL_UUID(&d, "item", part);
        assert_int_equal(strlen(v.s), 36);
        assert_int_equal(v.s[14], '5');
        assert_non_null(strchr("89ab", v.s[19]));
        assert_true(v.s[8] == '-' && v.s[13] == '-' && v.s[18] == '-' && v.s[23] == '-');
    }
    isms__oscal_doc_free(&d);
    isms_document_free(empty);
    isms_document_free(doc);
}

/* Folding the organisation and unit allocates: out of memory is reported, nothing leaks. */
static int init_doc(const isms_document *doc)
{
    isms__oscal_doc d;
    int rc = isms__oscal_doc_init(&d, doc);
    if (rc == ISMS_OK)
        isms__oscal_doc_free(&d);
    return rc;
}

static void test_oscal_doc_alloc_failure(void **state)
{
    (void)state;
    isms_document *doc = full_doc();
    assert_int_equal(isms_document_set(doc, ISMS_DOC_UNIT, " Social  förvaltningen "), ISMS_OK);
    SWEEP(init_doc(doc), (void)0);
    isms_document_free(doc);
}

static void test_stamp(void **state)
{
    (void)state;
    assert_string_equal(isms__oscal_stamp((isms_date){ 2024, 12, 31 }).s,
                        "2024-12-31T00:00:00Z");
    assert_string_equal(isms__oscal_stamp((isms_date){ 1999, 1, 5 }).s, "1999-01-05T00:00:00Z");
    assert_string_equal(isms__oscal_stamp((isms_date){ 0, 0, 0 }).s, "0000-00-00T00:00:00Z");
    /* The end of a day: its last second. */
    assert_string_equal(isms__oscal_stamp_end((isms_date){ 2024, 12, 31 }).s,
                        "2024-12-31T23:59:59Z");
    assert_string_equal(isms__oscal_stamp_end((isms_date){ 2025, 3, 1 }).s,
                        "2025-03-01T23:59:59Z");
}

/* ---- strings and properties ------------------------------------------------------------- */

static void test_blank_and_text(void **state)
{
    (void)state;
    assert_true(isms__oscal_blank(NULL));
    assert_true(isms__oscal_blank(""));
    assert_true(isms__oscal_blank(" \t\r\n\v\f"));
    assert_true(isms__oscal_blank("\x1c\x1f"));
    /* U+00A0, U+0085, U+1680, U+2003, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF */
    assert_true(isms__oscal_blank("\xc2\xa0\xc2\x85\xe1\x9a\x80\xe2\x80\x83\xe2\x80\xa8"
                                  "\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\x9f\xe3\x80\x80\xef\xbb\xbf"));
    assert_false(isms__oscal_blank(" x "));
    assert_false(isms__oscal_blank("\xe2\x80\x8b")); /* U+200B, zero width: not white space */
    assert_false(isms__oscal_blank("\xe2\x80\x94")); /* an em dash */
    assert_string_equal(isms__oscal_text("Titel", "fallback"), "Titel");
    assert_string_equal(isms__oscal_text(" \n", "fallback"), "fallback");
    assert_string_equal(isms__oscal_text(NULL, "fallback"), "fallback");
    assert_string_equal(isms__oscal_text("", "fallback"), "fallback");
}

/* The props written for (name, value, ns) triples into an array. */
static char *props_of(const char *const (*triples)[3], size_t n)
{
    isms__buf b;
    isms__buf_init(&b);
    isms__json w;
    isms__json_init(&w, &b, "the test", 0);
    isms__json_open_array(&w, false);
    for (size_t i = 0; i < n; i++)
        isms__oscal_prop(&w, triples[i][0], triples[i][1], triples[i][2]);
    isms__json_close(&w);
    assert_int_equal(w.err, ISMS_OK);
    return isms__buf_take(&b, NULL);
}

static void test_prop(void **state)
{
    (void)state;
    static const char *const triples[][3] = {
        { "label", "A.5.1", NULL },
        { "owner", "  IT-\n\tenheten \r\n och  HR ", ISMS__OSCAL_NS },
        { "blank", " \n\t ", NULL },
        { "empty", "", NULL },
        { "null", NULL, NULL },
        { "nbsp", "\xc2\xa0" "a\xe3\x80\x80\xe3\x80\x80" "b\xef\xbb\xbf", ISMS__OSCAL_NS },
        { "quote", "\"citat\" \\ å", NULL },
    };
    char *text = props_of(triples, N_ELEMS(triples));
    assert_string_equal(text, "[\n"
                              "  {\"name\": \"label\", \"value\": \"A.5.1\"},\n"
                              "  {\"name\": \"owner\", \"value\": \"IT- enheten och HR\", "
                              "\"ns\": \"urn:libisms:oscal\"},\n"
                              "  {\"name\": \"nbsp\", \"value\": \"a b\", "
                              "\"ns\": \"urn:libisms:oscal\"},\n"
                              "  {\"name\": \"quote\", \"value\": \"\\\"citat\\\" \\\\ å\"}\n"
                              "]");
    isms_free(text);
    /* Nothing but blanks: an empty array. */
    text = props_of(triples + 2, 3);
    assert_string_equal(text, "[]");
    isms_free(text);
}

/* A long value that needs folding is folded on the heap: out of memory fails the write. */
static int write_long_prop(char **out)
{
    char value[1200];
    for (size_t i = 0; i < sizeof value - 1; i++)
        value[i] = i % 10 == 9 ? '\n' : 'v';
    value[sizeof value - 1] = '\0';
    isms__buf b;
    isms__buf_init(&b);
    isms__json w;
    isms__json_init(&w, &b, "the test", 0);
    isms__json_open_array(&w, true);
    isms__oscal_prop(&w, "long", value, NULL);
    isms__json_close(&w);
    if (w.err) {
        isms__buf_free(&b);
        return w.err == ISMS_ENOMEM ? isms__error_nomem() : w.err;
    }
    *out = isms__buf_take(&b, NULL);
    return ISMS_OK;
}

static void test_string(void **state)
{
    (void)state;
    char *text = NULL;
    SWEEP(write_long_prop(&text), assert_null(text));
    json_t *root = parse(text);
    const char *v = str(json_array_get(root, 0), "value");
    assert_int_equal(strlen(v), 1199); /* 119 line breaks, each one space now */
    assert_null(strchr(v, '\n'));
    assert_int_equal(v[9], ' ');
    assert_int_equal(v[strlen(v) - 1], 'v');
    json_decref(root);
    isms_free(text);
    /* A blank text where OSCAL needs one fails the write and names where. */
    isms__buf b;
    isms__buf_init(&b);
    isms__json w;
    isms__json_init(&w, &b, "the test", 0);
    isms__json_open_object(&w, false);
    ISMS__JSON_KEY(&w, "name");
    isms__oscal_string(&w, " \n ");
    assert_int_equal(w.err, ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "cannot write the test: $.name: a text is only white space");
    isms__buf_free(&b);
    /* Text that is not UTF-8 fails it too. */
    isms__buf_init(&b);
    isms__json_init(&w, &b, "the test", 0);
    isms__json_open_array(&w, false);
    isms__oscal_prop(&w, "bad", "a\n\xff", NULL);
    assert_int_equal(w.err, ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "not valid UTF-8");
    isms__buf_free(&b);
}

/* ---- Markdown ------------------------------------------------------------------------------ */

/* `before` followed by isms__oscal_md() of `text`, as a new string (free()). */
static char *md_of(const char *before, const char *text, bool multiline)
{
    isms__buf b;
    isms__buf_init(&b);
    isms__buf_puts(&b, before);
    isms__oscal_md(&b, text, multiline);
    assert_false(b.failed);
    char *out = strdup(b.data ? b.data : "");
    assert_non_null(out);
    isms__buf_free(&b);
    return out;
}

static void check_md(const char *before, const char *text, bool multiline, const char *want)
{
    char *got = md_of(before, text, multiline);
    if (strcmp(got, want) != 0)
        fail_msg("md(\"%s\" + \"%s\") = \"%s\", expected \"%s\"", before, text, got, want);
    free(got);
}

static void test_markdown(void **state)
{
    (void)state;
    /* markup-line: everything on one line, markup escaped, the text readable */
    static const char *const line[][2] = {
        { "Policies for information security", "Policies for information security" },
        { "*bold* and __strong__", "\\*bold\\* and \\_\\_strong\\_\\_" },
        { "<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>" },
        { "[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))" },
        { "`code` C:\\temp", "\\`code\\` C:\\\\temp" },
        { "# heading", "\\# heading" },
        { "#1 priority", "\\#1 priority" },
        { "- item", "\\- item" },
        { "+ item", "\\+ item" },
        { "> quote", "\\> quote" },
        { "=== ~~~ |a|", "\\=== ~~~ |a|" },
        { "1. first", "1\\. first" },
        { "12) twelfth", "12\\) twelfth" },
        { "2024.", "2024\\." },
        { "4.1 Understanding the organization", "4.1 Understanding the organization" },
        { "6.1.2", "6.1.2" },
        { "a # b - c + d 1. e", "a # b - c + d 1. e" },
        { "  rad ett\n rad\ttvå  ", "rad ett rad två" },
        { "\xc2\xa0" "a\xe3\x80\x80\xe3\x80\x80" "b\xe2\x80\xa8", "a b" },
        { "\n- after a line break", "\\- after a line break" },
        { " \t\n", "" },
        { "å ä ö 中", "å ä ö 中" },
    };
    for (size_t i = 0; i < N_ELEMS(line); i++)
        check_md("", line[i][0], false, line[i][1]);
    /* not at the start of a line: only what is markup anywhere */
    check_md("Due ", "1. March", false, "Due 1. March");
    check_md("Due ", "- *now*", false, "Due - \\*now\\*");
    check_md("Done.\n", "# not a heading", false, "Done.\n\\# not a heading");

    /* markup-multiline: line breaks kept as hard breaks, blank lines as one paragraph break,
     * CR LF and CR as LF, each line trimmed (no code blocks by indentation) */
    static const char *const lines[][2] = {
        { "rad ett\nrad två\n\n", "rad ett  \nrad två" },
        { "d\r\nx", "d  \nx" },
        { "a\r\rb", "a\n\nb" },
        { "\n\np1\n\n\n  p2 \n", "p1\n\np2" },
        { "1. a\n2. b", "1\\. a  \n2\\. b" },
        { "x\n# h\n    code\n\t- y", "x  \n\\# h  \ncode  \n\\- y" },
        { "<b>fet</b>\n[länk](http://x)", "\\<b\\>fet\\</b\\>  \n\\[länk\\](http://x)" },
        { "a \xe2\x80\xa9", "a" }, /* U+2029 is white space here, not a line break */
        { " \t\r\n ", "" },
    };
    for (size_t i = 0; i < N_ELEMS(lines); i++)
        check_md("", lines[i][0], true, lines[i][1]);
    check_md("Plan: ", "1. a\n2. b", true, "Plan: 1. a  \n2\\. b");
    check_md("Status: No.\n\n", "- gone", true, "Status: No.\n\n\\- gone");
    /* NULL appends nothing */
    check_md("x", NULL, true, "x");
}

/* isms__oscal_markup() of `text` as a JSON array element; the text (free()) or NULL on an
 * error (w.err in *err). */
static char *markup_of(const char *text, bool multiline, int *err)
{
    isms__buf b;
    isms__buf_init(&b);
    isms__json w;
    isms__json_init(&w, &b, "the test", 0);
    isms__json_open_array(&w, true);
    isms__json_element(&w);
    isms__oscal_markup(&w, text, multiline);
    isms__json_close(&w);
    *err = w.err;
    if (w.err) {
        isms__buf_free(&b);
        return NULL;
    }
    return isms__buf_take(&b, NULL);
}

static int write_markup(char **out)
{
    int err;
    *out = markup_of("*a*\n1. b", true, &err);
    return err == ISMS_ENOMEM ? isms__error_nomem() : err;
}

static void test_markup(void **state)
{
    (void)state;
    int err;
    char *text = markup_of("Plain title", false, &err);
    assert_string_equal(text, "[\"Plain title\"]");
    isms_free(text);
    text = markup_of(" *a*\n\tb ", false, &err);
    assert_string_equal(text, "[\"\\\\*a\\\\* b\"]");
    isms_free(text);
    text = markup_of("*a*\r\n1. b", true, &err);
    assert_string_equal(text, "[\"\\\\*a\\\\*  \\n1\\\\. b\"]");
    isms_free(text);
    /* blank: the write fails and says where */
    assert_null(markup_of(" \n", true, &err));
    assert_int_equal(err, ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "cannot write the test: $[0]: a text is only white space");
    assert_null(markup_of(NULL, false, &err));
    assert_int_equal(err, ISMS_EINVAL);
    /* not UTF-8 */
    assert_null(markup_of("*\xff*", false, &err));
    assert_int_equal(err, ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "not valid UTF-8");
    /* escaping allocates: out of memory fails the write */
    SWEEP(write_markup(&text), assert_null(text));
    assert_string_equal(text, "[\"\\\\*a\\\\*  \\n1\\\\. b\"]");
    isms_free(text);
}

/* The props of a node are written only when one has a value, however many there are. */
static void test_props_list(void **state)
{
    (void)state;
    isms__buf b;
    isms__buf_init(&b);
    isms__json w;
    isms__json_init(&w, &b, "the test", 0);
    isms__json_open_object(&w, true);
    isms__oscal_props ps = { &w, false };
    isms__oscal_props_add(&ps, "a", NULL, NULL);
    isms__oscal_props_add(&ps, "b", " \n", ISMS__OSCAL_NS);
    isms__oscal_props_end(&ps);
    assert_false(ps.open);
    isms__json_close(&w);
    assert_int_equal(w.err, ISMS_OK);
    assert_string_equal(b.data, "{}");
    isms__buf_free(&b);

    isms__buf_init(&b);
    isms__json_init(&w, &b, "the test", 0);
    isms__json_open_object(&w, false);
    ps = (isms__oscal_props){ &w, false };
    for (int i = 0; i < 40; i++) { /* more than any fixed list held */
        char v[16];
        snprintf(v, sizeof v, "%d", i);
        isms__oscal_props_add(&ps, "n", v, ISMS__OSCAL_NS);
    }
    isms__oscal_props_end(&ps);
    isms__json_close(&w);
    assert_int_equal(w.err, ISMS_OK);
    json_t *root = parse(b.data);
    const json_t *props = json_object_get(root, "props");
    assert_int_equal(json_array_size(props), 40);
    assert_string_equal(str(json_array_get(props, 39), "value"), "39");
    json_decref(root);
    isms__buf_free(&b);
}

/* ---- requirements as the exports count them ------------------------------------------------ */

static void test_status(void **state)
{
    (void)state;
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2022, 2024, ISMS_SCOPE_BOTH), ISMS_OK);
    static const struct {
        const char *ref;
        isms_status status;
        isms_applicability app;
        isms_status counts;
        bool may_exclude, met;
    } cases[] = {
        { "A.5.1", ISMS_STATUS_YES, ISMS_APPLICABILITY_APPLICABLE, ISMS_STATUS_YES, true, true },
        { "A.5.2", ISMS_STATUS_NOT_APPLICABLE, ISMS_APPLICABILITY_UNDECIDED,
          ISMS_STATUS_NOT_APPLICABLE, true, true },
        /* excluded: not applicable whatever its status, also when not assessed */
        { "A.5.3", ISMS_STATUS_NO, ISMS_APPLICABILITY_EXCLUDED, ISMS_STATUS_NOT_APPLICABLE,
          true, true },
        { "A.5.4", ISMS_STATUS_NOT_ASSESSED, ISMS_APPLICABILITY_EXCLUDED,
          ISMS_STATUS_NOT_APPLICABLE, true, true },
        { "A.5.5", ISMS_STATUS_PARTIAL, ISMS_APPLICABILITY_APPLICABLE, ISMS_STATUS_PARTIAL, true,
          false },
        /* clauses cannot be excluded */
        { "4.1", ISMS_STATUS_NOT_APPLICABLE, ISMS_APPLICABILITY_UNDECIDED,
          ISMS_STATUS_NOT_APPLICABLE, false, false },
        { "6.1.2", ISMS_STATUS_YES, ISMS_APPLICABILITY_UNDECIDED, ISMS_STATUS_YES, false, true },
        /* not in the catalog */
        { "X.1", ISMS_STATUS_NOT_APPLICABLE, ISMS_APPLICABILITY_UNDECIDED,
          ISMS_STATUS_NOT_APPLICABLE, false, false },
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        isms_entry *e = NULL;
        assert_int_equal(isms_assessment_add(&e, a, cases[i].ref), ISMS_OK);
        assert_int_equal(isms_entry_set_status(e, cases[i].status), ISMS_OK);
        if (cases[i].app != ISMS_APPLICABILITY_UNDECIDED)
            assert_int_equal(isms_entry_set_applicability(e, cases[i].app), ISMS_OK);
        assert_int_equal(isms__oscal_status(e), cases[i].counts);
        assert_int_equal(isms__oscal_may_exclude(e), cases[i].may_exclude);
        assert_int_equal(isms__oscal_met(e), cases[i].met);
    }
    isms_assessment_free(a);
}

/* ---- metadata and back-matter ------------------------------------------------------------ */

static void test_metadata(void **state)
{
    (void)state;
    isms_document *doc = full_doc();
    char *text = doc_parts(doc, "Gap analysis");
    json_t *root = parse(text);
    const json_t *m = json_object_get(root, "metadata");
    assert_string_equal(str(m, "title"), "Gapanalys 2024"); /* on one line */
    assert_string_equal(str(m, "published"), "2024-11-15T00:00:00Z");
    assert_string_equal(str(m, "last-modified"), "2024-11-15T00:00:00Z");
    assert_string_equal(str(m, "version"), "2024");
    assert_string_equal(str(m, "oscal-version"), "1.1.3");
    const json_t *roles = json_object_get(m, "roles");
    assert_int_equal(json_array_size(roles), 2);
    assert_string_equal(str(json_array_get(roles, 0), "id"), "prepared-by");
    assert_string_equal(str(json_array_get(roles, 0), "title"), "Upprättad av");
    assert_string_equal(str(json_array_get(roles, 1), "id"), "prepared-for");
    const json_t *parties = json_object_get(m, "parties");
    assert_int_equal(json_array_size(parties), 3);
    const json_t *org = json_array_get(parties, 0), *unit = json_array_get(parties, 1),
                 *author = json_array_get(parties, 2);
    assert_string_equal(str(org, "uuid"), "8c35306a-0f3b-5c7c-856b-692483ba07a4");
    assert_string_equal(str(org, "type"), "organization");
    assert_string_equal(str(org, "name"), "Exempelstads kommun");
    assert_null(json_object_get(org, "member-of-organizations"));
    assert_string_equal(str(unit, "uuid"), doc_uuid(doc, "party/unit", NULL).s);
    assert_string_equal(str(unit, "type"), "organization");
    assert_string_equal(str(unit, "name"), "Socialförvaltningen");
    const json_t *member = json_object_get(unit, "member-of-organizations");
    assert_int_equal(json_array_size(member), 1);
    assert_string_equal(json_string_value(json_array_get(member, 0)), str(org, "uuid"));
    assert_string_equal(str(author, "uuid"), doc_uuid(doc, "party/author", NULL).s);
    assert_string_equal(str(author, "type"), "person");
    assert_string_equal(str(author, "name"), "Informationssäkerhetssamordnare");
    const json_t *resp = json_object_get(m, "responsible-parties");
    assert_int_equal(json_array_size(resp), 2);
    assert_string_equal(str(json_array_get(resp, 0), "role-id"), "prepared-by");
    assert_string_equal(json_string_value(json_array_get(
                            json_object_get(json_array_get(resp, 0), "party-uuids"), 0)),
                        str(author, "uuid"));
    assert_string_equal(str(json_array_get(resp, 1), "role-id"), "prepared-for");
    assert_string_equal(json_string_value(json_array_get(
                            json_object_get(json_array_get(resp, 1), "party-uuids"), 0)),
                        str(unit, "uuid"));
    /* The back-matter: the document as a resource. */
    const json_t *res = json_array_get(
        json_object_get(json_object_get(root, "back-matter"), "resources"), 0);
    isms__oscal_doc d;
    assert_int_equal(isms__oscal_doc_init(&d, doc), ISMS_OK);
    assert_string_equal(str(res, "uuid"), isms__oscal_doc_resource(&d).s);
    isms__oscal_doc_free(&d);
    assert_string_equal(str(res, "uuid"), doc_uuid(doc, "resource/document", NULL).s);
    assert_string_equal(str(res, "title"), "Gapanalys 2024");
    char props[512];
    props_text(props, sizeof props, res);
    assert_string_equal(props, "organisation=Exempelstads kommun@urn:libisms:oscal\n"
                               "unit=Socialförvaltningen@urn:libisms:oscal\n"
                               "year=2024@urn:libisms:oscal\n");
    json_decref(root);
    isms_free(text);
    isms_document_free(doc);
}

/* What is not there is left out, not invented; the fallback title and the date. */
static void test_metadata_left_out(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2023), ISMS_OK);
    /* Nothing: no roles, parties or responsible parties; 31 December of the year. */
    char *text = doc_parts(doc, "Gap analysis Exempel");
    json_t *root = parse(text);
    const json_t *m = json_object_get(root, "metadata");
    assert_string_equal(str(m, "title"), "Gap analysis Exempel");
    assert_string_equal(str(m, "last-modified"), "2023-12-31T00:00:00Z");
    assert_string_equal(str(m, "version"), "2023");
    assert_null(json_object_get(m, "roles"));
    assert_null(json_object_get(m, "parties"));
    assert_null(json_object_get(m, "responsible-parties"));
    const json_t *res = json_array_get(
        json_object_get(json_object_get(root, "back-matter"), "resources"), 0);
    assert_string_equal(str(res, "title"), "Ledningens genomgång 2023");
    char props[256];
    props_text(props, sizeof props, res);
    assert_string_equal(props, "year=2023@urn:libisms:oscal\n");
    json_decref(root);
    isms_free(text);
    /* A unit and an author without an organisation (English): no organisation party, the
     * unit belongs to none and is the one prepared for. */
    assert_int_equal(isms_document_set_lang(doc, ISMS_LANG_EN), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_UNIT, "  Social\nservices "), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_AUTHOR, "CISO"), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, " "), ISMS_OK);
    text = doc_parts(doc, "Gap analysis");
    root = parse(text);
    m = json_object_get(root, "metadata");
    const json_t *roles = json_object_get(m, "roles");
    assert_string_equal(str(json_array_get(roles, 0), "title"), "Prepared by");
    assert_string_equal(str(json_array_get(roles, 1), "title"), "Prepared for");
    const json_t *parties = json_object_get(m, "parties");
    assert_int_equal(json_array_size(parties), 2);
    assert_string_equal(str(json_array_get(parties, 0), "name"), "Social services");
    assert_null(json_object_get(json_array_get(parties, 0), "member-of-organizations"));
    assert_string_equal(str(json_array_get(parties, 1), "type"), "person");
    const json_t *resp = json_object_get(m, "responsible-parties");
    assert_string_equal(json_string_value(json_array_get(
                            json_object_get(json_array_get(resp, 1), "party-uuids"), 0)),
                        doc_uuid(doc, "party/unit", NULL).s);
    res = json_array_get(json_object_get(json_object_get(root, "back-matter"), "resources"), 0);
    assert_string_equal(str(res, "title"), "Management review 2023");
    props_text(props, sizeof props, res);
    assert_string_equal(props, "unit=Social services@urn:libisms:oscal\n"
                               "year=2023@urn:libisms:oscal\n");
    json_decref(root);
    isms_free(text);
    /* Only an organisation: it is the one prepared for; no prepared-by. */
    assert_int_equal(isms_document_set(doc, ISMS_DOC_UNIT, NULL), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_AUTHOR, NULL), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "Exempelstad"), ISMS_OK);
    text = doc_parts(doc, "Gap analysis");
    root = parse(text);
    m = json_object_get(root, "metadata");
    assert_int_equal(json_array_size(json_object_get(m, "roles")), 1);
    assert_int_equal(json_array_size(json_object_get(m, "parties")), 1);
    resp = json_array_get(json_object_get(m, "responsible-parties"), 0);
    assert_string_equal(str(resp, "role-id"), "prepared-for");
    assert_string_equal(json_string_value(json_array_get(json_object_get(resp, "party-uuids"), 0)),
                        doc_uuid(doc, "party/organisation", NULL).s);
    json_decref(root);
    isms_free(text);
    isms_document_free(doc);
}

/* ---- built-in catalogs -------------------------------------------------------------------- */

static void test_catalog_2022(void **state)
{
    (void)state;
    const isms_catalog *cat = isms_catalog_get(ISMS_EDITION_2022);
    walk wk;
    json_t *root = write_and_walk(&wk, cat);
    const json_t *c = json_object_get(root, "catalog");
    assert_string_equal(str(c, "uuid"), "5840251f-6d2e-5e76-9efc-193693a6da91");
    const json_t *m = json_object_get(c, "metadata");
    assert_string_equal(str(m, "title"), "ISO/IEC 27001:2022");
    assert_string_equal(str(m, "version"), "2022");
    assert_string_equal(str(m, "oscal-version"), "1.1.3");
    assert_string_equal(str(m, "published"), "2022-10-25T00:00:00Z");
    assert_string_equal(str(m, "last-modified"), "2022-10-25T00:00:00Z");
    assert_non_null(strstr(str(m, "remarks"), "© ISO/IEC"));
    /* The top: the chapters and Annex A, all groups. */
    assert_null(json_object_get(c, "controls"));
    assert_int_equal(json_array_size(json_object_get(c, "groups")), 8);
    /* 93 Annex A controls, 30 clauses scored, 4 themes. */
    assert_int_equal(count_class(&wk, "control", true), 93);
    assert_int_equal(count_class(&wk, "clause", true) + count_class(&wk, "sub-clause", true), 30);
    assert_int_equal(count_class(&wk, "theme", false), 4);
    assert_int_equal(count_class(&wk, "annex", false), 1);
    assert_int_equal(count_class(&wk, "chapter", false), 7);
    check_order(&wk, cat, false);
    /* A.5.1: its label and attributes. */
    const node_ref *a51 = find_node(&wk, "a.5.1");
    assert_true(a51->control);
    assert_string_equal(str(a51->node, "class"), "control");
    assert_string_equal(str(a51->node, "title"), "Policies for information security");
    assert_string_equal(str(a51->parent, "id"), "a.5");
    assert_string_equal(str(a51->parent, "class"), "theme");
    char props[1024];
    props_text(props, sizeof props, a51->node);
    assert_string_equal(props,
                        "label=A.5.1\n"
                        "control-type=Preventive@urn:libisms:iso27002:2022\n"
                        "security-property=Confidentiality@urn:libisms:iso27002:2022\n"
                        "security-property=Integrity@urn:libisms:iso27002:2022\n"
                        "security-property=Availability@urn:libisms:iso27002:2022\n"
                        "cybersecurity-concept=Identify@urn:libisms:iso27002:2022\n"
                        "operational-capability=Governance@urn:libisms:iso27002:2022\n"
                        "security-domain=Governance_and_Ecosystem@urn:libisms:iso27002:2022\n"
                        "security-domain=Resilience@urn:libisms:iso27002:2022\n");
    /* A.5.7 is new in 2022. */
    props_text(props, sizeof props, find_node(&wk, "a.5.7")->node);
    assert_string_equal(props,
                        "label=A.5.7\n"
                        "control-type=Preventive@urn:libisms:iso27002:2022\n"
                        "control-type=Detective@urn:libisms:iso27002:2022\n"
                        "control-type=Corrective@urn:libisms:iso27002:2022\n"
                        "security-property=Confidentiality@urn:libisms:iso27002:2022\n"
                        "security-property=Integrity@urn:libisms:iso27002:2022\n"
                        "security-property=Availability@urn:libisms:iso27002:2022\n"
                        "cybersecurity-concept=Identify@urn:libisms:iso27002:2022\n"
                        "cybersecurity-concept=Detect@urn:libisms:iso27002:2022\n"
                        "cybersecurity-concept=Respond@urn:libisms:iso27002:2022\n"
                        "operational-capability=Threat_and_vulnerability_management"
                        "@urn:libisms:iso27002:2022\n"
                        "security-domain=Defence@urn:libisms:iso27002:2022\n"
                        "security-domain=Resilience@urn:libisms:iso27002:2022\n"
                        "new=true@urn:libisms:oscal\n");
    /* Clause 6.1.2: a control under the group 6.1 under chapter 6. */
    const node_ref *c612 = find_node(&wk, "clause-6.1.2");
    assert_true(c612->control);
    assert_string_equal(str(c612->node, "class"), "sub-clause");
    assert_string_equal(str(c612->node, "title"), "Information security risk assessment");
    props_text(props, sizeof props, c612->node);
    assert_string_equal(props, "label=6.1.2\n");
    assert_string_equal(str(c612->parent, "id"), "clause-6.1");
    assert_string_equal(str(c612->parent, "class"), "clause");
    const node_ref *c61 = find_node(&wk, "clause-6.1");
    assert_false(c61->control);
    assert_string_equal(str(c61->parent, "id"), "clause-6");
    assert_string_equal(str(c61->parent, "class"), "chapter");
    /* Chapter 6: the group 6.1 comes first, so its groups come before its controls. */
    const json_t *ch6 = find_node(&wk, "clause-6")->node;
    void *iter = json_object_iter((json_t *)ch6);
    const char *last = NULL;
    while (iter) {
        last = json_object_iter_key(iter);
        iter = json_object_iter_next((json_t *)ch6, iter);
    }
    assert_string_equal(last, "controls");
    /* Clause 6.3, new in 2022. */
    props_text(props, sizeof props, find_node(&wk, "clause-6.3")->node);
    assert_string_equal(props, "label=6.3\nnew=true@urn:libisms:oscal\n");
    /* Annex A itself. */
    const node_ref *annex = find_node(&wk, "annex-a");
    assert_string_equal(str(annex->node, "class"), "annex");
    assert_null(annex->parent);
    /* No uuids on groups and controls (OSCAL has none there). */
    for (size_t i = 0; i < wk.n; i++)
        assert_null(json_object_get(wk.items[i].node, "uuid"));
    json_decref(root);
}

static void test_catalog_2013(void **state)
{
    (void)state;
    const isms_catalog *cat = isms_catalog_get(ISMS_EDITION_2013);
    walk wk;
    json_t *root = write_and_walk(&wk, cat);
    const json_t *c = json_object_get(root, "catalog");
    assert_string_equal(str(c, "uuid"), "59b8e94b-4e3b-594e-97ad-f5324274e136");
    const json_t *m = json_object_get(c, "metadata");
    assert_string_equal(str(m, "title"), "ISO/IEC 27001:2013");
    assert_string_equal(str(m, "version"), "2013");
    assert_string_equal(str(m, "published"), "2013-10-01T00:00:00Z");
    assert_int_equal(count_class(&wk, "control", true), 114);
    assert_int_equal(count_class(&wk, "objective", false), 35);
    assert_int_equal(count_class(&wk, "domain", false), 14);
    assert_int_equal(count_class(&wk, "theme", false), 0);
    assert_int_equal(count_class(&wk, "clause", true) + count_class(&wk, "sub-clause", true), 26);
    check_order(&wk, cat, false);
    /* The objectives are groups, between the domain and the controls. */
    const node_ref *ctl = find_node(&wk, "a.5.1.1");
    assert_true(ctl->control);
    assert_string_equal(str(ctl->node, "title"), "Policies for information security");
    assert_string_equal(str(ctl->parent, "id"), "a.5.1");
    assert_string_equal(str(ctl->parent, "class"), "objective");
    assert_string_equal(str(ctl->parent, "title"), "Management direction for information security");
    const node_ref *obj = find_node(&wk, "a.5.1");
    assert_false(obj->control);
    assert_string_equal(str(obj->parent, "id"), "a.5");
    assert_string_equal(str(obj->parent, "class"), "domain");
    /* No attributes and nothing new in 2013. */
    char props[256];
    props_text(props, sizeof props, ctl->node);
    assert_string_equal(props, "label=A.5.1.1\n");
    for (size_t i = 0; i < wk.n; i++)
        assert_int_equal(json_array_size(json_object_get(wk.items[i].node, "props")), 1);
    json_decref(root);
}

static void test_catalog_amd1(void **state)
{
    (void)state;
    const isms_catalog *cat = isms_catalog_get(ISMS_EDITION_2022_AMD1);
    walk wk;
    json_t *root = write_and_walk(&wk, cat);
    const json_t *c = json_object_get(root, "catalog");
    assert_string_equal(str(c, "uuid"), "1f68943d-d60c-59d6-b37b-7e93c9d851d5");
    const json_t *m = json_object_get(c, "metadata");
    assert_string_equal(str(m, "title"), "ISO/IEC 27001:2022/Amd 1:2024");
    assert_string_equal(str(m, "version"), "2022/Amd 1:2024");
    assert_string_equal(str(m, "published"), "2024-02-23T00:00:00Z");
    assert_string_equal(str(m, "last-modified"), "2024-02-23T00:00:00Z");
    assert_int_equal(count_class(&wk, "control", true), 93);
    check_order(&wk, cat, false);
    json_decref(root);
}

/* Two writes give the same bytes; the ids are OSCAL tokens. */
static void test_catalog_deterministic(void **state)
{
    (void)state;
    for (int e = ISMS_EDITION_2013; e <= ISMS_EDITION_2022_AMD1; e++) {
        const isms_catalog *cat = isms_catalog_get((isms_edition)e);
        char *a = NULL, *b = NULL;
        size_t na = 0, nb = 0;
        assert_int_equal(isms_catalog_write_oscal(&a, &na, cat), ISMS_OK);
        assert_int_equal(isms_catalog_write_oscal(&b, NULL, cat), ISMS_OK);
        nb = strlen(b);
        assert_int_equal(na, nb);
        assert_memory_equal(a, b, na);
        isms_free(a);
        isms_free(b);
    }
}

static void test_catalog_alloc_failure(void **state)
{
    (void)state;
    for (int e = ISMS_EDITION_2013; e <= ISMS_EDITION_2022_AMD1; e++) {
        const isms_catalog *cat = isms_catalog_get((isms_edition)e);
        char *text;
        size_t len;
        SWEEP_WRITE(text, len, isms_catalog_write_oscal(&text, &len, cat));
    }
}

static void test_arguments(void **state)
{
    (void)state;
    char *text = (char *)(uintptr_t)0x1;
    size_t len = 7;
    const isms_catalog *cat = isms_catalog_get(ISMS_EDITION_2022);
    assert_int_equal(isms_catalog_write_oscal(NULL, &len, cat), ISMS_EINVAL);
    assert_int_equal(isms_catalog_write_oscal(&text, &len, NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "isms_catalog_write_oscal: NULL argument");
    assert_int_equal(isms_catalog_save_oscal(NULL, cat), ISMS_EINVAL);
    assert_int_equal(isms_catalog_save_oscal("x.json", NULL), ISMS_EINVAL);
    assert_int_equal(isms_catalog_save_oscal("", cat), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "the file name is empty");
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2024), ISMS_OK);
    assert_int_equal(isms_document_write_oscal(NULL, &len, doc, ISMS_OSCAL_CATALOG),
                     ISMS_EINVAL);
    assert_int_equal(isms_document_write_oscal(&text, &len, NULL, ISMS_OSCAL_CATALOG),
                     ISMS_EINVAL);
    assert_int_equal(isms_document_write_oscal(&text, &len, doc, (isms_oscal_kind)7),
                     ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "unknown OSCAL kind 7");
    assert_int_equal(isms_document_save_oscal(NULL, doc, ISMS_OSCAL_CATALOG), ISMS_EINVAL);
    assert_int_equal(isms_document_save_oscal("x.json", NULL, ISMS_OSCAL_CATALOG), ISMS_EINVAL);
    assert_int_equal(isms_document_save_oscal("", doc, ISMS_OSCAL_CATALOG), ISMS_EINVAL);
    assert_ptr_equal(text, (char *)(uintptr_t)0x1);
    assert_int_equal(len, 7);
    isms_document_free(doc);
}

/* ---- kinds -------------------------------------------------------------------------------- */

static void test_kinds(void **state)
{
    (void)state;
    assert_string_equal(isms_oscal_kind_name(ISMS_OSCAL_CATALOG), "oscal-catalog");
    assert_string_equal(isms_oscal_kind_name(ISMS_OSCAL_ASSESSMENT_RESULTS), "oscal-ar");
    assert_string_equal(isms_oscal_kind_name(ISMS_OSCAL_POAM), "oscal-poam");
    assert_string_equal(isms_oscal_kind_name((isms_oscal_kind)3), "");
    assert_string_equal(isms_oscal_kind_name((isms_oscal_kind)-1), "");
    static const struct {
        const char *text;
        isms_oscal_kind kind;
    } ok[] = {
        { "oscal-catalog", ISMS_OSCAL_CATALOG },
        { "catalog", ISMS_OSCAL_CATALOG },
        { "OSCAL-Catalog", ISMS_OSCAL_CATALOG },
        { "oscal-ar", ISMS_OSCAL_ASSESSMENT_RESULTS },
        { "AR", ISMS_OSCAL_ASSESSMENT_RESULTS },
        { "Assessment-Results", ISMS_OSCAL_ASSESSMENT_RESULTS },
        { "oscal-poam", ISMS_OSCAL_POAM },
        { " poam ", ISMS_OSCAL_POAM },
        { "PLAN-OF-ACTION-AND-MILESTONES", ISMS_OSCAL_POAM },
    };
    for (size_t i = 0; i < N_ELEMS(ok); i++) {
        isms_oscal_kind k = (isms_oscal_kind)99;
        assert_int_equal(isms_oscal_kind_parse(&k, ok[i].text), ISMS_OK);
        assert_int_equal(k, ok[i].kind);
    }
    /* Each name reads back as its kind. */
    for (int k = 0; k <= 2; k++) {
        isms_oscal_kind back = (isms_oscal_kind)99;
        assert_int_equal(isms_oscal_kind_parse(&back, isms_oscal_kind_name((isms_oscal_kind)k)),
                         ISMS_OK);
        assert_int_equal(back, k);
    }
    isms_oscal_kind k = ISMS_OSCAL_POAM;
    assert_int_equal(isms_oscal_kind_parse(&k, "oscal-ssp"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "OSCAL kind \"oscal-ssp\" is not one of oscal-catalog");
    assert_int_equal(isms_oscal_kind_parse(&k, ""), ISMS_EPARSE);
    assert_int_equal(isms_oscal_kind_parse(&k, "oscal"), ISMS_EPARSE);
    assert_int_equal(k, ISMS_OSCAL_POAM);
    assert_int_equal(isms_oscal_kind_parse(NULL, "ar"), ISMS_EINVAL);
    assert_int_equal(isms_oscal_kind_parse(&k, NULL), ISMS_EINVAL);
}

/* ---- the document's catalog ------------------------------------------------------------- */

static void test_document_catalog(void **state)
{
    (void)state;
    isms_document *doc = full_doc();
    char *text = (char *)(uintptr_t)0x1;
    size_t len = 5;
    assert_int_equal(isms_document_write_oscal(&text, &len, doc, ISMS_OSCAL_CATALOG),
                     ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "no assessment");
    assert_ptr_equal(text, (char *)(uintptr_t)0x1);
    assert_int_equal(len, 5);
    /* 2013 in 2023, 2022 in 2024: the latest one's catalog. */
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2013, 2023, ISMS_SCOPE_BOTH), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, a), ISMS_OK);
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2022, 2024, ISMS_SCOPE_BOTH), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, a), ISMS_OK);
    assert_int_equal(isms_document_write_oscal(&text, &len, doc, ISMS_OSCAL_CATALOG), ISMS_OK);
    char *want = NULL;
    size_t want_len = 0;
    assert_int_equal(
        isms_catalog_write_oscal(&want, &want_len, isms_catalog_get(ISMS_EDITION_2022)),
        ISMS_OK);
    assert_int_equal(len, want_len);
    assert_memory_equal(text, want, len);
    isms_free(text);
    SWEEP_WRITE(text, len, isms_document_write_oscal(&text, &len, doc, ISMS_OSCAL_CATALOG));
    /* Saved. */
    char dir[256], path[300];
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/isms-oscal-write-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/catalog.json", dir);
    assert_int_equal(isms_document_save_oscal(path, doc, ISMS_OSCAL_CATALOG), ISMS_OK);
    assert_file_is_doc(path, want, want_len);
    assert_int_equal(count_dir(dir), 1);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    isms_document_free(doc);
}

/* ---- dates OSCAL cannot write ---------------------------------------------------------------- */

/* `kind` of `doc` is refused with ISMS_ERANGE and exactly `message`; nothing is returned, and
 * saving it leaves no file. */
static void check_date_refused(const isms_document *doc, isms_oscal_kind kind,
                               const char *message)
{
    char *text = (char *)(uintptr_t)0x1;
    size_t len = 9;
    assert_int_equal(isms_document_write_oscal(&text, &len, doc, kind), ISMS_ERANGE);
    assert_int_equal(isms_error_last()->code, ISMS_ERANGE);
    assert_string_equal(isms_error_last()->message, message);
    assert_ptr_equal(text, (char *)(uintptr_t)0x1);
    assert_int_equal(len, 9);
    char dir[256], path[300];
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/isms-oscal-write-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/out.json", dir);
    assert_int_equal(isms_document_save_oscal(path, doc, kind), ISMS_ERANGE);
    assert_int_equal(count_dir(dir), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* `kind` of `doc` is written, with `stamp` as its metadata's last-modified. */
static void check_date_written(const isms_document *doc, isms_oscal_kind kind,
                               const char *stamp)
{
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(isms_document_write_oscal(&text, &len, doc, kind), ISMS_OK);
    json_t *root = parse(text);
    const char *model = kind == ISMS_OSCAL_POAM ? "plan-of-action-and-milestones"
                                                : "assessment-results";
    const json_t *meta = json_object_get(json_object_get(root, model), "metadata");
    assert_string_equal(str(meta, "last-modified"), stamp);
    assert_string_equal(str(meta, "published"), stamp);
    json_decref(root);
    isms_free(text);
}

/* OSCAL's date-time pattern allows the years 1900–2999; a document's dates reach 9999. An
 * export that would write a date beyond is refused, naming the date. */
static void test_dates_out_of_range(void **state)
{
    (void)state;
    /* The document's date: 31 December of its year, or its reference date. */
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 3000), ISMS_OK);
    check_date_refused(doc, ISMS_OSCAL_POAM, "cannot write an OSCAL POA&M: the document's "
                       "date (31 December of its year) is 3000-12-31; OSCAL dates must lie in "
                       "the years 1900–2999");
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2022, 2024, ISMS_SCOPE_BOTH), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, a), ISMS_OK);
    check_date_refused(doc, ISMS_OSCAL_ASSESSMENT_RESULTS, "cannot write OSCAL assessment "
                       "results: the document's date (31 December of its year) is 3000-12-31; "
                       "OSCAL dates must lie in the years 1900–2999");
    /* The catalog export writes no date of the document. */
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(isms_document_write_oscal(&text, &len, doc, ISMS_OSCAL_CATALOG), ISMS_OK);
    isms_free(text);
    /* A reference date within the range: written. */
    assert_int_equal(isms_document_set_date(doc, (isms_date){ 2999, 12, 31 }), ISMS_OK);
    check_date_written(doc, ISMS_OSCAL_POAM, "2999-12-31T00:00:00Z");
    check_date_written(doc, ISMS_OSCAL_ASSESSMENT_RESULTS, "2999-12-31T00:00:00Z");
    assert_int_equal(isms_document_set_date(doc, (isms_date){ 3000, 1, 1 }), ISMS_OK);
    check_date_refused(doc, ISMS_OSCAL_POAM, "cannot write an OSCAL POA&M: the document's "
                       "reference date is 3000-01-01; OSCAL dates must lie in the years "
                       "1900–2999");
    isms_document_free(doc);

    /* An assessment's date (its result's start, its observations' collected). */
    doc = full_doc(); /* 2024, reference date 2024-11-15 */
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_2022, 2023, ISMS_SCOPE_BOTH), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, a), ISMS_OK);
    isms_assessment *late = NULL;
    assert_int_equal(isms_assessment_new(&late, ISMS_EDITION_2022, 3000, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, late), ISMS_OK);
    late = isms_document_assessment_at(doc, 1);
    assert_int_equal(isms_assessment_year(late), 3000);
    check_date_refused(doc, ISMS_OSCAL_ASSESSMENT_RESULTS, "cannot write OSCAL assessment "
                       "results: the date of the assessment of 3000 is 3000-12-31; OSCAL "
                       "dates must lie in the years 1900–2999");
    /* The POA&M writes no assessment's date. */
    check_date_written(doc, ISMS_OSCAL_POAM, "2024-11-15T00:00:00Z");
    assert_int_equal(isms_assessment_set_date(late, (isms_date){ 2999, 1, 31 }), ISMS_OK);
    check_date_written(doc, ISMS_OSCAL_ASSESSMENT_RESULTS, "2024-11-15T00:00:00Z");
    isms_assessment *first = isms_document_assessment_at(doc, 0);
    assert_int_equal(isms_assessment_set_date(first, (isms_date){ 4000, 2, 29 }), ISMS_OK);
    check_date_refused(doc, ISMS_OSCAL_ASSESSMENT_RESULTS, "cannot write OSCAL assessment "
                       "results: the date of the assessment of 2023 is 4000-02-29; OSCAL "
                       "dates must lie in the years 1900–2999");
    isms_document_free(doc);

    /* The first year allowed. */
    assert_int_equal(isms_document_new(&doc, 1900), ISMS_OK);
    check_date_written(doc, ISMS_OSCAL_POAM, "1900-12-31T00:00:00Z");
    isms_document_free(doc);
}

/* ---- saving ------------------------------------------------------------------------------ */

static void test_save(void **state)
{
    (void)state;
    char dir[256], path[300];
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/isms-oscal-write-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/iso27001-2022.json", dir);
    const isms_catalog *cat = isms_catalog_get(ISMS_EDITION_2022);
    write_old_file(path, 0640);
    assert_int_equal(isms_catalog_save_oscal(path, cat), ISMS_OK);
    assert_file_mode(path, 0640);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(isms_catalog_write_oscal(&text, &len, cat), ISMS_OK);
    assert_file_is_doc(path, text, len);
    assert_int_equal(count_dir(dir), 1); /* no temporary file left */
    /* Out of memory: the old file stays, nothing else is left. */
    write_old_file(path, 0644);
    SWEEP(isms_catalog_save_oscal(path, cat), assert_old_file_kept(path, dir));
    assert_int_equal(isms_catalog_write_oscal(&text, &len, cat), ISMS_OK);
    assert_file_is_doc(path, text, len);
    /* A directory that is not there. */
    char gone[340];
    snprintf(gone, sizeof gone, "%s/gone/x.json", dir);
    assert_int_equal(isms_catalog_save_oscal(gone, cat), ISMS_EIO);
    assert_int_equal(count_dir(dir), 1);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* ---- imported catalogs ------------------------------------------------------------------- */

/* A small imported catalog: a group with a labelled control (with an enhancement) and a
 * sub-group, then a control at the top. */
static isms_catalog *imported(const char *version, const char *last_modified)
{
    isms__catalog_builder *b = NULL;
    assert_int_equal(isms__catalog_builder_new(&b, "Stadens regelverk", version,
                                               "8C3B2F10-6A2E-4F8B-9C1D-2E3F4A5B6C7D",
                                               last_modified),
                     ISMS_OK);
    size_t g1, c1, c2, g2, c3;
    assert_int_equal(isms__catalog_builder_add(b, &g1, SIZE_MAX, ISMS_ITEM_GROUP, "grp-1", "G1",
                                               "Styrning"),
                     ISMS_OK);
    assert_int_equal(isms__catalog_builder_add(b, &c1, g1, ISMS_ITEM_CONTROL, "ctl-1", "R-1",
                                               "Policy för informationssäkerhet"),
                     ISMS_OK);
    assert_int_equal(isms__catalog_builder_add(b, &c2, c1, ISMS_ITEM_CONTROL, "ctl-1.1", NULL,
                                               "Årlig översyn"),
                     ISMS_OK);
    assert_int_equal(isms__catalog_builder_add(b, &g2, g1, ISMS_ITEM_GROUP, "grp-1.a", NULL, ""),
                     ISMS_OK);
    assert_int_equal(isms__catalog_builder_add(b, &c3, SIZE_MAX, ISMS_ITEM_CONTROL, "top", NULL,
                                               "Övergripande"),
                     ISMS_OK);
    isms_catalog *cat = NULL;
    assert_int_equal(isms__catalog_builder_finish(b, &cat), ISMS_OK);
    return cat;
}

/* The written catalog sits in a block that fits it: at most 64 KiB below that size, under
 * twice the length above it. The writer asked for 64 KiB and the NUL at the start, which took
 * 128 KiB for every catalog. */
static void test_catalog_text_block(void **state)
{
    (void)state;
    for (int e = ISMS_EDITION_2013; e <= ISMS_EDITION_2022_AMD1; e++) {
        char *text = NULL;
        size_t len = 0;
        assert_int_equal(isms_catalog_write_oscal(&text, &len, isms_catalog_get((isms_edition)e)),
                         ISMS_OK);
        assert_text_block(text, len, 64 * 1024);
        isms_free(text);
    }
    isms_catalog *small = imported("1", "2024-01-01T00:00:00Z");
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(isms_catalog_write_oscal(&text, &len, small), ISMS_OK);
    assert_true(len < 64 * 1024);
    assert_text_block(text, len, 64 * 1024);
    isms_free(text);
    isms_catalog_free(small);
}

static void test_imported(void **state)
{
    (void)state;
    isms_catalog *cat = imported("1.0", "2024-05-01T12:30:00.5+02:00");
    walk wk;
    json_t *root = write_and_walk(&wk, cat);
    const json_t *c = json_object_get(root, "catalog");
    assert_string_equal(str(c, "uuid"), "8c3b2f10-6a2e-4f8b-9c1d-2e3f4a5b6c7d");
    const json_t *m = json_object_get(c, "metadata");
    assert_string_equal(str(m, "title"), "Stadens regelverk");
    assert_string_equal(str(m, "version"), "1.0");
    assert_string_equal(str(m, "last-modified"), "2024-05-01T12:30:00.5+02:00");
    assert_null(json_object_get(m, "published"));
    assert_null(json_object_get(m, "remarks"));
    check_order(&wk, cat, true);
    assert_int_equal(wk.n, 5);
    /* No class, no attributes: the label when there is one, else no props at all. */
    for (size_t i = 0; i < wk.n; i++)
        assert_null(json_object_get(wk.items[i].node, "class"));
    const node_ref *ctl1 = find_node(&wk, "ctl-1");
    char props[256];
    props_text(props, sizeof props, ctl1->node);
    assert_string_equal(props, "label=R-1\n");
    const node_ref *enh = find_node(&wk, "ctl-1.1");
    assert_true(enh->control);
    assert_ptr_equal(enh->parent, ctl1->node); /* an enhancement: nested in its control */
    assert_null(json_object_get(enh->node, "props"));
    assert_string_equal(str(find_node(&wk, "grp-1.a")->node, "title"), "");
    /* The top: the group first, then the control, as the catalog has them. */
    void *iter = json_object_iter((json_t *)c);
    const char *keys[8];
    size_t nk = 0;
    while (iter && nk < 8) {
        keys[nk++] = json_object_iter_key(iter);
        iter = json_object_iter_next((json_t *)c, iter);
    }
    assert_int_equal(nk, 4);
    assert_string_equal(keys[2], "groups");
    assert_string_equal(keys[3], "controls");
    json_decref(root);
    char *text;
    size_t len;
    SWEEP_WRITE(text, len, isms_catalog_write_oscal(&text, &len, cat));
    isms_catalog_free(cat);

    /* Read without a time of last modification, or with one OSCAL does not accept: the
     * epoch. Without a version: "unknown". */
    static const char *const bad[] = { NULL, "", "2024-02-30T00:00:00Z", "2024-05-01",
                                       "2024-05-01T12:00:00", "3001-01-01T00:00:00Z",
                                       "2024-05-01T12:00:00+02:15", "2024-05-01T24:00:00Z",
                                       "2024-05-01T12:00:00+02:", "2024-05-01T12:00:00+02:000",
                                       "2024-05-01T12:00:00.Z", "1899-12-31T00:00:00Z",
                                       "2024-05-01T12:00:00+15:00", "2024-05-01T12:00:00-13:00",
                                       "2024-05-01T12:00:00-05:30", "2024-05-01t12:00:00Z" };
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        cat = imported("", bad[i]);
        root = write_and_walk(&wk, cat);
        m = json_object_get(json_object_get(root, "catalog"), "metadata");
        assert_string_equal(str(m, "last-modified"), "1970-01-01T00:00:00Z");
        assert_string_equal(str(m, "version"), "unknown");
        json_decref(root);
        isms_catalog_free(cat);
    }
    static const char *const good[] = { "2000-02-29T23:59:59Z", "2024-05-01T12:00:00-03:30",
                                        "2024-05-01T12:00:00+05:45", "2024-05-01T12:00:00+14:00",
                                        "1900-01-01T00:00:00.123456Z" };
    for (size_t i = 0; i < N_ELEMS(good); i++) {
        cat = imported("v2", good[i]);
        root = write_and_walk(&wk, cat);
        m = json_object_get(json_object_get(root, "catalog"), "metadata");
        assert_string_equal(str(m, "last-modified"), good[i]);
        json_decref(root);
        isms_catalog_free(cat);
    }
}

/* Groups eight levels deep: the writer's nesting is deep enough. An id that is not an OSCAL
 * token fails the write. */
static void test_imported_deep(void **state)
{
    (void)state;
    isms__catalog_builder *b = NULL;
    assert_int_equal(isms__catalog_builder_new(&b, "Djup", "1", "8c3b2f10-6a2e-4f8b-9c1d-"
                                               "2e3f4a5b6c7d", "2024-01-01T00:00:00Z"),
                     ISMS_OK);
    size_t parent = SIZE_MAX;
    for (int level = 0; level < ISMS_OSCAL_MAX_LEVELS; level++) {
        char id[16];
        snprintf(id, sizeof id, "n%d", level);
        size_t idx;
        assert_int_equal(isms__catalog_builder_add(b, &idx, parent,
                                                   level < ISMS_OSCAL_MAX_LEVELS - 1
                                                       ? ISMS_ITEM_GROUP
                                                       : ISMS_ITEM_CONTROL,
                                                   id, level == 3 ? "L3" : NULL, "Nivå"),
                         ISMS_OK);
        parent = idx;
    }
    isms_catalog *cat = NULL;
    assert_int_equal(isms__catalog_builder_finish(b, &cat), ISMS_OK);
    walk wk;
    json_t *root = write_and_walk(&wk, cat);
    check_order(&wk, cat, true);
    json_decref(root);
    isms_catalog_free(cat);

    assert_int_equal(isms__catalog_builder_new(&b, "Fel", "1", "8c3b2f10-6a2e-4f8b-9c1d-"
                                               "2e3f4a5b6c7d", NULL),
                     ISMS_OK);
    size_t idx;
    int rc = isms__catalog_builder_add(b, &idx, SIZE_MAX, ISMS_ITEM_CONTROL, "1-bad id", NULL,
                                       "Fel");
    if (rc != ISMS_OK) { /* the builder checks ids itself */
        isms__catalog_builder_free(b);
        return;
    }
    assert_int_equal(isms__catalog_builder_finish(b, &cat), ISMS_OK);
    char *text = (char *)(uintptr_t)0x1;
    assert_int_equal(isms_catalog_write_oscal(&text, NULL, cat), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "the id \"1-bad id\" is not an OSCAL token");
    assert_ptr_equal(text, (char *)(uintptr_t)0x1);
    isms_catalog_free(cat);
}

/* An id is written when it has the form of an OSCAL token: a letter (anything beyond ASCII
 * counts as one) or '_' first, then letters, digits, '.', '-' and '_'. */
static void test_token_ids(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        bool token;
    } cases[] = {
        { "A5", true },   { "_x", true },  { "x.1-b_c", true }, { "\xc3\xa4r", true },
        { "1a", false },  { "-a", false }, { ".a", false },     { "a b", false },
        { "a/b", false }, { "a:", false },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        isms__catalog_builder *b = NULL;
        assert_int_equal(isms__catalog_builder_new(&b, "Id", "1", "8c3b2f10-6a2e-4f8b-9c1d-"
                                                   "2e3f4a5b6c7d", NULL),
                         ISMS_OK);
        size_t idx;
        int rc = isms__catalog_builder_add(b, &idx, SIZE_MAX, ISMS_ITEM_CONTROL, cases[i].id,
                                           NULL, "Id");
        if (rc != ISMS_OK) { /* the builder refused it first: it must not be a token */
            assert_false(cases[i].token);
            isms__catalog_builder_free(b);
            continue;
        }
        isms_catalog *cat = NULL;
        assert_int_equal(isms__catalog_builder_finish(b, &cat), ISMS_OK);
        char *text = NULL;
        rc = isms_catalog_write_oscal(&text, NULL, cat);
        if (cases[i].token) {
            if (rc != ISMS_OK)
                fail_msg("\"%s\" is a token but the write failed: %s", cases[i].id,
                         isms_error_last()->message);
            isms_free(text);
        } else {
            if (rc != ISMS_EINVAL)
                fail_msg("\"%s\" is no token but the write gave %d", cases[i].id, rc);
            assert_null(text);
        }
        isms_catalog_free(cat);
    }
}

/* ---- round trip --------------------------------------------------------------------------- */

/* The importer reads an export back with the same ids, OSCAL ids, titles and order, and the
 * export of what it read reads back the same again. */
static void test_roundtrip(void **state)
{
    (void)state;
    for (int e = ISMS_EDITION_2013; e <= ISMS_EDITION_2022_AMD1; e++) {
        const isms_catalog *cat = isms_catalog_get((isms_edition)e);
        char *text = NULL;
        size_t len = 0;
        assert_int_equal(isms_catalog_write_oscal(&text, &len, cat), ISMS_OK);
        isms_catalog *back = NULL;
        assert_int_equal(isms_catalog_parse_oscal(&back, text, len, "export"), ISMS_OK);
        isms_free(text);
        assert_string_equal(isms_catalog_title(back), isms_catalog_title(cat));
        assert_string_equal(isms_catalog_version(back), isms_catalog_version(cat));
        assert_string_equal(isms_catalog_uuid(back), isms_catalog_uuid(cat));
        assert_int_equal(isms_catalog_count(back), isms_catalog_count(cat));
        for (size_t i = 0; i < isms_catalog_count(cat); i++) {
            const isms_item *a = isms_catalog_at(cat, i), *b = isms_catalog_at(back, i);
            assert_string_equal(isms_item_id(b), isms_item_id(a));
            assert_string_equal(isms_item_oscal_id(b), isms_item_oscal_id(a));
            assert_string_equal(isms_item_title(b), isms_item_title(a));
        }
        assert_int_equal(isms_catalog_requirement_count(back, ISMS_SCOPE_BOTH),
                         isms_catalog_requirement_count(cat, ISMS_SCOPE_BOTH));
        /* The imported catalog's export, read back and written again: the same bytes. */
        walk wk;
        json_t *root = write_and_walk(&wk, back);
        check_order(&wk, back, true);
        json_decref(root);
        char *again = NULL, *third = NULL;
        size_t n2 = 0, n3 = 0;
        assert_int_equal(isms_catalog_write_oscal(&again, &n2, back), ISMS_OK);
        isms_catalog *back2 = NULL;
        assert_int_equal(isms_catalog_parse_oscal(&back2, again, n2, "again"), ISMS_OK);
        assert_int_equal(isms_catalog_write_oscal(&third, &n3, back2), ISMS_OK);
        assert_int_equal(n2, n3);
        assert_memory_equal(again, third, n2);
        isms_free(again);
        isms_free(third);
        isms_catalog_free(back2);
        isms_catalog_free(back);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha1),
        cmocka_unit_test(test_uuid5),
        cmocka_unit_test(test_oscal_uuid),
        cmocka_unit_test(test_oscal_doc_alloc_failure),
        cmocka_unit_test(test_stamp),
        cmocka_unit_test(test_blank_and_text),
        cmocka_unit_test(test_prop),
        cmocka_unit_test(test_string),
        cmocka_unit_test(test_markdown),
        cmocka_unit_test(test_markup),
        cmocka_unit_test(test_props_list),
        cmocka_unit_test(test_status),
        cmocka_unit_test(test_metadata),
        cmocka_unit_test(test_metadata_left_out),
        cmocka_unit_test(test_catalog_2022),
        cmocka_unit_test(test_catalog_2013),
        cmocka_unit_test(test_catalog_amd1),
        cmocka_unit_test(test_catalog_deterministic),
        cmocka_unit_test(test_catalog_text_block),
        cmocka_unit_test(test_catalog_alloc_failure),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_document_catalog),
        cmocka_unit_test(test_dates_out_of_range),
        cmocka_unit_test(test_save),
        cmocka_unit_test(test_imported),
        cmocka_unit_test(test_imported_deep),
        cmocka_unit_test(test_token_ids),
        cmocka_unit_test(test_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
