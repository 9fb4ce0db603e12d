/*
 * CVSS vectors: the strict parser and the canonical formatter that all versions share, the
 * severity rating and names, and the scores of v3.0 and v3.1 (Base, Temporal,
 * Environmental). v4.0 scoring is in cvss4.c.
 *
 * The v3.x formulas follow the FIRST specifications (v3.1 section 7, v3.0 section 8) with
 * IEEE doubles, multiplying in the order the specification (and FIRST's calculator) writes
 * the products, and the Roundup of v3.1 appendix A for both versions.
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cvss-internal.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))
#define METRIC ISMS__CVSS_METRIC

enum {
    BASE = ISMS_CVSS_PART_BASE,
    THREAT = ISMS_CVSS_PART_THREAT,
    ENV = ISMS_CVSS_PART_ENVIRONMENTAL
};

/* ---- v3.x metrics --------------------------------------------------------------------------
 * The order of the specification's table of metrics (and of FIRST's calculator output);
 * the values of every modified metric are X followed by those of its base metric. */
enum {
    AV, AC, PR, UI, S, C, I, A, E, RL, RC, CR, IR, AR, MAV, MAC, MPR, MUI, MS, MC, MI, MA,
    V3_METRICS
};

static const isms__cvss_metric v3_metrics[V3_METRICS] = {
    METRIC("AV", BASE, true, "N", "A", "L", "P"),
    METRIC("AC", BASE, true, "L", "H"),
    METRIC("PR", BASE, true, "N", "L", "H"),
    METRIC("UI", BASE, true, "N", "R"),
    METRIC("S", BASE, true, "U", "C"),
    METRIC("C", BASE, true, "H", "L", "N"),
    METRIC("I", BASE, true, "H", "L", "N"),
    METRIC("A", BASE, true, "H", "L", "N"),
    METRIC("E", THREAT, false, "X", "H", "F", "P", "U"),
    METRIC("RL", THREAT, false, "X", "U", "W", "T", "O"),
    METRIC("RC", THREAT, false, "X", "C", "R", "U"),
    METRIC("CR", ENV, false, "X", "H", "M", "L"),
    METRIC("IR", ENV, false, "X", "H", "M", "L"),
    METRIC("AR", ENV, false, "X", "H", "M", "L"),
    METRIC("MAV", ENV, false, "X", "N", "A", "L", "P"),
    METRIC("MAC", ENV, false, "X", "L", "H"),
    METRIC("MPR", ENV, false, "X", "N", "L", "H"),
    METRIC("MUI", ENV, false, "X", "N", "R"),
    METRIC("MS", ENV, false, "X", "U", "C"),
    METRIC("MC", ENV, false, "X", "H", "L", "N"),
    METRIC("MI", ENV, false, "X", "H", "L", "N"),
    METRIC("MA", ENV, false, "X", "H", "L", "N"),
};

const isms__cvss_def isms__cvss30_def = { "CVSS:3.0/", v3_metrics, V3_METRICS, false };
const isms__cvss_def isms__cvss31_def = { "CVSS:3.1/", v3_metrics, V3_METRICS, false };

const isms__cvss_def *isms__cvss_def_of(isms_cvss_version version)
{
    switch (version) {
    case ISMS_CVSS_V3_0:
        return &isms__cvss30_def;
    case ISMS_CVSS_V3_1:
        return &isms__cvss31_def;
    case ISMS_CVSS_V4_0:
        return &isms__cvss40_def;
    }
    return NULL;
}

/* ---- v3.x scores ------------------------------------------------------------------------ */

/* Weights by the 0-based index of the value in the metric's list (specification 7.4). */
static const double w_av[] = { 0.85, 0.62, 0.55, 0.2 };
static const double w_ac[] = { 0.77, 0.44 };
static const double w_pr[2][3] = { { 0.85, 0.62, 0.27 },  /* scope unchanged */
                                   { 0.85, 0.68, 0.5 } }; /* scope changed */
static const double w_ui[] = { 0.85, 0.62 };
static const double w_cia[] = { 0.56, 0.22, 0 };
static const double w_e[] = { 1, 1, 0.97, 0.94, 0.91 };
static const double w_rl[] = { 1, 1, 0.97, 0.96, 0.95 };
static const double w_rc[] = { 1, 1, 0.96, 0.92 };
static const double w_req[] = { 1, 1.5, 1, 0.5 };

int isms__cvss_roundup_tenths(double x)
{
    long long k = llround(x * 100000.0);
    if (k % 10000 == 0)
        return (int)(k / 10000);
    return (int)(k / 10000 + 1);
}

double isms__cvss_roundup(double x)
{
    return isms__cvss_roundup_tenths(x) / 10.0;
}

/* The 0-based value index of an optional metric (X when not given). */
static int opt(const unsigned char *v, int m)
{
    return v[m] ? v[m] - 1 : 0;
}

/* The 0-based index, in the base metric's list, of the effective value of a modified metric:
 * its own value unless it is X or not given, then the base metric's. */
static int modified(const unsigned char *v, int m, int base)
{
    return v[m] >= 2 ? v[m] - 2 : v[base] - 1;
}

void isms__cvss3_score(isms_cvss *c)
{
    const unsigned char *v = c->values;
    const int changed = v[S] - 1;

    double iss = 1 - ((1 - w_cia[v[C] - 1]) * (1 - w_cia[v[I] - 1]) * (1 - w_cia[v[A] - 1]));
    double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss;
    double exploitability =
        8.22 * w_av[v[AV] - 1] * w_ac[v[AC] - 1] * w_pr[changed][v[PR] - 1] * w_ui[v[UI] - 1];
    int base = 0;
    if (impact > 0) {
        double sum = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
        base = isms__cvss_roundup_tenths(fmin(sum, 10));
    }

    int temporal = isms__cvss_roundup_tenths(base / 10.0 * w_e[opt(v, E)] * w_rl[opt(v, RL)] *
                                             w_rc[opt(v, RC)]);

    /* Environmental: the modified metrics with X standing for the base value. */
    const int mchanged = modified(v, MS, S);
    double miss = fmin(1 - ((1 - w_req[opt(v, CR)] * w_cia[modified(v, MC, C)]) *
                            (1 - w_req[opt(v, IR)] * w_cia[modified(v, MI, I)]) *
                            (1 - w_req[opt(v, AR)] * w_cia[modified(v, MA, A)])),
                       0.915);
    double mimpact;
    if (!mchanged)
        mimpact = 6.42 * miss;
    else if (c->version == ISMS_CVSS_V3_0)
        mimpact = 7.52 * (miss - 0.029) - 3.25 * pow(miss - 0.02, 15);
    else
        mimpact = 7.52 * (miss - 0.029) - 3.25 * pow(miss * 0.9731 - 0.02, 13);
    double mexploitability = 8.22 * w_av[modified(v, MAV, AV)] * w_ac[modified(v, MAC, AC)] *
                             w_pr[mchanged][modified(v, MPR, PR)] * w_ui[modified(v, MUI, UI)];
    int env = 0;
    if (mimpact > 0) {
        double sum = mchanged ? 1.08 * (mimpact + mexploitability) : mimpact + mexploitability;
        int modified_base = isms__cvss_roundup_tenths(fmin(sum, 10));
        env = isms__cvss_roundup_tenths(modified_base / 10.0 * w_e[opt(v, E)] *
                                        w_rl[opt(v, RL)] * w_rc[opt(v, RC)]);
    }

    c->base = base / 10.0;
    c->temporal = temporal / 10.0;
    c->environmental = env / 10.0;
    if (c->parts & ISMS_CVSS_PART_ENVIRONMENTAL)
        c->score = c->environmental;
    else if (c->parts & ISMS_CVSS_PART_THREAT)
        c->score = c->temporal;
    else
        c->score = c->base;
}

/* ---- parse errors ------------------------------------------------------------------------ */

enum { SHOW_VECTOR = 120, SHOW_FIELD = 40 };

/* [s, s + n) for a message: printable ASCII as it is, other bytes as '?', cut after `max`
 * bytes with "...". `buf` holds max + 4 bytes. */
static const char *show(char *buf, const char *s, size_t n, size_t max)
{
    size_t k = n < max ? n : max;
    for (size_t i = 0; i < k; i++) {
        unsigned char ch = (unsigned char)s[i];
        buf[i] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
    }
    if (n > max) {
        memcpy(buf + k, "...", 4);
    } else {
        buf[k] = '\0';
    }
    return buf;
}

/* A parse error at `pos` (1-based byte position), the message led by the vector. */
static int fail(const char *vector, size_t pos, const char *fmt, ...) ISMS__PRINTF(3, 4);
static int fail(const char *vector, size_t pos, const char *fmt, ...)
{
    char what[512], shown[SHOW_VECTOR + 4];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return isms__error_at(ISMS_EPARSE, NULL, 1, pos > UINT_MAX ? UINT_MAX : (unsigned)pos,
                          "%s: %s", show(shown, vector, strlen(vector), SHOW_VECTOR), what);
}

/* "L or H", "X, H, L or N": the values of a metric, for a message. */
static const char *expected(char *buf, size_t size, const isms__cvss_metric *m)
{
    size_t len = 0;
    buf[0] = '\0';
    for (unsigned i = 0; i < m->n_values; i++) {
        const char *sep = i == 0 ? "" : i + 1 == m->n_values ? " or " : ", ";
        int n = snprintf(buf + len, size - len, "%s%s", sep, m->values[i]);
        if (n < 0 || (size_t)n >= size - len)
            break;
        len += (size_t)n;
    }
    return buf;
}

static const char *version_name(const isms__cvss_def *def)
{
    return def->prefix + 5; /* "3.1/" */
}

/* ---- parser ------------------------------------------------------------------------------ */

/* True when the NUL-terminated `lit` is the text [s, s + len). (Names and values are a few
 * bytes long: a loop beats a call to strncmp.) */
static bool same(const char *lit, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (lit[i] != s[i]) /* also stops at the end of lit: s holds no NUL */
            return false;
    return lit[len] == '\0';
}

/* The index of the metric named [name, name + len), searched from `from` round the table (the
 * next metric is usually the one after the last); -1 when there is none. */
static int find_metric(const isms__cvss_def *def, const char *name, size_t len, int from)
{
    int n = def->n_metrics;
    for (int k = 0, i = from % n; k < n; k++, i = i + 1 == n ? 0 : i + 1)
        if (same(def->metrics[i].name, name, len))
            return i;
    return -1;
}

static int find_value(const isms__cvss_metric *m, const char *value, size_t len)
{
    for (int i = 0; i < m->n_values; i++)
        if (same(m->values[i], value, len))
            return i;
    return -1;
}

static bool is_x(const char *value)
{
    return value[0] == 'X' && value[1] == '\0';
}

/* The position of the first field at or after `from` (a '/' or the end) whose metric is
 * `name`; 0 when there is none. */
static size_t find_field(const char *vector, const char *from, const char *name)
{
    size_t len = strlen(name);
    for (const char *p = from; *p;) {
        p++; /* past the '/' */
        if (strncmp(p, name, len) == 0 && p[len] == ':')
            return (size_t)(p - vector) + 1;
        p += strcspn(p, "/");
    }
    return 0;
}

static int bad_prefix(const char *vector)
{
    char buf[SHOW_FIELD + 4];
    if (strncmp(vector, "CVSS:", 5) == 0) {
        size_t n = strcspn(vector + 5, "/");
        if (n == 3 && !vector[8] && (strncmp(vector + 5, "3.0", 3) == 0 ||
                                     strncmp(vector + 5, "3.1", 3) == 0 ||
                                     strncmp(vector + 5, "4.0", 3) == 0))
            return fail(vector, 9, "%s must be followed by '/' and the metrics", vector);
        return fail(vector, 6,
                    "CVSS version \"%s\" at position 6 is not supported (expected 3.0, 3.1 "
                    "or 4.0, followed by '/')",
                    show(buf, vector + 5, n, SHOW_FIELD));
    }
    return fail(vector, 1,
                "not a CVSS vector: it must begin with CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/");
}

int isms_cvss_parse(isms_cvss *out, const char *vector)
{
    if (!out || !vector)
        return isms__error(ISMS_EINVAL, "isms_cvss_parse: NULL argument");
    if (isms__text_check("vector", vector))
        return ISMS_EINVAL;
    static const isms_cvss_version versions[] = { ISMS_CVSS_V3_1, ISMS_CVSS_V4_0,
                                                  ISMS_CVSS_V3_0 };
    isms_cvss c;
    memset(&c, 0, sizeof c);
    const isms__cvss_def *def = NULL;
    for (size_t k = 0; k < COUNT(versions) && !def; k++) {
        const isms__cvss_def *d = isms__cvss_def_of(versions[k]);
        if (strncmp(vector, d->prefix, 9) == 0) {
            def = d;
            c.version = versions[k];
        }
    }
    if (!def)
        return bad_prefix(vector);

    size_t pos[ISMS_CVSS_METRICS_MAX] = { 0 }; /* where each metric was given, 1-based */
    char buf[SHOW_FIELD + 4], list[64];
    int last = -1;
    const char *p = vector + 9;
    while (*p) {
        const char *end = p, *colon = NULL;
        for (; *end && *end != '/'; end++)
            if (*end == ':' && !colon)
                colon = end;
        size_t col = (size_t)(p - vector) + 1;
        if (end == p)
            return fail(vector, col, "empty field at position %zu (%s)", col,
                        *end ? "two '/' in a row" : "a '/' at the end");
        if (!colon)
            return fail(vector, col, "\"%s\" at position %zu is not a Metric:Value pair",
                        show(buf, p, (size_t)(end - p), SHOW_FIELD), col);
        size_t name_len = (size_t)(colon - p);
        int m = find_metric(def, p, name_len, last + 1);
        if (m < 0)
            return fail(vector, col, "unknown metric \"%s\" at position %zu (not a CVSS %.3s "
                        "metric)", show(buf, p, name_len, SHOW_FIELD), col,
                        version_name(def));
        const isms__cvss_metric *metric = &def->metrics[m];
        if (pos[m])
            return fail(vector, col, "metric %s at position %zu is given twice (first at "
                        "position %zu)", metric->name, col, pos[m]);
        if (def->ordered && m < last)
            return fail(vector, col, "metric %s at position %zu is out of order: CVSS %.3s "
                        "puts it before %s (position %zu)", metric->name, col,
                        version_name(def), def->metrics[last].name, pos[last]);
        if (def->ordered)
            for (int k = last + 1; k < m; k++) {
                if (!def->metrics[k].mandatory)
                    continue;
                size_t later = find_field(vector, end, def->metrics[k].name);
                if (later)
                    return fail(vector, later, "metric %s at position %zu is out of order: "
                                "CVSS %.3s puts it before %s (position %zu)",
                                def->metrics[k].name, later, version_name(def), metric->name,
                                col);
                return fail(vector, col, "base metric %s is missing: it must come before %s "
                            "at position %zu", def->metrics[k].name, metric->name, col);
            }
        const char *value = colon + 1;
        size_t value_len = (size_t)(end - value);
        int v = find_value(metric, value, value_len);
        if (v < 0) {
            if (value_len == 0)
                return fail(vector, col, "metric %s at position %zu has no value (expected "
                            "%s)", metric->name, col, expected(list, sizeof list, metric));
            return fail(vector, col, "metric %s at position %zu has unknown value \"%s\" "
                        "(expected %s)", metric->name, col,
                        show(buf, value, value_len, SHOW_FIELD),
                        expected(list, sizeof list, metric));
        }
        c.values[m] = (unsigned char)(v + 1);
        pos[m] = col;
        last = m;
        if (!*end)
            break;
        p = end + 1;
        if (!*p) {
            col = (size_t)(p - vector) + 1;
            return fail(vector, col, "empty field at position %zu (a '/' at the end)", col);
        }
    }
    for (int m = 0; m < def->n_metrics; m++)
        if (def->metrics[m].mandatory && !pos[m]) {
            size_t col = strlen(vector) + 1;
            return fail(vector, col, "base metric %s is missing (the vector ends at position "
                        "%zu)", def->metrics[m].name, col);
        }

    c.parts = ISMS_CVSS_PART_BASE;
    for (int m = 0; m < def->n_metrics; m++) {
        const isms__cvss_metric *metric = &def->metrics[m];
        if (c.values[m] && !is_x(metric->values[c.values[m] - 1]))
            c.parts |= metric->group;
    }
    c.nomenclature = (isms_cvss_nomenclature)(((c.parts & ISMS_CVSS_PART_THREAT) ? 1 : 0) |
                                              ((c.parts & ISMS_CVSS_PART_ENVIRONMENTAL) ? 2 : 0));
    if (c.version == ISMS_CVSS_V4_0)
        isms__cvss4_score(&c);
    else
        isms__cvss3_score(&c);
    c.severity = isms_cvss_severity_of(c.score);
    *out = c;
    return ISMS_OK;
}

/* ---- reading and writing ----------------------------------------------------------------- */

/* The definition of a parsed vector; NULL (and an error) when `c` is not one. */
static const isms__cvss_def *checked(const isms_cvss *c, const char *fn)
{
    const isms__cvss_def *def = isms__cvss_def_of(c->version);
    if (!def) {
        isms__error(ISMS_EINVAL, "%s: unknown CVSS version %d", fn, (int)c->version);
        return NULL;
    }
    for (int m = 0; m < ISMS_CVSS_METRICS_MAX; m++) {
        unsigned v = c->values[m];
        if (m >= def->n_metrics ? v != 0 : v > def->metrics[m].n_values) {
            isms__error(ISMS_EINVAL, "%s: metric value %u at index %d is not a CVSS %.3s "
                        "value", fn, v, m, version_name(def));
            return NULL;
        }
        if (m < def->n_metrics && def->metrics[m].mandatory && v == 0) {
            isms__error(ISMS_EINVAL, "%s: base metric %s is not set", fn,
                        def->metrics[m].name);
            return NULL;
        }
    }
    return def;
}

int isms_cvss_format(char *buf, size_t size, const isms_cvss *cvss)
{
    if (!buf || !cvss)
        return isms__error(ISMS_EINVAL, "isms_cvss_format: NULL argument");
    const isms__cvss_def *def = checked(cvss, "isms_cvss_format");
    if (!def)
        return ISMS_EINVAL;
    /* Fits: ISMS_CVSS_VECTOR_MAX holds every metric with its longest value. */
    char text[ISMS_CVSS_VECTOR_MAX];
    size_t len = strlen(def->prefix);
    memcpy(text, def->prefix, len);
    for (int m = 0; m < def->n_metrics; m++) {
        if (!cvss->values[m])
            continue;
        const char *name = def->metrics[m].name;
        const char *value = def->metrics[m].values[cvss->values[m] - 1];
        if (!def->metrics[m].mandatory && is_x(value))
            continue;
        if (text[len - 1] != '/')
            text[len++] = '/';
        size_t n = strlen(name), v = strlen(value);
        memcpy(text + len, name, n);
        text[len + n] = ':';
        memcpy(text + len + n + 1, value, v);
        len += n + 1 + v;
    }
    text[len] = '\0';
    if (len + 1 > size)
        return isms__error(ISMS_EINVAL, "isms_cvss_format: the vector needs %zu bytes, the "
                           "buffer has %zu", len + 1, size);
    memcpy(buf, text, len + 1);
    return ISMS_OK;
}

int isms_cvss_metric(const char **value, const isms_cvss *cvss, const char *metric)
{
    if (!value || !cvss || !metric)
        return isms__error(ISMS_EINVAL, "isms_cvss_metric: NULL argument");
    const isms__cvss_def *def = checked(cvss, "isms_cvss_metric");
    if (!def)
        return ISMS_EINVAL;
    char buf[SHOW_FIELD + 4];
    size_t len = strlen(metric);
    int m = find_metric(def, metric, len, 0);
    if (m < 0)
        return isms__error(ISMS_ENOTFOUND, "CVSS %.3s has no metric \"%s\"", version_name(def),
                           show(buf, metric, len, SHOW_FIELD));
    *value = cvss->values[m] ? def->metrics[m].values[cvss->values[m] - 1] : "X";
    return ISMS_OK;
}

size_t isms_cvss_metric_count(isms_cvss_version version)
{
    const isms__cvss_def *def = isms__cvss_def_of(version);
    return def ? def->n_metrics : 0;
}

const char *isms_cvss_metric_name(isms_cvss_version version, size_t index)
{
    const isms__cvss_def *def = isms__cvss_def_of(version);
    return def && index < def->n_metrics ? def->metrics[index].name : NULL;
}

double isms_cvss_normalized(const isms_cvss *cvss)
{
    if (!cvss || !(cvss->score > 0))
        return 0;
    return cvss->score >= 10 ? 1 : cvss->score / 10;
}

/* ---- severity, names --------------------------------------------------------------------- */

isms_cvss_severity isms_cvss_severity_of(double score)
{
    if (!(score > 0)) /* also NaN */
        return ISMS_CVSS_SEVERITY_NONE;
    if (score >= 10)
        return ISMS_CVSS_SEVERITY_CRITICAL;
    double tenths = floor(score * 10 + 0.5);
    if (tenths < 1)
        return ISMS_CVSS_SEVERITY_NONE;
    if (tenths < 40)
        return ISMS_CVSS_SEVERITY_LOW;
    if (tenths < 70)
        return ISMS_CVSS_SEVERITY_MEDIUM;
    if (tenths < 90)
        return ISMS_CVSS_SEVERITY_HIGH;
    return ISMS_CVSS_SEVERITY_CRITICAL;
}

static const char *const severity_labels[5][2] = {
    { "Ingen", "None" }, { "Låg", "Low" },         { "Medel", "Medium" },
    { "Hög", "High" },   { "Kritisk", "Critical" },
};

const char *isms_cvss_severity_label(isms_cvss_severity severity, isms_lang lang)
{
    if ((unsigned)severity > ISMS_CVSS_SEVERITY_CRITICAL || (unsigned)lang > ISMS_LANG_EN)
        return NULL;
    return severity_labels[severity][lang == ISMS_LANG_SV ? 0 : 1];
}

const char *isms_cvss_severity_name(isms_cvss_severity severity)
{
    static const char *const names[5] = { "none", "low", "medium", "high", "critical" };
    if ((unsigned)severity > ISMS_CVSS_SEVERITY_CRITICAL)
        return NULL;
    return names[severity];
}

int isms_cvss_severity_parse(isms_cvss_severity *out, const char *text)
{
    static const isms__alias names[] = {
        { "Ingen", ISMS_CVSS_SEVERITY_NONE },       { "None", ISMS_CVSS_SEVERITY_NONE },
        { "Låg", ISMS_CVSS_SEVERITY_LOW },          { "Low", ISMS_CVSS_SEVERITY_LOW },
        { "Medel", ISMS_CVSS_SEVERITY_MEDIUM },     { "Medium", ISMS_CVSS_SEVERITY_MEDIUM },
        { "Hög", ISMS_CVSS_SEVERITY_HIGH },         { "High", ISMS_CVSS_SEVERITY_HIGH },
        { "Kritisk", ISMS_CVSS_SEVERITY_CRITICAL }, { "Critical", ISMS_CVSS_SEVERITY_CRITICAL },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_cvss_severity_parse: NULL argument");
    if (isms__text_check("severity", text))
        return ISMS_EINVAL;
    int v;
    if (isms__alias_lookup(&v, names, COUNT(names), text)) {
        *out = (isms_cvss_severity)v;
        return ISMS_OK;
    }
    return isms__error(ISMS_EPARSE, "unknown CVSS severity \"%.64s\": expected Ingen, Låg, "
                       "Medel, Hög or Kritisk (None, Low, Medium, High, Critical)", text);
}

const char *isms_cvss_nomenclature_name(isms_cvss_nomenclature nomenclature)
{
    static const char *const names[4] = { "CVSS-B", "CVSS-BT", "CVSS-BE", "CVSS-BTE" };
    if ((unsigned)nomenclature > ISMS_CVSS_BTE)
        return NULL;
    return names[nomenclature];
}

const char *isms_cvss_version_name(isms_cvss_version version)
{
    static const char *const names[3] = { "3.0", "3.1", "4.0" };
    if ((unsigned)version > ISMS_CVSS_V4_0)
        return NULL;
    return names[version];
}
