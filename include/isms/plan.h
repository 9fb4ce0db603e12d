/**
 * @file isms/plan.h
 * @brief Actions, their priority, their order and the multi-year improvement plan (plan module).
 *
 * A plan (#isms_plan) holds actions (#isms_action): what is to be done, what it addresses
 * (risks, requirements, assets), who owns it, when it is due, how much effort it takes, which
 * actions must come first, and whether it recurs. From that the library computes:
 *
 * - a **priority score** per action, with the terms that made it (isms_plan_prioritise(),
 *   isms_action_term(), isms_action_explain());
 * - an **order** in which prerequisites always come before their dependents and, among the
 *   actions that are ready, the higher score comes first (ties: earlier due date, then id in
 *   natural order), whatever order the actions were added in;
 * - a **schedule** into years, tertials, quarters or months under a capacity per period and
 *   per owner (isms_plan_schedule());
 * - a **draft plan** from a risk register and a gap analysis (isms_plan_draft()).
 *
 * ## The default priority score
 *
 * @code
 * score = (base + Σ risk terms + Σ requirement terms + Σ asset terms) × urgency / effort
 *
 * risk term        = w_risk · c · (1 + w_reduction · r)
 *                    c: the risk's current value normalised to 0–1: its vector's normalised
 *                       score when it carries one (see isms/rating.h), else its matrix value
 *                       (isms_risk_normalized(); 0 when it has neither)
 *                    r: the reduction the action brings, c − e clipped to 0–1, where e is the
 *                       normalised matrix value of the action's expected residual risk, else
 *                       of the risk's own residual levels, else c (no reduction known: r = 0)
 * requirement term = w_requirement · (g + n) / 2
 *                    g: the gap the action closes: status weight now − status weight expected
 *                       (no 1, partial ½, not assessed ½, yes 0, not applicable 0; expected:
 *                       the action's expected status, else yes)
 *                    n: need for action: high 1, medium ⅔, low ⅓, none 0; unset: g
 * asset term       = w_asset · k
 *                    k: the asset's overall class (highest effective level) / the scheme's top
 *                       level; unclassified: 0
 * urgency          = 1 + w_urgency · u (+ w_overdue when the due date has passed)
 *                    u = 1 − days to the due date / horizon_days, clipped to 0–1; an overdue
 *                    action has u = 1; no due date or no reference date: u = 0
 * effort           = (days / effort_unit) ^ w_effort; unknown effort counts as effort_unit
 * @endcode
 *
 * Defaults (isms_priority_default()): base 0.1, w_risk 1, w_reduction 1, w_requirement 1,
 * w_asset 0.5, w_urgency 1, w_overdue 0.5, horizon_days 365, effort_unit 5 person-days,
 * w_effort 0.5. Effort sizes: XS 1, S 5, M 20, L 60, XL 120 person-days (about a day, a week,
 * a month, a quarter and half a year of one person's time).
 *
 * ## Compared with CISO Assistant
 *
 * CISO Assistant ranks applied controls by Σ (1 + current − residual) × (current + 1) / effort
 * over the risk scenarios a control addresses, with current and residual as level indices of
 * the risk matrix and effort XS–XL as 1, 2, 4, 8, 16. libisms keeps its idea (the benefit grows
 * with the current level and with the reduction, and effort divides) and differs where that
 * ranking misleads:
 * - Values are normalised to 0–1, so a 5×5 matrix does not outweigh a 4×4 one and risks,
 *   requirements and assets can be added up in one score. (CISO Assistant's scores depend on
 *   the number of levels of the matrix.)
 * - The lowest risk contributes nothing (c = 0), where (current + 1) gives it a weight of 1.
 * - Requirements of a gap analysis and the class of assets count, not only risks.
 * - Urgency counts: an action whose due date is near or past rises.
 * - Effort divides by its square root by default, not linearly: with a linear divisor a
 *   one-day action that addresses a low risk outranks a month's work on a critical risk by a
 *   factor of 16 or more. The exponent is a weight: set w_effort to 1 for CISO Assistant's
 *   behaviour.
 *
 * ## Ownership and threads
 *
 * A plan owns its actions; action pointers are borrowed from the plan and stay valid until the
 * action is removed or the plan is freed. The register, assessment and inventory given with
 * isms_plan_set_sources() are borrowed: they must outlive the plan or be replaced. Scores are
 * stored in the actions, so isms_plan_prioritise() and isms_plan_schedule() write to the plan:
 * call them under the same lock as other writes. Everything here is pure computation.
 */
#ifndef ISMS_PLAN_H
#define ISMS_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "isms/assess.h"
#include "isms/asset.h"
#include "isms/base.h"
#include "isms/findings.h"
#include "isms/period.h"
#include "isms/risk.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup plan Action plan
 * @brief Improvement actions, their priority scores, an order that respects prerequisites, a
 *        schedule into periods, and a draft plan from a risk register and a gap analysis.
 *
 * isms/plan.h describes the module in full.
 * @{
 */

/* ---- vocabularies -------------------------------------------------------------------------- */

/**
 * @brief Where an action stands.
 * @since 0.1.0
 */
typedef enum isms_action_status {
    ISMS_ACTION_PROPOSED = 0,    /**< Proposed ("Föreslagen" / "Proposed"). */
    ISMS_ACTION_PLANNED = 1,     /**< Decided and planned ("Planerad" / "Planned"). */
    ISMS_ACTION_IN_PROGRESS = 2, /**< Under way ("Pågående" / "In progress"). */
    ISMS_ACTION_DONE = 3,        /**< Done ("Klar" / "Done"). */
    ISMS_ACTION_CANCELLED = 4    /**< Cancelled ("Avbruten" / "Cancelled"). */
} isms_action_status;

/**
 * @brief The label of an action status.
 * @param status The status.
 * @param lang The language.
 * @return A static string, or NULL for a value outside #isms_action_status.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_action_status_label(isms_action_status status, isms_lang lang);

/**
 * @brief The machine name of an action status: "proposed", "planned", "in-progress", "done",
 *        "cancelled".
 * @param status The status.
 * @return A static string, or NULL for a value outside #isms_action_status.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_action_status_name(isms_action_status status);

/**
 * @brief Parses an action status in Swedish or English, case-insensitively.
 *
 * Accepts the labels, the machine names and synonyms ("förslag", "pågår", "påbörjad",
 * "started", "ongoing", "klart", "genomförd", "completed", "avbruten", "struken",
 * "canceled"); empty text gives #ISMS_ACTION_PROPOSED.
 * @param[out] out The status.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_EPARSE (the message lists what is accepted).
 *         #ISMS_EINVAL for text that is not UTF-8: "action status: not UTF-8 at byte N (0xHH)"
 *         names the first bad byte (N from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_action_status_parse(isms_action_status *out, const char *text);

/**
 * @brief How often an action recurs.
 * @since 0.1.0
 */
typedef enum isms_recurrence {
    ISMS_RECUR_NONE = 0,    /**< Once ("Ingen" / "None"). */
    ISMS_RECUR_YEARLY = 1,  /**< Every year ("Årligen" / "Yearly"). */
    ISMS_RECUR_TERTIAL = 2, /**< Every tertial ("Varje tertial" / "Every tertial"). */
    ISMS_RECUR_QUARTER = 3  /**< Every quarter ("Varje kvartal" / "Every quarter"). */
} isms_recurrence;

/**
 * @brief The label of a recurrence.
 * @param recurrence The recurrence.
 * @param lang The language.
 * @return A static string, or NULL for a value outside #isms_recurrence.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_recurrence_label(isms_recurrence recurrence, isms_lang lang);

/**
 * @brief The machine name of a recurrence: "none", "yearly", "tertial", "quarterly".
 * @param recurrence The recurrence.
 * @return A static string, or NULL for a value outside #isms_recurrence.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_recurrence_name(isms_recurrence recurrence);

/**
 * @brief Parses a recurrence in Swedish or English, case-insensitively.
 *
 * Accepts the labels, the machine names and synonyms ("årlig", "varje år", "en gång per år",
 * "annually", "every year", "per year", "tertialvis", "per tertial", "kvartalsvis",
 * "per kvartal", "quarterly", "per quarter", "engångs", "once"); empty text gives
 * #ISMS_RECUR_NONE.
 * @param[out] out The recurrence.
 * @param text The text. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_EPARSE (the message lists what is accepted).
 *         #ISMS_EINVAL for text that is not UTF-8: "recurrence: not UTF-8 at byte N (0xHH)" names
 *         the first bad byte (N from 1); nothing is written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_recurrence_parse(isms_recurrence *out, const char *text);

/**
 * @brief Effort as a T-shirt size.
 * @since 0.1.0
 */
typedef enum isms_effort_size {
    ISMS_EFFORT_UNSIZED = 0, /**< Given in person-days, or not given. */
    ISMS_EFFORT_XS = 1,      /**< Extra small: 1 person-day. */
    ISMS_EFFORT_S = 2,       /**< Small: 5 person-days. */
    ISMS_EFFORT_M = 3,       /**< Medium: 20 person-days. */
    ISMS_EFFORT_L = 4,       /**< Large: 60 person-days. */
    ISMS_EFFORT_XL = 5       /**< Extra large: 120 person-days. */
} isms_effort_size;

/**
 * @brief Person-days of a T-shirt size (1, 5, 20, 60, 120), or 0 for #ISMS_EFFORT_UNSIZED and
 *        values outside the enumeration.
 * @param size The size.
 * @return The person-days.
 * @since 0.1.0
 */
ISMS_EXPORT double isms_effort_days(isms_effort_size size);

/**
 * @brief The short name of a size: "XS", "S", "M", "L", "XL" ("" for unsized), or NULL for
 *        a value outside #isms_effort_size.
 * @param size The size.
 * @return A static string, or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_effort_size_name(isms_effort_size size);

/**
 * @brief Reads an effort as people write it.
 *
 * A T-shirt size (`XS`, `S`, `M`, `L`, `XL`, `extra small`, `small`, `medium`, `large`,
 * `extra large`, `liten`, `mellan`, `medel`, `stor`, `mycket liten`, `mycket stor`), or a
 * number of person-days with an optional unit: `5`, `2,5`, `3 d`, `3 dagar`, `3 days`,
 * `3 pd`, `3 person-days`, `3 persondagar`, `2 veckor` / `2 weeks` (5 days each), `1 månad` /
 * `1 month` (20 days each), `4 h` / `4 timmar` / `4 hours` (8 hours a day).
 * @param[out] days Person-days (written on success).
 * @param[out] size The size when a T-shirt size was given, else #ISMS_EFFORT_UNSIZED; may be
 *                  NULL.
 * @param text The text; empty text is an error here (an unknown effort is simply not set). Must be
 *             UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL `days` or `text`), #ISMS_EPARSE (unknown text; the
 *         message says what is accepted), #ISMS_ERANGE (negative, not finite, or more than
 *         100000 person-days). #ISMS_EINVAL for text that is not UTF-8:
 *         "effort: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing is
 *         written.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_effort_parse(double *days, isms_effort_size *size, const char *text);

/**
 * @brief What an action addresses.
 * @since 0.1.0
 */
typedef enum isms_target_kind {
    ISMS_TARGET_ANY = 0,         /**< Not said: looked up as a risk, then a requirement, then an
                                      asset in the plan's sources. */
    ISMS_TARGET_RISK = 1,        /**< A risk of the register (`risk:R3`). */
    ISMS_TARGET_REQUIREMENT = 2, /**< A requirement of the assessment (`req:6.1.2`,
                                      `krav:A.5.1`). */
    ISMS_TARGET_ASSET = 3        /**< An asset of the inventory (`asset:HR`, `tillgång:HR`). */
} isms_target_kind;

/**
 * @brief The machine name of a target kind: "any", "risk", "requirement", "asset".
 * @param kind The kind.
 * @return A static string, or NULL for a value outside #isms_target_kind.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_target_kind_name(isms_target_kind kind);

/**
 * @brief The label of a target kind ("Risk", "Krav", "Tillgång" / "Risk", "Requirement",
 *        "Asset"; "" for any).
 * @param kind The kind.
 * @param lang The language.
 * @return A static string, or NULL for a value outside #isms_target_kind.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_target_kind_label(isms_target_kind kind, isms_lang lang);

/**
 * @brief One thing an action addresses, as read with isms_action_target().
 * @since 0.1.0
 */
typedef struct isms_target {
    isms_target_kind kind; /**< The kind as given (#ISMS_TARGET_ANY when not said). */
    const char *id;        /**< Risk id, requirement reference or asset id; borrowed from the
                                action. */
} isms_target;

/* ---- plans and actions --------------------------------------------------------------------- */

/**
 * @brief A plan: a set of actions (opaque).
 * @since 0.1.0
 */
typedef struct isms_plan isms_plan;

/**
 * @brief An action held by a plan (opaque).
 *
 * Borrowed from its plan: valid until the action is removed or the plan is freed.
 * @since 0.1.0
 */
typedef struct isms_action isms_action;

/**
 * @brief Creates an empty plan.
 * @param[out] out The new plan; free it with isms_plan_free().
 * @param year The year that due dates without a year refer to (the plan's first year),
 *             1900–9999.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL `out`), #ISMS_ERANGE (year), #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_plan_new(isms_plan **out, int year);

/**
 * @brief Frees a plan and its actions. NULL does nothing.
 * @param plan The plan.
 * @since 0.1.0
 */
ISMS_EXPORT void isms_plan_free(isms_plan *plan);

/**
 * @brief The year given to isms_plan_new().
 * @param plan The plan.
 * @return The year; 0 for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_plan_year(const isms_plan *plan);

/**
 * @brief Sets what the plan's actions address: each may be NULL.
 *
 * The sources are borrowed: they must outlive the plan, or be replaced by another call,
 * before they are freed. Targets are checked against them (isms_plan_lint()) and scored from
 * them (isms_plan_prioritise()).
 * @param plan The plan.
 * @param risks The risk register, or NULL.
 * @param assessment The gap analysis, or NULL.
 * @param inventory The asset inventory, or NULL (classify it first for asset terms to count).
 * @return #ISMS_OK, #ISMS_EINVAL (NULL plan).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_plan_set_sources(isms_plan *plan, const isms_register *risks,
                                      const isms_assessment *assessment,
                                      const isms_inventory *inventory);

/**
 * @brief The register set with isms_plan_set_sources(), or NULL.
 * @param plan The plan.
 * @return The register (borrowed from the caller that set it), or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT const isms_register *isms_plan_register(const isms_plan *plan);

/**
 * @brief The assessment set with isms_plan_set_sources(), or NULL.
 * @param plan The plan.
 * @return The assessment (borrowed from the caller that set it), or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT const isms_assessment *isms_plan_assessment(const isms_plan *plan);

/**
 * @brief The inventory set with isms_plan_set_sources(), or NULL.
 * @param plan The plan.
 * @return The inventory (borrowed from the caller that set it), or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT const isms_inventory *isms_plan_inventory(const isms_plan *plan);

/**
 * @brief Number of actions.
 * @param plan The plan (NULL: 0).
 * @return The number of actions.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_plan_count(const isms_plan *plan);

/**
 * @brief The action at `index` in insertion order, or NULL when out of range.
 * @param plan The plan.
 * @param index 0 … count − 1.
 * @return The action (borrowed from the plan), or NULL (also for a NULL plan).
 * @since 0.1.0
 */
ISMS_EXPORT isms_action *isms_plan_at(const isms_plan *plan, size_t index);

/**
 * @brief The action with this id (exact match after trimming white space), or NULL.
 * @param plan The plan.
 * @param id The id.
 * @return The action (borrowed from the plan), or NULL (also for NULL arguments).
 * @since 0.1.0
 */
ISMS_EXPORT isms_action *isms_plan_find(const isms_plan *plan, const char *id);

/**
 * @brief Adds an action with status proposed, no recurrence and nothing else set.
 * @param[out] out The new action (borrowed from the plan); may be NULL.
 * @param plan The plan.
 * @param id Its id: not blank, at most 256 bytes, trimmed of white space. Must be UTF-8.
 * @param title Its title, or NULL. Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL plan or id, blank or too long id), #ISMS_EEXIST (an
 *         action with that id exists), #ISMS_ENOMEM (the plan is unchanged). #ISMS_EINVAL for text
 *         that is not UTF-8: "id: not UTF-8 at byte N (0xHH)" (or title) names the first bad byte
 *         (N from 1); nothing is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_plan_add(isms_action **out, isms_plan *plan, const char *id,
                              const char *title);

/**
 * @brief Removes and frees an action. Other actions that name it as a prerequisite keep the
 *        name (ordering then reports it missing).
 * @param plan The plan.
 * @param id The id.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOTFOUND.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_plan_remove(isms_plan *plan, const char *id);

/**
 * @brief The id of an action (borrowed, never NULL).
 * @param action The action.
 * @return A string borrowed from the action ("" for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_action_id(const isms_action *action);

/**
 * @brief The text fields of an action.
 * @since 0.1.0
 */
typedef enum isms_action_field {
    ISMS_ACTION_TITLE = 0,       /**< Title (rubrik). */
    ISMS_ACTION_DESCRIPTION = 1, /**< Description (beskrivning). */
    ISMS_ACTION_OWNER = 2,       /**< Owner, a role or a team (ansvarig). */
    ISMS_ACTION_DUE = 3          /**< Due date as written (klart senast); setting it re-reads
                                      the period with the plan's year. */
} isms_action_field;

/**
 * @brief A text field of an action (borrowed until it is set again; never NULL: "" when
 *        empty).
 * @param action The action.
 * @param field The field.
 * @return A string borrowed from the action; "" also for NULL and for a field outside
 *         #isms_action_field.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_action_get(const isms_action *action, isms_action_field field);

/**
 * @brief Sets a text field (copied).
 * @param action The action.
 * @param field The field.
 * @param text UTF-8 text, or NULL for "".
 * @return #ISMS_OK, #ISMS_EINVAL (NULL action, unknown field), #ISMS_ENOMEM (unchanged).
 *         #ISMS_EINVAL for text that is not UTF-8:
 *         "owner: not UTF-8 at byte N (0xHH)" (with the field's name) names the first bad byte (N
 *         from 1); nothing is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_action_set(isms_action *action, isms_action_field field, const char *text);

/**
 * @brief The due period read from the due text (kind #ISMS_PERIOD_NONE when there is none).
 * @param action The action.
 * @return The period; kind #ISMS_PERIOD_NONE (all zero) for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_period isms_action_due(const isms_action *action);

/**
 * @brief The status.
 * @param action The action.
 * @return The status; #ISMS_ACTION_PROPOSED for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_action_status isms_action_get_status(const isms_action *action);

/**
 * @brief Sets the status.
 * @param action The action.
 * @param status The status.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL, or a value outside the enumeration).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_action_set_status(isms_action *action, isms_action_status status);

/**
 * @brief The recurrence.
 * @param action The action.
 * @return The recurrence; #ISMS_RECUR_NONE for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_recurrence isms_action_recurrence(const isms_action *action);

/**
 * @brief Sets the recurrence.
 * @param action The action.
 * @param recurrence The recurrence.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL, or a value outside the enumeration).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_action_set_recurrence(isms_action *action, isms_recurrence recurrence);

/**
 * @brief The effort in person-days, or a negative value when it is not known.
 * @param action The action.
 * @return The person-days, or a negative value (also for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT double isms_action_effort(const isms_action *action);

/**
 * @brief The T-shirt size the effort was given as, or #ISMS_EFFORT_UNSIZED.
 * @param action The action.
 * @return The size, or #ISMS_EFFORT_UNSIZED (also for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT isms_effort_size isms_action_effort_size(const isms_action *action);

/**
 * @brief Sets the effort in person-days (the size becomes #ISMS_EFFORT_UNSIZED); a negative
 *        value means "not known".
 * @param action The action.
 * @param days Person-days, 0–100000, or negative to clear.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_ERANGE (not finite, or above 100000).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_action_set_effort(isms_action *action, double days);

/**
 * @brief Sets the effort as a T-shirt size (person-days from isms_effort_days());
 *        #ISMS_EFFORT_UNSIZED clears it.
 * @param action The action.
 * @param size The size.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL, or a value outside the enumeration).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_action_set_effort_size(isms_action *action, isms_effort_size size);

/**
 * @brief The cost (any currency; the plan does not convert), or a negative value when not
 *        known.
 * @param action The action.
 * @return The cost, or a negative value (also for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT double isms_action_cost(const isms_action *action);

/**
 * @brief Sets the cost; a negative value clears it.
 * @param action The action.
 * @param cost The cost.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL), #ISMS_ERANGE (not finite).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_action_set_cost(isms_action *action, double cost);

/**
 * @brief Number of things the action addresses.
 * @param action The action.
 * @return The number of targets; 0 for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_action_target_count(const isms_action *action);

/**
 * @brief One thing the action addresses, in the order they were added.
 * @param[out] out The target; its id is borrowed from the action.
 * @param action The action.
 * @param index 0 … count − 1.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_action_target(isms_target *out, const isms_action *action, size_t index);

/**
 * @brief Adds something the action addresses. Adding the same target twice does nothing.
 *
 * With #ISMS_TARGET_ANY, a prefix in `id` gives the kind: `risk:`, `req:`, `krav:`,
 * `requirement:`, `asset:`, `tillgång:` (case-insensitive, white space allowed after the
 * colon); without one the kind stays "any" and is resolved against the sources.
 * @param action The action.
 * @param kind The kind.
 * @param id The id (trimmed; not blank). Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL, blank id, kind outside the enumeration),
 *         #ISMS_ENOMEM (unchanged). #ISMS_EINVAL for text that is not UTF-8:
 *         "target: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing is
 *         changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_action_add_target(isms_action *action, isms_target_kind kind,
                                       const char *id);

/**
 * @brief Removes every target.
 * @param action The action.
 * @since 0.1.0
 */
ISMS_EXPORT void isms_action_clear_targets(isms_action *action);

/**
 * @brief Number of prerequisites.
 * @param action The action.
 * @return The number of prerequisites; 0 for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_action_prerequisite_count(const isms_action *action);

/**
 * @brief The id of a prerequisite (borrowed from the action), or NULL when out of range.
 * @param action The action.
 * @param index 0 … count − 1.
 * @return A string borrowed from the action until its prerequisites change, or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT const char *isms_action_prerequisite(const isms_action *action, size_t index);

/**
 * @brief Adds a prerequisite: the action with id `id` must come first. It need not exist yet;
 *        ordering reports it when it still does not. Adding one twice does nothing.
 * @param action The action.
 * @param id The prerequisite's id (trimmed; not blank). Must be UTF-8.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL, blank), #ISMS_ECYCLE (the action's own id),
 *         #ISMS_ENOMEM (unchanged). #ISMS_EINVAL for text that is not UTF-8:
 *         "prerequisite: not UTF-8 at byte N (0xHH)" names the first bad byte (N from 1); nothing
 *         is changed.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_action_add_prerequisite(isms_action *action, const char *id);

/**
 * @brief Removes every prerequisite.
 * @param action The action.
 * @since 0.1.0
 */
ISMS_EXPORT void isms_action_clear_prerequisites(isms_action *action);

/**
 * @brief The expected residual risk after the action, as likelihood and consequence levels
 *        (#ISMS_LEVEL_UNSET for both when not given).
 * @param[out] likelihood Likelihood level; may be NULL.
 * @param[out] consequence Consequence level; may be NULL.
 * @param action The action.
 * @since 0.1.0
 */
ISMS_EXPORT void isms_action_expected_residual(int *likelihood, int *consequence,
                                               const isms_action *action);

/**
 * @brief Sets the expected residual risk after the action (for every risk it addresses).
 *
 * Levels are checked against each risk's matrix when the plan is prioritised; both
 * #ISMS_LEVEL_UNSET clear it.
 * @param action The action.
 * @param likelihood Likelihood level.
 * @param consequence Consequence level.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL, or only one of the two unset), #ISMS_ERANGE (a level
 *         outside #ISMS_LEVEL_VALUE_MIN … #ISMS_LEVEL_VALUE_MAX).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_action_set_expected_residual(isms_action *action, int likelihood,
                                                  int consequence);

/**
 * @brief The status the requirements the action addresses are expected to reach
 *        (#ISMS_STATUS_NOT_ASSESSED when not given: then "yes" is assumed).
 * @param action The action.
 * @return The status; #ISMS_STATUS_NOT_ASSESSED also for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_status isms_action_expected_status(const isms_action *action);

/**
 * @brief Sets the expected status of the requirements the action addresses.
 * @param action The action.
 * @param status #ISMS_STATUS_YES, #ISMS_STATUS_PARTIAL, or #ISMS_STATUS_NOT_ASSESSED to clear.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL, or another status).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_action_set_expected_status(isms_action *action, isms_status status);

/* ---- priority ------------------------------------------------------------------------------ */

/**
 * @brief Weights and reference date of the priority score (see the file's description).
 * @since 0.1.0
 */
typedef struct isms_priority {
    double base;        /**< Added to every action's benefit (0.1). */
    double risk;        /**< w_risk (1). */
    double reduction;   /**< w_reduction (1). */
    double requirement; /**< w_requirement (1). */
    double asset;       /**< w_asset (0.5). */
    double urgency;     /**< w_urgency (1). */
    double overdue;     /**< w_overdue (0.5). */
    double horizon_days; /**< Days ahead within which a due date raises urgency (365). */
    double effort_unit; /**< Person-days that divide by 1 (5). */
    double effort;      /**< w_effort, the exponent of the effort divisor (0.5). */
    isms_date today;    /**< Reference date for urgency and overdue; empty: no urgency. */
} isms_priority;

/**
 * @brief The default weights, with no reference date.
 * @return The weights.
 * @since 0.1.0
 */
ISMS_EXPORT isms_priority isms_priority_default(void);

/**
 * @brief What a term of a score is.
 * @since 0.1.0
 */
typedef enum isms_term_kind {
    ISMS_TERM_BASE = 0,        /**< The base benefit. */
    ISMS_TERM_RISK = 1,        /**< A risk addressed (added). */
    ISMS_TERM_REQUIREMENT = 2, /**< A requirement addressed (added). */
    ISMS_TERM_ASSET = 3,       /**< An asset addressed (added). */
    ISMS_TERM_URGENCY = 4,     /**< The urgency factor (multiplies). */
    ISMS_TERM_EFFORT = 5       /**< The effort divisor (divides). */
} isms_term_kind;

/**
 * @brief One term of an action's score, as read with isms_action_term().
 *
 * | kind        | value                | a                         | b                          |
 * |-------------|----------------------|---------------------------|----------------------------|
 * | base        | the base             | –                         | –                          |
 * | risk        | the term             | c, current (0–1)          | r, reduction (0–1)         |
 * | requirement | the term             | g, gap closed (0–1)       | n, need (0–1)              |
 * | asset       | the term             | k, class (0–1)            | –                          |
 * | urgency     | the factor (≥ 1)     | u (0–1)                   | days to the due date       |
 * | effort      | the divisor (> 0)    | person-days used          | 1 when the effort is known |
 * @since 0.1.0
 */
typedef struct isms_term {
    isms_term_kind kind; /**< What the term is. */
    const char *ref;     /**< Risk id, requirement reference or asset id; "" otherwise.
                              Borrowed from the action until it is changed. */
    double value;        /**< The term's contribution (see the table). */
    double a;            /**< First input (see the table). */
    double b;            /**< Second input (see the table). */
} isms_term;

/**
 * @brief Scores every open action (proposed, planned, in progress) and orders them.
 *
 * The order holds prerequisites before dependents; among actions whose prerequisites are
 * placed, the higher score comes first, then the earlier due date, then the id in natural
 * order ("A2" before "A10"). The result depends only on the actions and their attributes,
 * never on the order they were added in. Done and cancelled actions are left out, and as
 * prerequisites they count as met. Each action keeps its score and terms until the next call.
 * Targets that the sources do not hold contribute nothing (isms_plan_lint() reports them).
 * @param[out] out Array of the open actions in order (borrowed pointers); free the array with
 *                 isms_free(). NULL when there are none. May be NULL to score only.
 * @param[out] n Number of actions in the array; may be NULL when `out` is NULL.
 * @param plan The plan.
 * @param weights The weights, or NULL for isms_priority_default().
 * @return #ISMS_OK, #ISMS_EINVAL (NULL plan, a weight that is negative or not finite, or an
 *         effort unit or horizon that is not positive), #ISMS_ENOTFOUND (a prerequisite that
 *         no action has: the message names both ids), #ISMS_ECYCLE (prerequisites form a
 *         cycle: the message names the ids on it, "A1 → A2 → A1"), #ISMS_ENOMEM. On error
 *         nothing is written to the out-parameters and the scores are those of before.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_plan_prioritise(isms_action ***out, size_t *n, isms_plan *plan,
                                     const isms_priority *weights);

/**
 * @brief The score from the last isms_plan_prioritise() or isms_plan_schedule(), or a
 *        negative value when the action has not been scored since it was added or changed.
 * @param action The action.
 * @return The score, or a negative value (also for NULL).
 * @since 0.1.0
 */
ISMS_EXPORT double isms_action_score(const isms_action *action);

/**
 * @brief Number of terms of the last score (0 when not scored).
 * @param action The action.
 * @return The number of terms.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_action_term_count(const isms_action *action);

/**
 * @brief One term of the last score: first the base and the added terms in the order of the
 *        targets, then urgency, then effort.
 * @param[out] out The term.
 * @param action The action.
 * @param index 0 … count − 1.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_action_term(isms_term *out, const isms_action *action, size_t index);

/**
 * @brief The score and its terms in words, one term per line, for example
 *        "risk R3: current 0.80, reduction 0.53 → +1.22".
 * @param[out] out New NUL-terminated text; free it with isms_free().
 * @param action A scored action.
 * @param lang The language.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL, or not scored), #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_action_explain(char **out, const isms_action *action, isms_lang lang);

/* ---- lint ---------------------------------------------------------------------------------- */

/**
 * @brief Checks a plan and appends findings.
 *
 * Codes: `plan-missing-prerequisite` (error: a prerequisite no action has),
 * `plan-cycle` (error: prerequisites that form a cycle, with its ids),
 * `plan-unknown-target` (error: a target that the sources do not hold; only checked against
 * the kinds of source that are set), `plan-bad-residual` (error: an expected residual outside
 * the risk's matrix), `plan-addresses-nothing` (warning: an open action without targets),
 * `plan-overdue` (warning: an open action whose due date has passed `today`),
 * `plan-unreadable-due` (warning: due text with no readable date), `plan-no-owner` (info),
 * `plan-no-effort` (info), `plan-prerequisite-cancelled` (warning: an open action waits for a
 * cancelled one), `plan-done-before-prerequisite` (warning: a done action whose prerequisite
 * is not done). Findings come in the order of the actions.
 * @param out The list to append to (all or nothing: on #ISMS_ENOMEM it is as before).
 * @param plan The plan.
 * @param today The reference date for overdue actions; the empty date skips that check.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_plan_lint(isms_findings *out, const isms_plan *plan, isms_date today);

/* ---- schedule ------------------------------------------------------------------------------ */

/**
 * @brief How to schedule a plan; start from isms_schedule_options_default().
 * @since 0.1.0
 */
typedef struct isms_schedule_options {
    isms_date start;        /**< A day in the first period (the period of `unit` holding it). */
    isms_period_kind unit;  /**< #ISMS_PERIOD_YEAR (default), #ISMS_PERIOD_TERTIAL,
                                 #ISMS_PERIOD_QUARTER or #ISMS_PERIOD_MONTH. */
    size_t periods;         /**< Number of periods, 1–1200 (default 3). */
    double capacity;        /**< Person-days per period for all owners together; 0 (default):
                                 unlimited. */
    const double *capacities; /**< Optional: a capacity per period (`periods` values, each 0
                                   for unlimited), used instead of `capacity`. Borrowed. */
    const char *const *owners; /**< Optional: owners with a capacity of their own. Borrowed. */
    const double *owner_capacity; /**< Person-days per period for each of `owners`. Borrowed. */
    size_t owner_count;     /**< Number of `owners`. */
    bool strict;            /**< true: an action goes strictly after the periods of its
                                 prerequisites; false (default): in the same period or later. */
    isms_priority priority; /**< Weights and reference date (`today` also decides overdue). */
    isms_lang lang;         /**< Language of the findings (default Swedish). */
} isms_schedule_options;

/**
 * @brief Default options: this start date empty (must be set), yearly periods, 3 of them,
 *        unlimited capacity, prerequisites in the same period allowed, default weights.
 * @return The options.
 * @since 0.1.0
 */
ISMS_EXPORT isms_schedule_options isms_schedule_options_default(void);

/**
 * @brief A schedule: the plan's actions placed in periods (opaque).
 * @since 0.1.0
 */
typedef struct isms_schedule isms_schedule;

/**
 * @brief One action placed in a period, as read with isms_schedule_item().
 * @since 0.1.0
 */
typedef struct isms_slot {
    isms_action *action; /**< The action, borrowed from the plan. */
    double effort;       /**< Person-days it takes in this period (all its occurrences). */
    unsigned occurrences; /**< 1, or for recurring actions the number of times it recurs in the
                               period (4 for a quarterly action in a yearly period). */
    bool recurring;      /**< An occurrence of a recurring action. */
    bool late;           /**< The period starts after the action's due date (a period later
                              than the one holding it); never set for recurring actions. */
} isms_slot;

/**
 * @brief Scores, orders and schedules the plan's open actions.
 *
 * The actions are taken in priority order (isms_plan_prioritise()). Actions in progress go to
 * the first period whatever the capacity. Recurring actions appear in every period of their
 * recurrence from the first period their prerequisites allow: a yearly action once a year (in
 * the period holding its due day's month and day, else the year's last period), a tertial or
 * quarterly one in each tertial or quarter; in periods longer than the recurrence it appears
 * once with its occurrences counted. Actions in progress and recurring actions are fixed:
 * they take their periods whatever the capacity, and are placed before the others. Every
 * other action goes to the earliest period that its prerequisites allow (the same period or,
 * with `strict`, a later one; a recurring prerequisite counts from its first occurrence) and
 * in which the capacity of the period and of its owner still has room for its effort. An
 * action that does not fit in any period, a recurring action with no occurrence in the
 * periods, and an action whose prerequisite was not placed stay unscheduled. Findings are in
 * priority order, so they do not depend on the order the actions were added in.
 *
 * Findings (besides those of isms_plan_lint(), which come first): `plan-due-missed` (warning:
 * the action is placed, or would be, after its due date), `plan-over-capacity` (warning:
 * recurring actions and actions in progress load a period beyond its capacity),
 * `plan-owner-over-capacity` (warning: the same for an owner), `plan-beyond-horizon`
 * (warning: an action does not fit in the periods, with the reason), `plan-too-large`
 * (warning: an action needs more than any period's capacity).
 * @param[out] out The schedule; free it with isms_schedule_free(). It borrows the plan's
 *                 actions: do not use it after the plan has changed.
 * @param plan The plan.
 * @param options The options; `start` must be set.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL, no start, a unit that is not a year, tertial, quarter
 *         or month, 0 or more than 1200 periods, a negative or non-finite capacity, an owner
 *         that is NULL or given twice, bad weights), #ISMS_ERANGE (the periods run past
 *         9999), #ISMS_ENOTFOUND, #ISMS_ECYCLE (as isms_plan_prioritise()), #ISMS_ENOMEM.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_plan_schedule(isms_schedule **out, isms_plan *plan,
                                   const isms_schedule_options *options);

/**
 * @brief Frees a schedule. NULL does nothing.
 * @param schedule The schedule.
 * @since 0.1.0
 */
ISMS_EXPORT void isms_schedule_free(isms_schedule *schedule);

/**
 * @brief Number of periods.
 * @param schedule The schedule.
 * @return The number of periods; 0 for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_schedule_period_count(const isms_schedule *schedule);

/**
 * @brief A period of the schedule (its kind is the unit; start and end are its first and last
 *        day).
 * @param[out] out The period.
 * @param schedule The schedule.
 * @param index 0 … period count − 1.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_schedule_period(isms_period *out, const isms_schedule *schedule,
                                     size_t index);

/**
 * @brief The capacity of a period (0: unlimited).
 * @param schedule The schedule.
 * @param index The period.
 * @return The capacity in person-days, 0 for unlimited; 0 also for NULL and an index out of
 *         range.
 * @since 0.1.0
 */
ISMS_EXPORT double isms_schedule_capacity(const isms_schedule *schedule, size_t index);

/**
 * @brief The person-days placed in a period.
 * @param schedule The schedule.
 * @param index The period.
 * @return The person-days; 0 for NULL and an index out of range.
 * @since 0.1.0
 */
ISMS_EXPORT double isms_schedule_load(const isms_schedule *schedule, size_t index);

/**
 * @brief Number of actions placed in a period (0 for an index out of range).
 * @param schedule The schedule.
 * @param period The period.
 * @return The number of actions.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_schedule_count(const isms_schedule *schedule, size_t period);

/**
 * @brief An action placed in a period; the actions of a period come in priority order.
 * @param[out] out The slot.
 * @param schedule The schedule.
 * @param period The period.
 * @param index 0 … isms_schedule_count() − 1.
 * @return #ISMS_OK, #ISMS_EINVAL, #ISMS_ERANGE.
 * @since 0.1.0
 */
ISMS_EXPORT int isms_schedule_item(isms_slot *out, const isms_schedule *schedule, size_t period,
                                   size_t index);

/**
 * @brief Number of open actions that were not placed in any period.
 * @param schedule The schedule.
 * @return The number of actions; 0 for NULL.
 * @since 0.1.0
 */
ISMS_EXPORT size_t isms_schedule_unscheduled_count(const isms_schedule *schedule);

/**
 * @brief An action that was not placed, in priority order, or NULL out of range.
 * @param schedule The schedule.
 * @param index 0 … count − 1.
 * @return The action (borrowed from the plan), or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT isms_action *isms_schedule_unscheduled(const isms_schedule *schedule, size_t index);

/**
 * @brief The findings of the schedule (borrowed from it; NULL only for a NULL schedule).
 * @param schedule The schedule.
 * @return The findings, or NULL.
 * @since 0.1.0
 */
ISMS_EXPORT const isms_findings *isms_schedule_findings(const isms_schedule *schedule);

/* ---- draft --------------------------------------------------------------------------------- */

/**
 * @brief Adds proposed actions for what a risk register and a gap analysis leave open.
 *
 * - Risks: each risk whose current value is above its matrix's acceptance threshold, whose
 *   status is open or in treatment, and that no action of the plan addresses yet, gets the
 *   action `risk-<id>` addressing it. Its title is the risk's treatment text when there is one,
 *   else "Behandla risken: <title>" / "Treat the risk: <title>" (in `lang`); its owner is the
 *   risk's owner and its expected residual the risk's residual levels when set.
 * - Requirements: each entry with status partial or no that has an action plan and that no
 *   action addresses yet becomes the action `req-<ref>`: the title is the first line of the
 *   plan text (cut at 120 bytes on a character boundary, with "…"), the description the whole
 *   plan text, the owner and due text the entry's; it addresses the requirement, so its need
 *   counts in the priority.
 *
 * The register and assessment given become the plan's sources where those are not set.
 * Existing actions with the same ids are left alone (and the item counts as addressed).
 * @param[out] added Number of actions added; may be NULL.
 * @param plan The plan.
 * @param risks A register, or NULL.
 * @param assessment An assessment, or NULL.
 * @param lang Language of the generated titles.
 * @return #ISMS_OK, #ISMS_EINVAL (NULL plan), #ISMS_ENOMEM (the plan is as before).
 * @since 0.1.0
 */
ISMS_EXPORT int isms_plan_draft(size_t *added, isms_plan *plan, const isms_register *risks,
                                const isms_assessment *assessment, isms_lang lang);

/** @} */

#ifdef __cplusplus
}
#endif

#endif
