/* table.c: CSV and XLSX writers for report rows (see table.h). */
#include "formats/table.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "base/buf.h"

static void csv_text(buf *b, const char *s)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_adds(b, "\"");
	if (strchr("=+-@", s[0]) && s[0])
		buf_adds(b, "'");
	for (const char *p = s; *p; p++)
		buf_addf(b, *p == '"' ? "\"\"" : "%c", *p);
	if (quote)
		buf_adds(b, "\"");
}

int table_csv(const column *cols, int n, json_t *rows, char **out, size_t *len, err *e)
{
	(void)e;
	buf b;
	buf_init(&b, 64 << 20);
	for (int i = 0; i < n; i++) {
		if (i)
			buf_adds(&b, ",");
		csv_text(&b, cols[i].title);
	}
	buf_adds(&b, "\r\n");
	size_t r;
	json_t *row;
	json_array_foreach(rows, r, row) {
		for (int i = 0; i < n; i++) {
			if (i)
				buf_adds(&b, ",");
			json_t *v = json_object_get(row, cols[i].key);
			if (json_is_integer(v))
				buf_addf(&b, "%lld", (long long)json_integer_value(v));
			else if (json_is_real(v))
				buf_addf(&b, cols[i].kind == COL_PCT ? "%.4f" : "%.2f", json_real_value(v));
			else if (json_is_string(v))
				csv_text(&b, json_string_value(v));
		}
		buf_adds(&b, "\r\n");
	}
	*len = b.len;
	*out = buf_detach(&b);
	return 0;
}

int table_xlsx(const char *sheet, const column *cols, int n, json_t *rows, char **out, size_t *len, err *e)
{
	/* libxlsxwriter 1.1.4 writes to a file: a private temporary one, read back and removed */
	char path[] = "/tmp/praxis-xlsx-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return err_set(e, ERR_INTERNAL, "could not create a temporary file for the spreadsheet");
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, sheet) : NULL;
	if (!ws) {
		unlink(path);
		return err_set(e, ERR_INTERNAL, "could not start the spreadsheet");
	}
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *pct = workbook_add_format(wb);
	format_set_num_format(pct, "0.0%");
	lxw_format *num = workbook_add_format(wb);
	format_set_num_format(num, "0.0");
	for (int i = 0; i < n; i++) {
		worksheet_write_string(ws, 0, (lxw_col_t)i, cols[i].title, bold);
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, i ? 14 : 24, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	size_t r;
	json_t *row;
	json_array_foreach(rows, r, row) {
		for (int i = 0; i < n; i++) {
			json_t *v = json_object_get(row, cols[i].key);
			lxw_row_t y = (lxw_row_t)(r + 1);
			if (json_is_number(v))
				worksheet_write_number(ws, y, (lxw_col_t)i, json_number_value(v),
						       cols[i].kind == COL_PCT ? pct : cols[i].kind == COL_NUM ? num : NULL);
			else if (json_is_string(v))
				worksheet_write_string(ws, y, (lxw_col_t)i, json_string_value(v), NULL);
		}
	}
	lxw_error rc = workbook_close(wb);
	FILE *f = rc == LXW_NO_ERROR ? fopen(path, "rb") : NULL;
	long size = -1;
	if (f && !fseek(f, 0, SEEK_END) && (size = ftell(f)) > 0 && !fseek(f, 0, SEEK_SET)) {
		*out = malloc((size_t)size);
		if (!*out || fread(*out, 1, (size_t)size, f) != (size_t)size) {
			free(*out);
			size = -1;
		}
	}
	if (f)
		fclose(f);
	unlink(path);
	if (size <= 0)
		return err_set(e, ERR_INTERNAL, "could not write the spreadsheet");
	*len = (size_t)size;
	return 0;
}
