/* Findings lists. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

struct isms_findings {
    isms_lang lang;
    isms_finding *items;
    size_t count;
    size_t cap;
};

int isms_findings_new(isms_findings **out, isms_lang lang)
{
    if (!out)
        return isms__error(ISMS_EINVAL, "isms_findings_new: out is NULL");
    if (lang != ISMS_LANG_SV && lang != ISMS_LANG_EN)
        return isms__error(ISMS_EINVAL, "isms_findings_new: unknown language %d", (int)lang);
    isms_findings *l = isms__calloc(1, sizeof *l);
    if (!l)
        return isms__error_nomem();
    l->lang = lang;
    *out = l;
    return ISMS_OK;
}

static void free_item(isms_finding *f)
{
    isms__free((char *)f->code);
    isms__free((char *)f->ref);
    isms__free((char *)f->message);
}

void isms__findings_truncate(isms_findings *list, size_t count)
{
    if (!list)
        return;
    for (size_t i = count; i < list->count; i++)
        free_item(&list->items[i]);
    if (count < list->count)
        list->count = count;
}

void isms_findings_clear(isms_findings *list)
{
    isms__findings_truncate(list, 0);
}

void isms_findings_free(isms_findings *list)
{
    if (!list)
        return;
    isms_findings_clear(list);
    isms__free(list->items);
    isms__free(list);
}

isms_lang isms_findings_lang(const isms_findings *list)
{
    return list ? list->lang : ISMS_LANG_SV;
}

size_t isms_findings_count(const isms_findings *list)
{
    return list ? list->count : 0;
}

size_t isms_findings_count_severity(const isms_findings *list, isms_severity severity)
{
    size_t n = 0;
    for (size_t i = 0; list && i < list->count; i++)
        n += list->items[i].severity == severity;
    return n;
}

int isms_findings_get(isms_finding *out, const isms_findings *list, size_t index)
{
    if (!out || !list)
        return isms__error(ISMS_EINVAL, "isms_findings_get: NULL argument");
    if (index >= list->count)
        return isms__error(ISMS_ERANGE, "finding index %zu is out of range (the list has %zu)",
                           index, list->count);
    *out = list->items[index];
    return ISMS_OK;
}

/* isms_findings_add() without the check of the texts: the library's own findings. */
static int findings_add(isms_findings *list, isms_severity severity, const char *code,
                        const char *ref, const char *message)
{
    if (!list || !code || !*code || !message || !*message)
        return isms__error(ISMS_EINVAL,
                           "isms_findings_add: list, code and message must be given");
    if (severity != ISMS_SEVERITY_INFO && severity != ISMS_SEVERITY_WARNING &&
        severity != ISMS_SEVERITY_ERROR)
        return isms__error(ISMS_EINVAL, "isms_findings_add: unknown severity %d",
                           (int)severity);
    if (!isms__grow((void **)&list->items, &list->cap, list->count + 1, sizeof *list->items))
        return isms__error_nomem();
    isms_finding f = { severity, isms__strdup(code), isms__strdup(ref), isms__strdup(message) };
    if (!f.code || !f.ref || !f.message) {
        free_item(&f);
        return isms__error_nomem();
    }
    list->items[list->count++] = f;
    return ISMS_OK;
}

int isms_findings_add(isms_findings *list, isms_severity severity, const char *code,
                      const char *ref, const char *message)
{
    if (isms__text_check("code", code) || isms__text_check("ref", ref) ||
        isms__text_check("message", message))
        return ISMS_EINVAL;
    return findings_add(list, severity, code, ref, message);
}

int isms__findings_addf(isms_findings *list, isms_severity severity, const char *code,
                        const char *ref, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return isms__error(ISMS_EINVAL, "bad finding format");
    const char *msg = small;
    if ((size_t)n >= sizeof small) {
        char *big = isms__malloc((size_t)n + 1);
        if (!big)
            return isms__error_nomem();
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        isms__utf8_repair(big);
        int rc = findings_add(list, severity, code, ref, big);
        isms__free(big);
        return rc;
    }
    isms__utf8_repair(small);
    return findings_add(list, severity, code, ref, msg);
}

const char *isms_severity_label(isms_severity severity, isms_lang lang)
{
    static const char *const labels[3][2] = {
        { "information", "info" },
        { "varning", "warning" },
        { "fel", "error" },
    };
    if ((unsigned)severity > ISMS_SEVERITY_ERROR || (unsigned)lang > ISMS_LANG_EN)
        return NULL;
    return labels[severity][lang];
}

int isms_severity_parse(isms_severity *out, const char *text)
{
    static const isms__alias names[] = {
        { "information", ISMS_SEVERITY_INFO }, { "info", ISMS_SEVERITY_INFO },
        { "varning", ISMS_SEVERITY_WARNING }, { "warning", ISMS_SEVERITY_WARNING },
        { "fel", ISMS_SEVERITY_ERROR }, { "error", ISMS_SEVERITY_ERROR },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_severity_parse: NULL argument");
    if (isms__text_check("severity", text))
        return ISMS_EINVAL;
    int v;
    if (isms__alias_lookup(&v, names, sizeof names / sizeof *names, text)) {
        *out = (isms_severity)v;
        return ISMS_OK;
    }
    return isms__error(ISMS_EPARSE,
                       "unknown severity \"%.64s\": expected info, warning or error "
                       "(information, varning, fel)", text);
}
