"""The ISO/IEC 27001 catalogs: clauses, Annex A, ISO/IEC 27002:2022 attributes and the
mapping between the 2013 and 2022 editions; and catalogs of other frameworks imported from
OSCAL.

The built-in catalogs are static C data: every built-in :class:`Catalog` and :class:`Item`
refers to memory that lives as long as the process, so nothing there is owned or freed, and
the same item is always the same Python object.

An imported catalog (:meth:`Catalog.from_oscal`) is on the heap and reference-counted in C:
its :class:`Catalog` object owns one reference and releases it when it goes away, each of its
items keeps the Catalog object alive, and each assessment held against it keeps a C reference
of its own. So an item or an assessment stays usable after the last reference to the Catalog
object was dropped.
"""

import collections.abc
import os
import weakref
from typing import NamedTuple, Optional

from . import _isms
from ._errors import (ErrorCode, InvalidArgumentError, NotFoundError, check, check_result,
                      error_for)
from ._lang import _Labelled, lang_value
from ._period import _Coded, _match_labelled
from ._register import _naming_file, _text_arg

__all__ = [
    "Edition", "Scope", "ItemKind", "Theme", "Relation", "OscalKind", "Catalog", "Item",
    "Mapping", "catalog", "attribute_values", "parse_attribute", "attribute_label",
]


# ---- enumerations ----------------------------------------------------------------------

class Edition(_Labelled):
    """An edition of ISO/IEC 27001. Members compare equal to their full names:
    ``Edition.ISO27001_2013 == "ISO/IEC 27001:2013"``.

    ``Edition.parse()`` (and every function taking an edition) accepts ``"2013"``,
    ``"2022"``, ``"2024"`` (2022 with Amendment 1:2024), ``"ISO/IEC 27001:2013"``,
    ``"27001:2022"``, ``"2022+A1:2024"``, ``"SS-EN ISO/IEC 27001:2017"`` (= 2013) and so on,
    and the ints 2013, 2022 and 2024.

    ``Edition.IMPORTED`` (``"imported"``) is not an edition: it is what :attr:`Catalog.edition`,
    :attr:`Item.edition` and :attr:`Assessment.edition <isms.Assessment.edition>` say for a
    catalog imported from OSCAL (:meth:`Catalog.from_oscal`). It has no built-in catalog,
    and ``parse()`` never gives it; where an edition is expected, pass the imported
    :class:`Catalog` itself.
    """

    ISO27001_2013 = ("ISO/IEC 27001:2013", _isms.ISMS_EDITION_2013)
    ISO27001_2022 = ("ISO/IEC 27001:2022", _isms.ISMS_EDITION_2022)
    ISO27001_2022_AMD1 = ("ISO/IEC 27001:2022/Amd 1:2024", _isms.ISMS_EDITION_2022_AMD1)
    IMPORTED = ("imported", _isms.ISMS_EDITION_IMPORTED)

    @property
    def catalog(self):
        """The edition's built-in :class:`Catalog` (InvalidArgumentError for
        ``Edition.IMPORTED``, which has none)."""
        return catalog(self)

    @staticmethod
    def _label_fn():
        return _edition_label

    @classmethod
    def parse(cls, text):
        """The edition that `text` names (see the class); ParseError when none does. Never
        ``Edition.IMPORTED``: an imported catalog is not an edition of ISO/IEC 27001."""
        if isinstance(text, cls) and text is not cls.IMPORTED:
            return text
        if not isinstance(text, str):
            raise TypeError("an edition must be given as an Edition or a str, not %s"
                            % type(text).__name__)
        if "\0" in text:
            raise error_for(ErrorCode.EPARSE, "unknown edition %r" % (text,))
        for member in cls:
            if member is not cls.IMPORTED and _isms.isms_text_matches(member.value, text):
                return member
        return cls.from_code(check_result(_isms.isms_edition_parse(text)))

    @classmethod
    def coerce(cls, value):
        """A member from a member, a :class:`Catalog` (an imported one gives
        ``Edition.IMPORTED``), a str (see parse()) or a year (int)."""
        if isinstance(value, cls):
            return value
        if isinstance(value, Catalog):
            return value.edition
        if isinstance(value, str):
            return cls.parse(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return cls.parse(str(value))
        raise TypeError("an edition must be given as an Edition, a str such as '2022' or an "
                        "int year, not %s" % type(value).__name__)


_IMPORTED_LABELS = {_isms.ISMS_LANG_SV: "Importerad katalog",
                    _isms.ISMS_LANG_EN: "Imported catalog"}


def _edition_label(code, lang):
    if code == _isms.ISMS_EDITION_IMPORTED:
        return _IMPORTED_LABELS.get(lang, _IMPORTED_LABELS[_isms.ISMS_LANG_EN])
    return _isms.isms_edition_name(code)


class Scope(_Coded):
    """Which part of the standard: ``"clauses"`` (4-10), ``"annex_a"`` or ``"both"``."""

    CLAUSES = ("clauses", _isms.ISMS_SCOPE_CLAUSES)
    ANNEX_A = ("annex_a", _isms.ISMS_SCOPE_ANNEX_A)
    BOTH = ("both", _isms.ISMS_SCOPE_BOTH)

    @classmethod
    def _aliases(cls):
        return _SCOPE_ALIASES


_SCOPE_ALIASES = {
    "clause": "clauses", "annex": "annex_a", "annexa": "annex_a", "a": "annex_a",
    "controls": "annex_a", "bilaga a": "annex_a", "all": "both",
}


class ItemKind(_Labelled):
    """The kind of a catalog item: ``"chapter"`` (4 ... 10), ``"clause"`` (6.1),
    ``"subclause"`` (6.1.2), ``"annex"`` (A), ``"group"`` (a 2013 domain A.9 or a 2022 theme
    A.8), ``"objective"`` (a 2013 control objective A.9.2), ``"control"``."""

    CHAPTER = ("chapter", _isms.ISMS_ITEM_CHAPTER)
    CLAUSE = ("clause", _isms.ISMS_ITEM_CLAUSE)
    SUBCLAUSE = ("subclause", _isms.ISMS_ITEM_SUBCLAUSE)
    ANNEX = ("annex", _isms.ISMS_ITEM_ANNEX)
    GROUP = ("group", _isms.ISMS_ITEM_GROUP)
    OBJECTIVE = ("objective", _isms.ISMS_ITEM_OBJECTIVE)
    CONTROL = ("control", _isms.ISMS_ITEM_CONTROL)

    @staticmethod
    def _label_fn():
        return _isms.isms_item_kind_label

    @classmethod
    def parse(cls, text):
        """The kind named by `text`: its name or its Swedish or English label."""
        return _match_labelled(cls, text)


class Theme(_Labelled):
    """The four Annex A themes of ISO/IEC 27001:2022: ``"organizational"`` (A.5),
    ``"people"`` (A.6), ``"physical"`` (A.7), ``"technological"`` (A.8)."""

    ORGANIZATIONAL = ("organizational", _isms.ISMS_THEME_ORGANIZATIONAL)
    PEOPLE = ("people", _isms.ISMS_THEME_PEOPLE)
    PHYSICAL = ("physical", _isms.ISMS_THEME_PHYSICAL)
    TECHNOLOGICAL = ("technological", _isms.ISMS_THEME_TECHNOLOGICAL)

    @staticmethod
    def _label_fn():
        return _isms.isms_theme_label

    @classmethod
    def parse(cls, text):
        """The theme named by `text`: its name or its Swedish or English label."""
        return _match_labelled(cls, text)


class Relation(_Coded):
    """How an item relates to its counterpart in another edition, read from the side of the
    item mapped from: ``"equal"``, ``"subset"`` (narrower), ``"superset"`` (broader: it was
    split), ``"intersect"`` (partly overlapping), ``"new"`` (no counterpart in the older
    edition), ``"removed"`` (none in the newer)."""

    EQUAL = ("equal", _isms.ISMS_RELATION_EQUAL)
    SUBSET = ("subset", _isms.ISMS_RELATION_SUBSET)
    SUPERSET = ("superset", _isms.ISMS_RELATION_SUPERSET)
    INTERSECT = ("intersect", _isms.ISMS_RELATION_INTERSECT)
    NEW = ("new", _isms.ISMS_RELATION_NEW)
    REMOVED = ("removed", _isms.ISMS_RELATION_REMOVED)


class OscalKind(_Coded):
    """The OSCAL models libisms writes: ``"oscal-catalog"`` (a catalog),
    ``"oscal-ar"`` (assessment results) and ``"oscal-poam"`` (a plan of action and
    milestones), as the command line names them.

    ``parse()`` reads what ``isms_oscal_kind_parse()`` reads, in any ASCII case:
    ``"catalog"``, ``"ar"``, ``"assessment-results"``, ``"poam"``,
    ``"plan-of-action-and-milestones"`` and the names above."""

    CATALOG = ("oscal-catalog", _isms.ISMS_OSCAL_CATALOG)
    ASSESSMENT_RESULTS = ("oscal-ar", _isms.ISMS_OSCAL_ASSESSMENT_RESULTS)
    POAM = ("oscal-poam", _isms.ISMS_OSCAL_POAM)

    @property
    def model(self):
        """The OSCAL model, the root key of such a document: ``"catalog"``,
        ``"assessment-results"``, ``"plan-of-action-and-milestones"``."""
        return _OSCAL_MODELS[self.code]

    @classmethod
    def parse(cls, text):
        """The kind that `text` names (see the class); ParseError when none does."""
        if isinstance(text, cls):
            return text
        if not isinstance(text, str):
            raise TypeError("an OSCAL kind must be given as an OscalKind or a str, not %s"
                            % type(text).__name__)
        if "\0" in text:
            raise error_for(ErrorCode.EPARSE, "unknown OSCAL kind %r" % (text,))
        return cls.from_code(check_result(_isms.isms_oscal_kind_parse(text)))


_OSCAL_MODELS = {
    _isms.ISMS_OSCAL_CATALOG: "catalog",
    _isms.ISMS_OSCAL_ASSESSMENT_RESULTS: "assessment-results",
    _isms.ISMS_OSCAL_POAM: "plan-of-action-and-milestones",
}


# ---- ISO/IEC 27002:2022 attributes -------------------------------------------------------

_FAMILIES = tuple(_isms.isms_attr_family_name(f) for f in range(_isms.ISMS_ATTR_FAMILIES))
_FAMILY_INDEX = {name: f for f, name in enumerate(_FAMILIES)}
_VALUES = None


def _values():
    global _VALUES
    if _VALUES is None:
        _VALUES = tuple(tuple(_isms.isms_attr_name(f, i) for i in range(_isms.isms_attr_count(f)))
                        for f in range(len(_FAMILIES)))
    return _VALUES


def attribute_values(family=None):
    """The ISO/IEC 27002:2022 attribute values in the standard's order.

    Without `family`: a dict family name -> tuple of value names, for the families
    ``"control_type"``, ``"properties"``, ``"concepts"``, ``"capabilities"`` and
    ``"domains"``. With a family name: that family's tuple."""
    values = _values()
    if family is None:
        return dict(zip(_FAMILIES, values))
    return values[_family_arg(family)]


def _family_arg(family):
    if not isinstance(family, str):
        raise TypeError("an attribute family is named by a str, not %s" % type(family).__name__)
    f = _FAMILY_INDEX.get(family.strip().lower().replace(" ", "_").replace("-", "_"))
    if f is None:
        raise InvalidArgumentError("unknown attribute family %r: expected %s"
                                   % (family, ", ".join(_FAMILIES)))
    return f


def _parse_attr(text):
    """(family index, value index) of an attribute value in any spelling."""
    if not isinstance(text, str):
        raise TypeError("attribute values are given as str, not %s" % type(text).__name__)
    if "\0" in text:
        raise error_for(ErrorCode.EPARSE, "%r is not an ISO/IEC 27002:2022 attribute value"
                        % (text,))
    return check_result(_isms.isms_attr_parse(text))


def parse_attribute(text):
    """Reads one attribute value in any usual spelling (``"#Detect"``, ``"detect"``,
    ``"Detektera"``, ``"governance and ecosystem"``, ``"Defense"``): returns
    ``(family, name)``, e.g. ``("concepts", "Detect")``. Raises ParseError."""
    f, i = _parse_attr(text)
    return _FAMILIES[f], _values()[f][i]


def attribute_label(value, lang="sv"):
    """The label of an attribute value for people: ``attribute_label("#Confidentiality")
    == "Konfidentialitet"``, ``attribute_label("Governance_and_Ecosystem", "en") ==
    "Governance and Ecosystem"``."""
    f, i = _parse_attr(value)
    return _isms.isms_attr_label(f, i, lang_value(lang))


def _attr_values(arg, family_name):
    """A filter argument: one value (str) or an iterable of values."""
    if arg is None:
        return ()
    if isinstance(arg, str):
        return (arg,)
    if isinstance(arg, collections.abc.Iterable):
        return tuple(arg)
    raise TypeError("%s must be a str or an iterable of str, not %s"
                    % (family_name, type(arg).__name__))


# ---- items -----------------------------------------------------------------------------

class Mapping(NamedTuple):
    """One edge of the mapping between two editions (see :meth:`Item.map`).

    ``source`` is the item mapped from, ``target`` its counterpart in the other edition
    (None for ``"new"`` and ``"removed"``), ``relation`` a :class:`Relation` read from the
    source's side."""

    source: "Item"
    target: Optional["Item"]
    relation: Relation


_ITEMS = {}  # address -> Item of a built-in catalog; static, so this only grows to the catalogs

# address of an imported C catalog -> its Catalog object, while that object lives (it holds a
# reference, so the address cannot be reused meanwhile).
_IMPORTED = weakref.WeakValueDictionary()


def _item(ptr):
    """The Item for a C item pointer (None for NULL): the same object for the same item.

    The pointer must come from something alive (a catalog, an assessment): an item of an
    imported catalog is wrapped with that catalog's :class:`Catalog` object, made (with a
    reference of its own) when Python has none."""
    if ptr is None:
        return None
    item = _ITEMS.get(int(ptr))  # heap addresses of imported items never match static ones
    if item is not None:
        return item
    cat_ptr = _isms.isms_item_catalog(ptr)
    if _isms.isms_catalog_edition(cat_ptr) == _isms.ISMS_EDITION_IMPORTED:
        return _catalog_of(cat_ptr)._item(ptr)
    item = _ITEMS[int(ptr)] = Item._new(ptr, Catalog(Edition.from_code(
        _isms.isms_catalog_edition(cat_ptr))))
    return item


def _catalog_of(ptr):
    """The Catalog for a C catalog pointer that something alive holds: the singleton of a
    built-in edition, or the object of an imported catalog (a new one, holding a reference
    of its own, when Python has none)."""
    code = _isms.isms_catalog_edition(ptr)
    if code != _isms.ISMS_EDITION_IMPORTED:
        return Catalog(Edition.from_code(code))
    cat = _IMPORTED.get(int(ptr))
    if cat is None:
        cat = Catalog._adopt(_isms.isms_py_catalog_ref(ptr))
    return cat


class Item:
    """An item of a catalog: a chapter, clause, sub-clause, Annex A, a domain or theme, a
    control objective or a control; in an imported catalog a group or a control. Read-only,
    and the same object every time it is reached (for an imported catalog: as long as it is
    referenced anywhere).

    Equal items have the same edition and id, and for imported catalogs the same catalog
    UUID; items hash by them, so they can be dict keys and set members. An item of an
    imported catalog keeps its :class:`Catalog` alive.
    """

    __slots__ = ("_ptr", "_id", "_edition", "_catalog", "__weakref__")

    def __init__(self):
        raise TypeError("items come from a Catalog: isms.catalog('2022')['A.5.1']")

    @classmethod
    def _new(cls, ptr, cat):
        self = object.__new__(cls)
        self._ptr = ptr
        self._id = _isms.isms_item_id(ptr)
        self._edition = cat._edition
        self._catalog = cat
        return self

    @property
    def id(self):
        """The id: ``"6.1.2"``, ``"A"``, ``"A.9"``, ``"A.9.2.1"``, ``"A.5.23"``; in an
        imported catalog the OSCAL `label` property when the item has one (``"AC-1"``),
        else its OSCAL id (``"ac-1"``)."""
        return self._id

    @property
    def oscal_id(self):
        """The OSCAL id: for an imported catalog the group's or control's ``id`` as read
        (``"ac-1"``); for a built-in catalog the id its OSCAL export uses
        (``"clause-6.1.2"``, ``"annex-a"``, ``"a.5.1"``)."""
        return _isms.isms_item_oscal_id(self._ptr)

    @property
    def title(self):
        """The standard's English short title (an imported item's OSCAL title)."""
        return _isms.isms_item_title(self._ptr)

    @property
    def kind(self):
        """The :class:`ItemKind` (``"group"`` or ``"control"`` in an imported catalog)."""
        return ItemKind.from_code(_isms.isms_item_kind_of(self._ptr))

    @property
    def edition(self):
        """The :class:`Edition` of the item's catalog (``Edition.IMPORTED`` for an imported
        one)."""
        return self._edition

    @property
    def catalog(self):
        """The :class:`Catalog` the item belongs to."""
        return self._catalog

    @property
    def theme(self):
        """The 2022 Annex A :class:`Theme` (of a theme or a control), else None."""
        code = _isms.isms_item_theme(self._ptr)
        return None if code == _isms.ISMS_THEME_NONE else Theme.from_code(code)

    @property
    def attributes(self):
        """The ISO/IEC 27002:2022 attributes of a 2022 control: a dict family name ->
        frozenset of value names, e.g. ``{"control_type": frozenset({"Preventive"}),
        "properties": frozenset({"Confidentiality", "Integrity", "Availability"}), ...}``
        with all five families; an empty dict for every other item."""
        has, bits = _isms.isms_item_attributes(self._ptr)
        if not has:
            return {}
        values = _values()
        return {name: frozenset(v for i, v in enumerate(values[f]) if bits[f] >> i & 1)
                for f, name in enumerate(_FAMILIES)}

    @property
    def parent(self):
        """The parent item, or None for a root (a chapter, Annex A, a top-level group or
        control of an imported catalog)."""
        return self._catalog._item(_isms.isms_item_parent(self._ptr))

    @property
    def children(self):
        """The child items in document order (a tuple)."""
        ptr, cat = self._ptr, self._catalog
        return tuple(cat._item(_isms.isms_item_child(ptr, i))
                     for i in range(_isms.isms_item_child_count(ptr)))

    @property
    def chapter(self):
        """The chapter (4 ... 10) of a clause item; None for Annex A items and imported
        items."""
        return _isms.isms_item_chapter(self._ptr) or None

    @property
    def group(self):
        """The Annex A group (2013 domain or 2022 theme) the item lies under, itself for a
        group; None for clauses and Annex A itself. In an imported catalog the top-level
        group the item lies under (itself for one), None for a control outside groups."""
        return self._catalog._item(_isms.isms_item_group(self._ptr))

    @property
    def assessable(self):
        """True for the items an assessment scores: leaf clauses and sub-clauses, and Annex
        A controls; every control of an imported catalog."""
        return _isms.isms_item_assessable(self._ptr)

    @property
    def is_new(self):
        """True for items new in their edition (2022 clause 6.3 and the 11 new controls)."""
        return _isms.isms_item_is_new(self._ptr)

    @property
    def amendment(self):
        """What Amendment 1:2024 changed in this item (4.1 and 4.2 of the amended edition),
        a one-line English summary, or None."""
        return _isms.isms_item_amendment(self._ptr)

    def map(self, edition):
        """Where the item goes in another edition: a list of :class:`Mapping`.

        2013 -> 2022 follows the reference mapping (``10.1`` -> ``10.2``, ``9.2`` is split
        into ``9.2.1`` and ``9.2.2``); 2022 -> 2013 reads the same edges backwards. An item
        without a counterpart gives one edge with ``target`` None (``"new"`` or
        ``"removed"``). Within one edition an item maps to itself. Only assessable items map
        between 2013 and 2022: other items give an empty list, and so do the items of an
        imported catalog, which has no mapping."""
        target = Edition.coerce(edition)
        return [Mapping(_item(src), _item(dst), Relation.from_code(rel))
                for src, dst, rel in _isms.isms_py_item_map(self._ptr, target.code)]

    def walk(self):
        """The item and everything under it, depth first in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def _key(self):
        cat = self._catalog
        return (self._edition.value, cat._uuid if cat._imported else "", self._id)

    def __eq__(self, other):
        if not isinstance(other, Item):
            return NotImplemented
        if self is other:
            return True
        return self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __str__(self):
        return "%s %s" % (self._id, self.title)

    def __repr__(self):
        return "<Item %s %s %r (%s)>" % (self._id, self.kind.value, self.title,
                                         self._catalog._name())

    def __reduce__(self):
        if self._catalog._imported:
            return (_restore_imported_item, (self._catalog, self._id))
        return (_restore_item, (self._edition.value, self._id))


def _restore_item(edition, item_id):
    return catalog(edition)[item_id]


def _restore_imported_item(cat, item_id):
    return cat[item_id]


# ---- catalogs --------------------------------------------------------------------------

_CATALOGS = {}


class Catalog:
    """A catalog of requirements: the built-in catalog of an ISO/IEC 27001 edition, or a
    catalog of another framework imported from OSCAL.

    Built-in: ``isms.catalog("2022")`` or ``isms.Catalog("ISO/IEC 27001:2013")`` (the same
    object for the same edition). Imported: :meth:`from_oscal` (a file),
    :meth:`from_oscal_bytes` and :meth:`from_oscal_string` (in memory); its OSCAL groups
    are items of kind ``"group"``, its controls (enhancements included) items of kind
    ``"control"`` and the requirements an assessment scores (of the scope ``"annex_a"``: an
    imported catalog has no clauses), and its top-level groups are the groups an assessment
    is summarised by. Each imported catalog is its own object, alive as long as it or one of
    its items is referenced.

    ``len(cat)`` counts every item; ``for item in cat`` goes through them all in document
    order (the chapters with their clauses depth first, then Annex A depth first; an
    imported catalog's groups and controls as read); ``cat["A.5.1"]`` looks an id up as
    :meth:`find` does (NotFoundError, a KeyError, when there is none); ``"6.1.2" in cat``.
    :meth:`to_oscal` writes the catalog as an OSCAL catalog.

    Catalogs are read-only, so they may be read from several threads at once.
    """

    __slots__ = ("_ptr", "_edition", "_items", "_cache", "_imported", "_uuid", "_finalizer",
                 "__weakref__")

    def __new__(cls, edition):
        if isinstance(edition, Catalog):
            return edition
        edition = Edition.coerce(edition)
        if edition is Edition.IMPORTED:
            raise InvalidArgumentError("an imported catalog is not a built-in edition: read "
                                       "it with Catalog.from_oscal()")
        self = _CATALOGS.get(edition)
        if self is None:
            self = object.__new__(cls)
            self._ptr = _isms.isms_catalog_get(edition.code)
            self._edition = edition
            self._items = None
            self._cache = None
            self._imported = False
            self._uuid = _isms.isms_catalog_uuid(self._ptr)
            self._finalizer = None
            _CATALOGS[edition] = self
        return self

    @classmethod
    def _adopt(cls, ptr):
        """Wraps an imported C catalog whose reference passes to the new object."""
        self = object.__new__(cls)
        self._ptr = ptr
        self._edition = Edition.IMPORTED
        self._items = None
        self._cache = weakref.WeakValueDictionary()
        self._imported = True
        self._uuid = _isms.isms_catalog_uuid(ptr)
        self._finalizer = weakref.finalize(self, _isms.isms_catalog_free, ptr)
        self._finalizer.atexit = False
        _IMPORTED[int(ptr)] = self
        return self

    # ---- OSCAL ------------------------------------------------------------------------------

    @classmethod
    def from_oscal(cls, path):
        """Reads an OSCAL catalog (JSON, any framework: NIST SP 800-53, CIS Controls, a
        city's own rule set) from a file into an imported catalog that assessments can be
        held against (``isms.Assessment(cat, 2025)``). ``"-"`` is a file name here, not
        standard input.

        An item's id is its `label` property when it has one, else its OSCAL id. Errors:
        :class:`~isms.ParseError` (not JSON, not an OSCAL catalog; the message starts with
        the JSON path, e.g. ``$.catalog.groups[2].controls[0].id: expected a string, found
        an integer``, and ``source``, ``line`` and ``column`` say where),
        :class:`~isms.ExistsError` (an id twice), :class:`~isms.RangeError` (too large, too
        deep, too many groups or items), :class:`~isms.FileError`."""
        with _naming_file(path):
            ptr = check_result(_isms.isms_catalog_load_oscal(os.fsencode(os.fspath(path))))
        return cls._adopt(ptr)

    @classmethod
    def from_oscal_bytes(cls, data, source=None):
        """Like :meth:`from_oscal`, from the bytes of an OSCAL catalog in memory (any
        bytes-like object; UTF-8, a byte order mark is skipped). `source` names the data in
        error messages."""
        if isinstance(data, str):
            raise TypeError("from_oscal_bytes() takes bytes; use "
                            "Catalog.from_oscal_string() for a str")
        return cls._adopt(check_result(_isms.isms_catalog_parse_oscal(
            data, _text_arg(source, "source"))))

    @classmethod
    def from_oscal_string(cls, text, source=None):
        """Like :meth:`from_oscal`, from OSCAL JSON text (a str; bytes are read as
        :meth:`from_oscal_bytes` reads them). `source` names the text in error messages."""
        if isinstance(text, str):
            text = text.encode("utf-8", "surrogateescape")
        return cls.from_oscal_bytes(text, source)

    def to_oscal(self):
        """The catalog as an OSCAL 1.1.3 catalog (JSON text, a str) that validates against
        the official schema.

        A built-in catalog: chapters, clauses, Annex A and its groups as OSCAL groups, the
        requirements as controls, each with its id as the property `label`, the 2022
        attributes as properties; only ids and titles (the requirement text is (c) ISO/IEC).
        An imported catalog: its groups, controls, ids, labels and titles. Reading the
        output with :meth:`from_oscal_string` gives the same ids and titles in the same
        order."""
        return check_result(_isms.isms_catalog_write_oscal(self._ptr)).decode(
            "utf-8", "surrogateescape")

    def save_oscal(self, path):
        """Saves :meth:`to_oscal` in a file, atomically (the old file is never lost)."""
        with _naming_file(path):
            check(_isms.isms_catalog_save_oscal(os.fsencode(os.fspath(path)), self._ptr))

    # ---- properties -------------------------------------------------------------------------

    @property
    def edition(self):
        """The :class:`Edition` (equal to its full name, ``"ISO/IEC 27001:2022"``);
        ``Edition.IMPORTED`` for an imported catalog."""
        return self._edition

    @property
    def imported(self):
        """True for a catalog imported from OSCAL, False for a built-in one."""
        return self._imported

    @property
    def title(self):
        """The title: the edition's full name (``"ISO/IEC 27001:2022"``), or an imported
        catalog's OSCAL metadata title."""
        return _isms.isms_catalog_title(self._ptr)

    @property
    def version(self):
        """The version: ``"2013"``, ``"2022"``, ``"2022/Amd 1:2024"``, or an imported
        catalog's OSCAL metadata version."""
        return _isms.isms_catalog_version(self._ptr)

    @property
    def uuid(self):
        """The UUID (lowercase ``8-4-4-4-12`` hex): an imported catalog's own, or a fixed
        one derived from the edition (the same in every release)."""
        return self._uuid

    def _name(self):
        return self.title if self._imported else self._edition.value

    # ---- items ------------------------------------------------------------------------------

    def _item(self, ptr):
        """The Item of this catalog for a C item pointer (None for NULL)."""
        if ptr is None:
            return None
        cache = self._cache
        if cache is None:
            return _item(ptr)
        addr = int(ptr)
        item = cache.get(addr)
        if item is None:
            item = Item._new(ptr, self)
            cache[addr] = item
        return item

    def _all(self):
        items = self._items
        if items is None:
            ptr = self._ptr
            items = tuple(self._item(_isms.isms_catalog_at(ptr, i))
                          for i in range(_isms.isms_catalog_count(ptr)))
            # Built-in catalogs keep the tuple; an imported one would then keep itself alive
            # through its items (a cycle), so it builds the tuple each time.
            if not self._imported:
                self._items = items
        return items

    def __len__(self):
        return _isms.isms_catalog_count(self._ptr)

    def __iter__(self):
        return iter(self._all())

    @property
    def roots(self):
        """The root items: the chapters 4 ... 10 and Annex A; an imported catalog's
        top-level groups and controls (a tuple)."""
        ptr = self._ptr
        return tuple(self._item(_isms.isms_catalog_root(ptr, i))
                     for i in range(_isms.isms_catalog_root_count(ptr)))

    def find(self, id, scope="both"):
        """The item with an id, or None. Tolerant of how people write ids: ``"A.5.1"``,
        ``"A 5.1"``, ``"a5.1"``, ``"A.05.01"``, ``"§ 6.1.2"``, ``"6.1.2."``. A plain number
        is a clause when `scope` is ``"clauses"`` or ``"both"``, and the Annex A item when it
        is ``"annex_a"``; an ``A`` prefix always means Annex A.

        In an imported catalog: the item whose id or OSCAL id is `id`, ignoring surrounding
        white space and ASCII case (``"AC-1"``, ``"ac-1"``), whatever the scope."""
        if not isinstance(id, str):
            raise TypeError("items are looked up by their id (a str), not by %s"
                            % type(id).__name__)
        scope = Scope.coerce(scope)
        if "\0" in id:
            return None
        return self._item(_isms.isms_catalog_find(self._ptr, id, scope.code))

    def __getitem__(self, id):
        item = self.find(id)
        if item is None:
            raise NotFoundError("%s has no item %r" % (self._name(), id), ErrorCode.ENOTFOUND)
        return item

    def get(self, id, default=None):
        """The item with this id (see :meth:`find`), or `default`."""
        item = self.find(id)
        return default if item is None else item

    def __contains__(self, id):
        if isinstance(id, Item):
            return id._catalog is self
        if not isinstance(id, str):
            return False
        return self.find(id) is not None

    def requirements(self, scope="both"):
        """What an assessment scores in a scope, in document order (clauses first): the
        assessable clauses (26 in 2013, 30 in 2022) and/or the Annex A controls (114, 93);
        in an imported catalog every control for ``"annex_a"`` and ``"both"``, none for
        ``"clauses"``."""
        scope = Scope.coerce(scope)
        ptr = self._ptr
        return [self._item(_isms.isms_catalog_requirement(ptr, scope.code, i))
                for i in range(_isms.isms_catalog_requirement_count(ptr, scope.code))]

    def filter(self, *values, properties=None, concepts=None, control_type=None,
               capabilities=None, domains=None, match="all"):
        """The 2022 Annex A controls with the requested ISO/IEC 27002:2022 attribute values,
        in document order (a list; always empty for 2013 and imported catalogs, which have
        no attributes).

        Each keyword takes one value or an iterable of values, in any spelling
        :func:`parse_attribute` reads (``"#Confidentiality"``, ``"konfidentialitet"``);
        positional `values` go to their own families. Families with no request do not
        restrict. ``match="all"``: a control must have every requested value;
        ``match="any"``: within each family one requested value is enough (families with a
        request must all be met).

        Example: ``cat.filter(properties="Confidentiality", concepts="#Detect")``.
        """
        if not isinstance(match, str):
            raise TypeError("match must be 'all' or 'any', not %s" % type(match).__name__)
        folded = match.strip().lower()
        if folded not in ("all", "any"):
            raise InvalidArgumentError("match must be 'all' or 'any', not %r" % (match,))
        bits = [0] * len(_FAMILIES)
        for f, _v in (_parse_attr(v) for v in values):
            bits[f] |= 1 << _v
        for name, arg in (("control_type", control_type), ("properties", properties),
                          ("concepts", concepts), ("capabilities", capabilities),
                          ("domains", domains)):
            want = _FAMILY_INDEX[name]
            for value in _attr_values(arg, name):
                f, i = _parse_attr(value)
                if f != want:
                    raise InvalidArgumentError("%r is a value of %s, not of %s"
                                               % (value, _FAMILIES[f], name))
                bits[f] |= 1 << i
        code = _isms.ISMS_MATCH_ALL if folded == "all" else _isms.ISMS_MATCH_ANY
        return [self._item(p) for p in _isms.isms_py_catalog_filter(self._ptr, bits, code)]

    def __repr__(self):
        if self._imported:
            return "<Catalog %r (imported, %s), %d items>" % (self.title, self._uuid,
                                                              len(self))
        return "<Catalog %s, %d items>" % (self._edition.value, len(self))

    def __reduce__(self):
        # An imported catalog travels as its OSCAL text, which reads back with the same
        # uuid, ids, labels and titles.
        if self._imported:
            return (_restore_imported_catalog, (self.to_oscal(),))
        return (catalog, (self._edition.value,))


def _restore_imported_catalog(text):
    return Catalog.from_oscal_string(text)


def catalog(edition):
    """The built-in :class:`Catalog` of an edition: ``"2013"``, ``"2022"``, ``"2024"`` (2022
    with Amendment 1:2024), ``"ISO/IEC 27001:2013"``, an :class:`Edition`, or the int year
    (a :class:`Catalog`, imported ones too, is returned as it is). ParseError for an edition
    the library does not know."""
    return Catalog(edition)
