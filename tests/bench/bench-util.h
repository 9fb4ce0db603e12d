/* Helpers shared by the benchmarks: a monotonic clock, the peak resident memory, a small
 * pseudo-random generator whose sequence is the same on every machine (which unit tests that
 * need many varied inputs use too), the printing of result tables and of the machine-readable
 * result lines that tests/bench/run-all.py collects. No cmocka, no library internals. */
#ifndef ISMS_BENCH_UTIL_H
#define ISMS_BENCH_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* Seconds on a monotonic clock. */
static inline double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Peak resident memory of the process in MiB (getrusage ru_maxrss), or 0 when unknown. */
static inline double peak_mib(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return (double)ru.ru_maxrss / 1024.0; /* Linux: kilobytes */
}

/* The next number of the xorshift64 sequence in `*state` (seed it with a non-zero value):
 * the high 32 bits of the new state. */
static inline unsigned next_rand(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return (unsigned)(*state >> 32);
}

/* Prints one key figure as a machine-readable line beside the human tables:
 *
 *     @result<TAB>bench<TAB>what<TAB>value<TAB>unit
 *
 * `bench` is the benchmark's short name ("score", "register", ...), `what` says what was
 * measured and `unit` its unit ("M scores/s", "s", "MiB", "×"); none of them may hold a tab or
 * a line break. tests/bench/run-all.py (`meson test --benchmark`) collects these lines from
 * every benchmark into one table. */
static inline void bench_result(const char *bench, const char *what, double value,
                                const char *unit)
{
    printf("@result\t%s\t%s\t%.6g\t%s\n", bench, what, value, unit);
}

static inline void bench_about(const char *bench, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints the workload of a benchmark (its sizes, in a few words) as a machine-readable line
 * beside the human tables, "@about<TAB>bench<TAB>text", which run-all.py prints under its
 * table. The text is formatted as by printf and must not hold a tab or a line break. */
static inline void bench_about(const char *bench, const char *fmt, ...)
{
    va_list ap;
    printf("@about\t%s\t", bench);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

/* Prints the load average when the benchmark starts (the machine may be shared). */
static inline void print_load(void)
{
    FILE *f = fopen("/proc/loadavg", "r");
    char buf[64];
    if (f && fgets(buf, sizeof buf, f)) {
        buf[strcspn(buf, "\n")] = '\0';
        printf("load average at start: %s\n", buf);
    }
    if (f)
        fclose(f);
}

/* Prints `s` right-aligned in `width` characters (UTF-8 aware: "–" is one). */
static inline void print_right(const char *s, int width)
{
    int n = 0;
    for (const char *p = s; *p; p++)
        n += ((unsigned char)*p & 0xC0) != 0x80;
    printf("%*s%s", width > n ? width - n : 0, "", s);
}

/* Prints a space and `count / seconds` right-aligned in `width` characters, or "–" in their
 * place when `count` is 0 (nothing counted in that column). */
static inline void print_rate(size_t count, double seconds, int width)
{
    if (count)
        printf(" %*.0f", width, (double)count / seconds);
    else
        print_right("–", width + 1);
}

#endif
