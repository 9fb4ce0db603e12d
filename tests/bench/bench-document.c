/* Loading and saving a 100 MB ISMS document, against jansson's own parse of the same file;
 * and the management review of 10,000 risks.
 *
 * usage: bench-document [SCALE [ROUNDS]]
 *        (default scale 1: about 100 MB; 3 rounds, the best of which is printed)
 *
 * (a) Document. A document is built through the public API, as a city system would fill one:
 *     90,000 risks (× SCALE) with titles, consequence and treatment texts, owners, residual
 *     levels, stated values, 2 % with a CVSS vector and 200 with a FAIR model; ten years of
 *     gap analyses against ISO/IEC 27001:2022 (every clause and Annex A control, with
 *     comments, plans, owners, due dates and the Statement of Applicability); 45,000 assets
 *     (half of them information with levels, personal data and the register of processing)
 *     with about 58,000 relations; 45,000 actions with targets, prerequisites, efforts and due
 *     dates. Its JSON text is about 100 MB. Timed, best of ROUNDS:
 *     - isms_document_write(): the text in memory;
 *     - isms_document_save(): the same to a file (temporary file, fsync, rename);
 *     - isms_document_load(): reading the file back into a document;
 *     - isms_document_parse(): the same from memory, without the file;
 *     - jansson's json_load_file() and json_loadb() of the same text with the flags the loader
 *       gives it (a tree of JSON values only: no checks, no document), for comparison.
 *     MB/s are of the text's bytes (10^6 bytes per MB). The results are checked: the file
 *     holds exactly the written text, and the loaded document writes exactly the same text
 *     again (so the figures are of a loader that lost nothing).
 * (b) Report. A document of 10,000 risks (with 20 models, two years of gap analyses, 2,000
 *     assets and 1,000 actions): isms_report_write() in HTML and as text, the quantitative
 *     models simulated on the way (10,000 years). Checked: the report is the same bytes every
 *     time (it is deterministic), and names the organisation.
 *
 * (c) An empty document: isms_document_new() + isms_document_free(), and the two presets it is
 *     made of (isms_scheme_preset("klassa"), isms_matrix_preset("4x4")), in microseconds per
 *     call over 20,000 calls. Checked: the document is empty and has the default scheme.
 *
 * Peak resident memory (getrusage) is printed after each part. The key figures are also printed
 * as result lines for tests/bench/run-all.py. The program fails only when a result is wrong,
 * never because of a time.
 */
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-util.h"
#include "isms.h"

enum { SEED = 20241115 };

static const char *const ORG = "Exempelstads kommun";

/* ---- reporting -------------------------------------------------------------------------- */

static int fail(const char *what)
{
    const isms_error *e = isms_error_last();
    fflush(stdout);
    fprintf(stderr, "bench-document: %s: %s (%s)\n", what, isms_strerror(e->code), e->message);
    return 1;
}

/* A wrong result: says what, and returns 1. */
static int wrong(const char *what)
{
    fflush(stdout);
    fprintf(stderr, "bench-document: %s\n", what);
    return 1;
}

static void header(void)
{
    printf("%-52s %9s %10s %12s\n", "phase (best of the rounds)", "seconds", "MB/s", "bytes");
}

/* A row of the table; MB/s only where `rate` (the bytes are the JSON text read or written). */
static void row(const char *phase, double seconds, size_t bytes, bool rate)
{
    printf("%-52s %9.3f ", phase, seconds);
    if (rate && bytes && seconds > 0)
        printf("%10.1f", (double)bytes / 1e6 / seconds);
    else
        print_right("–", 10);
    printf(" %12zu\n", bytes);
}

/* ---- generating ------------------------------------------------------------------------- */

#define PICK(list, s) ((list)[next_rand(s) % (sizeof(list) / sizeof((list)[0]))])

static const char *const threats[] = {
    "Nätfiske mot medarbetare", "Utpressningsvirus", "Obehörig åtkomst", "Felaktig behörighet",
    "Avbrott hos leverantören", "Personuppgifter till fel mottagare", "Sårbarhet utnyttjas",
    "Strömavbrott", "Borttappad dator", "Bristande loggning", "Felaktig gallring",
    "Överföring till tredje land"};
static const char *const systems[] = {
    "Omsorgsportalen", "e-tjänsteplattformen", "ekonomisystemet", "personalsystemet",
    "e-arkivet", "diariet", "skolplattformen", "kommunnätet", "intranätet", "växeln"};
static const char *const consequences[] = {
    ("Sekretessbelagda uppgifter om enskilda röjs; personuppgiftsincident som ska anmälas till "
     "IMY inom 72 timmar."),
    "Verksamheten står still i flera dagar och går över till pappersrutiner.",
    "Felaktiga beslut fattas på ofullständiga uppgifter.",
    "Förtroendet för kommunen skadas och uppgifter måste återskapas."};
static const char *const treatments[] = {
    "Tvåfaktorsinloggning och utbildning för alla medarbetare.",
    "Återläsningstest varje tertial och reservrutiner på papper.",
    "Kvartalsvis granskning av behörigheter och loggkontroll med stickprov.",
    "Krav i avtalet och årlig uppföljning av leverantören."};
static const char *const owners[] = {
    "IT-avdelningen", "Informationssäkerhetssamordnare", "Förvaltningschef", "HR-chef",
    "Dataskyddsombud", "Upphandlingsenheten", "Systemförvaltare", "Verksamhetschef IFO"};
static const char *const dues[] = {
    "Q1 2025", "Q3 2025", "T2 2025", "hösten 2025", "våren 2026", "2026-03-31", "mars 2027",
    "2027", "under 2026 med uppföljning i tertialrapporterna", "inför nästa verksamhetsplan"};
static const char *const vectors[] = {
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
    "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.1/AV:L/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:N",
    "SL:5/M:4/O:6/S:4/ED:3/EE:4/A:4/ID:6/LC:6/LI:2/LAV:1/LAC:8/FD:2/RD:5/NC:7/PV:6"};

/* Counts of what a generated document holds. */
typedef struct sizes {
    unsigned risks, models, years, assets, actions;
} sizes;

static int build_risks(isms_document *doc, const sizes *n, uint64_t *s)
{
    isms_register *reg = isms_document_register(doc);
    char id[32], title[256];
    for (unsigned i = 0; i < n->risks; i++) {
        snprintf(id, sizeof id, "R%06u", i + 1);
        snprintf(title, sizeof title, "%s i %s (nr %u)", PICK(threats, s), PICK(systems, s), i);
        int l = 1 + (int)(next_rand(s) % 4), c = 1 + (int)(next_rand(s) % 4);
        isms_risk *r;
        if (isms_register_add(&r, reg, id, title, l, c) != ISMS_OK)
            return fail("isms_register_add");
        if (isms_risk_set_consequence_text(r, PICK(consequences, s)) != ISMS_OK ||
            isms_risk_set_owner(r, PICK(owners, s)) != ISMS_OK)
            return fail("isms_risk_set_…");
        unsigned k = next_rand(s) % 100;
        if (k < 60 && isms_risk_set_residual(r, 1 + (int)(next_rand(s) % (unsigned)l),
                                             1 + (int)(next_rand(s) % (unsigned)c)) != ISMS_OK)
            return fail("isms_risk_set_residual");
        if (k < 50 && isms_risk_set_stated_value(r, k < 3 ? l * c + 1 : l * c) != ISMS_OK)
            return fail("isms_risk_set_stated_value");
        isms_treatment t = (isms_treatment)(next_rand(s) % 5);
        if (isms_risk_set_treatment(r, t, t == ISMS_TREATMENT_NONE ? NULL : PICK(treatments, s))
            != ISMS_OK)
            return fail("isms_risk_set_treatment");
        if (isms_risk_set_status(r, (isms_risk_status)(next_rand(s) % 5)) != ISMS_OK)
            return fail("isms_risk_set_status");
        if (k >= 98 && isms_risk_set_vector(r, PICK(vectors, s)) != ISMS_OK)
            return fail("isms_risk_set_vector");
    }
    /* Models on evenly spread risks: a PERT frequency, a lognormal primary loss in SEK and
     * for every other one a secondary loss. */
    for (unsigned m = 0; m < n->models && n->risks; m++) {
        unsigned i = (unsigned)((uint64_t)m * n->risks / n->models);
        snprintf(id, sizeof id, "R%06u", i + 1);
        isms_fair *f = NULL;
        isms_dist d;
        if (isms_fair_new(&f, id) != ISMS_OK)
            return fail("isms_fair_new");
        double low = 0.01 * (1 + m % 7);
        if (isms_dist_pert(&d, low, low * 3, low * 10, ISMS_PERT_GAMMA_DEFAULT,
                           ISMS_PERT_CLASSIC) != ISMS_OK ||
            isms_fair_set(f, ISMS_FAIR_LEF, &d) != ISMS_OK ||
            isms_dist_lognormal90(&d, 20000.0 * (1 + m % 5), 2500000.0) != ISMS_OK ||
            isms_fair_set(f, ISMS_FAIR_PL, &d) != ISMS_OK)
            return fail("a model's distributions");
        if (m % 2 && (isms_dist_uniform(&d, 0.1, 0.5) != ISMS_OK ||
                      isms_fair_set(f, ISMS_FAIR_SLEF, &d) != ISMS_OK ||
                      isms_dist_lognormal90(&d, 50000, 1500000) != ISMS_OK ||
                      isms_fair_set(f, ISMS_FAIR_SLEM, &d) != ISMS_OK))
            return fail("a model's secondary loss");
        if (m % 3 == 0 && isms_fair_set_events(f, true) != ISMS_OK)
            return fail("isms_fair_set_events");
        if (isms_document_set_model(doc, id, f) != ISMS_OK) {
            isms_fair_free(f);
            return fail("isms_document_set_model");
        }
    }
    return 0;
}

static int build_assessments(isms_document *doc, const sizes *n, uint64_t *s)
{
    char text[256];
    for (unsigned y = 0; y < n->years; y++) {
        int year = 2024 - (int)n->years + 1 + (int)y;
        isms_assessment *a = NULL;
        if (isms_assessment_new(&a, ISMS_EDITION_2022, year, ISMS_SCOPE_BOTH) != ISMS_OK ||
            isms_assessment_add_all(a) != ISMS_OK)
            return fail("isms_assessment_new");
        if (isms_assessment_set_date(a, (isms_date){ year, 10, 15 }) != ISMS_OK)
            return fail("isms_assessment_set_date");
        for (size_t k = 0; k < isms_assessment_count(a); k++) {
            isms_entry *e = isms_assessment_at(a, k);
            isms_status st = (isms_status)(1 + next_rand(s) % 3);
            if (isms_entry_set_status(e, st) != ISMS_OK)
                return fail("isms_entry_set_status");
            snprintf(text, sizeof text, "Bedömt %d av %s: rutinen finns men följs inte upp i "
                     "alla enheter.", year, PICK(owners, s));
            if (isms_entry_set(e, ISMS_FIELD_COMMENT, text) != ISMS_OK)
                return fail("isms_entry_set");
            if (st != ISMS_STATUS_YES &&
                (isms_entry_set_need(e, (isms_need)(2 + next_rand(s) % 3)) != ISMS_OK ||
                 isms_entry_set(e, ISMS_FIELD_PLAN, PICK(treatments, s)) != ISMS_OK ||
                 isms_entry_set(e, ISMS_FIELD_OWNER, PICK(owners, s)) != ISMS_OK ||
                 isms_entry_set(e, ISMS_FIELD_DUE, PICK(dues, s)) != ISMS_OK))
                return fail("isms_entry_set (plan)");
            if (isms_entry_ref(e)[0] == 'A') {
                if (isms_entry_set_applicability(e, ISMS_APPLICABILITY_APPLICABLE) != ISMS_OK ||
                    isms_entry_set_reasons(e, 1u + next_rand(s) % 15u) != ISMS_OK ||
                    isms_entry_set(e, ISMS_FIELD_JUSTIFICATION, "Behövs för att behandla "
                                   "riskerna i riskregistret och uppfylla lagkraven.") != ISMS_OK)
                    return fail("the Statement of Applicability");
                if (next_rand(s) % 4 == 0 && isms_entry_add_evidence(e, "SOC 2024/87") != ISMS_OK)
                    return fail("isms_entry_add_evidence");
            }
        }
        if (isms_document_add_assessment(doc, a) != ISMS_OK) {
            isms_assessment_free(a);
            return fail("isms_document_add_assessment");
        }
    }
    return 0;
}

static int build_assets(isms_document *doc, const sizes *n, uint64_t *s, size_t *relations)
{
    isms_inventory *inv = isms_document_inventory(doc);
    char id[32], name[256];
    unsigned n_info = n->assets / 2, n_sys = n->assets / 5;
    for (unsigned i = 0; i < n->assets; i++) {
        isms_asset_type type = i < n_info ? ISMS_ASSET_INFORMATION
                             : i < n_info + n_sys ? ISMS_ASSET_SYSTEM
                             : (isms_asset_type)(2 + next_rand(s) % 8);
        snprintf(id, sizeof id, "T%06u", i + 1);
        snprintf(name, sizeof name, "%s %s %u", type == ISMS_ASSET_INFORMATION ? "Akter i"
                 : "Tillgång för", PICK(systems, s), i);
        isms_asset *a;
        if (isms_inventory_add(&a, inv, id, name, type) != ISMS_OK)
            return fail("isms_inventory_add");
        if (isms_asset_set(a, ISMS_ASSET_OWNER, PICK(owners, s)) != ISMS_OK ||
            isms_asset_set(a, ISMS_ASSET_DESCRIPTION, PICK(consequences, s)) != ISMS_OK)
            return fail("isms_asset_set");
        if (isms_asset_set_classified(a, (isms_date){ 2024, 1 + (int)(next_rand(s) % 12),
                                                      1 + (int)(next_rand(s) % 28) }) != ISMS_OK)
            return fail("isms_asset_set_classified");
        if (type != ISMS_ASSET_INFORMATION)
            continue;
        for (int asp = 0; asp < ISMS_ASPECTS; asp++)
            if (isms_asset_set_level(a, (isms_aspect)asp, (int)(next_rand(s) % 5)) != ISMS_OK)
                return fail("isms_asset_set_level");
        if (next_rand(s) % 2) {
            unsigned pdata = ISMS_PDATA_ORDINARY | ISMS_PDATA_PIN, special = 0;
            if (next_rand(s) % 3 == 0) {
                pdata |= ISMS_PDATA_SPECIAL;
                special = ISMS_SPECIAL_HEALTH;
            }
            static const isms_asset_field fields[] = {
                ISMS_ASSET_PURPOSE, ISMS_ASSET_LEGAL_BASIS, ISMS_ASSET_SUBJECTS,
                ISMS_ASSET_DATA_CATEGORIES, ISMS_ASSET_RECIPIENTS, ISMS_ASSET_RETENTION,
                ISMS_ASSET_MEASURES};
            static const char *const texts[] = {
                "Handläggning av ärenden enligt socialtjänstlagen.",
                "Myndighetsutövning (art. 6.1 e); socialtjänstlagen.",
                "Sökande och deras hushåll.", "Identitetsuppgifter, personnummer, hälsa.",
                "Försäkringskassan, IVO.", "Gallras fem år efter senaste anteckning.",
                "Behörighet per enhet, loggkontroll varje månad."};
            if (isms_asset_set_pdata(a, pdata, special) != ISMS_OK)
                return fail("isms_asset_set_pdata");
            for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++)
                if (isms_asset_set(a, fields[f], texts[f]) != ISMS_OK)
                    return fail("isms_asset_set (art. 30)");
        }
    }
    /* Every system processes five information assets; every other asset supports a system. */
    char src[32], dst[32];
    *relations = 0;
    for (unsigned i = n_info; i < n->assets && n_info && n_sys; i++) {
        snprintf(src, sizeof src, "T%06u", i + 1);
        bool is_system = i < n_info + n_sys;
        for (int k = 0; k < (is_system ? 5 : 1); k++) {
            unsigned j = is_system ? next_rand(s) % n_info : n_info + next_rand(s) % n_sys;
            snprintf(dst, sizeof dst, "T%06u", j + 1);
            int rc = isms_inventory_link(inv, src, dst, is_system ? ISMS_REL_PROCESSES
                                                                  : ISMS_REL_SUPPORTS);
            if (rc == ISMS_EEXIST)
                continue;
            if (rc != ISMS_OK)
                return fail("isms_inventory_link");
            ++*relations;
        }
    }
    return 0;
}

static int build_actions(isms_document *doc, const sizes *n, uint64_t *s)
{
    isms_plan *plan = isms_document_plan(doc);
    const isms_assessment *cur = isms_document_current(doc);
    size_t n_refs = isms_assessment_count(cur);
    char id[32], title[256], target[64];
    for (unsigned i = 0; i < n->actions; i++) {
        snprintf(id, sizeof id, "A%06u", i + 1);
        snprintf(title, sizeof title, "Åtgärd %u: %s", i + 1, PICK(treatments, s));
        isms_action *a;
        if (isms_plan_add(&a, plan, id, title) != ISMS_OK)
            return fail("isms_plan_add");
        if (isms_action_set(a, ISMS_ACTION_OWNER, PICK(owners, s)) != ISMS_OK ||
            isms_action_set(a, ISMS_ACTION_DUE, PICK(dues, s)) != ISMS_OK ||
            isms_action_set(a, ISMS_ACTION_DESCRIPTION, PICK(consequences, s)) != ISMS_OK)
            return fail("isms_action_set");
        unsigned k = next_rand(s) % 100;
        if (k < 30) {
            if (isms_action_set_effort_size(a, (isms_effort_size)(1 + k % 5)) != ISMS_OK)
                return fail("isms_action_set_effort_size");
        } else if (isms_action_set_effort(a, 0.5 * (1 + k)) != ISMS_OK) {
            return fail("isms_action_set_effort");
        }
        if (k % 10 == 0 && isms_action_set_cost(a, 1000.0 * k + 0.25) != ISMS_OK)
            return fail("isms_action_set_cost");
        if (isms_action_set_status(a, (isms_action_status)(next_rand(s) % 3)) != ISMS_OK)
            return fail("isms_action_set_status");
        if (k == 99 && isms_action_set_recurrence(a, (isms_recurrence)(1 + i % 3)) != ISMS_OK)
            return fail("isms_action_set_recurrence");
        if (n->risks) {
            snprintf(target, sizeof target, "R%06u", 1 + next_rand(s) % n->risks);
            if (isms_action_add_target(a, ISMS_TARGET_RISK, target) != ISMS_OK)
                return fail("isms_action_add_target");
            if (k < 20 && isms_action_set_expected_residual(a, 1, 1 + (int)(k % 4)) != ISMS_OK)
                return fail("isms_action_set_expected_residual");
        }
        if (n_refs && k % 2 &&
            isms_action_add_target(a, ISMS_TARGET_REQUIREMENT,
                                   isms_entry_ref(isms_assessment_at(cur, next_rand(s) % n_refs)))
                != ISMS_OK)
            return fail("isms_action_add_target (req)");
        if (n->assets && k % 3 == 0) {
            snprintf(target, sizeof target, "T%06u", 1 + next_rand(s) % n->assets);
            if (isms_action_add_target(a, ISMS_TARGET_ASSET, target) != ISMS_OK)
                return fail("isms_action_add_target (asset)");
        }
        /* Up to two prerequisites among the 50 actions before: no cycles. */
        for (unsigned p = 0; i > 0 && p < k % 3; p++) {
            unsigned lo = i > 50 ? i - 50 : 0;
            snprintf(target, sizeof target, "A%06u", 1 + lo + next_rand(s) % (i - lo));
            int rc = isms_action_add_prerequisite(a, target);
            if (rc != ISMS_OK && rc != ISMS_EEXIST)
                return fail("isms_action_add_prerequisite");
        }
    }
    return 0;
}

/* A document of `n`, from one fixed seed. */
static int build(isms_document **out, const sizes *n, size_t *relations)
{
    uint64_t s = SEED;
    isms_document *doc = NULL;
    if (isms_document_new(&doc, 2024) != ISMS_OK)
        return fail("isms_document_new");
    *out = doc;
    if (isms_document_set(doc, ISMS_DOC_ORGANISATION, ORG) != ISMS_OK ||
        isms_document_set(doc, ISMS_DOC_UNIT, "Socialförvaltningen") != ISMS_OK ||
        isms_document_set(doc, ISMS_DOC_AUTHOR, "Informationssäkerhetssamordnare") != ISMS_OK ||
        isms_document_set(doc, ISMS_DOC_SCOPE, "Hela förvaltningen.") != ISMS_OK ||
        isms_document_set_date(doc, (isms_date){ 2024, 11, 15 }) != ISMS_OK ||
        isms_document_add_context(doc, "NIS2 och cybersäkerhetslagen",
                                  "Kraven gäller kommunerna från 2025.") != ISMS_OK ||
        isms_document_add_context(doc, "Hotbilden", "Utpressningsvirus mot kommuner.") != ISMS_OK)
        return fail("the document's texts");
    isms_settings st = isms_settings_default();
    st.capacity = 400;
    if (isms_document_set_settings(doc, &st) != ISMS_OK)
        return fail("isms_document_set_settings");
    if (build_risks(doc, n, &s) || build_assessments(doc, n, &s) ||
        build_assets(doc, n, &s, relations) || build_actions(doc, n, &s))
        return 1;
    return 0;
}

/* ---- files ------------------------------------------------------------------------------ */

/* Reads a whole file into memory (malloc); NULL on failure (says why). */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return NULL;
    }
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        if (r == 0)
            break;
        n += r;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* ---- (a) the 100 MB document ------------------------------------------------------------ */

static int bench_document(double scale, int rounds, const char *path)
{
    sizes n = { (unsigned)(90000 * scale), 200, 10, (unsigned)(45000 * scale),
                (unsigned)(45000 * scale) };
    size_t relations = 0;
    isms_document *doc = NULL;
    double t0 = now();
    int rc = build(&doc, &n, &relations);
    double t_build = now() - t0;
    if (rc) {
        isms_document_free(doc);
        return rc;
    }
    printf("libisms %s: (a) a document of %u risks (%u with a model), %u years of gap analysis, "
           "%u assets with %zu relations, %u actions\n", isms_version(), n.risks, n.models,
           n.years, n.assets, relations, n.actions);
    print_load();
    header();
    row("build through the API", t_build, 0, false);

    char *text = NULL;
    size_t len = 0;
    double best_write = 1e300, best_save = 1e300, best_load = 1e300, best_parse = 1e300,
           best_jfile = 1e300, best_jmem = 1e300;
    for (int r = 0; r < rounds; r++) {
        char *t = NULL;
        size_t l = 0;
        t0 = now();
        if (isms_document_write(&t, &l, doc) != ISMS_OK)
            return fail("isms_document_write");
        double dt = now() - t0;
        best_write = dt < best_write ? dt : best_write;
        if (!text) {
            text = t;
            len = l;
        } else {
            bool same = l == len && memcmp(t, text, len) == 0;
            isms_free(t);
            if (!same)
                return wrong("isms_document_write gave another text the second time");
        }
    }
    row("write to memory (isms_document_write)", best_write, len, true);
    printf("document: %.1f MB of JSON\n", (double)len / 1e6);

    for (int r = 0; r < rounds; r++) {
        t0 = now();
        if (isms_document_save(doc, path) != ISMS_OK)
            return fail("isms_document_save");
        double dt = now() - t0;
        best_save = dt < best_save ? dt : best_save;
    }
    row("save to a file (isms_document_save)", best_save, len, true);
    size_t flen = 0;
    char *file = read_file(path, &flen);
    if (!file)
        return wrong("cannot read the saved file back");
    bool same_file = flen == len && memcmp(file, text, len) == 0;
    free(file);
    if (!same_file)
        return wrong("the saved file is not the written text");
    double peak_saved = peak_mib();
    isms_document_free(doc); /* what follows works from the file and the text */

    for (int r = 0; r < rounds; r++) {
        isms_document *loaded = NULL;
        t0 = now();
        if (isms_document_load(&loaded, path, NULL) != ISMS_OK)
            return fail("isms_document_load");
        double dt = now() - t0;
        best_load = dt < best_load ? dt : best_load;
        if (r == 0) { /* the round trip: the loaded document writes the same text */
            char *again = NULL;
            size_t alen = 0;
            if (isms_document_write(&again, &alen, loaded) != ISMS_OK)
                return fail("isms_document_write (loaded)");
            bool same = alen == len && memcmp(again, text, len) == 0;
            if (!same) {
                size_t i = 0;
                while (i < alen && i < len && again[i] == text[i])
                    i++;
                fprintf(stderr, "bench-document: the loaded document writes another text "
                        "(%zu bytes, not %zu; first difference at byte %zu)\n", alen, len, i);
                isms_free(again);
                return 1;
            }
            isms_free(again);
        }
        isms_document_free(loaded);
    }
    row("load the file (isms_document_load)", best_load, len, true);
    double peak_loaded = peak_mib();

    for (int r = 0; r < rounds; r++) {
        isms_document *parsed = NULL;
        t0 = now();
        if (isms_document_parse(&parsed, text, len, "memory", NULL) != ISMS_OK)
            return fail("isms_document_parse");
        double dt = now() - t0;
        best_parse = dt < best_parse ? dt : best_parse;
        isms_document_free(parsed);
    }
    row("parse from memory (isms_document_parse)", best_parse, len, true);

    /* jansson alone, with the flags the loader gives it. */
    size_t values = 0;
    for (int r = 0; r < rounds; r++) {
        json_error_t err;
        t0 = now();
        json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
        double dt = now() - t0;
        if (!root) {
            fprintf(stderr, "bench-document: jansson: %s (line %d)\n", err.text, err.line);
            return 1;
        }
        best_jfile = dt < best_jfile ? dt : best_jfile;
        if (r == 0) {
            json_t *risks = json_object_get(root, "risks");
            values = json_array_size(risks);
            if (values != n.risks)
                return wrong("jansson finds another number of risks than were written");
        }
        json_decref(root);
    }
    row("jansson json_load_file (the same file)", best_jfile, len, true);
    for (int r = 0; r < rounds; r++) {
        json_error_t err;
        t0 = now();
        json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
        double dt = now() - t0;
        if (!root)
            return wrong("jansson does not parse the text from memory");
        best_jmem = dt < best_jmem ? dt : best_jmem;
        json_decref(root);
    }
    row("jansson json_loadb (the same text in memory)", best_jmem, len, true);
    printf("load / jansson's parse of the file: %.2f; save / write: %.2f\n",
           best_load / best_jfile, best_save / best_write);
    printf("peak resident memory (ru_maxrss): %.1f MiB after saving (document and text), "
           "%.1f MiB after loading, %.1f MiB at the end\n", peak_saved, peak_loaded, peak_mib());
    printf("checked: the file holds exactly the written text; the loaded document writes the "
           "same %zu bytes again; jansson reads %zu risks\n", len, values);
    bench_about("document", "(a) a document of %.1f MB of JSON: %u risks, %u years of gap "
                "analysis, %u assets with %zu relations, %u actions; best of %d rounds",
                (double)len / 1e6, n.risks, n.years, n.assets, relations, n.actions, rounds);
    const double mb = (double)len / 1e6;
    bench_result("document", "write to memory (isms_document_write)", mb / best_write, "MB/s");
    bench_result("document", "save to a file (isms_document_save)", mb / best_save, "MB/s");
    bench_result("document", "load the file (isms_document_load)", mb / best_load, "MB/s");
    bench_result("document", "parse from memory (isms_document_parse)", mb / best_parse, "MB/s");
    bench_result("document", "jansson json_load_file of the same file", mb / best_jfile, "MB/s");
    bench_result("document", "jansson json_loadb of the same text", mb / best_jmem, "MB/s");
    bench_result("document", "load time / jansson's json_load_file time",
                 best_load / best_jfile, "×");
    bench_result("document", "peak resident memory after loading", peak_loaded, "MiB");
    isms_free(text);
    return 0;
}

/* ---- (b) the report of 10,000 risks ----------------------------------------------------- */

static int bench_report(int rounds)
{
    sizes n = { 10000, 20, 2, 2000, 1000 };
    size_t relations = 0;
    isms_document *doc = NULL;
    int rc = build(&doc, &n, &relations);
    if (rc) {
        isms_document_free(doc);
        return rc;
    }
    printf("\n(b) the management review of a document of %u risks (%u with a model), %u years "
           "of gap analysis, %u assets, %u actions\n", n.risks, n.models, n.years, n.assets,
           n.actions);
    header();
    static const struct {
        isms_report_format format;
        const char *phase;
    } cases[] = {
        { ISMS_REPORT_HTML, "report, HTML (isms_report_write)" },
        { ISMS_REPORT_TEXT, "report, text (isms_report_write)" },
    };
    double best_of[sizeof cases / sizeof cases[0]];
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        isms_report_options o;
        isms_report_options_init(&o, doc);
        o.format = cases[c].format;
        char *first = NULL;
        size_t first_len = 0;
        double best = 1e300;
        for (int r = 0; r < rounds; r++) {
            char *out = NULL;
            size_t len = 0;
            double t0 = now();
            if (isms_report_write(&out, &len, doc, &o) != ISMS_OK)
                return fail("isms_report_write");
            double dt = now() - t0;
            best = dt < best ? dt : best;
            if (!out || strlen(out) != len || !strstr(out, ORG))
                return wrong("the report is empty, has a NUL inside or does not name the "
                             "organisation");
            if (!first) {
                first = out;
                first_len = len;
            } else {
                bool same = len == first_len && memcmp(out, first, len) == 0;
                isms_free(out);
                if (!same)
                    return wrong("the report differs between two runs on the same document");
            }
        }
        if (o.format == ISMS_REPORT_HTML && !strstr(first, "</html>"))
            return wrong("the HTML report does not end its document");
        row(cases[c].phase, best, first_len, false);
        best_of[c] = best;
        isms_free(first);
    }
    printf("peak resident memory (ru_maxrss): %.1f MiB\n", peak_mib());
    printf("checked: every report names the organisation and is the same bytes in every "
           "round\n");
    bench_about("document", "(b) the management review of %u risks (%u with a model), %u "
                "assets, %u actions; best of %d rounds", n.risks, n.models, n.assets, n.actions,
                rounds);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        bench_result("document", cases[c].phase, best_of[c], "s");
    isms_document_free(doc);
    return 0;
}

/* (c) What every document costs before it holds anything: a city system that answers a
 * request with a document of its own makes one each time. Each call is timed over `calls`
 * calls, best of `rounds`, in microseconds per call. */
static int bench_new(int rounds)
{
    enum { calls = 20000 };
    static const char *const phases[] = {
        "new empty document + free (isms_document_new)",
        "classification scheme klassa + free (isms_scheme_preset)",
        "risk matrix 4x4 + free (isms_matrix_preset)",
    };
    enum { n_phases = sizeof phases / sizeof phases[0] };
    double best[n_phases];
    for (int ph = 0; ph < n_phases; ph++) {
        best[ph] = 1e300;
        for (int r = 0; r < rounds; r++) {
            double t0 = now();
            for (int i = 0; i < calls; i++) {
                int rc;
                if (ph == 0) {
                    isms_document *doc = NULL;
                    rc = isms_document_new(&doc, 2024);
                    /* checked: it holds the default scheme and nothing else */
                    if (rc == ISMS_OK &&
                        (strcmp(isms_scheme_name(isms_inventory_scheme(
                                    isms_document_inventory(doc))), "klassa") != 0 ||
                         isms_register_count(isms_document_register(doc)) != 0))
                        return wrong("a new document is not empty or has another scheme");
                    isms_document_free(doc);
                } else if (ph == 1) {
                    isms_scheme *sc = NULL;
                    rc = isms_scheme_preset(&sc, "klassa");
                    if (rc == ISMS_OK && isms_scheme_level_count(sc, ISMS_ASPECT_TRACEABILITY) != 5)
                        return wrong("the klassa preset has no five traceability levels");
                    isms_scheme_free(sc);
                } else {
                    isms_matrix *m = NULL;
                    rc = isms_matrix_preset(&m, "4x4");
                    if (rc == ISMS_OK && isms_matrix_level_count(m, ISMS_AXIS_LIKELIHOOD) != 4)
                        return wrong("the 4x4 preset has no four likelihood levels");
                    isms_matrix_free(m);
                }
                if (rc != ISMS_OK)
                    return fail(phases[ph]);
            }
            double dt = (now() - t0) / calls;
            best[ph] = dt < best[ph] ? dt : best[ph];
        }
    }
    printf("\n(c) an empty document and the presets it is made of, %d calls each\n", calls);
    printf("%-60s ", "phase (best of the rounds)");
    print_right("µs per call", 12);
    putchar('\n');
    for (int ph = 0; ph < n_phases; ph++)
        printf("%-60s %12.2f\n", phases[ph], best[ph] * 1e6);
    bench_about("document", "(c) an empty document and its presets, %d calls each; best of %d "
                "rounds", calls, rounds);
    for (int ph = 0; ph < n_phases; ph++)
        bench_result("document", phases[ph], best[ph] * 1e6, "µs");
    return 0;
}

int main(int argc, char **argv)
{
    double scale = argc > 1 ? atof(argv[1]) : 1.0;
    int rounds = argc > 2 ? atoi(argv[2]) : 3;
    if (!(scale > 0) || scale > 100 || rounds < 1 || rounds > 100) {
        fprintf(stderr, "usage: bench-document [SCALE (0–100] [ROUNDS (1–100)]]\n");
        return 2;
    }
    const char *tmp = getenv("TMPDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/bench-document-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror(dir);
        return 1;
    }
    char path[4200];
    snprintf(path, sizeof path, "%s/document.json", dir);
    int rc = bench_document(scale, rounds, path);
    if (unlink(path) != 0 && errno != ENOENT)
        perror(path);
    if (rmdir(dir) != 0)
        perror(dir);
    if (!rc)
        rc = bench_report(rounds < 2 ? rounds : 2);
    if (!rc)
        rc = bench_new(rounds);
    return rc;
}
