/*
 * Internals of the asset module, shared by scheme.c (schemes, labels, parsers, floors),
 * inventory.c (the model) and classify.c (classification, impact, lint, summary, due), and
 * by the CSV importer of inventories. Nothing here is exported.
 */
#ifndef ISMS_ASSET_INTERNAL_H
#define ISMS_ASSET_INTERNAL_H

#include <stdatomic.h>
#include <stdint.h>

#include "internal.h"

/* Level values are 0–9, so a scale has at most ten levels. */
#define ISMS__CLASS_MAX 9
#define ISMS__CLASS_LEVELS (ISMS__CLASS_MAX + 1)

/* The most assets an inventory holds: classification packs an asset's index into 28 bits
 * (see classify.c) and numbers graph nodes with 32-bit integers. */
#define ISMS__ASSETS_MAX 0x0FFFFFFEu
/* The most relations: edges are numbered with 32-bit integers. */
#define ISMS__RELATIONS_MAX 0xFFFFFFF0u

/* A level of a built scheme; its strings point into the scheme's pool. */
typedef isms__level isms__class_def;

struct isms_scheme {
    atomic_size_t refs;
    char *strings; /* one block holding every string of the scheme */
    const char *name;
    isms__class_def levels[ISMS_ASPECTS][ISMS__CLASS_LEVELS]; /* lowest first */
    size_t n_levels[ISMS_ASPECTS];                            /* 0: the aspect is absent */
};

/* Fields after the name live in a side array that exists only once one of them is set, so
 * that an asset with nothing but an id, a name and levels stays small. */
#define ISMS__MORE_FIELDS (ISMS_ASSET_FIELDS - 1)

struct isms_asset {
    isms_inventory *inv;
    char *name;         /* owned, or the shared empty string */
    char **more;        /* fields 1 … 12 (owned or the shared ""), or NULL when all are "" */
    isms_date classified;
    uint32_t idx;       /* position in inv->items */
    int8_t level[ISMS_ASPECTS];    /* assessed, or ISMS_CLASS_UNSET */
    int8_t override[ISMS_ASPECTS]; /* manual override, or ISMS_CLASS_UNSET */
    uint8_t type;       /* isms_asset_type */
    uint8_t pdata;      /* isms_pdata flags */
    uint8_t special;    /* isms_special flags */
    uint8_t interval;   /* months, 1–120 */
    bool nis;
    char id[];          /* trimmed, not empty */
};

/* Provenance of one effective level, packed in a byte: the origin in bits 0–2, the bit
 * number of the personal-data flag that set a floor in bits 3–4, the cycle flag in bit 7. */
#define ISMS__PROV_ORIGIN 0x07u
#define ISMS__PROV_FLOOR_SHIFT 3
#define ISMS__PROV_CYCLE 0x80u

struct isms_inventory {
    isms_scheme *scheme; /* a reference */
    isms_floors floors;
    isms_asset **items; /* insertion order */
    size_t count, cap;
    isms__index index; /* by id */
    /* Relations in insertion order, as three parallel arrays of asset indices and kinds. */
    uint32_t *rel_src, *rel_dst;
    uint8_t *rel_kind;
    size_t n_rel, cap_src, cap_dst, cap_kind;
    /* Open-addressing set of the relations (slot = relation index + 1, 0 = free), for the
     * duplicate check of link and the look-up of unlink. */
    uint32_t *rel_slots;
    size_t n_rel_slots; /* 0 or a power of two, at least twice n_rel */
    /* Results of the last classification, valid while `classified` holds: per asset and
     * aspect the packed key (level and source, see classify.c) and the provenance byte. */
    bool classified;
    uint32_t *res_key;  /* [count][ISMS_ASPECTS] */
    uint8_t *res_prov;  /* [count][ISMS_ASPECTS] */
};

/* ---- scheme.c ---------------------------------------------------------------------------- */

/* Index of `value` on the aspect's scale, or -1. */
int isms__scheme_find(const isms_scheme *s, isms_aspect aspect, int value);
/* The least level of the scale at or above `value`, or the top when `value` is above it;
 * ISMS_CLASS_UNSET for an absent aspect or an unset value. */
int isms__scheme_snap(const isms_scheme *s, isms_aspect aspect, int value);
/* Writes the scale as "0–4" (consecutive values) or "1, 3, 5". */
void isms__scheme_describe(char *buf, size_t size, const isms_scheme *s, isms_aspect aspect);
/* True for a value of isms_aspect / isms_asset_type / isms_relkind. */
bool isms__aspect_ok(isms_aspect aspect);
/* A lower-case aspect name for use inside a sentence ("konfidentialitet"). */
const char *isms__aspect_word(isms_aspect aspect, isms_lang lang);

/* ---- inventory.c ------------------------------------------------------------------------- */

/* Forgets the results of the last classification (after a change that can move levels). */
void isms__inventory_changed(isms_inventory *inv);

/* The aspects of the scheme an asset has neither assessed nor overridden (bit 1 << aspect):
 * 0 means classified, as the asset-unclassified lint and the report count it. */
unsigned isms__asset_unclassified(const isms_asset *a, const isms_scheme *scheme);
/* Drops the relations after the first `count` (so that an importer can add all or none). */
void isms__inventory_truncate_relations(isms_inventory *inv, size_t count);
/* The supporting and the supported side of relation i. */
void isms__relation_ends(const isms_inventory *inv, size_t i, uint32_t *supporter,
                         uint32_t *supported);

#endif
