"""Plan and Action: vocabularies, add, look up, attributes, priority, order, schedule, lint,
draft, ownership and allocation failures.

Expected scores are computed by hand from the formula in isms/plan.h with the default
weights (base 0.1, risk 1, reduction 1, requirement 1, asset 0.5, urgency 1, overdue 0.5,
horizon 365 days, effort unit 5 person-days, effort exponent 0.5):

    score = (base + risk terms + requirement terms + asset terms) x urgency / effort
"""

import datetime
import gc
import math
import weakref

import pytest

import isms
from isms import _isms

D = datetime.date
TODAY = D(2024, 1, 1)


def approx(x):
    return pytest.approx(x, rel=1e-9, abs=1e-12)


def collect():
    for _ in range(3):
        gc.collect()


# ---- vocabularies ----------------------------------------------------------------------------

def test_action_status_vocabulary():
    S = isms.ActionStatus
    assert [s.value for s in S] == ["proposed", "planned", "in-progress", "done", "cancelled"]
    assert S.IN_PROGRESS.label("sv") == "Pågående" and S.IN_PROGRESS.label_en == "In progress"
    assert S.PROPOSED.label_sv == "Föreslagen" and S.CANCELLED.label("en") == "Cancelled"
    assert S.parse("PÅGÅENDE") is S.IN_PROGRESS
    assert S.parse("started") is S.IN_PROGRESS and S.parse("pågår") is S.IN_PROGRESS
    assert S.parse("genomförd") is S.DONE and S.parse("canceled") is S.CANCELLED
    assert S.parse("in-progress") is S.IN_PROGRESS and S.parse("Planerad") is S.PLANNED
    assert S.parse("") is S.PROPOSED
    assert S.coerce(3) is S.DONE
    assert S.PLANNED.open and S.IN_PROGRESS.open and not S.DONE.open and not S.CANCELLED.open
    with pytest.raises(isms.ParseError) as err:
        S.parse("kanske")
    assert "kanske" in str(err.value)


def test_recurrence_vocabulary():
    R = isms.Recurrence
    assert [r.value for r in R] == ["none", "yearly", "tertial", "quarterly"]
    assert R.YEARLY.label("sv") == "Årligen" and R.QUARTERLY.label("en") == "Every quarter"
    assert R.parse("årligen") is R.YEARLY and R.parse("Annually") is R.YEARLY
    assert R.parse("kvartalsvis") is R.QUARTERLY and R.parse("per tertial") is R.TERTIAL
    assert R.parse("once") is R.NONE and R.parse("") is R.NONE
    with pytest.raises(isms.ParseError):
        R.parse("varannan vecka")


def test_effort_vocabulary():
    E = isms.EffortSize
    assert [(e.value, e.days) for e in E] == [("XS", 1), ("S", 5), ("M", 20), ("L", 60),
                                               ("XL", 120)]
    assert isms.parse_effort("M") == (20.0, E.M)
    assert isms.parse_effort("medium").size is E.M
    assert isms.parse_effort("mycket stor") == (120.0, E.XL)
    assert isms.parse_effort("3 dagar") == (3.0, None)
    assert isms.parse_effort("3 days") == (3.0, None)
    assert isms.parse_effort("2,5") == (2.5, None)
    assert isms.parse_effort("2 veckor") == (10.0, None)
    assert isms.parse_effort("1 month") == (20.0, None)
    assert isms.parse_effort("4 h") == (0.5, None)
    assert E.parse("liten") is E.S and E.parse("XL") is E.XL
    with pytest.raises(isms.ParseError) as err:
        E.parse("3 dagar")
    assert "not a size" in str(err.value)
    with pytest.raises(isms.ParseError) as err:
        isms.parse_effort("jättemycket")
    assert "jättemycket" in str(err.value)
    with pytest.raises(isms.RangeError):
        isms.parse_effort("200000")
    with pytest.raises(isms.ParseError) as err:
        isms.parse_effort("")
    assert "empty" in str(err.value)
    with pytest.raises(TypeError):
        isms.parse_effort(5)


def test_target_and_term_vocabulary():
    T = isms.TargetKind
    assert [t.value for t in T] == ["any", "risk", "requirement", "asset"]
    assert T.REQUIREMENT.label("sv") == "Krav" and T.ASSET.label("sv") == "Tillgång"
    assert T.ASSET.label("en") == "Asset" and T.ANY.label("sv") == ""
    assert T.parse("krav") is T.REQUIREMENT and T.parse("req") is T.REQUIREMENT
    assert T.parse("Tillgång") is T.ASSET and T.parse("Requirement") is T.REQUIREMENT
    with pytest.raises(isms.ParseError):
        T.parse("hot")
    assert [k.value for k in isms.TermKind] == ["base", "risk", "requirement", "asset",
                                               "urgency", "effort"]
    assert isms.Target("risk", "R1") == ("risk", "R1")
    assert str(isms.Target(T.RISK, "R1")) == "risk:R1" and str(isms.Target(T.ANY, "X")) == "X"


# ---- plans and actions -------------------------------------------------------------------------

def test_new_plan():
    plan = isms.Plan(2024)
    assert plan.year == 2024 and len(plan) == 0 and not plan
    assert repr(plan) == "<Plan 2024, 0 actions>"
    assert isms.Plan().year == D.today().year
    assert plan.register is None and plan.assessment is None and plan.inventory is None
    with pytest.raises(isms.InvalidArgumentError) as err:
        isms.Plan(1800)
    assert "1800" in str(err.value)
    with pytest.raises(TypeError):
        isms.Plan("2024")
    with pytest.raises(TypeError) as err:
        isms.Plan(2024, register=isms.Inventory())
    assert "register must be a RiskRegister" in str(err.value)
    with pytest.raises(TypeError):
        pickle_plan(plan)


def pickle_plan(plan):
    import pickle
    return pickle.dumps(plan)


def test_add_with_every_attribute():
    reg = isms.RiskRegister()
    reg.add("R1", "Nätfiske", 3, 4)
    plan = isms.Plan(2024, register=reg)
    a = plan.add("A1", "Inför MFA", addresses=["R1", "req:6.1.2", ("asset", "HR")],
                 owner="IT-chef", due="Q2", effort="M", status="Planerad",
                 prerequisites=["A0"], recurrence="årligen", description="Alla konton",
                 cost=125000, expected_residual=("Möjlig", 4),
                 expected_status="Delvis")
    assert a is plan["A1"] and len(plan) == 1
    assert (a.id, a.title, a.description, a.owner) == ("A1", "Inför MFA", "Alla konton",
                                                       "IT-chef")
    assert a.due == "Q2"
    p = a.due_period
    assert p.kind == "quarter" and (p.start, p.end) == (D(2024, 4, 1), D(2024, 6, 30))
    assert p.year_assumed and str(p) == "Q2 2024"
    assert a.effort == 20.0 and a.effort_size is isms.EffortSize.M
    assert a.cost == 125000.0
    assert a.status is isms.ActionStatus.PLANNED and a.open
    assert a.recurrence is isms.Recurrence.YEARLY
    assert a.addresses == [("any", "R1"), ("requirement", "6.1.2"), ("asset", "HR")]
    assert a.addresses[1].kind is isms.TargetKind.REQUIREMENT
    assert a.prerequisites == ["A0"]
    assert a.expected_residual == (2, 4)  # "Möjlig" is likelihood 2 on the 4x4
    assert a.expected_status is isms.RequirementStatus.PARTIAL
    assert a.score is None and a.terms == []
    assert repr(a) == "<Action A1 planned 'Inför MFA'>"
    d = a.as_dict()
    assert d["addresses"] == ["R1", "requirement:6.1.2", "asset:HR"]
    assert d["due_end"] == "2024-06-30" and d["effort_size"] == "M"
    assert a.as_dict("sv")["status"] == "Planerad"


def test_add_defaults():
    plan = isms.Plan(2024)
    a = plan.add("  B7  ")
    assert a.id == "B7" and "B7" in plan
    assert (a.title, a.description, a.owner, a.due) == ("", "", "", "")
    assert a.due_period.kind == "none" and a.due_period.end is None
    assert a.effort is None and a.effort_size is None and a.cost is None
    assert a.status is isms.ActionStatus.PROPOSED and a.recurrence is isms.Recurrence.NONE
    assert a.addresses == [] and a.prerequisites == []
    assert a.expected_residual is None and a.expected_status is None
    b = plan.add("B8", "t", effort=2.5, due=D(2024, 3, 31), addresses="risk:R9")
    assert b.effort == 2.5 and b.effort_size is None
    assert b.due == "2024-03-31" and b.due_period.end == D(2024, 3, 31)
    assert b.addresses == [("risk", "R9")]
    c = plan.add("B9", effort=isms.EffortSize.XS, due=isms.Period("hösten 2025"))
    assert c.effort == 1.0 and c.due == "hösten 2025"


@pytest.mark.parametrize("kwargs, exc, name", [
    ({"effort": "jättemycket"}, isms.ParseError, "effort"),
    ({"effort": -3}, isms.RangeError, "effort"),
    ({"effort": 1e9}, isms.RangeError, "effort"),
    ({"effort": [1]}, TypeError, "effort"),
    ({"status": "kanske"}, isms.ParseError, "status"),
    ({"recurrence": "varannan vecka"}, isms.ParseError, "recurrence"),
    ({"cost": -1}, isms.RangeError, "cost"),
    ({"cost": "dyrt"}, TypeError, "cost"),
    ({"addresses": [42]}, TypeError, "addresses"),
    ({"addresses": [("hot", "X")]}, isms.ParseError, "addresses"),
    ({"addresses": ["R1", "  "]}, isms.InvalidArgumentError, "addresses"),
    ({"prerequisites": ["A0", "A1"]}, isms.CycleError, "prerequisites"),
    ({"prerequisites": [""]}, isms.InvalidArgumentError, "prerequisites"),
    ({"expected_residual": (1, None)}, isms.InvalidArgumentError, "expected_residual"),
    ({"expected_residual": (1, 999)}, isms.RangeError, "expected_residual"),
    ({"expected_residual": 3}, TypeError, "expected_residual"),
    ({"expected_status": "no"}, isms.InvalidArgumentError, "expected_status"),
    ({"owner": 5}, TypeError, "owner"),
    ({"description": b"bytes"}, TypeError, "description"),
    ({"due": 2024}, TypeError, "due"),
    ({"title": 7}, TypeError, "title"),
])
def test_add_is_all_or_nothing(kwargs, exc, name):
    plan = isms.Plan(2024)
    plan.add("A0", "finns")
    args = {"title": "ny", "owner": "IT", "addresses": ["R1"], "effort": "S",
            "due": "Q1", "prerequisites": ["A0"], **kwargs}
    with pytest.raises(exc) as err:
        plan.add("A1", **args)
    # the message starts with the argument's name ("effort: ..." or "effort 1e+09 ...")
    assert str(err.value).startswith(name), str(err.value)
    assert str(err.value)[len(name)] in ": ", str(err.value)
    assert plan.ids() == ["A0"] and "A1" not in plan
    # the id is free again
    assert plan.add("A1", "ny").title == "ny"


def test_add_id_errors():
    plan = isms.Plan(2024)
    plan.add("A1", "första")
    with pytest.raises(isms.ExistsError) as err:
        plan.add(" A1", "andra")
    assert "A1" in str(err.value) and str(err.value).startswith("id: ")
    with pytest.raises(isms.InvalidArgumentError):
        plan.add("   ")
    with pytest.raises(isms.InvalidArgumentError):
        plan.add("x" * 300)
    with pytest.raises(TypeError):
        plan.add(None)
    with pytest.raises(isms.InvalidArgumentError):
        plan.add("A\0B")
    assert plan.ids() == ["A1"] and plan["A1"].title == "första"


def test_container_protocol_and_remove():
    plan = isms.Plan(2024)
    for i in (3, 1, 10, 2):
        plan.add("A%d" % i, "t%d" % i)
    assert len(plan) == 4 and plan.ids() == ["A3", "A1", "A10", "A2"]
    assert [a.id for a in plan] == plan.ids()
    a1 = plan["A1"]
    assert plan["A1"] is a1 and next(iter(plan)) is plan["A3"]
    assert "A10" in plan and "A11" not in plan and 5 not in plan and "A\0" not in plan
    assert a1 in plan
    assert plan.get("A99") is None and plan.get("A99", 7) == 7
    with pytest.raises(isms.NotFoundError) as err:
        plan["A99"]
    assert isinstance(err.value, KeyError) and str(err.value) == "the plan has no action 'A99'"
    with pytest.raises(TypeError):
        plan[0]
    plan.remove("A1")
    assert a1.removed and a1.plan is None and a1.id == "A1" and a1 not in plan
    assert repr(a1) == "<Action A1 (removed)>"
    with pytest.raises(isms.NotFoundError):
        a1.title
    with pytest.raises(isms.NotFoundError):
        a1.effort = 3
    with pytest.raises(isms.NotFoundError):
        plan.remove("A1")
    del plan["A10"]
    plan.remove(plan["A2"])
    assert plan.ids() == ["A3"]
    new = plan.add("A1", "igen")
    assert new is not a1 and a1.removed and new.title == "igen"
    other = isms.Plan(2024)
    other.add("A3")
    with pytest.raises(isms.InvalidArgumentError):
        plan.remove(other["A3"])


def test_action_setters():
    reg = isms.RiskRegister()
    reg.add("R1", "Nätfiske", 3, 4)
    plan = isms.Plan(2024, register=reg)
    a = plan.add("A1", "gammal")
    a.title = "ny"
    a.description = "beskrivning"
    a.owner = "CISO"
    a.due = "31 mars"
    assert (a.title, a.description, a.owner, a.due) == ("ny", "beskrivning", "CISO", "31 mars")
    assert a.due_period.end == D(2024, 3, 31)
    a.due = None
    assert a.due == "" and a.due_period.kind == "none"
    a.effort = "3 dagar"
    assert (a.effort, a.effort_size) == (3.0, None)
    a.effort_size = "L"
    assert (a.effort, a.effort_size) == (60.0, isms.EffortSize.L)
    a.effort = 0
    assert a.effort == 0.0
    a.effort = None
    assert a.effort is None and a.effort_size is None
    a.cost = 10
    assert a.cost == 10.0
    a.cost = None
    assert a.cost is None
    a.status = "done"
    assert a.status is isms.ActionStatus.DONE and not a.open
    a.status = None
    assert a.status is isms.ActionStatus.PROPOSED
    a.recurrence = "Varje kvartal"
    assert a.recurrence is isms.Recurrence.QUARTERLY
    a.recurrence = None
    assert a.recurrence is isms.Recurrence.NONE
    a.addresses = ["R1", ("req", "A.5.1"), reg["R1"]]
    assert a.addresses == [("any", "R1"), ("requirement", "A.5.1"), ("risk", "R1")]
    a.address("asset:HR", "asset:HR")  # twice: once
    assert a.addresses[-1] == ("asset", "HR") and len(a.addresses) == 4
    with pytest.raises(TypeError):
        a.addresses = ["R2", 3]
    assert len(a.addresses) == 4  # unchanged
    a.addresses = []
    assert a.addresses == []
    a.prerequisites = ["B1", "B2"]
    a.add_prerequisite("B3", "B1")
    assert a.prerequisites == ["B1", "B2", "B3"]
    with pytest.raises(isms.CycleError):
        a.prerequisites = ["B4", "A1"]
    assert a.prerequisites == ["B1", "B2", "B3"]  # restored
    a.prerequisites = None
    assert a.prerequisites == []
    a.expected_residual = ("Osannolik", "Begränsad")
    assert a.expected_residual == (1, 1)
    a.expected_residual = None
    assert a.expected_residual is None
    a.expected_status = "yes"
    assert a.expected_status == "yes"
    with pytest.raises(isms.InvalidArgumentError):
        a.expected_status = "not_applicable"
    a.expected_status = None
    assert a.expected_status is None


# ---- priority and order ------------------------------------------------------------------------

def test_prioritise_without_sources():
    """No targets: score = 0.1 / (days / 5) ** 0.5, no urgency without a due date."""
    plan = isms.Plan(2024)
    plan.add("A1", effort="M")     # 0.1 / 2
    plan.add("A2", effort="XS")    # 0.1 / sqrt(0.2)
    plan.add("A10", effort=20)     # 0.1 / 2, ties with A1: id in natural order
    plan.add("A3")                 # unknown effort counts as 5 days: 0.1
    plan.add("A4", status="done")  # not scored
    order = plan.prioritise(today=TODAY)
    assert [a.id for a in order] == ["A2", "A3", "A1", "A10"]
    assert plan["A1"].score == approx(0.05)
    assert plan["A2"].score == approx(0.1 / math.sqrt(0.2))
    assert plan["A3"].score == approx(0.1)
    assert plan["A4"].score is None and plan["A4"].terms == []
    t = plan["A1"].terms
    assert [x.kind for x in t] == ["base", "urgency", "effort"]
    assert t[0] == (isms.TermKind.BASE, None, approx(0.1), 0, 0)
    assert t[1].value == approx(1.0) and t[1].a == approx(0.0)
    assert t[2].value == approx(2.0) and t[2].a == approx(20.0) and t[2].b == approx(1.0)
    t3 = plan["A3"].terms[2]
    assert (t3.value, t3.a, t3.b) == (approx(1.0), approx(5.0), approx(0.0))
    # changing an action forgets its score
    plan["A1"].title = "ändrad"
    assert plan["A1"].score is None and plan["A2"].score is not None
    with pytest.raises(isms.InvalidArgumentError) as err:
        plan["A1"].explain()
    assert "A1" in str(err.value)


def risk_plan():
    """R1 3x4=12 on the 4x4 matrix (values 1-16): c = 11/15. R2 2x2=4: c = 3/15 with
    residual 1x2=2: e = 1/15."""
    reg = isms.RiskRegister()
    reg.add("R1", "Nätfiske", 3, 4)
    reg.add("R2", "Stöld", 2, 2, residual=(1, 2))
    plan = isms.Plan(2024, register=reg)
    return reg, plan


def test_risk_terms_and_explain():
    reg, plan = risk_plan()
    a = plan.add("A1", "MFA", addresses=["R1"], expected_residual=(1, 4))  # e = 3/15
    b = plan.add("B1", "Lås", addresses=["risk:R2"])  # the risk's own residual
    c = plan.add("C1", "Okänd", addresses=["R1"])     # no reduction known
    order = plan.prioritise(today=TODAY)
    c1, r1 = 11 / 15, 11 / 15 - 3 / 15
    assert a.score == approx(0.1 + c1 * (1 + r1))
    c2, r2 = 3 / 15, 3 / 15 - 1 / 15
    assert b.score == approx(0.1 + c2 * (1 + r2))
    assert c.score == approx(0.1 + c1)
    assert [x.id for x in order] == ["A1", "C1", "B1"]
    risk_term = a.terms[1]
    assert risk_term.kind is isms.TermKind.RISK and risk_term.ref == "R1"
    assert (risk_term.value, risk_term.a, risk_term.b) == (approx(c1 * (1 + r1)), approx(c1),
                                                          approx(r1))
    text = a.explain("en")
    assert "R1" in text and "0.73" in text and "0.53" in text
    assert len(text.strip().splitlines()) >= 4  # base, risk, urgency, effort
    assert a.explain() != text  # Swedish differs
    # a risk the register does not hold contributes nothing
    d = plan.add("D1", addresses=["R99"])
    plan.prioritise(today=TODAY)
    assert d.score == approx(0.1)


def test_requirement_and_asset_terms():
    gap = isms.Assessment("2022", year=2024)
    gap.add("6.1.2", status="no", need="high")
    gap.add("A.5.1", status="partial", need="medium")
    inv = isms.Inventory()
    inv.add_asset("HR", "Personalsystem", "system", c=3, i=2, a=1)
    plan = isms.Plan(2024, assessment=gap, inventory=inv)
    a = plan.add("A1", addresses=["req:6.1.2"])        # g = 1, n = 1
    b = plan.add("B1", addresses=["krav:A.5.1"])       # g = 1/2, n = 2/3
    c = plan.add("C1", addresses=["req:A.5.1"], expected_status="partial")  # g = 0
    d = plan.add("D1", addresses=["asset:HR"])         # k = 3/4
    e = plan.add("E1", addresses=["HR"])               # any: found as an asset
    plan.prioritise(today=TODAY)
    assert a.score == approx(0.1 + 1.0)
    assert b.score == approx(0.1 + (0.5 + 2 / 3) / 2)
    assert c.score == approx(0.1 + (0 + 2 / 3) / 2)
    assert d.score == approx(0.1 + 0.5 * 0.75)
    assert e.score == approx(d.score)
    t = b.terms[1]
    assert (t.kind, t.ref, t.a, t.b) == ("requirement", "A.5.1", approx(0.5), approx(2 / 3))
    t = d.terms[1]
    assert (t.kind, t.ref, t.a) == ("asset", "HR", approx(0.75))


def test_urgency_and_weights():
    plan = isms.Plan(2024)
    soon = plan.add("S", due="Q2 2024")   # 181 days from 1 January to 30 June
    late = plan.add("L", due="Q4 2023")   # overdue: u = 1, + overdue weight
    none = plan.add("N")
    order = plan.prioritise(today="2024-01-01")
    assert soon.score == approx(0.1 * (1 + (1 - 181 / 365)))
    assert late.score == approx(0.1 * (1 + 1 + 0.5))
    assert none.score == approx(0.1)
    assert [a.id for a in order] == ["L", "S", "N"]
    u = soon.terms[1]
    assert u.kind == "urgency" and u.a == approx(1 - 181 / 365) and u.b == approx(181)
    # the reference date changes urgency
    plan.prioritise(today=D(2024, 6, 30))
    assert soon.score == approx(0.2)
    # weights override the defaults; unknown names are named
    plan.prioritise(today=TODAY, weights={"urgency": 0, "overdue": 0, "base": 1})
    assert (soon.score, late.score, none.score) == (approx(1), approx(1), approx(1))
    plan.add("E", effort=20)
    plan.prioritise(today=TODAY, weights={"w_effort": 1, "effort_unit": 10})
    assert plan["E"].score == approx(0.1 / 2)
    with pytest.raises(ValueError) as err:
        plan.prioritise(weights={"risk": 1, "riks": 2, "effekt": 3})
    assert "'riks', 'effekt'" in str(err.value) and "horizon_days" in str(err.value)
    with pytest.raises(isms.InvalidArgumentError) as err:
        plan.prioritise(weights={"effort_unit": 0})
    assert "effort" in str(err.value)
    with pytest.raises(TypeError):
        plan.prioritise(weights=[1, 2])
    with pytest.raises(TypeError):
        plan.prioritise(weights={"risk": "hög"})
    with pytest.raises(isms.ParseError):
        plan.prioritise(today="igår")
    assert isms.Plan.default_weights() == {
        "base": 0.1, "risk": 1.0, "reduction": 1.0, "requirement": 1.0, "asset": 0.5,
        "urgency": 1.0, "overdue": 0.5, "horizon_days": 365.0, "effort_unit": 5.0,
        "effort": 0.5}


def test_order_respects_prerequisites():
    plan = isms.Plan(2024)
    plan.add("A", effort="XL", prerequisites=[])          # lowest score
    plan.add("B", effort="XS", prerequisites=["A"])      # highest, but waits for A
    plan.add("C", effort="S", prerequisites=["B"])
    plan.add("D", effort="S")
    plan.add("E", effort="XS", prerequisites=["F"])
    plan.add("F", effort="M", status="done")               # done: met, not listed
    order = [a.id for a in plan.prioritise(today=TODAY)]
    assert order == ["E", "D", "A", "B", "C"]


def test_cycle_and_missing_prerequisite():
    plan = isms.Plan(2024)
    plan.add("A1", prerequisites=["A2"])
    plan.add("A2", prerequisites=["A3"])
    plan.add("A3", prerequisites=["A1"])
    plan.add("B1")
    with pytest.raises(isms.CycleError) as err:
        plan.prioritise(today=TODAY)
    msg = str(err.value)
    assert isinstance(err.value, isms.Error) and err.value.code == isms.ErrorCode.ECYCLE
    assert "A1" in msg and "A2" in msg and "A3" in msg and "B1" not in msg
    with pytest.raises(isms.CycleError):
        plan.schedule(start=2024)
    codes = [f.code for f in plan.findings(today=TODAY)]
    assert "plan-cycle" in codes
    plan["A3"].prerequisites = ["X9"]
    with pytest.raises(isms.NotFoundError) as err:
        plan.prioritise(today=TODAY)
    assert "X9" in str(err.value) and "A3" in str(err.value)
    assert isinstance(err.value, KeyError)
    # removing an action leaves its name with the others
    plan["A3"].prerequisites = []
    plan.remove("A3")
    with pytest.raises(isms.NotFoundError) as err:
        plan.prioritise(today=TODAY)
    assert "A3" in str(err.value)


def test_order_does_not_depend_on_insertion_order():
    specs = [("A%d" % i, {"effort": e, "prerequisites": p})
             for i, e, p in ((1, "M", []), (2, "XS", ["A1"]), (3, "S", []), (4, "S", []),
                             (5, "L", ["A3", "A4"]), (10, "S", []))]
    orders = []
    for perm in (specs, specs[::-1], specs[2:] + specs[:2]):
        plan = isms.Plan(2024)
        for action_id, kw in perm:
            plan.add(action_id, **kw)
        orders.append([a.id for a in plan.prioritise(today=TODAY)])
    assert orders[0] == orders[1] == orders[2]
    assert orders[0] == ["A3", "A4", "A10", "A1", "A2", "A5"]


# ---- schedule ------------------------------------------------------------------------------------

def simple_plan():
    """Scores 0.1 / sqrt(days / 5): C (S) 0.1, A and B (M) 0.05, D (L) 0.0289."""
    plan = isms.Plan(2024)
    plan.add("A", "a", effort="M")
    plan.add("B", "b", effort="M")
    plan.add("C", "c", effort="S")
    plan.add("D", "d", effort="L")
    return plan


def test_schedule_yearly_with_capacity():
    plan = simple_plan()
    s = plan.schedule(start="2024", periods=3, unit="year", capacity=30, today=TODAY)
    assert isinstance(s, isms.Schedule) and len(s) == 3 and s.plan is plan
    assert [p.label for p in s] == ["2024", "2025", "2026"]
    assert [(p.start, p.end) for p in s] == [(D(2024, 1, 1), D(2024, 12, 31)),
                                            (D(2025, 1, 1), D(2025, 12, 31)),
                                            (D(2026, 1, 1), D(2026, 12, 31))]
    assert s[0].kind == "year" and s.unit is isms.PeriodKind.YEAR and s[1].index == 1
    assert [[a.id for a in p.actions] for p in s] == [["C", "A"], ["B"], []]
    assert [p.load for p in s] == [25.0, 20.0, 0.0]
    assert [p.capacity for p in s] == [30.0, 30.0, 30.0] and s[0].free == 5.0
    assert [a.id for a in s.unscheduled] == ["D"]
    slot = s[0].slots[0]
    assert slot.action is plan["C"] and slot.effort == 5.0 and slot.occurrences == 1
    assert not slot.recurring and not slot.late
    assert s.periods_of("B") == [1] and s.periods_of(plan["D"]) == []
    assert [a.id for a in s[0]] == ["C", "A"] and len(s[0]) == 2
    codes = [f.code for f in s.findings()]
    assert "plan-too-large" in codes or "plan-beyond-horizon" in codes
    assert s.today == TODAY and not s.strict
    assert repr(s) == "<Schedule 3 years from 2024, 3 actions placed, 1 unscheduled>"
    assert repr(s[0]) == "<SchedulePeriod 2024: 2 actions, load 25 of 30>"
    assert plan["C"].score == approx(0.1)  # scheduling scores too


def test_schedule_units_start_and_capacity_lists():
    plan = simple_plan()
    s = plan.schedule(start="Q2 2025", periods=4, unit="kvartal", today=TODAY)
    assert [p.label for p in s] == ["Q2 2025", "Q3 2025", "Q4 2025", "Q1 2026"]
    assert s[0].capacity is None  # unlimited
    assert [a.id for a in s[0].actions] == ["C", "A", "B", "D"]
    s = plan.schedule(start=D(2024, 5, 17), periods=2, unit="tertial", today=TODAY)
    assert [p.label for p in s] == ["T2 2024", "T3 2024"]
    assert s[0].start == D(2024, 5, 1) and s[1].end == D(2024, 12, 31)
    s = plan.schedule(start=2024, unit="månad", capacity=[25, None, 60], today=TODAY)
    assert len(s) == 3 and [p.label for p in s] == ["2024-01", "2024-02", "2024-03"]
    assert [p.capacity for p in s] == [25.0, None, 60.0]
    assert [[a.id for a in p.actions] for p in s] == [["C", "A"], ["B", "D"], []]
    s = plan.schedule(today=TODAY)  # defaults: the plan's year, 3 years, unlimited
    assert [p.label for p in s] == ["2024", "2025", "2026"]
    assert [a.id for a in s[0]] == ["C", "A", "B", "D"]


def test_schedule_argument_errors():
    plan = simple_plan()
    with pytest.raises(isms.InvalidArgumentError) as err:
        plan.schedule(unit="vecka")
    assert "vecka" in str(err.value) and "quarter" in str(err.value)
    with pytest.raises(isms.InvalidArgumentError):
        plan.schedule(unit="halvår")
    with pytest.raises(isms.InvalidArgumentError) as err:
        plan.schedule(periods=2, capacity=[1, 2, 3])
    assert "3 values for 2 periods" in str(err.value)
    with pytest.raises(isms.InvalidArgumentError):
        plan.schedule(periods=0)
    with pytest.raises(isms.InvalidArgumentError):
        plan.schedule(periods=1201)
    with pytest.raises(isms.InvalidArgumentError):
        plan.schedule(capacity=-5)
    with pytest.raises(isms.ParseError) as err:
        plan.schedule(start="efter nästa val")
    assert "efter nästa val" in str(err.value)
    with pytest.raises(TypeError):
        plan.schedule(start=[2024])
    with pytest.raises(TypeError):
        plan.schedule(owner_capacity=[("IT", 5)])
    with pytest.raises(isms.RangeError):
        plan.schedule(start=9999, periods=2)
    with pytest.raises(ValueError) as err:
        plan.schedule(weights={"risken": 1})
    assert "risken" in str(err.value)


def test_schedule_fixed_items_recurring_and_owners():
    plan = isms.Plan(2024)
    plan.add("P", "pågår", effort=50, status="in-progress")   # first period, whatever
    plan.add("Q", "kvartalsvis", effort=2, recurrence="quarterly")
    plan.add("IT1", "it", effort=15, owner="IT")
    plan.add("IT2", "it", effort=15, owner="IT")
    plan.add("HR1", "hr", effort=10, owner="HR")
    s = plan.schedule(start=2024, periods=2, capacity=100, owner_capacity={"IT": 20},
                      today=TODAY)
    first = {slot.action.id: slot for slot in s[0].slots}
    assert set(first) == {"P", "Q", "IT1", "HR1"}
    assert first["Q"].recurring and first["Q"].occurrences == 4
    assert first["Q"].effort == 8.0 and first["P"].effort == 50.0
    assert [a.id for a in s[1].actions if a.id != "Q"] == ["IT2"]
    assert s.periods_of("Q") == [0, 1]
    assert s[0].load == 50 + 8 + 15 + 10
    # over capacity only through fixed items
    s = plan.schedule(start=2024, periods=2, capacity=40, today=TODAY)
    assert s[0].load > 40 and {a.id for a in s[0]} == {"P", "Q"}
    assert "plan-over-capacity" in [f.code for f in s.findings()]


def test_schedule_strict_and_late():
    plan = isms.Plan(2024)
    plan.add("A", effort=1)
    plan.add("B", effort=1, prerequisites=["A"], due="2024")
    loose = plan.schedule(start=2024, periods=2, today=TODAY)
    assert [[a.id for a in p] for p in loose] == [["A", "B"], []]
    strict = plan.schedule(start=2024, periods=2, strict=True, today=TODAY)
    assert strict.strict
    assert [[a.id for a in p] for p in strict] == [["A"], ["B"]]
    assert strict[1].slots[0].late
    assert "plan-due-missed" in [f.code for f in strict.findings()]


def test_recurring_actions_and_their_dependents():
    plan = isms.Plan(2024)
    plan.add("Y", "årlig", recurrence="yearly", effort=1)   # no due day: the year's last period
    plan.add("D", "efter", effort=1, prerequisites=["Y"])
    plan.add("M", "i maj", recurrence="Årligen", effort=2, due="15 maj")
    s = plan.schedule(start="Q1 2024", periods=1, unit="quarter", today=TODAY)
    assert s[0].actions == []                       # no occurrence in Q1
    # priority order: M (due 15 May: 0.1 x (2 - 135/365) / 0.4 ** 0.5) before Y and D
    # (0.1 / 0.2 ** 0.5 each; D waits for Y)
    assert [a.id for a in s.unscheduled] == ["M", "Y", "D"]
    assert plan["M"].score == approx(0.1 * (2 - 135 / 365) / 0.4 ** 0.5)
    beyond = {f.ref: f.message for f in s.findings() if f.code == "plan-beyond-horizon"}
    assert set(beyond) == {"M", "Y", "D"} and "Y" in beyond["D"]
    s = plan.schedule(start=2024, periods=4, unit="quarter", today=TODAY)
    assert s.periods_of("Y") == [3] and s.periods_of("M") == [1]
    assert s.periods_of("D") == [3]                 # with the first occurrence of Y
    slot = [sl for sl in s[1].slots if sl.action.id == "M"][0]
    assert slot.recurring and slot.occurrences == 1 and slot.effort == 2.0
    s = plan.schedule(start=2024, periods=2, unit="year", strict=True, today=TODAY)
    assert s.periods_of("Y") == [0, 1] and s.periods_of("D") == [1]
    s = plan.schedule(start=2024, periods=1, unit="year", strict=True, today=TODAY)
    assert [a.id for a in s.unscheduled] == ["D"]


def test_findings_lint_and_schedule():
    plan = isms.Plan(2024, register=isms.RiskRegister())
    plan.add("A1", "utan allt")
    plan.add("A2", "sen", addresses=["risk:R404"], owner="IT", effort=1, due="Q1 2023")
    plan.add("A3", "oläslig", addresses=["R404"], owner="IT", effort=1,
             due="inför nästa verksamhetsplan")
    found = plan.findings(today=TODAY)
    by_ref = {}
    for f in found:
        assert isinstance(f, isms.Finding)
        by_ref.setdefault(f.ref, set()).add(f.code)
    assert {"plan-addresses-nothing", "plan-no-owner", "plan-no-effort"} <= by_ref["A1"]
    assert {"plan-unknown-target", "plan-overdue"} <= by_ref["A2"]
    assert "plan-unreadable-due" in by_ref["A3"]
    unknown = [f for f in found if f.code == "plan-unknown-target"][0]
    assert unknown.severity == "error" and "R404" in unknown.message
    english = plan.findings(today=TODAY, lang="en")
    assert [f.code for f in english] == [f.code for f in found]
    assert [f.message for f in english] != [f.message for f in found]
    # without a reference date there is nothing overdue... with today's, Q1 2023 is
    assert "plan-overdue" in [f.code for f in plan.findings()]
    # after a schedule: its findings (lint included)
    s = plan.schedule(start=2024, periods=1, today=TODAY)
    assert plan.findings() == s.findings()
    assert "plan-due-missed" in [f.code for f in s.findings()]
    in_english = plan.findings(lang="en")
    assert [f.code for f in in_english] == [f.code for f in s.findings()]
    assert in_english != s.findings()
    assert [f.code for f in plan.findings(today=D(2022, 1, 1))].count("plan-overdue") == 0
    assert "plan-due-missed" in [f.code for f in plan.findings(today=D(2022, 1, 1))]
    # a change makes the schedule stale
    plan["A1"].owner = "HR"
    assert "plan-due-missed" not in [f.code for f in plan.findings(today=TODAY)]


def test_schedule_survives_changes_and_removal():
    plan = simple_plan()
    s = plan.schedule(start=2024, capacity=30, today=TODAY)
    c = s[0].actions[0]
    plan.remove("C")
    assert c.removed and s[0].actions[0] is c  # still readable, detached
    assert s[0].slots[0].effort == 5.0
    with pytest.raises(isms.NotFoundError):
        c.explain()
    s2 = plan.schedule(start=2024, capacity=30, today=TODAY)
    assert [[a.id for a in p] for p in s2] == [["A"], ["B"], []]


# ---- sources and draft -------------------------------------------------------------------------

def gap_and_register():
    gap = isms.Assessment("2022", year=2025)
    gap.add("6.1.2", status="Nej", need="Hög", plan="Ta fram en metod\nför riskbedömning",
            owner="CISO", due="Q3")
    gap.add("A.5.1", status="Delvis", plan="Uppdatera policyn", owner="Ledning")
    gap.add("A.5.2", status="Ja", plan="Inget")          # yes: nothing to do
    gap.add("A.5.3", status="Nej")                       # no action plan: not drafted
    reg = isms.RiskRegister()
    reg.add("R1", "Nätfiske", 3, 4, treatment="Inför MFA", owner="IT")   # 12 > 3
    reg.add("R2", "Stöld", 2, 4, residual=(1, 2))                         # 8 > 3
    reg.add("R3", "Liten", 1, 3)                                          # 3: accepted
    reg.add("R4", "Stängd", 4, 4, status="closed")
    return gap, reg


def test_draft():
    gap, reg = gap_and_register()
    plan = isms.Plan.draft(assessment=gap, register=reg)
    assert plan.year == 2025 and plan.register is reg and plan.assessment is gap
    assert sorted(plan.ids()) == ["req-6.1.2", "req-A.5.1", "risk-R1", "risk-R2"]
    r1 = plan["risk-R1"]
    assert r1.title == "Inför MFA" and r1.owner == "IT" and r1.addresses == [("risk", "R1")]
    assert r1.status is isms.ActionStatus.PROPOSED
    r2 = plan["risk-R2"]
    assert r2.title == "Behandla risken: Stöld" and r2.expected_residual == (1, 2)
    q = plan["req-6.1.2"]
    assert q.title == "Ta fram en metod"
    assert q.description == "Ta fram en metod\nför riskbedömning"
    assert q.owner == "CISO" and q.due == "Q3" and q.due_period.end == D(2025, 9, 30)
    assert q.addresses == [("requirement", "6.1.2")]
    en = isms.Plan.draft(register=reg, year=2024, lang="en")
    assert en.year == 2024 and en.assessment is None
    assert en["risk-R2"].title == "Treat the risk: Stöld"
    assert sorted(en.ids()) == ["risk-R1", "risk-R2"]
    assert len(isms.Plan.draft()) == 0
    with pytest.raises(TypeError):
        isms.Plan.draft(reg)
    # drafted actions score from the sources
    order = plan.prioritise(today=D(2025, 1, 1))
    assert order[0].id in ("risk-R1", "req-6.1.2") and all(a.score > 0.1 for a in order)


def test_set_sources():
    gap, reg = gap_and_register()
    plan = isms.Plan(2025)
    a = plan.add("A", addresses=["R1"])
    plan.prioritise(today=TODAY)
    assert a.score == approx(0.1)
    plan.set_sources(register=reg)
    assert plan.register is reg and plan.assessment is None
    plan.prioritise(today=TODAY)
    assert a.score == approx(0.1 + 11 / 15)
    plan.set_sources(assessment=gap)  # the register stays
    assert plan.register is reg and plan.assessment is gap
    plan.set_sources(register=None)
    assert plan.register is None and plan.assessment is gap
    with pytest.raises(TypeError):
        plan.set_sources(inventory=reg)


def test_inventory_is_classified_before_scoring():
    inv = isms.Inventory()
    inv.add_asset("INF", "Journal", "information", c=4)
    inv.add_asset("SYS", "System", "system", c=1)
    inv.link("SYS", "INF", "processes")   # SYS inherits 4
    plan = isms.Plan(2024, inventory=inv)
    a = plan.add("A", addresses=["asset:SYS"])
    plan.prioritise(today=TODAY)
    assert a.score == approx(0.1 + 0.5 * 1.0)
    inv["INF"].set_level("C", 2)          # now SYS is 2: k = 1/2
    plan.prioritise(today=TODAY)
    assert a.score == approx(0.1 + 0.5 * 0.5)


# ---- ownership -----------------------------------------------------------------------------------

def test_action_keeps_plan_alive_and_plan_keeps_sources():
    reg = isms.RiskRegister()
    reg.add("R1", "x", 3, 4)
    plan = isms.Plan(2024, register=reg)
    a = plan.add("A", addresses=["R1"])
    reg_ref, plan_ref = weakref.ref(reg), weakref.ref(plan)
    del reg, plan
    collect()
    assert plan_ref() is not None and reg_ref() is not None
    assert a.plan.prioritise(today=TODAY)[0] is a
    assert a.score == approx(0.1 + 11 / 15)
    del a
    collect()
    assert plan_ref() is None and reg_ref() is None


def test_schedule_keeps_plan_alive():
    def make():
        plan = simple_plan()
        return plan.schedule(start=2024, capacity=30, today=TODAY), weakref.ref(plan)

    s, plan_ref = make()
    collect()
    assert plan_ref() is not None and s.plan is plan_ref()
    assert s[0].actions[0].explain("en")
    ranked = plan_ref().prioritise(today=TODAY)
    del s
    collect()
    assert plan_ref() is not None  # the ranked actions hold it
    assert [a.id for a in ranked] == ["C", "A", "B", "D"]
    del ranked
    collect()
    assert plan_ref() is None


def test_many_plans_freed():
    refs = []
    for k in range(50):
        plan = simple_plan()
        plan.schedule(start=2024, capacity=30, today=TODAY)
        refs.append(weakref.ref(plan))
        del plan
    collect()
    assert all(r() is None for r in refs)


# ---- allocation failures --------------------------------------------------------------------

def full_add(plan):
    return plan.add("A9", "full", addresses=["R1", "req:6.1.2", ("asset", "HR")], owner="IT",
                    due="Q2 2024", effort="M", status="planned", prerequisites=["A0", "A1"],
                    recurrence="yearly", description="d" * 100, cost=5,
                    expected_residual=(1, 2), expected_status="partial")


def test_alloc_plan_and_add(sweep):
    assert sweep(lambda: isms.Plan(2024)) > 0
    plan = isms.Plan(2024)
    plan.add("A0", "första")

    def unchanged():
        assert plan.ids() == ["A0"]

    assert sweep(lambda: full_add(plan), unchanged) > 0
    a = plan["A9"]
    assert a.addresses[2] == ("asset", "HR") and a.prerequisites == ["A0", "A1"]
    assert a.description == "d" * 100 and a.expected_status == "partial"


def test_alloc_prioritise_schedule_findings(sweep):
    gap, reg = gap_and_register()
    plan = isms.Plan(2025, register=reg, assessment=gap)
    for k in range(12):
        plan.add("A%d" % k, addresses=["R%d" % (k % 3 + 1), "req:6.1.2"], effort=k + 1,
                 owner="IT" if k % 2 else "HR", due="Q%d" % (k % 4 + 1),
                 prerequisites=["A%d" % (k - 1)] if k % 3 else [],
                 recurrence="quarterly" if k == 5 else None)
    expected = [a.id for a in plan.prioritise(today=TODAY)]
    scores = {a.id: a.score for a in plan}

    def same_scores():
        assert {a.id: a.score for a in plan} == scores

    assert sweep(lambda: plan.prioritise(today=TODAY), same_scores) > 0
    assert [a.id for a in plan.prioritise(today=TODAY)] == expected
    s = plan.schedule(start=2025, periods=4, unit="quarter", capacity=20,
                      owner_capacity={"IT": 10}, today=TODAY)
    layout = [[a.id for a in p] for p in s]
    assert sweep(lambda: plan.schedule(start=2025, periods=4, unit="quarter", capacity=20,
                                       owner_capacity={"IT": 10}, today=TODAY)) > 0
    again = plan.schedule(start=2025, periods=4, unit="quarter", capacity=20,
                          owner_capacity={"IT": 10}, today=TODAY)
    assert [[a.id for a in p] for p in again] == layout
    plan["A0"].title = "ändrad"
    assert sweep(lambda: plan.findings(today=TODAY)) > 0
    plan.prioritise(today=TODAY)
    assert sweep(lambda: plan["A3"].explain("en")) > 0


def test_alloc_draft(sweep):
    gap, reg = gap_and_register()
    assert sweep(lambda: isms.Plan.draft(assessment=gap, register=reg)) > 0
    assert len(isms.Plan.draft(assessment=gap, register=reg)) == 4


def test_alloc_setters(sweep):
    """Replacing addresses or prerequisites clears them and adds the new ones; the C API has
    no way to swap a whole list, so after a failure the old list is put back only as far as
    memory allows: what is left is a prefix of it, never anything else."""
    plan = isms.Plan(2024)
    a = plan.add("A", "titel", addresses=["R1", "R2"], prerequisites=["B", "C"])
    old_targets, old_prereqs = a.addresses, a.prerequisites

    def targets_prefix():
        now = a.addresses
        assert now == old_targets[:len(now)] and a.prerequisites == old_prereqs

    def prereqs_prefix():
        now = a.prerequisites
        assert now == old_prereqs[:len(now)]

    assert sweep(lambda: setattr(a, "addresses", ["R%d" % k for k in range(20)]),
                 targets_prefix) > 0
    assert a.addresses == [("any", "R%d" % k) for k in range(20)]
    assert sweep(lambda: setattr(a, "prerequisites", ["P%d" % k for k in range(20)]),
                 prereqs_prefix) > 0
    assert a.prerequisites == ["P%d" % k for k in range(20)]
    a.owner = "gammal"

    def same_owner():
        assert a.owner == "gammal"

    assert sweep(lambda: setattr(a, "owner", "ny ägare " * 10), same_owner) > 0
    assert a.owner == "ny ägare " * 10
    b = plan.add("B", "b")

    def no_targets():
        assert b.addresses == []

    assert sweep(lambda: b.address("risk:R1"), no_targets) > 0
    assert b.addresses == [("risk", "R1")]


def test_raw_wrapper_errors():
    """The low-level module rejects malformed option tuples with Python exceptions."""
    YEAR = _isms.ISMS_PERIOD_YEAR
    rc, ptr = _isms.isms_plan_new(2024)
    try:
        with pytest.raises(ValueError):
            _isms.isms_plan_schedule(ptr, (None,))
        with pytest.raises(TypeError):
            _isms.isms_plan_prioritise(ptr, ("x",) * 11)
        with pytest.raises(ValueError):
            _isms.isms_plan_schedule(ptr, ((2024, 1, 1), YEAR, 2, 0.0, (1.0,), None, False,
                                           None, 0))
        with pytest.raises(TypeError):
            _isms.isms_plan_schedule(ptr, ((2024, 1, 1), YEAR, 2, 0.0, None, (("IT",),), False,
                                           None, 0))
        rc, sched = _isms.isms_plan_schedule(ptr, ((2024, 1, 1), YEAR, 2, 0.0, None,
                                                   (("IT", 5.0),), False, None, 0))
        assert rc == 0
        assert _isms.isms_schedule_period_count(sched) == 2
        _isms.isms_schedule_free(sched)
        assert _isms.isms_action_expected_residual  # wrapped
    finally:
        _isms.isms_plan_free(ptr)
