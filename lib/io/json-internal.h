/*
 * A small streaming JSON writer on an isms__buf (lib/io/json-write.c), shared by the document
 * writer (lib/io/doc-save.c) and the report's key figures (lib/report/report-json.c). Nothing
 * here is exported.
 *
 * The text goes straight into the buffer, which stays NUL-terminated: members as `"key": `,
 * containers indented by two spaces per level, or on one line ("flat": `[1, 2]`,
 * `{"a": 1, "b": 2}`), empty containers as `{}` and `[]`. Numbers are isms__doc_double()'s.
 * Strings escape '"', '\\' and control characters; by default text that is not valid UTF-8
 * fails the write. With ISMS__JSON_SCRIPT_SAFE they also escape '<', '>', '&', DEL, the C1
 * controls and U+2028/U+2029 (\u003c ...), so the text can sit in an HTML <script> element,
 * and invalid bytes become \ufffd instead of failing.
 *
 * The first error sticks (isms__json.err): ISMS_ENOMEM (the buffer's `failed` is set too)
 * or ISMS_EINVAL with a message that names where in the text the value was, as a JSON path
 * ("cannot write the document: $.risks[3].title: ..."). After an error the calls go on
 * without effect on the outcome; the text is to be thrown away.
 */
#ifndef ISMS_JSON_INTERNAL_H
#define ISMS_JSON_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* Deepest nesting of containers. */
#define ISMS__JSON_MAX_DEPTH 32

/* Options of isms__json_init(). */
#define ISMS__JSON_SCRIPT_SAFE 1u

/* A container being written. */
typedef struct isms__json_level {
    const char *key; /* objects: the member being written (for error messages) */
    size_t index;    /* arrays: the element being written */
    bool array;
    bool flat; /* on one line */
} isms__json_level;

typedef struct isms__json {
    isms__buf *out;
    const char *subject; /* what is written, for error messages: "the document" */
    int depth;           /* containers open */
    bool first;          /* nothing written yet in the innermost container */
    bool script_safe;
    int err; /* sticky: ISMS_OK, ISMS_ENOMEM or ISMS_EINVAL (the message is set) */
    isms__json_level path[ISMS__JSON_MAX_DEPTH + 1];
} isms__json;

/* Starts writing into `out` (appending to what it holds); `subject` names the text in error
 * messages; `flags` are ISMS__JSON_ options. */
void isms__json_init(isms__json *w, isms__buf *out, const char *subject, unsigned flags);

/* The slow part of isms__json_reserve(). */
bool isms__json_grow(isms__json *w, size_t n);

/* Makes room for `n` more bytes and the NUL; false (err set) when out of memory. */
static inline bool isms__json_reserve(isms__json *w, size_t n)
{
    if (w->out->cap - w->out->len > n)
        return true;
    return isms__json_grow(w, n);
}

/* Fails the write with ISMS_EINVAL: "cannot write <subject>: <path>: <what>". */
void isms__json_invalid(isms__json *w, const char *what);

/* Appends `n` bytes as they are. */
void isms__json_raw(isms__json *w, const char *s, size_t n);

/* Containers: `flat` writes this one on one line (and what it holds). */
void isms__json_open_object(isms__json *w, bool flat);
void isms__json_open_array(isms__json *w, bool flat);
void isms__json_close(isms__json *w);

/* The key of a member: `key` (n bytes) is written as it is, so it must need no escaping; it
 * must live until the member's value is written (error messages name it). */
void isms__json_key(isms__json *w, const char *key, size_t n);
#define ISMS__JSON_KEY(w, lit) isms__json_key((w), (lit), sizeof(lit) - 1)
/* The key of a member given as text, escaped as strings are. */
void isms__json_key_text(isms__json *w, const char *key);
/* Starts an element of the innermost array (before its value). */
void isms__json_element(isms__json *w);

/* Values. A NULL text fails the write; a number that is not finite fails it too. */
void isms__json_string(isms__json *w, const char *text);
void isms__json_string_n(isms__json *w, const char *text, size_t n);
void isms__json_int(isms__json *w, long long v);
void isms__json_uint(isms__json *w, uint64_t v);
void isms__json_number(isms__json *w, double v);
void isms__json_bool(isms__json *w, bool v);
void isms__json_null(isms__json *w);

#endif
