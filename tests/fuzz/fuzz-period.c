/*
 * libFuzzer target: reading due dates (isms_period_parse) and the period operations.
 *
 * Every input that is UTF-8 must parse (unreadable text is UNPARSED, never an error); one
 * that is not must be refused with ISMS_EINVAL naming the first bad byte, its period
 * untouched, and the text before that byte is then read instead. Each period must hold
 * together: a kind in range; for dated kinds valid first and last days in order that are
 * exactly the period of that kind containing the first day, a span inside the text, and a
 * canonical form that reads back as the same period; for none and unparsed no dates and no
 * span. The ordering must be a consistent order, and two reference years must give the same
 * period whenever neither was used. Anything else aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-util.h"
#include "isms.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, const char *text)
{
    fprintf(stderr, "period: %s\n  text: \"%s\"\n", what, text);
    abort();
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

static bool empty_date(isms_date d)
{
    return d.year == 0 && d.month == 0 && d.day == 0;
}

static bool same_dates(const isms_period *a, const isms_period *b)
{
    return a->kind == b->kind && isms_date_compare(a->start, b->start) == 0 &&
           isms_date_compare(a->end, b->end) == 0;
}

static void check(const isms_period *p, const char *text, size_t len, int ref_year)
{
    if ((unsigned)p->kind > ISMS_PERIOD_YEAR)
        fail("kind out of range", text);
    if (!isms_period_kind_name(p->kind) || !isms_period_kind_label(p->kind, ISMS_LANG_SV) ||
        !isms_period_kind_label(p->kind, ISMS_LANG_EN))
        fail("kind without a name", text);
    if (isms_period_compare(p, p) != 0)
        fail("compare is not reflexive", text);
    char buf[16];
    if (isms_period_format(buf, sizeof buf, p) != ISMS_OK)
        fail("format fails", text);

    if (p->kind == ISMS_PERIOD_NONE || p->kind == ISMS_PERIOD_UNPARSED) {
        if (!empty_date(p->start) || !empty_date(p->end) || p->offset || p->length ||
            p->year_assumed || buf[0])
            fail("a period without dates has dates, a span or a form", text);
        if (isms_period_overdue(p, (isms_date){ 2024, 1, 1 }))
            fail("a period without dates is overdue", text);
        return;
    }

    if (!isms_date_valid(p->start) || !isms_date_valid(p->end))
        fail("invalid first or last day", text);
    if (isms_date_compare(p->start, p->end) > 0)
        fail("first day after the last", text);
    if (p->length == 0 || p->offset + p->length > len || p->offset + p->length < p->offset)
        fail("span outside the text", text);
    isms_period c;
    if (isms_period_containing(&c, p->kind, p->start) != ISMS_OK || !same_dates(&c, p))
        fail("dates are not the period of their kind", text);
    if (!isms_period_contains(p, p->start) || !isms_period_contains(p, p->end))
        fail("the period does not contain its own days", text);
    if (isms_period_overdue(p, p->end))
        fail("overdue on its last day", text);
    if (isms_date_diff(p->start, p->end) < 0)
        fail("negative length", text);

    /* The canonical form reads back as the same period, with its year written out. */
    isms_period back;
    if (isms_period_parse(&back, buf, ref_year) != ISMS_OK || !same_dates(&back, p) ||
        back.year_assumed || back.offset != 0 || back.length != strlen(buf))
        fail("the canonical form does not read back", text);

    isms_period next;
    if (isms_period_next(&next, p) == ISMS_OK) {
        if (next.kind != p->kind || isms_period_compare(p, &next) >= 0 ||
            isms_date_diff(p->end, next.start) != 1)
            fail("next period does not follow", text);
        if (!isms_period_overdue(p, next.start))
            fail("not overdue the day after its last day", text);
    } else if (p->end.year != 9999) {
        fail("no next period before 9999", text);
    }
}

/* Text that is not UTF-8 is refused with the first bad byte named, the period untouched;
 * `text` is then cut before that byte, which must make it UTF-8. */
static void cut_at_bad_byte(char *text)
{
    isms_period p, keep;
    memset(&keep, 0x5A, sizeof keep);
    p = keep;
    int rc = isms_period_parse(&p, text, 2024);
    if (rc == ISMS_OK)
        return;
    size_t at = fuzz_not_utf8_at(rc, "period", text);
    if (!at)
        fail("parse fails, but not for a byte that is not UTF-8", text);
    if (memcmp(&p, &keep, sizeof p) != 0)
        fail("a refused text changed the period", text);
    text[at - 1] = '\0';
    if (isms_period_parse(&p, text, 2024) != ISMS_OK)
        fail("the text before the first bad byte is refused", text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    if (!text)
        return 0;
    cut_at_bad_byte(text);
    size_t len = strlen(text); /* the period reads up to the first NUL */

    unsigned h = fuzz_hash(data, size);
    const int refs[2] = { 2024, 1900 + (int)(h % 8100u) };

    isms_period p[2];
    for (int k = 0; k < 2; k++) {
        if (isms_period_parse(&p[k], text, refs[k]) != ISMS_OK)
            fail("parse fails", text);
        check(&p[k], text, len, refs[k]);
    }
    if (!p[0].year_assumed && !p[1].year_assumed &&
        (!same_dates(&p[0], &p[1]) || p[0].offset != p[1].offset ||
         p[0].length != p[1].length))
        fail("the reference year changed a period that does not use it", text);
    if (p[0].kind != p[1].kind &&
        (p[0].kind <= ISMS_PERIOD_UNPARSED || p[1].kind <= ISMS_PERIOD_UNPARSED) &&
        (p[0].kind == ISMS_PERIOD_NONE || p[1].kind == ISMS_PERIOD_NONE))
        fail("blank for one reference year only", text);
    if (sign(isms_period_compare(&p[0], &p[1])) != -sign(isms_period_compare(&p[1], &p[0])))
        fail("compare is not antisymmetric", text);

    isms_period bad;
    if (isms_period_parse(&bad, text, 1899) != ISMS_EINVAL ||
        isms_period_parse(&bad, text, 10000) != ISMS_EINVAL)
        fail("a reference year out of range is accepted", text);
    free(text);
    return 0;
}
