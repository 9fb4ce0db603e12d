/*
 * Internal file helpers of the io layer (lib/io/file.c), shared by the CSV, JSON and report
 * modules. Nothing here is exported.
 */
#ifndef ISMS_IO_INTERNAL_H
#define ISMS_IO_INTERNAL_H

#include <stddef.h>

#include "internal.h"

/*
 * Reads a whole file into a new NUL-terminated buffer (allocated with isms__malloc; the
 * caller frees it with isms__free). `*len` receives the size without the NUL; `len` may be
 * NULL. The file may be a regular file or a pipe.
 *
 * Returns ISMS_OK; ISMS_EINVAL (NULL argument); ISMS_EIO with a message naming the path and
 * the system's description of errno (isms__errno_text()) when the file cannot be opened or
 * read; ISMS_ERANGE when the file is larger than `max_size` bytes; ISMS_ENOMEM. `*out` and
 * `*len` are written only on success.
 */
int isms__file_read(char **out, size_t *len, const char *path, size_t max_size);

/* The same for standard input (source "<stdin>" in errors); `len` may be NULL. */
int isms__stdin_read(char **out, size_t *len, size_t max_size);

/*
 * Replaces the file at `path` with `len` bytes of `data` without ever leaving a partial file:
 * writes a temporary file in the same directory (mkstemp), syncs it, gives it the old file's
 * permission bits (or 0666 minus the process umask for a new file), renames it over `path`
 * (over the target of a symbolic link when `path` is one) and syncs the directory. A target
 * that exists but is not a regular file (a pipe, a device) is written in place instead.
 *
 * On failure the temporary file is removed and the old file is untouched.
 * Returns ISMS_OK, ISMS_EINVAL, ISMS_EIO (message with the path and the system's
 * description of errno), ISMS_ENOMEM.
 */
int isms__file_save_atomic(const char *path, const char *data, size_t len);

/* ---- what input that is not UTF-8 text is (lib/io/file.c) ---------------------------------
 * The readers of text (CSV, JSON) share these, so that they say the same about a file in
 * another encoding, a binary file or one cut short. */

/* The Unicode code point of a Windows-1252 byte. The five bytes that Windows-1252 leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control characters with the same
 * number, as the WHATWG Encoding Standard does; 0xA0–0xFF are Latin-1. */
uint32_t isms__cp1252_to_unicode(unsigned char c);

/* How the UTF-8 of a text fails. */
typedef struct isms__utf8_report {
    size_t first_bad; /* offset of the first byte that is not UTF-8; the length when none is */
    size_t bad;       /* bytes that are not UTF-8 */
    size_t multibyte; /* valid characters of two to four bytes */
    bool cut;         /* the text ends inside a character that was valid so far (its bytes
                       * count as bad) */
} isms__utf8_report;

void isms__utf8_scan(isms__utf8_report *out, const char *s, size_t n);

/* What bytes are, as far as their first bytes tell. */
typedef enum isms__seems {
    ISMS__SEEMS_TEXT = 0, /* nothing says otherwise (UTF-8 or another 8-bit encoding) */
    ISMS__SEEMS_UTF16,    /* UTF-16, with a byte order mark or with NUL bytes in its pattern */
    ISMS__SEEMS_FORMAT,   /* a binary file format: an image, a PDF, a ZIP archive (.xlsx) ... */
    ISMS__SEEMS_BINARY    /* other bytes that are not text (NUL and control bytes) */
} isms__seems;

/* Looks at the first bytes (4 KiB) of [s, s + n): what they seem to be, and in `*what` a
 * phrase for messages ("UTF-16 text (little-endian, without a byte order mark)", "a PNG
 * image", "binary data"; NULL for ISMS__SEEMS_TEXT). */
isms__seems isms__sniff(const char *s, size_t n, const char **what);

/* Whether the byte at `off` of [s, s + n), which is not UTF-8, begins a character that the end
 * of the text cuts short (the file was truncated). */
bool isms__utf8_cut_at(const char *s, size_t n, size_t off);

/* Writes into buf (cut to `size`) what the byte at `off` of [s, s + n), which is not UTF-8,
 * suggests, as a phrase for a parenthesis in a message: "the file seems to be binary data,
 * not text", "it seems to be Windows-1252 or Latin-1 text, where byte 0xF6 is \"ö\"", or "the
 * rest of the text is UTF-8: this part seems to come from text in another encoding, such as
 * Windows-1252, where byte 0xE5 is \"å\"". "" when nothing can be said. */
void isms__not_utf8_advice(char *buf, size_t size, const char *s, size_t n, size_t off);

#endif
