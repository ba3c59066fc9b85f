/* fuzz_scenario.c — libFuzzer harness for the scenario parser and a short run.
 *
 * Built with -DRC_FUZZ=ON and clang: `fuzz_scenario corpus_scenario/`. Without libFuzzer it is
 * linked with tests/fuzz/replay_main.c, which CTest runs over tests/fuzz/corpus_scenario.
 * Any input must give a scenario or an error with a message; accepted scenarios of up to 64
 * regions are run for 3 periods with bounded iterations, and must give a result or an error
 * with a message — never a crash, a leak or a partial result. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/simulate/sim_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    rc_sim_scenario *sc = NULL;
    rc_error err;
    if (rc_sim_scenario_parse(&sc, text, "fuzz.json", &err) != RC_OK) {
        if (sc || !err.message[0])
            abort(); /* failures say why and return nothing */
        free(text);
        return 0;
    }
    if (sc->n <= 64) {
        /* keep every run short whatever the input asks for */
        rc_sim_scenario_set_periods(sc, sc->periods < 3 ? sc->periods : 3);
        if (sc->max_iter > 2000)
            sc->max_iter = 2000;
        if (sc->inner_steps > 2000)
            sc->inner_steps = 2000;
        rc_sim_result *res = NULL;
        if (rc_sim_run(&res, sc, &err) == RC_OK) {
            volatile double sink = 0;
            const rc_panel *p = rc_sim_result_panel(res);
            for (size_t v = 0; v < rc_panel_nvars(p); v++)
                sink += rc_panel_value(p, v, 0, 0);
            (void)sink;
            rc_sim_result_free(res);
        } else if (res || !err.message[0]) {
            abort();
        }
    }
    rc_sim_scenario_free(sc);
    free(text);
    return 0;
}
