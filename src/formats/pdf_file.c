/* pdf_file.c: cairo PDF surfaces written into memory (see pdf_file.h). */
#include "formats/pdf_file.h"

#include <cairo-pdf.h>

#define PDF_MAX (64u << 20)

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int n)
{
	return buf_add(closure, data, n) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

int pdf_file_open(pdf_file *f, const char *title, double width, double height)
{
	buf_init(&f->out, PDF_MAX);
	f->surface = cairo_pdf_surface_create_for_stream(write_out, &f->out, width, height);
	cairo_pdf_surface_set_metadata(f->surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(f->surface, CAIRO_PDF_METADATA_CREATOR, "Praxis");
	f->cr = cairo_create(f->surface);
	return (int)cairo_status(f->cr);
}

int pdf_file_close(pdf_file *f, const char *what, char **pdf, size_t *len, err *e)
{
	cairo_status_t rc = cairo_status(f->cr);
	cairo_destroy(f->cr);
	cairo_surface_finish(f->surface);
	if (!rc)
		rc = cairo_surface_status(f->surface);
	cairo_surface_destroy(f->surface);
	*pdf = NULL;
	*len = 0;
	if (rc) {
		buf_release(&f->out);
		return err_set(e, ERR_INTERNAL, "could not draw %s: %s", what, cairo_status_to_string(rc));
	}
	*len = f->out.len;
	*pdf = buf_detach(&f->out);
	return 0;
}
