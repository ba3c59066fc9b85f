/* Governance rules on group metrics (design §3.7, group:<name>:<column>): the periods a rule
 * fires are predicted from the run's own panel, with the group's index computed here from
 * the textbook formulas (population-weighted mean; Theil T with population weights,
 * T = Σ s_i (y_i/ȳ) ln(y_i/ȳ), s_i = P_i / Σ P), not through the library's kernels. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/simulate.h"

/* Four regions, two groups. In this run the west's gap falls from 0.002 to almost 0 at period 5
 * and rises past 0.001 again at period 11, the east's falls through 0.002 after period 4, and
 * the west's mean real income passes 0.95 at period 9 — at period 10 without the population
 * weights (w1 and w2 differ in size), so the weights are checked too (values from a first
 * run; the test recomputes them from the panel). The rules' action multiplies shocks.sd (0)
 * by 1: firing changes nothing, so the panel is the one the rules read. */
static const char *const SCENARIO =
    "{\"format\": \"regcoord-scenario/1\", \"periods\": {\"count\": 30},"
    " \"regions\": [{\"id\": \"e1\", \"group\": \"east\", \"urban\": 0.12, \"rural\": 0.13,"
    "   \"capital\": 0.4},"
    "  {\"id\": \"e2\", \"group\": \"east\", \"urban\": 0.08, \"rural\": 0.17, \"capital\": 0.25},"
    "  {\"id\": \"w1\", \"group\": \"west\", \"urban\": 0.07, \"rural\": 0.18, \"capital\": 0.2},"
    "  {\"id\": \"w2\", \"group\": \"west\", \"urban\": 0.04, \"rural\": 0.35, \"capital\": 0.15}],"
    " \"geography\": {\"phi\": 0.3}, \"spillover\": {\"degree\": 0.3},"
    " \"migration\": {\"gamma\": 2, \"congestion\": 0.2}, \"rural_urban\": {\"speed\": 0.05},"
    " \"governance\": ["
    "  {\"id\": \"west-gap\", \"when\": {\"metric\": \"group:west:theil_t_w\", \"op\": \">\","
    "   \"value\": 0.001}, \"then\": [{\"param\": \"shocks.sd\", \"op\": \"mul\", \"value\": 1}]},"
    "  {\"id\": \"east-gap\", \"when\": {\"metric\": \"group:east:theil_t_w\", \"op\": \">\","
    "   \"value\": 0.002}, \"then\": [{\"param\": \"shocks.sd\", \"op\": \"mul\", \"value\": 1}]},"
    "  {\"id\": \"west-mean\", \"when\": {\"metric\": \"group:west:mean_real_income\","
    "   \"op\": \">=\", \"value\": 0.95}, \"then\": [{\"param\": \"shocks.sd\", \"op\": \"mul\","
    "   \"value\": 1}]},"
    "  {\"id\": \"west-col\", \"when\": {\"metric\": \"group:west:real_income\", \"op\": \"<\","
    "   \"value\": 0.95}, \"then\": [{\"param\": \"shocks.sd\", \"op\": \"mul\", \"value\": 1}]}"
    " ]}";

/* Population-weighted mean and Theil T of real income over regions [a, b) in period t. */
static void group_stats(const rc_sim_result *p, size_t a, size_t b, size_t t, double *mean,
                        double *theil)
{
    double sp = 0, spy = 0;
    for (size_t i = a; i < b; i++) {
        sp += rc_test_sim_value(p, "pop", i, t);
        spy += rc_test_sim_value(p, "pop", i, t) * rc_test_sim_value(p, "real_income", i, t);
    }
    *mean = spy / sp;
    *theil = 0;
    for (size_t i = a; i < b; i++) {
        double r = rc_test_sim_value(p, "real_income", i, t) / *mean;
        *theil += rc_test_sim_value(p, "pop", i, t) / sp * r * log(r);
    }
}

static void test_group_rules_fire_as_the_panel_says(void **state)
{
    (void)state;
    rc_sim_scenario *sc = rc_test_sim_parse(SCENARIO, "groups.json");
    rc_sim_result *res = rc_test_sim_run(sc);
    const rc_table *s = rc_sim_result_summary(res);
    size_t fc, tc;
    assert_int_equal(rc_table_find_column(s, "rules_fired", &fc), RC_OK);
    assert_int_equal(rc_table_find_column(s, "theil_t_w", &tc), RC_OK);
    size_t east = 0, west = 0, west_gap = 0, switches = 0;
    int was = -1;
    for (size_t t = 0; t + 1 < 30; t++) { /* no decision after the last period */
        double me, te, mw, tw, mall, tall;
        group_stats(res, 0, 2, t, &me, &te);
        group_stats(res, 2, 4, t, &mw, &tw);
        group_stats(res, 0, 4, t, &mall, &tall);
        /* the hand formula is the summary's index when the group is everyone */
        assert_abs(tall, rc_table_get_dbl(s, t, tc), 1e-12 * tall);
        const char *got = rc_table_get_str(s, t, fc);
        int fire_e = te > 0.002, fire_w = mw >= 0.95, fire_g = tw > 0.001;
        assert_true((strstr(got, "west-gap") != NULL) == fire_g);
        assert_true((strstr(got, "east-gap") != NULL) == fire_e);
        assert_true((strstr(got, "west-mean") != NULL) == fire_w);
        assert_true((strstr(got, "west-col") != NULL) == !fire_w);
        east += fire_e;
        west += fire_w;
        west_gap += fire_g;
        switches += was >= 0 && was != fire_g;
        was = fire_g;
    }
    /* the run crosses every threshold (the test would be empty otherwise): the west gap rule
     * is on, off and on again, the east one on then off, the mean rules off then on */
    assert_true(switches == 2 && west_gap > 2 && west_gap < 27);
    assert_true(east > 2 && east < 27);
    assert_true(west > 2 && west < 27);
    rc_sim_result_free(res);
    rc_sim_scenario_free(sc);
}

static void test_group_metric_errors(void **state)
{
    (void)state;
    static const struct {
        const char *metric, *needle;
    } bad[] = {
        {"group:north:theil_t_w", "metric 'group:north:theil_t_w': no region has group 'north'"},
        {"group:east:theil", "unknown column 'theil' for a group (within the group: "
                             "mean_real_income, urbanization, theil_t_w, theil_l_w, theil_t, "
                             "gini_w, gini, cv, williamson, range_ratio, herfindahl_urban, "
                             "real_income, gdp_pc, wage, real_wage)"},
        {"group:east", "must be group:<name>:<column>"},
        {"group:west:gini_w", "group 'west' has one region, so gini_w within it is undefined"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        char json[1024];
        snprintf(json, sizeof json,
                 "{\"format\": \"regcoord-scenario/1\","
                 " \"regions\": [{\"id\": \"a\", \"group\": \"east\", \"urban\": 0.2,"
                 "   \"rural\": 0.3},"
                 "  {\"id\": \"b\", \"group\": \"east\", \"urban\": 0.2, \"rural\": 0.3},"
                 "  {\"id\": \"c\", \"group\": \"west\", \"urban\": 0.2, \"rural\": 0.3}],"
                 " \"governance\": [{\"id\": \"r\", \"when\": {\"metric\": \"%s\", \"op\": \">\","
                 " \"value\": 0}, \"then\": [{\"param\": \"shocks.sd\", \"op\": \"set\","
                 " \"value\": 0}]}]}", bad[k].metric);
        rc_test_sim_refused(json, "groups.json", bad[k].needle);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_group_rules_fire_as_the_panel_says),
        cmocka_unit_test(test_group_metric_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
