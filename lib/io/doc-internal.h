/*
 * Internal declarations shared by the document modules of the io layer (document.c,
 * doc-load.c, doc-save.c, doc-csv.c) and the report: the vocabularies of the JSON format
 * libisms/1 (lib/io/libisms-1.schema.json) and look-ups in them. Nothing here is exported.
 */
#ifndef ISMS_DOC_INTERNAL_H
#define ISMS_DOC_INTERNAL_H

#include <stddef.h>

#include "isms/document.h"
#include "io-internal.h"

/*
 * Canonical names of each vocabulary in the JSON format, indexed by the enum's value; flag
 * sets are indexed by bit position (index k is the flag 1 << k). NULL marks a value that has
 * no name in the format (it is written by leaving the key out). The writer writes exactly
 * these; the loader accepts exactly these (any other text is an error naming them).
 */
#define ISMS__DOC_N(list) (sizeof(list) / sizeof((list)[0]))
extern const char *const isms__doc_treatment[5];      /* isms_treatment */
extern const char *const isms__doc_risk_status[5];    /* isms_risk_status */
extern const char *const isms__doc_status[5];         /* isms_status */
extern const char *const isms__doc_need[5];           /* isms_need; [0] NULL (unset) */
extern const char *const isms__doc_applicability[3];  /* isms_applicability; [0] NULL */
extern const char *const isms__doc_reason[4];         /* isms_reason bits */
extern const char *const isms__doc_asset_type[10];    /* isms_asset_type */
extern const char *const isms__doc_pdata[4];          /* isms_pdata bits (also the floor kinds) */
extern const char *const isms__doc_special[8];        /* isms_special bits */
extern const char *const isms__doc_aspect[4];         /* isms_aspect */
extern const char *const isms__doc_relkind[5];        /* isms_relkind */
extern const char *const isms__doc_action_status[5];  /* isms_action_status */
extern const char *const isms__doc_recurrence[4];     /* isms_recurrence */
extern const char *const isms__doc_dist[6];           /* isms_dist_kind */
extern const char *const isms__doc_pert[2];           /* isms_pert_method */
extern const char *const isms__doc_edition[4];        /* isms_edition; [0] NULL */
extern const char *const isms__doc_scope[4];          /* isms_scope; [0] NULL */
extern const char *const isms__doc_formula[4];        /* isms_formula */
extern const char *const isms__doc_unit[8];           /* isms_period_kind: only year, tertial,
                                                          quarter and month are named */
extern const char *const isms__doc_effort[6];         /* isms_effort_size; [0] NULL */
extern const char *const isms__doc_entry_field[7];    /* isms_entry_field, as entry keys */
extern const char *const isms__doc_asset_field[13];   /* isms_asset_field, as asset keys;
                                                          [ISMS_ASSET_NAME] is "name" */
extern const char *const isms__doc_target[4];         /* isms_target_kind prefixes: [0] NULL,
                                                          "risk", "req", "asset" */
extern const char *const isms__doc_fair_node[ISMS_FAIR_NODE_COUNT]; /* isms_fair_node, as the
                                                          keys of a model's "nodes" */

/* The index of `text` in `names` (exact, case-sensitive), or -1. NULL entries never match. */
int isms__doc_lookup(const char *const *names, size_t n, const char *text);

/*
 * The name in `names` nearest to `text` for a "did you mean" hint: the smallest edit
 * distance (insertions, deletions, substitutions, transpositions; ASCII case ignored), if it
 * is at most max(1, strlen(name) / 3). NULL when nothing is that near.
 */
const char *isms__doc_nearest(const char *const *names, size_t n, const char *text);

/* Writes the non-NULL names as `"a", "b" or "c"` into buf (cut at size). */
void isms__doc_describe(char *buf, size_t size, const char *const *names, size_t n);

/*
 * Writes a finite double as JSON that reads back to the same double (lib/io/json-write.c):
 * whole numbers below 1e15 as integers ("3", "-0" as "0"), others with the first of 15, 16
 * and 17 significant digits that round-trips through strtod, trailing zeros dropped ("0.1",
 * "1e-300"), always with '.' as the decimal point whatever the locale. That is the fewest
 * digits for normal doubles, but not always the shortest text: the exponent is printf's
 * ("1e+20", "1e-06"), and a subnormal gets 15 digits where fewer would do
 * ("4.94065645841247e-324" for 5e-324). `size` must be at least 32. Returns the length
 * written, or 0 for NaN, infinities and a buffer too small.
 */
int isms__doc_double(char *buf, size_t size, double v);

/* The years the document has assessments of, "2022, 2023 and 2024" (English; "" when none),
 * cut after the last whole year that fits in `size` (lib/io/document.c). */
void isms__doc_describe_years(char *buf, size_t size, const isms_document *doc);

/*
 * Imported catalogs of a document (lib/io/document.c). The document holds each imported
 * catalog that came into it (with an assessment, or from the file) once per UUID, in the order
 * they came (isms_document_catalog_at()), until isms_document_remove_catalog().
 *
 * isms__doc_add_catalogs() is the loader's: it holds the `n` catalogs of `list` (each a
 * reference of the document's own) after those already held, in one O((held + n) log) step.
 * ISMS_OK; ISMS_EEXIST when a UUID comes twice (among them, or one the document holds):
 * dup[1] is then the index (in the held catalogs followed by `list`) of the soonest catalog
 * whose UUID came before, dup[0] that of the first with its UUID, and nothing changed;
 * ISMS_EINVAL (a built-in catalog), ISMS_ENOMEM (nothing changed).
 *
 * isms__doc_find_catalog(): the held catalog with the UUID `uuid` (ASCII case ignored), or
 * NULL; O(log catalogs).
 */
int isms__doc_add_catalogs(isms_document *doc, const isms_catalog *const *list, size_t n,
                           size_t dup[2]);
const isms_catalog *isms__doc_find_catalog(const isms_document *doc, const char *uuid);

#endif
