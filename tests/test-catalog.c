/* Unit tests of the catalog module: the built-in ISO/IEC 27001 catalogs, look-up, navigation,
 * ISO/IEC 27002:2022 attributes, the 2013 ↔ 2022 mapping, and a check of every fact against
 * the reference pack the data was generated from (skipped when the pack is not there). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "test-util.h"

/* The reference pack: the repository sits next to `shared`. */
#define REFERENCE ISMS_TEST_DATA "/../../../shared/reference/iso27001"

#define N_ELEMS(a) (sizeof(a) / sizeof *(a))

/* ---- helpers ---------------------------------------------------------------------------- */

static const isms_catalog *cat(isms_edition edition)
{
    const isms_catalog *c = isms_catalog_get(edition);
    assert_non_null(c);
    return c;
}

/* The item with exactly this id (clauses by plain number, Annex A items with "A."). */
static const isms_item *get(isms_edition edition, const char *id)
{
    bool annex = id[0] == 'A';
    const isms_item *item =
        isms_catalog_find(cat(edition), id, annex ? ISMS_SCOPE_ANNEX_A : ISMS_SCOPE_CLAUSES);
    if (!item || strcmp(isms_item_id(item), id) != 0)
        fail_msg("%s: no item %s", isms_edition_name(edition), id);
    return item;
}

/* Id of what isms_catalog_find() returns, or "(none)". */
static const char *find_id(isms_edition edition, const char *text, isms_scope scope)
{
    const isms_item *item = isms_catalog_find(cat(edition), text, scope);
    return item ? isms_item_id(item) : "(none)";
}

/* The edges of isms_item_map() as text: "9.2.1 superset, 9.2.2 superset", "- new". Also
 * checks that counting first gives the same number and that `from` is the item. */
static const char *map_text(char *buf, size_t size, const isms_item *item, isms_edition to)
{
    isms_mapping edges[16];
    size_t n = isms_item_map(edges, N_ELEMS(edges), item, to);
    assert_int_equal(isms_item_map(NULL, 0, item, to), n);
    assert_true(n <= N_ELEMS(edges));
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        assert_ptr_equal(edges[i].from, item);
        if (edges[i].to)
            assert_ptr_equal(isms_item_catalog(edges[i].to), isms_catalog_get(to));
        len += (size_t)snprintf(buf + len, size - len, "%s%s %s", i ? ", " : "",
                                edges[i].to ? isms_item_id(edges[i].to) : "-",
                                isms_relation_name(edges[i].relation));
        assert_true(len < size);
    }
    return buf;
}

#define assert_map(from_ed, id, to_ed, expected)                                            \
    do {                                                                                     \
        char buf_[512];                                                                      \
        assert_string_equal(map_text(buf_, sizeof buf_, get((from_ed), (id)), (to_ed)),      \
                            (expected));                                                     \
    } while (0)

/* Ids of a filter result, space-separated. */
static const char *filter_text(char *buf, size_t size, isms_edition edition,
                               const isms_attributes *want, isms_match match)
{
    const isms_item *items[100];
    size_t n = isms_catalog_filter(items, N_ELEMS(items), cat(edition), want, match);
    assert_int_equal(isms_catalog_filter(NULL, 0, cat(edition), want, match), n);
    assert_true(n <= N_ELEMS(items));
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? " " : "",
                                isms_item_id(items[i]));
        assert_true(len < size);
    }
    return buf;
}

/* Parses an attribute value that must be valid and returns its bit in `family`. */
static unsigned attr_bit(const char *text, isms_attr_family family)
{
    isms_attr_family f;
    size_t i;
    if (isms_attr_parse(&f, &i, text) != ISMS_OK)
        fail_msg("attribute %s: %s", text, isms_error_last()->message);
    assert_int_equal(f, family);
    return 1u << i;
}

/* Bits of a comma-separated list of values of one family. */
static unsigned attr_bits(const char *list, isms_attr_family family)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", list);
    unsigned bits = 0;
    for (char *save = NULL, *v = strtok_r(buf, ",", &save); v; v = strtok_r(NULL, ",", &save))
        bits |= attr_bit(v, family);
    return bits;
}

static size_t count_kind(isms_edition edition, isms_item_kind kind)
{
    const isms_catalog *c = cat(edition);
    size_t n = 0;
    for (size_t i = 0; i < isms_catalog_count(c); i++)
        n += isms_item_kind_of(isms_catalog_at(c, i)) == kind;
    return n;
}

/* ---- counts ----------------------------------------------------------------------------- */

static void test_counts_2013(void **state)
{
    (void)state;
    const isms_catalog *c = cat(ISMS_EDITION_2013);
    assert_int_equal(isms_catalog_edition(c), ISMS_EDITION_2013);
    assert_int_equal(isms_catalog_requirement_count(c, ISMS_SCOPE_CLAUSES), 26);
    assert_int_equal(isms_catalog_requirement_count(c, ISMS_SCOPE_ANNEX_A), 114);
    assert_int_equal(isms_catalog_requirement_count(c, ISMS_SCOPE_BOTH), 140);
    assert_int_equal(count_kind(ISMS_EDITION_2013, ISMS_ITEM_CHAPTER), 7);
    assert_int_equal(count_kind(ISMS_EDITION_2013, ISMS_ITEM_CLAUSE), 22);
    assert_int_equal(count_kind(ISMS_EDITION_2013, ISMS_ITEM_SUBCLAUSE), 6);
    assert_int_equal(count_kind(ISMS_EDITION_2013, ISMS_ITEM_ANNEX), 1);
    assert_int_equal(count_kind(ISMS_EDITION_2013, ISMS_ITEM_GROUP), 14);
    assert_int_equal(count_kind(ISMS_EDITION_2013, ISMS_ITEM_OBJECTIVE), 35);
    assert_int_equal(count_kind(ISMS_EDITION_2013, ISMS_ITEM_CONTROL), 114);
    assert_int_equal(isms_catalog_count(c), 35 + 1 + 14 + 35 + 114);
    assert_int_equal(isms_catalog_root_count(c), 8);
    /* Nothing is new in 2013, nothing has attributes or amendment notes. */
    for (size_t i = 0; i < isms_catalog_count(c); i++) {
        const isms_item *item = isms_catalog_at(c, i);
        assert_false(isms_item_is_new(item));
        assert_false(isms_item_attributes(NULL, item));
        assert_null(isms_item_amendment(item));
        assert_int_equal(isms_item_theme(item), ISMS_THEME_NONE);
    }
    /* The first and last requirement of each scope. */
    assert_string_equal(isms_item_id(isms_catalog_requirement(c, ISMS_SCOPE_CLAUSES, 0)), "4.1");
    assert_string_equal(isms_item_id(isms_catalog_requirement(c, ISMS_SCOPE_CLAUSES, 25)),
                        "10.2");
    assert_null(isms_catalog_requirement(c, ISMS_SCOPE_CLAUSES, 26));
    assert_string_equal(isms_item_id(isms_catalog_requirement(c, ISMS_SCOPE_ANNEX_A, 0)),
                        "A.5.1.1");
    assert_string_equal(isms_item_id(isms_catalog_requirement(c, ISMS_SCOPE_ANNEX_A, 113)),
                        "A.18.2.3");
    assert_null(isms_catalog_requirement(c, ISMS_SCOPE_ANNEX_A, 114));
    assert_string_equal(isms_item_id(isms_catalog_requirement(c, ISMS_SCOPE_BOTH, 26)),
                        "A.5.1.1");
    assert_null(isms_catalog_requirement(c, ISMS_SCOPE_BOTH, 140));
    assert_null(isms_catalog_requirement(c, (isms_scope)0, 0));
    assert_int_equal(isms_catalog_requirement_count(c, (isms_scope)7), 0);
}

static void test_counts_2022(void **state)
{
    (void)state;
    static const char *const new_ids[] = { "6.3", "A.5.7", "A.5.23", "A.5.30", "A.7.4",
                                           "A.8.9", "A.8.10", "A.8.11", "A.8.12", "A.8.16",
                                           "A.8.23", "A.8.28" };
    const isms_edition editions[] = { ISMS_EDITION_2022, ISMS_EDITION_2022_AMD1 };
    for (size_t e = 0; e < N_ELEMS(editions); e++) {
        const isms_catalog *c = cat(editions[e]);
        assert_int_equal(isms_catalog_edition(c), editions[e]);
        assert_int_equal(isms_catalog_requirement_count(c, ISMS_SCOPE_CLAUSES), 30);
        assert_int_equal(isms_catalog_requirement_count(c, ISMS_SCOPE_ANNEX_A), 93);
        assert_int_equal(isms_catalog_requirement_count(c, ISMS_SCOPE_BOTH), 123);
        assert_int_equal(count_kind(editions[e], ISMS_ITEM_CHAPTER), 7);
        assert_int_equal(count_kind(editions[e], ISMS_ITEM_CLAUSE), 23);
        assert_int_equal(count_kind(editions[e], ISMS_ITEM_SUBCLAUSE), 11);
        assert_int_equal(count_kind(editions[e], ISMS_ITEM_GROUP), 4);
        assert_int_equal(count_kind(editions[e], ISMS_ITEM_OBJECTIVE), 0);
        assert_int_equal(count_kind(editions[e], ISMS_ITEM_CONTROL), 93);
        assert_int_equal(isms_catalog_count(c), 41 + 1 + 4 + 93);
        assert_int_equal(isms_catalog_root_count(c), 8);

        size_t per_theme[5] = { 0 }, n_new = 0, n_attrs = 0;
        for (size_t i = 0; i < isms_catalog_count(c); i++) {
            const isms_item *item = isms_catalog_at(c, i);
            if (isms_item_kind_of(item) == ISMS_ITEM_CONTROL)
                per_theme[isms_item_theme(item)]++;
            if (isms_item_is_new(item)) {
                assert_true(n_new < N_ELEMS(new_ids));
                assert_string_equal(isms_item_id(item), new_ids[n_new]);
                n_new++;
            }
            n_attrs += isms_item_attributes(NULL, item);
        }
        assert_int_equal(per_theme[ISMS_THEME_NONE], 0);
        assert_int_equal(per_theme[ISMS_THEME_ORGANIZATIONAL], 37);
        assert_int_equal(per_theme[ISMS_THEME_PEOPLE], 8);
        assert_int_equal(per_theme[ISMS_THEME_PHYSICAL], 14);
        assert_int_equal(per_theme[ISMS_THEME_TECHNOLOGICAL], 34);
        assert_int_equal(n_new, 12); /* clause 6.3 and 11 controls */
        assert_int_equal(n_attrs, 93);
        assert_string_equal(isms_item_id(isms_catalog_requirement(c, ISMS_SCOPE_ANNEX_A, 92)),
                            "A.8.34");
        assert_string_equal(isms_item_id(isms_catalog_requirement(c, ISMS_SCOPE_CLAUSES, 29)),
                            "10.2");
    }
}

static void test_amendment(void **state)
{
    (void)state;
    const isms_item *a41 = get(ISMS_EDITION_2022_AMD1, "4.1");
    const isms_item *a42 = get(ISMS_EDITION_2022_AMD1, "4.2");
    assert_non_null(isms_item_amendment(a41));
    assert_non_null(strstr(isms_item_amendment(a41), "climate change"));
    assert_non_null(isms_item_amendment(a42));
    assert_non_null(strstr(isms_item_amendment(a42), "note"));
    assert_null(isms_item_amendment(get(ISMS_EDITION_2022, "4.1")));
    assert_null(isms_item_amendment(get(ISMS_EDITION_2022_AMD1, "4.3")));
    assert_null(isms_item_amendment(NULL));
    size_t n = 0;
    const isms_catalog *c = cat(ISMS_EDITION_2022_AMD1);
    for (size_t i = 0; i < isms_catalog_count(c); i++)
        n += isms_item_amendment(isms_catalog_at(c, i)) != NULL;
    assert_int_equal(n, 2);
    /* Same titles as 2022, but items of their own catalog. */
    assert_string_equal(isms_item_title(a41), isms_item_title(get(ISMS_EDITION_2022, "4.1")));
    assert_ptr_equal(isms_item_catalog(a41), isms_catalog_get(ISMS_EDITION_2022_AMD1));
    assert_ptr_not_equal(a41, get(ISMS_EDITION_2022, "4.1"));
}

static void test_null_and_unknown(void **state)
{
    (void)state;
    assert_null(isms_catalog_get(ISMS_EDITION_UNKNOWN));
    assert_null(isms_catalog_get((isms_edition)42));
    assert_int_equal(isms_catalog_edition(NULL), ISMS_EDITION_UNKNOWN);
    assert_int_equal(isms_catalog_count(NULL), 0);
    assert_int_equal(isms_catalog_root_count(NULL), 0);
    assert_int_equal(isms_catalog_requirement_count(NULL, ISMS_SCOPE_BOTH), 0);
    assert_null(isms_catalog_requirement(NULL, ISMS_SCOPE_BOTH, 0));
    assert_null(isms_catalog_at(NULL, 0));
    assert_null(isms_catalog_root(NULL, 0));
    assert_null(isms_catalog_at(cat(ISMS_EDITION_2013), 199));
    assert_null(isms_catalog_root(cat(ISMS_EDITION_2013), 8));
    assert_null(isms_catalog_find(NULL, "4.1", ISMS_SCOPE_BOTH));
    assert_string_equal(isms_item_id(NULL), "");
    assert_string_equal(isms_item_title(NULL), "");
    assert_false(isms_item_assessable(NULL));
    assert_false(isms_item_is_new(NULL));
    assert_null(isms_item_parent(NULL));
    assert_null(isms_item_catalog(NULL));
    assert_int_equal(isms_item_child_count(NULL), 0);
    assert_null(isms_item_child(NULL, 0));
    assert_int_equal(isms_item_chapter(NULL), 0);
    assert_int_equal(isms_item_theme(NULL), ISMS_THEME_NONE);
    assert_null(isms_item_group(NULL));
    isms_attributes a;
    memset(&a, 0xFF, sizeof a);
    assert_false(isms_item_attributes(&a, NULL));
    for (int f = 0; f < ISMS_ATTR_FAMILIES; f++)
        assert_int_equal(a.bits[f], 0);
    assert_int_equal(isms_item_map(NULL, 0, NULL, ISMS_EDITION_2022), 0);
    assert_int_equal(isms_item_map(NULL, 0, get(ISMS_EDITION_2013, "4.1"), ISMS_EDITION_UNKNOWN),
                     0);
    assert_int_equal(isms_catalog_filter(NULL, 0, NULL, NULL, ISMS_MATCH_ALL), 0);
}

/* ---- look-up ---------------------------------------------------------------------------- */

static void test_find_tolerant(void **state)
{
    (void)state;
    const isms_edition e22 = ISMS_EDITION_2022, e13 = ISMS_EDITION_2013;
    const isms_scope B = ISMS_SCOPE_BOTH, C = ISMS_SCOPE_CLAUSES, A = ISMS_SCOPE_ANNEX_A;
    static const char *const forms_a51[] = {
        "A.5.1", "a.5.1", "A5.1", "a5.1", "A 5.1", "A  5.1", " A.5.1 ", "\tA.5.1\n", "A.5.1.",
        "A.05.01", "A.005.1", "A . 5 . 1", "A. 5.1", "A .5.1", "A.5 .1 .",
        "\xC2\xA0" "A.5.1", "A\xC2\xA0" "5.1", "A.5\xC2\xA0.1",
    };
    for (size_t i = 0; i < N_ELEMS(forms_a51); i++)
        for (isms_scope s = C; s <= B; s++) {
            if (strcmp(find_id(e22, forms_a51[i], s), "A.5.1") != 0)
                fail_msg("\"%s\" (scope %d) gives %s", forms_a51[i], s,
                         find_id(e22, forms_a51[i], s));
        }
    static const char *const forms_612[] = { "6.1.2", " 6.1.2", "6.1.2.", "06.01.02",
                                             "6 . 1 . 2", "§6.1.2", "§ 6.1.2", " § 6.1.2. " };
    for (size_t i = 0; i < N_ELEMS(forms_612); i++) {
        assert_string_equal(find_id(e22, forms_612[i], B), "6.1.2");
        assert_string_equal(find_id(e22, forms_612[i], C), "6.1.2");
        assert_string_equal(find_id(e13, forms_612[i], C), "6.1.2");
    }
    /* 2013: A.5.1 is an objective, A.5.1.1 a control, A.5 a domain. */
    assert_string_equal(find_id(e13, "A.5.1", B), "A.5.1");
    assert_int_equal(isms_item_kind_of(get(e13, "A.5.1")), ISMS_ITEM_OBJECTIVE);
    assert_string_equal(find_id(e13, "a 5.1.1.", B), "A.5.1.1");
    assert_string_equal(find_id(e13, "A.18", B), "A.18");
    assert_string_equal(find_id(e13, "A18", B), "A.18");
    /* Annex A itself, chapters. */
    assert_string_equal(find_id(e22, "A", B), "A");
    assert_string_equal(find_id(e22, " a ", C), "A");
    assert_string_equal(find_id(e22, "A", A), "A");
    assert_string_equal(find_id(e22, "10", B), "10");
    assert_string_equal(find_id(e22, "10.", C), "10");
    assert_string_equal(find_id(e22, "10.2", B), "10.2");
    assert_string_equal(find_id(e22, "A.8.34", B), "A.8.34");
}

static void test_find_scope(void **state)
{
    (void)state;
    const isms_edition e22 = ISMS_EDITION_2022, e13 = ISMS_EDITION_2013;
    const isms_scope B = ISMS_SCOPE_BOTH, C = ISMS_SCOPE_CLAUSES, A = ISMS_SCOPE_ANNEX_A;
    /* A plain number is a clause with clauses in scope, the Annex A item otherwise. */
    assert_string_equal(find_id(e22, "5.1", C), "5.1");
    assert_string_equal(find_id(e22, "5.1", B), "5.1");
    assert_string_equal(find_id(e22, "5.1", A), "A.5.1");
    assert_string_equal(find_id(e22, "8.34", A), "A.8.34");
    assert_string_equal(find_id(e22, "5", A), "A.5");
    assert_string_equal(find_id(e13, "9.2.1", A), "A.9.2.1");
    assert_string_equal(find_id(e13, "9.2.1", C), "(none)");
    assert_string_equal(find_id(e22, "9.2.1", C), "9.2.1");
    assert_string_equal(find_id(e22, "§5.1", A), "A.5.1");
    /* No fall-back to the other part: 8.34 is no clause, 6.1.2 no control. */
    assert_string_equal(find_id(e22, "8.34", C), "(none)");
    assert_string_equal(find_id(e22, "8.34", B), "(none)");
    assert_string_equal(find_id(e22, "6.1.2", A), "(none)");
    assert_string_equal(find_id(e22, "4", A), "(none)");
    /* An A prefix always means Annex A. */
    assert_string_equal(find_id(e22, "A.6.1", C), "A.6.1");
    /* Scope values outside the enum find nothing. */
    assert_string_equal(find_id(e22, "5.1", (isms_scope)0), "(none)");
    assert_string_equal(find_id(e22, "A.5.1", (isms_scope)4), "(none)");
}

static void test_find_rejects(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "A.5.99", "6.1.2 text", "6.1.2 Bedömning av informationssäkerhetsrisker", "", "   ",
        "A.", "A. ", "1.2.3.4.5", "A.5.1.1.1", "6..1", ".6.1", "6.1..", "A..5", "AA.5.1",
        "A.5.1x", "x", "§", "§A.5.1", "-5.1", "+5.1", "5,1", "A/5.1", "6.1.2.3",
        "99999999999999999999", "4.256", "4.257" /* would alias 5.1 in a 3×8-bit key */,
        "A.4.257", "Annex A", "0", "3.1", "A.4", "A.19", "A.8.35",
        "A.5.0", "5.1\x01", "5.1\xC2", ("A\xC2" "5.1"),
    };
    for (size_t i = 0; i < N_ELEMS(bad); i++)
        for (isms_scope s = ISMS_SCOPE_CLAUSES; s <= ISMS_SCOPE_BOTH; s++)
            for (isms_edition e = ISMS_EDITION_2013; e <= ISMS_EDITION_2022_AMD1; e++)
                if (strcmp(find_id(e, bad[i], s), "(none)") != 0)
                    fail_msg("\"%s\" (edition %d, scope %d) gives %s", bad[i], e, s,
                             find_id(e, bad[i], s));
    assert_null(isms_catalog_find(cat(ISMS_EDITION_2022), NULL, ISMS_SCOPE_BOTH));
    /* Ids of one edition that the other does not have. */
    assert_string_equal(find_id(ISMS_EDITION_2022, "A.5.1.1", ISMS_SCOPE_BOTH), "(none)");
    assert_string_equal(find_id(ISMS_EDITION_2013, "A.5.37", ISMS_SCOPE_BOTH), "(none)");
    assert_string_equal(find_id(ISMS_EDITION_2013, "6.3", ISMS_SCOPE_BOTH), "(none)");
}

/* Every item is found by its own id, also with "a " or "§" and with a final dot. */
static void test_find_every_item(void **state)
{
    (void)state;
    for (isms_edition e = ISMS_EDITION_2013; e <= ISMS_EDITION_2022_AMD1; e++) {
        const isms_catalog *c = cat(e);
        for (size_t i = 0; i < isms_catalog_count(c); i++) {
            const isms_item *item = isms_catalog_at(c, i);
            const char *id = isms_item_id(item);
            bool annex = id[0] == 'A';
            char buf[64];
            assert_ptr_equal(isms_catalog_find(c, id, ISMS_SCOPE_BOTH), item);
            assert_ptr_equal(isms_catalog_find(c, id, annex ? ISMS_SCOPE_ANNEX_A
                                                            : ISMS_SCOPE_CLAUSES), item);
            snprintf(buf, sizeof buf, " %s. ", id);
            /* … except "A.", which is rejected as a truncated id */
            assert_ptr_equal(isms_catalog_find(c, buf, ISMS_SCOPE_BOTH),
                             strcmp(id, "A") == 0 ? NULL : item);
            if (annex && id[1] == '.') {
                snprintf(buf, sizeof buf, "a %s", id + 2);
                assert_ptr_equal(isms_catalog_find(c, buf, ISMS_SCOPE_CLAUSES), item);
                assert_ptr_equal(isms_catalog_find(c, id + 2, ISMS_SCOPE_ANNEX_A), item);
            } else if (!annex) {
                snprintf(buf, sizeof buf, "§%s", id);
                assert_ptr_equal(isms_catalog_find(c, buf, ISMS_SCOPE_CLAUSES), item);
            }
        }
    }
}

/* ---- tree ------------------------------------------------------------------------------- */

/* Walks the tree from the roots depth first and checks it visits isms_catalog_at() order. */
static void walk(const isms_item *item, const isms_catalog *c, size_t *pos)
{
    assert_ptr_equal(isms_catalog_at(c, *pos), item);
    (*pos)++;
    for (size_t i = 0; i < isms_item_child_count(item); i++) {
        const isms_item *child = isms_item_child(item, i);
        assert_non_null(child);
        assert_ptr_equal(isms_item_parent(child), item);
        walk(child, c, pos);
    }
    assert_null(isms_item_child(item, isms_item_child_count(item)));
}

static void test_tree(void **state)
{
    (void)state;
    static const char *const roots[] = { "4", "5", "6", "7", "8", "9", "10", "A" };
    for (isms_edition e = ISMS_EDITION_2013; e <= ISMS_EDITION_2022_AMD1; e++) {
        const isms_catalog *c = cat(e);
        size_t pos = 0;
        for (size_t r = 0; r < isms_catalog_root_count(c); r++) {
            const isms_item *root = isms_catalog_root(c, r);
            assert_string_equal(isms_item_id(root), roots[r]);
            assert_null(isms_item_parent(root));
            walk(root, c, &pos);
        }
        assert_int_equal(pos, isms_catalog_count(c));

        for (size_t i = 0; i < isms_catalog_count(c); i++) {
            const isms_item *item = isms_catalog_at(c, i);
            const isms_item *parent = isms_item_parent(item);
            const char *id = isms_item_id(item);
            isms_item_kind kind = isms_item_kind_of(item);
            assert_ptr_equal(isms_item_catalog(item), c);
            assert_true(isms_item_title(item)[0] != '\0');
            /* The parent appears among its children exactly once. */
            if (parent) {
                size_t seen = 0;
                for (size_t k = 0; k < isms_item_child_count(parent); k++)
                    seen += isms_item_child(parent, k) == item;
                assert_int_equal(seen, 1);
                /* A child's id extends its parent's ("A" → "A.5" → "A.5.1"). */
                size_t plen = strlen(isms_item_id(parent));
                assert_memory_equal(id, isms_item_id(parent), plen);
                assert_int_equal(id[plen], '.');
            }
            /* Ids are unique (find gives this item back, checked above) and sorted. */
            if (i > 0 && (id[0] == 'A') == (isms_item_id(isms_catalog_at(c, i - 1))[0] == 'A'))
                assert_true(isms__natcmp(isms_item_id(isms_catalog_at(c, i - 1)), id) < 0);
            /* Assessable: leaf clauses and controls only. */
            if (kind == ISMS_ITEM_CONTROL)
                assert_true(isms_item_assessable(item));
            if (kind == ISMS_ITEM_CLAUSE || kind == ISMS_ITEM_SUBCLAUSE)
                assert_int_equal(isms_item_assessable(item), isms_item_child_count(item) == 0);
            if (kind == ISMS_ITEM_CHAPTER || kind == ISMS_ITEM_ANNEX || kind == ISMS_ITEM_GROUP
                || kind == ISMS_ITEM_OBJECTIVE)
                assert_false(isms_item_assessable(item));
            /* Chapter, group and theme. */
            if (id[0] == 'A') {
                assert_int_equal(isms_item_chapter(item), 0);
                if (kind == ISMS_ITEM_ANNEX) {
                    assert_null(isms_item_group(item));
                } else {
                    const isms_item *g = isms_item_group(item);
                    assert_non_null(g);
                    assert_int_equal(isms_item_kind_of(g), ISMS_ITEM_GROUP);
                    assert_ptr_equal(isms_item_parent(g), isms_catalog_root(c, 7));
                    if (kind == ISMS_ITEM_GROUP)
                        assert_ptr_equal(g, item);
                    else
                        assert_int_equal(strncmp(id, isms_item_id(g), strlen(isms_item_id(g))),
                                         0);
                    if (e == ISMS_EDITION_2013)
                        assert_int_equal(isms_item_theme(item), ISMS_THEME_NONE);
                    else
                        assert_int_equal(isms_item_theme(item), id[2] - '4');
                }
            } else {
                assert_null(isms_item_group(item));
                assert_int_equal(isms_item_theme(item), ISMS_THEME_NONE);
                assert_int_equal(isms_item_chapter(item), atoi(id));
            }
        }
    }
    /* Hand-checked spots. */
    const isms_item *x = get(ISMS_EDITION_2013, "A.9.2.1");
    assert_string_equal(isms_item_title(x), "User registration and de-registration");
    assert_string_equal(isms_item_id(isms_item_parent(x)), "A.9.2");
    assert_string_equal(isms_item_title(isms_item_parent(x)), "User access management");
    assert_string_equal(isms_item_id(isms_item_group(x)), "A.9");
    assert_string_equal(isms_item_title(isms_item_group(x)), "Access control");
    assert_int_equal(isms_item_child_count(isms_item_parent(x)), 6);
    x = get(ISMS_EDITION_2022, "A.8.16");
    assert_string_equal(isms_item_title(x), "Monitoring activities");
    assert_int_equal(isms_item_theme(x), ISMS_THEME_TECHNOLOGICAL);
    assert_string_equal(isms_item_id(isms_item_group(x)), "A.8");
    assert_string_equal(isms_item_title(isms_item_group(x)), "Technological controls");
    assert_int_equal(isms_item_child_count(isms_item_group(x)), 34);
    assert_int_equal(isms_item_child_count(get(ISMS_EDITION_2022, "A.5")), 37);
    assert_int_equal(isms_item_child_count(get(ISMS_EDITION_2022, "A")), 4);
    assert_int_equal(isms_item_child_count(get(ISMS_EDITION_2013, "A")), 14);
    assert_int_equal(isms_item_kind_of(get(ISMS_EDITION_2022, "A")), ISMS_ITEM_ANNEX);
    x = get(ISMS_EDITION_2022, "9.3.2");
    assert_string_equal(isms_item_title(x), "Management review inputs");
    assert_int_equal(isms_item_kind_of(x), ISMS_ITEM_SUBCLAUSE);
    assert_int_equal(isms_item_chapter(x), 9);
    assert_false(isms_item_assessable(isms_item_parent(x)));
    assert_true(isms_item_assessable(get(ISMS_EDITION_2013, "9.3")));
    assert_string_equal(isms_item_title(get(ISMS_EDITION_2022, "10.1")), "Continual improvement");
    assert_string_equal(isms_item_title(get(ISMS_EDITION_2013, "10.1")),
                        "Nonconformity and corrective action");
    assert_int_equal(isms_item_chapter(get(ISMS_EDITION_2013, "10")), 10);
}

/* ---- attributes ------------------------------------------------------------------------- */

static void test_attributes_of_controls(void **state)
{
    (void)state;
    /* Hand-copied from attributes-2022.tsv. */
    static const struct {
        const char *id;
        const char *cells[ISMS_ATTR_FAMILIES];
    } rows[] = {
        { "A.5.1", { "Preventive", "Confidentiality,Integrity,Availability", "Identify",
                     "Governance", "Governance_and_Ecosystem,Resilience" } },
        { "A.8.16", { "Detective,Corrective", "Confidentiality,Integrity,Availability",
                      "Detect,Respond", "Information_security_event_management", "Defence" } },
        { "A.7.4", { "Preventive,Detective", "Confidentiality,Integrity,Availability",
                     "Protect,Detect", "Physical_security", "Protection,Defence" } },
        { "A.8.8", { "Preventive", "Confidentiality,Integrity,Availability", "Identify,Protect",
                     "Threat_and_vulnerability_management",
                     "Governance_and_Ecosystem,Protection,Defence" } },
    };
    for (size_t r = 0; r < N_ELEMS(rows); r++) {
        isms_attributes a;
        const isms_item *item = get(ISMS_EDITION_2022, rows[r].id);
        assert_true(isms_item_attributes(&a, item));
        for (int f = 0; f < ISMS_ATTR_FAMILIES; f++)
            assert_int_equal(a.bits[f], attr_bits(rows[r].cells[f], (isms_attr_family)f));
        /* The amended edition has the same attributes. */
        isms_attributes b;
        assert_true(isms_item_attributes(&b, get(ISMS_EDITION_2022_AMD1, rows[r].id)));
        assert_memory_equal(&a, &b, sizeof a);
    }
    /* By bit number, as the header documents them. */
    isms_attributes a;
    assert_true(isms_item_attributes(&a, get(ISMS_EDITION_2022, "A.8.16")));
    assert_int_equal(a.bits[ISMS_ATTR_CONTROL_TYPE], 0x6);  /* Detective, Corrective */
    assert_int_equal(a.bits[ISMS_ATTR_PROPERTIES], 0x7);
    assert_int_equal(a.bits[ISMS_ATTR_CONCEPTS], 0xC);      /* Detect, Respond */
    assert_int_equal(a.bits[ISMS_ATTR_CAPABILITIES], 1u << 13);
    assert_int_equal(a.bits[ISMS_ATTR_DOMAINS], 0x4);       /* Defence */
    /* Items without attributes. */
    memset(&a, 0xFF, sizeof a);
    assert_false(isms_item_attributes(&a, get(ISMS_EDITION_2022, "A.8")));
    for (int f = 0; f < ISMS_ATTR_FAMILIES; f++)
        assert_int_equal(a.bits[f], 0);
    assert_false(isms_item_attributes(&a, get(ISMS_EDITION_2022, "6.1.2")));
    assert_false(isms_item_attributes(&a, get(ISMS_EDITION_2013, "A.5.1.1")));
}

static void test_attr_names(void **state)
{
    (void)state;
    static const size_t counts[] = { 3, 3, 5, 15, 4 };
    static const char *const families[] = { "control_type", "properties", "concepts",
                                            "capabilities", "domains" };
    for (int f = 0; f < ISMS_ATTR_FAMILIES; f++) {
        assert_int_equal(isms_attr_count((isms_attr_family)f), counts[f]);
        assert_string_equal(isms_attr_family_name((isms_attr_family)f), families[f]);
        assert_null(isms_attr_name((isms_attr_family)f, counts[f]));
        assert_null(isms_attr_label((isms_attr_family)f, counts[f], ISMS_LANG_SV));
    }
    assert_int_equal(isms_attr_count((isms_attr_family)5), 0);
    assert_int_equal(isms_attr_count((isms_attr_family)-1), 0);
    assert_null(isms_attr_family_name((isms_attr_family)5));
    assert_null(isms_attr_name((isms_attr_family)5, 0));
    assert_null(isms_attr_label(ISMS_ATTR_CONCEPTS, 0, (isms_lang)9));

    assert_string_equal(isms_attr_name(ISMS_ATTR_PROPERTIES, 0), "Confidentiality");
    assert_string_equal(isms_attr_name(ISMS_ATTR_CONCEPTS, 2), "Detect");
    assert_string_equal(isms_attr_name(ISMS_ATTR_DOMAINS, 0), "Governance_and_Ecosystem");
    assert_string_equal(isms_attr_name(ISMS_ATTR_DOMAINS, 2), "Defence");
    assert_string_equal(isms_attr_name(ISMS_ATTR_CAPABILITIES, 14),
                        "Information_security_assurance");
    assert_string_equal(isms_attr_label(ISMS_ATTR_DOMAINS, 0, ISMS_LANG_EN),
                        "Governance and Ecosystem");
    assert_string_equal(isms_attr_label(ISMS_ATTR_DOMAINS, 0, ISMS_LANG_SV),
                        "Styrning och ekosystem");
    assert_string_equal(isms_attr_label(ISMS_ATTR_PROPERTIES, 0, ISMS_LANG_SV),
                        "Konfidentialitet");
    assert_string_equal(isms_attr_label(ISMS_ATTR_PROPERTIES, 1, ISMS_LANG_SV), "Riktighet");
    assert_string_equal(isms_attr_label(ISMS_ATTR_CONTROL_TYPE, 1, ISMS_LANG_SV),
                        "Upptäckande");
    assert_string_equal(isms_attr_label(ISMS_ATTR_CONCEPTS, 4, ISMS_LANG_SV), "Återställa");
    assert_string_equal(isms_attr_label(ISMS_ATTR_DOMAINS, 3, ISMS_LANG_SV), "Motståndskraft");

    /* Every name, English and Swedish label parses back to its value, and no two values
     * share a label. */
    for (int f = 0; f < ISMS_ATTR_FAMILIES; f++)
        for (size_t i = 0; i < isms_attr_count((isms_attr_family)f); i++) {
            const char *texts[] = { isms_attr_name((isms_attr_family)f, i),
                                    isms_attr_label((isms_attr_family)f, i, ISMS_LANG_EN),
                                    isms_attr_label((isms_attr_family)f, i, ISMS_LANG_SV) };
            for (size_t t = 0; t < N_ELEMS(texts); t++) {
                isms_attr_family pf;
                size_t pi;
                assert_non_null(texts[t]);
                assert_null(strchr(isms_attr_label((isms_attr_family)f, i, ISMS_LANG_EN), '_'));
                if (isms_attr_parse(&pf, &pi, texts[t]) != ISMS_OK)
                    fail_msg("%s: %s", texts[t], isms_error_last()->message);
                assert_int_equal(pf, f);
                assert_int_equal(pi, i);
                char hashtag[128];
                snprintf(hashtag, sizeof hashtag, "#%s", texts[t]);
                assert_int_equal(isms_attr_parse(&pf, &pi, hashtag), ISMS_OK);
                assert_int_equal(pf, f);
                assert_int_equal(pi, i);
            }
        }
}

static void test_attr_parse(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        isms_attr_family family;
        size_t index;
    } good[] = {
        { "#Detect", ISMS_ATTR_CONCEPTS, 2 },
        { "detect", ISMS_ATTR_CONCEPTS, 2 },
        { "DETECT", ISMS_ATTR_CONCEPTS, 2 },
        { "Detektera", ISMS_ATTR_CONCEPTS, 2 },
        { "upptäcka", ISMS_ATTR_CONCEPTS, 2 },
        { "Detective", ISMS_ATTR_CONTROL_TYPE, 1 },
        { "  #Preventive  ", ISMS_ATTR_CONTROL_TYPE, 0 },
        { "förebyggande", ISMS_ATTR_CONTROL_TYPE, 0 },
        { "Governance_and_Ecosystem", ISMS_ATTR_DOMAINS, 0 },
        { "governance and ecosystem", ISMS_ATTR_DOMAINS, 0 },
        { "#governance_AND ecosystem", ISMS_ATTR_DOMAINS, 0 },
        { "Governance", ISMS_ATTR_CAPABILITIES, 0 },
        { "Defense", ISMS_ATTR_DOMAINS, 2 },
        { "#defense", ISMS_ATTR_DOMAINS, 2 },
        { "Defence", ISMS_ATTR_DOMAINS, 2 },
        { "FÖRSVAR", ISMS_ATTR_DOMAINS, 2 },
        { "Protect", ISMS_ATTR_CONCEPTS, 1 },
        { "Protection", ISMS_ATTR_DOMAINS, 1 },
        { "Skydda", ISMS_ATTR_CONCEPTS, 1 },
        { "Skydd", ISMS_ATTR_DOMAINS, 1 },
        { "Tillgänglighet", ISMS_ATTR_PROPERTIES, 2 },
        { "identity_and_access_management", ISMS_ATTR_CAPABILITIES, 8 },
        { "#Information_security_event_management", ISMS_ATTR_CAPABILITIES, 13 },
        { "Hantera", ISMS_ATTR_CONCEPTS, 3 },
        { "Återställa", ISMS_ATTR_CONCEPTS, 4 },
        { "Styrning och ekosystem", ISMS_ATTR_DOMAINS, 0 },
        { "Motståndskraft", ISMS_ATTR_DOMAINS, 3 },
    };
    for (size_t i = 0; i < N_ELEMS(good); i++) {
        isms_attr_family f = (isms_attr_family)99;
        size_t ix = 99;
        if (isms_attr_parse(&f, &ix, good[i].text) != ISMS_OK)
            fail_msg("%s: %s", good[i].text, isms_error_last()->message);
        if (f != good[i].family || ix != good[i].index)
            fail_msg("%s: got %d/%zu", good[i].text, f, ix);
    }
    static const char *const bad[] = { "", "#", "Detects", "Detect Respond", "##Detect",
                                       "Governance and", "Confidentiality,Integrity",
                                       "Defense!", "Ecosystem" };
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        isms_attr_family f = (isms_attr_family)99;
        size_t ix = 99;
        assert_int_equal(isms_attr_parse(&f, &ix, bad[i]), ISMS_EPARSE);
        assert_error(ISMS_EPARSE, "attribute value");
        assert_int_equal(f, 99); /* untouched */
        assert_int_equal(ix, 99);
    }
    assert_int_equal(isms_attr_parse(&(isms_attr_family){ 0 }, &(size_t){ 0 }, "Detects-x"),
                     ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "\"Detects-x\"");
    char longtext[600];
    memset(longtext, 'x', sizeof longtext - 1);
    longtext[sizeof longtext - 1] = '\0';
    assert_int_equal(isms_attr_parse(&(isms_attr_family){ 0 }, &(size_t){ 0 }, longtext),
                     ISMS_EPARSE);
    assert_int_equal(isms_attr_parse(NULL, &(size_t){ 0 }, "Detect"), ISMS_EINVAL);
    assert_int_equal(isms_attr_parse(&(isms_attr_family){ 0 }, NULL, "Detect"), ISMS_EINVAL);
    assert_int_equal(isms_attr_parse(&(isms_attr_family){ 0 }, &(size_t){ 0 }, NULL),
                     ISMS_EINVAL);
}

static void test_filter(void **state)
{
    (void)state;
    char buf[1024];
    isms_attributes want;
    const isms_edition e22 = ISMS_EDITION_2022;

    /* The header's example: property confidentiality and concept detect. Derived by hand from
     * attributes-2022.tsv. */
    memset(&want, 0, sizeof want);
    want.bits[ISMS_ATTR_PROPERTIES] = 1u << 0;
    want.bits[ISMS_ATTR_CONCEPTS] = 1u << 2;
    const char *conf_detect =
        "A.5.7 A.5.25 A.5.28 A.6.8 A.7.4 A.8.7 A.8.12 A.8.15 A.8.16 A.8.20 A.8.30";
    assert_string_equal(filter_text(buf, sizeof buf, e22, &want, ISMS_MATCH_ALL), conf_detect);
    /* One value per family: ANY is the same as ALL. */
    assert_string_equal(filter_text(buf, sizeof buf, e22, &want, ISMS_MATCH_ANY), conf_detect);
    assert_string_equal(filter_text(buf, sizeof buf, ISMS_EDITION_2022_AMD1, &want,
                                    ISMS_MATCH_ALL), conf_detect);

    /* Recover. */
    memset(&want, 0, sizeof want);
    want.bits[ISMS_ATTR_CONCEPTS] = 1u << 4;
    assert_string_equal(filter_text(buf, sizeof buf, e22, &want, ISMS_MATCH_ALL),
                        "A.5.5 A.5.6 A.5.24 A.5.26 A.5.37 A.8.13");

    /* Respond and/or Recover. */
    want.bits[ISMS_ATTR_CONCEPTS] = 1u << 3 | 1u << 4;
    assert_string_equal(filter_text(buf, sizeof buf, e22, &want, ISMS_MATCH_ALL),
                        "A.5.5 A.5.6 A.5.24 A.5.26");
    assert_string_equal(filter_text(buf, sizeof buf, e22, &want, ISMS_MATCH_ANY),
                        "A.5.5 A.5.6 A.5.7 A.5.24 A.5.25 A.5.26 A.5.28 A.5.29 A.5.30 A.5.37 "
                        "A.6.4 A.8.13 A.8.16");

    /* Corrective, with Continuity and/or Physical_security: ANY needs every family with a
     * request (Corrective) and one value within the other. */
    memset(&want, 0, sizeof want);
    want.bits[ISMS_ATTR_CONTROL_TYPE] = 1u << 2;
    want.bits[ISMS_ATTR_CAPABILITIES] = 1u << 10 | 1u << 4;
    assert_string_equal(filter_text(buf, sizeof buf, e22, &want, ISMS_MATCH_ANY),
                        "A.5.29 A.5.30 A.5.37 A.8.13");
    assert_string_equal(filter_text(buf, sizeof buf, e22, &want, ISMS_MATCH_ALL), "A.5.37");

    /* Detective, alone or with other types: 13 controls. */
    memset(&want, 0, sizeof want);
    want.bits[ISMS_ATTR_CONTROL_TYPE] = 1u << 1;
    assert_string_equal(filter_text(buf, sizeof buf, e22, &want, ISMS_MATCH_ALL),
                        "A.5.7 A.5.25 A.6.8 A.7.4 A.7.11 A.8.6 A.8.7 A.8.12 A.8.15 A.8.16 "
                        "A.8.17 A.8.20 A.8.30");

    /* No request: every control; a value no control has (bit 15 of control type): none. */
    memset(&want, 0, sizeof want);
    assert_int_equal(isms_catalog_filter(NULL, 0, cat(e22), &want, ISMS_MATCH_ALL), 93);
    assert_int_equal(isms_catalog_filter(NULL, 0, cat(e22), NULL, ISMS_MATCH_ANY), 93);
    want.bits[ISMS_ATTR_CONTROL_TYPE] = 1u << 15;
    assert_int_equal(isms_catalog_filter(NULL, 0, cat(e22), &want, ISMS_MATCH_ALL), 0);
    assert_int_equal(isms_catalog_filter(NULL, 0, cat(e22), &want, ISMS_MATCH_ANY), 0);
    /* 2013 has no attributes; an unknown match mode matches nothing. */
    memset(&want, 0, sizeof want);
    assert_int_equal(isms_catalog_filter(NULL, 0, cat(ISMS_EDITION_2013), &want,
                                         ISMS_MATCH_ALL), 0);
    assert_int_equal(isms_catalog_filter(NULL, 0, cat(e22), &want, (isms_match)2), 0);

    /* A small array gets the first matches in document order; the count is the total. */
    const isms_item *two[3] = { NULL, NULL, NULL };
    want.bits[ISMS_ATTR_CONCEPTS] = 1u << 4;
    assert_int_equal(isms_catalog_filter(two, 2, cat(e22), &want, ISMS_MATCH_ALL), 6);
    assert_string_equal(isms_item_id(two[0]), "A.5.5");
    assert_string_equal(isms_item_id(two[1]), "A.5.6");
    assert_null(two[2]);
}

/* ---- mapping ---------------------------------------------------------------------------- */

static void test_map_examples(void **state)
{
    (void)state;
    const isms_edition e13 = ISMS_EDITION_2013, e22 = ISMS_EDITION_2022,
                       amd = ISMS_EDITION_2022_AMD1;
    /* The swap of 10.1 and 10.2. */
    assert_map(e13, "10.1", e22, "10.2 equal");
    assert_map(e13, "10.2", e22, "10.1 equal");
    assert_map(e22, "10.1", e13, "10.2 equal");
    assert_map(e22, "10.2", e13, "10.1 equal");
    /* A split clause, both ways. */
    assert_map(e13, "9.2", e22, "9.2.1 superset, 9.2.2 superset");
    assert_map(e22, "9.2.1", e13, "9.2 subset");
    assert_map(e22, "9.2.2", e13, "9.2 subset");
    assert_map(e13, "9.3", e22, "9.3.1 superset, 9.3.2 superset, 9.3.3 superset");
    /* New in 2022. */
    assert_map(e22, "6.3", e13, "- new");
    assert_map(e22, "A.5.7", e13, "- new");
    assert_map(e22, "A.8.28", e13, "- new");
    /* Annex A: one control to two, retargeted rows, a merger read backwards. */
    assert_map(e13, "A.18.2.3", e22, "A.5.36 subset, A.8.8 intersect");
    assert_map(e13, "A.13.2.1", e22, "A.5.14 subset");
    assert_map(e13, "A.13.2.3", e22, "A.5.14 subset");
    assert_map(e22, "A.5.18", e13, "A.9.2.2 superset, A.9.2.5 superset, A.9.2.6 superset");
    assert_map(e22, "A.5.14", e13, "A.13.2.1 superset, A.13.2.2 superset, A.13.2.3 superset");
    assert_map(e22, "A.8.8", e13, "A.12.6.1 superset, A.18.2.3 intersect");
    assert_map(e13, "A.11.2.6", e22, "A.7.9 superset");
    assert_map(e22, "A.7.9", e13, "A.11.2.6 subset");
    assert_map(e13, "A.6.1.1", e22, "A.5.2 equal");
    assert_map(e13, "6.1.2", e22, "6.1.2 equal");
    /* The amended edition maps to 2013 as 2022 does, and back. */
    assert_map(amd, "9.2.1", e13, "9.2 subset");
    assert_map(amd, "A.5.18", e13, "A.9.2.2 superset, A.9.2.5 superset, A.9.2.6 superset");
    assert_map(amd, "6.3", e13, "- new");
    assert_map(e13, "A.18.2.3", amd, "A.5.36 subset, A.8.8 intersect");
    assert_map(e13, "4.1", amd, "4.1 equal");
    /* 2022 ↔ amended: the same item, equal, but 4.1 gained a requirement. */
    assert_map(e22, "4.1", amd, "4.1 subset");
    assert_map(amd, "4.1", e22, "4.1 superset");
    assert_map(e22, "4.2", amd, "4.2 equal");
    assert_map(amd, "4.2", e22, "4.2 equal");
    assert_map(e22, "A.5.7", amd, "A.5.7 equal");
    assert_map(e22, "9.2", amd, "9.2 equal");  /* not assessable: still the same item */
    assert_map(amd, "A", e22, "A equal");
    /* Same edition: itself. */
    assert_map(e13, "A.9.2", e13, "A.9.2 equal");
    assert_map(amd, "4.1", amd, "4.1 equal");
    /* Not assessable: no mapping between 2013 and 2022. */
    assert_map(e13, "9", e22, "");
    assert_map(e13, "6.1", e22, "");
    assert_map(e13, "A.9.2", e22, "");
    assert_map(e22, "9.2", e13, "");
    assert_map(e22, "A.8", e13, "");
    assert_map(amd, "A", e13, "");

    /* Only `cap` edges are written; the count is the total. */
    isms_mapping one[2];
    memset(one, 0, sizeof one);
    assert_int_equal(isms_item_map(one, 1, get(e13, "9.3"), e22), 3);
    assert_string_equal(isms_item_id(one[0].to), "9.3.1");
    assert_null(one[1].from);
    assert_int_equal(isms_item_map(NULL, 5, get(e13, "9.3"), e22), 3);
}

/* Every 2013 requirement maps to an existing 2022 requirement; every 2022 requirement except
 * the new ones has a 2013 source; and the two directions are the same edges. */
static void test_map_complete(void **state)
{
    (void)state;
    const isms_catalog *c13 = cat(ISMS_EDITION_2013), *c22 = cat(ISMS_EDITION_2022);
    size_t forward = 0, backward = 0;
    for (size_t i = 0; i < isms_catalog_requirement_count(c13, ISMS_SCOPE_BOTH); i++) {
        const isms_item *item = isms_catalog_requirement(c13, ISMS_SCOPE_BOTH, i);
        isms_mapping m[8];
        size_t n = isms_item_map(m, N_ELEMS(m), item, ISMS_EDITION_2022);
        assert_true(n >= 1 && n <= N_ELEMS(m));
        for (size_t k = 0; k < n; k++) {
            assert_non_null(m[k].to);
            assert_true(isms_item_assessable(m[k].to));
            assert_int_not_equal(m[k].relation, ISMS_RELATION_REMOVED);
            assert_int_not_equal(m[k].relation, ISMS_RELATION_NEW);
            /* Clauses map to clauses, controls to controls. */
            assert_int_equal(isms_item_id(item)[0] == 'A', isms_item_id(m[k].to)[0] == 'A');
            /* The reverse edge exists, with subset and superset swapped. */
            isms_mapping r[8];
            size_t nr = isms_item_map(r, N_ELEMS(r), m[k].to, ISMS_EDITION_2013);
            size_t found = 0;
            for (size_t j = 0; j < nr; j++)
                if (r[j].to == item) {
                    isms_relation want = m[k].relation == ISMS_RELATION_SUBSET
                                             ? ISMS_RELATION_SUPERSET
                                         : m[k].relation == ISMS_RELATION_SUPERSET
                                             ? ISMS_RELATION_SUBSET
                                             : m[k].relation;
                    assert_int_equal(r[j].relation, want);
                    found++;
                }
            assert_int_equal(found, 1);
        }
        forward += n;
    }
    size_t n_new = 0;
    for (size_t i = 0; i < isms_catalog_requirement_count(c22, ISMS_SCOPE_BOTH); i++) {
        const isms_item *item = isms_catalog_requirement(c22, ISMS_SCOPE_BOTH, i);
        isms_mapping m[8];
        size_t n = isms_item_map(m, N_ELEMS(m), item, ISMS_EDITION_2013);
        assert_true(n >= 1 && n <= N_ELEMS(m));
        if (isms_item_is_new(item)) {
            assert_int_equal(n, 1);
            assert_null(m[0].to);
            assert_int_equal(m[0].relation, ISMS_RELATION_NEW);
            n_new++;
        } else {
            for (size_t k = 0; k < n; k++)
                assert_non_null(m[k].to);
            backward += n;
        }
    }
    assert_int_equal(n_new, 12);
    assert_int_equal(forward, 144); /* the rows of mapping-2013-2022.tsv */
    assert_int_equal(backward, 144);
}

/* ---- editions and labels ---------------------------------------------------------------- */

static void test_editions(void **state)
{
    (void)state;
    assert_string_equal(isms_edition_name(ISMS_EDITION_2013), "ISO/IEC 27001:2013");
    assert_string_equal(isms_edition_name(ISMS_EDITION_2022), "ISO/IEC 27001:2022");
    assert_string_equal(isms_edition_name(ISMS_EDITION_2022_AMD1),
                        "ISO/IEC 27001:2022/Amd 1:2024");
    assert_string_equal(isms_edition_name(ISMS_EDITION_UNKNOWN), "");
    assert_string_equal(isms_edition_name((isms_edition)17), "");

    static const struct {
        const char *text;
        isms_edition edition;
    } good[] = {
        { "2013", ISMS_EDITION_2013 },
        { "2022", ISMS_EDITION_2022 },
        { "2024", ISMS_EDITION_2022_AMD1 },
        { " 2022 ", ISMS_EDITION_2022 },
        { "ISO/IEC 27001:2013", ISMS_EDITION_2013 },
        { "iso/iec 27001:2013", ISMS_EDITION_2013 },
        { "ISO/IEC27001:2022", ISMS_EDITION_2022 },
        { "ISO 27001:2022", ISMS_EDITION_2022 },
        { "27001:2022", ISMS_EDITION_2022 },
        { "27001:2013", ISMS_EDITION_2013 },
        { "ISO/IEC 27001:2022/Amd 1:2024", ISMS_EDITION_2022_AMD1 },
        { "ISO/IEC 27001:2022/AMD 1:2024", ISMS_EDITION_2022_AMD1 },
        { "ISO/IEC 27001:2022 / Amd.1:2024", ISMS_EDITION_2022_AMD1 },
        { "ISO/IEC 27001:2022/Amd 1", ISMS_EDITION_2022_AMD1 },
        { "2022+A1:2024", ISMS_EDITION_2022_AMD1 },
        { "2022 + a1 : 2024", ISMS_EDITION_2022_AMD1 },
        { "2022/Amd 1:2024", ISMS_EDITION_2022_AMD1 },
        { "27001:2022+A1", ISMS_EDITION_2022_AMD1 },
        { "SS-EN ISO/IEC 27001:2017", ISMS_EDITION_2013 },
        { "ss-en iso/iec 27001:2017", ISMS_EDITION_2013 },
        { "SS-EN ISO/IEC 27001:2023", ISMS_EDITION_2022 },
        { "SS-EN ISO/IEC 27001:2023/A1:2024", ISMS_EDITION_2022_AMD1 },
    };
    for (size_t i = 0; i < N_ELEMS(good); i++) {
        isms_edition e = ISMS_EDITION_UNKNOWN;
        if (isms_edition_parse(&e, good[i].text) != ISMS_OK)
            fail_msg("%s: %s", good[i].text, isms_error_last()->message);
        if (e != good[i].edition)
            fail_msg("%s: got %d", good[i].text, e);
    }
    /* Every name reads back. */
    for (isms_edition e = ISMS_EDITION_2013; e <= ISMS_EDITION_2022_AMD1; e++) {
        isms_edition back = ISMS_EDITION_UNKNOWN;
        assert_int_equal(isms_edition_parse(&back, isms_edition_name(e)), ISMS_OK);
        assert_int_equal(back, e);
    }
    static const char *const bad[] = { "", "2017", "2023", "2005", "27001", "ISO/IEC 27001",
                                       "ISO/IEC 27002:2022", "ISO/IEC 27001:2024",
                                       "SS-EN ISO/IEC 27001:2013", "SS-EN ISO/IEC 27001:2022",
                                       "2013/Amd 1:2024", "2022/Amd 2:2024", "2022+A1:2025",
                                       "2022 and more", "20 13x", "ISO/IEC 27001:2022/",
                                       "twenty-twenty-two" };
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        isms_edition e = ISMS_EDITION_2013;
        if (isms_edition_parse(&e, bad[i]) != ISMS_EPARSE)
            fail_msg("\"%s\" was accepted as %d", bad[i], e);
        assert_int_equal(e, ISMS_EDITION_2013); /* untouched */
    }
    isms_edition e = ISMS_EDITION_UNKNOWN;
    assert_int_equal(isms_edition_parse(&e, "ISO/IEC 27001:2005"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "\"ISO/IEC 27001:2005\"");
    assert_error(ISMS_EPARSE, "2022+A1:2024");
    assert_error(ISMS_EPARSE, "SS-EN ISO/IEC 27001:2017");
    char longtext[300];
    memset(longtext, '2', sizeof longtext - 1);
    longtext[sizeof longtext - 1] = '\0';
    assert_int_equal(isms_edition_parse(&e, longtext), ISMS_EPARSE);
    assert_int_equal(isms_edition_parse(NULL, "2013"), ISMS_EINVAL);
    assert_int_equal(isms_edition_parse(&e, NULL), ISMS_EINVAL);
}

static void test_labels(void **state)
{
    (void)state;
    assert_string_equal(isms_item_kind_label(ISMS_ITEM_SUBCLAUSE, ISMS_LANG_SV), "underavsnitt");
    assert_string_equal(isms_item_kind_label(ISMS_ITEM_SUBCLAUSE, ISMS_LANG_EN), "sub-clause");
    assert_string_equal(isms_item_kind_label(ISMS_ITEM_CHAPTER, ISMS_LANG_SV), "kapitel");
    assert_string_equal(isms_item_kind_label(ISMS_ITEM_CLAUSE, ISMS_LANG_EN), "clause");
    assert_string_equal(isms_item_kind_label(ISMS_ITEM_OBJECTIVE, ISMS_LANG_SV), "kontrollmål");
    assert_string_equal(isms_item_kind_label(ISMS_ITEM_CONTROL, ISMS_LANG_SV), "säkerhetsåtgärd");
    assert_string_equal(isms_item_kind_label(ISMS_ITEM_CONTROL, ISMS_LANG_EN), "control");
    assert_string_equal(isms_item_kind_label((isms_item_kind)7, ISMS_LANG_EN), "");
    /* Every kind has distinct, non-empty labels in both languages. */
    for (int k = ISMS_ITEM_CHAPTER; k <= ISMS_ITEM_CONTROL; k++)
        for (int j = ISMS_ITEM_CHAPTER; j < k; j++)
            for (int l = ISMS_LANG_SV; l <= ISMS_LANG_EN; l++) {
                assert_true(isms_item_kind_label((isms_item_kind)k, (isms_lang)l)[0] != '\0');
                assert_string_not_equal(isms_item_kind_label((isms_item_kind)k, (isms_lang)l),
                                        isms_item_kind_label((isms_item_kind)j, (isms_lang)l));
            }
    assert_string_equal(isms_theme_label(ISMS_THEME_ORGANIZATIONAL, ISMS_LANG_SV),
                        "organisatoriska");
    assert_string_equal(isms_theme_label(ISMS_THEME_ORGANIZATIONAL, ISMS_LANG_EN),
                        "organizational");
    assert_string_equal(isms_theme_label(ISMS_THEME_PEOPLE, ISMS_LANG_SV), "personrelaterade");
    assert_string_equal(isms_theme_label(ISMS_THEME_PHYSICAL, ISMS_LANG_EN), "physical");
    assert_string_equal(isms_theme_label(ISMS_THEME_TECHNOLOGICAL, ISMS_LANG_SV), "tekniska");
    assert_string_equal(isms_theme_label(ISMS_THEME_NONE, ISMS_LANG_SV), "");
    assert_string_equal(isms_theme_label((isms_theme)5, ISMS_LANG_EN), "");
    static const char *const relations[] = { "equal", "subset", "superset", "intersect", "new",
                                             "removed" };
    for (size_t r = 0; r < N_ELEMS(relations); r++)
        assert_string_equal(isms_relation_name((isms_relation)r), relations[r]);
    assert_string_equal(isms_relation_name((isms_relation)6), "");
}

/* ---- conformance with the reference pack -------------------------------------------------- */

enum { MAX_CELLS = 8, MAX_ROWS = 256 };

typedef struct tsv {
    char *data;
    size_t n_rows;                       /* without the header */
    size_t n_cols;
    const char *cell[MAX_ROWS][MAX_CELLS];
} tsv;

/* Reads a pack file: one header line, TAB-separated cells, LF line ends. */
static tsv *tsv_load(const char *name, size_t n_cols)
{
    char path[1024];
    snprintf(path, sizeof path, REFERENCE "/%s", name);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    tsv *t = calloc(1, sizeof *t);
    assert_non_null(t);
    size_t cap = 1 << 16, len = 0;
    t->data = malloc(cap);
    assert_non_null(t->data);
    for (size_t r; (r = fread(t->data + len, 1, cap - len - 1, f)) > 0;) {
        len += r;
        if (len + 1 == cap) {
            cap *= 2;
            t->data = realloc(t->data, cap);
            assert_non_null(t->data);
        }
    }
    fclose(f);
    t->data[len] = '\0';
    t->n_cols = n_cols;
    char *line = strchr(t->data, '\n'); /* skip the header */
    assert_non_null(line);
    line++;
    while (*line) {
        char *end = strchr(line, '\n');
        assert_non_null(end);
        *end = '\0';
        assert_true(t->n_rows < MAX_ROWS);
        size_t c = 0;
        for (char *p = line;; c++) {
            assert_true(c < MAX_CELLS);
            t->cell[t->n_rows][c] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        if (c + 1 != n_cols)
            fail_msg("%s: row %zu has %zu cells, expected %zu", name, t->n_rows + 2, c + 1,
                     n_cols);
        t->n_rows++;
        line = end + 1;
    }
    return t;
}

static void tsv_free(tsv *t)
{
    free(t->data);
    free(t);
}

static isms_item_kind kind_named(const char *name)
{
    static const char *const names[] = { "chapter", "clause", "subclause" };
    for (size_t i = 0; i < N_ELEMS(names); i++)
        if (strcmp(name, names[i]) == 0)
            return (isms_item_kind)i;
    fail_msg("unknown kind %s", name);
    return ISMS_ITEM_CHAPTER;
}

static bool yes(const char *cell)
{
    if (strcmp(cell, "yes") != 0 && strcmp(cell, "no") != 0)
        fail_msg("not yes/no: %s", cell);
    return strcmp(cell, "yes") == 0;
}

static size_t count_clause_items(const isms_catalog *c)
{
    size_t n = 0;
    for (size_t i = 0; i < isms_catalog_count(c); i++)
        n += isms_item_id(isms_catalog_at(c, i))[0] != 'A';
    return n;
}

static void check_clauses(isms_edition edition, const char *file, bool has_change)
{
    tsv *t = tsv_load(file, has_change ? 6 : 5);
    const isms_catalog *c = cat(edition);
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *const *row = t->cell[r];
        const isms_item *item = get(edition, row[0]);
        assert_string_equal(isms_item_title(item), row[2]);
        assert_int_equal(isms_item_kind_of(item), kind_named(row[3]));
        assert_int_equal(isms_item_assessable(item), yes(row[4]));
        if (row[1][0])
            assert_string_equal(isms_item_id(isms_item_parent(item)), row[1]);
        else
            assert_null(isms_item_parent(item));
        assert_int_equal(isms_item_is_new(item), has_change && strcmp(row[5], "new") == 0);
    }
    assert_int_equal(count_clause_items(c), t->n_rows);
    tsv_free(t);
}

static const isms_item *check_group(const isms_item *item, const char *id, const char *title)
{
    assert_non_null(item);
    assert_string_equal(isms_item_id(item), id);
    assert_string_equal(isms_item_title(item), title);
    return item;
}

static void check_annex_2013(void)
{
    tsv *t = tsv_load("annex-a-2013.tsv", 6);
    const isms_catalog *c = cat(ISMS_EDITION_2013);
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *const *row = t->cell[r];
        const isms_item *item = get(ISMS_EDITION_2013, row[0]);
        assert_string_equal(isms_item_title(item), row[3]);
        assert_int_equal(isms_item_kind_of(item), ISMS_ITEM_CONTROL);
        assert_true(isms_item_assessable(item));
        assert_false(isms_item_is_new(item));
        const isms_item *objective = check_group(isms_item_parent(item), row[2], row[5]);
        assert_int_equal(isms_item_kind_of(objective), ISMS_ITEM_OBJECTIVE);
        const isms_item *domain = check_group(isms_item_parent(objective), row[1], row[4]);
        assert_ptr_equal(isms_item_group(item), domain);
        assert_ptr_equal(isms_item_parent(domain), get(ISMS_EDITION_2013, "A"));
    }
    assert_int_equal(count_kind(ISMS_EDITION_2013, ISMS_ITEM_CONTROL), t->n_rows);
    /* Every objective and domain comes from the pack: each has a control in it. */
    for (size_t i = 0; i < isms_catalog_count(c); i++) {
        const isms_item *item = isms_catalog_at(c, i);
        if (isms_item_kind_of(item) == ISMS_ITEM_OBJECTIVE
            || isms_item_kind_of(item) == ISMS_ITEM_GROUP)
            assert_true(isms_item_child_count(item) > 0);
    }
    tsv_free(t);
}

static void check_annex_2022(isms_edition edition)
{
    static const char *const themes[] = { "", "organizational", "people", "physical",
                                          "technological" };
    tsv *t = tsv_load("annex-a-2022.tsv", 5);
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *const *row = t->cell[r];
        const isms_item *item = get(edition, row[4]);
        assert_ptr_equal(isms_catalog_find(cat(edition), row[0], ISMS_SCOPE_ANNEX_A), item);
        assert_string_equal(isms_item_title(item), row[2]);
        assert_int_equal(isms_item_kind_of(item), ISMS_ITEM_CONTROL);
        assert_true(isms_item_assessable(item));
        assert_int_equal(isms_item_is_new(item), yes(row[3]));
        assert_string_equal(themes[isms_item_theme(item)], row[1]);
        assert_ptr_equal(isms_item_parent(item), isms_item_group(item));
        assert_int_equal(isms_item_theme(isms_item_group(item)), isms_item_theme(item));
    }
    assert_int_equal(count_kind(edition, ISMS_ITEM_CONTROL), t->n_rows);
    tsv_free(t);
}

static void check_attributes(isms_edition edition)
{
    tsv *v = tsv_load("attribute-values-2022.tsv", 2);
    size_t seen[ISMS_ATTR_FAMILIES] = { 0 };
    for (size_t r = 0; r < v->n_rows; r++) {
        int f = 0;
        while (f < ISMS_ATTR_FAMILIES
               && strcmp(isms_attr_family_name((isms_attr_family)f), v->cell[r][0]) != 0)
            f++;
        assert_true(f < ISMS_ATTR_FAMILIES);
        assert_string_equal(isms_attr_name((isms_attr_family)f, seen[f]), v->cell[r][1]);
        seen[f]++;
    }
    for (int f = 0; f < ISMS_ATTR_FAMILIES; f++)
        assert_int_equal(seen[f], isms_attr_count((isms_attr_family)f));
    tsv_free(v);

    tsv *t = tsv_load("attributes-2022.tsv", 6);
    for (size_t r = 0; r < t->n_rows; r++) {
        char id[32];
        snprintf(id, sizeof id, "A.%s", t->cell[r][0]);
        isms_attributes a;
        assert_true(isms_item_attributes(&a, get(edition, id)));
        for (int f = 0; f < ISMS_ATTR_FAMILIES; f++)
            if (a.bits[f] != attr_bits(t->cell[r][1 + f], (isms_attr_family)f))
                fail_msg("%s %s: %#x, expected %s", id, isms_attr_family_name((isms_attr_family)f),
                         a.bits[f], t->cell[r][1 + f]);
    }
    assert_int_equal(t->n_rows, 93);
    tsv_free(t);
}

/* Finds an edge to `to` with relation `relation` among the edges of `from`. */
static size_t count_edges(const isms_item *from, isms_edition edition, const isms_item *to,
                          const char *relation)
{
    isms_mapping m[16];
    size_t n = isms_item_map(m, N_ELEMS(m), from, edition), found = 0;
    assert_true(n <= N_ELEMS(m));
    for (size_t k = 0; k < n; k++)
        if (m[k].to == to && strcmp(isms_relation_name(m[k].relation), relation) == 0)
            found++;
    return found;
}

static void check_mapping(isms_edition edition)
{
    tsv *t = tsv_load("mapping-2013-2022.tsv", 7);
    const isms_catalog *c13 = cat(ISMS_EDITION_2013);
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *const *row = t->cell[r];
        const isms_item *from = get(ISMS_EDITION_2013, row[0]);
        const isms_item *to = get(edition, row[1]);
        assert_string_equal(row[3], isms_item_id(from)[0] == 'A' ? "annex_a" : "clause");
        if (count_edges(from, edition, to, row[2]) != 1)
            fail_msg("%s -> %s %s is missing", row[0], row[1], row[2]);
        const char *back = strcmp(row[2], "subset") == 0     ? "superset"
                           : strcmp(row[2], "superset") == 0 ? "subset"
                                                             : row[2];
        if (count_edges(to, ISMS_EDITION_2013, from, back) != 1)
            fail_msg("%s <- %s %s is missing", row[1], row[0], back);
    }
    /* No edge beyond the pack's rows. */
    size_t total = 0;
    for (size_t i = 0; i < isms_catalog_requirement_count(c13, ISMS_SCOPE_BOTH); i++)
        total += isms_item_map(NULL, 0, isms_catalog_requirement(c13, ISMS_SCOPE_BOTH, i),
                               edition);
    assert_int_equal(total, t->n_rows);
    tsv_free(t);
}

static void check_amendments(void)
{
    tsv *t = tsv_load("amendment-2024.tsv", 3);
    for (size_t r = 0; r < t->n_rows; r++) {
        const isms_item *item = get(ISMS_EDITION_2022_AMD1, t->cell[r][0]);
        assert_non_null(isms_item_amendment(item));
        assert_string_equal(isms_item_amendment(item), t->cell[r][2]);
        /* A new requirement makes the amended clause broader; a note does not. */
        isms_mapping m;
        assert_int_equal(isms_item_map(&m, 1, item, ISMS_EDITION_2022), 1);
        assert_int_equal(m.relation, strcmp(t->cell[r][1], "requirement") == 0
                                         ? ISMS_RELATION_SUPERSET
                                         : ISMS_RELATION_EQUAL);
    }
    const isms_catalog *c = cat(ISMS_EDITION_2022_AMD1);
    size_t n = 0;
    for (size_t i = 0; i < isms_catalog_count(c); i++)
        n += isms_item_amendment(isms_catalog_at(c, i)) != NULL;
    assert_int_equal(n, t->n_rows);
    tsv_free(t);
}

static void test_reference_conformance(void **state)
{
    (void)state;
    if (access(REFERENCE "/README.md", R_OK) != 0) {
        print_message("reference data not found at %s: skipped\n", REFERENCE);
        skip();
    }
    check_clauses(ISMS_EDITION_2013, "clauses-2013.tsv", false);
    check_clauses(ISMS_EDITION_2022, "clauses-2022.tsv", true);
    check_clauses(ISMS_EDITION_2022_AMD1, "clauses-2022.tsv", true);
    check_annex_2013();
    check_annex_2022(ISMS_EDITION_2022);
    check_annex_2022(ISMS_EDITION_2022_AMD1);
    check_attributes(ISMS_EDITION_2022);
    check_attributes(ISMS_EDITION_2022_AMD1);
    check_mapping(ISMS_EDITION_2022);
    check_mapping(ISMS_EDITION_2022_AMD1);
    check_amendments();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_2013),
        cmocka_unit_test(test_counts_2022),
        cmocka_unit_test(test_amendment),
        cmocka_unit_test(test_null_and_unknown),
        cmocka_unit_test(test_find_tolerant),
        cmocka_unit_test(test_find_scope),
        cmocka_unit_test(test_find_rejects),
        cmocka_unit_test(test_find_every_item),
        cmocka_unit_test(test_tree),
        cmocka_unit_test(test_attributes_of_controls),
        cmocka_unit_test(test_attr_names),
        cmocka_unit_test(test_attr_parse),
        cmocka_unit_test(test_filter),
        cmocka_unit_test(test_map_examples),
        cmocka_unit_test(test_map_complete),
        cmocka_unit_test(test_editions),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_reference_conformance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
