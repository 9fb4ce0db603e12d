/* isms score, isms cvss, isms simulate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* ---- helpers --------------------------------------------------------------------------- */

static const char *band_label(const isms_band *b, const cli *c)
{
    return c->lang == ISMS_LANG_EN ? b->label_en : b->label_sv;
}

/* "3", or "–" for an unset level. */
static void level_text(char *buf, size_t size, int level)
{
    if (level == ISMS_LEVEL_UNSET)
        snprintf(buf, size, "–");
    else
        snprintf(buf, size, "%d", level);
}

/* The label of a level on an axis ("Sannolik"), or "" when the value is not a level. */
static const char *axis_label(const isms_matrix *m, isms_axis axis, int value, const cli *c)
{
    size_t n = isms_matrix_level_count(m, axis);
    for (size_t i = 0; i < n; i++) {
        isms_level l;
        if (isms_matrix_level(&l, m, axis, i) == ISMS_OK && l.value == value)
            return c->lang == ISMS_LANG_EN ? l.label_en : l.label_sv;
    }
    return "";
}

/* ---- score ----------------------------------------------------------------------------- */

/* One likelihood and consequence on a matrix, without a document. */
static int score_pair(cli *c)
{
    if (!c->a.likelihood || !c->a.consequence)
        return cli_usage(c, T(c, "ange ett dokument, eller både --likelihood och --consequence",
                              "give a document, or both --likelihood and --consequence"));
    const char *name = c->a.matrix ? c->a.matrix : "4x4";
    isms_matrix *m = NULL;
    if (isms_matrix_preset(&m, name) != ISMS_OK)
        return cli_usage(c, T(c, "okänd riskmatris \"%s\"; välj 4x4, 5x5 eller 3x3",
                              "unknown risk matrix \"%s\"; choose 4x4, 5x5 or 3x3"), name);
    int l, k;
    isms_score s;
    if (isms_matrix_parse_level(&l, m, ISMS_AXIS_LIKELIHOOD, c->a.likelihood) != ISMS_OK ||
        isms_matrix_parse_level(&k, m, ISMS_AXIS_CONSEQUENCE, c->a.consequence) != ISMS_OK ||
        isms_matrix_score(&s, m, l, k) != ISMS_OK) {
        int rc = cli_lib_error(c);
        isms_matrix_free(m);
        return rc;
    }
    isms_band band;
    memset(&band, 0, sizeof band);
    isms_matrix_band(&band, m, (size_t)s.band);
    bool acceptable = s.value <= isms_matrix_acceptance(m);

    strbuf b;
    sb_init(&b);
    int rc;
    if (c->format == FMT_JSON) {
        json_t *o = jobj();
        jset(o, "matrix", jstr(isms_matrix_name(m)));
        jset(o, "likelihood", jint(l));
        jset(o, "consequence", jint(k));
        jset(o, "value", jint(s.value));
        jset(o, "band", jstr(band.name));
        jset(o, "band_label", jstr(band_label(&band, c)));
        jset(o, "normalized", jnum(s.normalized));
        jset(o, "acceptance", jint(isms_matrix_acceptance(m)));
        jset(o, "acceptable", jbool(acceptable));
        rc = cli_emit_json(c, o);
    } else {
        table *t = table_new_kv(c, COL_LEFT);
        char num[64];
        table_key(t, T(c, "Riskmatris", "Risk matrix"));
        table_cell(t, isms_matrix_name(m), COLOR_NONE);
        table_key(t, T(c, "Sannolikhet", "Likelihood"));
        table_cellf(t, COLOR_NONE, "%d %s", l, axis_label(m, ISMS_AXIS_LIKELIHOOD, l, c));
        table_key(t, T(c, "Konsekvens", "Consequence"));
        table_cellf(t, COLOR_NONE, "%d %s", k, axis_label(m, ISMS_AXIS_CONSEQUENCE, k, c));
        table_key(t, T(c, "Värde", "Value"));
        table_cellf(t, COLOR_NONE, "%d", s.value);
        table_key(t, T(c, "Nivå", "Band"));
        table_cell(t, band_label(&band, c), color_band(s.band, isms_matrix_band_count(m)));
        table_key(t, T(c, "Normaliserat", "Normalised"));
        fmt_num(num, sizeof num, c, s.normalized, 3, false);
        table_cell(t, num, COLOR_NONE);
        table_key(t, T(c, "Kan accepteras", "Acceptable"));
        table_cellf(t, COLOR_NONE, "%s (%s %d)",
                    acceptable ? T(c, "ja", "yes") : T(c, "nej", "no"),
                    T(c, "acceptansnivå", "acceptance threshold"), isms_matrix_acceptance(m));
        page_begin(&b, c, T(c, "Riskvärde", "Risk value"));
        table_render(t, &b, c);
        page_end(&b, c);
        table_free(t);
        rc = cli_emit(c, &b);
    }
    sb_free(&b);
    isms_matrix_free(m);
    return rc;
}

/* Value and band of one side of a risk into a JSON object. */
static void json_side(json_t *o, const isms_risk *r, isms_which which, const isms_matrix *m,
                      const cli *c)
{
    int l = which == ISMS_INHERENT ? isms_risk_likelihood(r) : isms_risk_residual_likelihood(r);
    int k = which == ISMS_INHERENT ? isms_risk_consequence(r)
                                   : isms_risk_residual_consequence(r);
    jset(o, "likelihood", l == ISMS_LEVEL_UNSET ? jnull() : jint(l));
    jset(o, "consequence", k == ISMS_LEVEL_UNSET ? jnull() : jint(k));
    isms_score s;
    isms_band band;
    if (isms_risk_score(&s, r, which) == ISMS_OK &&
        isms_matrix_band(&band, m, (size_t)s.band) == ISMS_OK) {
        jset(o, "value", jint(s.value));
        jset(o, "band", jstr(band.name));
        jset(o, "band_label", jstr(band_label(&band, c)));
    } else {
        jset(o, "value", jnull());
        jset(o, "band", jnull());
        jset(o, "band_label", jnull());
    }
}

/* Levels, value and band of one side of a risk into table cells. */
static void cells_side(table *t, const isms_risk *r, isms_which which, const isms_matrix *m,
                       const cli *c)
{
    int l = which == ISMS_INHERENT ? isms_risk_likelihood(r) : isms_risk_residual_likelihood(r);
    int k = which == ISMS_INHERENT ? isms_risk_consequence(r)
                                   : isms_risk_residual_consequence(r);
    char a[16], b2[16];
    if (l == ISMS_LEVEL_UNSET && k == ISMS_LEVEL_UNSET) {
        table_cell(t, "", COLOR_NONE);
    } else {
        level_text(a, sizeof a, l);
        level_text(b2, sizeof b2, k);
        /* CSV as the organisation's registers write it ("3/4"), so that it reads back. */
        table_cellf(t, COLOR_NONE, c->format == FMT_CSV ? "%s/%s" : "%s×%s", a, b2);
    }
    isms_score s;
    isms_band band;
    if (isms_risk_score(&s, r, which) == ISMS_OK &&
        isms_matrix_band(&band, m, (size_t)s.band) == ISMS_OK) {
        cli_color col = color_band(s.band, isms_matrix_band_count(m));
        table_cellf(t, col, "%d", s.value);
        table_cell(t, band_label(&band, c), col);
    } else {
        table_cell(t, "–", COLOR_NONE);
        table_cell(t, "–", COLOR_NONE);
    }
}

int cmd_score(cli *c)
{
    if (c->a.npos == 0)
        return score_pair(c);
    if (c->a.npos > 1)
        return cli_usage_one_document(c);
    if (c->a.likelihood || c->a.consequence || c->a.matrix)
        return cli_usage(c, T(c, "--likelihood, --consequence och --matrix gäller bara utan "
                                 "dokument",
                              "--likelihood, --consequence and --matrix apply only without a "
                              "document"));
    isms_document *doc = NULL;
    int rc = cli_load_document(c, c->a.pos[0], &doc);
    if (rc)
        return rc;
    const isms_register *reg = isms_document_register(doc);
    const isms_matrix *m = isms_register_matrix(reg);
    isms_risk **risks = NULL;
    size_t n = 0;
    if (isms_register_sorted(&risks, &n, reg, c->a.residual ? ISMS_RESIDUAL : ISMS_INHERENT) !=
        ISMS_OK)
        return cli_document_error(c, doc);
    size_t nb = isms_matrix_band_count(m);
    size_t *inh = xcalloc(nb, sizeof *inh), *res = xcalloc(nb, sizeof *res);
    size_t un_inh = 0, un_res = 0;
    isms_register_band_counts(inh, nb, &un_inh, reg, ISMS_INHERENT);
    isms_register_band_counts(res, nb, &un_res, reg, ISMS_RESIDUAL);

    strbuf b;
    sb_init(&b);
    if (c->format == FMT_JSON) {
        json_t *root = jobj(), *mo = jobj(), *list = jarr(), *bands = jarr(), *un = jobj();
        jset(mo, "name", jstr(isms_matrix_name(m)));
        jset(mo, "acceptance", jint(isms_matrix_acceptance(m)));
        jset(root, "matrix", mo);
        for (size_t i = 0; i < n; i++) {
            const isms_risk *r = risks[i];
            json_t *o = jobj(), *res_o = jobj();
            jset(o, "id", jstr(isms_risk_id(r)));
            jset(o, "title", jstr(isms_risk_title(r)));
            json_side(o, r, ISMS_INHERENT, m, c);
            json_side(res_o, r, ISMS_RESIDUAL, m, c);
            jset(o, "residual", res_o);
            isms_rating rating;
            if (isms_risk_rating(&rating, r) == ISMS_OK) {
                json_t *ro = jobj();
                jset(o, "vector", jstr(isms_risk_vector(r)));
                jset(ro, "method", jstr(isms_method_name(rating.method)));
                jset(ro, "score", jnum(rating.score));
                jset(ro, "severity", jstr(rating.severity));
                jset(ro, "normalized", jnum(rating.normalized));
                jset(o, "rating", ro);
            }
            jpush(list, o);
        }
        jset(root, "risks", list);
        for (size_t i = 0; i < nb; i++) {
            isms_band band;
            if (isms_matrix_band(&band, m, i) != ISMS_OK)
                continue;
            json_t *o = jobj();
            jset(o, "name", jstr(band.name));
            jset(o, "label", jstr(band_label(&band, c)));
            jset(o, "min", jint(band.min_value));
            jset(o, "max", jint(band.max_value));
            jset(o, "inherent", jint((long long)inh[i]));
            jset(o, "residual", jint((long long)res[i]));
            jpush(bands, o);
        }
        jset(root, "bands", bands);
        jset(un, "inherent", jint((long long)un_inh));
        jset(un, "residual", jint((long long)un_res));
        jset(root, "unscored", un);
        rc = cli_emit_json(c, root);
    } else {
        table *t = table_new(8);
        table_col(t, 0, "ID", COL_LEFT);
        table_col(t, 1, "Risk", COL_WRAP);
        table_col(t, 2, T(c, "S×K", "L×C"), COL_RIGHT);
        table_col(t, 3, T(c, "Värde", "Value"), COL_RIGHT | COL_NUM);
        table_col(t, 4, T(c, "Nivå", "Band"), COL_LEFT);
        table_col(t, 5, T(c, "Rest S×K", "Res. L×C"), COL_RIGHT);
        table_col(t, 6, T(c, "Restvärde", "Res. value"), COL_RIGHT | COL_NUM);
        table_col(t, 7, T(c, "Restnivå", "Res. band"), COL_LEFT);
        for (size_t i = 0; i < n; i++) {
            table_row(t);
            table_cell(t, isms_risk_id(risks[i]), COLOR_NONE);
            table_cell(t, isms_risk_title(risks[i]), COLOR_NONE);
            cells_side(t, risks[i], ISMS_INHERENT, m, c);
            cells_side(t, risks[i], ISMS_RESIDUAL, m, c);
        }
        page_begin(&b, c, T(c, "Risker", "Risks"));
        if (n == 0 && c->format == FMT_TEXT)
            sb_puts(&b, T(c, "Registret har inga risker.\n", "The register has no risks.\n"));
        else
            table_render(t, &b, c);
        table_free(t);

        if (c->format != FMT_CSV) {
            /* Risks per band, before and after treatment. */
            table *bt = table_new(3);
            table_col(bt, 0, T(c, "Nivå", "Band"), COL_LEFT);
            table_col(bt, 1, T(c, "Inneboende", "Inherent"), COL_RIGHT | COL_NUM);
            table_col(bt, 2, T(c, "Rest", "Residual"), COL_RIGHT | COL_NUM);
            for (size_t i = nb; i-- > 0;) {
                isms_band band;
                if (isms_matrix_band(&band, m, i) != ISMS_OK)
                    continue;
                table_row(bt);
                table_cellf(bt, color_band((int)i, nb), "%s (%d–%d)", band_label(&band, c),
                            band.min_value, band.max_value);
                table_cellf(bt, COLOR_NONE, "%zu", inh[i]);
                table_cellf(bt, COLOR_NONE, "%zu", res[i]);
            }
            if (un_inh || un_res) {
                table_row(bt);
                table_cell(bt, T(c, "utan värde", "no value"), COLOR_DIM);
                table_cellf(bt, COLOR_NONE, "%zu", un_inh);
                table_cellf(bt, COLOR_NONE, "%zu", un_res);
            }
            /* Text names the matrix (page_heading() makes it terminal-safe). */
            const char *head = T(c, "Risker per nivå", "Risks per band");
            char *text_head = xasprintf("%s (%s %s)", head, T(c, "matris", "matrix"),
                                        isms_matrix_name(m));
            page_heading(&b, c, c->format == FMT_TEXT ? text_head : head);
            free(text_head);
            table_render(bt, &b, c);
            table_free(bt);
        }
        page_end(&b, c);
        rc = cli_emit(c, &b);
    }
    sb_free(&b);
    free(inh);
    free(res);
    isms_free(risks);
    isms_document_free(doc);
    return rc;
}

/* ---- cvss ------------------------------------------------------------------------------ */

typedef struct vec_item {
    char *vector;
    isms_rating rating;
    isms_cvss cvss;
    bool is_cvss;
} vec_item;

static cli_color color_rank(int rank)
{
    switch (rank) {
    case 0: return COLOR_DIM;
    case 1: return COLOR_GREEN;
    case 2: return COLOR_YELLOW;
    case 3: return COLOR_RED;
    default: return COLOR_BOLD_RED;
    }
}

/* Rates one vector; on failure prints where and why and returns false. */
static bool rate_one(const cli *c, vec_item *it, const char *vector, const char *where,
                     unsigned line)
{
    memset(it, 0, sizeof *it);
    if (isms_rating_parse(&it->rating, vector) != ISMS_OK) {
        const isms_error *e = isms_error_last();
        cli_error_at(c, where, line > 0, line, e->column ? e->column : 1, e->message);
        return false;
    }
    it->vector = xstrdup(vector);
    if (it->rating.method == ISMS_METHOD_CVSS && isms_cvss_parse(&it->cvss, vector) == ISMS_OK)
        it->is_cvss = true;
    return true;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                     s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

int cmd_cvss(cli *c)
{
    if (c->a.npos == 0)
        return cli_usage(c, T(c, "ange vektorer, eller - för att läsa dem från standard in",
                              "give vectors, or - to read them from standard input"));
    isms_matrix *m = NULL;
    if (c->a.matrix && isms_matrix_preset(&m, c->a.matrix) != ISMS_OK)
        return cli_usage(c, T(c, "okänd riskmatris \"%s\"; välj 4x4, 5x5 eller 3x3",
                              "unknown risk matrix \"%s\"; choose 4x4, 5x5 or 3x3"),
                         c->a.matrix);

    vec_item *items = NULL;
    size_t n = 0, cap = 0, bad = 0;
    bool stdin_read = false;
    for (size_t p = 0; p < c->a.npos; p++) {
        const char *arg = c->a.pos[p];
        if (strcmp(arg, "-") == 0) {
            if (stdin_read)
                continue;
            stdin_read = true;
            char *data;
            size_t len;
            if (cli_read(c, "-", &data, &len) != EXIT_FINE) {
                bad++;
                continue;
            }
            unsigned line = 0;
            char *save = data;
            while (save && *save) {
                char *nl = strchr(save, '\n');
                if (nl)
                    *nl = '\0';
                line++;
                char *v = trim(save);
                save = nl ? nl + 1 : NULL;
                if (*v == '\0' || *v == '#')
                    continue;
                if (n == cap) {
                    cap = cap ? cap * 2 : 16;
                    items = xrealloc(items, cap * sizeof *items);
                }
                if (rate_one(c, &items[n], v, "<stdin>", line))
                    n++;
                else
                    bad++;
            }
            isms_free(data);
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            items = xrealloc(items, cap * sizeof *items);
        }
        char where[64];
        snprintf(where, sizeof where, "%s %zu", T(c, "argument", "argument"), p + 1);
        if (rate_one(c, &items[n], arg, where, 0))
            n++;
        else
            bad++;
    }

    int rc = EXIT_FINE;
    if (n == 0 && bad == 0) {
        /* Only blank lines and comments: nothing to score is an input error. */
        rc = cli_error(c, T(c, "inga vektorer på standard in", "no vectors on standard input"));
    } else if (n > 0 || bad == 0) {
        strbuf b;
        sb_init(&b);
        if (c->format == FMT_JSON) {
            json_t *root = jobj(), *list = jarr();
            for (size_t i = 0; i < n; i++) {
                const vec_item *it = &items[i];
                json_t *o = jobj();
                jset(o, "vector", jstr(it->vector));
                jset(o, "method", jstr(isms_method_name(it->rating.method)));
                if (it->is_cvss) {
                    jset(o, "version", jstr(isms_cvss_version_name(it->cvss.version)));
                    jset(o, "nomenclature",
                         jstr(isms_cvss_nomenclature_name(it->cvss.nomenclature)));
                    if (it->cvss.base >= 0) {
                        jset(o, "base", jnum(it->cvss.base));
                        jset(o, "temporal", jnum(it->cvss.temporal));
                        jset(o, "environmental", jnum(it->cvss.environmental));
                    }
                }
                jset(o, "score", jnum(it->rating.score));
                jset(o, "severity", jstr(it->rating.severity));
                jset(o, "label", jstr(c->lang == ISMS_LANG_EN ? it->rating.label_en
                                                             : it->rating.label_sv));
                jset(o, "normalized", jnum(it->rating.normalized));
                if (m) {
                    int v = isms_matrix_denormalize(m, it->rating.normalized);
                    int bi = isms_matrix_band_of(m, v);
                    isms_band band;
                    json_t *mo = jobj();
                    jset(mo, "name", jstr(isms_matrix_name(m)));
                    jset(mo, "value", jint(v));
                    if (bi >= 0 && isms_matrix_band(&band, m, (size_t)bi) == ISMS_OK) {
                        jset(mo, "band", jstr(band.name));
                        jset(mo, "band_label", jstr(band_label(&band, c)));
                    }
                    jset(o, "matrix", mo);
                }
                jpush(list, o);
            }
            jset(root, "ratings", list);
            rc = cli_emit_json(c, root);
        } else {
            size_t ncols = m ? 7 : 5;
            table *t = table_new(ncols);
            size_t col = 0;
            table_col(t, col++, T(c, "Metod", "Method"), COL_LEFT);
            table_col(t, col++, T(c, "Poäng", "Score"), COL_RIGHT | COL_NUM);
            table_col(t, col++, T(c, "Allvarlighet", "Severity"), COL_LEFT);
            table_col(t, col++, T(c, "Normaliserat", "Normalised"), COL_RIGHT | COL_NUM);
            if (m) {
                table_col(t, col++, isms_matrix_name(m), COL_RIGHT | COL_NUM);
                table_col(t, col++, T(c, "Nivå", "Band"), COL_LEFT);
            }
            table_col(t, col++, T(c, "Vektor", "Vector"), COL_WRAP);
            for (size_t i = 0; i < n; i++) {
                const vec_item *it = &items[i];
                char num[64];
                table_row(t);
                if (it->is_cvss)
                    table_cellf(t, COLOR_NONE, "CVSS %s",
                                isms_cvss_version_name(it->cvss.version));
                else
                    table_cell(t, isms_method_label(it->rating.method, c->lang), COLOR_NONE);
                fmt_num(num, sizeof num, c, it->rating.score,
                        it->rating.method == ISMS_METHOD_OWASP ? 2 : 1, false);
                table_cell(t, num, COLOR_NONE);
                table_cell(t, c->lang == ISMS_LANG_EN ? it->rating.label_en
                                                      : it->rating.label_sv,
                           color_rank(it->rating.rank));
                fmt_num(num, sizeof num, c, it->rating.normalized, 3, false);
                table_cell(t, num, COLOR_NONE);
                if (m) {
                    int v = isms_matrix_denormalize(m, it->rating.normalized);
                    int bi = isms_matrix_band_of(m, v);
                    isms_band band;
                    table_cellf(t, COLOR_NONE, "%d", v);
                    if (bi >= 0 && isms_matrix_band(&band, m, (size_t)bi) == ISMS_OK)
                        table_cell(t, band_label(&band, c),
                                   color_band(bi, isms_matrix_band_count(m)));
                    else
                        table_cell(t, "–", COLOR_NONE);
                }
                table_cell(t, it->vector, COLOR_NONE);
            }
            page_begin(&b, c, T(c, "Vektorer", "Vectors"));
            table_render(t, &b, c);
            page_end(&b, c);
            table_free(t);
            rc = cli_emit(c, &b);
        }
        sb_free(&b);
    }
    if (rc == EXIT_FINE && bad > 0)
        rc = EXIT_USAGE;
    for (size_t i = 0; i < n; i++)
        free(items[i].vector);
    free(items);
    isms_matrix_free(m);
    return rc;
}

/* ---- simulate -------------------------------------------------------------------------- */

typedef struct sim_row {
    isms_sim_stats st;
    double p50, p90, var95, var99, es99;
} sim_row;

static int sim_row_get(sim_row *r, const isms_simulation *sim, size_t index)
{
    if (isms_simulation_stats(&r->st, sim, index) != ISMS_OK ||
        isms_simulation_percentile(&r->p50, sim, index, 50) != ISMS_OK ||
        isms_simulation_percentile(&r->p90, sim, index, 90) != ISMS_OK ||
        isms_simulation_var(&r->var95, sim, index, 0.95) != ISMS_OK ||
        isms_simulation_var(&r->var99, sim, index, 0.99) != ISMS_OK ||
        isms_simulation_expected_shortfall(&r->es99, sim, index, 0.99) != ISMS_OK)
        return -1;
    return 0;
}

static void sim_json(json_t *o, const sim_row *r)
{
    jset(o, "ale", jnum(r->st.ale));
    jset(o, "sd", jnum(r->st.sd));
    jset(o, "min", jnum(r->st.min));
    jset(o, "max", jnum(r->st.max));
    jset(o, "p50", jnum(r->p50));
    jset(o, "p90", jnum(r->p90));
    jset(o, "var95", jnum(r->var95));
    jset(o, "var99", jnum(r->var99));
    jset(o, "es99", jnum(r->es99));
}

static void sim_cells(table *t, const cli *c, const sim_row *r)
{
    const double v[] = {r->st.ale, r->st.sd, r->p50, r->p90, r->var95, r->var99};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        char num[64];
        fmt_num(num, sizeof num, c, v[i], 0, true);
        table_cell(t, num, COLOR_NONE);
    }
}

int cmd_simulate(cli *c)
{
    isms_document *doc = NULL;
    int rc = cli_load_the_document(c, &doc);
    if (rc)
        return rc;
    /* --iterations and --seed change the loaded copy's settings only (it is not saved). */
    isms_settings st;
    if (isms_document_settings(&st, doc) != ISMS_OK)
        return cli_document_error(c, doc);
    if (c->a.iterations)
        st.iterations = (size_t)c->a.iterations;
    if (c->a.seed_given)
        st.seed = (uint64_t)c->a.seed;
    if (isms_document_set_settings(doc, &st) != ISMS_OK)
        return cli_document_error(c, doc);
    isms_document_settings(&st, doc); /* the arrays st pointed to were replaced */

    size_t n = isms_document_model_count(doc);
    const char **ids = xcalloc(n ? n : 1, sizeof *ids);
    for (size_t i = 0; i < n; i++)
        isms_document_model_at(&ids[i], doc, i);
    isms_simulation *sim = NULL;
    if (n > 0 && isms_document_simulate(&sim, doc, true) != ISMS_OK) {
        rc = cli_lib_error(c);
        goto done;
    }
    sim_row *rows = xcalloc(n + 1, sizeof *rows);
    for (size_t i = 0; i < n && rc == 0; i++)
        if (sim_row_get(&rows[i], sim, i) != 0)
            rc = cli_lib_error(c);
    if (n > 0 && rc == 0 && sim_row_get(&rows[n], sim, ISMS_PORTFOLIO) != 0)
        rc = cli_lib_error(c);
    if (rc) {
        free(rows);
        goto done;
    }

    const isms_register *reg = isms_document_register(doc);
    strbuf b;
    sb_init(&b);
    if (c->format == FMT_JSON) {
        json_t *root = jobj(), *list = jarr();
        jset(root, "iterations", jint((long long)st.iterations));
        /* Seeds are at most 2^63 - 1 (the document's limit, and --seed's). */
        jset(root, "seed", jint((long long)st.seed));
        for (size_t i = 0; i < n; i++) {
            const isms_risk *r = isms_register_find(reg, ids[i]);
            json_t *o = jobj();
            jset(o, "id", jstr(ids[i]));
            jset(o, "title", jstr(r ? isms_risk_title(r) : ""));
            sim_json(o, &rows[i]);
            jpush(list, o);
        }
        jset(root, "risks", list);
        if (n > 0) {
            json_t *o = jobj();
            sim_json(o, &rows[n]);
            jset(root, "portfolio", o);
        } else {
            jset(root, "portfolio", jnull());
        }
        rc = cli_emit_json(c, root);
    } else if (n == 0 && c->format == FMT_TEXT) {
        sb_puts(&b, T(c, "Ingen risk i dokumentet har en kvantitativ modell.\n",
                      "No risk of the document carries a quantitative model.\n"));
        rc = cli_emit(c, &b);
    } else {
        table *t = table_new(8);
        table_col(t, 0, "ID", COL_LEFT);
        table_col(t, 1, "Risk", COL_WRAP);
        table_col(t, 2, "ALE", COL_RIGHT | COL_NUM);
        table_col(t, 3, T(c, "Std.avv.", "SD"), COL_RIGHT | COL_NUM);
        table_col(t, 4, "Median", COL_RIGHT | COL_NUM);
        table_col(t, 5, "P90", COL_RIGHT | COL_NUM);
        table_col(t, 6, "VaR 95 %", COL_RIGHT | COL_NUM);
        table_col(t, 7, "VaR 99 %", COL_RIGHT | COL_NUM);
        for (size_t i = 0; i < n; i++) {
            const isms_risk *r = isms_register_find(reg, ids[i]);
            table_row(t);
            table_cell(t, ids[i], COLOR_NONE);
            table_cell(t, r ? isms_risk_title(r) : "", COLOR_NONE);
            sim_cells(t, c, &rows[i]);
        }
        if (n > 0) {
            table_row(t);
            table_row_color(t, COLOR_BOLD);
            table_cell(t, "", COLOR_NONE);
            table_cell(t, T(c, "Portfölj (alla risker)", "Portfolio (all risks)"), COLOR_NONE);
            sim_cells(t, c, &rows[n]);
        }
        char it_text[64];
        fmt_num(it_text, sizeof it_text, c, (double)st.iterations, 0, true);
        const char *title = T(c, "Kvantitativa resultat", "Quantitative results");
        page_begin(&b, c, title);
        const char *years = T(c, "simulerade år", "simulated years");
        if (c->format == FMT_HTML)
            sb_printf(&b, "<p>%s %s, %s %llu</p>\n", it_text, years, T(c, "frö", "seed"),
                      (unsigned long long)st.seed);
        else if (c->format != FMT_CSV)
            sb_printf(&b, "%s %s, %s %llu\n\n", it_text, years, T(c, "frö", "seed"),
                      (unsigned long long)st.seed);
        table_render(t, &b, c);
        page_end(&b, c);
        table_free(t);
        rc = cli_emit(c, &b);
    }
    sb_free(&b);
    free(rows);
done:
    isms_simulation_free(sim);
    free(ids);
    isms_document_free(doc);
    return rc;
}
