#!/usr/bin/env python3
"""Fails when an exported function that can run out of memory is not swept by a test.

usage: check-oom.py SOURCE_ROOT [--list]

A *sweep* runs a call with the n-th allocation failing, n = 1, 2, ..., until it succeeds
(tests/test-util.h). A function counts as swept when a test in tests/*.c calls it, directly
or through static functions of that test file (transitively), inside:
  - the first argument of SWEEP(call, check) or the third of SWEEP_WRITE(doc, len, call)
    (the `check` argument runs with the hook off, so it does not count);
  - the import function passed to sweep_import() or sweep_import_file();
  - a hand-written loop: the statements between isms__alloc_fail_at(VARIABLE) and the next
    isms__alloc_fail_at(0) inside a loop.

The rule, for every function declared with ISMS_EXPORT in include/isms/*.h:
  1. Every function that returns int (the fallible ones: any of them could some day report
     ISMS_ENOMEM), reaches an allocation or documents ISMS_ENOMEM is swept, or is in ALLOW
     below with a one-line reason why it cannot run out of memory, or in NO_ENOMEM.
  2. ALLOW is checked against the code: a function listed there must exist, must not reach
     an allocation in lib/ (see below), must not document ISMS_ENOMEM and must not be swept
     (then it does not belong there).
  3. Every function that reaches an allocation returns int and documents ISMS_ENOMEM in its
     comment, itself or through an @return that reads "As isms_other()" (a void, bool, size_t
     or pointer result could not report running out).
  4. NO_ENOMEM holds the functions that allocate but never report ISMS_ENOMEM (the memory is
     for a better error message, with a plainer one when it is missing): each must reach an
     allocation, must not document ISMS_ENOMEM, and must be called by a test between
     isms__alloc_fail_at(1) and isms__alloc_fail_at(0), with every allocation failing.

"Reaches an allocation" is computed from the sources, not from the docs: a call graph of
lib/ (every function defined there, with macros expanded by name and file-scope tables of
function pointers followed) from the function to isms__malloc, isms__calloc or
isms__realloc (the hooked allocators of lib/base/memory.c), or to one of jansson's
allocating functions (json_loadb, json_object, ...: their memory does not go through the
hook, but they can still run out). A reference to a function counts as a call even without
parentheses (callbacks, function pointers). The graph is an over-approximation by design:
a static function of one file is matched by name only within that file and the headers.

With --list the script prints every exported function with its class.
"""
import pathlib
import re
import sys

# ---- the allow-list ----------------------------------------------------------------------
# Exported functions that return int but cannot run out of memory: each reason says why,
# and rule 2 checks that none of them reaches an allocation. Keep one line each.
ALLOW = {
    # assess.h
    "isms_applicability_parse": "looks a word up in a fixed table",
    "isms_assessment_remove": "unlinks the entry from the index and the array, then frees it",
    "isms_assessment_set_date": "stores a checked date",
    "isms_assessment_summarise": "counts into the caller's struct",
    "isms_assessment_year": "returns a stored number",
    "isms_comparison_get": "copies a row into the caller's struct (borrowed texts)",
    "isms_entry_set_applicability": "stores a checked enum value",
    "isms_entry_set_need": "stores a checked enum value",
    "isms_entry_set_reasons": "stores checked flags",
    "isms_entry_set_status": "stores a checked enum value",
    "isms_need_parse": "looks a word up in a fixed table",
    "isms_reason_parse": "reads a word list against a fixed table, on the stack",
    "isms_status_parse": "looks a word up in a fixed table",
    # asset.h
    "isms_aspect_parse": "looks a word up in a fixed table",
    "isms_asset_effective": "reads the stored classification results",
    "isms_asset_interval": "returns a stored number",
    "isms_asset_level": "returns a stored number",
    "isms_asset_overall": "reads the stored classification results",
    "isms_asset_override": "returns a stored number",
    "isms_asset_set_classified": "stores a checked date",
    "isms_asset_set_interval": "stores a checked number",
    "isms_asset_set_level": "stores a checked level and frees the cached classification",
    "isms_asset_set_override": "stores a checked level and frees the cached classification",
    "isms_asset_set_pdata": "stores checked flags and frees the cached classification",
    "isms_asset_set_type": "stores a checked enum value",
    "isms_asset_type_parse": "looks a word up in a fixed table",
    "isms_floors_default": "fills the caller's struct from a fixed table",
    "isms_inventory_floors": "copies a stored struct",
    "isms_inventory_relation": "copies a relation into the caller's struct",
    "isms_inventory_remove": "unlinks the asset and its relations in place, rehashes the "
                             "existing slots, frees the asset",
    "isms_inventory_set_floors": "stores checked floors and frees the cached classification",
    "isms_inventory_summarise": "counts into the caller's struct",
    "isms_inventory_unlink": "removes a relation in place and rehashes the existing slots",
    "isms_pdata_parse": "reads a word list against a fixed table, on the stack",
    "isms_relkind_parse": "looks a word up in a fixed table",
    "isms_scheme_level": "copies a level into the caller's struct (borrowed texts)",
    "isms_special_parse": "reads a word list against a fixed table, on the stack",
    # base.h
    "isms_lang_parse": "looks a word up in a fixed table",
    "isms_text_casecmp": "compares two texts code point by code point",
    # catalog.h
    "isms_attr_parse": "matches the text against the built-in attribute tables",
    "isms_edition_parse": "normalises the text into a stack buffer and compares",
    "isms_item_chapter": "returns a stored number",
    # cvss.h
    "isms_cvss_format": "writes into a stack buffer, then the caller's",
    "isms_cvss_metric": "looks a metric up in the built-in tables (borrowed text)",
    "isms_cvss_parse": "parses into a struct on the stack and scores it",
    "isms_cvss_severity_parse": "looks a word up in a fixed table",
    # document.h
    "isms_document_context": "returns borrowed texts",
    "isms_document_remove_assessment": "unlinks the assessment in place and frees it",
    "isms_document_remove_catalog": "unlinks the catalog in place and drops a reference",
    "isms_document_schedule_options": "fills the caller's struct from the settings",
    "isms_document_set_date": "stores a checked date",
    "isms_document_set_inventory": "swaps in the caller's inventory and frees the old one",
    "isms_document_set_lang": "stores a checked enum value",
    "isms_document_set_plan": "swaps in the caller's plan and frees the old one",
    "isms_document_settings": "copies a stored struct",
    "isms_document_year": "returns a stored number",
    "isms_table_kind_parse": "looks a word up in a fixed table",
    # findings.h
    "isms_findings_get": "copies a finding into the caller's struct (borrowed texts)",
    "isms_severity_parse": "looks a word up in a fixed table",
    # oscal.h
    "isms_oscal_kind_parse": "looks a word up in a fixed table",
    # period.h
    "isms_date_format": "formats into the caller's buffer",
    "isms_date_parse": "parses digits into the caller's struct",
    "isms_period_compare": "compares two structs",
    "isms_period_containing": "computes dates into the caller's struct",
    "isms_period_format": "formats into a stack buffer, then the caller's",
    "isms_period_next": "computes dates into the caller's struct",
    "isms_period_parse": "parses with fixed tables and stack buffers into the caller's struct",
    # plan.h
    "isms_action_set_cost": "stores a checked number and marks the score stale",
    "isms_action_set_effort": "stores a checked number and marks the score stale",
    "isms_action_set_effort_size": "stores a checked enum value and marks the score stale",
    "isms_action_set_expected_residual": "stores checked levels and marks the score stale",
    "isms_action_set_expected_status": "stores a checked enum value and marks the score stale",
    "isms_action_set_recurrence": "stores a checked enum value and marks the score stale",
    "isms_action_set_status": "stores a checked enum value and marks the score stale",
    "isms_action_status_parse": "looks a word up in a fixed table",
    "isms_effort_parse": "parses a number and a unit (or a size) with fixed tables",
    "isms_plan_remove": "unlinks the action in place and frees it",
    "isms_plan_set_sources": "stores borrowed pointers and marks the scores stale",
    "isms_recurrence_parse": "looks a word up in a fixed table",
    "isms_schedule_item": "copies a slot into the caller's struct",
    "isms_schedule_period": "copies a stored period",
    # quant.h
    "isms_dist_check": "checks the parameters of a struct",
    "isms_dist_constant": "checks and fills the caller's struct",
    "isms_dist_kind_parse": "looks a word up in a fixed table",
    "isms_dist_lognormal90": "checks and fills the caller's struct",
    "isms_dist_mean": "computes from the parameters",
    "isms_dist_normal": "checks and fills the caller's struct",
    "isms_dist_pert": "checks and fills the caller's struct",
    "isms_dist_poisson": "checks and fills the caller's struct",
    "isms_dist_sd": "computes from the parameters",
    "isms_dist_uniform": "checks and fills the caller's struct",
    "isms_fair_check": "checks the model, building its message on the stack",
    "isms_fair_get": "copies a stored struct",
    "isms_fair_node_parse": "looks a word up in fixed tables",
    "isms_fair_set": "stores a checked struct in the model's fixed array",
    "isms_fair_set_events": "stores a flag",
    "isms_pert_method_parse": "looks a word up in a fixed table",
    "isms_simulation_samples": "returns a borrowed array",
    "isms_simulation_stats": "copies stored statistics",
    # rating.h
    "isms_dread_compute": "computes into the caller's struct",
    "isms_dread_format": "formats into a stack buffer, then the caller's",
    "isms_dread_parse": "parses the vector on the stack",
    "isms_method_parse": "looks a word up in a fixed table",
    "isms_owasp_compute": "computes into the caller's struct",
    "isms_owasp_factor_parse": "looks a word up in fixed tables",
    "isms_owasp_format": "formats into a stack buffer, then the caller's",
    "isms_owasp_level_parse": "looks a word up in a fixed table",
    "isms_owasp_parse": "parses the vector on the stack",
    "isms_owasp_severity_parse": "looks a word up in a fixed table",
    "isms_rating_parse": "parses the vector on the stack (CVSS, OWASP or DREAD)",
    # report.h
    "isms_report_format_parse": "looks a word up in a fixed table",
    # risk.h
    "isms_matrix_acceptance": "returns a stored number",
    "isms_matrix_band": "copies a band into the caller's struct (borrowed texts)",
    "isms_matrix_band_of": "searches the stored bands",
    "isms_matrix_builder_set_acceptance": "stores a number",
    "isms_matrix_builder_set_formula": "stores a checked enum value",
    "isms_matrix_denormalize": "computes a number",
    "isms_matrix_find_band": "compares the text with the stored band names",
    "isms_matrix_level": "copies a level into the caller's struct (borrowed texts)",
    "isms_matrix_max_value": "returns a stored number",
    "isms_matrix_min_value": "returns a stored number",
    "isms_matrix_score": "looks the cell up in the stored grid",
    "isms_matrix_score_many": "scores into the caller's arrays",
    "isms_register_band_counts": "counts into the caller's array",
    "isms_register_heatmap": "counts into the caller's array",
    "isms_register_remove": "unlinks the risk from the index and the array, then frees it",
    "isms_risk_consequence": "returns a stored number",
    "isms_risk_likelihood": "returns a stored number",
    "isms_risk_normalized": "computes from stored values",
    "isms_risk_rating": "copies a stored struct",
    "isms_risk_residual_consequence": "returns a stored number",
    "isms_risk_residual_likelihood": "returns a stored number",
    "isms_risk_score": "looks the stored levels up in the matrix",
    "isms_risk_set_levels": "stores the levels and rescores in place",
    "isms_risk_set_residual": "stores the levels and rescores in place",
    "isms_risk_set_stated_value": "stores a number",
    "isms_risk_set_status": "stores a checked enum value",
    "isms_risk_stated_value": "returns a stored number",
    "isms_risk_status_parse": "looks a word up in a fixed table",
    "isms_risk_value": "returns a stored number",
    "isms_treatment_parse": "looks a word up in a fixed table",
}

# Exported functions that allocate but never report ISMS_ENOMEM: they allocate only to make
# an error message better and fall back to a plainer one when that fails. Rule 4 checks that
# each reaches an allocation, does not document ISMS_ENOMEM, and is called by a test while
# every allocation fails (isms__alloc_fail_at(1)).
NO_ENOMEM = {
    "isms_matrix_parse_level": "lists the labels in an EPARSE message; without memory the "
                               "message says \"a label\"",
    "isms_scheme_parse_level": "lists the labels in an EPARSE message; without memory the "
                               "message says \"a label\"",
}

# Allocators whose failures the test hook injects.
HOOKED = {"isms__malloc", "isms__calloc", "isms__realloc"}
# jansson functions that allocate with jansson's own allocator (not the hook).
JANSSON_ALLOC = re.compile(
    r"^json_(load\w*|loadb|loads|loadf|loadfd|dump\w*|object|array|string\w*|integer|real|"
    r"pack\w*|vpack\w*|copy|deep_copy|object_set\w*|array_append\w*|array_insert\w*|"
    r"array_extend|object_update\w*|sprintf|vsprintf|stringn\w*)$")
# jansson accessors that do not allocate (they match JANSSON_ALLOC's patterns otherwise).
JANSSON_READ = {"json_string_value", "json_string_length", "json_object_get",
                "json_object_size", "json_array_size", "json_array_get",
                "json_object_iter", "json_object_iter_next", "json_object_iter_key",
                "json_object_iter_value", "json_object_iter_at", "json_object_key_to_iter",
                "json_object_getn", "json_object_iter_key_len"}

IDENT = re.compile(r"\b[A-Za-z_]\w*\b")
KEYWORDS = {"if", "for", "while", "switch", "return", "sizeof", "do", "else", "case",
            "_Alignof", "_Static_assert", "defined", "typedef", "struct", "union", "enum"}


def strip_code(text):
    """The text without comments and with string and character literals emptied; line
    structure kept."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "/" and text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j) or " ")
            i = j
        elif c == "/" and text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def split_macros(text):
    """(text without preprocessor lines, {macro name: body})."""
    macros = {}
    kept = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("#"):
            full = line
            while full.endswith("\\") and i + 1 < len(lines):
                i += 1
                full = full[:-1] + " " + lines[i]
            m = re.match(r"\s*#\s*define\s+([A-Za-z_]\w*)(\([^)]*\))?(.*)", full)
            if m:
                macros[m.group(1)] = m.group(3)
            kept.append("")
        else:
            kept.append(line)
        i += 1
    return "\n".join(kept), macros


def matching(text, i, open_c, close_c):
    """Index just past the bracket that closes the one at text[i]."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == open_c:
            depth += 1
        elif text[j] == close_c:
            depth -= 1
            if depth == 0:
                return j + 1
    return len(text)


def top_level_blocks(text):
    """Yields (head, body) for each brace block at file scope: `head` is the text from the
    end of the previous declaration to the brace."""
    i, start = 0, 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "{":
            end = matching(text, i, "{", "}")
            yield text[start:i], text[i:end]
            i = start = end
        elif c == ";":
            i += 1
            start = i
        elif c == "(":
            i = matching(text, i, "(", ")")
        else:
            i += 1


FUNC_HEAD = re.compile(r"\b([A-Za-z_]\w*)\s*\((?:[^()]|\([^()]*\))*\)\s*"
                       r"(?:__attribute__\s*\(\(.*?\)\)\s*)*$", re.S)


class Graph:
    """The call graph of lib/: nodes are functions, macros and file-scope tables."""

    def __init__(self, lib_dir):
        self.edges = {}          # node -> set of identifiers it refers to
        self.scope = {}          # node -> file key (for file-local lookups)
        self.global_funcs = {}   # name -> node of a non-static function
        self.local = {}          # (file, name) -> node (statics, macros, tables of a .c)
        self.header = {}         # name -> node (static inline functions, macros of .h files)
        for path in sorted(pathlib.Path(lib_dir).rglob("*.[ch]")):
            self._read(path)

    def _add(self, file_key, name, refs, is_static, in_header):
        node = f"{file_key}:{name}" if (is_static or not name.startswith("isms")) else name
        if in_header and node != name:
            self.header.setdefault(name, node)
        elif node != name:
            self.local[(file_key, name)] = node
        else:
            self.global_funcs[name] = node
        self.edges.setdefault(node, set()).update(refs)
        self.scope[node] = file_key
        return node

    def _read(self, path):
        key = str(path)
        in_header = path.suffix == ".h"
        text, macros = split_macros(strip_code(path.read_text(encoding="utf-8")))
        for name, body in macros.items():
            self._add(key, name, set(IDENT.findall(body)) - KEYWORDS, True, in_header)
        for head, body in top_level_blocks(text):
            head = head.strip()
            refs = set(IDENT.findall(body)) - KEYWORDS
            if "=" in head:  # a table or an initialised variable: refers to what it holds
                m = re.search(r"\b([A-Za-z_]\w*)\s*(?:\[[^\]]*\]\s*)*=\s*$", head)
                if m:
                    self._add(key, m.group(1), refs, True, in_header)
                continue
            m = FUNC_HEAD.search(head)
            if not m or m.group(1) in KEYWORDS:
                continue
            is_static = re.search(r"\bstatic\b", head) is not None
            if not is_static and not m.group(1).startswith("isms"):
                is_static = True  # e.g. a callback without `static` (should not happen)
            self._add(key, m.group(1), refs, is_static, in_header)

    def resolve(self, file_key, name):
        return (self.local.get((file_key, name)) or self.header.get(name)
                or self.global_funcs.get(name))

    def reach(self, start):
        """(hooked, jansson): the first path found from `start` to a hooked allocator and to
        a jansson allocation, each a list of nodes, or None."""
        seen = {start}
        parent = {start: None}
        queue = [start]
        found = {"hooked": None, "jansson": None}

        def path(node, last):
            out = [last]
            while node is not None:
                out.append(node.split(":")[-1])
                node = parent[node]
            return list(reversed(out))

        while queue and (found["hooked"] is None or found["jansson"] is None):
            node = queue.pop(0)
            for ref in sorted(self.edges.get(node, ())):
                if ref in HOOKED:
                    if found["hooked"] is None:
                        found["hooked"] = path(node, ref)
                    continue
                if ref not in JANSSON_READ and JANSSON_ALLOC.match(ref):
                    if found["jansson"] is None:
                        found["jansson"] = path(node, ref)
                    continue
                nxt = self.resolve(self.scope[node], ref)
                if nxt and nxt not in seen:
                    seen.add(nxt)
                    parent[nxt] = node
                    queue.append(nxt)
        return found["hooked"], found["jansson"]


# ---- the public API ------------------------------------------------------------------------
DECL = re.compile(r"/\*\*((?:(?!\*/).)*)\*/\s*ISMS_EXPORT\s+([^;(]*?)\b(isms_\w+)\s*\(", re.S)


def exported(include_dir):
    """{name: (return type, doc comment)} for every ISMS_EXPORT function."""
    funcs = {}
    for header in sorted(pathlib.Path(include_dir).glob("*.h")):
        for m in DECL.finditer(header.read_text(encoding="utf-8")):
            funcs[m.group(3)] = (" ".join(m.group(2).split()), m.group(1))
    return funcs


def return_doc(doc):
    """The text of the @return paragraph of a doc comment ("" when it has none)."""
    m = re.search(r"@return\b(.*?)(?=\n\s*\*\s*@|\Z)", doc, re.S)
    return m.group(1) if m else ""


def documents_enomem(funcs, name, seen=None):
    """True when the comment of `name` lists ISMS_ENOMEM, itself or through an @return that
    reads "As isms_other()" (transitively)."""
    seen = seen or set()
    seen.add(name)
    doc = funcs[name][1]
    if re.search(r"\bISMS_ENOMEM\b", doc):
        return True
    m = re.match(r"\s*As\s+(isms_\w+)\(\)", return_doc(doc))
    return bool(m and m.group(1) in funcs and m.group(1) not in seen
                and documents_enomem(funcs, m.group(1), seen))


# ---- the tests -----------------------------------------------------------------------------
def call_args(text, i):
    """The top-level arguments of the call whose '(' is at text[i], and the end index."""
    end = matching(text, i, "(", ")")
    inner = text[i + 1:end - 1]
    args, depth, last = [], 0, 0
    for j, c in enumerate(inner):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            args.append(inner[last:j])
            last = j + 1
    args.append(inner[last:])
    return args, end


def swept_in(path):
    """({exported name called under a sweep: 'file:line'}, {name called while every
    allocation fails: 'file:line'}) for one test file."""
    text, _ = split_macros(strip_code(path.read_text(encoding="utf-8")))
    statics = {}
    for head, body in top_level_blocks(text):
        m = FUNC_HEAD.search(head.strip())
        if m and "=" not in head:
            statics[m.group(1)] = body

    def calls(snippet, seen):
        out = set(re.findall(r"\b(isms_\w+)\s*\(", snippet))
        for ident in IDENT.findall(snippet):  # static helpers, called or passed as pointers
            if ident in statics and ident not in seen:
                seen.add(ident)
                out |= calls(statics[ident], seen)
        return out

    found, starved = {}, {}

    def record(names, pos, into=found):
        line = text.count("\n", 0, pos) + 1
        for name in names:
            into.setdefault(name, f"{path.name}:{line}")

    for m in re.finditer(r"\b(SWEEP|SWEEP_WRITE|sweep_import|sweep_import_file)\s*\(", text):
        args, _ = call_args(text, m.end() - 1)
        kind = m.group(1)
        if kind == "SWEEP":
            region = args[0]
        elif kind == "SWEEP_WRITE":
            region = args[2] if len(args) > 2 else ""
        else:
            region = args[0] + "()"  # the import function
        record(calls(region, set()), m.start())
    # Hand-written loops: from isms__alloc_fail_at(n) with a variable to the next reset;
    # isms__alloc_fail_at(1) to the next reset: every allocation fails.
    reset = re.compile(r"\bisms__alloc_fail_at\s*\(\s*0\s*\)")
    for m in re.finditer(r"\bisms__alloc_fail_at\s*\(\s*(1|[A-Za-z_]\w*)\s*\)", text):
        stop = reset.search(text, m.end())
        if stop:
            record(calls(text[m.end():stop.start()], set()), m.start(),
                   starved if m.group(1) == "1" else found)
    return found, starved


def main():
    root = pathlib.Path(sys.argv[1])
    listing = "--list" in sys.argv[2:]
    funcs = exported(root / "include" / "isms")
    graph = Graph(root / "lib")
    swept, starved = {}, {}
    for test in sorted((root / "tests").glob("*.c")):
        found, hungry = swept_in(test)
        for name, where in found.items():
            swept.setdefault(name, where)
        for name, where in hungry.items():
            starved.setdefault(name, where)

    problems = []
    counts = {"int": 0, "swept": 0, "allowed": 0, "reach": 0, "must": 0}
    for name in sorted(funcs):
        ret, doc = funcs[name]
        node = graph.global_funcs.get(name)
        hooked, jansson = graph.reach(node) if node else (None, None)
        if node is None:
            problems.append(f"{name}: declared but not defined in lib/ (the scanner missed it?)")
        reaches = hooked or jansson
        counts["reach"] += bool(reaches)
        how = " -> ".join(hooked or jansson or [])
        if ret == "int":
            counts["int"] += 1
        if name in ALLOW:
            counts["allowed"] += 1
            if reaches:
                problems.append(f"{name}: in ALLOW (\"{ALLOW[name]}\") but it allocates: {how}")
            if documents_enomem(funcs, name):
                problems.append(f"{name}: in ALLOW but its comment documents ISMS_ENOMEM")
            if name in swept:
                problems.append(f"{name}: in ALLOW but swept ({swept[name]}): remove it from ALLOW")
        if reaches and ret != "int":
            problems.append(f"{name}: returns {ret} but allocates ({how}): it cannot report "
                            "ISMS_ENOMEM")
        if name in NO_ENOMEM:
            counts["allowed"] += 1
            if not hooked:
                problems.append(f"{name}: in NO_ENOMEM but it does not allocate: move it to "
                                "ALLOW")
            if documents_enomem(funcs, name):
                problems.append(f"{name}: in NO_ENOMEM but its comment documents ISMS_ENOMEM")
            if name not in starved:
                problems.append(f"{name}: in NO_ENOMEM but no test calls it after "
                                "isms__alloc_fail_at(1)")
            if name in ALLOW:
                problems.append(f"{name}: in both ALLOW and NO_ENOMEM")
        elif reaches and ret == "int" and not documents_enomem(funcs, name):
            problems.append(f"{name}: allocates ({how}) but its comment does not document "
                            "ISMS_ENOMEM")
        must = ret == "int" or reaches or documents_enomem(funcs, name)
        counts["must"] += must
        counts["swept"] += must and name in swept
        if must and name not in swept and name not in ALLOW and name not in NO_ENOMEM:
            why = f"allocates: {how}" if reaches else (
                "documents ISMS_ENOMEM" if documents_enomem(funcs, name) else "returns int")
            problems.append(f"{name}: not swept by any test and not in ALLOW ({why})")
        if listing:
            cls = ("swept " + swept[name]) if name in swept else (
                "ALLOW" if name in ALLOW else "-")
            print(f"{name:45} {ret:22} {'alloc' if hooked else ('jansson' if jansson else '-'):8}"
                  f" {'doc' if documents_enomem(funcs, name) else '-':4} {cls}")
    for name in sorted((set(ALLOW) | set(NO_ENOMEM)) - set(funcs)):
        problems.append(f"{name}: in ALLOW or NO_ENOMEM but not an exported function")
    for p in problems:
        print(p)
    print(f"{len(funcs)} exported functions, {counts['int']} return int, {counts['reach']} "
          f"reach an allocation; of the {counts['must']} that must be swept or allowed, "
          f"{counts['swept']} are swept and {counts['allowed']} allowed; {len(problems)} "
          "problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
