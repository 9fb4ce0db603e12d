/* Allocation wrappers with a thread-local failure-injection hook for tests. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static _Thread_local long fail_at;   /* 0: never; n: the n-th allocation from now fails */
static _Thread_local long count;     /* allocations since the hook was last set */
static _Thread_local bool failed;    /* a failure was injected since the hook was set */

void isms__alloc_fail_at(long n)
{
    fail_at = n < 0 ? 0 : n;
    count = 0;
    failed = false;
}

bool isms__alloc_failed(void)
{
    return failed;
}

long isms__alloc_count(void)
{
    return count;
}

static bool should_fail(void)
{
    count++;
    if (fail_at > 0 && count >= fail_at) {
        failed = true;
        return true;
    }
    return false;
}

void *isms__malloc(size_t size)
{
    if (should_fail())
        return NULL;
    return malloc(size ? size : 1);
}

void *isms__calloc(size_t n, size_t size)
{
    if (should_fail())
        return NULL;
    if (n == 0 || size == 0)
        n = size = 1;
    return calloc(n, size);
}

void *isms__realloc(void *ptr, size_t size)
{
    if (should_fail())
        return NULL;
    return realloc(ptr, size ? size : 1);
}

bool isms__grow(void **array, size_t *capacity, size_t need, size_t elem_size)
{
    if (need <= *capacity)
        return true;
    size_t cap = *capacity ? *capacity : 8;
    while (cap < need) {
        if (cap > SIZE_MAX / 2)
            return false;
        cap *= 2;
    }
    if (cap > SIZE_MAX / elem_size)
        return false;
    void *p = isms__realloc(*array, cap * elem_size);
    if (!p)
        return false;
    *array = p;
    *capacity = cap;
    return true;
}

char *isms__strndup(const char *s, size_t n)
{
    char *p = isms__malloc(n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *isms__strdup(const char *s)
{
    return isms__strndup(s ? s : "", s ? strlen(s) : 0);
}

void isms__free(void *ptr)
{
    free(ptr);
}

void isms_free(void *ptr)
{
    free(ptr);
}
