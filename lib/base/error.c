/* Thread-local last error. Never allocates, so it works when memory has run out. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

enum { MESSAGE_MAX = 1024, SOURCE_MAX = 256 };

static _Thread_local struct {
    isms_error pub;
    char message[MESSAGE_MAX];
    char source[SOURCE_MAX];
} last = { { ISMS_OK, "", NULL, 0, 0 }, "", "" };

/* Cuts `buf` back so that it does not end inside a UTF-8 sequence. */
static void cut_utf8(char *buf, size_t len)
{
    size_t end = len;
    size_t i = len;
    while (i > 0 && ((unsigned char)buf[i - 1] & 0xC0) == 0x80)
        i--;
    if (i > 0) {
        size_t need = isms__utf8_lead_len((unsigned char)buf[i - 1]);
        if (need > 1 && len - (i - 1) < need)
            end = i - 1;
    }
    buf[end] = '\0';
}

static void set_message(const char *fmt, va_list ap) ISMS__PRINTF(1, 0);
static void set_message(const char *fmt, va_list ap)
{
    int n = vsnprintf(last.message, sizeof last.message, fmt, ap);
    if (n < 0)
        last.message[0] = '\0';
    else if ((size_t)n >= sizeof last.message)
        cut_utf8(last.message, sizeof last.message - 1);
    isms__utf8_repair(last.message); /* quoted text cut inside a character, or not UTF-8 */
    last.pub.message = last.message;
}

int isms__verror(int code, const char *fmt, va_list ap)
{
    last.pub.code = code;
    last.pub.source = NULL;
    last.pub.line = 0;
    last.pub.column = 0;
    set_message(fmt, ap);
    return code;
}

int isms__error(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    isms__verror(code, fmt, ap);
    va_end(ap);
    return code;
}

int isms__error_at(int code, const char *source, unsigned line, unsigned column,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    isms__verror(code, fmt, ap);
    va_end(ap);
    if (source) {
        size_t n = strlen(source);
        if (n >= sizeof last.source) {
            memcpy(last.source, source, sizeof last.source - 1);
            cut_utf8(last.source, sizeof last.source - 1);
        } else {
            memcpy(last.source, source, n + 1);
        }
        last.pub.source = last.source;
    }
    last.pub.line = line;
    last.pub.column = column;
    return code;
}

int isms__error_nomem(void)
{
    return isms__error(ISMS_ENOMEM, "out of memory");
}

const isms_error *isms_error_last(void)
{
    if (!last.pub.message)
        last.pub.message = "";
    return &last.pub;
}

void isms_error_clear(void)
{
    last.pub.code = ISMS_OK;
    last.message[0] = '\0';
    last.pub.message = last.message;
    last.pub.source = NULL;
    last.pub.line = 0;
    last.pub.column = 0;
}

_Static_assert(sizeof((isms__error_saved *)0)->message == MESSAGE_MAX &&
                   sizeof((isms__error_saved *)0)->source == SOURCE_MAX,
               "isms__error_saved holds what the last error holds");

void isms__error_save(isms__error_saved *saved)
{
    saved->pub = *isms_error_last();
    memcpy(saved->message, last.message, sizeof saved->message);
    memcpy(saved->source, last.source, sizeof saved->source);
}

void isms__error_restore(const isms__error_saved *saved)
{
    last.pub = saved->pub;
    memcpy(last.message, saved->message, sizeof last.message);
    memcpy(last.source, saved->source, sizeof last.source);
    last.pub.message = last.message;
    if (saved->pub.source)
        last.pub.source = last.source;
}

const char *isms__errno_text(int e, char *buf, size_t size)
{
    if (size == 0)
        return "";
    buf[0] = '\0';
    if (strerror_r(e, buf, size) != 0 || buf[0] == '\0')
        snprintf(buf, size, "error %d", e);
    return buf;
}

const char *isms_strerror(int code)
{
    switch (code) {
    case ISMS_OK: return "success";
    case ISMS_EINVAL: return "invalid argument";
    case ISMS_ENOMEM: return "out of memory";
    case ISMS_ERANGE: return "value out of range";
    case ISMS_EPARSE: return "parse error";
    case ISMS_EIO: return "input/output error";
    case ISMS_ENOTFOUND: return "not found";
    case ISMS_EEXIST: return "already exists";
    case ISMS_ECYCLE: return "dependency cycle";
    case ISMS_EUNSUPPORTED: return "not supported";
    default: return "unknown error";
    }
}

const char *isms_version(void)
{
    return ISMS_VERSION_STRING;
}

unsigned isms_version_number(void)
{
    return ISMS_VERSION_NUMBER;
}
