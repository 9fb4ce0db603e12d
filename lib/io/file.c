/* File helpers of the io layer: read a whole file with a size limit, save atomically. */
#ifndef _XOPEN_SOURCE
#  define _XOPEN_SOURCE 700 /* realpath() */
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "io-internal.h"

/* Writes a size limit for people: "64 MiB", "1 KiB" or "1000 bytes". */
static void describe_size(char *buf, size_t size, size_t bytes)
{
    const size_t mib = (size_t)1024 * 1024;
    if (bytes >= mib && bytes % mib == 0)
        snprintf(buf, size, "%zu MiB", bytes / mib);
    else if (bytes >= 1024 && bytes % 1024 == 0)
        snprintf(buf, size, "%zu KiB", bytes / 1024);
    else
        snprintf(buf, size, "%zu bytes", bytes);
}

/* The error for an input above the limit of `max` bytes: the file `path`, or standard input
 * when `path` is NULL. */
static int too_large(const char *path, size_t max)
{
    char limit[32];
    describe_size(limit, sizeof limit, max);
    if (!path)
        return isms__error_at(ISMS_ERANGE, "<stdin>", 0, 0, "standard input is larger than %s",
                              limit);
    return isms__error_at(ISMS_ERANGE, path, 0, 0, "\"%s\" is larger than %s", path, limit);
}

/* The error for a read that failed with `e` (an errno value). */
static int cannot_read(const char *path, int e)
{
    char why[ISMS__ERRNO_TEXT_MAX];
    if (!path)
        return isms__error_at(ISMS_EIO, "<stdin>", 0, 0, "cannot read standard input: %s",
                              isms__errno_text(e, why, sizeof why));
    return isms__error_at(ISMS_EIO, path, 0, 0, "cannot read \"%s\": %s", path,
                          isms__errno_text(e, why, sizeof why));
}

/* Reads `fd` to its end into a new NUL-terminated buffer, `cap` bytes large to begin with:
 * at most `max` bytes (below SIZE_MAX - 1). `path` names the file in errors; NULL: standard
 * input. */
static int read_all(char **out, size_t *len, int fd, size_t cap, size_t max, const char *path)
{
    char *buf = isms__malloc(cap);
    if (!buf)
        return isms__error_nomem();
    size_t n = 0;
    int rc = ISMS_OK;
    for (;;) {
        if (n + 1 >= cap) {
            /* Grow, but never beyond the limit plus the byte that tells the limit was hit. */
            size_t want = cap <= (max + 2) / 2 ? cap * 2 : max + 2;
            if (want <= cap) {
                rc = too_large(path, max);
                break;
            }
            char *nb = isms__realloc(buf, want);
            if (!nb) {
                rc = isms__error_nomem();
                break;
            }
            buf = nb;
            cap = want;
        }
        ssize_t r = read(fd, buf + n, cap - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            rc = cannot_read(path, errno);
            break;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n > max) {
            rc = too_large(path, max);
            break;
        }
    }
    if (rc != ISMS_OK) {
        isms__free(buf);
        return rc;
    }
    buf[n] = '\0';
    *out = buf;
    if (len)
        *len = n;
    return ISMS_OK;
}

int isms__file_read(char **out, size_t *len, const char *path, size_t max_size)
{
    if (!out || !path)
        return isms__error(ISMS_EINVAL, "isms__file_read: NULL argument");
    if (!*path)
        return isms__error(ISMS_EINVAL, "the file name is empty");
    if (max_size >= SIZE_MAX - 1)
        max_size = SIZE_MAX - 2;

    int fd;
    do
        fd = open(path, O_RDONLY);
    while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        char why[ISMS__ERRNO_TEXT_MAX];
        return isms__error_at(ISMS_EIO, path, 0, 0, "cannot open \"%s\": %s", path,
                              isms__errno_text(errno, why, sizeof why));
    }

    struct stat st;
    int rc = ISMS_OK;
    size_t cap = 64 * 1024;
    if (fstat(fd, &st) != 0)
        rc = cannot_read(path, errno);
    else if (S_ISDIR(st.st_mode))
        rc = cannot_read(path, EISDIR);
    else if (S_ISREG(st.st_mode) &&
             (st.st_size < 0 || (unsigned long long)st.st_size > max_size))
        rc = too_large(path, max_size);
    else if (S_ISREG(st.st_mode))
        cap = (size_t)st.st_size + 2; /* a byte more than the size: the end is seen at once */
    if (rc == ISMS_OK)
        rc = read_all(out, len, fd, cap, max_size, path);
    close(fd);
    return rc;
}

/* The process umask, read without changing it (umask(2) would race with other threads).
 * Linux reports it in /proc/self/status; elsewhere the usual 022 is assumed. */
static mode_t current_umask(void)
{
    mode_t mask = 022;
    int fd = open("/proc/self/status", O_RDONLY);
    if (fd < 0)
        return mask;
    char buf[4096];
    size_t n = 0;
    for (;;) {
        ssize_t r = read(fd, buf + n, sizeof buf - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
        if (n == sizeof buf - 1)
            break;
    }
    close(fd);
    buf[n] = '\0';
    const char *p = strstr(buf, "\nUmask:");
    if (!p)
        return mask;
    p += 7;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p < '0' || *p > '7')
        return mask;
    mode_t m = 0;
    while (*p >= '0' && *p <= '7')
        m = (mode_t)(m * 8 + (mode_t)(*p++ - '0'));
    return m & 0777;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Fails the save: removes the temporary file, frees the names, sets the error. */
static int save_failed(int fd, char *tmp, char *resolved, const char *what, const char *path,
                       int err)
{
    if (fd >= 0)
        close(fd);
    if (tmp) {
        unlink(tmp);
        isms__free(tmp);
    }
    isms__free(resolved);
    char why[ISMS__ERRNO_TEXT_MAX];
    return isms__error_at(ISMS_EIO, path, 0, 0, "cannot save \"%s\": %s: %s", path, what,
                          isms__errno_text(err, why, sizeof why));
}

static bool target_is_dir(const struct stat *st)
{
    return S_ISDIR(st->st_mode);
}

/* Writes to an existing target that is not a regular file (a pipe, a device). */
static int write_in_place(const char *path, bool is_dir, const char *data, size_t len)
{
    char why[ISMS__ERRNO_TEXT_MAX];
    if (is_dir)
        return isms__error_at(ISMS_EIO, path, 0, 0, "cannot save \"%s\": %s", path,
                              isms__errno_text(EISDIR, why, sizeof why));
    int fd;
    do
        fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return isms__error_at(ISMS_EIO, path, 0, 0, "cannot save \"%s\": %s", path,
                              isms__errno_text(errno, why, sizeof why));
    int rc = write_all(fd, data, len);
    int e = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        e = errno;
    }
    if (rc != 0)
        return isms__error_at(ISMS_EIO, path, 0, 0, "cannot write \"%s\": %s", path,
                              isms__errno_text(e, why, sizeof why));
    return ISMS_OK;
}

int isms__file_save_atomic(const char *path, const char *data, size_t len)
{
    if (!path || (!data && len > 0))
        return isms__error(ISMS_EINVAL, "isms__file_save_atomic: NULL argument");
    if (!*path)
        return isms__error(ISMS_EINVAL, "the file name is empty");

    /* Saving through a symbolic link replaces the file it points to, not the link. */
    const char *target = path;
    char *resolved = NULL;
#ifdef PATH_MAX
    struct stat lst;
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        resolved = isms__malloc(PATH_MAX);
        if (!resolved)
            return isms__error_nomem();
        if (realpath(path, resolved)) {
            target = resolved;
        } else {
            isms__free(resolved);
            resolved = NULL;
        }
    }
#endif

    /* A pipe, a device or a socket cannot be replaced by a rename: write to it directly. */
    struct stat tst;
    if (stat(target, &tst) == 0 && !S_ISREG(tst.st_mode)) {
        isms__free(resolved);
        return write_in_place(path, target_is_dir(&tst), data, len);
    }

    /* The temporary file lives in the target's directory, so that rename() is atomic. */
    const char *slash = strrchr(target, '/');
    size_t dirlen = slash ? (size_t)(slash - target) : 1;
    const char *dir = slash ? target : ".";
    if (slash && dirlen == 0)
        dirlen = 1; /* "/file" lives in "/" */
    static const char tmpl[] = "/.isms-save-XXXXXX";
    char *tmp = isms__malloc(dirlen + sizeof tmpl);
    if (!tmp) {
        isms__free(resolved);
        return isms__error_nomem();
    }
    memcpy(tmp, dir, dirlen);
    memcpy(tmp + dirlen, tmpl, sizeof tmpl);
    if (dirlen == 1 && tmp[0] == '/')
        memmove(tmp, tmp + 1, sizeof tmpl); /* "/" + "/.isms…" would be "//.isms…" */

    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        int rc;
        if (e == ENOENT || e == ENOTDIR)
            rc = isms__error_at(ISMS_EIO, path, 0, 0,
                                "cannot save \"%s\": the directory \"%.*s\" does not exist",
                                path, (int)(slash ? dirlen : 1), slash ? target : ".");
        else {
            char why[ISMS__ERRNO_TEXT_MAX];
            rc = isms__error_at(ISMS_EIO, path, 0, 0,
                                "cannot save \"%s\": cannot create a temporary file: %s",
                                path, isms__errno_text(e, why, sizeof why));
        }
        isms__free(tmp);
        isms__free(resolved);
        return rc;
    }
    if (write_all(fd, data, len) != 0)
        return save_failed(fd, tmp, resolved, "cannot write", path, errno);

    /* Keep the old file's permission bits; a new file gets what open(…, 0666) would give. */
    struct stat st;
    mode_t mode;
    if (stat(target, &st) == 0)
        mode = st.st_mode & 07777;
    else
        mode = 0666 & ~current_umask();
    if (fchmod(fd, mode) != 0)
        return save_failed(fd, tmp, resolved, "cannot set the permissions", path, errno);
    if (fsync(fd) != 0)
        return save_failed(fd, tmp, resolved, "cannot flush to disk", path, errno);
    int rc = close(fd);
    fd = -1;
    if (rc != 0)
        return save_failed(fd, tmp, resolved, "cannot write", path, errno);
    if (rename(tmp, target) != 0)
        return save_failed(fd, tmp, resolved, "cannot replace the file", path, errno);

    /* Make the rename itself durable. Best effort: the new file is already in place, so a
     * file system that cannot sync directories (EINVAL) must not turn success into failure. */
    char *dirname = tmp;
    size_t dl = slash ? dirlen : 1;
    if (!slash)
        dirname[0] = '.';
    dirname[dl] = '\0';
    int dfd = open(dirname, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    isms__free(tmp);
    isms__free(resolved);
    return ISMS_OK;
}

int isms__stdin_read(char **out, size_t *len, size_t max)
{
    if (max >= SIZE_MAX - 1) /* room for the byte that tells the limit was hit, and the NUL */
        max = SIZE_MAX - 2;
    return read_all(out, len, STDIN_FILENO, 64 * 1024, max, NULL);
}

/* ---- what input that is not UTF-8 text is ----------------------------------------------- */

/* Windows-1252 bytes 0x80–0x9F. The five bytes that Windows-1252 leaves undefined map to the
 * C1 control characters with the same number (WHATWG): nothing is lost, and such bytes
 * practically never occur in real text. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, /* 80–87 */
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F, /* 88–8F */
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, /* 90–97 */
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178, /* 98–9F */
};

uint32_t isms__cp1252_to_unicode(unsigned char c)
{
    if (c >= 0x80 && c <= 0x9F)
        return cp1252_high[c - 0x80];
    return c;
}

/* The length of the UTF-8 character at s[0] (n > 0 bytes left) when it is valid, else 0;
 * `*cut` tells that the end of the text cuts short a character that these bytes begin: with
 * the bytes missing, they could still make a valid one. Valid is what isms__utf8_valid() says
 * (the library's UTF-8 validator): no overlong forms, no surrogates, nothing above U+10FFFF. */
static size_t utf8_char(const unsigned char *s, size_t n, bool *cut)
{
    *cut = false;
    size_t len = isms__utf8_lead_len(s[0]);
    if (len == 0)
        return 0;
    if (n >= len)
        return isms__utf8_len((const char *)s, n);
    /* Completed with the smallest or the largest continuation byte: one of them is valid
     * when any completion is (the ranges of the second byte are intervals). */
    char buf[4];
    for (int pad = 0; pad < 2 && !*cut; pad++) {
        memcpy(buf, s, n);
        memset(buf + n, pad ? 0xBF : 0x80, len - n);
        *cut = isms__utf8_valid(buf, len);
    }
    return 0;
}

void isms__utf8_scan(isms__utf8_report *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    out->first_bad = n;
    out->bad = 0;
    out->multibyte = 0;
    out->cut = false;
    for (size_t i = 0; i < n;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        bool cut;
        size_t len = utf8_char(p + i, n - i, &cut);
        if (len > 0) {
            out->multibyte++;
            i += len;
            continue;
        }
        if (out->first_bad == n)
            out->first_bad = i;
        if (cut) { /* the rest of the text is that character */
            out->cut = true;
            out->bad += n - i;
            break;
        }
        out->bad++;
        i++;
    }
}

bool isms__utf8_cut_at(const char *s, size_t n, size_t off)
{
    bool cut = false;
    if (off < n)
        utf8_char((const unsigned char *)s + off, n - off, &cut);
    return cut;
}

/* Bytes that the binary tests of isms__sniff() look at. */
enum { SNIFF_BYTES = 4096 };

/* Whether the first SNIFF_BYTES bytes hold a NUL or control byte, or bytes that are not
 * UTF-8: a text signature ("%PDF-", "GIF89a") names a format only then, so that a CSV file
 * whose first cell happens to start with one is still read as text. */
static bool looks_binary(const char *s, size_t n)
{
    size_t m = n < SNIFF_BYTES ? n : SNIFF_BYTES;
    for (size_t i = 0; i < m; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
            return true;
    }
    size_t ok = isms__utf8_valid_prefix(s, m);
    return ok < m && !(m < n && isms__utf8_cut_at(s, m, ok));
}

isms__seems isms__sniff(const char *s, size_t n, const char **what)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *what;
    } formats[] = {
        { "\x89PNG\r\n\x1a\n", 8, "a PNG image" },
        { "\xFF\xD8\xFF", 3, "a JPEG image" },
        { "GIF87a", 6, "a GIF image" },
        { "GIF89a", 6, "a GIF image" },
        { "%PDF-", 5, "a PDF document" },
        { "PK\x03\x04", 4, "a ZIP archive, such as an Excel workbook (.xlsx)" },
        { "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8,
          "an Office 97-2003 file, such as an Excel workbook (.xls)" },
        { "\x1F\x8B", 2, "a gzip-compressed file" },
    };
    const unsigned char *p = (const unsigned char *)s;
    *what = NULL;
    if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        *what = "UTF-16 text (little-endian)";
        return ISMS__SEEMS_UTF16;
    }
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        *what = "UTF-16 text (big-endian)";
        return ISMS__SEEMS_UTF16;
    }
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if (n >= formats[i].len && memcmp(s, formats[i].magic, formats[i].len) == 0 &&
            looks_binary(s, n)) {
            *what = formats[i].what;
            return ISMS__SEEMS_FORMAT;
        }
    }
    /* UTF-16 without a byte order mark: the high bytes of Latin text are NUL, the low ones
     * are not. */
    size_t m = n < SNIFF_BYTES ? n : SNIFF_BYTES;
    size_t nul_even = 0, nul_odd = 0, controls = 0;
    for (size_t i = 0; i < m; i++) {
        if (p[i] == 0)
            *(i % 2 ? &nul_odd : &nul_even) += 1;
        else if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r' && p[i] != '\f')
            controls++;
    }
    size_t pairs = m / 2;
    if (pairs >= 2 && nul_odd * 2 >= pairs && nul_even * 16 <= pairs) {
        *what = "UTF-16 text (little-endian, without a byte order mark)";
        return ISMS__SEEMS_UTF16;
    }
    if (pairs >= 2 && nul_even * 2 >= pairs && nul_odd * 16 <= pairs) {
        *what = "UTF-16 text (big-endian, without a byte order mark)";
        return ISMS__SEEMS_UTF16;
    }
    if (nul_even + nul_odd > 0 || controls * 64 > m) {
        *what = "binary data";
        return ISMS__SEEMS_BINARY;
    }
    return ISMS__SEEMS_TEXT;
}

void isms__not_utf8_advice(char *buf, size_t size, const char *s, size_t n, size_t off)
{
    if (!size)
        return;
    buf[0] = '\0';
    if (off >= n)
        return;
    const char *what;
    if (isms__sniff(s, n, &what) != ISMS__SEEMS_TEXT) {
        snprintf(buf, size, "the file seems to be %s, not text", what);
        return;
    }
    unsigned char b = (unsigned char)s[off];
    uint32_t cp = isms__cp1252_to_unicode(b);
    if (b < 0x80 || (cp >= 0x80 && cp <= 0x9F))
        return; /* not a character of Windows-1252 either */
    char ch[8];
    ch[isms__utf8_put(ch, cp)] = '\0';
    isms__utf8_report rep;
    isms__utf8_scan(&rep, s, n);
    if (rep.multibyte > rep.bad)
        snprintf(buf, size, "the rest of the text is UTF-8: this part seems to come from text "
                 "in another encoding, such as Windows-1252, where byte 0x%02X is \"%s\"", b, ch);
    else
        snprintf(buf, size, "it seems to be Windows-1252 or Latin-1 text, where byte 0x%02X is "
                 "\"%s\"", b, ch);
}

/* ---- public (isms/file.h) ---------------------------------------------------------------- */

int isms_file_read(char **out, size_t *len, const char *path, size_t max_size)
{
    if (path && strcmp(path, "-") == 0)
        return isms__stdin_read(out, len, max_size);
    return isms__file_read(out, len, path, max_size);
}

int isms_file_save(const char *path, const void *data, size_t len)
{
    if (path && strcmp(path, "-") == 0) {
        char why[ISMS__ERRNO_TEXT_MAX];
        if (!data && len > 0)
            return isms__error(ISMS_EINVAL, "isms_file_save: NULL data");
        if (len > 0 && fwrite(data, 1, len, stdout) != len)
            return isms__error_at(ISMS_EIO, "<stdout>", 0, 0,
                                  "cannot write to standard output: %s",
                                  isms__errno_text(errno, why, sizeof why));
        if (fflush(stdout) != 0)
            return isms__error_at(ISMS_EIO, "<stdout>", 0, 0,
                                  "cannot write to standard output: %s",
                                  isms__errno_text(errno, why, sizeof why));
        return ISMS_OK;
    }
    return isms__file_save_atomic(path, data, len);
}
