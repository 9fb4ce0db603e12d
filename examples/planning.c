/*
 * planning: turn a gap analysis and a risk register into a three-year improvement plan.
 *
 *   planning [--en | --lang sv|en] [GAP.csv [RISKS.csv]]
 *
 * Without files it reads the fictitious samples of Exempelby kommun in examples/data/: the gap
 * analysis of 2024 (gap-analysis-2024.csv) and the risk register (riskregister.csv). It
 * drafts one action for every risk above the acceptance threshold and every requirement with
 * an action plan (isms_plan_draft), adds the items that come back (update the local
 * information security instruction and reclassify information every year, the tertial report
 * every tertial; two of them take over drafted actions), gives the drafted actions the
 * security coordinator's estimates of effort and due dates, two prerequisites, and schedules the plan into 2025, 2026 and 2027 under a
 * capacity per year and a capacity of its own for the security coordinator. It prints the plan
 * year by year in priority order, why the two first actions come first (the terms of their
 * scores), and what the plan's lint and the schedule found. The reference date is 2025-01-15,
 * so the output does not depend on the day it is run. Output is in Swedish unless --en.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <isms.h>

#ifndef EXAMPLE_GAP
#define EXAMPLE_GAP "examples/data/gap-analysis-2024.csv"
#endif
#ifndef EXAMPLE_RISKS
#define EXAMPLE_RISKS "examples/data/riskregister.csv"
#endif

enum { ASSESSED = 2024, FIRST_YEAR = 2025, YEARS = 3 };

/* Person-days per year for all owners together, and for the security coordinator. */
static const double capacity[YEARS] = { 200, 180, 180 };
static const char *const coordinator = "Säkerhetssamordnare";
static const double coordinator_capacity = 80;

/* Items that come back, added after the draft; each takes over the drafted action for what
 * it addresses (the draft makes one-off actions only). */
typedef struct recurring_item {
    const char *id;
    const char *title_sv, *title_en;
    const char *owner;
    const char *effort; /* as the coordinator writes it */
    const char *recurrence;
    const char *target;
    const char *replaces; /* a drafted action it takes over, or NULL */
} recurring_item;

static const recurring_item recurring[] = {
    { "instruktion", "Uppdatera den lokala informationssäkerhetsinstruktionen",
      "Update the local information security instruction", "Säkerhetssamordnare", "5 dagar",
      "årligen", "krav:6.1.1", NULL },
    { "omklassning", "Omklassning av information", "Reclassification of information",
      "Informationsägare", "2 veckor", "årligen", "risk:R12", "risk-R12" },
    { "tertialrapport", "Tertialrapport om informationssäkerhet",
      "Tertial report on information security", "Säkerhetssamordnare", "2 dagar",
      "varje tertial", "krav:8.3", "req-8.3" },
};

/* The coordinator's estimates for the drafted actions: effort as written, and a due date
 * where the source gave none (NULL: keep the one drafted). */
typedef struct estimate {
    const char *id;
    const char *effort;
    const char *due;
} estimate;

static const estimate estimates[] = {
    { "risk-R1", "2 månader", "Q2 2025" },   { "risk-R2", "10 dagar", "T1 2025" },
    { "risk-R3", "2 veckor", "hösten 2025" }, { "risk-R4", "S", "2026" },
    { "risk-R5", "M", "Q4 2025" },            { "risk-R7", "15 dagar", NULL },
    { "risk-R8", "L", "2026" },               { "risk-R10", "XL", "2026-06-30" },
    { "risk-R11", "L", "2025" },              { "req-4.4", "1 månad", NULL },
    { "req-5.3", "2 veckor", NULL },          { "req-6.1.2", "L", NULL },
    { "req-6.1.3", "M", NULL },               { "req-6.2", "10 dagar", NULL },
    { "req-7.2", "3 veckor", NULL },          { "req-7.3", "M", NULL },
    { "req-7.4", "5 dagar", NULL },           { "req-7.5.3", "L", NULL },
    { "req-8.2", "3 dagar", NULL },           { "req-9.1", "M", NULL },
    { "req-10.1", "M", NULL },                { "req-10.2", "S", NULL },
};

/* Prerequisites: action, the action that must come first. */
static const char *const prerequisites[][2] = {
    { "req-6.1.3", "req-6.1.2" },     /* a treatment plan needs the risk analyses */
    { "tertialrapport", "req-9.1" },  /* the report needs the measures */
};

/* ---- printing --------------------------------------------------------------------------- */

/* Number of characters (code points) in UTF-8 text. */
static int utf8_chars(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Prints `s` padded with spaces to `width` characters, at least one space after it; longer
 * text is cut and ends in "…". Line breaks are printed as spaces. */
static void print_cell(const char *s, int width)
{
    int len = utf8_chars(s);
    int room = width - 1;
    int keep = len > room ? room - 1 : len;
    const char *p = s;
    for (int i = 0; i < keep; i++) {
        putchar(*p == '\n' || *p == '\r' ? ' ' : *p);
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            putchar(*p++);
    }
    if (len > room)
        fputs("…", stdout);
    for (int i = len > room ? room : len; i < width; i++)
        putchar(' ');
}

/* Right-aligned in `width` characters. */
static void print_num(const char *s, int width)
{
    for (int i = utf8_chars(s); i < width; i++)
        putchar(' ');
    fputs(s, stdout);
}

static void rule(int width)
{
    for (int i = 0; i < width; i++)
        fputs("─", stdout);
    putchar('\n');
}

/* A number with `decimals` decimals, with a decimal comma in Swedish. */
static void number(char *buf, size_t size, double v, int decimals, isms_lang lang)
{
    snprintf(buf, size, "%.*f", decimals, v);
    char *dot = strchr(buf, '.');
    if (dot && lang == ISMS_LANG_SV)
        *dot = ',';
}

/* Person-days: "20 d", or "M 20 d" when given as a size, "–" when not known. */
static void effort_text(char *buf, size_t size, const isms_action *a, isms_lang lang)
{
    double days = isms_action_effort(a);
    if (days < 0) {
        snprintf(buf, size, "–");
        return;
    }
    char n[16];
    number(n, sizeof n, days, days == (long)days ? 0 : 1, lang);
    isms_effort_size sz = isms_action_effort_size(a);
    if (sz != ISMS_EFFORT_UNSIZED)
        snprintf(buf, size, "%s %s d", isms_effort_size_name(sz), n);
    else
        snprintf(buf, size, "%s d", n);
}

static void print_findings(const isms_findings *list, isms_lang lang)
{
    for (size_t i = 0; i < isms_findings_count(list); i++) {
        isms_finding f;
        isms_findings_get(&f, list, i);
        printf("  ");
        print_cell(isms_severity_label(f.severity, lang), 12);
        print_cell(*f.ref ? f.ref : "–", 15);
        printf("%s  [%s]\n", f.message, f.code);
    }
}

enum { W_NO = 4, W_ID = 16, W_TITLE = 48, W_OWNER = 22, W_EFFORT = 9, W_SCORE = 7 };

static void table_header(isms_lang lang)
{
    const bool sv = lang == ISMS_LANG_SV;
    print_cell("#", W_NO);
    print_cell("ID", W_ID);
    print_cell(sv ? "Åtgärd" : "Action", W_TITLE);
    print_cell(sv ? "Ansvarig" : "Owner", W_OWNER);
    print_num(sv ? "Insats" : "Effort", W_EFFORT);
    print_num(sv ? "Poäng" : "Score", W_SCORE);
    printf("  %s\n", sv ? "Anm." : "Notes");
    rule(W_NO + W_ID + W_TITLE + W_OWNER + W_EFFORT + W_SCORE + 12);
}

static void action_row(size_t no, const isms_action *a, const isms_slot *slot, isms_lang lang)
{
    const bool sv = lang == ISMS_LANG_SV;
    char buf[48], eff[32];
    snprintf(buf, sizeof buf, "%zu", no);
    print_cell(buf, W_NO);
    print_cell(isms_action_id(a), W_ID);
    print_cell(isms_action_get(a, ISMS_ACTION_TITLE), W_TITLE);
    const char *owner = isms_action_get(a, ISMS_ACTION_OWNER);
    print_cell(*owner ? owner : "–", W_OWNER);
    if (slot && slot->recurring) {
        number(eff, sizeof eff, slot->effort, slot->effort == (long)slot->effort ? 0 : 1, lang);
        strcat(eff, " d");
    } else {
        effort_text(eff, sizeof eff, a, lang);
    }
    print_num(eff, W_EFFORT);
    number(buf, sizeof buf, isms_action_score(a), 2, lang);
    print_num(buf, W_SCORE);
    printf("  ");
    if (slot && slot->recurring) {
        printf("↻ %s", isms_recurrence_label(isms_action_recurrence(a), lang));
        if (slot->occurrences > 1)
            printf(" ×%u", slot->occurrences);
        printf(" ");
    }
    if (isms_action_get_status(a) == ISMS_ACTION_IN_PROGRESS)
        printf("%s ", isms_action_status_label(ISMS_ACTION_IN_PROGRESS, lang));
    if (slot && slot->late) {
        char due[16] = "";
        isms_period p = isms_action_due(a);
        isms_period_format(due, sizeof due, &p);
        printf("%s %s", sv ? "⚠ sen, klart senast" : "⚠ late, due", due);
    }
    putchar('\n');
}

/* ---- building the plan ------------------------------------------------------------------ */

static int fail(const char *what)
{
    const isms_error *e = isms_error_last();
    if (e->line)
        fprintf(stderr, "%s: %s:%u:%u: %s\n", what, e->source ? e->source : "", e->line,
                e->column, e->message);
    else
        fprintf(stderr, "%s: %s (%s)\n", what, e->message, isms_strerror(e->code));
    return 1;
}

/* Sets an effort written the way people write it ("2 veckor", "M"). */
static int set_effort(isms_action *a, const char *text)
{
    double days;
    isms_effort_size size;
    if (isms_effort_parse(&days, &size, text) != ISMS_OK)
        return fail(isms_action_id(a));
    if (size != ISMS_EFFORT_UNSIZED)
        return isms_action_set_effort_size(a, size) != ISMS_OK ? fail("effort") : 0;
    return isms_action_set_effort(a, days) != ISMS_OK ? fail("effort") : 0;
}

static int add_recurring(isms_plan *plan, isms_lang lang, size_t *replaced)
{
    for (size_t i = 0; i < sizeof recurring / sizeof *recurring; i++) {
        const recurring_item *r = &recurring[i];
        isms_action *a;
        if (r->replaces && isms_plan_find(plan, r->replaces)) {
            if (isms_plan_remove(plan, r->replaces) != ISMS_OK)
                return fail(r->replaces);
            ++*replaced;
        }
        isms_recurrence rec;
        if (isms_plan_add(&a, plan, r->id,
                          lang == ISMS_LANG_SV ? r->title_sv : r->title_en) != ISMS_OK ||
            isms_action_set(a, ISMS_ACTION_OWNER, r->owner) != ISMS_OK ||
            isms_recurrence_parse(&rec, r->recurrence) != ISMS_OK ||
            isms_action_set_recurrence(a, rec) != ISMS_OK ||
            isms_action_set_status(a, ISMS_ACTION_PLANNED) != ISMS_OK ||
            isms_action_add_target(a, ISMS_TARGET_ANY, r->target) != ISMS_OK)
            return fail(r->id);
        if (set_effort(a, r->effort))
            return 1;
    }
    return 0;
}

static int apply_estimates(isms_plan *plan)
{
    for (size_t i = 0; i < sizeof estimates / sizeof *estimates; i++) {
        isms_action *a = isms_plan_find(plan, estimates[i].id);
        if (!a)
            continue; /* another table: not drafted */
        if (set_effort(a, estimates[i].effort))
            return 1;
        if (estimates[i].due && isms_action_set(a, ISMS_ACTION_DUE, estimates[i].due) != ISMS_OK)
            return fail(estimates[i].id);
    }
    for (size_t i = 0; i < sizeof prerequisites / sizeof *prerequisites; i++) {
        isms_action *a = isms_plan_find(plan, prerequisites[i][0]);
        if (a && isms_plan_find(plan, prerequisites[i][1]) &&
            isms_action_add_prerequisite(a, prerequisites[i][1]) != ISMS_OK)
            return fail(prerequisites[i][0]);
    }
    return 0;
}

/* ---- the plan year by year -------------------------------------------------------------- */

static void print_schedule(const isms_schedule *s, isms_lang lang)
{
    const bool sv = lang == ISMS_LANG_SV;
    size_t no = 0;
    for (size_t y = 0; y < isms_schedule_period_count(s); y++) {
        isms_period p;
        char name[16] = "", cap[16], load[16], own[16], owncap[16];
        isms_schedule_period(&p, s, y);
        isms_period_format(name, sizeof name, &p);
        double coord = 0;
        for (size_t k = 0; k < isms_schedule_count(s, y); k++) {
            isms_slot slot;
            isms_schedule_item(&slot, s, y, k);
            if (strcmp(isms_action_get(slot.action, ISMS_ACTION_OWNER), coordinator) == 0)
                coord += slot.effort;
        }
        number(cap, sizeof cap, isms_schedule_capacity(s, y), 0, lang);
        number(load, sizeof load, isms_schedule_load(s, y), 0, lang);
        number(own, sizeof own, coord, 0, lang);
        number(owncap, sizeof owncap, coordinator_capacity, 0, lang);
        printf("\n%s: %zu %s, %s %s %s %s %s; %s %s %s %s\n", name, isms_schedule_count(s, y),
               sv ? "åtgärder" : "actions", load, sv ? "av" : "of", cap,
               sv ? "persondagar" : "person-days", sv ? "planerade" : "planned", coordinator,
               own, sv ? "av" : "of", owncap);
        table_header(lang);
        for (size_t k = 0; k < isms_schedule_count(s, y); k++) {
            isms_slot slot;
            isms_schedule_item(&slot, s, y, k);
            action_row(++no, slot.action, &slot, lang);
        }
    }
    size_t n = isms_schedule_unscheduled_count(s);
    if (n) {
        printf("\n%s (%zu):\n", sv ? "Ryms inte i planen" : "Does not fit in the plan", n);
        table_header(lang);
        for (size_t k = 0; k < n; k++)
            action_row(++no, isms_schedule_unscheduled(s, k), NULL, lang);
    }
}

static int explain_top(isms_action **order, size_t n, isms_lang lang)
{
    const bool sv = lang == ISMS_LANG_SV;
    printf("\n%s\n", sv ? "Varför de två första åtgärderna kommer först:"
                        : "Why the first two actions come first:");
    for (size_t i = 0; i < n && i < 2; i++) {
        char *text = NULL, score[16];
        if (isms_action_explain(&text, order[i], lang) != ISMS_OK)
            return fail("explain");
        number(score, sizeof score, isms_action_score(order[i]), 2, lang);
        printf("\n%zu. %s  %s (%s %s)\n", i + 1, isms_action_id(order[i]),
               isms_action_get(order[i], ISMS_ACTION_TITLE), sv ? "poäng" : "score", score);
        for (char *line = text; *line;) {
            char *nl = strchr(line, '\n');
            size_t len = nl ? (size_t)(nl - line) : strlen(line);
            printf("   %.*s\n", (int)len, line);
            line += len + (nl != NULL);
        }
        isms_free(text);
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *gap_path = EXAMPLE_GAP, *risk_path = EXAMPLE_RISKS;
    int files = 0;
    isms_lang lang = ISMS_LANG_SV;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--en") == 0) {
            lang = ISMS_LANG_EN;
        } else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            if (isms_lang_parse(&lang, argv[++i]) != ISMS_OK)
                return fail("--lang");
        } else if (argv[i][0] == '-' || files == 2) {
            fprintf(stderr, "usage: %s [--en | --lang sv|en] [GAP.csv [RISKS.csv]]\n", argv[0]);
            return 2;
        } else if (files++ == 0) {
            gap_path = argv[i];
        } else {
            risk_path = argv[i];
        }
    }
    const bool sv = lang == ISMS_LANG_SV;

    int rc = 1;
    isms_findings *notes = NULL;
    isms_matrix *matrix = NULL;
    isms_register *reg = NULL;
    isms_assessment *gap = NULL;
    isms_plan *plan = NULL;
    isms_schedule *sched = NULL;
    isms_action **order = NULL;
    size_t n_order = 0, drafted = 0, replaced = 0;

    if (isms_findings_new(&notes, lang) != ISMS_OK ||
        isms_matrix_preset(&matrix, "4x4") != ISMS_OK) {
        fail("setup");
        goto out;
    }
    if (isms_assessment_load_csv(&gap, gap_path, ISMS_EDITION_UNKNOWN, ASSESSED, notes) !=
        ISMS_OK) {
        fail(gap_path);
        goto out;
    }
    if (isms_register_load_csv(&reg, risk_path, matrix, notes) != ISMS_OK) {
        fail(risk_path);
        goto out;
    }

    /* 1. A draft for what the register and the gap analysis leave open, the recurring items
     *    (taking over two drafted actions), the estimates and the prerequisites. */
    if (isms_plan_new(&plan, FIRST_YEAR) != ISMS_OK) {
        fail("plan");
        goto out;
    }
    if (isms_plan_draft(&drafted, plan, reg, gap, lang) != ISMS_OK) {
        fail("draft");
        goto out;
    }
    if (add_recurring(plan, lang, &replaced) || apply_estimates(plan))
        goto out;

    printf("%s %d–%d\n", sv ? "Handlingsplan för informationssäkerhet" :
                              "Information security action plan", FIRST_YEAR,
           FIRST_YEAR + YEARS - 1);
    printf("%s: %s (%zu %s), %s (%zu %s)\n", sv ? "Underlag" : "Sources", gap_path,
           isms_assessment_count(gap), sv ? "rader" : "rows", risk_path,
           isms_register_count(reg), sv ? "risker" : "risks");
    printf("%s: %zu %s: %zu %s, %zu %s %zu)\n", sv ? "Åtgärder" : "Actions",
           isms_plan_count(plan), sv ? "i allt" : "in all", drafted,
           sv ? "utkast ur riskregistret och gapanalysen" : "drafted from the register and the "
                                                           "gap analysis",
           sizeof recurring / sizeof *recurring,
           sv ? "återkommande (som ersätter" : "recurring (taking over", replaced);
    char cap[3][16], owncap[16];
    for (int y = 0; y < YEARS; y++)
        number(cap[y], sizeof cap[y], capacity[y], 0, lang);
    number(owncap, sizeof owncap, coordinator_capacity, 0, lang);
    printf("%s: %s / %s / %s %s; %s %s %s\n", sv ? "Kapacitet" : "Capacity", cap[0], cap[1],
           cap[2], sv ? "persondagar per år" : "person-days per year", coordinator, owncap,
           sv ? "per år" : "per year");
    printf("%s: 2025-01-15\n", sv ? "Referensdatum" : "Reference date");

    /* 2. Priority order, then the schedule (which scores the same way). */
    isms_schedule_options opt = isms_schedule_options_default();
    opt.start = (isms_date){ FIRST_YEAR, 1, 1 };
    opt.unit = ISMS_PERIOD_YEAR;
    opt.periods = YEARS;
    opt.capacities = capacity;
    opt.owners = &coordinator;
    opt.owner_capacity = &coordinator_capacity;
    opt.owner_count = 1;
    opt.priority.today = (isms_date){ 2025, 1, 15 };
    opt.lang = lang;
    if (isms_plan_prioritise(&order, &n_order, plan, &opt.priority) != ISMS_OK) {
        fail("prioritise");
        goto out;
    }
    if (isms_plan_schedule(&sched, plan, &opt) != ISMS_OK) {
        fail("schedule");
        goto out;
    }
    print_schedule(sched, lang);

    /* 3. Why the first two come first. */
    if (explain_top(order, n_order, lang))
        goto out;

    /* 4. What lint and the schedule found. */
    const isms_findings *found = isms_schedule_findings(sched);
    printf("\n%s (%zu):\n", sv ? "Anmärkningar" : "Findings", isms_findings_count(found));
    print_findings(found, lang);
    if (isms_findings_count(notes)) {
        printf("\n%s:\n", sv ? "Om importen" : "About the import");
        print_findings(notes, lang);
    }
    rc = 0;

out:
    isms_free(order);
    isms_schedule_free(sched);
    isms_plan_free(plan);
    isms_register_free(reg);
    isms_assessment_free(gap);
    isms_matrix_free(matrix);
    isms_findings_free(notes);
    return rc;
}
