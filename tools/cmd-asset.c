/* isms classify, isms plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* ---- classify -------------------------------------------------------------------------- */

static const char *const aspect_names[ISMS_ASPECTS] = {"confidentiality", "integrity",
                                                       "availability", "traceability"};
static const char *const type_names[ISMS_ASSET_TYPES] = {
    "information", "system", "service", "process", "location",
    "supplier", "hardware", "network", "person", "other"};
static const char *const pdata_names[ISMS_PDATA_KINDS] = {"ordinary", "special", "criminal",
                                                          "pin"};

static const char *origin_name(isms_origin o)
{
    switch (o) {
    case ISMS_ORIGIN_ASSESSED: return "assessed";
    case ISMS_ORIGIN_FLOOR: return "floor";
    case ISMS_ORIGIN_INHERITED: return "inherited";
    case ISMS_ORIGIN_OVERRIDDEN: return "overridden";
    case ISMS_ORIGIN_UNCLASSIFIED: break;
    }
    return "unclassified";
}

static const char *pdata_name(unsigned flag)
{
    for (size_t k = 0; k < ISMS_PDATA_KINDS; k++)
        if (flag == (1u << k))
            return pdata_names[k];
    return NULL;
}

/* The label of level `value` of an aspect ("Allvarlig"), or "". */
static const char *class_label(const isms_scheme *s, isms_aspect a, int value, const cli *c)
{
    size_t n = isms_scheme_level_count(s, a);
    for (size_t i = 0; i < n; i++) {
        isms_class_level l;
        if (isms_scheme_level(&l, s, a, i) == ISMS_OK && l.value == value)
            return c->lang == ISMS_LANG_EN ? l.label_en : l.label_sv;
    }
    return "";
}

/* The colour of a level: by its place on the aspect's scale. */
static cli_color class_color(const isms_scheme *s, isms_aspect a, int value)
{
    size_t n = isms_scheme_level_count(s, a);
    for (size_t i = 0; i < n; i++) {
        isms_class_level l;
        if (isms_scheme_level(&l, s, a, i) == ISMS_OK && l.value == value)
            return i == 0 ? COLOR_NONE : color_band((int)i, n);
    }
    return COLOR_NONE;
}

/* "3", "3 ← INF1", "2 (golv)", "4 (manuell)", "–"; " ↻" on a cycle. */
static void provenance_text(strbuf *b, const cli *c, const isms_provenance *p)
{
    if (p->level == ISMS_CLASS_UNSET) {
        sb_puts(b, "–");
        return;
    }
    sb_printf(b, "%d", p->level);
    switch (p->origin) {
    case ISMS_ORIGIN_INHERITED:
        sb_printf(b, " ← %s", p->from ? isms_asset_id(p->from) : "?");
        break;
    case ISMS_ORIGIN_FLOOR:
        sb_puts(b, T(c, " (golv)", " (floor)"));
        break;
    case ISMS_ORIGIN_OVERRIDDEN:
        sb_puts(b, T(c, " (manuell)", " (override)"));
        break;
    default:
        break;
    }
    if (p->cycle)
        sb_puts(b, " ↻");
}

int cmd_classify(cli *c)
{
    isms_document *doc = NULL;
    int rc = cli_load_the_document(c, &doc);
    if (rc)
        return rc;
    isms_inventory *inv = isms_document_inventory(doc);
    isms_inventory_summary sum;
    if (isms_inventory_classify(inv) != ISMS_OK ||
        isms_inventory_summarise(&sum, inv) != ISMS_OK)
        return cli_document_error(c, doc);
    const isms_scheme *scheme = isms_inventory_scheme(inv);
    isms_aspect aspects[ISMS_ASPECTS];
    size_t na = 0;
    for (int a = 0; a < ISMS_ASPECTS; a++)
        if (isms_scheme_has_aspect(scheme, (isms_aspect)a))
            aspects[na++] = (isms_aspect)a;
    size_t n = isms_inventory_count(inv);

    strbuf b;
    sb_init(&b);
    if (c->format == FMT_JSON) {
        json_t *root = jobj(), *list = jarr(), *so = jobj();
        jset(root, "scheme", jstr(isms_scheme_name(scheme)));
        for (size_t i = 0; i < n; i++) {
            const isms_asset *as = isms_inventory_at(inv, i);
            json_t *o = jobj(), *ao = jobj();
            jset(o, "id", jstr(isms_asset_id(as)));
            jset(o, "name", jstr(isms_asset_get(as, ISMS_ASSET_NAME)));
            isms_asset_type type = isms_asset_get_type(as);
            jset(o, "type", jstr((unsigned)type < ISMS_ASSET_TYPES ? type_names[type] : ""));
            jset(o, "type_label", jstr(isms_asset_type_label(type, c->lang)));
            int overall = isms_asset_overall(as);
            jset(o, "overall", overall == ISMS_CLASS_UNSET ? jnull() : jint(overall));
            for (size_t k = 0; k < na; k++) {
                isms_provenance p;
                if (isms_asset_effective(&p, as, aspects[k]) != ISMS_OK)
                    continue;
                json_t *po = jobj();
                if (p.level == ISMS_CLASS_UNSET) {
                    jset(po, "level", jnull());
                } else {
                    jset(po, "level", jint(p.level));
                    jset(po, "label", jstr(class_label(scheme, aspects[k], p.level, c)));
                }
                jset(po, "origin", jstr(origin_name(p.origin)));
                if (p.origin == ISMS_ORIGIN_INHERITED && p.from)
                    jset(po, "from", jstr(isms_asset_id(p.from)));
                if (p.origin == ISMS_ORIGIN_FLOOR && pdata_name(p.floor))
                    jset(po, "floor", jstr(pdata_name(p.floor)));
                jset(po, "cycle", jbool(p.cycle));
                jset(ao, aspect_names[aspects[k]], po);
            }
            jset(o, "aspects", ao);
            jpush(list, o);
        }
        jset(root, "assets", list);
        jset(so, "total", jint((long long)sum.total));
        jset(so, "classified", jint((long long)(sum.total - sum.per_overall[0])));
        jset(so, "personal_data", jint((long long)sum.with_pdata));
        jset(root, "summary", so);
        rc = cli_emit_json(c, root);
    } else {
        table *t = table_new(4 + na);
        table_col(t, 0, "ID", COL_LEFT);
        table_col(t, 1, T(c, "Namn", "Name"), COL_WRAP);
        table_col(t, 2, T(c, "Typ", "Type"), COL_LEFT);
        for (size_t k = 0; k < na; k++) {
            char letter[8] = "";
            const char *label = isms_aspect_label(aspects[k], c->lang);
            size_t len = 1;
            while (label[len] && ((unsigned char)label[len] & 0xC0) == 0x80)
                len++;
            snprintf(letter, sizeof letter, "%.*s", (int)len, label);
            table_col(t, 3 + k, letter, COL_WRAP);
        }
        table_col(t, 3 + na, T(c, "Klass", "Class"), COL_RIGHT | COL_NUM);
        for (size_t i = 0; i < n; i++) {
            const isms_asset *as = isms_inventory_at(inv, i);
            table_row(t);
            table_cell(t, isms_asset_id(as), COLOR_NONE);
            table_cell(t, isms_asset_get(as, ISMS_ASSET_NAME), COLOR_NONE);
            table_cell(t, isms_asset_type_label(isms_asset_get_type(as), c->lang), COLOR_NONE);
            for (size_t k = 0; k < na; k++) {
                isms_provenance p = {ISMS_CLASS_UNSET, ISMS_ORIGIN_UNCLASSIFIED, NULL, 0, false};
                strbuf cell;
                sb_init(&cell);
                if (isms_asset_effective(&p, as, aspects[k]) == ISMS_OK)
                    provenance_text(&cell, c, &p);
                table_cell(t, cell.data, p.level == ISMS_CLASS_UNSET
                                             ? COLOR_DIM
                                             : class_color(scheme, aspects[k], p.level));
                sb_free(&cell);
            }
            int overall = isms_asset_overall(as);
            if (overall == ISMS_CLASS_UNSET)
                table_cell(t, "–", COLOR_DIM);
            else
                table_cellf(t, COLOR_BOLD, "%d", overall);
        }
        page_begin(&b, c, T(c, "Klassning", "Classification"));
        if (n == 0 && c->format == FMT_TEXT)
            sb_puts(&b, T(c, "Förteckningen har inga tillgångar.\n",
                          "The inventory has no assets.\n"));
        else
            table_render(t, &b, c);
        table_free(t);
        char *line = xasprintf(T(c, "%zu tillgångar, %zu klassade, %zu med personuppgifter "
                                    "(klassningsmodell %s). ← ärvd från tillgången, (golv) höjd "
                                    "för personuppgifter, (manuell) satt för hand, ↻ på en cykel.",
                                 "%zu assets, %zu classified, %zu with personal data "
                                 "(scheme %s). ← inherited from the asset, (floor) raised for "
                                 "personal data, (override) set by hand, ↻ on a cycle."),
                               sum.total, sum.total - sum.per_overall[0], sum.with_pdata,
                               isms_scheme_name(scheme));
        page_paragraph(&b, c, line);
        free(line);
        page_end(&b, c);
        rc = cli_emit(c, &b);
    }
    sb_free(&b);
    isms_document_free(doc);
    return rc;
}

/* ---- plan ------------------------------------------------------------------------------ */

static int parse_unit(isms_period_kind *out, const char *s)
{
    static const struct {
        const char *name;
        isms_period_kind kind;
    } units[] = {{"year", ISMS_PERIOD_YEAR},       {"år", ISMS_PERIOD_YEAR},
                 {"yearly", ISMS_PERIOD_YEAR},     {"tertial", ISMS_PERIOD_TERTIAL},
                 {"quarter", ISMS_PERIOD_QUARTER}, {"kvartal", ISMS_PERIOD_QUARTER},
                 {"month", ISMS_PERIOD_MONTH},     {"månad", ISMS_PERIOD_MONTH}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (isms_text_matches(units[i].name, s)) {
            *out = units[i].kind;
            return 0;
        }
    return -1;
}

/* "återkommande ×4, försenad" */
static void remark(strbuf *b, const cli *c, const isms_slot *s, const isms_action *a)
{
    const char *sep = "";
    if (s && s->recurring) {
        sb_puts(b, T(c, "återkommande", "recurring"));
        if (s->occurrences > 1)
            sb_printf(b, " ×%u", s->occurrences);
        sep = ", ";
    }
    if (isms_action_get_status(a) == ISMS_ACTION_IN_PROGRESS) {
        sb_printf(b, "%s%s", sep, isms_action_status_label(ISMS_ACTION_IN_PROGRESS, c->lang));
        sep = ", ";
    }
    if (s && s->late)
        sb_printf(b, "%s%s", sep, T(c, "försenad", "late"));
}

static void plan_row(table *t, const cli *c, const isms_action *a, double effort,
                     const isms_slot *s, const char *period)
{
    char num[64];
    table_row(t);
    table_cell(t, isms_action_id(a), COLOR_NONE);
    table_cell(t, isms_action_get(a, ISMS_ACTION_TITLE), COLOR_NONE);
    table_cell(t, isms_action_get(a, ISMS_ACTION_OWNER), COLOR_NONE);
    if (effort < 0) {
        table_cell(t, "–", COLOR_DIM);
    } else {
        fmt_num(num, sizeof num, c, effort, effort == (long long)effort ? 0 : 1, true);
        table_cell(t, num, COLOR_NONE);
    }
    double score = isms_action_score(a);
    if (score < 0) {
        table_cell(t, "–", COLOR_DIM);
    } else {
        fmt_num(num, sizeof num, c, score, 2, false);
        table_cell(t, num, COLOR_NONE);
    }
    table_cell(t, isms_action_get(a, ISMS_ACTION_DUE), COLOR_NONE);
    strbuf r;
    sb_init(&r);
    remark(&r, c, s, a);
    table_cell(t, r.data, s && s->late ? COLOR_RED : COLOR_NONE);
    sb_free(&r);
    table_cell(t, period, COLOR_NONE);
}

static json_t *json_action(const cli *c, const isms_action *a, double effort,
                           const isms_slot *s)
{
    json_t *o = jobj();
    jset(o, "id", jstr(isms_action_id(a)));
    jset(o, "title", jstr(isms_action_get(a, ISMS_ACTION_TITLE)));
    jset(o, "owner", jstr(isms_action_get(a, ISMS_ACTION_OWNER)));
    jset(o, "effort", effort < 0 ? jnull() : jnum(effort));
    jset(o, "score", isms_action_score(a) < 0 ? jnull() : jnum(isms_action_score(a)));
    jset(o, "due", jstr(isms_action_get(a, ISMS_ACTION_DUE)));
    jset(o, "status", jstr(isms_action_status_name(isms_action_get_status(a))));
    if (s) {
        jset(o, "recurring", jbool(s->recurring));
        jset(o, "occurrences", jint(s->occurrences));
        jset(o, "late", jbool(s->late));
    }
    if (c->a.explain) {
        char *text = NULL;
        if (isms_action_explain(&text, a, c->lang) == ISMS_OK)
            jset(o, "explain", jstr(text));
        isms_free(text);
    }
    return o;
}

/* Period `index` of the schedule and its name ("Q1 2025"; "" when it cannot be read). */
static void period_at(isms_period *per, char *name, size_t size, const isms_schedule *sched,
                      size_t index)
{
    memset(per, 0, sizeof *per);
    name[0] = '\0';
    isms_schedule_period(per, sched, index);
    isms_period_format(name, size, per);
}

/* The heading of a period: "2025 · 35 av 40 persondagar". */
static char *period_heading(const cli *c, const isms_period *p, double load, double capacity)
{
    char name[32] = "", l[64], cap[64];
    isms_period_format(name, sizeof name, p);
    fmt_num(l, sizeof l, c, load, load == (long long)load ? 0 : 1, true);
    if (capacity > 0) {
        fmt_num(cap, sizeof cap, c, capacity, capacity == (long long)capacity ? 0 : 1, true);
        return xasprintf(T(c, "%s · %s av %s persondagar", "%s · %s of %s person-days"), name,
                         l, cap);
    }
    return xasprintf(T(c, "%s · %s persondagar", "%s · %s person-days"), name, l);
}

int cmd_plan(cli *c)
{
    if (c->a.npos != 1)
        return cli_usage_one_document(c);
    isms_period_kind unit = ISMS_PERIOD_YEAR;
    if (c->a.period && parse_unit(&unit, c->a.period) != 0)
        return cli_usage(c, T(c, "okänd periodlängd \"%s\"; välj year, tertial, quarter eller "
                                 "month",
                              "unknown period length \"%s\"; choose year, tertial, quarter or "
                              "month"),
                         c->a.period);
    isms_document *doc = NULL;
    int rc = cli_load_document(c, c->a.pos[0], &doc);
    if (rc)
        return rc;
    isms_plan *plan = isms_document_plan(doc);
    isms_schedule_options o;
    isms_schedule *sched = NULL;
    if (isms_inventory_classify(isms_document_inventory(doc)) != ISMS_OK ||
        isms_document_schedule_options(&o, doc) != ISMS_OK)
        return cli_document_error(c, doc);
    o.lang = c->lang;
    if (c->a.period)
        o.unit = unit;
    if (c->a.periods > 0 && (size_t)c->a.periods != o.periods) {
        o.periods = (size_t)c->a.periods;
        o.capacities = NULL; /* one per period of the settings: no longer fits */
    }
    if (c->a.capacity >= 0) {
        o.capacity = c->a.capacity;
        o.capacities = NULL;
    }
    if (c->a.start)
        o.start = (isms_date){c->a.start, 1, 1};
    if (isms_plan_schedule(&sched, plan, &o) != ISMS_OK)
        return cli_document_error(c, doc);

    size_t np = isms_schedule_period_count(sched);
    size_t nu = isms_schedule_unscheduled_count(sched);
    const isms_findings *f = isms_schedule_findings(sched);
    size_t nf = isms_findings_count(f);
    strbuf b;
    sb_init(&b);
    if (c->format == FMT_JSON) {
        json_t *root = jobj(), *periods = jarr(), *unsched = jarr(), *flist = jarr();
        jset(root, "unit", jstr(isms_period_kind_name(o.unit)));
        for (size_t p = 0; p < np; p++) {
            isms_period per;
            char name[32], d1[16], d2[16];
            period_at(&per, name, sizeof name, sched, p);
            fmt_date(d1, sizeof d1, per.start);
            fmt_date(d2, sizeof d2, per.end);
            json_t *po = jobj(), *acts = jarr();
            jset(po, "period", jstr(name));
            jset(po, "start", jstr(d1));
            jset(po, "end", jstr(d2));
            jset(po, "capacity", jnum(isms_schedule_capacity(sched, p)));
            jset(po, "load", jnum(isms_schedule_load(sched, p)));
            for (size_t k = 0; k < isms_schedule_count(sched, p); k++) {
                isms_slot s;
                if (isms_schedule_item(&s, sched, p, k) == ISMS_OK)
                    jpush(acts, json_action(c, s.action, s.effort, &s));
            }
            jset(po, "actions", acts);
            jpush(periods, po);
        }
        jset(root, "periods", periods);
        for (size_t k = 0; k < nu; k++) {
            const isms_action *a = isms_schedule_unscheduled(sched, k);
            jpush(unsched, json_action(c, a, isms_action_effort(a), NULL));
        }
        jset(root, "unscheduled", unsched);
        for (size_t i = 0; i < nf; i++) {
            isms_finding x;
            if (isms_findings_get(&x, f, i) == ISMS_OK)
                jpush(flist, json_finding(&x));
        }
        jset(root, "findings", flist);
        rc = cli_emit_json(c, root);
    } else {
        table *t = table_new(8);
        table_col(t, 0, "ID", COL_LEFT);
        table_col(t, 1, T(c, "Åtgärd", "Action"), COL_WRAP);
        table_col(t, 2, T(c, "Ansvarig", "Owner"), COL_WRAP);
        table_col(t, 3, T(c, "Dagar", "Days"), COL_RIGHT | COL_NUM);
        table_col(t, 4, T(c, "Prioritet", "Priority"), COL_RIGHT | COL_NUM);
        table_col(t, 5, T(c, "Klart senast", "Due"), COL_WRAP);
        table_col(t, 6, T(c, "Anmärkning", "Remark"), COL_WRAP);
        table_col(t, 7, "Period", COL_CSV);
        size_t placed = 0;
        for (size_t p = 0; p < np; p++) {
            isms_period per;
            char name[32];
            period_at(&per, name, sizeof name, sched, p);
            char *h = period_heading(c, &per, isms_schedule_load(sched, p),
                                     isms_schedule_capacity(sched, p));
            table_section(t, h);
            free(h);
            for (size_t k = 0; k < isms_schedule_count(sched, p); k++) {
                isms_slot s;
                if (isms_schedule_item(&s, sched, p, k) != ISMS_OK)
                    continue;
                plan_row(t, c, s.action, s.effort, &s, name);
                placed++;
            }
        }
        if (nu > 0) {
            table_section(t, T(c, "Ej schemalagda", "Not scheduled"));
            for (size_t k = 0; k < nu; k++) {
                const isms_action *a = isms_schedule_unscheduled(sched, k);
                plan_row(t, c, a, isms_action_effort(a), NULL, "");
            }
        }
        page_begin(&b, c, T(c, "Handlingsplan", "Improvement plan"));
        if (placed == 0 && nu == 0 && c->format == FMT_TEXT)
            sb_puts(&b, T(c, "Handlingsplanen har inga öppna åtgärder.\n",
                          "The plan has no open actions.\n"));
        else
            table_render(t, &b, c);
        table_free(t);

        if (c->format != FMT_CSV) {
            /* The schedule's findings: warnings and errors, info too with --verbose. */
            strbuf list;
            sb_init(&list);
            size_t shown = 0;
            for (size_t i = 0; i < nf; i++) {
                isms_finding x;
                if (isms_findings_get(&x, f, i) != ISMS_OK)
                    continue;
                if (x.severity == ISMS_SEVERITY_INFO && !c->a.verbose)
                    continue;
                const char *sev = isms_severity_label(x.severity, c->lang);
                if (c->format == FMT_HTML) {
                    sb_puts(&list, "<li>");
                    esc_html(&list, sev);
                    sb_puts(&list, ": ");
                    esc_html(&list, x.message);
                    sb_puts(&list, "</li>\n");
                } else if (c->format == FMT_MD) {
                    sb_puts(&list, "- ");
                    esc_md(&list, sev);
                    sb_puts(&list, ": ");
                    esc_md(&list, x.message);
                    sb_putc(&list, '\n');
                } else {
                    /* "  varning: message", the message wrapped under itself */
                    strbuf lead;
                    sb_init(&lead);
                    sb_puts(&lead, "  ");
                    if (c->color)
                        sb_puts(&lead, color_on(color_severity(x.severity)));
                    sb_puts(&lead, sev);
                    if (c->color)
                        sb_puts(&lead, COLOR_OFF);
                    sb_puts(&lead, ": ");
                    size_t cols = 2 + text_cols(sev) + 2;
                    text_paragraph(&list, c, lead.data, cols, 4, x.message);
                    sb_free(&lead);
                }
                shown++;
            }
            if (shown > 0) {
                page_heading(&b, c, T(c, "Anmärkningar", "Findings"));
                if (c->format == FMT_HTML)
                    sb_printf(&b, "<ul>\n%s</ul>\n", list.data);
                else
                    sb_puts(&b, list.data);
            }
            sb_free(&list);

            if (c->a.explain) {
                page_heading(&b, c, T(c, "Prioriteten förklarad", "Priorities explained"));
                size_t na = isms_plan_count(plan);
                for (size_t i = 0; i < na; i++) {
                    const isms_action *a = isms_plan_at(plan, i);
                    char *text = NULL;
                    if (isms_action_score(a) < 0 ||
                        isms_action_explain(&text, a, c->lang) != ISMS_OK)
                        continue;
                    if (c->format == FMT_HTML) {
                        sb_puts(&b, "<h3>");
                        esc_html(&b, isms_action_id(a));
                        sb_puts(&b, "</h3>\n<pre>");
                        esc_html(&b, text);
                        sb_puts(&b, "</pre>\n");
                    } else if (c->format == FMT_MD) {
                        sb_puts(&b, "**");
                        esc_md(&b, isms_action_id(a));
                        sb_puts(&b, "**\n\n");
                        /* An indented code block: no fence in the text can end it. */
                        const char *p = text;
                        for (char *line; (line = line_next(&p)) != NULL; free(line)) {
                            sb_puts(&b, "    ");
                            sb_term(&b, line);
                            sb_putc(&b, '\n');
                        }
                        sb_putc(&b, '\n');
                    } else {
                        /* "  A1 title", then each line of the explanation indented, all
                         * terminal-safe and wrapped */
                        char *line1 = xasprintf("%s %s", isms_action_id(a),
                                                isms_action_get(a, ISMS_ACTION_TITLE));
                        text_paragraph(&b, c, "  ", 2, 4, line1);
                        free(line1);
                        const char *p = text;
                        for (char *line; (line = line_next(&p)) != NULL; free(line))
                            text_paragraph(&b, c, "      ", 6, 8, line);
                    }
                    isms_free(text);
                }
            }
        }
        page_end(&b, c);
        rc = cli_emit(c, &b);
    }
    sb_free(&b);
    isms_schedule_free(sched);
    isms_document_free(doc);
    return rc;
}
