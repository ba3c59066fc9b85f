/* cmd_structure.c — `regcoord structure`: location quotients, specialisation, structural
 * similarity ("industrial isomorphism"), localisation and shift-share from sector columns. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "regcoord/io.h"
#include "regcoord/structure.h"

static const rc_cli_doc doc = {
    "structure",
    "Location quotients, Krugman specialisation, structural similarity, Hoover localisation, shift-share.",
    "DATA (--sectors LIST | --sector-col COL --value VAR) [--years A:B] [--base-year A\n"
    "       --end-year B] [--table LIST] [options]",
    "DATA holds one column per sector (employment or value added, ≥ 0), named by --sectors,\n"
    "or (long layout) one row per region, year and sector: --sector-col names the sector\n"
    "column and --value the number column; --sectors then chooses among the sectors (default:\n"
    "all, in order of first appearance).\n"
    "For every year: location quotients LQ_ik = (e_ik/E_i)/(E_k/E) with the region's sector\n"
    "share (table lq: year,region,sector,share,lq; --lq-diff reports s_ik − s_k as lq_diff);\n"
    "the Krugman specialisation index Σ_k |s_ik − r_k| against the rest of the country\n"
    "(--ksi-ref rest, default), the nation including the region (nation) or the unweighted\n"
    "mean of the other regions' shares (mean) (table specialization: year,region,statistic,\n"
    "value with statistic krugman_specialization); for every pair of regions (region < other\n"
    "in input order) the Krugman dissimilarity Σ_k |s_ik − s_jk| and the UNIDO structural\n"
    "similarity coefficient (cosine of the structures; > 0.9 is read as isomorphism) (table\n"
    "pairs: year,region,other,krugman_dissimilarity,structural_similarity); Hoover's\n"
    "localisation coefficient per sector (table localization: year,sector,\n"
    "hoover_localization).\n"
    "Shift-share between --base-year and --end-year (default: first and last year of the\n"
    "panel): table shift (base_year,end_year,region,sector,change,national_share,\n"
    "industry_mix,regional_share,net_shift,homothetic,allocation), one row per region and\n"
    "sector plus a 'total' row; change = national_share + industry_mix + regional_share\n"
    "exactly; homothetic + allocation (Esteban-Marquillas) = regional_share where the sector\n"
    "existed in the base year, else they are empty (not defined, noted) and the totals cover\n"
    "the other sectors. The reference area includes the region (REAT); --exclude-self takes\n"
    "national rates from the other regions. --dynamic sums the classic components over\n"
    "consecutive years (REAT shiftd); the Esteban-Marquillas columns are then empty.\n"
    "Missing values: a sector without any value in a year is left out of that year and a\n"
    "region missing a sector is dropped for that year (for shift-share: missing in any year\n"
    "used), both named on stderr; so are regions and sectors with zero totals in the\n"
    "cross-sectional tables. Negative values are an error naming region, sector and year.\n"
    "Formulas: ../shared/methods/07-structure.md.",
    "  regcoord structure tests/data/produc/produc.csv --region state --sectors hwy,water,util \\\n"
    "      --years 1986 --table lq,specialization\n"
    "  regcoord structure tests/data/produc/produc.csv --region state --sectors hwy,water,util \\\n"
    "      --base-year 1970 --end-year 1986 --table shift --format csv -o shift.csv\n"
    "  regcoord structure employment.xlsx --sectors primary,secondary,tertiary -o structure/\n"
    "  regcoord structure employment_long.csv --sector-col sector --value jobs --years 2015:2020",
};

enum { T_LQ, T_SPEC, T_PAIRS, T_LOC, T_SHIFT, T_COUNT };
static const char *const table_names[T_COUNT] = {"lq", "specialization", "pairs",
                                                 "localization", "shift"};

typedef struct {
    const char *sectors, *tables, *ksi_ref, *sector_col, *value;
    long base_year, end_year;
    int lq_diff, exclude_self, dynamic;
} structure_request;

/* The regions and sectors usable over a set of years, and their values e[m][i][k]. */
typedef struct {
    size_t n, K, m;
    size_t *region, *sector;
    double *e;
} block;

static void block_free(block *b)
{
    free(b->region), free(b->sector), free(b->e);
    memset(b, 0, sizeof *b);
}

/* A note naming up to 8 items of a list of region ids or sector names. */
static void note_list(const rc_cli_common *c, const char *what, const char *const *names,
                      size_t count)
{
    if (!count)
        return;
    char buf[600];
    size_t len = 0;
    for (size_t k = 0; k < count && k < 8; k++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", k ? ", " : "", names[k]);
    if (count > 8)
        snprintf(buf + len, sizeof buf - len, ", … (%zu in all)", count);
    rc_cli_note(c, "%s: %s", what, buf);
}

/* Choose the sectors and regions usable in the years ts[0..m-1] and copy their values.
 * cross = 1 (one year, cross-sectional indices): regions and sectors with zero totals are
 * dropped too, because every index divides by them. */
static int make_block(block *b, const rc_panel *p, const size_t *var, char **sector_names,
                      size_t K, const size_t *ts, size_t m, int cross, const char *when,
                      const rc_cli_common *c, rc_error *err)
{
    size_t n = rc_panel_nregions(p);
    memset(b, 0, sizeof *b);
    b->m = m;
    b->region = malloc(n * sizeof *b->region);
    b->sector = malloc(K * sizeof *b->sector);
    const char **names = malloc((2 * n + K) * sizeof *names);
    double *tot = calloc(n + K, sizeof *tot);
    if (!b->region || !b->sector || !names || !tot) {
        free(names), free(tot);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    int rc = RC_OK;
    size_t nd = 0;
    /* Sectors with at least one value in every year used. */
    for (size_t k = 0; k < K; k++) {
        int ok = 1;
        for (size_t s = 0; s < m && ok; s++) {
            const double *col = rc_panel_column(p, var[k], ts[s]);
            size_t i = 0;
            while (i < n && isnan(col[i]))
                i++;
            ok = i < n;
        }
        if (ok)
            b->sector[b->K++] = k;
        else
            names[nd++] = sector_names[k];
    }
    char what[200];
    snprintf(what, sizeof what, "%s: left out %zu sector(s) without values", when, nd);
    note_list(c, what, names, nd);
    /* Regions complete in those sectors; negative values are errors. */
    const char **zero = names + n + K;
    size_t nz = 0;
    nd = 0;
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        int ok = 1;
        for (size_t s = 0; s < m && rc == RC_OK; s++)
            for (size_t q = 0; q < b->K; q++) {
                double x = rc_panel_value(p, var[b->sector[q]], i, ts[s]);
                if (isnan(x))
                    ok = 0;
                else if (x < 0) {
                    rc = rc_error_set(err, RC_EINPUT, "'%s' has %s = %g in %d (sector values must be ≥ 0)",
                                      rc_panel_region_id(p, i), sector_names[b->sector[q]], x,
                                      rc_panel_year(p, ts[s]));
                    break;
                } else
                    tot[i] += x;
            }
        if (!ok)
            names[nd++] = rc_panel_region_id(p, i);
        else if (cross && !(tot[i] > 0))
            zero[nz++] = rc_panel_region_id(p, i);
        else
            b->region[b->n++] = i;
    }
    snprintf(what, sizeof what, "%s: dropped %zu region(s) with a missing sector value", when, nd);
    note_list(c, what, names, nd);
    snprintf(what, sizeof what, "%s: dropped %zu region(s) whose sectors sum to 0", when, nz);
    note_list(c, what, zero, nz);
    /* Sectors with a zero total: undefined for the cross-sectional indices, no information
     * for shift-share (a zero base with later activity is an error in the kernel). */
    if (rc == RC_OK) {
        size_t kept = 0;
        nd = 0;
        for (size_t q = 0; q < b->K; q++) {
            double sum = 0, base = 0;
            for (size_t s = 0; s < m; s++)
                for (size_t r = 0; r < b->n; r++) {
                    double x = rc_panel_value(p, var[b->sector[q]], b->region[r], ts[s]);
                    sum += x;
                    if (s == 0)
                        base += x;
                }
            if (!(sum > 0))
                names[nd++] = sector_names[b->sector[q]];
            else if (!(base > 0))
                rc = rc_error_set(err, RC_EINPUT,
                                  "sector %s has no activity in %d but some later, so its growth "
                                  "rate is undefined (choose another --base-year or leave it out)",
                                  sector_names[b->sector[q]], rc_panel_year(p, ts[0]));
            else
                b->sector[kept++] = b->sector[q];
        }
        b->K = kept;
        snprintf(what, sizeof what, "%s: left out %zu sector(s) with a zero total", when, nd);
        note_list(c, what, names, nd);
    }
    if (rc == RC_OK && (b->n < 2 || b->K < 1))
        rc = rc_error_set(err, RC_EINSUFFICIENT,
                          "%s: only %zu region(s) and %zu sector(s) with complete non-zero data "
                          "(at least 2 regions and 1 sector are needed)",
                          when, b->n, b->K);
    if (rc == RC_OK) {
        b->e = malloc(m * b->n * b->K * sizeof *b->e);
        if (!b->e)
            rc = rc_error_set(err, RC_ENOMEM, "out of memory");
        for (size_t s = 0; rc == RC_OK && s < m; s++)
            for (size_t r = 0; r < b->n; r++)
                for (size_t q = 0; q < b->K; q++)
                    b->e[(s * b->n + r) * b->K + q] =
                        rc_panel_value(p, var[b->sector[q]], b->region[r], ts[s]);
    }
    free(names), free(tot);
    return rc;
}

static int new_table(rc_table **t, const char *name, const char *const *cols, const char *types,
                     rc_error *err)
{
    int rc = rc_table_new(t, name, err);
    for (size_t k = 0; rc == RC_OK && types[k]; k++)
        rc = rc_table_add_column(*t, cols[k],
                                 types[k] == 's' ? RC_COL_STR : types[k] == 'i' ? RC_COL_INT : RC_COL_DBL,
                                 NULL, err);
    return rc;
}

/* The cross-sectional tables of one year. */
static int cross_section(rc_table **tab, const int *want, const block *b, const rc_panel *p,
                         char **sector_names, int year, const structure_request *req,
                         rc_ksi_ref ref, rc_error *err)
{
    size_t n = b->n, K = b->K;
    double *lq = malloc(n * K * sizeof *lq), *v = malloc(n * n * sizeof *v),
           *s2 = malloc(n * n * sizeof *s2), *hl = malloc(K * sizeof *hl);
    int rc = (lq && v && s2 && hl) ? RC_OK : rc_error_set(err, RC_ENOMEM, "out of memory");
    if (rc == RC_OK && want[T_LQ]) {
        rc = rc_location_quotient(lq, b->e, n, K, req->lq_diff, err);
        for (size_t r = 0; rc == RC_OK && r < n; r++) {
            double tot = 0;
            for (size_t q = 0; q < K; q++)
                tot += b->e[r * K + q];
            for (size_t q = 0; rc == RC_OK && q < K; q++)
                rc = rc_table_append(tab[T_LQ], err, "issdd", year, rc_panel_region_id(p, b->region[r]),
                                     sector_names[b->sector[q]], b->e[r * K + q] / tot, lq[r * K + q]);
        }
    }
    if (rc == RC_OK && want[T_SPEC]) {
        rc = rc_krugman_specialization(v, b->e, n, K, ref, err);
        for (size_t r = 0; rc == RC_OK && r < n; r++)
            rc = rc_table_append(tab[T_SPEC], err, "issd", year, rc_panel_region_id(p, b->region[r]),
                                 "krugman_specialization", v[r]);
    }
    if (rc == RC_OK && want[T_PAIRS]) {
        rc = rc_krugman_dissimilarity(v, b->e, n, K, err);
        if (rc == RC_OK)
            rc = rc_structural_similarity(s2, b->e, n, K, err);
        for (size_t r = 0; rc == RC_OK && r < n; r++)
            for (size_t o = r + 1; rc == RC_OK && o < n; o++)
                rc = rc_table_append(tab[T_PAIRS], err, "issdd", year,
                                     rc_panel_region_id(p, b->region[r]),
                                     rc_panel_region_id(p, b->region[o]), v[r * n + o], s2[r * n + o]);
    }
    if (rc == RC_OK && want[T_LOC]) {
        rc = rc_hoover_localization(hl, b->e, n, K, err);
        for (size_t q = 0; rc == RC_OK && q < K; q++)
            rc = rc_table_append(tab[T_LOC], err, "isd", year, sector_names[b->sector[q]], hl[q]);
    }
    free(lq), free(v), free(s2), free(hl);
    return rc;
}

/* Shift-share between the first and last year of the block (classic + E-M), or summed over
 * its consecutive years (dynamic). */
static int shift_share(rc_table *t, const block *b, const rc_panel *p, char **sector_names,
                       int y0, int y1, const structure_request *req, const rc_cli_common *c,
                       rc_error *err)
{
    size_t nk = b->n * b->K;
    double *buf = calloc(8 * nk, sizeof *buf);
    if (!buf)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    double *ns = buf, *im = buf + nk, *rs = buf + 2 * nk, *hom = buf + 3 * nk, *al = buf + 4 * nk;
    double *pns = buf + 5 * nk, *pim = buf + 6 * nk, *prs = buf + 7 * nk;
    int rc = RC_OK;
    if (!req->dynamic) {
        rc_shift_share_parts out = {ns, im, rs, hom, al};
        rc = rc_shift_share(&out, b->e, b->e + (b->m - 1) * nk, b->n, b->K, req->exclude_self, err);
    } else {
        rc_shift_share_parts out = {pns, pim, prs, NULL, NULL};
        for (size_t s = 0; s + 1 < b->m && rc == RC_OK; s++) {
            rc = rc_shift_share(&out, b->e + s * nk, b->e + (s + 1) * nk, b->n, b->K,
                                req->exclude_self, err);
            for (size_t at = 0; at < nk && rc == RC_OK; at++)
                ns[at] += pns[at], im[at] += pim[at], rs[at] += prs[at];
        }
        for (size_t at = 0; at < nk; at++)
            hom[at] = al[at] = NAN;
    }
    size_t undefined = 0;
    const double *e0 = b->e, *e1 = b->e + (b->m - 1) * nk;
    for (size_t r = 0; r < b->n && rc == RC_OK; r++) {
        const char *id = rc_panel_region_id(p, b->region[r]);
        double T[7] = {0}, nem = 0;
        for (size_t q = 0; q < b->K && rc == RC_OK; q++) {
            size_t at = r * b->K + q;
            double change = e1[at] - e0[at];
            rc = rc_table_append(t, err, "iissddddddd", y0, y1, id, sector_names[b->sector[q]],
                                 change, ns[at], im[at], rs[at], im[at] + rs[at], hom[at], al[at]);
            T[0] += change, T[1] += ns[at], T[2] += im[at], T[3] += rs[at];
            if (!isnan(hom[at]))
                T[4] += hom[at], T[5] += al[at], nem++;
            else if (!req->dynamic)
                undefined++;
        }
        if (rc == RC_OK)
            rc = rc_table_append(t, err, "iissddddddd", y0, y1, id, "total", T[0], T[1], T[2], T[3],
                                 T[2] + T[3], nem > 0 ? T[4] : NAN, nem > 0 ? T[5] : NAN);
    }
    if (rc == RC_OK && undefined)
        rc_cli_note(c, "shift-share %d-%d: %zu region-sector(s) had no activity in %d, so their "
                       "Esteban-Marquillas split is not defined (empty); the totals of homothetic "
                       "and allocation cover the other sectors",
                    y0, y1, undefined, y0);
    if (rc == RC_OK && req->dynamic)
        rc_cli_note(c, "--dynamic: the Esteban-Marquillas columns are not computed (empty)");
    free(buf);
    return rc;
}

static int parse_tables(int *want, const char *list, int can_shift)
{
    if (!list) {
        for (int k = 0; k < T_COUNT; k++)
            want[k] = k != T_SHIFT || can_shift;
        return 0;
    }
    char **items;
    size_t n;
    if (rc_cli_split_list(list, &items, &n) != RC_OK || n == 0)
        return rc_cli_usage_error("--table needs a comma-separated list of tables");
    int code = 0;
    for (size_t k = 0; k < n && !code; k++) {
        int t = 0;
        while (t < T_COUNT && strcmp(items[k], table_names[t]))
            t++;
        if (t == T_COUNT)
            code = rc_cli_usage_error("unknown table '%s' (lq, specialization, pairs, "
                                      "localization, shift)", items[k]);
        else
            want[t] = 1;
    }
    rc_cli_free_list(items, n);
    return code;
}

/* The long layout (region, year, sector, value): read, then --years as rc_cli_load_panel. */
static int load_long(const rc_cli_common *c, const char *path, const structure_request *req,
                     rc_panel **out)
{
    rc_error err;
    rc_read_options opt = {.region_col = c->region_col, .year_col = c->year_col, .na_tokens = c->na};
    rc_panel *p;
    if (c->wide || c->regions_file)
        return rc_cli_usage_error("--sector-col does not combine with --wide or --regions");
    if (rc_panel_read_keyed(&p, path, &opt, req->sector_col, req->value, &err) != RC_OK)
        return rc_cli_fail(&err);
    if (c->years) {
        int first, last;
        rc_panel *q;
        if (rc_parse_year_range(c->years, &first, &last, &err) != RC_OK) {
            rc_panel_free(p);
            return rc_cli_usage_error("--years: %s", err.message);
        }
        if (rc_panel_select_years(&q, p, first, last, &err) != RC_OK) {
            rc_panel_free(p);
            return rc_cli_fail(&err);
        }
        rc_panel_free(p);
        p = q;
    }
    *out = p;
    return 0;
}

int rc_cmd_structure(int argc, char **argv)
{
    rc_cli_common c;
    rc_cli_common_init(&c);
    structure_request req = {.ksi_ref = "rest", .base_year = 0, .end_year = 0};
    const rc_cli_option opts[] = {
        RC_CLI_DATA_OPTIONS(&c),
        {"sectors", 0, RC_OPT_STR, &req.sectors, "LIST", "the sector columns (or sectors of --sector-col)"},
        {"sector-col", 0, RC_OPT_STR, &req.sector_col, "COL", "long layout: the column naming the sector"},
        {"value", 0, RC_OPT_STR, &req.value, "VAR", "long layout: the column holding the numbers"},
        {"table", 0, RC_OPT_STR, &req.tables, "LIST",
         "lq, specialization, pairs, localization, shift (default: all)"},
        {"ksi-ref", 0, RC_OPT_STR, &req.ksi_ref, "REF",
         "Krugman specialisation against rest (default), nation or mean"},
        {"lq-diff", 0, RC_OPT_FLAG, &req.lq_diff, NULL, "report s_ik − s_k instead of the quotient"},
        {"base-year", 0, RC_OPT_INT, &req.base_year, "A", "shift-share base year (default: first)"},
        {"end-year", 0, RC_OPT_INT, &req.end_year, "B", "shift-share end year (default: last)"},
        {"exclude-self", 0, RC_OPT_FLAG, &req.exclude_self, NULL,
         "shift-share national rates from the other regions only"},
        {"dynamic", 0, RC_OPT_FLAG, &req.dynamic, NULL,
         "sum the classic shift-share over consecutive years"},
        RC_CLI_OUTPUT_OPTIONS(&c),
        RC_CLI_END,
    };
    const char *data;
    int code = rc_cli_parse_data(&doc, opts, &c, argc, argv, &data);
    if (code >= 0)
        return code;
    if (!req.sectors && !req.sector_col)
        return rc_cli_usage_error("structure needs --sectors LIST (the sector columns) or "
                                  "--sector-col COL --value VAR (long layout)");
    if (!req.sector_col != !req.value)
        return rc_cli_usage_error("the long layout needs both --sector-col COL and --value VAR");
    rc_ksi_ref ref;
    if (!strcmp(req.ksi_ref, "rest"))
        ref = RC_KSI_REST;
    else if (!strcmp(req.ksi_ref, "nation"))
        ref = RC_KSI_NATION;
    else if (!strcmp(req.ksi_ref, "mean"))
        ref = RC_KSI_MEAN;
    else
        return rc_cli_usage_error("--ksi-ref must be rest, nation or mean, not '%s'", req.ksi_ref);
    char **sector_names = NULL;
    size_t K = 0;
    rc_panel *p = NULL;
    size_t *var = NULL, *ts = NULL;
    rc_table *tab[T_COUNT] = {0};
    int want[T_COUNT] = {0};
    rc_error err;
    int rc = RC_OK;
    block b = {0};
    if (req.sector_col)
        code = load_long(&c, data, &req, &p);
    else
        code = rc_cli_load_panel(&c, data, &p);
    if (code)
        goto done;
    if (!req.sectors) { /* long layout: every sector of the file */
        K = rc_panel_nvars(p);
        sector_names = calloc(K ? K : 1, sizeof *sector_names);
        for (size_t k = 0; sector_names && k < K; k++)
            sector_names[k] = strdup(rc_panel_var_name(p, k));
    } else if (rc_cli_split_list(req.sectors, &sector_names, &K) != RC_OK || K == 0) {
        code = rc_cli_usage_error("--sectors needs a comma-separated list of columns");
        goto done;
    }
    var = calloc(K ? K : 1, sizeof *var);
    int names_ok = sector_names != NULL;
    for (size_t k = 0; names_ok && k < K; k++)
        names_ok = sector_names[k] != NULL;
    if (!var || !names_ok) {
        rc = rc_error_set(&err, RC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < K; k++)
        if ((code = rc_cli_find_var(p, sector_names[k], &var[k])) != 0)
            goto done;
    size_t T = rc_panel_nyears(p);
    const int *years = rc_panel_years(p);
    int shift_asked = req.base_year || req.end_year || req.dynamic || req.exclude_self;
    if ((code = parse_tables(want, req.tables, T >= 2 || shift_asked)) != 0)
        goto done;
    static const char *const lq_cols[] = {"year", "region", "sector", "share", "lq"};
    static const char *const lqd_cols[] = {"year", "region", "sector", "share", "lq_diff"};
    static const char *const spec_cols[] = {"year", "region", "statistic", "value"};
    static const char *const pair_cols[] = {"year", "region", "other", "krugman_dissimilarity",
                                            "structural_similarity"};
    static const char *const loc_cols[] = {"year", "sector", "hoover_localization"};
    static const char *const shift_cols[] = {"base_year", "end_year", "region", "sector", "change",
                                             "national_share", "industry_mix", "regional_share",
                                             "net_shift", "homothetic", "allocation"};
    if ((rc = new_table(&tab[T_LQ], "lq", req.lq_diff ? lqd_cols : lq_cols, "issdd", &err)) ||
        (rc = new_table(&tab[T_SPEC], "specialization", spec_cols, "issd", &err)) ||
        (rc = new_table(&tab[T_PAIRS], "pairs", pair_cols, "issdd", &err)) ||
        (rc = new_table(&tab[T_LOC], "localization", loc_cols, "isd", &err)) ||
        (rc = new_table(&tab[T_SHIFT], "shift", shift_cols, "iissddddddd", &err)))
        goto done;
    if (want[T_LQ] || want[T_SPEC] || want[T_PAIRS] || want[T_LOC]) {
        size_t done_years = 0;
        for (size_t t = 0; t < T && rc == RC_OK; t++) {
            char when[32];
            snprintf(when, sizeof when, "%d", years[t]);
            /* A year in which no sector has any value (e.g. outside the sector data) is skipped. */
            int any = 0;
            for (size_t k = 0; k < K && !any; k++)
                for (size_t i = 0; i < rc_panel_nregions(p) && !any; i++)
                    any = !isnan(rc_panel_value(p, var[k], i, t));
            if (!any) {
                rc_cli_note(&c, "%d: no sector values, year skipped", years[t]);
                continue;
            }
            rc = make_block(&b, p, var, sector_names, K, &t, 1, 1, when, &c, &err);
            if (rc == RC_OK)
                rc = cross_section(tab, want, &b, p, sector_names, years[t], &req, ref, &err);
            block_free(&b);
            done_years++;
        }
        if (rc == RC_OK && !done_years)
            rc = rc_error_set(&err, RC_EINSUFFICIENT, "the sectors have no values in the chosen years");
    }
    if (rc == RC_OK && want[T_SHIFT]) {
        size_t t0 = 0, t1 = T - 1;
        if (req.base_year && (rc = rc_panel_find_year(p, (int)req.base_year, &t0, &err)) != RC_OK)
            goto done;
        if (req.end_year && (rc = rc_panel_find_year(p, (int)req.end_year, &t1, &err)) != RC_OK)
            goto done;
        if (t1 <= t0) {
            code = rc_cli_usage_error("shift-share needs --base-year before --end-year (the panel "
                                      "has %d to %d)", years[0], years[T - 1]);
            goto done;
        }
        size_t m = req.dynamic ? t1 - t0 + 1 : 2;
        ts = malloc(m * sizeof *ts);
        if (!ts) {
            rc = rc_error_set(&err, RC_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t s = 0; s < m; s++)
            ts[s] = req.dynamic ? t0 + s : (s ? t1 : t0);
        char when[64];
        snprintf(when, sizeof when, "shift-share %d-%d", years[t0], years[t1]);
        rc = make_block(&b, p, var, sector_names, K, ts, m, 0, when, &c, &err);
        if (rc == RC_OK)
            rc = shift_share(tab[T_SHIFT], &b, p, sector_names, years[t0], years[t1], &req, &c, &err);
        block_free(&b);
    }
    if (rc == RC_OK) {
        const rc_table *all[T_COUNT];
        size_t k = 0;
        for (int t = 0; t < T_COUNT; t++)
            if (want[t])
                all[k++] = tab[t];
        code = k == 1 ? rc_cli_emit(&c, all[0]) : rc_cli_emit_all(&c, all, k);
    }
done:
    for (int t = 0; t < T_COUNT; t++)
        rc_table_free(tab[t]);
    block_free(&b);
    free(var), free(ts);
    rc_cli_free_list(sector_names, K);
    rc_panel_free(p);
    if (rc != RC_OK)
        return rc_cli_fail(&err);
    return code;
}
