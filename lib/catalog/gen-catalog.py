#!/usr/bin/python3
"""Generates lib/catalog/catalog-data.c, the built-in ISO/IEC 27001 catalogs, from the TSV
files of the ISO/IEC 27001 reference pack.

usage: gen-catalog.py [REFDIR] [-o OUTPUT] [--check]

REFDIR defaults to ../shared/reference/iso27001 next to the repository; OUTPUT defaults to
catalog-data.c next to this script. With --check nothing is written: the exit status is 1
when OUTPUT differs from what would be generated.

The pack is read, checked (unique ids, existing parents, attribute vocabulary, mapping
endpoints) and turned into relocation-free tables: every string lives in one text pool and
is referred to by its offset, every item, child, requirement and mapping edge by a 16-bit
index. The layout is described in catalog-internal.h. Only the Python standard library is
used, and the output depends on nothing but the input files (no dates, no paths).
"""
import argparse
import hashlib
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_REFDIR = REPO.parent / "shared" / "reference" / "iso27001"
DEFAULT_OUTPUT = HERE / "catalog-data.c"

FILES = ("clauses-2013.tsv", "clauses-2022.tsv", "annex-a-2013.tsv", "annex-a-2022.tsv",
         "attributes-2022.tsv", "attribute-values-2022.tsv", "mapping-2013-2022.tsv",
         "amendment-2024.tsv")

NONE = 0xFFFF

# The enums of include/isms/catalog.h.
EDITIONS = (("2013", "ISMS_EDITION_2013"), ("2022", "ISMS_EDITION_2022"),
            ("2022-amd1", "ISMS_EDITION_2022_AMD1"))
KINDS = {"chapter": "ISMS_ITEM_CHAPTER", "clause": "ISMS_ITEM_CLAUSE",
         "subclause": "ISMS_ITEM_SUBCLAUSE", "annex": "ISMS_ITEM_ANNEX",
         "group": "ISMS_ITEM_GROUP", "objective": "ISMS_ITEM_OBJECTIVE",
         "control": "ISMS_ITEM_CONTROL"}
THEMES = {"organizational": (1, "A.5", "Organizational controls"),
          "people": (2, "A.6", "People controls"),
          "physical": (3, "A.7", "Physical controls"),
          "technological": (4, "A.8", "Technological controls")}
THEME_ENUMS = ("ISMS_THEME_NONE", "ISMS_THEME_ORGANIZATIONAL", "ISMS_THEME_PEOPLE",
               "ISMS_THEME_PHYSICAL", "ISMS_THEME_TECHNOLOGICAL")
FAMILIES = ("control_type", "properties", "concepts", "capabilities", "domains")
RELATIONS = {"equal": "ISMS_RELATION_EQUAL", "subset": "ISMS_RELATION_SUBSET",
             "superset": "ISMS_RELATION_SUPERSET", "intersect": "ISMS_RELATION_INTERSECT",
             "removed": "ISMS_RELATION_REMOVED"}

# Headings of Annex A itself, which the pack does not list (the standards' own headings).
ANNEX_TITLES = {"2013": "Reference control objectives and controls",
                "2022": "Information security controls reference"}

# Our own Swedish labels of the ISO/IEC 27002:2022 attribute values (no official Swedish
# wording is built in). Keyed by the standard's name, so a reordered vocabulary still gets
# the right label; a value without a label stops the generator.
SWEDISH = {
    "Preventive": "Förebyggande",
    "Detective": "Upptäckande",
    "Corrective": "Korrigerande",
    "Confidentiality": "Konfidentialitet",
    "Integrity": "Riktighet",
    "Availability": "Tillgänglighet",
    "Identify": "Identifiera",
    "Protect": "Skydda",
    "Detect": "Upptäcka",
    "Respond": "Hantera",
    "Recover": "Återställa",
    "Governance": "Styrning",
    "Asset_management": "Hantering av tillgångar",
    "Information_protection": "Informationsskydd",
    "Human_resource_security": "Personalsäkerhet",
    "Physical_security": "Fysisk säkerhet",
    "System_and_network_security": "System- och nätverkssäkerhet",
    "Application_security": "Applikationssäkerhet",
    "Secure_configuration": "Säker konfiguration",
    "Identity_and_access_management": "Identitets- och behörighetshantering",
    "Threat_and_vulnerability_management": "Hot- och sårbarhetshantering",
    "Continuity": "Kontinuitet",
    "Supplier_relationships_security": "Säkerhet i leverantörsrelationer",
    "Legal_and_compliance": "Rättsliga krav och efterlevnad",
    "Information_security_event_management": "Hantering av informationssäkerhetshändelser",
    "Information_security_assurance": "Säkerställande av informationssäkerhet",
    "Governance_and_Ecosystem": "Styrning och ekosystem",
    "Protection": "Skydd",
    "Defence": "Försvar",
    "Resilience": "Motståndskraft",
}

# Flags of struct isms_item (catalog-internal.h).
F_ASSESSABLE, F_NEW, F_AMENDED = 1, 2, 4


class DataError(Exception):
    pass


def read_tsv(refdir, name, columns):
    """Rows of a pack file as dicts; checks the header and the width of every row."""
    path = refdir / name
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        raise DataError(f"{name}: no final newline")
    lines = text[:-1].split("\n")
    header = lines[0].split("\t")
    if header[:len(columns)] != list(columns):
        raise DataError(f"{name}: header {header}, expected {list(columns)} first")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise DataError(f"{name}:{n}: {len(cells)} cells, expected {len(header)}")
        rows.append(dict(zip(header, cells)))
    return rows


def numbers(ident):
    """(annex, (n1, n2, ...)) of an id: "6.1.2" -> (False, (6, 1, 2)), "A.5" -> (True, (5,))."""
    annex = ident == "A" or ident.startswith("A.")
    rest = ident[2:] if ident.startswith("A.") else ("" if ident == "A" else ident)
    parts = tuple(int(p) for p in rest.split(".")) if rest else ()
    if any(p < 0 or p > 255 for p in parts) or len(parts) > 3:
        raise DataError(f"id {ident!r} does not fit the look-up key")
    return annex, parts


def lookup_key(ident):
    """The key that isms_catalog_find() computes (catalog.c: make_key); keep them equal."""
    annex, parts = numbers(ident)
    padded = parts + (0,) * (3 - len(parts))
    return (int(annex) << 30) | (len(parts) << 24) | (padded[0] << 16) | (padded[1] << 8) \
        | padded[2]


def yes_no(value, where):
    if value not in ("yes", "no"):
        raise DataError(f"{where}: {value!r} is neither yes nor no")
    return value == "yes"


def load(refdir):
    clauses = {ed: read_tsv(refdir, f"clauses-{ed}.tsv",
                            ("id", "parent", "title_en", "kind", "assessable"))
               for ed in ("2013", "2022")}
    annex13 = read_tsv(refdir, "annex-a-2013.tsv",
                       ("id", "domain", "objective", "title_en", "domain_title",
                        "objective_title"))
    annex22 = read_tsv(refdir, "annex-a-2022.tsv",
                       ("id", "theme", "title_en", "new_in_2022", "annex_a_ref"))
    attrs = read_tsv(refdir, "attributes-2022.tsv", ("id",) + FAMILIES)
    vocab = read_tsv(refdir, "attribute-values-2022.tsv", ("attribute", "value"))
    mapping = read_tsv(refdir, "mapping-2013-2022.tsv",
                       ("from_2013", "to_2022", "relationship", "scope"))
    amendment = read_tsv(refdir, "amendment-2024.tsv", ("clause_id", "change_type", "summary"))
    return clauses, annex13, annex22, attrs, vocab, mapping, amendment


def build_items(edition, clauses, annex13, annex22, attr_rows, amendment):
    """The items of one edition as dicts, in document order."""
    items = {}

    def add(ident, **fields):
        if ident in items:
            raise DataError(f"{edition}: duplicate id {ident}")
        item = {"id": ident, "parent": None, "assessable": False, "new": False,
                "theme": 0, "attrs": None, "amendment": "", "amended": False}
        item.update(fields)
        items[ident] = item

    base = "2013" if edition == "2013" else "2022"
    for row in clauses[base]:
        kind = row["kind"]
        if kind not in ("chapter", "clause", "subclause"):
            raise DataError(f"clauses-{base}.tsv: {row['id']}: unknown kind {kind!r}")
        _, parts = numbers(row["id"])
        if len(parts) != {"chapter": 1, "clause": 2, "subclause": 3}[kind]:
            raise DataError(f"clauses-{base}.tsv: {row['id']} is no {kind}")
        add(row["id"], title=row["title_en"], kind=kind, parent=row["parent"] or None,
            assessable=yes_no(row["assessable"], f"clauses-{base}.tsv: {row['id']}"),
            new=base == "2022" and row.get("change_vs_2013") == "new")
    add("A", title=ANNEX_TITLES[base], kind="annex")
    if base == "2013":
        for row in annex13:
            if row["domain"] not in items:
                add(row["domain"], title=row["domain_title"], kind="group", parent="A")
            elif items[row["domain"]]["title"] != row["domain_title"]:
                raise DataError(f"annex-a-2013.tsv: {row['id']}: domain title differs")
            if row["objective"] not in items:
                add(row["objective"], title=row["objective_title"], kind="objective",
                    parent=row["domain"])
            elif items[row["objective"]]["title"] != row["objective_title"]:
                raise DataError(f"annex-a-2013.tsv: {row['id']}: objective title differs")
            if not (row["objective"].startswith(row["domain"] + ".")
                    and row["id"].startswith(row["objective"] + ".")):
                raise DataError(f"annex-a-2013.tsv: {row['id']}: inconsistent numbering")
            add(row["id"], title=row["title_en"], kind="control", parent=row["objective"],
                assessable=True)
    else:
        for name, (number, ident, title) in sorted(THEMES.items(), key=lambda t: t[1][0]):
            add(ident, title=title, kind="group", parent="A", theme=number)
        for row in annex22:
            if row["theme"] not in THEMES:
                raise DataError(f"annex-a-2022.tsv: {row['id']}: unknown theme {row['theme']!r}")
            number, group, _ = THEMES[row["theme"]]
            if row["annex_a_ref"] != "A." + row["id"] or not row["id"].startswith(group[2:] + "."):
                raise DataError(f"annex-a-2022.tsv: {row['id']}: inconsistent annex_a_ref/theme")
            bits = attr_rows.get(row["id"])
            if bits is None:
                raise DataError(f"attributes-2022.tsv: no row for {row['id']}")
            add(row["annex_a_ref"], title=row["title_en"], kind="control", parent=group,
                assessable=True, theme=number, attrs=bits,
                new=yes_no(row["new_in_2022"], f"annex-a-2022.tsv: {row['id']}"))
        if set(attr_rows) != {row["id"] for row in annex22}:
            raise DataError("attributes-2022.tsv and annex-a-2022.tsv list different controls")
    if edition == "2022-amd1":
        for row in amendment:
            item = items.get(row["clause_id"])
            if item is None or item["kind"] == "chapter" or numbers(row["clause_id"])[0]:
                raise DataError(f"amendment-2024.tsv: {row['clause_id']} is no clause")
            if row["change_type"] not in ("requirement", "note"):
                raise DataError(f"amendment-2024.tsv: unknown change_type {row['change_type']!r}")
            item["amendment"] = row["summary"]
            item["amended"] = row["change_type"] == "requirement"

    # Document order: chapters with their clauses depth first, then Annex A depth first. With
    # every id read as (annex, numbers), that is plain tuple order.
    order = sorted(items.values(), key=lambda it: numbers(it["id"]))
    for it in order:
        if it["parent"] is not None and it["parent"] not in items:
            raise DataError(f"{edition}: parent {it['parent']} of {it['id']} does not exist")
        if it["parent"] is None and it["kind"] not in ("chapter", "annex"):
            raise DataError(f"{edition}: {it['id']} has no parent")
    return order


def parse_attrs(attrs, vocab):
    """{control id: [bits per family]} with bit i = the i-th value of the family."""
    index = {f: [] for f in FAMILIES}
    for row in vocab:
        if row["attribute"] not in index:
            raise DataError(f"attribute-values-2022.tsv: unknown attribute {row['attribute']!r}")
        index[row["attribute"]].append(row["value"])
    for family, values in index.items():
        if not values or len(values) > 16 or len(set(values)) != len(values):
            raise DataError(f"attribute-values-2022.tsv: bad value list for {family}")
    out = {}
    for row in attrs:
        if row["id"] in out:
            raise DataError(f"attributes-2022.tsv: duplicate {row['id']}")
        bits = []
        for family in FAMILIES:
            mask = 0
            for value in row[family].split(","):
                if value not in index[family]:
                    raise DataError(f"attributes-2022.tsv: {row['id']}: {value!r} is no "
                                    f"{family} value")
                mask |= 1 << index[family].index(value)
            bits.append(mask)
        out[row["id"]] = bits
    return index, out


class TextPool:
    """Every string once, NUL-terminated, in order of first use, in pages of at most
    PAGE_FILL bytes: a portable compiler need not take a longer string literal (C11 5.2.4.1
    guarantees 4095 characters). An offset is (page << PAGE_BITS) | position in the page;
    offset 0 is ""."""

    PAGE_BITS = 12
    PAGE_FILL = 4000
    MAX_PAGES = 16

    def __init__(self):
        self.pages = [[]]  # per page: the strings in order
        self.fill = [0]    # per page: bytes used
        self.offsets = {}
        self.add("")

    def add(self, s):
        if s not in self.offsets:
            size = len(s.encode("utf-8")) + 1
            if size > self.PAGE_FILL:
                raise DataError(f"string too long for a text page: {s[:40]}…")
            if self.fill[-1] + size > self.PAGE_FILL:
                if len(self.pages) == self.MAX_PAGES:
                    raise DataError("text pool too large for 16-bit offsets")
                self.pages.append([])
                self.fill.append(0)
            self.offsets[s] = ((len(self.pages) - 1) << self.PAGE_BITS) | self.fill[-1]
            self.pages[-1].append(s)
            self.fill[-1] += size
        return self.offsets[s]


def c_string(s, width=1000):
    """C string literals for s, each at most `width` characters of content: printable ASCII
    and UTF-8 text as is; quotes, backslashes and question marks (trigraphs) escaped; control
    characters as three-digit octal escapes. A long string becomes several literals (the
    compiler joins them), never split inside an escape."""
    tokens = []
    for ch in s:
        if ch in '"\\?':
            tokens.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            tokens.append(f"\\{ord(ch):03o}")
        else:
            tokens.append(ch)
    chunks, cur = [], []  # cur: the tokens of the chunk being filled
    for t in tokens:
        if sum(map(len, cur)) + len(t) > width:
            # Break after the last space when there is one, so words stay whole.
            cut = max((i + 1 for i, x in enumerate(cur) if x == " "), default=len(cur))
            chunks.append("".join(cur[:cut]))
            cur = cur[cut:]
        cur.append(t)
    chunks.append("".join(cur))
    return ['"' + c + '"' for c in chunks]


def wrap(first, tokens, indent, width=100):
    """Lines of `first` followed by comma-separated tokens, wrapped at `width` columns."""
    lines, cur = [], first
    for i, t in enumerate(tokens):
        piece = t + ("," if i < len(tokens) - 1 else "")
        if len(cur) + 1 + len(piece) > width and cur.strip():
            lines.append(cur.rstrip())
            cur = indent + piece
        else:
            cur += ("" if cur.endswith(" ") else " ") + piece
    lines.append(cur)
    return lines


def section(title):
    """A section comment as in the hand-written sources, 91 columns wide."""
    head = f"/* ---- {title} "
    return head + "-" * (91 - len(head) - 3) + " */\n"


def c_comment(s):
    return s.replace("*/", "* /")


def oscal_id(ident):
    """The OSCAL id of a built-in item: `clause-6.1.2` for chapters and clauses, `annex-a`
    for Annex A, the id in lowercase (`a.5.1`) for the items under it."""
    if ident == "A":
        return "annex-a"
    if ident.startswith("A."):
        return ident.lower()
    return "clause-" + ident


def generate(refdir):
    clauses, annex13, annex22, attrs, vocab, mapping, amendment = load(refdir)
    vocab_index, attr_rows = parse_attrs(attrs, vocab)
    pool = TextPool()

    catalogs = {}
    for ed, _ in EDITIONS:
        catalogs[ed] = build_items(ed, clauses, annex13, annex22, attr_rows, amendment)
        if len(catalogs[ed]) >= NONE:
            raise DataError(f"{ed}: too many items for 16-bit indices")
    shape = [(it["id"], it["parent"]) for it in catalogs["2022"]]
    if shape != [(it["id"], it["parent"]) for it in catalogs["2022-amd1"]]:
        raise DataError("the amended 2022 catalog must have the items of 2022")

    # Mapping edges (2013 index, 2022 index, relation), sorted by both ends' document order.
    pos = {ed: {it["id"]: i for i, it in enumerate(items)} for ed, items in catalogs.items()}
    edges = set()
    for n, row in enumerate(mapping, start=2):
        a = pos["2013"].get(row["from_2013"])
        b = pos["2022"].get(row["to_2022"])
        if a is None or not catalogs["2013"][a]["assessable"]:
            raise DataError(f"mapping-2013-2022.tsv:{n}: {row['from_2013']} is no 2013 requirement")
        if b is None or not catalogs["2022"][b]["assessable"]:
            raise DataError(f"mapping-2013-2022.tsv:{n}: {row['to_2022']} is no 2022 requirement")
        if row["relationship"] not in RELATIONS or row["relationship"] == "removed":
            raise DataError(f"mapping-2013-2022.tsv:{n}: relationship {row['relationship']!r}")
        if (a, b) in {(e[0], e[1]) for e in edges}:
            raise DataError(f"mapping-2013-2022.tsv:{n}: duplicate edge")
        edges.add((a, b, row["relationship"]))
    edges = sorted(edges)
    reverse = sorted(range(len(edges)), key=lambda e: (edges[e][1], edges[e][0]))
    fwd_span, rev_span = {}, {}
    for e, (a, b, _) in enumerate(edges):
        fwd_span.setdefault(a, [e, 0])[1] += 1
    for r, e in enumerate(reverse):
        rev_span.setdefault(edges[e][1], [r, 0])[1] += 1
    if max(n for _, n in list(fwd_span.values()) + list(rev_span.values())) > 255:
        raise DataError("an item has too many mapping edges for 8 bits")

    # Intern the strings in a fixed order: ids and titles by catalog, then the rest.
    for ed, _ in EDITIONS:
        for it in catalogs[ed]:
            pool.add(it["id"])
            pool.add(it["title"])
            pool.add(it["amendment"])
    values = []
    first = [0]
    for family in FAMILIES:
        for name in vocab_index[family]:
            if name not in SWEDISH:
                raise DataError(f"no Swedish label for the attribute value {name}")
            values.append((pool.add(name), pool.add(name.replace("_", " ")),
                           pool.add(SWEDISH[name]), family, name))
        first.append(len(values))
    # The OSCAL ids (isms_item_oscal_id()) come last, so that adding them moved no offset.
    for ed, _ in EDITIONS:
        for it in catalogs[ed]:
            pool.add(oscal_id(it["id"]))

    out = []
    w = out.append
    digests = "\n".join(f" *   {name:26} sha256 "
                        f"{hashlib.sha256((refdir / name).read_bytes()).hexdigest()[:32]}…"
                        for name in FILES)
    w(f"""/* GENERATED FILE: DO NOT EDIT. It holds the built-in ISO/IEC 27001 catalogs.
 *
 * Generated by lib/catalog/gen-catalog.py from the ISO/IEC 27001 reference pack
 * (shared/reference/iso27001, see its README.md for sources and corrections):
{digests}
 *
 * Regenerate from the repository root with
 *   /usr/bin/python3 lib/catalog/gen-catalog.py [REFDIR]
 * (REFDIR defaults to ../shared/reference/iso27001). The layout of the tables is described
 * in catalog-internal.h. Titles are short headings only; ISO/IEC holds the copyright of the
 * standards.
 */
#include "catalog-internal.h"
""")

    # ---- text pool
    w("/* Every string, NUL-terminated, in pages of at most 4000 bytes (the longest string")
    w(" * literal C11 guarantees is 4095 characters). Items refer to a string by its offset:")
    w(" * page << 12 | position in the page. */")
    for n, page in enumerate(pool.pages):
        w(f"static const char text_{n}[] =")
        for s in page:
            parts = c_string(s, 72)
            parts[-1] += ' "\\0"'
            w(f"    /* 0x{pool.offsets[s]:04x} */ {parts[0]}")
            for part in parts[1:]:
                w(f"                  {part}")
        w(f"    ; /* {pool.fill[n]} bytes */\n")
    w("const char *const isms__cat_text[] = { "
      + ", ".join(f"text_{n}" for n in range(len(pool.pages))) + " };\n")

    # ---- attribute vocabulary
    w("/* The attribute values of ISO/IEC 27002:2022 §4.2 in canonical order:")
    w(" * name, English label, Swedish label (offsets into isms__cat_text). */")
    w("const struct isms__attr_value isms__attr_values[] = {")
    for name_off, en_off, sv_off, family, name in values:
        w(f"    {{ {name_off:5}, {en_off:5}, {sv_off:5} }}, /* {family}: {c_comment(name)} */")
    w("};\n")
    w("/* Family f has the values isms__attr_first[f] .. isms__attr_first[f + 1] - 1. */")
    w("const uint8_t isms__attr_first[ISMS_ATTR_FAMILIES + 1] = { "
      + ", ".join(str(x) for x in first) + " };\n")
    w("/* Attribute bits of the 2022 controls in document order, one mask per family. */")
    w("const uint16_t isms__cat_attrs[][ISMS_ATTR_FAMILIES] = {")
    attr_of = {}
    for i, it in enumerate(it for it in catalogs["2022"] if it["attrs"] is not None):
        attr_of[it["id"]] = i
        w(f"    {{ 0x{it['attrs'][0]:x}, 0x{it['attrs'][1]:x}, 0x{it['attrs'][2]:02x}, "
          f"0x{it['attrs'][3]:04x}, 0x{it['attrs'][4]:x} }}, /* {it['id']} */")
    w("};\n")

    # ---- mapping
    w("/* The 2013 -> 2022 mapping edges: 2013 item index, 2022 item index, relation read from")
    w(" * the 2013 side; sorted by the 2013 item, then the 2022 item (document order). */")
    w("const struct isms__cat_edge isms__cat_edges[] = {")
    for a, b, rel in edges:
        w(f"    {{ {a:3}, {b:3}, {RELATIONS[rel]} }}, /* {catalogs['2013'][a]['id']} -> "
          f"{catalogs['2022'][b]['id']} */")
    w("};\n")
    w("/* Indices into isms__cat_edges sorted by the 2022 item, then the 2013 item. */")
    w("const uint16_t isms__cat_rev[] = {")
    for i in range(0, len(reverse), 12):
        w("    " + " ".join(f"{e:3}," for e in reverse[i:i + 12]))
    w("};\n")

    # ---- catalogs
    shared = {}
    for ed, enum in EDITIONS:
        items = catalogs[ed]
        p = pos[ed]
        sym = ed.replace("-", "_")
        tables = "2013" if ed == "2013" else "2022"
        kids = {it["id"]: [] for it in items}
        roots = []
        for i, it in enumerate(items):
            (kids[it["parent"]] if it["parent"] else roots).append(i)
        child_list, child_at = [], {}
        for it in items:
            child_at[it["id"]] = len(child_list)
            child_list.extend(kids[it["id"]])
        for it in items:
            if len(kids[it["id"]]) > 255:
                raise DataError(f"{it['id']} has too many children")
        reqs = [i for i, it in enumerate(items) if it["assessable"]]
        n_clause = sum(1 for i in reqs if not numbers(items[i]["id"])[0])
        if reqs[:n_clause] != [i for i in reqs if not numbers(items[i]["id"])[0]]:
            raise DataError("requirements: clauses must come first")
        index = sorted((lookup_key(it["id"]), i) for i, it in enumerate(items))
        if len({k for k, _ in index}) != len(index):
            raise DataError(f"{ed}: two ids with the same look-up key")

        def group_of(it):
            while it is not None and it["kind"] not in ("group",):
                it = items[p[it["parent"]]] if it["parent"] else None
            return it

        def chapter_of(it):
            annex, parts = numbers(it["id"])
            return 0 if annex else parts[0]

        if tables == ed:
            w(section(f"ISO/IEC 27001:{tables}"))
            w("/* Children of every item, concatenated in document order. */")
            w(f"static const uint16_t children_{tables}[] = {{")
            for i in range(0, len(child_list), 12):
                w("    " + " ".join(f"{c:3}," for c in child_list[i:i + 12]))
            w("};\n")
            w(f"static const uint16_t roots_{tables}[] = {{ "
              + ", ".join(str(r) for r in roots) + " };\n")
            w(f"/* Assessable items in document order: {n_clause} clauses, then "
              f"{len(reqs) - n_clause} controls. */")
            w(f"static const uint16_t requirements_{tables}[] = {{")
            for i in range(0, len(reqs), 12):
                w("    " + " ".join(f"{c:3}," for c in reqs[i:i + 12]))
            w("};\n")
            w("/* Look-up keys (see make_key in catalog.c) sorted, with their items. */")
            w(f"static const struct isms__cat_key index_{tables}[] = {{")
            for k, i in index:
                w(f"    {{ 0x{k:08x}, {i:3} }}, /* {items[i]['id']} */")
            w("};\n")
            w("/* OSCAL ids (isms_item_oscal_id()) of the items in document order: offsets into")
            w(" * isms__cat_text. */")
            w(f"static const uint16_t oscal_ids_{tables}[] = {{")
            offs = [pool.offsets[oscal_id(it["id"])] for it in items]
            for i in range(0, len(offs), 10):
                w("    " + " ".join(f"{o:5}," for o in offs[i:i + 10]))
            w("};\n")
            shared[tables] = (len(roots), n_clause, len(reqs) - n_clause, len(index))
        else:
            w(section("ISO/IEC 27001:2022/Amd 1:2024").rstrip())
            w("/* The items of 2022 with the notes of the amendment; the child, root,")
            w(" * requirement and look-up tables of 2022 apply unchanged. */\n")

        w("/* id, title, amendment, parent, group, children, attrs, map, n_map, n_children,")
        w(" * kind, edition, chapter, theme, flags (ISMS__ITEM_*: 1 assessable, 2 new, "
          "4 amended) */")
        w(f"static const isms_item items_{sym}[] = {{")
        for i, it in enumerate(items):
            parent = p[it["parent"]] if it["parent"] else NONE
            grp = group_of(it)
            group = p[grp["id"]] if grp is not None else NONE
            attrs_ix = attr_of[it["id"]] if it["attrs"] is not None else NONE
            if ed == "2013":
                span = fwd_span.get(i, [0, 0])
            else:
                span = rev_span.get(pos["2022"][it["id"]], [0, 0])
            flags = ((F_ASSESSABLE if it["assessable"] else 0) | (F_NEW if it["new"] else 0)
                     | (F_AMENDED if it["amended"] else 0))
            fields = [pool.offsets[it["id"]], pool.offsets[it["title"]],
                      pool.offsets[it["amendment"]], parent, group, child_at[it["id"]],
                      attrs_ix, span[0], span[1], len(kids[it["id"]])]
            tokens = [f"0x{f:04x}" if f == NONE else str(f) for f in fields]
            tokens += [KINDS[it["kind"]], enum, str(chapter_of(it)), THEME_ENUMS[it["theme"]],
                       str(flags)]
            w(f"    /* {i}: {c_comment(it['id'])} {c_comment(it['title'])[:80 - len(it['id'])]} */")
            lines = wrap("    {", tokens, "      ")
            lines[-1] += " },"
            out.extend(lines)
        w("};\n")

    w("const struct isms_catalog isms__catalogs[3] = {")
    for ed, enum in EDITIONS:
        sym = ed.replace("-", "_")
        tables = "2013" if ed == "2013" else "2022"
        n_roots, n_clause, n_control, n_index = shared[tables]
        w(f"    {{ items_{sym}, children_{tables}, roots_{tables}, requirements_{tables}, "
          f"index_{tables},")
        w(f"      oscal_ids_{tables},")
        w(f"      {len(catalogs[ed])}, {n_roots}, {n_clause}, {n_control}, {n_index}, {enum} }},")
    w("};")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("refdir", nargs="?", type=pathlib.Path, default=DEFAULT_REFDIR,
                    help="the reference pack (default: %(default)s)")
    ap.add_argument("-o", "--output", type=pathlib.Path, default=DEFAULT_OUTPUT,
                    help="the C file to write (default: %(default)s)")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; fail when OUTPUT is not up to date")
    args = ap.parse_args()
    try:
        text = generate(args.refdir)
    except (DataError, OSError, ValueError) as e:
        print(f"gen-catalog.py: {e}", file=sys.stderr)
        return 2
    if args.check:
        try:
            current = args.output.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            print(f"gen-catalog.py: {args.output} is out of date", file=sys.stderr)
            return 1
        return 0
    if not args.output.exists() or args.output.read_text(encoding="utf-8") != text:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
