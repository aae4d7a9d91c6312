/* reader.c: a code-set file's physical lines, read in blocks. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "codes/load.h"

int codes_rd_open(codes_rd *r, const char *path, err *e)
{
	memset(r, 0, sizeof *r);
	const char *slash = strrchr(path, '/');
	r->name = slash ? slash + 1 : path;
	r->f = fopen(path, "rb");
	if (!r->f)
		return err_set(e, ERR_BAD_REQUEST, "could not open %s: %s", r->name, strerror(errno));
	r->blk = malloc(CODES_BLOCK);
	if (!r->blk)
		abort();
	buf_init(&r->line, CODES_LINE_MAX + 1);
	return 0;
}

void codes_rd_close(codes_rd *r)
{
	if (r->f)
		fclose(r->f);
	free(r->blk);
	buf_release(&r->line);
	r->f = NULL;
	r->blk = NULL;
}

int codes_rd_next(codes_rd *r, err *e)
{
	buf_reset(&r->line);
	if (r->eof)
		return 0;
	bool any = false;
	for (;;) {
		if (r->bpos == r->blen) {
			r->bpos = 0;
			r->blen = fread(r->blk, 1, CODES_BLOCK, r->f);
			if (!r->blen) {
				if (ferror(r->f))
					return err_set(e, ERR_BAD_REQUEST, "could not read %s: %s", r->name,
						       strerror(errno));
				r->eof = true;
				if (!any)
					return 0;
				break;
			}
		}
		any = true;
		char *start = r->blk + r->bpos;
		char *nl = memchr(start, '\n', r->blen - r->bpos);
		size_t n = nl ? (size_t)(nl - start) : r->blen - r->bpos;
		if (buf_add(&r->line, start, n))
			return err_set(e, ERR_BAD_REQUEST, "%s: line %ld is longer than %d bytes: not a code-set file",
				       r->name, r->lineno + 1, CODES_LINE_MAX);
		r->bpos += n + (nl != NULL);
		if (nl)
			break;
	}
	r->lineno++;
	buf *l = &r->line;
	if (r->lineno == 1 && l->len >= 3 && !memcmp(l->s, "\xef\xbb\xbf", 3)) { /* a UTF-8 byte order mark */
		memmove(l->s, l->s + 3, l->len - 2);
		l->len -= 3;
	}
	if (l->len && l->s[l->len - 1] == '\r')
		l->s[--l->len] = 0;
	if (l->len && l->s[l->len - 1] == 0x1a) { /* DOS end-of-file byte: nothing follows */
		l->s[--l->len] = 0;
		r->eof = true;
		if (!l->len)
			return 0;
	}
	return 1;
}
