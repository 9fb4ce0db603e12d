/* Text that comes in through the API must be UTF-8: every exported function that stores or
 * parses text refuses text that is not, with ISMS_EINVAL and a message that names the field
 * and the first bad byte ("owner: not UTF-8 at byte 7 (0xE2)", counted from 1), and leaves
 * the object (or its output) as it was. Valid multi-byte text (Swedish letters, emoji) is
 * taken as it is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "test-util.h"

/* ---- the texts ---------------------------------------------------------------------------- */

/* Not UTF-8, each with the byte (from 1) and the value the message must name. */
typedef struct bad_text {
    const char *text;
    size_t at;
    unsigned byte;
    const char *kind;
} bad_text;

static const bad_text bad[] = {
    { "ab\xc0\xaf", 3, 0xC0, "overlong '/'" },
    { "x\x80y", 2, 0x80, "lone continuation byte" },
    { "\xc3\xa5\xc3\xa4\xc3\xb6\xe2\x82", 7, 0xE2, "sequence cut short (after åäö)" },
    { "R\xed\xa0\x80", 2, 0xED, "surrogate U+D800" },
    { "\xf4\x90\x80\x80", 1, 0xF4, "above U+10FFFF" },
    { "Kommun \xff", 8, 0xFF, "byte 0xFF" },
    { "\xf8\x88\x80\x80\x80", 1, 0xF8, "five-byte form" },
    { "\xe5r", 1, 0xE5, "Latin-1 å" },
};
#define N_BAD (sizeof bad / sizeof *bad)

/* Valid multi-byte text: Swedish letters, a non-breaking space, an emoji (4 bytes), U+10FFFF,
 * and control characters, which the formats hold (they are escaped where they go out). */
static const char *const good[] = {
    "Åsa Öberg, IT-säkerhet",
    "räksmörgås\xc2\xa0😀",
    "\xf4\x8f\xbf\xbf \xef\xbf\xbd",
    "ESC \x1b[31m and a tab\t",
};
#define N_GOOD (sizeof good / sizeof *good)

/* The thread's last error is ISMS_EINVAL saying that `what` is not UTF-8 at bad[i]'s byte. */
static void check_refused(int rc, const char *what, size_t i, const char *call)
{
    char want[160];
    snprintf(want, sizeof want, "%s: not UTF-8 at byte %zu (0x%02X)", what, bad[i].at,
             bad[i].byte);
    const isms_error *e = isms_error_last();
    if (rc != ISMS_EINVAL || e->code != ISMS_EINVAL || strcmp(e->message, want) != 0)
        fail_msg("%s with %s: %d \"%s\", expected ISMS_EINVAL \"%s\"", call, bad[i].kind, rc,
                 e->message, want);
}

/* ---- the validator ------------------------------------------------------------------------ */

static void test_valid_prefix(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_BAD; i++) {
        size_t n = strlen(bad[i].text);
        assert_int_equal(isms__utf8_valid_prefix(bad[i].text, n), bad[i].at - 1);
        assert_false(isms__utf8_valid(bad[i].text, n));
        /* the prefix before the bad byte is valid */
        assert_true(isms__utf8_valid(bad[i].text, bad[i].at - 1));
    }
    for (size_t i = 0; i < N_GOOD; i++) {
        size_t n = strlen(good[i]);
        assert_int_equal(isms__utf8_valid_prefix(good[i], n), n);
    }
    assert_int_equal(isms__utf8_valid_prefix("", 0), 0);
    /* one byte of a two-byte sequence is cut short when the length ends there */
    assert_int_equal(isms__utf8_valid_prefix("a\xc3\xa5", 2), 1);
    assert_int_equal(isms__text_check("x", NULL), ISMS_OK);
    assert_int_equal(isms__text_check("x", "åäö"), ISMS_OK);
    assert_int_equal(isms__text_check("owner", "åäö\xe2\x82"), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "owner: not UTF-8 at byte 7 (0xE2)");
}

/* ---- the document and what it holds ------------------------------------------------------- */

typedef struct fixture {
    isms_document *doc;
    isms_register *reg;
    isms_risk *risk;
    isms_assessment *as;
    isms_entry *entry;
    size_t extra;
    isms_inventory *inv;
    isms_asset *asset;
    isms_plan *plan;
    isms_action *action;
    int serial; /* for the ids of items added with valid text */
} fixture;

static fixture *fixture_new(void)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    assert_int_equal(isms_document_new(&f->doc, 2025), ISMS_OK);
    f->reg = isms_document_register(f->doc);
    assert_int_equal(isms_register_add(&f->risk, f->reg, "R1", "Nätfiske", 3, 4), ISMS_OK);
    assert_int_equal(isms_risk_set_owner(f->risk, "IT"), ISMS_OK);
    assert_int_equal(isms_assessment_new(&f->as, ISMS_EDITION_2022, 2025, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    assert_int_equal(isms_assessment_add_extra(&f->extra, f->as, "Egen"), ISMS_OK);
    assert_int_equal(isms_assessment_add(&f->entry, f->as, "4.1"), ISMS_OK);
    assert_int_equal(isms_entry_set(f->entry, ISMS_FIELD_COMMENT, "Bra"), ISMS_OK);
    assert_int_equal(isms_entry_set_extra(f->entry, f->extra, "x"), ISMS_OK);
    assert_int_equal(isms_document_add_assessment(f->doc, f->as), ISMS_OK);
    f->inv = isms_document_inventory(f->doc);
    assert_int_equal(isms_inventory_add(&f->asset, f->inv, "HR", "Personalsystem",
                                        ISMS_ASSET_SYSTEM),
                     ISMS_OK);
    f->plan = isms_document_plan(f->doc);
    assert_int_equal(isms_plan_add(&f->action, f->plan, "A1", "Utbildning"), ISMS_OK);
    assert_int_equal(isms_action_set(f->action, ISMS_ACTION_DUE, "Q2 2025"), ISMS_OK);
    assert_int_equal(isms_document_set(f->doc, ISMS_DOC_ORGANISATION, "Exempelstad"), ISMS_OK);
    return f;
}

static void fixture_free(fixture *f)
{
    isms_document_free(f->doc);
    free(f);
}

/* The document as JSON (free()): what "unchanged" is compared by. Its writer would also
 * refuse text that is not UTF-8, had any got in. */
static char *snapshot(const fixture *f)
{
    char *text = NULL;
    size_t len = 0;
    int rc = isms_document_write(&text, &len, f->doc);
    if (rc != ISMS_OK)
        fail_msg("isms_document_write: %d %s", rc, isms_error_last()->message);
    char *copy = malloc(len + 1);
    assert_non_null(copy);
    memcpy(copy, text, len + 1);
    isms_free(text);
    return copy;
}

/* A setter of a text the document holds: `call` sets it to `text` (with `index` for the
 * setters of many fields), `get` reads it back after a success. */
typedef struct setter {
    const char *name;
    const char *what; /* the field the message names */
    int (*call)(fixture *f, size_t index, const char *text);
    const char *(*get)(fixture *f, size_t index);
    size_t index;
} setter;

static char next_id_buf[32];
static const char *next_id(fixture *f, const char *prefix)
{
    snprintf(next_id_buf, sizeof next_id_buf, "%s%d", prefix, ++f->serial);
    return next_id_buf;
}

/* isms_register_add: the id, then the title. */
static int reg_add_id(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_register_add(NULL, f->reg, t, "Titel", 1, 1);
}
static const char *reg_last_id(fixture *f, size_t i)
{
    (void)i;
    return isms_risk_id(isms_register_at(f->reg, isms_register_count(f->reg) - 1));
}
static int reg_add_title(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_register_add(NULL, f->reg, next_id(f, "T"), t, 1, 1);
}
static const char *reg_last_title(fixture *f, size_t i)
{
    (void)i;
    return isms_risk_title(isms_register_at(f->reg, isms_register_count(f->reg) - 1));
}
static int risk_title(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_risk_set_title(f->risk, t);
}
static const char *get_risk_title(fixture *f, size_t i)
{
    (void)i;
    return isms_risk_title(f->risk);
}
static int risk_consequence(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_risk_set_consequence_text(f->risk, t);
}
static const char *get_risk_consequence(fixture *f, size_t i)
{
    (void)i;
    return isms_risk_consequence_text(f->risk);
}
static int risk_treatment(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_risk_set_treatment(f->risk, ISMS_TREATMENT_SHARE, t);
}
static const char *get_risk_treatment(fixture *f, size_t i)
{
    (void)i;
    return isms_risk_treatment_text(f->risk);
}
static int risk_owner(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_risk_set_owner(f->risk, t);
}
static const char *get_risk_owner(fixture *f, size_t i)
{
    (void)i;
    return isms_risk_owner(f->risk);
}
static int risk_vector(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_risk_set_vector(f->risk, t);
}

/* Assessment. */
static int as_add(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_assessment_add(NULL, f->as, t);
}
static const char *as_last_ref(fixture *f, size_t i)
{
    (void)i;
    return isms_entry_ref(isms_assessment_at(f->as, isms_assessment_count(f->as) - 1));
}
static int as_add_extra(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_assessment_add_extra(NULL, f->as, t);
}
static const char *as_last_extra(fixture *f, size_t i)
{
    (void)i;
    return isms_assessment_extra_name(f->as, isms_assessment_extra_count(f->as) - 1);
}
static int entry_set(fixture *f, size_t i, const char *t)
{
    return isms_entry_set(f->entry, (isms_entry_field)i, t);
}
static const char *entry_get(fixture *f, size_t i)
{
    return isms_entry_get(f->entry, (isms_entry_field)i);
}
static int entry_evidence(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_entry_add_evidence(f->entry, t);
}
static const char *entry_last_evidence(fixture *f, size_t i)
{
    (void)i;
    return isms_entry_evidence(f->entry, isms_entry_evidence_count(f->entry) - 1);
}
static int entry_extra(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_entry_set_extra(f->entry, f->extra, t);
}
static const char *entry_get_extra(fixture *f, size_t i)
{
    (void)i;
    return isms_entry_extra(f->entry, f->extra);
}

/* Inventory. */
static int inv_add_id(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_inventory_add(NULL, f->inv, t, "Namn", ISMS_ASSET_INFORMATION);
}
static const char *inv_last_id(fixture *f, size_t i)
{
    (void)i;
    return isms_asset_id(isms_inventory_at(f->inv, isms_inventory_count(f->inv) - 1));
}
static int inv_add_name(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_inventory_add(NULL, f->inv, next_id(f, "I"), t, ISMS_ASSET_INFORMATION);
}
static const char *inv_last_name(fixture *f, size_t i)
{
    (void)i;
    return isms_asset_get(isms_inventory_at(f->inv, isms_inventory_count(f->inv) - 1),
                          ISMS_ASSET_NAME);
}
static int asset_set(fixture *f, size_t i, const char *t)
{
    return isms_asset_set(f->asset, (isms_asset_field)i, t);
}
static const char *asset_get(fixture *f, size_t i)
{
    return isms_asset_get(f->asset, (isms_asset_field)i);
}

/* Plan. */
static int plan_add_id(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_plan_add(NULL, f->plan, t, "Titel");
}
static const char *plan_last_id(fixture *f, size_t i)
{
    (void)i;
    return isms_action_id(isms_plan_at(f->plan, isms_plan_count(f->plan) - 1));
}
static int plan_add_title(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_plan_add(NULL, f->plan, next_id(f, "P"), t);
}
static const char *plan_last_title(fixture *f, size_t i)
{
    (void)i;
    return isms_action_get(isms_plan_at(f->plan, isms_plan_count(f->plan) - 1),
                           ISMS_ACTION_TITLE);
}
static int action_set(fixture *f, size_t i, const char *t)
{
    return isms_action_set(f->action, (isms_action_field)i, t);
}
static const char *action_get(fixture *f, size_t i)
{
    return isms_action_get(f->action, (isms_action_field)i);
}
static int action_target(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_action_add_target(f->action, ISMS_TARGET_ASSET, t);
}
static const char *action_last_target(fixture *f, size_t i)
{
    (void)i;
    isms_target t;
    size_t n = isms_action_target_count(f->action);
    assert_int_equal(isms_action_target(&t, f->action, n - 1), ISMS_OK);
    return t.id;
}
static int action_prereq(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_action_add_prerequisite(f->action, t);
}
static const char *action_last_prereq(fixture *f, size_t i)
{
    (void)i;
    return isms_action_prerequisite(f->action, isms_action_prerequisite_count(f->action) - 1);
}

/* The document's own texts. */
static int doc_set(fixture *f, size_t i, const char *t)
{
    return isms_document_set(f->doc, (isms_document_field)i, t);
}
static const char *doc_get(fixture *f, size_t i)
{
    return isms_document_get(f->doc, (isms_document_field)i);
}
static int doc_context_title(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_document_add_context(f->doc, t, "Text");
}
static int doc_context_text(fixture *f, size_t i, const char *t)
{
    (void)i;
    return isms_document_add_context(f->doc, "Rubrik", t);
}
static const char *doc_last_context(fixture *f, size_t i)
{
    const char *title = NULL, *text = NULL;
    size_t n = isms_document_context_count(f->doc);
    assert_int_equal(isms_document_context(&title, &text, f->doc, n - 1), ISMS_OK);
    return i ? text : title;
}

static const setter setters[] = {
    { "isms_register_add (id)", "id", reg_add_id, reg_last_id, 0 },
    { "isms_register_add (title)", "title", reg_add_title, reg_last_title, 0 },
    { "isms_risk_set_title", "title", risk_title, get_risk_title, 0 },
    { "isms_risk_set_consequence_text", "consequence text", risk_consequence,
      get_risk_consequence, 0 },
    { "isms_risk_set_treatment", "treatment text", risk_treatment, get_risk_treatment, 0 },
    { "isms_risk_set_owner", "owner", risk_owner, get_risk_owner, 0 },
    { "isms_risk_set_vector", "vector", risk_vector, NULL, 0 },
    { "isms_assessment_add", "ref", as_add, as_last_ref, 0 },
    { "isms_assessment_add_extra", "name", as_add_extra, as_last_extra, 0 },
    { "isms_entry_set (text)", "text", entry_set, entry_get, ISMS_FIELD_TEXT },
    { "isms_entry_set (comment)", "comment", entry_set, entry_get, ISMS_FIELD_COMMENT },
    { "isms_entry_set (plan)", "plan", entry_set, entry_get, ISMS_FIELD_PLAN },
    { "isms_entry_set (owner)", "owner", entry_set, entry_get, ISMS_FIELD_OWNER },
    { "isms_entry_set (due)", "due", entry_set, entry_get, ISMS_FIELD_DUE },
    { "isms_entry_set (justification)", "justification", entry_set, entry_get,
      ISMS_FIELD_JUSTIFICATION },
    { "isms_entry_set (origin)", "origin", entry_set, entry_get, ISMS_FIELD_ORIGIN },
    { "isms_entry_add_evidence", "evidence", entry_evidence, entry_last_evidence, 0 },
    { "isms_entry_set_extra", "extra column 0", entry_extra, entry_get_extra, 0 },
    { "isms_inventory_add (id)", "id", inv_add_id, inv_last_id, 0 },
    { "isms_inventory_add (name)", "name", inv_add_name, inv_last_name, 0 },
    { "isms_asset_set (name)", "name", asset_set, asset_get, ISMS_ASSET_NAME },
    { "isms_asset_set (owner)", "owner", asset_set, asset_get, ISMS_ASSET_OWNER },
    { "isms_asset_set (description)", "description", asset_set, asset_get,
      ISMS_ASSET_DESCRIPTION },
    { "isms_asset_set (purpose)", "purpose", asset_set, asset_get, ISMS_ASSET_PURPOSE },
    { "isms_asset_set (legal basis)", "legal_basis", asset_set, asset_get,
      ISMS_ASSET_LEGAL_BASIS },
    { "isms_asset_set (subjects)", "subjects", asset_set, asset_get, ISMS_ASSET_SUBJECTS },
    { "isms_asset_set (data categories)", "data_categories", asset_set, asset_get,
      ISMS_ASSET_DATA_CATEGORIES },
    { "isms_asset_set (recipients)", "recipients", asset_set, asset_get,
      ISMS_ASSET_RECIPIENTS },
    { "isms_asset_set (transfers)", "transfers", asset_set, asset_get, ISMS_ASSET_TRANSFERS },
    { "isms_asset_set (safeguards)", "safeguards", asset_set, asset_get,
      ISMS_ASSET_SAFEGUARDS },
    { "isms_asset_set (retention)", "retention", asset_set, asset_get, ISMS_ASSET_RETENTION },
    { "isms_asset_set (measures)", "measures", asset_set, asset_get, ISMS_ASSET_MEASURES },
    { "isms_asset_set (override reason)", "override_reason", asset_set, asset_get,
      ISMS_ASSET_OVERRIDE_REASON },
    { "isms_plan_add (id)", "id", plan_add_id, plan_last_id, 0 },
    { "isms_plan_add (title)", "title", plan_add_title, plan_last_title, 0 },
    { "isms_action_set (title)", "title", action_set, action_get, ISMS_ACTION_TITLE },
    { "isms_action_set (description)", "description", action_set, action_get,
      ISMS_ACTION_DESCRIPTION },
    { "isms_action_set (owner)", "owner", action_set, action_get, ISMS_ACTION_OWNER },
    { "isms_action_set (due)", "due", action_set, action_get, ISMS_ACTION_DUE },
    { "isms_action_add_target", "target", action_target, action_last_target, 0 },
    { "isms_action_add_prerequisite", "prerequisite", action_prereq, action_last_prereq, 0 },
    { "isms_document_set (organisation)", "organisation", doc_set, doc_get,
      ISMS_DOC_ORGANISATION },
    { "isms_document_set (unit)", "unit", doc_set, doc_get, ISMS_DOC_UNIT },
    { "isms_document_set (title)", "title", doc_set, doc_get, ISMS_DOC_TITLE },
    { "isms_document_set (author)", "author", doc_set, doc_get, ISMS_DOC_AUTHOR },
    { "isms_document_set (scope)", "scope", doc_set, doc_get, ISMS_DOC_SCOPE },
    { "isms_document_set (decision)", "decision", doc_set, doc_get, ISMS_DOC_DECISION },
    { "isms_document_add_context (title)", "context title", doc_context_title,
      doc_last_context, 0 },
    { "isms_document_add_context (text)", "context text", doc_context_text, doc_last_context,
      1 },
};

/* Every setter refuses every bad text, naming the field and the byte, and the document is
 * unchanged to the byte; then it takes every valid text as it is. */
static void test_document_setters(void **state)
{
    (void)state;
    for (size_t s = 0; s < sizeof setters / sizeof *setters; s++) {
        const setter *st = &setters[s];
        fixture *f = fixture_new();
        char *before = snapshot(f);
        for (size_t i = 0; i < N_BAD; i++) {
            check_refused(st->call(f, st->index, bad[i].text), st->what, i, st->name);
            char *after = snapshot(f);
            if (strcmp(before, after) != 0)
                fail_msg("%s with %s changed the document", st->name, bad[i].kind);
            free(after);
        }
        if (st->get) {
            for (size_t g = 0; g < N_GOOD; g++) {
                /* ids and headers are trimmed, and an id cannot be added twice: make each
                 * valid text one of its own, without white space at the ends */
                char text[96];
                snprintf(text, sizeof text, "%s-%zu", good[g], g);
                int rc = st->call(f, st->index, text);
                if (rc != ISMS_OK)
                    fail_msg("%s refused \"%s\": %s", st->name, text,
                             isms_error_last()->message);
                const char *back = st->get(f, st->index);
                assert_non_null(back);
                if (strcmp(back, text) != 0)
                    fail_msg("%s: \"%s\" read back as \"%s\"", st->name, text, back);
            }
            free(snapshot(f)); /* and the document still writes */
        }
        free(before);
        fixture_free(f);
    }
}

/* A vector is parsed before it is kept: bad text is refused as text, valid text that is not a
 * vector as a vector; a valid vector is kept. */
static void test_vector(void **state)
{
    (void)state;
    fixture *f = fixture_new();
    const char *v = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    assert_int_equal(isms_risk_set_vector(f->risk, v), ISMS_OK);
    assert_int_equal(isms_risk_set_vector(f->risk, "CVSS:3.1/AV:\xc3\xa5"), ISMS_EPARSE);
    assert_int_equal(isms_risk_set_vector(f->risk, "CVSS:3.1/AV:\xc3"), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "vector: not UTF-8 at byte 13 (0xC3)");
    assert_string_equal(isms_risk_vector(f->risk), v);
    assert_int_equal(isms_risk_method(f->risk), ISMS_METHOD_CVSS);
    fixture_free(f);
}

/* The settings' owners: the name of an owner that is not UTF-8 is refused, the settings stay. */
static void test_settings_owners(void **state)
{
    (void)state;
    fixture *f = fixture_new();
    isms_settings s;
    assert_int_equal(isms_document_settings(&s, f->doc), ISMS_OK);
    const char *owners[2] = { "Åsa 😀", NULL };
    double caps[2] = { 10, 20 };
    s.owners = owners;
    s.owner_capacity = caps;
    s.owner_count = 2;
    char *before = snapshot(f);
    for (size_t i = 0; i < N_BAD; i++) {
        owners[1] = bad[i].text;
        check_refused(isms_document_set_settings(f->doc, &s),
                      "the setting schedule.owners: owner 1", i, "isms_document_set_settings");
        char *after = snapshot(f);
        assert_string_equal(after, before);
        free(after);
    }
    owners[1] = "IT-enheten";
    assert_int_equal(isms_document_set_settings(f->doc, &s), ISMS_OK);
    isms_settings back;
    assert_int_equal(isms_document_settings(&back, f->doc), ISMS_OK);
    assert_int_equal(back.owner_count, 2);
    assert_string_equal(back.owners[0], "Åsa 😀");
    free(before);
    fixture_free(f);
}

/* ---- objects outside a document ----------------------------------------------------------- */

static void test_findings(void **state)
{
    (void)state;
    isms_findings *list = new_notes(ISMS_LANG_SV);
    assert_int_equal(isms_findings_add(list, ISMS_SEVERITY_INFO, "kod", "R1", "Första"),
                     ISMS_OK);
    for (size_t i = 0; i < N_BAD; i++) {
        check_refused(isms_findings_add(list, ISMS_SEVERITY_WARNING, bad[i].text, "R1", "m"),
                      "code", i, "isms_findings_add (code)");
        check_refused(isms_findings_add(list, ISMS_SEVERITY_WARNING, "kod", bad[i].text, "m"),
                      "ref", i, "isms_findings_add (ref)");
        check_refused(isms_findings_add(list, ISMS_SEVERITY_WARNING, "kod", "R1", bad[i].text),
                      "message", i, "isms_findings_add (message)");
        assert_int_equal(isms_findings_count(list), 1);
    }
    for (size_t g = 0; g < N_GOOD; g++) {
        assert_int_equal(isms_findings_add(list, ISMS_SEVERITY_ERROR, good[g], good[g], good[g]),
                         ISMS_OK);
        isms_finding fd;
        assert_int_equal(isms_findings_get(&fd, list, g + 1), ISMS_OK);
        assert_string_equal(fd.code, good[g]);
        assert_string_equal(fd.ref, good[g]);
        assert_string_equal(fd.message, good[g]);
    }
    isms_findings_free(list);
}

/* Builders: a refused level or band is not there, so the same one with valid text can still be
 * added (a matrix's levels must increase, a band's name must be new). A 3×3 matrix. */
static void test_matrix_builder(void **state)
{
    (void)state;
    isms_matrix_builder *b = (isms_matrix_builder *)(uintptr_t)0x1;
    for (size_t i = 0; i < N_BAD; i++) {
        check_refused(isms_matrix_builder_new(&b, bad[i].text), "name", i,
                      "isms_matrix_builder_new");
        assert_ptr_equal(b, (isms_matrix_builder *)(uintptr_t)0x1);
    }
    b = NULL;
    assert_int_equal(isms_matrix_builder_new(&b, "Kommunens 3×3 😀"), ISMS_OK);
    static const char *const sv[3] = { "Låg", "Medel", "Hög" };
    static const char *const en[3] = { "Low", "Medium", "High" };
    for (int axis = 0; axis < 2; axis++)
        for (int v = 1; v <= 3; v++) {
            for (size_t i = 0; i < N_BAD; i++) {
                check_refused(isms_matrix_builder_add_level(b, (isms_axis)axis, v, bad[i].text,
                                                            "en", NULL),
                              "label_sv", i, "isms_matrix_builder_add_level (label_sv)");
                check_refused(isms_matrix_builder_add_level(b, (isms_axis)axis, v, "sv",
                                                            bad[i].text, NULL),
                              "label_en", i, "isms_matrix_builder_add_level (label_en)");
                check_refused(isms_matrix_builder_add_level(b, (isms_axis)axis, v, "sv", "en",
                                                            bad[i].text),
                              "description", i, "isms_matrix_builder_add_level (description)");
            }
            assert_int_equal(isms_matrix_builder_add_level(b, (isms_axis)axis, v, sv[v - 1],
                                                           en[v - 1], "Beskrivning: åäö 😀"),
                             ISMS_OK);
        }
    for (size_t i = 0; i < N_BAD; i++) {
        check_refused(isms_matrix_builder_add_band(b, bad[i].text, 1, 2, "#00ff00", "Låg",
                                                   "Low"),
                      "name", i, "isms_matrix_builder_add_band (name)");
        check_refused(isms_matrix_builder_add_band(b, "low", 1, 2, bad[i].text, "Låg", "Low"),
                      "color", i, "isms_matrix_builder_add_band (color)");
        check_refused(isms_matrix_builder_add_band(b, "low", 1, 2, "#00ff00", bad[i].text,
                                                   "Low"),
                      "label_sv", i, "isms_matrix_builder_add_band (label_sv)");
        check_refused(isms_matrix_builder_add_band(b, "low", 1, 2, "#00ff00", "Låg",
                                                   bad[i].text),
                      "label_en", i, "isms_matrix_builder_add_band (label_en)");
    }
    assert_int_equal(isms_matrix_builder_add_band(b, "low", 1, 2, "#00ff00", "Låg", "Low"),
                     ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_band(b, "high", 3, 9, "#ff0000", "Hög", "High"),
                     ISMS_OK);
    isms_matrix *m = NULL;
    assert_int_equal(isms_matrix_builder_build(&m, b), ISMS_OK);
    assert_int_equal(isms_matrix_level_count(m, ISMS_AXIS_LIKELIHOOD), 3);
    assert_int_equal(isms_matrix_level_count(m, ISMS_AXIS_CONSEQUENCE), 3);
    assert_int_equal(isms_matrix_band_count(m), 2);
    assert_string_equal(isms_matrix_name(m), "Kommunens 3×3 😀");
    isms_level lv;
    assert_int_equal(isms_matrix_level(&lv, m, ISMS_AXIS_CONSEQUENCE, 2), ISMS_OK);
    assert_string_equal(lv.label_sv, "Hög");
    assert_string_equal(lv.description, "Beskrivning: åäö 😀");
    isms_matrix_free(m);
    isms_matrix_builder_free(b);
}

static void test_scheme_builder(void **state)
{
    (void)state;
    isms_scheme_builder *b = (isms_scheme_builder *)(uintptr_t)0x1;
    for (size_t i = 0; i < N_BAD; i++) {
        check_refused(isms_scheme_builder_new(&b, bad[i].text), "name", i,
                      "isms_scheme_builder_new");
        assert_ptr_equal(b, (isms_scheme_builder *)(uintptr_t)0x1);
    }
    b = NULL;
    assert_int_equal(isms_scheme_builder_new(&b, "Kommunens skala 😀"), ISMS_OK);
    for (int a = 0; a < 3; a++)
        for (int v = 0; v <= 1; v++) {
            for (size_t i = 0; i < N_BAD; i++) {
                check_refused(isms_scheme_builder_add_level(b, (isms_aspect)a, v, bad[i].text,
                                                            "en", NULL),
                              "label_sv", i, "isms_scheme_builder_add_level (label_sv)");
                check_refused(isms_scheme_builder_add_level(b, (isms_aspect)a, v, "sv",
                                                            bad[i].text, NULL),
                              "label_en", i, "isms_scheme_builder_add_level (label_en)");
                check_refused(isms_scheme_builder_add_level(b, (isms_aspect)a, v, "sv", "en",
                                                            bad[i].text),
                              "description", i, "isms_scheme_builder_add_level (description)");
            }
            /* a level value may be added once: the refused ones were not */
            assert_int_equal(isms_scheme_builder_add_level(b, (isms_aspect)a, v,
                                                           v ? "Måttlig" : "Försumbar",
                                                           v ? "Moderate" : "Negligible",
                                                           "åäö"),
                             ISMS_OK);
        }
    isms_scheme *s = NULL;
    assert_int_equal(isms_scheme_builder_build(&s, b), ISMS_OK);
    assert_int_equal(isms_scheme_level_count(s, ISMS_ASPECT_CONFIDENTIALITY), 2);
    assert_string_equal(isms_scheme_name(s), "Kommunens skala 😀");
    isms_scheme_free(s);
    isms_scheme_builder_free(b);
}

static void test_fair_names(void **state)
{
    (void)state;
    isms_dist one;
    assert_int_equal(isms_dist_constant(&one, 1), ISMS_OK);
    for (size_t i = 0; i < N_BAD; i++) {
        isms_fair *m = (isms_fair *)(uintptr_t)0x1;
        check_refused(isms_fair_new(&m, bad[i].text), "name", i, "isms_fair_new");
        assert_ptr_equal(m, (isms_fair *)(uintptr_t)0x1);
        check_refused(isms_fair_new_simple(&m, bad[i].text, &one, &one), "name", i,
                      "isms_fair_new_simple");
        assert_ptr_equal(m, (isms_fair *)(uintptr_t)0x1);
    }
    isms_fair *m = NULL;
    assert_int_equal(isms_fair_new_simple(&m, "Nätfiske 😀", &one, &one), ISMS_OK);
    assert_string_equal(isms_fair_name(m), "Nätfiske 😀");
    isms_fair_free(m);
}

/* ---- parsers ------------------------------------------------------------------------------ */

static isms_matrix *matrix4;
static isms_scheme *klassa;

typedef union parsed {
    int i;
    unsigned u;
    size_t z;
    double d;
    isms_date date;
    isms_period period;
    isms_cvss cvss;
    isms_owasp owasp;
    isms_dread dread;
    isms_rating rating;
    isms_matrix *matrix;
    isms_scheme *scheme;
    struct {
        isms_attr_family family;
        size_t index;
    } attr;
    struct {
        double days;
        isms_effort_size size;
    } effort;
} parsed;

typedef struct parser {
    const char *name;
    const char *what;
    int (*call)(parsed *out, const char *text);
    const char *good; /* valid text, multi-byte where the vocabulary has such words */
} parser;

#define PARSE(fn, type)                                                                      \
    static int p_##fn(parsed *out, const char *text)                                         \
    {                                                                                        \
        return fn((type *)(void *)out, text);                                                \
    }
PARSE(isms_status_parse, isms_status)
PARSE(isms_need_parse, isms_need)
PARSE(isms_applicability_parse, isms_applicability)
PARSE(isms_reason_parse, unsigned)
PARSE(isms_aspect_parse, isms_aspect)
PARSE(isms_asset_type_parse, isms_asset_type)
PARSE(isms_pdata_parse, unsigned)
PARSE(isms_special_parse, unsigned)
PARSE(isms_relkind_parse, isms_relkind)
PARSE(isms_lang_parse, isms_lang)
PARSE(isms_edition_parse, isms_edition)
PARSE(isms_cvss_parse, isms_cvss)
PARSE(isms_cvss_severity_parse, isms_cvss_severity)
PARSE(isms_severity_parse, isms_severity)
PARSE(isms_oscal_kind_parse, isms_oscal_kind)
PARSE(isms_date_parse, isms_date)
PARSE(isms_action_status_parse, isms_action_status)
PARSE(isms_recurrence_parse, isms_recurrence)
PARSE(isms_dist_kind_parse, isms_dist_kind)
PARSE(isms_pert_method_parse, isms_pert_method)
PARSE(isms_fair_node_parse, isms_fair_node)
PARSE(isms_method_parse, isms_method)
PARSE(isms_owasp_factor_parse, isms_owasp_factor)
PARSE(isms_owasp_level_parse, isms_owasp_level)
PARSE(isms_owasp_severity_parse, isms_owasp_severity)
PARSE(isms_owasp_parse, isms_owasp)
PARSE(isms_dread_parse, isms_dread)
PARSE(isms_rating_parse, isms_rating)
PARSE(isms_report_format_parse, isms_report_format)
PARSE(isms_table_kind_parse, isms_table_kind)
PARSE(isms_treatment_parse, isms_treatment)
PARSE(isms_risk_status_parse, isms_risk_status)
PARSE(isms_matrix_preset, isms_matrix *)
PARSE(isms_scheme_preset, isms_scheme *)

static int p_attr(parsed *out, const char *text)
{
    return isms_attr_parse(&out->attr.family, &out->attr.index, text);
}
static int p_period(parsed *out, const char *text)
{
    return isms_period_parse(&out->period, text, 2025);
}
static int p_effort(parsed *out, const char *text)
{
    return isms_effort_parse(&out->effort.days, &out->effort.size, text);
}
static int p_matrix_level(parsed *out, const char *text)
{
    return isms_matrix_parse_level(&out->i, matrix4, ISMS_AXIS_CONSEQUENCE, text);
}
static int p_matrix_band(parsed *out, const char *text)
{
    return isms_matrix_find_band(&out->z, matrix4, text);
}
static int p_scheme_level(parsed *out, const char *text)
{
    return isms_scheme_parse_level(&out->i, klassa, ISMS_ASPECT_INTEGRITY, text);
}

static const parser parsers[] = {
    { "isms_status_parse", "status", p_isms_status_parse, "Ej tillämplig" },
    { "isms_need_parse", "need for action", p_isms_need_parse, "HÖG" },
    { "isms_applicability_parse", "applicability", p_isms_applicability_parse,
      "Ej tillämplig" },
    { "isms_reason_parse", "reason", p_isms_reason_parse, "Lagkrav och avtalskrav" },
    { "isms_aspect_parse", "aspect", p_isms_aspect_parse, "Tillgänglighet" },
    { "isms_asset_type_parse", "asset type", p_isms_asset_type_parse, "Leverantör" },
    { "isms_pdata_parse", "personal data", p_isms_pdata_parse, "Lagöverträdelser (art. 10)" },
    { "isms_special_parse", "special category", p_isms_special_parse, "hälsa" },
    { "isms_relkind_parse", "relation", p_isms_relkind_parse, "stödjer" },
    { "isms_lang_parse", "language", p_isms_lang_parse, "svenska" },
    { "isms_edition_parse", "edition", p_isms_edition_parse, "2022" },
    { "isms_attr_parse", "attribute", p_attr, "#Governance_and_Ecosystem" },
    { "isms_cvss_parse", "vector", p_isms_cvss_parse,
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" },
    { "isms_cvss_severity_parse", "severity", p_isms_cvss_severity_parse, "Hög" },
    { "isms_severity_parse", "severity", p_isms_severity_parse, "varning" },
    { "isms_oscal_kind_parse", "OSCAL kind", p_isms_oscal_kind_parse, "poam" },
    { "isms_date_parse", "date", p_isms_date_parse, "2025-03-31" },
    { "isms_period_parse", "period", p_period, "våren 2025 😀" },
    { "isms_action_status_parse", "action status", p_isms_action_status_parse, "Pågående" },
    { "isms_recurrence_parse", "recurrence", p_isms_recurrence_parse, "Årligen" },
    { "isms_effort_parse", "effort", p_effort, "3 månader" },
    { "isms_dist_kind_parse", "distribution", p_isms_dist_kind_parse, "pert" },
    { "isms_pert_method_parse", "PERT method", p_isms_pert_method_parse, "classic" },
    { "isms_fair_node_parse", "FAIR node", p_isms_fair_node_parse, "lef" },
    { "isms_method_parse", "method", p_isms_method_parse, "CVSS" },
    { "isms_owasp_factor_parse", "OWASP factor", p_isms_owasp_factor_parse, "SL" },
    { "isms_owasp_level_parse", "OWASP level", p_isms_owasp_level_parse, "Hög" },
    { "isms_owasp_severity_parse", "OWASP severity", p_isms_owasp_severity_parse, "Kritisk" },
    { "isms_owasp_parse", "vector", p_isms_owasp_parse,
      "SL:1/M:2/O:3/S:4/ED:5/EE:6/A:7/ID:8/LC:9/LI:1/LAV:2/LAC:3" },
    { "isms_dread_parse", "vector", p_isms_dread_parse, "D:5/R:5/E:5/A:5/DI:5" },
    { "isms_rating_parse", "vector", p_isms_rating_parse, "D:5/R:5/E:5/A:5/DI:5" },
    { "isms_report_format_parse", "report format", p_isms_report_format_parse, "html" },
    { "isms_table_kind_parse", "table kind", p_isms_table_kind_parse, "Tillgångsförteckning" },
    { "isms_treatment_parse", "treatment", p_isms_treatment_parse, "överföra" },
    { "isms_risk_status_parse", "risk status", p_isms_risk_status_parse, "Åtgärdad" },
    { "isms_matrix_preset", "name", p_isms_matrix_preset, "4x4" },
    { "isms_scheme_preset", "name", p_isms_scheme_preset, "klassa" },
    { "isms_matrix_parse_level", "level", p_matrix_level, "Begränsad" },
    { "isms_matrix_find_band", "band", p_matrix_band, "Hög" },
    { "isms_scheme_parse_level", "level", p_scheme_level, "Måttlig" },
};

/* Every parser refuses every bad text without writing its output, and reads valid text. */
static void test_parsers(void **state)
{
    (void)state;
    assert_int_equal(isms_matrix_preset(&matrix4, "4x4"), ISMS_OK);
    assert_int_equal(isms_scheme_preset(&klassa, "klassa"), ISMS_OK);
    for (size_t p = 0; p < sizeof parsers / sizeof *parsers; p++) {
        const parser *ps = &parsers[p];
        for (size_t i = 0; i < N_BAD; i++) {
            parsed out, keep;
            memset(&keep, 0xA5, sizeof keep);
            out = keep;
            check_refused(ps->call(&out, bad[i].text), ps->what, i, ps->name);
            if (memcmp(&out, &keep, sizeof out) != 0)
                fail_msg("%s wrote its output for %s", ps->name, bad[i].kind);
        }
        parsed out;
        memset(&out, 0, sizeof out);
        int rc = ps->call(&out, ps->good);
        if (rc != ISMS_OK)
            fail_msg("%s refused \"%s\": %s", ps->name, ps->good, isms_error_last()->message);
        if (ps->call == p_isms_matrix_preset)
            isms_matrix_free(out.matrix);
        if (ps->call == p_isms_scheme_preset)
            isms_scheme_free(out.scheme);
    }
    isms_matrix_free(matrix4);
    isms_scheme_free(klassa);
}

/* Latin-1 bytes used to match as the letters they stand for ("L\xe5g" as "Låg"); they are
 * refused now, and the UTF-8 spelling still matches. */
static void test_latin1_not_matched(void **state)
{
    (void)state;
    isms_need need = ISMS_NEED_UNSET;
    assert_int_equal(isms_need_parse(&need, "L\xe5g"), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "need for action: not UTF-8 at byte 2 (0xE5)");
    assert_int_equal(need, ISMS_NEED_UNSET);
    assert_int_equal(isms_need_parse(&need, "L\xc3\xa5g"), ISMS_OK);
    assert_int_equal(need, ISMS_NEED_LOW);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_prefix),
        cmocka_unit_test(test_document_setters),
        cmocka_unit_test(test_vector),
        cmocka_unit_test(test_settings_owners),
        cmocka_unit_test(test_findings),
        cmocka_unit_test(test_matrix_builder),
        cmocka_unit_test(test_scheme_builder),
        cmocka_unit_test(test_fair_names),
        cmocka_unit_test(test_parsers),
        cmocka_unit_test(test_latin1_not_matched),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
