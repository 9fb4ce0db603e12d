/**
 * @file isms/quant.h
 * @brief Quantitative risk: distributions, FAIR-style models, Monte Carlo simulation.
 *
 * A risk is described by the FAIR (Factor Analysis of Information Risk) tree, each input an
 * uncertain quantity given as a **distribution** (#isms_dist). A simulation draws every input
 * once per **iteration** (one simulated year) and gives the annual loss of each risk and of
 * the **portfolio** (the sum of the risks, iteration by iteration), with its mean, standard
 * deviation, percentiles, value at risk, expected shortfall and loss exceedance curve.
 *
 * ## Distributions
 *
 * | kind | constructor | parameters | mean | standard deviation |
 * |---|---|---|---|---|
 * | constant | isms_dist_constant() | value v | v | 0 |
 * | uniform | isms_dist_uniform() | low < high | (low + high)/2 | (high − low)/√12 |
 * | normal | isms_dist_normal() | mean μ, sd σ ≥ 0 | μ | σ |
 * | beta-PERT | isms_dist_pert() | low ≤ mode ≤ high, low < high, γ > 0 | μ, see below | below |
 * | lognormal | isms_dist_lognormal90() | 0 < low < high | exp(m + s²/2) | mean·√(exp(s²) − 1) |
 * | Poisson | isms_dist_poisson() | rate λ ≥ 0 | λ | √λ |
 *
 * **Beta-PERT** is a beta distribution scaled to [low, high], with shape parameter γ
 * (4 in the classic PERT) and mean μ = (low + γ·mode + high)/(γ + 2). The lognormal's low
 * and high are its 5th and 95th percentiles. Two parameterisations are offered:
 * - #ISMS_PERT_CLASSIC (the **default**): α = 1 + γ·(mode − low)/(high − low),
 *   β = 1 + γ·(high − mode)/(high − low). The density peaks at `mode`, α and β are at least
 *   1, the mean is (low + γ·mode + high)/(γ + 2) and the standard deviation
 *   √((mean − low)(high − mean)/(γ + 3)). This is the PERT of Vose's *Risk Analysis*, of R's
 *   `prevalence::betaPERT` ("classic"), and of pyfair's current `FairBetaPert`.
 * - #ISMS_PERT_MOMENTS: the method of moments of early pyfair releases: the mean as above
 *   and the standard deviation (high − low)/(γ + 2), from which α and β are solved. Its
 *   density does not peak exactly at `mode`, and α or β may fall below 1 (a density that is
 *   infinite at an end).
 *
 * The classic form is the default because it keeps the estimator's most likely value as the
 * peak of the density, because its parameters can never degenerate, and because it is what
 * current FAIR tools compute; the other is there to reproduce older pyfair results.
 *
 * **Lognormal from a 90 % interval**: the two bounds are the 5th and 95th percentiles, so
 * m = (ln low + ln high)/2 and s = (ln high − ln low)/(2 × 1.6448536269514722). For the
 * interval (1, 10) the mean is 4.040012826945726.
 *
 * Draws use a counter-based generator (a splitmix64-style hash of the seed, the model's
 * index, the iteration and the tree node, then a stream per node), so the same seed gives
 * bit-identical results on any number of threads. Normal and lognormal draws use the
 * inverse of the normal distribution function (Wichura's AS 241); beta-PERT uses exact
 * rejection from a 256-strip table (α, β ≥ 1, α + β ≤ 200) or else the ratio of two gamma
 * variates (Marsaglia–Tsang); Poisson uses inversion below a rate of 10 and Hörmann's
 * transformed rejection (PTRS) above.
 *
 * ## The FAIR tree
 *
 * ```
 * annual loss ─┬─ lef ─┬─ tef ─┬─ cf
 *              │       │       └─ poa
 *              │       └─ vuln ┬─ tcap
 *              │               └─ rs
 *              └─ lm ──┬─ pl
 *                      └─ sl ──┬─ slef
 *                              └─ slem
 * ```
 *
 * lef: loss event frequency, tef: threat event frequency, cf: contact frequency, poa:
 * probability of action, vuln: vulnerability, tcap: threat capability, rs: resistance
 * strength (pyfair's control strength), lm: loss magnitude, pl: primary loss, sl: secondary
 * loss, slef and slem: secondary loss event frequency and magnitude.
 *
 * A model is given at whatever level of the tree is known: lef directly, or tef (or cf × poa)
 * × vuln (or from tcap and rs); lm directly, or pl + sl (sl directly, or slef × slem, or no
 * secondary loss). Giving a node and also its parts is an error (isms_fair_check()).
 *
 * Per iteration: tef = cf × poa; lef = tef × vuln; sl = slef × slem; lm = pl + sl.
 * **Vulnerability from tcap and rs** is, as in pyfair, the share of all iterations in which
 * the drawn threat capability exceeds the drawn resistance strength: one value per model
 * and simulation, used in every iteration (an estimate of P(tcap > rs)). A vulnerability
 * given directly is drawn in every iteration like any other node (some pyfair versions draw
 * it as a 0/1 Bernoulli variate instead, which has the same mean).
 *
 * Probabilities (poa, vuln, tcap, rs, slef) must lie in [0, 1], the other nodes are
 * frequencies per year or amounts of money and must not be negative. isms_fair_set() rejects
 * a distribution whose values can leave that range, except the normal, whose draws are
 * clipped to it (its mean must lie in the range).
 *
 * **Annual loss and the loss event frequency.** By default (as pyfair does) lef is used as a
 * **rate**, the expected number of loss events in the year: annual loss = lef × lm, with one
 * lm draw per iteration. pyfair multiplies the two drawn columns element by element in the
 * same way and never draws event counts. With isms_fair_set_events() (and in every model from
 * isms_fair_new_simple()) the year's **number of events** is drawn instead: Poisson with the
 * drawn lef as its rate, or the drawn value itself when lef is a Poisson distribution (whose
 * draws already are counts), and every event has its own lm draw (pl + slef × slem, each
 * drawn anew); annual loss is their sum.
 * Both have the same mean; counting events gives years without loss and a wider spread.
 *
 * ## Results
 *
 * Moments (mean, standard deviation with the n − 1 divisor, minimum, maximum) are computed
 * per fixed chunk of 4096 iterations and merged in chunk order, without keeping samples
 * (40 bytes × (models + 1) per chunk while the simulation runs).
 * Percentiles, value at risk, expected shortfall and the loss exceedance curve need the
 * samples: they are kept when isms_sim_options::keep_samples is set (the default), as
 * 8 bytes × iterations × (models + 1) (the portfolio shares the model's samples when there
 * is one model). The first such query on a model or the portfolio sorts a copy of its
 * samples (another 8 bytes × iterations, kept, and as much again while sorting).
 *
 * Models and simulations are reentrant: a model may be read by many threads and simulations
 * at once; a simulation may be queried from many threads.
 */
#ifndef ISMS_QUANT_H
#define ISMS_QUANT_H

#include <stdint.h>

#include "isms/base.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup quant Quantitative risk (FAIR simulation)
 * @brief Distributions, FAIR-style models and a Monte Carlo simulation of annual loss: mean,
 *        percentiles, value at risk, expected shortfall and the loss exceedance curve.
 *
 * isms/quant.h describes the module in full.
 * @{
 */

/** The classic PERT shape parameter γ. @since 0.1.0 */
#define ISMS_PERT_GAMMA_DEFAULT 4.0
/** The index of the portfolio among a simulation's results. @since 0.1.0 */
#define ISMS_PORTFOLIO ((size_t)-1)
/** Iterations a simulation runs when not told otherwise. @since 0.1.0 */
#define ISMS_SIM_DEFAULT_ITERATIONS 10000
/** Most iterations a simulation may run (2^40). @since 0.1.0 */
#define ISMS_SIM_MAX_ITERATIONS ((size_t)1 << 40)
/** Most threads a simulation uses; more are taken as this many. @since 0.1.0 */
#define ISMS_SIM_MAX_THREADS 256

/**
 * @brief Kinds of distribution.
 * @since 0.1.0
 */
typedef enum isms_dist_kind {
    ISMS_DIST_CONSTANT = 0,    /**< One value ("Konstant" / "Constant"). */
    ISMS_DIST_UNIFORM = 1,     /**< Uniform on [low, high) ("Likformig" / "Uniform"). */
    ISMS_DIST_NORMAL = 2,      /**< Normal ("Normalfördelning" / "Normal"). */
    ISMS_DIST_PERT = 3,        /**< Beta-PERT ("Beta-PERT" / "Beta-PERT"). */
    ISMS_DIST_LOGNORMAL90 = 4, /**< Lognormal from a 90 % interval ("Lognormal" / "Lognormal"). */
    ISMS_DIST_POISSON = 5      /**< Poisson counts ("Poisson" / "Poisson"). */
} isms_dist_kind;

/**
 * @brief The two parameterisations of beta-PERT (see the file's description).
 * @since 0.1.0
 */
typedef enum isms_pert_method {
    ISMS_PERT_CLASSIC = 0, /**< α = 1 + γ(mode − low)/range, the default ("Klassisk" /
                                "Classic"). */
    ISMS_PERT_MOMENTS = 1  /**< Method of moments, sd = range/(γ + 2) ("Momentmetoden" /
                                "Method of moments"). */
} isms_pert_method;

/**
 * @brief A distribution: a plain value, filled by the isms_dist_*() constructors.
 *
 * Only the fields of its kind are used; the constructors set the others to 0. A struct
 * filled by hand is checked by isms_dist_check() and by every function that takes one.
 * @since 0.1.0
 */
typedef struct isms_dist {
    isms_dist_kind kind;     /**< Which distribution. */
    isms_pert_method method; /**< PERT: the parameterisation. */
    double value;            /**< Constant: the value. */
    double low;              /**< Uniform, PERT: the lower bound; lognormal: the 5th percentile. */
    double mode;             /**< PERT: the most likely value. */
    double high;             /**< Uniform, PERT: the upper bound; lognormal: the 95th percentile. */
    double gamma;            /**< PERT: the shape parameter γ. */
    double mean;             /**< Normal: the mean. */
    double sd;               /**< Normal: the standard deviation. */
    double rate;             /**< Poisson: the rate (mean count). */
} isms_dist;

/**
 * @brief A constant.
 * @param[out] out The distribution.
 * @param value A finite number.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_ERANGE (not finite).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_dist_constant(isms_dist *out, double value);

/**
 * @brief A uniform distribution on [low, high).
 * @param[out] out The distribution.
 * @param low Finite lower bound.
 * @param high Finite upper bound, above `low`.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_ERANGE (not finite, or low ≥ high).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_dist_uniform(isms_dist *out, double low, double high);

/**
 * @brief A normal distribution. Draws for a model's node are clipped to the node's range.
 * @param[out] out The distribution.
 * @param mean Finite mean.
 * @param sd Finite standard deviation, at least 0.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_ERANGE (not finite, or sd < 0).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_dist_normal(isms_dist *out, double mean, double sd);

/**
 * @brief A beta-PERT distribution on [low, high] (see the file's description).
 * @param[out] out The distribution.
 * @param low Finite lower bound.
 * @param mode Most likely value, low ≤ mode ≤ high.
 * @param high Finite upper bound, above `low`.
 * @param gamma Shape parameter, finite and above 0 (#ISMS_PERT_GAMMA_DEFAULT is classic PERT).
 * @param method #ISMS_PERT_CLASSIC (the usual choice) or #ISMS_PERT_MOMENTS.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL, unknown method), #ISMS_ERANGE (a bound not finite,
 *         mode outside [low, high], low ≥ high, gamma ≤ 0 or not finite).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_dist_pert(isms_dist *out, double low, double mode, double high,
                               double gamma, isms_pert_method method);

/**
 * @brief A lognormal distribution whose 5th and 95th percentiles are `low` and `high`.
 * @param[out] out The distribution.
 * @param low The 5th percentile, finite and above 0.
 * @param high The 95th percentile, finite and above `low`.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_ERANGE (not finite, low ≤ 0, low ≥ high).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_dist_lognormal90(isms_dist *out, double low, double high);

/**
 * @brief A Poisson distribution: whole-number counts with mean `rate`.
 * @param[out] out The distribution.
 * @param rate Finite, at least 0.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_ERANGE (not finite or negative).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_dist_poisson(isms_dist *out, double rate);

/**
 * @brief Checks a distribution filled by hand, as its constructor would.
 * @param dist The distribution.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL, unknown kind or method), #ISMS_ERANGE (the message
 *         names the parameter and its allowed range).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_dist_check(const isms_dist *dist);

/**
 * @brief The mean of a distribution, from its formula (the normal's before any clipping).
 * @param[out] out The mean.
 * @param dist The distribution.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE (as isms_dist_check()).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_dist_mean(double *out, const isms_dist *dist);

/**
 * @brief The standard deviation of a distribution, from its formula.
 * @param[out] out The standard deviation.
 * @param dist The distribution.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE (as isms_dist_check()).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_dist_sd(double *out, const isms_dist *dist);

/**
 * @brief Draws `n` values (unclipped) with the generator the simulations use.
 *
 * The i-th value depends only on `seed`, `i` and the distribution: the same call gives the
 * same values every time (on the same platform and C library, whose exp and log may differ
 * in the last bit elsewhere), and a longer call begins with the values of a shorter one.
 * @param[out] out Array of `n` values (caller-owned).
 * @param n Number of values (0 is allowed).
 * @param dist The distribution.
 * @param seed Any number.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_ERANGE (as isms_dist_check()), #ISMS_ENOMEM
 *         (a PERT's table; nothing is written).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_dist_sample(double *out, size_t n, const isms_dist *dist, uint64_t seed);

/**
 * @brief The label of a distribution kind ("Likformig" / "Uniform").
 * @param kind The distribution kind.
 * @param lang The language of the label.
 * @return A static string, or NULL for values outside the enumerations.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_dist_kind_label(isms_dist_kind kind, isms_lang lang);

/**
 * @brief Parses a distribution kind in Swedish or English, case-insensitively.
 *
 * Accepts the labels and "konstant", "likformig", "normal", "normalfördelning", "pert",
 * "beta-pert", "betapert", "lognormal", "lognormal90", "log-normal", "poisson".
 * @param[out] out The kind.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_EPARSE (the message lists what is accepted).
 *         #ISMS_EINVAL for text that is not UTF-8: "distribution: not UTF-8 at byte N (0xHH)" names
 *         the first bad byte (N from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_dist_kind_parse(isms_dist_kind *out, const char *text);

/**
 * @brief The label of a PERT parameterisation ("Klassisk" / "Classic").
 * @param method The PERT parameterisation.
 * @param lang The language of the label.
 * @return A static string, or NULL for values outside the enumerations.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_pert_method_label(isms_pert_method method, isms_lang lang);

/**
 * @brief Parses a PERT parameterisation: "classic", "klassisk", "moments", "method of
 *        moments", "momentmetoden", "mom" (case-insensitive).
 * @param[out] out The method.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_EPARSE. #ISMS_EINVAL for text that is not UTF-8:
 *         "PERT method: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing is
 *         written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_pert_method_parse(isms_pert_method *out, const char *text);

/**
 * @brief The nodes of the FAIR tree (see the file's description).
 * @since 0.1.0
 */
typedef enum isms_fair_node {
    ISMS_FAIR_LEF = 0,  /**< Loss event frequency, per year. */
    ISMS_FAIR_TEF = 1,  /**< Threat event frequency, per year. */
    ISMS_FAIR_CF = 2,   /**< Contact frequency, per year. */
    ISMS_FAIR_POA = 3,  /**< Probability of action, 0–1. */
    ISMS_FAIR_VULN = 4, /**< Vulnerability, 0–1. */
    ISMS_FAIR_TCAP = 5, /**< Threat capability, 0–1 (a percentile of the threat population). */
    ISMS_FAIR_RS = 6,   /**< Resistance strength (pyfair: control strength), 0–1. */
    ISMS_FAIR_LM = 7,   /**< Loss magnitude per loss event. */
    ISMS_FAIR_PL = 8,   /**< Primary loss per loss event. */
    ISMS_FAIR_SL = 9,   /**< Secondary loss per loss event. */
    ISMS_FAIR_SLEF = 10, /**< Secondary loss event frequency: share of events, 0–1. */
    ISMS_FAIR_SLEM = 11  /**< Secondary loss event magnitude. */
} isms_fair_node;

/** Number of nodes of the FAIR tree. @since 0.1.0 */
#define ISMS_FAIR_NODE_COUNT 12
/** Most loss events a year that a model counting events may expect (isms_fair_check()).
 *  @since 0.1.0 */
#define ISMS_FAIR_MAX_EVENTS 1000000

/**
 * @brief The short name of a node: "lef", "tef", "cf", "poa", "vuln", "tcap", "rs", "lm",
 *        "pl", "sl", "slef", "slem" (the keywords of the Python binding).
 * @param node The node.
 * @return A static string, or NULL for values outside the enumeration.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_fair_node_name(isms_fair_node node);

/**
 * @brief The label of a node ("Sårbarhet" / "Vulnerability").
 * @param node The node.
 * @param lang The language of the label.
 * @return A static string, or NULL for values outside the enumerations.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_fair_node_label(isms_fair_node node, isms_lang lang);

/**
 * @brief Parses a node: its short name, its Swedish or English label, pyfair's name
 *        ("Control Strength", "Action") or pyfair's abbreviation ("TC", "CS", "A", "V"),
 *        case-insensitively.
 * @param[out] out The node.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_EPARSE (the message lists the short names).
 *         #ISMS_EINVAL for text that is not UTF-8: "FAIR node: not UTF-8 at byte N (0xHH)" names
 *         the first bad byte (N from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_fair_node_parse(isms_fair_node *out, const char *text);

/**
 * @brief One risk's FAIR model: a name and a distribution per node that is given (opaque).
 * @since 0.1.0
 */
typedef struct isms_fair isms_fair;

/**
 * @brief Creates an empty model (no node given, lef used as a rate).
 * @param[out] out The model; the caller frees it with isms_fair_free().
 * @param name The risk's name, non-empty (copied); error messages use it. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL or empty name), #ISMS_ENOMEM. #ISMS_EINVAL for text that is
 *         not UTF-8: "name: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1);
 *         nothing is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_fair_new(isms_fair **out, const char *name);

/**
 * @brief Creates the simple model: a yearly frequency and a magnitude per event.
 *
 * The same as isms_fair_new(), lef = `frequency`, lm = `magnitude` and
 * isms_fair_set_events(true): the year's number of events is Poisson with the drawn
 * frequency as its rate (or the draw itself when `frequency` is a Poisson distribution),
 * and each event's loss is its own draw of `magnitude` (typically isms_dist_lognormal90()).
 * @param[out] out The model; the caller frees it with isms_fair_free().
 * @param name The risk's name, non-empty (copied). Must be UTF-8.
 * @param frequency Events per year (copied).
 * @param magnitude Loss per event (copied).
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE (as isms_fair_set()), #ISMS_ENOMEM. #ISMS_EINVAL for
 *         text that is not UTF-8: "name: not UTF-8 at byte N (0xHH)" names the first bad byte (N
 *         from 1); nothing is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_fair_new_simple(isms_fair **out, const char *name,
                                     const isms_dist *frequency, const isms_dist *magnitude);

/**
 * @brief Frees a model.
 * @param model A model, or NULL (then nothing happens).
 * @since 0.1.0
 */
ISMS_EXPORT void isms_fair_free(isms_fair *model);

/**
 * @brief The model's name.
 * @param model The model, or NULL.
 * @return A string borrowed from the model, or NULL for a NULL model.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_fair_name(const isms_fair *model);

/**
 * @brief Gives a node its distribution, or takes it away.
 *
 * Checks the distribution and that its values stay in the node's range (see the file's
 * description); whether the nodes given fit together is checked by isms_fair_check().
 * @param model The model.
 * @param node The node.
 * @param dist The distribution (copied), or NULL to take the node's away.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL model, unknown node, bad kind or method),
 *         #ISMS_ERANGE (a bad parameter, or values outside the node's range; the message
 *         names the model, the node and the value). The model is unchanged on error.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_fair_set(isms_fair *model, isms_fair_node node, const isms_dist *dist);

/**
 * @brief Reads a node's distribution.
 * @param[out] out The distribution.
 * @param model The model.
 * @param node The node.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOTFOUND (the node is not given).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_fair_get(isms_dist *out, const isms_fair *model, isms_fair_node node);

/**
 * @brief Chooses how lef makes the annual loss: as a rate (false, the default: lef × lm) or
 *        as a count of events, each with its own loss magnitude (true).
 *
 * Counting costs a magnitude draw per event: isms_fair_check() refuses a model that expects
 * more than #ISMS_FAIR_MAX_EVENTS events a year (from the means of its frequency nodes; a
 * vulnerability from tcap and rs is taken as 1).
 * @param model The model.
 * @param events true to count events, false to use lef as a rate.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL model).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_fair_set_events(isms_fair *model, bool events);

/**
 * @brief Whether the model counts events (see isms_fair_set_events()).
 * @param model The model, or NULL.
 * @return The setting; false for a NULL model.
 * @since 0.1.0
 */
ISMS_EXPORT bool isms_fair_events(const isms_fair *model);

/**
 * @brief Checks that the nodes given make a whole tree.
 *
 * The message names the model and says, for each problem, what is missing or what is given
 * twice, e.g. "model Ransomware: loss magnitude needs lm, or pl (and optionally slef with
 * slem)" or "model Ransomware: lef is given, so tef and vuln would not be used: give lef or
 * its parts, not both"; several problems are separated by "; ".
 * @param model The model.
 * @return #ISMS_OK, #ISMS_EINVAL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_fair_check(const isms_fair *model);

/**
 * @brief How a simulation runs.
 * @since 0.1.0
 */
typedef struct isms_sim_options {
    size_t iterations; /**< Simulated years, 1–#ISMS_SIM_MAX_ITERATIONS (default 10000). */
    uint64_t seed;     /**< Seed of the generator (default 0). */
    unsigned threads;  /**< Threads to use; 0 (the default) is one per online core. The
                            results do not depend on it. */
    bool keep_samples; /**< Keep every annual loss, for percentiles, value at risk, expected
                            shortfall, the curve and isms_simulation_samples() (default true;
                            8 bytes × iterations × (models + 1)). */
} isms_sim_options;

/**
 * @brief Fills options with the defaults.
 * @param[out] opts The options (nothing happens for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT void isms_sim_options_init(isms_sim_options *opts);

/**
 * @brief The results of a simulation (opaque, immutable but for an internal cache guarded
 *        by a lock).
 * @since 0.1.0
 */
typedef struct isms_simulation isms_simulation;

/**
 * @brief Summary of one model's, or the portfolio's, annual loss.
 * @since 0.1.0
 */
typedef struct isms_sim_stats {
    size_t iterations; /**< Number of simulated years. */
    double mean;       /**< Mean annual loss. */
    double sd;         /**< Standard deviation (divisor iterations − 1; 0 for one iteration). */
    double min;        /**< Smallest annual loss. */
    double max;        /**< Largest annual loss. */
    double ale;        /**< Annualised loss expectancy: the mean annual loss, under its FAIR
                            name; the same number as `mean`. */
} isms_sim_stats;

/**
 * @brief A point of a loss exceedance curve.
 * @since 0.1.0
 */
typedef struct isms_lec_point {
    double loss;       /**< An annual loss. */
    double exceedance; /**< The share of simulated years whose loss is above `loss`. */
} isms_lec_point;

/**
 * @brief Runs a Monte Carlo simulation of models.
 *
 * Every model is checked first (isms_fair_check()). Iteration i of model k draws from a
 * generator keyed by (seed, k, i, node), so results are bit-identical for any number of
 * threads, and a model's results depend on its position in `models` but not on the others.
 * Threads are POSIX threads; when one cannot be started, the others and the calling thread
 * do its share. The models are only read, and may be freed once this returns.
 * @param[out] out The results; the caller frees them with isms_simulation_free().
 * @param models Array of `n` models.
 * @param n Number of models, at least 1.
 * @param opts Options, or NULL for the defaults (isms_sim_options_init()).
 * @return #ISMS_OK, #ISMS_EINVAL (NULL, n = 0, a model that does not pass isms_fair_check()),
 *         #ISMS_ERANGE (iterations 0 or above #ISMS_SIM_MAX_ITERATIONS), #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_simulate(isms_simulation **out, const isms_fair *const *models, size_t n,
                              const isms_sim_options *opts);

/**
 * @brief Frees a simulation's results.
 * @param sim Results, or NULL (then nothing happens).
 * @since 0.1.0
 */
ISMS_EXPORT void isms_simulation_free(isms_simulation *sim);

/**
 * @brief Number of models simulated.
 * @param sim The simulation, or NULL.
 * @return The count, or 0 for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_simulation_count(const isms_simulation *sim);

/**
 * @brief Number of iterations (simulated years).
 * @param sim The simulation, or NULL.
 * @return The count, or 0 for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_simulation_iterations(const isms_simulation *sim);

/**
 * @brief The name of a simulated model ("portfolio" for #ISMS_PORTFOLIO).
 * @param sim The results.
 * @param index A model's index in the array given to isms_simulate(), or #ISMS_PORTFOLIO.
 * @return A string borrowed from the results, or NULL for a NULL sim or a bad index.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_simulation_name(const isms_simulation *sim, size_t index);

/**
 * @brief Whether the samples were kept (isms_sim_options::keep_samples).
 * @param sim The simulation, or NULL.
 * @return The setting; false for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT bool isms_simulation_has_samples(const isms_simulation *sim);

/**
 * @brief Mean, standard deviation, minimum, maximum and ALE of a model or the portfolio.
 * @param[out] out The summary.
 * @param sim The results.
 * @param index A model's index, or #ISMS_PORTFOLIO.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_ERANGE (bad index).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_simulation_stats(isms_sim_stats *out, const isms_simulation *sim,
                                      size_t index);

/**
 * @brief A percentile of the annual loss: with h = (iterations − 1) × p / 100, the sorted
 *        samples x₀ ≤ x₁ ≤ … give x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋) (numpy's default
 *        "linear" rule).
 * @param[out] out The percentile.
 * @param sim The results.
 * @param index A model's index, or #ISMS_PORTFOLIO.
 * @param p Percent, 0–100 (50 is the median).
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_ERANGE (bad index or p),
 *         #ISMS_EUNSUPPORTED (samples were not kept), #ISMS_ENOMEM (sorting).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_simulation_percentile(double *out, const isms_simulation *sim,
                                           size_t index, double p);

/**
 * @brief Value at risk: the annual loss not exceeded with confidence `level`, which is
 *        isms_simulation_percentile() at 100 × level.
 * @param[out] out The value at risk.
 * @param sim The results.
 * @param index A model's index, or #ISMS_PORTFOLIO.
 * @param level Confidence as a fraction, strictly between 0 and 1 (0.95, 0.99, 0.999).
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE (bad index or level), #ISMS_EUNSUPPORTED,
 *         #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_simulation_var(double *out, const isms_simulation *sim, size_t index,
                                    double level);

/**
 * @brief Expected shortfall (conditional value at risk): the mean annual loss of the worst
 *        (1 − level) share of the years.
 *
 * With t = iterations × (1 − level) and k = ⌊t⌋, it is the sum of the k largest samples plus
 * (t − k) times the next one, divided by t: the mean of the empirical quantile function over
 * (level, 1]. It is at least the value at risk at the same level.
 * @param[out] out The expected shortfall.
 * @param sim The results.
 * @param index A model's index, or #ISMS_PORTFOLIO.
 * @param level Confidence as a fraction, strictly between 0 and 1.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE, #ISMS_EUNSUPPORTED, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_simulation_expected_shortfall(double *out, const isms_simulation *sim,
                                                   size_t index, double level);

/**
 * @brief The loss exceedance curve as `n` points: losses evenly spaced from
 *        min(0, smallest sample) to the largest sample, each with the share of years whose
 *        loss is above it (so the last point's exceedance is 0).
 * @param[out] points Array of `n` points (caller-owned).
 * @param n Number of points, at least 2.
 * @param sim The results.
 * @param index A model's index, or #ISMS_PORTFOLIO.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE (bad index, n < 2), #ISMS_EUNSUPPORTED,
 *         #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_simulation_lec(isms_lec_point *points, size_t n,
                                    const isms_simulation *sim, size_t index);

/**
 * @brief The annual losses in iteration order (the portfolio's i-th is the sum of the
 *        models' i-th).
 * @param[out] out The samples, borrowed from the results until isms_simulation_free().
 * @param[out] n The number of samples (the iterations).
 * @param sim The results.
 * @param index A model's index, or #ISMS_PORTFOLIO.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE (bad index), #ISMS_EUNSUPPORTED (not kept).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_simulation_samples(const double **out, size_t *n,
                                        const isms_simulation *sim, size_t index);

/** @} */

#ifdef __cplusplus
}
#endif

#endif
