/*
 * Internal helpers shared by the library's sources. Nothing here is exported: every
 * function carries a double underscore and hidden visibility. Tests link the static
 * library and may call them.
 */
#ifndef ISMS_INTERNAL_H
#define ISMS_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "isms.h"

/* ISMS__PREFETCH(p): asks for the memory at p to be fetched ahead of its use (a hint). */
#if defined(__GNUC__)
#  define ISMS__PRINTF(f, a) __attribute__((format(printf, f, a)))
#  define ISMS__UNUSED __attribute__((unused))
#  define ISMS__PREFETCH(p) __builtin_prefetch(p)
#else
#  define ISMS__PRINTF(f, a)
#  define ISMS__UNUSED
#  define ISMS__PREFETCH(p) ((void)0)
#endif

/* ---- memory (lib/base/memory.c) -------------------------------------------------------
 * Every allocation of the library goes through these, so that tests can make the n-th one
 * fail. The counters are thread-local: tests on different threads do not disturb each other.
 */
void *isms__malloc(size_t size);
void *isms__calloc(size_t n, size_t size);
void *isms__realloc(void *ptr, size_t size);
/* Grows an array to hold at least `need` elements; returns false (array unchanged) on
 * overflow or allocation failure. */
bool isms__grow(void **array, size_t *capacity, size_t need, size_t elem_size);
char *isms__strdup(const char *s);           /* NULL in -> "" copy */
char *isms__strndup(const char *s, size_t n);
void isms__free(void *ptr);

/* Test hook: the `n`-th allocation from now on (1 = the next one) fails, and every later one
 * too until the hook is reset with 0. Returns nothing; isms__alloc_failed() tells whether a
 * failure was injected since the last call to isms__alloc_fail_at(). */
void isms__alloc_fail_at(long n);
bool isms__alloc_failed(void);
/* Number of allocations made on this thread since the last isms__alloc_fail_at(). */
long isms__alloc_count(void);

/* ---- errors (lib/base/error.c) --------------------------------------------------------
 * Set the thread's last error and return `code`, so a function can `return isms__error(...)`.
 * Never allocate. Messages longer than the buffer (1 KiB) are cut at a UTF-8 boundary. */
int isms__error(int code, const char *fmt, ...) ISMS__PRINTF(2, 3);
int isms__verror(int code, const char *fmt, va_list ap) ISMS__PRINTF(2, 0);
/* A parse error at `source` (may be NULL), line and column (0 = unknown). */
int isms__error_at(int code, const char *source, unsigned line, unsigned column,
                   const char *fmt, ...) ISMS__PRINTF(5, 6);
/* Out of memory, with a fixed message. */
int isms__error_nomem(void);
/* The system's description of the errno value `e`, written into `buf` (ISMS__ERRNO_TEXT_MAX
 * bytes is enough) and returned: strerror_r(), which is thread-safe where strerror() need not
 * be; "error <e>" when the system has no description. */
enum { ISMS__ERRNO_TEXT_MAX = 128 };
const char *isms__errno_text(int e, char *buf, size_t size);
/* The thread's last error, kept aside while the library makes calls whose failure it handles
 * itself, so that a call that then succeeds leaves the caller's last error as it was
 * (include/isms/base.h: successful calls do not clear it). About 1.3 KiB: keep it on the
 * stack of the function that saves. */
typedef struct isms__error_saved {
    isms_error pub;
    char message[1024];
    char source[256];
} isms__error_saved;
void isms__error_save(isms__error_saved *saved);
void isms__error_restore(const isms__error_saved *saved);

/* ---- text (lib/base/text.c) ---------------------------------------------------------- */
/* Decodes one UTF-8 code point at *s (advancing *s); invalid bytes decode as themselves
 * (0x80..0xFF), NUL stops (returns 0, does not advance). */
uint32_t isms__utf8_next(const char **s);
/* Simple case folding of one code point (Latin-1, Latin Extended-A, Greek, Cyrillic). */
uint32_t isms__fold(uint32_t cp);
/* Appends the UTF-8 encoding of cp to buf (at least 4 bytes free); returns bytes written. */
size_t isms__utf8_put(char *buf, uint32_t cp);
/* The length of the longest prefix of [s, s+n) that is valid UTF-8 (no overlongs, no
 * surrogates, nothing above U+10FFFF): the offset of the first byte of the first bad
 * sequence, or n when all of it is valid. The library's one UTF-8 validator. */
size_t isms__utf8_valid_prefix(const char *s, size_t n);
/* True when [s, s+n) is valid UTF-8 (no overlongs, no surrogates). */
bool isms__utf8_valid(const char *s, size_t n);
/* The length of the UTF-8 sequence that the byte `lead` begins: 1 for ASCII, 2–4 for a lead
 * byte, 0 for a continuation byte or 0xF8..0xFF, which begin none. Says nothing of validity. */
static inline size_t isms__utf8_lead_len(unsigned char lead)
{
    return lead < 0x80 ? 1 : lead >= 0xF8 ? 0 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3
         : lead >= 0xC0 ? 2 : 0;
}
/* The length of the UTF-8 sequence at s[0] when it is valid and lies within the `n` bytes
 * (1 for ASCII), else 0: overlong forms, surrogates and code points above U+10FFFF are not
 * valid (isms__utf8_valid()). */
static inline size_t isms__utf8_len(const char *s, size_t n)
{
    size_t len = isms__utf8_lead_len((unsigned char)s[0]);
    if (len == 0 || n < len)
        return 0;
    return len == 1 || isms__utf8_valid(s, len) ? len : 0;
}
/* Replaces, in place, every byte of `s` that is not part of a valid UTF-8 character with '?'
 * (messages that quote text cut with "%.64s" or text the caller passed unchecked). */
void isms__utf8_repair(char *s);
/* Checks text that comes in through the API: ISMS_OK when `s` is NULL or valid UTF-8, else
 * ISMS_EINVAL with the message "<what>: not UTF-8 at byte <n> (0x<byte>)", n counted from 1
 * as the writers count. Refuses nothing else: control characters are text the formats hold. */
int isms__text_check(const char *what, const char *s);
/* Natural comparison: digit runs compare as numbers ("R2" < "R10"), the rest bytewise. */
int isms__natcmp(const char *a, const char *b);
/* The part of [s, s+n) without ASCII white space or NBSP at either end: it starts at
 * s + *start and is *len bytes long. */
void isms__trim_span(const char *s, size_t n, size_t *start, size_t *len);
/* A hash of text as isms_text_matches() compares it (white space trimmed and runs folded
 * to one space, case folded): texts that match hash alike. *blank is set when nothing but
 * white space is there. */
uint64_t isms__text_hash(const char *s, bool *blank);
/* True when s holds nothing but white space (ASCII or NBSP); "" is blank. */
bool isms__text_blank(const char *s);
/* Parses a whole decimal int (optional sign, surrounding white space); false if not one. */
bool isms__parse_int(const char *s, int *out);

/* ---- word tables (lib/base/text.c) ---------------------------------------------------- */
/* One accepted spelling of a value, matched with isms_text_matches(). */
typedef struct isms__alias {
    const char *text;
    int value;
} isms__alias;
/* Looks `text` up in the `n` aliases of `list`: true (and *out set) at the first match. */
bool isms__alias_lookup(int *out, const isms__alias *list, size_t n, const char *text);
/* The longest item isms__parse_word_list() reads (longer ones are cut), with its NUL. */
#define ISMS__WORD_MAX 128
/* Reads a list of words into flags: items separated by one of the characters `seps` or the
 * words "och"/"and" (ASCII case folded, followed by white space), each trimmed and looked up
 * in `words`, whose values are or-ed together (0 for words like "none"). True and *out set
 * when every item is known; else false, *out untouched and the first unknown item (trimmed,
 * NUL-terminated) copied to `bad` for the caller's error message. Sets no error. */
bool isms__parse_word_list(unsigned *out, const char *text, const char *seps,
                           const isms__alias *words, size_t n, char bad[ISMS__WORD_MAX]);

/* ---- owned texts (lib/base/text.c) ---------------------------------------------------------
 * The optional strings that an object owns (titles, comments, owners, ...), most of them
 * empty: every empty one is the shared isms__text_empty, which costs no allocation and is
 * never freed. */
extern char isms__text_empty[1];
/* A copy of `s`, or isms__text_empty for NULL and ""; NULL when out of memory (no error set). */
char *isms__text_dup(const char *s);
/* Frees a text from isms__text_dup() (isms__text_empty and NULL are left alone). */
void isms__text_free(char *s);
/* Replaces the text in *slot by a copy of `s`; ISMS_ENOMEM leaves it as it was. */
int isms__text_set(char **slot, const char *s);

/* ---- labelled levels (lib/base/text.c) ------------------------------------------------
 * A level of a scale with its Swedish and English labels: the scales of risk matrices and of
 * classification schemes. Builders own the strings; built objects point into a pool. */
typedef struct isms__level {
    int value;
    char *label_sv;
    char *label_en;
    char *description;
} isms__level;
/* Fills *l with `value` and copies of the strings (NULL description: ""); false when out of
 * memory (then nothing is left allocated and *l must not be freed). */
bool isms__level_init(isms__level *l, int value, const char *label_sv, const char *label_en,
                      const char *description);
void isms__level_free(isms__level *l);
/* The one of `label_sv`, `label_en` that a level of levels[0..n) already uses as a label (in
 * either language), with that level's value in *used; NULL when neither is used. Labels must
 * tell levels apart, or parsing a label would be ambiguous. */
const char *isms__level_clash(const isms__level *levels, size_t n, const char *label_sv,
                              const char *label_en, int *used);
/* True when the values of levels[0..n) (lowest first) follow each other without gaps. */
bool isms__levels_consecutive(const isms__level *levels, size_t n);
/* The values as people read a scale: "1–4" when consecutive, "1, 2, 4, 8" otherwise, and
 * `none` when n is 0. */
void isms__levels_describe(char *buf, size_t size, const isms__level *levels, size_t n,
                           const char *none);

/* Writes `v` rounded half away from zero to `decimals` (0–6) decimals, with `point` as the
 * decimal mark and `group` (may be "" or NULL) between groups of three digits: the same
 * text under any C locale. Not finite: "–". Beyond 9e15 the decimals are dropped. */
void isms__format_number(char *buf, size_t size, double v, int decimals, const char *point,
                         const char *group);
/* Writes `v` as printf's "%.*g" writes it with `significant` (1–17) significant digits, but
 * with `point` as the decimal mark whatever the C locale: "9.844", "1e+06", "0.0001".
 * Not finite: "inf", "-inf" or "nan". For numbers in messages that must read the same under
 * any locale (a program may call setlocale()). */
void isms__format_general(char *buf, size_t size, double v, int significant, const char *point);
/* A number as "%g" writes it in the C locale (6 significant digits, a '.'), in a value that
 * lives until the end of the full expression: isms__g(v).s is the argument of a "%s". */
typedef struct isms__num {
    char s[32];
} isms__num;
static inline isms__num isms__g(double v)
{
    isms__num n;
    isms__format_general(n.s, sizeof n.s, v, 6, ".");
    return n;
}

/* ---- growable string (lib/base/text.c) ------------------------------------------------- */
typedef struct isms__buf {
    char *data; /* NUL-terminated when len > 0 or after isms__buf_cstr() */
    size_t len;
    size_t cap;
    bool failed; /* sticky: an append failed for lack of memory */
} isms__buf;
void isms__buf_init(isms__buf *b);
void isms__buf_append(isms__buf *b, const char *s, size_t n);
void isms__buf_puts(isms__buf *b, const char *s);
void isms__buf_printf(isms__buf *b, const char *fmt, ...) ISMS__PRINTF(2, 3);
/* Hands the data over (never NULL unless failed); the buffer is reset. */
char *isms__buf_take(isms__buf *b, size_t *len);
void isms__buf_free(isms__buf *b);

/* ---- findings (lib/base/findings.c) ---------------------------------------------------- */
/* Appends a finding whose message is formatted; returns ISMS_OK or ISMS_ENOMEM. */
int isms__findings_addf(isms_findings *list, isms_severity severity, const char *code,
                        const char *ref, const char *fmt, ...) ISMS__PRINTF(5, 6);
/* Drops the findings after the first `count` (so that an operation can add all or none). */
void isms__findings_truncate(isms_findings *list, size_t count);

/* ---- string index (lib/base/index.c) ----------------------------------------------------
 * An open-addressing hash table (linear probing, FNV-1a, load at most 1/2) from a string key
 * to an item. The index does not own the items or their keys: `key` gives an item's key,
 * which must stay unchanged while the item is in the index. */
typedef struct isms__index {
    struct isms__index_slot *slots;
    size_t n_slots; /* 0 or a power of two */
    size_t count;
    const char *(*key)(const void *item);
} isms__index;
void isms__index_init(isms__index *ix, const char *(*key)(const void *item));
void isms__index_free(isms__index *ix);
uint64_t isms__index_hash(const char *key);
void *isms__index_find(const isms__index *ix, const char *key);
/* The same for the key [key, key + len), which need not be NUL-terminated. */
void *isms__index_find_n(const isms__index *ix, const char *key, size_t len);
/* Looks up `n` keys at once: items[i] is the item whose key is the lens[i] bytes at keys[i]
 * (which need not be NUL-terminated), or NULL. Faster than one isms__index_find_n() per key
 * for many keys in a large index: the memory fetches of up to 64 look-ups overlap. */
void isms__index_find_many(const isms__index *ix, const char *const *keys, const size_t *lens,
                           size_t n, void **items);
/* Makes room for `need` items in all, so that the next inserts cannot fail; false (index
 * unchanged) when out of memory. */
bool isms__index_reserve(isms__index *ix, size_t need);
/* Inserts an item whose key is not yet present; room must have been reserved. */
void isms__index_insert(isms__index *ix, void *item);
/* Removes the item with this key; false when there is none. */
bool isms__index_remove(isms__index *ix, const char *key);

/* ---- risk matrix (lib/risk/matrix.c) --------------------------------------------------- */
/* The level values of an axis as people read a scale: "1–4" when consecutive, "1, 2, 4, 8"
 * otherwise, "" when the axis has no levels (or m is NULL). */
void isms__matrix_scale_text(char *buf, size_t size, const isms_matrix *m, isms_axis axis);
/* True when `value` is a level of the matrix's `axis` (false for NULL or a bad axis). Sets
 * no error. */
bool isms__matrix_has_level(const isms_matrix *m, isms_axis axis, int value);

/* ---- risk register (lib/risk/register.c) ------------------------------------------------ */
/* The risk with this id, as isms_register_find() finds it, but NULL without setting the
 * thread's last error when there is none (for look-ups whose failure is not an error). */
isms_risk *isms__register_lookup(const isms_register *reg, const char *id);
/* A number that tells a risk apart from every other risk its register has held, whatever its
 * id: a risk removed and added again gets a new one. Serials grow in the order risks are
 * added, so they follow the register's order. */
uint64_t isms__risk_serial(const isms_risk *r);
/* The number of removals from the register so far: while it stays the same, every risk the
 * register held before is still there, in the same order. */
uint64_t isms__register_removals(const isms_register *reg);

/* ---- SHA-1 and name-based UUIDs (lib/base/uuid.c) ----------------------------------------- */
/* The SHA-1 digest of n bytes (FIPS 180-4). Only for UUIDs (RFC 9562 version 5), not for
 * security. */
void isms__sha1(unsigned char digest[20], const void *data, size_t n);
/* The version 5 UUID of `name` (n bytes) in the namespace `ns` (RFC 9562 §5.5), as 16 bytes
 * and as lowercase text "xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx" (36 characters and the NUL);
 * either output may be NULL. */
void isms__uuid5(unsigned char bytes[16], char text[37], const unsigned char ns[16],
                 const char *name, size_t n);
/* The same for the name that is the concatenation of parts[0..n_parts), lens[i] bytes each
 * (no copy is made). */
void isms__uuid5_parts(unsigned char bytes[16], char text[37], const unsigned char ns[16],
                       const char *const *parts, const size_t *lens, size_t n_parts);

#endif
