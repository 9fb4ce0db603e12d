"""Quantitative risk: distributions, FAIR models, the Monte Carlo simulation and its
results, ownership of the samples buffer, the GIL, errors and allocation failures.

Statistical checks allow 6 standard errors: a correct implementation fails one of them with
a probability of about 2e-9, and every simulation has a fixed seed, so the suite is
deterministic anyway. Moments by hand (isms/quant.h):

- Uniform(2, 5): mean 3.5, sd 3 / sqrt(12).
- Pert(1, 2, 6), classic, gamma 4: mean (1 + 4 x 2 + 6) / 6 = 2.5,
  sd = sqrt((2.5 - 1)(6 - 2.5) / 7) = sqrt(0.75).
- Pert(0, 2, 10, method="moments"): mean (0 + 8 + 10) / 6 = 3, sd 10 / 6.
- Lognormal90(1, 10): m = ln(10) / 2, s = ln(10) / (2 x 1.6448536269514722),
  mean exp(m + s^2 / 2) = 4.040012826945726, sd mean x sqrt(exp(s^2) - 1).
- Poisson(3): mean 3, sd sqrt(3). Normal(100, 10): mean 100, sd 10.
"""

import array
import gc
import math
import pickle
import threading
import time
import weakref

import pytest

import isms

np = pytest.importorskip("numpy")

Z = 1.6448536269514722
LN_S = math.log(10) / (2 * Z)
LN_MEAN = 4.040012826945726


def collect():
    for _ in range(3):
        gc.collect()


def within(sample_mean, mean, sd, n, k=6.0):
    """|sample mean - mean| within k standard errors."""
    return abs(sample_mean - mean) <= k * sd / math.sqrt(n) + 1e-12


def sd_within(x, sd, k=6.0):
    """The sample variance within k standard errors of sd^2 (its standard error estimated
    from the fourth central moment)."""
    x = np.asarray(x)
    n = len(x)
    c = x - x.mean()
    var = (c ** 2).sum() / (n - 1)
    se = math.sqrt(max(((c ** 4).mean() - var ** 2) / n, 0.0))
    return abs(var - sd ** 2) <= k * se + 1e-12


DISTS = [
    (isms.Constant(7.5), 7.5, 0.0),
    (isms.Uniform(2, 5), 3.5, 3 / math.sqrt(12)),
    (isms.Normal(100, 10), 100.0, 10.0),
    (isms.Pert(1, 2, 6), 2.5, math.sqrt(0.75)),
    (isms.Pert(0, 2, 10, method="moments"), 3.0, 10 / 6),
    (isms.Lognormal90(1, 10), LN_MEAN, LN_MEAN * math.sqrt(math.expm1(LN_S ** 2))),
    (isms.Poisson(3), 3.0, math.sqrt(3)),
]
IDS = ["constant", "uniform", "normal", "pert", "pert-moments", "lognormal", "poisson"]


# ---- distributions ---------------------------------------------------------------------------

@pytest.mark.parametrize("dist, mean, sd", DISTS, ids=IDS)
def test_distribution_formulas(dist, mean, sd):
    assert dist.mean == pytest.approx(mean, rel=1e-12)
    assert dist.sd == pytest.approx(sd, rel=1e-12, abs=1e-15)


def test_lognormal_mean_of_the_header():
    assert isms.Lognormal90(1, 10).mean == pytest.approx(4.040012826945726, rel=1e-14)


def test_distribution_values():
    p = isms.Pert(1, 2, 6)
    assert (p.low, p.mode, p.high, p.gamma, p.method) == (1, 2, 6, 4.0, "classic")
    assert p.params == {"low": 1.0, "mode": 2.0, "high": 6.0, "gamma": 4.0,
                        "method": isms.PertMethod.CLASSIC}
    assert repr(p) == "Pert(low=1.0, mode=2.0, high=6.0, gamma=4.0, method=%r)" % (
        isms.PertMethod.CLASSIC,)
    assert p == isms.Pert(1.0, 2.0, 6.0) and p != isms.Pert(1, 2, 6, gamma=3)
    assert p != isms.Pert(1, 2, 6, method="moments") and hash(p) == hash(isms.Pert(1, 2, 6))
    assert p.kind is isms.DistKind.PERT and p.label("en") == "Beta-PERT"
    assert isms.Uniform(2, 5).label("sv") == "Likformig"
    assert (isms.Poisson(3).rate, isms.Constant(2).value, isms.Normal(1, 2).sd) == (3, 2, 2)
    assert isms.Lognormal90(1, 10).params == {"low": 1.0, "high": 10.0}
    assert isms.DistKind.parse("normalfördelning") is isms.DistKind.NORMAL
    assert isms.PertMethod.parse("momentmetoden") is isms.PertMethod.MOMENTS
    for d, _, _ in DISTS:
        assert pickle.loads(pickle.dumps(d)) == d and type(pickle.loads(pickle.dumps(d))) is \
            type(d)
    with pytest.raises(TypeError):
        isms.Distribution()


@pytest.mark.parametrize("make, words", [
    (lambda: isms.Uniform(5, 1), []),
    (lambda: isms.Normal(0, -1), ["sd"]),
    (lambda: isms.Pert(1, 7, 6), ["mode"]),
    (lambda: isms.Pert(1, 2, 6, gamma=0), ["gamma"]),
    (lambda: isms.Lognormal90(0, 10), []),
    (lambda: isms.Lognormal90(5, 2), []),
    (lambda: isms.Poisson(-1), []),
    (lambda: isms.Constant(float("nan")), []),
    (lambda: isms.Uniform(0, float("inf")), []),
])
def test_distribution_range_errors(make, words):
    with pytest.raises(isms.RangeError) as err:
        make()
    assert isinstance(err.value, ValueError)
    for w in words:
        assert w in err.value.message


def test_distribution_type_errors():
    with pytest.raises(TypeError):
        isms.Constant("1")
    with pytest.raises(TypeError):
        isms.Uniform(True, 2)
    with pytest.raises(isms.ParseError):
        isms.Pert(1, 2, 3, method="nope")


@pytest.mark.parametrize("dist, mean, sd", DISTS, ids=IDS)
def test_sample_moments(dist, mean, sd):
    n = 200_000
    x = dist.sample(n, seed=11)
    assert isinstance(x, array.array) and x.typecode == "d" and len(x) == n
    a = np.frombuffer(x)
    if sd == 0:
        assert (a == mean).all()
        return
    assert within(a.mean(), mean, sd, n)
    assert sd_within(a, sd)
    if isinstance(dist, isms.Poisson):
        assert (a == np.floor(a)).all() and a.min() >= 0
    if isinstance(dist, (isms.Uniform, isms.Pert)):
        assert dist.low <= a.min() and a.max() <= dist.high


def test_sample_is_reproducible_and_prefix_stable():
    d = isms.Pert(1, 2, 6)
    assert d.sample(100, seed=5)[:10] == d.sample(10, seed=5)
    assert d.sample(10, seed=5) != d.sample(10, seed=6)
    assert d.sample(10, seed=-1) == d.sample(10, seed=2 ** 64 - 1)
    assert len(d.sample(0)) == 0
    with pytest.raises(isms.RangeError):
        d.sample(-1)
    with pytest.raises(TypeError):
        d.sample(2.5)


def test_sample_lognormal_quantiles():
    x = np.frombuffer(isms.Lognormal90(1, 10).sample(400_000, seed=3))
    # 5 % of the draws below 1 and 5 % above 10 (binomial standard error 0.00034)
    assert abs((x < 1).mean() - 0.05) < 6 * math.sqrt(0.05 * 0.95 / len(x))
    assert abs((x > 10).mean() - 0.05) < 6 * math.sqrt(0.05 * 0.95 / len(x))


# ---- models ----------------------------------------------------------------------------------

def test_model_nodes_and_values():
    m = isms.FairModel("Ransomware", tef=isms.Pert(0.5, 2, 6), vuln=0.3,
                       pl=isms.Lognormal90(2e5, 5e6), slef=0.2, slem=1e5)
    assert m.name == "Ransomware" and not m.events
    assert list(m.nodes) == ["tef", "vuln", "pl", "slef", "slem"]
    assert m.nodes["vuln"] == isms.Constant(0.3) and m["tef"] == isms.Pert(0.5, 2, 6)
    assert m["Vulnerability"] == isms.Constant(0.3)          # labels work too
    assert "vuln" in m and "lef" not in m and "nonsense" not in m
    with pytest.raises(isms.NotFoundError):
        m["lef"]
    r = m.replace(vuln=0.1, slef=None, slem=None)
    assert r["vuln"] == isms.Constant(0.1) and "slef" not in r and m["vuln"].value == 0.3
    back = pickle.loads(pickle.dumps(m))
    assert back.name == m.name and back.nodes == m.nodes and back.events == m.events
    s = isms.FairModel.simple("Phishing", isms.Poisson(4), isms.Lognormal90(1e3, 5e4))
    assert s.events and s.nodes == {"lef": isms.Poisson(4), "lm": isms.Lognormal90(1e3, 5e4)}
    assert "Phishing" in repr(s) and "events=True" in repr(s)
    assert isms.FairNode.parse("Control Strength") is isms.FairNode.RS
    assert isms.FairNode.VULN.label("sv") == "Sårbarhet"


@pytest.mark.parametrize("kwargs, words", [
    (dict(lef=1), ["model X", "lm"]),
    (dict(lm=1), ["model X"]),
    (dict(lef=1, tef=2, vuln=0.3, lm=1), ["lef is given", "tef", "vuln"]),
    (dict(tef=1, lm=1), ["model X", "vuln"]),
    (dict(lef=1, pl=1, slef=0.5), ["slem"]),
])
def test_model_check_errors_at_construction(kwargs, words):
    with pytest.raises(isms.InvalidArgumentError) as err:
        isms.FairModel("X", **kwargs)
    assert isinstance(err.value, ValueError)
    for w in words:
        assert w in err.value.message


def test_model_range_and_type_errors():
    with pytest.raises(isms.RangeError) as err:
        isms.FairModel("X", lef=1, lm=1, poa=1.5)
    assert "poa" in err.value.message
    with pytest.raises(isms.RangeError):
        isms.FairModel("X", tef=1, vuln=isms.Uniform(0, 2), lm=1)
    with pytest.raises(isms.RangeError):
        isms.FairModel("X", lef=isms.Normal(-5, 1), lm=1)     # its mean is out of range
    with pytest.raises(isms.RangeError):
        isms.FairModel("X", lef=isms.Uniform(-1, 1), lm=1)
    isms.FairModel("X", lef=isms.Normal(0.5, 1), lm=1)          # clipped: allowed
    with pytest.raises(TypeError) as err:
        isms.FairModel("X", lef="often", lm=1)
    assert "lef" in str(err.value)
    with pytest.raises(TypeError):
        isms.FairModel(None, lef=1, lm=1)
    with pytest.raises(isms.InvalidArgumentError):
        isms.FairModel("", lef=1, lm=1)


# ---- simulation: hand-checked trees ----------------------------------------------------------

def test_constant_tree_is_exact():
    # lef = (cf x poa) x vuln = (4 x 0.5) x 0.5 = 1; lm = pl + slef x slem = 1000 + 0.5 x 200
    m = isms.FairModel("C", cf=4, poa=0.5, vuln=0.5, pl=1000, slef=0.5, slem=200)
    sim = isms.simulate(m, iterations=5000, seed=1)
    r = sim[0]
    assert r.stats == (5000, 1100.0, 0.0, 1100.0, 1100.0, 1100.0)
    assert r.ale == r.mean == 1100.0 and r.percentile(50) == 1100.0 and r.var(0.99) == 1100.0
    assert r.expected_shortfall(0.9) == 1100.0
    assert sim.portfolio.stats == r.stats


def test_vulnerability_from_tcap_and_rs():
    # vuln = share of iterations with tcap > rs, one value per simulation: P = 0.75 here
    n = 100_000
    m = isms.FairModel("V", tef=2, tcap=isms.Uniform(0, 1), rs=0.25, lm=100)
    r = isms.simulate(m, iterations=n, seed=4)[0]
    assert r.min == r.max                   # the same vulnerability in every iteration
    v = r.mean / 200
    assert abs(v - 0.75) <= 6 * math.sqrt(0.75 * 0.25 / n)


def test_rate_and_event_counting():
    n = 200_000
    rate = isms.simulate(isms.FairModel("R", lef=2, lm=100), iterations=n, seed=2)[0]
    assert rate.stats[1:5] == (200.0, 0.0, 200.0, 200.0)     # lef x lm, every year
    ev = isms.simulate(isms.FairModel.simple("E", 2, 100), iterations=n, seed=2)[0]
    # Poisson(2) events of 100 each: mean 200, sd 100 sqrt(2), years without loss
    assert within(ev.mean, 200, 100 * math.sqrt(2), n)
    x = np.asarray(ev.samples)
    assert sd_within(x, 100 * math.sqrt(2)) and ev.min == 0.0
    assert (np.mod(x, 100) == 0).all()
    # a Poisson lef in an event model gives the counts itself
    p = isms.simulate(isms.FairModel.simple("P", isms.Poisson(3), 10), iterations=n, seed=2)[0]
    assert within(p.mean, 30, 10 * math.sqrt(3), n)


@pytest.mark.parametrize("dist, mean, sd", DISTS, ids=IDS)
def test_simulated_moments(dist, mean, sd):
    # lef = 1 used as a rate: the annual loss is one draw of lm
    n = 200_000
    r = isms.simulate(isms.FairModel("M", lef=1, lm=dist), iterations=n, seed=9)[0]
    if sd == 0:
        assert (r.mean, r.sd, r.min, r.max) == (mean, 0.0, mean, mean)
        return
    assert within(r.mean, mean, sd, n)
    assert sd_within(np.asarray(r.samples), sd)
    assert r.sd == pytest.approx(np.asarray(r.samples).std(ddof=1), rel=1e-9)


def test_lognormal_simulated_mean():
    n = 1_000_000
    r = isms.simulate(isms.FairModel("L", lef=1, lm=isms.Lognormal90(1, 10)), iterations=n,
                      seed=21, samples=False)[0]
    sd = LN_MEAN * math.sqrt(math.expm1(LN_S ** 2))
    assert within(r.mean, 4.040012826945726, sd, n)


# ---- simulation: determinism and the portfolio -----------------------------------------------

def tree(k):
    return isms.FairModel("T%d" % k, tef=isms.Pert(0.5, 2 + k, 8 + k),
                          tcap=isms.Pert(0.4, 0.6, 0.9), rs=isms.Pert(0.5, 0.7, 0.95),
                          pl=isms.Lognormal90(1e4, 4e5), slef=isms.Pert(0.1, 0.3, 0.6),
                          slem=isms.Pert(5e3, 2e4, 2e5))


def portfolio_models():
    return [tree(0), tree(1), isms.FairModel.simple("S", isms.Poisson(4),
                                                    isms.Lognormal90(1e3, 5e4))]


def test_seed_determinism():
    models = portfolio_models()
    a = isms.simulate(models, iterations=30_000, seed=42)
    b = isms.simulate(models, iterations=30_000, seed=42)
    c = isms.simulate(models, iterations=30_000, seed=43)
    for i in range(len(models)):
        assert bytes(a[i].samples) == bytes(b[i].samples) and a[i].stats == b[i].stats
        assert bytes(a[i].samples) != bytes(c[i].samples)
    assert a.seed == 42 and c.seed == 43


def test_thread_count_does_not_change_results():
    models = portfolio_models()
    n = 50_001                      # not a multiple of the 4096-iteration chunks
    runs = [isms.simulate(models, iterations=n, seed=7, threads=t) for t in (1, 2, 4, 0)]
    for run in runs[1:]:
        for i in range(len(models)):
            assert bytes(run[i].samples) == bytes(runs[0][i].samples)
            assert run[i].stats == runs[0][i].stats
        assert bytes(run.portfolio.samples) == bytes(runs[0].portfolio.samples)
        assert run.portfolio.stats == runs[0].portfolio.stats
        assert run.portfolio.var(0.99) == runs[0].portfolio.var(0.99)
    # without samples the moments are the same too
    lean = isms.simulate(models, iterations=n, seed=7, threads=3, samples=False)
    assert [r.stats for r in lean] == [r.stats for r in runs[0]]


def test_a_model_does_not_depend_on_the_others():
    m, other = tree(0), tree(5)
    alone = isms.simulate([m], iterations=20_000, seed=3)
    first = isms.simulate([m, other], iterations=20_000, seed=3)
    assert bytes(alone[0].samples) == bytes(first[0].samples)


def test_portfolio_is_the_sum_of_the_models_per_iteration():
    sim = isms.simulate(portfolio_models(), iterations=40_000, seed=5)
    parts = [np.asarray(r.samples) for r in sim]
    total = parts[0].copy()
    for p in parts[1:]:
        total += p
    port = np.asarray(sim.portfolio.samples)
    np.testing.assert_allclose(port, total, rtol=1e-12, atol=0)
    assert sim.portfolio.mean == pytest.approx(sum(r.mean for r in sim), rel=1e-9)
    assert sim.portfolio.name == "portfolio" and sim.portfolio.is_portfolio
    assert sim.portfolio.index is None and sim[1].index == 1
    one = isms.simulate(tree(2), iterations=5000, seed=1)
    assert bytes(one.portfolio.samples) == bytes(one[0].samples)


def test_results_access():
    models = portfolio_models()
    sim = isms.simulate(models, iterations=2000, seed=1)
    assert len(sim) == 3 and sim.names == ["T0", "T1", "S"] and sim.iterations == 2000
    assert sim.models == tuple(models) and sim.has_samples
    assert sim["T1"].name == "T1" and sim[-1].name == "S" and [r.name for r in sim] == \
        sim.names
    with pytest.raises(KeyError):
        sim["nope"]
    with pytest.raises(IndexError):
        sim[3]
    with pytest.raises(TypeError):
        sim[1.0]
    dup = isms.simulate([tree(0), tree(0)], iterations=100)
    with pytest.raises(isms.InvalidArgumentError):
        dup["T0"]
    d = sim.portfolio.as_dict(levels=(0.9,))
    assert set(d) == {"name", "iterations", "mean", "sd", "min", "max", "ale", "var_0.9",
                      "es_0.9"}
    assert "3 models x 2000 iterations" in repr(sim)
    with pytest.raises(TypeError):
        pickle.dumps(sim)


# ---- percentiles, value at risk, expected shortfall, loss exceedance -------------------------

def test_percentiles_match_numpy():
    sim = isms.simulate(portfolio_models(), iterations=25_000, seed=8)
    for r in list(sim) + [sim.portfolio]:
        x = np.asarray(r.samples)
        for p in (0, 1, 25, 50, 90, 99, 99.9, 100):
            assert r.percentile(p) == pytest.approx(np.percentile(x, p), rel=1e-12)
        assert r.percentile(0) == r.min and r.percentile(100) == r.max
        assert r.var(0.95) == r.percentile(95)


def test_expected_shortfall_by_its_definition():
    r = isms.simulate(tree(1), iterations=10_000, seed=6)[0]
    x = np.sort(np.asarray(r.samples))[::-1]
    for level in (0.9, 0.95, 0.99, 0.9995):
        t = len(x) * (1 - level)
        k = int(math.floor(t + 1e-9))
        expect = (x[:k].sum() + (t - k) * x[k]) / t
        assert r.expected_shortfall(level) == pytest.approx(expect, rel=1e-9)


def test_var_and_es_are_monotonic_in_the_level():
    r = isms.simulate(portfolio_models(), iterations=50_000, seed=12).portfolio
    levels = [0.5, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999]
    var = [r.var(lv) for lv in levels]
    es = [r.expected_shortfall(lv) for lv in levels]
    assert var == sorted(var) and es == sorted(es)
    assert all(e >= v for e, v in zip(es, var))
    assert es[0] >= r.mean and es[-1] <= r.max


def test_loss_exceedance_curve():
    r = isms.simulate(portfolio_models(), iterations=20_000, seed=13).portfolio
    curve = r.lec(points=64)
    assert len(curve) == 64 and all(isinstance(p, isms.LecPoint) for p in curve)
    losses, exceedances = zip(*curve)
    assert list(losses) == sorted(losses) and list(exceedances) == sorted(exceedances,
                                                                         reverse=True)
    assert losses[0] == min(0.0, r.min) and losses[-1] == r.max and exceedances[-1] == 0.0
    x = np.asarray(r.samples)
    for loss, exc in curve[::7]:
        assert exc == pytest.approx((x > loss).mean(), abs=1e-12)
    assert len(r.lec()) == 100 and len(r.lec(2)) == 2


# ---- the samples buffer ----------------------------------------------------------------------

def test_samples_buffer_is_read_only_and_zero_copy():
    sim = isms.simulate(tree(0), iterations=10_000, seed=1)
    mv = sim[0].samples
    assert isinstance(mv, memoryview) and mv.format == "d" and mv.itemsize == 8
    assert mv.shape == (10_000,) and mv.readonly and mv.c_contiguous
    with pytest.raises(TypeError):
        mv[0] = 1.0
    a = np.asarray(mv)
    b = np.frombuffer(sim[0].samples)
    # both arrays view the same C memory
    assert a.ctypes.data == b.ctypes.data and not a.flags.writeable
    assert a.mean() == pytest.approx(sim[0].mean, rel=1e-12)
    assert a.max() == sim[0].max and a.min() == sim[0].min
    assert list(mv[:3]) == a[:3].tolist()


def test_samples_keep_the_simulation_alive():
    def make():
        sim = isms.simulate(tree(3), iterations=20_000, seed=2)
        return weakref.ref(sim), sim.portfolio.samples, np.asarray(sim[0].samples), \
            bytes(sim[0].samples)

    ref, mv, arr, expect = make()
    collect()
    assert ref() is not None                # the views hold it
    assert arr.tobytes() == expect and bytes(mv) != b""
    churn = [isms.simulate(tree(4), iterations=20_000, seed=9) for _ in range(3)]
    assert arr.tobytes() == expect          # the memory was not reused
    del churn, mv
    collect()
    assert ref() is not None                # the numpy array still holds it
    del arr
    collect()
    assert ref() is None                    # and now it is freed


def test_results_without_samples():
    sim = isms.simulate(tree(0), iterations=5000, seed=1, samples=False)
    assert not sim.has_samples and "no samples" in repr(sim)
    r = sim[0]
    assert r.mean > 0 and r.sd > 0 and r.max >= r.mean >= r.min
    for query in (lambda: r.percentile(50), lambda: r.var(0.95),
                  lambda: r.expected_shortfall(0.95), lambda: r.lec(), lambda: r.samples,
                  lambda: sim.portfolio.samples):
        with pytest.raises(isms.UnsupportedError) as err:
            query()
        assert "samples=True" in str(err.value)
    assert set(r.as_dict()) == {"name", "iterations", "mean", "sd", "min", "max", "ale"}


# ---- errors ----------------------------------------------------------------------------------

def test_simulation_errors():
    m = tree(0)
    with pytest.raises(isms.InvalidArgumentError):
        isms.simulate([])
    with pytest.raises(TypeError):
        isms.simulate("T0")
    with pytest.raises(TypeError):
        isms.simulate([m, 3])
    with pytest.raises(isms.RangeError):
        isms.simulate(m, iterations=0)
    with pytest.raises(isms.RangeError):
        isms.simulate(m, iterations=-5)
    with pytest.raises(isms.RangeError):
        isms.simulate(m, iterations=2 ** 40 + 1)
    with pytest.raises(TypeError):
        isms.simulate(m, iterations=1e4)
    with pytest.raises(isms.RangeError):
        isms.simulate(m, threads=-1)
    r = isms.simulate(m, iterations=1000, seed=1)[0]
    for bad in (lambda: r.percentile(101), lambda: r.percentile(-1), lambda: r.var(1.0),
                lambda: r.var(0.0), lambda: r.expected_shortfall(1.5), lambda: r.lec(1)):
        with pytest.raises(isms.RangeError):
            bad()
    with pytest.raises(TypeError):
        r.percentile("50")
    with pytest.raises(TypeError):
        isms.LossResult()
    with pytest.raises(TypeError):
        isms.Simulation()


def test_one_iteration():
    r = isms.simulate(tree(0), iterations=1, seed=1)[0]
    assert r.iterations == 1 and r.sd == 0.0 and r.min == r.max == r.mean
    assert r.percentile(50) == r.mean and len(r.samples) == 1


# ---- the GIL ---------------------------------------------------------------------------------

def test_simulation_releases_the_gil():
    m = isms.FairModel("G", lef=isms.Pert(1, 2, 6), lm=isms.Lognormal90(1, 10))
    duration = []

    def run():
        t0 = time.perf_counter()
        isms.simulate(m, iterations=6_000_000, seed=1, threads=1, samples=False)
        duration.append(time.perf_counter() - t0)

    ticks = [time.perf_counter()]
    t = threading.Thread(target=run)
    t.start()
    while t.is_alive():
        ticks.append(time.perf_counter())
    t.join()
    ticks.append(time.perf_counter())
    # Had the C call kept the GIL, this thread would have stood still for all of it: one gap
    # between two ticks as long as the call.
    gaps = np.diff(np.asarray(ticks))
    assert len(ticks) > 100 and gaps.max() < duration[0] / 2


def test_queries_from_many_threads():
    sim = isms.simulate(portfolio_models(), iterations=100_000, seed=3)
    expect = {i: isms.simulate(portfolio_models(), iterations=100_000, seed=3)[i].var(0.99)
              for i in range(3)}
    results, errors = {}, []

    def query(i):
        try:
            results[i] = sim[i].var(0.99)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=query, args=(i % 3,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and results == expect


# ---- allocation failures ---------------------------------------------------------------------

def test_alloc_models(sweep):
    assert sweep(lambda: isms.FairModel("Ransomware", tef=isms.Pert(0.5, 2, 6),
                                        tcap=isms.Uniform(0, 1), rs=0.5, pl=1e5, slef=0.3,
                                        slem=isms.Lognormal90(1e3, 1e5))) > 0
    assert sweep(lambda: isms.FairModel.simple("S", isms.Poisson(2), 100)) > 0
    m = tree(0)
    assert sweep(lambda: m.replace(vuln=0.5, tcap=None, rs=None)) > 0
    assert sweep(lambda: isms.Pert(1, 2, 6).sample(1000, seed=1)) > 0


def test_alloc_simulate_and_queries(sweep):
    models = portfolio_models()
    expect = isms.simulate(models, iterations=9000, seed=4, threads=1)
    assert sweep(lambda: isms.simulate(models, iterations=9000, seed=4, threads=1)) > 0
    assert sweep(lambda: isms.simulate(models, iterations=9000, seed=4, threads=2,
                                       samples=False)) > 0

    def same(sim):
        assert [r.stats for r in sim] == [r.stats for r in expect]

    for query in ("percentile", "var", "expected_shortfall"):
        sim = isms.simulate(models, iterations=9000, seed=4, threads=1)
        arg = 99 if query == "percentile" else 0.99
        assert sweep(lambda: getattr(sim.portfolio, query)(arg), lambda: same(sim)) > 0
        assert getattr(sim.portfolio, query)(arg) == getattr(expect.portfolio, query)(arg)
    sim = isms.simulate(models, iterations=9000, seed=4, threads=1)
    assert sweep(lambda: sim[1].lec(points=20)) > 0
    assert sim[1].lec(points=20) == expect[1].lec(points=20)
    collect()
