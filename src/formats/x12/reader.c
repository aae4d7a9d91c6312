/* reader.c: the streaming segment reader (see x12.h). */
#include "formats/x12/x12.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK (256 * 1024)

struct x12_reader {
	int fd;              /* -1: reading memory */
	const char *buf;     /* the window: rbuf for a file, the caller's bytes for memory */
	char *rbuf;
	size_t len, pos;     /* bytes in the window, and the next unread one */
	int64_t base;        /* input offset of buf[0] */
	bool eof, have_seps;
	long line;
	x12_seps seps;
	char seg[X12_MAX_SEGMENT + 1];
};

static x12_reader *new_reader(err *e)
{
	x12_reader *r = calloc(1, sizeof *r);
	if (!r)
		err_set(e, ERR_INTERNAL, "out of memory");
	else
		r->line = 1;
	return r;
}

x12_reader *x12_open_file(const char *path, err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, ERR_BAD_REQUEST, "cannot open the file: %s", strerror(errno)), NULL;
	x12_reader *r = new_reader(e);
	if (r && !(r->rbuf = malloc(BLOCK))) {
		free(r);
		r = NULL;
		err_set(e, ERR_INTERNAL, "out of memory");
	}
	if (!r) {
		close(fd);
		return NULL;
	}
	r->fd = fd;
	r->buf = r->rbuf;
	return r;
}

x12_reader *x12_open_mem(const char *data, size_t len, err *e)
{
	x12_reader *r = new_reader(e);
	if (r) {
		r->fd = -1;
		r->buf = data;
		r->len = len;
		r->eof = true;
	}
	return r;
}

void x12_close(x12_reader *r)
{
	if (!r)
		return;
	if (r->fd >= 0)
		close(r->fd);
	free(r->rbuf);
	free(r);
}

int64_t x12_bytes(const x12_reader *r) { return r->base + (int64_t)r->pos; }

/* Keeps the unread bytes and reads more after them. 1: more bytes, 0: none (end), -1 error. */
static int fill(x12_reader *r, err *e)
{
	if (r->eof)
		return 0;
	if (r->pos) {
		memmove(r->rbuf, r->rbuf + r->pos, r->len - r->pos);
		r->base += (int64_t)r->pos;
		r->len -= r->pos;
		r->pos = 0;
	}
	if (r->len == BLOCK)
		return 1; /* full: the caller decides whether that is too long */
	ssize_t n;
	do
		n = read(r->fd, r->rbuf + r->len, BLOCK - r->len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return err_set(e, ERR_INTERNAL, "reading the file: %s", strerror(errno));
	if (n == 0) {
		r->eof = true;
		return 0;
	}
	r->len += (size_t)n;
	return 1;
}

/* At least `n` unread bytes, unless the input ends first. */
static int want(x12_reader *r, size_t n, err *e)
{
	while (r->len - r->pos < n) {
		size_t had = r->len - r->pos;
		int rc = fill(r, e);
		if (rc <= 0)
			return rc;
		if (r->len - r->pos == had)
			return 1; /* full window */
	}
	return 1;
}

static bool punct(char c) { return c && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != ' '; }

/* Reads the separators from the ISA at r->pos: the element separator follows "ISA", the
 * component separator is the one byte of ISA16, the segment terminator the byte after it. */
static int read_isa(x12_reader *r, err *e)
{
	if (want(r, 128, e) < 0)
		return -1;
	const char *p = r->buf + r->pos, *end = r->buf + r->len;
	if (end - p < 4)
		return err_set(e, ERR_BAD_REQUEST, "line %ld: ISA: the interchange header is cut short", r->line);
	char el = p[3];
	if (!punct(el))
		return err_set(e, ERR_BAD_REQUEST, "line %ld: ISA: no element separator after ISA", r->line);
	int n = 0;
	const char *q = p + 3, *isa11 = NULL;
	for (; q < end && n < 16; q++)
		if (*q == el && ++n == 11)
			isa11 = q + 1;
	if (n < 16 || end - q < 2)
		return err_set(e, ERR_BAD_REQUEST, "line %ld: ISA: fewer than 16 elements", r->line);
	char comp = q[0], term = q[1];
	if (!punct(comp) || comp == el)
		return err_set(e, ERR_BAD_REQUEST, "line %ld: ISA16: the component separator must be punctuation", r->line);
	if (term == el || term == comp || (term != '\n' && term != '\r' && !punct(term)))
		return err_set(e, ERR_BAD_REQUEST, "line %ld: ISA: no segment terminator after ISA16", r->line);
	r->seps.element = el;
	r->seps.component = comp;
	r->seps.segment = term;
	r->seps.repetition = isa11 && isa11[1] == el && punct(isa11[0]) && isa11[0] != comp && isa11[0] != term ? isa11[0] : 0;
	r->have_seps = true;
	return 0;
}

int x12_next(x12_reader *r, x12_seg *s, err *e)
{
	/* between segments: line breaks, blanks, a byte-order mark at the start, a 0x1A at the end */
	for (;;) {
		if (r->pos == r->len) {
			int rc = fill(r, e);
			if (rc <= 0)
				return rc;
		}
		unsigned char c = (unsigned char)r->buf[r->pos];
		if (c == '\n')
			r->line++;
		if (c == '\n' || c == '\r' || c == ' ' || c == '\t' || c == 0x1A)
			r->pos++;
		else if (c == 0xEF && r->base + (int64_t)r->pos == 0) {
			if (want(r, 3, e) < 0)
				return -1;
			if (r->len - r->pos >= 3 && (unsigned char)r->buf[r->pos + 1] == 0xBB && (unsigned char)r->buf[r->pos + 2] == 0xBF)
				r->pos += 3;
			else
				break;
		} else
			break;
	}
	if (want(r, 3, e) < 0)
		return -1;
	bool isa = r->len - r->pos >= 3 && !memcmp(r->buf + r->pos, "ISA", 3);
	if (isa && read_isa(r, e))
		return -1;
	if (!r->have_seps)
		return err_set(e, ERR_BAD_REQUEST, "line %ld: the file does not begin with an ISA segment", r->line);
	char term = r->seps.segment;
	const char *t;
	for (;;) {
		t = memchr(r->buf + r->pos, term, r->len - r->pos);
		if (t || r->eof)
			break;
		size_t had = r->len - r->pos;
		if (fill(r, e) < 0)
			return -1;
		if (r->len - r->pos == had && !r->eof)
			return err_set(e, ERR_BAD_REQUEST, "line %ld: a segment longer than %d bytes", r->line, X12_MAX_SEGMENT);
	}
	size_t n = t ? (size_t)(t - (r->buf + r->pos)) : r->len - r->pos;
	if (n > X12_MAX_SEGMENT)
		return err_set(e, ERR_BAD_REQUEST, "line %ld: a segment longer than %d bytes", r->line, X12_MAX_SEGMENT);
	memcpy(r->seg, r->buf + r->pos, n);
	s->line = r->line;
	s->offset = r->base + (int64_t)r->pos;
	s->seps = r->seps;
	r->pos += n + (t != NULL);
	if (term == '\n') {
		r->line++;
		if (n && r->seg[n - 1] == '\r')
			n--;
	}
	r->seg[n] = 0;
	/* split at the element separator, counting line breaks inside the segment */
	char el = r->seps.element;
	s->id = r->seg;
	s->nel = 0;
	for (char *p = r->seg; *p; p++) {
		if (*p == '\n')
			r->line++;
		else if (*p == el) {
			*p = 0;
			if (s->nel == X12_MAX_ELEMENTS)
				return err_set(e, ERR_BAD_REQUEST, "line %ld: %.3s: more than %d elements", s->line, s->id, X12_MAX_ELEMENTS);
			s->el[s->nel++] = p + 1;
		}
	}
	while (s->nel && !*s->el[s->nel - 1]) /* trailing empty elements are absent */
		s->nel--;
	return 1;
}

void x12_component(const char *el, const x12_seps *s, int n, char *out, size_t cap)
{
	out[0] = 0;
	if (!el || n < 1 || !cap)
		return;
	const char *p = el;
	for (int i = 1; i < n; i++) {
		p = strchr(p, s->component);
		if (!p)
			return;
		p++;
	}
	size_t len = strcspn(p, (char[]){s->component, 0});
	if (len >= cap)
		len = cap - 1;
	memcpy(out, p, len);
	out[len] = 0;
}
