/* cli.c — option parsing, help, errors, loading and emitting shared by all commands. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "regcoord/io.h"
#include "regcoord/rng.h"
#include "regcoord/threads.h"

void rc_cli_common_init(rc_cli_common *c)
{
    memset(c, 0, sizeof *c);
    c->threads = 0;
    c->seed = LONG_MIN; /* "not given" */
    c->fmt = RC_FORMAT_TEXT;
}

void rc_cli_print_help(FILE *fp, const rc_cli_doc *doc, const rc_cli_option *opts)
{
    fprintf(fp, "Usage: regcoord %s %s\n\n%s\n", doc->name, doc->usage, doc->summary);
    if (doc->description && *doc->description)
        fprintf(fp, "\n%s\n", doc->description);
    fprintf(fp, "\nOptions:\n");
    for (const rc_cli_option *o = opts; o->name; o++) {
        char left[64];
        int w = o->short_name ? snprintf(left, sizeof left, "-%c, --%s", o->short_name, o->name)
                              : snprintf(left, sizeof left, "    --%s", o->name);
        if (o->metavar && w > 0 && (size_t)w < sizeof left)
            snprintf(left + w, sizeof left - (size_t)w, " %s", o->metavar);
        /* pad by characters, not bytes: metavars may hold UTF-8 such as "…" */
        size_t chars = 0;
        for (const char *s = left; *s; s++)
            chars += ((unsigned char)*s & 0xC0) != 0x80;
        if (chars > 24)
            fprintf(fp, "  %s\n  %-24s %s\n", left, "", o->help);
        else
            fprintf(fp, "  %s%*s %s\n", left, (int)(24 - chars), "", o->help);
    }
    fprintf(fp, "  -h, --help               this help\n");
    if (doc->examples && *doc->examples)
        fprintf(fp, "\nExamples:\n%s\n", doc->examples);
}

int rc_cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("regcoord: usage error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return RC_EXIT_USAGE;
}

int rc_cli_fail(const rc_error *err)
{
    fprintf(stderr, "regcoord: error: %s\n",
            err->message[0] ? err->message : rc_strerror(err->code));
    return rc_exit_code(err->code ? err->code : RC_EINPUT);
}

void rc_cli_note(const rc_cli_common *c, const char *fmt, ...)
{
    if (c && c->quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("regcoord: note: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static int set_value(const rc_cli_option *o, const char *value)
{
    char *end;
    switch (o->kind) {
    case RC_OPT_FLAG: *(int *)o->target = 1; return 0;
    case RC_OPT_STR: *(const char **)o->target = value; return 0;
    case RC_OPT_INT: {
        errno = 0;
        long x = strtol(value, &end, 10);
        if (errno || end == value || *end)
            return rc_cli_usage_error("--%s needs a whole number, not '%s'", o->name, value);
        *(long *)o->target = x;
        return 0;
    }
    case RC_OPT_DBL: {
        double x = strtod(value, &end);
        if (end == value || *end)
            return rc_cli_usage_error("--%s needs a number, not '%s'", o->name, value);
        *(double *)o->target = x;
        return 0;
    }
    }
    return 0;
}

int rc_cli_parse(const rc_cli_doc *doc, const rc_cli_option *opts, rc_cli_common *common,
                 int argc, char **argv, size_t npos_min, size_t npos_max,
                 char ***positional, size_t *npos)
{
    *npos = 0;
    *positional = calloc((size_t)argc + 1, sizeof **positional);
    if (!*positional)
        return rc_cli_usage_error("out of memory");
    int only_positional = 0;
    for (int k = 1; k < argc; k++) {
        const char *arg = argv[k];
        if (only_positional || arg[0] != '-' || !arg[1]) {
            (*positional)[(*npos)++] = argv[k];
            continue;
        }
        if (!strcmp(arg, "--")) {
            only_positional = 1;
            continue;
        }
        if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
            rc_cli_print_help(stdout, doc, opts);
            free(*positional);
            *positional = NULL;
            return RC_EXIT_OK;
        }
        const rc_cli_option *o = NULL;
        const char *value = NULL;
        if (arg[1] == '-') {
            const char *name = arg + 2;
            const char *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            for (const rc_cli_option *q = opts; q->name; q++)
                if (strlen(q->name) == len && !strncmp(q->name, name, len)) {
                    o = q;
                    break;
                }
            if (o && eq) {
                if (o->kind == RC_OPT_FLAG) {
                    free(*positional);
                    return rc_cli_usage_error("--%s takes no value", o->name);
                }
                value = eq + 1;
            }
        } else if (!arg[2]) {
            for (const rc_cli_option *q = opts; q->name; q++)
                if (q->short_name == arg[1]) {
                    o = q;
                    break;
                }
        }
        if (!o) {
            /* A negative number is a positional argument, not an option. */
            char *end;
            strtod(arg, &end);
            if (!*end) {
                (*positional)[(*npos)++] = argv[k];
                continue;
            }
            free(*positional);
            *positional = NULL;
            return rc_cli_usage_error("unknown option '%s' for '%s' (regcoord %s --help)", arg,
                                      doc->name, doc->name);
        }
        if (o->kind != RC_OPT_FLAG && !value) {
            if (k + 1 >= argc) {
                free(*positional);
                *positional = NULL;
                return rc_cli_usage_error("--%s needs a value (%s)", o->name,
                                          o->metavar ? o->metavar : "VALUE");
            }
            value = argv[++k];
        }
        if (set_value(o, value)) {
            free(*positional);
            *positional = NULL;
            return RC_EXIT_USAGE;
        }
    }
    if (*npos < npos_min || *npos > npos_max) {
        free(*positional);
        *positional = NULL;
        if (*npos < npos_min)
            return rc_cli_usage_error("'%s' needs %s (usage: regcoord %s %s)", doc->name,
                                      npos_min == 1 ? "a data file" : "more arguments", doc->name,
                                      doc->usage);
        return rc_cli_usage_error("'%s': unexpected argument '%s' (usage: regcoord %s %s)",
                                  doc->name, argv[argc - 1], doc->name, doc->usage);
    }
    if (common) {
        rc_error err;
        if (common->format) {
            if (rc_format_parse(common->format, &common->fmt, &err) != RC_OK) {
                free(*positional);
                *positional = NULL;
                return rc_cli_usage_error("%s", err.message);
            }
        } else if (common->output && !rc_cli_output_is_dir(common->output)) {
            if (rc_format_from_path(common->output, &common->fmt, &err) != RC_OK)
                common->fmt = RC_FORMAT_TEXT;
        }
        if (common->threads < 0 || common->threads > 4096) {
            free(*positional);
            *positional = NULL;
            return rc_cli_usage_error("--threads must be between 0 (all cores) and 4096");
        }
        rc_set_threads((int)common->threads);
        common->seed_given = common->seed != LONG_MIN;
        if (common->seed_given && common->seed < 0) {
            free(*positional);
            *positional = NULL;
            return rc_cli_usage_error("--seed must be a non-negative whole number");
        }
        if (!common->seed_given)
            common->seed = RC_DEFAULT_SEED;
    }
    return -1;
}

int rc_cli_output_is_dir(const char *path)
{
    size_t len = strlen(path);
    struct stat st;
    return (len && path[len - 1] == '/') || (stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

int rc_cli_load_panel(const rc_cli_common *c, const char *path, rc_panel **out)
{
    rc_error err;
    rc_read_options opt = {.region_col = c->region_col,
                           .year_col = c->year_col,
                           .wide_var = c->wide,
                           .na_tokens = c->na,
                           .regions_file = c->regions_file};
    *out = NULL;
    rc_panel *p;
    if (rc_panel_read(&p, path, &opt, &err) != RC_OK)
        return rc_cli_fail(&err);
    if (c->years) {
        int first, last;
        rc_panel *q;
        if (rc_parse_year_range(c->years, &first, &last, &err) != RC_OK) {
            rc_panel_free(p);
            return rc_cli_usage_error("--years: %s", err.message);
        }
        if (rc_panel_is_cross_section(p)) {
            rc_panel_free(p);
            return rc_cli_usage_error("--years: %s has no year column (a cross-section)", path);
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

int rc_cli_emit(const rc_cli_common *c, const rc_table *t)
{
    rc_error err;
    int rc;
    if (c->output && strcmp(c->output, "-")) {
        if (rc_cli_output_is_dir(c->output))
            return rc_cli_emit_all(c, &t, 1);
        rc = rc_table_write_file(t, c->fmt, c->output, &err);
    } else {
        rc = rc_table_write_stream(t, c->fmt, stdout, &err);
        if (rc == RC_OK && fflush(stdout) != 0)
            rc = rc_error_set(&err, RC_EIO, "cannot write to standard output");
    }
    return rc == RC_OK ? 0 : rc_cli_fail(&err);
}

int rc_cli_emit_all(const rc_cli_common *c, const rc_table *const *tables, size_t n)
{
    rc_error err;
    if (c->output && strcmp(c->output, "-") && rc_cli_output_is_dir(c->output)) {
        /* -o DIR/: one file per table, in the chosen format (CSV unless --format says). */
        rc_format fmt = c->format ? c->fmt : RC_FORMAT_CSV;
        if (mkdir(c->output, 0777) != 0 && errno != EEXIST) {
            rc_error_set(&err, RC_EIO, "cannot create directory '%s': %s", c->output,
                         strerror(errno));
            return rc_cli_fail(&err);
        }
        size_t len = strlen(c->output);
        for (size_t k = 0; k < n; k++) {
            char path[PATH_MAX];
            snprintf(path, sizeof path, "%s%s%s.%s", c->output,
                     c->output[len - 1] == '/' ? "" : "/", rc_table_name(tables[k]),
                     rc_format_extension(fmt));
            if (rc_table_write_file(tables[k], fmt, path, &err) != RC_OK)
                return rc_cli_fail(&err);
        }
        return 0;
    }
    if (c->output && strcmp(c->output, "-") && c->fmt == RC_FORMAT_XLSX) {
        if (rc_tables_write_xlsx(tables, n, c->output, &err) != RC_OK)
            return rc_cli_fail(&err);
        return 0;
    }
    if (n == 1)
        return rc_cli_emit(c, tables[0]);
    if (c->output && strcmp(c->output, "-"))
        return rc_cli_usage_error("several tables go to a directory (-o DIR/) or a workbook "
                                  "(-o FILE.xlsx); or choose one with --table");
    for (size_t k = 0; k < n; k++) {
        if (c->fmt == RC_FORMAT_TEXT)
            printf("%s# %s\n", k ? "\n" : "", rc_table_name(tables[k]));
        int rc = rc_cli_emit(c, tables[k]);
        if (rc)
            return rc;
    }
    return 0;
}

int rc_cli_split_list(const char *text, char ***items, size_t *n)
{
    *items = NULL;
    *n = 0;
    size_t cap = 1;
    for (const char *p = text; *p; p++)
        cap += *p == ',';
    char **out = calloc(cap, sizeof *out);
    if (!out)
        return RC_ENOMEM;
    const char *start = text;
    for (;;) {
        const char *end = strchr(start, ',');
        if (!end)
            end = start + strlen(start);
        const char *a = start, *b = end;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (b > a) {
            out[*n] = malloc((size_t)(b - a) + 1);
            if (!out[*n]) {
                rc_cli_free_list(out, *n);
                *n = 0;
                return RC_ENOMEM;
            }
            memcpy(out[*n], a, (size_t)(b - a));
            out[*n][b - a] = '\0';
            (*n)++;
        }
        if (!*end)
            break;
        start = end + 1;
    }
    *items = out;
    return RC_OK;
}

void rc_cli_free_list(char **items, size_t n)
{
    if (!items)
        return;
    for (size_t k = 0; k < n; k++)
        free(items[k]);
    free(items);
}

int rc_cli_find_var(const rc_panel *p, const char *name, size_t *v)
{
    rc_error err;
    if (rc_panel_find_var(p, name, v, &err) != RC_OK)
        return rc_cli_usage_error("%s", err.message);
    return 0;
}

void rc_cli_progress(const rc_cli_common *c, const char *what, size_t done, size_t total)
{
    static struct timespec last;
    if ((c && c->quiet) || !isatty(STDERR_FILENO) || total == 0)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double dt = (double)(now.tv_sec - last.tv_sec) + 1e-9 * (double)(now.tv_nsec - last.tv_nsec);
    if (done < total && dt < 0.1)
        return;
    last = now;
    if (done >= total)
        fprintf(stderr, "\r\033[K");
    else
        fprintf(stderr, "\r%s: %zu/%zu (%.0f%%)", what, done, total, 100.0 * (double)done / (double)total);
    fflush(stderr);
}

int rc_cli_parse_data(const rc_cli_doc *doc, const rc_cli_option *opts, rc_cli_common *common,
                      int argc, char **argv, const char **data)
{
    char **pos = NULL;
    size_t npos = 0;
    int code = rc_cli_parse(doc, opts, common, argc, argv, 1, 1, &pos, &npos);
    if (code < 0)
        *data = pos[0];
    free(pos);
    return code;
}
