/* String index: an open-addressing hash table from string keys to items (see internal.h).
 *
 * Each slot keeps the key's hash beside the item pointer, so that probing compares hashes
 * and touches an item only on a hash match. Deletion moves later members of the cluster back
 * (no tombstones), so lookups never slow down after many removals. */
#include <string.h>

#include "internal.h"

struct isms__index_slot {
    uint64_t hash;
    void *item; /* NULL = free */
};

void isms__index_init(isms__index *ix, const char *(*key)(const void *item))
{
    ix->slots = NULL;
    ix->n_slots = 0;
    ix->count = 0;
    ix->key = key;
}

void isms__index_free(isms__index *ix)
{
    if (!ix)
        return;
    isms__free(ix->slots);
    ix->slots = NULL;
    ix->n_slots = 0;
    ix->count = 0;
}

static uint64_t hash_n(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return h ^ (h >> 29); /* bring the well-mixed high bits down to the index bits */
}

uint64_t isms__index_hash(const char *s)
{
    return hash_n(s, strlen(s));
}

static size_t probe(const isms__index *ix, const char *key, uint64_t h)
{
    size_t mask = ix->n_slots - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        const struct isms__index_slot *s = &ix->slots[i];
        if (!s->item || (s->hash == h && strcmp(ix->key(s->item), key) == 0))
            return i;
    }
}

void *isms__index_find(const isms__index *ix, const char *key)
{
    if (!ix->n_slots || !key)
        return NULL;
    return ix->slots[probe(ix, key, isms__index_hash(key))].item;
}

/* Whether the item's key k is the `len` bytes of key (and no more). Inline: keys are short,
 * and a call costs more than the comparison. */
static inline bool same_key(const char *k, const char *key, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (k[i] != key[i] || !k[i])
            return false;
    return k[len] == '\0';
}

void *isms__index_find_n(const isms__index *ix, const char *key, size_t len)
{
    if (!ix->n_slots || !key)
        return NULL;
    uint64_t h = hash_n(key, len);
    size_t mask = ix->n_slots - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        const struct isms__index_slot *s = &ix->slots[i];
        if (!s->item)
            return NULL;
        if (s->hash == h && same_key(ix->key(s->item), key, len))
            return s->item;
    }
}

/* How many keys isms__index_find_many() has in flight at once. */
#define FIND_BATCH 64

/* A lookup costs two cache misses one after the other, the slot and then the item's key. For
 * many keys at once, each step is done for a whole batch before the next: every key is
 * hashed and its home slot fetched; then each probe runs to its first candidate (a slot with
 * the same hash) and that candidate's key is fetched; only then are keys compared. The misses
 * of a batch overlap instead of following each other. */
void isms__index_find_many(const isms__index *ix, const char *const *keys, const size_t *lens,
                           size_t n, void **items)
{
    if (!ix->n_slots) {
        for (size_t i = 0; i < n; i++)
            items[i] = NULL;
        return;
    }
    const struct isms__index_slot *slots = ix->slots;
    const size_t mask = ix->n_slots - 1;
    uint64_t h[FIND_BATCH];
    size_t at[FIND_BATCH];
    for (size_t i0 = 0; i0 < n; i0 += FIND_BATCH) {
        const size_t m = n - i0 < FIND_BATCH ? n - i0 : FIND_BATCH;
        const char *const *k = keys + i0;
        const size_t *len = lens + i0;
        void **out = items + i0;
        for (size_t j = 0; j < m; j++) {
            h[j] = hash_n(k[j], len[j]);
            ISMS__PREFETCH(&slots[(size_t)h[j] & mask]);
        }
        for (size_t j = 0; j < m; j++) {
            size_t x = (size_t)h[j] & mask;
            while (slots[x].item && slots[x].hash != h[j])
                x = (x + 1) & mask;
            at[j] = x;
            if (slots[x].item)
                ISMS__PREFETCH(ix->key(slots[x].item));
        }
        for (size_t j = 0; j < m; j++) {
            void *found = NULL;
            for (size_t x = at[j]; slots[x].item; x = (x + 1) & mask) {
                if (slots[x].hash == h[j] && same_key(ix->key(slots[x].item), k[j], len[j])) {
                    found = slots[x].item;
                    break;
                }
            }
            out[j] = found;
        }
    }
}

static void place(struct isms__index_slot *slots, size_t n_slots, uint64_t h, void *item)
{
    size_t mask = n_slots - 1;
    size_t i = (size_t)h & mask;
    while (slots[i].item)
        i = (i + 1) & mask;
    slots[i].hash = h;
    slots[i].item = item;
}

bool isms__index_reserve(isms__index *ix, size_t need)
{
    if (need <= ix->n_slots / 2)
        return true;
    size_t n = ix->n_slots ? ix->n_slots : 16;
    while (need > n / 2) {
        if (n > SIZE_MAX / 4 / sizeof *ix->slots)
            return false;
        n *= 2;
    }
    struct isms__index_slot *slots = isms__calloc(n, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < ix->n_slots; i++)
        if (ix->slots[i].item)
            place(slots, n, ix->slots[i].hash, ix->slots[i].item);
    isms__free(ix->slots);
    ix->slots = slots;
    ix->n_slots = n;
    return true;
}

void isms__index_insert(isms__index *ix, void *item)
{
    place(ix->slots, ix->n_slots, isms__index_hash(ix->key(item)), item);
    ix->count++;
}

bool isms__index_remove(isms__index *ix, const char *key)
{
    if (!ix->n_slots || !key)
        return false;
    size_t i = probe(ix, key, isms__index_hash(key));
    if (!ix->slots[i].item)
        return false;
    size_t mask = ix->n_slots - 1;
    ix->slots[i].item = NULL;
    for (size_t j = (i + 1) & mask; ix->slots[j].item; j = (j + 1) & mask) {
        size_t home = (size_t)ix->slots[j].hash & mask;
        /* The entry at j may move to i unless its home lies cyclically in (i, j]. */
        bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
        if (!stays) {
            ix->slots[i] = ix->slots[j];
            ix->slots[j].item = NULL;
            i = j;
        }
    }
    ix->count--;
    return true;
}
