"""Property tests of plans on random prerequisite graphs (DAGs), efforts, statuses, owners,
due dates, recurrences and risks addressed.

The specification (isms/plan.h):
- the order holds every open prerequisite before its dependents, and leaves out done and
  cancelled actions (as prerequisites they count as met);
- the order, the scores and the schedule depend only on the actions and their attributes,
  never on the order they were added in;
- every open action is placed in a period or listed as unscheduled, never both;
- a schedule places an action no earlier than its prerequisites (strictly later with
  `strict`; a recurring prerequisite counts with its first occurrence), an action whose
  prerequisite was not placed is not placed either (actions in progress excepted: they go
  to the first period whatever), and no
  period (and no owner in a period) is loaded beyond its capacity unless it holds fixed
  items: actions in progress and occurrences of recurring actions.
"""

import datetime

from hypothesis import given, settings, strategies as st

import isms

TODAY = datetime.date(2024, 1, 1)
EFFORTS = (None, 1, 2, 5, 10, 20, "XS", "M", "2 veckor")
STATUSES = ("proposed", "proposed", "planned", "in-progress", "done", "cancelled")
RECURRENCES = (None, None, None, None, "yearly", "quarterly")
OWNERS = (None, "IT", "HR")
DUES = (None, None, "Q1 2024", "Q3 2024", "2025", "hösten 2024", "Q4 2023")


@st.composite
def plans(draw, max_actions=10):
    """A description of a plan: (risks, actions) with risks as (id, likelihood, impact) on
    the 4x4 matrix and actions as (id, attributes) whose prerequisites are earlier actions
    (so the graph has no cycle)."""
    n_risks = draw(st.integers(0, 4))
    risks = [("R%d" % k, draw(st.integers(1, 4)), draw(st.integers(1, 4)))
             for k in range(n_risks)]
    n = draw(st.integers(1, max_actions))
    actions = []
    for k in range(n):
        earlier = ["A%d" % j for j in range(k)]
        prereqs = draw(st.lists(st.sampled_from(earlier), unique=True, max_size=3)) \
            if earlier else []
        addresses = draw(st.lists(st.sampled_from([r[0] for r in risks]), unique=True,
                                  max_size=2)) if risks else []
        actions.append(("A%d" % k, {
            "effort": draw(st.sampled_from(EFFORTS)),
            "status": draw(st.sampled_from(STATUSES)),
            "recurrence": draw(st.sampled_from(RECURRENCES)),
            "owner": draw(st.sampled_from(OWNERS)),
            "due": draw(st.sampled_from(DUES)),
            "prerequisites": prereqs,
            "addresses": addresses,
        }))
    return risks, actions


def build(desc, order=None):
    risks, actions = desc
    reg = isms.RiskRegister()
    for risk_id, lk, co in risks:
        reg.add(risk_id, risk_id, lk, co)
    plan = isms.Plan(2024, register=reg)
    for k in order if order is not None else range(len(actions)):
        action_id, attrs = actions[k]
        plan.add(action_id, action_id, **attrs)
    return plan


@st.composite
def plans_and_orders(draw):
    desc = draw(plans())
    order = draw(st.permutations(range(len(desc[1]))))
    return desc, list(order)


schedule_options = st.fixed_dictionaries({
    "periods": st.integers(1, 4),
    "unit": st.sampled_from(["year", "quarter", "tertial"]),
    "capacity": st.one_of(st.none(), st.integers(1, 60)),
    "owner_capacity": st.one_of(st.none(), st.fixed_dictionaries({"IT": st.integers(1, 30)})),
    "strict": st.booleans(),
})


@settings(max_examples=80)
@given(plans())
def test_order_respects_every_prerequisite(desc):
    plan = build(desc)
    order = plan.prioritise(today=TODAY)
    position = {a.id: i for i, a in enumerate(order)}
    open_ids = {a.id for a in plan if a.status.open}
    assert set(position) == open_ids  # done and cancelled are left out
    for action in order:
        assert action.score is not None and action.score > 0
        for pre in action.prerequisites:
            if pre in open_ids:
                assert position[pre] < position[action.id], (pre, action.id)
    for action in plan:
        if not action.status.open:
            assert action.score is None


@settings(max_examples=80)
@given(plans(), schedule_options)
def test_schedule_respects_prerequisites_and_capacity(desc, options):
    plan = build(desc)
    s = plan.schedule(start=2024, today=TODAY, **options)
    assert len(s) == options["periods"]
    placed = {}
    for period in s:
        for slot in period.slots:
            placed.setdefault(slot.action.id, []).append(period.index)
    unscheduled = {a.id for a in s.unscheduled}
    open_ids = {a.id for a in plan if a.status.open}
    assert set(placed) | unscheduled == open_ids and not set(placed) & unscheduled

    for action_id, where in placed.items():
        action = plan[action_id]
        first = min(where)
        if action.recurrence is isms.Recurrence.NONE:
            assert len(where) == 1
        if action.status is isms.ActionStatus.IN_PROGRESS:
            continue  # under way: in the first period whatever comes before it
        for pre in action.prerequisites:
            if pre not in open_ids:
                continue  # done or cancelled: met
            assert pre in placed, (pre, action_id)  # an unplaced prerequisite blocks
            pre_first = min(placed[pre])  # a recurring one: its first occurrence
            if options["strict"]:
                assert pre_first < first, (pre, action_id)
            else:
                assert pre_first <= first, (pre, action_id)

    owner_cap = options["owner_capacity"] or {}
    for period in s:
        assert abs(period.load - sum(slot.effort for slot in period.slots)) < 1e-9

        def fixed(slot):
            return slot.recurring or slot.action.status is isms.ActionStatus.IN_PROGRESS

        if period.capacity is not None and not any(fixed(sl) for sl in period.slots):
            assert period.load <= period.capacity + 1e-9, period
        for owner, cap in owner_cap.items():
            mine = [sl for sl in period.slots if sl.action.owner == owner]
            if not any(fixed(sl) for sl in mine):
                assert sum(sl.effort for sl in mine) <= cap + 1e-9, (owner, period)


@settings(max_examples=60)
@given(plans_and_orders(), schedule_options)
def test_insertion_order_does_not_matter(desc_order, options):
    desc, order = desc_order
    one = build(desc)
    two = build(desc, order)
    assert sorted(one.ids()) == sorted(two.ids())
    first = one.prioritise(today=TODAY)
    second = two.prioritise(today=TODAY)
    assert [a.id for a in first] == [a.id for a in second]
    assert [a.score for a in first] == [a.score for a in second]
    assert [a.terms for a in first] == [a.terms for a in second]
    s1 = one.schedule(start=2024, today=TODAY, **options)
    s2 = two.schedule(start=2024, today=TODAY, **options)
    assert [[(sl.action.id, sl.effort, sl.occurrences, sl.recurring, sl.late)
             for sl in p.slots] for p in s1] == \
        [[(sl.action.id, sl.effort, sl.occurrences, sl.recurring, sl.late)
          for sl in p.slots] for p in s2]
    assert [p.load for p in s1] == [p.load for p in s2]
    assert [a.id for a in s1.unscheduled] == [a.id for a in s2.unscheduled]
    assert sorted((f.code, f.ref or "") for f in s1.findings()) == \
        sorted((f.code, f.ref or "") for f in s2.findings())
