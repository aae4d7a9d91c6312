/* pdf_file.h: a PDF drawn with cairo into memory, for the forms and letters in formats/.
 *
 *     pdf_file f;
 *     if (pdf_file_open(&f, "Title", 612, 792) == 0) { draw on f.cr; cairo_show_page(f.cr); }
 *     rc = pdf_file_close(&f, "the statements", &bytes, &len, &e);
 *
 * pdf_file_close reports any cairo error as ERR_INTERNAL ("could not draw <what>: ...") and
 * otherwise hands over the malloc'ed bytes. */
#ifndef PRAXIS_PDF_FILE_H
#define PRAXIS_PDF_FILE_H

#include <cairo.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

typedef struct pdf_file {
	buf out;
	cairo_surface_t *surface;
	cairo_t *cr;
} pdf_file;

/* Answers cairo's status: drawing may go on while it is CAIRO_STATUS_SUCCESS (0). */
int pdf_file_open(pdf_file *f, const char *title, double width, double height);
int pdf_file_close(pdf_file *f, const char *what, char **pdf, size_t *len, err *e);

#endif
