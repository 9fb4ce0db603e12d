/*
 * Internals of the assess module, shared by assessment.c (the model), analysis.c (summary,
 * lint, conversion, comparison) and the CSV gap-table importer. Nothing here is exported.
 */
#ifndef ISMS_ASSESS_INTERNAL_H
#define ISMS_ASSESS_INTERNAL_H

#include "internal.h"

#define ISMS__ENTRY_FIELDS 7 /* isms_entry_field values */

struct isms_entry {
    isms_assessment *owner;
    const isms_item *item; /* NULL when the reference is not in the catalog */
    char *text[ISMS__ENTRY_FIELDS]; /* owned, or the shared empty string */
    isms_period due;
    char **evidence; /* owned strings */
    size_t n_evidence, cap_evidence;
    char **extra; /* cells of the extra columns; owned or the shared empty string */
    size_t n_extra, cap_extra;
    unsigned char status;        /* isms_status */
    unsigned char need;          /* isms_need */
    unsigned char applicability; /* isms_applicability */
    unsigned char reasons;       /* isms_reason flags */
    char ref[];
};

struct isms_assessment {
    isms_edition edition;
    isms_edition_basis basis;
    const isms_catalog *catalog;
    int year;
    isms_scope scope;
    isms_date date;
    isms_entry **items; /* insertion order */
    size_t count, cap;
    isms__index index; /* by ref */
    char **extra_names; /* owned */
    size_t n_extra, cap_extra;
};

/* Sets how the edition was decided (the CSV importer uses it). */
void isms__assessment_set_basis(isms_assessment *a, isms_edition_basis basis);

/* The status that counts: not applicable for an excluded Annex A control. */
isms_status isms__entry_effective(const isms_entry *e);

/* The canonical reference for `ref` in this assessment: the catalog item's id when the
 * catalog knows it (then *item is set), else `ref` trimmed into buf (cut to size). */
const char *isms__assessment_canonical(const isms_assessment *a, const char *ref, char *buf,
                                       size_t size, const isms_item **item);

/* True when `item` is a requirement within the assessment's scope. */
bool isms__in_scope(const isms_item *item, isms_scope scope);

#endif
