/*
 * Internal declarations of the OSCAL modules (lib/io/oscal-*.c), shared with the document
 * loader and writer, which keep imported catalogs inside a document. Nothing here is
 * exported.
 *
 *  - oscal-write.c: the common parts (UUIDs, timestamps, OSCAL strings, Markdown, properties,
 *    the status of requirements as the exports count it, metadata, back-matter), the
 *    catalog writer, isms_oscal_kind_name/parse, isms_document_write_oscal/save_oscal and
 *    isms_catalog_write_oscal/save_oscal;
 *  - oscal-ar.c: assessment results; oscal-poam.c: the plan of action and milestones;
 *  - oscal-read.c: the catalog importer.
 */
#ifndef ISMS_OSCAL_INTERNAL_H
#define ISMS_OSCAL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "io-internal.h"
#include "json-internal.h"
#include "json-read.h"

/* Shorthands of the writers: oscal-write.c, oscal-ar.c and oscal-poam.c define
 * ISMS__OSCAL_WRITER before they include this header (other files that include it keep
 * their own names). M_UUID takes an isms__uuid; M_TITLE and M_MARKUP write user text as
 * Markdown (isms__oscal_markup()). */
#ifdef ISMS__OSCAL_WRITER
#define KEY(w, lit) ISMS__JSON_KEY((w), lit)
#define OPEN_OBJECT(w) isms__json_open_object((w), false)
#define OPEN_FLAT(w) isms__json_open_object((w), true)
#define OPEN_ARRAY(w) isms__json_open_array((w), false)
#define OPEN_FLAT_ARRAY(w) isms__json_open_array((w), true)
#define CLOSE(w) isms__json_close(w)
#define M_STRING(w, key, text) (KEY(w, key), isms__json_string((w), (text)))
#define M_UUID(w, key, u) (KEY(w, key), isms__json_string((w), (u).s))
#define M_TITLE(w, text) (KEY(w, "title"), isms__oscal_markup((w), (text), false))
#define M_MARKUP(w, key, text) (KEY(w, key), isms__oscal_markup((w), (text), true))
#define NS ISMS__OSCAL_NS
#endif

/* The namespace (URI) of libisms's own OSCAL properties ("compliance", "need", "owner", ...):
 * props with a name outside OSCAL's own vocabulary carry it as their `ns`. */
#define ISMS__OSCAL_NS "urn:libisms:oscal"
/* The namespace of the ISO/IEC 27002:2022 attribute properties of the built-in catalogs. */
#define ISMS__OSCAL_NS_27002 "urn:libisms:iso27002:2022"

/* The libisms namespace of derived UUIDs: uuid5(NAMESPACE_URL, "urn:libisms:oscal") =
 * 30921a26-96a7-5fc7-8041-5e09591ff855. Every UUID of an export is uuid5(this, name). The
 * built-in catalogs' UUIDs (isms_catalog_uuid()) are uuid5(this, "catalog/2013"),
 * "catalog/2022" and "catalog/2022-amd1": 59b8e94b-4e3b-594e-97ad-f5324274e136,
 * 5840251f-6d2e-5e76-9efc-193693a6da91, 1f68943d-d60c-59d6-b37b-7e93c9d851d5. */
#define ISMS__OSCAL_NAMESPACE \
    "\x30\x92\x1a\x26\x96\xa7\x5f\xc7\x80\x41\x5e\x09\x59\x1f\xf8\x55"

/* A UUID as text: 36 characters and the NUL. */
typedef struct isms__uuid {
    char s[37];
} isms__uuid;

/*
 * The document being exported, as the derived UUIDs see it: its organisation and unit in
 * OSCAL's form (trimmed, each run of white space one space, as isms__oscal_string() writes
 * them), so that a stray space or line break in them does not change every UUID.
 * isms__oscal_doc_init() folds them (allocating only when folding changes something):
 * ISMS_OK or ISMS_ENOMEM (error set, nothing to free); isms__oscal_doc_free() releases it.
 */
typedef struct isms__oscal_doc {
    const isms_document *doc;
    const char *org, *unit; /* folded; "" when there is none */
    size_t org_len, unit_len;
    char *owned;            /* the folded copies, when folding changed something */
} isms__oscal_doc;
int isms__oscal_doc_init(isms__oscal_doc *d, const isms_document *doc);
void isms__oscal_doc_free(isms__oscal_doc *d);

/*
 * The UUID (version 5) of a node of an export of `d`'s document: uuid5(ISMS__OSCAL_NAMESPACE,
 * N), where N is every part written as its length in bytes (decimal), a colon and its bytes
 * ("netstrings" without the trailing comma), one after the other: the folded organisation,
 * the folded unit, `kind` ("ar/finding", "poam/item": a fixed name of the kind of node), then
 * the `n` variable parts (the year, a reference, an action id, ...). In Python:
 *     enc = lambda s: f"{len(s.encode())}:{s}"
 *     uuid.uuid5(uuid.UUID("30921a26-96a7-5fc7-8041-5e09591ff855"),
 *                enc(org) + enc(unit) + enc(kind) + "".join(enc(p) for p in parts))
 * So N tells every sequence of parts apart whatever bytes they hold (a 0x1F, a '/', a colon)
 * and however long they are: nothing is cut, nothing is copied (the parts are hashed as a
 * stream), and the call cannot fail. At most ISMS__OSCAL_UUID_PARTS variable parts:
 * ISMS__OSCAL_UUID(d, kind, part, ...) passes one to four as a list (more do not compile:
 * excess elements of the array); with none, call isms__oscal_uuid(d, kind, NULL, 0).
 *
 * Kinds used by oscal-write.c: "party/organisation", "party/unit", "party/author" (the
 * parties of isms__oscal_metadata()), "resource/document" (isms__oscal_doc_resource()); by
 * oscal-ar.c and oscal-poam.c: see their heads.
 */
#define ISMS__OSCAL_UUID_PARTS 4
isms__uuid isms__oscal_uuid(const isms__oscal_doc *d, const char *kind, const char *const *parts,
                            size_t n);
#define ISMS__OSCAL_UUID(d, kind, ...)                                                        \
    isms__oscal_uuid((d), (kind), (const char *const[ISMS__OSCAL_UUID_PARTS]){ __VA_ARGS__ },  \
                     sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(const char *))

/* A date as an OSCAL date-time with a time zone: its first second, "2024-12-31T00:00:00Z"
 * (isms__oscal_stamp(): a start, a time of writing) or its last, "2024-12-31T23:59:59Z"
 * (isms__oscal_stamp_end(): the end of a period, a deadline, a due date, so that the last day
 * is still within it). The date must be valid (isms_date_valid()) and in the years 1900–2999
 * (OSCAL's pattern); the fields are written as they are, so an empty date gives
 * "0000-00-00T00:00:00Z", which does not validate. */
typedef struct isms__stamp {
    char s[32];
} isms__stamp;
isms__stamp isms__oscal_stamp(isms_date date);
isms__stamp isms__oscal_stamp_end(isms_date date);

/* Fails the write for lack of memory (in a buffer of a helper of the writer): the same
 * sticky error as the writer's own. */
void isms__oscal_nomem(isms__json *w);

/* White space as OSCAL's StringDatatype (`^\S(.*\S)?$`) sees it, under both ECMAScript and
 * Python regular expressions: ASCII tab to carriage return, space, 0x1C-0x1F, U+0085,
 * U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF. True
 * when `s` is NULL or holds nothing else. */
bool isms__oscal_blank(const char *s);

/* The part of `text` without white space (as above) at either end: it starts at
 * text + *start and is *len bytes long. */
void isms__oscal_trim(const char *text, size_t *start, size_t *len);

/* Writes `text` as OSCAL's StringDatatype wants it (a `name`, a `version`, a prop's `value`,
 * a facet's `value`): on one line, each run of white space (as above) one space, trimmed. A
 * text that is blank fails the write (ISMS_EINVAL, the path named): the caller checks with
 * isms__oscal_blank() first. Not for Markdown fields (isms__oscal_markup()). */
void isms__oscal_string(isms__json *w, const char *text);

/*
 * Markdown. OSCAL's `title` is markup-line and `description`, `remarks`, `statement` are
 * markup-multiline: Markdown, which a tool renders. User text must show as it was typed, not
 * as markup, so isms__oscal_md() appends it to `b` escaped:
 *  - everywhere a backslash before \ ` * _ [ ] < > (emphasis, code, links, HTML);
 *  - at the start of a line a backslash before # + - = ~ | (headings, lists, setext
 *    underlines, fences, tables), and before the '.' or ')' of a number followed by white
 *    space or the end ("1. x": an ordered list);
 *  - each line trimmed and each run of white space in it one space (so that indentation does
 *    not make code blocks); white space is OSCAL's (isms__oscal_blank()).
 * `multiline` false (markup-line): the whole text on one line (line breaks are white space).
 * `multiline` true (markup-multiline): line breaks (LF, CR LF, CR) are kept so that they
 * survive rendering: a line break within a paragraph as two spaces and LF (a hard line
 * break), one or more blank lines as one blank line (a new paragraph); blank lines at the
 * start and end are dropped. A line counts as starting a Markdown line when `b` is empty or
 * ends in LF (text appended after a label such as "Action plan: " does not). The text must be
 * UTF-8 (the writer refuses it otherwise). Out of memory: b->failed.
 */
void isms__oscal_md(isms__buf *b, const char *text, bool multiline);

/* Writes `text` as a markup-line value (a title; isms__oscal_md(), multiline false) or a
 * markup-multiline value (`multiline` true). A blank text fails the write (ISMS_EINVAL) as
 * with isms__oscal_string(): the caller gives a fallback (isms__oscal_text()). Only for text
 * that is not Markdown yet: titles of imported catalogs were read as Markdown and are
 * written as read. */
void isms__oscal_markup(isms__json *w, const char *text, bool multiline);

/* Empties `b` (keeping its memory) for the next text to compose; returns it. */
isms__buf *isms__oscal_buf_reset(isms__buf *b);

/* Writes the text composed in `b` as a string value; a buffer that ran out of memory fails
 * the write (ISMS_ENOMEM). */
void isms__oscal_put_buf(isms__json *w, const isms__buf *b);

/* Appends the title of a catalog item (or of a catalog: isms__oscal_md_catalog_title()) as
 * Markdown on one line: escaped (isms__oscal_md()) for the built-in catalogs, as read (only
 * folded onto one line) for an imported catalog, whose titles are markup-line already. */
void isms__oscal_md_item_title(isms__buf *b, const isms_item *item);
void isms__oscal_md_catalog_title(isms__buf *b, const isms_catalog *catalog);

/* A property: {"name": name, "value": value[, "ns": ns]}, written (flat) as an element of the
 * open `props` array. A value that is NULL, empty or only white space is left out (OSCAL's
 * strings must not be blank); otherwise it is written with isms__oscal_string(). `ns` may be
 * NULL (OSCAL's own names: "label", "sort-id", "status"). */
void isms__oscal_prop(isms__json *w, const char *name, const char *value, const char *ns);

/* A `props` member written as its properties come, so that it is there only when it gets
 * one (OSCAL's arrays must not be empty) and takes any number: isms__oscal_props_add() opens
 * it (key and array) before the first value that is not blank; isms__oscal_props_end()
 * closes it when it was opened. Start with { w, false }. */
typedef struct isms__oscal_props {
    isms__json *w;
    bool open;
} isms__oscal_props;
void isms__oscal_props_add(isms__oscal_props *p, const char *name, const char *value,
                           const char *ns);
void isms__oscal_props_end(isms__oscal_props *p);

/* Text for a `description`, `title` or `remarks`: the text, or `fallback` when it is NULL,
 * empty or only white space (isms__oscal_blank()); `fallback` must not be NULL. */
const char *isms__oscal_text(const char *text, const char *fallback);

/*
 * The requirements' status as the exports count it. isms__oscal_status(): the entry's status,
 * but not applicable for a control that the Statement of Applicability excludes (as the
 * summary counts it). isms__oscal_may_exclude(): true when "not applicable" can hold for the
 * entry's requirement: an Annex A control or a control of an imported catalog
 * (ISMS_ITEM_CONTROL). The clauses 4–10 of ISO/IEC 27001 (and a reference the catalog does
 * not hold) cannot be excluded: not applicable there is not satisfied. isms__oscal_met():
 * satisfied, the gap closed: yes, or not applicable where that can hold.
 */
isms_status isms__oscal_status(const isms_entry *e);
bool isms__oscal_may_exclude(const isms_entry *e);
bool isms__oscal_met(const isms_entry *e);

/*
 * The `metadata` member of a document export (its key is written too):
 *  - title: the document's title (ISMS_DOC_TITLE) on one line, as Markdown
 *    (isms__oscal_markup()), or `title` when it has none;
 *  - published and last-modified: midnight UTC of isms_document_today() (the reference date,
 *    else 31 December of the year); version: the year ("2024"); oscal-version: "1.1.3";
 *  - roles: "prepared-by" (when there is an author) and "prepared-for" (when there is an
 *    organisation or a unit), titled in the document's language;
 *  - parties: the organisation (type "organization", uuid "party/organisation"), the unit
 *    (type "organization", uuid "party/unit", member-of-organizations the organisation when
 *    there is one) and the author (type "person", uuid "party/author"), each only when its
 *    field is not blank: no party is invented;
 *  - responsible-parties: prepared-by → the author, prepared-for → the unit, else the
 *    organisation.
 * Party uuids: isms__oscal_uuid(d, "party/organisation", NULL, 0) and so on; role ids as
 * above, so the other writers may point at them.
 */
void isms__oscal_metadata(isms__json *w, const isms__oscal_doc *d, const char *title);

/* The uuid of the back-matter resource that stands for the document itself. */
isms__uuid isms__oscal_doc_resource(const isms__oscal_doc *d);

/* The `back-matter` member of a document export (key included): one resource, the document,
 * with the uuid isms__oscal_doc_resource(), its title (ISMS_DOC_TITLE, else "Ledningens
 * genomgång <year>" / "Management review <year>" in the document's language; Markdown,
 * isms__oscal_markup()) and the
 * properties "organisation", "unit" and "year" (namespace ISMS__OSCAL_NS; blank ones left
 * out). */
void isms__oscal_back_matter(isms__json *w, const isms__oscal_doc *d);

/*
 * Writes the catalog object (the value of the root's "catalog" key: uuid, metadata, groups
 * and controls) of `catalog`; `w` is where a value is expected. See isms_catalog_write_oscal().
 *
 * Built-in catalogs: every item that is not assessable is a group, every assessable one a
 * control. Imported ones: ISMS_ITEM_GROUP items are groups, ISMS_ITEM_CONTROL items controls
 * (a control's children are its nested `controls`). Ids are isms_item_oscal_id() (one that is
 * not an OSCAL token, as far as ASCII goes, fails the write with ISMS_EINVAL); built-in items
 * have a `class` (see isms_catalog_write_oscal()); every item has the `label` property when
 * it has a label (built-in: its libisms id; imported: isms__item_label()).
 *
 * Order: OSCAL keeps the child groups and the child controls of a group (or of the catalog)
 * in two lists, so an order that mixes them cannot be written as such. The list of the kind
 * of the first child is written first: a reader that takes the lists in the order of their
 * keys (isms_catalog_parse_oscal() does) gets the order back whenever the children are all
 * of one kind followed by all of the other. That holds in the built-in catalogs (chapter 6:
 * clause 6.1, a group, then 6.2 and 6.3, controls; chapter 9 of 2022: 9.1, a control, then
 * the groups 9.2 and 9.3) and in every imported catalog, which was read from two lists.
 *
 * Titles: of built-in catalogs escaped as Markdown (isms__oscal_markup()); of imported ones
 * as they were read (they are Markdown already), an empty one too.
 *
 * Metadata: title isms_catalog_title(), version isms_catalog_version() (an imported catalog
 * read without a version: "unknown"), oscal-version "1.1.3"; built-in catalogs publish on
 * the edition's date (2013-10-01, 2022-10-25, 2024-02-23 for Amd 1, midnight UTC, also their
 * last-modified) with remarks on the copyright of the standard's text; an imported catalog's
 * last-modified is the one it was read with when that is an OSCAL date-time, else
 * "1970-01-01T00:00:00Z" (the epoch: not known) and no `published`.
 */
void isms__oscal_write_catalog(isms__json *w, const isms_catalog *catalog);

/* The writers of oscal-ar.c and oscal-poam.c: the whole text into `out`, the root object
 * included. They return ISMS_OK or the writer's error (w.err), or ISMS_ENOTFOUND; both
 * prepare the document's isms__oscal_doc themselves (ISMS_ENOMEM). */
int isms__oscal_write_ar(isms__buf *out, const isms_document *doc);
int isms__oscal_write_poam(isms__buf *out, const isms_document *doc);

/*
 * Reads the catalog object `catalog` (the value of an OSCAL root's "catalog" key, or an
 * element of a document's "catalogs"), the reader's path at it. Errors name the JSON path
 * below it. On success *out holds one reference (the caller's).
 */
/* True when `s` is a date-time that OSCAL's DateTimeWithTimezoneDatatype accepts (its
 * pattern: YYYY-MM-DDThh:mm:ss of a day that exists in the years 1900–2999, an optional
 * fraction, Z or one of the offsets the pattern lists) (oscal-read.c; the writer checks an
 * imported catalog's last-modified with it before writing it back). */
bool isms__oscal_is_datetime(const char *s);

int isms__oscal_read_catalog(isms__jr *r, json_t *catalog, isms_catalog **out);

#endif
