/*
 * Reading JSON with errors that say where (lib/io/json-read.c), shared by the document loader
 * (lib/io/doc-load.c) and the OSCAL catalog importer (lib/io/oscal-read.c). Nothing here is
 * exported.
 *
 * isms__jr_open() checks the raw text (size limit, UTF-16, a UTF-8 byte order mark, empty
 * text, one prescan for valid UTF-8, the nesting depth, so that jansson never recurses
 * deeper than the limit, and raw control characters inside strings, which get an error at
 * their own line and column) and parses it with jansson (duplicate keys rejected). A text
 * with a number or bare word of 15 bytes or more is parsed from a copy with a long string
 * put first (and taken out again), because jansson 2.14 aborts on an assertion when an
 * allocation fails while it gives such a token back; positions are mapped to the text. The caller then
 * walks the tree; the reader keeps the JSON path of the node being read (push/pop, or the
 * getters, which do it themselves), and every error is "<path>: <message>" at the line and
 * column of that node ("$.catalog.groups[2].id: expected a string, found a number"). The
 * line and column are found by scanning the text along the path, only on the error path.
 *
 * Return values: ISMS_OK, ISMS__JR_ABSENT (an optional key that is not there; > 0) or a
 * negative error code with the thread's error set (isms__error_at).
 */
#ifndef ISMS_JSON_READ_H
#define ISMS_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "internal.h"

/* Deepest path the reader tracks (deeper nodes are still read; their paths end in "…"). */
#define ISMS__JR_MAX_SEGS 24

/* A getter's result when an optional key is absent (errors are negative). */
#define ISMS__JR_ABSENT 1

/* Flags of the getters. */
enum {
    ISMS__JR_REQ = 1,      /* the key must be there */
    ISMS__JR_NONEMPTY = 2  /* a string with at least one character */
};

/* A step of a JSON path: a key of an object, or (key NULL) an index of an array. */
typedef struct isms__jr_seg {
    const char *key;
    size_t index;
} isms__jr_seg;

typedef struct isms__jr {
    const char *text;   /* the JSON text (after a byte order mark) */
    size_t len;
    const char *source; /* the name in messages ("<memory>" when none was given) */
    isms__jr_seg segs[ISMS__JR_MAX_SEGS]; /* the path of the node being read */
    size_t depth;
} isms__jr;

/*
 * Opens `data` (len bytes) for reading: `what` names the text in messages ("the document",
 * "the catalog": "$: the catalog is empty"). Errors: ISMS_ERANGE (more than max_bytes, deeper
 * than max_depth), ISMS_EPARSE (UTF-16, empty, not UTF-8, JSON syntax: jansson's text at the
 * token it names), ISMS_ENOMEM. On success *root is jansson's tree (the caller json_decref()s
 * it) and `r` is ready, its path at the root ("$").
 */
int isms__jr_open(isms__jr *r, json_t **root, const char *data, size_t len, const char *source,
                  size_t max_bytes, unsigned max_depth, const char *what);

/* The path. */
void isms__jr_push_key(isms__jr *r, const char *key);
void isms__jr_push_index(isms__jr *r, size_t index);
void isms__jr_pop(isms__jr *r);

/* Room for the text of a path with its NUL (a longer path is cut and ends with "…"). */
#define ISMS__JR_PATH_MAX 328

/* Writes the text of the current path ("$.risks[3].id") into buf (cut at size; a buffer of
 * ISMS__JR_PATH_MAX bytes holds any), for messages that name a second node ("also at …"). */
void isms__jr_path(const isms__jr *r, char *buf, size_t size);

/* Sets the error `code` about the current node: "<path>: <message>" at its line and column
 * (with `at_key`, those of its key). Returns `code`. */
int isms__jr_fail(isms__jr *r, int code, bool at_key, const char *fmt, ...) ISMS__PRINTF(4, 5);

/* An error about the text at byte `off` of r->text, with the path found there. */
int isms__jr_fail_at(const isms__jr *r, int code, size_t off, const char *fmt, ...)
    ISMS__PRINTF(4, 5);

/* Passes on the error `rc` that a library call set, about the current node (or its member
 * `key`). Out of memory stays as it is; ISMS_EINVAL becomes ISMS_EPARSE. */
int isms__jr_relay(isms__jr *r, int rc);
int isms__jr_relay_at(isms__jr *r, const char *key, int rc);

/* "an object", "a string", "a number with a fraction", ... for messages. */
const char *isms__jr_kind_of(const json_t *v);

/* "expected <expected>, found <what v is>". */
int isms__jr_wrong_type(isms__jr *r, const json_t *v, const char *expected);

/* Checks that every key of `obj` is one of `names` (NULL entries never match): an unknown
 * key is an error about it, with the nearest known key or the list of them. */
int isms__jr_check_keys(isms__jr *r, json_t *obj, const char *const *names, size_t n);

/* The member `key` of `obj`; missing and required (ISMS__JR_REQ) is an error about `obj`. */
int isms__jr_member(isms__jr *r, json_t *obj, const char *key, unsigned flags, json_t **out);

/* Values at the current node. */
int isms__jr_as_object(isms__jr *r, json_t *v);
int isms__jr_as_array(isms__jr *r, json_t *v);
int isms__jr_as_string(isms__jr *r, json_t *v, unsigned flags, const char **out);
int isms__jr_as_int(isms__jr *r, json_t *v, long long lo, long long hi, long long *out);
int isms__jr_as_number(isms__jr *r, json_t *v, double lo, bool lo_open, double hi,
                       double *out);
int isms__jr_as_enum(isms__jr *r, json_t *v, const char *const *names, size_t n, int *out);
int isms__jr_as_date(isms__jr *r, json_t *v, isms_date *out);

/* The getters: the member `key` of `obj` read as above. They enter() the member (its key is
 * added to the path) and leave() it (the key is taken off when it was read; an error keeps
 * the path at the member). They return ISMS_OK, ISMS__JR_ABSENT or an error. */
int isms__jr_enter(isms__jr *r, json_t *obj, const char *key, unsigned flags, json_t **v);
int isms__jr_leave(isms__jr *r, int rc);
int isms__jr_get_object(isms__jr *r, json_t *obj, const char *key, unsigned flags,
                        json_t **out);
int isms__jr_get_array(isms__jr *r, json_t *obj, const char *key, unsigned flags,
                       json_t **out);
int isms__jr_get_string(isms__jr *r, json_t *obj, const char *key, unsigned flags,
                        const char **out);
int isms__jr_get_int(isms__jr *r, json_t *obj, const char *key, unsigned flags, long long lo,
                     long long hi, long long *out);
int isms__jr_get_number(isms__jr *r, json_t *obj, const char *key, unsigned flags, double lo,
                        bool lo_open, double hi, double *out);
int isms__jr_get_bool(isms__jr *r, json_t *obj, const char *key, bool *out);
int isms__jr_get_enum(isms__jr *r, json_t *obj, const char *key, unsigned flags,
                      const char *const *names, size_t n, int *out);
int isms__jr_get_date(isms__jr *r, json_t *obj, const char *key, isms_date *out);

/* Reads element `i` of the array `arr`; the current path ends with its index. */
typedef int (*isms__jr_element_fn)(isms__jr *r, json_t *arr, size_t i, void *ctx);

/* Reads each element of the array `arr` (at the current path) with `fn`. */
int isms__jr_each(isms__jr *r, json_t *arr, isms__jr_element_fn fn, void *ctx);

/* The array `key` of `obj`; with ISMS_OK the path ends with `key` (the caller leave()s). */
int isms__jr_enter_array(isms__jr *r, json_t *obj, const char *key, unsigned flags,
                         json_t **out);

/* The array `key` of `obj`, each element read with `fn`: ISMS_OK, ISMS__JR_ABSENT or an
 * error. */
int isms__jr_list(isms__jr *r, json_t *obj, const char *key, unsigned flags,
                  isms__jr_element_fn fn, void *ctx);

/* The object `key` of `obj`, whose keys must be among `names`; with ISMS_OK the path ends
 * with `key` (the caller leave()s). */
int isms__jr_enter_object(isms__jr *r, json_t *obj, const char *key, unsigned flags,
                          const char *const *names, size_t n, json_t **out);

#endif
