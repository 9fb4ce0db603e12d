/* Unit tests of the OSCAL assessment results (isms_document_write_oscal() with
 * ISMS_OSCAL_ASSESSMENT_RESULTS, lib/io/oscal-ar.c): the sample document's results, findings,
 * observations and Statement of Applicability checked against hand-counted facts, stable
 * UUIDs, hostile text, evidence links, entries that are not requirements, scopes, an
 * imported catalog, a document without assessments, allocation failure. The output is read
 * back with jansson. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "io/oscal-internal.h"

#include "test-util.h"

#define SAMPLE ISMS_TEST_DATA "/../../examples/data/exempelstad.isms.json"
#define CATALOG_SAMPLE ISMS_TEST_DATA "/../../examples/data/exempelstad-krav.oscal.json"
#define AR ISMS_OSCAL_ASSESSMENT_RESULTS
#define NS ISMS__OSCAL_NS

/* ---- helpers --------------------------------------------------------------------------- */

static isms_document *load_sample(void)
{
    isms_document *doc = NULL;
    int rc = isms_document_load(&doc, SAMPLE, NULL);
    if (rc != ISMS_OK)
        fail_msg("cannot load %s: %s", SAMPLE, isms_error_last()->message);
    return doc;
}

/* The assessment results of `doc` as text (free with isms_free()). */
static char *write_ar(const isms_document *doc, size_t *len)
{
    char *text = NULL;
    size_t n = 0;
    int rc = isms_document_write_oscal(&text, &n, doc, AR);
    if (rc != ISMS_OK)
        fail_msg("write: %d %s", rc, isms_error_last()->message);
    assert_non_null(text);
    assert_int_equal(strlen(text), n);
    if (len)
        *len = n;
    return text;
}

/* OSCAL's rules that the schema checks and that are easy to break: no array is empty, no
 * `uuid` is there twice, and a property's value is one line without white space at either
 * end (StringDatatype, `^\S(.*\S)?$`; checked here for ASCII white space). */
static void check_shape(json_t *v, json_t *uuids)
{
    if (json_is_array(v)) {
        assert_true(json_array_size(v) > 0);
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
        {
            check_shape(e, uuids);
        }
        return;
    }
    if (!json_is_object(v))
        return;
    const char *key;
    json_t *e;
    json_object_foreach(v, key, e)
    {
        if (strcmp(key, "uuid") == 0) {
            const char *u = json_string_value(e);
            assert_non_null(u);
            assert_int_equal(strlen(u), 36);
            if (json_object_get(uuids, u))
                fail_msg("uuid %s twice", u);
            json_object_set_new(uuids, u, json_true());
        }
        check_shape(e, uuids);
    }
    json_t *value = json_object_get(v, "value");
    if (json_object_get(v, "name") && json_is_string(value)) { /* a property */
        const char *s = json_string_value(value);
        size_t n = strlen(s);
        assert_true(n > 0);
        assert_false(isspace((unsigned char)s[0]) || isspace((unsigned char)s[n - 1]));
        assert_null(strpbrk(s, "\n\r\t"));
    }
}

/* The assessment results of `doc`, parsed: the value of "assessment-results" is at
 * json_object_get(root, "assessment-results"). */
static json_t *parse_ar(const isms_document *doc)
{
    char *text = write_ar(doc, NULL);
    json_error_t err;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &err);
    if (!root)
        fail_msg("not JSON: %s at %d:%d", err.text, err.line, err.column);
    assert_int_equal(text[strlen(text) - 1], '\n');
    isms_free(text);
    json_t *uuids = json_object();
    check_shape(root, uuids);
    json_decref(uuids);
    return root;
}

/* The value at a path of object keys and array indexes: "results.1.findings". */
static json_t *at(json_t *v, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = strtok(buf, "."); p; p = strtok(NULL, ".")) {
        if (json_is_array(v))
            v = json_array_get(v, strtoul(p, NULL, 10));
        else
            v = json_object_get(v, p);
        if (!v)
            fail_msg("no %s in %s", p, path);
    }
    return v;
}

static const char *str_at(json_t *v, const char *path)
{
    json_t *s = at(v, path);
    assert_true(json_is_string(s));
    return json_string_value(s);
}

static json_t *result(json_t *root, size_t i)
{
    json_t *results = at(root, "assessment-results.results");
    assert_true(i < json_array_size(results));
    return json_array_get(results, i);
}

/* The value of the property `name` of an object (in libisms's namespace), or NULL; `k`: the
 * k-th one of that name. */
static const char *prop_k(json_t *obj, const char *name, size_t k)
{
    json_t *props = json_object_get(obj, "props");
    size_t i;
    json_t *p;
    json_array_foreach(props, i, p)
    {
        if (strcmp(json_string_value(json_object_get(p, "name")), name) == 0) {
            assert_string_equal(json_string_value(json_object_get(p, "ns")), NS);
            if (k-- == 0)
                return json_string_value(json_object_get(p, "value"));
        }
    }
    return NULL;
}

static const char *prop(json_t *obj, const char *name)
{
    return prop_k(obj, name, 0);
}

/* The element of `array` whose property `label` is `ref`, or NULL. */
static json_t *by_label(json_t *array, const char *ref)
{
    size_t i;
    json_t *v;
    json_array_foreach(array, i, v)
    {
        const char *l = prop(v, "label");
        if (l && strcmp(l, ref) == 0)
            return v;
    }
    return NULL;
}

static json_t *finding(json_t *res, const char *ref)
{
    json_t *f = by_label(json_object_get(res, "findings"), ref);
    if (!f)
        fail_msg("no finding of %s", ref);
    return f;
}

static json_t *observation(json_t *res, const char *ref)
{
    json_t *o = by_label(json_object_get(res, "observations"), ref);
    if (!o)
        fail_msg("no observation of %s", ref);
    return o;
}

/* The control selection whose property `applicability` is `app` (NULL: the one without it,
 * the clauses) and that holds the requirements assessed (no property `assessed`) or not
 * (`assessed` = "false"), or NULL. */
static json_t *selection_of(json_t *res, const char *app, bool assessed)
{
    json_t *sels = at(res, "reviewed-controls.control-selections");
    size_t i;
    json_t *s;
    json_array_foreach(sels, i, s)
    {
        const char *a = prop(s, "applicability");
        const char *as = prop(s, "assessed");
        if (as)
            assert_string_equal(as, "false");
        if (((!app && !a) || (app && a && strcmp(a, app) == 0)) && assessed == !as)
            return s;
    }
    return NULL;
}

/* The selection of the requirements assessed, of the ones not assessed. */
static json_t *selection(json_t *res, const char *app)
{
    return selection_of(res, app, true);
}

static json_t *unassessed(json_t *res, const char *app)
{
    return selection_of(res, app, false);
}

/* True when the list `key` of the selection names the control `id`. */
static bool lists(json_t *sel, const char *key, const char *id)
{
    size_t i;
    json_t *c;
    json_array_foreach(json_object_get(sel, key), i, c)
    {
        if (strcmp(json_string_value(json_object_get(c, "control-id")), id) == 0)
            return true;
    }
    return false;
}

/* True when the selection includes the control `id`. */
static bool selects(json_t *sel, const char *id)
{
    return lists(sel, "include-controls", id);
}

/* True when the selection excludes the control `id`. */
static bool excludes(json_t *sel, const char *id)
{
    return lists(sel, "exclude-controls", id);
}

static size_t size_at(json_t *v, const char *path)
{
    json_t *a = at(v, path);
    assert_true(json_is_array(a));
    return json_array_size(a);
}

/* The expected UUID of a node of a document of `org` and `unit` (already in OSCAL's form):
 * uuid5 of the libisms namespace and every part as "<length>:<bytes>" (org, unit, kind, then
 * the year and the reference, when not NULL), as oscal-internal.h defines it; written out here with
 * snprintf, not with the library's helper. */
static void expected_uuid(char out[37], const char *org, const char *unit, const char *kind,
                          const char *year, const char *ref)
{
    char full[512];
    int n = snprintf(full, sizeof full, "%zu:%s%zu:%s%zu:%s%zu:%s", strlen(org), org,
                     strlen(unit), unit, strlen(kind), kind, strlen(year), year);
    assert_true(n > 0 && (size_t)n < sizeof full);
    if (ref) { /* the reference, when the kind has one */
        int k = snprintf(full + n, sizeof full - (size_t)n, "%zu:%s", strlen(ref), ref);
        assert_true(k > 0 && (size_t)k < sizeof full - (size_t)n);
        n += k;
    }
    isms__uuid5(NULL, out, (const unsigned char *)ISMS__OSCAL_NAMESPACE, full, (size_t)n);
}

/* A document of 2024 in English with one assessment (2022, both parts) of `year`. */
static isms_document *new_doc(isms_assessment **a, int year, isms_scope scope)
{
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2024), ISMS_OK);
    assert_int_equal(isms_document_set_lang(doc, ISMS_LANG_EN), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "Example City"), ISMS_OK);
    isms_assessment *as = NULL;
    assert_int_equal(isms_assessment_new(&as, ISMS_EDITION_2022, year, scope), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, as), ISMS_OK);
    *a = as;
    return doc;
}

static isms_entry *add(isms_assessment *a, const char *ref, isms_status status)
{
    isms_entry *e = NULL;
    assert_int_equal(isms_assessment_add(&e, a, ref), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, status), ISMS_OK);
    return e;
}

/* ---- the sample ------------------------------------------------------------------------- */

/* examples/data/exempelstad.isms.json: two assessments (2023, 2024) of ISO/IEC 27001:2022,
 * both parts, 123 entries each; Swedish. Facts counted by hand from the file. */
static void test_sample_results(void **state)
{
    (void)state;
    isms_document *doc = load_sample();
    json_t *root = parse_ar(doc);
    json_t *ar = at(root, "assessment-results");

    /* root: uuid of "ar", the document as the plan, metadata and back-matter */
    /* the UUIDs of the sample were computed independently with Python (oscal-internal.h):
     * enc = lambda s: f"{len(s.encode())}:{s}"; uuid.uuid5(NS, enc(org) + enc(unit) +
     * enc(kind) + "".join(enc(p) for p in parts)) */
    assert_string_equal(str_at(ar, "uuid"), "140e6359-b2df-572e-a613-0bcc8805f8d7");
    assert_string_equal(str_at(ar, "metadata.oscal-version"), "1.1.3");
    char href[64];
    snprintf(href, sizeof href, "#%s", str_at(ar, "back-matter.resources.0.uuid"));
    assert_string_equal(str_at(ar, "import-ap.href"), href);
    assert_non_null(strstr(str_at(ar, "import-ap.remarks"), "ISMS-dokumentet"));

    /* one result per assessment, oldest first */
    assert_int_equal(size_at(ar, "results"), isms_document_assessment_count(doc));
    assert_int_equal(size_at(ar, "results"), 2);
    json_t *r23 = result(root, 0), *r24 = result(root, 1);
    assert_string_equal(str_at(r23, "title"), "Gapanalys 2023 mot ISO/IEC 27001:2022");
    assert_string_equal(str_at(r24, "title"), "Gapanalys 2024 mot ISO/IEC 27001:2022");
    assert_string_equal(str_at(r23, "start"), "2023-10-20T00:00:00Z");
    assert_string_equal(str_at(r24, "start"), "2024-10-15T00:00:00Z");
    char id[37];
    expected_uuid(id, "Exempelstads kommun", "Socialförvaltningen", "ar/result", "2024", NULL);
    assert_string_equal(str_at(r24, "uuid"), id);
    assert_non_null(strstr(str_at(r24, "description"),
                           "Gapanalys 2024 för Exempelstads kommun, Socialförvaltningen, mot "
                           "ISO/IEC 27001:2022"));
    /* 2024: 64 yes, 44 partial, 12 no, 3 excluded: 123 requirements, 120 applicable, 120
     * assessed; compliance (64 + 22) / 120 = 0.716667, coverage 1. 2023: 41 yes, 54 partial,
     * 24 no, 1 not assessed, 3 excluded: (41 + 27) / 119 = 0.571429, 119 / 120 = 0.991667. */
    assert_string_equal(prop(r24, "requirements"), "123");
    assert_string_equal(prop(r24, "applicable"), "120");
    assert_string_equal(prop(r24, "assessed"), "120");
    assert_string_equal(prop(r24, "compliance"), "0.716667");
    assert_string_equal(prop(r24, "coverage"), "1");
    assert_string_equal(prop(r23, "assessed"), "119");
    assert_string_equal(prop(r23, "compliance"), "0.571429");
    assert_string_equal(prop(r23, "coverage"), "0.991667");
    assert_string_equal(prop(r24, "scope"), "both");
    assert_string_equal(prop(r24, "catalog"), "ISO/IEC 27001:2022");
    assert_string_equal(prop(r24, "catalog-uuid"), "5840251f-6d2e-5e76-9efc-193693a6da91");
    assert_non_null(strstr(str_at(r24, "description"), "efterlevnad 71,7 %, täckning 100,0 %"));

    /* every entry has a comment or a status: 123 observations; 2024: 123 findings, 2023: 122
     * (4.x … one entry not assessed) */
    assert_int_equal(size_at(r24, "observations"), 123);
    assert_int_equal(size_at(r24, "findings"), 123);
    assert_int_equal(size_at(r23, "observations"), 123);
    assert_int_equal(size_at(r23, "findings"), 122);
    json_decref(root);
    isms_document_free(doc);
}

static void test_sample_finding(void **state)
{
    (void)state;
    isms_document *doc = load_sample();
    json_t *root = parse_ar(doc);
    json_t *r24 = result(root, 1);

    /* A.5.2 in 2024: partial, need medium, owner Förvaltningschef, due Q1 2025, applicable
     * for risk and business */
    json_t *f = finding(r24, "A.5.2");
    assert_string_equal(str_at(f, "uuid"), "49f42119-b03c-5a17-97c7-8b3a51e5c752"); /* Python */
    char id[37];
    expected_uuid(id, "Exempelstads kommun", "Socialförvaltningen", "ar/finding", "2024",
                  "A.5.2");
    assert_string_equal(str_at(f, "uuid"), id);
    assert_string_equal(str_at(f, "title"),
                        "A.5.2 Information security roles and responsibilities");
    assert_string_equal(str_at(f, "description"),
                        "Nuläge: Delvis.\n\nInformationsägare är utsedda för 14 av 22 "
                        "verksamhetssystem.");
    assert_string_equal(str_at(f, "target.type"), "objective-id");
    assert_string_equal(str_at(f, "target.target-id"), "a.5.2");
    assert_string_equal(str_at(f, "target.status.state"), "not-satisfied");
    assert_string_equal(str_at(f, "target.status.reason"), "fail");
    assert_string_equal(str_at(f, "target.implementation-status.state"), "partial");
    assert_string_equal(prop(f, "status"), "partial");
    assert_string_equal(prop(f, "need"), "medium");
    assert_string_equal(prop(f, "owner"), "Förvaltningschef");
    assert_string_equal(prop(f, "due"), "Q1 2025");
    assert_string_equal(prop(f, "due-date"), "2025-03-31");
    assert_string_equal(prop(f, "applicability"), "applicable");
    assert_string_equal(prop_k(f, "reason", 0), "risk");
    assert_string_equal(prop_k(f, "reason", 1), "business");
    assert_null(prop_k(f, "reason", 2));
    assert_string_equal(str_at(f, "remarks"),
                        "Handlingsplan: Utse informationsägare för återstående system och "
                        "förtydliga ansvaret i delegationsordningen.\n\nMotivering: Otydligt "
                        "ägarskap är en orsak till flera av riskerna i riskregistret.");
    /* its observation */
    json_t *o = observation(r24, "A.5.2");
    assert_string_equal(str_at(f, "related-observations.0.observation-uuid"),
                        str_at(o, "uuid"));
    assert_string_equal(str_at(o, "uuid"), "5c36f2c6-10ae-5e13-8afa-e16ef8c7d1a5"); /* Python */
    assert_string_equal(str_at(o, "description"),
                        "Informationsägare är utsedda för 14 av 22 verksamhetssystem.");
    assert_string_equal(str_at(o, "methods.0"), "UNKNOWN");
    assert_string_equal(str_at(o, "types.0"), "control-objective");
    assert_string_equal(str_at(o, "collected"), "2024-10-15T00:00:00Z");
    assert_null(json_object_get(o, "relevant-evidence"));

    /* A.5.1: yes, no plan, owner or due: satisfied, implemented, nothing left blank */
    f = finding(r24, "A.5.1");
    assert_string_equal(str_at(f, "target.status.state"), "satisfied");
    assert_string_equal(str_at(f, "target.status.reason"), "pass");
    assert_string_equal(str_at(f, "target.implementation-status.state"), "implemented");
    assert_null(prop(f, "owner"));
    assert_null(prop(f, "due"));
    assert_null(prop(f, "need"));
    assert_string_equal(str_at(f, "remarks"),
                        "Motivering: Kommunens policy och förvaltningens lokala instruktion är "
                        "grunden för ledningssystemet.");

    /* 4.2 in 2023: no, with a plan: planned */
    f = finding(result(root, 0), "4.2");
    assert_string_equal(str_at(f, "target.target-id"), "clause-4.2");
    assert_string_equal(str_at(f, "target.status.state"), "not-satisfied");
    assert_string_equal(str_at(f, "target.implementation-status.state"), "planned");
    assert_string_equal(prop(f, "due"), "hösten 2024");
    assert_string_equal(prop(f, "due-date"), "2024-12-31");
    assert_null(prop(f, "applicability"));
    json_decref(root);
    isms_document_free(doc);
}

static void test_sample_soa(void **state)
{
    (void)state;
    isms_document *doc = load_sample();
    json_t *root = parse_ar(doc);
    json_t *r24 = result(root, 1);

    /* the clauses: the 30 assessable clauses of 2022, all assessed in 2024 */
    json_t *clauses = selection(r24, NULL);
    assert_non_null(clauses);
    assert_string_equal(prop(clauses, "part"), "clauses");
    assert_int_equal(size_at(clauses, "include-controls"), 30);
    assert_true(selects(clauses, "clause-6.1.2"));
    assert_true(selects(clauses, "clause-6.3"));
    assert_false(selects(clauses, "clause-6.1"));
    assert_null(unassessed(r24, NULL));
    /* Annex A: 90 applicable, 3 excluded (A.8.4, A.8.25, A.8.28) as exclude-controls, none
     * undecided, none left unassessed */
    json_t *inc = selection(r24, "applicable");
    json_t *exc = selection(r24, "excluded");
    assert_non_null(inc);
    assert_non_null(exc);
    assert_null(selection(r24, "undecided"));
    assert_null(unassessed(r24, "applicable"));
    assert_string_equal(prop(inc, "part"), "annex-a");
    assert_string_equal(prop(exc, "part"), "annex-a");
    assert_int_equal(size_at(inc, "include-controls"), 90);
    assert_null(json_object_get(exc, "include-controls"));
    assert_int_equal(size_at(exc, "exclude-controls"), 3);
    assert_true(excludes(exc, "a.8.4"));
    assert_true(excludes(exc, "a.8.25"));
    assert_true(excludes(exc, "a.8.28"));
    assert_false(selects(inc, "a.8.4"));
    assert_true(selects(inc, "a.5.1"));
    assert_int_equal(size_at(r24, "reviewed-controls.control-selections"), 3);
    /* 2023 states no applicability but for the three excluded: 90 undecided; one clause
     * (5.3) was not assessed and is reviewed without a finding */
    json_t *r23 = result(root, 0);
    assert_null(selection(r23, "applicable"));
    assert_int_equal(size_at(selection(r23, "undecided"), "include-controls"), 90);
    assert_int_equal(size_at(selection(r23, "excluded"), "exclude-controls"), 3);
    assert_int_equal(size_at(selection(r23, NULL), "include-controls"), 29);
    json_t *open23 = unassessed(r23, NULL);
    assert_int_equal(size_at(open23, "include-controls"), 1);
    assert_true(selects(open23, "clause-5.3"));
    assert_string_equal(prop(open23, "part"), "clauses");
    assert_non_null(strstr(str_at(open23, "description"), "inte har bedömts"));
    assert_int_equal(size_at(r23, "reviewed-controls.control-selections"), 4);

    /* the excluded control's finding: satisfied as not applicable, with its justification */
    json_t *f = finding(r24, "A.8.4");
    assert_string_equal(str_at(f, "target.status.state"), "satisfied");
    assert_string_equal(str_at(f, "target.status.reason"), "other");
    assert_string_equal(str_at(f, "target.implementation-status.state"), "not-applicable");
    assert_string_equal(prop(f, "applicability"), "excluded");
    assert_string_equal(prop(f, "status"), "not-applicable");
    assert_non_null(strstr(str_at(f, "description"), "exkluderad i uttalandet"));
    assert_string_equal(str_at(f, "remarks"),
                        "Motivering: Förvaltningen utvecklar inga egna system; källkoden "
                        "förvaltas av leverantörerna och omfattas av deras ledningssystem.");
    json_decref(root);
    isms_document_free(doc);
}

static void test_sample_evidence(void **state)
{
    (void)state;
    isms_document *doc = load_sample();
    json_t *root = parse_ar(doc);
    json_t *r24 = result(root, 1);
    /* 5.2 in 2024 has two references, neither a URL: descriptions without links */
    json_t *o = observation(r24, "5.2");
    assert_int_equal(size_at(o, "relevant-evidence"), 2);
    assert_string_equal(str_at(o, "relevant-evidence.0.description"),
                        "Informationssäkerhetspolicy, KF 2022-03-14 § 45");
    assert_string_equal(str_at(o, "relevant-evidence.1.description"),
                        "Lokal instruktion för informationssäkerhet, SOC 2024/87");
    assert_null(json_object_get(at(o, "relevant-evidence.0"), "href"));
    assert_string_equal(str_at(o, "methods.0"), "EXAMINE");
    o = observation(r24, "9.3.1");
    assert_int_equal(size_at(o, "relevant-evidence"), 1);
    /* evidence counts over all observations: 4.3, 5.2 (2), 9.3.1 */
    size_t total = 0, i;
    json_t *v;
    json_array_foreach(json_object_get(r24, "observations"), i, v)
    {
        json_t *ev = json_object_get(v, "relevant-evidence");
        total += ev ? json_array_size(ev) : 0;
    }
    assert_int_equal(total, 4);
    json_decref(root);
    isms_document_free(doc);
}

/* The same document gives the same bytes; another organisation other UUIDs. */
static void test_stable(void **state)
{
    (void)state;
    isms_document *doc = load_sample();
    size_t n1, n2;
    char *t1 = write_ar(doc, &n1);
    char *t2 = write_ar(doc, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(t1, t2, n1);
    /* a save and a load keep them too */
    char *saved = NULL;
    size_t saved_len = 0;
    assert_int_equal(isms_document_write(&saved, &saved_len, doc), ISMS_OK);
    isms_document *again = NULL;
    assert_int_equal(isms_document_parse(&again, saved, saved_len, NULL, NULL), ISMS_OK);
    char *t3 = write_ar(again, NULL);
    assert_string_equal(t1, t3);
    isms_free(saved);
    isms_free(t3);
    isms_document_free(again);

    json_t *root = parse_ar(doc);
    const char *before = str_at(finding(result(root, 1), "A.5.2"), "uuid");
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "Annanstads kommun"),
                     ISMS_OK);
    json_t *other = parse_ar(doc);
    const char *after = str_at(finding(result(other, 1), "A.5.2"), "uuid");
    assert_string_not_equal(before, after);
    char id[37];
    expected_uuid(id, "Annanstads kommun", "Socialförvaltningen", "ar/finding", "2024",
                  "A.5.2");
    assert_string_equal(id, "be05510a-d602-5cc6-a1d2-4a8773f7d707"); /* Python */
    assert_string_equal(after, id);
    /* the same requirement in another year is another finding */
    assert_string_not_equal(str_at(finding(result(other, 0), "A.5.2"), "uuid"), after);
    json_decref(root);
    json_decref(other);
    isms_free(t1);
    isms_free(t2);
    isms_document_free(doc);
}

/* ---- documents built here --------------------------------------------------------------- */

static void test_no_assessments(void **state)
{
    (void)state;
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2024), ISMS_OK);
    char *out = (char *)(uintptr_t)0x1;
    size_t len = 4242;
    assert_int_equal(isms_document_write_oscal(&out, &len, doc, AR), ISMS_ENOTFOUND);
    assert_error(ISMS_ENOTFOUND, "no assessments");
    assert_ptr_equal(out, (char *)(uintptr_t)0x1);
    assert_int_equal(len, 4242);
    isms_document_free(doc);
}

/* An assessment without entries: every requirement is reviewed, undecided; no observations,
 * no findings (OSCAL's arrays must not be empty, so they are left out). */
static void test_empty_assessment(void **state)
{
    (void)state;
    isms_assessment *a;
    isms_document *doc = new_doc(&a, 2024, ISMS_SCOPE_BOTH);
    json_t *root = parse_ar(doc);
    json_t *r = result(root, 0);
    assert_string_equal(str_at(r, "title"), "ISO/IEC 27001:2022 gap analysis 2024");
    assert_string_equal(str_at(r, "start"), "2024-12-31T00:00:00Z");
    assert_null(json_object_get(r, "observations"));
    assert_null(json_object_get(r, "findings"));
    /* nothing assessed: every requirement reviewed, in the selections of the unassessed */
    assert_null(selection(r, NULL));
    assert_null(selection(r, "undecided"));
    assert_int_equal(size_at(unassessed(r, NULL), "include-controls"), 30);
    assert_int_equal(size_at(unassessed(r, "undecided"), "include-controls"), 93);
    assert_string_equal(str_at(unassessed(r, "undecided"), "description"),
                        "Controls without a decision in the Statement of Applicability that "
                        "were not assessed: reviewed, but without findings as no status is "
                        "given.");
    assert_int_equal(size_at(r, "reviewed-controls.control-selections"), 2);
    assert_string_equal(prop(r, "compliance"), "0");
    assert_string_equal(prop(r, "coverage"), "0");
    assert_string_equal(prop(r, "assessed"), "0");
    assert_non_null(strstr(str_at(r, "description"),
                           "Gap analysis 2024 of Example City, against ISO/IEC 27001:2022 (the "
                           "management system clauses and Annex A): 123 requirements, 123 "
                           "applicable, 0 assessed; compliance 0.0 %, coverage 0.0 %."));
    json_decref(root);
    isms_document_free(doc);
}

/* The scope decides which selections there are. */
static void test_scopes(void **state)
{
    (void)state;
    isms_assessment *a;
    isms_document *doc = new_doc(&a, 2023, ISMS_SCOPE_CLAUSES);
    isms_assessment *b = NULL;
    assert_int_equal(isms_assessment_new(&b, ISMS_EDITION_2013, 2024, ISMS_SCOPE_ANNEX_A),
                     ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, b), ISMS_OK);
    isms_entry *e = add(b, "A.9.2.1", ISMS_STATUS_YES);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_APPLICABLE), ISMS_OK);
    add(a, "6.1.2", ISMS_STATUS_NO);

    json_t *root = parse_ar(doc);
    json_t *r0 = result(root, 0), *r1 = result(root, 1);
    assert_int_equal(size_at(r0, "reviewed-controls.control-selections"), 2);
    assert_int_equal(size_at(selection(r0, NULL), "include-controls"), 1);
    assert_true(selects(selection(r0, NULL), "clause-6.1.2"));
    assert_int_equal(size_at(unassessed(r0, NULL), "include-controls"), 29);
    assert_false(selects(unassessed(r0, NULL), "clause-6.1.2"));
    assert_string_equal(prop(r0, "scope"), "clauses");
    /* 2013 Annex A: 114 controls, one applicable */
    assert_null(selection(r1, NULL));
    assert_int_equal(size_at(selection(r1, "applicable"), "include-controls"), 1);
    assert_null(selection(r1, "undecided"));
    assert_int_equal(size_at(unassessed(r1, "undecided"), "include-controls"), 113);
    assert_true(selects(selection(r1, "applicable"), "a.9.2.1"));
    assert_string_equal(str_at(r1, "title"), "ISO/IEC 27001:2013 gap analysis 2024");
    assert_string_equal(str_at(finding(r1, "A.9.2.1"), "title"),
                        "A.9.2.1 User registration and de-registration");
    /* no without a plan: no implementation status */
    json_t *f = finding(r0, "6.1.2");
    assert_string_equal(str_at(f, "target.status.state"), "not-satisfied");
    assert_null(json_object_get(at(f, "target"), "implementation-status"));
    json_decref(root);
    isms_document_free(doc);
}

/* An excluded control counts as not applicable whatever its status, and has a finding even
 * when it was not assessed; an undecided one that was not assessed has none. */
static void test_excluded(void **state)
{
    (void)state;
    isms_assessment *a;
    isms_document *doc = new_doc(&a, 2024, ISMS_SCOPE_ANNEX_A);
    isms_entry *e = add(a, "A.7.1", ISMS_STATUS_NO);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_EXCLUDED), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, "No premises of our own."),
                     ISMS_OK);
    e = add(a, "A.7.2", ISMS_STATUS_NOT_ASSESSED);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_EXCLUDED), ISMS_OK);
    e = add(a, "A.7.3", ISMS_STATUS_NOT_ASSESSED);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_APPLICABLE), ISMS_OK);

    json_t *root = parse_ar(doc);
    json_t *r = result(root, 0);
    assert_int_equal(size_at(r, "findings"), 2);
    json_t *f = finding(r, "A.7.1");
    assert_string_equal(prop(f, "status"), "no");
    assert_string_equal(prop(f, "applicability"), "excluded");
    assert_string_equal(str_at(f, "target.status.state"), "satisfied");
    assert_string_equal(str_at(f, "target.implementation-status.state"), "not-applicable");
    assert_string_equal(str_at(f, "description"),
                        "Status: Not applicable (excluded in the Statement of Applicability).");
    assert_string_equal(str_at(f, "remarks"), "Justification: No premises of our own.");
    f = finding(r, "A.7.2");
    assert_null(prop(f, "status"));
    assert_string_equal(str_at(f, "target.status.state"), "satisfied");
    assert_null(json_object_get(f, "related-observations")); /* nothing observed */
    assert_null(by_label(json_object_get(r, "observations"), "A.7.2"));
    assert_int_equal(size_at(r, "observations"), 1);
    assert_int_equal(size_at(selection(r, "excluded"), "exclude-controls"), 2);
    assert_true(excludes(selection(r, "excluded"), "a.7.2")); /* excluded, not assessed */
    assert_null(unassessed(r, "excluded"));
    assert_null(selection(r, "applicable"));
    assert_int_equal(size_at(unassessed(r, "applicable"), "include-controls"), 1);
    assert_true(selects(unassessed(r, "applicable"), "a.7.3"));
    assert_int_equal(size_at(unassessed(r, "undecided"), "include-controls"), 90);
    /* 93 controls, 2 not applicable, 0 assessed */
    assert_string_equal(prop(r, "applicable"), "91");
    assert_string_equal(prop(r, "assessed"), "0");
    json_decref(root);
    isms_document_free(doc);
}

/* The Statement of Applicability of entries without a finding: a justification, reasons, or
 * an applicability the reviewed controls do not show gets an observation that carries them
 * (as the finding does for assessed entries). */
static isms_document *soa_doc(isms_lang lang)
{
    isms_assessment *a;
    isms_document *doc = new_doc(&a, 2024, ISMS_SCOPE_BOTH);
    assert_int_equal(isms_document_set_lang(doc, lang), ISMS_OK);
    /* applicable, justified, two reasons; not assessed */
    isms_entry *e = add(a, "A.5.1", ISMS_STATUS_NOT_ASSESSED);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_APPLICABLE), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, "Required by the city's\n"
                                    "policy."), ISMS_OK);
    assert_int_equal(isms_entry_set_reasons(e, ISMS_REASON_RISK | ISMS_REASON_LEGAL), ISMS_OK);
    /* undecided, a reason only */
    e = add(a, "A.5.2", ISMS_STATUS_NOT_ASSESSED);
    assert_int_equal(isms_entry_set_reasons(e, ISMS_REASON_CONTRACTUAL), ISMS_OK);
    /* excluded: its finding (not applicable) carries the justification */
    e = add(a, "A.5.3", ISMS_STATUS_NOT_ASSESSED);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_EXCLUDED), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, "No such systems."), ISMS_OK);
    /* assessed: the finding carries it, the observation (of the status) does not */
    e = add(a, "A.5.4", ISMS_STATUS_YES);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_APPLICABLE), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, "Core duty."), ISMS_OK);
    assert_int_equal(isms_entry_set_reasons(e, ISMS_REASON_BUSINESS), ISMS_OK);
    /* a comment, not assessed: its observation carries the justification as well */
    e = add(a, "A.5.5", ISMS_STATUS_NOT_ASSESSED);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_COMMENT, "Under review."), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, "Shared contracts."), ISMS_OK);
    /* applicable and nothing else: the selection of applicable controls shows it */
    e = add(a, "A.5.6", ISMS_STATUS_NOT_ASSESSED);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_APPLICABLE), ISMS_OK);
    /* not in the catalog: no selection shows its applicability */
    e = add(a, "X.9", ISMS_STATUS_NOT_ASSESSED);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_EXCLUDED), ISMS_OK);
    e = add(a, "X.10", ISMS_STATUS_NOT_ASSESSED);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, "Local rule."), ISMS_OK);
    /* a clause: the selection of the clauses has no applicability */
    e = add(a, "4.3", ISMS_STATUS_NOT_ASSESSED);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_APPLICABLE), ISMS_OK);
    /* blank justification: nothing to carry */
    e = add(a, "A.5.7", ISMS_STATUS_NOT_ASSESSED);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, " \n"), ISMS_OK);
    return doc;
}

static void test_soa_observations(void **state)
{
    (void)state;
    isms_document *doc = soa_doc(ISMS_LANG_EN);
    json_t *root = parse_ar(doc);
    json_t *r = result(root, 0);
    const char *start = str_at(r, "start");
    assert_string_equal(start, "2024-12-31T00:00:00Z");
    assert_int_equal(size_at(r, "observations"), 7);
    assert_int_equal(size_at(r, "findings"), 2);

    json_t *o = observation(r, "A.5.1");
    assert_string_equal(str_at(o, "title"), "A.5.1 Policies for information security");
    assert_string_equal(str_at(o, "description"), "Statement of Applicability: Applicable.");
    assert_int_equal(size_at(o, "props"), 4);
    assert_string_equal(prop(o, "applicability"), "applicable");
    assert_string_equal(prop_k(o, "reason", 0), "risk");
    assert_string_equal(prop_k(o, "reason", 1), "legal");
    assert_null(prop_k(o, "reason", 2));
    assert_null(prop(o, "status"));
    assert_null(prop(o, "reviewed"));
    assert_string_equal(str_at(o, "remarks"),
                        "Justification: Required by the city's  \npolicy."); /* a hard break */
    assert_string_equal(str_at(o, "methods.0"), "UNKNOWN");
    assert_string_equal(str_at(o, "types.0"), "control-objective");
    assert_string_equal(str_at(o, "collected"), start);
    assert_null(by_label(json_object_get(r, "findings"), "A.5.1"));
    char want[37];
    expected_uuid(want, "Example City", "", "ar/observation", "2024", "A.5.1");
    assert_string_equal(str_at(o, "uuid"), want);

    o = observation(r, "A.5.2");
    assert_string_equal(str_at(o, "description"), "Statement of Applicability for A.5.2.");
    assert_int_equal(size_at(o, "props"), 2);
    assert_string_equal(prop(o, "reason"), "contractual");
    assert_null(prop(o, "applicability"));
    assert_null(json_object_get(o, "remarks"));

    /* the excluded control: a finding, no observation */
    assert_null(by_label(json_object_get(r, "observations"), "A.5.3"));
    json_t *f = finding(r, "A.5.3");
    assert_string_equal(str_at(f, "remarks"), "Justification: No such systems.");
    assert_null(json_object_get(f, "related-observations"));

    /* assessed: the finding carries the SoA, its observation (of the status) does not */
    f = finding(r, "A.5.4");
    assert_string_equal(prop(f, "applicability"), "applicable");
    assert_string_equal(prop(f, "reason"), "business");
    assert_string_equal(str_at(f, "remarks"), "Justification: Core duty.");
    o = observation(r, "A.5.4");
    assert_string_equal(str_at(o, "description"), "Status: Yes.");
    assert_int_equal(size_at(o, "props"), 2); /* label, status */
    assert_null(prop(o, "applicability"));
    assert_null(json_object_get(o, "remarks"));
    assert_string_equal(str_at(f, "related-observations.0.observation-uuid"),
                        str_at(o, "uuid"));

    o = observation(r, "A.5.5");
    assert_string_equal(str_at(o, "description"), "Under review.");
    assert_int_equal(size_at(o, "props"), 1); /* label: undecided, no reasons */
    assert_string_equal(str_at(o, "remarks"), "Justification: Shared contracts.");

    assert_null(by_label(json_object_get(r, "observations"), "A.5.6"));
    assert_true(selects(unassessed(r, "applicable"), "a.5.6"));
    assert_null(by_label(json_object_get(r, "observations"), "A.5.7"));

    o = observation(r, "X.9");
    assert_string_equal(str_at(o, "description"), "Statement of Applicability: Excluded.");
    assert_string_equal(prop(o, "reviewed"), "false");
    assert_string_equal(prop(o, "applicability"), "excluded");
    assert_null(json_object_get(o, "types"));
    assert_string_equal(str_at(o, "remarks"), "X.9 is not in ISO/IEC 27001:2022: it is not "
                        "among the reviewed controls and has no finding.");
    o = observation(r, "X.10");
    assert_string_equal(str_at(o, "description"), "Statement of Applicability for X.10.");
    assert_string_equal(str_at(o, "remarks"), "X.10 is not in ISO/IEC 27001:2022: it is not "
                        "among the reviewed controls and has no finding.\n\nJustification: "
                        "Local rule.");
    o = observation(r, "4.3");
    assert_string_equal(str_at(o, "description"), "Statement of Applicability: Applicable.");
    assert_string_equal(prop(o, "applicability"), "applicable");
    assert_null(prop(o, "reviewed"));
    json_decref(root);
    isms_document_free(doc);

    /* In Swedish. */
    doc = soa_doc(ISMS_LANG_SV);
    root = parse_ar(doc);
    r = result(root, 0);
    o = observation(r, "A.5.1");
    assert_string_equal(str_at(o, "description"), "Uttalandet om tillämplighet: Tillämplig.");
    assert_string_equal(str_at(o, "remarks"), "Motivering: Required by the city's  \npolicy.");
    o = observation(r, "A.5.2");
    assert_string_equal(str_at(o, "description"), "Uttalandet om tillämplighet för A.5.2.");
    json_decref(root);
    char *text;
    size_t len;
    SWEEP_WRITE(text, len, isms_document_write_oscal(&text, &len, doc, AR));
    isms_document_free(doc);
}

/* Entries that are not requirements in scope keep their observation, marked, and have no
 * finding; the reviewed controls leave them out. */
static void test_not_requirements(void **state)
{
    (void)state;
    isms_assessment *a;
    isms_document *doc = new_doc(&a, 2024, ISMS_SCOPE_CLAUSES);
    add(a, "X.1", ISMS_STATUS_PARTIAL);          /* not in the catalog */
    add(a, "6.1", ISMS_STATUS_YES);              /* a heading */
    add(a, "A.5.1", ISMS_STATUS_NO);             /* Annex A, outside the scope */
    isms_entry *ok = add(a, "4.1", ISMS_STATUS_YES);
    assert_int_equal(isms_entry_set(ok, ISMS_FIELD_COMMENT, "Done."), ISMS_OK);
    add(a, "4.2", ISMS_STATUS_NOT_ASSESSED);     /* nothing to observe */
    /* a reference that OSCAL sees as white space, with nothing but a comment: no label, so
     * the observation's only property says it is not reviewed */
    isms_entry *odd = add(a, "\u3000", ISMS_STATUS_NOT_ASSESSED);
    assert_int_equal(isms_entry_set(odd, ISMS_FIELD_COMMENT, "Odd."), ISMS_OK);

    json_t *root = parse_ar(doc);
    json_t *r = result(root, 0);
    assert_int_equal(size_at(r, "observations"), 5);
    json_t *o5 = at(r, "observations.4");
    assert_string_equal(str_at(o5, "title"), "–");
    assert_string_equal(str_at(o5, "description"), "Odd.");
    assert_int_equal(size_at(o5, "props"), 1);
    assert_string_equal(prop(o5, "reviewed"), "false");
    assert_int_equal(size_at(r, "findings"), 1);
    assert_non_null(finding(r, "4.1"));
    assert_null(by_label(json_object_get(r, "findings"), "X.1"));
    assert_null(by_label(json_object_get(r, "observations"), "4.2"));

    json_t *o = observation(r, "X.1");
    assert_string_equal(prop(o, "reviewed"), "false");
    assert_string_equal(prop(o, "status"), "partial");
    assert_string_equal(str_at(o, "title"), "X.1");
    assert_string_equal(str_at(o, "description"), "Status: Partial.");
    assert_null(json_object_get(o, "types"));
    assert_string_equal(str_at(o, "remarks"),
                        "X.1 is not in ISO/IEC 27001:2022: it is not among the reviewed "
                        "controls and has no finding.");
    o = observation(r, "6.1");
    assert_string_equal(prop(o, "reviewed"), "false");
    assert_non_null(strstr(str_at(o, "remarks"), "6.1 is a heading of ISO/IEC 27001:2022"));
    o = observation(r, "A.5.1");
    assert_string_equal(prop(o, "reviewed"), "false");
    assert_non_null(strstr(str_at(o, "remarks"), "A.5.1 lies outside the scope"));
    o = observation(r, "4.1");
    assert_null(prop(o, "reviewed"));
    assert_false(selects(selection(r, NULL), "clause-6.1"));
    assert_false(selects(unassessed(r, NULL), "clause-6.1"));
    assert_true(selects(selection(r, NULL), "clause-4.1"));
    assert_true(selects(unassessed(r, NULL), "clause-4.2"));
    json_decref(root);
    isms_document_free(doc);
}

/* Blank, multi-line and padded texts; evidence links. */
static void test_hostile_text(void **state)
{
    (void)state;
    isms_assessment *a;
    isms_document *doc = new_doc(&a, 2024, ISMS_SCOPE_BOTH);
    isms_entry *e = add(a, "A.5.7", ISMS_STATUS_NO);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_COMMENT, " \t\n "), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_OWNER, "  IT-\navdelningen\t "), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_DUE, "\u3000"), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_PLAN,
                                    "  Step one.\r\nStep two.\rStep three.\u2029"), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, "\u00a0 "), ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "https://intranät.example.se/docs/policy.pdf"),
                     ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, " HTTP://example.org/a?b=c#d "), ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "https://example.org/a b"), ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "http://host:8x/"), ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "mailto:cert@example.se"), ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "Dnr:2024-45"), ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "docs/policy.pdf"), ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "https://x.se/%zz"), ISMS_OK);

    json_t *root = parse_ar(doc);
    json_t *r = result(root, 0);
    json_t *o = observation(r, "A.5.7");
    assert_string_equal(str_at(o, "description"), "Status: No.");
    assert_int_equal(size_at(o, "relevant-evidence"), 8);
    assert_string_equal(str_at(o, "relevant-evidence.0.href"),
                        "https://intran%C3%A4t.example.se/docs/policy.pdf");
    assert_string_equal(str_at(o, "relevant-evidence.0.description"),
                        "https://intranät.example.se/docs/policy.pdf");
    assert_string_equal(str_at(o, "relevant-evidence.1.href"), "HTTP://example.org/a?b=c#d");
    assert_string_equal(str_at(o, "relevant-evidence.1.description"),
                        "HTTP://example.org/a?b=c#d");
    for (size_t i = 2; i < 8; i++) {
        char path[64];
        snprintf(path, sizeof path, "relevant-evidence.%zu", i);
        if (i == 4)
            assert_string_equal(str_at(o, "relevant-evidence.4.href"),
                                "mailto:cert@example.se");
        else
            assert_null(json_object_get(at(o, path), "href"));
    }
    json_t *f = finding(r, "A.5.7");
    assert_string_equal(str_at(f, "description"), "Status: No.");
    assert_string_equal(prop(f, "owner"), "IT- avdelningen");
    assert_null(prop(f, "due"));
    assert_null(prop(f, "due-date"));
    assert_string_equal(str_at(f, "target.implementation-status.state"), "planned");
    assert_string_equal(str_at(f, "remarks"),
                        "Action plan: Step one.  \nStep two.  \nStep three.");
    json_decref(root);
    isms_document_free(doc);
}

/* Not applicable: a control may be excluded (satisfied, not-applicable), a clause of the
 * management system may not (not-satisfied, with a remark that says why). */
static void test_clause_not_applicable(void **state)
{
    (void)state;
    isms_assessment *a;
    isms_document *doc = new_doc(&a, 2024, ISMS_SCOPE_BOTH);
    isms_entry *e = add(a, "4.2", ISMS_STATUS_NOT_APPLICABLE);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_PLAN, "Ask again."), ISMS_OK);
    add(a, "A.5.10", ISMS_STATUS_NOT_APPLICABLE);
    json_t *root = parse_ar(doc);
    json_t *r = result(root, 0);
    json_t *f = finding(r, "4.2");
    assert_string_equal(str_at(f, "target.status.state"), "not-satisfied");
    assert_string_equal(str_at(f, "target.status.reason"), "other");
    assert_null(json_object_get(at(f, "target"), "implementation-status"));
    assert_string_equal(prop(f, "status"), "not-applicable");
    assert_string_equal(str_at(f, "remarks"),
                        "The clauses of ISO/IEC 27001 (4–10) cannot be excluded: the "
                        "requirement counts as not satisfied.\n\nAction plan: Ask again.");
    assert_true(selects(selection(r, NULL), "clause-4.2")); /* it was assessed */
    f = finding(r, "A.5.10");
    assert_string_equal(str_at(f, "target.status.state"), "satisfied");
    assert_string_equal(str_at(f, "target.status.reason"), "other");
    assert_string_equal(str_at(f, "target.implementation-status.state"), "not-applicable");
    assert_null(json_object_get(f, "remarks"));
    json_decref(root);
    /* in Swedish */
    assert_int_equal(isms_document_set_lang(doc, ISMS_LANG_SV), ISMS_OK);
    root = parse_ar(doc);
    assert_non_null(strstr(str_at(finding(result(root, 0), "4.2"), "remarks"),
                           "Ledningssystemets krav i ISO/IEC 27001 (kapitel 4–10) kan inte "
                           "exkluderas"));
    json_decref(root);
    isms_document_free(doc);
}

/* User text goes into OSCAL's Markdown fields escaped, so that it shows as typed: no
 * emphasis, HTML, links, headings or lists; line breaks survive. Properties are plain
 * strings and keep the text as it is (on one line). */
static void test_markdown_text(void **state)
{
    (void)state;
    isms_assessment *a;
    isms_document *doc = new_doc(&a, 2024, ISMS_SCOPE_BOTH);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "*Stad* <b>"), ISMS_OK);
    isms_entry *e = add(a, "A.5.1", ISMS_STATUS_PARTIAL);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_COMMENT, "*bold* <script>x</script>\r\n"
                                                           "# heading\n[x](javascript:y)"),
                     ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_PLAN, "1. first\n2. second\n\n- item"),
                     ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, "_why_"), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_OWNER, "*IT* <b>"), ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "[doc](javascript:alert(1))"), ISMS_OK);
    assert_int_equal(isms_entry_add_evidence(e, "https://example.org/a_b"), ISMS_OK);
    isms_entry *x = add(a, "*X*", ISMS_STATUS_YES); /* a reference outside the catalog */
    (void)x;

    /* a successful export leaves no error behind (look-ups that find nothing are no error) */
    isms_error_clear();
    char *text = NULL;
    assert_int_equal(isms_document_write_oscal(&text, NULL, doc, AR), ISMS_OK);
    assert_int_equal(isms_error_last()->code, ISMS_OK);
    isms_free(text);
    json_t *root = parse_ar(doc);
    json_t *r = result(root, 0);
    json_t *o = observation(r, "A.5.1");
    assert_string_equal(str_at(o, "description"),
                        "\\*bold\\* \\<script\\>x\\</script\\>  \n\\# heading  \n"
                        "\\[x\\](javascript:y)");
    assert_string_equal(str_at(o, "relevant-evidence.0.description"),
                        "\\[doc\\](javascript:alert(1))");
    assert_null(json_object_get(at(o, "relevant-evidence.0"), "href"));
    assert_string_equal(str_at(o, "relevant-evidence.1.description"),
                        "https://example.org/a\\_b");
    assert_string_equal(str_at(o, "relevant-evidence.1.href"), "https://example.org/a_b");
    json_t *f = finding(r, "A.5.1");
    assert_string_equal(str_at(f, "description"),
                        "Status: Partial.\n\n\\*bold\\* \\<script\\>x\\</script\\>  \n"
                        "\\# heading  \n\\[x\\](javascript:y)");
    assert_string_equal(str_at(f, "remarks"),
                        "Action plan: 1. first  \n2\\. second\n\n\\- item\n\n"
                        "Justification: \\_why\\_");
    assert_string_equal(prop(f, "owner"), "*IT* <b>"); /* a plain string */
    /* the reference outside the catalog: escaped in the title and remark, raw as a label */
    o = observation(r, "*X*");
    assert_string_equal(str_at(o, "title"), "\\*X\\*");
    assert_string_equal(str_at(o, "remarks"), "\\*X\\* is not in ISO/IEC 27001:2022: it is "
                        "not among the reviewed controls and has no finding.");
    assert_non_null(strstr(str_at(r, "description"),
                           "Gap analysis 2024 of \\*Stad\\* \\<b\\>, against"));
    /* the metadata: the party's name is a string, the resource's title markup */
    json_t *ar = at(root, "assessment-results");
    assert_string_equal(str_at(ar, "metadata.parties.0.name"), "*Stad* <b>");
    json_decref(root);
    isms_document_free(doc);
}

/* An assessment against an imported catalog: its controls, by their OSCAL ids. */
static void test_imported_catalog(void **state)
{
    (void)state;
    isms_catalog *cat = NULL;
    int rc = isms_catalog_load_oscal(&cat, CATALOG_SAMPLE);
    if (rc != ISMS_OK)
        fail_msg("cannot load %s: %s", CATALOG_SAMPLE, isms_error_last()->message);
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, 2025), ISMS_OK);
    isms_assessment *a = NULL;
    assert_int_equal(isms_assessment_new_catalog(&a, cat, 2025, ISMS_SCOPE_ANNEX_A), ISMS_OK);
    isms_catalog_free(cat);
    assert_int_equal(isms_document_add_assessment(doc, a), ISMS_OK);
    isms_entry *e = add(a, "STY-1", ISMS_STATUS_YES);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_APPLICABLE), ISMS_OK);

    json_t *root = parse_ar(doc);
    json_t *r = result(root, 0);
    assert_string_equal(str_at(r, "title"),
                        "Gapanalys 2025 mot Exempelstads grundläggande "
                        "informationssäkerhetskrav");
    assert_string_equal(prop(r, "catalog-uuid"), "ba8eab7e-7ca6-5b08-90f0-3da2903eb537");
    assert_null(selection(r, NULL));
    json_t *inc = selection(r, "applicable");
    assert_string_equal(prop(inc, "part"), "controls");
    assert_int_equal(size_at(inc, "include-controls"), 1);
    assert_true(selects(inc, "sty-1"));
    size_t n = isms_catalog_requirement_count(isms_assessment_catalog(a), ISMS_SCOPE_ANNEX_A);
    assert_int_equal(size_at(unassessed(r, "undecided"), "include-controls"), n - 1);
    json_t *f = finding(r, "STY-1");
    assert_string_equal(str_at(f, "target.target-id"), "sty-1");
    assert_string_equal(str_at(f, "title"),
                        "STY-1 Informationssäkerhetspolicy beslutad av kommunfullmäktige");
    json_decref(root);
    isms_document_free(doc);
}

/* Every allocation that fails gives ISMS_ENOMEM and nothing returned. */
static void test_alloc_failure(void **state)
{
    (void)state;
    isms_document *doc = load_sample();
    char *out;
    size_t len;
    SWEEP_WRITE(out, len, isms_document_write_oscal(&out, &len, doc, AR));

    isms_assessment *a;
    isms_document *small = new_doc(&a, 2024, ISMS_SCOPE_BOTH);
    isms_entry *e = add(a, "A.5.7", ISMS_STATUS_PARTIAL);
    assert_int_equal(isms_entry_add_evidence(e, "https://intranät.example.se/x"), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_PLAN, "Plan"), ISMS_OK);
    add(a, "X.9", ISMS_STATUS_YES);
    SWEEP_WRITE(out, len, isms_document_write_oscal(&out, &len, small, AR));
    isms_document_free(small);
    isms_document_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_results),
        cmocka_unit_test(test_sample_finding),
        cmocka_unit_test(test_sample_soa),
        cmocka_unit_test(test_sample_evidence),
        cmocka_unit_test(test_stable),
        cmocka_unit_test(test_no_assessments),
        cmocka_unit_test(test_empty_assessment),
        cmocka_unit_test(test_scopes),
        cmocka_unit_test(test_excluded),
        cmocka_unit_test(test_soa_observations),
        cmocka_unit_test(test_not_requirements),
        cmocka_unit_test(test_hostile_text),
        cmocka_unit_test(test_clause_not_applicable),
        cmocka_unit_test(test_markdown_text),
        cmocka_unit_test(test_imported_catalog),
        cmocka_unit_test(test_alloc_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
