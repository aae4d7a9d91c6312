/* writer.c: X12 output with envelopes, counts and refused separators (see writer.h). */
#include "formats/x12/writer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"

#define MAX_FILE (512u << 20) /* a batch file is a few MB; this bounds a runaway caller */

struct x12_writer {
	x12_seps seps;
	bool line_breaks;
	buf out;
	int depth;                 /* 0 none, 1 interchange, 2 group, 3 set */
	char isa13[10], gs06[10], st02[10];
	long long when;            /* the interchange's time, also the groups' (GS04/GS05) */
	int groups, sets, segments;
	err failed;                /* the first refusal, repeated by every later call */
};

x12_writer *x12w_new(x12_seps seps, bool line_breaks)
{
	x12_writer *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->seps = seps;
	w->line_breaks = line_breaks;
	buf_init(&w->out, MAX_FILE);
	return w;
}

void x12w_free(x12_writer *w)
{
	if (!w)
		return;
	buf_release(&w->out);
	err_clear(&w->failed);
	free(w);
}

const char *x12w_data(const x12_writer *w, size_t *len)
{
	*len = w->out.len;
	return w->out.s;
}

int x12w_set_segments(const x12_writer *w) { return w->segments; }

static int refuse(x12_writer *w, err *e, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int refuse(x12_writer *w, err *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char msg[200];
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	err_set(&w->failed, ERR_UNPROCESSABLE, "%s", msg);
	return err_set(e, ERR_UNPROCESSABLE, "%s", msg);
}

/* Why `v` cannot be element n of `id`, or NULL. */
static const char *unfit(const x12_writer *w, const char *v)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if (*p == (unsigned char)X12_COMP[0])
			continue;
		if (*p == (unsigned char)w->seps.element)
			return "holds the element separator";
		if (*p == (unsigned char)w->seps.component)
			return "holds the component separator";
		if (w->seps.repetition && *p == (unsigned char)w->seps.repetition)
			return "holds the repetition separator";
		if (*p == (unsigned char)w->seps.segment)
			return "holds the segment terminator";
		if (*p < 0x20 || *p == 0x7f)
			return "holds a control character";
	}
	return NULL;
}

static int write_seg(x12_writer *w, err *e, const char *id, const char *const *els, int n)
{
	if (w->failed.code)
		return err_set(e, w->failed.code, "%s", w->failed.msg);
	while (n > 0 && (!els[n - 1] || !*els[n - 1]))
		n--;
	for (int i = 0; i < n; i++) {
		const char *why = els[i] ? unfit(w, els[i]) : NULL;
		if (why)
			return refuse(w, e, "%s%02d: the value %s, which X12 cannot carry", id, i + 1, why);
	}
	size_t mark = w->out.len;
	int rc = buf_adds(&w->out, id);
	for (int i = 0; !rc && i < n; i++) {
		rc = buf_add(&w->out, &w->seps.element, 1);
		for (const char *p = els[i] ? els[i] : ""; !rc && *p; p++)
			rc = buf_add(&w->out, *p == X12_COMP[0] ? &w->seps.component : p, 1);
	}
	if (!rc)
		rc = buf_add(&w->out, &w->seps.segment, 1);
	if (!rc && w->line_breaks)
		rc = buf_add(&w->out, "\n", 1);
	if (rc) {
		w->out.len = mark;
		w->out.s[mark] = 0;
		return refuse(w, e, "%s: the file would exceed %u MB", id, MAX_FILE >> 20);
	}
	if (w->depth == 3)
		w->segments++;
	return 0;
}

int x12w_seg(x12_writer *w, err *e, const char *id, ...)
{
	const char *els[X12_MAX_ELEMENTS];
	int n = 0;
	va_list ap;
	va_start(ap, id);
	for (const char *v; (v = va_arg(ap, const char *)) != NULL && n < X12_MAX_ELEMENTS;)
		els[n++] = v;
	va_end(ap);
	return write_seg(w, e, id, els, n);
}

static void pad(char *out, size_t width, const char *s)
{
	snprintf(out, width + 1, "%-*.*s", (int)width, (int)width, s ? s : "");
}

int x12w_interchange(x12_writer *w, const x12_isa *isa, err *e)
{
	if (w->depth)
		return refuse(w, e, "ISA: an interchange is already open");
	if (isa->control < 1 || isa->control > 999999999)
		return refuse(w, e, "ISA13: the control number must be 1 to 999999999");
	if (!isa->sender_id || strlen(isa->sender_id) > 15 || !isa->receiver_id || strlen(isa->receiver_id) > 15)
		return refuse(w, e, "ISA06/ISA08: sender and receiver ids are 1 to 15 characters");
	char a2[11], a4[11], s6[16], r8[16], d9[7], t10[5], rep[2] = {w->seps.repetition ? w->seps.repetition : '^', 0},
								comp[2] = {w->seps.component, 0};
	pad(a2, 10, "");
	pad(a4, 10, "");
	pad(s6, 15, isa->sender_id);
	pad(r8, 15, isa->receiver_id);
	w->when = isa->when;
	time_t t = (time_t)isa->when;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(d9, sizeof d9, "%y%m%d", &tm);
	strftime(t10, sizeof t10, "%H%M", &tm);
	snprintf(w->isa13, sizeof w->isa13, "%09ld", isa->control);
	char usage[2] = {isa->usage == 'P' ? 'P' : 'T', 0};
	/* ISA11 is the repetition separator and ISA16 the component separator: written raw */
	size_t mark = w->out.len;
	char el = w->seps.element;
	buf_addf(&w->out, "ISA%c00%c%s%c00%c%s%c%-2.2s%c%s%c%-2.2s%c%s%c%s%c%s%c%s%c00501%c%s%c0%c%s%c%s%c", el, el, a2, el,
		 el, a4, el, isa->sender_qual ? isa->sender_qual : "ZZ", el, s6, el,
		 isa->receiver_qual ? isa->receiver_qual : "ZZ", el, r8, el, d9, el, t10, el, rep, el, el, w->isa13, el, el,
		 usage, el, comp, w->seps.segment);
	if (unfit(w, isa->sender_id) || unfit(w, isa->receiver_id)) {
		w->out.len = mark;
		w->out.s[mark] = 0;
		return refuse(w, e, "ISA06/ISA08: an id holds a separator or control character");
	}
	if (w->line_breaks)
		buf_add(&w->out, "\n", 1);
	w->depth = 1;
	w->groups = 0;
	return 0;
}

int x12w_group(x12_writer *w, const char *fid, const char *sender, const char *receiver, long control, const char *version,
	       err *e)
{
	if (w->depth != 1)
		return refuse(w, e, "GS: no interchange is open, or a group is");
	char ctl[16], d[9], t[5];
	snprintf(ctl, sizeof ctl, "%ld", control);
	time_t now = (time_t)w->when;
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(d, sizeof d, "%Y%m%d", &tm);
	strftime(t, sizeof t, "%H%M", &tm);
	if (x12w_seg(w, e, "GS", fid, sender, receiver, d, t, ctl, "X", version, NULL))
		return -1;
	snprintf(w->gs06, sizeof w->gs06, "%s", ctl);
	w->depth = 2;
	w->sets = 0;
	w->groups++;
	return 0;
}

int x12w_set(x12_writer *w, const char *set_id, const char *control, const char *guide, err *e)
{
	if (w->depth != 2)
		return refuse(w, e, "ST: no functional group is open, or a set is");
	w->depth = 3;
	w->segments = 0;
	if (x12w_seg(w, e, "ST", set_id, control, guide, NULL)) {
		w->depth = 2;
		return -1;
	}
	snprintf(w->st02, sizeof w->st02, "%s", control);
	w->sets++;
	return 0;
}

int x12w_end(x12_writer *w, err *e)
{
	char n[16];
	switch (w->depth) {
	case 3:
		snprintf(n, sizeof n, "%d", w->segments + 1);
		if (x12w_seg(w, e, "SE", n, w->st02, NULL))
			return -1;
		w->depth = 2;
		return 0;
	case 2:
		w->depth = 1; /* GE is outside the set's count */
		snprintf(n, sizeof n, "%d", w->sets);
		return x12w_seg(w, e, "GE", n, w->gs06, NULL);
	case 1:
		w->depth = 0;
		snprintf(n, sizeof n, "%d", w->groups);
		return x12w_seg(w, e, "IEA", n, w->isa13, NULL);
	default:
		return refuse(w, e, "nothing is open to close");
	}
}
