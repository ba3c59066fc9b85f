/* cmd_simulate.c — `regcoord simulate`: run a scenario of the multi-region model (RCM) into
 * a panel and a national summary, or sweep one parameter. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "regcoord/simulate.h"

static const rc_cli_doc doc = {
    "simulate",
    "Simulate agglomeration, spillovers and policy levers on a set of regions.",
    "SCENARIO.json [-o panel.csv] [--summary FILE] [--seed N] [--periods T] [--set P=V,…]\n"
    "       [--sweep PARAM=A:B:STEP[,…] [--jobs A:B]] [--replicates R] [--every K]\n"
    "       [--table all|panel|summary|replicates] [--check]\n"
    "       regcoord simulate --merge SHARD.csv… (shards of --replicates R --jobs A:B)",
    "Runs the regcoord simulation model (design: ../shared/design/simulation.md): a\n"
    "new-economic-geography economy (Krugman 1991; Fujita, Krugman & Venables 1999) whose urban\n"
    "workers migrate towards higher real wages, with capital that accumulates and spills over\n"
    "to other regions (spillover degree), rural→urban moves, credit flows and policy levers.\n"
    "The scenario is a JSON file (\"format\": \"regcoord-scenario/1\"): regions (a list, a\n"
    "generator: two, uniform, racetrack, or a panel's year with centroids, optionally\n"
    "calibrated to its GDP shares), geography (uniform, racetrack, points, a cost matrix, or a\n"
    "network with shortest paths), parameters, time paths of parameters, policies (aid, fdi,\n"
    "fund, infrastructure, tax_sharing, growth_pole, relocation_subsidy, eco_compensation,\n"
    "integrate_agglomeration, tfp), migration caps, and governance rules (a metric such as theil_t_w,\n"
    "region:<id>:real_income or group:<name>:theil_t_w held for some periods sets, adds to or\n"
    "multiplies a parameter, or switches a policy on or off, from the next period).\n"
    "solver.anderson m speeds up slow within-period solves. Unknown keys, values out of range\n"
    "and non-convergence are errors naming the key, region or period; nothing partial is\n"
    "written.\n"
    "Output: the panel, one row per region and period: region, group, period, year, pop, urban,\n"
    "rural, urbanization, urban_share, wage, price_index, cpi, real_wage, utility, gdp, gdp_pc,\n"
    "real_gdp_pc, income_pc, real_income (the gap variable), growth, capital,\n"
    "accessible_capital, productivity, tax_central, aid_received, aid_investment, sharing_net,\n"
    "fund_net, eco_net, relocation_subsidy, fdi, credit_inflow, credit_position, investment,\n"
    "expenditure, empty; and the summary per period: mean_real_income, growth, urbanization,\n"
    "theil_t_w, theil_l_w, theil_t, gini_w, gini, cv, williamson, range_ratio (from the\n"
    "disparity kernels), theil_between and theil_within (by the regions' group),\n"
    "herfindahl_urban, n_cities, stage (1 balanced, 2 polarization, 3 diffusion, 4 integrated)\n"
    "with stage_name, iterations, walras_residual, migration_steps (equilibrium_path mode),\n"
    "fund_balance, active_policies and rules_fired. Population columns are in the scenario's\n"
    "units; money in numéraire units.\n"
    "With -o FILE the panel goes to FILE and the summary to --summary FILE (else stdout); with\n"
    "-o DIR/ or -o FILE.xlsx all tables are written. With replicates > 1 (shocks) the table\n"
    "replicates gives per period the mean, sd and 5/50/95 % quantiles of theil_t_w, gini_w, cv\n"
    "and mean_real_income over the replicates; the panel and summary are replicate 0.\n"
    "--every K (or output.every) writes every K-th period, the first and the last; with\n"
    "output.index_base the panel also has gdp_pc, real_gdp_pc, income_pc and real_income\n"
    "divided by their population-weighted mean of the first period (<name>_index).\n"
    "--sweep PARAM=A:B:STEP (or the scenario's \"sweep\" block) runs the scenario once per value,\n"
    "in parallel, and reports per value the final gap indices, mean_real_income and the peak of\n"
    "theil_t_w with its period; the value with the smallest final theil_t_w is named on stderr.\n"
    "Several parameters (--sweep P=A:B:S,Q=A:B:S, or a list of sweep blocks) run every point of\n"
    "their grid; the table then has a point number and one column per parameter. --jobs A:B\n"
    "runs points A to B only (for a batch scheduler); the shards' rows, in order, are the\n"
    "whole table's, and the numbers do not depend on how the points are split. Without a\n"
    "sweep, --replicates R --jobs A:B writes replicates A to B unreduced (table\n"
    "replicate_runs); regcoord simulate --merge SHARD… reduces any set of such shards that\n"
    "holds replicates 0 to R-1 once each into the replicates table, bit for bit the one a\n"
    "single run prints.\n"
    "Random shocks (shocks.sd > 0) come from seeded streams: same --seed, same numbers for any\n"
    "--threads.",
    "  regcoord simulate examples/validation/v12a_two_region_inverse_u.json -o panel.csv \\\n"
    "      --summary summary.csv\n"
    "  regcoord simulate examples/aid.json --table summary --format csv\n"
    "  regcoord simulate examples/spillover_sweep.json --sweep spillover.degree=0:1:0.05",
};

/* --set a=1,b=2: each a scalar parameter of the scenario. */
static int apply_sets(rc_sim_scenario *sc, const char *sets)
{
    char **items;
    size_t n;
    if (rc_cli_split_list(sets, &items, &n))
        return rc_cli_usage_error("out of memory");
    int code = 0;
    for (size_t k = 0; k < n && !code; k++) {
        char *eq = strchr(items[k], '='), *end;
        if (!eq) {
            code = rc_cli_usage_error("--set wants PARAM=VALUE, not '%s'", items[k]);
            break;
        }
        *eq = '\0';
        double v = strtod(eq + 1, &end);
        if (end == eq + 1 || *end) {
            code = rc_cli_usage_error("--set %s: '%s' is not a number", items[k], eq + 1);
            break;
        }
        rc_error err;
        if (rc_sim_scenario_set(sc, items[k], v, &err))
            code = rc_cli_fail(&err);
    }
    rc_cli_free_list(items, n);
    return code;
}

/* Periods done over all jobs, on stderr when it is a terminal (rc_cli_progress). */
void rc_cli_sim_progress(void *common, size_t done, size_t total)
{
    rc_cli_progress(common, "simulate (periods × runs)", done, total);
}

/* --jobs A:B (inclusive point or replicate numbers from 0; A: runs to the end) into
 * [first, end), with the project's range parser; end = SIZE_MAX: to the end. */
static int parse_jobs(const char *spec, size_t *first, size_t *end)
{
    int a, b;
    rc_error err;
    if (rc_parse_year_range(spec, &a, &b, &err) != RC_OK || a < 0)
        return rc_cli_usage_error("--jobs wants A:B, the first and last sweep point or replicate "
                                  "(from 0), not '%s'", spec);
    *first = (size_t)a;
    *end = b == INT_MAX ? SIZE_MAX : (size_t)b + 1;
    return 0;
}

/* --sweep P=A:B:STEP[,Q=…] into axes, one per comma-separated item (the list splitter of the
 * other options); repeated parameters are refused by rc_sim_sweep_grid. */
static int parse_sweep_axes(const char *spec, rc_sim_axis **axes, size_t *naxes)
{
    char **items;
    size_t n;
    if (rc_cli_split_list(spec, &items, &n))
        return rc_cli_usage_error("out of memory");
    rc_sim_axis *ax = calloc(n ? n : 1, sizeof *ax);
    int code = ax ? 0 : rc_cli_usage_error("out of memory");
    for (size_t k = 0; k < n && !code; k++) {
        char *param;
        double *values;
        rc_error err;
        if (rc_sim_parse_sweep(&param, &values, &ax[k].n, items[k], &err))
            code = rc_cli_usage_error("%s", err.message);
        else
            ax[k].param = param, ax[k].values = values;
    }
    rc_cli_free_list(items, n);
    if (!code && n == 0)
        code = rc_cli_usage_error("--sweep wants PARAM=A:B:STEP");
    if (code) {
        rc_sim_axes_free(ax, n);
        return code;
    }
    *axes = ax;
    *naxes = n;
    return 0;
}

static int run_sweep(const rc_cli_common *c, const rc_sim_scenario *sc, const rc_sim_axis *axes,
                     size_t naxes, const char *jobs)
{
    rc_error err;
    rc_table *t;
    size_t best, first = 0, end = SIZE_MAX;
    int code = jobs ? parse_jobs(jobs, &first, &end) : 0;
    if (code)
        return code;
    int rc = rc_sim_sweep_jobs(&t, &best, sc, axes, naxes, first, end, &err);
    rc_cli_progress(c, "", 1, 1); /* clear the progress line, also after an error */
    if (rc)
        return rc_cli_fail(&err);
    /* the best point's values: point g has the last axis varying fastest */
    char at[512];
    size_t len = 0, g = best, idx[8] = {0};
    for (size_t a = naxes; a-- > 0;) {
        idx[a] = g % axes[a].n;
        g /= axes[a].n;
    }
    for (size_t a = 0; a < naxes; a++)
        len += (size_t)snprintf(at + len, len < sizeof at ? sizeof at - len : 0, "%s%s = %.10g",
                                a ? ", " : "", axes[a].param, axes[a].values[idx[a]]);
    rc_cli_note(c, "final theil_t_w is smallest at %s%s", at, jobs ? " (among these jobs)" : "");
    code = rc_cli_emit(c, t);
    rc_table_free(t);
    return code;
}

int rc_cmd_simulate(int argc, char **argv)
{
    rc_cli_common c;
    rc_cli_common_init(&c);
    const char *summary = NULL, *sweep = NULL, *sets = NULL, *which = "all", *jobs = NULL;
    long periods = 0, replicates = 0, every = -1; /* -1: not given */
    int check = 0, no_sweep = 0, merge = 0;
    const rc_cli_option opts[] = {
        {"summary", 0, RC_OPT_STR, &summary, "FILE", "write the summary table to FILE"},
        {"periods", 0, RC_OPT_INT, &periods, "T", "number of periods (default: the scenario's)"},
        {"set", 0, RC_OPT_STR, &sets, "P=V,…", "override scalar parameters, e.g. model.sigma=4"},
        {"sweep", 0, RC_OPT_STR, &sweep, "P=A:B:STEP[,Q=…]", "run a parameter sweep instead (several: the grid)"},
        {"jobs", 0, RC_OPT_STR, &jobs, "A:B", "run only sweep points (or replicates) A to B, from 0 (A: to the end): a shard"},
        {"merge", 0, RC_OPT_FLAG, &merge, NULL, "SHARD.csv…: merge replicate shards into the replicates table"},
        {"no-sweep", 0, RC_OPT_FLAG, &no_sweep, NULL, "run once even if the scenario has a \"sweep\" block"},
        {"replicates", 0, RC_OPT_INT, &replicates, "R", "replicates of a run with shocks (default: the scenario's)"},
        {"every", 0, RC_OPT_INT, &every, "K", "write every K-th period, the first and the last (default: output.every, else 1)"},
        {"table", 0, RC_OPT_STR, &which, "WHICH", "all (default), panel, summary or replicates"},
        {"check", 0, RC_OPT_FLAG, &check, NULL, "closed-form break/sustain points vs the kernel, for sigma and mu"},
        RC_CLI_OUTPUT_OPTIONS(&c),
        RC_CLI_END,
    };
    char **pos;
    size_t npos;
    int code = rc_cli_parse(&doc, opts, &c, argc, argv, 1, SIZE_MAX, &pos, &npos);
    if (code >= 0)
        return code;
    if (merge) {
        /* the positional arguments are shards of --replicates R --jobs A:B */
        rc_error err;
        rc_table *t;
        code = rc_sim_replicates_merge(&t, (const char *const *)pos, npos, &err)
                   ? rc_cli_fail(&err)
                   : rc_cli_emit(&c, t);
        if (!code)
            rc_table_free(t);
        free(pos);
        return code;
    }
    const char *path = pos[0];
    size_t nextra = npos - 1;
    free(pos);
    if (nextra)
        return rc_cli_usage_error("simulate takes one scenario (several files only with --merge)");
    if (strcmp(which, "all") && strcmp(which, "panel") && strcmp(which, "summary") &&
        strcmp(which, "replicates"))
        return rc_cli_usage_error("--table must be all, panel, summary or replicates, not '%s'",
                                  which);
    if (replicates < 0 || replicates > 100000)
        return rc_cli_usage_error("--replicates must be between 1 and 100000");
    if (every != -1 && every < 1)
        return rc_cli_usage_error("--every must be >= 1");
    if (periods < 0 || periods > 1000000)
        return rc_cli_usage_error("--periods must be between 1 and 1000000");
    rc_error err;
    rc_sim_scenario *sc;
    if (rc_sim_scenario_load(&sc, path, &err))
        return rc_cli_fail(&err);
    if (rc_sim_scenario_warning(sc))
        rc_cli_note(&c, "%s: %s", path, rc_sim_scenario_warning(sc));
    if (periods)
        rc_sim_scenario_set_periods(sc, (size_t)periods);
    if (replicates)
        rc_sim_scenario_set_replicates(sc, (size_t)replicates);
    if (c.seed_given)
        rc_sim_scenario_set_seed(sc, (uint64_t)c.seed);
    rc_sim_scenario_set_progress(sc, rc_cli_sim_progress, &c);
    if (sets && (code = apply_sets(sc, sets)) != 0) {
        rc_sim_scenario_free(sc);
        return code;
    }
    if (check) {
        /* §7.6: the closed forms for this scenario's σ, μ and number of regions */
        rc_table *t;
        size_t n = rc_sim_scenario_nregions(sc);
        code = rc_sim_check(&t, rc_sim_scenario_sigma(sc), rc_sim_scenario_mu(sc), n, &err)
                   ? rc_cli_fail(&err)
                   : rc_cli_emit(&c, t);
        if (!code)
            rc_table_free(t);
        rc_sim_scenario_free(sc);
        return code;
    }
    const rc_sim_axis *faxes;
    size_t nfaxes = rc_sim_scenario_sweep(sc, &faxes);
    if (sweep) {
        rc_sim_axis *axes = NULL;
        size_t naxes = 0;
        if ((code = parse_sweep_axes(sweep, &axes, &naxes)) != 0) {
            rc_sim_scenario_free(sc);
            return code;
        }
        code = run_sweep(&c, sc, axes, naxes, jobs);
        rc_sim_axes_free(axes, naxes);
        rc_sim_scenario_free(sc);
        return code;
    }
    if (nfaxes && !no_sweep) {
        code = run_sweep(&c, sc, faxes, nfaxes, jobs);
        rc_sim_scenario_free(sc);
        return code;
    }
    if (jobs) {
        /* a shard of the replicates: their unreduced indices, merged later with --merge */
        size_t first = 0, end = 0;
        rc_table *t = NULL;
        if ((code = parse_jobs(jobs, &first, &end)) == 0) {
            if (rc_sim_scenario_replicates(sc) < 2)
                code = rc_cli_usage_error("--jobs selects sweep points (--sweep or a sweep block) "
                                          "or replicates (--replicates R, R >= 2)");
            else {
                if (end == SIZE_MAX) /* A: runs to the last replicate */
                    end = rc_sim_scenario_replicates(sc);
                int rc = rc_sim_replicate_runs(&t, sc, first, end, &err);
                rc_cli_progress(&c, "", 1, 1);
                code = rc ? rc_cli_fail(&err) : rc_cli_emit(&c, t);
            }
        }
        rc_table_free(t);
        rc_sim_scenario_free(sc);
        return code;
    }
    rc_sim_result *res;
    code = rc_sim_run(&res, sc, &err);
    rc_cli_progress(&c, "", 1, 1);
    if (code) {
        rc_sim_scenario_free(sc);
        return rc_cli_fail(&err);
    }
    const rc_panel *p = rc_sim_result_panel(res);
    rc_table *panel = NULL;
    const rc_table *sum = rc_sim_result_summary(res), *reps = rc_sim_result_replicates(res);
    /* period = year − year0; the summary's first row has both */
    size_t pcol = 0;
    rc_table_find_column(sum, "period", &pcol);
    int year0 = rc_panel_year(p, 0) - (int)rc_table_get_int(sum, 0, pcol);
    size_t k = every > 0 ? (size_t)every : rc_sim_scenario_output_every(sc);
    rc_table *thin[3] = {NULL, NULL, NULL}; /* the written tables when k > 1 */
    if (rc_sim_panel_table(&panel, p, year0, &err) ||
        (k > 1 && (rc_sim_thin(&thin[0], panel, k, &err) || rc_sim_thin(&thin[1], sum, k, &err) ||
                   (reps && rc_sim_thin(&thin[2], reps, k, &err))))) {
        code = rc_cli_fail(&err);
        goto done;
    }
    if (k > 1) {
        rc_table_free(panel);
        panel = thin[0];
        thin[0] = NULL;
        sum = thin[1];
        reps = thin[2];
    }
    if (!strcmp(which, "panel")) {
        code = rc_cli_emit(&c, panel);
    } else if (!strcmp(which, "summary")) {
        code = rc_cli_emit(&c, sum);
    } else if (!strcmp(which, "replicates")) {
        if (!reps) {
            rc_error_set(&err, RC_EUSAGE, "--table replicates needs replicates > 1");
            code = rc_cli_fail(&err);
        } else
            code = rc_cli_emit(&c, reps);
    } else if (c.output && strcmp(c.output, "-") &&
               (rc_cli_output_is_dir(c.output) || c.fmt == RC_FORMAT_XLSX)) {
        const rc_table *all3[3] = {panel, sum, reps};
        code = rc_cli_emit_all(&c, all3, reps ? 3 : 2);
    } else if (summary) {
        rc_format fmt;
        code = rc_cli_emit(&c, panel);
        if (!code && (rc_format_from_path(summary, &fmt, &err) ||
                      rc_table_write_file(sum, fmt, summary, &err)))
            code = rc_cli_fail(&err);
    } else if (c.output && strcmp(c.output, "-")) {
        /* -o FILE holds the panel; the summary is for the reader */
        rc_cli_common c2 = c;
        c2.output = NULL;
        c2.fmt = RC_FORMAT_TEXT;
        code = rc_cli_emit(&c, panel);
        if (!code)
            code = rc_cli_emit(&c2, sum);
    } else {
        const rc_table *all3[3] = {panel, sum, reps};
        code = rc_cli_emit_all(&c, all3, reps ? 3 : 2);
    }
done:
    rc_table_free(panel);
    rc_table_free(thin[0]), rc_table_free(thin[1]), rc_table_free(thin[2]);
    rc_sim_result_free(res);
    rc_sim_scenario_free(sc);
    return code;
}
