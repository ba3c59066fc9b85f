/* sim_internal.h — the simulation's internal data: parameters, scenario, model state, levers.
 * Shared by the src/simulate sources and the unit tests; not part of the public API. */
#ifndef REGCOORD_SIM_INTERNAL_H
#define REGCOORD_SIM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "regcoord/rng.h"
#include "regcoord/simulate.h"
#include "regcoord/table.h"

/* Scalar parameters of §2.3 (JSON name in the table of params.c). */
typedef struct {
    double sigma, mu;
    double tau, border_cost, phi, phi_step;               /* phi, phi_step: NaN = from tau */
    double knowledge_elasticity, depreciation, saving_rate, tfp_growth;
    double degree, global_share, decay, border_barrier, step; /* step: NaN = from degree */
    double gamma, congestion;
    double speed, cost, min_rural_share;
    double pop_growth;
    double credit_integration, size_elasticity, return_elasticity;
    double local_tax_rate;
    double shock_sd, shock_rho;
} rc_sim_params;

/* One entry of the parameter table: JSON block and key, where it lives, its range. */
typedef struct {
    const char *name;   /* "model.sigma" */
    size_t offset;      /* in rc_sim_params */
    double def, lo, hi; /* inclusive bounds unless the flags say open */
    int lo_open, hi_open;
    int allow_nan;      /* "not given" is meaningful (phi, phi_step, step) */
    int allow_inf;
} rc_sim_param_def;

const rc_sim_param_def *rc_sim_param_find(const char *name);
const rc_sim_param_def *rc_sim_param_table(size_t *n);
/* y = M x, M dense row-major n × n (kernel.c); same bits for any thread count. */
void rc_sim_matvec(double *y, const double *M, const double *x, size_t n);

/* Anderson(m) mixing of the kernel's fixed point (anderson.c, design §7.1 step 5). The
 * workspace holds the last m + 1 iterates x and plain images g = G(x) (m is capped at n). */
typedef struct rc_sim_anderson rc_sim_anderson;
int rc_sim_anderson_new(rc_sim_anderson **out, size_t n, size_t m, rc_error *err);
void rc_sim_anderson_free(rc_sim_anderson *aa);
/* Forget the history (after a rejected step or a change of the map). */
void rc_sim_anderson_reset(rc_sim_anderson *aa);
/* Store the pair (x, g) and write the next iterate to next: the Anderson type II step
 * g − ΔG γ with γ = argmin ‖(g − x) − ΔF γ‖ (GSL truncated SVD). Returns 1 for a mixed step;
 * 0 when next = g (a single pair, no usable direction, or a non-finite mixed value).
 * next may be the same array as x or g. */
int rc_sim_anderson_mix(rc_sim_anderson *aa, const double *x, const double *g, double *next);
/* The plain image g of the newest stored pair (NULL when the history is empty). */
const double *rc_sim_anderson_last_image(const rc_sim_anderson *aa);

void rc_sim_params_default(rc_sim_params *p);
/* Range check of value for def; message names the parameter `where` (JSON path). */
int rc_sim_param_check(const rc_sim_param_def *def, double value, const char *where,
                       rc_error *err);

typedef enum { RC_GEO_UNIFORM, RC_GEO_RACETRACK, RC_GEO_POINTS, RC_GEO_MATRIX,
               RC_GEO_NETWORK } rc_sim_geo_type;

/* An edge of the network geography: cost = length / speed. */
typedef struct {
    size_t from, to;
    double cost;
} rc_sim_edge;

typedef struct {
    char *id, *group;
    char *name;         /* display name (charts, maps), NULL when the region has none */
    double urban, rural, capital, tfp, capacity, lon, lat; /* capacity NaN: P_i(0) */
    double gdp;         /* observed GDP of the initial year (panel input; NaN otherwise) */
} rc_sim_region;

typedef enum { RC_PATH_LINEAR, RC_PATH_PIECEWISE, RC_PATH_STEP, RC_PATH_LOGISTIC } rc_path_type;

typedef struct {
    char *param;        /* "geography.phi", "regions.<id>.tfp", "policies.<id>.<field>" */
    rc_path_type type;
    double start, end, mid, rate; /* linear: from/to in pts[0], pts[2] */
    double *pts;        /* (time, value) pairs */
    size_t npts;
    int unit_year;      /* 1: times are calendar years */
} rc_sim_path;

/* A policy lever (§3). Each type lives in its own mech_*.c. */
typedef enum { RC_POL_AID, RC_POL_FDI, RC_POL_FUND, RC_POL_INFRA, RC_POL_SHARING,
               RC_POL_POLE, RC_POL_RELOCATION, RC_POL_ECO, RC_POL_AGGLOMERATION,
               RC_POL_TFP } rc_policy_type;

typedef struct {
    char *id;
    rc_policy_type type;
    double start, end;  /* time references; end = +inf when absent (infrastructure: "at") */
    int unit_year;
    size_t *members;    /* region indices: fdi recipients, fund members */
    size_t nmembers;
    /* aid (§3.4); fund uses investment_share too */
    double tax_rate, threshold, investment_share;
    int basis_real;     /* 0: gdp_pc, 1: real_income */
    int excess_per_head; /* aid: 0 the design's TR ∝ gap; 1 transfers stop at the threshold */
    /* fdi (§3.8): a constant or a path of the amount per recipient */
    double value;
    rc_sim_path *values; /* NULL: constant `value` */
    /* fund (§3.5) */
    double contribution, disbursement, interest;
    /* infrastructure (§3.2): every generalized cost × factor from `start` on;
     * tfp (§3.8, science and education): the members' productivity × factor while active */
    double factor;
    /* tax sharing (§3.3): members[0] origin, members[1] destination, `value` the share θ */
    size_t patience;
    int integrate;
    /* infrastructure on a network: edge index and factor pairs */
    size_t *edge_idx;
    double *edge_factor;
    size_t nedge_events;
    /* growth pole (§3.2): members are the poles */
    double tfp_boost, credit_quota, hub_factor, radius;
    /* relocation subsidy (§3.8): members get rate·w·H; eco compensation (§3.8): members are
     * the ecological regions, every other region pays rate·GDP */
    double rate, urban_cap, tfp_penalty;
} rc_sim_policy;

/* The other names a parameter can have (params.c), shared by sweeps, governance rules and
 * --set: `regions.<id>.tfp` is region rc_sim_tfp_region(...) (SIZE_MAX when the name is of
 * another form or the region does not exist); `policies.<id>.<field>` is a field of one of
 * pols[0 … npol−1] (a scenario's policies or a model's copy) — tax_rate and threshold of aid,
 * investment_share of aid and fund, factor of tfp — with the range [*lo, *hi] the parser
 * enforces, or NULL. */
size_t rc_sim_tfp_region(const rc_sim_scenario *sc, const char *name);
double *rc_sim_policy_field(rc_sim_policy *pols, size_t npol, const char *name, double *lo,
                            double *hi);

/* Governance (§3.7): a rule watches one metric and acts on parameters or policies. */
typedef enum { RC_ACT_SET, RC_ACT_ADD, RC_ACT_MUL, RC_ACT_ACTIVATE, RC_ACT_DEACTIVATE } rc_act_op;

typedef struct {
    char *param;        /* set/add/mul: a path-able parameter */
    rc_act_op op;
    double value, min, max;
    size_t policy;      /* activate/deactivate: policy index */
} rc_sim_action;

typedef struct {
    char *id;
    int metric;         /* summary column (index into the metric table), or −1 */
    char *column;       /* region or group metric: panel column name (metric −1) */
    size_t region;      /* region metric: region index */
    size_t *members;    /* group metric (§3.7 group:<name>:<column>): the group's regions, or
                         * NULL; `metric` is then the summary index within the group, or
                         * `column` the population-weighted mean of a panel column */
    size_t nmembers;
    int op;             /* 0 '>', 1 '>=', 2 '<', 3 '<=' */
    double value;
    size_t hold;        /* "for": consecutive periods */
    rc_sim_action *actions;
    size_t nactions;
    size_t cooldown, max_fires;
} rc_sim_rule;

struct rc_sim_scenario {
    char *name, *source, *dir;
    char *warning;             /* for the caller to show (the library does not print) */
    uint64_t seed;
    rc_sim_progress_fn progress; /* rc_sim_scenario_set_progress; NULL: silent */
    void *progress_ctx;
    size_t replicates;
    size_t periods, period0;
    int has_year0;
    int year0;
    rc_sim_region *regions;
    size_t n;
    double pop_scale;          /* Σ P(0) of the input; the model works with shares */
    double *hcap;              /* migration.caps (§2.6 U4–U5): cap on H_i in model units,
                                * +inf for uncapped regions; NULL when there are none */
    rc_sim_geo_type geo;
    double *cost_matrix;       /* matrix geography: n × n costs from the file */
    rc_sim_edge *edges;        /* network geography */
    size_t nedges;
    rc_sim_params base;
    rc_sim_path *paths;
    size_t npaths;
    rc_sim_policy *policies;
    size_t npolicies;
    double tol;
    size_t max_iter;
    double damping;
    size_t anderson;           /* solver.anderson: Anderson depth m, 0 = plain iteration */
    int eq_path;               /* solver.mode "equilibrium_path" (§7.3) */
    size_t inner_steps;        /* migration steps allowed to reach rest */
    double inner_tol;          /* rest: max |ΔH| / Σ H below this */
    int gap_real;              /* gap variable: 1 real_income, 0 gdp_pc */
    size_t output_every;       /* output.every: tables keep every k-th period (0 = 1) */
    int index_base;            /* output.index_base: add <money per person>_index columns */
    int border_by_id;          /* geography.border_by "region_id": every pair crosses a border */
    rc_stage_params stages;
    rc_sim_rule *rules;
    size_t nrules;
    int calibrate;             /* §7.5: Ω so that period-0 GDP shares equal the data */
    double calibrate_tol;
    rc_sim_axis *sweep;        /* the file's "sweep" block: one axis, or several (a grid) */
    size_t nsweep;             /* axes (0: none); param and values are owned */
};

/* ---- the model during a run ------------------------------------------------------------ */

/* Per-region quantities of one period (§4.1), n doubles each. */
typedef struct {
    double *w, *G, *E, *gdp, *yd, *cpi, *omega, *utility, *y, *invest, *kn, *A;
    double *tax, *aid, *aid_inv, *credit_in;
    double *fdi, *fund_c, *fund_dc, *fund_di; /* predetermined at the start of the period */
    double *sharing;                          /* SH_i of tax-sharing agreements */
    double *reloc, *eco;                      /* relocation subsidy RS_i, eco transfer EC_i */
    double injection;                         /* Σ FDI + Σ FD − Σ FC */
} rc_sim_outputs;

typedef struct {
    const rc_sim_scenario *sc;
    size_t n;
    rc_sim_params p;          /* parameters of the current period */
    double *tfp;              /* Ω_i of the current period (before tfp_growth) */
    double tfp_level;         /* Π (1 + g_Ω) so far */
    rc_sim_policy *pol;       /* working copy (paths may change fields) */
    /* state */
    double *H, *R, *K, *z, *B, *cap;  /* cap: congestion scale a_i (not migration caps) */
    unsigned char *at_cap;    /* U4 scratch: regions held at their migration cap */
    double *gov_buf;          /* governance scratch (3 n): a group's gap, pop and H */
    /* geography */
    double *cost;             /* n × n generalized cost (NULL for uniform/racetrack: computed) */
    double *phi, *lam;        /* n × n */
    double *phi_t;            /* Φ transposed when Φ is not symmetric (a one-way cost matrix),
                               * else unused; the price index needs Σ_o φ_od a_o (E9) */
    int phi_symmetric;
    double geo_key[12];       /* parameters Φ and Λ were built with */
    /* tax sharing per policy: baselines V_o⁰, V_d⁰ (NaN until fixed), the origin's run of
     * negative gains, and the period's ΔT and SH */
    double *sh_base_o, *sh_base_d, *sh_dT, *sh_SH;
    size_t *sh_neg;
    size_t t_cur;             /* the period being solved */
    double cost_scale;        /* product of the infrastructure factors in force */
    double *fund;             /* balance F per policy (funds only) */
    double *fund_paid;        /* disbursement D(t) per policy this period */
    double *V_prev, *y_prev;  /* modern value added and real income of the last period */
    int has_prev;
    int geo_built;
    /* per-period outputs and scratch */
    rc_sim_outputs o;
    double *scratch;
    rc_rng *rng;              /* one stream per region */
    rc_sim_eq_info info;
    const char *const *ovr;   /* a sweep point's parameters, set after the paths every period */
    const double *ovr_value;
    size_t novr;
    /* governance: values that override paths from the period after a rule fired */
    double **gov_slot;
    double *gov_value;
    size_t ngov;
    size_t *rule_count, *rule_last, *rule_fires; /* consecutive holds, last firing, firings */
} rc_sim_model;

int rc_sim_model_init(rc_sim_model *m, const rc_sim_scenario *sc, uint64_t seed, uint64_t job,
                      rc_error *err);
void rc_sim_model_free(rc_sim_model *m);
/* Apply base values, paths and policy windows for time index t (period number). */
int rc_sim_model_set_time(rc_sim_model *m, size_t t, rc_error *err);
/* (Re)build Φ and Λ when their parameters changed. */
int rc_sim_geography(rc_sim_model *m, rc_error *err);
/* Solve period t's equilibrium and fill m->o. */
int rc_sim_model_solve(rc_sim_model *m, size_t t, rc_error *err);
/* §7.5: iterate Ω_i ← Ω_i (s_data/s_model)^(1/2), each with a full solve of period 0, until
 * max |ln(s_data/s_model)| ≤ tol; RC_ENUMERIC after 200 iterations. */
int rc_sim_calibrate(rc_sim_model *m, rc_error *err);
/* Between-period updates (U1)–(U6) after a solve; fails only when migration caps cannot hold
 * (every region at its cap and Σ H above Σ caps, see rc_mech_caps_apply). */
int rc_sim_model_update(rc_sim_model *m, rc_error *err);
/* Migration (U4) alone after a solve; *change receives max_i |ΔH_i| / Σ H. */
int rc_sim_model_migrate(rc_sim_model *m, double *change, rc_error *err);

/* Migration caps (U4, §2.6): hold every H_i at or below sc->hcap[i], handing the excess of
 * capped regions to the others in proportion to their H until no cap binds; Σ H unchanged.
 * RC_EINPUT naming the period when every region is held and Σ H still exceeds Σ caps. */
int rc_mech_caps_apply(rc_sim_model *m, rc_error *err);
/* Equilibrium-path mode (§7.3): perturb the largest urban share deterministically, then
 * alternate solve and migration until rest; *steps receives the migration steps taken.
 * RC_ENUMERIC when inner_steps pass without rest. */
int rc_sim_model_rest(rc_sim_model *m, size_t t, size_t *steps, rc_error *err);

/* Pointer to the current value of a path-able parameter, or NULL with a message. */
double *rc_sim_model_param(rc_sim_model *m, const char *name, const rc_sim_param_def **def,
                           rc_error *err);

/* Levers: aid (§3.4) within the fixed point. tax[i] (amount of central tax), trc, tri. */
void rc_mech_aid_transfers(const rc_sim_policy *pol, size_t n, const double *gdp,
                           const double *P, const double *ybasis, double *tax, double *trc,
                           double *tri);

/* Values a, a + step, …, up to b (inclusive within rounding); at most 100,000. */
int rc_sim_grid(double **values, size_t *n, double a, double b, double step, rc_error *err);

/* Funds (§3.5): contributions and disbursements of period t from period t−1 outputs, added
 * to o->fund_c, fund_dc, fund_di; and the balance update (U7). */
void rc_mech_fund_flows(rc_sim_model *m, const rc_sim_policy *pol, size_t k);
void rc_mech_fund_update(rc_sim_model *m, const rc_sim_policy *pol, size_t k);

/* Governance after period t (§3.7): read every rule's condition on the period's national
 * indices nat[] (in the order of rc_sim_metric_names) and the panel outputs, then apply the
 * actions of those that fire, in file order, from period t + 1 on. fired (may be NULL)
 * receives the ids of the rules that fired, separated by ';'. */
int rc_sim_governance(rc_sim_model *m, size_t t, const double *nat, char *fired, size_t size,
                      rc_error *err);
/* National metrics a rule may watch, NULL-terminated (columns of the summary). */
extern const char *const rc_sim_metric_names[];
#define RC_SIM_NMETRICS 11

/* Summary indices of one period from the disparity kernels (methods/01), over n regions with
 * gap variable y and population pop (metrics.c). */
typedef struct {
    double mean, theil_t_w, theil_l_w, theil_t, gini_w, gini, cv, williamson, range_ratio;
} rc_sim_national;
void rc_sim_national_indices(rc_sim_national *s, const double *y, const double *pop, size_t n);
/* The RC_SIM_NMETRICS values of rc_sim_metric_names over n regions (the whole economy or one
 * group): gap y, population pop = H + R, urban workers H. */
void rc_sim_metric_values(double *out, const double *y, const double *pop, const double *H,
                          size_t n);
/* Region i's gap variable this period (output.gap_variable: real_income or gdp_pc). */
double rc_sim_gap_value(const rc_sim_model *m, size_t i);

/* Tax sharing (§3.3): add SH_i for wages w to sh[] (inside the fixed point); fix baselines;
 * participation after the period (grim trigger). */
void rc_mech_sharing_transfers(rc_sim_model *m, size_t k, const double *w, double *sh);
int rc_mech_sharing_active(const rc_sim_model *m, size_t k, size_t t);
void rc_mech_sharing_update(rc_sim_model *m, size_t k, size_t t);

/* Relocation subsidies and ecological compensation (§3.8), inside the fixed point: add RS_i
 * to rs[] and the surcharge τ_r GDP_i to tax[]; add EC_i (paid negative) to ec[]. */
void rc_mech_relocation_transfers(const rc_sim_model *m, const double *gdp, const double *w,
                                  double *rs, double *tax);
void rc_mech_eco_transfers(const rc_sim_model *m, const double *gdp, double *ec);
/* Subsidy rate for urban workers of region i (utility multiplier 1 + s_rel), the eco TFP
 * factor and the urbanization cap of region i this period (cap 1 when none). */
double rc_mech_relocation_rate(const rc_sim_model *m, size_t i);
double rc_mech_eco_tfp(const rc_sim_model *m, size_t i);
double rc_mech_eco_cap(const rc_sim_model *m, size_t i);

/* Growth poles (§3.2): productivity multiplier of region i, directed credit quota and
 * membership, and the hub factor on the cost between o and d (base cost c), this period. */
double rc_mech_pole_tfp(const rc_sim_model *m, size_t i);
/* The product of the active tfp policies' factors for region i (mech_tfp.c). */
double rc_mech_tfp_factor(const rc_sim_model *m, size_t i);
double rc_mech_pole_quota(const rc_sim_model *m, size_t i, int *member);
double rc_mech_pole_hub(const rc_sim_model *m, size_t o, size_t d, double c);
int rc_sim_policy_active(const rc_sim_model *m, size_t k, size_t t);

/* Matrix and network geographies (§2.4): read the cost file; compute the network's
 * shortest-path costs with the infrastructure edge factors in force (igraph Dijkstra). */
int rc_sim_read_cost_file(rc_sim_scenario *sc, const char *file, rc_error *err);
int rc_sim_network_costs(rc_sim_model *m, rc_error *err);

/* ---- jobs (run.c): one run of all periods, keyed to the rc_rng streams of job `job` ---- */
/* What a job keeps: T × n gap variable and population, and per-period diagnostics. */
typedef struct {
    double *y, *pop;
    double *iterations, *walras, *urbanization, *herf, *ncities, *steps, *fund, *active;
    char *fired;            /* T strings of RC_FIRED_MAX bytes: rules fired after period t */
} rc_sim_job_out;

#define RC_FIRED_MAX 256

/* Periods done over all jobs of one call, for the scenario's progress callback. */
typedef struct {
    size_t done, total;
} rc_sim_progress;

int rc_sim_job_alloc(rc_sim_job_out *jo, size_t T, size_t n);
void rc_sim_job_free(rc_sim_job_out *jo);
/* Run job `job` with the sweep overrides ovr[k] = ovr_value[k]; record[v][t*n+i] receives the
 * panel variables when record is not NULL. */
int rc_sim_run_job(const rc_sim_scenario *sc, const char *const *ovr, const double *ovr_value,
                   size_t novr, uint64_t job, double **record, rc_sim_job_out *jo,
                   rc_sim_progress *pg, rc_error *err);
/* Replicates 1 … R−1 (replicate 0 is `first`, the main run), reduced into the table
 * "replicates" (replicates.c). */
int rc_sim_run_replicates(rc_table **out, const rc_sim_scenario *sc,
                          const rc_sim_job_out *first, rc_sim_progress *pg, rc_error *err);

/* A file named in the scenario `src`, relative to the scenario's directory (malloc'ed). */
char *rc_sim_resolve(const char *src, const char *file);
/* strdup that passes NULL through (optional scenario strings); NULL also when out of memory. */
char *rc_sim_strdup(const char *s);

/* Regions from a panel's year ("regions": {"panel": …}); sets sc->regions, n, pop_scale. */
struct json_t;
int rc_sim_regions_from_panel(rc_sim_scenario *sc, struct json_t *obj, const char *src,
                              rc_error *err);

/* Time value (period, or calendar year when the reference says so) of period index t. */
double rc_sim_time_value(const rc_sim_scenario *sc, size_t t, int unit_year);

/* Value of a path at time value x. */
double rc_sim_path_value(const rc_sim_path *p, double x);

#endif
