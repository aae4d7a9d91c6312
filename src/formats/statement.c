/* statement.c: patient statements as PDF (see statement.h). */
#include "formats/statement.h"

#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "formats/pdf_file.h"

#define PAGE_W 612.0
#define PAGE_H 792.0
#define LEFT 54.0
#define RIGHT (PAGE_W - 54.0)

typedef struct page {
	cairo_t *cr;
	PangoLayout *text;
	PangoFontDescription *regular, *bold, *big;
} page;

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static void money(long long cents, char out[32])
{
	long long a = cents < 0 ? -cents : cents;
	char digits[24];
	snprintf(digits, sizeof digits, "%lld", a / 100);
	/* thousands separators */
	char grouped[32];
	size_t n = strlen(digits), g = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			grouped[g++] = ',';
		grouped[g++] = digits[i];
	}
	grouped[g] = 0;
	snprintf(out, 32, "%s$%s.%02lld", cents < 0 ? "-" : "", grouped, a % 100);
}

static void us_date(const char *iso, char out[11])
{
	if (strlen(iso) == 10)
		snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 5, iso + 8, iso);
	else
		snprintf(out, 11, "%s", iso);
}

/* Text at (x, y), left-aligned or right-aligned at x; answers its height. */
static double text(page *p, PangoFontDescription *f, double x, double y, bool right, const char *s)
{
	pango_layout_set_font_description(p->text, f);
	pango_layout_set_text(p->text, s, -1);
	int w, h;
	pango_layout_get_size(p->text, &w, &h);
	cairo_move_to(p->cr, right ? x - (double)w / PANGO_SCALE : x, y);
	pango_cairo_show_layout(p->cr, p->text);
	return (double)h / PANGO_SCALE;
}

static void rule(page *p, double y, double width)
{
	cairo_set_line_width(p->cr, width);
	cairo_move_to(p->cr, LEFT, y);
	cairo_line_to(p->cr, RIGHT, y);
	cairo_stroke(p->cr);
}

static void address_block(page *p, double x, double y, const char *name, json_t *a)
{
	char l[200];
	y += text(p, p->bold, x, y, false, name);
	if (*str(a, "line1"))
		y += text(p, p->regular, x, y, false, str(a, "line1"));
	if (*str(a, "line2"))
		y += text(p, p->regular, x, y, false, str(a, "line2"));
	snprintf(l, sizeof l, "%s, %s %s", str(a, "city"), str(a, "state"), str(a, "postal_code"));
	text(p, p->regular, x, y, false, l);
}

static const char *const notices[] = {
	"",
	"This is your statement. Your insurance has paid its part; the amount below is yours to pay.",
	"Second notice: this balance is past due. Please pay it, or call us to talk about a payment plan.",
	("Final notice: unless this balance is paid or a payment plan is agreed within 30 days, the account "
	 "may be referred to a collection agency."),
};

static void draw(page *p, json_t *d)
{
	char s[256], m[32], day[11];
	json_t *practice = json_object_get(d, "practice");
	/* the practice, and the statement's title */
	double y = 48;
	y += text(p, p->big, LEFT, y, false, str(practice, "name"));
	address_block(p, LEFT, y, "", json_object_get(practice, "address"));
	snprintf(s, sizeof s, "Questions about this bill: %s", *str(practice, "phone") ? str(practice, "phone") : "call the office");
	text(p, p->regular, LEFT, y + 42, false, s);
	json_int_t notice = json_integer_value(json_object_get(d, "notice"));
	text(p, p->big, RIGHT, 48, true, notice >= 3 ? "FINAL NOTICE" : notice == 2 ? "SECOND NOTICE" : "STATEMENT");
	us_date(str(d, "date"), day);
	snprintf(s, sizeof s, "Statement date %s", day);
	text(p, p->regular, RIGHT, 72, true, s);
	snprintf(s, sizeof s, "Account %s", str(d, "account"));
	text(p, p->regular, RIGHT, 86, true, s);
	money(json_integer_value(json_object_get(d, "balance_cents")), m);
	snprintf(s, sizeof s, "Amount due %s", m);
	text(p, p->big, RIGHT, 104, true, s);
	/* the addressee, where a window envelope shows it */
	json_t *to = json_object_get(d, "to");
	address_block(p, LEFT + 18, 150, str(to, "name"), json_object_get(to, "address"));
	snprintf(s, sizeof s, "Patient: %s", str(d, "patient_name"));
	text(p, p->regular, RIGHT, 150, true, s);
	/* the notice */
	y = 230;
	pango_layout_set_width(p->text, (int)((RIGHT - LEFT) * PANGO_SCALE));
	pango_layout_set_wrap(p->text, PANGO_WRAP_WORD);
	y += text(p, notice >= 3 ? p->bold : p->regular, LEFT, y, false, notices[notice >= 1 && notice <= 3 ? notice : 1]) + 10;
	pango_layout_set_width(p->text, -1);
	/* the visits */
	static const double col[] = {LEFT, LEFT + 90, RIGHT - 270, RIGHT - 120, RIGHT};
	text(p, p->bold, col[0], y, false, "Visit");
	text(p, p->bold, col[1], y, false, "Service");
	text(p, p->bold, col[2], y, true, "Charges");
	text(p, p->bold, col[3], y, true, "Insurance paid/adjusted");
	y += text(p, p->bold, col[4], y, true, "You owe") + 2;
	rule(p, y, 0.8);
	y += 4;
	json_t *lines = json_object_get(d, "lines"), *l;
	size_t i;
	long long rest = 0;
	json_array_foreach(lines, i, l) {
		if (i >= STATEMENT_LINES_MAX) {
			rest += json_integer_value(json_object_get(l, "patient_cents"));
			continue;
		}
		us_date(str(l, "service_date"), day);
		text(p, p->regular, col[0], y, false, day);
		if (json_object_get(l, "patient")) /* a family account: whose visit */
			snprintf(s, sizeof s, "%s  %s", str(l, "code"), str(l, "patient"));
		else
			snprintf(s, sizeof s, "%s", str(l, "code"));
		text(p, p->regular, col[1], y, false, s);
		money(json_integer_value(json_object_get(l, "charge_cents")), m);
		text(p, p->regular, col[2], y, true, m);
		money(json_integer_value(json_object_get(l, "insurance_cents")), m);
		text(p, p->regular, col[3], y, true, m);
		money(json_integer_value(json_object_get(l, "patient_cents")), m);
		y += text(p, p->regular, col[4], y, true, m) + 2;
	}
	if (rest) {
		snprintf(s, sizeof s, "and %zu more visits", json_array_size(lines) - STATEMENT_LINES_MAX);
		text(p, p->regular, col[1], y, false, s);
		money(rest, m);
		y += text(p, p->regular, col[4], y, true, m) + 2;
	}
	long long paid = json_integer_value(json_object_get(d, "payments_cents"));
	if (paid) {
		money(-paid, m);
		text(p, p->regular, col[1], y, false, "Your payments since the last statement (already taken off)");
		y += text(p, p->regular, col[4], y, true, m) + 2;
	}
	rule(p, y + 2, 0.8);
	y += 8;
	/* the aging of the balance */
	static const char *const buckets[] = {"Current", "31-60 days", "61-90 days", "91-120 days", "Over 120 days"};
	json_t *aging = json_object_get(d, "aging_cents");
	for (int b = 0; b < 5; b++) {
		double x = LEFT + b * (RIGHT - LEFT) / 5;
		text(p, p->regular, x, y, false, buckets[b]);
		money(json_integer_value(json_array_get(aging, (size_t)b)), m);
		text(p, p->bold, x, y + 13, false, m);
	}
	y += 40;
	/* how to pay */
	y += text(p, p->bold, LEFT, y, false, "How to pay") + 2;
	snprintf(s, sizeof s, "By check payable to %s, mailed with the stub below; by card at the front desk or by phone at %s.",
		 str(practice, "name"), *str(practice, "phone") ? str(practice, "phone") : "call the office");
	pango_layout_set_width(p->text, (int)((RIGHT - LEFT) * PANGO_SCALE));
	text(p, p->regular, LEFT, y, false, s);
	pango_layout_set_width(p->text, -1);
	/* the stub */
	double stub = PAGE_H - 150;
	cairo_set_dash(p->cr, (double[]){4, 3}, 2, 0);
	rule(p, stub, 0.6);
	cairo_set_dash(p->cr, NULL, 0, 0);
	text(p, p->regular, LEFT, stub + 6, false, "Please detach and return this part with your payment.");
	address_block(p, LEFT, stub + 30, str(practice, "name"), json_object_get(practice, "address"));
	snprintf(s, sizeof s, "Account %s", str(d, "account"));
	text(p, p->regular, RIGHT, stub + 30, true, s);
	money(json_integer_value(json_object_get(d, "balance_cents")), m);
	snprintf(s, sizeof s, "Amount due %s", m);
	text(p, p->bold, RIGHT, stub + 46, true, s);
	text(p, p->regular, RIGHT, stub + 66, true, "Amount enclosed $ ____________");
}

static PangoFontDescription *font(const char *spec, double size)
{
	PangoFontDescription *f = pango_font_description_from_string(spec);
	pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
	return f;
}

int statement_pdf(json_t *docs, char **pdf_out, size_t *len, err *e)
{
	pdf_file f;
	if (!pdf_file_open(&f, "Patient statements", PAGE_W, PAGE_H)) {
		cairo_t *cr = f.cr;
		PangoContext *pc = pango_cairo_create_context(cr);
		static const char *const sans = "DejaVu Sans, Liberation Sans, Arial, Sans";
		char bold[80];
		snprintf(bold, sizeof bold, "%s Bold", sans);
		page p = {cr, pango_layout_new(pc), font(sans, 9.5), font(bold, 9.5), font(bold, 14)};
		cairo_set_source_rgb(cr, 0, 0, 0);
		size_t i;
		json_t *d;
		json_array_foreach(docs, i, d) {
			if (cairo_status(cr))
				break;
			draw(&p, d);
			cairo_show_page(cr);
		}
		g_object_unref(p.text);
		pango_font_description_free(p.regular);
		pango_font_description_free(p.bold);
		pango_font_description_free(p.big);
		g_object_unref(pc);
	}
	return pdf_file_close(&f, "the statements", pdf_out, len, e);
}
