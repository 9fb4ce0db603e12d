/* Rating methods: OWASP Risk Rating, DREAD, and the rating of any vector (isms/rating.h).
 *
 * OWASP and DREAD vectors share one reader: `NAME:VALUE` parts separated by '/', in a fixed
 * order, each value a decimal whole number. The reader knows which metric it expects next,
 * so it can tell a metric out of order (the expected one comes later) from a missing one
 * (it does not come at all) and from one given twice (it came before).
 *
 * Means of 4 or 8 whole numbers are exact in binary floating point, so the comparisons with
 * the OWASP level bounds 3 and 6 are exact.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* ---- methods ------------------------------------------------------------------------ */

static const char *const method_names[4] = { "matrix", "cvss", "owasp", "dread" };
static const char *const method_labels[4][2] = {
    { "Riskmatris", "Risk matrix" },
    { "CVSS", "CVSS" },
    { "OWASP riskvärdering", "OWASP Risk Rating" },
    { "DREAD", "DREAD" },
};

const char *isms_method_name(isms_method method)
{
    if ((unsigned)method > ISMS_METHOD_DREAD)
        return NULL;
    return method_names[method];
}

const char *isms_method_label(isms_method method, isms_lang lang)
{
    if ((unsigned)method > ISMS_METHOD_DREAD || (unsigned)lang > ISMS_LANG_EN)
        return NULL;
    return method_labels[method][lang];
}

int isms_method_parse(isms_method *out, const char *text)
{
    static const isms__alias names[] = {
        { "matrix", ISMS_METHOD_MATRIX },
        { "Riskmatris", ISMS_METHOD_MATRIX },
        { "Risk matrix", ISMS_METHOD_MATRIX },
        { "matris", ISMS_METHOD_MATRIX },
        { "riskmatrisen", ISMS_METHOD_MATRIX },
        { "cvss", ISMS_METHOD_CVSS },
        { "CVSS 3.0", ISMS_METHOD_CVSS },
        { "CVSS 3.1", ISMS_METHOD_CVSS },
        { "CVSS 4.0", ISMS_METHOD_CVSS },
        { "CVSS v3", ISMS_METHOD_CVSS },
        { "CVSS v4", ISMS_METHOD_CVSS },
        { "owasp", ISMS_METHOD_OWASP },
        { "OWASP riskvärdering", ISMS_METHOD_OWASP },
        { "OWASP Risk Rating", ISMS_METHOD_OWASP },
        { "OWASP RR", ISMS_METHOD_OWASP },
        { "OWASP-RR", ISMS_METHOD_OWASP },
        { "dread", ISMS_METHOD_DREAD },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_method_parse: NULL argument");
    if (isms__text_check("method", text))
        return ISMS_EINVAL;
    int v;
    if (isms__alias_lookup(&v, names, sizeof names / sizeof *names, text)) {
        *out = (isms_method)v;
        return ISMS_OK;
    }
    return isms__error(ISMS_EPARSE,
                       "unknown rating method \"%.64s\": expected matrix (Riskmatris, Risk "
                       "matrix, matris), CVSS (CVSS 3.1, CVSS 4.0), OWASP (OWASP riskvärdering, "
                       "OWASP Risk Rating, OWASP RR) or DREAD",
                       text);
}

/* ---- OWASP labels --------------------------------------------------------------------- */

static const char *const owasp_abbrev[ISMS_OWASP_FACTORS] = {
    "SL", "M", "O", "S", "ED", "EE", "A", "ID", "LC", "LI", "LAV", "LAC", "FD", "RD", "NC", "PV",
};

static const char *const owasp_factor_labels[ISMS_OWASP_FACTORS][2] = {
    { "Kunskapsnivå", "Skill level" },
    { "Motiv", "Motive" },
    { "Möjlighet", "Opportunity" },
    { "Storlek", "Size" },
    { "Lätt att upptäcka", "Ease of discovery" },
    { "Lätt att utnyttja", "Ease of exploit" },
    { "Kännedom", "Awareness" },
    { "Intrångsdetektering", "Intrusion detection" },
    { "Förlust av konfidentialitet", "Loss of confidentiality" },
    { "Förlust av riktighet", "Loss of integrity" },
    { "Förlust av tillgänglighet", "Loss of availability" },
    { "Förlust av spårbarhet", "Loss of accountability" },
    { "Ekonomisk skada", "Financial damage" },
    { "Skadat anseende", "Reputation damage" },
    { "Bristande regelefterlevnad", "Non-compliance" },
    { "Integritetsintrång", "Privacy violation" },
};

const char *isms_owasp_factor_abbrev(isms_owasp_factor factor)
{
    if ((unsigned)factor >= ISMS_OWASP_FACTORS)
        return NULL;
    return owasp_abbrev[factor];
}

const char *isms_owasp_factor_label(isms_owasp_factor factor, isms_lang lang)
{
    if ((unsigned)factor >= ISMS_OWASP_FACTORS || (unsigned)lang > ISMS_LANG_EN)
        return NULL;
    return owasp_factor_labels[factor][lang];
}

int isms_owasp_factor_parse(isms_owasp_factor *out, const char *text)
{
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_owasp_factor_parse: NULL argument");
    if (isms__text_check("OWASP factor", text))
        return ISMS_EINVAL;
    for (unsigned f = 0; f < ISMS_OWASP_FACTORS; f++)
        if (isms_text_matches(owasp_abbrev[f], text) ||
            isms_text_matches(owasp_factor_labels[f][0], text) ||
            isms_text_matches(owasp_factor_labels[f][1], text)) {
            *out = (isms_owasp_factor)f;
            return ISMS_OK;
        }
    return isms__error(ISMS_EPARSE,
                       "unknown OWASP factor \"%.64s\": expected an abbreviation (SL, M, O, S, "
                       "ED, EE, A, ID, LC, LI, LAV, LAC, FD, RD, NC, PV) or a factor's name "
                       "such as Skill level or Kunskapsnivå",
                       text);
}

/* ---- severity words: OWASP's severities and levels, and the common scale of every method - */

typedef struct severity_words {
    const char *name;
    const char *sv;
    const char *en;
} severity_words;

static const severity_words sev_none = { "none", "Ingen", "None" };
static const severity_words sev_scale[5] = {
    { "note", "Notering", "Note" },
    { "low", "Låg", "Low" },
    { "medium", "Medel", "Medium" },
    { "high", "Hög", "High" },
    { "critical", "Kritisk", "Critical" },
};

/* The words of an OWASP level: the severities Low, Medium, High. */
#define LEVEL_WORDS(level) (&sev_scale[(level) + 1])

const char *isms_owasp_level_label(isms_owasp_level level, isms_lang lang)
{
    if ((unsigned)level > ISMS_OWASP_LEVEL_HIGH || (unsigned)lang > ISMS_LANG_EN)
        return NULL;
    return lang == ISMS_LANG_SV ? LEVEL_WORDS(level)->sv : LEVEL_WORDS(level)->en;
}

int isms_owasp_level_parse(isms_owasp_level *out, const char *text)
{
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_owasp_level_parse: NULL argument");
    if (isms__text_check("OWASP level", text))
        return ISMS_EINVAL;
    for (unsigned l = 0; l <= ISMS_OWASP_LEVEL_HIGH; l++)
        if (isms_text_matches(LEVEL_WORDS(l)->sv, text) ||
            isms_text_matches(LEVEL_WORDS(l)->en, text)) {
            *out = (isms_owasp_level)l;
            return ISMS_OK;
        }
    return isms__error(ISMS_EPARSE,
                       "unknown OWASP level \"%.64s\": expected Låg, Medel or Hög (Low, Medium, "
                       "High)",
                       text);
}

isms_owasp_level isms_owasp_level_of(double value)
{
    if (value >= 6.0)
        return ISMS_OWASP_LEVEL_HIGH;
    if (value >= 3.0)
        return ISMS_OWASP_LEVEL_MEDIUM;
    return ISMS_OWASP_LEVEL_LOW; /* also NaN */
}

const char *isms_owasp_severity_label(isms_owasp_severity severity, isms_lang lang)
{
    if ((unsigned)severity > ISMS_OWASP_CRITICAL || (unsigned)lang > ISMS_LANG_EN)
        return NULL;
    return lang == ISMS_LANG_SV ? sev_scale[severity].sv : sev_scale[severity].en;
}

int isms_owasp_severity_parse(isms_owasp_severity *out, const char *text)
{
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_owasp_severity_parse: NULL argument");
    if (isms__text_check("OWASP severity", text))
        return ISMS_EINVAL;
    for (unsigned s = 0; s <= ISMS_OWASP_CRITICAL; s++)
        if (isms_text_matches(sev_scale[s].sv, text) || isms_text_matches(sev_scale[s].en, text)) {
            *out = (isms_owasp_severity)s;
            return ISMS_OK;
        }
    return isms__error(ISMS_EPARSE,
                       "unknown OWASP severity \"%.64s\": expected Notering, Låg, Medel, Hög or "
                       "Kritisk (Note, Low, Medium, High, Critical)",
                       text);
}

isms_owasp_severity isms_owasp_severity_of(isms_owasp_level likelihood, isms_owasp_level impact)
{
    if ((unsigned)likelihood > ISMS_OWASP_LEVEL_HIGH || (unsigned)impact > ISMS_OWASP_LEVEL_HIGH)
        return ISMS_OWASP_NOTE;
    /* The methodology's table is symmetric and goes up one step per level on either axis:
     * LOW/LOW Note, one step Low, two Medium, three High, four (HIGH/HIGH) Critical. */
    return (isms_owasp_severity)((unsigned)likelihood + (unsigned)impact);
}

/* Lower bounds of the normalised ranges of the ranks 0–4, and 1 above the top. */
static const double rank_floor[6] = { 0.0, 0.1, 0.4, 0.7, 0.9, 1.0 };

static void set_severity(isms_rating *out, int rank, bool none)
{
    const severity_words *w = rank == 0 && none ? &sev_none : &sev_scale[rank];
    out->rank = rank;
    out->severity = w->name;
    out->label_sv = w->sv;
    out->label_en = w->en;
}

/* ---- the vector reader ---------------------------------------------------------------- */

#define NOT_GIVEN ISMS_OWASP_NOT_GIVEN

typedef struct vspec {
    const char *what;          /* "OWASP", "DREAD" */
    const char *const *names;  /* metric names in vector order */
    size_t n;                  /* number of metrics */
    size_t required;           /* the first `required` must be given; the rest: all or none */
    int max;                   /* largest value */
    const char *optional_rule; /* how the optional ones are given, for messages */
    const char *optional_x;    /* which may be X, for messages ("" when none may) */
} vspec;

static int vector_error(const vspec *sp, size_t offset, const char *fmt, ...)
    ISMS__PRINTF(3, 4);

/* An EPARSE error at the 1-based byte position offset + 1. */
static int vector_error(const vspec *sp, size_t offset, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    unsigned column = offset + 1 > 0xFFFFFFFFu ? 0xFFFFFFFFu : (unsigned)(offset + 1);
    return isms__error_at(ISMS_EPARSE, NULL, 1, column, "%s vector, column %u: %s", sp->what,
                          column, msg);
}

static int metric_index(const vspec *sp, const char *name, size_t len)
{
    for (size_t i = 0; i < sp->n; i++)
        if (strlen(sp->names[i]) == len && memcmp(sp->names[i], name, len) == 0)
            return (int)i;
    return -1;
}

/* Whether a part named `name` starts somewhere in [p, end) (at p or after a '/'). */
static bool metric_later(const char *s, size_t p, size_t end, const char *name)
{
    size_t len = strlen(name);
    while (p < end) {
        if (p + len < end && memcmp(s + p, name, len) == 0 && s[p + len] == ':')
            return true;
        while (p < end && s[p] != '/')
            p++;
        p++;
    }
    return false;
}

/* The order of the metrics for messages: "SL, M, O, …, PV". */
static void order_text(char *buf, size_t size, const vspec *sp)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sp->n && len < size; i++) {
        int k = snprintf(buf + len, size - len, i ? ", %s" : "%s", sp->names[i]);
        if (k < 0)
            break;
        len += (size_t)k;
    }
}

/* Reads [start, end) of s into values[0..sp->n): a number, or NOT_GIVEN for an optional
 * metric written X or _ or left out. */
static int read_vector(const vspec *sp, const char *s, size_t start, size_t end, int *values)
{
    size_t col_of[ISMS_OWASP_FACTORS];
    size_t k = 0; /* the metric expected next */
    size_t p = start;
    if (start == end)
        return vector_error(sp, start, "the vector is empty: expected %s:… first",
                            sp->names[0]);
    for (;;) {
        size_t q = p;
        while (q < end && s[q] != '/')
            q++;
        if (q == p) {
            if (p == end)
                return vector_error(sp, p - 1, "the vector ends with '/'");
            return vector_error(sp, p, "empty part: two '/' follow each other");
        }
        size_t c = p;
        while (c < q && s[c] != ':')
            c++;
        int plen = q - p > 32 ? 32 : (int)(q - p);
        if (c == q)
            return vector_error(sp, p, "\"%.*s\" is not METRIC:VALUE", plen, s + p);
        int nlen = c - p > 32 ? 32 : (int)(c - p);
        int j = metric_index(sp, s + p, c - p);
        if (j < 0) {
            if (k < sp->n)
                return vector_error(sp, p, "unknown metric \"%.*s\" (expected %s)", nlen, s + p,
                                    sp->names[k]);
            return vector_error(sp, p, "unknown metric \"%.*s\" after the last one, %s", nlen,
                                s + p, sp->names[sp->n - 1]);
        }
        size_t uj = (size_t)j;
        if (uj < k)
            return vector_error(sp, p, "%s is given twice (first at column %zu)", sp->names[uj],
                                col_of[uj] + 1);
        if (uj > k) {
            char order[96];
            order_text(order, sizeof order, sp);
            if (metric_later(s, q, end, sp->names[k]))
                return vector_error(sp, p, "%s is out of order: %s must come before it (the "
                                           "order is %s)",
                                    sp->names[uj], sp->names[k], order);
            if (k >= sp->required)
                return vector_error(sp, p, "%s is missing before %s: %s", sp->names[k],
                                    sp->names[uj], sp->optional_rule);
            return vector_error(sp, p, "%s is missing before %s (the order is %s)",
                                sp->names[k], sp->names[uj], order);
        }
        const char *v = s + c + 1;
        size_t vlen = q - c - 1;
        int shown = vlen > 16 ? 16 : (int)vlen;
        if (vlen == 0)
            return vector_error(sp, p, "%s has no value: expected a whole number 0–%d",
                                sp->names[k], sp->max);
        if (vlen == 1 && (v[0] == 'X' || v[0] == '_')) {
            if (k < sp->required)
                return vector_error(sp, p, "%s must be given as a whole number 0–%d, not %c%s",
                                    sp->names[k], sp->max, v[0], sp->optional_x);
            values[k] = NOT_GIVEN;
        } else {
            long num = 0;
            for (size_t i = 0; i < vlen; i++) {
                if (v[i] < '0' || v[i] > '9')
                    return vector_error(sp, p, "the value \"%.*s\" of %s is not a whole number "
                                               "0–%d",
                                        shown, v, sp->names[k], sp->max);
                if (num <= sp->max)
                    num = num * 10 + (v[i] - '0');
            }
            if (num > sp->max)
                return vector_error(sp, p, "%s %.*s%s is outside 0–%d", sp->names[k], shown, v,
                                    (int)vlen > shown ? "…" : "", sp->max);
            values[k] = (int)num;
        }
        col_of[k] = p;
        k++;
        if (q == end)
            break;
        p = q + 1;
    }
    if (k < sp->required)
        return vector_error(sp, end, "%s is missing: the vector ends after %s", sp->names[k],
                            sp->names[k - 1]);
    if (k < sp->n) {
        if (k > sp->required)
            return vector_error(sp, end, "%s is missing at the end: %s", sp->names[k],
                                sp->optional_rule);
        for (size_t i = k; i < sp->n; i++)
            values[i] = NOT_GIVEN;
        return ISMS_OK;
    }
    if (sp->required < sp->n) {
        bool given = values[sp->required] != NOT_GIVEN;
        for (size_t i = sp->required + 1; i < sp->n; i++)
            if ((values[i] != NOT_GIVEN) != given)
                return vector_error(sp, col_of[i], "%s is %s while %s is%s: %s", sp->names[i],
                                    given ? "not given" : "given", sp->names[sp->required],
                                    given ? "" : " not", sp->optional_rule);
    }
    return ISMS_OK;
}

/* ---- OWASP ---------------------------------------------------------------------------- */

static const vspec owasp_spec = {
    "OWASP",
    owasp_abbrev,
    ISMS_OWASP_FACTORS,
    ISMS_OWASP_FACTORS_TECHNICAL,
    9,
    "give all four business impact factors FD, RD, NC, PV, or none (leave them out or write "
    "X)",
    " (only the business impact factors FD, RD, NC and PV may be X)",
};

/* Rates valid factors; business factors are used when `business`. */
static void owasp_fill(isms_owasp *o, const int *f, bool business)
{
    int sum_l = 0, sum_t = 0, sum_b = 0;
    for (int i = ISMS_OWASP_SL; i <= ISMS_OWASP_ID; i++)
        sum_l += f[i];
    for (int i = ISMS_OWASP_LC; i <= ISMS_OWASP_LAC; i++)
        sum_t += f[i];
    for (int i = 0; i < ISMS_OWASP_FACTORS; i++)
        o->factors[i] = i < ISMS_OWASP_FD || business ? f[i] : NOT_GIVEN;
    if (business)
        for (int i = ISMS_OWASP_FD; i <= ISMS_OWASP_PV; i++)
            sum_b += f[i];
    o->business_given = business;
    o->likelihood = sum_l / 8.0;
    o->technical_impact = sum_t / 4.0;
    o->business_impact = business ? sum_b / 4.0 : 0.0;
    o->impact = business ? o->business_impact : o->technical_impact;
    o->likelihood_level = isms_owasp_level_of(o->likelihood);
    o->impact_level = isms_owasp_level_of(o->impact);
    o->severity = isms_owasp_severity_of(o->likelihood_level, o->impact_level);

    /* By severity, then by the position within the two levels (see isms/rating.h). */
    double t = ((o->likelihood - 3.0 * o->likelihood_level) + (o->impact - 3.0 * o->impact_level))
               / 6.0;
    double lo = rank_floor[o->severity], hi = rank_floor[o->severity + 1];
    double n = lo + t * (hi - lo);
    o->normalized = n < 0.0 ? 0.0 : n > 1.0 ? 1.0 : n;
}

int isms_owasp_compute(isms_owasp *out, const int *factors, size_t n_factors)
{
    if (!out || !factors)
        return isms__error(ISMS_EINVAL, "isms_owasp_compute: NULL argument");
    if (n_factors != ISMS_OWASP_FACTORS && n_factors != ISMS_OWASP_FACTORS_TECHNICAL)
        return isms__error(ISMS_EINVAL,
                           "isms_owasp_compute: %zu factors; expected 16, or 12 without the "
                           "business impact",
                           n_factors);
    for (size_t i = 0; i < n_factors; i++)
        if (factors[i] < 0 || factors[i] > 9)
            return isms__error(ISMS_ERANGE, "OWASP factor %s (%s) %d is outside 0–9",
                               owasp_abbrev[i], owasp_factor_labels[i][ISMS_LANG_EN],
                               factors[i]);
    owasp_fill(out, factors, n_factors == ISMS_OWASP_FACTORS);
    return ISMS_OK;
}

int isms_owasp_parse(isms_owasp *out, const char *vector)
{
    if (!out || !vector)
        return isms__error(ISMS_EINVAL, "isms_owasp_parse: NULL argument");
    if (isms__text_check("vector", vector))
        return ISMS_EINVAL;
    size_t start = 0, end = strlen(vector);
    if (end > 0 && vector[0] == '(') {
        if (vector[end - 1] != ')')
            return vector_error(&owasp_spec, end, "the vector starts with '(' but does not "
                                                  "end with ')'");
        start = 1;
        end--;
    }
    int values[ISMS_OWASP_FACTORS];
    int rc = read_vector(&owasp_spec, vector, start, end, values);
    if (rc)
        return rc;
    owasp_fill(out, values, values[ISMS_OWASP_FD] != NOT_GIVEN);
    return ISMS_OK;
}

int isms_owasp_format(char *buf, size_t size, const isms_owasp *owasp)
{
    if (!buf || !owasp)
        return isms__error(ISMS_EINVAL, "isms_owasp_format: NULL argument");
    size_t n = owasp->business_given ? ISMS_OWASP_FACTORS : ISMS_OWASP_FACTORS_TECHNICAL;
    for (size_t i = 0; i < n; i++)
        if (owasp->factors[i] < 0 || owasp->factors[i] > 9)
            return isms__error(ISMS_ERANGE, "OWASP factor %s %d is outside 0–9",
                               owasp_abbrev[i], owasp->factors[i]);
    char tmp[ISMS_OWASP_VECTOR_SIZE];
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(tmp + len, sizeof tmp - len, i ? "/%s:%d" : "%s:%d",
                                owasp_abbrev[i], owasp->factors[i]);
    if (len + 1 > size)
        return isms__error(ISMS_EINVAL, "isms_owasp_format: the vector needs %zu bytes, the "
                                        "buffer has %zu",
                           len + 1, size);
    memcpy(buf, tmp, len + 1);
    return ISMS_OK;
}

/* ---- DREAD ---------------------------------------------------------------------------- */

static const char *const dread_abbrev[5] = { "D", "R", "E", "A", "DI" };
static const char *const dread_names[5] = {
    "Damage", "Reproducibility", "Exploitability", "Affected users", "Discoverability",
};

static const vspec dread_spec = { "DREAD", dread_abbrev, 5, 5, 10, "", "" };

int isms_dread_compute(isms_dread *out, int damage, int reproducibility, int exploitability,
                       int affected_users, int discoverability)
{
    if (!out)
        return isms__error(ISMS_EINVAL, "isms_dread_compute: out is NULL");
    const int f[5] = { damage, reproducibility, exploitability, affected_users,
                       discoverability };
    int sum = 0;
    for (int i = 0; i < 5; i++) {
        if (f[i] < 0 || f[i] > 10)
            return isms__error(ISMS_ERANGE, "DREAD factor %s (%s) %d is outside 0–10",
                               dread_abbrev[i], dread_names[i], f[i]);
        sum += f[i];
    }
    out->damage = damage;
    out->reproducibility = reproducibility;
    out->exploitability = exploitability;
    out->affected_users = affected_users;
    out->discoverability = discoverability;
    out->mean = sum / 5.0;
    out->normalized = sum / 50.0;
    return ISMS_OK;
}

int isms_dread_parse(isms_dread *out, const char *vector)
{
    if (!out || !vector)
        return isms__error(ISMS_EINVAL, "isms_dread_parse: NULL argument");
    if (isms__text_check("vector", vector))
        return ISMS_EINVAL;
    int v[5];
    int rc = read_vector(&dread_spec, vector, 0, strlen(vector), v);
    if (rc)
        return rc;
    return isms_dread_compute(out, v[0], v[1], v[2], v[3], v[4]);
}

int isms_dread_format(char *buf, size_t size, const isms_dread *dread)
{
    if (!buf || !dread)
        return isms__error(ISMS_EINVAL, "isms_dread_format: NULL argument");
    const int f[5] = { dread->damage, dread->reproducibility, dread->exploitability,
                       dread->affected_users, dread->discoverability };
    for (int i = 0; i < 5; i++)
        if (f[i] < 0 || f[i] > 10)
            return isms__error(ISMS_ERANGE, "DREAD factor %s %d is outside 0–10",
                               dread_abbrev[i], f[i]);
    char tmp[ISMS_DREAD_VECTOR_SIZE];
    int len = snprintf(tmp, sizeof tmp, "D:%d/R:%d/E:%d/A:%d/DI:%d", f[0], f[1], f[2], f[3],
                       f[4]);
    if (len < 0 || (size_t)len + 1 > size)
        return isms__error(ISMS_EINVAL, "isms_dread_format: the vector needs %d bytes, the "
                                        "buffer has %zu",
                           len + 1, size);
    memcpy(buf, tmp, (size_t)len + 1);
    return ISMS_OK;
}

/* ---- any vector ----------------------------------------------------------------------- */

static int rate_cvss(isms_rating *out, const char *vector)
{
    isms_cvss c;
    int rc = isms_cvss_parse(&c, vector);
    if (rc)
        return rc;
    out->method = ISMS_METHOD_CVSS;
    out->score = c.score;
    out->normalized = isms_cvss_normalized(&c);
    set_severity(out, (int)c.severity, true);
    return ISMS_OK;
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int isms_rating_parse(isms_rating *out, const char *vector)
{
    if (!out || !vector)
        return isms__error(ISMS_EINVAL, "isms_rating_parse: NULL argument");
    if (isms__text_check("vector", vector))
        return ISMS_EINVAL;
    isms_rating r;
    if (starts_with(vector, "CVSS:")) {
        int rc = rate_cvss(&r, vector);
        if (rc)
            return rc;
    } else if (starts_with(vector, "SL:") || starts_with(vector, "(SL:")) {
        isms_owasp o;
        int rc = isms_owasp_parse(&o, vector);
        if (rc)
            return rc;
        r.method = ISMS_METHOD_OWASP;
        r.score = o.likelihood * o.impact;
        r.normalized = o.normalized;
        set_severity(&r, (int)o.severity, false);
    } else if (starts_with(vector, "D:")) {
        isms_dread d;
        int rc = isms_dread_parse(&d, vector);
        if (rc)
            return rc;
        r.method = ISMS_METHOD_DREAD;
        r.score = d.mean;
        r.normalized = d.normalized;
        set_severity(&r, (int)isms_cvss_severity_of(d.mean), true); /* CVSS's cut points */
    } else {
        return isms__error_at(ISMS_EPARSE, NULL, 1, 1,
                              "column 1: \"%.32s\" is not a risk vector: expected a CVSS vector "
                              "(CVSS:3.1/AV:…, CVSS:4.0/AV:…), an OWASP vector "
                              "(SL:…/M:…/…/PV:…) or a DREAD vector (D:…/R:…/E:…/A:…/DI:…)",
                              vector);
    }
    *out = r;
    return ISMS_OK;
}
