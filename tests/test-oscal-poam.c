/* Unit tests of the OSCAL plan of action and milestones (isms_document_write_oscal() with
 * ISMS_OSCAL_POAM, lib/io/oscal-poam.c): the sample document's items, risks, remediations and
 * milestones checked against hand-counted facts, UUIDs derived from the ids and stable across
 * exports, a document built through the API (targets of every kind, targets no source holds,
 * actions with a risk of their own), a plan that cannot be scheduled, a document without
 * actions, allocation failure. The output is read back with jansson. */
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
#include "plan/plan-internal.h"

#include "test-util.h"

#define SAMPLE ISMS_TEST_DATA "/../../examples/data/exempelstad.isms.json"
#define POAM ISMS_OSCAL_POAM
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

/* The POA&M of `doc` as text (free with isms_free()). */
static char *write_poam(const isms_document *doc, size_t *len)
{
    char *text = NULL;
    size_t n = 0;
    int rc = isms_document_write_oscal(&text, &n, doc, POAM);
    if (rc != ISMS_OK)
        fail_msg("write: %d %s", rc, isms_error_last()->message);
    assert_non_null(text);
    assert_int_equal(strlen(text), n);
    assert_int_equal(text[n - 1], '\n');
    if (len)
        *len = n;
    return text;
}

/* What the schema asks of every node, as far as it can be told without it: no empty array
 * (every array of the model has minItems 1), no blank property value, every uuid once.
 * `uuids` collects them. */
static void check_shape(json_t *v, json_t *uuids)
{
    size_t i;
    const char *key;
    json_t *e;
    if (json_is_array(v)) {
        assert_true(json_array_size(v) > 0);
        json_array_foreach(v, i, e) check_shape(e, uuids);
        return;
    }
    if (!json_is_object(v))
        return;
    json_object_foreach(v, key, e)
    {
        if (strcmp(key, "uuid") == 0) {
            assert_true(json_is_string(e));
            const char *u = json_string_value(e);
            assert_int_equal(strlen(u), 36);
            if (json_object_get(uuids, u))
                fail_msg("uuid %s twice", u);
            json_object_set_new(uuids, u, json_true());
        }
        check_shape(e, uuids);
    }
    json_t *value = json_object_get(v, "value");
    if (json_object_get(v, "name") && json_is_string(value)) { /* a property or a facet */
        const char *s = json_string_value(value);
        size_t n = strlen(s);
        assert_true(n > 0);
        assert_false(isspace((unsigned char)s[0]) || isspace((unsigned char)s[n - 1]));
        assert_null(strpbrk(s, "\n\r\t"));
    }
}

/* The POA&M of `doc`, parsed, shape-checked, every related risk defined: the value of
 * "plan-of-action-and-milestones" (the root is freed with it: decref the result's root with
 * free_poam()). */
static json_t *parse_poam(const isms_document *doc)
{
    char *text = write_poam(doc, NULL);
    json_error_t err;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &err);
    if (!root)
        fail_msg("not JSON: %s at %d:%d", err.text, err.line, err.column);
    isms_free(text);
    json_t *uuids = json_object();
    check_shape(root, uuids);
    json_t *poam = json_object_get(root, "plan-of-action-and-milestones");
    assert_non_null(poam);
    assert_int_equal(json_object_size(root), 1);
    size_t i, k;
    json_t *item, *rel;
    json_array_foreach(json_object_get(poam, "poam-items"), i, item)
    {
        json_array_foreach(json_object_get(item, "related-risks"), k, rel)
        {
            const char *u = json_string_value(json_object_get(rel, "risk-uuid"));
            assert_non_null(u);
            if (!json_object_get(uuids, u))
                fail_msg("item %zu names the risk %s, which is not there", i, u);
        }
    }
    json_decref(uuids);
    json_incref(poam);
    json_decref(root);
    return poam;
}

/* The value at a path of object keys and array indexes: "risks.3.remediations". */
static json_t *at(json_t *v, const char *path)
{
    const char *p = path;
    while (*p) {
        const char *end = strchr(p, '.');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char part[128];
        assert_true(n < sizeof part);
        memcpy(part, p, n);
        part[n] = '\0';
        v = json_is_array(v) ? json_array_get(v, strtoul(part, NULL, 10))
                             : json_object_get(v, part);
        if (!v)
            fail_msg("no %s in %s", part, path);
        p += n + (end ? 1 : 0);
    }
    return v;
}

static const char *str_at(json_t *v, const char *path)
{
    json_t *s = at(v, path);
    assert_true(json_is_string(s));
    return json_string_value(s);
}

/* The value of the k-th property `name` of `obj` (in our namespace unless it is OSCAL's
 * "type"), or NULL. */
static const char *prop_k(json_t *obj, const char *name, size_t k)
{
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(obj, "props"), i, p)
    {
        if (strcmp(json_string_value(json_object_get(p, "name")), name) != 0)
            continue;
        json_t *ns = json_object_get(p, "ns");
        if (strcmp(name, "type") == 0)
            assert_null(ns);
        else
            assert_string_equal(json_string_value(ns), NS);
        if (k-- == 0)
            return json_string_value(json_object_get(p, "value"));
    }
    return NULL;
}

static const char *prop(json_t *obj, const char *name)
{
    return prop_k(obj, name, 0);
}

static size_t prop_count(json_t *obj, const char *name)
{
    size_t n = 0;
    while (prop_k(obj, name, n))
        n++;
    return n;
}

/* The element of the array `list` whose "uuid" is `uuid`. */
static json_t *by_uuid(json_t *list, isms__uuid uuid)
{
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e)
    {
        if (strcmp(json_string_value(json_object_get(e, "uuid")), uuid.s) == 0)
            return e;
    }
    fail_msg("no element with uuid %s", uuid.s);
    return NULL;
}

/* The UUID of the node `kind` with the `n` parts of an export of `doc`. */
static isms__uuid uuid_of(const isms_document *doc, const char *kind, const char *const *parts,
                          size_t n)
{
    isms__oscal_doc d;
    assert_int_equal(isms__oscal_doc_init(&d, doc), ISMS_OK);
    isms__uuid u = isms__oscal_uuid(&d, kind, parts, n);
    isms__oscal_doc_free(&d);
    return u;
}
#define UUID_OF(doc, kind, ...)                                                               \
    uuid_of((doc), (kind), (const char *const[]){ __VA_ARGS__ },                              \
            sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

/* The UUID of the risk named `name` ("risk/R5", "gap/A.5.18", "action/X2"): the kind
 * "poam/risk" and the part "R5". */
static isms__uuid risk_uuid(const isms_document *doc, const char *name)
{
    const char *slash = strchr(name, '/');
    assert_non_null(slash);
    char kind[32];
    snprintf(kind, sizeof kind, "poam/%.*s", (int)(slash - name), name);
    return UUID_OF(doc, kind, slash + 1);
}

/* The item of the action `id`. */
static json_t *item_of(json_t *poam, const isms_document *doc, const char *id)
{
    json_t *item = by_uuid(json_object_get(poam, "poam-items"), UUID_OF(doc, "poam/item", id));
    assert_string_equal(prop(item, "action-id"), id);
    return item;
}

/* The risk named `name` ("risk/R5", "gap/A.5.18", "action/X2"). */
static json_t *risk_of(json_t *poam, const isms_document *doc, const char *name)
{
    return by_uuid(json_object_get(poam, "risks"), risk_uuid(doc, name));
}

/* The remediation of `risk` by the action `id`, or NULL when it has none. */
static json_t *remediation_of(json_t *risk, const char *id)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(risk, "remediations"), i, r)
    {
        if (strcmp(prop(r, "action-id"), id) == 0)
            return r;
    }
    return NULL;
}

/* The related risks of an item are the named ones, in this order. */
static void assert_related(json_t *item, const isms_document *doc, const char *const *names,
                           size_t n)
{
    json_t *rel = json_object_get(item, "related-risks");
    assert_int_equal(json_array_size(rel), n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(json_string_value(json_object_get(json_array_get(rel, i),
                                                              "risk-uuid")),
                            risk_uuid(doc, names[i]).s);
}

static isms_document *new_doc(int year)
{
    isms_document *doc = NULL;
    assert_int_equal(isms_document_new(&doc, year), ISMS_OK);
    return doc;
}

static isms_action *add_action(isms_document *doc, const char *id, const char *title,
                               const char *due, isms_action_status status)
{
    isms_action *a = NULL;
    assert_int_equal(isms_plan_add(&a, isms_document_plan(doc), id, title), ISMS_OK);
    assert_int_equal(isms_action_set(a, ISMS_ACTION_DUE, due), ISMS_OK);
    assert_int_equal(isms_action_set_status(a, status), ISMS_OK);
    return a;
}

/*
 * A small English document of 2024 with a reference date, scheduled in yearly periods from
 * 2025 (the default: three of them, unlimited capacity):
 *   R1 open, levels 3/4, residual 2/2;  R2 open;  A.5.1 partial with a comment;  asset HR.
 *   X1 in progress, due Q2 2025: "R1" (any) and "risk:R1" (the same risk twice), req A.5.1
 *   X2 planned, due 2025, effort 5: the asset HR only (a risk of its own)
 *   X3 proposed, due "next business plan" (unreadable), no targets (a risk of its own)
 *   X4 planned, no due: risk R99 and req Z.9 (in no source), "nowhere" (found nowhere)
 *   X5 done, due 2024-06-30: R2
 *   X6 cancelled, due 2025: R2
 */
static isms_document *api_doc(void)
{
    isms_document *doc = new_doc(2024);
    assert_int_equal(isms_document_set_lang(doc, ISMS_LANG_EN), ISMS_OK);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "Testkommun"), ISMS_OK);
    assert_int_equal(isms_document_set_date(doc, (isms_date){ 2024, 11, 1 }), ISMS_OK);
    isms_register *reg = isms_document_register(doc);
    isms_risk *r = NULL;
    assert_int_equal(isms_register_add(&r, reg, "R1", "Phishing", 3, 4), ISMS_OK);
    assert_int_equal(isms_risk_set_residual(r, 2, 2), ISMS_OK);
    assert_int_equal(isms_register_add(NULL, reg, "R2", "Flood", ISMS_LEVEL_UNSET,
                                       ISMS_LEVEL_UNSET),
                     ISMS_OK);
    isms_assessment *as = NULL;
    assert_int_equal(isms_assessment_new(&as, ISMS_EDITION_2022, 2024, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    isms_entry *e = NULL;
    assert_int_equal(isms_assessment_add(&e, as, "A.5.1"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_PARTIAL), ISMS_OK);
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_COMMENT, "No policy yet."), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, as), ISMS_OK);
    assert_int_equal(isms_inventory_add(NULL, isms_document_inventory(doc), "HR", "HR system",
                                        ISMS_ASSET_SYSTEM),
                     ISMS_OK);

    isms_action *a = add_action(doc, "X1", "Phishing drills", "Q2 2025",
                                ISMS_ACTION_IN_PROGRESS);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_ANY, "R1"), ISMS_OK);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R1"), ISMS_OK);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_ANY, "req:A.5.1"), ISMS_OK);
    assert_int_equal(isms_action_set(a, ISMS_ACTION_OWNER, "IT"), ISMS_OK);
    a = add_action(doc, "X2", "Harden the HR system", "2025", ISMS_ACTION_PLANNED);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_ANY, "asset:HR"), ISMS_OK);
    assert_int_equal(isms_action_set_effort(a, 5), ISMS_OK);
    a = add_action(doc, "X3", "", "next business plan", ISMS_ACTION_PROPOSED);
    a = add_action(doc, "X4", "Odd targets", NULL, ISMS_ACTION_PLANNED);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R99"), ISMS_OK);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_REQUIREMENT, "Z.9"), ISMS_OK);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_ANY, "nowhere"), ISMS_OK);
    a = add_action(doc, "X5", "Move the servers", "2024-06-30", ISMS_ACTION_DONE);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R2"), ISMS_OK);
    a = add_action(doc, "X6", "Sandbags", "2025", ISMS_ACTION_CANCELLED);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R2"), ISMS_OK);
    return doc;
}

/* Every remediation of every risk has one milestone per period its action is scheduled in
 * (the item's "scheduled" properties) and one for its due date when it has one. Returns the
 * number of remediations seen. */
static size_t check_milestones(json_t *poam, const isms_document *doc)
{
    size_t i, k, seen = 0;
    json_t *risk, *rem;
    json_array_foreach(json_object_get(poam, "risks"), i, risk)
    {
        json_array_foreach(json_object_get(risk, "remediations"), k, rem)
        {
            const char *id = prop(rem, "action-id");
            json_t *item = item_of(poam, doc, id);
            size_t periods = prop_count(item, "scheduled");
            size_t due = prop(item, "due") ? 1 : 0;
            json_t *tasks = json_object_get(rem, "tasks");
            assert_int_equal(json_array_size(tasks), periods + due);
            for (size_t t = 0; t < periods; t++) {
                json_t *task = json_array_get(tasks, t);
                assert_string_equal(str_at(task, "type"), "milestone");
                assert_string_equal(prop(task, "period"), prop_k(item, "scheduled", t));
                assert_non_null(at(task, "timing.within-date-range.start"));
            }
            if (due)
                assert_string_equal(prop(json_array_get(tasks, periods), "due"),
                                     prop(item, "due"));
            seen++;
        }
    }
    return seen;
}

/* ---- the sample document ---------------------------------------------------------------- */

static void test_sample_items(void **state)
{
    (void)state;
    isms_document *doc = load_sample();
    json_t *poam = parse_poam(doc);
    assert_string_equal(str_at(poam, "uuid"), uuid_of(doc, "poam", NULL, 0).s);
    assert_string_equal(str_at(poam, "system-id.identifier-type"),
                        "https://ietf.org/rfc/rfc4122");
    assert_string_equal(str_at(poam, "system-id.id"),
                        uuid_of(doc, "resource/document", NULL, 0).s);
    assert_string_equal(str_at(poam, "back-matter.resources.0.uuid"),
                        uuid_of(doc, "resource/document", NULL, 0).s);
    assert_string_equal(str_at(poam, "metadata.oscal-version"), "1.1.3");

    /* one item per action, A1 … A18 in the plan's order */
    json_t *items = at(poam, "poam-items");
    assert_int_equal(json_array_size(items), 18);
    for (size_t i = 0; i < 18; i++) {
        char id[8];
        snprintf(id, sizeof id, "A%zu", i + 1);
        assert_string_equal(prop(json_array_get(items, i), "action-id"), id);
    }

    /* A3: quarterly, 2 person-days, due Q1 2025, in each of the three yearly periods */
    json_t *a3 = json_array_get(items, 2);
    /* uuid5(30921a26-96a7-5fc7-8041-5e09591ff855,
     *       "19:Exempelstads kommun20:Socialförvaltningen9:poam/item2:A3"), computed
     * independently with Python: enc = lambda s: f"{len(s.encode())}:{s}" */
    assert_string_equal(str_at(a3, "uuid"), "3fece77c-9ec8-5ca7-a4c6-cb55cfe48486");
    assert_string_equal(str_at(a3, "title"), "Granska behörigheterna i Omsorgsportalen");
    assert_string_equal(str_at(a3, "description"), "Kvartalsvis granskning av behörigheter "
                                                   "och privilegierade konton tillsammans "
                                                   "med enhetscheferna.");
    assert_string_equal(prop(a3, "status"), "planned");
    assert_string_equal(prop(a3, "owner"), "Systemförvaltare Omsorgsportalen");
    assert_string_equal(prop(a3, "due"), "Q1 2025");
    assert_string_equal(prop(a3, "due-date"), "2025-03-31");
    assert_string_equal(prop(a3, "effort"), "2");
    assert_null(prop(a3, "effort-size"));
    assert_null(prop(a3, "cost"));
    assert_string_equal(prop(a3, "recurrence"), "quarterly");
    assert_int_equal(prop_count(a3, "scheduled"), 3);
    assert_string_equal(prop_k(a3, "scheduled", 0), "2025");
    assert_string_equal(prop_k(a3, "scheduled", 1), "2026");
    assert_string_equal(prop_k(a3, "scheduled", 2), "2027");
    assert_non_null(prop(a3, "priority"));
    assert_non_null(prop(a3, "score"));
    assert_null(prop(a3, "unscheduled"));
    const char *const a3_risks[] = { "risk/R5", "gap/A.5.18", "gap/A.8.2" };
    assert_related(a3, doc, a3_risks, 3);

    /* A8: effort M (20 person-days), after A9, also the asset TJ2 */
    json_t *a8 = item_of(poam, doc, "A8");
    assert_string_equal(prop(a8, "effort"), "20");
    assert_string_equal(prop(a8, "effort-size"), "M");
    assert_string_equal(prop(a8, "prerequisite"), "A9");
    assert_string_equal(prop(a8, "asset"), "TJ2");
    assert_int_equal(prop_count(a8, "asset"), 1);
    const char *const a8_risks[] = { "risk/R2", "risk/R6", "gap/A.5.29" };
    assert_related(a8, doc, a8_risks, 3);
    /* A12 costs 120 000; A5 and A14 are in progress */
    assert_string_equal(prop(item_of(poam, doc, "A12"), "cost"), "120000");
    assert_string_equal(prop(item_of(poam, doc, "A5"), "status"), "in-progress");

    /* done and cancelled actions are items, not ranked, not scheduled */
    json_t *a6 = item_of(poam, doc, "A6");
    assert_string_equal(prop(a6, "status"), "done");
    json_t *a18 = item_of(poam, doc, "A18");
    assert_string_equal(prop(a18, "status"), "cancelled");
    for (int k = 0; k < 2; k++) {
        json_t *it = k ? a18 : a6;
        assert_null(prop(it, "priority"));
        assert_null(prop(it, "score"));
        assert_null(prop(it, "scheduled"));
        assert_null(prop(it, "unscheduled"));
    }
    json_decref(poam);
    isms_document_free(doc);
}

static void test_sample_risks(void **state)
{
    (void)state;
    isms_document *doc = load_sample();
    json_t *poam = parse_poam(doc);
    /* 8 risks of the register (R1, R2, R5, R6, R7, R8, R10, R11) and 29 requirements */
    json_t *risks = at(poam, "risks");
    assert_int_equal(json_array_size(risks), 37);
    assert_string_equal(str_at(risks, "0.uuid"), risk_uuid(doc, "risk/R1").s);
    assert_string_equal(str_at(risks, "7.uuid"), risk_uuid(doc, "risk/R11").s);
    assert_string_equal(str_at(risks, "8.uuid"), risk_uuid(doc, "gap/4.2").s);

    /* R5: in treatment, 3/3 (9, high) → 2/2 (4, medium), treated by A3 and A4 */
    json_t *r5 = risk_of(poam, doc, "risk/R5");
    assert_string_equal(str_at(r5, "title"), "R5: Behörigheter tas inte bort när anställda "
                                             "slutar eller byter tjänst");
    assert_string_equal(str_at(r5, "statement"), "Tidigare anställda eller medarbetare på "
                                                 "andra enheter kan läsa känsliga uppgifter "
                                                 "om enskilda.");
    assert_string_equal(str_at(r5, "status"), "remediating");
    assert_string_equal(prop(r5, "risk-id"), "R5");
    assert_string_equal(prop(r5, "owner"), "HR-chef");
    assert_string_equal(prop(r5, "risk-status"), "in-treatment");
    assert_string_equal(prop(r5, "treatment"), "modify");
    json_t *ch = at(r5, "characterizations.0");
    assert_string_equal(str_at(ch, "origin.actors.0.type"), "party");
    assert_string_equal(str_at(ch, "origin.actors.0.actor-uuid"),
                        uuid_of(doc, "party/unit", NULL, 0).s);
    static const char *const facets[][2] = {
        { "likelihood", "3" },          { "consequence", "3" },
        { "value", "9" },               { "level", "high" },
        { "residual-likelihood", "2" }, { "residual-consequence", "2" },
        { "residual-value", "4" },      { "residual-level", "medium" },
    };
    json_t *fs = at(ch, "facets");
    assert_int_equal(json_array_size(fs), 8);
    for (size_t i = 0; i < 8; i++) {
        json_t *f = json_array_get(fs, i);
        assert_string_equal(str_at(f, "name"), facets[i][0]);
        assert_string_equal(str_at(f, "value"), facets[i][1]);
        assert_string_equal(str_at(f, "system"), NS);
    }
    /* the later of A3 (Q1 2025) and A4 (T2 2025), at the end of its last day */
    assert_string_equal(str_at(r5, "deadline"), "2025-08-31T23:59:59Z");
    assert_int_equal(json_array_size(at(r5, "remediations")), 2);
    json_t *rem = remediation_of(r5, "A3");
    assert_non_null(rem);
    assert_string_equal(str_at(rem, "uuid"),
                        UUID_OF(doc, "poam/remediation", "risk", "R5", "A3").s);
    assert_string_equal(str_at(rem, "lifecycle"), "planned");
    assert_string_equal(str_at(rem, "title"), "Granska behörigheterna i Omsorgsportalen");
    assert_string_equal(prop(rem, "type"), "mitigate");
    assert_string_equal(prop(rem, "owner"), "Systemförvaltare Omsorgsportalen");
    /* milestones: 2025, 2026 and 2027, four times a year at 2 person-days, and the due date */
    json_t *tasks = at(rem, "tasks");
    assert_int_equal(json_array_size(tasks), 3 + 1);
    json_t *t0 = json_array_get(tasks, 0);
    assert_string_equal(str_at(t0, "uuid"),
                        UUID_OF(doc, "poam/milestone/period", "2025", "risk", "R5", "A3").s);
    assert_string_equal(str_at(t0, "title"), "Schemalagd till 2025");
    assert_string_equal(prop(t0, "period"), "2025");
    assert_string_equal(prop(t0, "effort"), "8");
    assert_string_equal(prop(t0, "occurrences"), "4");
    assert_null(prop(t0, "late"));
    assert_string_equal(str_at(t0, "timing.within-date-range.start"), "2025-01-01T00:00:00Z");
    assert_string_equal(str_at(t0, "timing.within-date-range.end"), "2025-12-31T23:59:59Z");
    assert_string_equal(str_at(tasks, "2.timing.within-date-range.end"),
                        "2027-12-31T23:59:59Z");
    json_t *t3 = json_array_get(tasks, 3);
    assert_string_equal(str_at(t3, "title"), "Klar senast Q1 2025");
    /* due Q1 2025: the quarter, not its last day only */
    assert_null(json_object_get(at(t3, "timing"), "on-date"));
    assert_string_equal(str_at(t3, "timing.within-date-range.start"), "2025-01-01T00:00:00Z");
    assert_string_equal(str_at(t3, "timing.within-date-range.end"), "2025-03-31T23:59:59Z");
    assert_string_equal(prop(t3, "due-date"), "2025-03-31");

    /* gaps: the entry's status and comment; closed when it is met */
    json_t *g = risk_of(poam, doc, "gap/A.5.18");
    assert_string_equal(str_at(g, "title"), "Brist i krav A.5.18: Access rights");
    assert_string_equal(str_at(g, "description"), "Åtkomsträttigheter");
    assert_string_equal(str_at(g, "statement"), "Nuläge: Delvis. Behörigheter tas inte alltid "
                                                "bort när anställda slutar; granskning görs "
                                                "en gång per år.");
    assert_string_equal(str_at(g, "status"), "open"); /* A3 and A4 are only planned */
    assert_string_equal(prop(g, "requirement"), "A.5.18");
    assert_string_equal(prop(g, "control-id"), "a.5.18");
    assert_string_equal(prop(g, "requirement-status"), "partial");
    assert_string_equal(prop(g, "need"), "high");
    assert_null(json_object_get(g, "characterizations"));
    /* 5.2 is met: closed, and without a deadline although A1 recurs */
    json_t *g52 = risk_of(poam, doc, "gap/5.2");
    assert_string_equal(str_at(g52, "status"), "closed");
    assert_null(json_object_get(g52, "deadline"));
    assert_string_equal(str_at(remediation_of(g52, "A1"), "lifecycle"), "planned");
    /* R6 is open and its actions are not under way; R8's register says in treatment */
    assert_string_equal(str_at(risk_of(poam, doc, "risk/R6"), "status"), "open");
    assert_string_equal(str_at(risk_of(poam, doc, "risk/R8"), "status"), "remediating");

    /* done: completed, only its due date (it is not scheduled) */
    json_t *r1 = risk_of(poam, doc, "risk/R1");
    json_t *a6 = remediation_of(r1, "A6");
    assert_string_equal(str_at(a6, "lifecycle"), "completed");
    assert_int_equal(json_array_size(at(a6, "tasks")), 1);
    /* due 2024-04-30, one day: on that date, by its end */
    assert_string_equal(str_at(a6, "tasks.0.timing.on-date.date"), "2024-04-30T23:59:59Z");
    /* A5 is in progress (due autumn 2025): R1's deadline; A6 is done and does not count */
    assert_string_equal(str_at(r1, "deadline"), "2025-12-31T23:59:59Z");
    /* proposed: a recommendation */
    assert_string_equal(str_at(remediation_of(risk_of(poam, doc, "risk/R7"), "A12"),
                               "lifecycle"),
                        "recommendation");
    /* cancelled: no remediation; its only action was A18, so A.7.4 has none */
    json_t *g74 = risk_of(poam, doc, "gap/A.7.4");
    assert_null(json_object_get(g74, "remediations"));
    assert_null(json_object_get(g74, "deadline"));

    /* every remediation: its action's periods and due date; the 18 actions name 45 risks and
     * requirements, A18's one is cancelled */
    assert_int_equal(check_milestones(poam, doc), 44);
    json_decref(poam);
    isms_document_free(doc);
}

static void test_sample_english(void **state)
{
    (void)state;
    isms_document *doc = load_sample();
    assert_int_equal(isms_document_set_lang(doc, ISMS_LANG_EN), ISMS_OK);
    json_t *poam = parse_poam(doc);
    json_t *g = risk_of(poam, doc, "gap/A.5.18");
    assert_string_equal(str_at(g, "title"), "Gap in requirement A.5.18: Access rights");
    assert_true(strncmp(str_at(g, "statement"), "Status: Partial. ", 17) == 0);
    json_t *rem = remediation_of(risk_of(poam, doc, "risk/R5"), "A3");
    assert_string_equal(str_at(rem, "tasks.0.title"), "Scheduled for 2025");
    assert_string_equal(str_at(rem, "tasks.3.title"), "Due Q1 2025");
    json_decref(poam);
    isms_document_free(doc);
}

/* Same document, same bytes; UUIDs come from the ids, so they stay when other things change
 * and move with the organisation. */
static void test_stable_uuids(void **state)
{
    (void)state;
    isms_document *doc = load_sample();
    size_t n1, n2;
    char *t1 = write_poam(doc, &n1);
    char *t2 = write_poam(doc, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(t1, t2, n1);
    isms_free(t2);
    /* the document's own plan was not scored (the export schedules a copy) */
    for (size_t i = 0; i < isms_plan_count(isms_document_plan(doc)); i++)
        assert_true(isms_action_score(isms_plan_at(isms_document_plan(doc), i)) < 0);

    /* another document loaded from the same file */
    isms_document *again = load_sample();
    t2 = write_poam(again, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(t1, t2, n1);
    isms_free(t2);

    /* a new action: A3 keeps its item, R5 and its remediation by A3 their uuids */
    isms_action *a = NULL;
    assert_int_equal(isms_plan_add(&a, isms_document_plan(again), "A19", "Ny åtgärd"),
                     ISMS_OK);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R5"), ISMS_OK);
    json_t *poam = parse_poam(again);
    assert_int_equal(json_array_size(at(poam, "poam-items")), 19);
    assert_string_equal(str_at(poam, "poam-items.2.uuid"),
                        "3fece77c-9ec8-5ca7-a4c6-cb55cfe48486");
    json_t *r5 = risk_of(poam, again, "risk/R5");
    assert_int_equal(json_array_size(at(r5, "remediations")), 3);
    assert_string_equal(str_at(remediation_of(r5, "A3"), "uuid"),
                        UUID_OF(doc, "poam/remediation", "risk", "R5", "A3").s);
    json_decref(poam);

    /* another organisation: other uuids */
    assert_int_equal(isms_document_set(again, ISMS_DOC_ORGANISATION, "Annanstads kommun"),
                     ISMS_OK);
    poam = parse_poam(again);
    assert_string_not_equal(str_at(poam, "poam-items.2.uuid"),
                            "3fece77c-9ec8-5ca7-a4c6-cb55cfe48486");
    json_decref(poam);
    isms_free(t1);
    isms_document_free(again);
    isms_document_free(doc);
}

/* ---- a document built through the API ---------------------------------------------------- */

static void test_api_document(void **state)
{
    (void)state;
    isms_document *doc = api_doc();
    json_t *poam = parse_poam(doc);
    assert_string_equal(str_at(poam, "metadata.title"), "Plan of action and milestones");
    assert_int_equal(json_array_size(at(poam, "poam-items")), 6);

    /* risks: R1, R2 (register order), R99 (not in the register), A.5.1, Z.9 (not in the
     * assessment), then the own risks of X2 and X3 */
    json_t *risks = at(poam, "risks");
    static const char *const order[] = { "risk/R1", "risk/R2",   "risk/R99", "gap/A.5.1",
                                         "gap/Z.9", "action/X2", "action/X3" };
    assert_int_equal(json_array_size(risks), 7);
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(str_at(json_array_get(risks, i), "uuid"),
                            risk_uuid(doc, order[i]).s);

    /* X1 names R1 twice: one related risk, one remediation; in progress: remediating */
    const char *const x1_risks[] = { "risk/R1", "gap/A.5.1" };
    assert_related(item_of(poam, doc, "X1"), doc, x1_risks, 2);
    json_t *r1 = risk_of(poam, doc, "risk/R1");
    assert_string_equal(str_at(r1, "status"), "remediating"); /* the register says open */
    assert_string_equal(str_at(r1, "title"), "R1: Phishing");
    assert_string_equal(str_at(r1, "statement"), "Phishing"); /* no consequence text */
    assert_int_equal(json_array_size(at(r1, "remediations")), 1);
    assert_string_equal(str_at(r1, "deadline"), "2025-06-30T23:59:59Z");
    assert_string_equal(str_at(r1, "characterizations.0.origin.actors.0.actor-uuid"),
                        uuid_of(doc, "party/organisation", NULL, 0).s);
    /* in progress: in the first period */
    json_t *x1 = item_of(poam, doc, "X1");
    assert_int_equal(prop_count(x1, "scheduled"), 1);
    assert_string_equal(prop(x1, "scheduled"), "2025");
    assert_string_equal(prop(x1, "owner"), "IT");
    json_t *rem = remediation_of(r1, "X1");
    assert_string_equal(prop(rem, "owner"), "IT");
    assert_int_equal(json_array_size(at(rem, "tasks")), 2);
    /* R2 has no levels: no characterizations; X5 is done, X6 cancelled */
    json_t *r2 = risk_of(poam, doc, "risk/R2");
    assert_null(json_object_get(r2, "characterizations"));
    assert_string_equal(str_at(r2, "status"), "open");
    assert_null(json_object_get(r2, "deadline"));
    assert_int_equal(json_array_size(at(r2, "remediations")), 1);
    assert_string_equal(str_at(r2, "remediations.0.lifecycle"), "completed");
    assert_non_null(remediation_of(r2, "X5"));
    assert_null(remediation_of(r2, "X6"));

    /* the gap of A.5.1 */
    json_t *g = risk_of(poam, doc, "gap/A.5.1");
    assert_string_equal(str_at(g, "statement"), "Status: Partial. No policy yet.");
    assert_string_equal(str_at(g, "status"), "remediating");
    assert_null(prop(g, "need"));

    /* X2 addresses an asset only, X3 nothing: risks of their own */
    json_t *x2 = item_of(poam, doc, "X2");
    assert_string_equal(prop(x2, "asset"), "HR");
    const char *const x2_risks[] = { "action/X2" };
    assert_related(x2, doc, x2_risks, 1);
    json_t *own = risk_of(poam, doc, "action/X2");
    assert_string_equal(str_at(own, "title"), "Action X2: Harden the HR system");
    assert_string_equal(str_at(own, "status"), "open");
    assert_string_equal(str_at(own, "deadline"), "2025-12-31T23:59:59Z");
    assert_string_equal(str_at(own, "remediations.0.lifecycle"), "planned");
    /* X3: no title, a due text with no date: a milestone without timing, no deadline */
    json_t *x3 = item_of(poam, doc, "X3");
    assert_string_equal(str_at(x3, "title"), "X3");
    assert_null(prop(x3, "due-date"));
    json_t *own3 = risk_of(poam, doc, "action/X3");
    assert_string_equal(str_at(own3, "title"), "Action X3");
    assert_null(json_object_get(own3, "deadline"));
    assert_string_equal(str_at(own3, "remediations.0.lifecycle"), "recommendation");
    json_t *due3 = at(own3, "remediations.0.tasks");
    json_t *last = json_array_get(due3, json_array_size(due3) - 1);
    assert_string_equal(str_at(last, "title"), "Due next business plan");
    assert_null(json_object_get(last, "timing"));

    /* X4: targets no source holds */
    json_t *x4 = item_of(poam, doc, "X4");
    const char *const x4_risks[] = { "risk/R99", "gap/Z.9" };
    assert_related(x4, doc, x4_risks, 2);
    assert_string_equal(prop(x4, "target"), "nowhere");
    assert_null(prop(x4, "due"));
    json_t *r99 = risk_of(poam, doc, "risk/R99");
    assert_string_equal(str_at(r99, "title"), "R99");
    assert_string_equal(str_at(r99, "statement"), "The risk R99 is not in the risk register.");
    assert_string_equal(prop(r99, "not-found"), "true");
    json_t *z9 = risk_of(poam, doc, "gap/Z.9");
    assert_string_equal(str_at(z9, "title"), "Gap in requirement Z.9");
    assert_string_equal(prop(z9, "not-found"), "true");
    /* no due text: only the scheduled milestone */
    assert_int_equal(json_array_size(at(remediation_of(r99, "X4"), "tasks")),
                     prop_count(x4, "scheduled"));
    assert_int_equal(prop_count(x4, "scheduled"), 1);

    assert_int_equal(check_milestones(poam, doc), 7);
    json_decref(poam);
    isms_document_free(doc);
}

/* A plan whose prerequisites form a cycle cannot be ordered: the POA&M still lists every
 * action, without ranks, scores and scheduled milestones. */
static void test_unschedulable(void **state)
{
    (void)state;
    isms_document *doc = api_doc();
    isms_action *a = add_action(doc, "Y1", "First", "2025", ISMS_ACTION_PLANNED);
    assert_int_equal(isms_action_add_prerequisite(a, "Y2"), ISMS_OK);
    a = add_action(doc, "Y2", "Second", "2025", ISMS_ACTION_PLANNED);
    assert_int_equal(isms_action_add_prerequisite(a, "Y1"), ISMS_OK);
    /* the export succeeds, and the cycle it passed over is not left as the thread's error */
    char *text = NULL;
    isms_error_clear();
    assert_int_equal(isms_document_write_oscal(&text, NULL, doc, POAM), ISMS_OK);
    assert_int_equal(isms_error_last()->code, ISMS_OK);
    assert_string_equal(isms_error_last()->message, "");
    isms_free(text);
    json_t *poam = parse_poam(doc);
    json_t *items = at(poam, "poam-items");
    assert_int_equal(json_array_size(items), 8);
    size_t i;
    json_t *item;
    json_array_foreach(items, i, item)
    {
        assert_null(prop(item, "priority"));
        assert_null(prop(item, "scheduled"));
        assert_null(prop(item, "unscheduled"));
    }
    assert_string_equal(prop(item_of(poam, doc, "Y1"), "prerequisite"), "Y2");
    json_t *rem = remediation_of(risk_of(poam, doc, "action/Y1"), "Y1");
    assert_int_equal(json_array_size(at(rem, "tasks")), 1); /* the due date only */
    assert_int_equal(check_milestones(poam, doc), 9);
    json_decref(poam);
    isms_document_free(doc);
}

/* A successful export leaves the caller's last error as it was (include/isms/base.h), also
 * when it passed over a plan it could not order or schedule: the error it met on the way is
 * neither left behind nor cleared. */
static void test_last_error_kept(void **state)
{
    (void)state;
    isms_document *cyclic = api_doc(); /* cannot be ordered */
    isms_action *a = add_action(cyclic, "Y1", "First", "2025", ISMS_ACTION_PLANNED);
    assert_int_equal(isms_action_add_prerequisite(a, "Y2"), ISMS_OK);
    a = add_action(cyclic, "Y2", "Second", "2025", ISMS_ACTION_PLANNED);
    assert_int_equal(isms_action_add_prerequisite(a, "Y1"), ISMS_OK);
    isms_document *late = api_doc(); /* periods from 9999 run past 9999: no schedule */
    isms_settings st;
    assert_int_equal(isms_document_settings(&st, late), ISMS_OK);
    st.start_year = 9999;
    assert_int_equal(isms_document_set_settings(late, &st), ISMS_OK);
    isms_schedule_options so;
    assert_int_equal(isms_document_schedule_options(&so, late), ISMS_OK);
    isms_schedule *sched = NULL;
    assert_int_equal(isms_plan_schedule(&sched, isms_document_plan(late), &so), ISMS_ERANGE);
    isms_document *fine = api_doc(); /* ordered and scheduled */
    isms_document *docs[] = { cyclic, late, fine };
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        /* the caller's error: a parse error with a source, a line and a column */
        isms_table_kind kind;
        assert_int_equal(isms_document_import_csv(&kind, docs[i], "x", 1, "kept.csv",
                                                  ISMS_TABLE_RISKS, 0, NULL),
                         ISMS_EPARSE);
        isms_error before = *isms_error_last();
        char message[1024], source[256];
        snprintf(message, sizeof message, "%s", before.message);
        snprintf(source, sizeof source, "%s", before.source ? before.source : "");
        assert_string_equal(source, "kept.csv");
        char *text = NULL;
        assert_int_equal(isms_document_write_oscal(&text, NULL, docs[i], POAM), ISMS_OK);
        isms_free(text);
        const isms_error *after = isms_error_last();
        assert_int_equal(after->code, ISMS_EPARSE);
        assert_string_equal(after->message, message);
        assert_non_null(after->source);
        assert_string_equal(after->source, "kept.csv");
        assert_int_equal(after->line, before.line);
        assert_int_equal(after->column, before.column);
        isms_document_free(docs[i]);
    }
}

/* An action that does not fit the capacity is open but unscheduled. */
static void test_unscheduled(void **state)
{
    (void)state;
    isms_document *doc = api_doc();
    isms_settings s;
    assert_int_equal(isms_document_settings(&s, doc), ISMS_OK);
    s.capacity = 10;
    assert_int_equal(isms_document_set_settings(doc, &s), ISMS_OK);
    isms_action *a = add_action(doc, "BIG", "Too big", "2026", ISMS_ACTION_PLANNED);
    assert_int_equal(isms_action_set_effort(a, 50), ISMS_OK);
    json_t *poam = parse_poam(doc);
    json_t *big = item_of(poam, doc, "BIG");
    assert_string_equal(prop(big, "unscheduled"), "true");
    assert_null(prop(big, "scheduled"));
    assert_non_null(prop(big, "priority"));
    json_t *rem = remediation_of(risk_of(poam, doc, "action/BIG"), "BIG");
    assert_int_equal(json_array_size(at(rem, "tasks")), 1);
    /* due 2026: the whole year */
    assert_string_equal(str_at(rem, "tasks.0.timing.within-date-range.start"),
                        "2026-01-01T00:00:00Z");
    assert_string_equal(str_at(rem, "tasks.0.timing.within-date-range.end"),
                        "2026-12-31T23:59:59Z");
    json_decref(poam);
    isms_document_free(doc);
}

/* ---- no actions, no parties ---------------------------------------------------------------- */

static void test_no_actions(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    json_t *poam = parse_poam(doc);
    assert_null(json_object_get(poam, "risks"));
    json_t *items = at(poam, "poam-items");
    assert_int_equal(json_array_size(items), 1); /* OSCAL wants one at least */
    json_t *item = json_array_get(items, 0);
    assert_string_equal(str_at(item, "uuid"), uuid_of(doc, "poam/no-actions", NULL, 0).s);
    assert_string_equal(str_at(item, "title"), "Inga åtgärder");
    assert_string_equal(prop(item, "no-actions"), "true");
    assert_null(json_object_get(item, "related-risks"));
    assert_string_equal(str_at(poam, "metadata.title"), "Handlingsplan");
    json_decref(poam);
    isms_document_free(doc);
}

/* Without organisation, unit or author no party is written, so the risks' levels have no
 * origin to come from and are left out. */
static void test_no_party(void **state)
{
    (void)state;
    isms_document *doc = api_doc();
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, NULL), ISMS_OK);
    json_t *poam = parse_poam(doc);
    assert_null(json_object_get(at(poam, "metadata"), "parties"));
    assert_null(json_object_get(risk_of(poam, doc, "risk/R1"), "characterizations"));
    json_decref(poam);
    /* the author alone */
    assert_int_equal(isms_document_set(doc, ISMS_DOC_AUTHOR, "CISO"), ISMS_OK);
    poam = parse_poam(doc);
    assert_string_equal(str_at(risk_of(poam, doc, "risk/R1"),
                               "characterizations.0.origin.actors.0.actor-uuid"),
                        uuid_of(doc, "party/author", NULL, 0).s);
    json_decref(poam);
    isms_document_free(doc);
}

/* ---- texts, dates and gaps ------------------------------------------------------------------ */

/* A matrix 3 × 3 (product, 1–9) whose band names OSCAL's strings cannot hold as they are:
 * padded, with a line break, only white space. */
static isms_matrix *odd_matrix(void)
{
    isms_matrix_builder *b = NULL;
    assert_int_equal(isms_matrix_builder_new(&b, "udda"), ISMS_OK);
    static const char *const sv[] = { "Låg", "Medel", "Hög" };
    static const char *const en[] = { "Low", "Medium", "High" };
    for (int axis = 0; axis < 2; axis++)
        for (int v = 1; v <= 3; v++)
            assert_int_equal(isms_matrix_builder_add_level(b, (isms_axis)axis, v, sv[v - 1],
                                                           en[v - 1], NULL),
                             ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_band(b, " low ", 1, 2, "#00ff00", "Låg", "Low"),
                     ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_band(b, "high\nband", 3, 6, "#ffff00", "Hög",
                                                  "High"),
                     ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_band(b, "\t\u3000", 7, 9, "#ff0000", "Mycket hög",
                                                  "Very high"),
                     ISMS_OK);
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    isms_matrix_builder_free(b);
    return m;
}

/* The facet `name` of the first characterization of `risk`, or NULL. */
static const char *facet_of(json_t *risk, const char *name)
{
    size_t i;
    json_t *f;
    json_array_foreach(at(risk, "characterizations.0.facets"), i, f)
    {
        if (strcmp(str_at(f, "name"), name) == 0)
            return str_at(f, "value");
    }
    return NULL;
}

/* Band names are written as OSCAL strings: one line, trimmed; a blank one is left out. */
static void test_facets_of_a_custom_matrix(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    assert_int_equal(isms_document_set(doc, ISMS_DOC_ORGANISATION, "Testkommun"), ISMS_OK);
    isms_matrix *m = odd_matrix();
    assert_int_equal(isms_document_set_matrix(doc, m), ISMS_OK);
    isms_matrix_free(m);
    isms_risk *r = NULL;
    assert_int_equal(isms_register_add(&r, isms_document_register(doc), "R1", "Brand", 3, 3),
                     ISMS_OK);
    assert_int_equal(isms_risk_set_residual(r, 1, 2), ISMS_OK);
    assert_int_equal(isms_register_add(&r, isms_document_register(doc), "R2", "Ras", 2, 2),
                     ISMS_OK);
    isms_action *a = add_action(doc, "X1", "Sprinkler", "2025", ISMS_ACTION_PLANNED);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R1"), ISMS_OK);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R2"), ISMS_OK);
    json_t *poam = parse_poam(doc); /* parse_poam checks every facet value's shape */
    json_t *r1 = risk_of(poam, doc, "risk/R1");
    assert_string_equal(facet_of(r1, "value"), "9");
    assert_null(facet_of(r1, "level")); /* the band's name is blank: left out */
    assert_string_equal(facet_of(r1, "residual-value"), "2");
    assert_string_equal(facet_of(r1, "residual-level"), "low");
    json_t *r2 = risk_of(poam, doc, "risk/R2");
    assert_string_equal(facet_of(r2, "value"), "4");
    assert_string_equal(facet_of(r2, "level"), "high band");
    json_decref(poam);
    isms_document_free(doc);
}

/* The gap of a requirement is closed exactly when the assessment results count it as met:
 * a control the Statement of Applicability excludes is not applicable whatever its status;
 * a clause 4–10 marked not applicable stays open (clauses cannot be excluded). */
static void test_gap_status(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    assert_int_equal(isms_document_set_lang(doc, ISMS_LANG_EN), ISMS_OK);
    isms_assessment *as = NULL;
    assert_int_equal(isms_assessment_new(&as, ISMS_EDITION_2022, 2024, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    isms_entry *e = NULL;
    assert_int_equal(isms_assessment_add(&e, as, "A.5.1"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_NO), ISMS_OK);
    assert_int_equal(isms_entry_set_applicability(e, ISMS_APPLICABILITY_EXCLUDED), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, as, "A.5.2"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_NOT_APPLICABLE), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, as, "4.2"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_NOT_APPLICABLE), ISMS_OK);
    assert_int_equal(isms_assessment_add(&e, as, "4.3"), ISMS_OK);
    assert_int_equal(isms_entry_set_status(e, ISMS_STATUS_YES), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(doc, as), ISMS_OK);
    isms_action *a = add_action(doc, "X1", "Fix", "2025-03-31", ISMS_ACTION_PLANNED);
    static const char *const refs[] = { "A.5.1", "A.5.2", "4.2", "4.3" };
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(isms_action_add_target(a, ISMS_TARGET_REQUIREMENT, refs[i]), ISMS_OK);
    json_t *poam = parse_poam(doc);
    json_t *g = risk_of(poam, doc, "gap/A.5.1");
    assert_string_equal(str_at(g, "status"), "closed");
    assert_string_equal(str_at(g, "statement"),
                        "Status: Not applicable (excluded in the Statement of Applicability).");
    assert_string_equal(prop(g, "requirement-status"), "no");
    assert_string_equal(prop(g, "applicability"), "excluded");
    assert_null(json_object_get(g, "deadline"));
    assert_string_equal(str_at(risk_of(poam, doc, "gap/A.5.2"), "status"), "closed");
    g = risk_of(poam, doc, "gap/4.2");
    assert_string_equal(str_at(g, "status"), "open");
    assert_string_equal(str_at(g, "statement"), "Status: Not applicable. The management "
                                                "system clauses cannot be excluded.");
    assert_string_equal(str_at(g, "deadline"), "2025-03-31T23:59:59Z");
    assert_string_equal(str_at(risk_of(poam, doc, "gap/4.3"), "status"), "closed");
    json_decref(poam);

    /* the assessment results agree: A.5.1 not applicable and satisfied, 4.2 not satisfied */
    char *text = NULL;
    assert_int_equal(isms_document_write_oscal(&text, NULL, doc, ISMS_OSCAL_ASSESSMENT_RESULTS),
                     ISMS_OK);
    json_t *root = json_loads(text, 0, NULL);
    assert_non_null(root);
    json_t *findings = at(root, "assessment-results.results.0.findings");
    size_t i;
    json_t *f;
    size_t seen = 0;
    json_array_foreach(findings, i, f)
    {
        const char *label = prop(f, "label");
        const char *st = str_at(f, "target.status.state");
        if (strcmp(label, "A.5.1") == 0 || strcmp(label, "A.5.2") == 0 ||
            strcmp(label, "4.3") == 0)
            assert_string_equal(st, "satisfied");
        else if (strcmp(label, "4.2") == 0)
            assert_string_equal(st, "not-satisfied");
        else
            continue;
        seen++;
    }
    assert_int_equal(seen, 4);
    json_decref(root);
    isms_free(text);
    isms_document_free(doc);
}

/* A risk's deadline is the end of the last due date of its open actions; an open action
 * without a due date (or with one that names no date) means there is none. Done and
 * cancelled actions do not count. Due periods longer than a day are milestones over the
 * period. */
static void test_deadlines_and_due_dates(void **state)
{
    (void)state;
    isms_document *doc = api_doc();
    isms_register *reg = isms_document_register(doc);
    assert_int_equal(isms_register_add(NULL, reg, "R3", "Storm", 2, 2), ISMS_OK);
    assert_int_equal(isms_register_add(NULL, reg, "R4", "Drought", 2, 2), ISMS_OK);
    isms_action *a = add_action(doc, "D1", "Roof", "hösten 2025", ISMS_ACTION_PLANNED);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R3"), ISMS_OK);
    a = add_action(doc, "D2", "Gutters", NULL, ISMS_ACTION_PROPOSED); /* no date */
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R3"), ISMS_OK);
    a = add_action(doc, "D3", "Tanks", "mars 2026", ISMS_ACTION_PLANNED);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R4"), ISMS_OK);
    a = add_action(doc, "D4", "Old tanks", NULL, ISMS_ACTION_DONE); /* done: does not count */
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R4"), ISMS_OK);
    a = add_action(doc, "D5", "Wells", "next budget", ISMS_ACTION_CANCELLED);
    assert_int_equal(isms_action_add_target(a, ISMS_TARGET_RISK, "R4"), ISMS_OK);
    json_t *poam = parse_poam(doc);
    json_t *r3 = risk_of(poam, doc, "risk/R3");
    assert_null(json_object_get(r3, "deadline"));
    json_t *r4 = risk_of(poam, doc, "risk/R4");
    assert_string_equal(str_at(r4, "deadline"), "2026-03-31T23:59:59Z");
    /* "hösten 2025" is the second half of 2025 */
    json_t *rem = remediation_of(r3, "D1");
    json_t *tasks = at(rem, "tasks");
    json_t *due = json_array_get(tasks, json_array_size(tasks) - 1);
    assert_string_equal(str_at(due, "title"), "Due hösten 2025");
    assert_string_equal(str_at(due, "timing.within-date-range.start"), "2025-07-01T00:00:00Z");
    assert_string_equal(str_at(due, "timing.within-date-range.end"), "2025-12-31T23:59:59Z");
    assert_string_equal(prop(due, "due-date"), "2025-12-31");
    /* a month */
    tasks = at(remediation_of(r4, "D3"), "tasks");
    due = json_array_get(tasks, json_array_size(tasks) - 1);
    assert_string_equal(str_at(due, "timing.within-date-range.start"), "2026-03-01T00:00:00Z");
    assert_string_equal(str_at(due, "timing.within-date-range.end"), "2026-03-31T23:59:59Z");
    /* a day (X5: 2024-06-30) */
    tasks = at(remediation_of(risk_of(poam, doc, "risk/R2"), "X5"), "tasks");
    due = json_array_get(tasks, json_array_size(tasks) - 1);
    assert_string_equal(str_at(due, "timing.on-date.date"), "2024-06-30T23:59:59Z");
    /* the scheduled periods: from the first second of the first day to the last of the last */
    tasks = at(remediation_of(risk_of(poam, doc, "risk/R1"), "X1"), "tasks");
    assert_string_equal(str_at(tasks, "0.timing.within-date-range.start"),
                        "2025-01-01T00:00:00Z");
    assert_string_equal(str_at(tasks, "0.timing.within-date-range.end"), "2025-12-31T23:59:59Z");
    json_decref(poam);
    isms_document_free(doc);
}

/* User text in titles, descriptions and statements is Markdown-escaped; line breaks survive
 * as hard breaks (CR LF as LF); properties keep the text as a plain string. */
static void test_markdown_text(void **state)
{
    (void)state;
    isms_document *doc = api_doc();
    isms_risk *r = isms_register_find(isms_document_register(doc), "R1");
    assert_int_equal(isms_risk_set_title(r, "<b>Phishing</b>"), ISMS_OK);
    assert_int_equal(isms_risk_set_consequence_text(r, "d\r\nx *y*"), ISMS_OK);
    isms_entry *e = isms_assessment_find(isms_document_current(doc), "A.5.1");
    assert_int_equal(isms_entry_set(e, ISMS_FIELD_COMMENT, "No policy.\n1. Write one"),
                     ISMS_OK);
    isms_action *a = isms_plan_find(isms_document_plan(doc), "X1");
    assert_int_equal(isms_action_set(a, ISMS_ACTION_TITLE, "# *Phishing* drills"), ISMS_OK);
    assert_int_equal(isms_action_set(a, ISMS_ACTION_DESCRIPTION, "1. Plan\r\n2. [Run](x)"),
                     ISMS_OK);
    assert_int_equal(isms_action_set(a, ISMS_ACTION_OWNER, "*IT*"), ISMS_OK);
    json_t *poam = parse_poam(doc);
    json_t *x1 = item_of(poam, doc, "X1");
    assert_string_equal(str_at(x1, "title"), "\\# \\*Phishing\\* drills");
    assert_string_equal(str_at(x1, "description"), "1\\. Plan  \n2\\. \\[Run\\](x)");
    assert_string_equal(prop(x1, "owner"), "*IT*");
    json_t *r1 = risk_of(poam, doc, "risk/R1");
    assert_string_equal(str_at(r1, "title"), "R1: \\<b\\>Phishing\\</b\\>");
    assert_string_equal(str_at(r1, "description"), "\\<b\\>Phishing\\</b\\>");
    assert_string_equal(str_at(r1, "statement"), "d  \nx \\*y\\*");
    json_t *rem = remediation_of(r1, "X1");
    assert_string_equal(str_at(rem, "title"), "\\# \\*Phishing\\* drills");
    json_t *g = risk_of(poam, doc, "gap/A.5.1");
    assert_string_equal(str_at(g, "statement"), "Status: Partial. No policy.  \n1\\. Write one");
    json_decref(poam);
    isms_document_free(doc);
}

/* ---- the plan's copy ------------------------------------------------------------------------ */

/* The copy of a plan has every field of every action; the original stays as it was. */
static void check_copy(const isms_plan *p, const isms_plan *q)
{
    assert_int_equal(isms_plan_year(q), isms_plan_year(p));
    assert_ptr_equal(isms_plan_register(q), isms_plan_register(p));
    assert_ptr_equal(isms_plan_assessment(q), isms_plan_assessment(p));
    assert_ptr_equal(isms_plan_inventory(q), isms_plan_inventory(p));
    assert_int_equal(isms_plan_count(q), isms_plan_count(p));
    for (size_t i = 0; i < isms_plan_count(p); i++) {
        const isms_action *a = isms_plan_at(p, i), *b = isms_plan_at(q, i);
        assert_ptr_not_equal(a, b);
        assert_string_equal(isms_action_id(b), isms_action_id(a));
        assert_ptr_equal(isms_plan_find(q, isms_action_id(a)), b);
        for (int f = ISMS_ACTION_TITLE; f <= ISMS_ACTION_DUE; f++)
            assert_string_equal(isms_action_get(b, (isms_action_field)f),
                                isms_action_get(a, (isms_action_field)f));
        isms_period da = isms_action_due(a), db = isms_action_due(b);
        assert_int_equal(db.kind, da.kind);
        assert_int_equal(isms_date_compare(db.start, da.start), 0);
        assert_int_equal(isms_date_compare(db.end, da.end), 0);
        assert_int_equal(isms_action_get_status(b), isms_action_get_status(a));
        assert_int_equal(isms_action_recurrence(b), isms_action_recurrence(a));
        assert_true(isms_action_effort(b) == isms_action_effort(a));
        assert_int_equal(isms_action_effort_size(b), isms_action_effort_size(a));
        assert_true(isms_action_cost(b) == isms_action_cost(a));
        assert_int_equal(isms_action_target_count(b), isms_action_target_count(a));
        for (size_t k = 0; k < isms_action_target_count(a); k++) {
            isms_target ta, tb;
            assert_int_equal(isms_action_target(&ta, a, k), ISMS_OK);
            assert_int_equal(isms_action_target(&tb, b, k), ISMS_OK);
            assert_int_equal(tb.kind, ta.kind);
            assert_string_equal(tb.id, ta.id);
            assert_ptr_not_equal(tb.id, ta.id);
        }
        assert_int_equal(isms_action_prerequisite_count(b), isms_action_prerequisite_count(a));
        for (size_t k = 0; k < isms_action_prerequisite_count(a); k++)
            assert_string_equal(isms_action_prerequisite(b, k), isms_action_prerequisite(a, k));
        int la, ca, lb, cb;
        isms_action_expected_residual(&la, &ca, a);
        isms_action_expected_residual(&lb, &cb, b);
        assert_int_equal(lb, la);
        assert_int_equal(cb, ca);
        assert_int_equal(isms_action_expected_status(b), isms_action_expected_status(a));
        assert_true(isms_action_score(b) == isms_action_score(a));
        assert_int_equal(isms_action_term_count(b), isms_action_term_count(a));
        for (size_t k = 0; k < isms_action_term_count(a); k++) {
            isms_term x, y;
            assert_int_equal(isms_action_term(&x, a, k), ISMS_OK);
            assert_int_equal(isms_action_term(&y, b, k), ISMS_OK);
            assert_int_equal(y.kind, x.kind);
            assert_string_equal(y.ref, x.ref);
            assert_true(y.value == x.value && y.a == x.a && y.b == x.b);
        }
    }
}

static int copy_and_free(const isms_plan *plan)
{
    isms_plan *q = NULL;
    int rc = isms__plan_copy(&q, plan);
    if (rc == ISMS_OK) {
        check_copy(plan, q);
        isms_plan_free(q);
    }
    return rc;
}

static void test_plan_copy(void **state)
{
    (void)state;
    isms_document *doc = api_doc();
    isms_plan *plan = isms_document_plan(doc);
    isms_action *a = isms_plan_find(plan, "X2");
    assert_int_equal(isms_action_set(a, ISMS_ACTION_DESCRIPTION, "All of it"), ISMS_OK);
    assert_int_equal(isms_action_set(a, ISMS_ACTION_OWNER, "HR"), ISMS_OK);
    assert_int_equal(isms_action_set_recurrence(a, ISMS_RECUR_QUARTER), ISMS_OK);
    assert_int_equal(isms_action_set_cost(a, 1234.5), ISMS_OK);
    assert_int_equal(isms_action_add_prerequisite(a, "X1"), ISMS_OK);
    assert_int_equal(isms_action_add_prerequisite(a, "Z9"), ISMS_OK); /* no such action */
    assert_int_equal(isms_action_set_expected_residual(a, 1, 2), ISMS_OK);
    assert_int_equal(isms_action_set_expected_status(a, ISMS_STATUS_PARTIAL), ISMS_OK);
    a = isms_plan_find(plan, "X3");
    assert_int_equal(isms_action_set_effort_size(a, ISMS_EFFORT_L), ISMS_OK);
    /* unscored, then scored (the copy keeps the scores and their terms) */
    assert_int_equal(copy_and_free(plan), ISMS_OK);
    /* after a removal (the prerequisites' indices are stale in the original) */
    assert_int_equal(isms_plan_remove(plan, "X6"), ISMS_OK);
    assert_int_equal(copy_and_free(plan), ISMS_OK);
    isms_action *b = isms_plan_find(plan, "X2");
    isms_action_clear_prerequisites(b); /* Z9 would keep the plan from being ordered */
    assert_int_equal(isms_action_add_prerequisite(b, "X1"), ISMS_OK);
    isms_action **ranked = NULL;
    size_t n = 0;
    assert_int_equal(isms_plan_prioritise(&ranked, &n, plan, NULL), ISMS_OK);
    isms_free(ranked);
    assert_true(isms_action_score(isms_plan_find(plan, "X1")) > 0);
    assert_true(isms_action_term_count(isms_plan_find(plan, "X1")) > 3); /* R1 and A.5.1 */
    assert_int_equal(copy_and_free(plan), ISMS_OK);
    /* the copy is a plan of its own: it orders and schedules as the original does */
    isms_plan *q = NULL;
    assert_int_equal(isms__plan_copy(&q, plan), ISMS_OK);
    assert_int_equal(isms_plan_prioritise(&ranked, &n, q, NULL), ISMS_OK);
    isms_action **ranked2 = NULL;
    size_t n2 = 0;
    assert_int_equal(isms_plan_prioritise(&ranked2, &n2, plan, NULL), ISMS_OK);
    assert_int_equal(n, n2);
    for (size_t i = 0; i < n; i++) {
        assert_ptr_equal(isms_plan_find(q, isms_action_id(ranked[i])), ranked[i]);
        assert_string_equal(isms_action_id(ranked[i]), isms_action_id(ranked2[i]));
    }
    isms_free(ranked);
    isms_free(ranked2);
    isms_plan_free(q);
    /* out of memory: ISMS_ENOMEM, nothing returned */
    SWEEP(copy_and_free(plan), (void)0);
    assert_int_equal(isms__plan_copy(NULL, plan), ISMS_EINVAL);
    assert_int_equal(isms__plan_copy(&q, NULL), ISMS_EINVAL);
    /* an empty plan */
    isms_plan *empty = NULL;
    assert_int_equal(isms_plan_new(&empty, 2030), ISMS_OK);
    assert_int_equal(copy_and_free(empty), ISMS_OK);
    isms_plan_free(empty);
    isms_document_free(doc);
}

/* ---- errors and allocation failure ---------------------------------------------------------- */

static void test_errors(void **state)
{
    (void)state;
    isms_document *doc = new_doc(2024);
    char *text = (char *)(uintptr_t)0x1;
    assert_int_equal(isms_document_write_oscal(NULL, NULL, doc, POAM), ISMS_EINVAL);
    assert_int_equal(isms_document_write_oscal(&text, NULL, NULL, POAM), ISMS_EINVAL);
    assert_ptr_equal(text, (char *)(uintptr_t)0x1);
    /* len may be NULL */
    assert_int_equal(isms_document_write_oscal(&text, NULL, doc, POAM), ISMS_OK);
    assert_non_null(strstr(text, "\"plan-of-action-and-milestones\""));
    isms_free(text);
    isms_document_free(doc);
}

static void test_alloc_failure(void **state)
{
    (void)state;
    char *text;
    size_t len;
    isms_document *docs[2] = { load_sample(), api_doc() };
    for (int d = 0; d < 2; d++) {
        size_t n0;
        char *expect = write_poam(docs[d], &n0);
        SWEEP_WRITE(text, len,
                    isms_document_write_oscal(&text, &len, docs[d], ISMS_OSCAL_POAM));
        /* and the same bytes once it works */
        assert_int_equal(isms_document_write_oscal(&text, &len, docs[d], POAM), ISMS_OK);
        assert_int_equal(len, n0);
        assert_memory_equal(text, expect, n0);
        isms_free(text);
        isms_free(expect);
        isms_document_free(docs[d]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_items),   cmocka_unit_test(test_sample_risks),
        cmocka_unit_test(test_sample_english), cmocka_unit_test(test_stable_uuids),
        cmocka_unit_test(test_api_document),   cmocka_unit_test(test_unschedulable),
        cmocka_unit_test(test_unscheduled),    cmocka_unit_test(test_last_error_kept),
        cmocka_unit_test(test_no_actions),
        cmocka_unit_test(test_no_party),       cmocka_unit_test(test_facets_of_a_custom_matrix),
        cmocka_unit_test(test_gap_status),     cmocka_unit_test(test_deadlines_and_due_dates),
        cmocka_unit_test(test_markdown_text),  cmocka_unit_test(test_plan_copy),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_alloc_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
