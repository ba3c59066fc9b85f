/* Migration caps (design §2.6 U4–U5, §3.1 "labour mobility (hukou)", §6 migration.caps):
 * the reassignment rounds against a hand computation, one period of the model against the
 * uncapped run of the same scenario, the U5 limit, panel units, and the errors. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regcoord/simulate.h"
#include "simulate/sim_internal.h"

static rc_sim_scenario *parse(const char *json)
{
    return rc_test_sim_parse(json, "caps.json");
}

/* The rounds by hand. H = (0.5, 0.3, 0.2), caps a = 0.3, b = 0.35, c none.
 * Round 1: a is 0.2 over and is held at 0.3; b and c (H 0.3 + 0.2 = 0.5) take 0.2 in
 * proportion: b 0.3 + 0.12 = 0.42, c 0.2 + 0.08 = 0.28. Round 2: b is 0.07 over and is held
 * at 0.35; c alone takes 0.07: 0.35. Round 3: nothing over. Result (0.3, 0.35, 0.35), Σ 1. */
static void test_caps_rounds(void **state)
{
    (void)state;
    rc_sim_scenario *sc = parse(
        "{\"format\": \"regcoord-scenario/1\","
        " \"regions\": [{\"id\": \"a\", \"urban\": 0.2, \"rural\": 0.3},"
        "  {\"id\": \"b\", \"urban\": 0.2, \"rural\": 0.3},"
        "  {\"id\": \"c\", \"urban\": 0.2, \"rural\": 0.3}],"
        " \"migration\": {\"caps\": {\"a\": 0.3, \"b\": 0.35}}}");
    assert_non_null(sc->hcap);
    assert_true(isinf(sc->hcap[2]));
    rc_sim_model m;
    rc_error err;
    assert_int_equal(rc_sim_model_init(&m, sc, 1, 0, &err), RC_OK);
    m.H[0] = 0.5;
    m.H[1] = 0.3;
    m.H[2] = 0.2;
    assert_int_equal(rc_mech_caps_apply(&m, &err), RC_OK);
    assert_abs(m.H[0], 0.3, 0);
    assert_abs(m.H[1], 0.35, 0);
    assert_abs(m.H[2], 0.35, 1e-15);
    assert_abs(m.H[0] + m.H[1] + m.H[2], 1.0, 1e-15);
    /* below every cap: nothing moves, bit for bit */
    m.H[0] = 0.1;
    m.H[1] = 0.35; /* at the cap is not over it */
    m.H[2] = 0.7;
    assert_int_equal(rc_mech_caps_apply(&m, &err), RC_OK);
    assert_true(m.H[0] == 0.1 && m.H[1] == 0.35 && m.H[2] == 0.7);
    rc_sim_model_free(&m);
    rc_sim_scenario_free(sc);

    /* every region capped and Σ H = 1.0 > Σ caps = 0.9: an error naming the file and period */
    sc = parse("{\"format\": \"regcoord-scenario/1\","
               " \"regions\": [{\"id\": \"a\", \"urban\": 0.2, \"rural\": 0.3},"
               "  {\"id\": \"b\", \"urban\": 0.2, \"rural\": 0.3}],"
               " \"migration\": {\"caps\": {\"a\": 0.4, \"b\": 0.5}}}");
    assert_int_equal(rc_sim_model_init(&m, sc, 1, 0, &err), RC_OK);
    m.H[0] = 0.5;
    m.H[1] = 0.5;
    assert_int_equal(rc_mech_caps_apply(&m, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "caps.json: after period 0"));
    assert_non_null(strstr(err.message, "(1) exceed the sum of migration.caps (0.9)"));
    rc_sim_model_free(&m);
    rc_sim_scenario_free(sc);
}

/* One period of the model (U4) against the uncapped run of the same scenario: period 0 is the
 * same; after the replicator the capped region holds exactly its cap, Σ H is unchanged, and
 * the two others hold their uncapped H plus the excess in proportion to their uncapped H:
 * H_j = F_j + (F_1 − cap) F_j / (F_2 + F_3), F the uncapped run's urban at period 1. */
static const char *const THREE =
    "{\"format\": \"regcoord-scenario/1\", \"periods\": {\"count\": %d},"
    " \"regions\": [{\"id\": \"1\", \"urban\": 0.16, \"rural\": 0.2, \"capital\": 0.5},"
    "  {\"id\": \"2\", \"urban\": 0.12, \"rural\": 0.2, \"capital\": 0.3},"
    "  {\"id\": \"3\", \"urban\": 0.12, \"rural\": 0.2, \"capital\": 0.2}],"
    " \"geography\": {\"phi\": 0.4}, \"spillover\": {\"degree\": 0.2},"
    " \"migration\": {\"gamma\": 5%s}, \"rural_urban\": {\"speed\": 0}}";

static void test_caps_one_period(void **state)
{
    (void)state;
    char json[1024];
    snprintf(json, sizeof json, THREE, 2, "");
    rc_sim_scenario *free_sc = parse(json);
    snprintf(json, sizeof json, THREE, 2, ", \"caps\": {\"1\": 0.17}");
    rc_sim_scenario *cap_sc = parse(json);
    rc_sim_result *f = rc_test_sim_run(free_sc), *c = rc_test_sim_run(cap_sc);
    for (size_t i = 0; i < 3; i++)
        assert_true(rc_test_sim_value(f, "real_income", i, 0) ==
                    rc_test_sim_value(c, "real_income", i, 0));
    double F[3], H[3], sum0 = 0, sum1 = 0;
    for (size_t i = 0; i < 3; i++) {
        F[i] = rc_test_sim_value(f, "urban", i, 1);
        H[i] = rc_test_sim_value(c, "urban", i, 1);
        sum0 += rc_test_sim_value(c, "urban", i, 0);
        sum1 += H[i];
    }
    assert_true(F[0] > 0.17 + 1e-3); /* the cap binds: the core would take more */
    assert_abs(H[0], 0.17, 0);
    assert_abs(sum1, sum0, 1e-15);
    double excess = F[0] - 0.17;
    assert_abs(H[1], F[1] + excess * F[1] / (F[1] + F[2]), 1e-15);
    assert_abs(H[2], F[2] + excess * F[2] / (F[1] + F[2]), 1e-15);
    rc_sim_result_free(f);
    rc_sim_result_free(c);
    rc_sim_scenario_free(free_sc);
    rc_sim_scenario_free(cap_sc);

    /* over 40 periods the capped region never exceeds its cap (held at it, its edge fades and
     * region 2 or 3 becomes the core instead) */
    snprintf(json, sizeof json, THREE, 40, ", \"caps\": {\"1\": 0.17}");
    cap_sc = parse(json);
    c = rc_test_sim_run(cap_sc);
    for (size_t t = 0; t < 40; t++)
        assert_true(rc_test_sim_value(c, "urban", 0, t) <= 0.17);
    rc_sim_result_free(c);
    rc_sim_scenario_free(cap_sc);
}

/* U5: the rural→urban move is limited by the room the cap leaves. No inter-regional
 * migration (γ = 0), speed 0.5, cost 0: region a (urban 0.1, cap 0.15) would move
 * ν R f = 0.5 · 0.4 · (1 − 1/w) > 0.05 (w ≈ 2.7 at period 0), so it moves exactly 0.05: urban
 * 0.15, rural 0.35. Region b (no cap) moves 0.5 · 0.4 · (1 − 1/w_b), w_b from the panel. */
static void test_caps_rural_urban(void **state)
{
    (void)state;
    rc_sim_scenario *sc = parse(
        "{\"format\": \"regcoord-scenario/1\", \"periods\": {\"count\": 3},"
        " \"regions\": [{\"id\": \"a\", \"urban\": 0.1, \"rural\": 0.4},"
        "  {\"id\": \"b\", \"urban\": 0.1, \"rural\": 0.4}],"
        " \"geography\": {\"phi\": 0.5}, \"migration\": {\"gamma\": 0, \"caps\": {\"a\": 0.15}},"
        " \"rural_urban\": {\"speed\": 0.5, \"cost\": 0}}");
    rc_sim_result *res = rc_test_sim_run(sc);
    double w = rc_test_sim_value(res, "wage", 0, 0), wb = rc_test_sim_value(res, "wage", 1, 0);
    assert_true(0.5 * 0.4 * (1 - 1 / w) > 0.05 + 1e-3);
    assert_abs(rc_test_sim_value(res, "urban", 0, 1), 0.15, 1e-16);
    assert_abs(rc_test_sim_value(res, "rural", 0, 1), 0.35, 1e-16);
    assert_abs(rc_test_sim_value(res, "urban", 1, 1), 0.1 + 0.5 * 0.4 * (1 - 1 / wb), 1e-15);
    /* at its cap, a moves no one more */
    assert_abs(rc_test_sim_value(res, "urban", 0, 2), 0.15, 1e-16);
    assert_abs(rc_test_sim_value(res, "rural", 0, 2), rc_test_sim_value(res, "rural", 0, 1),
               1e-16);
    rc_sim_result_free(res);
    rc_sim_scenario_free(sc);
}

/* Regions from a panel are in persons, and so are their caps: A has 1000 × 0.55 = 550 urban
 * workers in 2010 (tests/data/scenarios/three_regions.csv). A cap of 550 is accepted and holds
 * A's urban at or below 550 persons; 549 is refused. */
static void test_caps_panel_units(void **state)
{
    (void)state;
    char *path = rc_test_data_path("scenarios/caps_panel.json"); /* its directory only */
    static const char *const fmt =
        "{\"format\": \"regcoord-scenario/1\", \"periods\": {\"count\": 12, \"year0\": 2010},"
        " \"regions\": {\"panel\": \"three_regions.csv\", \"id\": \"region_id\", \"year\": 2010,"
        "  \"pop\": \"pop\", \"gdp\": \"gdp\", \"urbanization\": \"urb\", \"capital\": \"gdp\"},"
        " \"geography\": {\"phi\": 0.5}, \"migration\": {\"gamma\": 3, \"caps\": {\"A\": %d}},"
        " \"rural_urban\": {\"speed\": 0.03}}";
    char json[1024];
    snprintf(json, sizeof json, fmt, 550);
    rc_sim_scenario *sc;
    rc_error err;
    if (rc_sim_scenario_parse(&sc, json, path, &err) != RC_OK)
        fail_msg("%s", err.message);
    rc_sim_result *res = rc_test_sim_run(sc);
    double top = 0;
    for (size_t t = 0; t < 12; t++)
        top = fmax(top, rc_test_sim_value(res, "urban", 0, t));
    assert_abs(top, 550, 1e-9);
    rc_sim_result_free(res);
    rc_sim_scenario_free(sc);
    snprintf(json, sizeof json, fmt, 549);
    assert_int_equal(rc_sim_scenario_parse(&sc, json, path, &err), RC_EINPUT);
    assert_non_null(strstr(err.message, "region 'A' starts with urban = 550"));
    free(path);
}

/* Every region capped and natural growth: Σ H passes Σ caps after period 1, and the run
 * stops with an error and no result. */
static void test_caps_growth_error(void **state)
{
    (void)state;
    rc_sim_scenario *sc = parse(
        "{\"format\": \"regcoord-scenario/1\", \"periods\": {\"count\": 5},"
        " \"regions\": [{\"id\": \"a\", \"urban\": 0.2, \"rural\": 0.3},"
        "  {\"id\": \"b\", \"urban\": 0.2, \"rural\": 0.3}],"
        " \"migration\": {\"caps\": {\"a\": 0.2, \"b\": 0.2}}, \"rural_urban\": {\"speed\": 0},"
        " \"population\": {\"growth\": 0.01}}");
    rc_sim_result *res = (rc_sim_result *)1;
    rc_error err;
    assert_int_equal(rc_sim_run(&res, sc, &err), RC_EINPUT);
    assert_null(res);
    assert_non_null(strstr(err.message, "after period 1: every region is at its migration cap"));
    rc_sim_scenario_free(sc);
}

static void test_caps_errors(void **state)
{
    (void)state;
    static const struct {
        const char *caps, *needle;
    } bad[] = {
        {"{\"z\": 0.3}", "migration.caps: no region 'z' in the scenario"},
        {"{\"a\": 0}", "migration.caps.a must be a finite number > 0"},
        {"{\"a\": -1}", "migration.caps.a must be a finite number > 0"},
        {"{\"a\": \"inf\"}", "migration.caps.a must be a finite number > 0"},
        {"{\"a\": 0.1}",
         "region 'a' starts with urban = 0.2, above its cap migration.caps.a = 0.1"},
        {"[0.3]", "migration.caps must be an object"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        char json[512];
        snprintf(json, sizeof json,
                 "{\"format\": \"regcoord-scenario/1\","
                 " \"regions\": [{\"id\": \"a\", \"urban\": 0.2, \"rural\": 0.3},"
                 "  {\"id\": \"b\", \"urban\": 0.2, \"rural\": 0.3}],"
                 " \"migration\": {\"caps\": %s}}", bad[k].caps);
        rc_test_sim_refused(json, "caps.json", bad[k].needle);
    }
    /* an empty caps object is no caps */
    rc_sim_scenario *sc = parse("{\"format\": \"regcoord-scenario/1\","
                                " \"regions\": {\"generator\": \"two\"},"
                                " \"migration\": {\"caps\": {}}}");
    assert_null(sc->hcap);
    rc_sim_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_caps_rounds),
        cmocka_unit_test(test_caps_one_period),
        cmocka_unit_test(test_caps_rural_urban),
        cmocka_unit_test(test_caps_panel_units),
        cmocka_unit_test(test_caps_growth_error),
        cmocka_unit_test(test_caps_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
