/* report.h — a self-contained HTML report assembled from sections, charts and tables.
 *
 * The report computes nothing: the caller runs the analyses, builds rc_tables and SVG charts
 * (chart.h) and hands them over. Every chart carries the table it was drawn from; the table
 * is embedded in the page as CSV (a download link and a <script type="text/csv"> block with
 * a stable id, so tests can compare it with the command-line output). The file has no
 * external scripts, fonts, styles or images and is written atomically. */
#ifndef REGCOORD_REPORT_H
#define REGCOORD_REPORT_H

#include "regcoord/error.h"
#include "regcoord/table.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rc_report rc_report;

int rc_report_new(rc_report **out, const char *title, rc_error *err);
void rc_report_free(rc_report *r);

/* Start a section (a heading with an id for the table of contents). */
int rc_report_section(rc_report *r, const char *id, const char *title, rc_error *err);
/* A paragraph of plain text (escaped). */
int rc_report_text(rc_report *r, const char *text, rc_error *err);
/* A chart (an <svg> string, copied) with a caption and the table behind it (may be NULL).
 * data_id names the embedded CSV block ("data-<data_id>") and the download file. */
int rc_report_chart(rc_report *r, const char *svg, const char *caption, const rc_table *data,
                    const char *data_id, rc_error *err);
/* A table shown as HTML (at most max_rows rows shown, all rows embedded as CSV). */
int rc_report_table(rc_report *r, const rc_table *t, const char *caption, size_t max_rows,
                    const char *data_id, rc_error *err);

int rc_report_write(const rc_report *r, const char *path, rc_error *err);

/* The CSV text of a table (RFC 4180, shortest exact numbers), malloc'ed. */
int rc_table_to_csv(char **out, const rc_table *t, rc_error *err);

#ifdef __cplusplus
}
#endif
#endif
