/* cmd_spatial.c — `regcoord spatial`: global and local spatial autocorrelation for every year
 * of a panel, and the Moran's I time path. The computation is in spatial_table.c. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "spatial_table.h"

static const rc_cli_doc doc = {
    "spatial",
    "Global and local spatial autocorrelation (Moran, Geary, General G, LISA, Gi*) per year.",
    "DATA --value VAR --weights SPEC [--global] [--local] [--permutations N] [options]",
    "For every year of the panel (--years A:B to choose): global Moran's I with E[I], variances\n"
    "under normality and randomisation, z, analytic p and permutation pseudo p (moran); Geary's\n"
    "C likewise (geary); Getis–Ord General G on binary weights (getis_ord_g; its one variance\n"
    "is reported as variance_norm, as esda names it); with --bivariate VAR, the bivariate Moran\n"
    "of --value against the spatial lag of VAR (moran_bv, permutation inference only). Local:\n"
    "local Moran on esda's scale ((n−1)/n · z_i · lag_i, local_moran), Getis–Ord Gi and Gi*\n"
    "(gi, gi_star, row-standardised as esda G_Local), with conditional permutation pseudo p\n"
    "(each region its own random stream: results are identical for any --threads), z_sim,\n"
    "quadrant (HH, LH, LL, HL) and cluster: the quadrant (local_moran) or hot spot / cold spot\n"
    "(gi, gi_star) when p < --alpha after --adjust, else 'not significant'.\n"
    "Weights SPEC: gal:FILE, gwt:FILE, queen:FILE, rook:FILE (polygons), knn:K, dist:D (see\n"
    "`regcoord weights --help`); ids are matched to the panel's region ids (--geo-id names the\n"
    "geometry's id field). --transform r (row-standardised, default, esda) or b (binary) for\n"
    "Moran, Geary and LISA; General G always uses binary weights, Gi/Gi* their own transform.\n"
    "Conventions (esda): islands (regions without neighbours) are kept with zero lag by\n"
    "default and counted in n; --islands drop leaves them out, --islands error refuses them;\n"
    "the number is always reported. An island is never a cluster (p_sim = 1). p-values:\n"
    "--alternative directed (default: esda's folded pseudo p, two-sided analytic p for Moran,\n"
    "one-sided for Geary and G), two-sided, greater or less (the statistic larger / smaller\n"
    "than expected; for Geary positive autocorrelation is 'less').\n"
    "A region without a value in a year is an error naming it (a year without any value is\n"
    "skipped with a note). Tables: global (year,statistic,value,expected,variance_norm,\n"
    "variance_rand,z_norm,z_rand,p_norm,p_rand,p_sim), local (year,region,statistic,value,\n"
    "z_sim,p_sim,quadrant,cluster) and moran_path (year,n,islands,value,expected,z_rand,\n"
    "p_rand,p_sim). Formulas: ../shared/methods/03-spatial.md.",
    "  regcoord spatial tests/data/us_income/usjoin.csv --wide pcincome --region STATE_FIPS \\\n"
    "      --weights gal:tests/data/us_income/states48.gal --global\n"
    "  regcoord spatial china_provinces_panel.csv --value gdp_pc --years 2019 \\\n"
    "      --weights gal:geo/china_provinces_queen.gal --local --adjust fdr -o lisa.csv\n"
    "  regcoord spatial china_provinces_panel.csv --value gdp_pc --weights queen:provinces.geojson \\\n"
    "      --geo-id region_id --permutations 9999 --seed 7 --threads 2 -o results/",
};

int rc_cmd_spatial(int argc, char **argv)
{
    rc_cli_common c;
    rc_cli_common_init(&c);
    rc_spatial_request req;
    rc_spatial_request_init(&req);
    const rc_cli_option opts[] = {
        RC_CLI_DATA_OPTIONS(&c),
        {"value", 0, RC_OPT_STR, &req.value, "VAR", "the variable (required unless --wide)"},
        {"weights", 'w', RC_OPT_STR, &req.weights, "SPEC", "spatial weights: gal:FILE, gwt:FILE, queen:FILE, rook:FILE, knn:K, dist:D, idw:A[:D] (required)"},
        {"geo", 0, RC_OPT_STR, &req.geo, "FILE", "points or polygons (centroids) for knn:K, dist:D, idw:A"},
        {"geo-id", 0, RC_OPT_STR, &req.geo_id, "FIELD", "id field of the geometry, matched to the region ids"},
        {"drop-unmatched", 0, RC_OPT_FLAG, &req.drop_unmatched, NULL, "analyse only regions present in both data and weights (warns)"},
        {"global", 0, RC_OPT_FLAG, &req.want_global, NULL, "global statistics and the Moran path (default: global and local)"},
        {"local", 0, RC_OPT_FLAG, &req.want_local, NULL, "local statistics (default: global and local)"},
        {"stat", 0, RC_OPT_STR, &req.stats, "LIST", "statistics: moran,geary,getis_ord_g,moran_bv,local_moran,gi,gi_star (default all)"},
        {"table", 0, RC_OPT_STR, &req.table, "NAME", "print only one table: global, local or moran_path"},
        {"bivariate", 0, RC_OPT_STR, &req.bivariate, "VAR", "moran_bv: --value against the spatial lag of VAR"},
        {"transform", 0, RC_OPT_STR, &req.transform, "T", "r (row-standardised, default) or b (binary)"},
        {"permutations", 0, RC_OPT_INT, &req.permutations, "N", "permutations for pseudo p-values (default 999; 0 = none)"},
        {"alternative", 0, RC_OPT_STR, &req.alternative, "ALT", "directed (default, esda), two-sided, greater or less"},
        {"islands", 0, RC_OPT_STR, &req.islands, "POLICY", "keep (default, esda), drop or error"},
        {"alpha", 0, RC_OPT_DBL, &req.alpha, "X", "significance level of the cluster labels (default 0.05)"},
        {"adjust", 0, RC_OPT_STR, &req.adjust, "M", "multiple testing for clusters: none (default), fdr, bonferroni"},
        RC_CLI_OUTPUT_OPTIONS(&c),
        RC_CLI_END,
    };
    const char *data;
    int code = rc_cli_parse_data(&doc, opts, &c, argc, argv, &data);
    if (code >= 0)
        return code;
    if (!req.value)
        req.value = c.wide;
    if (!req.value)
        return rc_cli_usage_error("spatial needs --value VAR");
    if (!req.weights)
        return rc_cli_usage_error("spatial needs --weights SPEC (e.g. gal:FILE or queen:FILE)");
    if (!req.want_global && !req.want_local)
        req.want_global = req.want_local = 1;
    rc_panel *p;
    if ((code = rc_cli_load_panel(&c, data, &p)) != 0)
        return code;
    rc_spatial_tables t;
    code = rc_spatial_run(&t, p, &req, &c);
    if (code == 0) {
        const rc_table *all[3];
        size_t k = 0;
        if (t.global)
            all[k++] = t.global;
        if (t.local)
            all[k++] = t.local;
        if (t.path)
            all[k++] = t.path;
        if (req.table) {
            const rc_table *one = !strcmp(req.table, "global") ? t.global
                                : !strcmp(req.table, "local") ? t.local
                                : !strcmp(req.table, "moran_path") ? t.path : NULL;
            code = one ? rc_cli_emit(&c, one)
                       : rc_cli_usage_error("--table %s: choose global, local or moran_path (of those computed)",
                                            req.table);
        } else {
            code = k == 1 ? rc_cli_emit(&c, all[0]) : rc_cli_emit_all(&c, all, k);
        }
    }
    rc_spatial_tables_free(&t);
    rc_panel_free(p);
    return code;
}
