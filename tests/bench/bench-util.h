/* Helpers shared by the benchmarks: a monotonic clock, the peak resident memory and a small
 * pseudo-random generator whose sequence is the same on every machine (which unit tests that
 * need many varied inputs use too). No cmocka, no library internals. */
#ifndef ISMS_BENCH_UTIL_H
#define ISMS_BENCH_UTIL_H

#include <stdint.h>
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

#endif
