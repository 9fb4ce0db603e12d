"""Information assets: classification schemes, inventories of assets and the relations
between them, effective levels with their provenance (the high-water mark), personal data
and the register of processing (GDPR art. 30), lint, summary, reclassification and CSV.

An :class:`Inventory` holds :class:`Asset` objects (information, systems, services,
processes, locations, suppliers ...) and typed relations between them, classified per
:class:`Aspect` on a :class:`Scheme`. The effective level of an aspect is the assessed level,
raised to the floors its personal data implies, raised to the effective level of every asset
it supports (directly or not; a system that processes information takes the information's
levels), and replaced by a manual override when one is set. Every effective level carries its
:class:`Provenance`.

Effective levels are always current: the inventory is classified again, when needed, before
they are read (and before :meth:`Inventory.findings` and :meth:`Inventory.summary`).
"""

import collections.abc
import datetime
import os
import re
import weakref
from typing import Dict, NamedTuple, Optional

from . import _isms
from ._errors import (ErrorCode, InvalidArgumentError, NotFoundError, ParseError, check,
                      check_result, last_error)
from ._findings import _FindingsList
from ._handle import _Handle
from ._lang import _Labelled, lang_value
from ._matrix import Level, _level_args, c_int
from ._period import _Coded, _date_in, _date_out, _parse_error, _year_arg
from ._register import RiskRegister, _naming_file, _text_arg

__all__ = [
    "Aspect", "AssetType", "PersonalData", "SpecialCategory", "RelationKind", "Origin",
    "Provenance", "Link", "InventorySummary", "Scheme", "Inventory", "Asset",
]

_UNSET = _isms.ISMS_CLASS_UNSET


def _unset_to_none(value):
    return None if value == _UNSET else value


# ---- enumerations ----------------------------------------------------------------------

class Aspect(_Labelled):
    """An aspect of classification. Members compare equal to their letters, which are the
    keys of every dict of levels (as plain str): ``"C"`` confidentiality
    (Konfidentialitet), ``"I"`` integrity (Riktighet), ``"A"`` availability
    (Tillgänglighet), ``"T"`` traceability (Spårbarhet; optional in a scheme).
    ``Aspect("C").label("sv") == "Konfidentialitet"``.

    ``parse()`` also reads the Swedish and English names in any case and the Swedish letters
    ``K``, ``R`` and ``S``. A lone ``"T"`` is traceability here (the machine key), never
    tillgänglighet: write ``"A"`` or the name for availability."""

    CONFIDENTIALITY = ("C", _isms.ISMS_ASPECT_CONFIDENTIALITY)
    INTEGRITY = ("I", _isms.ISMS_ASPECT_INTEGRITY)
    AVAILABILITY = ("A", _isms.ISMS_ASPECT_AVAILABILITY)
    TRACEABILITY = ("T", _isms.ISMS_ASPECT_TRACEABILITY)

    @staticmethod
    def _label_fn():
        return _isms.isms_aspect_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_aspect_parse

    @classmethod
    def coerce(cls, value):
        """A member from a member, a letter or name (see the class) or a C value (int)."""
        if isinstance(value, str) and "\0" in value:
            raise _parse_error("unknown aspect %r" % (value,))
        return super().coerce(value)


_ASPECTS = tuple(Aspect)


class AssetType(_Labelled):
    """The kind of an asset: ``"information"``, ``"system"``, ``"service"`` (Tjänst),
    ``"process"``, ``"location"`` (Plats), ``"supplier"`` (Leverantör), ``"hardware"``
    (Hårdvara), ``"network"`` (Nätverk), ``"person"`` (a role or group), ``"other"``
    (Övrigt). ``parse()`` reads Swedish and English names and synonyms (``"IT-system"``,
    ``"lokal"``)."""

    INFORMATION = ("information", _isms.ISMS_ASSET_INFORMATION)
    SYSTEM = ("system", _isms.ISMS_ASSET_SYSTEM)
    SERVICE = ("service", _isms.ISMS_ASSET_SERVICE)
    PROCESS = ("process", _isms.ISMS_ASSET_PROCESS)
    LOCATION = ("location", _isms.ISMS_ASSET_LOCATION)
    SUPPLIER = ("supplier", _isms.ISMS_ASSET_SUPPLIER)
    HARDWARE = ("hardware", _isms.ISMS_ASSET_HARDWARE)
    NETWORK = ("network", _isms.ISMS_ASSET_NETWORK)
    PERSON = ("person", _isms.ISMS_ASSET_PERSON)
    OTHER = ("other", _isms.ISMS_ASSET_OTHER)

    @staticmethod
    def _label_fn():
        return _isms.isms_asset_type_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_asset_type_parse


class PersonalData(_Labelled):
    """Personal data an asset holds (a flag; an asset has a frozenset of them):
    ``"ordinary"`` (personuppgifter), ``"special"`` (känsliga personuppgifter, GDPR art. 9),
    ``"criminal"`` (lagöverträdelser, art. 10), ``"pin"`` (personnummer)."""

    ORDINARY = ("ordinary", _isms.ISMS_PDATA_ORDINARY)
    SPECIAL = ("special", _isms.ISMS_PDATA_SPECIAL)
    CRIMINAL = ("criminal", _isms.ISMS_PDATA_CRIMINAL)
    PIN = ("pin", _isms.ISMS_PDATA_PIN)

    @staticmethod
    def _label_fn():
        return _isms.isms_pdata_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_pdata_parse

    @classmethod
    def parse(cls, text):
        """The one kind `text` names: its name or a label the C parser reads."""
        return _one_flag(cls, text)


class SpecialCategory(_Labelled):
    """A special category of personal data (GDPR art. 9(1)): ``"ethnic"``,
    ``"political"``, ``"religious"``, ``"union"``, ``"genetic"``, ``"biometric"``,
    ``"health"`` (Hälsa), ``"sex_life"``."""

    ETHNIC = ("ethnic", _isms.ISMS_SPECIAL_ETHNIC)
    POLITICAL = ("political", _isms.ISMS_SPECIAL_POLITICAL)
    RELIGIOUS = ("religious", _isms.ISMS_SPECIAL_RELIGIOUS)
    UNION = ("union", _isms.ISMS_SPECIAL_UNION)
    GENETIC = ("genetic", _isms.ISMS_SPECIAL_GENETIC)
    BIOMETRIC = ("biometric", _isms.ISMS_SPECIAL_BIOMETRIC)
    HEALTH = ("health", _isms.ISMS_SPECIAL_HEALTH)
    SEX_LIFE = ("sex_life", _isms.ISMS_SPECIAL_SEX_LIFE)

    @staticmethod
    def _label_fn():
        return _isms.isms_special_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_special_parse

    @classmethod
    def parse(cls, text):
        """The one category `text` names: its name or a label the C parser reads."""
        return _one_flag(cls, text)


class RelationKind(_Coded):
    """The kind of a relation, read "src kind dst": ``"processes"`` (a system processes
    information), ``"supports"`` (the generic form), ``"operates"`` (a supplier operates a
    system) have the source as the supporting side; ``"depends_on"`` (a service depends on a
    system) and ``"stored_at"`` (information stored at a location) have the destination.
    The supporting side inherits the levels of the side it supports.

    ``parse()`` reads the names with ``_``, ``-`` or a space, and the Swedish forms
    (``"behandlar"``, ``"stödjer"``, ``"är beroende av"``, ``"lagras i"``, ``"driftar"``)."""

    PROCESSES = ("processes", _isms.ISMS_REL_PROCESSES)
    SUPPORTS = ("supports", _isms.ISMS_REL_SUPPORTS)
    DEPENDS_ON = ("depends_on", _isms.ISMS_REL_DEPENDS_ON)
    STORED_AT = ("stored_at", _isms.ISMS_REL_STORED_AT)
    OPERATES = ("operates", _isms.ISMS_REL_OPERATES)

    @property
    def src_supports(self):
        """True when the source is the supporting side (processes, supports, operates)."""
        return bool(_isms.isms_relkind_src_supports(self.code))

    @classmethod
    def parse(cls, text):
        """The kind `text` names (see the class); ParseError when none does."""
        if isinstance(text, cls):
            return text
        try:
            return super().parse(text)
        except ParseError:
            if "\0" in text:
                raise
            rc, code = _isms.isms_relkind_parse(text)
            if rc < 0:
                raise last_error(rc) from None
            return cls.from_code(code)


class Origin(_Coded):
    """Where an effective level comes from: ``"unclassified"`` (nothing assessed, inherited
    or raised), ``"assessed"`` (the asset's own assessment), ``"floor"`` (raised to a floor
    of its personal data), ``"inherited"`` (from an asset it supports), ``"overridden"``
    (a manual override)."""

    UNCLASSIFIED = ("unclassified", _isms.ISMS_ORIGIN_UNCLASSIFIED)
    ASSESSED = ("assessed", _isms.ISMS_ORIGIN_ASSESSED)
    FLOOR = ("floor", _isms.ISMS_ORIGIN_FLOOR)
    INHERITED = ("inherited", _isms.ISMS_ORIGIN_INHERITED)
    OVERRIDDEN = ("overridden", _isms.ISMS_ORIGIN_OVERRIDDEN)


# ---- flag sets -------------------------------------------------------------------------

def _all_bits(cls):
    bits = 0
    for member in cls:
        bits |= member.code
    return bits


def _members_of(cls, flags):
    return frozenset(m for m in cls if flags & m.code)


_SEPARATORS = re.compile(r"[\s,;/]+")


def _flags_of_text(cls, text):
    """Flags from text: a member's name, a list the C parser reads (Swedish and English
    labels, ``"none"``), or a list of member names ("ordinary, pin")."""
    if not isinstance(text, str):
        raise TypeError("%s must be given as str, not %s" % (cls.__name__, type(text).__name__))
    if "\0" in text:
        raise _parse_error("%s must not contain NUL characters" % cls.__name__)
    for member in cls:
        if (_isms.isms_text_matches(member.value, text)
                or _isms.isms_text_matches(member.value.replace("_", " "), text)):
            return member.code
    rc, flags = cls._parse_fn()(text)
    if rc >= 0:
        return flags
    err = last_error(rc)
    names = {m.value: m.code for m in cls}
    words = [w.lower() for w in _SEPARATORS.split(text) if w]
    if words and all(w in names for w in words):
        flags = 0
        for w in words:
            flags |= names[w]
        return flags
    raise err


def _flag_set(cls, value):
    """Flags from None, a member, a str (see _flags_of_text), an int of flags or an
    iterable of members and str."""
    if value is None:
        return 0
    if isinstance(value, cls):
        return value.code
    if isinstance(value, str):
        return _flags_of_text(cls, value)
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0 or value & ~_all_bits(cls):
            raise InvalidArgumentError("unknown %s flags %#x" % (cls.__name__, value))
        return value
    if isinstance(value, collections.abc.Iterable):
        flags = 0
        for v in value:
            flags |= v.code if isinstance(v, cls) else _flags_of_text(cls, v)
        return flags
    raise TypeError("%s must be a str, a %s or an iterable of them, not %s"
                    % (cls.__name__, cls.__name__, type(value).__name__))


def _one_flag(cls, text):
    if isinstance(text, cls):
        return text
    members = _members_of(cls, _flags_of_text(cls, text))
    if len(members) != 1:
        raise _parse_error("%r names %d %s values, not one" % (text, len(members), cls.__name__))
    return next(iter(members))


# ---- plain values ------------------------------------------------------------------------

class Provenance(NamedTuple):
    """An effective level and where it comes from (:attr:`Asset.provenance`).

    ``level`` is the effective level (None when unclassified), ``origin`` an
    :class:`Origin`, ``source`` the id of the asset an inherited level comes from (the one
    whose own level it is, however far away; else None), ``floor`` the
    :class:`PersonalData` whose floor set the level (else None), ``cycle`` True when the
    asset lies on a cycle of support relations."""

    level: Optional[int]
    origin: Origin
    source: Optional[str]
    floor: Optional[PersonalData]
    cycle: bool


class Link(NamedTuple):
    """A relation "src kind dst" between two assets, by id (:attr:`Inventory.relations`)."""

    src: str
    kind: RelationKind
    dst: str

    @property
    def supporting(self):
        """The id of the supporting side (the one that inherits)."""
        return self.src if self.kind.src_supports else self.dst

    @property
    def supported(self):
        """The id of the supported side (the one whose levels are inherited)."""
        return self.dst if self.kind.src_supports else self.src

    def __str__(self):
        return "%s %s %s" % (self.src, self.kind.value, self.dst)


class InventorySummary(NamedTuple):
    """Counts over a classified inventory (:meth:`Inventory.summary`).

    ``per_level`` maps each aspect of the scheme (``"C"`` ...) to a dict effective level ->
    number of assets (the key None counts the unclassified; every level of the scale is
    present), ``per_type`` each asset type (``"system"`` ...) to its number of assets (all ten
    are present), ``per_overall`` the overall
    class (the highest effective level over the aspects; None unclassified) to its number of
    assets. ``with_personal_data`` counts the assets holding personal data, ``total`` all."""

    per_level: Dict[str, Dict[Optional[int], int]]
    per_type: Dict[str, int]
    per_overall: Dict[Optional[int], int]
    with_personal_data: int
    total: int


# ---- schemes ---------------------------------------------------------------------------

class Scheme(_Handle):
    """A classification scheme: one scale of levels per aspect (immutable, shared).

    Get one with :meth:`preset` (``Scheme("klassa")`` is the same) or define one with
    :meth:`build`. Inventories hold their own reference in C, so a scheme object may be
    dropped as soon as they exist. ``"T" in scheme`` tells whether it has an aspect."""

    __slots__ = ("_cache",)

    _free = staticmethod(_isms.isms_scheme_free)

    def __init__(self, preset="klassa"):
        self._adopt_into(check_result(_isms.isms_scheme_preset(_text_arg(preset, "preset",
                                                                         False))))

    def _adopt_into(self, ptr):
        super()._adopt_into(ptr)
        self._cache = {}

    @classmethod
    def _borrowed(cls, ptr):
        """Wraps a scheme pointer borrowed from elsewhere, taking a reference of its own."""
        return cls._adopt(_isms.isms_scheme_ref(ptr))

    @classmethod
    def preset(cls, name="klassa"):
        """A built-in scheme (the name in any case):

        - ``"klassa"``: the KLASSA-style scale 0-4 for confidentiality, integrity,
          availability and traceability: 0 Ingen eller försumbar / None or negligible,
          1 Måttlig / Moderate, 2 Betydande / Significant, 3 Allvarlig / Serious,
          4 Synnerligen allvarlig / Very serious. The default of every inventory.
        - ``"klassa-cia"``: the same without traceability.
        - ``"fips199"``: FIPS 199, low 1, moderate 2, high 3 (no traceability).

        Raises NotFoundError (a KeyError) for an unknown name."""
        return cls._adopt(check_result(_isms.isms_scheme_preset(_text_arg(name, "preset",
                                                                          False))))

    @classmethod
    def build(cls, name, levels):
        """Defines a custom scheme.

        `levels` maps each aspect (``"C"``, ``"I"``, ``"A"`` and optionally ``"T"``, or
        any name :class:`Aspect` reads) to its scale: ``(value, label_sv, label_en[,
        description])`` tuples or :class:`~isms.Level`\\ s with distinct values 0-9.
        Confidentiality, integrity and availability need at least two levels each.

        Raises InvalidArgumentError, ExistsError or RangeError (ValueErrors) with the C
        library's message when the definition is inconsistent."""
        name = _text_arg(name, "name", False)
        if not isinstance(levels, collections.abc.Mapping):
            raise TypeError("levels must be a dict aspect -> [(value, label_sv, label_en, "
                            "description), ...], not %s" % type(levels).__name__)
        scales = []
        for aspect, scale in levels.items():
            aspect = Aspect.coerce(aspect)
            if isinstance(scale, (str, bytes)) or not isinstance(scale,
                                                                  collections.abc.Iterable):
                raise TypeError("the scale of %s must be a sequence of levels, not %s"
                                % (aspect.value, type(scale).__name__))
            scales.append((aspect, [_level_args(level) for level in scale]))
        builder = check_result(_isms.isms_scheme_builder_new(name))
        try:
            for aspect, scale in scales:
                for value, sv, en, desc in scale:
                    check(_isms.isms_scheme_builder_add_level(builder, aspect.code, value,
                                                              sv, en, desc))
            ptr = check_result(_isms.isms_scheme_builder_build(builder))
        finally:
            _isms.isms_scheme_builder_free(builder)
        return cls._adopt(ptr)

    # ---- properties ---------------------------------------------------------------------

    @property
    def name(self):
        """The scheme's name (``"klassa"`` for the default preset)."""
        return _isms.isms_scheme_name(self._ptr)

    @property
    def aspects(self):
        """The aspects the scheme classifies, a tuple of :class:`Aspect` in C, I, A, T
        order."""
        cached = self._cache.get("aspects")
        if cached is None:
            cached = tuple(a for a in _ASPECTS if _isms.isms_scheme_has_aspect(self._ptr, a.code))
            self._cache["aspects"] = cached
        return cached

    def has(self, aspect):
        """True when the scheme classifies the aspect."""
        return Aspect.coerce(aspect) in self.aspects

    def __contains__(self, aspect):
        try:
            return self.has(aspect)
        except (TypeError, ValueError):
            return False

    def levels(self, aspect):
        """The scale of an aspect, lowest first: a tuple of :class:`~isms.Level` (empty
        when the scheme lacks the aspect)."""
        aspect = Aspect.coerce(aspect)
        key = ("levels", aspect)
        cached = self._cache.get(key)
        if cached is None:
            n = _isms.isms_scheme_level_count(self._ptr, aspect.code)
            cached = tuple(Level(*check_result(_isms.isms_scheme_level(self._ptr, aspect.code,
                                                                       i)))
                           for i in range(n))
            self._cache[key] = cached
        return cached

    def valid(self, aspect, value):
        """True when `value` (an int) is a level of the aspect's scale."""
        aspect = Aspect.coerce(aspect)
        if isinstance(value, bool) or not isinstance(value, int):
            return False
        return any(level.value == value for level in self.levels(aspect))

    def parse_level(self, aspect, text):
        """The level `text` names on an aspect's scale: its number (``"3"``) or its Swedish
        or English name in any case (``"Allvarlig"``, ``"serious"``, ``"high"``). Raises
        ParseError."""
        aspect = Aspect.coerce(aspect)
        return check_result(_isms.isms_scheme_parse_level(self._ptr, aspect.code,
                                                          _text_arg(text, "level", False)))

    def level_arg(self, aspect, level, what="level"):
        """An int level from an int, a label or a :class:`~isms.Level`; None stays None."""
        if level is None:
            return None
        if isinstance(level, str):
            return self.parse_level(aspect, level)
        if isinstance(level, Level):
            return level.value
        if isinstance(level, bool):
            raise TypeError("%s must be a level (an int or a label), not a bool" % what)
        return c_int(level, what)

    def default_floors(self):
        """The floors personal data implies on this scheme by default (see
        :attr:`Inventory.floors`)."""
        return _floors_out(check_result(_isms.isms_floors_default(self._ptr)), self)

    # ---- object protocol ----------------------------------------------------------------

    def __eq__(self, other):
        if not isinstance(other, Scheme):
            return NotImplemented
        return int(self._ptr) == int(other._ptr)

    def __hash__(self):
        return hash(int(self._ptr))

    def __repr__(self):
        scales = ", ".join("%s %d-%d" % (a.value, self.levels(a)[0].value,
                                         self.levels(a)[-1].value)
                           for a in self.aspects if self.levels(a))
        return "<Scheme %s: %s>" % (self.name, scales)

    def __reduce__(self):
        raise TypeError("Scheme objects cannot be pickled")


def _scheme_arg(scheme):
    if scheme is None or isinstance(scheme, Scheme):
        return scheme
    if isinstance(scheme, str):
        return Scheme.preset(scheme)
    raise TypeError("scheme must be a Scheme, a preset name or None, not %s"
                    % type(scheme).__name__)


# ---- floors ----------------------------------------------------------------------------

_FLOOR_KINDS = (PersonalData.ORDINARY, PersonalData.SPECIAL, PersonalData.CRIMINAL,
                PersonalData.PIN)  # row k of isms_floors is flag bit k


def _floors_out(rows, scheme):
    aspects = scheme.aspects
    return {kind.value: {a.value: _unset_to_none(rows[k][a.code]) for a in aspects}
            for k, kind in enumerate(_FLOOR_KINDS)}


def _floors_in(value, scheme):
    if not isinstance(value, collections.abc.Mapping):
        raise TypeError("floors must be a dict {'ordinary': {'C': 1, ...}, ...}, not %s"
                        % type(value).__name__)
    rows = [[_UNSET] * len(_ASPECTS) for _ in _FLOOR_KINDS]
    for kind, floors in value.items():
        kind = PersonalData.coerce(kind)
        if floors is None:
            continue
        if not isinstance(floors, collections.abc.Mapping):
            raise TypeError("the floors of %s must be a dict aspect -> level, not %s"
                            % (kind.value, type(floors).__name__))
        for aspect, level in floors.items():
            aspect = Aspect.coerce(aspect)
            if aspect not in scheme.aspects:
                raise InvalidArgumentError("scheme %s has no aspect %s: it can have no floor"
                                           % (scheme.name, aspect.label("en").lower()))
            level = scheme.level_arg(aspect, level, "floor")
            rows[_FLOOR_KINDS.index(kind)][aspect.code] = _UNSET if level is None else level
    return rows


# ---- assets ----------------------------------------------------------------------------

_TEXT_FIELDS = {
    "name": _isms.ISMS_ASSET_NAME,
    "owner": _isms.ISMS_ASSET_OWNER,
    "description": _isms.ISMS_ASSET_DESCRIPTION,
    "purpose": _isms.ISMS_ASSET_PURPOSE,
    "legal_basis": _isms.ISMS_ASSET_LEGAL_BASIS,
    "subjects": _isms.ISMS_ASSET_SUBJECTS,
    "data_categories": _isms.ISMS_ASSET_DATA_CATEGORIES,
    "recipients": _isms.ISMS_ASSET_RECIPIENTS,
    "transfers": _isms.ISMS_ASSET_TRANSFERS,
    "safeguards": _isms.ISMS_ASSET_SAFEGUARDS,
    "retention": _isms.ISMS_ASSET_RETENTION,
    "measures": _isms.ISMS_ASSET_MEASURES,
    "override_reason": _isms.ISMS_ASSET_OVERRIDE_REASON,
}

#: The fields of the register of processing (GDPR art. 30), in the order of the article.
_ART30 = ("purpose", "legal_basis", "subjects", "data_categories", "recipients", "transfers",
          "safeguards", "retention", "measures")


def _text_field(name, doc):
    field = _TEXT_FIELDS[name]

    def get(self):
        return _isms.isms_asset_get(self._p(), field)

    def set(self, value):
        ptr = self._p()
        self._changed()
        check(_isms.isms_asset_set(ptr, field, _text_arg(value, name)))

    return property(get, set, doc=doc)


def _aspect_property(aspect):
    def get(self):
        return self.level(aspect)

    def set(self, value):
        self.set_level(aspect, value)

    return property(get, set, doc="The assessed %s level (an int, or None when not assessed); "
                    "settable from a number or a label." % aspect.label("en").lower())


def _level_map(scheme, value, what):
    """{Aspect: int or UNSET} for every aspect of the scheme from a dict aspect -> level
    (missing aspects are UNSET)."""
    if value is None:
        value = {}
    if not isinstance(value, collections.abc.Mapping):
        raise TypeError("%s must be a dict aspect -> level, not %s"
                        % (what, type(value).__name__))
    out = {a: _UNSET for a in scheme.aspects}
    for aspect, level in value.items():
        aspect = Aspect.coerce(aspect)
        if aspect not in out:
            raise InvalidArgumentError("scheme %s has no aspect %s"
                                       % (scheme.name, aspect.label("en").lower()))
        level = scheme.level_arg(aspect, level, what)
        out[aspect] = _UNSET if level is None else level
    return out


def _nis_arg(value):
    if isinstance(value, bool) or (isinstance(value, int) and value in (0, 1)):
        return bool(value)
    raise TypeError("nis must be True or False, not %r" % (value,))


class Asset:
    """An asset of an :class:`Inventory`.

    The object keeps its inventory alive. After ``inventory.remove(asset.id)`` it is
    detached: ``id`` still works, everything else raises NotFoundError.

    Levels are ints on the inventory's scheme, or None when not set; they can be set from
    numbers or labels (``"Allvarlig"``, ``"high"``). Dicts of levels are keyed by aspect
    letter (``"C"``, ``"I"``, ``"A"``, ``"T"``; any name :class:`Aspect` reads when setting)
    and hold the scheme's aspects. :attr:`levels` holds the assessed levels, :attr:`effective` and
    :attr:`provenance` the classified ones (always current).
    """

    __slots__ = ("_ptr", "_id", "_inventory", "__weakref__")

    def __init__(self):
        raise TypeError("assets are created with Inventory.add_asset()")

    @classmethod
    def _new(cls, inventory, ptr, asset_id):
        self = object.__new__(cls)
        self._ptr = ptr
        self._id = asset_id
        self._inventory = inventory
        return self

    def _p(self):
        ptr = self._ptr
        if ptr is None:
            raise NotFoundError("asset %s has been removed from its inventory" % self._id,
                                ErrorCode.ENOTFOUND)
        return ptr

    def _changed(self):
        self._inventory._dirty = True

    def _scheme(self):
        return self._inventory.scheme

    # ---- identity -------------------------------------------------------------------------

    @property
    def id(self):
        """The asset's id (unique in its inventory)."""
        return self._id

    @property
    def inventory(self):
        """The inventory holding the asset, or None once it was removed."""
        return self._inventory if self._ptr is not None else None

    @property
    def removed(self):
        """True once the asset was removed from its inventory."""
        return self._ptr is None

    @property
    def type(self):
        """The :class:`AssetType`; settable from a member, its name or a Swedish or English
        label (``"Tjänst"``)."""
        return AssetType.from_code(_isms.isms_asset_get_type(self._p()))

    @type.setter
    def type(self, value):
        ptr = self._p()
        self._changed()
        check(_isms.isms_asset_set_type(ptr, AssetType.coerce(value).code))

    # ---- texts ----------------------------------------------------------------------------

    name = _text_field("name", "The name (\"\" when none).")
    owner = _text_field("owner", "The owner: a role, team or person (ägare).")
    description = _text_field("description", "The description (beskrivning).")
    purpose = _text_field("purpose", "Purpose of the processing (ändamål; art. 30).")
    legal_basis = _text_field("legal_basis", "Legal basis (rättslig grund; art. 30).")
    subjects = _text_field("subjects",
                           "Categories of data subjects (kategorier av registrerade).")
    data_categories = _text_field("data_categories",
                                  "Categories of personal data (kategorier av personuppgifter).")
    recipients = _text_field("recipients", "Recipients (mottagare).")
    transfers = _text_field("transfers",
                            "Transfers to third countries (överföring till tredje land).")
    safeguards = _text_field("safeguards", "Safeguards for those transfers (skyddsåtgärder).")
    retention = _text_field("retention", "Retention (gallringsfrist, lagringstid).")
    measures = _text_field("measures", "Security measures (säkerhetsåtgärder).")
    override_reason = _text_field("override_reason",
                                  "The justification of the overrides (motivering).")

    # ---- assessed levels --------------------------------------------------------------------

    def level(self, aspect):
        """The assessed level of an aspect, or None when not assessed."""
        return _unset_to_none(_isms.isms_asset_level(self._p(), Aspect.coerce(aspect).code))

    def set_level(self, aspect, level):
        """Sets the assessed level of an aspect: a number, a label (``"Allvarlig"``) or
        None (not assessed). RangeError when the level is not on the aspect's scale,
        InvalidArgumentError when the scheme lacks the aspect."""
        ptr = self._p()
        aspect = Aspect.coerce(aspect)
        level = self._scheme().level_arg(aspect, level)
        self._changed()
        check(_isms.isms_asset_set_level(ptr, aspect.code, _UNSET if level is None else level))

    c = _aspect_property(Aspect.CONFIDENTIALITY)
    i = _aspect_property(Aspect.INTEGRITY)
    a = _aspect_property(Aspect.AVAILABILITY)
    t = _aspect_property(Aspect.TRACEABILITY)

    @property
    def levels(self):
        """The assessed levels: a dict aspect -> level or None for the scheme's aspects.
        Assigning a dict sets every aspect (those left out become not assessed); all or
        nothing."""
        ptr = self._p()
        return {a.value: _unset_to_none(_isms.isms_asset_level(ptr, a.code))
                for a in self._scheme().aspects}

    @levels.setter
    def levels(self, value):
        self._set_all(value, "levels", _isms.isms_asset_level, _isms.isms_asset_set_level)

    def _set_all(self, value, what, get, set_):
        ptr = self._p()
        new = _level_map(self._scheme(), value, what)
        old = {a: get(ptr, a.code) for a in new}
        self._changed()
        try:
            for aspect, level in new.items():
                check(set_(ptr, aspect.code, level))
        except BaseException:
            for aspect, level in old.items():
                set_(ptr, aspect.code, level)
            raise

    # ---- overrides ------------------------------------------------------------------------

    def override(self, aspect):
        """The manual override of an aspect, or None."""
        return _unset_to_none(_isms.isms_asset_override(self._p(), Aspect.coerce(aspect).code))

    def set_override(self, aspect, level):
        """Sets (a number or a label) or clears (None) the manual override of an aspect.
        Give the justification in :attr:`override_reason`."""
        ptr = self._p()
        aspect = Aspect.coerce(aspect)
        level = self._scheme().level_arg(aspect, level, "override")
        self._changed()
        check(_isms.isms_asset_set_override(ptr, aspect.code,
                                            _UNSET if level is None else level))

    @property
    def overrides(self):
        """The manual overrides: a dict aspect -> level holding only the aspects that have
        one. Assigning a dict replaces them all (all or nothing); ``{}`` or None clears
        them."""
        ptr = self._p()
        out = {}
        for a in self._scheme().aspects:
            level = _isms.isms_asset_override(ptr, a.code)
            if level != _UNSET:
                out[a.value] = level
        return out

    @overrides.setter
    def overrides(self, value):
        self._set_all(value, "overrides", _isms.isms_asset_override,
                      _isms.isms_asset_set_override)

    # ---- personal data --------------------------------------------------------------------

    @property
    def personal_data(self):
        """The personal data the asset holds: a frozenset of :class:`PersonalData`
        (``{"ordinary", "pin"}``). Settable from an iterable of members or names, or a str
        list in Swedish or English (``"personuppgifter, personnummer"``; ``"nej"`` for
        none). Setting it without ``"special"`` clears :attr:`special`."""
        return _members_of(PersonalData, _isms.isms_asset_pdata(self._p()))

    @personal_data.setter
    def personal_data(self, value):
        ptr = self._p()
        flags = _flag_set(PersonalData, value)
        special = _isms.isms_asset_special(ptr) if flags & _isms.ISMS_PDATA_SPECIAL else 0
        self._changed()
        check(_isms.isms_asset_set_pdata(ptr, flags, special))

    @property
    def special(self):
        """The special categories (GDPR art. 9): a frozenset of :class:`SpecialCategory`.
        Setting any also adds ``"special"`` to :attr:`personal_data`."""
        return _members_of(SpecialCategory, _isms.isms_asset_special(self._p()))

    @special.setter
    def special(self, value):
        ptr = self._p()
        flags = _flag_set(SpecialCategory, value)
        self._changed()
        check(_isms.isms_asset_set_pdata(ptr, _isms.isms_asset_pdata(ptr), flags))

    # ---- NIS and reclassification ---------------------------------------------------------

    @property
    def nis(self):
        """True when the asset matters under NIS2 (samhällsviktig verksamhet)."""
        return bool(_isms.isms_asset_nis(self._p()))

    @nis.setter
    def nis(self, value):
        ptr = self._p()
        value = _nis_arg(value)
        self._changed()
        _isms.isms_asset_set_nis(ptr, value)

    @property
    def classified(self):
        """The date the asset was last classified (a datetime.date), or None. Settable
        from a date, an ISO 8601 str or None."""
        return _date_out(_isms.isms_asset_classified(self._p()))

    @classified.setter
    def classified(self, value):
        ptr = self._p()
        date = _date_in(value, "classified", allow_none=True)
        self._changed()
        check(_isms.isms_asset_set_classified(ptr, date))

    @property
    def interval(self):
        """The reclassification interval in months (1-120; 12 unless set)."""
        return _isms.isms_asset_interval(self._p())

    @interval.setter
    def interval(self, value):
        ptr = self._p()
        months = c_int(value, "interval")
        self._changed()
        check(_isms.isms_asset_set_interval(ptr, months))

    @property
    def next_review(self):
        """The date the asset is next due for classification (last classified + interval),
        or None when it was never classified."""
        return _date_out(_isms.isms_asset_next_review(self._p()))

    # ---- classification -------------------------------------------------------------------

    def _effective(self, aspect):
        ptr = self._p()
        self._inventory._classified()
        return check_result(_isms.isms_asset_effective(ptr, aspect.code))

    @property
    def effective(self):
        """The effective levels: a dict aspect -> level or None (see the module)."""
        return {a.value: _unset_to_none(self._effective(a)[0])
                for a in self._scheme().aspects}

    @property
    def provenance(self):
        """Where each effective level comes from: a dict aspect -> :class:`Provenance`."""
        return {a.value: _provenance(self._effective(a)) for a in self._scheme().aspects}

    @property
    def overall(self):
        """The overall class: the highest effective level over the aspects, or None."""
        ptr = self._p()
        self._inventory._classified()
        return _unset_to_none(_isms.isms_asset_overall(ptr))

    # ---- relations ------------------------------------------------------------------------

    @property
    def relations(self):
        """The relations the asset takes part in, a list of :class:`Link`."""
        self._p()
        return [link for link in self._inventory.relations
                if link.src == self._id or link.dst == self._id]

    def impact(self):
        """The assets whose levels depend on this one's (see :meth:`Inventory.impact_of`)."""
        self._p()
        return self._inventory.impact_of(self._id)

    # ---- whole asset ----------------------------------------------------------------------

    def as_dict(self, lang=None):
        """The asset's fields as a plain dict (for pandas, JSON, templates). Level dicts
        are keyed by aspect letter; with `lang`, the type, personal data and special
        categories are labels in that language, else machine names; dates are ISO str."""
        if lang is None:
            name = lambda x: x.value  # noqa: E731
        else:
            lang_value(lang)
            name = lambda x: x.label(lang)  # noqa: E731
        classified, review = self.classified, self.next_review
        d = {
            "id": self.id, "name": self.name, "type": name(self.type), "owner": self.owner,
            "description": self.description,
            "levels": self.levels,
            "personal_data": sorted(name(p) for p in self.personal_data),
            "special": sorted(name(s) for s in self.special),
            "nis": self.nis,
            "classified": classified.isoformat() if classified else None,
            "interval": self.interval,
            "next_review": review.isoformat() if review else None,
        }
        for field in _ART30:
            d[field] = getattr(self, field)
        d["overrides"] = self.overrides
        d["override_reason"] = self.override_reason
        d["effective"] = self.effective
        d["overall"] = self.overall
        return d

    def __repr__(self):
        if self._ptr is None:
            return "<Asset %s (removed)>" % self._id
        levels = " ".join("%s%s" % (a, "-" if v is None else v)
                          for a, v in self.levels.items())
        name = self.name
        if len(name) > 40:
            name = name[:39] + "\u2026"
        return "<Asset %s %s %s %r>" % (self._id, self.type.value, levels, name)


def _provenance(t):
    level, origin, src, floor, cycle = t
    return Provenance(_unset_to_none(level), Origin.from_code(origin),
                      None if src is None else _isms.isms_asset_id(src),
                      PersonalData.from_code(floor) if floor else None, bool(cycle))


# ---- inventories -----------------------------------------------------------------------

class Inventory(_Handle):
    """An inventory of information assets and their relations, classified on one
    :class:`Scheme` (``"klassa"`` unless another one, or a preset name, is given).

    ``len(inv)``, ``for asset in inv`` (insertion order), ``inv["INF1"]`` (NotFoundError, a
    KeyError, when missing), ``"INF1" in inv``, ``del inv["INF1"]``.

    Effective levels, provenance, :meth:`findings` and :meth:`summary` are always current:
    the inventory classifies itself again when something changed since it last did.

    An inventory is not safe to modify from several threads at once.
    """

    __slots__ = ("_scheme", "_assets", "_dirty", "import_notes")

    _free = staticmethod(_isms.isms_inventory_free)

    def __init__(self, scheme=None):
        scheme = _scheme_arg(scheme)
        self._adopt_into(check_result(
            _isms.isms_inventory_new(scheme._ptr if scheme is not None else None)))

    def _adopt_into(self, ptr):
        super()._adopt_into(ptr)
        self._scheme = None
        self._assets = weakref.WeakValueDictionary()
        self._dirty = True
        #: Notes from the CSV import (a list of Finding): encoding, ignored columns.
        self.import_notes = []

    # ---- CSV ------------------------------------------------------------------------------

    @classmethod
    def from_csv(cls, path, relations=None, scheme=None, notes=None, lang="sv"):
        """Reads an inventory from a CSV file (one row per asset) as Excel or Word export
        it: UTF-8 with or without BOM or Windows-1252; comma, semicolon or tab; Swedish or
        English headers (see the C documentation for the columns recognised).

        `relations` is an optional second CSV file with the relations (columns source,
        kind, destination: ``Från``/``From``, ``Relation``/``Typ``, ``Till``/``To``).
        Notes about the import (encoding, ignored columns) are in ``import_notes``, as
        :class:`~isms.Finding` in `lang`; they are also appended to `notes` when a list is
        given.

        Raises ParseError (with ``source``, ``line``, ``column``), FileError (an OSError),
        ExistsError (an id or a relation twice), NotFoundError (a relation naming an unknown
        id), RangeError (input too large)."""
        scheme = _scheme_arg(scheme)
        fspath = os.fsencode(os.fspath(path))
        rel_path = None if relations is None else os.fsencode(os.fspath(relations))
        with _FindingsList(lang) as found:
            with _naming_file(path):
                ptr = check_result(_isms.isms_inventory_load_csv(
                    fspath, scheme._ptr if scheme is not None else None, found.ptr))
            self = cls._adopt(ptr)
            if rel_path is not None:
                with _naming_file(relations):
                    check(_isms.isms_inventory_load_relations_csv(self._ptr, rel_path,
                                                                  found.ptr))
            self.import_notes = found.to_list()
        if notes is not None:
            notes.extend(self.import_notes)
        return self

    @classmethod
    def from_csv_bytes(cls, data, relations=None, source=None, scheme=None, notes=None,
                       lang="sv", relations_source=None):
        """Like :meth:`from_csv`, from CSV bytes in memory (any bytes-like objects; the
        relations too). `source` and `relations_source` name the data in error messages."""
        _csv_data(data)
        if relations is not None:
            _csv_data(relations)
        scheme = _scheme_arg(scheme)
        source = _text_arg(source, "source")
        relations_source = _text_arg(relations_source, "relations_source")
        with _FindingsList(lang) as found:
            ptr = check_result(_isms.isms_inventory_parse_csv(
                data, source, scheme._ptr if scheme is not None else None, found.ptr))
            self = cls._adopt(ptr)
            if relations is not None:
                check(_isms.isms_inventory_parse_relations_csv(self._ptr, relations,
                                                               relations_source, found.ptr))
            self.import_notes = found.to_list()
        if notes is not None:
            notes.extend(self.import_notes)
        return self

    def read_relations(self, path, notes=None, lang="sv"):
        """Adds the relations of a CSV file (see :meth:`from_csv`), all or none. Import
        notes are appended to ``import_notes`` (and to `notes` when a list is given)."""
        fspath = os.fsencode(os.fspath(path))
        with _FindingsList(lang) as found, _naming_file(path):
            self._dirty = True
            check(_isms.isms_inventory_load_relations_csv(self._ptr, fspath, found.ptr))
            self._noted(found.to_list(), notes)

    def read_relations_bytes(self, data, source=None, notes=None, lang="sv"):
        """Like :meth:`read_relations`, from CSV bytes in memory."""
        _csv_data(data)
        source = _text_arg(source, "source")
        with _FindingsList(lang) as found:
            self._dirty = True
            check(_isms.isms_inventory_parse_relations_csv(self._ptr, data, source, found.ptr))
            self._noted(found.to_list(), notes)

    def _noted(self, found, notes):
        self.import_notes.extend(found)
        if notes is not None:
            notes.extend(found)

    _csv_flags = staticmethod(RiskRegister._csv_flags)

    def to_csv(self, path, relations=None, lang="sv", delimiter=";", bom=True, crlf=True):
        """Saves the assets as CSV (every field, so that reading the file back loses
        nothing), and the relations to a second file when `relations` is given. The
        defaults are what Swedish Excel opens directly (semicolons, UTF-8 with BOM, CRLF);
        headers and values in `lang`. An old file is replaced only once the new one is
        complete. Raises FileError."""
        flags = self._csv_flags(delimiter, bom, crlf)
        lv = lang_value(lang)
        fspath = os.fsencode(os.fspath(path))
        rel_path = None if relations is None else os.fsencode(os.fspath(relations))
        with _naming_file(path):
            check(_isms.isms_inventory_save_csv(fspath, self._ptr, lv, flags))
        if rel_path is not None:
            with _naming_file(relations):
                check(_isms.isms_inventory_save_relations_csv(rel_path, self._ptr, lv, flags))

    def to_csv_bytes(self, lang="sv", delimiter=";", bom=True, crlf=True):
        """The assets as CSV bytes (see :meth:`to_csv`)."""
        flags = self._csv_flags(delimiter, bom, crlf)
        return check_result(_isms.isms_inventory_write_csv(self._ptr, lang_value(lang), flags))

    def relations_to_csv_bytes(self, lang="sv", delimiter=";", bom=True, crlf=True):
        """The relations as CSV bytes (see :meth:`to_csv`)."""
        flags = self._csv_flags(delimiter, bom, crlf)
        return check_result(_isms.isms_inventory_write_relations_csv(
            self._ptr, lang_value(lang), flags))

    def to_csv_string(self, lang="sv", delimiter=";", crlf=True):
        """The assets as CSV text (a str, without a byte order mark)."""
        return self.to_csv_bytes(lang, delimiter, bom=False, crlf=crlf).decode("utf-8")

    def relations_to_csv_string(self, lang="sv", delimiter=";", crlf=True):
        """The relations as CSV text (a str, without a byte order mark)."""
        return self.relations_to_csv_bytes(lang, delimiter, bom=False,
                                           crlf=crlf).decode("utf-8")

    # ---- scheme and floors ----------------------------------------------------------------

    @property
    def scheme(self):
        """The :class:`Scheme` the assets are classified on."""
        s = self._scheme
        if s is None:
            s = self._scheme = Scheme._borrowed(_isms.isms_inventory_scheme(self._ptr))
        return s

    @property
    def floors(self):
        """The policy floors: the least level per aspect that personal data implies, a dict
        ``{"ordinary": {"C": 1, "I": None, ...}, "special": {...}, "criminal": {...},
        "pin": {...}}`` (the names of :class:`PersonalData` and the scheme's aspects; None:
        no floor).
        The scheme's defaults until set (:meth:`Scheme.default_floors`).

        Assigning a dict replaces every floor (kinds and aspects left out get none; levels
        may be labels); assigning None restores the scheme's defaults."""
        return _floors_out(check_result(_isms.isms_inventory_floors(self._ptr)), self.scheme)

    @floors.setter
    def floors(self, value):
        if value is None:
            rows = check_result(_isms.isms_floors_default(self.scheme._ptr))
        else:
            rows = _floors_in(value, self.scheme)
        self._dirty = True
        check(_isms.isms_inventory_set_floors(self._ptr, rows))

    # ---- assets ---------------------------------------------------------------------------

    def _wrap(self, ptr):
        asset_id = _isms.isms_asset_id(ptr)
        asset = self._assets.get(asset_id)
        if asset is None or asset._ptr is None or int(asset._ptr) != int(ptr):
            asset = Asset._new(self, ptr, asset_id)
            self._assets[asset_id] = asset
        return asset

    def _id_arg(self, asset, what="id"):
        if isinstance(asset, Asset):
            if asset._inventory is not self:
                raise InvalidArgumentError("asset %s belongs to another inventory" % asset.id)
            return asset.id
        if not isinstance(asset, str):
            raise TypeError("assets are named by their id (a str) or an Asset, not %s"
                            % type(asset).__name__)
        return _text_arg(asset, what, allow_none=False)

    def __len__(self):
        return _isms.isms_inventory_count(self._ptr)

    def __iter__(self):
        i = 0
        while True:
            ptr = _isms.isms_inventory_at(self._ptr, i)
            if ptr is None:
                return
            yield self._wrap(ptr)
            i += 1

    def ids(self):
        """The ids, in insertion order."""
        return [asset.id for asset in self]

    def _find(self, asset_id):
        if isinstance(asset_id, Asset):
            if asset_id._inventory is not self or asset_id._ptr is None:
                return None
            asset_id = asset_id.id
        if not isinstance(asset_id, str):
            raise TypeError("assets are looked up by their id (a str), not by %s"
                            % type(asset_id).__name__)
        if "\0" in asset_id:
            return None
        return _isms.isms_inventory_find(self._ptr, asset_id)

    def __getitem__(self, asset_id):
        ptr = self._find(asset_id)
        if ptr is None:
            raise NotFoundError("the inventory has no asset %r"
                                % (getattr(asset_id, "id", asset_id),), ErrorCode.ENOTFOUND)
        return self._wrap(ptr)

    def get(self, asset_id, default=None):
        """The asset with this id, or `default`."""
        ptr = self._find(asset_id)
        return default if ptr is None else self._wrap(ptr)

    def __contains__(self, asset_id):
        try:
            return self._find(asset_id) is not None
        except TypeError:
            return False

    def add_asset(self, id, name, type, *, c=None, i=None, a=None, t=None,
                  personal_data=None, special=None, owner=None, description=None, nis=False,
                  classified=None, interval=12, purpose=None, legal_basis=None,
                  subjects=None, data_categories=None, recipients=None, transfers=None,
                  safeguards=None, retention=None, measures=None, overrides=None,
                  override_reason=None):
        """Adds an asset at the end and returns it.

        Args:
            id: unique id (trimmed; ExistsError, a ValueError, when taken).
            name: the name (or None).
            type: an :class:`AssetType` or its name or label (``"system"``, ``"Tjänst"``).
            c, i, a, t: the assessed levels (numbers or labels: ``3``, ``"Allvarlig"``,
                ``"high"``), or None when not assessed.
            personal_data: the personal data held (see :attr:`Asset.personal_data`).
            special: the special categories (see :attr:`Asset.special`).
            owner, description, and the art. 30 fields purpose, legal_basis, subjects,
                data_categories, recipients, transfers, safeguards, retention, measures:
                texts.
            nis: relevance under NIS2.
            classified: the date last classified (a date or an ISO str), or None.
            interval: the reclassification interval in months (1-120).
            overrides: manual overrides, a dict aspect -> level; override_reason their
                justification.

        If anything fails, the inventory is left as it was.
        """
        asset_id = _text_arg(id, "id", allow_none=False)
        name = _text_arg(name, "name")
        atype = AssetType.coerce(type)
        scheme = self.scheme
        levels = []
        for aspect, value in zip(_ASPECTS, (c, i, a, t)):
            if value is not None:
                levels.append((aspect, scheme.level_arg(aspect, value,
                                                        "level of %s" % aspect.value)))
        pdata = _flag_set(PersonalData, personal_data)
        spec = _flag_set(SpecialCategory, special)
        texts = [(_TEXT_FIELDS[field], _text_arg(value, field))
                 for field, value in (("owner", owner), ("description", description),
                                      ("purpose", purpose), ("legal_basis", legal_basis),
                                      ("subjects", subjects),
                                      ("data_categories", data_categories),
                                      ("recipients", recipients), ("transfers", transfers),
                                      ("safeguards", safeguards), ("retention", retention),
                                      ("measures", measures),
                                      ("override_reason", override_reason))
                 if value is not None]
        nis = _nis_arg(nis)
        date = _date_in(classified, "classified", allow_none=True)
        months = None if interval is None else c_int(interval, "interval")
        over = [(aspect, level) for aspect, level in
                _level_map(scheme, overrides, "overrides").items() if level != _UNSET]

        ptr = check_result(_isms.isms_inventory_add(self._ptr, asset_id, name, atype.code))
        self._dirty = True
        try:
            for aspect, level in levels:
                check(_isms.isms_asset_set_level(ptr, aspect.code, level))
            if pdata or spec:
                check(_isms.isms_asset_set_pdata(ptr, pdata, spec))
            for field, text in texts:
                check(_isms.isms_asset_set(ptr, field, text))
            if nis:
                _isms.isms_asset_set_nis(ptr, True)
            if date is not None:
                check(_isms.isms_asset_set_classified(ptr, date))
            if months is not None:
                check(_isms.isms_asset_set_interval(ptr, months))
            for aspect, level in over:
                check(_isms.isms_asset_set_override(ptr, aspect.code, level))
        except BaseException:
            _isms.isms_inventory_remove(self._ptr, _isms.isms_asset_id(ptr))
            raise
        return self._wrap(ptr)

    add = add_asset

    def remove(self, asset_id):
        """Removes an asset (by id or Asset) and every relation it takes part in
        (NotFoundError, a KeyError, when there is none). An Asset object still referring to
        it becomes detached."""
        asset_id = self._id_arg(asset_id)
        ptr = _isms.isms_inventory_find(self._ptr, asset_id)
        stored = _isms.isms_asset_id(ptr) if ptr is not None else None
        check(_isms.isms_inventory_remove(self._ptr, asset_id))
        self._dirty = True
        if stored is not None:
            asset = self._assets.pop(stored, None)
            if asset is not None:
                asset._ptr = None

    __delitem__ = remove

    # ---- relations ------------------------------------------------------------------------

    def link(self, src, dst, kind):
        """Adds the relation "src kind dst" and returns it as a :class:`Link`:
        ``inv.link("SYS1", "INF1", "processes")`` (the system supports the information and
        inherits its levels); ``inv.link("SVC1", "SYS1", "depends_on")`` (the system
        supports the service). Assets are given by id or as Asset objects; the kind as a
        :class:`RelationKind` or its name (also Swedish: ``"behandlar"``).

        Raises NotFoundError (an unknown id), ExistsError (the same relation exists),
        InvalidArgumentError (an asset related to itself)."""
        src = self._id_arg(src, "src")
        dst = self._id_arg(dst, "dst")
        kind = RelationKind.coerce(kind)
        self._dirty = True
        check(_isms.isms_inventory_link(self._ptr, src, dst, kind.code))
        return Link(_isms.isms_asset_id(_isms.isms_inventory_find(self._ptr, src)), kind,
                    _isms.isms_asset_id(_isms.isms_inventory_find(self._ptr, dst)))

    def unlink(self, src, dst, kind):
        """Removes the relation "src kind dst" (NotFoundError when there is none)."""
        src = self._id_arg(src, "src")
        dst = self._id_arg(dst, "dst")
        kind = RelationKind.coerce(kind)
        self._dirty = True
        check(_isms.isms_inventory_unlink(self._ptr, src, dst, kind.code))

    @property
    def relations(self):
        """The relations in insertion order, a list of :class:`Link` (src, kind, dst)."""
        ptr = self._ptr
        out = []
        for i in range(_isms.isms_inventory_relation_count(ptr)):
            src, dst, kind = check_result(_isms.isms_inventory_relation(ptr, i))
            out.append(Link(_isms.isms_asset_id(src), RelationKind.from_code(kind),
                            _isms.isms_asset_id(dst)))
        return out

    # ---- analysis -------------------------------------------------------------------------

    def classify(self):
        """Computes every asset's effective levels and their provenance now. (Reading them
        does this by itself when something changed; call it to get the errors here.)"""
        check(_isms.isms_inventory_classify(self._ptr))
        self._dirty = False

    def _classified(self):
        if self._dirty:
            self.classify()

    def impact_of(self, asset):
        """The assets whose effective levels would change if this asset's level changed:
        every asset that supports it, directly or not (those that inherit from it), in
        insertion order. A list of :class:`Asset`."""
        asset_id = self._id_arg(asset)
        ptrs = check_result(_isms.isms_inventory_impact(self._ptr, asset_id))
        return [self._wrap(p) for p in ptrs or ()]

    def findings(self, on=None, *, lang="sv"):
        """Lints the inventory: a list of :class:`~isms.Finding` with messages in `lang`.

        `on` is the reference date for reclassification (a date or ISO str; default today).
        Codes: ``asset-no-owner``, ``asset-unclassified``, ``asset-pdata-no-purpose``,
        ``asset-pdata-no-legal-basis``, ``asset-special-no-legal-basis`` (an error),
        ``asset-transfer-no-safeguard``, ``asset-no-retention``,
        ``asset-reclassify-overdue``, ``asset-processes-unclassified``,
        ``asset-system-no-information``, ``asset-override-below``,
        ``asset-override-no-justification``, ``asset-cycle``."""
        today = _date_in(datetime.date.today() if on is None else on, "on")
        self._classified()
        with _FindingsList(lang) as out:
            check(_isms.isms_inventory_lint(out.ptr, self._ptr, today))
            return out.to_list()

    def summary(self):
        """Counts of assets per effective level and aspect, per type and per overall class:
        an :class:`InventorySummary`."""
        self._classified()
        per_level, per_type, per_overall, with_pdata, total = check_result(
            _isms.isms_inventory_summarise(self._ptr))
        scheme = self.scheme
        values = set()
        levels = {}
        for aspect in scheme.aspects:
            counts = per_level[aspect.code]
            scale = [lv.value for lv in scheme.levels(aspect)]
            values.update(scale)
            levels[aspect.value] = _counts(counts, scale)
        overall = _counts(per_overall, sorted(values))
        types = {t.value: per_type[t.code] for t in AssetType}
        return InventorySummary(levels, types, overall, with_pdata, total)

    def due(self, year=None):
        """The assets due for reclassification in a year (default: the current one): those
        whose next date falls in it or has passed at its start, in order of that date, then
        id. A list of :class:`Asset`."""
        ptrs = check_result(_isms.isms_inventory_due(self._ptr, _year_arg(year)))
        return [self._wrap(p) for p in ptrs or ()]

    # ---- object protocol ------------------------------------------------------------------

    def __repr__(self):
        n = len(self)
        r = _isms.isms_inventory_relation_count(self._ptr)
        return "<Inventory %d asset%s, %d relation%s, scheme %s>" % (
            n, "" if n == 1 else "s", r, "" if r == 1 else "s", self.scheme.name)

    def __reduce__(self):
        raise TypeError("Inventory objects cannot be pickled; use to_csv_bytes()")


def _counts(counts, values):
    """{None: unclassified, value: count ...} from C counts indexed by level + 1."""
    out = {None: counts[0]}
    for v in values:
        out[v] = counts[v + 1]
    for v in range(len(counts) - 1):
        if counts[v + 1] and v not in out:
            out[v] = counts[v + 1]
    return out


def _csv_data(data):
    if isinstance(data, str):
        raise TypeError("CSV data must be bytes (encode the text first)")
