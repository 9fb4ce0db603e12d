/*
 * SHA-1 (FIPS 180-4) and name-based UUIDs of version 5 (RFC 9562 §5.5), for the stable
 * identifiers of the OSCAL export. SHA-1 is used here only because RFC 9562 names it for
 * version 5: nothing relies on it for security.
 *
 * The digest is computed in a stream (a 64-byte block at a time), so that a UUID of a
 * namespace and a name needs no allocation.
 */
#include <string.h>

#include "internal.h"

typedef struct sha1_ctx {
    uint32_t h[5];
    uint64_t bytes;          /* message length so far */
    unsigned char block[64]; /* the block being filled */
    size_t fill;             /* bytes in it */
} sha1_ctx;

static inline uint32_t rol(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32 - n));
}

static void sha1_init(sha1_ctx *c)
{
    c->h[0] = 0x67452301u;
    c->h[1] = 0xEFCDAB89u;
    c->h[2] = 0x98BADCFEu;
    c->h[3] = 0x10325476u;
    c->h[4] = 0xC3D2E1F0u;
    c->bytes = 0;
    c->fill = 0;
}

static void sha1_block(sha1_ctx *c, const unsigned char *p)
{
    uint32_t w[80];
    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 |
               (uint32_t)p[4 * t + 2] << 8 | (uint32_t)p[4 * t + 3];
    for (int t = 16; t < 80; t++)
        w[t] = rol(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    uint32_t a = c->h[0], b = c->h[1], d = c->h[3], e = c->h[4], cc = c->h[2];
    for (int t = 0; t < 80; t++) {
        uint32_t f, k;
        if (t < 20) {
            f = (b & cc) | (~b & d);
            k = 0x5A827999u;
        } else if (t < 40) {
            f = b ^ cc ^ d;
            k = 0x6ED9EBA1u;
        } else if (t < 60) {
            f = (b & cc) | (b & d) | (cc & d);
            k = 0x8F1BBCDCu;
        } else {
            f = b ^ cc ^ d;
            k = 0xCA62C1D6u;
        }
        uint32_t tmp = rol(a, 5) + f + e + k + w[t];
        e = d;
        d = cc;
        cc = rol(b, 30);
        b = a;
        a = tmp;
    }
    c->h[0] += a;
    c->h[1] += b;
    c->h[2] += cc;
    c->h[3] += d;
    c->h[4] += e;
}

static void sha1_update(sha1_ctx *c, const void *data, size_t n)
{
    const unsigned char *p = data;
    c->bytes += n;
    if (c->fill) {
        size_t take = 64 - c->fill < n ? 64 - c->fill : n;
        memcpy(c->block + c->fill, p, take);
        c->fill += take;
        p += take;
        n -= take;
        if (c->fill < 64)
            return;
        sha1_block(c, c->block);
        c->fill = 0;
    }
    for (; n >= 64; p += 64, n -= 64)
        sha1_block(c, p);
    memcpy(c->block, p, n);
    c->fill = n;
}

static void sha1_final(sha1_ctx *c, unsigned char digest[20])
{
    uint64_t bits = c->bytes * 8;
    c->block[c->fill++] = 0x80;
    if (c->fill > 56) {
        memset(c->block + c->fill, 0, 64 - c->fill);
        sha1_block(c, c->block);
        c->fill = 0;
    }
    memset(c->block + c->fill, 0, 56 - c->fill);
    for (int i = 0; i < 8; i++)
        c->block[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
    sha1_block(c, c->block);
    for (int i = 0; i < 5; i++) {
        digest[4 * i] = (unsigned char)(c->h[i] >> 24);
        digest[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
        digest[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
        digest[4 * i + 3] = (unsigned char)c->h[i];
    }
}

void isms__sha1(unsigned char digest[20], const void *data, size_t n)
{
    sha1_ctx c;
    sha1_init(&c);
    if (n)
        sha1_update(&c, data, n);
    sha1_final(&c, digest);
}

void isms__uuid5(unsigned char bytes[16], char text[37], const unsigned char ns[16],
                 const char *name, size_t n)
{
    isms__uuid5_parts(bytes, text, ns, &name, &n, 1);
}

void isms__uuid5_parts(unsigned char bytes[16], char text[37], const unsigned char ns[16],
                       const char *const *parts, const size_t *lens, size_t n_parts)
{
    sha1_ctx c;
    unsigned char digest[20], u[16];
    sha1_init(&c);
    sha1_update(&c, ns, 16);
    for (size_t i = 0; i < n_parts; i++)
        if (lens[i])
            sha1_update(&c, parts[i], lens[i]);
    sha1_final(&c, digest);
    memcpy(u, digest, 16);
    u[6] = (unsigned char)((u[6] & 0x0F) | 0x50); /* version 5 */
    u[8] = (unsigned char)((u[8] & 0x3F) | 0x80); /* the variant of RFC 9562 */
    if (bytes)
        memcpy(bytes, u, 16);
    if (text) {
        static const char hex[] = "0123456789abcdef";
        char *o = text;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10)
                *o++ = '-';
            *o++ = hex[u[i] >> 4];
            *o++ = hex[u[i] & 15];
        }
        *o = '\0';
    }
}
