"""Quantitative risk: distributions, FAIR-style models and their Monte Carlo simulation.

A risk is described by the FAIR tree (see :class:`FairModel`), each input an uncertain
quantity given as a distribution. :func:`simulate` draws every input once per iteration (one
simulated year) in C, on all cores and without the GIL, and gives the annual loss of each
model and of the portfolio (their sum, year by year)::

    ransomware = isms.FairModel("Ransomware", tef=isms.Pert(0.5, 2, 6), vuln=0.3,
                                lm=isms.Lognormal90(2e5, 5e6))
    phishing = isms.FairModel.simple("Phishing", isms.Poisson(4), isms.Lognormal90(1e3, 5e4))
    sim = isms.simulate([ransomware, phishing], iterations=100_000, seed=1)
    sim["Ransomware"].ale, sim.portfolio.var(0.99), sim.portfolio.expected_shortfall(0.99)
    curve = sim.portfolio.lec(points=50)          # [LecPoint(loss, exceedance), ...]
    losses = numpy.asarray(sim.portfolio.samples)  # no copy: a view of the C array

The same seed gives bit-identical results on any number of threads.
"""

import array
import collections.abc
import numbers
from typing import NamedTuple

from . import _isms
from ._errors import (ErrorCode, InvalidArgumentError, NotFoundError, RangeError,
                      UnsupportedError, check, check_result, last_error)
from ._handle import _Handle
from ._lang import _Labelled
from ._matrix import _text
from ._methods import _number

__all__ = [
    "DistKind", "PertMethod", "FairNode", "Distribution", "Constant", "Uniform", "Normal",
    "Pert", "Lognormal90", "Poisson", "FairModel", "Simulation", "LossResult", "LossStats",
    "LecPoint", "simulate",
]

_PORTFOLIO = _isms.ISMS_PY_PORTFOLIO
_MAX_ITERATIONS = _isms.ISMS_PY_SIM_MAX_ITERATIONS
_SEED_MOD = 1 << 64


# ---- vocabularies ------------------------------------------------------------------------

class DistKind(_Labelled):
    """The kind of a distribution: ``"constant"``, ``"uniform"`` (Likformig), ``"normal"``
    (Normalfördelning), ``"pert"`` (Beta-PERT), ``"lognormal90"`` (Lognormal), ``"poisson"``.
    """

    CONSTANT = ("constant", _isms.ISMS_DIST_CONSTANT)
    UNIFORM = ("uniform", _isms.ISMS_DIST_UNIFORM)
    NORMAL = ("normal", _isms.ISMS_DIST_NORMAL)
    PERT = ("pert", _isms.ISMS_DIST_PERT)
    LOGNORMAL90 = ("lognormal90", _isms.ISMS_DIST_LOGNORMAL90)
    POISSON = ("poisson", _isms.ISMS_DIST_POISSON)

    @staticmethod
    def _label_fn():
        return _isms.isms_dist_kind_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_dist_kind_parse


class PertMethod(_Labelled):
    """The parameterisation of beta-PERT: ``"classic"`` (Klassisk, the default: the density
    peaks at the mode; Vose, R's betaPERT, current pyfair) or ``"moments"`` (Momentmetoden:
    sd = (high - low)/(gamma + 2), as early pyfair releases)."""

    CLASSIC = ("classic", _isms.ISMS_PERT_CLASSIC)
    MOMENTS = ("moments", _isms.ISMS_PERT_MOMENTS)

    @staticmethod
    def _label_fn():
        return _isms.isms_pert_method_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_pert_method_parse


class FairNode(_Labelled):
    """A node of the FAIR tree, by the keyword :class:`FairModel` takes: ``"lef"`` (loss
    event frequency), ``"tef"`` (threat event frequency), ``"cf"`` (contact frequency),
    ``"poa"`` (probability of action), ``"vuln"`` (vulnerability), ``"tcap"`` (threat
    capability), ``"rs"`` (resistance strength, pyfair's control strength), ``"lm"`` (loss
    magnitude), ``"pl"`` (primary loss), ``"sl"`` (secondary loss), ``"slef"`` and
    ``"slem"`` (secondary loss event frequency and magnitude). ``parse()`` also reads the
    Swedish and English labels and pyfair's names ("Control Strength", "TC")."""

    LEF = ("lef", _isms.ISMS_FAIR_LEF)
    TEF = ("tef", _isms.ISMS_FAIR_TEF)
    CF = ("cf", _isms.ISMS_FAIR_CF)
    POA = ("poa", _isms.ISMS_FAIR_POA)
    VULN = ("vuln", _isms.ISMS_FAIR_VULN)
    TCAP = ("tcap", _isms.ISMS_FAIR_TCAP)
    RS = ("rs", _isms.ISMS_FAIR_RS)
    LM = ("lm", _isms.ISMS_FAIR_LM)
    PL = ("pl", _isms.ISMS_FAIR_PL)
    SL = ("sl", _isms.ISMS_FAIR_SL)
    SLEF = ("slef", _isms.ISMS_FAIR_SLEF)
    SLEM = ("slem", _isms.ISMS_FAIR_SLEM)

    @staticmethod
    def _label_fn():
        return _isms.isms_fair_node_label

    @staticmethod
    def _parse_fn():
        return _isms.isms_fair_node_parse


# ---- helpers -----------------------------------------------------------------------------

def _count(value, what, low=0):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError("%s must be an int, not %s" % (what, type(value).__name__))
    value = int(value)
    if value < low:
        raise RangeError("%s must be at least %d, not %d" % (what, low, value))
    return value


def _seed(value):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError("seed must be an int, not %s" % type(value).__name__)
    return int(value) % _SEED_MOD


def _unsupported(err):
    """A clearer message than C's for results that need samples that were not kept."""
    return UnsupportedError(
        "the simulation kept no samples, which percentiles, value at risk, expected "
        "shortfall, the loss exceedance curve and samples need: run "
        "isms.simulate(..., samples=True)", err.code)


# ---- distributions -----------------------------------------------------------------------

def _dist_from_c(c):
    """A Distribution object for the C tuple (kind, method, value, low, mode, high, gamma,
    mean, sd, rate)."""
    cls = _DIST_CLASSES[c[0]]
    self = object.__new__(cls)
    self._c = tuple(c)
    return self


class Distribution:
    """An uncertain quantity: the base class of :class:`Constant`, :class:`Uniform`,
    :class:`Normal`, :class:`Pert`, :class:`Lognormal90` and :class:`Poisson` (immutable
    values; equal when of the same kind with the same parameters).

    ``mean`` and ``sd`` are the distribution's own mean and standard deviation from its
    formula; ``sample(n, seed)`` draws with the generator the simulations use;
    ``params`` is a dict of the parameters; ``kind`` a :class:`DistKind`. Wherever a
    distribution is expected, a plain number stands for a :class:`Constant`.
    """

    __slots__ = ("_c",)
    _params = ()

    def __init__(self, *args, **kwargs):
        raise TypeError("Distribution is abstract: use Constant, Uniform, Normal, Pert, "
                        "Lognormal90 or Poisson")

    @property
    def kind(self):
        """The :class:`DistKind`."""
        return DistKind.from_code(self._c[0])

    @property
    def params(self):
        """The parameters as a dict, in the constructor's order."""
        return {name: getattr(self, name) for name in self._params}

    @property
    def mean(self):
        """The mean, from the formula (for a normal: before any clipping to a node's
        range)."""
        return check_result(_isms.isms_dist_mean(self._c))

    @property
    def sd(self):
        """The standard deviation, from the formula."""
        return check_result(_isms.isms_dist_sd(self._c))

    def sample(self, n, seed=0):
        """`n` draws (unclipped) as an ``array.array('d')`` (``numpy.frombuffer()`` wraps it
        without a copy). The i-th value depends only on the distribution, `seed` (any int,
        taken modulo 2**64) and i, so a longer call begins with the values of a shorter one.
        The GIL is released while drawing many values."""
        n = _count(n, "n")
        out = array.array("d", bytes(8 * n)) if n else array.array("d")
        check(_isms.isms_py_dist_sample(out, self._c, _seed(seed)))
        return out

    def label(self, lang="sv"):
        """The label of the kind in a language ("Likformig" / "Uniform")."""
        return self.kind.label(lang)

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__,
                           ", ".join("%s=%r" % (k, v) for k, v in self.params.items()))

    def __eq__(self, other):
        if not isinstance(other, Distribution):
            return NotImplemented
        return self._c == other._c

    def __hash__(self):
        return hash(self._c)

    def __reduce__(self):
        return (_dist_from_c, (self._c,))


class Constant(Distribution):
    """One value, always: ``Constant(value)``; mean value, sd 0."""

    __slots__ = ()
    _params = ("value",)

    def __init__(self, value):
        self._c = check_result(_isms.isms_dist_constant(_number(value, "value")))

    value = property(lambda self: self._c[2], doc="The value.")


class Uniform(Distribution):
    """Uniform on [low, high): ``Uniform(low, high)`` with low < high."""

    __slots__ = ()
    _params = ("low", "high")

    def __init__(self, low, high):
        self._c = check_result(_isms.isms_dist_uniform(_number(low, "low"),
                                                       _number(high, "high")))

    low = property(lambda self: self._c[3], doc="The lower bound.")
    high = property(lambda self: self._c[5], doc="The upper bound.")


class Normal(Distribution):
    """Normal: ``Normal(mean, sd)`` with sd >= 0. Draws for a node of a model are clipped to
    the node's range (a probability to [0, 1], an amount to >= 0)."""

    __slots__ = ()
    _params = ("mean", "sd")

    def __init__(self, mean, sd):
        self._c = check_result(_isms.isms_dist_normal(_number(mean, "mean"), _number(sd, "sd")))

    mean = property(lambda self: self._c[7], doc="The mean.")
    sd = property(lambda self: self._c[8], doc="The standard deviation.")


class Pert(Distribution):
    """Beta-PERT on [low, high]: ``Pert(low, mode, high, gamma=4.0, method="classic")``
    with low <= mode <= high, low < high, gamma > 0. Mean (low + gamma mode + high) /
    (gamma + 2). `method` is a :class:`PertMethod` or its name ("classic", "moments")."""

    __slots__ = ()
    _params = ("low", "mode", "high", "gamma", "method")

    def __init__(self, low, mode, high, gamma=_isms.ISMS_PERT_GAMMA_DEFAULT, method="classic"):
        method = PertMethod.coerce(method if method is not None else PertMethod.CLASSIC)
        self._c = check_result(_isms.isms_dist_pert(
            _number(low, "low"), _number(mode, "mode"), _number(high, "high"),
            _number(gamma, "gamma"), method.code))

    low = property(lambda self: self._c[3], doc="The lower bound.")
    mode = property(lambda self: self._c[4], doc="The most likely value.")
    high = property(lambda self: self._c[5], doc="The upper bound.")
    gamma = property(lambda self: self._c[6], doc="The shape parameter.")
    method = property(lambda self: PertMethod.from_code(self._c[1]),
                      doc="The :class:`PertMethod`.")


class Lognormal90(Distribution):
    """Lognormal with 90 % of its values between low and high (its 5th and 95th
    percentiles): ``Lognormal90(low, high)`` with 0 < low < high. ``Lognormal90(1, 10)``
    has the mean 4.040012826945726."""

    __slots__ = ()
    _params = ("low", "high")

    def __init__(self, low, high):
        self._c = check_result(_isms.isms_dist_lognormal90(_number(low, "low"),
                                                           _number(high, "high")))

    low = property(lambda self: self._c[3], doc="The 5th percentile.")
    high = property(lambda self: self._c[5], doc="The 95th percentile.")


class Poisson(Distribution):
    """Whole-number counts with mean `rate`: ``Poisson(rate)`` with rate >= 0."""

    __slots__ = ()
    _params = ("rate",)

    def __init__(self, rate):
        self._c = check_result(_isms.isms_dist_poisson(_number(rate, "rate")))

    rate = property(lambda self: self._c[9], doc="The rate (mean count).")


_DIST_CLASSES = {
    _isms.ISMS_DIST_CONSTANT: Constant, _isms.ISMS_DIST_UNIFORM: Uniform,
    _isms.ISMS_DIST_NORMAL: Normal, _isms.ISMS_DIST_PERT: Pert,
    _isms.ISMS_DIST_LOGNORMAL90: Lognormal90, _isms.ISMS_DIST_POISSON: Poisson,
}


def _as_dist(value, what):
    if isinstance(value, Distribution):
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError("%s must be a distribution (Constant, Uniform, Normal, Pert, "
                        "Lognormal90, Poisson) or a number, not %s"
                        % (what, type(value).__name__))
    return Constant(value)


# ---- models ------------------------------------------------------------------------------

class FairModel(_Handle):
    """One risk's FAIR model: a name and a distribution for each node of the tree that is
    known (immutable once made).

    ::

        annual loss -+- lef -+- tef -+- cf
                     |       |       +- poa
                     |       +- vuln +- tcap
                     |               +- rs
                     +- lm --+- pl
                             +- sl --+- slef
                                     +- slem

    Give the tree at whatever level is known: ``lef`` directly, or ``tef`` (or ``cf`` x
    ``poa``) x ``vuln`` (or from ``tcap`` and ``rs``: the share of iterations in which the
    threat capability exceeds the resistance strength); ``lm`` directly, or ``pl`` + ``sl``
    (``sl`` directly, or ``slef`` x ``slem``, or no secondary loss). Numbers stand for
    :class:`Constant`. Probabilities (poa, vuln, tcap, rs, slef) must stay in [0, 1], the
    other nodes must not be negative.

    A model that is not a whole tree raises InvalidArgumentError (a ValueError) at once,
    with the C library's message naming the model and what is missing or given twice, e.g.
    "model Ransomware: loss magnitude needs lm, or pl (and optionally slef with slem)".
    A distribution that can leave its node's range raises RangeError.

    With ``events=False`` (the default, as pyfair) lef is a rate: annual loss = lef x lm.
    With ``events=True`` the year's number of loss events is drawn (Poisson with the drawn
    lef as its rate, or the lef draw itself when lef is a Poisson) and each event has its own
    loss magnitude draw; :meth:`simple` makes such a model.
    """

    __slots__ = ()
    _free = staticmethod(_isms.isms_fair_free)

    def __init__(self, name, lef=None, tef=None, cf=None, poa=None, vuln=None, tcap=None,
                 rs=None, lm=None, pl=None, sl=None, slef=None, slem=None, *, events=False):
        self._build(name, dict(zip(FairNode, (lef, tef, cf, poa, vuln, tcap, rs, lm, pl, sl,
                                              slef, slem))), events)

    def _build(self, name, nodes, events):
        _text(name, "the name of a model")
        given = [(node, _as_dist(value, node.value)) for node, value in nodes.items()
                 if value is not None]
        self._adopt_into(check_result(_isms.isms_fair_new(name)))
        for node, dist in given:
            check(_isms.isms_fair_set(self._ptr, node.code, dist._c))
        check(_isms.isms_fair_set_events(self._ptr, bool(events)))
        check(_isms.isms_fair_check(self._ptr))

    @classmethod
    def simple(cls, name, frequency, magnitude):
        """The simple model: `frequency` loss events a year (a distribution or number; a
        :class:`Poisson` gives the counts directly, anything else is the rate of a Poisson
        count) each with its own loss drawn from `magnitude` (typically
        :class:`Lognormal90`). The same as ``FairModel(name, lef=frequency, lm=magnitude,
        events=True)``."""
        return cls(name, lef=frequency, lm=magnitude, events=True)

    @property
    def name(self):
        """The risk's name."""
        return _isms.isms_fair_name(self._ptr)

    @property
    def events(self):
        """True when the model draws the year's number of events (see the class)."""
        return _isms.isms_fair_events(self._ptr)

    @property
    def nodes(self):
        """The nodes given: a dict node name -> :class:`Distribution`, in tree order."""
        out = {}
        for node in FairNode:
            rc, dist = _isms.isms_fair_get(self._ptr, node.code)
            if rc == ErrorCode.ENOTFOUND:
                continue
            check(rc)
            out[node.value] = _dist_from_c(dist)
        return out

    def __getitem__(self, node):
        """The distribution of a node (by name, label or :class:`FairNode`);
        NotFoundError (a KeyError) when it is not given."""
        return _dist_from_c(check_result(_isms.isms_fair_get(self._ptr,
                                                             FairNode.coerce(node).code)))

    def __contains__(self, node):
        try:
            node = FairNode.coerce(node)
        except (TypeError, ValueError):
            return False
        return _isms.isms_fair_get(self._ptr, node.code)[0] == ErrorCode.OK

    def replace(self, name=None, *, events=None, **nodes):
        """A new model with some nodes changed (None removes a node), and optionally another
        name or events setting: ``model.replace(vuln=0.1)``."""
        current = {FairNode(k): v for k, v in self.nodes.items()}
        for key, value in nodes.items():
            current[FairNode.coerce(key)] = value
        new = object.__new__(type(self))
        new._build(self.name if name is None else name, current,
                   self.events if events is None else events)
        return new

    def __repr__(self):
        parts = ["%s=%r" % item for item in self.nodes.items()]
        if self.events:
            parts.append("events=True")
        return "<FairModel %r %s>" % (self.name, " ".join(parts))

    def __reduce__(self):
        return (_rebuild_model, (self.name, self.nodes, self.events))


def _rebuild_model(name, nodes, events):
    return FairModel(name, events=events, **nodes)


# ---- results -----------------------------------------------------------------------------

class LossStats(NamedTuple):
    """Summary of an annual loss: ``iterations``, ``mean``, ``sd`` (divisor n - 1), ``min``,
    ``max`` and ``ale`` (annualised loss expectancy, the same number as ``mean``)."""

    iterations: int
    mean: float
    sd: float
    min: float
    max: float
    ale: float


class LecPoint(NamedTuple):
    """A point of a loss exceedance curve: an annual ``loss`` and the share of simulated
    years whose loss is above it (``exceedance``, 0-1)."""

    loss: float
    exceedance: float


class LossResult:
    """The annual loss of one model, or of the portfolio, in a :class:`Simulation`.

    ``mean``, ``sd``, ``min``, ``max``, ``ale`` (and all of them as :attr:`stats`) are always
    there. :meth:`percentile`, :meth:`var`, :meth:`expected_shortfall`, :meth:`lec` and
    :attr:`samples` need the samples (``simulate(..., samples=True)``, the default) and
    raise UnsupportedError otherwise. The first such query sorts a copy of the samples
    (kept for later queries; without the GIL).

    The object keeps its simulation alive.
    """

    __slots__ = ("_sim", "_index", "_stats")

    def __init__(self):
        raise TypeError("loss results come from isms.simulate()")

    @classmethod
    def _new(cls, sim, index):
        self = object.__new__(cls)
        self._sim = sim
        self._index = index
        self._stats = LossStats(*check_result(_isms.isms_simulation_stats(sim._ptr, index)))
        return self

    @property
    def name(self):
        """The model's name, or "portfolio"."""
        return _isms.isms_simulation_name(self._sim._ptr, self._index)

    @property
    def index(self):
        """The model's position in the simulation, or None for the portfolio."""
        return None if self._index == _PORTFOLIO else self._index

    @property
    def is_portfolio(self):
        """True for the portfolio (the sum of the models, year by year)."""
        return self._index == _PORTFOLIO

    @property
    def simulation(self):
        """The :class:`Simulation`."""
        return self._sim

    @property
    def stats(self):
        """The :class:`LossStats`."""
        return self._stats

    iterations = property(lambda self: self._stats.iterations, doc="Simulated years.")
    mean = property(lambda self: self._stats.mean, doc="Mean annual loss.")
    sd = property(lambda self: self._stats.sd,
                  doc="Standard deviation of the annual loss (divisor n - 1).")
    min = property(lambda self: self._stats.min, doc="Smallest annual loss.")
    max = property(lambda self: self._stats.max, doc="Largest annual loss.")
    ale = property(lambda self: self._stats.ale,
                   doc="Annualised loss expectancy: the mean annual loss.")

    def _query(self, result):
        rc = result[0]
        if rc == ErrorCode.EUNSUPPORTED:
            raise _unsupported(last_error(rc))
        return check_result(result)

    def percentile(self, p):
        """The p-th percentile (0-100) of the annual loss, with numpy's default "linear"
        interpolation between the sorted samples."""
        return self._query(_isms.isms_simulation_percentile(self._sim._ptr, self._index,
                                                            _number(p, "p")))

    def var(self, level=0.95):
        """Value at risk: the annual loss not exceeded with confidence `level` (strictly
        between 0 and 1; 0.95, 0.99), i.e. ``percentile(100 * level)``."""
        return self._query(_isms.isms_simulation_var(self._sim._ptr, self._index,
                                                     _number(level, "level")))

    def expected_shortfall(self, level=0.95):
        """Expected shortfall (conditional value at risk): the mean annual loss of the worst
        (1 - level) share of the years; at least ``var(level)``."""
        return self._query(_isms.isms_simulation_expected_shortfall(
            self._sim._ptr, self._index, _number(level, "level")))

    def lec(self, points=100):
        """The loss exceedance curve: a list of `points` (at least 2) :class:`LecPoint`
        ``(loss, exceedance)``, losses evenly spaced from min(0, smallest loss) to the
        largest loss, each with the share of years whose loss is above it (the last one 0).
        ``losses, exceedances = zip(*result.lec())`` gives the two columns for plotting."""
        points = _count(points, "points")
        return [LecPoint(*p) for p in self._query(
            _isms.isms_simulation_lec(points, self._sim._ptr, self._index))]

    @property
    def samples(self):
        """The annual losses in iteration order, as a read-only ``memoryview`` of C doubles
        (format "d") over the simulation's own memory: no copy is made, and the view keeps
        the simulation alive. ``numpy.asarray(result.samples)`` or
        ``numpy.frombuffer(result.samples)`` wrap it without copying (a read-only array);
        ``list(result.samples)`` copies. The portfolio's i-th value is the sum of the
        models' i-th values."""
        obj = _isms.isms_py_samples(self._sim, self._sim._ptr, self._index)
        if isinstance(obj, int):
            if obj == ErrorCode.EUNSUPPORTED:
                raise _unsupported(last_error(obj))
            check(obj)
        return memoryview(obj)

    def as_dict(self, levels=(0.95, 0.99)):
        """The results as a plain dict: name, iterations, mean, sd, min, max, ale and, when
        the samples were kept, ``var_<level>`` and ``es_<level>`` for each level (keys such
        as ``var_0.99``)."""
        d = {"name": self.name}
        d.update(self._stats._asdict())
        if self._sim.has_samples:
            for level in levels:
                d["var_%g" % level] = self.var(level)
                d["es_%g" % level] = self.expected_shortfall(level)
        return d

    def __repr__(self):
        s = self._stats
        return "<LossResult %r mean %.6g sd %.6g max %.6g (%d years)>" % (
            self.name, s.mean, s.sd, s.max, s.iterations)


class Simulation(_Handle):
    """The results of :func:`simulate`: one :class:`LossResult` per model, in the order
    given (``sim[0]``, ``sim["Ransomware"]``, ``for r in sim``, ``len(sim)``), and the
    :attr:`portfolio`. Immutable; safe to query from several threads."""

    __slots__ = ("_models", "_options")
    _free = staticmethod(_isms.isms_simulation_free)

    def __init__(self):
        raise TypeError("simulations are made by isms.simulate()")

    @property
    def models(self):
        """The :class:`FairModel` objects simulated, in order."""
        return self._models

    @property
    def names(self):
        """The models' names, in order."""
        return [_isms.isms_simulation_name(self._ptr, i) for i in range(len(self))]

    @property
    def iterations(self):
        """The number of simulated years."""
        return _isms.isms_simulation_iterations(self._ptr)

    @property
    def seed(self):
        """The seed the simulation ran with."""
        return self._options[1]

    @property
    def has_samples(self):
        """Whether the samples were kept (``simulate(..., samples=True)``)."""
        return _isms.isms_simulation_has_samples(self._ptr)

    @property
    def portfolio(self):
        """The :class:`LossResult` of the portfolio: the models' annual losses added up year
        by year."""
        return LossResult._new(self, _PORTFOLIO)

    def __len__(self):
        return _isms.isms_simulation_count(self._ptr)

    def __iter__(self):
        for i in range(len(self)):
            yield LossResult._new(self, i)

    def __getitem__(self, key):
        """The result of a model by position (negative counts from the end) or by name;
        NotFoundError (a KeyError) for an unknown name, IndexError for a bad position."""
        n = len(self)
        if isinstance(key, str):
            found = [i for i, name in enumerate(self.names) if name == key]
            if not found:
                raise NotFoundError("no model named %r in the simulation (models: %s)"
                                    % (key, ", ".join(self.names)), ErrorCode.ENOTFOUND)
            if len(found) > 1:
                raise InvalidArgumentError("%d models are named %r: look them up by position"
                                           % (len(found), key))
            return LossResult._new(self, found[0])
        if isinstance(key, bool) or not isinstance(key, numbers.Integral):
            raise TypeError("results are looked up by position (int) or model name (str), "
                            "not %s" % type(key).__name__)
        i = int(key)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("model %d out of range (%d models)" % (key, n))
        return LossResult._new(self, i)

    def __repr__(self):
        return "<Simulation %d model%s x %d iterations, seed %d%s>" % (
            len(self), "" if len(self) == 1 else "s", self.iterations, self.seed,
            "" if self.has_samples else ", no samples")

    def __reduce__(self):
        raise TypeError("Simulation objects cannot be pickled: pickle the models and the "
                        "seed, and simulate again (the results are reproducible)")


def simulate(models, iterations=_isms.ISMS_SIM_DEFAULT_ITERATIONS, seed=0, threads=0,
             samples=True):
    """Runs a Monte Carlo simulation of FAIR models; returns a :class:`Simulation`.

    Args:
        models: a :class:`FairModel` or an iterable of them (at least one).
        iterations: simulated years, 1 to 2**40 (default 10000).
        seed: any int (taken modulo 2**64). The same seed gives bit-identical results,
            whatever the number of threads; a model's results depend on its position in
            `models`, not on the other models.
        threads: threads to use; 0 (the default) or None is one per online core.
        samples: keep every annual loss (the default), which percentiles, value at risk,
            expected shortfall, the loss exceedance curve and ``samples`` need: 8 bytes x
            iterations x (models + 1). With False only mean, sd, min, max and ALE are given,
            in constant memory.

    The simulation runs in C without the GIL, so other Python threads go on meanwhile.
    Raises InvalidArgumentError for a model that is not a whole tree (already refused when
    it was made) or no models, RangeError for iterations out of range, OutOfMemoryError.
    """
    if isinstance(models, FairModel):
        models = (models,)
    elif isinstance(models, (str, bytes)) or not isinstance(models, collections.abc.Iterable):
        raise TypeError("models must be a FairModel or an iterable of FairModel, not %s"
                        % type(models).__name__)
    models = tuple(models)
    for i, m in enumerate(models):
        if not isinstance(m, FairModel):
            raise TypeError("model %d must be a FairModel, not %s" % (i, type(m).__name__))
    if not models:
        raise InvalidArgumentError("simulate() needs at least one model")
    iterations = _count(iterations, "iterations")
    if not 1 <= iterations <= _MAX_ITERATIONS:
        raise RangeError("iterations %d is outside 1-%d" % (iterations, _MAX_ITERATIONS))
    threads = 0 if threads is None else _count(threads, "threads")
    options = (iterations, _seed(seed), min(threads, 2 ** 32 - 1), bool(samples))
    ptr = check_result(_isms.isms_simulate([m._ptr for m in models], options))
    sim = Simulation._adopt(ptr)
    sim._models = models
    sim._options = options
    return sim

