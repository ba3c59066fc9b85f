/* report.c — HTML assembly of the study report (see regcoord/report.h). */
#include "regcoord/report.h"
#include "regcoord/strbuf.h"
#include "out/atomic_file.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rc_report {
    char *title;
    rc_strbuf toc, body;
    int section_open;
};

int rc_report_new(rc_report **out, const char *title, rc_error *err)
{
    rc_report *r = calloc(1, sizeof *r);
    if (!r || !(r->title = strdup(title))) {
        free(r);
        *out = NULL;
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    *out = r;
    return RC_OK;
}

void rc_report_free(rc_report *r)
{
    if (!r)
        return;
    free(r->title);
    rc_strbuf_free(&r->toc);
    rc_strbuf_free(&r->body);
    free(r);
}

static int check(const rc_report *r, rc_error *err)
{
    return r->body.failed || r->toc.failed ? rc_error_set(err, RC_ENOMEM, "out of memory") : RC_OK;
}

int rc_report_section(rc_report *r, const char *id, const char *title, rc_error *err)
{
    rc_strbuf_printf(&r->toc, "<li><a href=\"#%s\">", id);
    rc_strbuf_append_xml(&r->toc, title);
    rc_strbuf_append(&r->toc, "</a></li>\n");
    if (r->section_open)
        rc_strbuf_append(&r->body, "</section>\n");
    r->section_open = 1;
    rc_strbuf_printf(&r->body, "<section id=\"%s\">\n<h2>", id);
    rc_strbuf_append_xml(&r->body, title);
    rc_strbuf_append(&r->body, "</h2>\n");
    return check(r, err);
}

int rc_report_text(rc_report *r, const char *text, rc_error *err)
{
    rc_strbuf_append(&r->body, "<p>");
    rc_strbuf_append_xml(&r->body, text);
    rc_strbuf_append(&r->body, "</p>\n");
    return check(r, err);
}

int rc_table_to_csv(char **out, const rc_table *t, rc_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp)
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    int rc = rc_table_write_stream(t, RC_FORMAT_CSV, fp, err);
    fclose(fp);
    if (rc != RC_OK) {
        free(buf);
        return rc;
    }
    *out = buf;
    return RC_OK;
}

/* The table as an embedded CSV block and a data: URI download link. */
static int embed_data(rc_report *r, const rc_table *t, const char *data_id, rc_error *err)
{
    char *csv;
    int rc = rc_table_to_csv(&csv, t, err);
    if (rc != RC_OK)
        return rc;
    rc_strbuf_printf(&r->body, "<a class=\"download\" download=\"%s.csv\" href=\"data:text/csv;charset=utf-8,", data_id);
    for (const unsigned char *p = (const unsigned char *)csv; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-_.~", *p))
            rc_strbuf_appendn(&r->body, (const char *)p, 1);
        else
            rc_strbuf_printf(&r->body, "%%%02X", *p);
    }
    rc_strbuf_printf(&r->body, "\">data (CSV)</a>\n<script type=\"text/csv\" id=\"data-%s\">\n", data_id);
    /* "</" cannot occur in CSV of our tables unless a label holds it; escape it anyway. */
    for (const char *p = csv; *p; p++) {
        if (p[0] == '<' && p[1] == '/') {
            rc_strbuf_append(&r->body, "<\\/");
            p++;
        } else {
            rc_strbuf_appendn(&r->body, p, 1);
        }
    }
    rc_strbuf_append(&r->body, "</script>\n");
    free(csv);
    return check(r, err);
}

int rc_report_chart(rc_report *r, const char *svg, const char *caption, const rc_table *data,
                    const char *data_id, rc_error *err)
{
    rc_strbuf_append(&r->body, "<figure>\n");
    rc_strbuf_append(&r->body, svg);
    rc_strbuf_append(&r->body, "<figcaption>");
    rc_strbuf_append_xml(&r->body, caption);
    rc_strbuf_append(&r->body, " ");
    int rc = data ? embed_data(r, data, data_id, err) : RC_OK;
    rc_strbuf_append(&r->body, "</figcaption>\n</figure>\n");
    return rc != RC_OK ? rc : check(r, err);
}

int rc_report_table(rc_report *r, const rc_table *t, const char *caption, size_t max_rows,
                    const char *data_id, rc_error *err)
{
    size_t nc = rc_table_ncols(t), nr = rc_table_nrows(t);
    rc_strbuf_append(&r->body, "<div class=\"table\"><table>\n<caption>");
    rc_strbuf_append_xml(&r->body, caption);
    rc_strbuf_append(&r->body, "</caption>\n<thead><tr>");
    for (size_t c = 0; c < nc; c++) {
        rc_strbuf_append(&r->body, "<th>");
        rc_strbuf_append_xml(&r->body, rc_table_column_name(t, c));
        rc_strbuf_append(&r->body, "</th>");
    }
    rc_strbuf_append(&r->body, "</tr></thead>\n<tbody>\n");
    for (size_t row = 0; row < nr && row < max_rows; row++) {
        rc_strbuf_append(&r->body, "<tr>");
        for (size_t c = 0; c < nc; c++) {
            switch (rc_table_column_type(t, c)) {
            case RC_COL_STR:
                rc_strbuf_append(&r->body, "<td>");
                rc_strbuf_append_xml(&r->body, rc_table_get_str(t, row, c));
                break;
            case RC_COL_INT:
                rc_strbuf_printf(&r->body, "<td class=\"num\">%lld", rc_table_get_int(t, row, c));
                break;
            case RC_COL_DBL: {
                double x = rc_table_get_dbl(t, row, c);
                if (isfinite(x))
                    rc_strbuf_printf(&r->body, "<td class=\"num\">%.4g", x);
                else
                    rc_strbuf_append(&r->body, "<td class=\"num na\">NA");
            }
            }
            rc_strbuf_append(&r->body, "</td>");
        }
        rc_strbuf_append(&r->body, "</tr>\n");
    }
    rc_strbuf_append(&r->body, "</tbody></table>\n");
    if (nr > max_rows)
        rc_strbuf_printf(&r->body, "<p class=\"note\">%zu of %zu rows shown; all in the CSV.</p>\n",
                         max_rows, nr);
    int rc = embed_data(r, t, data_id, err);
    rc_strbuf_append(&r->body, "</div>\n");
    return rc != RC_OK ? rc : check(r, err);
}

static const char *const style =
    "body{font-family:system-ui,'Noto Sans','Noto Sans CJK SC',sans-serif;max-width:1000px;"
    "margin:2em auto;padding:0 1em;color:#222;line-height:1.45}"
    "h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;"
    "margin-top:2em}figure{margin:1.2em 0}figcaption{font-size:.9em;color:#444}"
    "svg{max-width:100%;height:auto}table{border-collapse:collapse;font-size:.9em;margin:.8em 0}"
    "th,td{padding:.2em .6em;border-bottom:1px solid #e5e5e5}th{text-align:left;background:#f6f6f6}"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}td.na{color:#999}"
    "caption{text-align:left;font-weight:600;padding:.3em 0}a.download{font-size:.85em;margin-left:.5em}"
    "nav ol{columns:2}.note{font-size:.85em;color:#555}div.table{overflow-x:auto}";

int rc_report_write(const rc_report *r, const char *path, rc_error *err)
{
    rc_atomic_file f;
    int rc = rc_atomic_open(&f, path, 1, err);
    if (rc != RC_OK)
        return rc;
    rc_strbuf head;
    rc_strbuf_init(&head);
    rc_strbuf_append(&head, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    rc_strbuf_append_xml(&head, r->title);
    rc_strbuf_printf(&head, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", style);
    rc_strbuf_append_xml(&head, r->title);
    rc_strbuf_append(&head, "</h1>\n<nav><ol>\n");
    if (head.failed) {
        rc_strbuf_free(&head);
        rc_atomic_abort(&f);
        return rc_error_set(err, RC_ENOMEM, "out of memory");
    }
    fputs(head.data, f.fp);
    rc_strbuf_free(&head);
    if (r->toc.data)
        fputs(r->toc.data, f.fp);
    fputs("</ol></nav>\n", f.fp);
    if (r->body.data)
        fputs(r->body.data, f.fp);
    fputs(r->section_open ? "</section>\n</body>\n</html>\n" : "</body>\n</html>\n", f.fp);
    return rc_atomic_commit(&f, err);
}
