/* write_xlsx.c — one worksheet per table, header row in bold, numbers as numbers. */
#include "regcoord/table.h"
#include "out/atomic_file.h"

#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

/* Excel sheet names: at most 31 characters, none of []:*?/\ . */
static void sheet_name(char *out, size_t size, const char *name, size_t index)
{
    size_t k = 0;
    for (const char *p = name; *p && k + 1 < size && k < 31; p++)
        out[k++] = strchr("[]:*?/\\", *p) ? '_' : *p;
    out[k] = '\0';
    if (!k)
        snprintf(out, size, "table%zu", index + 1);
}

int rc_tables_write_xlsx(const rc_table *const *tables, size_t ntables, const char *path,
                         rc_error *err)
{
    rc_atomic_file f;
    int rc = rc_atomic_open(&f, path, 0, err);
    if (rc != RC_OK)
        return rc;
    lxw_workbook *wb = workbook_new(f.tmp_path);
    if (!wb) {
        rc_atomic_abort(&f);
        return rc_error_set(err, RC_EIO, "cannot create workbook '%s'", path);
    }
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_error status = LXW_NO_ERROR;
    for (size_t k = 0; k < ntables && status == LXW_NO_ERROR; k++) {
        const rc_table *t = tables[k];
        char name[32];
        sheet_name(name, sizeof name, rc_table_name(t), k);
        lxw_worksheet *ws = workbook_add_worksheet(wb, name);
        if (!ws) {
            status = LXW_ERROR_SHEETNAME_ALREADY_USED;
            break;
        }
        size_t nc = rc_table_ncols(t), nr = rc_table_nrows(t);
        if (nr + 1 > LXW_ROW_MAX || nc > LXW_COL_MAX) {
            workbook_close(wb);
            rc_atomic_abort(&f);
            return rc_error_set(err, RC_EUSAGE,
                                "table '%s' has %zu rows: more than an XLSX sheet holds; use csv",
                                rc_table_name(t), nr);
        }
        for (size_t c = 0; c < nc && status == LXW_NO_ERROR; c++)
            status = worksheet_write_string(ws, 0, (lxw_col_t)c, rc_table_column_name(t, c), bold);
        for (size_t r = 0; r < nr && status == LXW_NO_ERROR; r++)
            for (size_t c = 0; c < nc && status == LXW_NO_ERROR; c++) {
                lxw_row_t row = (lxw_row_t)(r + 1);
                lxw_col_t col = (lxw_col_t)c;
                switch (rc_table_column_type(t, c)) {
                case RC_COL_STR:
                    status = worksheet_write_string(ws, row, col, rc_table_get_str(t, r, c), NULL);
                    break;
                case RC_COL_INT:
                    status = worksheet_write_number(ws, row, col, (double)rc_table_get_int(t, r, c), NULL);
                    break;
                case RC_COL_DBL: {
                    double x = rc_table_get_dbl(t, r, c);
                    if (isfinite(x))
                        status = worksheet_write_number(ws, row, col, x, NULL);
                }
                }
            }
    }
    lxw_error closed = workbook_close(wb);
    if (status == LXW_NO_ERROR)
        status = closed;
    if (status != LXW_NO_ERROR) {
        rc_atomic_abort(&f);
        return rc_error_set(err, RC_EIO, "cannot write '%s': %s", path, lxw_strerror(status));
    }
    return rc_atomic_commit(&f, err);
}
