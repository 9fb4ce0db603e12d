/*
 * Broken input of every kind the library reads (issue 9): a corpus of files in
 * tests/data/broken/<kind>/ and a manifest, tests/data/broken/MANIFEST.tsv, that says what
 * each must give. For every line of the manifest the file is read through every entry point
 * of its kind (from memory, from its path, and for the CSV kinds as an import into a
 * document), and each must give the error code, the line and column, and a message with the
 * expected words; the out-parameter stays untouched, the inventory or document that an import
 * goes into stays byte for byte the same, and notes are not added.
 *
 * Files above 64 KiB are not stored: the manifest names them "@generator" and the test makes
 * them (make_input()). To add a file: put it in its kind's directory and add one line to the
 * manifest. Run the test with ISMS_BROKEN_PRINT=1 to see what the library says about every
 * file of the manifest, as manifest lines.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MAP_NORESERVE, mkdtemp() */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "io/io-internal.h"
#include "test-util.h"

#define BROKEN ISMS_TEST_DATA "/broken"
#define MANIFEST BROKEN "/MANIFEST.tsv"
#define EXAMPLE_DOC ISMS_TEST_DATA "/../../examples/data/exempelstad.isms.json"

/* What an out-parameter holds before a call that must not write it. */
#define UNTOUCHED ((void *)(uintptr_t)0x1)

/* ---- the kinds -------------------------------------------------------------------------- */

enum kind_id { RISK, GAP, ASSET, RELATION, ACTION, DOCUMENT, OSCAL, N_KINDS };

typedef struct kind_info {
    const char *dir;       /* directory under tests/data/broken/ */
    bool csv;              /* a CSV kind (else JSON) */
    isms_table_kind table; /* for isms_document_import_csv() */
    size_t max_input;      /* the loaders' size limit */
    /* For the generators of CSV files: the header, then a row whose cell `col` (1-based) is
     * the generated text, between `pre` and `post`. */
    const char *header, *pre, *post;
    unsigned col;
} kind_info;

static const kind_info kinds[N_KINDS] = {
    [RISK] = { "risk-csv", true, ISMS_TABLE_RISKS, ISMS_CSV_MAX_INPUT,
               "Risk;Konsekvens;Sannolikhet/konsekvens (1-4);Riskvärde;Åtgärd;Ansvarig\r\n",
               "Nätfiske mot medarbetare;", ";3/4;12;Utbildning;IT-enheten\r\n", 2 },
    [GAP] = { "gap-csv", true, ISMS_TABLE_GAP, ISMS_CSV_MAX_INPUT,
              "ISO;Krav;Nuläge;Kommentar\r\n", "4.1;Förståelse av organisationen;Delvis;",
              "\r\n", 4 },
    [ASSET] = { "asset-csv", true, ISMS_TABLE_ASSETS, ISMS_CSV_MAX_INPUT,
                "ID;Namn;Typ;Beskrivning;K;R;T\r\n", "INF1;Journaler;Information;",
                ";3;3;2\r\n", 4 },
    [RELATION] = { "relation-csv", true, ISMS_TABLE_RELATIONS, ISMS_CSV_MAX_INPUT,
                   "Från;Relation;Till;Kommentar\r\n", "SYS1;behandlar;INF1;", "\r\n", 4 },
    [ACTION] = { "action-csv", true, ISMS_TABLE_ACTIONS, ISMS_CSV_MAX_INPUT,
                 "Åtgärd-id;Åtgärd;Beskrivning;Ansvarig\r\n", "A1;Uppdatera policyn;",
                 ";KSF\r\n", 3 },
    [DOCUMENT] = { "document", false, ISMS_TABLE_UNKNOWN, ISMS_DOCUMENT_MAX_BYTES, NULL, NULL,
                   NULL, 0 },
    [OSCAL] = { "oscal-catalog", false, ISMS_TABLE_UNKNOWN, ISMS_OSCAL_MAX_BYTES, NULL, NULL,
                NULL, 0 },
};

/* The year of the gap and action imports. */
enum { YEAR = 2025 };

/* The assets that the relation files name (SYS1, INF1, SYS3), for the inventory they go in. */
static const char inventory_csv[] = "ID;Namn;Typ\r\n"
                                    "INF1;Journaler;Information\r\n"
                                    "SYS1;Verksamhetssystem;System\r\n"
                                    "SYS3;E-arkivet;System\r\n";

/* ---- the manifest ----------------------------------------------------------------------- */

typedef struct entry {
    enum kind_id kind;
    char file[96];      /* the name in the kind's directory, or "@generator" */
    bool ok;            /* the file loads ... */
    size_t items;       /* ... with this many items (risks, entries, assets, relations, ...) */
    int code;           /* else: this error */
    unsigned line, column;
    char message[320];  /* words the message holds */
    unsigned at;        /* the line of the manifest */
} entry;

static entry *entries;
static size_t n_entries;

static const struct {
    const char *name;
    int code;
} codes[] = {
    { "EINVAL", ISMS_EINVAL },       { "ENOMEM", ISMS_ENOMEM }, { "ERANGE", ISMS_ERANGE },
    { "EPARSE", ISMS_EPARSE },       { "EIO", ISMS_EIO },       { "ENOTFOUND", ISMS_ENOTFOUND },
    { "EEXIST", ISMS_EEXIST },       { "ECYCLE", ISMS_ECYCLE },
    { "EUNSUPPORTED", ISMS_EUNSUPPORTED },
};

static const char *code_name(int code)
{
    if (code == ISMS_OK)
        return "OK";
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (codes[i].code == code)
            return codes[i].name;
    return "?";
}

/* Splits `line` at tabs into at most `max` fields; returns their number. */
static size_t split_tabs(char *line, char **fields, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (n < max) {
        fields[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

static unsigned parse_uint(const char *s, unsigned at)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end)
        fail_msg("MANIFEST.tsv:%u: \"%s\" is not a number", at, s);
    return (unsigned)v;
}

/* Reads MANIFEST.tsv: "kind file result line column message", tab separated; '#' starts a
 * comment line. The result is an error code (EPARSE, ERANGE, ...) or OK:<items>; for OK the
 * line, column and message are "-". */
static void read_manifest(void)
{
    size_t len;
    char *text = slurp(MANIFEST, &len);
    size_t cap = 0;
    unsigned at = 0;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        at++;
        size_t l = strlen(line);
        if (l > 0 && line[l - 1] == '\r')
            line[l - 1] = '\0';
        if (line[0] && line[0] != '#') {
            char *f[7] = { 0 };
            if (split_tabs(line, f, 7) != 6)
                fail_msg("MANIFEST.tsv:%u: expected 6 fields separated by tabs", at);
            if (n_entries == cap) {
                cap = cap ? cap * 2 : 256;
                entries = realloc(entries, cap * sizeof *entries);
                assert_non_null(entries);
            }
            entry *e = &entries[n_entries++];
            memset(e, 0, sizeof *e);
            e->at = at;
            e->kind = N_KINDS;
            for (int k = 0; k < N_KINDS; k++)
                if (strcmp(f[0], kinds[k].dir) == 0)
                    e->kind = (enum kind_id)k;
            if (e->kind == N_KINDS)
                fail_msg("MANIFEST.tsv:%u: unknown kind \"%s\"", at, f[0]);
            if (strlen(f[1]) >= sizeof e->file || strlen(f[5]) >= sizeof e->message)
                fail_msg("MANIFEST.tsv:%u: name or message too long", at);
            strcpy(e->file, f[1]);
            strcpy(e->message, f[5]);
            if (strncmp(f[2], "OK:", 3) == 0) {
                e->ok = true;
                e->items = parse_uint(f[2] + 3, at);
            } else {
                e->code = ISMS_OK;
                for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
                    if (strcmp(f[2], codes[i].name) == 0)
                        e->code = codes[i].code;
                if (e->code == ISMS_OK)
                    fail_msg("MANIFEST.tsv:%u: unknown result \"%s\"", at, f[2]);
                e->line = parse_uint(f[3], at);
                e->column = parse_uint(f[4], at);
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    free(text);
}

/* ---- inputs ----------------------------------------------------------------------------- */

/* Where generated files go for the path loaders. */
static char tmpdir[512];

typedef struct input {
    const char *data;
    size_t len;
    char *owned;     /* malloc'd data, or NULL */
    size_t mapped;   /* bytes of mmap'd data (zeros that the loaders must not read), or 0 */
    char path[768];  /* the file for the path loaders */
    bool temporary;  /* ... made by the test, removed afterwards */
    char source[128]; /* the name given to the loaders from memory */
} input;

/* A growing buffer for the generators. */
typedef struct gen {
    char *s;
    size_t n, cap;
} gen;

static void put(gen *g, const char *s, size_t n)
{
    if (g->n + n + 1 > g->cap) {
        while (g->n + n + 1 > g->cap)
            g->cap = g->cap ? g->cap * 2 : 4096;
        g->s = realloc(g->s, g->cap);
        assert_non_null(g->s);
    }
    memcpy(g->s + g->n, s, n);
    g->n += n;
    g->s[g->n] = '\0';
}

static void puts_(gen *g, const char *s)
{
    put(g, s, strlen(s));
}

static void put_repeat(gen *g, char c, size_t n)
{
    put(g, "", 0);
    while (g->n + n + 1 > g->cap) {
        g->cap *= 2;
        g->s = realloc(g->s, g->cap);
        assert_non_null(g->s);
    }
    memset(g->s + g->n, c, n);
    g->n += n;
    g->s[g->n] = '\0';
}

/* A CSV file of the kind: the header and one row whose generated cell holds `n` bytes 'x'. */
static void gen_csv_cell(gen *g, const kind_info *k, size_t n)
{
    puts_(g, k->header);
    puts_(g, k->pre);
    put_repeat(g, 'x', n);
    puts_(g, k->post);
}

/* A JSON file of the kind with a string of `n` bytes 'x' where text goes. */
static void gen_json_string(gen *g, enum kind_id kind, size_t n)
{
    if (kind == DOCUMENT) {
        puts_(g, "{\n  \"format\": \"libisms/1\",\n  \"organisation\": \"");
        put_repeat(g, 'x', n);
        puts_(g, "\",\n  \"year\": 2025\n}\n");
    } else {
        puts_(g, "{\n  \"catalog\": {\n    \"uuid\": \"3c2f5a8e-6b1d-4f7a-9e2c-1d4b7a9c0e5f\",\n"
                 "    \"metadata\": {\n      \"title\": \"");
        put_repeat(g, 'x', n);
        puts_(g, "\",\n      \"last-modified\": \"2025-05-02T08:00:00Z\",\n"
                 "      \"version\": \"1\",\n      \"oscal-version\": \"1.1.3\"\n    },\n"
                 "    \"controls\": [{\"id\": \"c-1\", \"title\": \"Policy\"}]\n  }\n}\n");
    }
}

/* More columns than a spreadsheet holds (Excel: 16,384), and 100,000 levels of nesting. */
enum { MANY_COLUMNS = 20000, DEEP = 100000 };

/* The columns of @many-columns: fewer under valgrind (the valgrind test setup sets
 * ISMS_UNDER_VALGRIND), where the point is memory errors, not size. */
static unsigned many_columns(void)
{
    return getenv("ISMS_UNDER_VALGRIND") ? MANY_COLUMNS / 10 : MANY_COLUMNS;
}

/*
 * The generators, for files too large to keep in the tree:
 *  @huge-cell        a cell (CSV) or a string (JSON) of 5 MiB
 *  @cell-at-limit    a cell of exactly ISMS_CSV_MAX_CELL bytes (CSV)
 *  @cell-over-limit  a cell of ISMS_CSV_MAX_CELL + 1 bytes (CSV)
 *  @many-columns     20,000 columns more than the kind's own, each with a header and a value
 *                    (more than a spreadsheet holds)
 *  @deep-nesting     100,000 '[' (JSON)
 *  @over-size-limit  one byte more than the loaders accept (a sparse file; in memory, zero
 *                    pages mapped without being touched: a loader that read them before it
 *                    refused the size would give another error, a NUL byte)
 */
static void make_generated(input *in, const entry *e)
{
    const kind_info *k = &kinds[e->kind];
    const char *name = e->file + 1;
    gen g = { NULL, 0, 0 };
    if (strcmp(name, "over-size-limit") == 0) {
        size_t len = k->max_input + 1;
        void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        assert_true(p != MAP_FAILED);
        in->data = p;
        in->len = len;
        in->mapped = len;
        int fd = open(in->path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        assert_true(fd >= 0);
        assert_int_equal(ftruncate(fd, (off_t)len), 0);
        close(fd);
        return;
    }
    if (strcmp(name, "huge-cell") == 0) {
        if (k->csv)
            gen_csv_cell(&g, k, (size_t)5 * 1024 * 1024);
        else
            gen_json_string(&g, e->kind, (size_t)5 * 1024 * 1024);
    } else if (strcmp(name, "cell-at-limit") == 0 && k->csv) {
        gen_csv_cell(&g, k, ISMS_CSV_MAX_CELL);
    } else if (strcmp(name, "cell-over-limit") == 0 && k->csv) {
        gen_csv_cell(&g, k, (size_t)ISMS_CSV_MAX_CELL + 1);
    } else if (strcmp(name, "many-columns") == 0 && k->csv) {
        char cell[32];
        unsigned n_cols = many_columns();
        size_t hl = strlen(k->header) - 2; /* without its CRLF */
        put(&g, k->header, hl);
        for (unsigned i = 1; i <= n_cols; i++) {
            snprintf(cell, sizeof cell, ";Extra %u", i);
            puts_(&g, cell);
        }
        puts_(&g, "\r\n");
        puts_(&g, k->pre);
        puts_(&g, "text");
        put(&g, k->post, strlen(k->post) - 2);
        for (unsigned i = 1; i <= n_cols; i++)
            puts_(&g, ";v");
        puts_(&g, "\r\n");
    } else if (strcmp(name, "deep-nesting") == 0 && !k->csv) {
        put_repeat(&g, '[', DEEP);
    } else {
        fail_msg("MANIFEST.tsv:%u: no generator \"%s\" for %s", e->at, e->file, k->dir);
    }
    in->owned = g.s;
    in->data = g.s;
    in->len = g.n;
    FILE *f = fopen(in->path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(g.s, 1, g.n, f), g.n);
    assert_int_equal(fclose(f), 0);
}

static void make_input(input *in, const entry *e)
{
    memset(in, 0, sizeof *in);
    snprintf(in->source, sizeof in->source, "%s/%s", kinds[e->kind].dir, e->file);
    if (e->file[0] == '@') {
        snprintf(in->path, sizeof in->path, "%s/%s-%s", tmpdir, kinds[e->kind].dir,
                 e->file + 1);
        in->temporary = true;
        make_generated(in, e);
        return;
    }
    snprintf(in->path, sizeof in->path, "%s/%s/%s", BROKEN, kinds[e->kind].dir, e->file);
    in->owned = slurp(in->path, &in->len);
    in->data = in->owned;
}

static void free_input(input *in)
{
    free(in->owned);
    if (in->mapped)
        munmap((void *)(uintptr_t)in->data, in->mapped);
    if (in->temporary)
        unlink(in->path);
}

/* ---- checking ------------------------------------------------------------------------- */

/* Mismatches of the current test: all are printed, then the test fails. */
static unsigned problems;

static void problem(const entry *e, const char *via, const char *fmt, ...)
    CMOCKA_PRINTF_ATTRIBUTE(3, 4);
static void problem(const entry *e, const char *via, const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    print_error("MANIFEST.tsv:%u: %s/%s, %s: %s\n", e->at, kinds[e->kind].dir, e->file, via,
                msg);
    problems++;
}

/* A CSV message says where, as "line L, column C: ..." (or "line L: ..." about a whole row),
 * besides the error's fields; a limit of the whole input has no position. */
static bool csv_position_stated(const entry *e, const char *message)
{
    char where[64];
    if (e->line == 0)
        return true;
    if (e->column)
        snprintf(where, sizeof where, "line %u, column %u", e->line, e->column);
    else
        snprintf(where, sizeof where, "line %u:", e->line);
    return strstr(message, where) != NULL;
}

/* The call `via` returned `rc`: it must be what the entry says, with the error about
 * `source`. Returns true when the call succeeded. */
static bool check_result(const entry *e, const char *via, int rc, const char *source)
{
    const isms_error *err = isms_error_last();
    if (e->ok) {
        if (rc != ISMS_OK)
            problem(e, via, "expected success, got %s at %u:%u: %s", code_name(rc), err->line,
                    err->column, err->message);
        return rc == ISMS_OK;
    }
    if (rc == ISMS_OK) {
        problem(e, via, "expected %s, but it loaded", code_name(e->code));
        return true;
    }
    if (rc != e->code || err->code != e->code || err->line != e->line ||
        err->column != e->column || !strstr(err->message, e->message))
        problem(e, via, "expected %s at %u:%u with \"%s\", got %s (last error %s) at %u:%u: %s",
                code_name(e->code), e->line, e->column, e->message, code_name(rc),
                code_name(err->code), err->line, err->column, err->message);
    else if (!err->source || strcmp(err->source, source) != 0)
        problem(e, via, "the error names the source \"%s\", not \"%s\"",
                err->source ? err->source : "(none)", source);
    else if (kinds[e->kind].csv && !csv_position_stated(e, err->message))
        problem(e, via, "the message does not say the line and column: %s", err->message);
    return false;
}

/* After a call that failed, its out-parameter must be as it was. */
static void check_untouched(const entry *e, const char *via, const void *out)
{
    if (out != UNTOUCHED)
        problem(e, via, "the out-parameter was written (%p)", out);
}

/* A successful load holds `items` items. */
static void check_items(const entry *e, const char *via, size_t items)
{
    if (items != e->items)
        problem(e, via, "loaded %zu items, expected %zu", items, e->items);
}

/* A list with one note, which a failed import must leave alone. */
static isms_findings *earlier_notes(void)
{
    return notes_with_earlier(ISMS_LANG_EN);
}

static void check_notes(const entry *e, const char *via, const isms_findings *notes)
{
    isms_finding f;
    if (isms_findings_count(notes) != 1 || isms_findings_get(&f, notes, 0) != ISMS_OK ||
        strcmp(f.code, "earlier") != 0)
        problem(e, via, "notes were added although it failed (%zu notes)",
                isms_findings_count(notes));
}

/* ---- the loaders of each kind ----------------------------------------------------------- */

static void run_risk(const entry *e, const input *in)
{
    isms_findings *notes = earlier_notes();
    isms_register *reg = UNTOUCHED;
    int rc = isms_register_parse_csv(&reg, in->data, in->len, in->source, NULL, notes);
    if (check_result(e, "isms_register_parse_csv", rc, in->source)) {
        check_items(e, "isms_register_parse_csv", isms_register_count(reg));
        isms_register_free(reg);
    } else {
        check_untouched(e, "isms_register_parse_csv", reg);
        check_notes(e, "isms_register_parse_csv", notes);
    }
    reg = UNTOUCHED;
    rc = isms_register_load_csv(&reg, in->path, NULL, NULL);
    if (check_result(e, "isms_register_load_csv", rc, in->path)) {
        check_items(e, "isms_register_load_csv", isms_register_count(reg));
        isms_register_free(reg);
    } else {
        check_untouched(e, "isms_register_load_csv", reg);
    }
    isms_findings_free(notes);
}

static void run_gap(const entry *e, const input *in)
{
    isms_findings *notes = earlier_notes();
    isms_assessment *a = UNTOUCHED;
    int rc = isms_assessment_parse_csv(&a, in->data, in->len, in->source, ISMS_EDITION_UNKNOWN,
                                       YEAR, notes);
    if (check_result(e, "isms_assessment_parse_csv", rc, in->source)) {
        check_items(e, "isms_assessment_parse_csv", isms_assessment_count(a));
        isms_assessment_free(a);
    } else {
        check_untouched(e, "isms_assessment_parse_csv", a);
        check_notes(e, "isms_assessment_parse_csv", notes);
    }
    a = UNTOUCHED;
    rc = isms_assessment_parse_csv_catalog(&a, in->data, in->len, in->source,
                                           isms_catalog_get(ISMS_EDITION_2022), YEAR, notes);
    if (check_result(e, "isms_assessment_parse_csv_catalog", rc, in->source)) {
        check_items(e, "isms_assessment_parse_csv_catalog", isms_assessment_count(a));
        isms_assessment_free(a);
    } else {
        check_untouched(e, "isms_assessment_parse_csv_catalog", a);
        check_notes(e, "isms_assessment_parse_csv_catalog", notes);
    }
    a = UNTOUCHED;
    rc = isms_assessment_load_csv(&a, in->path, ISMS_EDITION_UNKNOWN, YEAR, NULL);
    if (check_result(e, "isms_assessment_load_csv", rc, in->path)) {
        check_items(e, "isms_assessment_load_csv", isms_assessment_count(a));
        isms_assessment_free(a);
    } else {
        check_untouched(e, "isms_assessment_load_csv", a);
    }
    isms_findings_free(notes);
}

static void run_asset(const entry *e, const input *in)
{
    isms_findings *notes = earlier_notes();
    isms_inventory *inv = UNTOUCHED;
    int rc = isms_inventory_parse_csv(&inv, in->data, in->len, in->source, NULL, notes);
    if (check_result(e, "isms_inventory_parse_csv", rc, in->source)) {
        check_items(e, "isms_inventory_parse_csv", isms_inventory_count(inv));
        isms_inventory_free(inv);
    } else {
        check_untouched(e, "isms_inventory_parse_csv", inv);
        check_notes(e, "isms_inventory_parse_csv", notes);
    }
    inv = UNTOUCHED;
    rc = isms_inventory_load_csv(&inv, in->path, NULL, NULL);
    if (check_result(e, "isms_inventory_load_csv", rc, in->path)) {
        check_items(e, "isms_inventory_load_csv", isms_inventory_count(inv));
        isms_inventory_free(inv);
    } else {
        check_untouched(e, "isms_inventory_load_csv", inv);
    }
    isms_findings_free(notes);
}

/* The relations of an inventory as CSV (to see that a failed import left them alone). */
static char *relations_text(const isms_inventory *inv)
{
    char *out = NULL;
    assert_int_equal(isms_inventory_write_relations_csv(&out, NULL, inv, ISMS_LANG_SV, 0),
                     ISMS_OK);
    return out;
}

static isms_inventory *relation_target(void)
{
    isms_inventory *inv = NULL;
    assert_int_equal(isms_inventory_parse_csv(&inv, inventory_csv, strlen(inventory_csv),
                                              "inventory", NULL, NULL),
                     ISMS_OK);
    /* One relation already there, which must stay (the files do not hold it). */
    static const char one[] = "Från;Relation;Till\r\nSYS1;lagras i;SYS3\r\n";
    assert_int_equal(isms_inventory_parse_relations_csv(inv, one, strlen(one), "one", NULL),
                     ISMS_OK);
    return inv;
}

static void run_relation(const entry *e, const input *in)
{
    isms_findings *notes = earlier_notes();
    for (int by_path = 0; by_path < 2; by_path++) {
        const char *via = by_path ? "isms_inventory_load_relations_csv"
                                  : "isms_inventory_parse_relations_csv";
        isms_inventory *inv = relation_target();
        char *before = relations_text(inv);
        size_t n_before = isms_inventory_relation_count(inv);
        int rc = by_path ? isms_inventory_load_relations_csv(inv, in->path, NULL)
                         : isms_inventory_parse_relations_csv(inv, in->data, in->len,
                                                              in->source, notes);
        if (check_result(e, via, rc, by_path ? in->path : in->source)) {
            check_items(e, via, isms_inventory_relation_count(inv) - n_before);
        } else {
            char *after = relations_text(inv);
            if (strcmp(before, after) != 0 || isms_inventory_relation_count(inv) != n_before)
                problem(e, via, "the inventory's relations changed");
            isms_free(after);
            if (!by_path)
                check_notes(e, via, notes);
        }
        isms_free(before);
        isms_inventory_free(inv);
    }
    isms_findings_free(notes);
}

static void run_action(const entry *e, const input *in)
{
    isms_findings *notes = earlier_notes();
    isms_plan *plan = UNTOUCHED;
    int rc = isms_plan_parse_csv(&plan, in->data, in->len, in->source, YEAR, notes);
    if (check_result(e, "isms_plan_parse_csv", rc, in->source)) {
        check_items(e, "isms_plan_parse_csv", isms_plan_count(plan));
        isms_plan_free(plan);
    } else {
        check_untouched(e, "isms_plan_parse_csv", plan);
        check_notes(e, "isms_plan_parse_csv", notes);
    }
    plan = UNTOUCHED;
    rc = isms_plan_load_csv(&plan, in->path, YEAR, NULL);
    if (check_result(e, "isms_plan_load_csv", rc, in->path)) {
        check_items(e, "isms_plan_load_csv", isms_plan_count(plan));
        isms_plan_free(plan);
    } else {
        check_untouched(e, "isms_plan_load_csv", plan);
    }
    isms_findings_free(notes);
}

static void run_document(const entry *e, const input *in)
{
    isms_document *doc = UNTOUCHED;
    int rc = isms_document_parse(&doc, in->data, in->len, in->source, NULL);
    if (check_result(e, "isms_document_parse", rc, in->source)) {
        check_items(e, "isms_document_parse", isms_register_count(isms_document_register(doc)));
        isms_document_free(doc);
    } else {
        check_untouched(e, "isms_document_parse", doc);
    }
    doc = UNTOUCHED;
    rc = isms_document_load(&doc, in->path, NULL);
    if (check_result(e, "isms_document_load", rc, in->path)) {
        check_items(e, "isms_document_load", isms_register_count(isms_document_register(doc)));
        isms_document_free(doc);
    } else {
        check_untouched(e, "isms_document_load", doc);
    }
}

static void run_oscal(const entry *e, const input *in)
{
    isms_catalog *c = UNTOUCHED;
    int rc = isms_catalog_parse_oscal(&c, in->data, in->len, in->source);
    if (check_result(e, "isms_catalog_parse_oscal", rc, in->source)) {
        check_items(e, "isms_catalog_parse_oscal", isms_catalog_count(c));
        isms_catalog_free(c);
    } else {
        check_untouched(e, "isms_catalog_parse_oscal", c);
    }
    c = UNTOUCHED;
    rc = isms_catalog_load_oscal(&c, in->path);
    if (check_result(e, "isms_catalog_load_oscal", rc, in->path)) {
        check_items(e, "isms_catalog_load_oscal", isms_catalog_count(c));
        isms_catalog_free(c);
    } else {
        check_untouched(e, "isms_catalog_load_oscal", c);
    }
}

/* ---- imports into a document ------------------------------------------------------------ */

/* The sample administration (examples/data/): its file, the document, and the document as
 * isms_document_write() writes it, which every failed import must leave as it is. */
static char *base_text;
static size_t base_len;
static isms_document *base_doc;
static char *base_written;

static char *doc_text(const isms_document *doc)
{
    char *out = NULL;
    assert_int_equal(isms_document_write(&out, NULL, doc), ISMS_OK);
    return out;
}

/* Imports the file into a document, of its own kind and detected: a file that does not load
 * must leave the document and the notes as they were; one that loads must import. The kind
 * detected from the headers is the file's own, or detection fails where the import does
 * (encoding, quotes, size: the same code, line and column), or on the headers. */
static void run_import(const entry *e, const input *in)
{
    isms_table_kind detected = (isms_table_kind)99;
    int rc = isms_table_detect(&detected, in->data, in->len);
    const isms_error *err = isms_error_last();
    if (rc == ISMS_OK && detected != kinds[e->kind].table)
        problem(e, "isms_table_detect", "detected as %s", isms_table_kind_name(detected));
    if (rc != ISMS_OK && detected != (isms_table_kind)99)
        problem(e, "isms_table_detect", "the kind was written although it failed");
    if (rc != ISMS_OK && (e->ok || rc != e->code || err->line != e->line ||
                          err->column != e->column))
        problem(e, "isms_table_detect", "expected %s at %u:%u, got %s at %u:%u: %s",
                e->ok ? "success or the import's error" : code_name(e->code), e->line,
                e->column, code_name(rc), err->line, err->column, err->message);
    for (int detect = 0; detect < 2; detect++) {
        isms_table_kind want = detect ? ISMS_TABLE_UNKNOWN : kinds[e->kind].table;
        const char *via = detect ? "isms_document_import_csv (detected)"
                                 : "isms_document_import_csv";
        if (detect && e->ok)
            continue; /* whether a bare header tells its kind is not the point here */
        isms_document *doc = base_doc;
        if (e->ok) {
            doc = NULL;
            assert_int_equal(isms_document_parse(&doc, base_text, base_len, "base", NULL),
                             ISMS_OK);
        }
        isms_findings *notes = earlier_notes();
        isms_table_kind got = (isms_table_kind)99;
        rc = isms_document_import_csv(&got, doc, in->data, in->len, in->source, want, 0, notes);
        if (!detect) {
            if (check_result(e, via, rc, in->source) && got != want)
                problem(e, via, "imported as %s", isms_table_kind_name(got));
        } else if (rc == ISMS_OK) {
            problem(e, via, "a broken file was detected as %s and imported",
                    isms_table_kind_name(got));
        }
        if (rc != ISMS_OK) {
            char *after = doc_text(doc);
            if (strcmp(base_written, after) != 0)
                problem(e, via, "the document changed although the import failed");
            isms_free(after);
            check_notes(e, via, notes);
            if (got != (isms_table_kind)99)
                problem(e, via, "the kind was written although the import failed");
        }
        if (rc == ISMS_OK && doc == base_doc) { /* put the sample back for the next file */
            isms_document_free(base_doc);
            base_doc = NULL;
            assert_int_equal(isms_document_parse(&base_doc, base_text, base_len, "base", NULL),
                             ISMS_OK);
        }
        isms_findings_free(notes);
        if (doc != base_doc)
            isms_document_free(doc);
    }
}

/* ---- printing: what the library says, as manifest lines ------------------------------- */

static int load_memory(const entry *e, const input *in, size_t *items)
{
    isms_findings *notes = NULL;
    int rc = ISMS_EINVAL;
    *items = 0;
    switch (e->kind) {
    case RISK: {
        isms_register *r = NULL;
        rc = isms_register_parse_csv(&r, in->data, in->len, in->source, NULL, notes);
        *items = rc ? 0 : isms_register_count(r);
        isms_register_free(r);
        break;
    }
    case GAP: {
        isms_assessment *a = NULL;
        rc = isms_assessment_parse_csv(&a, in->data, in->len, in->source, ISMS_EDITION_UNKNOWN,
                                       YEAR, notes);
        *items = rc ? 0 : isms_assessment_count(a);
        isms_assessment_free(a);
        break;
    }
    case ASSET: {
        isms_inventory *inv = NULL;
        rc = isms_inventory_parse_csv(&inv, in->data, in->len, in->source, NULL, notes);
        *items = rc ? 0 : isms_inventory_count(inv);
        isms_inventory_free(inv);
        break;
    }
    case RELATION: {
        isms_inventory *inv = NULL;
        assert_int_equal(isms_inventory_parse_csv(&inv, inventory_csv, strlen(inventory_csv),
                                                  "inventory", NULL, NULL),
                         ISMS_OK);
        rc = isms_inventory_parse_relations_csv(inv, in->data, in->len, in->source, notes);
        *items = rc ? 0 : isms_inventory_relation_count(inv);
        isms_inventory_free(inv);
        break;
    }
    case ACTION: {
        isms_plan *p = NULL;
        rc = isms_plan_parse_csv(&p, in->data, in->len, in->source, YEAR, notes);
        *items = rc ? 0 : isms_plan_count(p);
        isms_plan_free(p);
        break;
    }
    case DOCUMENT: {
        isms_document *d = NULL;
        rc = isms_document_parse(&d, in->data, in->len, in->source, NULL);
        *items = rc ? 0 : isms_register_count(isms_document_register(d));
        isms_document_free(d);
        break;
    }
    case OSCAL: {
        isms_catalog *c = NULL;
        rc = isms_catalog_parse_oscal(&c, in->data, in->len, in->source);
        *items = rc ? 0 : isms_catalog_count(c);
        isms_catalog_free(c);
        break;
    }
    case N_KINDS:
        break;
    }
    return rc;
}

static void print_entry(const entry *e, const input *in)
{
    size_t items;
    int rc = load_memory(e, in, &items);
    const isms_error *err = isms_error_last();
    if (rc == ISMS_OK)
        printf("%s\t%s\tOK:%zu\t-\t-\t-\n", kinds[e->kind].dir, e->file, items);
    else
        printf("%s\t%s\t%s\t%u\t%u\t%s\n", kinds[e->kind].dir, e->file, code_name(rc),
               err->line, err->column, err->message);
}

/* ---- the tests -------------------------------------------------------------------------- */

static int setup(void **state)
{
    (void)state;
    read_manifest();
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/isms-broken-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tmpdir))
        return -1;
    base_text = slurp(EXAMPLE_DOC, &base_len);
    if (isms_document_parse(&base_doc, base_text, base_len, "base", NULL) != ISMS_OK ||
        isms_document_write(&base_written, NULL, base_doc) != ISMS_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    isms_document_free(base_doc);
    isms_free(base_written);
    free(base_text);
    free(entries);
    rmdir(tmpdir);
    return 0;
}

static void run_kind(enum kind_id kind)
{
    bool print = getenv("ISMS_BROKEN_PRINT") != NULL;
    problems = 0;
    size_t n = 0;
    for (size_t i = 0; i < n_entries; i++) {
        const entry *e = &entries[i];
        if (e->kind != kind)
            continue;
        n++;
        input in;
        make_input(&in, e);
        if (print) {
            print_entry(e, &in);
            free_input(&in);
            continue;
        }
        switch (kind) {
        case RISK: run_risk(e, &in); break;
        case GAP: run_gap(e, &in); break;
        case ASSET: run_asset(e, &in); break;
        case RELATION: run_relation(e, &in); break;
        case ACTION: run_action(e, &in); break;
        case DOCUMENT: run_document(e, &in); break;
        case OSCAL: run_oscal(e, &in); break;
        case N_KINDS: break;
        }
        if (kinds[kind].csv)
            run_import(e, &in);
        free_input(&in);
    }
    assert_true(n > 0);
    if (problems)
        fail_msg("%u mismatches with MANIFEST.tsv for %s (above)", problems, kinds[kind].dir);
}

static void test_risk_csv(void **state)
{
    (void)state;
    run_kind(RISK);
}

static void test_gap_csv(void **state)
{
    (void)state;
    run_kind(GAP);
}

static void test_asset_csv(void **state)
{
    (void)state;
    run_kind(ASSET);
}

static void test_relation_csv(void **state)
{
    (void)state;
    run_kind(RELATION);
}

static void test_action_csv(void **state)
{
    (void)state;
    run_kind(ACTION);
}

static void test_document(void **state)
{
    (void)state;
    run_kind(DOCUMENT);
}

static void test_oscal_catalog(void **state)
{
    (void)state;
    run_kind(OSCAL);
}

/* Every file of the manifest is there (or made by a generator), every file of the corpus is
 * in the manifest once, and every kind has the cases the corpus promises. */
static void test_manifest_complete(void **state)
{
    (void)state;
    for (size_t i = 0; i < n_entries; i++) {
        const entry *e = &entries[i];
        for (size_t j = 0; j < i; j++)
            if (entries[j].kind == e->kind && strcmp(entries[j].file, e->file) == 0)
                fail_msg("MANIFEST.tsv:%u: %s/%s is listed twice", e->at, kinds[e->kind].dir,
                         e->file);
        if (e->file[0] == '@')
            continue;
        char path[768];
        snprintf(path, sizeof path, "%s/%s/%s", BROKEN, kinds[e->kind].dir, e->file);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            fail_msg("MANIFEST.tsv:%u: %s is not there", e->at, path);
        if (st.st_size > 64 * 1024)
            fail_msg("%s is larger than 64 KiB: make it with a generator", path);
    }
    for (int k = 0; k < N_KINDS; k++) {
        char dir[512];
        snprintf(dir, sizeof dir, "%s/%s", BROKEN, kinds[k].dir);
        DIR *d = opendir(dir);
        assert_non_null(d);
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            bool listed = false;
            for (size_t i = 0; i < n_entries && !listed; i++)
                listed = entries[i].kind == (enum kind_id)k &&
                         strcmp(entries[i].file, de->d_name) == 0;
            if (!listed)
                fail_msg("%s/%s is not in MANIFEST.tsv", dir, de->d_name);
        }
        closedir(d);
        /* The cases every kind has. */
        static const char *const all[] = { "empty", "bom-only", "truncated-utf8", "utf16le-bom",
                                           "utf16le", "png", "random", "nul-bytes",
                                           "cp1252", "@huge-cell", "@over-size-limit" };
        static const char *const csv[] = { "header-only", "truncated-row", "truncated-quote",
                                           "unterminated-quote", "cr-line-ends",
                                           "@many-columns", "@cell-over-limit" };
        static const char *const json[] = { "truncated-string", "truncated-object",
                                            "duplicate-key", "@deep-nesting" };
        const char *const *want[3] = { all, kinds[k].csv ? csv : json, NULL };
        size_t n_want[3] = { sizeof all / sizeof all[0],
                             kinds[k].csv ? sizeof csv / sizeof csv[0]
                                          : sizeof json / sizeof json[0], 0 };
        for (int w = 0; want[w]; w++) {
            for (size_t j = 0; j < n_want[w]; j++) {
                bool found = false;
                for (size_t i = 0; i < n_entries && !found; i++) {
                    if (entries[i].kind != (enum kind_id)k)
                        continue;
                    const char *f = entries[i].file;
                    size_t l = strlen(want[w][j]);
                    found = strncmp(f, want[w][j], l) == 0 && (f[l] == '\0' || f[l] == '.');
                }
                if (!found)
                    fail_msg("%s: the corpus has no %s case", kinds[k].dir, want[w][j]);
            }
        }
    }
}

/* ---- the shared checks of text that is not UTF-8 (lib/io/file.c) -------------------------- */

static isms__utf8_report scan(const char *s, size_t n)
{
    isms__utf8_report r;
    isms__utf8_scan(&r, s, n);
    return r;
}

static void test_utf8_scan(void **state)
{
    (void)state;
    isms__utf8_report r = scan("Åtgärd", 8);
    assert_int_equal(r.first_bad, 8);
    assert_int_equal(r.bad, 0);
    assert_int_equal(r.multibyte, 2);
    assert_false(r.cut);
    /* Windows-1252 "Åtgärd": two bytes that are not UTF-8. */
    r = scan("\xC5tg\xE4rd", 6);
    assert_int_equal(r.first_bad, 0);
    assert_int_equal(r.bad, 2);
    assert_int_equal(r.multibyte, 0);
    assert_false(r.cut);
    /* Overlong forms, a surrogate, beyond U+10FFFF, a lone continuation byte. */
    r = scan("\xC0\x80|\xED\xA0\x80|\xF4\x90\x80\x80|\x80", 13);
    assert_int_equal(r.first_bad, 0);
    assert_int_equal(r.bad, 10);
    assert_int_equal(r.multibyte, 0);
    /* Four bytes, and a character cut short by the end (only then is it `cut`). */
    r = scan("\xF0\x9F\x98\x80 \xE2\x82", 7);
    assert_int_equal(r.multibyte, 1);
    assert_int_equal(r.first_bad, 5);
    assert_int_equal(r.bad, 2);
    assert_true(r.cut);
    assert_true(isms__utf8_cut_at("\xF0\x9F\x98\x80 \xE2\x82", 7, 5));
    assert_false(isms__utf8_cut_at("\xE2\x82x", 3, 0)); /* broken, not cut */
    r = scan("\xE2\x82x", 3);
    assert_false(r.cut);
    assert_int_equal(r.bad, 2); /* the lead byte, then a continuation byte without one */
}

static void test_sniff(void **state)
{
    (void)state;
    const char *what = "x";
    assert_int_equal(isms__sniff("", 0, &what), ISMS__SEEMS_TEXT);
    assert_null(what);
    assert_int_equal(isms__sniff("Risk;Åtgärd\r\n", 15, &what), ISMS__SEEMS_TEXT);
    assert_int_equal(isms__sniff("Risk;\xC5tg\xE4rd\r\n", 13, &what), ISMS__SEEMS_TEXT);
    assert_int_equal(isms__sniff("\xFF\xFEx", 3, &what), ISMS__SEEMS_UTF16);
    assert_string_equal(what, "UTF-16 text (little-endian)");
    assert_int_equal(isms__sniff("\xFE\xFF", 2, &what), ISMS__SEEMS_UTF16);
    assert_string_equal(what, "UTF-16 text (big-endian)");
    assert_int_equal(isms__sniff("R\0i\0s\0k\0\xE5\0", 10, &what), ISMS__SEEMS_UTF16);
    assert_string_equal(what, "UTF-16 text (little-endian, without a byte order mark)");
    assert_int_equal(isms__sniff("\0R\0i\0s\0k", 8, &what), ISMS__SEEMS_UTF16);
    assert_string_equal(what, "UTF-16 text (big-endian, without a byte order mark)");
    assert_int_equal(isms__sniff("\0\0\0\0", 4, &what), ISMS__SEEMS_BINARY);
    assert_string_equal(what, "binary data");
    assert_int_equal(isms__sniff("ab\x01\x02", 4, &what), ISMS__SEEMS_BINARY);
    assert_int_equal(isms__sniff("PK\x03\x04", 4, &what), ISMS__SEEMS_FORMAT);
    assert_non_null(strstr(what, "Excel workbook (.xlsx)"));
    /* A PDF starts with binary bytes in its second line; a text signature alone is text (a
     * CSV whose first cell starts with "%PDF-" or "GIF89a"). */
    assert_int_equal(isms__sniff("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", 15, &what), ISMS__SEEMS_FORMAT);
    assert_string_equal(what, "a PDF document");
    assert_int_equal(isms__sniff("%PDF-notes;Title\nR1;x\n", 22, &what), ISMS__SEEMS_TEXT);
    assert_int_equal(isms__sniff("GIF89a;Title\n", 13, &what), ISMS__SEEMS_TEXT);
    assert_int_equal(isms__sniff("GIF89a\x01\x00\x01\x00", 10, &what), ISMS__SEEMS_FORMAT);
    assert_string_equal(what, "a GIF image");
    /* One control character in a long text is not binary (a stray form feed, a DOS end). */
    char text[200];
    memset(text, 'a', sizeof text);
    text[100] = '\x1A';
    assert_int_equal(isms__sniff(text, sizeof text, &what), ISMS__SEEMS_TEXT);
}

static void test_not_utf8_advice(void **state)
{
    (void)state;
    char buf[200];
    isms__not_utf8_advice(buf, sizeof buf, "Hej d\xE5", 6, 5);
    assert_string_equal(buf, "it seems to be Windows-1252 or Latin-1 text, where byte 0xE5 is "
                             "\"å\"");
    isms__not_utf8_advice(buf, sizeof buf, "\x80", 1, 0);
    assert_string_equal(buf, "it seems to be Windows-1252 or Latin-1 text, where byte 0x80 is "
                             "\"€\"");
    /* Mostly UTF-8. */
    isms__not_utf8_advice(buf, sizeof buf, "åäö \xF6", 8, 7);
    assert_non_null(strstr(buf, "the rest of the text is UTF-8"));
    /* 0x81 is no character of Windows-1252 either. */
    isms__not_utf8_advice(buf, sizeof buf, "a\x81", 2, 1);
    assert_string_equal(buf, "");
    isms__not_utf8_advice(buf, sizeof buf, "\x89PNG\r\n\x1a\n", 8, 0);
    assert_string_equal(buf, "the file seems to be a PNG image, not text");
    /* Cut to the buffer. */
    isms__not_utf8_advice(buf, 10, "Hej d\xE5", 6, 5);
    assert_string_equal(buf, "it seems ");
}

/* A Windows-1252 table whose last byte happens to start a UTF-8 character is Windows-1252 (it
 * holds no other UTF-8); a UTF-8 table cut there is an error at that cell. */
static void test_cut_or_windows_1252(void **state)
{
    (void)state;
    isms_register *reg = NULL;
    static const char cp[] = "Risk;Konsekvens\r\nA;G\xE5";
    assert_int_equal(isms_register_parse_csv(&reg, cp, sizeof cp - 1, "cp", NULL, NULL),
                     ISMS_OK);
    isms_register_free(reg);
    static const char cut[] = "Risk;Konsekvens\r\nÅ;G\xC3";
    reg = UNTOUCHED;
    assert_int_equal(isms_register_parse_csv(&reg, cut, sizeof cut - 1, "cut", NULL, NULL),
                     ISMS_EPARSE);
    assert_ptr_equal(reg, UNTOUCHED);
    const isms_error *e = isms_error_last();
    assert_int_equal(e->line, 2);
    assert_int_equal(e->column, 2);
    assert_non_null(strstr(e->message, "ends in the middle of a UTF-8 character"));
    /* As many bytes that are not UTF-8 as UTF-8 characters: Windows-1252 (the coincidence "Ã¥"
     * and a "ö"). */
    static const char coincidence[] = "Risk;Konsekvens\r\nA;\xC3\xA5 h\xF6g\r\n";
    reg = NULL;
    assert_int_equal(isms_register_parse_csv(&reg, coincidence, sizeof coincidence - 1, "c",
                                             NULL, NULL),
                     ISMS_OK);
    assert_string_equal(isms_risk_consequence_text(isms_register_at(reg, 0)), "Ã¥ hög");
    isms_register_free(reg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_scan),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_not_utf8_advice),
        cmocka_unit_test(test_cut_or_windows_1252),
        cmocka_unit_test(test_manifest_complete),
        cmocka_unit_test(test_risk_csv),
        cmocka_unit_test(test_gap_csv),
        cmocka_unit_test(test_asset_csv),
        cmocka_unit_test(test_relation_csv),
        cmocka_unit_test(test_action_csv),
        cmocka_unit_test(test_document),
        cmocka_unit_test(test_oscal_catalog),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
