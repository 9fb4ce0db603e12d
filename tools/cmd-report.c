/* isms report, isms lint. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* ---- report ---------------------------------------------------------------------------- */

int cmd_report(cli *c)
{
    isms_document *doc = NULL;
    int rc = cli_load_the_document(c, &doc);
    if (rc)
        return rc;

    isms_report_options o;
    isms_report_options_init(&o, doc);
    switch (c->format) {
    case FMT_MD: o.format = ISMS_REPORT_MARKDOWN; break;
    case FMT_HTML: o.format = ISMS_REPORT_HTML; break;
    case FMT_JSON: o.format = ISMS_REPORT_JSON; break;
    default: o.format = ISMS_REPORT_TEXT; break;
    }
    o.lang = c->lang;
    o.color = c->color && o.format == ISMS_REPORT_TEXT;
    if (c->a.width)
        o.width = c->a.width;
    else if (c->term_width)
        o.width = c->term_width > 1000 ? 1000 : c->term_width;
    o.simulate = !c->a.no_simulate;

    /* Written like every other output, so that -o to a pipe or a device works alike. */
    char *text = NULL;
    size_t len = 0;
    if (isms_report_write(&text, &len, doc, &o) != ISMS_OK)
        rc = cli_lib_error(c);
    else
        rc = cli_emit_bytes(c, text, len);
    isms_free(text);
    isms_document_free(doc);
    return rc;
}

/* ---- lint ------------------------------------------------------------------------------ */

/* "2 fel, 1 varning, 3 information" */
static void count_line(strbuf *b, const cli *c, const isms_findings *f)
{
    size_t e = isms_findings_count_severity(f, ISMS_SEVERITY_ERROR);
    size_t w = isms_findings_count_severity(f, ISMS_SEVERITY_WARNING);
    size_t i = isms_findings_count_severity(f, ISMS_SEVERITY_INFO);
    if (c->lang == ISMS_LANG_EN)
        sb_printf(b, "%zu %s, %zu %s, %zu info", e, e == 1 ? "error" : "errors", w,
                  w == 1 ? "warning" : "warnings", i);
    else
        sb_printf(b, "%zu fel, %zu %s, %zu information", e, w,
                  w == 1 ? "varning" : "varningar", i);
}

int cmd_lint(cli *c)
{
    isms_document *doc = NULL;
    int rc = cli_load_the_document(c, &doc);
    if (rc)
        return rc;
    isms_findings *f = NULL;
    if (isms_findings_new(&f, c->lang) != ISMS_OK || isms_document_lint(f, doc) != ISMS_OK) {
        rc = cli_lib_error(c);
        isms_findings_free(f);
        isms_document_free(doc);
        return rc;
    }

    size_t n = isms_findings_count(f);
    strbuf b;
    sb_init(&b);
    if (c->format == FMT_JSON) {
        json_t *root = jobj(), *counts = jobj(), *list = jarr();
        size_t ne = isms_findings_count_severity(f, ISMS_SEVERITY_ERROR);
        size_t nw = isms_findings_count_severity(f, ISMS_SEVERITY_WARNING);
        size_t ni = isms_findings_count_severity(f, ISMS_SEVERITY_INFO);
        jset(counts, "error", jint((long long)ne));
        jset(counts, "warning", jint((long long)nw));
        jset(counts, "info", jint((long long)ni));
        jset(root, "counts", counts);
        for (size_t i = 0; i < n; i++) {
            isms_finding x;
            if (isms_findings_get(&x, f, i) == ISMS_OK)
                jpush(list, json_finding(&x));
        }
        jset(root, "findings", list);
        rc = cli_emit_json(c, root);
    } else {
        table *t = table_new(4);
        table_col(t, 0, T(c, "Allvarlighet", "Severity"), COL_LEFT);
        table_col(t, 1, T(c, "Kod", "Code"), COL_LEFT);
        table_col(t, 2, T(c, "Avser", "Ref"), COL_WRAP);
        table_col(t, 3, T(c, "Meddelande", "Message"), COL_WRAP);
        for (size_t i = 0; i < n; i++) {
            isms_finding x;
            if (isms_findings_get(&x, f, i) != ISMS_OK)
                continue;
            table_row(t);
            table_cell(t, isms_severity_label(x.severity, c->lang), color_severity(x.severity));
            table_cell(t, x.code, COLOR_NONE);
            table_cell(t, x.ref, COLOR_NONE);
            table_cell(t, x.message, COLOR_NONE);
        }
        page_begin(&b, c, T(c, "Anmärkningar", "Findings"));
        if (c->format == FMT_TEXT && n == 0) {
            sb_puts(&b, T(c, "Inga anmärkningar.\n", "No findings.\n"));
        } else {
            table_render(t, &b, c);
            strbuf counts;
            sb_init(&counts);
            count_line(&counts, c, f);
            page_paragraph(&b, c, counts.data);
            sb_free(&counts);
        }
        page_end(&b, c);
        table_free(t);
        rc = cli_emit(c, &b);
    }
    if (rc == EXIT_FINE && isms_findings_count_severity(f, ISMS_SEVERITY_ERROR) > 0)
        rc = EXIT_FINDINGS;
    sb_free(&b);
    isms_findings_free(f);
    isms_document_free(doc);
    return rc;
}
