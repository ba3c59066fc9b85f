/* gal_weights.c — GAL file → row-standardised CSR weights over a panel's regions. */
#include "gal_weights.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rc_gal_free(rc_gal_weights *w)
{
    free(w->off), free(w->nb), free(w->w);
    memset(w, 0, sizeof *w);
}

typedef struct {
    const char *id;
    size_t i;
} id_index;

static int by_id(const void *a, const void *b)
{
    return strcmp(((const id_index *)a)->id, ((const id_index *)b)->id);
}

/* Panel position of id, or SIZE_MAX (binary search: 3,000-county files stay fast). */
static size_t lookup(const id_index *ix, size_t n, const char *id)
{
    id_index key = {id, 0};
    const id_index *f = bsearch(&key, ix, n, sizeof *ix, by_id);
    return f ? f->i : SIZE_MAX;
}

int rc_gal_read(rc_gal_weights *w, const char *path, const rc_panel *p, rc_error *err)
{
    memset(w, 0, sizeof *w);
    size_t n = rc_panel_nregions(p);
    FILE *fp = fopen(path, "r");
    if (!fp)
        return rc_error_set(err, RC_EIO, "%s: cannot open the weights file", path);
    int rc = RC_OK;
    char line[1024];
    unsigned long a = 0, b = 0;
    int got = fgets(line, sizeof line, fp) ? sscanf(line, "%lu %lu", &a, &b) : 0;
    size_t nfile = got == 2 && a == 0 ? b : a;
    id_index *ix = malloc((n ? n : 1) * sizeof *ix);
    size_t *cnt = calloc(n + 1, sizeof *cnt), **lists = calloc(n ? n : 1, sizeof *lists);
    unsigned char *seen = calloc(n ? n : 1, 1);
    w->n = n;
    w->off = calloc(n + 1, sizeof *w->off);
    if (got < 1) {
        rc = rc_error_set(err, RC_EINPUT, "%s:1: not a GAL header (expected the number of regions)", path);
        goto done;
    }
    if (!ix || !cnt || !lists || !seen || !w->off) {
        rc = rc_error_set(err, RC_ENOMEM, "out of memory (weights)");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        ix[i] = (id_index){rc_panel_region_id(p, i), i};
    qsort(ix, n, sizeof *ix, by_id);
    for (size_t r = 0; r < nfile && rc == RC_OK; r++) {
        char id[256];
        unsigned long k;
        if (fscanf(fp, "%255s %lu", id, &k) != 2) {
            rc = rc_error_set(err, RC_EINPUT, "%s: region %zu of %zu: expected 'id count'", path, r + 1, nfile);
            break;
        }
        size_t i = lookup(ix, n, id);
        size_t *list = i != SIZE_MAX && k ? malloc(k * sizeof *list) : NULL, m = 0;
        if (i != SIZE_MAX && seen[i]) {
            free(list);
            rc = rc_error_set(err, RC_EINPUT, "%s: region '%s' is listed twice", path, id);
            break;
        }
        for (unsigned long e = 0; e < k; e++) {
            char nbid[256];
            if (fscanf(fp, "%255s", nbid) != 1) {
                rc = rc_error_set(err, RC_EINPUT, "%s: region '%s': fewer neighbours than %lu", path, id, k);
                break;
            }
            size_t j = lookup(ix, n, nbid);
            if (i == SIZE_MAX)
                continue;
            if (j == SIZE_MAX)
                w->dropped_links++;
            else if (list)
                list[m++] = j;
        }
        if (i != SIZE_MAX) {
            seen[i] = 1;
            lists[i] = list;
            cnt[i] = m;
        } else {
            free(list);
        }
    }
    if (rc == RC_OK) {
        char missing[512] = "";
        size_t nm = 0;
        for (size_t i = 0; i < n; i++)
            if (!seen[i] && nm++ < 10)
                snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s",
                         nm > 1 ? ", " : "", rc_panel_region_id(p, i));
        if (nm)
            rc = rc_error_set(err, RC_EINPUT, "%s: %zu region%s of the panel %s not in the weights file: %s%s",
                              path, nm, nm == 1 ? "" : "s", nm == 1 ? "is" : "are", missing,
                              nm > 10 ? ", …" : "");
    }
    if (rc == RC_OK) {
        for (size_t i = 0; i < n; i++)
            w->off[i + 1] = w->off[i] + cnt[i];
        size_t nnz = w->off[n];
        w->nb = malloc((nnz ? nnz : 1) * sizeof *w->nb);
        w->w = malloc((nnz ? nnz : 1) * sizeof *w->w);
        if (!w->nb || !w->w) {
            rc = rc_error_set(err, RC_ENOMEM, "out of memory (weights)");
            goto done;
        }
        for (size_t i = 0; i < n; i++) {
            w->nislands += cnt[i] == 0;
            for (size_t e = 0; e < cnt[i]; e++) {
                w->nb[w->off[i] + e] = lists[i][e];
                w->w[w->off[i] + e] = 1.0 / (double)cnt[i];
            }
        }
    }
done:
    fclose(fp);
    for (size_t i = 0; lists && i < n; i++)
        free(lists[i]);
    free(ix), free(cnt), free(lists), free(seen);
    if (rc != RC_OK)
        rc_gal_free(w);
    return rc;
}
