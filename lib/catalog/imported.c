/* Imported catalogs: the builder the OSCAL importer fills, the look-up of ids, and reference
 * counting.
 *
 * catalog-internal.h describes the layout: an imported catalog is a struct isms__imported,
 * one heap block holding the catalog header, the items (the same struct isms_item as the
 * built-in catalogs), its sorted look-up keys and the 16-bit child, root and requirement
 * lists, plus two arrays it owns: the text pool and the per-item texts (`ext`).
 *
 * The builder grows its arrays as items come and checks each item before it changes
 * anything, so that every error (ISMS_ENOMEM included) leaves it as it was: the caller may
 * go on, for example add the item again without its label after ISMS_EEXIST.
 *
 * Look-up: every item has a key under its id and, when that differs (ignoring ASCII case),
 * another under its OSCAL id. Keys compare bytewise with ASCII case folded. The ids come from
 * the file being imported, so nothing here may depend on a hash that the file could steer
 * into collisions: while building, the keys are kept in a balanced binary search tree (AVL),
 * which finds a duplicate at add time in O(log n) whatever the ids are; finishing lays them
 * out in order (an in-order walk, no sort) as an array that isms_catalog_find() searches by
 * bisection, also O(log n). Both are deterministic, so are the errors.
 */
#include <stdatomic.h>
#include <string.h>

#include "catalog-internal.h"

/* ---- texts and keys -------------------------------------------------------------------- */

static unsigned char ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Orders [s, s+n) (which holds no NUL) against the NUL-terminated `key`, bytewise with ASCII
 * case folded: < 0, 0 or > 0. */
static int key_cmp(const char *s, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char a = ascii_lower((unsigned char)s[i]);
        unsigned char b = ascii_lower((unsigned char)key[i]);
        if (a != b) /* also where the key ends first (b is 0, a is not) */
            return a < b ? -1 : 1;
    }
    return key[n] == '\0' ? 0 : -1;
}

/* True when [a, a+an) and [b, b+bn) are equal ignoring ASCII case. */
static bool spans_equal(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return false;
    for (size_t i = 0; i < an; i++)
        if (ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i]))
            return false;
    return true;
}

/* A key entry: 1 + (item index · 2 + which key), where key 0 is the item's id and key 1 its
 * OSCAL id (0 is no entry). */
static uint32_t entry_make(size_t index, unsigned which)
{
    return (uint32_t)(index * 2 + which + 1);
}

static size_t entry_item(uint32_t entry)
{
    return (entry - 1) / 2;
}

static unsigned entry_which(uint32_t entry)
{
    return (entry - 1) % 2;
}

static const char *entry_key(uint32_t entry, const char *pool,
                             const struct isms__imported_item *ext)
{
    const struct isms__imported_item *x = &ext[entry_item(entry)];
    return pool + (entry_which(entry) ? x->oscal_id : x->id);
}

const isms_item *isms__imported_find(const struct isms__imported *imp, const char *id)
{
    size_t start, len;
    isms__trim_span(id, strlen(id), &start, &len);
    if (len == 0)
        return NULL;
    /* Bisection over the keys in ascending order. */
    size_t lo = 0, hi = imp->n_keys;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t e = imp->keys[mid];
        int c = key_cmp(id + start, len, entry_key(e, imp->pool, imp->ext));
        if (c == 0)
            return &imp->items[entry_item(e)];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* ---- the builder's search tree ---------------------------------------------------------
 *
 * An AVL tree of the key entries, in an array: node k (1-based; 0 is no node) holds an entry
 * and its children. Its height stays below 1.45 · log2(n + 2), 26 for the most keys a
 * catalog can have (two per item), so the recursion of insertion and the stack of the
 * in-order walk are shallow.
 */
typedef struct key_node {
    uint32_t entry;
    uint32_t left, right; /* nodes, 0 for none */
    uint32_t height;      /* of the subtree: 1 for a leaf */
} key_node;

/* Deeper than any tree of at most 2 · ISMS__CAT_MAX_IMPORTED keys can be. */
#define TREE_MAX_HEIGHT 48

static uint32_t node_height(const key_node *t, uint32_t x)
{
    return x ? t[x - 1].height : 0;
}

static void node_fix(key_node *t, uint32_t x)
{
    uint32_t l = node_height(t, t[x - 1].left), r = node_height(t, t[x - 1].right);
    t[x - 1].height = 1 + (l > r ? l : r);
}

static uint32_t rotate_right(key_node *t, uint32_t x)
{
    uint32_t y = t[x - 1].left;
    t[x - 1].left = t[y - 1].right;
    t[y - 1].right = x;
    node_fix(t, x);
    node_fix(t, y);
    return y;
}

static uint32_t rotate_left(key_node *t, uint32_t x)
{
    uint32_t y = t[x - 1].right;
    t[x - 1].right = t[y - 1].left;
    t[y - 1].left = x;
    node_fix(t, x);
    node_fix(t, y);
    return y;
}

/* Restores the balance at x after one of its subtrees grew by one level: its new root. */
static uint32_t rebalance(key_node *t, uint32_t x)
{
    node_fix(t, x);
    uint32_t l = t[x - 1].left, r = t[x - 1].right;
    uint32_t hl = node_height(t, l), hr = node_height(t, r);
    if (hl > hr + 1) {
        if (node_height(t, t[l - 1].left) < node_height(t, t[l - 1].right))
            t[x - 1].left = rotate_left(t, l);
        return rotate_right(t, x);
    }
    if (hr > hl + 1) {
        if (node_height(t, t[r - 1].right) < node_height(t, t[r - 1].left))
            t[x - 1].right = rotate_right(t, r);
        return rotate_left(t, x);
    }
    return x;
}

/* Inserts the node `node` (whose key no node has) under the subtree x: its new root. */
static uint32_t tree_insert(key_node *t, uint32_t x, uint32_t node, const char *pool,
                            const struct isms__imported_item *ext)
{
    if (!x)
        return node;
    const char *key = entry_key(t[node - 1].entry, pool, ext);
    if (key_cmp(key, strlen(key), entry_key(t[x - 1].entry, pool, ext)) < 0)
        t[x - 1].left = tree_insert(t, t[x - 1].left, node, pool, ext);
    else
        t[x - 1].right = tree_insert(t, t[x - 1].right, node, pool, ext);
    return rebalance(t, x);
}

/* ---- the builder ------------------------------------------------------------------------ */

struct isms__catalog_builder {
    char *pool;                        /* the texts, NUL-terminated */
    size_t pool_len, pool_cap;
    isms_item *items;                  /* as they will be in the catalog */
    size_t items_cap;
    struct isms__imported_item *ext;
    size_t ext_cap;
    size_t n_items;
    key_node *nodes;                   /* the search tree of the keys: n_keys nodes */
    size_t nodes_cap, n_keys;
    uint32_t root;                     /* its root node, 0 while empty */
    size_t n_roots, n_top_groups, n_controls;
    size_t last;                       /* the last item added, SIZE_MAX before the first */
    uint32_t title, version, uuid, last_modified;
};

/* Appends a text to the pool, which has room for it; returns its offset. */
static uint32_t pool_put(isms__catalog_builder *b, const char *s, size_t n)
{
    uint32_t at = (uint32_t)b->pool_len;
    memcpy(b->pool + b->pool_len, s, n);
    b->pool[b->pool_len + n] = '\0';
    b->pool_len += n + 1;
    return at;
}

/* Makes room for `need` more bytes of texts; false on overflow of the 32-bit offsets or out
 * of memory (the pool unchanged). Sets no error. */
static bool pool_reserve(isms__catalog_builder *b, size_t need, bool *too_big)
{
    *too_big = need > (size_t)UINT32_MAX - 1 - b->pool_len;
    if (*too_big)
        return false;
    return isms__grow((void **)&b->pool, &b->pool_cap, b->pool_len + need, 1);
}

bool isms__uuid_shape(const char *s)
{
    for (size_t i = 0; i < 36; i++) {
        char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
                     || (c >= 'A' && c <= 'F'))) {
            return false;
        }
    }
    return s[36] == '\0';
}

int isms__catalog_builder_new(isms__catalog_builder **out, const char *title,
                              const char *version, const char *uuid,
                              const char *last_modified)
{
    if (!out || !title || !version || !uuid)
        return isms__error(ISMS_EINVAL, "isms__catalog_builder_new: NULL argument");
    if (isms__text_blank(title))
        return isms__error(ISMS_EINVAL, "an imported catalog needs a title: it is empty");
    if (!isms__uuid_shape(uuid))
        return isms__error(ISMS_EINVAL,
                           "the catalog's UUID \"%.64s\" is not of the form "
                           "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (hexadecimal digits)",
                           uuid);
    if (!last_modified)
        last_modified = "";
    size_t lt = strlen(title), lv = strlen(version), lm = strlen(last_modified);
    isms__catalog_builder *b = isms__calloc(1, sizeof *b);
    if (!b)
        return isms__error_nomem();
    bool too_big;
    if (!pool_reserve(b, lt + lv + lm + 36 + 4, &too_big)) {
        isms__free(b);
        return too_big ? isms__error(ISMS_ERANGE, "the catalog's metadata is too long")
                       : isms__error_nomem();
    }
    b->title = pool_put(b, title, lt);
    b->version = pool_put(b, version, lv);
    b->uuid = pool_put(b, uuid, 36);
    for (char *p = b->pool + b->uuid; *p; p++)
        *p = (char)ascii_lower((unsigned char)*p);
    b->last_modified = pool_put(b, last_modified, lm);
    b->last = SIZE_MAX;
    *out = b;
    return ISMS_OK;
}

void isms__catalog_builder_free(isms__catalog_builder *b)
{
    if (!b)
        return;
    isms__free(b->pool);
    isms__free(b->items);
    isms__free(b->ext);
    isms__free(b->nodes);
    isms__free(b);
}

static const char *kind_word(unsigned kind)
{
    return kind == ISMS_ITEM_GROUP ? "group" : "control";
}

/* Nesting level of an item: 1 for a root. */
static size_t level_of(const isms__catalog_builder *b, size_t index)
{
    size_t level = 1;
    while (b->items[index].parent != ISMS__CAT_NONE) {
        index = b->items[index].parent;
        level++;
    }
    return level;
}

/* True when `parent` is the last item added or one of its ancestors. */
static bool open_parent(const isms__catalog_builder *b, size_t parent)
{
    if (b->last == SIZE_MAX)
        return false;
    for (size_t i = b->last;; i = b->items[i].parent) {
        if (i == parent)
            return true;
        if (b->items[i].parent == ISMS__CAT_NONE)
            return false;
    }
}

/* The earlier item with the key [s, s+n) as id or OSCAL id: its entry, or 0. */
static uint32_t builder_find(const isms__catalog_builder *b, const char *s, size_t n)
{
    uint32_t x = b->root;
    while (x) {
        const key_node *node = &b->nodes[x - 1];
        int c = key_cmp(s, n, entry_key(node->entry, b->pool, b->ext));
        if (c == 0)
            return node->entry;
        x = c < 0 ? node->left : node->right;
    }
    return 0;
}

/* Enters a key entry into the tree, which has room for it. */
static void builder_put(isms__catalog_builder *b, uint32_t entry)
{
    key_node *node = &b->nodes[b->n_keys++];
    node->entry = entry;
    node->left = node->right = 0;
    node->height = 1;
    b->root = tree_insert(b->nodes, b->root, (uint32_t)b->n_keys, b->pool, b->ext);
}

/* The ISMS_EEXIST error for a new item whose `what` ("OSCAL id", "label") `key` is already
 * the id or OSCAL id of the earlier item of entry `e`. */
static int duplicate(const isms__catalog_builder *b, unsigned kind, const char *oid, size_t on,
                     const char *what, const char *s, size_t n, uint32_t e)
{
    size_t other = entry_item(e);
    const struct isms__imported_item *x = &b->ext[other];
    const char *its = entry_which(e) || x->id == x->oscal_id ? "OSCAL id" : "label";
    return isms__error(ISMS_EEXIST,
                       "%s \"%.*s\": its %s \"%.*s\" is already the %s of the earlier %s "
                       "\"%.64s\" (item %zu); ids must be unique, ignoring case",
                       kind_word(kind), (int)(on > 64 ? 64 : on), oid, what,
                       (int)(n > 64 ? 64 : n), s, its,
                       kind_word(b->items[other].kind), b->pool + x->oscal_id, other + 1);
}

int isms__catalog_builder_add_item(isms__catalog_builder *b, size_t *index, size_t parent,
                                   isms_item_kind kind, const char *oscal_id, const char *label,
                                   const char *title, bool label_is_id)
{
    if (!b || !index || !oscal_id)
        return isms__error(ISMS_EINVAL, "isms__catalog_builder_add: NULL argument");
    if (kind != ISMS_ITEM_GROUP && kind != ISMS_ITEM_CONTROL)
        return isms__error(ISMS_EINVAL,
                           "item \"%.64s\": an imported item is a group or a control (kind %d)",
                           oscal_id, (int)kind);
    if (!title)
        title = "";
    /* Ids are matched trimmed, so they are stored trimmed; a blank label is no label. */
    size_t os, on, ls = 0, ln = 0, tn = strlen(title);
    isms__trim_span(oscal_id, strlen(oscal_id), &os, &on);
    if (on == 0)
        return isms__error(ISMS_EINVAL, "%s %zu: its OSCAL id is empty", kind_word(kind),
                           b->n_items + 1);
    if (label)
        isms__trim_span(label, strlen(label), &ls, &ln);
    const char *oid = oscal_id + os, *lab = ln ? label + ls : NULL;
    int shown = (int)(on > 64 ? 64 : on); /* oid is not NUL-terminated where it ends */

    if (b->n_items >= ISMS__CAT_MAX_IMPORTED)
        return isms__error(ISMS_ERANGE,
                           "%s \"%.*s\" would be item %zu of the catalog: at most %d items "
                           "are allowed",
                           kind_word(kind), shown, oid, b->n_items + 1, ISMS__CAT_MAX_IMPORTED);
    size_t level = 1;
    if (parent != SIZE_MAX) {
        if (parent >= b->n_items || !open_parent(b, parent))
            return isms__error(ISMS_EINVAL,
                               "%s \"%.*s\": its parent (item %zu) is not the previous item "
                               "or one of its ancestors: items must come in document order",
                               kind_word(kind), shown, oid, parent + 1);
        if (kind == ISMS_ITEM_GROUP && b->items[parent].kind == ISMS_ITEM_CONTROL)
            return isms__error(ISMS_EINVAL,
                               "group \"%.*s\" lies under the control \"%.64s\": a control "
                               "holds only controls (its enhancements)",
                               shown, oid, b->pool + b->ext[parent].oscal_id);
        level = level_of(b, parent) + 1;
        if (level > ISMS_OSCAL_MAX_LEVELS)
            return isms__error(ISMS_ERANGE,
                               "%s \"%.*s\" is at nesting level %zu: at most %d levels of "
                               "groups and controls are allowed",
                               kind_word(kind), shown, oid, level, ISMS_OSCAL_MAX_LEVELS);
    } else if (kind == ISMS_ITEM_GROUP && b->n_top_groups >= ISMS_MAX_GROUPS) {
        return isms__error(ISMS_ERANGE,
                           "group \"%.*s\" would be top-level group %zu: at most %d top-level "
                           "groups are allowed",
                           shown, oid, b->n_top_groups + 1, ISMS_MAX_GROUPS);
    }

    /* Duplicates: neither key of the new item may be a key of an earlier one. With a label
     * equal to the OSCAL id (ignoring case) one key is enough; a label that is not the id is
     * no key. */
    bool id_label = lab && label_is_id;
    bool two_keys = id_label && !spans_equal(lab, ln, oid, on);
    uint32_t e = builder_find(b, oid, on);
    if (e)
        return duplicate(b, kind, oid, on, "OSCAL id", oid, on, e);
    if (id_label && (e = builder_find(b, lab, ln)) != 0)
        return duplicate(b, kind, oid, on, "label", lab, ln, e);

    /* Room for everything first, so that nothing changes on failure. */
    bool too_big;
    size_t n = b->n_items;
    if (!pool_reserve(b, on + ln + tn + 3, &too_big))
        return too_big ? isms__error(ISMS_ERANGE, "the catalog's texts exceed 4 GiB")
                       : isms__error_nomem();
    if (!isms__grow((void **)&b->items, &b->items_cap, n + 1, sizeof *b->items)
        || !isms__grow((void **)&b->ext, &b->ext_cap, n + 1, sizeof *b->ext)
        || !isms__grow((void **)&b->nodes, &b->nodes_cap, b->n_keys + 1 + two_keys,
                       sizeof *b->nodes))
        return isms__error_nomem();

    struct isms__imported_item *x = &b->ext[n];
    x->oscal_id = pool_put(b, oid, on);
    x->label = lab ? pool_put(b, lab, ln) : ISMS__IMP_NO_TEXT;
    x->id = id_label ? x->label : x->oscal_id;
    x->title = pool_put(b, title, tn);
    x->n_children = 0;

    isms_item *it = &b->items[n];
    memset(it, 0, sizeof *it);
    it->parent = parent == SIZE_MAX ? ISMS__CAT_NONE : (uint16_t)parent;
    if (parent != SIZE_MAX)
        it->group = b->items[parent].group;
    else
        it->group = kind == ISMS_ITEM_GROUP ? (uint16_t)n : ISMS__CAT_NONE;
    it->attrs = ISMS__CAT_NONE;
    it->map = (uint16_t)n; /* the item's own index: the way back to its catalog */
    it->kind = (uint8_t)kind;
    it->edition = ISMS_EDITION_IMPORTED;
    it->theme = ISMS_THEME_NONE;
    it->flags = kind == ISMS_ITEM_CONTROL ? ISMS__ITEM_ASSESSABLE : 0;

    builder_put(b, entry_make(n, 0));
    if (two_keys)
        builder_put(b, entry_make(n, 1));
    if (parent != SIZE_MAX) {
        b->ext[parent].n_children++;
    } else {
        b->n_roots++;
        if (kind == ISMS_ITEM_GROUP)
            b->n_top_groups++;
    }
    if (kind == ISMS_ITEM_CONTROL)
        b->n_controls++;
    b->n_items = n + 1;
    b->last = n;
    *index = n;
    return ISMS_OK;
}

int isms__catalog_builder_add(isms__catalog_builder *b, size_t *index, size_t parent,
                              isms_item_kind kind, const char *oscal_id, const char *label,
                              const char *title)
{
    return isms__catalog_builder_add_item(b, index, parent, kind, oscal_id, label, title, true);
}

/* ---- finishing ------------------------------------------------------------------------- */

int isms__catalog_builder_finish(isms__catalog_builder *b, isms_catalog **out)
{
    if (!b || !out) {
        isms__catalog_builder_free(b);
        return isms__error(ISMS_EINVAL, "isms__catalog_builder_finish: NULL argument");
    }
    size_t n = b->n_items;
    /* One block: the header, the items, the keys (32-bit entries, aligned for them), then the
     * child lists (n − roots), the roots and the requirements (the controls). */
    size_t n_lists = (n - b->n_roots) + b->n_roots + b->n_controls;
    size_t items_size = n * sizeof(isms_item);
    size_t keys_at = (items_size + _Alignof(uint32_t) - 1) / _Alignof(uint32_t)
                     * _Alignof(uint32_t);
    size_t lists_at = keys_at + b->n_keys * sizeof(uint32_t);
    size_t size = sizeof(struct isms__imported) + lists_at + n_lists * sizeof(uint16_t);
    struct isms__imported *imp = isms__malloc(size);
    if (!imp) {
        isms__catalog_builder_free(b);
        return isms__error_nomem();
    }
    memset(imp, 0, sizeof *imp);
    if (n)
        memcpy(imp->items, b->items, items_size);
    uint32_t *keys = (uint32_t *)(void *)((char *)imp->items + keys_at);
    uint16_t *children = (uint16_t *)(void *)((char *)imp->items + lists_at);
    uint16_t *roots = children + (n - b->n_roots);
    uint16_t *reqs = roots + b->n_roots;

    /* Child lists: each item's children are contiguous in document order, so give each item
     * its slice and fill the slices in one pass. */
    size_t next = 0, n_roots = 0, n_reqs = 0;
    for (size_t i = 0; i < n; i++) {
        isms_item *it = &imp->items[i];
        it->children = (uint16_t)next;
        next += b->ext[i].n_children;
        b->ext[i].n_children = 0; /* counted again as the children are placed */
    }
    for (size_t i = 0; i < n; i++) {
        isms_item *it = &imp->items[i];
        if (it->parent == ISMS__CAT_NONE) {
            roots[n_roots++] = (uint16_t)i;
        } else {
            isms_item *p = &imp->items[it->parent];
            children[p->children + b->ext[it->parent].n_children++] = (uint16_t)i;
        }
        if (it->kind == ISMS_ITEM_CONTROL)
            reqs[n_reqs++] = (uint16_t)i;
    }

    /* The keys in ascending order: the tree walked in order. */
    uint32_t stack[TREE_MAX_HEIGHT];
    size_t depth = 0, n_keys = 0;
    for (uint32_t x = b->root; x || depth > 0;) {
        if (x) {
            stack[depth++] = x;
            x = b->nodes[x - 1].left;
        } else {
            x = stack[--depth];
            keys[n_keys++] = b->nodes[x - 1].entry;
            x = b->nodes[x - 1].right;
        }
    }

    imp->base.items = imp->items;
    imp->base.children = children;
    imp->base.roots = roots;
    imp->base.requirements = reqs;
    imp->base.index = NULL;
    imp->base.n_items = (uint16_t)n;
    imp->base.n_roots = (uint16_t)b->n_roots;
    imp->base.n_clause_reqs = 0;
    imp->base.n_control_reqs = (uint16_t)b->n_controls;
    imp->base.n_index = 0;
    imp->base.edition = ISMS_EDITION_IMPORTED;
    atomic_init(&imp->refs, 1);
    imp->pool = b->pool;
    imp->ext = b->ext;
    imp->keys = keys;
    imp->n_keys = n_keys;
    imp->title = b->title;
    imp->version = b->version;
    imp->uuid = b->uuid;
    imp->last_modified = b->last_modified;
    isms__free(b->items);
    isms__free(b->nodes);
    isms__free(b);
    *out = &imp->base;
    return ISMS_OK;
}

/* ---- references ------------------------------------------------------------------------ */

bool isms__catalog_imported(const isms_catalog *catalog)
{
    return catalog && catalog->edition == ISMS_EDITION_IMPORTED;
}

const isms_catalog *isms__catalog_ref(const isms_catalog *catalog)
{
    if (isms__catalog_imported(catalog)) {
        /* The catalog was allocated writable; only its reference count ever changes. */
        struct isms__imported *imp = (struct isms__imported *)(void *)(uintptr_t)catalog;
        atomic_fetch_add_explicit(&imp->refs, 1, memory_order_relaxed);
    }
    return catalog;
}

void isms__catalog_unref(const isms_catalog *catalog)
{
    if (!isms__catalog_imported(catalog))
        return;
    struct isms__imported *imp = (struct isms__imported *)(void *)(uintptr_t)catalog;
    /* Release: this thread's use of the catalog happens before the drop; acquire (for the
     * last one): every other thread's use happened before the catalog is freed. One
     * read-modify-write with both orders, not a separate fence, which ThreadSanitizer does
     * not model. */
    if (atomic_fetch_sub_explicit(&imp->refs, 1, memory_order_acq_rel) != 1)
        return;
    isms__free(imp->pool);
    isms__free(imp->ext);
    isms__free(imp);
}

void isms_catalog_free(const isms_catalog *catalog)
{
    isms__catalog_unref(catalog);
}

const isms_catalog *isms_catalog_ref(const isms_catalog *catalog)
{
    return isms__catalog_ref(catalog);
}

const char *isms__catalog_last_modified(const isms_catalog *catalog)
{
    if (!isms__catalog_imported(catalog))
        return "";
    const struct isms__imported *imp = isms__imported_cat(catalog);
    return imp->pool + imp->last_modified;
}

const char *isms__item_label(const isms_item *item)
{
    if (!item || item->edition != ISMS_EDITION_IMPORTED)
        return NULL;
    const struct isms__imported_item *x = isms__imported_ext(item);
    return x->label == ISMS__IMP_NO_TEXT ? NULL : isms__imported_of(item)->pool + x->label;
}
