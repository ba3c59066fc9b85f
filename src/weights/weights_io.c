/* weights_io.c — GAL and GWT weights files (GeoDa / PySAL formats), read with errors that name
 * the file and line, written atomically. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "out/atomic_file.h"
#include "regcoord/weights.h"

/* A white-space tokenizer over a whole file that remembers each token's line. */
typedef struct {
    char *text;
    size_t pos, line;
    size_t tok_line; /* line of the token last returned */
    const char *path;
} lexer;

static int lexer_open(lexer *lx, const char *path, rc_error *err)
{
    memset(lx, 0, sizeof *lx);
    lx->path = path;
    lx->line = 1;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return rc_error_set(err, RC_EIO, "%s: cannot open the weights file: %s", path, strerror(errno));
    size_t cap = 1 << 16, len = 0, got;
    lx->text = malloc(cap + 1);
    while (lx->text && (got = fread(lx->text + len, 1, cap - len, fp)) > 0) {
        len += got;
        if (len == cap) {
            char *t = realloc(lx->text, 2 * cap + 1);
            if (!t) {
                free(lx->text);
                lx->text = NULL;
                break;
            }
            lx->text = t, cap *= 2;
        }
    }
    int bad = ferror(fp);
    fclose(fp);
    if (!lx->text)
        return rc_error_set(err, RC_ENOMEM, "out of memory reading %s", path);
    if (bad) {
        free(lx->text);
        return rc_error_set(err, RC_EIO, "%s: read error", path);
    }
    lx->text[len] = 0;
    if (len >= 3 && !memcmp(lx->text, "\xEF\xBB\xBF", 3))
        lx->pos = 3;
    return RC_OK;
}

/* Next token (NUL-terminated in place) or NULL at the end of the text. */
static char *next_token(lexer *lx)
{
    char *s = lx->text;
    while (s[lx->pos] && isspace((unsigned char)s[lx->pos]))
        lx->line += s[lx->pos++] == '\n';
    if (!s[lx->pos])
        return NULL;
    lx->tok_line = lx->line;
    char *tok = s + lx->pos;
    while (s[lx->pos] && !isspace((unsigned char)s[lx->pos]))
        lx->pos++;
    if (s[lx->pos]) {
        lx->line += s[lx->pos] == '\n';
        s[lx->pos++] = 0;
    }
    return tok;
}

static int parse_count(const char *tok, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(tok, &end, 10);
    if (errno || *end || tok[0] == '-' || !isdigit((unsigned char)tok[0]))
        return 0;
    *out = (size_t)v;
    return 1;
}

/* Header "0 n [shape] [id]" or "n" on the first line: returns n. */
static int read_header(lexer *lx, size_t *n, rc_error *err)
{
    char *line = lx->text + lx->pos, *nl = strchr(line, '\n');
    if (nl)
        *nl = 0;
    char a[64] = "", b[64] = "";
    int k = sscanf(line, "%63s %63s", a, b);
    size_t zero;
    int ok = k == 1 ? parse_count(a, n) : k == 2 && parse_count(a, &zero) && parse_count(b, n);
    if (!ok)
        return rc_error_set(err, RC_EINPUT,
                            "%s:1: not a weights header (expected '0 N [shape] [id]' or 'N')", lx->path);
    lx->pos = nl ? (size_t)(nl + 1 - lx->text) : lx->pos + strlen(line);
    lx->line = 2;
    return RC_OK;
}

/* Ids → index by a sorted array of (id, index); n is small enough for O(n log n). */
typedef struct {
    const char *id;
    size_t index;
} id_entry;

static int id_cmp(const void *a, const void *b)
{
    return strcmp(((const id_entry *)a)->id, ((const id_entry *)b)->id);
}

static size_t id_lookup(const id_entry *map, size_t n, const char *id)
{
    id_entry key = {id, 0};
    const id_entry *hit = bsearch(&key, map, n, sizeof *map, id_cmp);
    return hit ? hit->index : SIZE_MAX;
}

typedef struct {
    size_t *from, *to;
    double *w;
    size_t *line;
    const char **to_id;
    size_t m, cap;
} link_list;

static int link_push(link_list *l, size_t from, const char *to_id, double w, size_t line)
{
    if (l->m == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 1024;
        size_t *f = realloc(l->from, cap * sizeof *f);
        if (f)
            l->from = f;
        size_t *t = realloc(l->to, cap * sizeof *t);
        if (t)
            l->to = t;
        double *ww = realloc(l->w, cap * sizeof *ww);
        if (ww)
            l->w = ww;
        size_t *ln = realloc(l->line, cap * sizeof *ln);
        if (ln)
            l->line = ln;
        const char **ti = realloc(l->to_id, cap * sizeof *ti);
        if (ti)
            l->to_id = ti;
        if (!f || !t || !ww || !ln || !ti)
            return 0;
        l->cap = cap;
    }
    l->from[l->m] = from, l->to_id[l->m] = to_id, l->w[l->m] = w, l->line[l->m++] = line;
    return 1;
}

static void link_list_free(link_list *l)
{
    free(l->from), free(l->to), free(l->w), free(l->line), free(l->to_id);
}

/* Resolve to_id of every link and build the weights. */
static int finish(rc_weights **out, lexer *lx, char **ids, size_t n, link_list *l, rc_error *err)
{
    id_entry *map = malloc((n ? n : 1) * sizeof *map);
    if (!map)
        return rc_error_set(err, RC_ENOMEM, "out of memory (weights)");
    for (size_t i = 0; i < n; i++)
        map[i] = (id_entry){ids[i], i};
    qsort(map, n, sizeof *map, id_cmp);
    for (size_t i = 1; i < n; i++)
        if (!strcmp(map[i].id, map[i - 1].id)) {
            int rc = rc_error_set(err, RC_EINPUT, "%s: region '%s' is listed twice", lx->path, map[i].id);
            free(map);
            return rc;
        }
    int rc = RC_OK;
    for (size_t e = 0; e < l->m && rc == RC_OK; e++) {
        l->to[e] = id_lookup(map, n, l->to_id[e]);
        if (l->to[e] == SIZE_MAX)
            rc = rc_error_set(err, RC_EINPUT, "%s:%zu: neighbour '%s' is not one of the file's regions",
                              lx->path, l->line[e], l->to_id[e]);
        else if (l->to[e] == l->from[e])
            rc = rc_error_set(err, RC_EINPUT, "%s:%zu: region '%s' is listed as its own neighbour",
                              lx->path, l->line[e], l->to_id[e]);
    }
    free(map);
    if (rc == RC_OK)
        rc = rc_weights_from_links(out, n, (const char *const *)ids, l->from, l->to, l->w, l->m, err);
    return rc;
}

int rc_weights_read_gal(rc_weights **out, const char *path, rc_error *err)
{
    *out = NULL;
    lexer lx;
    int rc = lexer_open(&lx, path, err);
    if (rc != RC_OK)
        return rc;
    size_t n = 0;
    char **ids = NULL;
    link_list l = {0};
    if ((rc = read_header(&lx, &n, err)) != RC_OK)
        goto done;
    if (n > strlen(lx.text + lx.pos)) { /* each region needs at least "id 0" */
        rc = rc_error_set(err, RC_EINPUT, "%s:1: the header announces %zu regions; the file is too short",
                          path, n);
        goto done;
    }
    ids = calloc(n ? n : 1, sizeof *ids);
    if (!ids) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory (weights)");
        goto done;
    }
    for (size_t i = 0; i < n && rc == RC_OK; i++) {
        char *id = next_token(&lx);
        size_t line = id ? lx.tok_line : lx.line;
        char *kt = id ? next_token(&lx) : NULL;
        size_t k;
        if (!id || !kt) {
            rc = rc_error_set(err, RC_EINPUT, "%s:%zu: %sexpected 'id count' for region %zu of %zu", path,
                              id ? line : lx.tok_line, id ? "" : "the file ends here; ", i + 1, n);
            break;
        }
        if (!parse_count(kt, &k)) {
            rc = rc_error_set(err, RC_EINPUT, "%s:%zu: '%s' is not a neighbour count (region '%s')",
                              path, lx.tok_line, kt, id);
            break;
        }
        ids[i] = id;
        for (size_t t = 0; t < k; t++) {
            char *nb = next_token(&lx);
            if (!nb) {
                rc = rc_error_set(err, RC_EINPUT, "%s:%zu: region '%s' announces %zu neighbours, the file ends after %zu",
                                  path, lx.line, id, k, t);
                break;
            }
            if (!link_push(&l, i, nb, 1.0, lx.tok_line)) {
                rc = rc_error_set(err, RC_ENOMEM, "out of memory (weights)");
                break;
            }
        }
    }
    if (rc == RC_OK && next_token(&lx))
        rc = rc_error_set(err, RC_EINPUT, "%s:%zu: text after the %zu regions the header announces", path,
                          lx.tok_line, n);
    if (rc == RC_OK)
        rc = finish(out, &lx, ids, n, &l, err);
done:
    free(ids);
    link_list_free(&l);
    free(lx.text);
    return rc;
}

int rc_weights_read_gwt(rc_weights **out, const char *path, rc_error *err)
{
    *out = NULL;
    lexer lx;
    int rc = lexer_open(&lx, path, err);
    if (rc != RC_OK)
        return rc;
    size_t n = 0, nids = 0;
    char **ids = NULL;
    link_list l = {0};
    id_entry *seen = NULL; /* ids in first-appearance order, looked up linearly through a sorted copy */
    if ((rc = read_header(&lx, &n, err)) != RC_OK)
        goto done;
    size_t cap = 64;
    ids = malloc(cap * sizeof *ids);
    if (!ids) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory (weights)");
        goto done;
    }
    char *a;
    /* First pass: links with focal ids; regions in order of first appearance as focal or
     * neighbour (libpysal keeps the focal order; a region that is only a neighbour follows). */
    while ((a = next_token(&lx)) != NULL) {
        size_t line = lx.tok_line;
        char *b = next_token(&lx);
        int same = b && lx.tok_line == line;
        char *v = same ? next_token(&lx) : NULL;
        if (!same || !v || lx.tok_line != line) {
            rc = rc_error_set(err, RC_EINPUT, "%s:%zu: expected 'id neighbour weight'", path, line);
            break;
        }
        char *end;
        double w = strtod(v, &end);
        if (*end || !isfinite(w)) {
            rc = rc_error_set(err, RC_EINPUT, "%s:%zu: weight '%s' is not a number", path, line, v);
            break;
        }
        if (!link_push(&l, SIZE_MAX, b, w, line)) {
            rc = rc_error_set(err, RC_ENOMEM, "out of memory (weights)");
            break;
        }
        l.from[l.m - 1] = (size_t)(a - lx.text); /* offset of the focal id, resolved below */
    }
    if (rc != RC_OK)
        goto done;
    /* Collect distinct ids (focal first, then neighbour-only) in order of appearance. */
    size_t m = l.m;
    seen = malloc((2 * m + 1) * sizeof *seen);
    if (!seen) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory (weights)");
        goto done;
    }
    size_t nseen = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t e = 0; e < m; e++) {
            const char *id = pass == 0 ? lx.text + l.from[e] : l.to_id[e];
            int dup = 0;
            for (size_t s = 0; s < nseen && !dup; s++)
                dup = !strcmp(seen[s].id, id);
            if (dup)
                continue;
            if (nids == cap) {
                char **t = realloc(ids, 2 * cap * sizeof *ids);
                if (!t) {
                    rc = rc_error_set(err, RC_ENOMEM, "out of memory (weights)");
                    goto done;
                }
                ids = t, cap *= 2;
            }
            ids[nids] = (char *)id;
            seen[nseen++] = (id_entry){id, nids++};
        }
    qsort(seen, nseen, sizeof *seen, id_cmp);
    for (size_t e = 0; e < m; e++)
        l.from[e] = id_lookup(seen, nseen, lx.text + l.from[e]);
    if (nids > n) {
        rc = rc_error_set(err, RC_EINPUT, "%s:1: the header announces %zu regions, the links name %zu", path,
                          n, nids);
        goto done;
    }
    /* Fewer ids than announced: the others are islands, which GWT cannot name; they are left
     * out (as libpysal does). */
    rc = finish(out, &lx, ids, nids, &l, err);
done:
    free(seen);
    free(ids);
    link_list_free(&l);
    free(lx.text);
    return rc;
}

static int has_ext(const char *path, const char *ext)
{
    size_t lp = strlen(path), le = strlen(ext);
    return lp > le && !strcasecmp(path + lp - le, ext);
}

int rc_weights_read(rc_weights **out, const char *path, rc_error *err)
{
    if (has_ext(path, ".gwt"))
        return rc_weights_read_gwt(out, path, err);
    if (has_ext(path, ".gal"))
        return rc_weights_read_gal(out, path, err);
    *out = NULL;
    return rc_error_set(err, RC_EUSAGE, "%s: weights files end in .gal or .gwt", path);
}

static int check_ids(const rc_weights *w, const char *path, rc_error *err)
{
    for (size_t i = 0; i < w->n; i++) {
        const char *s = w->ids[i];
        if (!*s)
            return rc_error_set(err, RC_EINPUT, "%s: region %zu has an empty id", path, i + 1);
        for (; *s; s++)
            if (isspace((unsigned char)*s))
                return rc_error_set(err, RC_EINPUT,
                                    "%s: region id '%s' contains white space, which GAL/GWT cannot hold",
                                    path, w->ids[i]);
    }
    return RC_OK;
}

/* libpysal writes the shape file's base name and id field in the header. */
static void header(FILE *fp, const rc_weights *w, const char *path, const char *id_field)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t len = strcspn(base, ".");
    fprintf(fp, "0 %zu %.*s %s\n", w->n, (int)(len ? len : 7), len ? base : "unknown",
            id_field && *id_field && !strpbrk(id_field, " \t\n") ? id_field : "unknown");
}

static int write_file(const rc_weights *w, const char *path, const char *id_field, int gwt,
                      rc_error *err)
{
    int rc = check_ids(w, path, err);
    if (rc != RC_OK)
        return rc;
    rc_atomic_file f;
    if ((rc = rc_atomic_open(&f, path, 1, err)) != RC_OK)
        return rc;
    header(f.fp, w, path, id_field);
    for (size_t i = 0; i < w->n; i++) {
        if (!gwt) {
            fprintf(f.fp, "%s %zu\n", w->ids[i], w->offsets[i + 1] - w->offsets[i]);
            for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++)
                fprintf(f.fp, "%s%s", e > w->offsets[i] ? " " : "", w->ids[w->neighbours[e]]);
            fputc('\n', f.fp);
        } else {
            for (size_t e = w->offsets[i]; e < w->offsets[i + 1]; e++)
                fprintf(f.fp, "%s %s %.17g\n", w->ids[i], w->ids[w->neighbours[e]], w->original[e]);
        }
    }
    if (ferror(f.fp)) {
        rc_atomic_abort(&f);
        return rc_error_set(err, RC_EIO, "%s: write error", path);
    }
    return rc_atomic_commit(&f, err);
}

int rc_weights_write_gal(const rc_weights *w, const char *path, const char *id_field,
                         rc_error *err)
{
    return write_file(w, path, id_field, 0, err);
}

int rc_weights_write_gwt(const rc_weights *w, const char *path, const char *id_field,
                         rc_error *err)
{
    return write_file(w, path, id_field, 1, err);
}

int rc_weights_write(const rc_weights *w, const char *path, const char *id_field, rc_error *err)
{
    if (has_ext(path, ".gwt"))
        return rc_weights_write_gwt(w, path, id_field, err);
    if (has_ext(path, ".gal"))
        return rc_weights_write_gal(w, path, id_field, err);
    return rc_error_set(err, RC_EUSAGE, "%s: weights files end in .gal or .gwt", path);
}
