/* The vocabularies of the JSON document format and look-ups in them (see doc-internal.h). */
#include <stdio.h>
#include <string.h>

#include "doc-internal.h"

const char *const isms__doc_treatment[5] = { "none", "modify", "retain", "avoid", "share" };
const char *const isms__doc_risk_status[5] = { "open", "in-treatment", "treated", "accepted",
                                               "closed" };
const char *const isms__doc_status[5] = { "not-assessed", "yes", "partial", "no",
                                          "not-applicable" };
const char *const isms__doc_need[5] = { NULL, "none", "low", "medium", "high" };
const char *const isms__doc_applicability[3] = { NULL, "applicable", "excluded" };
const char *const isms__doc_reason[4] = { "risk", "legal", "contractual", "business" };
const char *const isms__doc_asset_type[10] = { "information", "system", "service", "process",
                                               "location", "supplier", "hardware", "network",
                                               "person", "other" };
const char *const isms__doc_pdata[4] = { "ordinary", "special", "criminal", "pin" };
const char *const isms__doc_special[8] = { "ethnic", "political", "religious", "union",
                                           "genetic", "biometric", "health", "sex-life" };
const char *const isms__doc_aspect[4] = { "confidentiality", "integrity", "availability",
                                          "traceability" };
const char *const isms__doc_relkind[5] = { "processes", "supports", "depends-on", "stored-at",
                                           "operates" };
const char *const isms__doc_action_status[5] = { "proposed", "planned", "in-progress", "done",
                                                 "cancelled" };
const char *const isms__doc_recurrence[4] = { "none", "yearly", "tertial", "quarterly" };
const char *const isms__doc_dist[6] = { "constant", "uniform", "normal", "pert", "lognormal",
                                        "poisson" };
const char *const isms__doc_pert[2] = { "classic", "moments" };
const char *const isms__doc_edition[4] = { NULL, "2013", "2022", "2022-amd1" };
const char *const isms__doc_scope[4] = { NULL, "clauses", "annex-a", "both" };
const char *const isms__doc_formula[4] = { "product", "sum", "max", "grid" };
const char *const isms__doc_unit[8] = { NULL, NULL, NULL, "month", "quarter", "tertial", NULL,
                                        "year" };
const char *const isms__doc_effort[6] = { NULL, "XS", "S", "M", "L", "XL" };
const char *const isms__doc_entry_field[7] = { "text", "comment", "plan", "owner", "due",
                                               "justification", "origin" };
const char *const isms__doc_asset_field[13] = {
    "name", "owner", "description", "purpose", "legal_basis", "subjects", "data_categories",
    "recipients", "transfers", "safeguards", "retention", "measures", "override_reason",
};
const char *const isms__doc_target[4] = { NULL, "risk", "req", "asset" };
const char *const isms__doc_fair_node[ISMS_FAIR_NODE_COUNT] = {
    "lef", "tef", "cf", "poa", "vuln", "tcap", "rs", "lm", "pl", "sl", "slef", "slem",
};

int isms__doc_lookup(const char *const *names, size_t n, const char *text)
{
    if (!names || !text)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (names[i] && strcmp(names[i], text) == 0)
            return (int)i;
    return -1;
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Optimal string alignment distance, ASCII case ignored, with an early exit above `limit`.
 * Names are short; texts longer than 64 bytes are never near. */
static size_t distance(const char *a, const char *b, size_t limit)
{
    enum { MAX = 64 };
    size_t la = strlen(a), lb = strlen(b);
    if (la > MAX || lb > MAX)
        return limit + 1;
    if ((la > lb ? la - lb : lb - la) > limit)
        return limit + 1;
    size_t d[MAX + 1][MAX + 1];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = lower((unsigned char)a[i - 1]) == lower((unsigned char)b[j - 1]) ? 0 : 1;
            size_t v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && lower((unsigned char)a[i - 1]) == lower((unsigned char)b[j - 2])
                && lower((unsigned char)a[i - 2]) == lower((unsigned char)b[j - 1])
                && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    }
    return d[la][lb];
}

const char *isms__doc_nearest(const char *const *names, size_t n, const char *text)
{
    if (!names || !text)
        return NULL;
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        if (!names[i])
            continue;
        size_t limit = strlen(names[i]) / 3;
        if (limit < 1)
            limit = 1;
        size_t d = distance(names[i], text, limit);
        if (d <= limit && d < best_d) {
            best = names[i];
            best_d = d;
        }
    }
    return best;
}

void isms__doc_describe(char *buf, size_t size, const char *const *names, size_t n)
{
    if (!buf || size == 0)
        return;
    buf[0] = '\0';
    size_t total = 0, seen = 0, used = 0;
    for (size_t i = 0; i < n; i++)
        if (names[i])
            total++;
    for (size_t i = 0; i < n && used < size; i++) {
        if (!names[i])
            continue;
        const char *sep = seen == 0 ? "" : seen + 1 == total ? " or " : ", ";
        int w = snprintf(buf + used, size - used, "%s\"%s\"", sep, names[i]);
        if (w < 0)
            break;
        used += (size_t)w;
        seen++;
    }
}
