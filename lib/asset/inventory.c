/* Inventories: assets, their fields, and the relations between them.
 *
 * An inventory keeps its assets in insertion order and indexes them by id (lib/base/index.c).
 * Each asset knows its position (`idx`), and relations name assets by position: three
 * parallel arrays (source, destination, kind) that cost 9 bytes a relation, plus an
 * open-addressing set of relation numbers (4–8 bytes a relation) that makes the duplicate
 * check of link and the look-up of unlink O(1). Removing an asset closes up the asset array
 * and drops and renumbers the relations in one pass, so removal is O(assets + relations) and
 * never leaves a relation pointing at a freed asset; unlink is O(relations) too, because
 * relations keep their insertion order.
 *
 * An asset and its id are one allocation; empty strings share one static "" (isms__text_empty)
 * and cost nothing; the fields after the name live in a side array made on first use. Every
 * mutator allocates all it needs before it changes anything, so that ISMS_ENOMEM leaves the
 * object as it was.
 * Changes that can move an effective level (assets, relations, levels, overrides, personal
 * data, floors) forget the results of the last classification.
 */
#include <string.h>

#include "asset/asset-internal.h"

/* ---- inventory ----------------------------------------------------------------------- */

static const char *asset_key(const void *item)
{
    return ((const isms_asset *)item)->id;
}

void isms__inventory_changed(isms_inventory *inv)
{
    inv->classified = false;
    isms__free(inv->res_key);
    isms__free(inv->res_prov);
    inv->res_key = NULL;
    inv->res_prov = NULL;
}

int isms_inventory_new(isms_inventory **out, isms_scheme *scheme)
{
    if (!out)
        return isms__error(ISMS_EINVAL, "isms_inventory_new: out is NULL");
    isms_scheme *s = NULL;
    if (scheme) {
        s = isms_scheme_ref(scheme);
    } else {
        int rc = isms_scheme_preset(&s, "klassa");
        if (rc)
            return rc;
    }
    isms_inventory *inv = isms__calloc(1, sizeof *inv);
    if (!inv) {
        isms_scheme_free(s);
        return isms__error_nomem();
    }
    inv->scheme = s;
    isms_floors_default(&inv->floors, s);
    isms__index_init(&inv->index, asset_key);
    *out = inv;
    return ISMS_OK;
}

static void asset_free(isms_asset *a)
{
    isms__text_free(a->name);
    if (a->more) {
        for (int f = 0; f < ISMS__MORE_FIELDS; f++)
            isms__text_free(a->more[f]);
        isms__free(a->more);
    }
    isms__free(a);
}

void isms_inventory_free(isms_inventory *inv)
{
    if (!inv)
        return;
    for (size_t i = 0; i < inv->count; i++)
        asset_free(inv->items[i]);
    isms__free(inv->items);
    isms__index_free(&inv->index);
    isms__free(inv->rel_src);
    isms__free(inv->rel_dst);
    isms__free(inv->rel_kind);
    isms__free(inv->rel_slots);
    isms__free(inv->res_key);
    isms__free(inv->res_prov);
    isms_scheme_free(inv->scheme);
    isms__free(inv);
}

isms_scheme *isms_inventory_scheme(const isms_inventory *inv)
{
    return inv ? inv->scheme : NULL;
}

int isms_inventory_floors(isms_floors *out, const isms_inventory *inv)
{
    if (!out || !inv)
        return isms__error(ISMS_EINVAL, "isms_inventory_floors: NULL argument");
    *out = inv->floors;
    return ISMS_OK;
}

int isms_inventory_set_floors(isms_inventory *inv, const isms_floors *floors)
{
    if (!inv || !floors)
        return isms__error(ISMS_EINVAL, "isms_inventory_set_floors: NULL argument");
    for (int k = 0; k < 4; k++)
        for (int a = 0; a < ISMS_ASPECTS; a++) {
            int v = floors->min[k][a];
            if (v != ISMS_CLASS_UNSET && (v < 0 || v > ISMS__CLASS_MAX))
                return isms__error(ISMS_EINVAL,
                                   "floor %d for %s (%s) is neither unset (-1) nor 0–%d", v,
                                   isms_pdata_label((isms_pdata)(1u << k), ISMS_LANG_EN),
                                   isms__aspect_word((isms_aspect)a, ISMS_LANG_EN),
                                   ISMS__CLASS_MAX);
        }
    inv->floors = *floors;
    isms__inventory_changed(inv);
    return ISMS_OK;
}

size_t isms_inventory_count(const isms_inventory *inv)
{
    return inv ? inv->count : 0;
}

isms_asset *isms_inventory_at(const isms_inventory *inv, size_t index)
{
    return inv && index < inv->count ? inv->items[index] : NULL;
}

/* Finds the asset whose id is `id` trimmed (without copying it). */
static isms_asset *find_trimmed(const isms_inventory *inv, const char *id)
{
    size_t start, len;
    isms__trim_span(id, strlen(id), &start, &len);
    return isms__index_find_n(&inv->index, id + start, len);
}

isms_asset *isms_inventory_find(const isms_inventory *inv, const char *id)
{
    if (!inv || !id)
        return NULL;
    return find_trimmed(inv, id);
}

static bool valid_type(isms_asset_type type)
{
    return (unsigned)type < ISMS_ASSET_TYPES;
}

int isms_inventory_add(isms_asset **out, isms_inventory *inv, const char *id, const char *name,
                       isms_asset_type type)
{
    if (!inv || !id)
        return isms__error(ISMS_EINVAL, "isms_inventory_add: NULL argument");
    if (!valid_type(type))
        return isms__error(ISMS_EINVAL, "unknown asset type %d", (int)type);
    if (isms__text_check("id", id) || isms__text_check("name", name))
        return ISMS_EINVAL;
    size_t start, len;
    isms__trim_span(id, strlen(id), &start, &len);
    if (!len)
        return isms__error(ISMS_EINVAL, "an asset needs an id that is not blank");
    if (find_trimmed(inv, id))
        return isms__error(ISMS_EEXIST, "an asset with id \"%.*s\" already exists",
                           (int)(len < 64 ? len : 64), id + start);
    if (inv->count >= ISMS__ASSETS_MAX)
        return isms__error(ISMS_ENOMEM, "the inventory already holds %zu assets, the most it "
                           "can", inv->count);
    isms_asset *a = isms__malloc(sizeof *a + len + 1);
    if (!a)
        return isms__error_nomem();
    memcpy(a->id, id + start, len);
    a->id[len] = '\0';
    a->name = isms__text_dup(name);
    if (!a->name ||
        !isms__grow((void **)&inv->items, &inv->cap, inv->count + 1, sizeof *inv->items) ||
        !isms__index_reserve(&inv->index, inv->count + 1)) {
        if (a->name)
            isms__text_free(a->name);
        isms__free(a);
        return isms__error_nomem();
    }
    a->inv = inv;
    a->more = NULL;
    a->classified = (isms_date){ 0, 0, 0 };
    a->idx = (uint32_t)inv->count;
    for (int k = 0; k < ISMS_ASPECTS; k++) {
        a->level[k] = ISMS_CLASS_UNSET;
        a->override[k] = ISMS_CLASS_UNSET;
    }
    a->type = (uint8_t)type;
    a->pdata = 0;
    a->special = 0;
    a->interval = 12;
    a->nis = false;
    isms__index_insert(&inv->index, a);
    inv->items[inv->count++] = a;
    isms__inventory_changed(inv);
    if (out)
        *out = a;
    return ISMS_OK;
}

/* ---- relation set -------------------------------------------------------------------- */

static uint64_t rel_hash(uint32_t src, uint32_t dst, uint8_t kind)
{
    uint64_t x = ((uint64_t)src << 32 | dst) ^ ((uint64_t)kind << 61);
    x ^= x >> 30; /* splitmix64's finaliser */
    x *= 0xBF58476D1CE4E5B9u;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBu;
    return x ^ (x >> 31);
}

/* The slot holding relation (src, dst, kind), or the free slot where it would go. */
static size_t rel_probe(const isms_inventory *inv, uint32_t src, uint32_t dst, uint8_t kind)
{
    size_t mask = inv->n_rel_slots - 1;
    for (size_t i = (size_t)rel_hash(src, dst, kind) & mask;; i = (i + 1) & mask) {
        uint32_t v = inv->rel_slots[i];
        if (!v)
            return i;
        size_t r = v - 1;
        if (inv->rel_src[r] == src && inv->rel_dst[r] == dst && inv->rel_kind[r] == kind)
            return i;
    }
}

static void rel_place(uint32_t *slots, size_t n_slots, const isms_inventory *inv, size_t r)
{
    size_t mask = n_slots - 1;
    size_t i = (size_t)rel_hash(inv->rel_src[r], inv->rel_dst[r], inv->rel_kind[r]) & mask;
    while (slots[i])
        i = (i + 1) & mask;
    slots[i] = (uint32_t)(r + 1);
}

/* Refills the set from the arrays, in place (after relations were dropped or renumbered). */
static void rel_rehash(isms_inventory *inv)
{
    if (!inv->n_rel_slots)
        return;
    memset(inv->rel_slots, 0, inv->n_rel_slots * sizeof *inv->rel_slots);
    for (size_t r = 0; r < inv->n_rel; r++)
        rel_place(inv->rel_slots, inv->n_rel_slots, inv, r);
}

/* Makes room in the set for `need` relations (load at most 1/2). */
static bool rel_reserve(isms_inventory *inv, size_t need)
{
    if (need <= inv->n_rel_slots / 2)
        return true;
    size_t n = inv->n_rel_slots ? inv->n_rel_slots : 16;
    while (need > n / 2) {
        if (n > SIZE_MAX / 4 / sizeof *inv->rel_slots)
            return false;
        n *= 2;
    }
    uint32_t *slots = isms__calloc(n, sizeof *slots);
    if (!slots)
        return false;
    for (size_t r = 0; r < inv->n_rel; r++)
        rel_place(slots, n, inv, r);
    isms__free(inv->rel_slots);
    inv->rel_slots = slots;
    inv->n_rel_slots = n;
    return true;
}

void isms__inventory_truncate_relations(isms_inventory *inv, size_t count)
{
    if (count >= inv->n_rel)
        return;
    inv->n_rel = count;
    rel_rehash(inv);
    isms__inventory_changed(inv);
}

void isms__relation_ends(const isms_inventory *inv, size_t i, uint32_t *supporter,
                         uint32_t *supported)
{
    if (isms_relkind_src_supports((isms_relkind)inv->rel_kind[i])) {
        *supporter = inv->rel_src[i];
        *supported = inv->rel_dst[i];
    } else {
        *supporter = inv->rel_dst[i];
        *supported = inv->rel_src[i];
    }
}

int isms_inventory_remove(isms_inventory *inv, const char *id)
{
    if (!inv || !id)
        return isms__error(ISMS_EINVAL, "isms_inventory_remove: NULL argument");
    isms_asset *a = find_trimmed(inv, id);
    if (!a)
        return isms__error(ISMS_ENOTFOUND, "no asset with id \"%.64s\"", id);
    uint32_t idx = a->idx;
    isms__index_remove(&inv->index, a->id);
    memmove(&inv->items[idx], &inv->items[idx + 1],
            (inv->count - idx - 1) * sizeof *inv->items);
    inv->count--;
    for (size_t i = idx; i < inv->count; i++)
        inv->items[i]->idx = (uint32_t)i;
    /* Drop the asset's relations and renumber the others, keeping their order. */
    size_t j = 0;
    for (size_t r = 0; r < inv->n_rel; r++) {
        uint32_t s = inv->rel_src[r], d = inv->rel_dst[r];
        if (s == idx || d == idx)
            continue;
        inv->rel_src[j] = s - (s > idx);
        inv->rel_dst[j] = d - (d > idx);
        inv->rel_kind[j] = inv->rel_kind[r];
        j++;
    }
    inv->n_rel = j;
    rel_rehash(inv);
    asset_free(a);
    isms__inventory_changed(inv);
    return ISMS_OK;
}

/* ---- relations ----------------------------------------------------------------------- */

static bool valid_kind(isms_relkind kind)
{
    return (unsigned)kind <= ISMS_REL_OPERATES;
}

/* Finds both ends of a relation; sets the error and returns non-zero when one is missing. */
static int find_ends(const isms_inventory *inv, const char *src, const char *dst,
                     isms_asset **a, isms_asset **b)
{
    *a = find_trimmed(inv, src);
    if (!*a)
        return isms__error(ISMS_ENOTFOUND, "no asset with id \"%.64s\" (the relation's source)",
                           src);
    *b = find_trimmed(inv, dst);
    if (!*b)
        return isms__error(ISMS_ENOTFOUND,
                           "no asset with id \"%.64s\" (the relation's destination)", dst);
    return ISMS_OK;
}

int isms_inventory_link(isms_inventory *inv, const char *src, const char *dst,
                        isms_relkind kind)
{
    if (!inv || !src || !dst)
        return isms__error(ISMS_EINVAL, "isms_inventory_link: NULL argument");
    if (!valid_kind(kind))
        return isms__error(ISMS_EINVAL, "unknown relation kind %d", (int)kind);
    isms_asset *a = NULL, *b = NULL;
    int rc = find_ends(inv, src, dst, &a, &b);
    if (rc)
        return rc;
    if (a == b)
        return isms__error(ISMS_EINVAL, "asset \"%.64s\" cannot be related to itself", a->id);
    uint8_t k = (uint8_t)kind;
    if (inv->n_rel_slots && inv->rel_slots[rel_probe(inv, a->idx, b->idx, k)])
        return isms__error(ISMS_EEXIST, "the relation \"%.64s %s %.64s\" already exists",
                           a->id, isms_relkind_name(kind), b->id);
    size_t n = inv->n_rel;
    if (n >= ISMS__RELATIONS_MAX)
        return isms__error(ISMS_ENOMEM, "the inventory already holds %zu relations, the most "
                           "it can", n);
    if (!isms__grow((void **)&inv->rel_src, &inv->cap_src, n + 1, sizeof *inv->rel_src) ||
        !isms__grow((void **)&inv->rel_dst, &inv->cap_dst, n + 1, sizeof *inv->rel_dst) ||
        !isms__grow((void **)&inv->rel_kind, &inv->cap_kind, n + 1, sizeof *inv->rel_kind) ||
        !rel_reserve(inv, n + 1))
        return isms__error_nomem(); /* a grown array is only more capacity: nothing changed */
    inv->rel_src[n] = a->idx;
    inv->rel_dst[n] = b->idx;
    inv->rel_kind[n] = k;
    inv->n_rel = n + 1;
    rel_place(inv->rel_slots, inv->n_rel_slots, inv, n);
    isms__inventory_changed(inv);
    return ISMS_OK;
}

int isms_inventory_unlink(isms_inventory *inv, const char *src, const char *dst,
                          isms_relkind kind)
{
    if (!inv || !src || !dst)
        return isms__error(ISMS_EINVAL, "isms_inventory_unlink: NULL argument");
    if (!valid_kind(kind))
        return isms__error(ISMS_EINVAL, "unknown relation kind %d", (int)kind);
    isms_asset *a = NULL, *b = NULL;
    int rc = find_ends(inv, src, dst, &a, &b);
    if (rc)
        return rc;
    uint32_t v = inv->n_rel_slots ? inv->rel_slots[rel_probe(inv, a->idx, b->idx,
                                                                 (uint8_t)kind)]
                                  : 0;
    if (!v)
        return isms__error(ISMS_ENOTFOUND, "there is no relation \"%.64s %s %.64s\"", a->id,
                           isms_relkind_name(kind), b->id);
    size_t r = v - 1, tail = inv->n_rel - r - 1;
    memmove(&inv->rel_src[r], &inv->rel_src[r + 1], tail * sizeof *inv->rel_src);
    memmove(&inv->rel_dst[r], &inv->rel_dst[r + 1], tail * sizeof *inv->rel_dst);
    memmove(&inv->rel_kind[r], &inv->rel_kind[r + 1], tail * sizeof *inv->rel_kind);
    inv->n_rel--;
    rel_rehash(inv);
    isms__inventory_changed(inv);
    return ISMS_OK;
}

size_t isms_inventory_relation_count(const isms_inventory *inv)
{
    return inv ? inv->n_rel : 0;
}

int isms_inventory_relation(isms_relation_info *out, const isms_inventory *inv, size_t index)
{
    if (!out || !inv)
        return isms__error(ISMS_EINVAL, "isms_inventory_relation: NULL argument");
    if (index >= inv->n_rel)
        return isms__error(ISMS_ERANGE,
                           "relation index %zu is out of range (the inventory has %zu)", index,
                           inv->n_rel);
    out->src = inv->items[inv->rel_src[index]];
    out->dst = inv->items[inv->rel_dst[index]];
    out->kind = (isms_relkind)inv->rel_kind[index];
    return ISMS_OK;
}

/* ---- asset fields -------------------------------------------------------------------- */

const char *isms_asset_id(const isms_asset *asset)
{
    return asset ? asset->id : "";
}

isms_asset_type isms_asset_get_type(const isms_asset *asset)
{
    return asset ? (isms_asset_type)asset->type : ISMS_ASSET_OTHER;
}

int isms_asset_set_type(isms_asset *asset, isms_asset_type type)
{
    if (!asset)
        return isms__error(ISMS_EINVAL, "isms_asset_set_type: asset is NULL");
    if (!valid_type(type))
        return isms__error(ISMS_EINVAL, "unknown asset type %d", (int)type);
    asset->type = (uint8_t)type; /* the type does not enter the classification */
    return ISMS_OK;
}

const char *isms_asset_get(const isms_asset *asset, isms_asset_field field)
{
    if (!asset || (unsigned)field >= ISMS_ASSET_FIELDS)
        return "";
    if (field == ISMS_ASSET_NAME)
        return asset->name;
    return asset->more ? asset->more[field - 1] : isms__text_empty;
}

int isms_asset_set(isms_asset *asset, isms_asset_field field, const char *text)
{
    /* The fields as the document format names them (isms_asset_field order). */
    static const char *const names[ISMS_ASSET_FIELDS] = {
        "name", "owner", "description", "purpose", "legal_basis", "subjects",
        "data_categories", "recipients", "transfers", "safeguards", "retention", "measures",
        "override_reason",
    };
    if (!asset)
        return isms__error(ISMS_EINVAL, "isms_asset_set: asset is NULL");
    if ((unsigned)field >= ISMS_ASSET_FIELDS)
        return isms__error(ISMS_EINVAL, "unknown asset field %d", (int)field);
    if (isms__text_check(names[field], text))
        return ISMS_EINVAL;
    char *copy = isms__text_dup(text);
    if (!copy)
        return isms__error_nomem();
    if (field == ISMS_ASSET_NAME) {
        isms__text_free(asset->name);
        asset->name = copy;
        return ISMS_OK;
    }
    if (!asset->more) {
        if (copy == isms__text_empty)
            return ISMS_OK; /* already empty: no need for the side array */
        char **more = isms__malloc(ISMS__MORE_FIELDS * sizeof *more);
        if (!more) {
            isms__text_free(copy);
            return isms__error_nomem();
        }
        for (int f = 0; f < ISMS__MORE_FIELDS; f++)
            more[f] = isms__text_empty;
        asset->more = more;
    }
    isms__text_free(asset->more[field - 1]);
    asset->more[field - 1] = copy;
    return ISMS_OK;
}

/* Checks a level or override for `aspect` of the asset's scheme; sets the error. */
static int check_level(const isms_asset *asset, isms_aspect aspect, int level, const char *what)
{
    const isms_scheme *s = asset->inv->scheme;
    if (!isms__aspect_ok(aspect))
        return isms__error(ISMS_EINVAL, "unknown aspect %d", (int)aspect);
    if (!isms_scheme_has_aspect(s, aspect))
        return isms__error(ISMS_EINVAL, "scheme \"%s\" does not classify %s", s->name,
                           isms__aspect_word(aspect, ISMS_LANG_EN));
    if (level != ISMS_CLASS_UNSET && isms__scheme_find(s, aspect, level) < 0) {
        char scale[48];
        isms__scheme_describe(scale, sizeof scale, s, aspect);
        return isms__error(ISMS_ERANGE, "%s: %s %d of %s is not on the scale %s of scheme "
                           "\"%s\"", asset->id, what, level,
                           isms__aspect_word(aspect, ISMS_LANG_EN), scale, s->name);
    }
    return ISMS_OK;
}

int isms_asset_level(const isms_asset *asset, isms_aspect aspect)
{
    if (!asset || !isms__aspect_ok(aspect))
        return ISMS_CLASS_UNSET;
    return asset->level[aspect];
}

/* Sets an assessed level or an override (`what`) after checking it against the scheme. */
static int set_class(isms_asset *asset, isms_aspect aspect, int level, bool override)
{
    const char *what = override ? "override" : "level";
    if (!asset)
        return isms__error(ISMS_EINVAL, "isms_asset_set_%s: asset is NULL", what);
    int rc = check_level(asset, aspect, level, what);
    if (rc)
        return rc;
    int8_t *slot = override ? &asset->override[aspect] : &asset->level[aspect];
    if (*slot != level) {
        *slot = (int8_t)level;
        isms__inventory_changed(asset->inv);
    }
    return ISMS_OK;
}

int isms_asset_set_level(isms_asset *asset, isms_aspect aspect, int level)
{
    return set_class(asset, aspect, level, false);
}

int isms_asset_override(const isms_asset *asset, isms_aspect aspect)
{
    if (!asset || !isms__aspect_ok(aspect))
        return ISMS_CLASS_UNSET;
    return asset->override[aspect];
}

int isms_asset_set_override(isms_asset *asset, isms_aspect aspect, int level)
{
    return set_class(asset, aspect, level, true);
}

unsigned isms_asset_pdata(const isms_asset *asset)
{
    return asset ? asset->pdata : 0;
}

unsigned isms_asset_special(const isms_asset *asset)
{
    return asset ? asset->special : 0;
}

int isms_asset_set_pdata(isms_asset *asset, unsigned pdata, unsigned special)
{
    if (!asset)
        return isms__error(ISMS_EINVAL, "isms_asset_set_pdata: asset is NULL");
    if (pdata & ~0x0Fu)
        return isms__error(ISMS_EINVAL, "unknown personal-data flags 0x%x", pdata & ~0x0Fu);
    if (special & ~0xFFu)
        return isms__error(ISMS_EINVAL, "unknown special-category flags 0x%x",
                           special & ~0xFFu);
    if (special)
        pdata |= ISMS_PDATA_SPECIAL;
    if (asset->pdata != pdata || asset->special != special) {
        asset->pdata = (uint8_t)pdata;
        asset->special = (uint8_t)special;
        isms__inventory_changed(asset->inv);
    }
    return ISMS_OK;
}

bool isms_asset_nis(const isms_asset *asset)
{
    return asset && asset->nis;
}

void isms_asset_set_nis(isms_asset *asset, bool nis)
{
    if (asset)
        asset->nis = nis;
}

isms_date isms_asset_classified(const isms_asset *asset)
{
    return asset ? asset->classified : (isms_date){ 0, 0, 0 };
}

int isms_asset_set_classified(isms_asset *asset, isms_date date)
{
    if (!asset)
        return isms__error(ISMS_EINVAL, "isms_asset_set_classified: asset is NULL");
    bool none = date.year == 0 && date.month == 0 && date.day == 0;
    if (!none && !isms_date_valid(date))
        return isms__error(ISMS_EINVAL, "%s: %04d-%02d-%02d is not a valid date", asset->id,
                           date.year, date.month, date.day);
    asset->classified = date;
    return ISMS_OK;
}

int isms_asset_interval(const isms_asset *asset)
{
    return asset ? asset->interval : 12;
}

int isms_asset_set_interval(isms_asset *asset, int months)
{
    if (!asset)
        return isms__error(ISMS_EINVAL, "isms_asset_set_interval: asset is NULL");
    if (months < 1 || months > 120)
        return isms__error(ISMS_EINVAL,
                           "%s: a reclassification interval of %d months is not 1–120",
                           asset->id, months);
    asset->interval = (uint8_t)months;
    return ISMS_OK;
}

static int days_in_month(int y, int m)
{
    static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

isms_date isms_asset_next_review(const isms_asset *asset)
{
    if (!asset || !isms_date_valid(asset->classified))
        return (isms_date){ 0, 0, 0 };
    isms_date c = asset->classified;
    int months = c.month - 1 + asset->interval;
    isms_date next = { c.year + months / 12, months % 12 + 1, c.day };
    if (next.year > 9999)
        return (isms_date){ 9999, 12, 31 }; /* stay a valid date */
    int dim = days_in_month(next.year, next.month);
    if (next.day > dim)
        next.day = dim; /* 31 January + 1 month = 28 or 29 February */
    return next;
}
