/* Draft plans: proposed actions for the risks above the acceptance threshold and for the
 * requirements whose gap has an action plan, when no action of the plan addresses them yet.
 *
 * What the plan already addresses is gathered first into two indexes (risk ids; entries of
 * the assessment that targets resolve to), so that the draft is linear in the size of the
 * register, the assessment and the plan. Actions are added at the end of the plan; when
 * memory runs out they are removed again, so the plan is as it was.
 */
#include <string.h>

#include "plan/plan-internal.h"

/* Longest title made from an action plan's first line, in bytes (before the "…"). */
#define TITLE_MAX 120

static const char *target_key(const void *item)
{
    return ((const isms__target *)item)->id;
}

static const char *entry_key(const void *item)
{
    return isms_entry_ref((const isms_entry *)item);
}

/* What the plan addresses before the draft. */
typedef struct addressed {
    isms__index risks;   /* targets (any or risk) by id */
    isms__index entries; /* entries that targets (any or requirement) resolve to, by ref */
} addressed;

static bool add_unique(isms__index *ix, const char *key, void *item)
{
    if (isms__index_find(ix, key))
        return true;
    if (!isms__index_reserve(ix, ix->count + 1))
        return false;
    isms__index_insert(ix, item);
    return true;
}

static bool gather(addressed *out, const isms_plan *plan, const isms_register *risks,
                   const isms_assessment *assessment)
{
    for (size_t i = 0; i < plan->count; i++) {
        const isms_action *a = plan->items[i];
        for (uint32_t k = 0; k < a->n_targets; k++) {
            isms__target *t = &a->targets[k];
            if (risks && (t->kind == ISMS_TARGET_ANY || t->kind == ISMS_TARGET_RISK) &&
                !add_unique(&out->risks, t->id, t))
                return false;
            if (assessment &&
                (t->kind == ISMS_TARGET_ANY || t->kind == ISMS_TARGET_REQUIREMENT)) {
                isms_entry *e = isms_assessment_find(assessment, t->id);
                if (e && !add_unique(&out->entries, isms_entry_ref(e), e))
                    return false;
            }
        }
    }
    return true;
}

/* Writes "<prefix><id>" to buf (ISMS__ACTION_ID_MAX + 1 bytes); false when too long. */
static bool make_id(char *buf, const char *prefix, const char *id, size_t len)
{
    size_t p = strlen(prefix);
    if (p + len > ISMS__ACTION_ID_MAX)
        return false;
    memcpy(buf, prefix, p);
    memcpy(buf + p, id, len);
    buf[p + len] = '\0';
    return true;
}

/* Adds the action for one risk; ISMS_OK also when the risk needs none. */
static int draft_risk(isms_plan *plan, const isms_risk *risk, int acceptance,
                      const addressed *done, isms_lang lang)
{
    int value = isms_risk_value(risk, ISMS_INHERENT);
    if (value == ISMS_VALUE_UNSET || value <= acceptance)
        return ISMS_OK;
    isms_risk_status status = isms_risk_get_status(risk);
    if (status != ISMS_RISK_OPEN && status != ISMS_RISK_IN_TREATMENT)
        return ISMS_OK;
    const char *rid = isms_risk_id(risk);
    size_t start, len;
    isms__trim_span(rid, strlen(rid), &start, &len);
    if (!len || isms__index_find_n(&done->risks, rid + start, len))
        return ISMS_OK;
    char id[ISMS__ACTION_ID_MAX + 1];
    if (!make_id(id, "risk-", rid + start, len) || isms_plan_find(plan, id))
        return ISMS_OK; /* an id too long for an action cannot be drafted */

    const char *treatment = isms_risk_treatment_text(risk);
    char *made = NULL;
    if (isms__text_blank(treatment)) {
        const char *title = isms_risk_title(risk);
        isms__buf b;
        isms__buf_init(&b);
        isms__buf_puts(&b, lang == ISMS_LANG_EN ? "Treat the risk: " : "Behandla risken: ");
        if (isms__text_blank(title))
            isms__buf_append(&b, rid + start, len);
        else
            isms__buf_puts(&b, title);
        made = isms__buf_take(&b, NULL);
        if (!made)
            return isms__error_nomem();
    }
    isms_action *a = NULL;
    int rc = isms_plan_add(&a, plan, id, made ? made : treatment);
    isms__free(made);
    if (rc)
        return rc;
    rc = isms_action_set(a, ISMS_ACTION_OWNER, isms_risk_owner(risk));
    if (!rc)
        rc = isms_action_add_target(a, ISMS_TARGET_RISK, rid + start);
    if (rc)
        return rc;
    int l = isms_risk_residual_likelihood(risk), c = isms_risk_residual_consequence(risk);
    if (l != ISMS_LEVEL_UNSET && c != ISMS_LEVEL_UNSET)
        (void)isms_action_set_expected_residual(a, l, c); /* off the level range: left out */
    return ISMS_OK;
}

/* The title made from an action plan: its first line, cut at TITLE_MAX bytes with "…". */
static char *plan_title(const char *text)
{
    size_t start, len;
    isms__trim_span(text, strlen(text), &start, &len);
    const char *s = text + start;
    const char *nl = memchr(s, '\n', len);
    size_t line = nl ? (size_t)(nl - s) : len;
    size_t ls;
    isms__trim_span(s, line, &ls, &line); /* drops a '\r' too */
    s += ls;
    if (line <= TITLE_MAX)
        return isms__strndup(s, line);
    size_t n = (size_t)isms__plan_quote_n(s, line, TITLE_MAX); /* on a UTF-8 boundary */
    size_t cs;
    isms__trim_span(s, n, &cs, &n);
    char *title = isms__malloc(n + sizeof "…");
    if (title) {
        memcpy(title, s, n);
        memcpy(title + n, "…", sizeof "…");
    }
    return title;
}

/* Adds the action for one requirement; ISMS_OK also when it needs none. */
static int draft_entry(isms_plan *plan, const isms_entry *entry, const addressed *done)
{
    isms_status status = isms_entry_status(entry);
    if (status != ISMS_STATUS_PARTIAL && status != ISMS_STATUS_NO)
        return ISMS_OK;
    const char *text = isms_entry_get(entry, ISMS_FIELD_PLAN);
    if (isms__text_blank(text))
        return ISMS_OK;
    const char *ref = isms_entry_ref(entry);
    if (isms__index_find(&done->entries, ref))
        return ISMS_OK;
    char id[ISMS__ACTION_ID_MAX + 1];
    if (!make_id(id, "req-", ref, strlen(ref)) || isms_plan_find(plan, id))
        return ISMS_OK;
    char *title = plan_title(text);
    if (!title)
        return isms__error_nomem();
    isms_action *a = NULL;
    int rc = isms_plan_add(&a, plan, id, title);
    isms__free(title);
    if (!rc)
        rc = isms_action_set(a, ISMS_ACTION_DESCRIPTION, text);
    if (!rc)
        rc = isms_action_set(a, ISMS_ACTION_OWNER, isms_entry_get(entry, ISMS_FIELD_OWNER));
    if (!rc)
        rc = isms_action_set(a, ISMS_ACTION_DUE, isms_entry_get(entry, ISMS_FIELD_DUE));
    if (!rc)
        rc = isms_action_add_target(a, ISMS_TARGET_REQUIREMENT, ref);
    return rc;
}

int isms_plan_draft(size_t *added, isms_plan *plan, const isms_register *risks,
                    const isms_assessment *assessment, isms_lang lang)
{
    if (!plan)
        return isms__error(ISMS_EINVAL, "isms_plan_draft: plan is NULL");
    if ((unsigned)lang > ISMS_LANG_EN)
        lang = ISMS_LANG_SV;
    size_t before = plan->count;
    addressed done;
    isms__index_init(&done.risks, target_key);
    isms__index_init(&done.entries, entry_key);
    int rc = gather(&done, plan, risks, assessment) ? ISMS_OK : isms__error_nomem();

    if (!rc && risks) {
        int acceptance = isms_matrix_acceptance(isms_register_matrix(risks));
        size_t n = isms_register_count(risks);
        for (size_t i = 0; i < n && !rc; i++)
            rc = draft_risk(plan, isms_register_at(risks, i), acceptance, &done, lang);
    }
    if (!rc && assessment) {
        size_t n = isms_assessment_count(assessment);
        for (size_t i = 0; i < n && !rc; i++)
            rc = draft_entry(plan, isms_assessment_at(assessment, i), &done);
    }
    isms__index_free(&done.risks);
    isms__index_free(&done.entries);

    if (rc) {
        /* Only memory can fail here (ids and levels are checked before they are used):
         * remove what was added, newest first, so that the plan is as it was. */
        while (plan->count > before)
            isms_plan_remove(plan, plan->items[plan->count - 1]->id);
        return rc; /* the error of the step that failed */
    }
    bool sources = false;
    if (!plan->risks && risks) {
        plan->risks = risks;
        sources = true;
    }
    if (!plan->assessment && assessment) {
        plan->assessment = assessment;
        sources = true;
    }
    if (sources)
        for (size_t i = 0; i < before; i++)
            isms__action_changed(plan->items[i]);
    if (added)
        *added = plan->count - before;
    return ISMS_OK;
}
