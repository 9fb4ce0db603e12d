/* Unit tests of imported catalogs: the builder the OSCAL importer uses (built here directly),
 * every public accessor on an imported catalog, look-up, the builder's errors and limits,
 * reference counting, assessments held against an imported catalog, and the new metadata of
 * the built-in catalogs (title, version, UUID, OSCAL ids). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "catalog/catalog-internal.h"
#include "test-util.h"

#define NONE SIZE_MAX

/* ---- the sample catalog ------------------------------------------------------------------
 *
 *  0 group   ac      AC       Access Control            top-level group 1
 *  1 control ac-1    AC-1     Policy and Procedures
 *  2 control ac-2    AC-2     Account Management
 *  3 control ac-2.1  AC-2(1)  Automated Account Management   (enhancement)
 *  4 control ac-2.2  AC-2(2)  Temporary Accounts             (enhancement)
 *  5 group   ac-x    -        Extra                     nested group
 *  6 control ac-x-1  -        Extra One
 *  7 group   au      AU       Audit and Accountability  top-level group 2
 *  8 control au-1    AU-1     Audit Policy
 *  9 control au-1.1  AU-1(1)  ""                             (enhancement, no title)
 * 10 control top-1   T-1      Top-level control         a root that is a control
 * 11 control top-1.1 -        Enhancement of top
 */
typedef struct sample_item {
    size_t parent;
    isms_item_kind kind;
    const char *oscal_id;
    const char *label;
    const char *title;
} sample_item;

static const sample_item sample[] = {
    { NONE, ISMS_ITEM_GROUP, "ac", "AC", "Access Control" },
    { 0, ISMS_ITEM_CONTROL, "ac-1", "AC-1", "Policy and Procedures" },
    { 0, ISMS_ITEM_CONTROL, "ac-2", "AC-2", "Account Management" },
    { 2, ISMS_ITEM_CONTROL, "ac-2.1", "AC-2(1)", "Automated Account Management" },
    { 2, ISMS_ITEM_CONTROL, "ac-2.2", "AC-2(2)", "Temporary Accounts" },
    { 0, ISMS_ITEM_GROUP, "ac-x", NULL, "Extra" },
    { 5, ISMS_ITEM_CONTROL, "ac-x-1", NULL, "Extra One" },
    { NONE, ISMS_ITEM_GROUP, "au", "AU", "Audit and Accountability" },
    { 7, ISMS_ITEM_CONTROL, "au-1", "AU-1", "Audit Policy" },
    { 8, ISMS_ITEM_CONTROL, "au-1.1", "AU-1(1)", "" },
    { NONE, ISMS_ITEM_CONTROL, "top-1", "T-1", "Top-level control" },
    { 10, ISMS_ITEM_CONTROL, "top-1.1", NULL, "Enhancement of top" },
};
#define N_SAMPLE (sizeof sample / sizeof *sample)

#define SAMPLE_UUID "A1B2C3D4-0000-4000-8000-00000000000F"
#define SAMPLE_UUID_LOWER "a1b2c3d4-0000-4000-8000-00000000000f"

/* Builds the sample catalog under a title and UUID; any error is returned (nothing leaks). */
static int build_sample_as(isms_catalog **out, const char *title, const char *uuid)
{
    isms__catalog_builder *b;
    int rc = isms__catalog_builder_new(&b, title, "1.0", uuid, "2024-05-01T00:00:00Z");
    if (rc)
        return rc;
    for (size_t i = 0; i < N_SAMPLE; i++) {
        size_t index;
        const sample_item *s = &sample[i];
        rc = isms__catalog_builder_add(b, &index, s->parent, s->kind, s->oscal_id, s->label,
                                       s->title);
        if (rc) {
            isms__catalog_builder_free(b);
            return rc;
        }
        assert_int_equal(index, i);
    }
    return isms__catalog_builder_finish(b, out);
}

static int build_sample(isms_catalog **out)
{
    return build_sample_as(out, "Test Framework", SAMPLE_UUID);
}

static isms_catalog *sample_catalog(void)
{
    isms_catalog *c = NULL;
    assert_int_equal(build_sample(&c), ISMS_OK);
    assert_non_null(c);
    return c;
}

/* Number of references an imported catalog has. */
static size_t refs_of(const isms_catalog *c)
{
    return atomic_load(&isms__imported_cat(c)->refs);
}

static const isms_item *at(const isms_catalog *c, size_t i)
{
    const isms_item *it = isms_catalog_at(c, i);
    assert_non_null(it);
    return it;
}

/* Checks that `c` is exactly the sample catalog, every accessor by hand. */
static void check_sample(const isms_catalog *c)
{
    assert_int_equal(isms_catalog_edition(c), ISMS_EDITION_IMPORTED);
    assert_true(isms__catalog_imported(c));
    assert_string_equal(isms_catalog_title(c), "Test Framework");
    assert_string_equal(isms_catalog_version(c), "1.0");
    assert_string_equal(isms_catalog_uuid(c), SAMPLE_UUID_LOWER);
    assert_string_equal(isms__catalog_last_modified(c), "2024-05-01T00:00:00Z");
    assert_int_equal(isms_catalog_count(c), 12);
    assert_null(isms_catalog_at(c, 12));

    /* Items in document order: ids (label or OSCAL id), OSCAL ids, titles, kinds. */
    static const char *const ids[12] = { "AC", "AC-1", "AC-2", "AC-2(1)", "AC-2(2)", "ac-x",
                                         "ac-x-1", "AU", "AU-1", "AU-1(1)", "T-1", "top-1.1" };
    for (size_t i = 0; i < 12; i++) {
        const isms_item *it = at(c, i);
        assert_ptr_equal(isms_item_catalog(it), c);
        assert_string_equal(isms_item_id(it), ids[i]);
        assert_string_equal(isms_item_oscal_id(it), sample[i].oscal_id);
        assert_string_equal(isms_item_title(it), sample[i].title);
        assert_int_equal(isms_item_kind_of(it), sample[i].kind);
        assert_int_equal(isms_item_assessable(it), sample[i].kind == ISMS_ITEM_CONTROL);
        if (sample[i].label)
            assert_string_equal(isms__item_label(it), sample[i].label);
        else
            assert_null(isms__item_label(it));
        if (sample[i].parent == NONE)
            assert_null(isms_item_parent(it));
        else
            assert_ptr_equal(isms_item_parent(it), at(c, sample[i].parent));
        /* Nothing of ISO/IEC 27001 applies. */
        assert_int_equal(isms_item_chapter(it), 0);
        assert_int_equal(isms_item_theme(it), ISMS_THEME_NONE);
        isms_attributes attrs = { { 1, 1, 1, 1, 1 } };
        assert_false(isms_item_attributes(&attrs, it));
        for (int f = 0; f < ISMS_ATTR_FAMILIES; f++)
            assert_int_equal(attrs.bits[f], 0);
        assert_false(isms_item_is_new(it));
        assert_null(isms_item_amendment(it));
        isms_mapping edges[4];
        for (int ed = ISMS_EDITION_UNKNOWN; ed <= ISMS_EDITION_IMPORTED; ed++)
            assert_int_equal(isms_item_map(edges, 4, it, (isms_edition)ed), 0);
    }
    assert_string_equal(isms_item_title(at(c, 9)), ""); /* an empty title stays empty */

    /* Children. */
    static const struct {
        size_t item, n;
        size_t child[3];
    } kids[] = {
        { 0, 3, { 1, 2, 5 } }, { 1, 0, { 0 } }, { 2, 2, { 3, 4 } }, { 3, 0, { 0 } },
        { 4, 0, { 0 } },       { 5, 1, { 6 } }, { 6, 0, { 0 } },    { 7, 1, { 8 } },
        { 8, 1, { 9 } },       { 9, 0, { 0 } }, { 10, 1, { 11 } },  { 11, 0, { 0 } },
    };
    for (size_t k = 0; k < 12; k++) {
        const isms_item *it = at(c, kids[k].item);
        assert_int_equal(isms_item_child_count(it), kids[k].n);
        for (size_t j = 0; j < kids[k].n; j++)
            assert_ptr_equal(isms_item_child(it, j), at(c, kids[k].child[j]));
        assert_null(isms_item_child(it, kids[k].n));
    }

    /* Groups: the top-level group above, itself for one, NULL under a top-level control. */
    static const size_t group[12] = { 0, 0, 0, 0, 0, 0, 0, 7, 7, 7, NONE, NONE };
    for (size_t i = 0; i < 12; i++) {
        if (group[i] == NONE)
            assert_null(isms_item_group(at(c, i)));
        else
            assert_ptr_equal(isms_item_group(at(c, i)), at(c, group[i]));
    }

    /* Roots: the two top-level groups and the top-level control. */
    assert_int_equal(isms_catalog_root_count(c), 3);
    assert_ptr_equal(isms_catalog_root(c, 0), at(c, 0));
    assert_ptr_equal(isms_catalog_root(c, 1), at(c, 7));
    assert_ptr_equal(isms_catalog_root(c, 2), at(c, 10));
    assert_null(isms_catalog_root(c, 3));

    /* Requirements: every control for Annex A and both, none for clauses. */
    static const size_t reqs[9] = { 1, 2, 3, 4, 6, 8, 9, 10, 11 };
    assert_int_equal(isms_catalog_requirement_count(c, ISMS_SCOPE_CLAUSES), 0);
    assert_int_equal(isms_catalog_requirement_count(c, ISMS_SCOPE_ANNEX_A), 9);
    assert_int_equal(isms_catalog_requirement_count(c, ISMS_SCOPE_BOTH), 9);
    for (size_t i = 0; i < 9; i++) {
        assert_ptr_equal(isms_catalog_requirement(c, ISMS_SCOPE_ANNEX_A, i), at(c, reqs[i]));
        assert_ptr_equal(isms_catalog_requirement(c, ISMS_SCOPE_BOTH, i), at(c, reqs[i]));
    }
    assert_null(isms_catalog_requirement(c, ISMS_SCOPE_ANNEX_A, 9));
    assert_null(isms_catalog_requirement(c, ISMS_SCOPE_CLAUSES, 0));

    /* No attributes to filter by. */
    isms_attributes none = { { 0 } };
    const isms_item *list[4];
    assert_int_equal(isms_catalog_filter(list, 4, c, &none, ISMS_MATCH_ALL), 0);
    assert_int_equal(isms_catalog_filter(list, 4, c, &none, ISMS_MATCH_ANY), 0);
}

/* ---- building and reading ------------------------------------------------------------------ */

static void test_build_sample(void **state)
{
    (void)state;
    isms_catalog *c = sample_catalog();
    check_sample(c);
    assert_int_equal(refs_of(c), 1);
    isms_catalog_free(c);
}

static void test_find(void **state)
{
    (void)state;
    isms_catalog *c = sample_catalog();
    static const struct {
        const char *text;
        size_t item; /* NONE: not found */
    } cases[] = {
        { "AC-2(1)", 3 },       /* the label */
        { "ac-2(1)", 3 },       /* the label, other case */
        { "ac-2.1", 3 },        /* the OSCAL id */
        { "AC-2.1", 3 },        /* the OSCAL id, other case */
        { "  ac-2.1\t", 3 },    /* white space around */
        { "\xC2\xA0" "AC-1 ", 1 }, /* a no-break space */
        { "ac", 0 },            /* a group */
        { "AU", 7 },
        { "ac-x", 5 },          /* no label: the OSCAL id is the id */
        { "AC-X-1", 6 },
        { "t-1", 10 },
        { "top-1", 10 },
        { "TOP-1.1", 11 },
        { "au-1(1)", 9 },
        { "", NONE },
        { "   ", NONE },
        { "ac-3", NONE },
        { "ac-2 (1)", NONE },   /* inner white space matters */
        { "AC-2(1) Automated", NONE },
        { "A.5.1", NONE },      /* no ISO rules here */
        { "6.1.2", NONE },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        for (int scope = ISMS_SCOPE_CLAUSES; scope <= ISMS_SCOPE_BOTH; scope++) {
            const isms_item *found = isms_catalog_find(c, cases[i].text, (isms_scope)scope);
            if (cases[i].item == NONE) {
                if (found)
                    fail_msg("\"%s\" found %s", cases[i].text, isms_item_id(found));
            } else if (found != at(c, cases[i].item)) {
                fail_msg("\"%s\" (scope %d): %s", cases[i].text, scope,
                         found ? isms_item_id(found) : "nothing");
            }
        }
    }
    assert_null(isms_catalog_find(c, "ac-1", (isms_scope)0)); /* unknown scope: nothing */
    assert_null(isms_catalog_find(c, NULL, ISMS_SCOPE_BOTH));
    isms_catalog_free(c);
}

/* A catalog with no item at all is a catalog. */
static void test_empty_catalog(void **state)
{
    (void)state;
    isms__catalog_builder *b;
    assert_int_equal(isms__catalog_builder_new(&b, "Empty", "", SAMPLE_UUID, NULL), ISMS_OK);
    isms_catalog *c;
    assert_int_equal(isms__catalog_builder_finish(b, &c), ISMS_OK);
    assert_int_equal(isms_catalog_count(c), 0);
    assert_int_equal(isms_catalog_root_count(c), 0);
    assert_int_equal(isms_catalog_requirement_count(c, ISMS_SCOPE_BOTH), 0);
    assert_null(isms_catalog_find(c, "x", ISMS_SCOPE_BOTH));
    assert_string_equal(isms_catalog_version(c), "");
    assert_string_equal(isms__catalog_last_modified(c), "");
    isms_assessment *a;
    assert_int_equal(isms_assessment_new_catalog(&a, c, 2024, ISMS_SCOPE_BOTH), ISMS_OK);
    assert_int_equal(isms_assessment_add_all(a), ISMS_OK);
    assert_int_equal(isms_assessment_count(a), 0);
    isms_summary s;
    assert_int_equal(isms_assessment_summarise(&s, a, NULL), ISMS_OK);
    assert_int_equal(s.group_count, 0);
    assert_int_equal(s.total.total, 0);
    isms_assessment_free(a);
    isms_catalog_free(c);
}

static void test_builder_new_errors(void **state)
{
    (void)state;
    isms__catalog_builder *b = NULL; /* must stay untouched */
    assert_int_equal(isms__catalog_builder_new(&b, "", "1", SAMPLE_UUID, NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "title");
    assert_int_equal(isms__catalog_builder_new(&b, " \t", "1", SAMPLE_UUID, NULL), ISMS_EINVAL);
    assert_int_equal(isms__catalog_builder_new(&b, NULL, "1", SAMPLE_UUID, NULL), ISMS_EINVAL);
    assert_int_equal(isms__catalog_builder_new(&b, "T", NULL, SAMPLE_UUID, NULL), ISMS_EINVAL);
    assert_int_equal(isms__catalog_builder_new(&b, "T", "1", NULL, NULL), ISMS_EINVAL);
    assert_int_equal(isms__catalog_builder_new(NULL, "T", "1", SAMPLE_UUID, NULL), ISMS_EINVAL);
    assert_int_equal(isms__catalog_builder_new(&b, "T", "1", "not-a-uuid", NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "\"not-a-uuid\"");
    assert_int_equal(isms__catalog_builder_new(&b, "T", "1",
                                               "a1b2c3d4-0000-4000-8000-00000000000g", NULL),
                     ISMS_EINVAL);
    assert_int_equal(isms__catalog_builder_new(&b, "T", "1",
                                               "a1b2c3d4-0000-4000-8000-00000000000f0", NULL),
                     ISMS_EINVAL);
    assert_int_equal(isms__catalog_builder_new(&b, "T", "1",
                                               "a1b2c3d4x0000-4000-8000-00000000000f", NULL),
                     ISMS_EINVAL);
    assert_null(b);
    isms__catalog_builder_free(NULL);
}

/* Adds one item; returns the code. */
static int add(isms__catalog_builder *b, size_t *index, size_t parent, isms_item_kind kind,
               const char *oscal_id, const char *label)
{
    return isms__catalog_builder_add(b, index, parent, kind, oscal_id, label, "t");
}

static void test_builder_order(void **state)
{
    (void)state;
    isms__catalog_builder *b;
    size_t i = 99;
    assert_int_equal(isms__catalog_builder_new(&b, "T", "1", SAMPLE_UUID, NULL), ISMS_OK);
    /* The first item must be a root. */
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_GROUP, "g", NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "document order");
    assert_int_equal(add(b, &i, NONE, ISMS_ITEM_GROUP, "g", NULL), ISMS_OK);     /* 0 */
    assert_int_equal(i, 0);
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_CONTROL, "c1", NULL), ISMS_OK);     /* 1 */
    assert_int_equal(add(b, &i, 1, ISMS_ITEM_CONTROL, "c1.1", NULL), ISMS_OK);   /* 2 */
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_CONTROL, "c2", NULL), ISMS_OK);     /* 3 */
    assert_int_equal(i, 3);
    i = 99;
    /* c1 is closed now: c2 came after it. */
    assert_int_equal(add(b, &i, 1, ISMS_ITEM_CONTROL, "c1.2", NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "item 2");
    assert_int_equal(add(b, &i, 2, ISMS_ITEM_CONTROL, "c1.2", NULL), ISMS_EINVAL);
    /* Not yet there. */
    assert_int_equal(add(b, &i, 4, ISMS_ITEM_CONTROL, "x", NULL), ISMS_EINVAL);
    assert_int_equal(add(b, &i, 400, ISMS_ITEM_CONTROL, "x", NULL), ISMS_EINVAL);
    /* A group under a control. */
    assert_int_equal(add(b, &i, 3, ISMS_ITEM_GROUP, "g2", NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "group \"g2\" lies under the control \"c2\"");
    /* Kinds other than group and control, empty ids, NULL arguments. */
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_CLAUSE, "x", NULL), ISMS_EINVAL);
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_ANNEX, "x", NULL), ISMS_EINVAL);
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_CONTROL, "", NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "empty");
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_CONTROL, "  ", NULL), ISMS_EINVAL);
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_CONTROL, NULL, NULL), ISMS_EINVAL);
    assert_int_equal(add(b, NULL, 0, ISMS_ITEM_CONTROL, "x", NULL), ISMS_EINVAL);
    assert_int_equal(add(NULL, &i, 0, ISMS_ITEM_CONTROL, "x", NULL), ISMS_EINVAL);
    assert_int_equal(i, 99); /* no error wrote an index */
    /* The ancestor of the last item is still open: c2's parent g, and a new root. */
    assert_int_equal(add(b, &i, 3, ISMS_ITEM_CONTROL, "c2.1", NULL), ISMS_OK);   /* 4 */
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_GROUP, "g-sub", " "), ISMS_OK);     /* 5 */
    assert_int_equal(add(b, &i, NONE, ISMS_ITEM_CONTROL, "r", NULL), ISMS_OK);   /* 6 */
    /* A NULL title is an empty one; a blank label is none; ids are kept trimmed. */
    assert_int_equal(isms__catalog_builder_add(b, &i, 6, ISMS_ITEM_CONTROL, " r.1 ", " R 1 ",
                                               NULL),
                     ISMS_OK);                                                   /* 7 */
    isms_catalog *c;
    assert_int_equal(isms__catalog_builder_finish(b, &c), ISMS_OK);
    assert_int_equal(isms_catalog_count(c), 8);
    static const char *const ids[8] = { "g", "c1", "c1.1", "c2", "c2.1", "g-sub", "r", "R 1" };
    for (size_t k = 0; k < 8; k++)
        assert_string_equal(isms_item_id(at(c, k)), ids[k]);
    assert_null(isms__item_label(at(c, 5)));
    assert_string_equal(isms_item_oscal_id(at(c, 7)), "r.1");
    assert_string_equal(isms_item_title(at(c, 7)), "");
    assert_ptr_equal(isms_item_parent(at(c, 2)), at(c, 1));
    assert_ptr_equal(isms_item_parent(at(c, 4)), at(c, 3));
    assert_ptr_equal(isms_item_parent(at(c, 5)), at(c, 0));
    assert_int_equal(isms_item_child_count(at(c, 0)), 3);
    assert_ptr_equal(isms_catalog_find(c, "r 1", ISMS_SCOPE_BOTH), at(c, 7));
    assert_int_equal(isms__catalog_builder_finish(NULL, &c), ISMS_EINVAL);
    isms_catalog_free(c);
}

static void test_builder_duplicates(void **state)
{
    (void)state;
    isms__catalog_builder *b;
    size_t i;
    assert_int_equal(isms__catalog_builder_new(&b, "T", "1", SAMPLE_UUID, NULL), ISMS_OK);
    assert_int_equal(add(b, &i, NONE, ISMS_ITEM_GROUP, "ac", "AC"), ISMS_OK);        /* 0 */
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_CONTROL, "ac-1", "AC-1"), ISMS_OK);     /* 1 */
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_CONTROL, "ac-2", "Policy"), ISMS_OK);   /* 2 */

    /* The same OSCAL id, in another case. */
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_CONTROL, "AC-1", NULL), ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "control \"AC-1\": its OSCAL id \"AC-1\" is already the label "
                              "of the earlier control \"ac-1\" (item 2)");
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_CONTROL, "ac-1", "X"), ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "\"ac-1\"");
    /* A label that an earlier item has as its label, its OSCAL id or in another case. */
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_CONTROL, "ac-3", "policy"), ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "control \"ac-3\": its label \"policy\" is already the label of "
                              "the earlier control \"ac-2\" (item 3)");
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_CONTROL, "ac-3", "Ac-2"), ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "its label \"Ac-2\" is already the OSCAL id of the earlier "
                              "control \"ac-2\"");
    /* An OSCAL id that is an earlier item's label. */
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_CONTROL, "POLICY", NULL), ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "already the label of the earlier control \"ac-2\"");
    /* A group clashing with a control, with surrounding white space. */
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_GROUP, " ac-2 ", NULL), ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "group \"ac-2\"");
    /* The importer's fall-back: the same item without its label, and the builder went on
     * unchanged. */
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_CONTROL, "ac-3", NULL), ISMS_OK);
    assert_int_equal(i, 3);
    isms_catalog *c;
    assert_int_equal(isms__catalog_builder_finish(b, &c), ISMS_OK);
    assert_int_equal(isms_catalog_count(c), 4);
    assert_int_equal(isms_item_child_count(at(c, 0)), 3);
    assert_ptr_equal(isms_catalog_find(c, "POLICY", ISMS_SCOPE_BOTH), at(c, 2));
    assert_ptr_equal(isms_catalog_find(c, "ac-2", ISMS_SCOPE_BOTH), at(c, 2));
    assert_ptr_equal(isms_catalog_find(c, "AC-3", ISMS_SCOPE_BOTH), at(c, 3));
    isms_catalog_free(c);
}

static void test_builder_groups_limit(void **state)
{
    (void)state;
    isms__catalog_builder *b;
    size_t i;
    char id[32];
    assert_int_equal(isms__catalog_builder_new(&b, "T", "1", SAMPLE_UUID, NULL), ISMS_OK);
    for (int g = 1; g <= ISMS_MAX_GROUPS; g++) {
        snprintf(id, sizeof id, "g%d", g);
        assert_int_equal(add(b, &i, NONE, ISMS_ITEM_GROUP, id, NULL), ISMS_OK);
        snprintf(id, sizeof id, "c%d", g);
        assert_int_equal(add(b, &i, i, ISMS_ITEM_CONTROL, id, NULL), ISMS_OK);
    }
    assert_int_equal(add(b, &i, NONE, ISMS_ITEM_GROUP, "g65", NULL), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "group \"g65\" would be top-level group 65: at most 64");
    /* Nested groups and top-level controls do not count. */
    assert_int_equal(add(b, &i, 2 * ISMS_MAX_GROUPS - 2, ISMS_ITEM_GROUP, "sub", NULL),
                     ISMS_OK);
    assert_int_equal(add(b, &i, NONE, ISMS_ITEM_CONTROL, "top", NULL), ISMS_OK);
    isms_catalog *c;
    assert_int_equal(isms__catalog_builder_finish(b, &c), ISMS_OK);
    assert_int_equal(isms_catalog_root_count(c), ISMS_MAX_GROUPS + 1);

    /* The summary has room for all 64. */
    isms_assessment *a;
    assert_int_equal(isms_assessment_new_catalog(&a, c, 2024, ISMS_SCOPE_ANNEX_A), ISMS_OK);
    assert_int_equal(isms_assessment_add_all(a), ISMS_OK);
    assert_int_equal(isms_assessment_count(a), ISMS_MAX_GROUPS + 1);
    assert_int_equal(isms_entry_set_status(isms_assessment_find(a, "c64"), ISMS_STATUS_YES), 0);
    isms_summary s;
    assert_int_equal(isms_assessment_summarise(&s, a, NULL), ISMS_OK);
    assert_int_equal(s.group_count, ISMS_MAX_GROUPS);
    assert_string_equal(isms_item_id(s.group[0]), "g1");
    assert_string_equal(isms_item_id(s.group[63]), "g64");
    for (int g = 0; g < ISMS_MAX_GROUPS; g++)
        assert_int_equal(s.groups[g].total, 1);
    assert_int_equal(s.groups[63].counts[ISMS_STATUS_YES], 1);
    assert_int_equal(s.annex_a.total, ISMS_MAX_GROUPS + 1); /* "top" in no group */
    isms_assessment_free(a);
    isms_catalog_free(c);
}

static void test_builder_depth_limit(void **state)
{
    (void)state;
    isms__catalog_builder *b;
    size_t i = NONE;
    char id[32];
    assert_int_equal(isms__catalog_builder_new(&b, "T", "1", SAMPLE_UUID, NULL), ISMS_OK);
    /* Seven levels of groups and a control at level 8. */
    for (int level = 1; level <= 7; level++) {
        snprintf(id, sizeof id, "g%d", level);
        assert_int_equal(add(b, &i, i, ISMS_ITEM_GROUP, id, NULL), ISMS_OK);
    }
    assert_int_equal(add(b, &i, i, ISMS_ITEM_CONTROL, "c8", NULL), ISMS_OK);
    assert_int_equal(i, ISMS_OSCAL_MAX_LEVELS - 1);
    assert_int_equal(add(b, &i, i, ISMS_ITEM_CONTROL, "c9", NULL), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "control \"c9\" is at nesting level 9: at most 8 levels");
    assert_int_equal(add(b, &i, 6, ISMS_ITEM_GROUP, "g8", NULL), ISMS_OK); /* level 8 */
    assert_int_equal(add(b, &i, i, ISMS_ITEM_GROUP, "g9", NULL), ISMS_ERANGE);
    isms_catalog *c;
    assert_int_equal(isms__catalog_builder_finish(b, &c), ISMS_OK);
    assert_int_equal(isms_catalog_count(c), 9);
    const isms_item *deep = isms_catalog_find(c, "c8", ISMS_SCOPE_BOTH);
    assert_ptr_equal(isms_item_group(deep), at(c, 0));
    assert_ptr_equal(isms_item_parent(deep), at(c, 6));
    isms_catalog_free(c);
}

/* The item limit, and a group with far more than 255 children. */
static void test_builder_item_limit(void **state)
{
    (void)state;
    isms__catalog_builder *b;
    size_t i;
    char id[32];
    assert_int_equal(isms__catalog_builder_new(&b, "Big", "1", SAMPLE_UUID, NULL), ISMS_OK);
    assert_int_equal(add(b, &i, NONE, ISMS_ITEM_GROUP, "g", NULL), ISMS_OK);
    for (int k = 1; k < ISMS__CAT_MAX_IMPORTED; k++) {
        snprintf(id, sizeof id, "c-%d", k);
        if (add(b, &i, 0, ISMS_ITEM_CONTROL, id, NULL) != ISMS_OK)
            fail_msg("%s: %s", id, isms_error_last()->message);
    }
    assert_int_equal(i, ISMS__CAT_MAX_IMPORTED - 1);
    assert_int_equal(add(b, &i, 0, ISMS_ITEM_CONTROL, "one-more", NULL), ISMS_ERANGE);
    assert_error(ISMS_ERANGE, "item 65001 of the catalog: at most 65000 items");
    isms_catalog *c;
    assert_int_equal(isms__catalog_builder_finish(b, &c), ISMS_OK);
    assert_int_equal(isms_catalog_count(c), ISMS__CAT_MAX_IMPORTED);
    const isms_item *g = at(c, 0);
    assert_int_equal(isms_item_child_count(g), ISMS__CAT_MAX_IMPORTED - 1);
    const isms_item *last = isms_item_child(g, ISMS__CAT_MAX_IMPORTED - 2);
    assert_string_equal(isms_item_id(last), "c-64999");
    assert_ptr_equal(isms_catalog_find(c, "C-64999", ISMS_SCOPE_ANNEX_A), last);
    assert_ptr_equal(isms_catalog_find(c, "c-300", ISMS_SCOPE_ANNEX_A), isms_item_child(g, 299));
    assert_ptr_equal(isms_item_catalog(last), c);
    assert_ptr_equal(isms_item_parent(last), g);
    assert_ptr_equal(isms_item_group(last), g);
    assert_int_equal(isms_catalog_requirement_count(c, ISMS_SCOPE_BOTH),
                     ISMS__CAT_MAX_IMPORTED - 1);
    assert_ptr_equal(isms_catalog_requirement(c, ISMS_SCOPE_BOTH, ISMS__CAT_MAX_IMPORTED - 2),
                     last);
    isms_catalog_free(c);
}

/* ---- ids an attacker picks ----------------------------------------------------------------
 *
 * The look-up once was an unseeded FNV-1a (32 bits, ASCII case folded) with linear probing,
 * so a file whose ids all have one hash made every add and every look-up walk them all
 * (65,000 such ids: 9 s to import, 14 s to look them up). The ids below are built so that
 * all of them have the same FNV-1a hash: each is 16 blocks of 6 characters, and at step k
 * both choices of block k take the hash from the same state to the same state (two blocks
 * that collide from that state, found by a birthday search). The test asserts behaviour
 * only: every id is found, the ones not added are not, and a duplicate is still refused. */

#define COLLIDE_STEPS 16
#define COLLIDE_BLOCK 6

static uint32_t fnv1a_step(uint32_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* The n-th block of 6 characters of [0-9a-z], spread over all of them (four characters and
 * a fixed rest would not do: FNV-1a takes no two blocks of 4 bytes to the same hash). */
static void block_text(char out[COLLIDE_BLOCK], uint32_t k)
{
    static const char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    uint64_t n = (uint64_t)k * 2654435761u % 2176782336u; /* 36^6: a bijection */
    for (int i = 0; i < COLLIDE_BLOCK; i++) {
        out[i] = alphabet[n % 36];
        n /= 36;
    }
}

typedef struct hashed_block {
    uint32_t hash, n;
} hashed_block;

static int cmp_hashed(const void *a, const void *b)
{
    const hashed_block *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->n < y->n ? -1 : x->n > y->n;
}

/* Two blocks per step, pairs[k][0..1], that take the hash from the state after the steps
 * before to the same state. */
static void colliding_blocks(char pairs[COLLIDE_STEPS][2][COLLIDE_BLOCK])
{
    enum { CANDIDATES = 400000 };
    hashed_block *hb = malloc(CANDIDATES * sizeof *hb);
    assert_non_null(hb);
    uint32_t state = 2166136261u;
    for (int k = 0; k < COLLIDE_STEPS; k++) {
        char text[COLLIDE_BLOCK];
        for (uint32_t n = 0; n < CANDIDATES; n++) {
            block_text(text, n);
            hb[n].hash = fnv1a_step(state, text, COLLIDE_BLOCK);
            hb[n].n = n;
        }
        qsort(hb, CANDIDATES, sizeof *hb, cmp_hashed);
        size_t i = 1;
        while (i < CANDIDATES && hb[i].hash != hb[i - 1].hash)
            i++;
        assert_true(i < CANDIDATES); /* about 19 pairs are expected among 400,000 */
        block_text(pairs[k][0], hb[i - 1].n);
        block_text(pairs[k][1], hb[i].n);
        state = hb[i].hash;
    }
    free(hb);
}

/* Colliding id number `n` (its bits choose the blocks). */
static void colliding_id(char *out, char pairs[COLLIDE_STEPS][2][COLLIDE_BLOCK], uint32_t n)
{
    for (int k = 0; k < COLLIDE_STEPS; k++)
        memcpy(out + k * COLLIDE_BLOCK, pairs[k][(n >> k) & 1], COLLIDE_BLOCK);
    out[COLLIDE_STEPS * COLLIDE_BLOCK] = '\0';
}

/* `s` in capitals (ASCII), into out. */
static void upper(char *out, const char *s)
{
    for (; *s; s++)
        *out++ = (char)(*s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s);
    *out = '\0';
}

static void test_colliding_ids(void **state)
{
    (void)state;
    static char pairs[COLLIDE_STEPS][2][COLLIDE_BLOCK];
    colliding_blocks(pairs);
    char id[COLLIDE_STEPS * COLLIDE_BLOCK + 1], first[sizeof id], caps_id[sizeof id];
    colliding_id(first, pairs, 0);
    uint32_t h0 = fnv1a_step(2166136261u, first, strlen(first));

    /* 65,000 controls (the most a catalog holds), half of them with their id in capitals
     * as the label: the same hash folded, and the label is then the key. */
    isms__catalog_builder *b;
    assert_int_equal(isms__catalog_builder_new(&b, "Colliding", "1", SAMPLE_UUID, NULL),
                     ISMS_OK);
    for (uint32_t n = 0; n < ISMS__CAT_MAX_IMPORTED; n++) {
        colliding_id(id, pairs, n);
        assert_true(fnv1a_step(2166136261u, id, strlen(id)) == h0);
        char label[sizeof id];
        upper(label, id);
        size_t index;
        if (isms__catalog_builder_add(b, &index, SIZE_MAX, ISMS_ITEM_CONTROL, id,
                                      n % 2 ? label : NULL, "t") != ISMS_OK)
            fail_msg("%s: %s", id, isms_error_last()->message);
    }
    isms_catalog *c;
    assert_int_equal(isms__catalog_builder_finish(b, &c), ISMS_OK);
    assert_int_equal(isms_catalog_count(c), ISMS__CAT_MAX_IMPORTED);
    for (uint32_t n = 0; n < (1u << COLLIDE_STEPS); n++) {
        colliding_id(id, pairs, n);
        const isms_item *it = isms_catalog_find(c, id, ISMS_SCOPE_BOTH);
        if (n >= ISMS__CAT_MAX_IMPORTED) {
            if (it)
                fail_msg("%s (not added) found as item %s", id, isms_item_id(it));
            continue;
        }
        if (it != isms_catalog_at(c, n))
            fail_msg("%s: found %s", id, it ? isms_item_oscal_id(it) : "nothing");
        assert_string_equal(isms_item_oscal_id(it), id);
        char caps[sizeof id];
        upper(caps, id);
        assert_ptr_equal(isms_catalog_find(c, caps, ISMS_SCOPE_BOTH), it);
        if (n % 2)
            assert_string_equal(isms_item_id(it), caps); /* the label */
        else
            assert_string_equal(isms_item_id(it), id);
    }
    isms_catalog_free(c);

    /* Duplicates at add time, among colliding ids: an OSCAL id, and a label. */
    assert_int_equal(isms__catalog_builder_new(&b, "Colliding", "1", SAMPLE_UUID, NULL),
                     ISMS_OK);
    size_t index;
    for (uint32_t n = 0; n < 1000; n++) {
        colliding_id(id, pairs, n);
        assert_int_equal(isms__catalog_builder_add(b, &index, SIZE_MAX, ISMS_ITEM_CONTROL, id,
                                                   NULL, "t"),
                         ISMS_OK);
    }
    colliding_id(id, pairs, 999);
    colliding_id(first, pairs, 1000);
    upper(caps_id, id);
    assert_int_equal(isms__catalog_builder_add(b, &index, SIZE_MAX, ISMS_ITEM_CONTROL, caps_id,
                                               NULL, "t"),
                     ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "(item 1000)");
    assert_int_equal(isms__catalog_builder_add(b, &index, SIZE_MAX, ISMS_ITEM_CONTROL, first,
                                               id, "t"),
                     ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "its label");
    isms__catalog_builder_free(b);
}

/* ---- labels that are not ids ---------------------------------------------------------------- */

static void test_builder_label_not_id(void **state)
{
    (void)state;
    isms__catalog_builder *b;
    size_t i;
    assert_int_equal(isms__catalog_builder_new(&b, "T", "1", SAMPLE_UUID, NULL), ISMS_OK);
    /* Two groups that both number their controls "1". */
    assert_int_equal(isms__catalog_builder_add(b, &i, NONE, ISMS_ITEM_GROUP, "g-a", "A", "A"),
                     ISMS_OK);                                                   /* 0 */
    assert_int_equal(isms__catalog_builder_add_item(b, &i, 0, ISMS_ITEM_CONTROL, "a-1", "1",
                                                    "First of A", false),
                     ISMS_OK);                                                   /* 1 */
    assert_int_equal(isms__catalog_builder_add(b, &i, NONE, ISMS_ITEM_GROUP, "g-b", "B", "B"),
                     ISMS_OK);                                                   /* 2 */
    assert_int_equal(isms__catalog_builder_add_item(b, &i, 2, ISMS_ITEM_CONTROL, "b-1", "1",
                                                    "First of B", false),
                     ISMS_OK);                                                   /* 3 */
    /* A label that is not the id may even be an earlier id; the OSCAL id is still checked. */
    assert_int_equal(isms__catalog_builder_add_item(b, &i, 2, ISMS_ITEM_CONTROL, "b-2", "g-a",
                                                    "", false),
                     ISMS_OK);                                                   /* 4 */
    assert_int_equal(isms__catalog_builder_add_item(b, &i, 2, ISMS_ITEM_CONTROL, "A-1", "x",
                                                    "", false),
                     ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "control \"A-1\": its OSCAL id \"A-1\" is already the OSCAL id of "
                              "the earlier control \"a-1\" (item 2)");
    /* With true, as isms__catalog_builder_add(). */
    assert_int_equal(isms__catalog_builder_add_item(b, &i, 2, ISMS_ITEM_CONTROL, "b-3", "b",
                                                    "", true),
                     ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "its label \"b\" is already the label of the earlier group");
    isms_catalog *c;
    assert_int_equal(isms__catalog_builder_finish(b, &c), ISMS_OK);
    assert_int_equal(isms_catalog_count(c), 5);
    assert_string_equal(isms_item_id(at(c, 1)), "a-1");
    assert_string_equal(isms__item_label(at(c, 1)), "1");
    assert_string_equal(isms_item_id(at(c, 3)), "b-1");
    assert_string_equal(isms__item_label(at(c, 3)), "1");
    assert_string_equal(isms_item_id(at(c, 4)), "b-2");
    assert_string_equal(isms__item_label(at(c, 4)), "g-a");
    assert_string_equal(isms_item_id(at(c, 0)), "A");
    /* The labels are no keys. */
    assert_null(isms_catalog_find(c, "1", ISMS_SCOPE_BOTH));
    assert_ptr_equal(isms_catalog_find(c, "G-A", ISMS_SCOPE_BOTH), at(c, 0));
    assert_ptr_equal(isms_catalog_find(c, "a", ISMS_SCOPE_BOTH), at(c, 0));
    assert_ptr_equal(isms_catalog_find(c, "B-1", ISMS_SCOPE_BOTH), at(c, 3));
    assert_ptr_equal(isms_catalog_find(c, "b-2", ISMS_SCOPE_BOTH), at(c, 4));
    /* An assessment against it is made of the ids. */
    isms_assessment *a;
    assert_int_equal(isms_assessment_new_catalog(&a, c, 2024, ISMS_SCOPE_BOTH), ISMS_OK);
    assert_int_equal(isms_assessment_add_all(a), ISMS_OK);
    assert_int_equal(isms_assessment_count(a), 3);
    assert_non_null(isms_assessment_find(a, "a-1"));
    assert_non_null(isms_assessment_find(a, "b-1"));
    assert_null(isms_assessment_find(a, "1"));
    isms_assessment_free(a);
    isms_catalog_free(c);
}

/* Every allocation of the builder may fail: the build as a whole returns ISMS_ENOMEM and
 * leaks nothing (finish frees the builder too). */
static void test_builder_nomem(void **state)
{
    (void)state;
    isms_catalog *c = NULL;
    SWEEP(build_sample(&c), assert_null(c));
    check_sample(c);
    isms_catalog_free(c);

    /* builder_new alone. */
    isms__catalog_builder *b = NULL;
    SWEEP(isms__catalog_builder_new(&b, "Test Framework", "1.0", SAMPLE_UUID,
                                    "2024-05-01T00:00:00Z"),
          assert_null(b));
    /* Each add alone: a failed add leaves the builder as it was, so the same add can be
     * repeated and the result is exactly the sample. */
    for (size_t k = 0; k < N_SAMPLE; k++) {
        size_t index = 77;
        const sample_item *s = &sample[k];
        SWEEP(isms__catalog_builder_add(b, &index, s->parent, s->kind, s->oscal_id, s->label,
                                        s->title),
              assert_int_equal(index, 77));
        assert_int_equal(index, k);
    }
    /* finish alone: on failure the builder is gone, so build it again each time. */
    for (long n = 1;; n++) {
        isms__alloc_fail_at(n);
        c = NULL;
        int rc = isms__catalog_builder_finish(b, &c);
        bool failed = isms__alloc_failed();
        isms__alloc_fail_at(0);
        if (!failed) {
            assert_int_equal(rc, ISMS_OK);
            break;
        }
        assert_int_equal(rc, ISMS_ENOMEM);
        assert_null(c);
        /* A fresh builder for the next round. */
        assert_int_equal(isms__catalog_builder_new(&b, "Test Framework", "1.0", SAMPLE_UUID,
                                                   "2024-05-01T00:00:00Z"),
                         ISMS_OK);
        for (size_t k = 0; k < N_SAMPLE; k++) {
            size_t index;
            const sample_item *s = &sample[k];
            assert_int_equal(isms__catalog_builder_add(b, &index, s->parent, s->kind,
                                                       s->oscal_id, s->label, s->title),
                             ISMS_OK);
        }
        assert_true(n < 100);
    }
    check_sample(c);
    isms_catalog_free(c);
}

/* ---- references ------------------------------------------------------------------------ */

static void test_references(void **state)
{
    (void)state;
    /* Built-in catalogs and NULL: nothing happens. */
    isms_catalog_free(NULL);
    const isms_catalog *c22 = isms_catalog_get(ISMS_EDITION_2022);
    isms_catalog_free(c22);
    assert_ptr_equal(isms__catalog_ref(c22), c22);
    isms__catalog_unref(c22);
    assert_null(isms__catalog_ref(NULL));
    isms__catalog_unref(NULL);
    assert_false(isms__catalog_imported(c22));
    assert_false(isms__catalog_imported(NULL));
    assert_string_equal(isms__catalog_last_modified(c22), "");
    assert_null(isms__item_label(isms_catalog_at(c22, 0)));

    /* The assessment outlives the caller's reference. */
    isms_catalog *c = sample_catalog();
    isms_assessment *a, *copy;
    assert_int_equal(isms_assessment_new_catalog(&a, c, 2024, ISMS_SCOPE_ANNEX_A), ISMS_OK);
    assert_int_equal(refs_of(c), 2);
    assert_ptr_equal(isms__catalog_ref(c), c);
    assert_int_equal(refs_of(c), 3);
    isms__catalog_unref(c);
    assert_int_equal(refs_of(c), 2);
    assert_int_equal(isms_assessment_copy(&copy, a), ISMS_OK);
    assert_int_equal(refs_of(c), 3);
    isms_catalog_free(c);
    assert_int_equal(refs_of(isms_assessment_catalog(a)), 2);
    isms_assessment_free(a);
    const isms_catalog *held = isms_assessment_catalog(copy);
    assert_ptr_equal(held, c);
    assert_int_equal(refs_of(held), 1);
    /* Still whole: valgrind would report a use after free here. */
    check_sample(held);
    assert_int_equal(isms_assessment_add_all(copy), ISMS_OK);
    assert_string_equal(isms_entry_ref(isms_assessment_find(copy, "ac-2.2")), "AC-2(2)");
    /* The public isms_catalog_ref() keeps it beyond the last assessment. */
    assert_ptr_equal(isms_catalog_ref(held), held);
    assert_int_equal(refs_of(held), 2);
    isms_assessment_free(copy);
    assert_int_equal(refs_of(held), 1);
    check_sample(held);
    assert_ptr_equal(isms_catalog_ref(c22), c22);
    assert_null(isms_catalog_ref(NULL));
    isms_catalog_free(held); /* the last reference: the catalog goes */
}

/* Threads share a catalog through assessments of their own. */
static void *thread_body(void *arg)
{
    const isms_catalog *c = arg;
    for (int k = 0; k < 200; k++) {
        isms_assessment *a;
        if (isms_assessment_new_catalog(&a, c, 2024, ISMS_SCOPE_BOTH) != ISMS_OK)
            return (void *)1;
        if (isms_assessment_add_all(a) != ISMS_OK || isms_assessment_count(a) != 9) {
            isms_assessment_free(a);
            return (void *)1;
        }
        isms_assessment_free(a);
    }
    return NULL;
}

/* A worker that reads the catalog, then drops the reference it was handed: the last one
 * when the main thread has dropped its own before. */
typedef struct drop_arg {
    const isms_catalog *c;
    atomic_int *go; /* the worker drops after this is set */
    int ok;
} drop_arg;

static void *drop_body(void *arg)
{
    drop_arg *d = arg;
    while (!atomic_load(d->go))
        ;
    isms_assessment *a;
    d->ok = isms_assessment_new_catalog(&a, d->c, 2024, ISMS_SCOPE_BOTH) == ISMS_OK &&
            isms_assessment_add_all(a) == ISMS_OK && isms_assessment_count(a) == 9;
    if (d->ok) {
        d->ok = isms_catalog_find(d->c, "ac-2.1", ISMS_SCOPE_BOTH) != NULL;
        isms_assessment_free(a);
    }
    isms_catalog_free(d->c); /* maybe the last reference: the catalog goes here */
    return NULL;
}

static void test_threads_last_drop(void **state)
{
    (void)state;
    for (int round = 0; round < 50; round++) {
        isms_catalog *c = sample_catalog();
        atomic_int go;
        atomic_init(&go, 0);
        pthread_t t[3];
        drop_arg args[3];
        for (int k = 0; k < 3; k++) {
            args[k].c = isms_catalog_ref(c);
            args[k].go = &go;
            args[k].ok = 0;
            assert_int_equal(pthread_create(&t[k], NULL, drop_body, &args[k]), 0);
        }
        assert_int_equal(refs_of(c), 4);
        /* The main thread reads it too, then lets go first. */
        check_sample(c);
        isms_catalog_free(c);
        atomic_store(&go, 1);
        for (int k = 0; k < 3; k++) {
            assert_int_equal(pthread_join(t[k], NULL), 0);
            assert_true(args[k].ok);
        }
    }
    /* One worker alone holds the last reference from the start. */
    isms_catalog *c = sample_catalog();
    atomic_int go;
    atomic_init(&go, 1);
    drop_arg one = { c, &go, 0 };
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, drop_body, &one), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_true(one.ok);
    /* valgrind and ASan check that the catalog was freed exactly once, in the worker. */
}

static void test_threads(void **state)
{
    (void)state;
    isms_catalog *c = sample_catalog();
    pthread_t t[4];
    for (int k = 0; k < 4; k++)
        assert_int_equal(pthread_create(&t[k], NULL, thread_body, c), 0);
    for (int k = 0; k < 4; k++) {
        void *res;
        assert_int_equal(pthread_join(t[k], &res), 0);
        assert_null(res);
    }
    assert_int_equal(refs_of(c), 1);
    isms_catalog_free(c);
}

/* ---- assessments --------------------------------------------------------------------------- */

static void set_status(isms_assessment *a, const char *ref, isms_status s)
{
    isms_entry *e = isms_assessment_find(a, ref);
    if (!e)
        fail_msg("no entry %s", ref);
    assert_int_equal(isms_entry_set_status(e, s), ISMS_OK);
}

/* The sample assessment: every control, with these statuses. */
static isms_assessment *sample_assessment(const isms_catalog *c)
{
    isms_assessment *a;
    assert_int_equal(isms_assessment_new_catalog(&a, c, 2024, ISMS_SCOPE_ANNEX_A), ISMS_OK);
    assert_int_equal(isms_assessment_add_all(a), ISMS_OK);
    set_status(a, "AC-1", ISMS_STATUS_YES);
    set_status(a, "ac-2", ISMS_STATUS_PARTIAL);
    set_status(a, "ac-2.1", ISMS_STATUS_NO);
    set_status(a, "AC-2(2)", ISMS_STATUS_NOT_APPLICABLE);
    set_status(a, "AC-X-1", ISMS_STATUS_YES);
    set_status(a, "au-1", ISMS_STATUS_YES);
    /* AU-1(1) stays not assessed */
    set_status(a, "top-1", ISMS_STATUS_NO);
    set_status(a, "top-1.1", ISMS_STATUS_PARTIAL);
    return a;
}

static void check_tally(const isms_tally *t, unsigned na, unsigned yes, unsigned partial,
                        unsigned no, unsigned n_na, double coverage, double compliance)
{
    assert_int_equal(t->counts[ISMS_STATUS_NOT_ASSESSED], na);
    assert_int_equal(t->counts[ISMS_STATUS_YES], yes);
    assert_int_equal(t->counts[ISMS_STATUS_PARTIAL], partial);
    assert_int_equal(t->counts[ISMS_STATUS_NO], no);
    assert_int_equal(t->counts[ISMS_STATUS_NOT_APPLICABLE], n_na);
    assert_int_equal(t->total, na + yes + partial + no + n_na);
    assert_int_equal(t->applicable, t->total - n_na);
    assert_int_equal(t->assessed, yes + partial + no);
    assert_double_equal(t->coverage, coverage, 1e-12);
    assert_double_equal(t->compliance, compliance, 1e-12);
}

static void test_assessment_basics(void **state)
{
    (void)state;
    isms_catalog *c = sample_catalog();
    isms_assessment *a = NULL;
    /* Clauses of an imported catalog: refused, and why. */
    assert_int_equal(isms_assessment_new_catalog(&a, c, 2024, ISMS_SCOPE_CLAUSES), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "\"Test Framework\" is imported and has no management-system "
                              "clauses");
    assert_int_equal(isms_assessment_new_catalog(&a, NULL, 2024, ISMS_SCOPE_BOTH), ISMS_EINVAL);
    assert_int_equal(isms_assessment_new_catalog(NULL, c, 2024, ISMS_SCOPE_BOTH), ISMS_EINVAL);
    assert_int_equal(isms_assessment_new_catalog(&a, c, 1899, ISMS_SCOPE_BOTH), ISMS_EINVAL);
    assert_int_equal(isms_assessment_new_catalog(&a, c, 2024, (isms_scope)0), ISMS_EINVAL);
    assert_null(a);
    assert_int_equal(refs_of(c), 1); /* no refused call kept a reference */
    assert_int_equal(isms_assessment_new(&a, ISMS_EDITION_IMPORTED, 2024, ISMS_SCOPE_BOTH),
                     ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "isms_assessment_new_catalog");

    /* A built-in catalog through new_catalog is new() with its edition. */
    assert_int_equal(isms_assessment_new_catalog(&a, isms_catalog_get(ISMS_EDITION_2013), 2020,
                                                 ISMS_SCOPE_CLAUSES),
                     ISMS_OK);
    assert_int_equal(isms_assessment_edition(a), ISMS_EDITION_2013);
    assert_ptr_equal(isms_assessment_catalog(a), isms_catalog_get(ISMS_EDITION_2013));
    assert_int_equal(isms_assessment_add_all(a), ISMS_OK);
    assert_int_equal(isms_assessment_count(a), 26);
    isms_assessment_free(a);

    /* Against the sample: the controls in document order, found by any form. */
    assert_int_equal(isms_assessment_new_catalog(&a, c, 2024, ISMS_SCOPE_BOTH), ISMS_OK);
    assert_int_equal(isms_assessment_edition(a), ISMS_EDITION_IMPORTED);
    assert_ptr_equal(isms_assessment_catalog(a), c);
    assert_int_equal(isms_assessment_scope(a), ISMS_SCOPE_BOTH);
    assert_int_equal(isms_assessment_add_all(a), ISMS_OK);
    static const char *const refs[9] = { "AC-1", "AC-2", "AC-2(1)", "AC-2(2)", "ac-x-1",
                                         "AU-1", "AU-1(1)", "T-1", "top-1.1" };
    assert_int_equal(isms_assessment_count(a), 9);
    for (size_t i = 0; i < 9; i++) {
        isms_entry *e = isms_assessment_at(a, i);
        assert_string_equal(isms_entry_ref(e), refs[i]);
        assert_non_null(isms_entry_item(e));
        assert_string_equal(isms_item_id(isms_entry_item(e)), refs[i]);
    }
    assert_ptr_equal(isms_assessment_find(a, " ac-2.1 "), isms_assessment_at(a, 2));
    assert_ptr_equal(isms_assessment_find(a, "au-1(1)"), isms_assessment_at(a, 6));
    assert_null(isms_assessment_find(a, "ac"));
    /* Adding under another form of an id that is there: refused, named canonically. */
    assert_int_equal(isms_assessment_add(NULL, a, "ac-2.1"), ISMS_EEXIST);
    assert_error(ISMS_EEXIST, "AC-2(1)");
    /* A group and an unknown reference can be entries too. */
    isms_entry *e;
    assert_int_equal(isms_assessment_add(&e, a, "au"), ISMS_OK);
    assert_string_equal(isms_entry_ref(e), "AU");
    assert_ptr_equal(isms_entry_item(e), at(c, 7));
    assert_int_equal(isms_assessment_add(&e, a, " zz-9 "), ISMS_OK);
    assert_string_equal(isms_entry_ref(e), "zz-9");
    assert_null(isms_entry_item(e));
    assert_int_equal(isms_assessment_remove(a, "AC-2.2"), ISMS_OK);
    assert_null(isms_assessment_find(a, "AC-2(2)"));
    assert_int_equal(isms_assessment_count(a), 10);
    isms_assessment_free(a);
    isms_catalog_free(c);
}

static void test_assessment_summary(void **state)
{
    (void)state;
    isms_catalog *c = sample_catalog();
    isms_assessment *a = sample_assessment(c);
    isms_entry *e;
    assert_int_equal(isms_assessment_add(&e, a, "ac"), ISMS_OK);     /* a group: not counted */
    assert_int_equal(isms_assessment_add(&e, a, "nope-1"), ISMS_OK); /* unknown */
    isms_summary s;
    assert_int_equal(isms_assessment_summarise(&s, a, NULL), ISMS_OK);
    /* The top-level groups, with their controls (enhancements and nested groups included). */
    assert_int_equal(s.group_count, 2);
    assert_ptr_equal(s.group[0], at(c, 0));
    assert_ptr_equal(s.group[1], at(c, 7));
    /* AC: AC-1 yes, AC-2 partial, AC-2(1) no, AC-2(2) n/a, ac-x-1 yes. */
    check_tally(&s.groups[0], 0, 2, 1, 1, 1, 1.0, (2 + 0.5) / 4);
    /* AU: AU-1 yes, AU-1(1) not assessed. */
    check_tally(&s.groups[1], 1, 1, 0, 0, 0, 0.5, 1.0);
    /* All nine controls, the top-level control and its enhancement included. */
    check_tally(&s.annex_a, 1, 3, 2, 2, 1, 7.0 / 8, (3 + 0.5 * 2) / 7);
    check_tally(&s.total, 1, 3, 2, 2, 1, 7.0 / 8, (3 + 0.5 * 2) / 7);
    check_tally(&s.clauses, 0, 0, 0, 0, 0, 0, 0);
    for (int ch = 0; ch < 7; ch++)
        assert_int_equal(s.chapter[ch].total, 0);
    assert_int_equal(s.unknown, 2);
    /* Other weights. */
    isms_weights w = { 1.0, 0.0, 0.0 };
    assert_int_equal(isms_assessment_summarise(&s, a, &w), ISMS_OK);
    assert_double_equal(s.groups[0].compliance, 2.0 / 4, 1e-12);
    isms_assessment_free(a);
    isms_catalog_free(c);
}

/* The number of findings with this code. */
static size_t count_code(const isms_findings *f, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < isms_findings_count(f); i++) {
        isms_finding x;
        assert_int_equal(isms_findings_get(&x, f, i), ISMS_OK);
        n += strcmp(x.code, code) == 0;
    }
    return n;
}

/* The message of the first finding with this code and ref. */
static const char *message_of(const isms_findings *f, const char *code, const char *ref)
{
    for (size_t i = 0; i < isms_findings_count(f); i++) {
        isms_finding x;
        assert_int_equal(isms_findings_get(&x, f, i), ISMS_OK);
        if (strcmp(x.code, code) == 0 && strcmp(x.ref, ref) == 0)
            return x.message;
    }
    fail_msg("no finding %s for %s", code, ref);
    return "";
}

static void test_assessment_lint(void **state)
{
    (void)state;
    isms_catalog *c = sample_catalog();
    isms_assessment *a = sample_assessment(c);
    isms_entry *e;
    assert_int_equal(isms_assessment_add(&e, a, "au"), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_COMMENT, "about the group"), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, a, "nope-1"), ISMS_OK);
    assert_int_equal(isms_assessment_remove(a, "AU-1(1)"), ISMS_OK);
    assert_int_equal(isms_entry_set(isms_assessment_find(a, "T-1"), ISMS_FIELD_PLAN, "Do it"),
                     ISMS_OK);

    isms_findings *f;
    assert_int_equal(isms_findings_new(&f, ISMS_LANG_EN), ISMS_OK);
    isms_date today = { 2024, 6, 1 };
    assert_int_equal(isms_assessment_lint(f, a, &today), ISMS_OK);
    /* Open without a plan: AC-2, AC-2(1), top-1.1 (T-1 has one). */
    assert_int_equal(count_code(f, "gap-no-plan"), 3);
    assert_int_equal(count_code(f, "gap-plan-no-owner"), 1);
    assert_int_equal(count_code(f, "gap-plan-no-due"), 1);
    assert_int_equal(count_code(f, "gap-no-justification"), 1); /* AC-2(2) */
    assert_int_equal(count_code(f, "gap-missing"), 1);
    assert_int_equal(count_code(f, "gap-unknown-ref"), 1);
    assert_int_equal(count_code(f, "gap-not-assessable"), 1);
    assert_int_equal(count_code(f, "gap-out-of-scope"), 0);
    assert_int_equal(isms_findings_count(f), 9);
    /* Messages name the catalog by its title. */
    assert_string_equal(message_of(f, "gap-unknown-ref", "nope-1"),
                        "nope-1 is not a requirement of Test Framework");
    assert_string_equal(message_of(f, "gap-missing", "AU-1(1)"),
                        "AU-1(1) () is missing from the table");
    assert_string_equal(message_of(f, "gap-not-assessable", "AU"),
                        "AU is a group of Test Framework, not a requirement that is assessed; "
                        "assess its controls");
    isms_findings_free(f);

    assert_int_equal(isms_findings_new(&f, ISMS_LANG_SV), ISMS_OK);
    assert_int_equal(isms_assessment_lint(f, a, &today), ISMS_OK);
    assert_string_equal(message_of(f, "gap-unknown-ref", "nope-1"),
                        "nope-1 finns inte i Test Framework");
    assert_string_equal(message_of(f, "gap-not-assessable", "AU"),
                        "AU är en grupp i Test Framework, inte ett krav som bedöms; bedöm dess "
                        "säkerhetsåtgärder");
    isms_findings_free(f);
    isms_assessment_free(a);
    isms_catalog_free(c);
}

static void test_assessment_copy_convert(void **state)
{
    (void)state;
    isms_catalog *c = sample_catalog();
    isms_assessment *a = sample_assessment(c);
    assert_int_equal(isms_entry_set(isms_assessment_find(a, "AC-1"), ISMS_FIELD_COMMENT, "ok"),
                     ISMS_OK);
    isms_assessment *b = NULL;

    /* Copy: the same catalog, the same entries. */
    assert_int_equal(isms_assessment_copy(&b, a), ISMS_OK);
    assert_ptr_equal(isms_assessment_catalog(b), c);
    assert_int_equal(isms_assessment_edition(b), ISMS_EDITION_IMPORTED);
    assert_int_equal(isms_assessment_count(b), 9);
    assert_string_equal(isms_entry_get(isms_assessment_find(b, "ac-1"), ISMS_FIELD_COMMENT),
                        "ok");
    assert_int_equal(isms_entry_status(isms_assessment_find(b, "ac-2")), ISMS_STATUS_PARTIAL);
    isms_assessment_free(b);

    /* Convert to itself: a copy. */
    b = NULL;
    assert_int_equal(isms_assessment_convert(&b, a, ISMS_EDITION_IMPORTED, NULL), ISMS_OK);
    assert_ptr_equal(isms_assessment_catalog(b), c);
    assert_int_equal(isms_assessment_count(b), 9);
    isms_assessment_free(b);

    /* To an edition: refused, naming the catalog. */
    b = NULL;
    assert_int_equal(isms_assessment_convert(&b, a, ISMS_EDITION_2022, NULL), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "the imported catalog \"Test Framework\" cannot be converted to "
                              "ISO/IEC 27001:2022");
    assert_int_equal(isms_assessment_convert(&b, a, ISMS_EDITION_UNKNOWN, NULL), ISMS_EINVAL);
    assert_null(b);

    /* A built-in assessment to an imported catalog: refused. */
    isms_assessment *builtin;
    assert_int_equal(isms_assessment_new(&builtin, ISMS_EDITION_2013, 2020, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    assert_int_equal(isms_assessment_convert(&b, builtin, ISMS_EDITION_IMPORTED, NULL),
                     ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "against ISO/IEC 27001:2013 cannot be converted to an imported "
                              "catalog");
    assert_null(b);
    isms_assessment_free(builtin);
    isms_assessment_free(a);
    assert_int_equal(refs_of(c), 1);
    isms_catalog_free(c);
}

static void test_assessment_compare(void **state)
{
    (void)state;
    isms_catalog *c = sample_catalog();
    isms_catalog *same = NULL, *other = NULL;
    /* The same catalog imported a second time (same UUID, another object), and another. */
    assert_int_equal(build_sample_as(&same, "Test Framework, again", SAMPLE_UUID_LOWER),
                     ISMS_OK);
    assert_int_equal(build_sample_as(&other, "Other Framework",
                                     "00000000-0000-4000-8000-000000000001"),
                     ISMS_OK);
    isms_assessment *before = sample_assessment(c);
    isms_assessment *after = sample_assessment(same);
    set_status(after, "AC-2", ISMS_STATUS_YES);     /* partial -> yes: improved */
    set_status(after, "AU-1", ISMS_STATUS_NO);      /* yes -> no: regressed */
    set_status(after, "AU-1(1)", ISMS_STATUS_YES);  /* not assessed -> yes: new */
    set_status(after, "top-1.1", ISMS_STATUS_NOT_ASSESSED); /* partial -> none: removed */

    isms_comparison *cmp = NULL;
    assert_int_equal(isms_assessment_compare(&cmp, before, after), ISMS_OK);
    assert_int_equal(isms_comparison_count(cmp), 9);
    assert_int_equal(isms_comparison_count_change(cmp, ISMS_CHANGE_IMPROVED), 1);
    assert_int_equal(isms_comparison_count_change(cmp, ISMS_CHANGE_REGRESSED), 1);
    assert_int_equal(isms_comparison_count_change(cmp, ISMS_CHANGE_NEW), 1);
    assert_int_equal(isms_comparison_count_change(cmp, ISMS_CHANGE_REMOVED), 1);
    assert_int_equal(isms_comparison_count_change(cmp, ISMS_CHANGE_UNCHANGED), 5);
    isms_delta d;
    assert_int_equal(isms_comparison_get(&d, cmp, 1), ISMS_OK);
    assert_string_equal(d.ref, "AC-2");
    assert_string_equal(d.origin, "");
    assert_int_equal(d.before, ISMS_STATUS_PARTIAL);
    assert_int_equal(d.after, ISMS_STATUS_YES);
    assert_int_equal(d.change, ISMS_CHANGE_IMPROVED);
    isms_comparison_free(cmp);

    /* Different catalogs: refused, both named. */
    isms_assessment *foreign = sample_assessment(other);
    cmp = NULL;
    assert_int_equal(isms_assessment_compare(&cmp, before, foreign), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "against \"Test Framework\" with one against \"Other Framework\"");
    isms_assessment *builtin;
    assert_int_equal(isms_assessment_new(&builtin, ISMS_EDITION_2022, 2024, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    assert_int_equal(isms_assessment_compare(&cmp, builtin, before), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "against \"ISO/IEC 27001:2022\" with one against "
                              "\"Test Framework\"");
    assert_int_equal(isms_assessment_compare(&cmp, before, builtin), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "\"Test Framework\" with one against \"ISO/IEC 27001:2022\"");
    assert_null(cmp);
    isms_assessment_free(builtin);
    isms_assessment_free(foreign);
    isms_assessment_free(before);
    isms_assessment_free(after);
    isms_catalog_free(c);
    isms_catalog_free(same);
    isms_catalog_free(other);
}

static void test_assessment_nomem(void **state)
{
    (void)state;
    isms_catalog *c = sample_catalog();
    isms_assessment *a = NULL;
    SWEEP(isms_assessment_new_catalog(&a, c, 2024, ISMS_SCOPE_ANNEX_A),
          (assert_null(a), assert_int_equal(refs_of(c), 1)));
    assert_int_equal(refs_of(c), 2);
    assert_int_equal(isms_assessment_add_all(a), ISMS_OK);
    set_status(a, "AC-2", ISMS_STATUS_NO);
    assert_int_equal(isms_entry_set(isms_assessment_find(a, "AC-2"), ISMS_FIELD_PLAN, "Fix"),
                     ISMS_OK);
    isms_assessment *b = NULL;
    SWEEP(isms_assessment_copy(&b, a), (assert_null(b), assert_int_equal(refs_of(c), 2)));
    assert_int_equal(refs_of(c), 3);
    assert_int_equal(isms_assessment_count(b), 9);
    assert_string_equal(isms_entry_get(isms_assessment_find(b, "ac-2"), ISMS_FIELD_PLAN), "Fix");
    isms_assessment *d = NULL;
    SWEEP(isms_assessment_convert(&d, a, ISMS_EDITION_IMPORTED, NULL),
          (assert_null(d), assert_int_equal(refs_of(c), 3)));
    assert_int_equal(refs_of(c), 4);
    isms_assessment_free(d);
    isms_assessment_free(b);
    isms_assessment_free(a);
    assert_int_equal(refs_of(c), 1);
    isms_catalog_free(c);
}

/* ---- built-in catalogs: the new metadata --------------------------------------------------- */

static const isms_item *builtin(isms_edition ed, const char *id)
{
    const isms_item *it = isms_catalog_find(isms_catalog_get(ed), id,
                                            id[0] == 'A' ? ISMS_SCOPE_ANNEX_A
                                                         : ISMS_SCOPE_CLAUSES);
    assert_non_null(it);
    assert_string_equal(isms_item_id(it), id);
    return it;
}

static void test_builtin_metadata(void **state)
{
    (void)state;
    const isms_catalog *c13 = isms_catalog_get(ISMS_EDITION_2013);
    const isms_catalog *c22 = isms_catalog_get(ISMS_EDITION_2022);
    const isms_catalog *c24 = isms_catalog_get(ISMS_EDITION_2022_AMD1);
    assert_string_equal(isms_catalog_title(c13), "ISO/IEC 27001:2013");
    assert_string_equal(isms_catalog_title(c22), "ISO/IEC 27001:2022");
    assert_string_equal(isms_catalog_title(c24), "ISO/IEC 27001:2022/Amd 1:2024");
    assert_string_equal(isms_catalog_version(c13), "2013");
    assert_string_equal(isms_catalog_version(c22), "2022");
    assert_string_equal(isms_catalog_version(c24), "2022/Amd 1:2024");
    assert_string_equal(isms_catalog_uuid(c13), "59b8e94b-4e3b-594e-97ad-f5324274e136");
    assert_string_equal(isms_catalog_uuid(c22), "5840251f-6d2e-5e76-9efc-193693a6da91");
    assert_string_equal(isms_catalog_uuid(c24), "1f68943d-d60c-59d6-b37b-7e93c9d851d5");
    assert_string_equal(isms_catalog_title(NULL), "");
    assert_string_equal(isms_catalog_version(NULL), "");
    assert_string_equal(isms_catalog_uuid(NULL), "");
    assert_string_equal(isms_item_oscal_id(NULL), "");
    assert_string_equal(isms_edition_name(ISMS_EDITION_IMPORTED), "");
    assert_null(isms_catalog_get(ISMS_EDITION_IMPORTED));

    /* The UUIDs are uuid5(libisms namespace, "catalog/<edition>"), the namespace being
     * uuid5(NAMESPACE_URL, "urn:libisms:oscal") (lib/io/oscal-internal.h). */
    static const unsigned char url_ns[16] = { 0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                              0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8 };
    unsigned char ns[16];
    char text[37];
    isms__uuid5(ns, text, url_ns, "urn:libisms:oscal", strlen("urn:libisms:oscal"));
    assert_string_equal(text, "30921a26-96a7-5fc7-8041-5e09591ff855");
    static const char *const names[3] = { "catalog/2013", "catalog/2022", "catalog/2022-amd1" };
    for (int ed = 1; ed <= 3; ed++) {
        isms__uuid5(NULL, text, ns, names[ed - 1], strlen(names[ed - 1]));
        assert_string_equal(isms_catalog_uuid(isms_catalog_get((isms_edition)ed)), text);
    }

    /* OSCAL ids, spot checks. */
    assert_string_equal(isms_item_oscal_id(builtin(ISMS_EDITION_2022, "6.1.2")),
                        "clause-6.1.2");
    assert_string_equal(isms_item_oscal_id(builtin(ISMS_EDITION_2022, "4")), "clause-4");
    assert_string_equal(isms_item_oscal_id(builtin(ISMS_EDITION_2022, "9.3.1")),
                        "clause-9.3.1");
    assert_string_equal(isms_item_oscal_id(builtin(ISMS_EDITION_2022, "A.5.23")), "a.5.23");
    assert_string_equal(isms_item_oscal_id(builtin(ISMS_EDITION_2022, "A.8")), "a.8");
    assert_string_equal(isms_item_oscal_id(builtin(ISMS_EDITION_2022, "A")), "annex-a");
    assert_string_equal(isms_item_oscal_id(builtin(ISMS_EDITION_2022_AMD1, "4.1")),
                        "clause-4.1");
    assert_string_equal(isms_item_oscal_id(builtin(ISMS_EDITION_2022_AMD1, "A.8.34")),
                        "a.8.34");
    assert_string_equal(isms_item_oscal_id(builtin(ISMS_EDITION_2013, "A.9.2.1")), "a.9.2.1");
    assert_string_equal(isms_item_oscal_id(builtin(ISMS_EDITION_2013, "A.9.2")), "a.9.2");
    assert_string_equal(isms_item_oscal_id(builtin(ISMS_EDITION_2013, "A.18")), "a.18");
    assert_string_equal(isms_item_oscal_id(builtin(ISMS_EDITION_2013, "10.1")), "clause-10.1");

    /* Every item follows the rule, and no two items of a catalog share an OSCAL id. */
    for (int ed = 1; ed <= 3; ed++) {
        const isms_catalog *cat = isms_catalog_get((isms_edition)ed);
        size_t n = isms_catalog_count(cat);
        for (size_t i = 0; i < n; i++) {
            const isms_item *it = isms_catalog_at(cat, i);
            const char *id = isms_item_id(it), *oid = isms_item_oscal_id(it);
            char want[32];
            if (strcmp(id, "A") == 0)
                snprintf(want, sizeof want, "annex-a");
            else if (id[0] == 'A')
                snprintf(want, sizeof want, "a%s", id + 1);
            else
                snprintf(want, sizeof want, "clause-%s", id);
            assert_string_equal(oid, want);
            for (size_t j = 0; j < i; j++)
                assert_string_not_equal(isms_item_oscal_id(isms_catalog_at(cat, j)), oid);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build_sample),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_empty_catalog),
        cmocka_unit_test(test_builder_new_errors),
        cmocka_unit_test(test_builder_order),
        cmocka_unit_test(test_builder_duplicates),
        cmocka_unit_test(test_builder_groups_limit),
        cmocka_unit_test(test_builder_depth_limit),
        cmocka_unit_test(test_builder_item_limit),
        cmocka_unit_test(test_builder_nomem),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_threads_last_drop),
        cmocka_unit_test(test_colliding_ids),
        cmocka_unit_test(test_builder_label_not_id),
        cmocka_unit_test(test_assessment_basics),
        cmocka_unit_test(test_assessment_summary),
        cmocka_unit_test(test_assessment_lint),
        cmocka_unit_test(test_assessment_copy_convert),
        cmocka_unit_test(test_assessment_compare),
        cmocka_unit_test(test_assessment_nomem),
        cmocka_unit_test(test_builtin_metadata),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
