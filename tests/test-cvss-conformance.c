/* Conformance of the CVSS scores with every vector of the reference pack
 * (../shared/reference/cvss/vectors, see its README.md): all CVSS:3.1 base vectors, random
 * v3.1 vectors with Temporal and Environmental metrics scored by FIRST's calculator, the v3.0
 * vectors, all 104,976 CVSS:4.0 base vectors, the random v4.0 Threat/Environmental/
 * Supplemental vectors and Red Hat's v4.0 test vectors.
 *
 * v3.x scores must equal the expected ones exactly; v4.0 scores must equal the exact
 * (round-half-up) column, and the MacroVector too where the file gives one. How many v4.0
 * scores differ from FIRST's calculator is printed (see lib/methods/cvss4.c for why).
 * Every vector is also written in canonical form and read back to the same scores.
 *
 * The pack is not part of the project: the test exits with 77 (skipped) when the directory
 * is absent, and skips the gzip'd set when `gzip` cannot be run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "internal.h"
#include "test-util.h"

#ifndef ISMS_REFERENCE_DIR
#  error "ISMS_REFERENCE_DIR must name ../shared/reference (see tests/meson.build)"
#endif

#define VECTORS ISMS_REFERENCE_DIR "/cvss/vectors"
enum { MAX_CELLS = 6, SHOW_MISMATCHES = 5 };

/* ---- reading the files ------------------------------------------------------------------ */

typedef struct table {
    FILE *f;
    bool piped;
    char *line;
    size_t cap;
    char *cell[MAX_CELLS];
    int n_cells;
    long row; /* 1-based line number of the current row */
} table;

/* Opens a TSV file of the pack and checks its header; false (after a message) when the file
 * cannot be read. With `gunzip` the file is read through `gzip -dc`. */
static bool open_table(table *t, const char *name, const char *header, bool gunzip)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", VECTORS, name);
    memset(t, 0, sizeof *t);
    struct stat st;
    if (stat(path, &st) != 0) {
        printf("%s: not found, skipped\n", path);
        return false;
    }
    if (gunzip) {
        if (strchr(path, '\'')) {
            printf("%s: cannot quote the path for gzip, skipped\n", path);
            return false;
        }
        char cmd[1200];
        snprintf(cmd, sizeof cmd, "gzip -dc '%s' 2>/dev/null", path);
        t->f = popen(cmd, "r");
        t->piped = true;
    } else {
        t->f = fopen(path, "r");
    }
    if (!t->f) {
        printf("%s: %s, skipped\n", path, strerror(errno));
        return false;
    }
    if (getline(&t->line, &t->cap, t->f) < 0) {
        /* gzip missing: the shell runs nothing and says so with status 127 */
        int status = t->piped ? pclose(t->f) : fclose(t->f);
        free(t->line);
        if (t->piped && WIFEXITED(status) && WEXITSTATUS(status) == 127) {
            printf("%s: gzip is not available, skipped\n", path);
            return false;
        }
        fail_msg("%s: empty or unreadable", path);
    }
    t->line[strcspn(t->line, "\r\n")] = '\0';
    if (strcmp(t->line, header) != 0)
        fail_msg("%s: header \"%s\", expected \"%s\"", path, t->line, header);
    t->row = 1;
    return true;
}

/* The next row, split into cells; false at the end. */
static bool next_row(table *t, int cells)
{
    ssize_t n = getline(&t->line, &t->cap, t->f);
    if (n < 0)
        return false;
    t->row++;
    t->line[strcspn(t->line, "\r\n")] = '\0';
    t->n_cells = 0;
    char *s = t->line;
    for (;;) {
        if (t->n_cells == MAX_CELLS)
            fail_msg("row %ld: too many cells", t->row);
        t->cell[t->n_cells++] = s;
        char *tab = strchr(s, '\t');
        if (!tab)
            break;
        *tab = '\0';
        s = tab + 1;
    }
    if (t->n_cells != cells)
        fail_msg("row %ld: %d cells, expected %d", t->row, t->n_cells, cells);
    return true;
}

static void close_table(table *t)
{
    if (t->piped) {
        int status = pclose(t->f);
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    } else {
        fclose(t->f);
    }
    free(t->line);
}

/* ---- checks ----------------------------------------------------------------------------- */

static bool same_score(double score, const char *expected)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%.1f", score);
    return strcmp(buf, expected) == 0;
}

/* Parses a vector of the pack (it must parse), and checks what holds for every vector:
 * the severity of the score, and that the canonical form reads back to the same scores
 * (and, for `canonical` vectors, is the vector itself). */
static isms_cvss parse_ok(const char *vector, bool canonical, long *round_trips)
{
    isms_cvss c;
    if (isms_cvss_parse(&c, vector) != ISMS_OK)
        fail_msg("%s: %s", vector, isms_error_last()->message);
    if (c.severity != isms_cvss_severity_of(c.score))
        fail_msg("%s: severity %d of score %.1f", vector, (int)c.severity, c.score);
    char text[ISMS_CVSS_VECTOR_MAX];
    isms_cvss back;
    if (isms_cvss_format(text, sizeof text, &c) != ISMS_OK ||
        isms_cvss_parse(&back, text) != ISMS_OK)
        fail_msg("%s: canonical form %s: %s", vector, text, isms_error_last()->message);
    if (back.score != c.score || back.base != c.base || back.temporal != c.temporal ||
        back.environmental != c.environmental || strcmp(back.macrovector, c.macrovector) != 0 ||
        back.nomenclature != c.nomenclature)
        fail_msg("%s: canonical form %s scores differently", vector, text);
    if (canonical && strcmp(text, vector) != 0)
        fail_msg("%s: canonical form %s", vector, text);
    (*round_trips)++;
    return c;
}

typedef struct tally {
    long rows, ok, bad, first_differs, round_trips;
} tally;

static void mismatch(tally *t, const char *fmt, ...) ISMS__PRINTF(2, 3);
static void mismatch(tally *t, const char *fmt, ...)
{
    if (t->bad++ < SHOW_MISMATCHES) {
        va_list ap;
        va_start(ap, fmt);
        printf("  MISMATCH ");
        vprintf(fmt, ap);
        printf("\n");
        va_end(ap);
    }
}

/* v3.x files: vector, base, temporal, environmental (and a source for v3.0). */
static void run_v3(const char *name, const char *header, int cells, const char *label,
                   isms_cvss_version version)
{
    table t;
    if (!open_table(&t, name, header, false))
        skip();
    tally n = { 0 };
    while (next_row(&t, cells)) {
        const char *v = t.cell[0];
        /* v3.0's calculator example lists S first: only in-order vectors are canonical */
        bool canonical = strstr(v, ":X") == NULL && strncmp(v + 9, "AV:", 3) == 0;
        isms_cvss c = parse_ok(v, canonical, &n.round_trips);
        n.rows++;
        if (c.version != version)
            fail_msg("%s: version %d", v, (int)c.version);
        if (same_score(c.base, t.cell[1]) && same_score(c.temporal, t.cell[2]) &&
            same_score(c.environmental, t.cell[3]))
            n.ok++;
        else
            mismatch(&n, "%s: %.1f/%.1f/%.1f, expected %s/%s/%s", v, c.base, c.temporal,
                     c.environmental, t.cell[1], t.cell[2], t.cell[3]);
    }
    close_table(&t);
    printf("%s: %ld/%ld vectors match (base, temporal, environmental); %ld canonical forms "
           "read back\n", label, n.ok, n.rows, n.round_trips);
    assert_true(n.rows > 0);
    assert_int_equal(n.bad, 0);
}

static void test_v31_base(void **state)
{
    (void)state;
    run_v3("v31.tsv", "vector\tbase\ttemporal\tenvironmental", 4, "v3.1 (all base vectors)",
           ISMS_CVSS_V3_1);
}

static void test_v31_random(void **state)
{
    (void)state;
    run_v3("v31-random-first.tsv", "vector\tbase\ttemporal\tenvironmental", 4,
           "v3.1 (random, temporal/environmental, FIRST)", ISMS_CVSS_V3_1);
}

static void test_v30(void **state)
{
    (void)state;
    run_v3("v30.tsv", "vector\tbase\ttemporal\tenvironmental\tsource", 5, "v3.0",
           ISMS_CVSS_V3_0);
}

/* v4.0 files: vector, score_first, score_exact, macrovector. `all_differ`: every row is one
 * where FIRST's calculator differs. */
static void run_v4(const char *name, bool gunzip, const char *label, long expect_rows,
                   bool all_differ)
{
    table t;
    if (!open_table(&t, name, "vector\tscore_first\tscore_exact\tmacrovector", gunzip))
        skip();
    tally n = { 0 };
    long macro_ok = 0;
    while (next_row(&t, 4)) {
        const char *v = t.cell[0];
        isms_cvss c = parse_ok(v, strstr(v, ":X") == NULL, &n.round_trips);
        n.rows++;
        if (c.version != ISMS_CVSS_V4_0 || c.base != ISMS_CVSS_NO_SCORE)
            fail_msg("%s: not scored as v4.0", v);
        bool score_ok = same_score(c.score, t.cell[2]);
        bool mv_ok = strcmp(c.macrovector, t.cell[3]) == 0;
        macro_ok += mv_ok;
        if (score_ok && mv_ok)
            n.ok++;
        else
            mismatch(&n, "%s: %.1f (MacroVector %s), expected %s (%s)", v, c.score,
                     c.macrovector, t.cell[2], t.cell[3]);
        if (!same_score(c.score, t.cell[1])) {
            n.first_differs++;
            /* FIRST is 0.1 low, never high */
            char low[16];
            snprintf(low, sizeof low, "%.1f", c.score - 0.1);
            if (strcmp(low, t.cell[1]) != 0)
                mismatch(&n, "%s: %.1f, FIRST %s is not 0.1 lower", v, c.score, t.cell[1]);
        }
    }
    close_table(&t);
    printf("%s: %ld/%ld vectors match score_exact (MacroVector %ld/%ld); FIRST's calculator "
           "differs on %ld; %ld canonical forms read back\n",
           label, n.ok, n.rows, macro_ok, n.rows, n.first_differs, n.round_trips);
    assert_int_equal(n.bad, 0);
    if (expect_rows)
        assert_int_equal(n.rows, expect_rows);
    assert_true(n.rows > 0);
    if (all_differ)
        assert_int_equal(n.first_differs, n.rows);
}

static void test_v40_base_all(void **state)
{
    (void)state;
    /* 4·2·2·3·3·3⁶ base vectors: a short count means gzip's output was cut */
    run_v4("v40-base-all.tsv.gz", true, "v4.0 (all base vectors)", 104976, false);
}

static void test_v40_rounding_diff(void **state)
{
    (void)state;
    run_v4("v40-base-rounding-diff.tsv", false, "v4.0 (base, FIRST rounds down)", 0, true);
}

static void test_v40_random(void **state)
{
    (void)state;
    run_v4("v40-random-bte.tsv", false, "v4.0 (random, threat/environmental/supplemental)", 0,
           false);
}

/* Red Hat's test vectors: vector, score, source, score_first. */
static void test_v40_redhat(void **state)
{
    (void)state;
    table t;
    if (!open_table(&t, "v40-redhat.tsv", "vector\tscore\tsource\tscore_first", false))
        skip();
    tally n = { 0 };
    long supplemental = 0;
    while (next_row(&t, 4)) {
        const char *v = t.cell[0];
        isms_cvss c = parse_ok(v, strstr(v, ":X") == NULL, &n.round_trips);
        n.rows++;
        supplemental += (c.parts & ISMS_CVSS_PART_SUPPLEMENTAL) != 0;
        if (same_score(c.score, t.cell[1]))
            n.ok++;
        else
            mismatch(&n, "%s (%s): %.1f, expected %s", v, t.cell[2], c.score, t.cell[1]);
        n.first_differs += !same_score(c.score, t.cell[3]);
    }
    close_table(&t);
    printf("v4.0 (Red Hat's test vectors): %ld/%ld vectors match (%ld with supplemental "
           "metrics); FIRST's calculator differs on %ld; %ld canonical forms read back\n",
           n.ok, n.rows, supplemental, n.first_differs, n.round_trips);
    assert_true(n.rows > 0);
    assert_int_equal(n.bad, 0);
}

int main(void)
{
    struct stat st;
    if (stat(VECTORS, &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("skipped: the CVSS reference vectors (%s) are not there\n", VECTORS);
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_v31_base),
        cmocka_unit_test(test_v31_random),
        cmocka_unit_test(test_v30),
        cmocka_unit_test(test_v40_base_all),
        cmocka_unit_test(test_v40_rounding_diff),
        cmocka_unit_test(test_v40_random),
        cmocka_unit_test(test_v40_redhat),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
