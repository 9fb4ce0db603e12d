/* Unit tests of the OSCAL catalog importer (lib/io/oscal-read.c): the official example
 * catalog of the reference pack (skipped when the pack is not there) and the project's own
 * small catalogs read item by item; each rule of the OSCAL 1.1.3 catalog schema that the
 * importer checks (required keys, types, UUIDs, timestamps, OSCAL strings, the token form of
 * ids, unique ids, unknown keys) with its message, line and column; labels (shared ones too),
 * generated group ids, order, nesting and limits; the broken inputs of tests/data/oscal-read/;
 * an assessment held against an imported catalog; the round trip through the OSCAL writer
 * (isms_catalog_write_oscal) of every built-in catalog and of imported ones; allocation
 * failure, jansson's allocations included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#include "catalog/catalog-internal.h"
#include "io/oscal-internal.h"
#include "test-util.h"

#define DATA_DIR ISMS_TEST_DATA "/oscal-read/"
#define EXAMPLE ISMS_REFERENCE_DIR "/oscal/examples/basic-catalog.json"

/* jansson allocates through the library's allocator in this program, so that the n-th
 * allocation failing can be one of jansson's. */
static void *json_alloc(size_t size)
{
    return isms__malloc(size);
}

/* ---- helpers ------------------------------------------------------------------------------ */

#define UUID "3c2f5a8e-6b1d-4f7a-9e2c-1d4b7a9c0e5f"
#define META_OF(modified)                                                                    \
    "\"metadata\": {\"title\": \"Regler\", \"last-modified\": \"" modified "\", "          \
    "\"version\": \"1\", \"oscal-version\": \"1.1.3\"}"
#define META META_OF("2024-05-02T08:00:00Z")
/* A catalog on one line: `body` follows the metadata (", \"groups\": [...]"). */
#define CAT(body) "{\"catalog\": {\"uuid\": \"" UUID "\", " META body "}}"

static isms_catalog *parse_ok(const char *text)
{
    isms_catalog *c = NULL;
    int rc = isms_catalog_parse_oscal(&c, text, strlen(text), "test.json");
    if (rc != ISMS_OK)
        fail_msg("%d %u:%u %s", rc, isms_error_last()->line, isms_error_last()->column,
                 isms_error_last()->message);
    assert_non_null(c);
    assert_int_equal(isms_catalog_edition(c), ISMS_EDITION_IMPORTED);
    return c;
}

/* The column (1-based, in characters) of the first `needle` in the one-line text. */
static unsigned col_of(const char *text, const char *needle)
{
    const char *at = strstr(text, needle);
    assert_non_null(at);
    unsigned col = 1;
    for (const char *p = text; p < at; p++)
        if (((unsigned char)*p & 0xC0) != 0x80)
            col++;
    return col;
}

/* The parse of `text` fails with `code` at line:column, with exactly `message`, and returns
 * nothing. */
#define assert_parse_error(text, code, line, column, message)                               \
    check_parse_error((text), (code), (line), (column), (message), __FILE__, __LINE__)
static void check_parse_error(const char *text, int code, unsigned line, unsigned column,
                              const char *message, const char *file, int fline)
{
    isms_catalog *c = (isms_catalog *)(uintptr_t)1;
    int rc = isms_catalog_parse_oscal(&c, text, strlen(text), "test.json");
    const isms_error *e = isms_error_last();
    if (rc != code || e->code != code || e->line != line || e->column != column ||
        strcmp(e->message, message) != 0 || c != (isms_catalog *)(uintptr_t)1 ||
        strcmp(e->source, "test.json") != 0) {
        print_error("%s\n expected %d at %u:%u \"%s\"\n      got %d at %u:%u \"%s\"\n", text,
                    code, line, column, message, rc, e->line, e->column, e->message);
        _fail(file, fline);
    }
}

/* The tree of items under `it` as text: "g S=styr(c S.1=styr-1, c styr-2, c k-1 [1])": the
 * kind (g, c), the id, "=" and the OSCAL id when they differ, the label in brackets when the
 * item has one that is not its id, the children in parentheses. */
static void tree_item(char *buf, size_t size, size_t *len, const isms_item *it)
{
    const char *id = isms_item_id(it), *oid = isms_item_oscal_id(it);
    const char *label = isms__item_label(it);
    bool other = label && strcmp(label, id) != 0;
    *len += (size_t)snprintf(buf + *len, size - *len, "%s %s%s%s%s%s%s",
                             isms_item_kind_of(it) == ISMS_ITEM_GROUP ? "g" : "c", id,
                             strcmp(id, oid) ? "=" : "", strcmp(id, oid) ? oid : "",
                             other ? " [" : "", other ? label : "", other ? "]" : "");
    assert_true(*len < size);
    size_t n = isms_item_child_count(it);
    for (size_t k = 0; k < n; k++) {
        *len += (size_t)snprintf(buf + *len, size - *len, k == 0 ? "(" : ", ");
        const isms_item *child = isms_item_child(it, k);
        assert_ptr_equal(isms_item_parent(child), it);
        tree_item(buf, size, len, child);
    }
    if (n)
        *len += (size_t)snprintf(buf + *len, size - *len, ")");
    assert_true(*len < size);
}

/* The whole catalog as text: its roots by tree_item(), separated by "; ". */
static const char *tree(char *buf, size_t size, const isms_catalog *c)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < isms_catalog_root_count(c); k++) {
        if (k)
            len += (size_t)snprintf(buf + len, size - len, "; ");
        const isms_item *root = isms_catalog_root(c, k);
        assert_null(isms_item_parent(root));
        tree_item(buf, size, &len, root);
    }
    return buf;
}

#define assert_tree(c, want)                                                                 \
    do {                                                                                     \
        char tree_buf_[2048];                                                                \
        assert_string_equal(tree(tree_buf_, sizeof tree_buf_, (c)), (want));                \
    } while (0)

/* The tree of the catalog in `text` (which must parse). */
#define assert_parses_to(text, want)                                                         \
    do {                                                                                     \
        isms_catalog *c_ = parse_ok(text);                                                   \
        assert_tree(c_, want);                                                               \
        isms_catalog_free(c_);                                                               \
    } while (0)

/* Item `index` has this id, OSCAL id, kind and title. */
static void check_item(const isms_catalog *c, size_t index, isms_item_kind kind, const char *id,
                       const char *oscal_id, const char *title)
{
    const isms_item *it = isms_catalog_at(c, index);
    assert_non_null(it);
    assert_ptr_equal(isms_item_catalog(it), c);
    assert_int_equal(isms_item_kind_of(it), kind);
    assert_string_equal(isms_item_id(it), id);
    assert_string_equal(isms_item_oscal_id(it), oscal_id);
    assert_string_equal(isms_item_title(it), title);
    assert_int_equal(isms_item_assessable(it), kind == ISMS_ITEM_CONTROL);
}

/* ---- the official example ------------------------------------------------------------------ */

static void check_example(const isms_catalog *c)
{
    assert_string_equal(isms_catalog_title(c),
                        "Sample Security Catalog *for Demonstration* and Testing");
    assert_string_equal(isms_catalog_version(c), "1.1");
    assert_string_equal(isms_catalog_uuid(c), "74c8ba1e-5cd4-4ad1-bbfd-d888e2f6c724");
    assert_string_equal(isms__catalog_last_modified(c), "2024-02-01T13:57:28.355446-04:00");
    assert_int_equal(isms_catalog_count(c), 8);
    assert_int_equal(isms_catalog_root_count(c), 2);
    assert_int_equal(isms_catalog_requirement_count(c, ISMS_SCOPE_ANNEX_A), 4);
    assert_int_equal(isms_catalog_requirement_count(c, ISMS_SCOPE_BOTH), 4);
    assert_int_equal(isms_catalog_requirement_count(c, ISMS_SCOPE_CLAUSES), 0);
    /* Groups s1 and s2 carry the labels 1 and 2, group s1.1 none; the controls have their
     * labels. */
    assert_tree(c, "g 1=s1(g s1.1(c 1.1.1=s1.1.1, c 1.1.2=s1.1.2)); "
                   "g 2=s2(g 2.1=s2.1(c 2.1.1=s2.1.1, c 2.1.2=s2.1.2))");
    check_item(c, 0, ISMS_ITEM_GROUP, "1", "s1", "Organization of Information Security");
    check_item(c, 1, ISMS_ITEM_GROUP, "s1.1", "s1.1", "Internal Organization");
    check_item(c, 2, ISMS_ITEM_CONTROL, "1.1.1", "s1.1.1",
               "Information security roles and responsibilities");
    check_item(c, 3, ISMS_ITEM_CONTROL, "1.1.2", "s1.1.2", "Segregation of duties");
    check_item(c, 4, ISMS_ITEM_GROUP, "2", "s2", "Access control");
    check_item(c, 5, ISMS_ITEM_GROUP, "2.1", "s2.1", "Business requirements of access control");
    check_item(c, 6, ISMS_ITEM_CONTROL, "2.1.1", "s2.1.1", "Access control policy");
    check_item(c, 7, ISMS_ITEM_CONTROL, "2.1.2", "s2.1.2",
               "Access to networks and network services");
    assert_null(isms_catalog_at(c, 8));
    assert_null(isms__item_label(isms_catalog_at(c, 1)));
    assert_string_equal(isms__item_label(isms_catalog_at(c, 0)), "1");
    /* Look-up by label or OSCAL id, any ASCII case, whatever the scope. */
    assert_ptr_equal(isms_catalog_find(c, "S1.1.2", ISMS_SCOPE_CLAUSES), isms_catalog_at(c, 3));
    assert_ptr_equal(isms_catalog_find(c, "2.1.1", ISMS_SCOPE_ANNEX_A), isms_catalog_at(c, 6));
    assert_null(isms_catalog_find(c, "3", ISMS_SCOPE_ANNEX_A));
}

static bool have_example(void)
{
    FILE *f = fopen(EXAMPLE, "rb");
    if (!f) {
        print_message("the reference pack is not at %s: skipped\n", EXAMPLE);
        return false;
    }
    fclose(f);
    return true;
}

static void test_official_example(void **state)
{
    (void)state;
    if (!have_example())
        skip();
    isms_catalog *c = NULL;
    assert_int_equal(isms_catalog_load_oscal(&c, EXAMPLE), ISMS_OK);
    check_example(c);
    isms_catalog_free(c);
    /* The same bytes from memory, with another source name. */
    size_t len;
    char *text = slurp(EXAMPLE, &len);
    assert_int_equal(isms_catalog_parse_oscal(&c, text, len, NULL), ISMS_OK);
    check_example(c);
    isms_catalog_free(c);
    free(text);
}

/* ---- the project's own catalogs ------------------------------------------------------------ */

static void check_small(const isms_catalog *c)
{
    assert_string_equal(isms_catalog_title(c), "Stadens regelverk");
    assert_string_equal(isms_catalog_version(c), "2024.1");
    assert_string_equal(isms_catalog_uuid(c), UUID);
    assert_string_equal(isms__catalog_last_modified(c), "2024-05-02T08:00:00Z");
    assert_tree(c, "g S=styr(c S.1=styr-1, c styr-2)");
    check_item(c, 0, ISMS_ITEM_GROUP, "S", "styr", "Styrning");
    check_item(c, 1, ISMS_ITEM_CONTROL, "S.1", "styr-1", "Policy");
    check_item(c, 2, ISMS_ITEM_CONTROL, "styr-2", "styr-2", "Roller");
    assert_string_equal(isms__item_label(isms_catalog_at(c, 1)), "S.1");
    assert_null(isms__item_label(isms_catalog_at(c, 2)));
    assert_int_equal(isms_catalog_requirement_count(c, ISMS_SCOPE_ANNEX_A), 2);
    assert_ptr_equal(isms_catalog_requirement(c, ISMS_SCOPE_ANNEX_A, 1), isms_catalog_at(c, 2));
    assert_ptr_equal(isms_item_group(isms_catalog_at(c, 2)), isms_catalog_at(c, 0));
}

static void test_small_files(void **state)
{
    (void)state;
    isms_catalog *c = NULL;
    assert_int_equal(isms_catalog_load_oscal(&c, DATA_DIR "ok-small.json"), ISMS_OK);
    check_small(c);
    isms_catalog_free(c);
    /* A UTF-8 byte order mark is skipped. */
    c = NULL;
    assert_int_equal(isms_catalog_load_oscal(&c, DATA_DIR "ok-bom.json"), ISMS_OK);
    check_small(c);
    isms_catalog_free(c);
}

/* Groups and controls in document order: a list's items in turn, each followed by what it
 * holds; "groups" and "controls" in the order their keys come. */
static void test_order(void **state)
{
    (void)state;
    assert_parses_to(CAT(", \"controls\": [{\"id\": \"c1\", \"title\": \"\"}], "
                         "\"groups\": [{\"id\": \"g1\", \"title\": \"\"}]"),
                     "c c1; g g1");
    assert_parses_to(CAT(", \"groups\": [{\"id\": \"g1\", \"title\": \"\"}], "
                         "\"controls\": [{\"id\": \"c1\", \"title\": \"\"}]"),
                     "g g1; c c1");
    assert_parses_to(CAT(", \"groups\": [{\"id\": \"g\", \"title\": \"G\", "
                         "\"controls\": [{\"id\": \"c1\", \"title\": \"1\"}], "
                         "\"groups\": [{\"id\": \"h\", \"title\": \"H\", "
                         "\"controls\": [{\"id\": \"c2\", \"title\": \"2\"}]}]}, "
                         "{\"id\": \"i\", \"title\": \"I\"}]"),
                     "g g(c c1, g h(c c2)); g i");
    /* Enhancements: controls in controls, all of them requirements. */
    isms_catalog *c = parse_ok(CAT(", \"controls\": [{\"id\": \"ac-2\", \"title\": \"Konton\", "
                                   "\"controls\": [{\"id\": \"ac-2.1\", \"title\": \"Auto\", "
                                   "\"controls\": [{\"id\": \"ac-2.1.1\", \"title\": \"Mer\"}]}, "
                                   "{\"id\": \"ac-2.2\", \"title\": \"Tillfälliga\"}]}]"));
    assert_tree(c, "c ac-2(c ac-2.1(c ac-2.1.1), c ac-2.2)");
    assert_int_equal(isms_catalog_requirement_count(c, ISMS_SCOPE_ANNEX_A), 4);
    check_item(c, 3, ISMS_ITEM_CONTROL, "ac-2.2", "ac-2.2", "Tillfälliga");
    isms_catalog_free(c);
    /* No groups and no controls: a valid, empty catalog. */
    c = parse_ok(CAT(""));
    assert_int_equal(isms_catalog_count(c), 0);
    assert_int_equal(isms_catalog_root_count(c), 0);
    assert_int_equal(isms_catalog_requirement_count(c, ISMS_SCOPE_BOTH), 0);
    isms_catalog_free(c);
}

/* Labels: the first "label" property in OSCAL's namespace without a class, else the first
 * with one; other names and namespaces are not labels. */
static void test_labels(void **state)
{
    (void)state;
    assert_parses_to(
        CAT(", \"controls\": ["
            "{\"id\": \"ac-1\", \"title\": \"\", \"props\": ["
            "{\"name\": \"label\", \"value\": \"AC-01\", \"class\": \"sp800-53a\"}, "
            "{\"name\": \"sort-id\", \"value\": \"ac-01\"}, "
            "{\"name\": \"label\", \"value\": \"AC-1\"}, "
            "{\"name\": \"label\", \"value\": \"AC-One\"}]}, "
            "{\"id\": \"ac-2\", \"title\": \"\", \"props\": ["
            "{\"name\": \"label\", \"value\": \"X\", \"ns\": \"https://example.org/ns\"}]}, "
            "{\"id\": \"ac-3\", \"title\": \"\", \"props\": ["
            "{\"name\": \"label\", \"value\": \"AC-03\", \"class\": \"sp800-53a\"}, "
            "{\"name\": \"label\", \"value\": \"AC-3b\", \"class\": \"other\"}]}, "
            "{\"id\": \"ac-4\", \"title\": \"\", \"props\": ["
            "{\"name\": \"label\", \"value\": \"AC 4 ö\", "
            "\"ns\": \"http://csrc.nist.gov/ns/oscal\"}]}, "
            "{\"id\": \"ac-5\", \"title\": \"\", \"props\": ["
            "{\"name\": \"Label\", \"value\": \"AC-5\"}]}]"),
        "c AC-1=ac-1; c ac-2; c AC-03=ac-3; c AC 4 ö=ac-4; c ac-5");
    /* A run of white space in a label is kept as one space (as the writer writes it). */
    isms_catalog *c = parse_ok(CAT(", \"controls\": [{\"id\": \"a\", \"title\": \"\", "
                                   "\"props\": [{\"name\": \"label\", "
                                   "\"value\": \"A 1\\t\\u00a0(b)  c\"}]}]"));
    assert_string_equal(isms_item_id(isms_catalog_at(c, 0)), "A 1 (b) c");
    assert_string_equal(isms__item_label(isms_catalog_at(c, 0)), "A 1 (b) c");
    isms_catalog_free(c);
    /* A label equal to the item's own OSCAL id but for case is no clash. */
    assert_parses_to(CAT(", \"controls\": [{\"id\": \"ac-1\", \"title\": \"\", \"props\": "
                         "[{\"name\": \"label\", \"value\": \"AC-1\"}]}]"),
                     "c AC-1=ac-1");
}

/* A group without an id gets "group-N": the smallest N from 1 on, counting on, that no id or
 * label of the catalog uses in any ASCII case. */
static void test_generated_group_ids(void **state)
{
    (void)state;
    isms_catalog *c = parse_ok(
        CAT(", \"groups\": ["
            "{\"title\": \"A\"}, "
            "{\"id\": \"group-1\", \"title\": \"B\"}, "
            "{\"title\": \"C\", \"props\": [{\"name\": \"label\", \"value\": \"GROUP-3\"}]}, "
            "{\"title\": \"D\", \"controls\": [{\"id\": \"group-05\", \"title\": \"E\"}], "
            "\"groups\": [{\"title\": \"F\"}]}, "
            "{\"title\": \"G\", \"groups\": [{\"id\": \"Group-6\", \"title\": \"H\"}]}]"));
    assert_tree(c, "g group-2; g group-1; g GROUP-3=group-4; g group-5(c group-05, g group-7); "
                   "g group-8(g Group-6)");
    isms_catalog_free(c);
}

/* ---- rules --------------------------------------------------------------------------------- */

/* A catalog with one control whose id is `id` (JSON text, quotes included). */
static char *with_control_id(char *buf, size_t size, const char *id)
{
    snprintf(buf, size, CAT(", \"controls\": [{\"id\": %s, \"title\": \"T\"}]"), id);
    return buf;
}

static void token_ok(const char *id, const char *want)
{
    char text[512];
    isms_catalog *c = parse_ok(with_control_id(text, sizeof text, id));
    assert_string_equal(isms_item_oscal_id(isms_catalog_at(c, 0)), want);
    isms_catalog_free(c);
}

static void token_bad(const char *id, const char *message)
{
    char text[512], want[512];
    with_control_id(text, sizeof text, id);
    snprintf(want, sizeof want, "$.catalog.controls[0].id: %s", message);
    assert_parse_error(text, ISMS_EPARSE, 1, col_of(text, "\"id\": ") + 6, want);
}

#define TOKEN_RULE "is not an OSCAL id (a letter or \"_\", then letters, digits, \".\", \"-\" or " \
                   "\"_\"): "

static void test_tokens(void **state)
{
    (void)state;
    token_ok("\"_x\"", "_x");
    token_ok("\"ab_c.d-e9\"", "ab_c.d-e9");
    token_ok("\"åtgärd-1\"", "åtgärd-1");
    token_ok("\"\\u00c4rende.2\"", "Ärende.2");
    token_ok("\"ΣΩ\"", "ΣΩ");
    token_ok("\"日本\"", "日本");
    token_ok("\"ªµº\"", "ªµº");
    token_ok("\"x٣\"", "x٣");      /* Arabic-Indic digit three: a number, after the first */
    token_ok("\"x²½Ⅻ①\"", "x²½Ⅻ①"); /* other numbers */
    token_ok("\"x１\"", "x１");     /* fullwidth digit one */
    token_bad("\"1x\"", "\"1x\" " TOKEN_RULE "it starts with \"1\"");
    token_bad("\"-x\"", "\"-x\" " TOKEN_RULE "it starts with \"-\"");
    token_bad("\".x\"", "\".x\" " TOKEN_RULE "it starts with \".\"");
    token_bad("\"٣x\"", "\"٣x\" " TOKEN_RULE "it starts with \"٣\"");
    token_bad("\"²\"", "\"²\" " TOKEN_RULE "it starts with \"²\"");
    token_bad("\"\"", "\"\" " TOKEN_RULE "it is empty");
    token_bad("\"x y\"", "\"x y\" " TOKEN_RULE "character 2, U+0020, is not allowed");
    token_bad("\"ac/1\"", "\"ac/1\" " TOKEN_RULE "character 3, \"/\", is not allowed");
    token_bad("\"x:y\"", "\"x:y\" " TOKEN_RULE "character 2, \":\", is not allowed");
    token_bad("\"x→y\"", "\"x→y\" " TOKEN_RULE "character 2, \"→\" (U+2192), is not allowed");
    token_bad("\"x\\u00a0\"", "\"x\xC2\xA0\" " TOKEN_RULE "character 2, U+00A0, is not allowed");
    token_bad("\"x\\u2028\"", "\"x\xE2\x80\xA8\" " TOKEN_RULE
              "character 2, U+2028, is not allowed");
    token_bad("\"x\\t\"", "\"x?\" " TOKEN_RULE "character 2, U+0009, is not allowed");
    token_bad("\"x§\"", "\"x§\" " TOKEN_RULE "character 2, \"§\" (U+00A7), is not allowed");
    token_bad("\"x×\"", "\"x×\" " TOKEN_RULE "character 2, \"×\" (U+00D7), is not allowed");
    token_bad("\"x\\u0301\"", "\"x\xCC\x81\" " TOKEN_RULE "character 2, U+0301, is not allowed");
    token_bad("\"x€\"", "\"x€\" " TOKEN_RULE "character 2, \"€\" (U+20AC), is not allowed");
    token_bad("\"x「\"", "\"x「\" " TOKEN_RULE "character 2, \"「\" (U+300C), is not allowed");
    token_bad("\"x😀\"", "\"x😀\" " TOKEN_RULE "character 2, \"😀\" (U+1F600), is not allowed");
    token_bad("\"x\\ue000\"", "\"x\xEE\x80\x80\" " TOKEN_RULE
              "character 2, U+E000, is not allowed");
    token_bad("\"x\\ufffe\"", "\"x\xEF\xBF\xBE\" " TOKEN_RULE
              "character 2, U+FFFE, is not allowed");
    /* A long id is shown cut at 64 bytes. */
    token_bad("\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b\"",
              "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…\" " TOKEN_RULE
              "character 69, U+0020, is not allowed");
    /* Group ids too. */
    const char *text = CAT(", \"groups\": [{\"id\": \"a b\", \"title\": \"T\"}]");
    assert_parse_error(text, ISMS_EPARSE, 1, col_of(text, "\"a b\""),
                       "$.catalog.groups[0].id: \"a b\" " TOKEN_RULE
                       "character 2, U+0020, is not allowed");
}

/* Titles are kept as written: inline markup, white space, escapes; group and control titles
 * may be empty. */
static void test_titles(void **state)
{
    (void)state;
    isms_catalog *c = parse_ok(
        "{\"catalog\": {\"uuid\": \"" UUID "\", \"metadata\": {\"title\": \" *Stadens* "
        "`regler` \\u00e5r 2024 \", \"last-modified\": \"2024-05-02T08:00:00Z\", "
        "\"version\": \"v 1\", \"oscal-version\": \"1.1.2\"}, \"controls\": ["
        "{\"id\": \"a\", \"title\": \"Use **MFA** for [admins](#a)\"}, "
        "{\"id\": \"b\", \"title\": \"\"}, {\"id\": \"c\", \"title\": \"  två\\nrader \"}]}}");
    assert_string_equal(isms_catalog_title(c), " *Stadens* `regler` år 2024 ");
    assert_string_equal(isms_catalog_version(c), "v 1");
    assert_string_equal(isms_item_title(isms_catalog_at(c, 0)), "Use **MFA** for [admins](#a)");
    assert_string_equal(isms_item_title(isms_catalog_at(c, 1)), "");
    assert_string_equal(isms_item_title(isms_catalog_at(c, 2)), "  två\nrader ");
    isms_catalog_free(c);
}

static void test_metadata_rules(void **state)
{
    (void)state;
    /* Timestamps: the schema's date-time with a time zone. */
    static const char *const good[] = {
        "2024-02-01T13:57:28.355446-04:00", "2024-02-29T00:00:00Z", "2000-02-29T23:59:59+14:00",
        "2024-01-01T00:00:00+05:45", "2024-01-01T00:00:00-09:30", "1900-01-01T00:00:00-12:00",
        "2999-12-31T23:59:59.5+10:30",
    };
    static const char *const bad[] = {
        "2023-02-29T00:00:00Z",      "2100-02-29T00:00:00Z",      "1899-12-31T00:00:00Z",
        "3000-01-01T00:00:00Z",      "2024-04-31T00:00:00Z",      "2024-00-10T00:00:00Z",
        "2024-01-01T24:00:00Z",      "2024-01-01T00:60:00Z",      "2024-01-01T00:00:60Z",
        "2024-01-01T00:00:00",       "2024-01-01T00:00:00+15:00", "2024-01-01T00:00:00-03:45",
        "2024-01-01T00:00:00.Z",     "2024-1-01T00:00:00Z",       "2024-01-01 00:00:00Z",
        "2024-01-01T00:00:00z",      "2024-01-01T00:00:00+0100",  "2024-01-01T00:00:00Z ",
        "2024-01-01T00:00:00-13:00", "2024-01-01T00:00:00+07:30",
    };
    char text[1024], want[1024];
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        snprintf(text, sizeof text, "{\"catalog\": {\"uuid\": \"" UUID "\", " META_OF("%s") "}}",
                 good[i]);
        isms_catalog *c = parse_ok(text);
        assert_string_equal(isms__catalog_last_modified(c), good[i]);
        isms_catalog_free(c);
    }
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(text, sizeof text, "{\"catalog\": {\"uuid\": \"" UUID "\", " META_OF("%s") "}}",
                 bad[i]);
        snprintf(want, sizeof want, "$.catalog.metadata[\"last-modified\"]: \"%s\" is not a "
                 "date and time with a time zone as OSCAL writes them (YYYY-MM-DDThh:mm:ss, an "
                 "optional fraction of a second, then Z or an offset such as +01:00)", bad[i]);
        assert_parse_error(text, ISMS_EPARSE, 1, col_of(text, bad[i]) - 1, want);
    }

    /* UUIDs: version 4 or 5, the variant 10xx, any case (kept in lowercase). */
    isms_catalog *c = parse_ok("{\"catalog\": {\"uuid\": \"3C2F5A8E-6B1D-5F7A-BE2C-1D4B7A9C0E5F\", "
                               META "}}");
    assert_string_equal(isms_catalog_uuid(c), "3c2f5a8e-6b1d-5f7a-be2c-1d4b7a9c0e5f");
    isms_catalog_free(c);
    static const char *const bad_uuids[] = {
        "3c2f5a8e-6b1d-3f7a-9e2c-1d4b7a9c0e5f", "3c2f5a8e-6b1d-4f7a-ce2c-1d4b7a9c0e5f",
        "3c2f5a8e6b1d-4f7a-9e2c-1d4b7a9c0e5f0", "3c2f5a8e-6b1d-4f7a-9e2c-1d4b7a9c0e5",
        "3c2f5a8e-6b1d-4f7a-9e2c-1d4b7a9c0e5fa", "3c2f5a8g-6b1d-4f7a-9e2c-1d4b7a9c0e5f",
        "{3c2f5a8e-6b1d-4f7a-9e2c-1d4b7a9c0e5}", "",
    };
    for (size_t i = 0; i < sizeof bad_uuids / sizeof *bad_uuids; i++) {
        snprintf(text, sizeof text, "{\"catalog\": {\"uuid\": \"%s\", " META "}}", bad_uuids[i]);
        snprintf(want, sizeof want, "$.catalog.uuid: \"%s\" is not a UUID of version 4 or 5 "
                 "(8-4-4-4-12 hexadecimal digits, such as 74c8ba1e-5cd4-4ad1-bbfd-d888e2f6c724)",
                 bad_uuids[i]);
        assert_parse_error(text, ISMS_EPARSE, 1, 22, want);
    }

    /* version and oscal-version: OSCAL strings; a run of white space in the version is kept
     * as one space. */
    c = parse_ok("{\"catalog\": {\"uuid\": \"" UUID "\", \"metadata\": {\"title\": \"T\", "
                 "\"last-modified\": \"2024-05-02T08:00:00Z\", \"version\": \"1 \\t 2\\u3000b\", "
                 "\"oscal-version\": \"1.1.3\"}}}");
    assert_string_equal(isms_catalog_version(c), "1 2 b");
    isms_catalog_free(c);
    const char *t = "{\"catalog\": {\"uuid\": \"" UUID "\", \"metadata\": {\"title\": \"T\", "
                    "\"last-modified\": \"2024-05-02T08:00:00Z\", \"version\": \"1\\n2\", "
                    "\"oscal-version\": \"1.1.3\"}}}";
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "\"1\\n2\""),
                       "$.catalog.metadata.version: \"1?2\" must be one line");
    t = "{\"catalog\": {\"uuid\": \"" UUID "\", \"metadata\": {\"title\": \"T\", "
        "\"last-modified\": \"2024-05-02T08:00:00Z\", \"version\": \"1\", "
        "\"oscal-version\": \"\"}}}";
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "\"\"}"),
                       "$.catalog.metadata[\"oscal-version\"]: must not be empty");
    t = "{\"catalog\": {\"uuid\": \"" UUID "\", \"metadata\": {\"title\": \"T\", "
        "\"last-modified\": \"2024-05-02T08:00:00Z\", \"version\": \"1\\u3000\", "
        "\"oscal-version\": \"1.1.3\"}}}";
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "\"1\\u3000\""),
                       "$.catalog.metadata.version: \"1\xE3\x80\x80\" must not begin or end "
                       "with white space");
    t = "{\"catalog\": {\"uuid\": \"" UUID "\", \"metadata\": {\"title\": \"\", "
        "\"last-modified\": \"2024-05-02T08:00:00Z\", \"version\": \"1\", "
        "\"oscal-version\": \"1.1.3\"}}}";
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "\"\","),
                       "$.catalog.metadata.title: the catalog's title must not be empty");
    t = "{\"catalog\": {\"uuid\": \"" UUID "\", \"metadata\": {\"title\": \"T\", "
        "\"published\": \"whenever\", \"remarks\": 7, \"parties\": [{}], "
        "\"last-modified\": \"2024-05-02T08:00:00Z\", \"version\": \"1\", "
        "\"oscal-version\": \"1.1.3\"}}}";
    c = parse_ok(t); /* keys libisms does not read are passed over */
    isms_catalog_free(c);
}

static void test_item_rules(void **state)
{
    (void)state;
    /* What libisms does not read is passed over, whatever it holds. */
    isms_catalog *c = parse_ok(
        "{\"$schema\": \"https://example.org/oscal_catalog_schema.json\", \"catalog\": {"
        "\"uuid\": \"" UUID "\", " META ", \"params\": [{\"id\": 1}], "
        "\"groups\": [{\"id\": \"g\", \"class\": \"family\", \"title\": \"G\", \"params\": [], "
        "\"props\": [{\"name\": \"sort-id\", \"value\": \"x\", \"uuid\": \"u\", \"ns\": \"n\", "
        "\"class\": \"c\", \"group\": \"g\", \"remarks\": \"r\"}], \"links\": [{\"x\": null}], "
        "\"parts\": [{\"parts\": [{\"parts\": [true]}]}], "
        "\"controls\": [{\"id\": \"c\", \"class\": 3, \"title\": \"C\", \"params\": {}, "
        "\"links\": \"l\", \"parts\": 1.5}]}], \"back-matter\": {\"resources\": [[]]}}}");
    assert_tree(c, "g g(c c)");
    isms_catalog_free(c);

    /* Wrong types, with their positions. */
    const char *t = CAT(", \"controls\": [{\"id\": \"c\", \"title\": 5}]");
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "5}"),
                       "$.catalog.controls[0].title: expected a string, found an integer");
    t = CAT(", \"controls\": [{\"id\": \"c\", \"title\": \"C\", \"controls\": [7]}]");
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "7]"),
                       "$.catalog.controls[0].controls[0]: expected an object, found an "
                       "integer");
    t = CAT(", \"controls\": [{\"id\": \"c\", \"title\": \"C\", \"props\": [\"label\"]}]");
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "\"label\""),
                       "$.catalog.controls[0].props[0]: expected an object, found a string");
    t = CAT(", \"controls\": [{\"id\": \"c\", \"title\": \"C\", \"props\": [{\"value\": \"x\"}]}]");
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "{\"value\""),
                       "$.catalog.controls[0].props[0]: missing key \"name\"");
    t = CAT(", \"groups\": [{\"title\": \"G\", \"props\": [{\"name\": \"label\", "
            "\"value\": \"\"}]}]");
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "\"\"}"),
                       "$.catalog.groups[0].props[0].value: the label must not be empty");
    t = CAT(", \"controls\": [{\"id\": \"c\", \"title\": \"C\", \"controls\": []}]");
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "[]"),
                       "$.catalog.controls[0].controls: expected at least one control; leave "
                       "the key out when there is none");
    t = CAT(", \"controls\": [{\"id\": \"c\", \"title\": \"C\", \"props\": []}]");
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "[]"),
                       "$.catalog.controls[0].props: expected at least one property; leave the "
                       "key out when there is none");
    t = CAT(", \"controls\": [{\"id\": \"c\", \"title\": \"C\", "
            "\"groups\": [{\"title\": \"G\"}]}]");
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "\"groups\""),
                       "$.catalog.controls[0].groups: a control holds no groups, only controls "
                       "(its enhancements)");
    t = CAT(", \"groups\": [{\"id\": \"g\", \"titel\": \"G\"}]");
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "\"titel\""),
                       "$.catalog.groups[0].titel: unknown key, did you mean \"title\"?");
    t = CAT(", \"groups\": [{\"id\": \"g\", \"title\": \"G\", \"description\": \"x\"}]");
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "\"description\""),
                       "$.catalog.groups[0].description: unknown key; the keys here are \"id\", "
                       "\"class\", \"title\", \"params\", \"props\", \"links\", \"parts\", "
                       "\"groups\" or \"controls\"");
    t = "{\"catalog\": {\"uuid\": \"" UUID "\", " META ", \"group\": []}}";
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "\"group\""),
                       "$.catalog.group: unknown key, did you mean \"groups\"?");
    /* The root. */
    assert_parse_error("\"catalog\"", ISMS_EPARSE, 1, 1, "$: expected an object, found a string");
    t = "{\"catalog\": {}, \"x\": 1}";
    assert_parse_error(t, ISMS_EPARSE, 1, 17,
                       "$.x: unknown key; the keys here are \"$schema\" or \"catalog\"");
    t = "{\"assessment-results\": {}}";
    assert_parse_error(t, ISMS_EPARSE, 1, 2,
                       "$[\"assessment-results\"]: this is an OSCAL assessment-results, not a "
                       "catalog: libisms imports catalogs (the key \"catalog\")");
}

/* An OSCAL id twice: both places named, at the second one's id. */
static void test_duplicates(void **state)
{
    (void)state;
    const char *t = CAT(", \"groups\": [{\"id\": \"g\", \"title\": \"G\", \"controls\": "
                        "[{\"id\": \"a\", \"title\": \"A\"}, {\"id\": \"b\", \"title\": \"B\", "
                        "\"controls\": [{\"id\": \"G\", \"title\": \"C\"}]}]}]");
    assert_parse_error(t, ISMS_EEXIST, 1, col_of(t, "\"G\", \"title\": \"C\""),
                       "$.catalog.groups[0].controls[1].controls[0].id: the id \"G\" is also "
                       "the id of the group at $.catalog.groups[0] (\"g\"); ids must be unique "
                       "(ASCII case does not count)");
    /* The same id in the same list. */
    t = CAT(", \"controls\": [{\"id\": \"a\", \"title\": \"A\"}, "
            "{\"id\": \"a\", \"title\": \"B\"}]");
    assert_parse_error(t, ISMS_EEXIST, 1, col_of(t, "\"a\", \"title\": \"B\""),
                       "$.catalog.controls[1].id: the id \"a\" is also the id of the control at "
                       "$.catalog.controls[0]; ids must be unique (ASCII case does not count)");
    /* Labels do not make it unique: the ids clash, whatever the labels. */
    t = CAT(", \"controls\": [{\"id\": \"a\", \"title\": \"A\", \"props\": [{\"name\": "
            "\"label\", \"value\": \"A-1\"}]}, {\"id\": \"A\", \"title\": \"B\", \"props\": "
            "[{\"name\": \"label\", \"value\": \"A-2\"}]}]");
    assert_parse_error(t, ISMS_EEXIST, 1, col_of(t, "\"A\", \"title\": \"B\""),
                       "$.catalog.controls[1].id: the id \"A\" is also the id of the control at "
                       "$.catalog.controls[0] (\"a\"); ids must be unique (ASCII case does not "
                       "count)");
}

/* OSCAL does not require labels to be unique: a label that another item also has, as its
 * label or as its OSCAL id, is no id; those items keep their OSCAL ids, and the label. */
static void test_shared_labels(void **state)
{
    (void)state;
    /* Groups that number their controls "1", "2" each; a unique label stays the id. */
    assert_parses_to(
        CAT(", \"groups\": [{\"id\": \"org\", \"title\": \"O\", \"props\": [{\"name\": "
            "\"label\", \"value\": \"ORG\"}], \"controls\": ["
            "{\"id\": \"org-1\", \"title\": \"\", \"props\": [{\"name\": \"label\", "
            "\"value\": \"1\"}]}, "
            "{\"id\": \"org-2\", \"title\": \"\", \"props\": [{\"name\": \"label\", "
            "\"value\": \"2\"}]}, "
            "{\"id\": \"org-3\", \"title\": \"\", \"props\": [{\"name\": \"label\", "
            "\"value\": \"Three\"}]}]}, "
            "{\"id\": \"tech\", \"title\": \"T\", \"controls\": ["
            "{\"id\": \"tech-1\", \"title\": \"\", \"props\": [{\"name\": \"label\", "
            "\"value\": \"1\"}]}, "
            "{\"id\": \"tech-2\", \"title\": \"\", \"props\": [{\"name\": \"label\", "
            "\"value\": \"2\"}], \"controls\": [{\"id\": \"tech-2.1\", \"title\": \"\", "
            "\"props\": [{\"name\": \"label\", \"value\": \"2\"}]}]}]}]"),
        "g ORG=org(c org-1 [1], c org-2 [2], c Three=org-3); "
        "g tech(c tech-1 [1], c tech-2 [2](c tech-2.1 [2]))");
    /* Shared in another ASCII case or with runs of white space of another length. */
    assert_parses_to(
        CAT(", \"controls\": ["
            "{\"id\": \"a\", \"title\": \"\", \"props\": [{\"name\": \"label\", "
            "\"value\": \"X  1\"}]}, "
            "{\"id\": \"b\", \"title\": \"\", \"props\": [{\"name\": \"label\", "
            "\"value\": \"x\\t1\"}]}, "
            "{\"id\": \"c\", \"title\": \"\", \"props\": [{\"name\": \"label\", "
            "\"value\": \"X 2\"}]}]"),
        "c a [X 1]; c b [x 1]; c X 2=c");
    /* A label that is another item's OSCAL id (before or after it) is no id: the other item
     * keeps its id; a label equal to the item's own OSCAL id is. */
    assert_parses_to(
        CAT(", \"controls\": ["
            "{\"id\": \"k-1\", \"title\": \"\", \"props\": [{\"name\": \"label\", "
            "\"value\": \"K-2\"}]}, "
            "{\"id\": \"k-2\", \"title\": \"\", \"props\": [{\"name\": \"label\", "
            "\"value\": \"K-1\"}]}, "
            "{\"id\": \"k-3\", \"title\": \"\", \"props\": [{\"name\": \"label\", "
            "\"value\": \"K-3\"}]}, "
            "{\"id\": \"k-4\", \"title\": \"\", \"props\": [{\"name\": \"label\", "
            "\"value\": \"k-5\"}]}, "
            "{\"id\": \"k-5\", \"title\": \"\"}]"),
        "c k-1 [K-2]; c k-2 [K-1]; c K-3=k-3; c k-4 [k-5]; c k-5");
    /* Look-up goes by the ids; a shared label finds nothing. */
    isms_catalog *c = parse_ok(
        CAT(", \"controls\": ["
            "{\"id\": \"a\", \"title\": \"A\", \"props\": [{\"name\": \"label\", "
            "\"value\": \"1\"}]}, "
            "{\"id\": \"b\", \"title\": \"B\", \"props\": [{\"name\": \"label\", "
            "\"value\": \"1\"}]}, "
            "{\"id\": \"c\", \"title\": \"C\", \"props\": [{\"name\": \"label\", "
            "\"value\": \"2\"}]}]"));
    assert_null(isms_catalog_find(c, "1", ISMS_SCOPE_BOTH));
    assert_ptr_equal(isms_catalog_find(c, "B", ISMS_SCOPE_BOTH), isms_catalog_at(c, 1));
    assert_ptr_equal(isms_catalog_find(c, "2", ISMS_SCOPE_BOTH), isms_catalog_at(c, 2));
    assert_ptr_equal(isms_catalog_find(c, "c", ISMS_SCOPE_BOTH), isms_catalog_at(c, 2));
    assert_string_equal(isms__item_label(isms_catalog_at(c, 0)), "1");
    isms_catalog_free(c);
    /* A group without an id whose label another group has gets a generated id. */
    assert_parses_to(
        CAT(", \"groups\": [{\"title\": \"A\", \"props\": [{\"name\": \"label\", \"value\": "
            "\"L\"}]}, {\"title\": \"B\", \"props\": [{\"name\": \"label\", \"value\": "
            "\"l\"}]}]"),
        "g group-1 [L]; g group-2 [l]");
    /* The files of tests/data/oscal-read/. */
    c = NULL;
    assert_int_equal(isms_catalog_load_oscal(&c, DATA_DIR "ok-shared-label.json"), ISMS_OK);
    assert_tree(c, "c k-1 [K.1]; c k-2 [K.1]; c K.3=k-3");
    isms_catalog_free(c);
    c = NULL;
    assert_int_equal(isms_catalog_load_oscal(&c, DATA_DIR "ok-label-other-id.json"), ISMS_OK);
    assert_tree(c, "c k-1 [A]; c a");
    isms_catalog_free(c);
}

/* A property's "ns" and "class" (which decide which property is the label) are strings. */
static void test_prop_types(void **state)
{
    (void)state;
    const char *t = CAT(", \"controls\": [{\"id\": \"a\", \"title\": \"\", \"props\": ["
                        "{\"name\": \"label\", \"value\": \"A-1\", \"class\": 5}]}]");
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "5}"),
                       "$.catalog.controls[0].props[0].class: expected a string, found an "
                       "integer");
    t = CAT(", \"groups\": [{\"id\": \"g\", \"title\": \"\", \"props\": ["
            "{\"name\": \"x\", \"value\": \"y\"}, "
            "{\"name\": \"label\", \"value\": \"G\", \"ns\": 5}]}]");
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "5}"),
                       "$.catalog.groups[0].props[1].ns: expected a string, found an integer");
    t = CAT(", \"controls\": [{\"id\": \"a\", \"title\": \"\", \"props\": ["
            "{\"name\": \"label\", \"value\": \"A-1\", \"class\": null}]}]");
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "null}"),
                       "$.catalog.controls[0].props[0].class: expected a string, found null");
    t = CAT(", \"controls\": [{\"id\": \"a\", \"title\": \"\", \"props\": ["
            "{\"name\": \"label\", \"value\": \"A-1\", \"ns\": [\"x\"]}]}]");
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "[\"x\"]"),
                       "$.catalog.controls[0].props[0].ns: expected a string, found an array");
    /* Strings are fine, an empty class too (it is still a class). */
    assert_parses_to(CAT(", \"controls\": [{\"id\": \"a\", \"title\": \"\", \"props\": ["
                         "{\"name\": \"label\", \"value\": \"A-0\", \"class\": \"\"}, "
                         "{\"name\": \"label\", \"value\": \"A-1\", "
                         "\"ns\": \"http://csrc.nist.gov/ns/oscal\"}]}]"),
                     "c A-1=a");
}

/* ---- limits -------------------------------------------------------------------------------- */

/* A catalog of n levels: groups g1 … g(n-1), one in the other, and in the last the control
 * cn, whose offset goes to *last_at. */
static char *chain(char *buf, size_t size, int n, size_t *last_at)
{
    size_t len = (size_t)snprintf(buf, size, "{\"catalog\": {\"uuid\": \"" UUID "\", " META
                                  ", \"groups\": [");
    for (int lv = 1; lv < n; lv++)
        len += (size_t)snprintf(buf + len, size - len, "{\"id\": \"g%d\", \"title\": \"\", "
                                "\"%s\": [", lv, lv < n - 1 ? "groups" : "controls");
    *last_at = len;
    len += (size_t)snprintf(buf + len, size - len, "{\"id\": \"c%d\", \"title\": \"\"}", n);
    for (int lv = 1; lv < n; lv++)
        len += (size_t)snprintf(buf + len, size - len, "]}");
    len += (size_t)snprintf(buf + len, size - len, "]}}");
    assert_true(len < size);
    return buf;
}

static void test_limits(void **state)
{
    (void)state;
    /* Eight levels of groups and controls are read, a ninth is not. */
    char text[4096];
    size_t last_at = 0;
    chain(text, sizeof text, 9, &last_at);
    assert_parse_error(text, ISMS_ERANGE, 1, (unsigned)last_at + 1,
                       "$.catalog.groups[0].groups[0].groups[0].groups[0].groups[0].groups[0]"
                       ".groups[0].groups[0].controls[0]: groups and controls nested deeper "
                       "than 8 levels");
    isms_catalog *c = parse_ok(chain(text, sizeof text, 8, &last_at));
    assert_int_equal(isms_catalog_count(c), 8);
    assert_tree(c, "g g1(g g2(g g3(g g4(g g5(g g6(g g7(c c8)))))))");
    isms_catalog_free(c);

    /* 64 top-level groups are read, a 65th is not. */
    isms__buf b;
    isms__buf_init(&b);
    isms__buf_puts(&b, "{\"catalog\": {\"uuid\": \"" UUID "\", " META ", \"groups\": [");
    for (int i = 0; i < 65; i++)
        isms__buf_printf(&b, "%s{\"id\": \"g%d\", \"title\": \"\"}", i ? ", " : "", i);
    isms__buf_puts(&b, "]}}");
    size_t n;
    char *many = isms__buf_take(&b, &n);
    const char *at = strstr(many, "{\"id\": \"g64\"");
    c = (isms_catalog *)(uintptr_t)1;
    assert_int_equal(isms_catalog_parse_oscal(&c, many, n, NULL), ISMS_ERANGE);
    assert_ptr_equal(c, (isms_catalog *)(uintptr_t)1);
    assert_int_equal(isms_error_last()->line, 1);
    assert_int_equal(isms_error_last()->column, (unsigned)(at - many) + 1);
    assert_string_equal(isms_error_last()->source, "<memory>");
    assert_error(ISMS_ERANGE, "$.catalog.groups[64]: group \"g64\" would be top-level group 65");
    *strstr(many, ", {\"id\": \"g64\"") = '\0';
    strcat(many, "]}}");
    c = parse_ok(many);
    assert_int_equal(isms_catalog_root_count(c), 64);
    isms_catalog_free(c);
    isms__free(many);

    /* At most 65,000 items. */
    isms__buf_init(&b);
    isms__buf_puts(&b, "{\"catalog\": {\"uuid\": \"" UUID "\", " META ", \"controls\": [");
    for (int i = 0; i < 65001; i++)
        isms__buf_printf(&b, "%s{\"id\": \"c%d\", \"title\": \"\"}", i ? ", " : "", i);
    isms__buf_puts(&b, "]}}");
    many = isms__buf_take(&b, &n);
    assert_int_equal(isms_catalog_parse_oscal(&c, many, n, NULL), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "$.catalog.controls[65000]: control \"c65000\" would be item "
                              "65001 of the catalog: at most 65000 items are allowed");
    assert_int_equal(isms_error_last()->column,
                     (unsigned)(strstr(many, "{\"id\": \"c65000\"") - many) + 1);
    *strstr(many, ", {\"id\": \"c65000\"") = '\0';
    strcat(many, "]}}");
    c = parse_ok(many);
    assert_int_equal(isms_catalog_count(c), 65000);
    assert_string_equal(isms_item_id(isms_catalog_at(c, 64999)), "c64999");
    isms_catalog_free(c);
    isms__free(many);

    /* A title of a mebibyte is kept whole. */
    size_t big = 1024 * 1024;
    char *title = malloc(big + 1);
    assert_non_null(title);
    for (size_t i = 0; i < big; i++)
        title[i] = (char)('a' + i % 26);
    title[big] = '\0';
    char *doc = malloc(big + 512);
    assert_non_null(doc);
    snprintf(doc, big + 512, CAT(", \"controls\": [{\"id\": \"c\", \"title\": \"%s\"}]"), title);
    c = parse_ok(doc);
    assert_string_equal(isms_item_title(isms_catalog_at(c, 0)), title);
    isms_catalog_free(c);
    free(doc);
    free(title);

    /* More than ISMS_OSCAL_MAX_BYTES: refused before anything is read. */
    char *huge = calloc(ISMS_OSCAL_MAX_BYTES + 1, 1);
    assert_non_null(huge);
    c = (isms_catalog *)(uintptr_t)1;
    assert_int_equal(isms_catalog_parse_oscal(&c, huge, ISMS_OSCAL_MAX_BYTES + 1, "big.json"),
                     ISMS_ERANGE);
    assert_ptr_equal(c, (isms_catalog *)(uintptr_t)1);
    assert_error(ISMS_ERANGE, "$: the catalog is 67108865 bytes, more than the limit of "
                              "67108864 bytes");
    assert_string_equal(isms_error_last()->source, "big.json");
    free(huge);
    /* A file that size (sparse: nothing is written). */
    char path[] = "/tmp/isms-oscal-read-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)ISMS_OSCAL_MAX_BYTES + 1), 0);
    close(fd);
    assert_int_equal(isms_catalog_load_oscal(&c, path), ISMS_ERANGE);
    assert_ptr_equal(c, (isms_catalog *)(uintptr_t)1);
    assert_error(ISMS_ERANGE, "$: the catalog is larger than the limit of 67108864 bytes");
    assert_string_equal(isms_error_last()->source, path);
    assert_int_equal(isms_error_last()->line, 0);
    unlink(path);
}

/* ---- broken inputs -------------------------------------------------------------------------- */

typedef struct broken_case {
    const char *file;
    int code;
    unsigned line, column;
    const char *message; /* the start of the message */
} broken_case;

static const broken_case broken[] = {
    { "truncated.json", ISMS_EPARSE, 13, 18,
      "$.catalog.groups[0].title: syntax error: premature end of input near '\"Styr'" },
    { "empty.json", ISMS_EPARSE, 1, 1, "$: the catalog is empty" },
    { "blank.json", ISMS_EPARSE, 1, 1, "$: the catalog is empty" },
    { "utf16.json", ISMS_EPARSE, 1, 1, "$: the text is UTF-16, not UTF-8; save it as UTF-8" },
    { "not-utf8.json", ISMS_EPARSE, 17, 42, "$.catalog.groups[0].controls[1].title: the text is "
      "not UTF-8 (byte 0xE4); save it as UTF-8" },
    { "binary.json", ISMS_EPARSE, 1, 1, "$: the text is not UTF-8 (byte 0x89); save it as "
      "UTF-8" },
    { "deep-nesting.json", ISMS_ERANGE, 11, 766, "$.catalog.controls[0].parts[0].parts[0]." },
    { "deep-groups.json", ISMS_ERANGE, 19, 23, "$.catalog.groups[0].groups[0].groups[0]."
      "groups[0].groups[0].groups[0].groups[0].groups[0].groups[0]: groups and controls "
      "nested deeper than 8 levels" },
    { "huge-title.json", ISMS_EPARSE, 11, 108031, "$.catalog.controls[0].title: a control "
      "character (U+0009, a tab) inside a string; write it as \\t" },
    { "trailing-comma.json", ISMS_EPARSE, 12, 5, "$.catalog.controls[1]: syntax error: "
      "unexpected token near ']'" },
    { "duplicate-key.json", ISMS_EPARSE, 11, 37, "$.catalog.controls[0]: the key \"title\" is "
      "given twice" },
    { "not-object.json", ISMS_EPARSE, 1, 1, "$: expected an object, found an array" },
    { "wrong-root-key.json", ISMS_EPARSE, 2, 3, "$.catalgo: unknown key, did you mean "
      "\"catalog\"?" },
    { "other-model.json", ISMS_EPARSE, 3, 3, "$.profile: this is an OSCAL profile, not a "
      "catalog: libisms imports catalogs (the key \"catalog\")" },
    { "missing-catalog.json", ISMS_EPARSE, 1, 1, "$: missing key \"catalog\"" },
    { "schema-type.json", ISMS_EPARSE, 2, 14, "$[\"$schema\"]: expected a string, found an "
      "integer" },
    { "catalog-array.json", ISMS_EPARSE, 2, 14, "$.catalog: expected an object, found an "
      "array" },
    { "catalog-unknown-key.json", ISMS_EPARSE, 10, 5, "$.catalog.contols: unknown key, did you "
      "mean \"controls\"?" },
    { "uuid-missing.json", ISMS_EPARSE, 2, 14, "$.catalog: missing key \"uuid\"" },
    { "uuid-number.json", ISMS_EPARSE, 3, 13, "$.catalog.uuid: expected a string, found an "
      "integer" },
    { "uuid-form.json", ISMS_EPARSE, 3, 13, "$.catalog.uuid: \"3c2f5a8e-6b1d-1f7a-9e2c-"
      "1d4b7a9c0e5f\" is not a UUID of version 4 or 5" },
    { "metadata-missing.json", ISMS_EPARSE, 2, 14, "$.catalog: missing key \"metadata\"" },
    { "metadata-unknown-key.json", ISMS_EPARSE, 9, 7, "$.catalog.metadata.lastModified: "
      "unknown key, did you mean \"last-modified\"?" },
    { "title-missing.json", ISMS_EPARSE, 4, 17, "$.catalog.metadata: missing key \"title\"" },
    { "title-blank.json", ISMS_EPARSE, 5, 16, "$.catalog.metadata.title: the catalog's title "
      "must not be blank" },
    { "title-number.json", ISMS_EPARSE, 5, 16, "$.catalog.metadata.title: expected a string, "
      "found an integer" },
    { "modified-missing.json", ISMS_EPARSE, 4, 17, "$.catalog.metadata: missing key "
      "\"last-modified\"" },
    { "modified-form.json", ISMS_EPARSE, 6, 24, "$.catalog.metadata[\"last-modified\"]: "
      "\"2024-05-02\" is not a date and time with a time zone" },
    { "modified-feb29.json", ISMS_EPARSE, 6, 24, "$.catalog.metadata[\"last-modified\"]: "
      "\"2023-02-29T08:00:00Z\" is not a date and time with a time zone" },
    { "version-missing.json", ISMS_EPARSE, 4, 17, "$.catalog.metadata: missing key "
      "\"version\"" },
    { "version-spaces.json", ISMS_EPARSE, 7, 18, "$.catalog.metadata.version: \" 2024.1\" must "
      "not begin or end with white space" },
    { "oscal-version-missing.json", ISMS_EPARSE, 4, 17, "$.catalog.metadata: missing key "
      "\"oscal-version\"" },
    { "groups-object.json", ISMS_EPARSE, 10, 15, "$.catalog.groups: expected an array, found an "
      "object" },
    { "groups-empty.json", ISMS_EPARSE, 10, 15, "$.catalog.groups: expected at least one group; "
      "leave the key out when there is none" },
    { "group-title-missing.json", ISMS_EPARSE, 11, 7, "$.catalog.groups[0]: missing key "
      "\"title\"" },
    { "group-unknown-key.json", ISMS_EPARSE, 14, 9, "$.catalog.groups[0].contols: unknown key, "
      "did you mean \"controls\"?" },
    { "group-id-number.json", ISMS_EPARSE, 11, 14, "$.catalog.groups[0].id: expected a string, "
      "found an integer" },
    { "group-id-token.json", ISMS_EPARSE, 11, 14, "$.catalog.groups[0].id: \"7styr\" is not an "
      "OSCAL id (a letter or \"_\", then letters, digits, \".\", \"-\" or \"_\"): it starts "
      "with \"7\"" },
    { "control-id-missing.json", ISMS_EPARSE, 12, 7, "$.catalog.controls[1]: missing key "
      "\"id\"" },
    { "control-id-space.json", ISMS_EPARSE, 11, 14, "$.catalog.controls[0].id: \"k 1\" is not "
      "an OSCAL id" },
    { "control-title-missing.json", ISMS_EPARSE, 11, 7, "$.catalog.controls[0]: missing key "
      "\"title\"" },
    { "control-in-control-group.json", ISMS_EPARSE, 14, 9, "$.catalog.controls[0].groups: a "
      "control holds no groups, only controls (its enhancements)" },
    { "controls-string.json", ISMS_EPARSE, 11, 45, "$.catalog.groups[0].controls: expected an "
      "array, found a string" },
    { "props-object.json", ISMS_EPARSE, 11, 46, "$.catalog.controls[0].props: expected an "
      "array, found an object" },
    { "prop-value-number.json", ISMS_EPARSE, 15, 38, "$.catalog.controls[0].props[0].value: "
      "expected a string, found an integer" },
    { "prop-unknown-key.json", ISMS_EPARSE, 14, 37, "$.catalog.controls[0].props[0].vlaue: "
      "unknown key, did you mean \"value\"?" },
    { "label-spaces.json", ISMS_EPARSE, 14, 46, "$.catalog.controls[0].props[0].value: the "
      "label \"K.1 \" must not begin or end with white space" },
    { "duplicate-id.json", ISMS_EEXIST, 22, 18, "$.catalog.groups[1].controls[0].id: the id "
      "\"K-1\" is also the id of the control at $.catalog.groups[0].controls[0] (\"k-1\"); ids "
      "must be unique (ASCII case does not count)" },
    { "prop-class-number.json", ISMS_EPARSE, 14, 119, "$.catalog.controls[0].props[1].class: "
      "expected a string, found an integer" },
};
#define N_BROKEN (sizeof broken / sizeof broken[0])
/* The files of tests/data/oscal-read/ that are not broken. */
#define N_OK 4

static void load_broken(const broken_case *b, int *rc, isms_catalog **c)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", DATA_DIR, b->file);
    *rc = isms_catalog_load_oscal(c, path);
}

static void check_broken(const broken_case *b, int rc, const isms_catalog *c)
{
    const isms_error *e = isms_error_last();
    char path[512];
    snprintf(path, sizeof path, "%s%s", DATA_DIR, b->file);
    if (rc != b->code || e->code != b->code || e->line != b->line || e->column != b->column ||
        strncmp(e->message, b->message, strlen(b->message)) != 0 || !e->source ||
        strcmp(e->source, path) != 0 || c != (isms_catalog *)(uintptr_t)1)
        fail_msg("%s: expected %d at %u:%u \"%s…\"\n     got %d at %u:%u \"%s\"", b->file,
                 b->code, b->line, b->column, b->message, rc, e->line, e->column, e->message);
}

static void test_broken(void **state)
{
    (void)state;
    assert_int_equal(count_dir(DATA_DIR), N_BROKEN + N_OK); /* every file is checked */
    for (size_t i = 0; i < N_BROKEN; i++) {
        isms_catalog *c = (isms_catalog *)(uintptr_t)1;
        int rc;
        load_broken(&broken[i], &rc, &c);
        check_broken(&broken[i], rc, c);
    }
}

/* Each broken input with the n-th allocation failing, n = 1, 2, ...: out of memory, or its
 * own error at its own place (jansson may run out of memory on the very token at fault and
 * report an error there); nothing returned, nothing leaked. huge-title.json is the case of
 * jansson's failed assertion: its long title ends on a tab, which the reader now refuses
 * before jansson reads it (see test_control_characters). */
static void test_broken_alloc_failure(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_BROKEN; i++) {
        for (long n = 1;; n++) {
            isms_catalog *c = (isms_catalog *)(uintptr_t)1;
            int rc;
            isms__alloc_fail_at(n);
            load_broken(&broken[i], &rc, &c);
            bool injected = isms__alloc_failed();
            isms__alloc_fail_at(0);
            if (!injected) {
                check_broken(&broken[i], rc, c);
                break;
            }
            if (rc != ISMS_ENOMEM) {
                const isms_error *e = isms_error_last();
                size_t path_len = strcspn(broken[i].message, ":");
                if (rc != broken[i].code || e->line != broken[i].line ||
                    e->column != broken[i].column ||
                    strncmp(e->message, broken[i].message, path_len + 1) != 0)
                    fail_msg("%s, allocation %ld: %d %u:%u %s", broken[i].file, n, rc, e->line,
                             e->column, e->message);
            }
            assert_ptr_equal(c, (isms_catalog *)(uintptr_t)1);
            assert_true(n < 100000);
        }
    }
}

/* ---- control characters and long tokens (lib/io/json-read.c) ------------------------------ */

/* Like assert_parse_error(), for a text of `len` bytes (it may hold a NUL). */
static void check_parse_error_len(const char *text, size_t len, unsigned line, unsigned column,
                                  const char *message)
{
    isms_catalog *c = (isms_catalog *)(uintptr_t)1;
    int rc = isms_catalog_parse_oscal(&c, text, len, "test.json");
    const isms_error *e = isms_error_last();
    if (rc != ISMS_EPARSE || e->line != line || e->column != column ||
        strcmp(e->message, message) != 0 || c != (isms_catalog *)(uintptr_t)1)
        fail_msg("expected %u:%u \"%s\"\n      got %d at %u:%u \"%s\"", line, column, message,
                 rc, e->line, e->column, e->message);
}

/* A raw control character inside a string is refused at its own line and column, saying how
 * to write it, when jansson would read that far; an error before it keeps jansson's text. */
static void test_control_characters(void **state)
{
    (void)state;
    /*          1234567890123456 */
    assert_parse_error("{\"catalog\": \"a\tb\"}", ISMS_EPARSE, 1, 15,
                       "$.catalog: a control character (U+0009, a tab) inside a string; "
                       "write it as \\t");
    assert_parse_error("{\n \"catalog\": \"ab\ncd\"}", ISMS_EPARSE, 2, 16,
                       "$.catalog: a control character (U+000A, a line break) inside a string; "
                       "write it as \\n");
    assert_parse_error("{\"catalog\": \"a\r\nb\"}", ISMS_EPARSE, 1, 15,
                       "$.catalog: a control character (U+000D, a carriage return) inside a "
                       "string; write it as \\r");
    assert_parse_error("{\"catalog\": \"\x1b[0m\"}", ISMS_EPARSE, 1, 14,
                       "$.catalog: a control character (U+001B) inside a string; write it as "
                       "\\u001b");
    assert_parse_error("{\"catalog\": \"\x08\x0c\"}", ISMS_EPARSE, 1, 14,
                       "$.catalog: a control character (U+0008, a backspace) inside a string; "
                       "write it as \\b");
    static const char nul[] = "{\"catalog\": \"a\0b\"}";
    check_parse_error_len(nul, sizeof nul - 1, 1, 15, "$.catalog: a control character "
                          "(U+0000, a null character) inside a string; remove it (a string "
                          "cannot hold it)");
    /* In a key: the path shows the key as far as it goes, the character as "?". */
    assert_parse_error("{\"cat\talog\": {}}", ISMS_EPARSE, 1, 6,
                       "$[\"cat?alog\"]: a control character (U+0009, a tab) inside a string; "
                       "write it as \\t");
    /* Characters count, not bytes; the path is the one the title has. */
    const char *title = "{\"catalog\": {\"uuid\": \"" UUID "\", \"metadata\": {\"title\": "
                        "\"Styrning för år\t2024\"}}}";
    assert_parse_error(title, ISMS_EPARSE, 1, col_of(title, "\t2024"),
                       "$.catalog.metadata.title: a control character (U+0009, a tab) inside "
                       "a string; write it as \\t");
    assert_int_equal(col_of(title, "\t2024"), 100);
    /* A string where a colon should be is still read whole by jansson: the character. */
    assert_parse_error("{\"catalog\" \"a\tb\"}", ISMS_EPARSE, 1, 14,
                       "$.catalog: a control character (U+0009, a tab) inside a string; "
                       "write it as \\t");
    /* An error before the string: jansson's, as before. */
    assert_parse_error("{\"catalog\" 1, \"x\": \"a\tb\"}", ISMS_EPARSE, 1, 12,
                       "$.catalog: syntax error: ':' expected near '1'");
    assert_parse_error("{\"catalog\": tru, \"x\": \"a\tb\"}", ISMS_EPARSE, 1, 13,
                       "$.catalog: syntax error: invalid token near 'tru'");
    /* An escape that jansson stops at, before the character in the same string. */
    assert_parse_error("{\"catalog\": \"\\x\tb\"}", ISMS_EPARSE, 1, 13,
                       "$.catalog: syntax error: invalid escape near '\"\\x'");
    assert_parse_error("{\"catalog\": \"\\u00\tb\"}", ISMS_EPARSE, 1, 13,
                       "$.catalog: syntax error: invalid escape near '\"\\u00\t'");
    /* Escaped, all of them are fine. */
    const char *escaped = CAT(", \"controls\": [{\"id\": \"c\", \"title\": "
                              "\"a\\tb\\nc\\u001bd\\re\\bf\\fg\"}]");
    isms_catalog *c = parse_ok(escaped);
    assert_string_equal(isms_item_title(isms_catalog_at(c, 0)), "a\tb\nc\x1b" "d\re\bf\fg");
    isms_catalog_free(c);
    /* The document loader shares the reader: a tab in a document's string. */
    const char *doc_text = "{\"format\": \"libisms/1\", \"organisation\": \"Exempelstad\", "
                           "\"year\": 2024, \"unit\": \"Soc\tial\"}";
    isms_document *doc = (isms_document *)(uintptr_t)1;
    assert_int_equal(isms_document_parse(&doc, doc_text, strlen(doc_text), "doc.json", NULL),
                     ISMS_EPARSE);
    assert_ptr_equal(doc, (isms_document *)(uintptr_t)1);
    assert_string_equal(isms_error_last()->message, "$.unit: a control character (U+0009, a "
                        "tab) inside a string; write it as \\t");
    assert_int_equal(isms_error_last()->line, 1);
    assert_int_equal(isms_error_last()->column, 82);
    assert_int_equal(isms_error_last()->column, col_of(doc_text, "\tial"));
    assert_string_equal(isms_error_last()->source, "doc.json");
}

/*
 * isms__jr_open() of `text` without and then with the n-th allocation failing, n = 1, 2, ...
 * (jansson's allocations included): each run gives out of memory or `want`, the tree as
 * compact JSON or the error as "line:column message"; the last one, without a failure, `want`.
 */
static void check_open(const char *text, const char *want)
{
    for (long n = 0;; n++) {
        isms__alloc_fail_at(n);
        isms__jr r;
        json_t *root = (json_t *)(uintptr_t)1;
        int rc = isms__jr_open(&r, &root, text, strlen(text), "t.json", 1 << 20, 32, "the text");
        bool injected = isms__alloc_failed();
        isms__alloc_fail_at(0);
        char got[512];
        if (rc == ISMS_OK) {
            char *dump = json_dumps(root, JSON_ENCODE_ANY | JSON_COMPACT);
            assert_non_null(dump);
            snprintf(got, sizeof got, "%s", dump);
            isms__free(dump);
            json_decref(root);
        } else {
            assert_null(root);
            if (injected && rc == ISMS_ENOMEM)
                continue;
            const isms_error *e = isms_error_last();
            snprintf(got, sizeof got, "%u:%u %s", e->line, e->column, e->message);
        }
        if (strcmp(got, want) != 0)
            fail_msg("%s, allocation %ld:\n expected %s\n      got %s", text, n, want, got);
        if (n > 0 && !injected)
            break;
        assert_true(n < 10000);
    }
}

/*
 * Numbers and words of 15 bytes and more, longer than every token before them: jansson 2.14
 * grows its token buffer inside them, and when that fails it loses a byte and fails an
 * assertion (the program aborts). The reader makes jansson read a padded copy then: the same
 * tree, the same errors at the same places, and out of memory where allocation fails. Also
 * errors that jansson raises for want of memory about a string right before a fault.
 */
static void test_long_tokens(void **state)
{
    (void)state;
    /* The root an array, an object, neither; before any string, or after short ones. */
    check_open("[123456789012345]", "[123456789012345]");
    check_open("[-12345678901234, 1]", "[-12345678901234,1]");
    check_open("{\"a\": 0.30000000000000004}", "{\"a\":0.30000000000000004}");
    check_open("{\"seed\": 9223372036854775807, \"b\": [1, -1234567890123456]}",
               "{\"seed\":9223372036854775807,\"b\":[1,-1234567890123456]}");
    check_open("{\"a\": {}, \"b\": 123456789012345678}", "{\"a\":{},\"b\":123456789012345678}");
    check_open("[[], {}, 1.234567890123e5]", "[[],{},123456.7890123]");
    check_open(" 123456789012345678 ", "123456789012345678");
    check_open("-123456789012345678", "-123456789012345678");
    /* A string as long as the number before it: jansson's buffer is large enough. */
    check_open("{\"aaaaaaaaaaaaaaaaaa\": 123456789012345678}",
               "{\"aaaaaaaaaaaaaaaaaa\":123456789012345678}");
    /* Errors: jansson's text; a token longer than 20 bytes is not quoted, and the column
     * is still that of its start. */
    check_open("[nullllllllllllllll]",
               "1:2 $[0]: syntax error: invalid token near 'nullllllllllllllll'");
    check_open("{\"a\": nulllllllllllllllllllllllll}", "1:7 $.a: syntax error: invalid token");
    check_open("[99999999999999999999]",
               "1:2 $[0]: syntax error: too big integer near '99999999999999999999'");
    check_open("{\"key\": 12345678901234567890123}", "1:9 $.key: syntax error: too big integer");
    check_open("[1e400000000000000]",
               "1:2 $[0]: syntax error: real number overflow near '1e400000000000000'");
    check_open("[1.5e+xxxxxxxxxxxxxxxxx]", "1:2 $[0]: syntax error: invalid token near '1.5e+'");
    check_open("{\"a\" 123456789012345678}",
               "1:6 $.a: syntax error: ':' expected near '123456789012345678'");
    check_open("{\"a\": 1, \"a\": 123456789012345678}", "1:10 $: the key \"a\" is given twice");
    check_open("{\"a\": 1} 123456789012345678",
               "1:10 $: syntax error: end of file expected near '123456789012345678'");
    /* Right after the opening bracket, and brackets that do not match. */
    check_open("{x 123456789012345678}", "1:2 $: syntax error: string or '}' expected near 'x'");
    check_open("{] 123456789012345678", "1:2 $: syntax error: string or '}' expected near ']'");
    check_open("[} 123456789012345678", "1:2 $[0]: syntax error: unexpected token near '}'");
    /* After a root that is neither an array nor an object. */
    check_open("  \"x\" 1234567890123456789",
               "1:7 $: syntax error: end of file expected near '1234567890123456789'");
    check_open("123456789012345678 x", "1:20 $: syntax error: end of file expected near 'x'");
    check_open("123456789012345678 ]", "1:20 $: syntax error: end of file expected near ']'");
    check_open("123456789012345678,", "1:19 $: syntax error: end of file expected near ','");
    check_open("123456789012345678 {",
               "1:20 $: syntax error: end of file expected near '{'");
    check_open("123456789012345678 \"abc",
               "1:20 $: syntax error: premature end of input near '\"abc'");
    check_open("nullllllllllllllll",
               "1:1 $: syntax error: invalid token near 'nullllllllllllllll'");
    check_open("x 123456789012345678", "1:1 $: syntax error: invalid token near 'x'");
    /* jansson reports a string it could not keep as an error about it: right before the
     * text's fault, that is out of memory too, not an error at the string. */
    check_open("{\"catalog\"1}", "1:11 $.catalog: syntax error: ':' expected near '1'");
    check_open("[\"abc\"1]", "1:7 $[0]: syntax error: ']' expected near '1'");
    check_open("[0.]", "1:2 $[0]: syntax error: invalid token near '0.'");
}

/* ---- arguments and files ------------------------------------------------------------------- */

static void test_arguments(void **state)
{
    (void)state;
    isms_catalog *c = (isms_catalog *)(uintptr_t)1;
    assert_int_equal(isms_catalog_parse_oscal(NULL, "{}", 2, NULL), ISMS_EINVAL);
    assert_int_equal(isms_catalog_parse_oscal(&c, NULL, 2, NULL), ISMS_EINVAL);
    assert_int_equal(isms_catalog_parse_oscal(&c, NULL, 0, NULL), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "$: the catalog is empty");
    assert_string_equal(isms_error_last()->source, "<memory>");
    assert_int_equal(isms_catalog_load_oscal(NULL, DATA_DIR "ok-small.json"), ISMS_EINVAL);
    assert_int_equal(isms_catalog_load_oscal(&c, NULL), ISMS_EINVAL);
    assert_int_equal(isms_catalog_load_oscal(&c, DATA_DIR "no-such-file.json"), ISMS_EIO);
    assert_error(ISMS_EIO, "no-such-file.json");
    assert_int_equal(isms_catalog_load_oscal(&c, DATA_DIR), ISMS_EIO);
    /* "-" is a file name here, not standard input. */
    assert_int_equal(isms_catalog_load_oscal(&c, "-"), ISMS_EIO);
    assert_ptr_equal(c, (isms_catalog *)(uintptr_t)1);
    /* The text need not end with a NUL: only `len` bytes are read. */
    const char *text = CAT(", \"controls\": [{\"id\": \"c\", \"title\": \"C\"}]") "garbage";
    c = NULL;
    assert_int_equal(isms_catalog_parse_oscal(&c, text, strlen(text) - 7, NULL), ISMS_OK);
    isms_catalog_free(c);
    isms_catalog_free(NULL);
}

/* The reader of an element of a document's "catalogs": errors name the path below it. */
static void test_read_catalog_internal(void **state)
{
    (void)state;
    const char *text = "{\"catalogs\": [{\"uuid\": \"" UUID "\", " META ", \"controls\": "
                       "[{\"id\": \"c 1\", \"title\": \"\"}]}]}";
    isms__jr r;
    json_t *root = NULL;
    assert_int_equal(isms__jr_open(&r, &root, text, strlen(text), "doc.json", 1 << 20, 32,
                                   "the document"), ISMS_OK);
    isms__jr_push_key(&r, "catalogs");
    isms__jr_push_index(&r, 0);
    isms_catalog *c = (isms_catalog *)(uintptr_t)1;
    json_t *cat = json_array_get(json_object_get(root, "catalogs"), 0);
    assert_int_equal(isms__oscal_read_catalog(&r, cat, &c), ISMS_EPARSE);
    assert_ptr_equal(c, (isms_catalog *)(uintptr_t)1);
    assert_error(ISMS_EPARSE, "$.catalogs[0].controls[0].id: \"c 1\" is not an OSCAL id");
    assert_int_equal(isms_error_last()->column, col_of(text, "\"c 1\""));
    assert_string_equal(isms_error_last()->source, "doc.json");
    json_decref(root);
}

/* ---- an assessment against an imported catalog -------------------------------------------- */

static void test_assessment(void **state)
{
    (void)state;
    isms_catalog *c = NULL;
    assert_int_equal(isms_catalog_load_oscal(&c, DATA_DIR "ok-small.json"), ISMS_OK);
    isms_assessment *as = NULL;
    assert_int_equal(isms_assessment_new_catalog(&as, c, 2024, ISMS_SCOPE_ANNEX_A), ISMS_OK);
    /* The assessment holds its own reference: the caller's may go first. */
    const isms_item *policy = isms_catalog_at(c, 1);
    isms_catalog_free(c);
    assert_int_equal(isms_assessment_add_all(as), ISMS_OK);
    assert_int_equal(isms_assessment_count(as), 2);
    assert_string_equal(isms_entry_ref(isms_assessment_at(as, 0)), "S.1");
    assert_string_equal(isms_entry_ref(isms_assessment_at(as, 1)), "styr-2");
    /* Found by label and by OSCAL id, in any ASCII case. */
    isms_entry *e = isms_assessment_find(as, "s.1");
    assert_non_null(e);
    assert_ptr_equal(isms_entry_item(e), policy);
    assert_ptr_equal(isms_assessment_find(as, "STYR-1"), e);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_YES), ISMS_OK);
    assert_null(isms_assessment_find(as, "styr"));
    isms_assessment_free(as);
}

/* A number at the very end of a text that is not NUL-terminated, long enough for the padded
 * parse (15 bytes or more) and cut before its fraction: the reader once looked at the byte
 * after the text. The buffer is exactly the 16 bytes, so that ASan and valgrind see a read
 * past it. */
static void test_long_number_at_end(void **state)
{
    (void)state;
    static const char text[] = "444444444444444.";
    char *buf = malloc(16);
    assert_non_null(buf);
    memcpy(buf, text, 16);
    isms_catalog *c = (isms_catalog *)(uintptr_t)1;
    assert_int_equal(isms_catalog_parse_oscal(&c, buf, 16, "test.json"), ISMS_EPARSE);
    assert_ptr_equal(c, (isms_catalog *)(uintptr_t)1);
    const isms_error *e = isms_error_last();
    assert_string_equal(e->message, "$: syntax error: invalid token near '444444444444444.'");
    assert_int_equal(e->line, 1);
    assert_int_equal(e->column, 1);
    /* The same cut short inside an array, and after a complete number. */
    memcpy(buf, "[44444444444444.", 16);
    assert_int_equal(isms_catalog_parse_oscal(&c, buf, 16, "test.json"), ISMS_EPARSE);
    memcpy(buf, "444444444444444,", 16);
    assert_int_equal(isms_catalog_parse_oscal(&c, buf, 16, "test.json"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "end of file expected near ','");
    memcpy(buf, "4444444444444444", 16);
    assert_int_equal(isms_catalog_parse_oscal(&c, buf, 16, "test.json"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "$: expected an object, found an integer");
    assert_ptr_equal(c, (isms_catalog *)(uintptr_t)1);
    free(buf);
}

/* \u0000 in a string: jansson's words about its flags become ours, at the escape. */
static void test_nul_escape(void **state)
{
    (void)state;
    const char *t = CAT(", \"controls\": [{\"id\": \"a\", \"title\": \"x\\u0000y\"}]");
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "\\u0000"),
                       "$.catalog.controls[0].title: \\u0000 (a null character) inside a "
                       "string: a string cannot hold it");
    t = "{\"catalog\": {\"a\\u0000\": 1}}";
    assert_parse_error(t, ISMS_EPARSE, 1, col_of(t, "\\u0000"),
                       "$.catalog[\"a\\u0000\"]: \\u0000 (a null character) inside a key: a key "
                       "cannot hold it");
}

/* ---- round trips through the writer ---------------------------------------------------------- */

/* Writes `c` as OSCAL and reads it back: the same items, ids, OSCAL ids (for an imported
 * catalog), titles and tree, in the same order. */
static void check_round_trip(const isms_catalog *c)
{
    char *text = NULL;
    size_t len = 0;
    int rc = isms_catalog_write_oscal(&text, &len, c);
    if (rc != ISMS_OK)
        fail_msg("isms_catalog_write_oscal: %d %s", rc, isms_error_last()->message);
    isms_catalog *back = NULL;
    rc = isms_catalog_parse_oscal(&back, text, len, "written.json");
    if (rc != ISMS_OK)
        fail_msg("%s: the written catalog does not read: %u:%u %s", isms_catalog_title(c),
                 isms_error_last()->line, isms_error_last()->column, isms_error_last()->message);
    bool imported = isms_catalog_edition(c) == ISMS_EDITION_IMPORTED;
    assert_string_equal(isms_catalog_title(back), isms_catalog_title(c));
    assert_string_equal(isms_catalog_uuid(back), isms_catalog_uuid(c));
    assert_int_equal(isms_catalog_count(back), isms_catalog_count(c));
    assert_int_equal(isms_catalog_root_count(back), isms_catalog_root_count(c));
    for (size_t i = 0; i < isms_catalog_count(c); i++) {
        const isms_item *a = isms_catalog_at(c, i), *b = isms_catalog_at(back, i);
        assert_string_equal(isms_item_id(b), isms_item_id(a));
        assert_string_equal(isms_item_title(b), isms_item_title(a));
        assert_string_equal(isms_item_oscal_id(b), isms_item_oscal_id(a));
        assert_int_equal(isms_item_assessable(b), isms_item_assessable(a));
        if (imported) {
            assert_int_equal(isms_item_kind_of(b), isms_item_kind_of(a));
            const char *la = isms__item_label(a), *lb = isms__item_label(b);
            assert_true((la == NULL) == (lb == NULL));
            if (la)
                assert_string_equal(lb, la);
        }
        const isms_item *pa = isms_item_parent(a), *pb = isms_item_parent(b);
        assert_string_equal(isms_item_id(pb), isms_item_id(pa));
    }
    if (!imported)
        assert_int_equal(isms_catalog_requirement_count(back, ISMS_SCOPE_ANNEX_A),
                         isms_catalog_requirement_count(c, ISMS_SCOPE_BOTH));
    isms_catalog_free(back);
    isms_free(text);
}

static void test_round_trip_builtin(void **state)
{
    (void)state;
    static const isms_edition editions[] = { ISMS_EDITION_2013, ISMS_EDITION_2022,
                                             ISMS_EDITION_2022_AMD1 };
    for (size_t i = 0; i < sizeof editions / sizeof *editions; i++)
        check_round_trip(isms_catalog_get(editions[i]));
}

static void test_round_trip_imported(void **state)
{
    (void)state;
    isms_catalog *c = NULL;
    assert_int_equal(isms_catalog_load_oscal(&c, DATA_DIR "ok-small.json"), ISMS_OK);
    check_round_trip(c);
    isms_catalog_free(c);
    c = parse_ok(CAT(", \"controls\": [{\"id\": \"c\", \"title\": \"Först *C*\", \"controls\": "
                     "[{\"id\": \"c.1\", \"title\": \"\"}]}], \"groups\": [{\"title\": \"A\", "
                     "\"groups\": [{\"title\": \"B\", \"props\": [{\"name\": \"label\", "
                     "\"value\": \"B 1\"}]}]}]"));
    check_round_trip(c);
    isms_catalog_free(c);
    /* Shared labels come back shared: the same ids. */
    assert_int_equal(isms_catalog_load_oscal(&c, DATA_DIR "ok-shared-label.json"), ISMS_OK);
    check_round_trip(c);
    isms_catalog_free(c);
    if (have_example()) {
        assert_int_equal(isms_catalog_load_oscal(&c, EXAMPLE), ISMS_OK);
        check_round_trip(c);
        isms_catalog_free(c);
    }
}

/* ---- allocation failure ------------------------------------------------------------------ */

static void test_alloc_failure(void **state)
{
    (void)state;
    /* Groups without ids (the list of names taken), labels, nesting. */
    const char *text = CAT(", \"groups\": [{\"title\": \"A\", \"props\": [{\"name\": \"label\", "
                           "\"value\": \"group-1\"}], \"controls\": [{\"id\": \"group-2\", "
                           "\"title\": \"C\", \"controls\": [{\"id\": \"d\", \"title\": \"D\"}]}]"
                           "}, {\"title\": \"B\", \"groups\": [{\"id\": \"group-4\", \"title\": "
                           "\"E\"}, {\"title\": \"F\", \"props\": [{\"name\": \"label\", "
                           "\"value\": \"F  1\"}]}]}]");
    isms_catalog *c = (isms_catalog *)(uintptr_t)1;
    SWEEP(isms_catalog_parse_oscal(&c, text, strlen(text), NULL),
          assert_ptr_equal(c, (isms_catalog *)(uintptr_t)1));
    assert_tree(c, "g group-1=group-3(c group-2(c d)); g group-5(g group-4, g F 1=group-6)");
    isms_catalog_free(c);
    /* Shared labels (the first pass's list). */
    const char *shared = CAT(", \"controls\": [{\"id\": \"a\", \"title\": \"\", \"props\": ["
                             "{\"name\": \"label\", \"value\": \"1\"}]}, {\"id\": \"b\", "
                             "\"title\": \"\", \"props\": [{\"name\": \"label\", \"value\": "
                             "\"1\"}]}, {\"id\": \"c\", \"title\": \"\", \"props\": [{\"name\": "
                             "\"label\", \"value\": \"A\"}]}]");
    c = (isms_catalog *)(uintptr_t)1;
    SWEEP(isms_catalog_parse_oscal(&c, shared, strlen(shared), NULL),
          assert_ptr_equal(c, (isms_catalog *)(uintptr_t)1));
    assert_tree(c, "c a [1]; c b [1]; c c [A]"); /* "A" is the OSCAL id of a */
    isms_catalog_free(c);
    c = (isms_catalog *)(uintptr_t)1;
    SWEEP(isms_catalog_load_oscal(&c, DATA_DIR "ok-small.json"),
          assert_ptr_equal(c, (isms_catalog *)(uintptr_t)1));
    check_small(c);
    isms_catalog_free(c);
    /* A duplicate found: the search for the first place allocates nothing it keeps. */
    const char *dup = CAT(", \"controls\": [{\"id\": \"a\", \"title\": \"A\"}, "
                          "{\"id\": \"A\", \"title\": \"B\"}]");
    for (long n = 1;; n++) {
        c = (isms_catalog *)(uintptr_t)1;
        isms__alloc_fail_at(n);
        int rc = isms_catalog_parse_oscal(&c, dup, strlen(dup), NULL);
        bool injected = isms__alloc_failed();
        isms__alloc_fail_at(0);
        assert_ptr_equal(c, (isms_catalog *)(uintptr_t)1);
        if (!injected) {
            assert_int_equal(rc, ISMS_EEXIST);
            break;
        }
        assert_true(rc == ISMS_ENOMEM || rc == ISMS_EEXIST);
        assert_true(n < 100000);
    }
    if (have_example()) {
        size_t len;
        char *raw = slurp(EXAMPLE, &len);
        c = (isms_catalog *)(uintptr_t)1;
        SWEEP(isms_catalog_parse_oscal(&c, raw, len, NULL),
              assert_ptr_equal(c, (isms_catalog *)(uintptr_t)1));
        check_example(c);
        isms_catalog_free(c);
        free(raw);
    }
}

int main(void)
{
    /* The library never changes jansson's allocator (global state); this program does. */
    json_set_alloc_funcs(json_alloc, isms__free);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_official_example),
        cmocka_unit_test(test_small_files),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_shared_labels),
        cmocka_unit_test(test_prop_types),
        cmocka_unit_test(test_long_number_at_end),
        cmocka_unit_test(test_nul_escape),
        cmocka_unit_test(test_generated_group_ids),
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_titles),
        cmocka_unit_test(test_metadata_rules),
        cmocka_unit_test(test_item_rules),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_broken),
        cmocka_unit_test(test_broken_alloc_failure),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_long_tokens),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_read_catalog_internal),
        cmocka_unit_test(test_assessment),
        cmocka_unit_test(test_round_trip_builtin),
        cmocka_unit_test(test_round_trip_imported),
        cmocka_unit_test(test_alloc_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
