/* Unit tests of dates and periods: reading due dates as people write them, and the period
 * operations (containing, next, compare, overdue, contains, format, labels). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "test-util.h"

/* A date from "YYYY-MM-DD" ("" for the empty date); fails the test on anything else. */
static isms_date D(const char *text)
{
    isms_date d = { 0, 0, 0 };
    if (*text && isms_date_parse(&d, text) != ISMS_OK) {
        print_error("bad date in the test: %s\n", text);
        fail();
    }
    return d;
}

static void assert_date(isms_date d, const char *expected, const char *context)
{
    char buf[16];
    assert_int_equal(isms_date_format(buf, sizeof buf, d), ISMS_OK);
    if (strcmp(buf, expected) != 0) {
        print_error("%s: date %s, expected %s\n", context, buf, expected);
        fail();
    }
}

/* ---- the table of phrasings ----------------------------------------------------------- */

enum { NONE = ISMS_PERIOD_NONE, UNP = ISMS_PERIOD_UNPARSED, DAY = ISMS_PERIOD_DAY,
       MON = ISMS_PERIOD_MONTH, QUA = ISMS_PERIOD_QUARTER, TER = ISMS_PERIOD_TERTIAL,
       HAL = ISMS_PERIOD_HALF, YEA = ISMS_PERIOD_YEAR };

typedef struct phrasing {
    const char *text;
    int ref;           /* reference year; 0 means 2024 (a leap year) */
    int kind;
    const char *start; /* "" for none */
    const char *end;
    bool assumed;      /* year_assumed */
    const char *span;  /* the part read (text + offset, length), or NULL: not checked */
} phrasing;

/* Every row is checked by hand against the rules in lib/base/period.c. */
static const phrasing phrasings[] = {
    /* The forms of the issue and the header. */
    { "2024-03-31", 0, DAY, "2024-03-31", "2024-03-31", false, "2024-03-31" },
    { "februari", 0, MON, "2024-02-01", "2024-02-29", true, "februari" },
    { "Feb 2024", 0, MON, "2024-02-01", "2024-02-29", false, "Feb 2024" },
    { "feb. 2023", 0, MON, "2023-02-01", "2023-02-28", false, "feb. 2023" },
    { "Q1 2024", 0, QUA, "2024-01-01", "2024-03-31", false, "Q1 2024" },
    { "kvartal 1", 0, QUA, "2024-01-01", "2024-03-31", true, "kvartal 1" },
    { "T2 2024", 0, TER, "2024-05-01", "2024-08-31", false, "T2 2024" },
    { "tertial 2", 0, TER, "2024-05-01", "2024-08-31", true, "tertial 2" },
    { "våren 2024", 0, HAL, "2024-01-01", "2024-06-30", false, "våren 2024" },
    { "hösten", 0, HAL, "2024-07-01", "2024-12-31", true, "hösten" },
    { "H2", 0, HAL, "2024-07-01", "2024-12-31", true, "H2" },
    { "2024", 0, YEA, "2024-01-01", "2024-12-31", false, "2024" },
    { "under 2024 med uppföljning i tertialrapporterna", 0, YEA, "2024-01-01", "2024-12-31",
      false, "2024" },
    { "Q2 eller Q3 2024", 0, QUA, "2024-04-01", "2024-06-30", false, "Q2" },
    { "mars, dvs. 2025", 0, MON, "2025-03-01", "2025-03-31", false, "mars" },
    /* Tied to an event, or unreadable: never an error. */
    { "inför nästa verksamhetsplan", 0, UNP, "", "", false, "" },
    { "efter upphandling", 0, UNP, "", "", false, "" },
    { "när budget finns", 0, UNP, "", "", false, "" },
    { "vid behov", 0, UNP, "", "", false, "" },
    { "snarast", 0, UNP, "", "", false, "" },
    { "ASAP", 0, UNP, "", "", false, "" },
    { "TBD", 0, UNP, "", "", false, "" },
    { "Löpande", 0, UNP, "", "", false, "" },
    { "kontinuerligt", 0, UNP, "", "", false, "" },
    { "innan sommaren", 0, UNP, "", "", false, "" },
    { "två veckor efter beslut", 0, UNP, "", "", false, "" },
    { "\xf0\x9f\x98\x80 \xc3\xa5\xc3\xa4\xc3\xb6", 0, UNP, "", "", false, "" }, /* 😀 åäö */
    /* Empty. */
    { "", 0, NONE, "", "", false, "" },
    { " \t\r\n\xc2\xa0 ", 0, NONE, "", "", false, "" },
    /* False positives that must not be read. */
    { "Q", 0, UNP, "", "", false, "" },
    { "2 veckor", 0, UNP, "", "", false, "" },
    { "3", 0, UNP, "", "", false, "" },
    { "tertialrapporterna", 0, UNP, "", "", false, "" },
    { "H2O", 0, UNP, "", "", false, "" },
    { "2h", 0, UNP, "", "", false, "" },
    { "1.5", 0, UNP, "", "", false, "" },
    { "24/7", 0, UNP, "", "", false, "" },
    { "5000 kr", 0, UNP, "", "", false, "" },
    { "under 2101", 0, UNP, "", "", false, "" },
    { "1899", 0, UNP, "", "", false, "" },
    { "202402", 0, UNP, "", "", false, "" },
    { "ISO/IEC 27001:2022", 0, UNP, "", "", false, "" },
    { "dnr 2024-1234", 0, UNP, "", "", false, "" },
    { "vår leverantör", 0, UNP, "", "", false, "" },
    { "i så fall", 0, UNP, "", "", false, "" },
    { "Jan Andersson tar fram rutin under 2024", 0, YEA, "2024-01-01", "2024-12-31", false,
      "2024" },
    /* Weeks and seasons that are no kind are consumed with their year. */
    { "vecka 12", 0, UNP, "", "", false, "" },
    { "v. 12 2024", 0, UNP, "", "", false, "" },
    { "v12-13 2024", 0, UNP, "", "", false, "" },
    { "2024 v. 12", 0, UNP, "", "", false, "" },
    { "sommaren 2024", 0, UNP, "", "", false, "" },
    { "efter sommaren 2024", 0, UNP, "", "", false, "" },
    { "till midsommar 2025", 0, UNP, "", "", false, "" },
    { "vecka 12 2024, annars Q2", 0, QUA, "2024-04-01", "2024-06-30", false, "Q2" },
    /* Impossible dates are not read at all. */
    { "2023-02-29", 0, UNP, "", "", false, "" },
    { "31 april 2024", 0, UNP, "", "", false, "" },
    { "29 februari", 2023, UNP, "", "", false, "" },
    { "29 februari", 0, DAY, "2024-02-29", "2024-02-29", true, "29 februari" },
    { "Q5 2024", 0, UNP, "", "", false, "" },
    { "Q99 2024", 0, UNP, "", "", false, "" },
    { "kvartal 99", 0, UNP, "", "", false, "" },
    { "3/31/2024", 0, UNP, "", "", false, "" }, /* never month/day */
    { "2020-talet", 0, UNP, "", "", false, "" },
    { "beslut 2023-456, klart i mars", 0, MON, "2024-03-01", "2024-03-31", true, "mars" },
    { "T4 2024", 0, UNP, "", "", false, "" },
    /* Days. */
    { "senast 2024-06-30", 0, DAY, "2024-06-30", "2024-06-30", false, "2024-06-30" },
    { "2024-2-5", 0, DAY, "2024-02-05", "2024-02-05", false, "2024-2-5" },
    { "2024-03-31T12:00", 0, DAY, "2024-03-31", "2024-03-31", false, "2024-03-31" },
    { "efter 2024-03-31/2024-04-30", 0, DAY, "2024-03-31", "2024-03-31", false,
      "2024-03-31" },
    { "2024\xe2\x80\x91" "03\xe2\x80\x91" "31", 0, DAY, "2024-03-31", "2024-03-31", false,
      NULL }, /* non-breaking hyphens */
    { "31 mars 2024", 0, DAY, "2024-03-31", "2024-03-31", false, "31 mars 2024" },
    { "den 1:a april", 0, DAY, "2024-04-01", "2024-04-01", true, "1:a april" },
    { "March 31, 2024", 0, DAY, "2024-03-31", "2024-03-31", false, "March 31, 2024" },
    { "March 31st, 2024", 0, DAY, "2024-03-31", "2024-03-31", false, "March 31st, 2024" },
    { "the 2nd of May, 2024", 0, DAY, "2024-05-02", "2024-05-02", false,
      "2nd of May, 2024" },
    { "15 jul", 0, DAY, "2024-07-15", "2024-07-15", true, "15 jul" },
    { "31/3 2024", 0, DAY, "2024-03-31", "2024-03-31", false, "31/3 2024" },
    { "tom 30/6-2024", 0, DAY, "2024-06-30", "2024-06-30", false, "30/6-2024" },
    { "31/3-24", 0, DAY, "2024-03-31", "2024-03-31", false, "31/3-24" },
    { "senast 31/12", 0, DAY, "2024-12-31", "2024-12-31", true, "31/12" },
    { "1/2 2025", 0, DAY, "2025-02-01", "2025-02-01", false, "1/2 2025" },
    { "kl 14:00 den 3 maj", 0, DAY, "2024-05-03", "2024-05-03", true, "3 maj" },
    { "Från 2024-01-01 till 2024-06-30", 0, DAY, "2024-01-01", "2024-01-01", false,
      "2024-01-01" },
    { "31.3.2024", 0, DAY, "2024-03-31", "2024-03-31", false, "31.3.2024" },
    { "31 december 2024, alternativt Q1 2025", 0, DAY, "2024-12-31", "2024-12-31", false,
      "31 december 2024" },
    /* Months. */
    { "2024-02", 0, MON, "2024-02-01", "2024-02-29", false, "2024-02" },
    { "2023-1", 0, MON, "2023-01-01", "2023-01-31", false, "2023-1" },
    { "SEPT 2024", 0, MON, "2024-09-01", "2024-09-30", false, "SEPT 2024" },
    { "december", 1999, MON, "1999-12-01", "1999-12-31", true, "december" },
    { "May 2024", 0, MON, "2024-05-01", "2024-05-31", false, "May 2024" },
    { "may be done", 0, UNP, "", "", false, "" },
    { "maj 2 veckor", 0, MON, "2024-05-01", "2024-05-31", true, "maj" },
    { "mar-24", 0, MON, "2024-03-01", "2024-03-31", false, "mar-24" },
    { "jul-24", 0, MON, "2024-07-01", "2024-07-31", false, "jul-24" },
    { "jul 2024", 0, UNP, "", "", false, "" }, /* July or Christmas? */
    { "före jul", 0, UNP, "", "", false, "" },
    { "jan 2024", 0, MON, "2024-01-01", "2024-01-31", false, "jan 2024" },
    /* Quarters. */
    { "1:a kvartalet", 0, QUA, "2024-01-01", "2024-03-31", true, "1:a kvartalet" },
    { "första kvartalet 2025", 0, QUA, "2025-01-01", "2025-03-31", false,
      "första kvartalet 2025" },
    { "fjärde kvartalet", 0, QUA, "2024-10-01", "2024-12-31", true, "fjärde kvartalet" },
    { "sista kvartalet", 0, QUA, "2024-10-01", "2024-12-31", true, "sista kvartalet" },
    { "first quarter of 2024", 0, QUA, "2024-01-01", "2024-03-31", false,
      "first quarter of 2024" },
    { "Q1-2024", 0, QUA, "2024-01-01", "2024-03-31", false, "Q1-2024" },
    { "2024Q1", 0, QUA, "2024-01-01", "2024-03-31", false, "2024Q1" },
    { "2024-Q4", 0, QUA, "2024-10-01", "2024-12-31", false, "2024-Q4" },
    { "2024 Q1", 0, QUA, "2024-01-01", "2024-03-31", false, "2024 Q1" },
    { "2024 års första kvartal", 0, QUA, "2024-01-01", "2024-03-31", false,
      "2024 års första kvartal" },
    { "Q3/Q4 2025", 0, QUA, "2025-07-01", "2025-09-30", false, "Q3" },
    { "Q1\xe2\x80\x99" "24", 0, QUA, "2024-01-01", "2024-03-31", false, NULL },
    { "Kv. 3", 0, QUA, "2024-07-01", "2024-09-30", true, "Kv. 3" },
    { "kv3 2024", 0, QUA, "2024-07-01", "2024-09-30", false, "kv3 2024" },
    { "Q1", 9999, QUA, "9999-01-01", "9999-03-31", true, "Q1" },
    { "by end of Q3", 0, QUA, "2024-07-01", "2024-09-30", true, "end of Q3" },
    { "beginning of Q2", 0, QUA, "2024-04-01", "2024-06-30", true, "beginning of Q2" },
    { "i början av 2025", 0, QUA, "2025-01-01", "2025-03-31", false, "början av 2025" },
    { "start of 2026", 0, QUA, "2026-01-01", "2026-03-31", false, "start of 2026" },
    { "early 2025", 0, QUA, "2025-01-01", "2025-03-31", false, "early 2025" },
    { "början av året", 2023, QUA, "2023-01-01", "2023-03-31", true, "början av året" },
    { "kvartal 2024", 0, YEA, "2024-01-01", "2024-12-31", false, "2024" },
    /* Tertials. */
    { "andra tertialet", 0, TER, "2024-05-01", "2024-08-31", true, "andra tertialet" },
    { "3:e tertialet 2023", 0, TER, "2023-09-01", "2023-12-31", false,
      "3:e tertialet 2023" },
    { "sista tertialet 2023", 0, TER, "2023-09-01", "2023-12-31", false,
      "sista tertialet 2023" },
    { "T3", 0, TER, "2024-09-01", "2024-12-31", true, "T3" },
    { "2025 T1", 0, TER, "2025-01-01", "2025-04-30", false, "2025 T1" },
    /* Half years. */
    { "second half of 2024", 0, HAL, "2024-07-01", "2024-12-31", false,
      "second half of 2024" },
    { "1H 2024", 0, HAL, "2024-01-01", "2024-06-30", false, "1H 2024" },
    { "1H", 0, UNP, "", "", false, "" },
    { "halvår 1", 0, HAL, "2024-01-01", "2024-06-30", true, "halvår 1" },
    { "första halvåret", 0, HAL, "2024-01-01", "2024-06-30", true, "första halvåret" },
    { "vt 2024", 0, HAL, "2024-01-01", "2024-06-30", false, "vt 2024" },
    { "VT24", 0, HAL, "2024-01-01", "2024-06-30", false, "VT24" },
    { "HT-25", 0, HAL, "2025-07-01", "2025-12-31", false, "HT-25" },
    { "ht2024", 0, HAL, "2024-07-01", "2024-12-31", false, "ht2024" },
    { "spring 2024", 0, HAL, "2024-01-01", "2024-06-30", false, "spring 2024" },
    { "autumn", 0, HAL, "2024-07-01", "2024-12-31", true, "autumn" },
    { "fall 2024", 0, HAL, "2024-07-01", "2024-12-31", false, "fall 2024" },
    { "vår 2024", 0, HAL, "2024-01-01", "2024-06-30", false, "vår 2024" },
    { "HÖSTEN", 0, HAL, "2024-07-01", "2024-12-31", true, "HÖSTEN" },
    { "ho\xcc\x88sten 2024", 0, HAL, "2024-07-01", "2024-12-31", false, NULL }, /* NFD */
    { "Klart till hösten, dvs. VT 2025", 0, HAL, "2025-07-01", "2025-12-31", false,
      "hösten" },
    /* Years. */
    { "slutet av 2024", 0, YEA, "2024-01-01", "2024-12-31", false, "slutet av 2024" },
    { "end of 2024", 0, YEA, "2024-01-01", "2024-12-31", false, "end of 2024" },
    { "utgången av 2025", 0, YEA, "2025-01-01", "2025-12-31", false, "utgången av 2025" },
    { "2023–2024", 0, YEA, "2023-01-01", "2023-12-31", false, NULL },
    { "2024/25", 0, YEA, "2024-01-01", "2024-12-31", false, "2024/25" },
    { "årsskiftet", 0, YEA, "2024-01-01", "2024-12-31", true, "årsskiftet" },
    { "vid årsskiftet 2024/2025", 0, YEA, "2024-01-01", "2024-12-31", false,
      "årsskiftet 2024/2025" },
    { "the year-end 2025", 0, YEA, "2025-01-01", "2025-12-31", false, "year-end 2025" },
    { "nästa år", 0, YEA, "2025-01-01", "2025-12-31", true, "nästa år" },
    { "nästa år", 9999, UNP, "", "", false, "" },
    { "i år", 0, YEA, "2024-01-01", "2024-12-31", true, "i år" },
    { "under året", 2023, YEA, "2023-01-01", "2023-12-31", true, "under året" },
    { "slutet av året", 0, YEA, "2024-01-01", "2024-12-31", true, "slutet av året" },
    { "end of the year", 0, YEA, "2024-01-01", "2024-12-31", true, "end of the year" },
    { "9999", 0, YEA, "9999-01-01", "9999-12-31", false, "9999" },
    { "  2101 ", 0, YEA, "2101-01-01", "2101-12-31", false, "2101" },
    /* Modifiers that change nothing. */
    { "i början av mars", 0, MON, "2024-03-01", "2024-03-31", true, "början av mars" },
};

static void test_phrasings(void **state)
{
    (void)state;
    size_t n = sizeof phrasings / sizeof *phrasings;
    assert_true(n >= 60);
    for (size_t i = 0; i < n; i++) {
        const phrasing *t = &phrasings[i];
        /* Distinct: no row repeats the text and reference year of another. */
        for (size_t j = 0; j < i; j++)
            assert_false(strcmp(phrasings[j].text, t->text) == 0 && phrasings[j].ref == t->ref);
        isms_period p;
        int ref = t->ref ? t->ref : 2024;
        assert_int_equal(isms_period_parse(&p, t->text, ref), ISMS_OK);
        if ((int)p.kind != t->kind || p.year_assumed != t->assumed) {
            print_error("\"%s\": kind %s (assumed %d), expected %s (assumed %d)\n", t->text,
                        isms_period_kind_name(p.kind), p.year_assumed,
                        isms_period_kind_name((isms_period_kind)t->kind), t->assumed);
            fail();
        }
        assert_date(p.start, t->start, t->text);
        assert_date(p.end, t->end, t->text);
        assert_true(p.offset + p.length <= strlen(t->text));
        if (t->span && (p.length != strlen(t->span) ||
                        memcmp(t->text + p.offset, t->span, p.length) != 0)) {
            print_error("\"%s\": read \"%.*s\", expected \"%s\"\n", t->text, (int)p.length,
                        t->text + p.offset, t->span);
            fail();
        }
    }
}

static void test_parse_arguments(void **state)
{
    (void)state;
    isms_period p, keep;
    memset(&keep, 0x5A, sizeof keep);
    p = keep;
    assert_int_equal(isms_period_parse(NULL, "Q1 2024", 2024), ISMS_EINVAL);
    assert_int_equal(isms_period_parse(&p, "Q1 2024", 1899), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "1899");
    assert_int_equal(isms_period_parse(&p, "Q1 2024", 10000), ISMS_EINVAL);
    assert_int_equal(isms_period_parse(&p, "Q1 2024", 0), ISMS_EINVAL);
    /* Text that is not UTF-8 is refused, not read as unparsed (it was a row of the table
     * above before 0.1.0 refused such text where it comes in). */
    assert_int_equal(isms_period_parse(&p, "\xff\xfe", 2024), ISMS_EINVAL);
    assert_error(ISMS_EINVAL, "period: not UTF-8 at byte 1 (0xFF)");
    assert_int_equal(isms_period_parse(&p, "Q1 2024\xc3", 2024), ISMS_EINVAL); /* cut short */
    assert_error(ISMS_EINVAL, "period: not UTF-8 at byte 8 (0xC3)");
    assert_memory_equal(&p, &keep, sizeof p); /* untouched on failure */
    assert_int_equal(isms_period_parse(&p, NULL, 2024), ISMS_OK);
    assert_int_equal(p.kind, ISMS_PERIOD_NONE);
    assert_int_equal(isms_period_parse(&p, "Q1", 1900), ISMS_OK);
    assert_date(p.start, "1900-01-01", "Q1 1900");
    assert_int_equal(isms_period_parse(&p, "Q4", 9999), ISMS_OK);
    assert_date(p.end, "9999-12-31", "Q4 9999");
}

/* Text of any length is read without allocation: a period after a long run of other words,
 * and a year far from the period it belongs to. */
static void test_parse_long_text(void **state)
{
    (void)state;
    size_t words = 20000;
    const char *filler = "uppföljning ";
    size_t flen = strlen(filler);
    char *text = malloc(words * flen + 64);
    assert_non_null(text);
    char *p = text;
    for (size_t i = 0; i < words; i++, p += flen)
        memcpy(p, filler, flen);
    strcpy(p, "Q3 2023");
    isms_period per;
    isms__alloc_fail_at(1); /* any allocation would fail */
    assert_int_equal(isms_period_parse(&per, text, 2024), ISMS_OK);
    assert_false(isms__alloc_failed());
    isms__alloc_fail_at(0);
    assert_int_equal(per.kind, ISMS_PERIOD_QUARTER);
    assert_date(per.start, "2023-07-01", "long text");
    assert_int_equal(per.offset, words * flen);
    assert_int_equal(per.length, 7);

    /* "mars" first, its year 20000 words later. */
    memcpy(text, "mars  ", 6); /* all of "uppfö": half an "ö" would not be UTF-8 */
    strcpy(p, "2026");
    assert_int_equal(isms_period_parse(&per, text, 2024), ISMS_OK);
    assert_int_equal(per.kind, ISMS_PERIOD_MONTH);
    assert_false(per.year_assumed);
    assert_date(per.start, "2026-03-01", "long text");

    /* Many impossible dates, then a quarter: each is consumed, the quarter read. */
    p = text;
    for (size_t i = 0; i < 5000; i++, p += 9)
        memcpy(p, "31 april ", 9);
    strcpy(p, "Q2");
    assert_int_equal(isms_period_parse(&per, text, 2024), ISMS_OK);
    assert_int_equal(per.kind, ISMS_PERIOD_QUARTER);
    assert_true(per.year_assumed);
    assert_date(per.start, "2024-04-01", "after many impossible dates");

    /* A long chain of numbers is one thing, read as nothing. */
    p = text;
    for (size_t i = 0; i < 5000; i++, p += 2)
        memcpy(p, "1-", 2);
    strcpy(p, "2024");
    assert_int_equal(isms_period_parse(&per, text, 2024), ISMS_OK);
    assert_int_equal(per.kind, ISMS_PERIOD_UNPARSED);
    free(text);
}

/* ---- dates ---------------------------------------------------------------------------- */

static void test_date_valid(void **state)
{
    (void)state;
    assert_true(isms_date_valid((isms_date){ 2024, 2, 29 }));
    assert_false(isms_date_valid((isms_date){ 2023, 2, 29 }));
    assert_false(isms_date_valid((isms_date){ 1900, 2, 29 })); /* divisible by 100 */
    assert_true(isms_date_valid((isms_date){ 2000, 2, 29 }));  /* divisible by 400 */
    assert_false(isms_date_valid((isms_date){ 2100, 2, 29 }));
    assert_true(isms_date_valid((isms_date){ 1900, 1, 1 }));
    assert_false(isms_date_valid((isms_date){ 1899, 12, 31 }));
    assert_true(isms_date_valid((isms_date){ 9999, 12, 31 }));
    assert_false(isms_date_valid((isms_date){ 10000, 1, 1 }));
    assert_false(isms_date_valid((isms_date){ 2024, 0, 1 }));
    assert_false(isms_date_valid((isms_date){ 2024, 13, 1 }));
    assert_false(isms_date_valid((isms_date){ 2024, 4, 31 }));
    assert_false(isms_date_valid((isms_date){ 2024, 1, 0 }));
    assert_false(isms_date_valid((isms_date){ 2024, 1, 32 }));
    assert_false(isms_date_valid((isms_date){ 0, 0, 0 }));
}

static void test_date_compare(void **state)
{
    (void)state;
    isms_date empty = { 0, 0, 0 };
    assert_int_equal(isms_date_compare(D("2024-03-31"), D("2024-03-31")), 0);
    assert_true(isms_date_compare(D("2024-03-30"), D("2024-03-31")) < 0);
    assert_true(isms_date_compare(D("2024-04-01"), D("2024-03-31")) > 0);
    assert_true(isms_date_compare(D("2023-12-31"), D("2024-01-01")) < 0);
    assert_true(isms_date_compare(D("9999-12-31"), empty) < 0); /* empty last */
    assert_true(isms_date_compare(empty, D("1900-01-01")) > 0);
    assert_int_equal(isms_date_compare(empty, empty), 0);
}

static void test_date_parse(void **state)
{
    (void)state;
    isms_date d;
    assert_int_equal(isms_date_parse(&d, "2024-03-31"), ISMS_OK);
    assert_int_equal(d.year, 2024);
    assert_int_equal(d.month, 3);
    assert_int_equal(d.day, 31);
    assert_int_equal(isms_date_parse(&d, " \t2024-02-29\n"), ISMS_OK);
    assert_int_equal(d.day, 29);
    assert_int_equal(isms_date_parse(&d, "1900-01-01"), ISMS_OK);
    assert_int_equal(isms_date_parse(&d, "9999-12-31"), ISMS_OK);

    isms_date keep = { 1, 2, 3 };
    d = keep;
    assert_int_equal(isms_date_parse(&d, "2023-02-29"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "2023-02-29: February 2023 has 28 days");
    assert_int_equal(isms_date_parse(&d, "1900-02-29"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "1900-02-29: February 1900 has 28 days");
    assert_int_equal(isms_date_parse(&d, "2024-04-31"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "2024-04-31: April 2024 has 30 days");
    assert_int_equal(isms_date_parse(&d, "2024-13-01"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "2024-13-01: there is no month 13");
    assert_int_equal(isms_date_parse(&d, "2024-00-10"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "there is no month 0");
    assert_int_equal(isms_date_parse(&d, "2024-01-00"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "2024-01-00: there is no day 0");
    assert_int_equal(isms_date_parse(&d, "1899-12-31"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "1899-12-31: the year must be 1900–9999");
    assert_int_equal(isms_date_parse(&d, "2024-3-31"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "2024-3-31: expected a date YYYY-MM-DD");
    assert_int_equal(isms_date_parse(&d, "31 mars 2024"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "expected a date YYYY-MM-DD");
    assert_int_equal(isms_date_parse(&d, "2024-03-31x"), ISMS_EPARSE);
    assert_int_equal(isms_date_parse(&d, "2024/03/31"), ISMS_EPARSE);
    assert_int_equal(isms_date_parse(&d, "+2024-03-31"), ISMS_EPARSE);
    assert_int_equal(isms_date_parse(&d, "  "), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "empty");
    /* Long text is quoted in part only, cut at a character boundary. */
    assert_int_equal(isms_date_parse(&d, "åååååååååååååååååååååååååååååååååååå"), ISMS_EPARSE);
    assert_error(ISMS_EPARSE, "ååå…: expected");
    assert_true(isms__utf8_valid(isms_error_last()->message,
                                 strlen(isms_error_last()->message)));
    assert_memory_equal(&d, &keep, sizeof d);
    assert_int_equal(isms_date_parse(NULL, "2024-03-31"), ISMS_EINVAL);
    assert_int_equal(isms_date_parse(&d, NULL), ISMS_EINVAL);
}

static void test_date_format(void **state)
{
    (void)state;
    char buf[16];
    assert_int_equal(isms_date_format(buf, sizeof buf, D("2024-03-05")), ISMS_OK);
    assert_string_equal(buf, "2024-03-05");
    assert_int_equal(isms_date_format(buf, 11, D("1900-01-01")), ISMS_OK);
    assert_string_equal(buf, "1900-01-01");
    strcpy(buf, "untouched");
    assert_int_equal(isms_date_format(buf, 10, D("2024-03-05")), ISMS_EINVAL);
    assert_string_equal(buf, "untouched");
    assert_int_equal(isms_date_format(buf, sizeof buf, (isms_date){ 0, 0, 0 }), ISMS_OK);
    assert_string_equal(buf, "");
    assert_int_equal(isms_date_format(buf, 1, (isms_date){ 0, 0, 0 }), ISMS_OK);
    assert_int_equal(isms_date_format(buf, 0, (isms_date){ 0, 0, 0 }), ISMS_EINVAL);
    assert_int_equal(isms_date_format(buf, sizeof buf, (isms_date){ 2023, 2, 29 }),
                     ISMS_EINVAL);
    assert_int_equal(isms_date_format(buf, sizeof buf, (isms_date){ 2024, 0, 0 }),
                     ISMS_EINVAL);
    assert_int_equal(isms_date_format(NULL, 16, D("2024-03-05")), ISMS_EINVAL);
}

static void test_date_diff(void **state)
{
    (void)state;
    assert_int_equal(isms_date_diff(D("2024-03-31"), D("2024-03-31")), 0);
    assert_int_equal(isms_date_diff(D("2024-03-31"), D("2024-04-01")), 1);
    assert_int_equal(isms_date_diff(D("2024-04-01"), D("2024-03-31")), -1);
    assert_int_equal(isms_date_diff(D("2024-02-28"), D("2024-03-01")), 2); /* leap day */
    assert_int_equal(isms_date_diff(D("2023-02-28"), D("2023-03-01")), 1);
    assert_int_equal(isms_date_diff(D("2024-01-01"), D("2025-01-01")), 366);
    assert_int_equal(isms_date_diff(D("2023-01-01"), D("2024-01-01")), 365);
    assert_int_equal(isms_date_diff(D("1900-01-01"), D("2000-01-01")), 36524);
    assert_int_equal(isms_date_diff(D("2000-01-01"), D("2100-01-01")), 36525);
    assert_int_equal(isms_date_diff(D("1970-01-01"), D("2000-03-01")), 11017);
    assert_int_equal(isms_date_diff(D("1900-01-01"), D("9999-12-31")), 2958463L);
    assert_int_equal(isms_date_diff(D("9999-12-31"), D("1900-01-01")), -2958463L);
    assert_int_equal(isms_date_diff((isms_date){ 2023, 2, 29 }, D("2024-01-01")), 0);
}

/* ---- period operations ---------------------------------------------------------------- */

static isms_period P(const char *text)
{
    isms_period p;
    if (isms_period_parse(&p, text, 2024) != ISMS_OK)
        fail();
    return p;
}

static void assert_period(const isms_period *p, int kind, const char *start, const char *end)
{
    assert_int_equal(p->kind, kind);
    assert_date(p->start, start, "period");
    assert_date(p->end, end, "period");
}

static void test_containing(void **state)
{
    (void)state;
    isms_period p;
    isms_date d = D("2024-05-02");
    assert_int_equal(isms_period_containing(&p, ISMS_PERIOD_DAY, d), ISMS_OK);
    assert_period(&p, DAY, "2024-05-02", "2024-05-02");
    assert_false(p.year_assumed);
    assert_int_equal(p.length, 0);
    assert_int_equal(isms_period_containing(&p, ISMS_PERIOD_MONTH, d), ISMS_OK);
    assert_period(&p, MON, "2024-05-01", "2024-05-31");
    assert_int_equal(isms_period_containing(&p, ISMS_PERIOD_QUARTER, d), ISMS_OK);
    assert_period(&p, QUA, "2024-04-01", "2024-06-30");
    assert_int_equal(isms_period_containing(&p, ISMS_PERIOD_TERTIAL, d), ISMS_OK);
    assert_period(&p, TER, "2024-05-01", "2024-08-31");
    assert_int_equal(isms_period_containing(&p, ISMS_PERIOD_HALF, d), ISMS_OK);
    assert_period(&p, HAL, "2024-01-01", "2024-06-30");
    assert_int_equal(isms_period_containing(&p, ISMS_PERIOD_YEAR, d), ISMS_OK);
    assert_period(&p, YEA, "2024-01-01", "2024-12-31");
    /* Edges of each kind. */
    assert_int_equal(isms_period_containing(&p, ISMS_PERIOD_TERTIAL, D("2024-04-30")), ISMS_OK);
    assert_period(&p, TER, "2024-01-01", "2024-04-30");
    assert_int_equal(isms_period_containing(&p, ISMS_PERIOD_TERTIAL, D("2024-09-01")), ISMS_OK);
    assert_period(&p, TER, "2024-09-01", "2024-12-31");
    assert_int_equal(isms_period_containing(&p, ISMS_PERIOD_HALF, D("2024-07-01")), ISMS_OK);
    assert_period(&p, HAL, "2024-07-01", "2024-12-31");
    assert_int_equal(isms_period_containing(&p, ISMS_PERIOD_QUARTER, D("2023-03-31")), ISMS_OK);
    assert_period(&p, QUA, "2023-01-01", "2023-03-31");
    assert_int_equal(isms_period_containing(&p, ISMS_PERIOD_MONTH, D("2023-02-01")), ISMS_OK);
    assert_period(&p, MON, "2023-02-01", "2023-02-28");

    isms_period keep = p;
    assert_int_equal(isms_period_containing(&p, ISMS_PERIOD_NONE, d), ISMS_EINVAL);
    assert_int_equal(isms_period_containing(&p, ISMS_PERIOD_UNPARSED, d), ISMS_EINVAL);
    assert_int_equal(isms_period_containing(&p, (isms_period_kind)8, d), ISMS_EINVAL);
    assert_int_equal(isms_period_containing(&p, ISMS_PERIOD_MONTH, (isms_date){ 2023, 2, 29 }),
                     ISMS_EINVAL);
    assert_int_equal(isms_period_containing(&p, ISMS_PERIOD_MONTH, (isms_date){ 0, 0, 0 }),
                     ISMS_EINVAL);
    assert_memory_equal(&p, &keep, sizeof p);
    assert_int_equal(isms_period_containing(NULL, ISMS_PERIOD_MONTH, d), ISMS_EINVAL);
}

static void check_next(const char *text, int kind, const char *start, const char *end)
{
    isms_period p = P(text), n;
    assert_int_equal(isms_period_next(&n, &p), ISMS_OK);
    assert_period(&n, kind, start, end);
}

static void test_next(void **state)
{
    (void)state;
    check_next("Q1 2024", QUA, "2024-04-01", "2024-06-30");
    check_next("Q4 2024", QUA, "2025-01-01", "2025-03-31");
    check_next("T2 2024", TER, "2024-09-01", "2024-12-31");
    check_next("T3 2024", TER, "2025-01-01", "2025-04-30");
    check_next("H1 2024", HAL, "2024-07-01", "2024-12-31");
    check_next("H2 2024", HAL, "2025-01-01", "2025-06-30");
    check_next("januari 2024", MON, "2024-02-01", "2024-02-29");
    check_next("januari 2023", MON, "2023-02-01", "2023-02-28");
    check_next("december 2024", MON, "2025-01-01", "2025-01-31");
    check_next("2024", YEA, "2025-01-01", "2025-12-31");
    check_next("2024-03-31", DAY, "2024-04-01", "2024-04-01");
    check_next("2024-12-31", DAY, "2025-01-01", "2025-01-01");
    check_next("2024-02-28", DAY, "2024-02-29", "2024-02-29");
    check_next("2024-02-29", DAY, "2024-03-01", "2024-03-01");
    check_next("2023-02-28", DAY, "2023-03-01", "2023-03-01");
    check_next("1900-02-28", DAY, "1900-03-01", "1900-03-01");
    check_next("Q3 9999", QUA, "9999-10-01", "9999-12-31");

    isms_period p = P("Q4 9999"), n, keep;
    memset(&keep, 0x5A, sizeof keep);
    n = keep;
    assert_int_equal(isms_period_next(&n, &p), ISMS_EINVAL);
    p = P("9999");
    assert_int_equal(isms_period_next(&n, &p), ISMS_EINVAL);
    p = P("9999-12-31");
    assert_int_equal(isms_period_next(&n, &p), ISMS_EINVAL);
    p = P("ASAP");
    assert_int_equal(isms_period_next(&n, &p), ISMS_EINVAL);
    p = P("");
    assert_int_equal(isms_period_next(&n, &p), ISMS_EINVAL);
    assert_memory_equal(&n, &keep, sizeof n);
    assert_int_equal(isms_period_next(NULL, &p), ISMS_EINVAL);
    assert_int_equal(isms_period_next(&n, NULL), ISMS_EINVAL);
}

static int by_period(const void *a, const void *b)
{
    return isms_period_compare(a, b);
}

static void test_compare_and_sort(void **state)
{
    (void)state;
    const char *texts[] = { "", "ASAP", "2024", "Q1 2024", "2024-03-31", "mars 2024",
                            "T1 2024", "H1 2024", "2023", "2024-01-15", "", "vid behov" };
    const char *sorted[] = { "2023", "2024-01-15", "Q1 2024", "mars 2024", "2024-03-31",
                             "T1 2024", "H1 2024", "2024" };
    enum { N = sizeof texts / sizeof *texts };
    isms_period ps[N];
    for (size_t i = 0; i < N; i++)
        ps[i] = P(texts[i]);
    qsort(ps, N, sizeof *ps, by_period);
    for (size_t i = 0; i < sizeof sorted / sizeof *sorted; i++) {
        isms_period want = P(sorted[i]);
        if (isms_period_compare(&ps[i], &want) != 0) {
            print_error("position %zu is not %s\n", i, sorted[i]);
            fail();
        }
    }
    /* Unparsed after the dated ones, none last. */
    assert_int_equal(ps[8].kind, ISMS_PERIOD_UNPARSED);
    assert_int_equal(ps[9].kind, ISMS_PERIOD_UNPARSED);
    assert_int_equal(ps[10].kind, ISMS_PERIOD_NONE);
    assert_int_equal(ps[11].kind, ISMS_PERIOD_NONE);
    for (size_t i = 0; i < N; i++)
        for (size_t j = 0; j < N; j++) {
            int c = isms_period_compare(&ps[i], &ps[j]);
            assert_true(i < j ? c <= 0 : i > j ? c >= 0 : c == 0);
            assert_int_equal(c, -isms_period_compare(&ps[j], &ps[i]));
        }

    /* Same days, different kinds: by kind. Unreadable text ranks equal to any other. */
    isms_period a = P("Q1 2024"), b = a;
    b.kind = ISMS_PERIOD_TERTIAL;
    assert_true(isms_period_compare(&a, &b) < 0);
    isms_period u1 = P("ASAP"), u2 = P("löpande");
    assert_int_equal(isms_period_compare(&u1, &u2), 0);
    /* NULL sorts after everything. */
    isms_period none = P("");
    assert_true(isms_period_compare(&none, NULL) < 0);
    assert_true(isms_period_compare(NULL, &a) > 0);
    assert_int_equal(isms_period_compare(NULL, NULL), 0);
}

static void test_overdue_and_contains(void **state)
{
    (void)state;
    isms_period q = P("Q1 2024");
    assert_false(isms_period_overdue(&q, D("2024-01-01")));
    assert_false(isms_period_overdue(&q, D("2024-03-31"))); /* the last day itself */
    assert_true(isms_period_overdue(&q, D("2024-04-01")));  /* the day after */
    assert_false(isms_period_overdue(&q, D("2023-12-31")));
    assert_true(isms_period_contains(&q, D("2024-01-01")));
    assert_true(isms_period_contains(&q, D("2024-03-31")));
    assert_false(isms_period_contains(&q, D("2023-12-31")));
    assert_false(isms_period_contains(&q, D("2024-04-01")));

    isms_period day = P("29 februari");
    assert_false(isms_period_overdue(&day, D("2024-02-29")));
    assert_true(isms_period_overdue(&day, D("2024-03-01")));
    assert_true(isms_period_contains(&day, D("2024-02-29")));
    assert_false(isms_period_contains(&day, D("2024-02-28")));

    isms_period year = P("2024");
    assert_false(isms_period_overdue(&year, D("2024-12-31")));
    assert_true(isms_period_overdue(&year, D("2025-01-01")));

    isms_period unparsed = P("inför nästa verksamhetsplan"), none = P("");
    assert_false(isms_period_overdue(&unparsed, D("9999-12-31")));
    assert_false(isms_period_overdue(&none, D("9999-12-31")));
    assert_false(isms_period_contains(&unparsed, D("2024-01-01")));
    assert_false(isms_period_contains(&none, D("2024-01-01")));
    /* No reference date, or an impossible one: nothing is overdue. */
    assert_false(isms_period_overdue(&q, (isms_date){ 0, 0, 0 }));
    assert_false(isms_period_overdue(&q, (isms_date){ 2024, 13, 1 }));
    assert_false(isms_period_contains(&q, (isms_date){ 2024, 2, 30 }));
    assert_false(isms_period_overdue(NULL, D("2024-04-01")));
    assert_false(isms_period_contains(NULL, D("2024-01-01")));
}

static void check_format(const char *text, const char *expected)
{
    isms_period p = P(text);
    char buf[16];
    assert_int_equal(isms_period_format(buf, sizeof buf, &p), ISMS_OK);
    assert_string_equal(buf, expected);
    if (!*buf)
        return;
    /* The canonical form reads back as the same period, with its year written out. */
    isms_period back = P(buf);
    assert_int_equal(isms_period_compare(&back, &p), 0);
    assert_int_equal(back.kind, p.kind);
    assert_false(back.year_assumed);
}

static void test_format(void **state)
{
    (void)state;
    check_format("31 mars 2024", "2024-03-31");
    check_format("feb. 2024", "2024-02");
    check_format("första kvartalet 2024", "Q1 2024");
    check_format("andra tertialet 2024", "T2 2024");
    check_format("våren 2024", "H1 2024");
    check_format("hösten 2025", "H2 2025");
    check_format("under 2024", "2024");
    check_format("Q4", "Q4 2024");
    check_format("ASAP", "");
    check_format("", "");

    isms_period p = P("Q1 2024");
    char buf[16];
    strcpy(buf, "untouched");
    assert_int_equal(isms_period_format(buf, 7, &p), ISMS_EINVAL); /* "Q1 2024" needs 8 */
    assert_string_equal(buf, "untouched");
    assert_int_equal(isms_period_format(buf, 8, &p), ISMS_OK);
    assert_string_equal(buf, "Q1 2024");
    p = P("2024-03-31");
    assert_int_equal(isms_period_format(buf, 10, &p), ISMS_EINVAL);
    assert_int_equal(isms_period_format(buf, 11, &p), ISMS_OK);
    p = P("");
    assert_int_equal(isms_period_format(buf, 0, &p), ISMS_EINVAL);
    assert_int_equal(isms_period_format(buf, 1, &p), ISMS_OK);
    assert_string_equal(buf, "");
    p.kind = ISMS_PERIOD_QUARTER; /* dated kind without dates */
    assert_int_equal(isms_period_format(buf, sizeof buf, &p), ISMS_EINVAL);
    p.kind = (isms_period_kind)42;
    assert_int_equal(isms_period_format(buf, sizeof buf, &p), ISMS_EINVAL);
    assert_int_equal(isms_period_format(NULL, 16, &p), ISMS_EINVAL);
    assert_int_equal(isms_period_format(buf, sizeof buf, NULL), ISMS_EINVAL);
}

static void test_kind_labels(void **state)
{
    (void)state;
    static const char *const sv[] = { "ingen", "ej tolkad", "dag", "månad", "kvartal",
                                      "tertial", "halvår", "år" };
    static const char *const en[] = { "none", "unparsed", "day", "month", "quarter",
                                      "tertial", "half year", "year" };
    static const char *const names[] = { "none", "unparsed", "day", "month", "quarter",
                                         "tertial", "half", "year" };
    for (int k = ISMS_PERIOD_NONE; k <= ISMS_PERIOD_YEAR; k++) {
        assert_string_equal(isms_period_kind_label((isms_period_kind)k, ISMS_LANG_SV), sv[k]);
        assert_string_equal(isms_period_kind_label((isms_period_kind)k, ISMS_LANG_EN), en[k]);
        assert_string_equal(isms_period_kind_name((isms_period_kind)k), names[k]);
    }
    assert_non_null(isms_period_kind_label((isms_period_kind)8, ISMS_LANG_SV));
    assert_non_null(isms_period_kind_label((isms_period_kind)-1, ISMS_LANG_EN));
    assert_non_null(isms_period_kind_label(ISMS_PERIOD_DAY, (isms_lang)7));
    assert_non_null(isms_period_kind_name((isms_period_kind)8));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phrasings),
        cmocka_unit_test(test_parse_arguments),
        cmocka_unit_test(test_parse_long_text),
        cmocka_unit_test(test_date_valid),
        cmocka_unit_test(test_date_compare),
        cmocka_unit_test(test_date_parse),
        cmocka_unit_test(test_date_format),
        cmocka_unit_test(test_date_diff),
        cmocka_unit_test(test_containing),
        cmocka_unit_test(test_next),
        cmocka_unit_test(test_compare_and_sort),
        cmocka_unit_test(test_overdue_and_contains),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_kind_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
