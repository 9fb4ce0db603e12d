"""libisms for Python: risk matrices, risk registers, ISO/IEC 27001 catalogs, gap analyses
and Statements of Applicability, classification of information assets, due-date periods,
CSV import and export, bulk scoring, improvement plans, rating methods (CVSS, OWASP Risk
Rating, DREAD), quantitative risk (FAIR Monte Carlo simulation), and the ISMS document with
its management review; OSCAL export of assessment results, plans and catalogs, and OSCAL
catalogs of other frameworks to assess against.

A thin SWIG extension (``isms._isms``) wraps the C library as it is; this package makes it
Pythonic. C result codes become exceptions (:class:`Error` and its subclasses), C handles
are owned by Python objects and freed exactly once, and everything that is borrowed from C
(levels, bands, findings) is copied into plain Python values.

Quick tour::

    import isms

    reg = isms.RiskRegister.from_csv("riskregister.csv")   # the 4x4 matrix by default
    for risk in reg.sorted():
        print(risk.id, risk.value, risk.band.label("sv"), risk.title)
    for f in reg.findings(lang="en"):
        print(f.severity, f.code, f.ref, f.message)

    m = isms.RiskMatrix.preset("5x5")
    m.score(3, 4)                        # Score(value=12, band=Band(name='high', ...), ...)
    isms.score_many(array.array("b", [1, 2, 3]), array.array("b", [4, 4, 4]))

Gap analysis against ISO/IEC 27001::

    cat = isms.catalog("2022")                  # also "2013", "2024" (with Amd 1:2024)
    cat["A.5.1"].title                          # 'Policies for information security'
    cat.filter(properties="Confidentiality", concepts="#Detect")   # 27002 attributes
    [m.target.id for m in isms.catalog("2013")["10.1"].map("2022")]   # ['10.2']

    gap = isms.Assessment.from_csv("gapanalys.csv", year=2024)   # edition inferred
    gap.edition, gap.edition_basis              # ('ISO/IEC 27001:2013', 'clause_set')
    e = gap["A 9.2.1"]                          # references are read tolerantly
    e.status, e.need, e.due, e.period.end       # 'partial', 'high', 'Q1 2025', date(2025, 3, 31)
    e.status = "Ja"                             # names or Swedish/English labels
    s = gap.summary()                           # s.compliance, s.coverage, s.by_chapter[6]
    for f in gap.findings(lang="en"):           # gap-no-plan, gap-overdue, ...
        print(f)
    notes = []                                  # what could not be carried as is
    new = gap.convert("2022", report=notes)     # through the 2013 -> 2022 mapping
    for d in new.compare(gap):                  # this year's against last year's
        print(d.ref, d.before, "->", d.after, d.change)
    new.to_csv("gapanalys-2022.csv")            # semicolons, BOM, CRLF: Swedish Excel

    isms.parse_period("våren 2025").end         # datetime.date(2025, 6, 30)

OSCAL: other frameworks in, assessment results and the plan out::

    krav = isms.Catalog.from_oscal("exempelstad-krav.oscal.json")   # any OSCAL catalog
    krav.title, len(krav.requirements())        # its controls are the requirements
    krav["beh-2"].id, krav["BEH-2"].oscal_id    # ('BEH-2', 'beh-2'): label or OSCAL id
    gap = isms.Assessment(krav, 2025)           # held against it; or from_csv(..., catalog=krav)
    doc.to_oscal("ar"), doc.to_oscal("poam")    # JSON text that validates against OSCAL 1.1.3
    isms.catalog("2022").to_oscal()             # the built-in catalogs, ids and titles only

Information classification (KLASSA-style 0-4 by default; also "klassa-cia", "fips199")::

    inv = isms.Inventory()                      # or Inventory.from_csv("tillgangar.csv",
                                                #               relations="relationer.csv")
    inv.add_asset("INF1", "Patientjournal", "information", c="Allvarlig", i=3, a=2, t=2,
                  personal_data="personuppgifter, känsliga", special={"health"},
                  owner="Vårdchef", purpose="Vård", legal_basis="Art. 9.2 h")
    inv.add_asset("SYS1", "Journalsystem", "system", c=1, i=1, a=1)
    inv.add_asset("SVC1", "E-tjänst", "service", a=3)
    inv.link("SYS1", "INF1", "processes")       # read "src kind dst": SYS1 supports INF1
    inv.link("SVC1", "SYS1", "depends_on")      # SYS1 supports SVC1
    sys1 = inv["SYS1"]
    sys1.effective                              # {'C': 3, 'I': 3, 'A': 3, 'T': 2}
    sys1.provenance["A"]                        # Provenance(level=3, origin='inherited',
                                                #   source='SVC1', floor=None, cycle=False)
    sys1.overrides = {"A": 2}                   # a manual override and
    sys1.override_reason = "Reservrutin finns"  # its justification
    [a.id for a in inv.impact_of("INF1")]       # ['SYS1']: what inherits from INF1
    for f in inv.findings(lang="en"):           # asset-no-retention, asset-override-below ...
        print(f)
    inv.summary().per_overall                   # {None: 0, 0: 0, 1: 0, 2: 0, 3: 3, 4: 0}
    inv.to_csv("tillgangar.csv", relations="relationer.csv")

Improvement plans: actions, priorities, order and a schedule over the coming years::

    plan = isms.Plan(2024, register=reg, assessment=gap)     # the plan keeps its sources
    plan.add("A1", "Inför MFA", addresses=["R1", "req:A.8.5"], owner="IT",
             effort="M", due="Q2 2024", expected_residual=(1, 4))
    plan.add("A2", "Utbilda personal", addresses=[("risk", "R1")], effort="5 dagar",
             prerequisites=["A1"], recurrence="årligen")
    for action in plan.prioritise(today="2024-01-15"):   # prerequisites first, then score
        print(action.id, round(action.score, 2))
        print(action.explain("en"))                      # the terms of the score in words
    s = plan.schedule(start=2024, periods=3, unit="year", capacity=60,
                      owner_capacity={"IT": 40})
    for period in s:                                     # period.label, .start, .end,
        print(period.label, [a.id for a in period.actions], period.load)   # .capacity
    s.unscheduled, plan.findings(lang="en")              # plan-cycle, plan-due-missed ...
    draft = isms.Plan.draft(assessment=gap, register=reg)  # risk-R1, req-6.1.2, ...

Rating methods with a vector, and one normalised scale (0-1) for all of them::

    v = isms.cvss("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
    v.score, v.severity, v.severity.label("sv")  # 9.8, 'critical', 'Kritisk'; also v4.0
    v.metric("AV"), v.base, v.vector, v.normalized  # 'N', 9.8, canonical form, 0.98
    o = isms.owasp("SL:5/M:2/O:7/S:1/ED:3/EE:6/A:9/ID:2/LC:9/LI:7/LAV:5/LAC:8/FD:1/RD:2/"
                   "NC:1/PV:5")                  # or isms.owasp(SL=5, M=2, ...)
    o.likelihood, o.impact, o.severity          # 4.375, 2.25, 'low'
    d = isms.dread(8, 10, 7, 10, 10)            # or isms.dread("D:8/R:10/E:7/A:10/DI:10")
    isms.rate("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")
                                                # Rating(method='cvss', score=9.3, ...)
    risk = reg.add("R13", "Sårbar VPN", 3, 4, vector=v.vector)
    risk.method, risk.rating.severity, risk.normalized   # 'cvss', 'critical', 0.98

Quantitative risk (FAIR) by Monte Carlo simulation, in C on all cores::

    m = isms.FairModel("Ransomware", tef=isms.Pert(0.5, 2, 6), vuln=0.3,
                       lm=isms.Lognormal90(2e5, 5e6))           # numbers are Constants
    p = isms.FairModel.simple("Phishing", isms.Poisson(4), isms.Lognormal90(1e3, 5e4))
    sim = isms.simulate([m, p], iterations=100_000, seed=1)  # same seed, same result
    sim["Ransomware"].ale, sim.portfolio.var(0.99), sim.portfolio.expected_shortfall(0.99)
    sim.portfolio.lec(points=50)                # [LecPoint(loss, exceedance), ...]
    numpy.asarray(sim.portfolio.samples)        # the C array itself, no copy

The whole ISMS in one file, and the yearly management review::

    doc = isms.Document.load("examples/data/exempelstad.isms.json")
    doc.register, doc.current, doc.inventory, doc.plan   # the parts, borrowed from doc
    for f in doc.findings(lang="en"):           # every lint of every part
        print(f)
    html = doc.report(format="html", lang="sv") # self-contained HTML, prints on A4
    doc.save("exempelstad.isms.json")           # atomic: the old file or the new, never half
    doc = isms.Document.from_csv("gapanalys.csv", "riskregister.csv", year=2024,
                                 organisation="Exempelstads kommun")

Languages are ``"sv"`` (default) and ``"en"``. Treatment options and statuses are the str
enums :class:`Treatment` and :class:`Status`; finding severities are :class:`Severity`.
Requirement statuses are :class:`RequirementStatus` (``"yes"``, ``"partial"``, ``"no"``,
``"not_applicable"``, ``"not_assessed"``); aspects are :class:`Aspect` (``"C"``, ``"I"``,
``"A"``, ``"T"``), asset types :class:`AssetType`, personal data :class:`PersonalData`;
plain strings and labels work wherever an enum member does.
"""

from . import _isms
from ._errors import (CycleError, Error, ErrorCode, ExistsError, FileError,
                      InvalidArgumentError, NotFoundError, OutOfMemoryError, ParseError,
                      RangeError, UnsupportedError, strerror)
from ._findings import Finding
from ._lang import Formula, Severity, Status, Treatment, lang_code
from ._matrix import CONSEQUENCE, LIKELIHOOD, Band, Level, RiskMatrix, Score
from ._register import Risk, RiskRegister
from ._score import score_many
from ._period import Period, PeriodKind, parse_period
from ._catalog import (Catalog, Edition, Item, ItemKind, Mapping, OscalKind, Relation, Scope,
                       Theme, attribute_label, attribute_values, catalog, parse_attribute)
from ._assessment import (Applicability, Assessment, Change, Delta, EditionBasis, Entry, Need,
                          Reason, RequirementStatus, Summary, Tally)
from ._asset import (Aspect, Asset, AssetType, Inventory, InventorySummary, Link, Origin,
                     PersonalData, Provenance, RelationKind, Scheme, SpecialCategory)
from ._plan import (Action, ActionStatus, Effort, EffortSize, Plan, Recurrence, Schedule,
                    SchedulePeriod, Slot, Target, TargetKind, Term, TermKind, parse_effort)
from ._methods import (Cvss, CvssSeverity, Dread, Owasp, OwaspFactor, OwaspLevel,
                       OwaspSeverity, Rating, RatingMethod, cvss, dread, owasp, rate)
from ._quant import (Constant, DistKind, Distribution, FairModel, FairNode, LecPoint,
                     Lognormal90, LossResult, LossStats, Normal, Pert, PertMethod, Poisson,
                     Simulation, Uniform, simulate)
from ._document import Document

__all__ = [
    "version", "version_info", "__version__", "strerror", "lang_code",
    "Error", "ErrorCode", "InvalidArgumentError", "OutOfMemoryError", "RangeError",
    "ParseError", "FileError", "NotFoundError", "ExistsError", "CycleError",
    "UnsupportedError",
    "Finding", "Severity", "Treatment", "Status", "Formula",
    "Level", "Band", "Score", "RiskMatrix", "LIKELIHOOD", "CONSEQUENCE",
    "Risk", "RiskRegister", "score_many",
    "treatment_labels", "status_labels",
    "Period", "PeriodKind", "parse_period",
    "Edition", "Scope", "ItemKind", "Theme", "Relation", "OscalKind", "Catalog", "Item",
    "Mapping", "catalog", "attribute_values", "parse_attribute", "attribute_label",
    "RequirementStatus", "Need", "Applicability", "Reason", "Change", "EditionBasis",
    "Assessment", "Entry", "Summary", "Tally", "Delta",
    "Aspect", "AssetType", "PersonalData", "SpecialCategory", "RelationKind", "Origin",
    "Provenance", "Link", "InventorySummary", "Scheme", "Inventory", "Asset",
    "ActionStatus", "Recurrence", "EffortSize", "Effort", "TargetKind", "Target", "TermKind",
    "Term", "Slot", "SchedulePeriod", "Schedule", "Action", "Plan", "parse_effort",
    "RatingMethod", "Rating", "CvssSeverity", "Cvss", "cvss", "OwaspFactor", "OwaspLevel",
    "OwaspSeverity", "Owasp", "owasp", "Dread", "dread", "rate",
    "DistKind", "PertMethod", "Distribution", "Constant", "Uniform", "Normal", "Pert",
    "Lognormal90", "Poisson", "FairNode", "FairModel", "Simulation", "LossResult",
    "LossStats", "LecPoint", "simulate",
    "Document",
]


def version():
    """The run-time version of the C library, "MAJOR.MINOR.PATCH" (``isms_version()``)."""
    return _isms.isms_version()


#: The version of the C library the extension was built against (a str).
__version__ = _isms.ISMS_VERSION_STRING

#: (major, minor, patch) of the C library the extension was built against.
version_info = (_isms.ISMS_VERSION_MAJOR, _isms.ISMS_VERSION_MINOR, _isms.ISMS_VERSION_PATCH)


def treatment_labels(lang="sv"):
    """{Treatment: label} in a language, e.g. ``{Treatment.MODIFY: "Reducera", ...}``."""
    return {t: t.label(lang) for t in Treatment}


def status_labels(lang="sv"):
    """{Status: label} in a language, e.g. ``{Status.OPEN: "Öppen", ...}``."""
    return {s: s.label(lang) for s in Status}
