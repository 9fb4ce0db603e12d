/* Classification schemes (presets and the builder), aspects, asset types, personal data and
 * special categories, relation kinds, and the default policy floors.
 *
 * A scheme is immutable once built and reference counted with C11 atomics, like a risk
 * matrix (lib/risk/matrix.c): inventories share it, and reading it from many threads needs no
 * lock. Every string of a scheme lives in one block. Levels are kept sorted by value, so
 * "lowest first" is the array order and look-ups are a scan of at most ten entries.
 */
#include <stdio.h>
#include <string.h>

#include "asset/asset-internal.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

static int lang_col(isms_lang lang)
{
    return lang == ISMS_LANG_SV ? 0 : 1;
}

/* ---- aspects ------------------------------------------------------------------------- */

static const char *const aspect_labels[ISMS_ASPECTS][2] = {
    { "Konfidentialitet", "Confidentiality" },
    { "Riktighet", "Integrity" },
    { "Tillgänglighet", "Availability" },
    { "Spårbarhet", "Traceability" },
};

static const char *const aspect_words[ISMS_ASPECTS][2] = {
    { "konfidentialitet", "confidentiality" },
    { "riktighet", "integrity" },
    { "tillgänglighet", "availability" },
    { "spårbarhet", "traceability" },
};

bool isms__aspect_ok(isms_aspect aspect)
{
    return (unsigned)aspect < ISMS_ASPECTS;
}

const char *isms__aspect_word(isms_aspect aspect, isms_lang lang)
{
    return isms__aspect_ok(aspect) ? aspect_words[aspect][lang_col(lang)] : "";
}

const char *isms_aspect_label(isms_aspect aspect, isms_lang lang)
{
    return isms__aspect_ok(aspect) ? aspect_labels[aspect][lang_col(lang)] : "";
}

int isms_aspect_parse(isms_aspect *out, const char *text)
{
    static const isms__alias names[] = {
        { "Konfidentialitet", ISMS_ASPECT_CONFIDENTIALITY },
        { "Confidentiality", ISMS_ASPECT_CONFIDENTIALITY },
        { "Sekretess", ISMS_ASPECT_CONFIDENTIALITY },
        { "K", ISMS_ASPECT_CONFIDENTIALITY },
        { "C", ISMS_ASPECT_CONFIDENTIALITY },
        { "Riktighet", ISMS_ASPECT_INTEGRITY },
        { "Integrity", ISMS_ASPECT_INTEGRITY },
        { "Integritet", ISMS_ASPECT_INTEGRITY },
        { "R", ISMS_ASPECT_INTEGRITY },
        { "I", ISMS_ASPECT_INTEGRITY },
        { "Tillgänglighet", ISMS_ASPECT_AVAILABILITY },
        { "Availability", ISMS_ASPECT_AVAILABILITY },
        { "A", ISMS_ASPECT_AVAILABILITY },
        { "Spårbarhet", ISMS_ASPECT_TRACEABILITY },
        { "Traceability", ISMS_ASPECT_TRACEABILITY },
        { "S", ISMS_ASPECT_TRACEABILITY },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_aspect_parse: NULL argument");
    if (isms__text_check("aspect", text))
        return ISMS_EINVAL;
    int v;
    if (isms__alias_lookup(&v, names, COUNT(names), text)) {
        *out = (isms_aspect)v;
        return ISMS_OK;
    }
    /* T is tillgänglighet in a Swedish table (K R T) and traceability in an English one. */
    if (isms_text_matches("T", text))
        return isms__error(ISMS_EPARSE,
                           "aspect \"T\" is ambiguous: write Tillgänglighet (A, availability) "
                           "or Spårbarhet (S, traceability)");
    return isms__error(ISMS_EPARSE,
                       "aspect \"%.64s\" is not one of Konfidentialitet (K), Riktighet (R), "
                       "Tillgänglighet (A), Spårbarhet (S) (Confidentiality (C), Integrity (I), "
                       "Availability (A), Traceability (S))",
                       text);
}

/* ---- scheme reading ------------------------------------------------------------------ */

int isms__scheme_find(const isms_scheme *s, isms_aspect aspect, int value)
{
    if (!s || !isms__aspect_ok(aspect))
        return -1;
    for (size_t i = 0; i < s->n_levels[aspect]; i++)
        if (s->levels[aspect][i].value == value)
            return (int)i;
    return -1;
}

int isms__scheme_snap(const isms_scheme *s, isms_aspect aspect, int value)
{
    if (!s || !isms__aspect_ok(aspect) || value == ISMS_CLASS_UNSET)
        return ISMS_CLASS_UNSET;
    size_t n = s->n_levels[aspect];
    if (!n)
        return ISMS_CLASS_UNSET;
    for (size_t i = 0; i < n; i++)
        if (s->levels[aspect][i].value >= value)
            return s->levels[aspect][i].value;
    return s->levels[aspect][n - 1].value;
}

void isms__scheme_describe(char *buf, size_t size, const isms_scheme *s, isms_aspect aspect)
{
    size_t n = s && isms__aspect_ok(aspect) ? s->n_levels[aspect] : 0;
    isms__levels_describe(buf, size, n ? s->levels[aspect] : NULL, n, "(none)");
}

isms_scheme *isms_scheme_ref(isms_scheme *scheme)
{
    if (scheme)
        atomic_fetch_add_explicit(&scheme->refs, 1, memory_order_relaxed);
    return scheme;
}

static void scheme_destroy(isms_scheme *s)
{
    if (!s)
        return;
    isms__free(s->strings);
    isms__free(s);
}

void isms_scheme_free(isms_scheme *scheme)
{
    if (!scheme)
        return;
    /* acq_rel: the thread that frees must see every other thread's last use. */
    if (atomic_fetch_sub_explicit(&scheme->refs, 1, memory_order_acq_rel) == 1)
        scheme_destroy(scheme);
}

const char *isms_scheme_name(const isms_scheme *scheme)
{
    return scheme ? scheme->name : "";
}

bool isms_scheme_has_aspect(const isms_scheme *scheme, isms_aspect aspect)
{
    return scheme && isms__aspect_ok(aspect) && scheme->n_levels[aspect] > 0;
}

size_t isms_scheme_level_count(const isms_scheme *scheme, isms_aspect aspect)
{
    return scheme && isms__aspect_ok(aspect) ? scheme->n_levels[aspect] : 0;
}

int isms_scheme_level(isms_class_level *out, const isms_scheme *scheme, isms_aspect aspect,
                      size_t index)
{
    if (!out || !scheme)
        return isms__error(ISMS_EINVAL, "isms_scheme_level: NULL argument");
    if (!isms__aspect_ok(aspect))
        return isms__error(ISMS_EINVAL, "unknown aspect %d", (int)aspect);
    size_t n = scheme->n_levels[aspect];
    if (index >= n)
        return isms__error(ISMS_ERANGE,
                           "%s level index %zu is out of range (scheme \"%s\" has %zu)",
                           aspect_words[aspect][1], index, scheme->name, n);
    const isms__class_def *l = &scheme->levels[aspect][index];
    out->value = l->value;
    out->label_sv = l->label_sv;
    out->label_en = l->label_en;
    out->description = l->description;
    return ISMS_OK;
}

bool isms_scheme_valid(const isms_scheme *scheme, isms_aspect aspect, int value)
{
    return isms__scheme_find(scheme, aspect, value) >= 0;
}

int isms_scheme_parse_level(int *value, const isms_scheme *scheme, isms_aspect aspect,
                            const char *text)
{
    if (!value || !scheme || !text)
        return isms__error(ISMS_EINVAL, "isms_scheme_parse_level: NULL argument");
    if (!isms__aspect_ok(aspect))
        return isms__error(ISMS_EINVAL, "unknown aspect %d", (int)aspect);
    if (isms__text_check("level", text))
        return ISMS_EINVAL;
    const char *an = aspect_words[aspect][1];
    size_t n = scheme->n_levels[aspect];
    if (!n)
        return isms__error(ISMS_EINVAL, "scheme \"%s\" does not classify %s", scheme->name, an);
    const isms__class_def *lv = scheme->levels[aspect];
    char scale[48];
    isms__scheme_describe(scale, sizeof scale, scheme, aspect);
    /* Numbers first: a custom scale whose label is another level's digit must still read
     * back what the export wrote (the number). */
    int v;
    if (isms__parse_int(text, &v)) {
        if (isms__scheme_find(scheme, aspect, v) >= 0) {
            *value = v;
            return ISMS_OK;
        }
        for (size_t i = 0; i < n; i++) /* a label that happens to be a number */
            if (isms_text_matches(lv[i].label_sv, text) ||
                isms_text_matches(lv[i].label_en, text)) {
                *value = lv[i].value;
                return ISMS_OK;
            }
        return isms__error(ISMS_EPARSE, "%s level %d is not on the scale %s of scheme \"%s\"",
                           an, v, scale, scheme->name);
    }
    for (size_t i = 0; i < n; i++)
        if (isms_text_matches(lv[i].label_sv, text) || isms_text_matches(lv[i].label_en, text)) {
            *value = lv[i].value;
            return ISMS_OK;
        }
    isms__buf labels;
    isms__buf_init(&labels);
    for (size_t i = 0; i < n; i++)
        isms__buf_printf(&labels, "%s%s", i ? ", " : "", lv[i].label_sv);
    isms__buf_puts(&labels, " (");
    for (size_t i = 0; i < n; i++)
        isms__buf_printf(&labels, "%s%s", i ? ", " : "", lv[i].label_en);
    isms__buf_puts(&labels, ")");
    int rc = isms__error(ISMS_EPARSE,
                         "\"%.64s\" is not a %s level of scheme \"%s\": expected a number %s "
                         "or %s",
                         text, an, scheme->name, scale,
                         labels.failed || !labels.data ? "a label" : labels.data);
    isms__buf_free(&labels);
    return rc;
}

/* ---- builder ------------------------------------------------------------------------- */

struct isms_scheme_builder {
    char *name;
    isms__level levels[ISMS_ASPECTS][ISMS__CLASS_LEVELS]; /* sorted by value; owned strings */
    size_t n_levels[ISMS_ASPECTS];
};

int isms_scheme_builder_new(isms_scheme_builder **out, const char *name)
{
    if (!out)
        return isms__error(ISMS_EINVAL, "isms_scheme_builder_new: out is NULL");
    if (!name || isms__text_blank(name))
        return isms__error(ISMS_EINVAL, "a classification scheme needs a name that is not blank");
    if (isms__text_check("name", name))
        return ISMS_EINVAL;
    isms_scheme_builder *b = isms__calloc(1, sizeof *b);
    if (!b)
        return isms__error_nomem();
    if (!(b->name = isms__strdup(name))) {
        isms__free(b);
        return isms__error_nomem();
    }
    *out = b;
    return ISMS_OK;
}

void isms_scheme_builder_free(isms_scheme_builder *builder)
{
    if (!builder)
        return;
    for (int a = 0; a < ISMS_ASPECTS; a++)
        for (size_t i = 0; i < builder->n_levels[a]; i++)
            isms__level_free(&builder->levels[a][i]);
    isms__free(builder->name);
    isms__free(builder);
}

int isms_scheme_builder_add_level(isms_scheme_builder *builder, isms_aspect aspect, int value,
                                  const char *label_sv, const char *label_en,
                                  const char *description)
{
    if (!builder)
        return isms__error(ISMS_EINVAL, "isms_scheme_builder_add_level: builder is NULL");
    if (!isms__aspect_ok(aspect))
        return isms__error(ISMS_EINVAL, "unknown aspect %d", (int)aspect);
    const char *an = aspect_words[aspect][1];
    if (value < 0 || value > ISMS__CLASS_MAX)
        return isms__error(ISMS_EINVAL, "%s level %d is outside 0–%d", an, value,
                           ISMS__CLASS_MAX);
    if (!label_sv || isms__text_blank(label_sv) || !label_en || isms__text_blank(label_en))
        return isms__error(ISMS_EINVAL, "%s level %d needs a Swedish and an English label", an,
                           value);
    if (isms__text_check("label_sv", label_sv) || isms__text_check("label_en", label_en) ||
        isms__text_check("description", description))
        return ISMS_EINVAL;
    size_t n = builder->n_levels[aspect];
    isms__level *lv = builder->levels[aspect];
    for (size_t i = 0; i < n; i++)
        if (lv[i].value == value)
            return isms__error(ISMS_EEXIST, "the %s scale already has a level %d", an, value);
    int used;
    const char *clash = isms__level_clash(lv, n, label_sv, label_en, &used);
    if (clash)
        return isms__error(ISMS_EINVAL, "%s level %d: label \"%.64s\" is already used by "
                           "level %d", an, value, clash, used);
    isms__level l;
    if (!isms__level_init(&l, value, label_sv, label_en, description))
        return isms__error_nomem();
    /* Keep the scale sorted, whatever order the levels come in. */
    size_t at = n;
    while (at > 0 && lv[at - 1].value > value) {
        lv[at] = lv[at - 1];
        at--;
    }
    lv[at] = l;
    builder->n_levels[aspect] = n + 1;
    return ISMS_OK;
}

/* Copies s into the pool at *pos and returns where it went. */
static char *pool_put(char *pool, size_t *pos, const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = pool + *pos;
    memcpy(p, s, n);
    *pos += n;
    return p;
}

/* A scheme with one reference and room for `total` bytes of strings, nothing else set; NULL
 * when out of memory. */
static isms_scheme *scheme_alloc(size_t total)
{
    isms_scheme *s = isms__calloc(1, sizeof *s);
    if (!s)
        return NULL;
    if (!(s->strings = isms__malloc(total))) {
        isms__free(s);
        return NULL;
    }
    atomic_init(&s->refs, 1);
    return s;
}

int isms_scheme_builder_build(isms_scheme **out, const isms_scheme_builder *builder)
{
    if (!out || !builder)
        return isms__error(ISMS_EINVAL, "isms_scheme_builder_build: NULL argument");
    for (int a = 0; a < ISMS_ASPECTS; a++) {
        size_t n = builder->n_levels[a];
        /* Traceability may be left out, but a scale of one level cannot tell anything. */
        if (n < 2 && (a != ISMS_ASPECT_TRACEABILITY || n == 1))
            return isms__error(ISMS_EINVAL,
                               "scheme \"%.64s\": the %s scale has %zu level%s; it needs at "
                               "least 2",
                               builder->name, aspect_words[a][1], n, n == 1 ? "" : "s");
    }
    size_t total = strlen(builder->name) + 1;
    for (int a = 0; a < ISMS_ASPECTS; a++)
        for (size_t i = 0; i < builder->n_levels[a]; i++) {
            const isms__level *l = &builder->levels[a][i];
            total += strlen(l->label_sv) + strlen(l->label_en) + strlen(l->description) + 3;
        }
    isms_scheme *s = scheme_alloc(total);
    if (!s)
        return isms__error_nomem();
    size_t pos = 0;
    s->name = pool_put(s->strings, &pos, builder->name);
    for (int a = 0; a < ISMS_ASPECTS; a++) {
        s->n_levels[a] = builder->n_levels[a];
        for (size_t i = 0; i < builder->n_levels[a]; i++) {
            const isms__level *l = &builder->levels[a][i];
            isms__class_def *d = &s->levels[a][i];
            d->value = l->value;
            d->label_sv = pool_put(s->strings, &pos, l->label_sv);
            d->label_en = pool_put(s->strings, &pos, l->label_en);
            d->description = pool_put(s->strings, &pos, l->description);
        }
    }
    *out = s;
    return ISMS_OK;
}

/* ---- presets ------------------------------------------------------------------------- */

typedef struct preset_level {
    const char *sv;
    const char *en;
    const char *description;
} preset_level;

static const preset_level klassa_levels[] = {
    { "Ingen eller försumbar", "None or negligible",
      "Ingen eller försumbar skada för verksamheten, enskilda, samhället eller förtroendet" },
    { "Måttlig", "Moderate",
      "Måttlig skada: märkbar men begränsad påverkan som hanteras inom ordinarie verksamhet" },
    { "Betydande", "Significant",
      "Betydande skada för verksamheten, enskildas rättigheter, ekonomin eller förtroendet" },
    { "Allvarlig", "Serious",
      "Allvarlig skada: liv och hälsa, samhällsviktig verksamhet eller stora belopp påverkas" },
    { "Synnerligen allvarlig", "Very serious",
      "Synnerligen allvarlig skada för liv och hälsa, rikets säkerhet eller samhällets "
      "funktion" },
};

static const preset_level fips_levels[] = {
    { "Låg", "Low",
      "Limited adverse effect on organizational operations, organizational assets, or "
      "individuals (FIPS 199)" },
    { "Måttlig", "Moderate",
      "Serious adverse effect on organizational operations, organizational assets, or "
      "individuals (FIPS 199)" },
    { "Hög", "High",
      "Severe or catastrophic adverse effect on organizational operations, organizational "
      "assets, or individuals (FIPS 199)" },
};

typedef struct preset {
    const char *name;
    const char *aliases[2];
    const preset_level *levels;
    size_t n_levels;
    int first_value;
    int n_aspects; /* 3: without traceability */
} preset;

static const preset presets[] = {
    { "klassa", { "KLASSA", NULL }, klassa_levels, COUNT(klassa_levels), 0, 4 },
    { "klassa-cia", { "klassa cia", "klassa-krt" }, klassa_levels, COUNT(klassa_levels), 0,
      3 },
    { "fips199", { "fips-199", "fips 199" }, fips_levels, COUNT(fips_levels), 1, 3 },
};

/* Builds a preset directly, without a builder: its levels are known to be valid (the tests
 * put every preset through the builder's checks), and a document makes one each time it is
 * created or written, so this is two allocations instead of a builder's dozens. The aspects
 * share one copy of each level's strings. */
static int build_preset(isms_scheme **out, const preset *p)
{
    size_t total = strlen(p->name) + 1;
    for (size_t i = 0; i < p->n_levels; i++)
        total += strlen(p->levels[i].sv) + strlen(p->levels[i].en) +
                 strlen(p->levels[i].description) + 3;
    isms_scheme *s = scheme_alloc(total);
    if (!s)
        return isms__error_nomem();
    size_t pos = 0;
    s->name = pool_put(s->strings, &pos, p->name);
    for (size_t i = 0; i < p->n_levels; i++) {
        isms__class_def d;
        d.value = p->first_value + (int)i;
        d.label_sv = pool_put(s->strings, &pos, p->levels[i].sv);
        d.label_en = pool_put(s->strings, &pos, p->levels[i].en);
        d.description = pool_put(s->strings, &pos, p->levels[i].description);
        for (int a = 0; a < p->n_aspects; a++)
            s->levels[a][i] = d;
    }
    for (int a = 0; a < p->n_aspects; a++)
        s->n_levels[a] = p->n_levels;
    *out = s;
    return ISMS_OK;
}

int isms_scheme_preset(isms_scheme **out, const char *name)
{
    if (!out || !name)
        return isms__error(ISMS_EINVAL, "isms_scheme_preset: NULL argument");
    if (isms__text_check("name", name))
        return ISMS_EINVAL;
    for (size_t i = 0; i < COUNT(presets); i++) {
        const preset *p = &presets[i];
        if (isms_text_matches(p->name, name) ||
            (p->aliases[0] && isms_text_matches(p->aliases[0], name)) ||
            (p->aliases[1] && isms_text_matches(p->aliases[1], name)))
            return build_preset(out, p);
    }
    return isms__error(ISMS_ENOTFOUND,
                       "unknown classification scheme \"%.64s\": expected klassa, klassa-cia "
                       "or fips199",
                       name);
}

/* ---- asset types --------------------------------------------------------------------- */

static const char *const type_labels[ISMS_ASSET_TYPES][2] = {
    { "Information", "Information" }, { "System", "System" },
    { "Tjänst", "Service" },          { "Process", "Process" },
    { "Plats", "Location" },          { "Leverantör", "Supplier" },
    { "Hårdvara", "Hardware" },       { "Nätverk", "Network" },
    { "Person/roll", "Person/role" }, { "Övrigt", "Other" },
};

const char *isms_asset_type_label(isms_asset_type type, isms_lang lang)
{
    return (unsigned)type < ISMS_ASSET_TYPES ? type_labels[type][lang_col(lang)] : "";
}

int isms_asset_type_parse(isms_asset_type *out, const char *text)
{
    static const isms__alias names[] = {
        { "Information", ISMS_ASSET_INFORMATION },
        { "Informationsmängd", ISMS_ASSET_INFORMATION },
        { "Informationstillgång", ISMS_ASSET_INFORMATION },
        { "Information set", ISMS_ASSET_INFORMATION },
        { "Information asset", ISMS_ASSET_INFORMATION },
        { "Data", ISMS_ASSET_INFORMATION },
        { "System", ISMS_ASSET_SYSTEM },
        { "IT-system", ISMS_ASSET_SYSTEM },
        { "IT system", ISMS_ASSET_SYSTEM },
        { "Informationssystem", ISMS_ASSET_SYSTEM },
        { "Applikation", ISMS_ASSET_SYSTEM },
        { "Application", ISMS_ASSET_SYSTEM },
        { "Tjänst", ISMS_ASSET_SERVICE },
        { "Service", ISMS_ASSET_SERVICE },
        { "E-tjänst", ISMS_ASSET_SERVICE },
        { "IT-tjänst", ISMS_ASSET_SERVICE },
        { "Process", ISMS_ASSET_PROCESS },
        { "Verksamhetsprocess", ISMS_ASSET_PROCESS },
        { "Aktivitet", ISMS_ASSET_PROCESS },
        { "Activity", ISMS_ASSET_PROCESS },
        { "Plats", ISMS_ASSET_LOCATION },
        { "Lokal", ISMS_ASSET_LOCATION },
        { "Lokaler", ISMS_ASSET_LOCATION },
        { "Location", ISMS_ASSET_LOCATION },
        { "Premises", ISMS_ASSET_LOCATION },
        { "Site", ISMS_ASSET_LOCATION },
        { "Datacenter", ISMS_ASSET_LOCATION },
        { "Datahall", ISMS_ASSET_LOCATION },
        { "Data centre", ISMS_ASSET_LOCATION },
        { "Data center", ISMS_ASSET_LOCATION },
        { "Leverantör", ISMS_ASSET_SUPPLIER },
        { "Supplier", ISMS_ASSET_SUPPLIER },
        { "Vendor", ISMS_ASSET_SUPPLIER },
        { "Underleverantör", ISMS_ASSET_SUPPLIER },
        { "Hårdvara", ISMS_ASSET_HARDWARE },
        { "Maskinvara", ISMS_ASSET_HARDWARE },
        { "Hardware", ISMS_ASSET_HARDWARE },
        { "Enhet", ISMS_ASSET_HARDWARE },
        { "Device", ISMS_ASSET_HARDWARE },
        { "Utrustning", ISMS_ASSET_HARDWARE },
        { "Nätverk", ISMS_ASSET_NETWORK },
        { "Nät", ISMS_ASSET_NETWORK },
        { "Network", ISMS_ASSET_NETWORK },
        { "Person/roll", ISMS_ASSET_PERSON },
        { "Person/role", ISMS_ASSET_PERSON },
        { "Person", ISMS_ASSET_PERSON },
        { "Roll", ISMS_ASSET_PERSON },
        { "Role", ISMS_ASSET_PERSON },
        { "Personal", ISMS_ASSET_PERSON },
        { "People", ISMS_ASSET_PERSON },
        { "Övrigt", ISMS_ASSET_OTHER },
        { "Övrig", ISMS_ASSET_OTHER },
        { "Annat", ISMS_ASSET_OTHER },
        { "Other", ISMS_ASSET_OTHER },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_asset_type_parse: NULL argument");
    if (isms__text_check("asset type", text))
        return ISMS_EINVAL;
    int v;
    if (!isms__alias_lookup(&v, names, COUNT(names), text))
        return isms__error(ISMS_EPARSE,
                           "asset type \"%.64s\" is not one of Information, System, Tjänst, "
                           "Process, Plats, Leverantör, Hårdvara, Nätverk, Person/roll, Övrigt "
                           "(Information, System, Service, Process, Location, Supplier, "
                           "Hardware, Network, Person/role, Other)",
                           text);
    *out = (isms_asset_type)v;
    return ISMS_OK;
}

/* ---- lists of flags ------------------------------------------------------------------ */

/* Reads a list of words into flags: items separated by `,`, `;`, `/`, line breaks or the
 * words "och"/"and"; each item one of `words` (value 0 for "none"). On an unknown item the
 * error names it, `what` and the `expected` words. */
static int parse_flags(unsigned *out, const char *text, const isms__alias *words,
                       size_t n_words, const char *what, const char *expected)
{
    char bad[ISMS__WORD_MAX];
    if (!isms__parse_word_list(out, text, ",;/\n\r", words, n_words, bad))
        return isms__error(ISMS_EPARSE, "%s \"%.64s\" is not understood: expected %s", what,
                           bad, expected);
    return ISMS_OK;
}

/* ---- personal data ------------------------------------------------------------------- */

/* The words for "none" that both lists of flags accept (value 0). */
#define NONE_WORDS                                                                           \
    { "Inga", 0 }, { "Ingen", 0 }, { "Nej", 0 }, { "None", 0 }, { "No", 0 }, { "-", 0 }

static const char *const pdata_labels[4][2] = {
    { "Personuppgifter", "Personal data" },
    { "Känsliga personuppgifter (art. 9)", "Special categories (art. 9)" },
    { "Lagöverträdelser (art. 10)", "Criminal offences (art. 10)" },
    { "Personnummer", "Personal identity numbers" },
};

/* The bit number of a single flag, or -1 when `flag` is not exactly one of the `n` bits. */
static int single_bit(unsigned flag, int n)
{
    for (int k = 0; k < n; k++)
        if (flag == 1u << k)
            return k;
    return -1;
}

const char *isms_pdata_label(isms_pdata flag, isms_lang lang)
{
    int k = single_bit((unsigned)flag, 4);
    return k < 0 ? "" : pdata_labels[k][lang_col(lang)];
}

int isms_pdata_parse(unsigned *out, const char *text)
{
    static const isms__alias words[] = {
        NONE_WORDS,
        { "Personuppgifter", ISMS_PDATA_ORDINARY },
        { "Personuppgift", ISMS_PDATA_ORDINARY },
        { "Vanliga personuppgifter", ISMS_PDATA_ORDINARY },
        { "Ja", ISMS_PDATA_ORDINARY },
        { "Yes", ISMS_PDATA_ORDINARY },
        { "Personal data", ISMS_PDATA_ORDINARY },
        { "Ordinary", ISMS_PDATA_ORDINARY },
        { "Ordinary personal data", ISMS_PDATA_ORDINARY },
        { "Känsliga personuppgifter (art. 9)", ISMS_PDATA_SPECIAL },
        { "Känsliga personuppgifter", ISMS_PDATA_SPECIAL },
        { "Känsliga", ISMS_PDATA_SPECIAL },
        { "Särskilda kategorier", ISMS_PDATA_SPECIAL },
        { "Art. 9", ISMS_PDATA_SPECIAL },
        { "Art 9", ISMS_PDATA_SPECIAL },
        { "Artikel 9", ISMS_PDATA_SPECIAL },
        { "Article 9", ISMS_PDATA_SPECIAL },
        { "Special categories (art. 9)", ISMS_PDATA_SPECIAL },
        { "Special categories", ISMS_PDATA_SPECIAL },
        { "Special", ISMS_PDATA_SPECIAL },
        { "Sensitive", ISMS_PDATA_SPECIAL },
        { "Sensitive personal data", ISMS_PDATA_SPECIAL },
        { "Lagöverträdelser (art. 10)", ISMS_PDATA_CRIMINAL },
        { "Lagöverträdelser", ISMS_PDATA_CRIMINAL },
        { "Brott", ISMS_PDATA_CRIMINAL },
        { "Brottsuppgifter", ISMS_PDATA_CRIMINAL },
        { "Art. 10", ISMS_PDATA_CRIMINAL },
        { "Art 10", ISMS_PDATA_CRIMINAL },
        { "Artikel 10", ISMS_PDATA_CRIMINAL },
        { "Article 10", ISMS_PDATA_CRIMINAL },
        { "Criminal offences (art. 10)", ISMS_PDATA_CRIMINAL },
        { "Criminal offences", ISMS_PDATA_CRIMINAL },
        { "Criminal offenses", ISMS_PDATA_CRIMINAL },
        { "Criminal convictions", ISMS_PDATA_CRIMINAL },
        { "Criminal", ISMS_PDATA_CRIMINAL },
        { "Personnummer", ISMS_PDATA_PIN },
        { "Pnr", ISMS_PDATA_PIN },
        { "Samordningsnummer", ISMS_PDATA_PIN },
        { "Personal identity numbers", ISMS_PDATA_PIN },
        { "Personal identity number", ISMS_PDATA_PIN },
        { "Personal numbers", ISMS_PDATA_PIN },
        { "PIN", ISMS_PDATA_PIN },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_pdata_parse: NULL argument");
    if (isms__text_check("personal data", text))
        return ISMS_EINVAL;
    return parse_flags(out, text, words, COUNT(words), "personal data",
                       "personuppgifter, känsliga (art. 9), lagöverträdelser (art. 10), "
                       "personnummer or inga (personal data, special categories, criminal "
                       "offences, personal identity numbers or none)");
}

static const char *const special_labels[8][2] = {
    { "Etniskt ursprung", "Racial or ethnic origin" },
    { "Politiska åsikter", "Political opinions" },
    { "Religiös eller filosofisk övertygelse", "Religious or philosophical beliefs" },
    { "Medlemskap i fackförening", "Trade union membership" },
    { "Genetiska uppgifter", "Genetic data" },
    { "Biometriska uppgifter", "Biometric data" },
    { "Hälsa", "Health" },
    { "Sexualliv eller sexuell läggning", "Sex life or sexual orientation" },
};

const char *isms_special_label(isms_special flag, isms_lang lang)
{
    int k = single_bit((unsigned)flag, 8);
    return k < 0 ? "" : special_labels[k][lang_col(lang)];
}

int isms_special_parse(unsigned *out, const char *text)
{
    static const isms__alias words[] = {
        NONE_WORDS,
        { "Etniskt ursprung", ISMS_SPECIAL_ETHNIC },
        { "Ras eller etniskt ursprung", ISMS_SPECIAL_ETHNIC },
        { "Etnicitet", ISMS_SPECIAL_ETHNIC },
        { "Ras", ISMS_SPECIAL_ETHNIC },
        { "Racial or ethnic origin", ISMS_SPECIAL_ETHNIC },
        { "Ethnic origin", ISMS_SPECIAL_ETHNIC },
        { "Ethnicity", ISMS_SPECIAL_ETHNIC },
        { "Ethnic", ISMS_SPECIAL_ETHNIC },
        { "Race", ISMS_SPECIAL_ETHNIC },
        { "Politiska åsikter", ISMS_SPECIAL_POLITICAL },
        { "Politisk åsikt", ISMS_SPECIAL_POLITICAL },
        { "Politisk", ISMS_SPECIAL_POLITICAL },
        { "Political opinions", ISMS_SPECIAL_POLITICAL },
        { "Political opinion", ISMS_SPECIAL_POLITICAL },
        { "Political", ISMS_SPECIAL_POLITICAL },
        { "Religiös eller filosofisk övertygelse", ISMS_SPECIAL_RELIGIOUS },
        { "Religiös övertygelse", ISMS_SPECIAL_RELIGIOUS },
        { "Filosofisk övertygelse", ISMS_SPECIAL_RELIGIOUS },
        { "Religion", ISMS_SPECIAL_RELIGIOUS },
        { "Religious or philosophical beliefs", ISMS_SPECIAL_RELIGIOUS },
        { "Religious beliefs", ISMS_SPECIAL_RELIGIOUS },
        { "Philosophical beliefs", ISMS_SPECIAL_RELIGIOUS },
        { "Religious", ISMS_SPECIAL_RELIGIOUS },
        { "Medlemskap i fackförening", ISMS_SPECIAL_UNION },
        { "Fackligt medlemskap", ISMS_SPECIAL_UNION },
        { "Facklig tillhörighet", ISMS_SPECIAL_UNION },
        { "Fackförening", ISMS_SPECIAL_UNION },
        { "Trade union membership", ISMS_SPECIAL_UNION },
        { "Trade union", ISMS_SPECIAL_UNION },
        { "Union membership", ISMS_SPECIAL_UNION },
        { "Genetiska uppgifter", ISMS_SPECIAL_GENETIC },
        { "Genetik", ISMS_SPECIAL_GENETIC },
        { "Genetisk", ISMS_SPECIAL_GENETIC },
        { "Genetic data", ISMS_SPECIAL_GENETIC },
        { "Genetic", ISMS_SPECIAL_GENETIC },
        { "Biometriska uppgifter", ISMS_SPECIAL_BIOMETRIC },
        { "Biometri", ISMS_SPECIAL_BIOMETRIC },
        { "Biometrisk", ISMS_SPECIAL_BIOMETRIC },
        { "Biometric data", ISMS_SPECIAL_BIOMETRIC },
        { "Biometric", ISMS_SPECIAL_BIOMETRIC },
        { "Hälsa", ISMS_SPECIAL_HEALTH },
        { "Hälsouppgifter", ISMS_SPECIAL_HEALTH },
        { "Uppgifter om hälsa", ISMS_SPECIAL_HEALTH },
        { "Health", ISMS_SPECIAL_HEALTH },
        { "Health data", ISMS_SPECIAL_HEALTH },
        { "Data concerning health", ISMS_SPECIAL_HEALTH },
        { "Sexualliv eller sexuell läggning", ISMS_SPECIAL_SEX_LIFE },
        { "Sexualliv", ISMS_SPECIAL_SEX_LIFE },
        { "Sexuell läggning", ISMS_SPECIAL_SEX_LIFE },
        { "Sex life or sexual orientation", ISMS_SPECIAL_SEX_LIFE },
        { "Sex life", ISMS_SPECIAL_SEX_LIFE },
        { "Sexual orientation", ISMS_SPECIAL_SEX_LIFE },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_special_parse: NULL argument");
    if (isms__text_check("special category", text))
        return ISMS_EINVAL;
    return parse_flags(out, text, words, COUNT(words), "special category",
                       "etniskt ursprung, politiska åsikter, religiös eller filosofisk "
                       "övertygelse, medlemskap i fackförening, genetiska uppgifter, "
                       "biometriska uppgifter, hälsa, sexualliv eller sexuell läggning or inga "
                       "(or the English names)");
}

/* ---- relation kinds ------------------------------------------------------------------ */

static const char *const relkind_names[] = {
    "processes", "supports", "depends_on", "stored_at", "operates",
};

const char *isms_relkind_name(isms_relkind kind)
{
    return (unsigned)kind < COUNT(relkind_names) ? relkind_names[kind] : "";
}

static const char *const relkind_labels[][2] = {
    { "behandlar", "processes" },    { "stödjer", "supports" },
    { "är beroende av", "depends on" }, { "lagras i", "stored at" },
    { "driftar", "operates" },
};

const char *isms_relkind_label(isms_relkind kind, isms_lang lang)
{
    if ((unsigned)kind >= COUNT(relkind_labels))
        return "";
    return relkind_labels[kind][lang == ISMS_LANG_SV ? 0 : 1];
}

int isms_relkind_parse(isms_relkind *out, const char *text)
{
    static const isms__alias names[] = {
        { "processes", ISMS_REL_PROCESSES },
        { "behandlar", ISMS_REL_PROCESSES },
        { "hanterar", ISMS_REL_PROCESSES },
        { "supports", ISMS_REL_SUPPORTS },
        { "stödjer", ISMS_REL_SUPPORTS },
        { "stöder", ISMS_REL_SUPPORTS },
        { "depends_on", ISMS_REL_DEPENDS_ON },
        { "depends on", ISMS_REL_DEPENDS_ON },
        { "depends-on", ISMS_REL_DEPENDS_ON },
        { "är beroende av", ISMS_REL_DEPENDS_ON },
        { "beroende av", ISMS_REL_DEPENDS_ON },
        { "beror på", ISMS_REL_DEPENDS_ON },
        { "stored_at", ISMS_REL_STORED_AT },
        { "stored at", ISMS_REL_STORED_AT },
        { "stored-at", ISMS_REL_STORED_AT },
        { "stored in", ISMS_REL_STORED_AT },
        { "lagras i", ISMS_REL_STORED_AT },
        { "lagras på", ISMS_REL_STORED_AT },
        { "lagras hos", ISMS_REL_STORED_AT },
        { "operates", ISMS_REL_OPERATES },
        { "driftar", ISMS_REL_OPERATES },
        { "driver", ISMS_REL_OPERATES },
    };
    if (!out || !text)
        return isms__error(ISMS_EINVAL, "isms_relkind_parse: NULL argument");
    if (isms__text_check("relation", text))
        return ISMS_EINVAL;
    int v;
    if (!isms__alias_lookup(&v, names, COUNT(names), text))
        return isms__error(ISMS_EPARSE,
                           "relation \"%.64s\" is not one of processes, supports, depends_on, "
                           "stored_at, operates (behandlar, stödjer, är beroende av, lagras i, "
                           "driftar)",
                           text);
    *out = (isms_relkind)v;
    return ISMS_OK;
}

bool isms_relkind_src_supports(isms_relkind kind)
{
    return kind == ISMS_REL_PROCESSES || kind == ISMS_REL_SUPPORTS || kind == ISMS_REL_OPERATES;
}

/* ---- floors -------------------------------------------------------------------------- */

int isms_floors_default(isms_floors *out, const isms_scheme *scheme)
{
    if (!out || !scheme)
        return isms__error(ISMS_EINVAL, "isms_floors_default: NULL argument");
    /* The policy on the KLASSA scale 0–4, per personal-data bit and aspect. */
    static const int klassa[4][ISMS_ASPECTS] = {
        { 1, -1, -1, -1 }, /* ordinary: confidentiality ≥ 1 */
        { 3, 2, -1, -1 },  /* special categories (art. 9) */
        { 3, 2, -1, -1 },  /* criminal offences (art. 10) */
        { 2, -1, -1, -1 }, /* personal identity numbers */
    };
    isms_floors f;
    for (int k = 0; k < 4; k++)
        for (int a = 0; a < ISMS_ASPECTS; a++) {
            size_t n = scheme->n_levels[a];
            int want = klassa[k][a];
            if (want < 0 || !n) {
                f.min[k][a] = ISMS_CLASS_UNSET;
                continue;
            }
            /* Proportionally from 0 to the top, rounded up, then up to a level of the scale:
             * identity on 0–4; on FIPS 199 (1–3) 1 → low, 2 → moderate, 3 → high. */
            int top = scheme->levels[a][n - 1].value;
            int v = (want * top + 3) / 4;
            f.min[k][a] = isms__scheme_snap(scheme, (isms_aspect)a, v);
        }
    *out = f;
    return ISMS_OK;
}
