/*
 * FAIR models: a name, a distribution per given node of the tree, and whether the loss
 * event frequency counts events. isms_fair_check() tells in words what is missing or given
 * twice.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "methods/quant-internal.h"

/* ---- nodes -------------------------------------------------------------------------------- */

static const char *const node_names[ISMS_FAIR_NODE_COUNT] = {
    "lef", "tef", "cf", "poa", "vuln", "tcap", "rs", "lm", "pl", "sl", "slef", "slem",
};

static const char *const node_labels[ISMS_FAIR_NODE_COUNT][2] = {
    { "Frekvens för förlusthändelser", "Loss event frequency" },
    { "Frekvens för hothändelser", "Threat event frequency" },
    { "Kontaktfrekvens", "Contact frequency" },
    { "Sannolikhet för handling", "Probability of action" },
    { "Sårbarhet", "Vulnerability" },
    { "Hotförmåga", "Threat capability" },
    { "Motståndskraft", "Resistance strength" },
    { "Förlustens storlek", "Loss magnitude" },
    { "Primär förlust", "Primary loss" },
    { "Sekundär förlust", "Secondary loss" },
    { "Frekvens för sekundära förlusthändelser", "Secondary loss event frequency" },
    { "Storlek på sekundära förlusthändelser", "Secondary loss event magnitude" },
};

const char *isms_fair_node_name(isms_fair_node node)
{
    if ((unsigned)node >= ISMS_FAIR_NODE_COUNT)
        return NULL;
    return node_names[node];
}

const char *isms_fair_node_label(isms_fair_node node, isms_lang lang)
{
    if ((unsigned)node >= ISMS_FAIR_NODE_COUNT || (unsigned)lang > ISMS_LANG_EN)
        return NULL;
    return node_labels[node][lang];
}

int isms_fair_node_parse(isms_fair_node *out, const char *text)
{
    /* pyfair's node names and abbreviations besides the labels and short names. */
    static const isms__alias extra[] = {
        { "Action", ISMS_FAIR_POA },       { "a", ISMS_FAIR_POA },
        { "Contact", ISMS_FAIR_CF },       { "c", ISMS_FAIR_CF },
        { "v", ISMS_FAIR_VULN },           { "tc", ISMS_FAIR_TCAP },
        { "Control Strength", ISMS_FAIR_RS }, { "cs", ISMS_FAIR_RS },
        { "Kontrollstyrka", ISMS_FAIR_RS }, { "Motståndsstyrka", ISMS_FAIR_RS },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_fair_node_parse: NULL argument");
    if (isms__text_check("FAIR node", text))
        return ISMS_EINVAL;
    for (unsigned n = 0; n < ISMS_FAIR_NODE_COUNT; n++) {
        if (isms_text_matches(node_names[n], text) || isms_text_matches(node_labels[n][0], text) ||
            isms_text_matches(node_labels[n][1], text)) {
            *out = (isms_fair_node)n;
            return ISMS_OK;
        }
    }
    int v;
    if (isms__alias_lookup(&v, extra, sizeof extra / sizeof *extra, text)) {
        *out = (isms_fair_node)v;
        return ISMS_OK;
    }
    return isms__error(ISMS_EPARSE,
                       "unknown FAIR node \"%.64s\": expected lef, tef, cf, poa, vuln, tcap, "
                       "rs, lm, pl, sl, slef or slem, or their names (\"Sårbarhet\", "
                       "\"Vulnerability\")",
                       text);
}

static bool is_probability(isms_fair_node node)
{
    return node == ISMS_FAIR_POA || node == ISMS_FAIR_VULN || node == ISMS_FAIR_TCAP ||
           node == ISMS_FAIR_RS || node == ISMS_FAIR_SLEF;
}

void isms__fair_node_range(isms_fair_node node, double *lo, double *hi)
{
    *lo = 0;
    *hi = is_probability(node) ? 1.0 : HUGE_VAL;
}

/* ---- models ------------------------------------------------------------------------------- */

int isms_fair_new(isms_fair **out, const char *name)
{
    if (!out || !name)
        return isms__error(ISMS_EINVAL, "isms_fair_new: NULL argument");
    if (isms__text_check("name", name))
        return ISMS_EINVAL;
    if (isms__text_blank(name))
        return isms__error(ISMS_EINVAL, "a FAIR model needs a name (the risk's)");
    isms_fair *m = isms__calloc(1, sizeof *m);
    if (!m)
        return isms__error_nomem();
    m->name = isms__strdup(name);
    if (!m->name) {
        isms__free(m);
        return isms__error_nomem();
    }
    *out = m;
    return ISMS_OK;
}

int isms_fair_new_simple(isms_fair **out, const char *name, const isms_dist *frequency,
                         const isms_dist *magnitude)
{
    if (!out || !name || !frequency || !magnitude)
        return isms__error(ISMS_EINVAL, "isms_fair_new_simple: NULL argument");
    isms_fair *m = NULL;
    int rc = isms_fair_new(&m, name);
    if (rc == ISMS_OK)
        rc = isms_fair_set(m, ISMS_FAIR_LEF, frequency);
    if (rc == ISMS_OK)
        rc = isms_fair_set(m, ISMS_FAIR_LM, magnitude);
    if (rc != ISMS_OK) {
        isms_fair_free(m);
        return rc;
    }
    m->events = true;
    *out = m;
    return ISMS_OK;
}

void isms_fair_free(isms_fair *model)
{
    if (!model)
        return;
    isms__free(model->name);
    isms__free(model);
}

const char *isms_fair_name(const isms_fair *model)
{
    return model ? model->name : NULL;
}

/* Checks that the values of `d` stay in the range of `node`. */
static int check_range(const isms_fair *m, isms_fair_node node, const isms_dist *d)
{
    double lo, hi;
    isms__fair_node_range(node, &lo, &hi);
    const char *what = is_probability(node) ? "is a probability from 0 to 1"
                                            : "cannot be negative";
    const char *kind = isms_dist_kind_label(d->kind, ISMS_LANG_EN);
    const char *name = node_names[node], *label = node_labels[node][ISMS_LANG_EN];
    if (d->kind == ISMS_DIST_LOGNORMAL90 || d->kind == ISMS_DIST_POISSON) {
        if (isfinite(hi))
            return isms__error(ISMS_ERANGE,
                               "model %.64s: %s (%s) %s, but a %s distribution has no upper "
                               "bound: use a PERT, uniform, normal or constant",
                               m->name, name, label, what, kind);
        return ISMS_OK;
    }
    double a, b;
    const char *pa = "low", *pb = "high";
    switch (d->kind) {
    case ISMS_DIST_CONSTANT:
        a = b = d->value;
        pa = pb = "value";
        break;
    case ISMS_DIST_NORMAL: /* its draws are clipped; the mean must be in range */
        a = b = d->mean;
        pa = pb = "mean";
        break;
    default:
        a = d->low;
        b = d->high;
        break;
    }
    if (a < lo)
        return isms__error(ISMS_ERANGE, "model %.64s: %s (%s) %s, but the %s's %s %s is below %s",
                           m->name, name, label, what, kind, pa, isms__g(a).s, isms__g(lo).s);
    if (b > hi)
        return isms__error(ISMS_ERANGE, "model %.64s: %s (%s) %s, but the %s's %s %s is above %s",
                           m->name, name, label, what, kind, pb, isms__g(b).s, isms__g(hi).s);
    return ISMS_OK;
}

int isms_fair_set(isms_fair *model, isms_fair_node node, const isms_dist *dist)
{
    if (!model)
        return isms__error(ISMS_EINVAL, "isms_fair_set: NULL model");
    if ((unsigned)node >= ISMS_FAIR_NODE_COUNT)
        return isms__error(ISMS_EINVAL, "model %.64s: unknown FAIR node %d", model->name,
                           (int)node);
    if (!dist) {
        model->given[node] = false;
        memset(&model->dist[node], 0, sizeof model->dist[node]);
        return ISMS_OK;
    }
    int rc = isms_dist_check(dist);
    if (rc != ISMS_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", isms_error_last()->message);
        return isms__error(rc, "model %.64s: %s (%s): %s", model->name, node_names[node],
                           node_labels[node][ISMS_LANG_EN], msg);
    }
    rc = check_range(model, node, dist);
    if (rc != ISMS_OK)
        return rc;
    model->dist[node] = *dist;
    model->given[node] = true;
    return ISMS_OK;
}

int isms_fair_get(isms_dist *out, const isms_fair *model, isms_fair_node node)
{
    if (!out || !model)
        return isms__error(ISMS_EINVAL, "isms_fair_get: NULL argument");
    if ((unsigned)node >= ISMS_FAIR_NODE_COUNT)
        return isms__error(ISMS_EINVAL, "model %.64s: unknown FAIR node %d", model->name,
                           (int)node);
    if (!model->given[node])
        return isms__error(ISMS_ENOTFOUND, "model %.64s: %s (%s) is not given", model->name,
                           node_names[node], node_labels[node][ISMS_LANG_EN]);
    *out = model->dist[node];
    return ISMS_OK;
}

int isms_fair_set_events(isms_fair *model, bool events)
{
    if (!model)
        return isms__error(ISMS_EINVAL, "isms_fair_set_events: NULL model");
    model->events = events;
    return ISMS_OK;
}

bool isms_fair_events(const isms_fair *model)
{
    return model && model->events;
}

/* ---- check -------------------------------------------------------------------------------- */

/* Appends "; " (after the first) and a formatted problem. */
static void problem(char *buf, size_t size, const char *fmt, ...) ISMS__PRINTF(3, 4);
static void problem(char *buf, size_t size, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (len > 0 && len + 2 < size) {
        memcpy(buf + len, "; ", 3);
        len += 2;
    }
    if (len + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, size - len, fmt, ap);
    va_end(ap);
}

/* The short names of the given nodes among `nodes` as "tef, cf and vuln"; "" when none. */
static void given_list(char *buf, size_t size, const isms_fair *m, const isms_fair_node *nodes,
                       size_t n)
{
    size_t count = 0, total = 0;
    for (size_t i = 0; i < n; i++)
        total += m->given[nodes[i]];
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (!m->given[nodes[i]])
            continue;
        size_t len = strlen(buf);
        const char *sep = count == 0 ? "" : count + 1 == total ? " and " : ", ";
        snprintf(buf + len, size - len, "%s%s", sep, node_names[nodes[i]]);
        count++;
    }
}

/* "X is given, so ... would not be used" when any of `parts` is given besides `node`. */
static void conflict(char *msg, size_t size, const isms_fair *m, isms_fair_node node,
                     const isms_fair_node *parts, size_t n, const char *choice)
{
    char list[96];
    given_list(list, sizeof list, m, parts, n);
    if (list[0])
        problem(msg, size, "%s is given, so %s would not be used: give %s, not both",
                node_names[node], list, choice);
}

/* A node's mean for the bound on events (the normal's mean plus its sd: its draws are
 * clipped at 0, which raises the mean). */
static double node_mean(const isms_fair *m, isms_fair_node node)
{
    const isms_dist *d = &m->dist[node];
    double mean = 0, sd = 0;
    isms_dist_mean(&mean, d);
    if (d->kind == ISMS_DIST_NORMAL)
        isms_dist_sd(&sd, d);
    return mean + sd;
}

/* The expected number of loss events a year of a whole tree, or a bound above it. */
static double expected_events(const isms_fair *m)
{
    const bool *g = m->given;
    if (g[ISMS_FAIR_LEF])
        return node_mean(m, ISMS_FAIR_LEF);
    double tef = g[ISMS_FAIR_TEF] ? node_mean(m, ISMS_FAIR_TEF)
                                  : node_mean(m, ISMS_FAIR_CF) * node_mean(m, ISMS_FAIR_POA);
    return g[ISMS_FAIR_VULN] ? tef * node_mean(m, ISMS_FAIR_VULN) : tef;
}

int isms_fair_check(const isms_fair *model)
{
    if (!model)
        return isms__error(ISMS_EINVAL, "isms_fair_check: NULL model");
    const bool *g = model->given;
    char msg[768] = "";

    /* Frequency side. */
    if (g[ISMS_FAIR_LEF]) {
        static const isms_fair_node parts[] = { ISMS_FAIR_TEF, ISMS_FAIR_CF,   ISMS_FAIR_POA,
                                                ISMS_FAIR_VULN, ISMS_FAIR_TCAP, ISMS_FAIR_RS };
        conflict(msg, sizeof msg, model, ISMS_FAIR_LEF, parts, 6, "lef or its parts");
    } else {
        bool tef = g[ISMS_FAIR_TEF] || (g[ISMS_FAIR_CF] && g[ISMS_FAIR_POA]);
        bool vuln = g[ISMS_FAIR_VULN] || (g[ISMS_FAIR_TCAP] && g[ISMS_FAIR_RS]);
        bool any_tef = g[ISMS_FAIR_TEF] || g[ISMS_FAIR_CF] || g[ISMS_FAIR_POA];
        bool any_vuln = g[ISMS_FAIR_VULN] || g[ISMS_FAIR_TCAP] || g[ISMS_FAIR_RS];
        if (!any_tef && !any_vuln) {
            problem(msg, sizeof msg,
                    "loss event frequency needs lef, or tef (or cf with poa) together with "
                    "vuln (or tcap with rs)");
        } else {
            if (g[ISMS_FAIR_TEF]) {
                static const isms_fair_node parts[] = { ISMS_FAIR_CF, ISMS_FAIR_POA };
                conflict(msg, sizeof msg, model, ISMS_FAIR_TEF, parts, 2,
                         "tef or cf with poa");
            } else if (g[ISMS_FAIR_CF] && !g[ISMS_FAIR_POA]) {
                problem(msg, sizeof msg,
                        "cf needs poa (contact frequency × probability of action = threat "
                        "event frequency)");
            } else if (!g[ISMS_FAIR_CF] && g[ISMS_FAIR_POA]) {
                problem(msg, sizeof msg,
                        "poa needs cf (contact frequency × probability of action = threat "
                        "event frequency)");
            } else if (!tef) {
                problem(msg, sizeof msg,
                        "loss event frequency needs tef (or cf with poa) to go with the "
                        "vulnerability, or lef instead of both");
            }
            if (g[ISMS_FAIR_VULN]) {
                static const isms_fair_node parts[] = { ISMS_FAIR_TCAP, ISMS_FAIR_RS };
                conflict(msg, sizeof msg, model, ISMS_FAIR_VULN, parts, 2,
                         "vuln or tcap with rs");
            } else if (g[ISMS_FAIR_TCAP] && !g[ISMS_FAIR_RS]) {
                problem(msg, sizeof msg,
                        "tcap needs rs (vulnerability is the chance that threat capability "
                        "exceeds resistance strength)");
            } else if (!g[ISMS_FAIR_TCAP] && g[ISMS_FAIR_RS]) {
                problem(msg, sizeof msg,
                        "rs needs tcap (vulnerability is the chance that threat capability "
                        "exceeds resistance strength)");
            } else if (!vuln) {
                problem(msg, sizeof msg,
                        "loss event frequency needs vuln (or tcap with rs) to go with the "
                        "threat event frequency, or lef instead of both");
            }
        }
    }

    /* Magnitude side. */
    if (g[ISMS_FAIR_LM]) {
        static const isms_fair_node parts[] = { ISMS_FAIR_PL, ISMS_FAIR_SL, ISMS_FAIR_SLEF,
                                                ISMS_FAIR_SLEM };
        conflict(msg, sizeof msg, model, ISMS_FAIR_LM, parts, 4, "lm or its parts");
    } else {
        if (!g[ISMS_FAIR_PL])
            problem(msg, sizeof msg,
                    "loss magnitude needs lm, or pl (and optionally slef with slem, or sl)");
        if (g[ISMS_FAIR_SL]) {
            static const isms_fair_node parts[] = { ISMS_FAIR_SLEF, ISMS_FAIR_SLEM };
            conflict(msg, sizeof msg, model, ISMS_FAIR_SL, parts, 2, "sl or slef with slem");
        } else if (g[ISMS_FAIR_SLEF] && !g[ISMS_FAIR_SLEM]) {
            problem(msg, sizeof msg,
                    "slef needs slem (secondary loss = secondary loss event frequency × "
                    "secondary loss event magnitude)");
        } else if (!g[ISMS_FAIR_SLEF] && g[ISMS_FAIR_SLEM]) {
            problem(msg, sizeof msg,
                    "slem needs slef (secondary loss = secondary loss event frequency × "
                    "secondary loss event magnitude)");
        }
    }

    if (!msg[0] && model->events) {
        double events = expected_events(model);
        if (events > ISMS_FAIR_MAX_EVENTS)
            problem(msg, sizeof msg,
                    "counting events, each with its own loss magnitude, would draw about %s "
                    "events a year, more than %s: use the loss event frequency as a rate",
                    isms__g(events).s, isms__g((double)ISMS_FAIR_MAX_EVENTS).s);
    }
    if (msg[0])
        return isms__error(ISMS_EINVAL, "model %.64s: %s", model->name, msg);
    return ISMS_OK;
}
