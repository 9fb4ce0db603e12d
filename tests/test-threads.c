/* Thread safety. One set of objects is built on the main thread: a risk register on a custom
 * grid matrix with CVSS 3.x and 4.0, OWASP and DREAD vectors and residual levels; an asset
 * inventory on a custom scheme with relations, personal data, an override and a cycle, so
 * that classification propagates along the relations; FAIR models; gap assessments (one of
 * ISO/IEC 27001:2022, one of 2013, one against an OSCAL catalog imported here); a plan
 * prioritised against all of them. The main thread then works out, alone, everything the
 * const API gives from these objects (scores, heat maps, band counts, lint findings,
 * effective levels and their provenance, summaries, simulations with fixed seeds, parsed
 * vectors, periods and labels, error messages of calls that fail) and records it.
 *
 * Then N_THREADS threads do the same many times over on the same shared objects and compare
 * every value with the record: integers and strings exactly, doubles bit for bit (the library
 * promises deterministic results; a simulation is bit-identical for a seed whatever the
 * number of threads it uses, and each worker runs it with a different number). On the way
 * they classify private copies of the inventory and prioritise and schedule private plans
 * whose sources are the shared register, assessment and inventory; take and drop references
 * to the shared matrix, scheme and imported catalog (directly and through registers,
 * inventories and assessments that hold them); all query a fresh shared simulation at once,
 * racing to fill its lazily sorted samples; and provoke errors in step, each thread its own,
 * checking after a barrier that a thread's last error is still its own (and that clearing it
 * on one thread clears no other's).
 *
 * Run it under ThreadSanitizer (-Db_sanitize=thread) to find data races; the results are
 * checked in every build. ISMS_THREADS_ROUNDS sets the number of rounds per thread (default
 * 6, 2 when ISMS_UNDER_VALGRIND is set). */
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
#include "asset/asset-internal.h"
#include "catalog/catalog-internal.h"
#include "test-util.h"

#define N_THREADS 6
#define U ISMS_LEVEL_UNSET
#define SIM_ITERATIONS 3000
#define SIM_SEED UINT64_C(20250917)
#define N_MODELS 4
#define ERROR_KINDS 6
#define MAX_ROUNDS 1000

/* ---- the recorder ------------------------------------------------------------------------
 * The main thread records a stream of values; a worker replays the same observations with a
 * recorder that points at that record and compares each value with the one at the same
 * position. A difference is counted and the first is described (what, got, expected); the
 * description is formatted only then, so that checking costs little. Workers never call
 * cmocka (its failures jump back to the test on the main thread); they count failures, and
 * the main thread asserts on the counts after joining them. */

enum { V_INT = 1, V_DBL = 2, V_STR = 3 };

typedef struct value {
    int type;
    long long i;
    uint64_t bits; /* a double's bits: compared exactly */
    char *s;       /* owned by the record; NULL for a NULL string */
} value;

typedef struct recorder {
    value *v;
    size_t n, cap;
    const struct recorder *expect; /* NULL: recording */
    size_t pos;
    unsigned long failures;
    char first[1024];
} recorder;

static void recorder_clear(recorder *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->v[i].s);
    free(r->v);
    memset(r, 0, sizeof *r);
}

static void note_failure(recorder *r, const char *fmt, ...) ISMS__PRINTF(2, 3);
static void note_failure(recorder *r, const char *fmt, ...)
{
    if (r->failures++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->first, sizeof r->first, fmt, ap);
        va_end(ap);
    }
}

static void describe(char *buf, size_t size, const value *x)
{
    if (!x) {
        snprintf(buf, size, "(nothing: the record ends here)");
        return;
    }
    double d;
    switch (x->type) {
    case V_INT:
        snprintf(buf, size, "%lld", x->i);
        break;
    case V_DBL:
        memcpy(&d, &x->bits, sizeof d);
        snprintf(buf, size, "%.17g (bits %016llx)", d, (unsigned long long)x->bits);
        break;
    default:
        snprintf(buf, size, x->s ? "\"%.160s\"" : "%s", x->s ? x->s : "NULL");
        break;
    }
}

static bool same_value(const value *a, const value *b)
{
    if (a->type != b->type)
        return false;
    switch (a->type) {
    case V_INT:
        return a->i == b->i;
    case V_DBL:
        return a->bits == b->bits;
    default:
        return (!a->s && !b->s) || (a->s && b->s && strcmp(a->s, b->s) == 0);
    }
}

static void put(recorder *r, value x, const char *fmt, va_list ap) ISMS__PRINTF(3, 0);
static void put(recorder *r, value x, const char *fmt, va_list ap)
{
    if (!r->expect) { /* recording, on the main thread */
        if (r->n == r->cap) {
            r->cap = r->cap ? 2 * r->cap : 4096;
            r->v = realloc(r->v, r->cap * sizeof *r->v);
            assert_non_null(r->v);
        }
        if (x.type == V_STR && x.s) {
            x.s = strdup(x.s);
            assert_non_null(x.s);
        }
        r->v[r->n++] = x;
        return;
    }
    size_t at = r->pos++;
    const value *e = at < r->expect->n ? &r->expect->v[at] : NULL;
    if (e && same_value(&x, e))
        return;
    if (r->failures++ == 0) {
        char what[256], got[256], want[256];
        vsnprintf(what, sizeof what, fmt, ap);
        describe(got, sizeof got, &x);
        describe(want, sizeof want, e);
        snprintf(r->first, sizeof r->first, "value %zu, %s: got %s, expected %s", at, what, got,
                 want);
    }
}

static void put_int(recorder *r, long long i, const char *fmt, ...) ISMS__PRINTF(3, 4);
static void put_int(recorder *r, long long i, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    put(r, (value){ .type = V_INT, .i = i }, fmt, ap);
    va_end(ap);
}

static void put_dbl(recorder *r, double d, const char *fmt, ...) ISMS__PRINTF(3, 4);
static void put_dbl(recorder *r, double d, const char *fmt, ...)
{
    value x = { .type = V_DBL };
    memcpy(&x.bits, &d, sizeof d);
    va_list ap;
    va_start(ap, fmt);
    put(r, x, fmt, ap);
    va_end(ap);
}

static void put_str(recorder *r, const char *s, const char *fmt, ...) ISMS__PRINTF(3, 4);
static void put_str(recorder *r, const char *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    put(r, (value){ .type = V_STR, .s = (char *)(uintptr_t)s }, fmt, ap);
    va_end(ap);
}

/* The calling thread's last error: code, message, source, line and column. */
static void put_error(recorder *r, const char *what)
{
    const isms_error *e = isms_error_last();
    put_int(r, e->code, "%s: error code", what);
    put_str(r, e->message, "%s: error message", what);
    put_str(r, e->source, "%s: error source", what);
    put_int(r, e->line, "%s: error line", what);
    put_int(r, e->column, "%s: error column", what);
}

/* The return code of a call, and the error it set when it failed. */
static void put_rc(recorder *r, int rc, const char *what)
{
    put_int(r, rc, "%s: return code", what);
    if (rc != ISMS_OK)
        put_error(r, what);
}

static void put_findings(recorder *r, const isms_findings *f, const char *what)
{
    size_t n = isms_findings_count(f);
    put_int(r, (long long)n, "%s: findings", what);
    for (size_t i = 0; i < n; i++) {
        isms_finding x;
        put_rc(r, isms_findings_get(&x, f, i), what);
        put_int(r, x.severity, "%s: finding %zu severity", what, i);
        put_str(r, x.code, "%s: finding %zu code", what, i);
        put_str(r, x.ref, "%s: finding %zu ref", what, i);
        put_str(r, x.message, "%s: finding %zu message", what, i);
    }
}

/* ---- the shared objects -------------------------------------------------------------------- */

typedef struct world {
    isms_matrix *matrix;
    isms_register *reg;
    isms_scheme *scheme;
    isms_inventory *inv;
    isms_fair *models[N_MODELS];
    isms_catalog *catalog; /* imported from OSCAL */
    isms_assessment *gap;  /* 2022, this year */
    isms_assessment *prev; /* 2013, last year */
    isms_assessment *gap_imp;
    isms_plan *plan; /* prioritised on the main thread */
    isms_document *doc; /* loaded from tests/data/doc-load/full.json */
    size_t scheme_refs, catalog_refs; /* before the threads start */
} world;

/* Grid values of the custom 5 × 5 matrix, row by row (likelihood 1–5, consequence 1–5). */
static const int GRID[25] = {
    1, 2, 3, 5, 8,    /**/
    2, 4, 6, 9, 12,   /**/
    3, 6, 9, 13, 17,  /**/
    4, 8, 12, 17, 22, /**/
    5, 10, 15, 21, 25,
};

static isms_matrix *build_matrix(void)
{
    static const char *const lik[5][2] = {
        { "Mycket osannolik", "Very unlikely" }, { "Osannolik", "Unlikely" },
        { "Möjlig", "Possible" }, { "Sannolik", "Likely" }, { "Mycket sannolik", "Very likely" },
    };
    static const char *const con[5][2] = {
        { "Försumbar", "Negligible" }, { "Måttlig", "Moderate" }, { "Betydande", "Significant" },
        { "Allvarlig", "Serious" }, { "Katastrofal", "Catastrophic" },
    };
    isms_matrix_builder *b = NULL;
    assert_int_equal(isms_matrix_builder_new(&b, "stadens 5×5"), ISMS_OK);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(isms_matrix_builder_add_level(b, ISMS_AXIS_LIKELIHOOD, i + 1, lik[i][0],
                                                       lik[i][1], i == 4 ? "Varje år" : NULL),
                         ISMS_OK);
        assert_int_equal(isms_matrix_builder_add_level(b, ISMS_AXIS_CONSEQUENCE, i + 1,
                                                       con[i][0], con[i][1], NULL),
                         ISMS_OK);
    }
    assert_int_equal(isms_matrix_builder_set_grid(b, GRID, 5, 5), ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_band(b, "critical", 17, 25, "#8b0000", "Kritisk",
                                                  "Critical"),
                     ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_band(b, "low", 1, 4, "#2e7d32", "Låg", "Low"),
                     ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_band(b, "medium", 5, 9, "#f9a825", "Medel",
                                                  "Medium"),
                     ISMS_OK);
    assert_int_equal(isms_matrix_builder_add_band(b, "high", 10, 16, "#e65100", "Hög", "High"),
                     ISMS_OK);
    assert_int_equal(isms_matrix_builder_set_acceptance(b, 4), ISMS_OK);
    isms_matrix *m = NULL;
    if (isms_matrix_builder_build(&m, b) != ISMS_OK)
        fail_msg("matrix: %s", isms_error_last()->message);
    isms_matrix_builder_free(b);
    return m;
}

/* Vectors of every method: the register's risks carry some, the parsers read all. */
static const char *const VECTORS[] = {
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.1/AV:L/AC:H/PR:L/UI:R/S:C/C:L/I:N/A:N",
    "CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N",
    "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H/IR:M/AR:L/MAV:A",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    "CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:A/VC:L/VI:L/VA:N/SC:L/SI:N/SA:N",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U",
    "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8/FD:1/RD:2/NC:1/PV:5",
    "(SL:1/M:1/O:1/S:1/ED:1/EE:1/A:1/ID:1/LC:2/LI:2/LAV:2/LAC:2/FD:X/RD:X/NC:X/PV:X)",
    "SL:9/M:9/O:9/S:9/ED:9/EE:9/A:9/ID:9/LC:9/LI:9/LAV:9/LAC:9",
    "D:8/R:6/E:7/A:9/DI:5",
    "D:2/R:2/E:1/A:3/DI:1",
    /* and some that fail, for their messages */
    "CVSS:3.1/AV:N/AC:X/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SA:N/SI:N",
    "SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8/FD:1/RD:2",
    "D:11/R:6/E:7/A:9/DI:5",
    "CVSS:2.0/AV:N",
    "",
};
#define N_VECTORS (sizeof VECTORS / sizeof *VECTORS)
#define N_GOOD_VECTORS 12

typedef struct risk_def {
    const char *id, *title;
    int l, c, rl, rc, stated;
    int vector; /* index in VECTORS, or -1 */
    isms_treatment treatment;
    const char *treatment_text;
    isms_risk_status status;
    const char *owner;
} risk_def;

static const risk_def RISKS[] = {
    { "R1", "Ransomware i skolans system", 4, 5, 2, 3, 22, 0, ISMS_TREATMENT_MODIFY,
      "Säkerhetskopior offline, MFA", ISMS_RISK_IN_TREATMENT, "IT" },
    { "R2", "Dataläcka från HR-systemet", 3, 4, 2, 2, 13, 4, ISMS_TREATMENT_MODIFY, NULL,
      ISMS_RISK_OPEN, "HR" },
    { "R3", "Nätfiske mot personal", 5, 3, 3, 3, 14, 7, ISMS_TREATMENT_MODIFY, "Utbildning",
      ISMS_RISK_IN_TREATMENT, "CISO" },
    { "R4", "Driftstopp i e-tjänsterna", 3, 3, U, U, U, 10, ISMS_TREATMENT_NONE, NULL,
      ISMS_RISK_OPEN, NULL },
    { "R5", "Leverantör går i konkurs", 2, 4, 2, 2, 9, 2, ISMS_TREATMENT_SHARE, "Avtal",
      ISMS_RISK_TREATED, "Upphandling" },
    { "R6", "nätfiske  MOT personal", 2, 2, U, U, U, 11, ISMS_TREATMENT_RETAIN, NULL,
      ISMS_RISK_ACCEPTED, NULL },
    { "R7", "Felaktig behörighet", 6, 2, U, U, U, -1, ISMS_TREATMENT_NONE, NULL, ISMS_RISK_OPEN,
      NULL },
    { "R8", "Ej bedömd risk", U, U, U, U, U, 8, ISMS_TREATMENT_NONE, NULL, ISMS_RISK_OPEN, NULL },
    { "R9", "Brand i serverhallen", 1, 5, 1, 3, 8, 3, ISMS_TREATMENT_AVOID, "Flytta",
      ISMS_RISK_CLOSED, "Fastighet" },
    { "R10", "Insiderhot", 2, 5, 3, 5, 12, 5, ISMS_TREATMENT_RETAIN, NULL, ISMS_RISK_OPEN,
      "Säkerhetschef" },
    { "R11", "Skadlig kod via USB", 4, 2, 2, U, U, 9, ISMS_TREATMENT_MODIFY, "Spärra USB",
      ISMS_RISK_IN_TREATMENT, "IT" },
    { "R12", "Förlorad dator", 5, 5, 1, 1, 25, 1, ISMS_TREATMENT_MODIFY, "Kryptering",
      ISMS_RISK_TREATED, "IT" },
    { "R13", "Överbelastningsattack", 3, 5, 3, 4, 15, 6, ISMS_TREATMENT_NONE, NULL,
      ISMS_RISK_OPEN, NULL },
};
#define N_RISKS (sizeof RISKS / sizeof *RISKS)
#define N_GENERATED_RISKS 40

/* A small deterministic generator for the bulk of the data. */
static unsigned next_rand(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return (*state >> 16) & 0x7fff;
}

static isms_register *build_register(isms_matrix *m)
{
    isms_register *reg = NULL;
    assert_int_equal(isms_register_new(&reg, m), ISMS_OK);
    for (size_t i = 0; i < N_RISKS; i++) {
        const risk_def *d = &RISKS[i];
        isms_risk *r = NULL;
        assert_int_equal(isms_register_add(&r, reg, d->id, d->title, d->l, d->c), ISMS_OK);
        assert_int_equal(isms_risk_set_residual(r, d->rl, d->rc), ISMS_OK);
        assert_int_equal(isms_risk_set_stated_value(r, d->stated), ISMS_OK);
        if (d->vector >= 0 && isms_risk_set_vector(r, VECTORS[d->vector]) != ISMS_OK)
            fail_msg("vector of %s: %s", d->id, isms_error_last()->message);
        assert_int_equal(isms_risk_set_treatment(r, d->treatment, d->treatment_text), ISMS_OK);
        assert_int_equal(isms_risk_set_status(r, d->status), ISMS_OK);
        assert_int_equal(isms_risk_set_owner(r, d->owner), ISMS_OK);
        assert_int_equal(isms_risk_set_consequence_text(r, "Verksamheten påverkas"), ISMS_OK);
    }
    unsigned seed = 42;
    for (int i = 0; i < N_GENERATED_RISKS; i++) {
        char id[16], title[64];
        snprintf(id, sizeof id, "G%d", i + 1);
        snprintf(title, sizeof title, "Genererad risk nr %d", i + 1);
        int l = (int)(next_rand(&seed) % 5) + 1, c = (int)(next_rand(&seed) % 5) + 1;
        isms_risk *r = NULL;
        assert_int_equal(isms_register_add(&r, reg, id, title, l, c), ISMS_OK);
        if (i % 3 == 0)
            assert_int_equal(isms_risk_set_residual(r, l > 1 ? l - 1 : 1, c), ISMS_OK);
        if (i % 4 == 0)
            assert_int_equal(isms_risk_set_vector(r, VECTORS[(size_t)i % N_GOOD_VECTORS]),
                             ISMS_OK);
        if (i % 5 == 0)
            assert_int_equal(isms_risk_set_stated_value(r, l * c), ISMS_OK);
        assert_int_equal(isms_risk_set_treatment(r, (isms_treatment)(i % 5), NULL), ISMS_OK);
    }
    return reg;
}

static isms_scheme *build_scheme(void)
{
    static const char *const cia[4][2] = {
        { "Ingen", "None" }, { "Låg", "Low" }, { "Medel", "Medium" }, { "Hög", "High" },
    };
    isms_scheme_builder *b = NULL;
    assert_int_equal(isms_scheme_builder_new(&b, "stadens skala"), ISMS_OK);
    for (int a = 0; a < 3; a++)
        for (int v = 0; v < 4; v++)
            assert_int_equal(isms_scheme_builder_add_level(b, (isms_aspect)a, v, cia[v][0],
                                                           cia[v][1], v == 3 ? "Allvarligt" : NULL),
                             ISMS_OK);
    assert_int_equal(isms_scheme_builder_add_level(b, ISMS_ASPECT_TRACEABILITY, 0, "Ingen",
                                                   "None", NULL),
                     ISMS_OK);
    assert_int_equal(isms_scheme_builder_add_level(b, ISMS_ASPECT_TRACEABILITY, 2, "Spårbar",
                                                   "Traceable", NULL),
                     ISMS_OK);
    isms_scheme *s = NULL;
    if (isms_scheme_builder_build(&s, b) != ISMS_OK)
        fail_msg("scheme: %s", isms_error_last()->message);
    isms_scheme_builder_free(b);
    return s;
}

static isms_asset *add_asset(isms_inventory *inv, const char *id, const char *name,
                             isms_asset_type type)
{
    isms_asset *a = NULL;
    if (isms_inventory_add(&a, inv, id, name, type) != ISMS_OK)
        fail_msg("asset %s: %s", id, isms_error_last()->message);
    return a;
}

static void link_assets(isms_inventory *inv, const char *src, const char *dst, isms_relkind k)
{
    int rc = isms_inventory_link(inv, src, dst, k);
    if (rc != ISMS_OK && rc != ISMS_EEXIST)
        fail_msg("link %s %s: %s", src, dst, isms_error_last()->message);
}

#define N_INFO 30
#define N_SYSTEMS 12
#define N_SERVICES 5

static isms_inventory *build_inventory(isms_scheme *scheme)
{
    isms_inventory *inv = NULL;
    assert_int_equal(isms_inventory_new(&inv, scheme), ISMS_OK);
    unsigned seed = 7;
    char id[16], id2[16], name[64];
    for (int i = 1; i <= N_INFO; i++) {
        snprintf(id, sizeof id, "I%02d", i);
        snprintf(name, sizeof name, "Informationsmängd %d", i);
        isms_asset *a = add_asset(inv, id, name, ISMS_ASSET_INFORMATION);
        for (int asp = 0; asp < 3; asp++) {
            int v = (int)(next_rand(&seed) % 5) - 1; /* -1 (unset) … 3 */
            if (i % 9 != 0) /* every ninth stays unclassified */
                assert_int_equal(isms_asset_set_level(a, (isms_aspect)asp, v), ISMS_OK);
        }
        if (i % 4 == 0)
            assert_int_equal(isms_asset_set_level(a, ISMS_ASPECT_TRACEABILITY, 2), ISMS_OK);
        if (i % 5 == 1)
            assert_int_equal(isms_asset_set_pdata(a, ISMS_PDATA_ORDINARY | ISMS_PDATA_PIN, 0),
                             ISMS_OK);
        if (i % 7 == 3)
            assert_int_equal(isms_asset_set_pdata(a, ISMS_PDATA_SPECIAL, ISMS_SPECIAL_HEALTH),
                             ISMS_OK);
        if (i == 11)
            assert_int_equal(isms_asset_set_pdata(a, ISMS_PDATA_CRIMINAL, 0), ISMS_OK);
        if (i % 3 != 0)
            assert_int_equal(isms_asset_set(a, ISMS_ASSET_OWNER, "Förvaltningen"), ISMS_OK);
        if (i % 5 == 1) {
            assert_int_equal(isms_asset_set(a, ISMS_ASSET_PURPOSE, "Myndighetsutövning"),
                             ISMS_OK);
            assert_int_equal(isms_asset_set(a, ISMS_ASSET_LEGAL_BASIS, "Rättslig förpliktelse"),
                             ISMS_OK);
            if (i != 11)
                assert_int_equal(isms_asset_set(a, ISMS_ASSET_RETENTION, "10 år"), ISMS_OK);
            if (i == 6) {
                assert_int_equal(isms_asset_set(a, ISMS_ASSET_TRANSFERS, "USA"), ISMS_OK);
            }
        }
        if (i % 2 == 0)
            assert_int_equal(isms_asset_set_classified(a, (isms_date){ 2023 + i % 3, 1 + i % 12,
                                                                       1 + i % 28 }),
                             ISMS_OK);
        if (i % 6 == 0)
            assert_int_equal(isms_asset_set_interval(a, 24), ISMS_OK);
    }
    for (int s = 1; s <= N_SYSTEMS; s++) {
        snprintf(id, sizeof id, "S%02d", s);
        snprintf(name, sizeof name, "System %d", s);
        isms_asset *a = add_asset(inv, id, name, ISMS_ASSET_SYSTEM);
        if (s == 4)
            assert_int_equal(isms_asset_set_level(a, ISMS_ASPECT_AVAILABILITY, 3), ISMS_OK);
        if (s == 2) { /* on the cycle with S01, overridden below what it inherits */
            assert_int_equal(isms_asset_set_override(a, ISMS_ASPECT_CONFIDENTIALITY, 1),
                             ISMS_OK);
            assert_int_equal(isms_asset_set(a, ISMS_ASSET_OVERRIDE_REASON, "Pseudonymiserat"),
                             ISMS_OK);
        }
        if (s % 2 == 1)
            assert_int_equal(isms_asset_set_classified(a, (isms_date){ 2024, s, 10 }), ISMS_OK);
    }
    add_asset(inv, "S99", "System utan information", ISMS_ASSET_SYSTEM);
    for (int t = 1; t <= N_SERVICES; t++) {
        snprintf(id, sizeof id, "T%02d", t);
        snprintf(name, sizeof name, "E-tjänst %d", t);
        add_asset(inv, id, name, ISMS_ASSET_SERVICE);
    }
    for (int p = 1; p <= 3; p++) {
        snprintf(id, sizeof id, "P%02d", p);
        add_asset(inv, id, p == 1 ? "Serverhallen" : "Arkivet", ISMS_ASSET_LOCATION);
    }
    for (int l = 1; l <= 3; l++) {
        snprintf(id, sizeof id, "L%02d", l);
        add_asset(inv, id, "Leverantör", ISMS_ASSET_SUPPLIER);
    }
    add_asset(inv, "N01", "Stadsnätet", ISMS_ASSET_NETWORK);
    add_asset(inv, "N02", "Skolnätet", ISMS_ASSET_NETWORK);

    for (int i = 1; i <= N_INFO; i++) { /* systems process information */
        snprintf(id2, sizeof id2, "I%02d", i);
        snprintf(id, sizeof id, "S%02d", 1 + (i * 7) % N_SYSTEMS);
        link_assets(inv, id, id2, ISMS_REL_PROCESSES);
        if (i % 3 == 0) {
            snprintf(id, sizeof id, "S%02d", 1 + (i * 5 + 3) % N_SYSTEMS);
            link_assets(inv, id, id2, ISMS_REL_PROCESSES);
        }
        if (i % 4 == 1) {
            snprintf(id, sizeof id, "P%02d", 1 + i % 3);
            link_assets(inv, id2, id, ISMS_REL_STORED_AT);
        }
    }
    for (int t = 1; t <= N_SERVICES; t++) { /* services depend on systems */
        snprintf(id, sizeof id, "T%02d", t);
        snprintf(id2, sizeof id2, "S%02d", 2 * t - 1);
        link_assets(inv, id, id2, ISMS_REL_DEPENDS_ON);
        snprintf(id2, sizeof id2, "S%02d", 2 * t);
        link_assets(inv, id, id2, ISMS_REL_DEPENDS_ON);
    }
    for (int l = 1; l <= 3; l++) /* suppliers operate systems */
        for (int s = 4 * l - 3; s <= 4 * l; s++) {
            snprintf(id, sizeof id, "L%02d", l);
            snprintf(id2, sizeof id2, "S%02d", s);
            link_assets(inv, id, id2, ISMS_REL_OPERATES);
        }
    for (int s = 1; s <= N_SYSTEMS; s++) { /* networks support systems */
        snprintf(id2, sizeof id2, "S%02d", s);
        link_assets(inv, s <= 6 ? "N01" : "N02", id2, ISMS_REL_SUPPORTS);
    }
    link_assets(inv, "S01", "S02", ISMS_REL_SUPPORTS); /* a cycle */
    link_assets(inv, "S02", "S01", ISMS_REL_SUPPORTS);
    link_assets(inv, "S03", "T01", ISMS_REL_SUPPORTS);
    if (isms_inventory_classify(inv) != ISMS_OK)
        fail_msg("classify: %s", isms_error_last()->message);
    return inv;
}

static isms_fair *fair_model(const char *name)
{
    isms_fair *m = NULL;
    assert_int_equal(isms_fair_new(&m, name), ISMS_OK);
    return m;
}

static void fair_set(isms_fair *m, isms_fair_node node, isms_dist d)
{
    if (isms_fair_set(m, node, &d) != ISMS_OK)
        fail_msg("%s: %s", isms_fair_node_name(node), isms_error_last()->message);
}

static isms_dist pert(double lo, double mode, double hi, isms_pert_method method)
{
    isms_dist d;
    assert_int_equal(isms_dist_pert(&d, lo, mode, hi, ISMS_PERT_GAMMA_DEFAULT, method), ISMS_OK);
    return d;
}

static isms_dist lognormal(double lo, double hi)
{
    isms_dist d;
    assert_int_equal(isms_dist_lognormal90(&d, lo, hi), ISMS_OK);
    return d;
}

static void build_models(isms_fair **models)
{
    isms_dist f, d;
    assert_int_equal(isms_dist_poisson(&f, 0.4), ISMS_OK);
    d = lognormal(1e5, 5e6);
    assert_int_equal(isms_fair_new_simple(&models[0], "Ransomware", &f, &d), ISMS_OK);

    models[1] = fair_model("Dataläcka");
    fair_set(models[1], ISMS_FAIR_TEF, pert(0.5, 2, 6, ISMS_PERT_CLASSIC));
    fair_set(models[1], ISMS_FAIR_TCAP, pert(0.3, 0.6, 0.9, ISMS_PERT_CLASSIC));
    fair_set(models[1], ISMS_FAIR_RS, pert(0.4, 0.7, 0.95, ISMS_PERT_CLASSIC));
    fair_set(models[1], ISMS_FAIR_PL, lognormal(2e4, 4e5));
    fair_set(models[1], ISMS_FAIR_SLEF, pert(0.1, 0.3, 0.6, ISMS_PERT_CLASSIC));
    fair_set(models[1], ISMS_FAIR_SLEM, lognormal(1e4, 1e6));

    models[2] = fair_model("Driftstopp");
    assert_int_equal(isms_dist_uniform(&d, 0.5, 3), ISMS_OK);
    fair_set(models[2], ISMS_FAIR_LEF, d);
    assert_int_equal(isms_dist_normal(&d, 5e4, 2e4), ISMS_OK);
    fair_set(models[2], ISMS_FAIR_LM, d);

    models[3] = fair_model("Insider");
    fair_set(models[3], ISMS_FAIR_CF, pert(1, 4, 12, ISMS_PERT_CLASSIC));
    assert_int_equal(isms_dist_uniform(&d, 0.05, 0.3), ISMS_OK);
    fair_set(models[3], ISMS_FAIR_POA, d);
    fair_set(models[3], ISMS_FAIR_VULN, pert(0.1, 0.2, 0.5, ISMS_PERT_MOMENTS));
    fair_set(models[3], ISMS_FAIR_PL, pert(1e4, 5e4, 3e5, ISMS_PERT_CLASSIC));
    assert_int_equal(isms_fair_set_events(models[3], true), ISMS_OK);
    for (size_t i = 0; i < N_MODELS; i++)
        if (isms_fair_check(models[i]) != ISMS_OK)
            fail_msg("model %zu: %s", i, isms_error_last()->message);
}

static const char OSCAL_CATALOG[] =
    "{\n"
    "  \"catalog\": {\n"
    "    \"uuid\": \"3c2f5a8e-6b1d-4f7a-9e2c-1d4b7a9c0e5f\",\n"
    "    \"metadata\": {\n"
    "      \"title\": \"Stadens regelverk\",\n"
    "      \"last-modified\": \"2024-05-02T08:00:00Z\",\n"
    "      \"version\": \"2024.1\",\n"
    "      \"oscal-version\": \"1.1.3\"\n"
    "    },\n"
    "    \"groups\": [\n"
    "      {\"id\": \"styr\", \"title\": \"Styrning\",\n"
    "       \"props\": [{\"name\": \"label\", \"value\": \"S\"}],\n"
    "       \"controls\": [\n"
    "         {\"id\": \"styr-1\", \"title\": \"Policy\",\n"
    "          \"props\": [{\"name\": \"label\", \"value\": \"S.1\"}]},\n"
    "         {\"id\": \"styr-2\", \"title\": \"Roller\",\n"
    "          \"controls\": [{\"id\": \"styr-2.1\", \"title\": \"Ersättare\"}]}\n"
    "       ]},\n"
    "      {\"id\": \"drift\", \"title\": \"Drift\",\n"
    "       \"controls\": [\n"
    "         {\"id\": \"drift-1\", \"title\": \"Säkerhetskopiering\"},\n"
    "         {\"id\": \"drift-2\", \"title\": \"Loggning\"}\n"
    "       ]}\n"
    "    ]\n"
    "  }\n"
    "}\n";

static const char *const DUE_TEXTS[] = {
    "Q2 2025", "hösten", "inför nästa verksamhetsplan", "mars", "2026", "T3", "31 maj 2025", "",
};

static void fill_assessment(isms_assessment *as, unsigned seed)
{
    assert_int_equal(isms_assessment_add_all(as), ISMS_OK);
    size_t n = isms_assessment_count(as);
    for (size_t i = 0; i < n; i++) {
        isms_entry *e = isms_assessment_at(as, i);
        unsigned x = next_rand(&seed);
        isms_status st = (isms_status)(x % 5);
        if (isms_entry_set_status(e, st) != ISMS_OK) /* headings take no status: leave them */
            continue;
        assert_int_equal(isms_entry_set_need(e, (isms_need)((x >> 3) % 5)), ISMS_OK);
        if (st == ISMS_STATUS_PARTIAL || st == ISMS_STATUS_NO) {
            if (x % 3 != 0)
                assert_int_equal(isms_entry_set(e, ISMS_FIELD_PLAN,
                                                "Ta fram rutin\noch förankra i ledningen"),
                                 ISMS_OK);
            if (x % 4 != 0)
                assert_int_equal(isms_entry_set(e, ISMS_FIELD_OWNER, "Säkerhetssamordnaren"),
                                 ISMS_OK);
            assert_int_equal(isms_entry_set(e, ISMS_FIELD_DUE,
                                            DUE_TEXTS[(x >> 5) % (sizeof DUE_TEXTS /
                                                                  sizeof *DUE_TEXTS)]),
                             ISMS_OK);
        }
        if (st == ISMS_STATUS_NOT_APPLICABLE && x % 2)
            assert_int_equal(isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, "Ingen egen drift"),
                             ISMS_OK);
    }
}

/* The plan, the same every time: the shared one and each worker's private ones. */
static isms_plan *build_plan(const world *w)
{
    isms_plan *p = NULL;
    assert_int_equal(isms_plan_new(&p, 2025), ISMS_OK);
    struct {
        const char *id, *title, *owner, *due, *targets[3], *prereq;
        isms_effort_size effort;
        isms_recurrence recur;
        isms_action_status status;
        int rl, rc;
    } defs[] = {
        { "A1", "Uppdatera lokal instruktion", "CISO", "december", { "req:A.5.1" }, NULL,
          ISMS_EFFORT_S, ISMS_RECUR_YEARLY, ISMS_ACTION_PLANNED, U, U },
        { "A2", "MFA för distansåtkomst", "IT", "Q2 2025", { "risk:R1", "risk:R2" }, "A5",
          ISMS_EFFORT_M, ISMS_RECUR_NONE, ISMS_ACTION_PROPOSED, 1, 3 },
        { "A3", "Klassa om informationen", "Informationsägare", "", { "asset:I01", "asset:I02" },
          NULL, ISMS_EFFORT_S, ISMS_RECUR_YEARLY, ISMS_ACTION_PLANNED, U, U },
        { "A4", "Säkerhetskopiering offline", "IT", "hösten 2025",
          { "risk:R4", "req:A.8.13", "asset:S04" }, "A2", ISMS_EFFORT_L, ISMS_RECUR_NONE,
          ISMS_ACTION_PLANNED, 2, 2 },
        { "A5", "Inventera konton", "IT", "mars", { "req:A.5.18" }, NULL, ISMS_EFFORT_S,
          ISMS_RECUR_NONE, ISMS_ACTION_IN_PROGRESS, U, U },
        { "A6", "Utbilda personal", "HR", "", { "risk:R3", "req:A.6.3" }, NULL, ISMS_EFFORT_XS,
          ISMS_RECUR_QUARTER, ISMS_ACTION_PLANNED, U, U },
        { "A7", "Leverantörsavtal", "Upphandling", "2026", { "asset:L01", "req:A.5.19" }, NULL,
          ISMS_EFFORT_M, ISMS_RECUR_NONE, ISMS_ACTION_PROPOSED, U, U },
        { "A8", "Avbruten åtgärd", "IT", "", { "risk:R5" }, NULL, ISMS_EFFORT_S,
          ISMS_RECUR_NONE, ISMS_ACTION_CANCELLED, U, U },
        { "A9", "Klar åtgärd", "IT", "januari", { "risk:R12" }, "A8", ISMS_EFFORT_XS,
          ISMS_RECUR_NONE, ISMS_ACTION_DONE, U, U },
        { "A10", "Åtgärd utan mål", NULL, "sen", { NULL }, NULL, ISMS_EFFORT_UNSIZED,
          ISMS_RECUR_NONE, ISMS_ACTION_PROPOSED, U, U },
        { "A11", "Riskbedömningsprocess", "CISO", "T3 2025", { "R13", "6.1.2", "I09" }, "A7",
          ISMS_EFFORT_XL, ISMS_RECUR_NONE, ISMS_ACTION_PROPOSED, 2, 3 },
        { "A12", "Okänt mål", "IT", "2025-06-30", { "risk:NOPE", "asset:S99" }, NULL,
          ISMS_EFFORT_M, ISMS_RECUR_NONE, ISMS_ACTION_PROPOSED, U, U },
    };
    for (size_t i = 0; i < sizeof defs / sizeof *defs; i++) {
        isms_action *a = NULL;
        assert_int_equal(isms_plan_add(&a, p, defs[i].id, defs[i].title), ISMS_OK);
        assert_int_equal(isms_action_set(a, ISMS_ACTION_OWNER, defs[i].owner), ISMS_OK);
        assert_int_equal(isms_action_set(a, ISMS_ACTION_DUE, defs[i].due), ISMS_OK);
        for (size_t t = 0; t < 3 && defs[i].targets[t]; t++)
            assert_int_equal(isms_action_add_target(a, ISMS_TARGET_ANY, defs[i].targets[t]),
                             ISMS_OK);
        if (defs[i].prereq)
            assert_int_equal(isms_action_add_prerequisite(a, defs[i].prereq), ISMS_OK);
        if (defs[i].effort != ISMS_EFFORT_UNSIZED)
            assert_int_equal(isms_action_set_effort_size(a, defs[i].effort), ISMS_OK);
        assert_int_equal(isms_action_set_recurrence(a, defs[i].recur), ISMS_OK);
        assert_int_equal(isms_action_set_status(a, defs[i].status), ISMS_OK);
        assert_int_equal(isms_action_set_expected_residual(a, defs[i].rl, defs[i].rc), ISMS_OK);
    }
    assert_int_equal(isms_plan_set_sources(p, w->reg, w->gap, w->inv), ISMS_OK);
    return p;
}

static isms_priority priority_weights(void)
{
    isms_priority pr = isms_priority_default();
    pr.today = (isms_date){ 2025, 3, 1 };
    return pr;
}

/* The errors each thread provokes in step: what kind `k` is for thread `tid`. */
static int provoke(const world *w, unsigned tid, unsigned k)
{
    char buf[256];
    switch (k) {
    case 0: { /* a CVSS vector with a bad value in the metric that depends on the thread */
        static const char *const metrics[] = { "AV:N", "AC:L", "PR:N", "UI:N", "S:U",
                                               "C:H",  "I:H",  "A:H" };
        size_t bad = tid % 8, o = 0;
        o += (size_t)snprintf(buf + o, sizeof buf - o, "CVSS:3.1");
        for (size_t i = 0; i < 8; i++) {
            if (i == bad)
                o += (size_t)snprintf(buf + o, sizeof buf - o, "/%.*sQ%u",
                                      (int)(strchr(metrics[i], ':') - metrics[i] + 1),
                                      metrics[i], tid);
            else
                o += (size_t)snprintf(buf + o, sizeof buf - o, "/%s", metrics[i]);
        }
        isms_cvss c;
        return isms_cvss_parse(&c, buf);
    }
    case 1: { /* OSCAL that is not valid, on a line and in a file named after the thread */
        size_t o = (size_t)snprintf(buf, sizeof buf, "{");
        for (unsigned i = 0; i <= tid; i++)
            buf[o++] = '\n';
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%*s\"catalog\": %u }", (int)tid, "",
                              tid);
        char source[64];
        snprintf(source, sizeof source, "tråd-%u.json", tid);
        isms_catalog *c = NULL;
        int rc = isms_catalog_parse_oscal(&c, buf, o, source);
        isms_catalog_free(c);
        return rc;
    }
    case 2: /* a risk that is not there */
        snprintf(buf, sizeof buf, "saknas-%u", tid);
        return isms_register_find(w->reg, buf) ? ISMS_OK : isms_error_last()->code;
    case 3: { /* a reference year out of range */
        isms_period p;
        return isms_period_parse(&p, "Q2", 1800 + (int)tid);
    }
    case 4: { /* a day that does not exist */
        isms_date d;
        snprintf(buf, sizeof buf, "20%02u-02-30", 10 + tid);
        return isms_date_parse(&d, buf);
    }
    default: { /* a file that is not there: the message has the C library's reason */
        isms_document *doc = NULL;
        snprintf(buf, sizeof buf, "/finns-inte/tråd-%u.json", tid);
        int rc = isms_document_load(&doc, buf, NULL);
        isms_document_free(doc);
        return rc;
    }
    }
}

/* ---- observations --------------------------------------------------------------------------
 * Everything the const API gives from the shared objects, in a fixed order. */

static void observe_matrix(recorder *r, const isms_matrix *m)
{
    put_str(r, isms_matrix_name(m), "matrix name");
    put_int(r, isms_matrix_formula(m), "matrix formula");
    for (int ax = 0; ax < 2; ax++) {
        size_t n = isms_matrix_level_count(m, (isms_axis)ax);
        put_int(r, (long long)n, "axis %d levels", ax);
        for (size_t i = 0; i < n; i++) {
            isms_level lv;
            put_rc(r, isms_matrix_level(&lv, m, (isms_axis)ax, i), "level");
            put_int(r, lv.value, "axis %d level %zu value", ax, i);
            put_str(r, lv.label_sv, "axis %d level %zu sv", ax, i);
            put_str(r, lv.label_en, "axis %d level %zu en", ax, i);
            put_str(r, lv.description, "axis %d level %zu description", ax, i);
        }
    }
    size_t nb = isms_matrix_band_count(m);
    put_int(r, (long long)nb, "bands");
    for (size_t i = 0; i < nb; i++) {
        isms_band b;
        put_rc(r, isms_matrix_band(&b, m, i), "band");
        put_str(r, b.name, "band %zu name", i);
        put_int(r, b.min_value, "band %zu min", i);
        put_int(r, b.max_value, "band %zu max", i);
        put_str(r, b.color, "band %zu colour", i);
        put_str(r, b.label_sv, "band %zu sv", i);
        put_str(r, b.label_en, "band %zu en", i);
    }
    put_int(r, isms_matrix_acceptance(m), "acceptance");
    put_int(r, isms_matrix_min_value(m), "min value");
    put_int(r, isms_matrix_max_value(m), "max value");
    int ls[49], cs[49], values[49], bands[49];
    size_t k = 0;
    for (int l = 0; l <= 6; l++)
        for (int c = 0; c <= 6; c++, k++) {
            ls[k] = l;
            cs[k] = c;
            isms_score s = { 0, 0, 0 };
            int rc = isms_matrix_score(&s, m, l, c);
            put_rc(r, rc, "isms_matrix_score");
            if (rc == ISMS_OK) {
                put_int(r, s.value, "score %d/%d value", l, c);
                put_int(r, s.band, "score %d/%d band", l, c);
                put_dbl(r, s.normalized, "score %d/%d normalised", l, c);
            }
        }
    put_rc(r, isms_matrix_score_many(values, bands, m, ls, cs, 49), "isms_matrix_score_many");
    for (k = 0; k < 49; k++) {
        put_int(r, values[k], "score_many %zu value", k);
        put_int(r, bands[k], "score_many %zu band", k);
    }
    for (int v = -1; v <= 27; v++) {
        put_int(r, isms_matrix_band_of(m, v), "band of %d", v);
        put_dbl(r, isms_matrix_normalize(m, v), "normalise %d", v);
        put_int(r, isms_matrix_denormalize(m, v / 26.0), "denormalise %d/26", v);
    }
    static const char *const level_texts[] = {
        "3",      "Sannolik",    "SANNOLIK", "mycket  sannolik",
        "likely", "KATASTROFAL", "11",       "ingen aning",
    };
    for (size_t i = 0; i < sizeof level_texts / sizeof *level_texts; i++)
        for (int ax = 0; ax < 2; ax++) {
            int v = -99;
            put_rc(r, isms_matrix_parse_level(&v, m, (isms_axis)ax, level_texts[i]),
                   level_texts[i]);
            put_int(r, v, "parse level %s on axis %d", level_texts[i], ax);
        }
    static const char *const band_texts[] = { "Hög", "HÖG", "critical", "låg ", "extrem" };
    for (size_t i = 0; i < sizeof band_texts / sizeof *band_texts; i++) {
        size_t b = 99;
        put_rc(r, isms_matrix_find_band(&b, m, band_texts[i]), band_texts[i]);
        put_int(r, (long long)b, "find band %s", band_texts[i]);
    }
}

static void put_rating(recorder *r, const isms_rating *x, const char *what)
{
    put_int(r, x->method, "%s method", what);
    put_dbl(r, x->score, "%s score", what);
    put_dbl(r, x->normalized, "%s normalised", what);
    put_int(r, x->rank, "%s rank", what);
    put_str(r, x->severity, "%s severity", what);
    put_str(r, x->label_sv, "%s sv", what);
    put_str(r, x->label_en, "%s en", what);
}

static void put_risk_ids(recorder *r, isms_risk **list, size_t n, const char *what)
{
    put_int(r, (long long)n, "%s count", what);
    for (size_t i = 0; i < n; i++)
        put_str(r, isms_risk_id(list[i]), "%s %zu", what, i);
}

static void observe_register(recorder *r, const isms_register *reg)
{
    size_t n = isms_register_count(reg);
    put_int(r, (long long)n, "risks");
    for (size_t i = 0; i < n; i++) {
        const isms_risk *k = isms_register_at(reg, i);
        const char *id = isms_risk_id(k);
        put_str(r, id, "risk %zu id", i);
        put_int(r, isms_register_find(reg, id) == k, "find %s", id);
        put_str(r, isms_risk_title(k), "%s title", id);
        put_str(r, isms_risk_consequence_text(k), "%s consequence text", id);
        put_int(r, isms_risk_likelihood(k), "%s likelihood", id);
        put_int(r, isms_risk_consequence(k), "%s consequence", id);
        put_int(r, isms_risk_residual_likelihood(k), "%s residual likelihood", id);
        put_int(r, isms_risk_residual_consequence(k), "%s residual consequence", id);
        put_int(r, isms_risk_stated_value(k), "%s stated", id);
        put_int(r, isms_risk_treatment(k), "%s treatment", id);
        put_str(r, isms_risk_treatment_text(k), "%s treatment text", id);
        put_str(r, isms_risk_owner(k), "%s owner", id);
        put_int(r, isms_risk_get_status(k), "%s status", id);
        put_str(r, isms_risk_vector(k), "%s vector", id);
        put_int(r, isms_risk_method(k), "%s method", id);
        isms_rating rt;
        int rc = isms_risk_rating(&rt, k);
        put_rc(r, rc, "isms_risk_rating");
        if (rc == ISMS_OK)
            put_rating(r, &rt, id);
        for (int which = 0; which < 2; which++) {
            put_int(r, isms_risk_value(k, (isms_which)which), "%s value %d", id, which);
            isms_score s = { 0, 0, 0 };
            rc = isms_risk_score(&s, k, (isms_which)which);
            put_rc(r, rc, "isms_risk_score");
            if (rc == ISMS_OK) {
                put_int(r, s.value, "%s score %d value", id, which);
                put_int(r, s.band, "%s score %d band", id, which);
                put_dbl(r, s.normalized, "%s score %d normalised", id, which);
            }
            double nv = -1;
            rc = isms_risk_normalized(&nv, k, (isms_which)which);
            put_rc(r, rc, "isms_risk_normalized");
            put_dbl(r, nv, "%s normalized %d", id, which);
        }
    }
    put_int(r, isms_register_find(reg, "R404") == NULL, "find R404");
    put_error(r, "find R404");
    for (int which = 0; which < 2; which++) {
        isms_risk **sorted = NULL;
        size_t ns = 0;
        put_rc(r, isms_register_sorted(&sorted, &ns, reg, (isms_which)which), "sorted");
        put_risk_ids(r, sorted, ns, which ? "sorted residual" : "sorted inherent");
        isms_free(sorted);
        size_t counts[6], unscored = 99;
        put_rc(r, isms_register_band_counts(counts, 6, &unscored, reg, (isms_which)which),
               "band counts");
        for (size_t b = 0; b < 6; b++)
            put_int(r, (long long)counts[b], "band count %d/%zu", which, b);
        put_int(r, (long long)unscored, "unscored %d", which);
        put_rc(r, isms_register_band_counts(counts, 2, NULL, reg, (isms_which)which),
               "band counts, too few");
        size_t grid[25];
        put_rc(r, isms_register_heatmap(grid, 25, reg, (isms_which)which), "heat map");
        for (size_t c = 0; c < 25; c++)
            put_int(r, (long long)grid[c], "heat map %d cell %zu", which, c);
        put_rc(r, isms_register_heatmap(grid, 16, reg, (isms_which)which), "heat map 4x4");
    }
    for (int lang = 0; lang < 2; lang++) {
        isms_findings *f = NULL;
        put_rc(r, isms_findings_new(&f, (isms_lang)lang), "findings");
        put_rc(r, isms_register_lint(f, reg), "register lint");
        put_findings(r, f, "register lint");
        isms_findings_free(f);
    }
}

static void put_provenance(recorder *r, const isms_asset *a, const char *what)
{
    const char *id = isms_asset_id(a);
    for (int asp = 0; asp < ISMS_ASPECTS; asp++) {
        isms_provenance p;
        memset(&p, 0, sizeof p);
        put_rc(r, isms_asset_effective(&p, a, (isms_aspect)asp), "effective");
        put_int(r, p.level, "%s %s aspect %d level", what, id, asp);
        put_int(r, p.origin, "%s %s aspect %d origin", what, id, asp);
        put_str(r, p.from ? isms_asset_id(p.from) : "-", "%s %s aspect %d from", what, id, asp);
        put_int(r, p.floor, "%s %s aspect %d floor", what, id, asp);
        put_int(r, p.cycle, "%s %s aspect %d cycle", what, id, asp);
    }
    put_int(r, isms_asset_overall(a), "%s %s overall", what, id);
}

static void put_summary(recorder *r, const isms_inventory *inv, const char *what)
{
    isms_inventory_summary s;
    memset(&s, 0, sizeof s);
    put_rc(r, isms_inventory_summarise(&s, inv), what);
    for (int a = 0; a < ISMS_ASPECTS; a++)
        for (int l = 0; l < ISMS_CLASS_MAX + 2; l++)
            put_int(r, (long long)s.per_level[a][l], "%s per level %d/%d", what, a, l);
    for (int t = 0; t < ISMS_ASSET_TYPES; t++)
        put_int(r, (long long)s.per_type[t], "%s per type %d", what, t);
    for (int l = 0; l < ISMS_CLASS_MAX + 2; l++)
        put_int(r, (long long)s.per_overall[l], "%s per overall %d", what, l);
    put_int(r, (long long)s.with_pdata, "%s with personal data", what);
    put_int(r, (long long)s.total, "%s total", what);
}

static void put_asset_list(recorder *r, isms_asset **list, size_t n, const char *what)
{
    put_int(r, (long long)n, "%s count", what);
    for (size_t i = 0; i < n; i++)
        put_str(r, isms_asset_id(list[i]), "%s %zu", what, i);
}

static void observe_inventory(recorder *r, const isms_inventory *inv, const char *what)
{
    const isms_scheme *s = isms_inventory_scheme(inv);
    put_str(r, isms_scheme_name(s), "%s scheme", what);
    for (int a = 0; a < ISMS_ASPECTS; a++) {
        size_t n = isms_scheme_level_count(s, (isms_aspect)a);
        put_int(r, (long long)n, "%s scheme levels %d", what, a);
        for (size_t i = 0; i < n; i++) {
            isms_class_level lv;
            put_rc(r, isms_scheme_level(&lv, s, (isms_aspect)a, i), "scheme level");
            put_int(r, lv.value, "%s level %d/%zu", what, a, i);
            put_str(r, lv.label_sv, "%s level %d/%zu sv", what, a, i);
            put_str(r, lv.label_en, "%s level %d/%zu en", what, a, i);
        }
        int v = -9;
        put_rc(r, isms_scheme_parse_level(&v, s, (isms_aspect)a, "HÖG"), "scheme parse level");
        put_int(r, v, "%s parse HÖG on %d", what, a);
    }
    isms_floors fl;
    put_rc(r, isms_inventory_floors(&fl, inv), "floors");
    for (int k = 0; k < ISMS_PDATA_KINDS; k++)
        for (int a = 0; a < ISMS_ASPECTS; a++)
            put_int(r, fl.min[k][a], "%s floor %d/%d", what, k, a);
    size_t n = isms_inventory_count(inv);
    put_int(r, (long long)n, "%s assets", what);
    for (size_t i = 0; i < n; i++) {
        const isms_asset *a = isms_inventory_at(inv, i);
        const char *id = isms_asset_id(a);
        put_str(r, id, "%s asset %zu", what, i);
        put_int(r, isms_inventory_find(inv, id) == a, "%s find %s", what, id);
        put_int(r, isms_asset_get_type(a), "%s %s type", what, id);
        for (int f = 0; f < ISMS_ASSET_FIELDS; f++)
            put_str(r, isms_asset_get(a, (isms_asset_field)f), "%s %s field %d", what, id, f);
        for (int asp = 0; asp < ISMS_ASPECTS; asp++) {
            put_int(r, isms_asset_level(a, (isms_aspect)asp), "%s %s level", what, id);
            put_int(r, isms_asset_override(a, (isms_aspect)asp), "%s %s override", what, id);
        }
        put_int(r, isms_asset_pdata(a), "%s %s pdata", what, id);
        put_int(r, isms_asset_special(a), "%s %s special", what, id);
        isms_date nr = isms_asset_next_review(a);
        put_int(r, nr.year * 10000 + nr.month * 100 + nr.day, "%s %s next review", what, id);
        put_provenance(r, a, what);
    }
    size_t nr = isms_inventory_relation_count(inv);
    put_int(r, (long long)nr, "%s relations", what);
    for (size_t i = 0; i < nr; i++) {
        isms_relation_info ri;
        put_rc(r, isms_inventory_relation(&ri, inv, i), "relation");
        put_str(r, isms_asset_id(ri.src), "%s relation %zu src", what, i);
        put_str(r, isms_asset_id(ri.dst), "%s relation %zu dst", what, i);
        put_int(r, ri.kind, "%s relation %zu kind", what, i);
    }
    put_summary(r, inv, what);
    static const char *const impact_of[] = { "I01", "I07", "S01", "P02", "finns-inte" };
    for (size_t i = 0; i < sizeof impact_of / sizeof *impact_of; i++) {
        isms_asset **list = NULL;
        size_t k = 0;
        put_rc(r, isms_inventory_impact(&list, &k, inv, impact_of[i]), impact_of[i]);
        put_asset_list(r, list, k, impact_of[i]);
        isms_free(list);
    }
    for (int year = 2025; year <= 2026; year++) {
        isms_asset **list = NULL;
        size_t k = 0;
        put_rc(r, isms_inventory_due(&list, &k, inv, year), "due");
        put_asset_list(r, list, k, "due");
        isms_free(list);
    }
    isms_findings *f = NULL;
    put_rc(r, isms_findings_new(&f, ISMS_LANG_SV), "findings");
    put_rc(r, isms_inventory_lint(f, inv, (isms_date){ 2025, 6, 1 }), "inventory lint");
    put_findings(r, f, what);
    isms_findings_free(f);
}

/* A private copy of the shared inventory on the shared scheme (a new reference), read
 * through the const API only, then classified: the same effective levels must come out. */
static void classify_copy(recorder *r, const isms_inventory *shared)
{
    isms_inventory *inv = NULL;
    int rc = isms_inventory_new(&inv, isms_inventory_scheme(shared));
    put_rc(r, rc, "copy: new inventory");
    if (rc != ISMS_OK)
        return;
    isms_floors fl;
    put_rc(r, isms_inventory_floors(&fl, shared), "copy: floors");
    put_rc(r, isms_inventory_set_floors(inv, &fl), "copy: set floors");
    const isms_scheme *s = isms_inventory_scheme(shared);
    for (size_t i = 0; i < isms_inventory_count(shared); i++) {
        const isms_asset *a = isms_inventory_at(shared, i);
        isms_asset *b = NULL;
        rc = isms_inventory_add(&b, inv, isms_asset_id(a), isms_asset_get(a, ISMS_ASSET_NAME),
                                isms_asset_get_type(a));
        put_rc(r, rc, "copy: add");
        if (rc != ISMS_OK)
            continue;
        for (int f = 1; f < ISMS_ASSET_FIELDS; f++) {
            isms_asset_field field = (isms_asset_field)f;
            put_rc(r, isms_asset_set(b, field, isms_asset_get(a, field)), "copy: field");
        }
        for (int asp = 0; asp < ISMS_ASPECTS; asp++) {
            isms_aspect aspect = (isms_aspect)asp;
            if (!isms_scheme_has_aspect(s, aspect))
                continue;
            put_rc(r, isms_asset_set_level(b, aspect, isms_asset_level(a, aspect)), "copy: level");
            put_rc(r, isms_asset_set_override(b, aspect, isms_asset_override(a, aspect)),
                   "copy: override");
        }
        put_rc(r, isms_asset_set_pdata(b, isms_asset_pdata(a), isms_asset_special(a)),
               "copy: pdata");
        isms_asset_set_nis(b, isms_asset_nis(a));
        put_rc(r, isms_asset_set_classified(b, isms_asset_classified(a)), "copy: classified");
        put_rc(r, isms_asset_set_interval(b, isms_asset_interval(a)), "copy: interval");
    }
    for (size_t i = 0; i < isms_inventory_relation_count(shared); i++) {
        isms_relation_info ri;
        put_rc(r, isms_inventory_relation(&ri, shared, i), "copy: relation");
        put_rc(r, isms_inventory_link(inv, isms_asset_id(ri.src), isms_asset_id(ri.dst), ri.kind),
               "copy: link");
    }
    put_rc(r, isms_inventory_classify(inv), "copy: classify");
    for (size_t i = 0; i < isms_inventory_count(inv); i++)
        put_provenance(r, isms_inventory_at(inv, i), "copy");
    put_summary(r, inv, "copy summary");
    isms_inventory_free(inv);
}

static const double PERCENTS[] = { 0, 5, 50, 90, 99, 100 };
static const double LEVELS[] = { 0.9, 0.95, 0.99 };

/* What a simulation gives: per model and the portfolio, the statistics, percentiles, value
 * at risk, expected shortfall, the curve and some samples. */
static void put_simulation(recorder *r, const isms_simulation *sim, const char *what)
{
    size_t n = isms_simulation_count(sim);
    put_int(r, (long long)n, "%s models", what);
    put_int(r, (long long)isms_simulation_iterations(sim), "%s iterations", what);
    put_int(r, isms_simulation_has_samples(sim), "%s samples kept", what);
    for (size_t k = 0; k <= n; k++) {
        size_t idx = k == n ? ISMS_PORTFOLIO : k;
        put_str(r, isms_simulation_name(sim, idx), "%s name %zu", what, k);
        isms_sim_stats st;
        memset(&st, 0, sizeof st);
        put_rc(r, isms_simulation_stats(&st, sim, idx), "stats");
        put_int(r, (long long)st.iterations, "%s %zu iterations", what, k);
        put_dbl(r, st.mean, "%s %zu mean", what, k);
        put_dbl(r, st.sd, "%s %zu sd", what, k);
        put_dbl(r, st.min, "%s %zu min", what, k);
        put_dbl(r, st.max, "%s %zu max", what, k);
        put_dbl(r, st.ale, "%s %zu ale", what, k);
        for (size_t p = 0; p < sizeof PERCENTS / sizeof *PERCENTS; p++) {
            double x = -1;
            put_rc(r, isms_simulation_percentile(&x, sim, idx, PERCENTS[p]), "percentile");
            put_dbl(r, x, "%s %zu percentile %g", what, k, PERCENTS[p]);
        }
        for (size_t l = 0; l < sizeof LEVELS / sizeof *LEVELS; l++) {
            double x = -1;
            put_rc(r, isms_simulation_var(&x, sim, idx, LEVELS[l]), "var");
            put_dbl(r, x, "%s %zu VaR %g", what, k, LEVELS[l]);
            put_rc(r, isms_simulation_expected_shortfall(&x, sim, idx, LEVELS[l]), "es");
            put_dbl(r, x, "%s %zu ES %g", what, k, LEVELS[l]);
        }
        isms_lec_point lec[9];
        put_rc(r, isms_simulation_lec(lec, 9, sim, idx), "lec");
        for (size_t p = 0; p < 9; p++) {
            put_dbl(r, lec[p].loss, "%s %zu lec %zu loss", what, k, p);
            put_dbl(r, lec[p].exceedance, "%s %zu lec %zu exceedance", what, k, p);
        }
        const double *x = NULL;
        size_t ns = 0;
        put_rc(r, isms_simulation_samples(&x, &ns, sim, idx), "samples");
        double sum = 0;
        for (size_t i = 0; i < ns; i++)
            sum += x[i];
        put_dbl(r, sum, "%s %zu sum of samples", what, k);
        put_dbl(r, ns ? x[ns / 2] : -1, "%s %zu middle sample", what, k);
    }
    double x = 0;
    put_rc(r, isms_simulation_percentile(&x, sim, n + 3, 50), "percentile of a bad index");
    put_rc(r, isms_simulation_var(&x, sim, 0, 1.5), "var at 1.5");
}

static isms_simulation *simulate(const world *w, unsigned threads)
{
    isms_sim_options o;
    isms_sim_options_init(&o);
    o.iterations = SIM_ITERATIONS;
    o.seed = SIM_SEED;
    o.threads = threads;
    isms_simulation *sim = NULL;
    if (isms_simulate(&sim, (const isms_fair *const *)w->models, N_MODELS, &o) != ISMS_OK)
        return NULL;
    return sim;
}

static void observe_quant(recorder *r, const world *w, unsigned sim_threads)
{
    for (size_t k = 0; k < N_MODELS; k++) {
        const isms_fair *m = w->models[k];
        put_str(r, isms_fair_name(m), "model %zu name", k);
        put_int(r, isms_fair_events(m), "model %zu events", k);
        put_rc(r, isms_fair_check(m), "fair check");
        for (int node = 0; node < ISMS_FAIR_NODE_COUNT; node++) {
            isms_dist d;
            int rc = isms_fair_get(&d, m, (isms_fair_node)node);
            put_rc(r, rc, "fair get");
            if (rc != ISMS_OK)
                continue;
            double mean = 0, sd = 0, xs[16];
            put_rc(r, isms_dist_mean(&mean, &d), "dist mean");
            put_rc(r, isms_dist_sd(&sd, &d), "dist sd");
            put_dbl(r, mean, "model %zu node %d mean", k, node);
            put_dbl(r, sd, "model %zu node %d sd", k, node);
            put_rc(r, isms_dist_sample(xs, 16, &d, 1000 + k), "dist sample");
            for (size_t i = 0; i < 16; i++)
                put_dbl(r, xs[i], "model %zu node %d sample %zu", k, node, i);
        }
    }
    isms_simulation *sim = simulate(w, sim_threads);
    put_int(r, sim != NULL, "simulate");
    if (!sim) {
        put_error(r, "simulate");
        return;
    }
    put_simulation(r, sim, "simulation");
    isms_simulation_free(sim);
}

static void put_tally(recorder *r, const isms_tally *t, const char *what, size_t i)
{
    for (int s = 0; s < ISMS_STATUS_COUNT; s++)
        put_int(r, t->counts[s], "%s %zu count %d", what, i, s);
    put_int(r, t->total, "%s %zu total", what, i);
    put_int(r, t->applicable, "%s %zu applicable", what, i);
    put_int(r, t->assessed, "%s %zu assessed", what, i);
    put_dbl(r, t->coverage, "%s %zu coverage", what, i);
    put_dbl(r, t->compliance, "%s %zu compliance", what, i);
}

static void put_assessment_summary(recorder *r, const isms_assessment *as, const char *what)
{
    isms_summary s;
    memset(&s, 0, sizeof s);
    isms_weights wt = { 1, 0.4, 0.1 };
    for (int pass = 0; pass < 2; pass++) {
        put_rc(r, isms_assessment_summarise(&s, as, pass ? &wt : NULL), what);
        put_tally(r, &s.total, what, 0);
        put_tally(r, &s.clauses, what, 1);
        put_tally(r, &s.annex_a, what, 2);
        for (size_t c = 0; c < 7; c++)
            put_tally(r, &s.chapter[c], what, 3 + c);
        put_int(r, (long long)s.group_count, "%s groups", what);
        for (size_t g = 0; g < s.group_count; g++) {
            put_str(r, isms_item_id(s.group[g]), "%s group %zu", what, g);
            put_tally(r, &s.groups[g], what, 10 + g);
        }
        put_int(r, s.unknown, "%s unknown", what);
    }
}

static void observe_assessments(recorder *r, const world *w)
{
    put_assessment_summary(r, w->gap, "gap 2022");
    put_assessment_summary(r, w->prev, "gap 2013");
    put_assessment_summary(r, w->gap_imp, "gap imported");
    const isms_assessment *all[3] = { w->gap, w->prev, w->gap_imp };
    for (size_t a = 0; a < 3; a++) {
        size_t n = isms_assessment_count(all[a]);
        put_int(r, (long long)n, "assessment %zu entries", a);
        for (size_t i = 0; i < n; i++) {
            const isms_entry *e = isms_assessment_at(all[a], i);
            const char *ref = isms_entry_ref(e);
            put_str(r, ref, "assessment %zu entry %zu", a, i);
            put_int(r, isms_assessment_find(all[a], ref) == e, "find %s", ref);
            const isms_item *it = isms_entry_item(e);
            put_str(r, it ? isms_item_title(it) : "-", "%s title", ref);
            put_int(r, isms_entry_status(e), "%s status", ref);
            put_int(r, isms_entry_need(e), "%s need", ref);
            put_int(r, isms_entry_applicable(e), "%s applicable", ref);
            isms_period p = isms_entry_due(e);
            put_int(r, p.kind, "%s due kind", ref);
            put_int(r, p.end.year * 10000 + p.end.month * 100 + p.end.day, "%s due", ref);
        }
        isms_findings *f = NULL;
        put_rc(r, isms_findings_new(&f, a == 1 ? ISMS_LANG_EN : ISMS_LANG_SV), "findings");
        isms_date today = { 2025, 9, 1 };
        put_rc(r, isms_assessment_lint(f, all[a], a == 0 ? &today : NULL), "assessment lint");
        put_findings(r, f, "assessment lint");
        isms_findings_free(f);
    }
    isms_comparison *cmp = NULL;
    int rc = isms_assessment_compare(&cmp, w->prev, w->gap);
    put_rc(r, rc, "compare");
    size_t n = isms_comparison_count(cmp);
    put_int(r, (long long)n, "comparison rows");
    for (size_t i = 0; i < n; i++) {
        isms_delta d;
        put_rc(r, isms_comparison_get(&d, cmp, i), "comparison row");
        put_str(r, d.ref, "row %zu ref", i);
        put_str(r, d.origin, "row %zu origin", i);
        put_int(r, d.before, "row %zu before", i);
        put_int(r, d.after, "row %zu after", i);
        put_int(r, d.change, "row %zu change", i);
    }
    for (int c = 0; c < 5; c++)
        put_int(r, (long long)isms_comparison_count_change(cmp, (isms_change)c), "change %d", c);
    isms_comparison_free(cmp);
    cmp = NULL;
    put_rc(r, isms_assessment_compare(&cmp, w->gap, w->gap_imp), "compare across catalogs");
    isms_comparison_free(cmp);

    isms_findings *report = NULL;
    put_rc(r, isms_findings_new(&report, ISMS_LANG_EN), "findings");
    isms_assessment *conv = NULL;
    put_rc(r, isms_assessment_convert(&conv, w->gap, ISMS_EDITION_2013, report), "convert");
    put_int(r, (long long)isms_assessment_count(conv), "converted entries");
    for (size_t i = 0; i < isms_assessment_count(conv); i++) {
        const isms_entry *e = isms_assessment_at(conv, i);
        put_str(r, isms_entry_ref(e), "converted %zu", i);
        put_int(r, isms_entry_status(e), "converted %zu status", i);
        put_str(r, isms_entry_get(e, ISMS_FIELD_ORIGIN), "converted %zu origin", i);
    }
    put_findings(r, report, "convert report");
    isms_findings_free(report);
    isms_assessment_free(conv);
}

static void put_action(recorder *r, const isms_action *a, const char *what)
{
    const char *id = isms_action_id(a);
    put_str(r, id, "%s action", what);
    put_dbl(r, isms_action_score(a), "%s %s score", what, id);
    size_t nt = isms_action_term_count(a);
    put_int(r, (long long)nt, "%s %s terms", what, id);
    for (size_t t = 0; t < nt; t++) {
        isms_term term;
        put_rc(r, isms_action_term(&term, a, t), "term");
        put_int(r, term.kind, "%s %s term %zu kind", what, id, t);
        put_str(r, term.ref, "%s %s term %zu ref", what, id, t);
        put_dbl(r, term.value, "%s %s term %zu value", what, id, t);
        put_dbl(r, term.a, "%s %s term %zu a", what, id, t);
        put_dbl(r, term.b, "%s %s term %zu b", what, id, t);
    }
    for (int lang = 0; lang < 2; lang++) {
        char *text = NULL;
        int rc = isms_action_explain(&text, a, (isms_lang)lang);
        put_rc(r, rc, "explain");
        put_str(r, text, "%s %s explained in %d", what, id, lang);
        isms_free(text);
    }
}

static void observe_plans(recorder *r, const world *w)
{
    /* The shared plan, prioritised on the main thread, is only read. */
    size_t n = isms_plan_count(w->plan);
    put_int(r, (long long)n, "shared plan actions");
    for (size_t i = 0; i < n; i++)
        put_action(r, isms_plan_at(w->plan, i), "shared");
    isms_findings *f = NULL;
    put_rc(r, isms_findings_new(&f, ISMS_LANG_SV), "findings");
    put_rc(r, isms_plan_lint(f, w->plan, (isms_date){ 2025, 9, 1 }), "plan lint");
    put_findings(r, f, "plan lint");
    isms_findings_free(f);

    /* A private plan on the shared sources: prioritised and scheduled here. */
    isms_plan *p = build_plan(w);
    isms_priority pr = priority_weights();
    isms_action **order = NULL;
    size_t no = 0;
    put_rc(r, isms_plan_prioritise(&order, &no, p, &pr), "prioritise");
    put_int(r, (long long)no, "order count");
    for (size_t i = 0; i < no; i++)
        put_action(r, order[i], "private");
    isms_free(order);
    isms_schedule_options so = isms_schedule_options_default();
    so.start = (isms_date){ 2025, 1, 1 };
    so.unit = ISMS_PERIOD_TERTIAL;
    so.periods = 6;
    so.capacity = 60;
    const char *owners[] = { "IT" };
    const double owner_capacity[] = { 25 };
    so.owners = owners;
    so.owner_capacity = owner_capacity;
    so.owner_count = 1;
    so.priority = pr;
    isms_schedule *sch = NULL;
    int rc = isms_plan_schedule(&sch, p, &so);
    put_rc(r, rc, "schedule");
    if (rc == ISMS_OK) {
        size_t np = isms_schedule_period_count(sch);
        put_int(r, (long long)np, "periods");
        for (size_t k = 0; k < np; k++) {
            isms_period per;
            put_rc(r, isms_schedule_period(&per, sch, k), "period");
            put_int(r, per.start.year * 10000 + per.start.month * 100 + per.start.day,
                    "period %zu start", k);
            put_dbl(r, isms_schedule_capacity(sch, k), "period %zu capacity", k);
            put_dbl(r, isms_schedule_load(sch, k), "period %zu load", k);
            size_t items = isms_schedule_count(sch, k);
            put_int(r, (long long)items, "period %zu items", k);
            for (size_t j = 0; j < items; j++) {
                isms_slot slot;
                put_rc(r, isms_schedule_item(&slot, sch, k, j), "slot");
                put_str(r, isms_action_id(slot.action), "period %zu item %zu", k, j);
                put_dbl(r, slot.effort, "period %zu item %zu effort", k, j);
                put_int(r, slot.occurrences, "period %zu item %zu occurrences", k, j);
                put_int(r, slot.recurring, "period %zu item %zu recurring", k, j);
                put_int(r, slot.late, "period %zu item %zu late", k, j);
            }
        }
        size_t nu = isms_schedule_unscheduled_count(sch);
        put_int(r, (long long)nu, "unscheduled");
        for (size_t k = 0; k < nu; k++)
            put_str(r, isms_action_id(isms_schedule_unscheduled(sch, k)), "unscheduled %zu", k);
        put_findings(r, isms_schedule_findings(sch), "schedule");
        isms_schedule_free(sch);
    }
    isms_plan_free(p);

    /* A draft from the shared register and assessment. */
    p = NULL;
    put_rc(r, isms_plan_new(&p, 2025), "new plan");
    size_t added = 0;
    put_rc(r, isms_plan_draft(&added, p, w->reg, w->gap, ISMS_LANG_EN), "draft");
    put_int(r, (long long)added, "drafted");
    for (size_t i = 0; i < isms_plan_count(p); i++) {
        const isms_action *a = isms_plan_at(p, i);
        put_str(r, isms_action_id(a), "draft %zu", i);
        for (int fld = 0; fld < 4; fld++)
            put_str(r, isms_action_get(a, (isms_action_field)fld), "draft %zu field %d", i, fld);
    }
    put_rc(r, isms_plan_prioritise(NULL, NULL, p, NULL), "prioritise draft");
    for (size_t i = 0; i < isms_plan_count(p); i++)
        put_dbl(r, isms_action_score(isms_plan_at(p, i)), "draft %zu score", i);
    isms_plan_free(p);
}

static const char *const PERIOD_TEXTS[] = {
    "Q2 2025", "hösten", "31 mars 2026", "T3", "inför nästa verksamhetsplan", "2026",
    "feb. 2025", "första halvåret", "", "Q2 eller Q3 2024", "mars, dvs. 2025", "spring 2024",
    "end of 2025", "andra tertialet", "2024Q1", "March 31, 2024", "2025-02-30", "kvartal 4",
};

static void observe_parsing(recorder *r)
{
    for (size_t i = 0; i < N_VECTORS; i++) {
        const char *v = VECTORS[i];
        isms_rating rt;
        int rc = isms_rating_parse(&rt, v);
        put_rc(r, rc, v);
        if (rc == ISMS_OK)
            put_rating(r, &rt, v);
        char buf[256];
        if (strncmp(v, "CVSS:", 5) == 0) {
            isms_cvss c;
            rc = isms_cvss_parse(&c, v);
            put_rc(r, rc, v);
            if (rc == ISMS_OK) {
                put_dbl(r, c.score, "%s score", v);
                put_dbl(r, c.base, "%s base", v);
                put_dbl(r, c.temporal, "%s temporal", v);
                put_dbl(r, c.environmental, "%s environmental", v);
                put_int(r, c.severity, "%s severity", v);
                put_int(r, c.nomenclature, "%s nomenclature", v);
                put_str(r, c.macrovector, "%s macrovector", v);
                put_dbl(r, isms_cvss_normalized(&c), "%s normalised", v);
                put_rc(r, isms_cvss_format(buf, sizeof buf, &c), "cvss format");
                put_str(r, buf, "%s formatted", v);
                const char *val = NULL;
                put_rc(r, isms_cvss_metric(&val, &c, "AV"), "cvss metric");
                put_str(r, val, "%s AV", v);
            }
        } else if (v[0] == 'D') {
            isms_dread d;
            rc = isms_dread_parse(&d, v);
            put_rc(r, rc, v);
            if (rc == ISMS_OK) {
                put_rc(r, isms_dread_format(buf, sizeof buf, &d), "dread format");
                put_str(r, buf, "%s formatted", v);
            }
        } else if (v[0] == 'S' || v[0] == '(') {
            isms_owasp o;
            rc = isms_owasp_parse(&o, v);
            put_rc(r, rc, v);
            if (rc == ISMS_OK) {
                put_rc(r, isms_owasp_format(buf, sizeof buf, &o), "owasp format");
                put_str(r, buf, "%s formatted", v);
            }
        }
    }
    for (size_t i = 0; i < sizeof PERIOD_TEXTS / sizeof *PERIOD_TEXTS; i++) {
        isms_period p;
        memset(&p, 0, sizeof p);
        const char *t = PERIOD_TEXTS[i];
        put_rc(r, isms_period_parse(&p, t, 2025), t);
        put_int(r, p.kind, "%s kind", t);
        put_int(r, p.start.year * 10000 + p.start.month * 100 + p.start.day, "%s start", t);
        put_int(r, p.end.year * 10000 + p.end.month * 100 + p.end.day, "%s end", t);
        put_int(r, p.year_assumed, "%s year assumed", t);
        put_int(r, (long long)p.offset, "%s offset", t);
        put_int(r, (long long)p.length, "%s length", t);
        char buf[64];
        put_rc(r, isms_period_format(buf, sizeof buf, &p), "period format");
        put_str(r, buf, "%s formatted", t);
        put_int(r, isms_period_overdue(&p, (isms_date){ 2025, 7, 1 }), "%s overdue", t);
    }
    static const char *const dates[] = { "2024-02-29", "2023-02-29", "2025-13-01",
                                         " 2025-06-30 ", "1899-12-31", "30/6 2025" };
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
        isms_date d = { 0, 0, 0 };
        put_rc(r, isms_date_parse(&d, dates[i]), dates[i]);
        put_int(r, d.year * 10000 + d.month * 100 + d.day, "date %s", dates[i]);
    }
    put_int(r, isms_date_diff((isms_date){ 2024, 1, 1 }, (isms_date){ 2025, 3, 1 }), "diff");
    static const char *const labels[] = {
        "Ja",         "DELVIS",    "nej",            "Ej tillämplig", "N/A",
        "ej  bedömd", "Hög",       "HÖG",            "medel",         "låg",
        "Ingen",      "Reducera",  "accept",         "undvik",        "Dela",
        "transfer",   "K",         "Riktighet",      "tillgänglighet", "T",
        "Spårbarhet", "behandlar", "är beroende av", "stored at",     "driftar",
        "IT-system",  "Tjänst",    "leverantör",     "lokal",         "Öppen",
        "under åtgärd", "accepted", "STÄNGD",        "sv-SE",         "English",
        "kanske",
    };
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
        const char *t = labels[i];
        isms_status st = (isms_status)99;
        isms_need nd = (isms_need)99;
        isms_treatment tr = (isms_treatment)99;
        isms_aspect as = (isms_aspect)99;
        isms_relkind rk = (isms_relkind)99;
        isms_asset_type at = (isms_asset_type)99;
        isms_risk_status rs = (isms_risk_status)99;
        isms_lang lg = (isms_lang)99;
        put_rc(r, isms_status_parse(&st, t), t);
        put_rc(r, isms_need_parse(&nd, t), t);
        put_rc(r, isms_treatment_parse(&tr, t), t);
        put_rc(r, isms_aspect_parse(&as, t), t);
        put_rc(r, isms_relkind_parse(&rk, t), t);
        put_rc(r, isms_asset_type_parse(&at, t), t);
        put_rc(r, isms_risk_status_parse(&rs, t), t);
        put_rc(r, isms_lang_parse(&lg, t), t);
        put_int(r, st, "%s status", t);
        put_int(r, nd, "%s need", t);
        put_int(r, tr, "%s treatment", t);
        put_int(r, as, "%s aspect", t);
        put_int(r, rk, "%s relation", t);
        put_int(r, at, "%s asset type", t);
        put_int(r, rs, "%s risk status", t);
        put_int(r, lg, "%s language", t);
        put_int(r, isms_text_casecmp(t, "hög"), "%s casecmp hög", t);
        put_int(r, isms_text_matches(t, "ej bedömd"), "%s matches", t);
        put_int(r, (long long)isms_text_width(t, strlen(t)), "%s width", t);
        double days = -1;
        isms_effort_size size = ISMS_EFFORT_UNSIZED;
        put_rc(r, isms_effort_parse(&days, &size, i % 2 ? "XL" : t), "effort");
    }
}

/* What the io layer writes from const objects (the document as JSON, CSV tables and OSCAL;
 * the shared objects as CSV and OSCAL), what it reads back from that into new objects (on
 * the shared matrix and scheme, which these then hold references to), and the document's own
 * simulation. */
static void put_text(recorder *r, int rc, const char *text, size_t len, const char *what)
{
    put_rc(r, rc, what);
    put_str(r, text, "%s: text", what);
    put_int(r, rc == ISMS_OK ? (long long)len : -1, "%s: length", what);
}

/* The notes of a reader, then frees them. */
static void put_notes(recorder *r, isms_findings *notes, const char *what)
{
    put_findings(r, notes, what);
    isms_findings_free(notes);
}

static isms_findings *notes_list(void)
{
    isms_findings *f = NULL;
    return isms_findings_new(&f, ISMS_LANG_SV) == ISMS_OK ? f : NULL;
}

static void observe_io(recorder *r, const world *w)
{
    char *t = NULL, *back = NULL;
    size_t n = 0, nb = 0;
    int rc = isms_document_write(&t, &n, w->doc);
    put_text(r, rc, t, n, "document JSON");
    isms_document *doc = NULL;
    rc = isms_document_parse(&doc, t, n, "dokument.json", NULL);
    put_rc(r, rc, "document read back");
    rc = isms_document_write(&back, &nb, doc);
    put_text(r, rc, back, nb, "document written again");
    isms_free(back);
    isms_document_free(doc);
    isms_free(t);
    for (int kind = ISMS_TABLE_GAP; kind <= ISMS_TABLE_ACTIONS; kind++)
        for (int lang = 0; lang < 2; lang++) {
            t = NULL;
            rc = isms_document_export_csv(&t, &n, w->doc, (isms_table_kind)kind, 0,
                                          (isms_lang)lang, lang ? ISMS_CSV_COMMA | ISMS_CSV_LF : 0);
            put_text(r, rc, t, n, "document CSV");
            isms_free(t);
        }
    for (int kind = 0; kind < 3; kind++) {
        t = NULL;
        rc = isms_document_write_oscal(&t, &n, w->doc, (isms_oscal_kind)kind);
        put_text(r, rc, t, n, "document OSCAL");
        isms_free(t);
    }

    t = NULL;
    rc = isms_register_write_csv(&t, &n, w->reg, ISMS_LANG_SV, 0);
    put_text(r, rc, t, n, "register CSV");
    isms_findings *notes = notes_list();
    isms_register *reg = NULL;
    put_rc(r, isms_register_parse_csv(&reg, t, n, "risker.csv", w->matrix, notes),
           "register read back");
    put_notes(r, notes, "register read back");
    put_int(r, isms_register_matrix(reg) == w->matrix, "register read back on the matrix");
    isms_free(t);
    t = NULL;
    rc = isms_register_write_csv(&t, &n, reg, ISMS_LANG_SV, 0);
    put_text(r, rc, t, n, "register written again");
    isms_free(t);
    isms_register_free(reg);

    t = NULL;
    rc = isms_inventory_write_csv(&t, &n, w->inv, ISMS_LANG_EN, ISMS_CSV_TAB);
    put_text(r, rc, t, n, "inventory CSV");
    notes = notes_list();
    isms_inventory *inv = NULL;
    put_rc(r, isms_inventory_parse_csv(&inv, t, n, "tillgångar.csv", w->scheme, notes),
           "inventory read back");
    put_notes(r, notes, "inventory read back");
    isms_free(t);
    t = NULL;
    rc = isms_inventory_write_csv(&t, &n, inv, ISMS_LANG_EN, ISMS_CSV_TAB);
    put_text(r, rc, t, n, "inventory written again");
    isms_free(t);
    isms_inventory_free(inv);

    t = NULL;
    rc = isms_assessment_write_csv(&t, &n, w->gap, ISMS_LANG_SV, ISMS_CSV_NO_BOM);
    put_text(r, rc, t, n, "assessment CSV");
    notes = notes_list();
    isms_assessment *as = NULL;
    put_rc(r, isms_assessment_parse_csv(&as, t, n, "gap.csv", ISMS_EDITION_UNKNOWN, 2025, notes),
           "assessment read back");
    put_notes(r, notes, "assessment read back");
    isms_free(t);
    t = NULL;
    rc = isms_assessment_write_csv(&t, &n, as, ISMS_LANG_SV, ISMS_CSV_NO_BOM);
    put_text(r, rc, t, n, "assessment written again");
    isms_free(t);
    isms_assessment_free(as);

    t = NULL;
    rc = isms_plan_write_csv(&t, &n, w->plan, ISMS_LANG_EN, 0);
    put_text(r, rc, t, n, "plan CSV");
    notes = notes_list();
    isms_plan *plan = NULL;
    put_rc(r, isms_plan_parse_csv(&plan, t, n, "plan.csv", 2025, notes), "plan read back");
    put_notes(r, notes, "plan read back");
    isms_free(t);
    t = NULL;
    rc = isms_plan_write_csv(&t, &n, plan, ISMS_LANG_EN, 0);
    put_text(r, rc, t, n, "plan written again");
    isms_free(t);
    isms_plan_free(plan);

    t = NULL;
    rc = isms_catalog_write_oscal(&t, &n, w->catalog);
    put_text(r, rc, t, n, "catalog OSCAL");
    isms_catalog *cat = NULL;
    put_rc(r, isms_catalog_parse_oscal(&cat, t, n, "katalog.json"), "catalog read back");
    isms_free(t);
    t = NULL;
    rc = isms_catalog_write_oscal(&t, &n, cat);
    put_text(r, rc, t, n, "catalog written again");
    isms_free(t);
    isms_catalog_free(cat);

    isms_simulation *sim = NULL;
    rc = isms_document_simulate(&sim, w->doc, true);
    put_rc(r, rc, "document simulation");
    if (rc == ISMS_OK)
        put_simulation(r, sim, "document simulation");
    isms_simulation_free(sim);
}

/* References taken and dropped on the shared matrix, scheme and catalog: directly, and through
 * registers, inventories and assessments that take their own. */
static void churn(recorder *r, const world *w)
{
    for (int k = 0; k < 50; k++) {
        isms_matrix *m = isms_matrix_ref(k % 2 ? w->matrix : isms_register_matrix(w->reg));
        isms_score s = { 0, 0, 0 };
        int l = k % 5 + 1, c = (k / 5) % 5 + 1;
        if (isms_matrix_score(&s, m, l, c) != ISMS_OK || s.value != GRID[(l - 1) * 5 + c - 1])
            note_failure(r, "matrix from a new reference scores %d/%d as %d", l, c, s.value);
        isms_matrix_free(m);

        isms_scheme *sc = isms_scheme_ref(w->scheme);
        if (!isms_scheme_valid(sc, ISMS_ASPECT_TRACEABILITY, 2))
            note_failure(r, "scheme from a new reference lost its traceability level 2");
        isms_scheme_free(sc);

        const isms_catalog *cat = isms_catalog_ref(k % 2 ? w->catalog
                                                         : isms_assessment_catalog(w->gap_imp));
        if (isms_catalog_count(cat) != 7)
            note_failure(r, "catalog from a new reference has %zu items", isms_catalog_count(cat));
        isms_catalog_free(cat);
    }
    isms_register *reg = NULL;
    put_rc(r, isms_register_new(&reg, w->matrix), "churn: register");
    for (int l = 1; l <= 5; l++) {
        char id[8];
        snprintf(id, sizeof id, "C%d", l);
        isms_risk *k = NULL;
        put_rc(r, isms_register_add(&k, reg, id, "x", l, 6 - l), "churn: add");
        put_int(r, isms_risk_value(k, ISMS_INHERENT), "churn: value of %s", id);
    }
    isms_register_free(reg);

    isms_inventory *inv = NULL;
    put_rc(r, isms_inventory_new(&inv, w->scheme), "churn: inventory");
    isms_asset *a = NULL;
    put_rc(r, isms_inventory_add(&a, inv, "X", "x", ISMS_ASSET_INFORMATION), "churn: asset");
    put_rc(r, isms_asset_set_pdata(a, ISMS_PDATA_SPECIAL, ISMS_SPECIAL_HEALTH), "churn: pdata");
    put_rc(r, isms_inventory_classify(inv), "churn: classify");
    put_provenance(r, a, "churn");
    isms_inventory_free(inv);

    isms_assessment *as = NULL;
    put_rc(r, isms_assessment_new_catalog(&as, w->catalog, 2025, ISMS_SCOPE_BOTH),
           "churn: assessment");
    put_rc(r, isms_assessment_add_all(as), "churn: add all");
    put_assessment_summary(r, as, "churn");
    isms_assessment *copy = NULL;
    put_rc(r, isms_assessment_copy(&copy, w->gap_imp), "churn: copy");
    put_int(r, isms_assessment_catalog(copy) == w->catalog, "churn: copy's catalog");
    isms_assessment_free(as);
    isms_assessment_free(copy);
}

static void observe(recorder *r, const world *w, unsigned sim_threads)
{
    observe_matrix(r, w->matrix);
    observe_register(r, w->reg);
    observe_inventory(r, w->inv, "shared");
    classify_copy(r, w->inv);
    observe_quant(r, w, sim_threads);
    observe_assessments(r, w);
    observe_plans(r, w);
    observe_parsing(r);
    observe_io(r, w);
    churn(r, w);
}

/* ---- the workers ---------------------------------------------------------------------------- */

typedef struct expected_error {
    int rc, code;
    char message[1024];
    char source[256];
    bool has_source;
    unsigned line, column;
} expected_error;

typedef struct shared_run {
    const world *w;
    const recorder *expect;     /* of observe() */
    const recorder *expect_sim; /* of put_simulation() on a fresh simulation */
    isms_simulation **fresh;    /* one per round, not yet queried */
    expected_error errors[N_THREADS][ERROR_KINDS];
    unsigned rounds;
    pthread_barrier_t barrier;
} shared_run;

typedef struct worker {
    pthread_t thread;
    unsigned id;
    shared_run *run;
    recorder rec;
    unsigned long error_checks;
} worker;

static void check_last_error(worker *wk, const expected_error *x, const char *when)
{
    const isms_error *e = isms_error_last();
    wk->error_checks++;
    bool same = e->code == x->code && strcmp(e->message, x->message) == 0 &&
                e->line == x->line && e->column == x->column &&
                (x->has_source ? e->source && strcmp(e->source, x->source) == 0 : !e->source);
    if (!same)
        note_failure(&wk->rec, "thread %u, %s: last error %d \"%s\" (%s %u:%u), expected %d \"%s\"",
                     wk->id, when, e->code, e->message, e->source ? e->source : "-", e->line,
                     e->column, x->code, x->message);
}

static void *work(void *arg)
{
    worker *wk = arg;
    shared_run *run = wk->run;
    static const expected_error cleared = { 0, ISMS_OK, "", "", false, 0, 0 };
    for (unsigned round = 0; round < run->rounds; round++) {
        /* Errors in step: every thread provokes its own at once, odd threads then clear
         * theirs, and each checks that its last error is what it left there. */
        unsigned kind = (wk->id + round) % ERROR_KINDS;
        const expected_error *mine = &run->errors[wk->id][kind];
        int rc = provoke(run->w, wk->id, kind);
        if (rc != mine->rc)
            note_failure(&wk->rec, "thread %u: provoking error %u gave %d, expected %d", wk->id,
                         kind, rc, mine->rc);
        pthread_barrier_wait(&run->barrier);
        check_last_error(wk, mine, "after every thread set its error");
        if (wk->id % 2)
            isms_error_clear();
        pthread_barrier_wait(&run->barrier);
        check_last_error(wk, wk->id % 2 ? &cleared : mine, "after odd threads cleared theirs");

        /* Everything, compared with the main thread's record. */
        wk->rec.pos = 0;
        observe(&wk->rec, run->w, 1 + (wk->id + round) % 3);
        if (wk->rec.pos != run->expect->n)
            note_failure(&wk->rec, "thread %u made %zu observations, the main thread %zu",
                         wk->id, wk->rec.pos, run->expect->n);

        /* All at once on a simulation nobody has queried: the first query sorts. */
        pthread_barrier_wait(&run->barrier);
        recorder sim_rec = { .expect = run->expect_sim };
        put_simulation(&sim_rec, run->fresh[round], "fresh simulation");
        if (sim_rec.pos != run->expect_sim->n)
            note_failure(&sim_rec, "thread %u made %zu observations of the fresh simulation, "
                         "the main thread %zu", wk->id, sim_rec.pos, run->expect_sim->n);
        if (sim_rec.failures)
            note_failure(&wk->rec, "%s", sim_rec.first);
        wk->rec.failures += sim_rec.failures ? sim_rec.failures - 1 : 0;
    }
    return NULL;
}

/* ---- the tests ------------------------------------------------------------------------------ */

static world W;

static int setup(void **state)
{
    (void)state;
    W.matrix = build_matrix();
    W.reg = build_register(W.matrix);
    W.scheme = build_scheme();
    W.inv = build_inventory(W.scheme);
    build_models(W.models);
    if (isms_catalog_parse_oscal(&W.catalog, OSCAL_CATALOG, strlen(OSCAL_CATALOG),
                                 "stad.json") != ISMS_OK)
        fail_msg("catalog: %s", isms_error_last()->message);
    assert_int_equal(isms_assessment_new(&W.gap, ISMS_EDITION_2022, 2025, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    fill_assessment(W.gap, 11);
    assert_int_equal(isms_assessment_new(&W.prev, ISMS_EDITION_2013, 2024, ISMS_SCOPE_BOTH),
                     ISMS_OK);
    fill_assessment(W.prev, 23);
    assert_int_equal(isms_assessment_new_catalog(&W.gap_imp, W.catalog, 2025,
                                                 ISMS_SCOPE_ANNEX_A),
                     ISMS_OK);
    fill_assessment(W.gap_imp, 5);
    W.plan = build_plan(&W);
    isms_priority pr = priority_weights();
    if (isms_plan_prioritise(NULL, NULL, W.plan, &pr) != ISMS_OK)
        fail_msg("prioritise: %s", isms_error_last()->message);
    if (isms_document_load(&W.doc, ISMS_TEST_DATA "/doc-load/full.json", NULL) != ISMS_OK)
        fail_msg("document: %s", isms_error_last()->message);
    W.scheme_refs = atomic_load(&W.scheme->refs);
    W.catalog_refs = atomic_load(&isms__imported_cat(W.catalog)->refs);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    isms_document_free(W.doc);
    isms_plan_free(W.plan);
    isms_assessment_free(W.gap_imp);
    isms_assessment_free(W.prev);
    isms_assessment_free(W.gap);
    isms_catalog_free(W.catalog);
    for (size_t i = 0; i < N_MODELS; i++)
        isms_fair_free(W.models[i]);
    isms_inventory_free(W.inv);
    isms_scheme_free(W.scheme);
    isms_register_free(W.reg);
    isms_matrix_free(W.matrix);
    return 0;
}

static unsigned rounds_wanted(void)
{
    const char *s = getenv("ISMS_THREADS_ROUNDS");
    if (s && *s) {
        long n = strtol(s, NULL, 10);
        return n < 1 ? 1 : n > MAX_ROUNDS ? MAX_ROUNDS : (unsigned)n;
    }
    return getenv("ISMS_UNDER_VALGRIND") ? 2 : 6;
}

/* The record is what it claims to be: the objects are what was built (a few values checked
 * by hand), and observing twice on one thread gives the same record, so a difference between
 * threads can only come from running at once. */
static void test_the_record_is_deterministic_on_one_thread(void **state)
{
    (void)state;
    recorder rec = { 0 };
    observe(&rec, &W, 1);
    assert_true(rec.n > 10000);
    assert_int_equal(isms_register_count(W.reg), N_RISKS + N_GENERATED_RISKS);
    isms_score s;
    assert_int_equal(isms_risk_score(&s, isms_register_find(W.reg, "R1"), ISMS_INHERENT),
                     ISMS_OK);
    assert_int_equal(s.value, 22); /* likelihood 4, consequence 5 on the grid */
    assert_int_equal(s.band, 3);   /* critical: bands are sorted by value */
    isms_provenance p;
    assert_int_equal(isms_asset_effective(&p, isms_inventory_find(W.inv, "S02"),
                                          ISMS_ASPECT_CONFIDENTIALITY),
                     ISMS_OK);
    assert_int_equal(p.origin, ISMS_ORIGIN_OVERRIDDEN);
    assert_true(p.cycle);
    assert_int_equal(p.level, 1);
    recorder again = { .expect = &rec };
    observe(&again, &W, 3); /* another number of simulation threads: the same results */
    if (again.failures)
        fail_msg("%lu differences, the first: %s", again.failures, again.first);
    assert_int_equal(again.pos, rec.n);
    recorder_clear(&rec);
}

static void test_threads_reading_shared_objects_get_the_single_thread_results(void **state)
{
    (void)state;
    static shared_run run;
    memset(&run, 0, sizeof run);
    run.w = &W;
    run.rounds = rounds_wanted();

    /* Expected results, on this thread alone. */
    recorder expect = { 0 }, expect_sim = { 0 };
    observe(&expect, &W, 1);
    isms_simulation *ref = simulate(&W, 1);
    assert_non_null(ref);
    put_simulation(&expect_sim, ref, "fresh simulation");
    isms_simulation_free(ref);
    run.expect = &expect;
    run.expect_sim = &expect_sim;
    for (unsigned t = 0; t < N_THREADS; t++)
        for (unsigned k = 0; k < ERROR_KINDS; k++) {
            expected_error *x = &run.errors[t][k];
            isms_error_clear();
            x->rc = provoke(&W, t, k);
            assert_int_not_equal(x->rc, ISMS_OK);
            const isms_error *e = isms_error_last();
            x->code = e->code;
            snprintf(x->message, sizeof x->message, "%s", e->message);
            x->has_source = e->source != NULL;
            snprintf(x->source, sizeof x->source, "%s", e->source ? e->source : "");
            x->line = e->line;
            x->column = e->column;
            assert_true(x->message[0] != '\0');
        }
    /* The messages differ between threads, so that a clobbered one shows. */
    assert_string_not_equal(run.errors[0][0].message, run.errors[1][0].message);
    assert_string_equal(run.errors[3][1].source, "tråd-3.json");
    assert_int_not_equal(run.errors[3][1].line, run.errors[4][1].line);
    assert_string_equal(run.errors[2][5].source, "/finns-inte/tråd-2.json");
    assert_non_null(strstr(run.errors[2][5].message, "tråd-2.json"));

    run.fresh = calloc(run.rounds, sizeof *run.fresh);
    assert_non_null(run.fresh);
    for (unsigned i = 0; i < run.rounds; i++) {
        run.fresh[i] = simulate(&W, 1);
        assert_non_null(run.fresh[i]);
    }
    assert_int_equal(pthread_barrier_init(&run.barrier, NULL, N_THREADS), 0);
    static worker workers[N_THREADS];
    memset(workers, 0, sizeof workers);
    for (unsigned t = 0; t < N_THREADS; t++) {
        workers[t].id = t;
        workers[t].run = &run;
        workers[t].rec.expect = &expect;
        assert_int_equal(pthread_create(&workers[t].thread, NULL, work, &workers[t]), 0);
    }
    unsigned long failures = 0;
    const char *first = NULL;
    for (unsigned t = 0; t < N_THREADS; t++) {
        assert_int_equal(pthread_join(workers[t].thread, NULL), 0);
        failures += workers[t].rec.failures;
        if (workers[t].rec.failures && !first)
            first = workers[t].rec.first;
        assert_int_equal(workers[t].error_checks, 2 * run.rounds);
    }
    if (failures)
        fail_msg("%lu differences from the single-thread results; the first: %s", failures,
                 first);
    pthread_barrier_destroy(&run.barrier);
    for (unsigned i = 0; i < run.rounds; i++)
        isms_simulation_free(run.fresh[i]);
    free(run.fresh);

    /* Every reference the threads took was dropped again. */
    assert_int_equal(atomic_load(&W.scheme->refs), W.scheme_refs);
    assert_int_equal(atomic_load(&isms__imported_cat(W.catalog)->refs), W.catalog_refs);
    recorder_clear(&expect);
    recorder_clear(&expect_sim);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_record_is_deterministic_on_one_thread),
        cmocka_unit_test(test_threads_reading_shared_objects_get_the_single_thread_results),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
