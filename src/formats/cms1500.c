/* cms1500.c: the CMS-1500 (02/12) claim form as PDF (see cms1500.h), drawn with cairo and pango.
 *
 * The page is a claim printer's grid: 80 columns of 7.2 pt (10 characters an inch) and 61 print
 * lines of 12 pt (6 lines an inch) inside an 18 pt margin; column c starts at X(c), line r at
 * Y(r). The form is data on that grid: `form` holds each box (its rectangle and caption),
 * `labels` the printed words inside boxes, `checks` the checkboxes, `at` where each datum goes
 * and `lc` the columns of a service line. The data font is scaled so that one character is one
 * column, so text lines up with the printed dividers as on a typed form.
 *
 * The form is printed red (payers' scanners drop the red and read the black). Data follows the
 * NUCC instructions: capitals, no punctuation in addresses, no periods in names or diagnosis
 * codes, no hyphens in the tax id and ZIP codes, money right-justified in the dollar area.
 * Six service lines fit a page; a longer claim repeats the whole form on further pages with
 * "PAGE n OF m" at the top, "CONTINUED" in box 28 and the claim's total on the last page. */
#include "formats/cms1500.h"

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "formats/pdf_file.h"

#define PAGE_W 612.0
#define PAGE_H 792.0
#define MARGIN 18.0
#define COL_W 7.2
#define ROW_H 12.0
#define LINES_PER_PAGE 6
#define LINE_ROW 42  /* the shaded half of service line 1; its data goes one row below */

static double X(int c) { return MARGIN + (c - 1) * COL_W; }
static double Y(int r) { return MARGIN + (r - 1) * ROW_H; }

/* ---- the form ---------------------------------------------------------------------------- */

/* a box: columns c0..c1 and rows r0..r1 inclusive, its caption at the top left */
static const struct box {
	unsigned char c0, c1, r0, r1;
	bool shaded;
	const char *caption;
} form[] = {
	{1, 49, 7, 8, 0, ""},
	{50, 80, 7, 8, 0, "1a. INSURED'S I.D. NUMBER                              (For Program in Item 1)"},
	{1, 29, 9, 10, 0, "2. PATIENT'S NAME (Last Name, First Name, Middle Initial)"},
	{30, 49, 9, 10, 0, "3. PATIENT'S BIRTH DATE"},
	{50, 80, 9, 10, 0, "4. INSURED'S NAME (Last Name, First Name, Middle Initial)"},
	{1, 29, 11, 12, 0, "5. PATIENT'S ADDRESS (No., Street)"},
	{30, 49, 11, 12, 0, "6. PATIENT RELATIONSHIP TO INSURED"},
	{50, 80, 11, 12, 0, "7. INSURED'S ADDRESS (No., Street)"},
	{1, 25, 13, 14, 0, "CITY"},
	{26, 29, 13, 14, 0, "STATE"},
	{30, 49, 13, 16, 0, "8. RESERVED FOR NUCC USE"},
	{50, 74, 13, 14, 0, "CITY"},
	{75, 80, 13, 14, 0, "STATE"},
	{1, 12, 15, 16, 0, "ZIP CODE"},
	{13, 29, 15, 16, 0, "TELEPHONE (Include Area Code)"},
	{50, 61, 15, 16, 0, "ZIP CODE"},
	{62, 80, 15, 16, 0, "TELEPHONE (Include Area Code)"},
	{1, 29, 17, 18, 0, "9. OTHER INSURED'S NAME (Last name, First Name, Middle Initial)"},
	{30, 49, 17, 18, 0, "10. IS PATIENT'S CONDITION RELATED TO:"},
	{50, 80, 17, 18, 0, "11. INSURED'S POLICY GROUP OR FECA NUMBER"},
	{1, 29, 19, 20, 0, "a. OTHER INSURED'S POLICY OR GROUP NUMBER"},
	{30, 49, 19, 20, 0, "a. EMPLOYMENT? (Current or Previous)"},
	{50, 80, 19, 20, 0, "a. INSURED'S DATE OF BIRTH"},
	{1, 29, 21, 22, 0, "b. RESERVED FOR NUCC USE"},
	{30, 49, 21, 22, 0, "b. AUTO ACCIDENT?"},
	{50, 80, 21, 22, 0, "b. OTHER CLAIM ID (Designated by NUCC)"},
	{1, 29, 23, 24, 0, "c. RESERVED FOR NUCC USE"},
	{30, 49, 23, 24, 0, "c. OTHER ACCIDENT?"},
	{50, 80, 23, 24, 0, "c. INSURANCE PLAN NAME OR PROGRAM NAME"},
	{1, 29, 25, 26, 0, "d. INSURANCE PLAN NAME OR PROGRAM NAME"},
	{30, 49, 25, 26, 0, "10d. CLAIM CODES (Designated by NUCC)"},
	{50, 80, 25, 26, 0, "d. IS THERE ANOTHER HEALTH BENEFIT PLAN?"},
	{1, 49, 27, 29, 0,
	 "READ BACK OF FORM BEFORE COMPLETING & SIGNING THIS FORM.\n12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE "
	 "I authorize the release of any medical or other information necessary to process this claim. I also request "
	 "payment of government benefits either to myself or to the party who accepts assignment below."},
	{50, 80, 27, 29, 0,
	 "13. INSURED'S OR AUTHORIZED PERSON'S SIGNATURE I authorize payment of medical benefits to the undersigned "
	 "physician or supplier for services described below."},
	{1, 29, 30, 31, 0, "14. DATE OF CURRENT ILLNESS, INJURY, or PREGNANCY (LMP)"},
	{30, 49, 30, 31, 0, "15. OTHER DATE"},
	{50, 80, 30, 31, 0, "16. DATES PATIENT UNABLE TO WORK IN CURRENT OCCUPATION"},
	{1, 29, 32, 33, 0, "17. NAME OF REFERRING PROVIDER OR OTHER SOURCE"},
	{30, 49, 32, 32, 1, "17a."},
	{30, 49, 33, 33, 0, "17b. NPI"},
	{50, 80, 32, 33, 0, "18. HOSPITALIZATION DATES RELATED TO CURRENT SERVICES"},
	{1, 49, 34, 35, 0, "19. ADDITIONAL CLAIM INFORMATION (Designated by NUCC)"},
	{50, 80, 34, 35, 0, "20. OUTSIDE LAB?"},
	{1, 49, 36, 39, 0, "21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY Relate A-L to service line below (24E)"},
	{50, 61, 36, 37, 0, "22. RESUBMISSION\nCODE"},
	{62, 80, 36, 37, 0, "\nORIGINAL REF. NO."},
	{50, 80, 38, 39, 0, "23. PRIOR AUTHORIZATION NUMBER"},
	{1, 80, 40, 53, 0, ""},
	{1, 19, 54, 55, 0, "25. FEDERAL TAX I.D. NUMBER"},
	{20, 33, 54, 55, 0, "26. PATIENT'S ACCOUNT NO."},
	{34, 44, 54, 55, 0, "27. ACCEPT ASSIGNMENT?\n(For govt. claims, see back)"},
	{45, 58, 54, 55, 0, "28. TOTAL CHARGE"},
	{59, 69, 54, 55, 0, "29. AMOUNT PAID"},
	{70, 80, 54, 55, 0, "30. Rsvd for NUCC Use"},
	{1, 19, 56, 60, 0,
	 "31. SIGNATURE OF PHYSICIAN OR SUPPLIER\nINCLUDING DEGREES OR CREDENTIALS\n(I certify that the statements on "
	 "the reverse\napply to this bill and are made a part thereof.)"},
	{20, 46, 56, 59, 0, "32. SERVICE FACILITY LOCATION INFORMATION"},
	{20, 32, 60, 60, 0, "a."},
	{33, 46, 60, 60, 1, "b."},
	{47, 80, 56, 59, 0, "33. BILLING PROVIDER INFO & PH #"},
	{47, 60, 60, 60, 0, "a."},
	{61, 80, 60, 60, 1, "b."},
};

/* printed words: at column c of row r, on the caption line (v 0), the second caption line
 * (v 1) or centred in the row (v 2); size in points, 0 for the caption size */
static const struct label {
	unsigned char c, r, v, size;
	const char *text;
} labels[] = {
	{1, 2, 0, 16, "1500"},
	{1, 4, 0, 10, "HEALTH INSURANCE CLAIM FORM"},
	{1, 5, 1, 0, "APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12"},
	{2, 6, 2, 0, "PICA"}, {77, 6, 2, 0, "PICA"},
	{1, 7, 0, 0, "1. MEDICARE"}, {8, 7, 0, 0, "MEDICAID"}, {15, 7, 0, 0, "TRICARE"}, {23, 7, 0, 0, "CHAMPVA"},
	{30, 7, 0, 0, "GROUP HEALTH PLAN"}, {38, 7, 0, 0, "FECA BLK LUNG"}, {44, 7, 0, 0, "OTHER"},
	{2, 8, 2, 0, "(Medicare#)"}, {9, 8, 2, 0, "(Medicaid#)"}, {16, 8, 2, 0, "(ID#/DoD#)"},
	{24, 8, 2, 0, "(Member ID#)"}, {31, 8, 2, 0, "(ID#)"}, {39, 8, 2, 0, "(ID#)"}, {45, 8, 2, 0, "(ID#)"},
	{31, 9, 1, 0, "MM"}, {34, 9, 1, 0, "DD"}, {37, 9, 1, 0, "YY"}, {43, 9, 0, 0, "SEX"},
	{42, 10, 2, 0, "M"}, {46, 10, 2, 0, "F"},
	{31, 11, 1, 0, "Self"}, {35, 11, 1, 0, "Spouse"}, {39, 11, 1, 0, "Child"}, {44, 11, 1, 0, "Other"},
	{14, 16, 2, 9, "("}, {18, 16, 2, 9, ")"}, {63, 16, 2, 9, "("}, {67, 16, 2, 9, ")"},
	{33, 20, 2, 0, "YES"}, {40, 20, 2, 0, "NO"}, {33, 22, 2, 0, "YES"}, {40, 22, 2, 0, "NO"},
	{44, 21, 1, 0, "PLACE (State)"}, {33, 24, 2, 0, "YES"}, {40, 24, 2, 0, "NO"},
	{52, 19, 1, 0, "MM"}, {55, 19, 1, 0, "DD"}, {58, 19, 1, 0, "YY"}, {67, 19, 0, 0, "SEX"},
	{66, 20, 2, 0, "M"}, {73, 20, 2, 0, "F"},
	{52, 26, 2, 0, "YES"}, {57, 26, 2, 0, "NO"}, {60, 26, 2, 0, "If yes, complete items 9, 9a, and 9d."},
	{1, 29, 2, 0, "SIGNED"}, {31, 29, 2, 0, "DATE"}, {50, 29, 2, 0, "SIGNED"},
	{2, 30, 1, 0, "MM"}, {5, 30, 1, 0, "DD"}, {8, 30, 1, 0, "YY"}, {12, 30, 1, 0, "QUAL."},
	{31, 30, 1, 0, "QUAL."}, {37, 30, 1, 0, "MM"}, {40, 30, 1, 0, "DD"}, {43, 30, 1, 0, "YY"},
	{50, 30, 1, 0, "FROM"}, {65, 30, 1, 0, "TO"}, {50, 32, 1, 0, "FROM"}, {65, 32, 1, 0, "TO"},
	{52, 35, 2, 0, "YES"}, {57, 35, 2, 0, "NO"}, {63, 34, 0, 0, "$ CHARGES"},
	{40, 36, 0, 0, "ICD Ind."},
	{1, 37, 2, 0, "A."}, {13, 37, 2, 0, "B."}, {25, 37, 2, 0, "C."}, {37, 37, 2, 0, "D."},
	{1, 38, 2, 0, "E."}, {13, 38, 2, 0, "F."}, {25, 38, 2, 0, "G."}, {37, 38, 2, 0, "H."},
	{1, 39, 2, 0, "I."}, {13, 39, 2, 0, "J."}, {25, 39, 2, 0, "K."}, {37, 39, 2, 0, "L."},
	{1, 40, 0, 0, "24. A.   DATE(S) OF SERVICE"}, {19, 40, 0, 0, "B."}, {22, 40, 0, 0, "C."},
	{24, 40, 0, 0, "D. PROCEDURES, SERVICES, OR SUPPLIES"}, {42, 40, 0, 0, "E."}, {47, 40, 0, 0, "F."},
	{57, 40, 0, 0, "G."}, {61, 40, 0, 0, "H."}, {63, 40, 0, 0, "I."}, {66, 40, 0, 0, "J."},
	{1, 40, 1, 0, "From"}, {10, 40, 1, 0, "To"}, {19, 40, 1, 4, "PLACE OF"},
	{24, 40, 1, 0, "(Explain Unusual Circumstances)"}, {42, 40, 1, 0, "DIAGNOSIS"}, {57, 40, 1, 0, "DAYS OR"},
	{61, 40, 1, 4, "EPSDT"}, {63, 40, 1, 0, "ID."}, {66, 40, 1, 0, "RENDERING"},
	{1, 41, 2, 0, "MM"}, {4, 41, 2, 0, "DD"}, {7, 41, 2, 0, "YY"}, {10, 41, 2, 0, "MM"}, {13, 41, 2, 0, "DD"},
	{16, 41, 2, 0, "YY"}, {19, 41, 2, 4, "SERVICE"}, {22, 41, 2, 0, "EMG"}, {24, 41, 2, 0, "CPT/HCPCS"},
	{30, 41, 2, 0, "MODIFIER"}, {42, 41, 2, 0, "POINTER"}, {47, 41, 2, 0, "$ CHARGES"}, {57, 41, 2, 0, "UNITS"},
	{61, 41, 0, 4, "Family"}, {61, 41, 1, 4, "Plan"}, {63, 41, 2, 0, "QUAL."}, {66, 41, 2, 0, "PROVIDER ID. #"},
	{15, 54, 1, 0, "SSN"}, {17, 54, 1, 0, "EIN"}, {36, 55, 2, 0, "YES"}, {41, 55, 2, 0, "NO"},
	{45, 55, 2, 9, "$"}, {59, 55, 2, 9, "$"}, {63, 56, 2, 9, "("}, {67, 56, 2, 9, ")"},
	{1, 60, 2, 0, "SIGNED"}, {9, 60, 2, 0, "DATE"},
	{1, 61, 2, 0, "NUCC Instruction Manual available at: www.nucc.org"},
	{33, 61, 2, 0, "PLEASE PRINT OR TYPE"}, {58, 61, 2, 0, "APPROVED OMB-0938-1197 FORM 1500 (02-12)"},
};

enum check {
	CK_MEDICARE, CK_MEDICAID, CK_TRICARE, CK_CHAMPVA, CK_GROUP, CK_FECA, CK_OTHER,
	CK_SEX_M, CK_SEX_F, CK_SELF, CK_SPOUSE, CK_CHILD, CK_REL_OTHER,
	CK_EMP_YES, CK_EMP_NO, CK_AUTO_YES, CK_AUTO_NO, CK_ACC_YES, CK_ACC_NO, CK_INS_M, CK_INS_F,
	CK_PLAN_YES, CK_PLAN_NO, CK_LAB_YES, CK_LAB_NO, CK_SSN, CK_EIN, CK_ASSIGN_YES, CK_ASSIGN_NO,
	CK_PICA_L, CK_PICA_R, CK__COUNT
};
static const struct { unsigned char c, r; } checks[CK__COUNT] = {
	[CK_MEDICARE] = {1, 8}, [CK_MEDICAID] = {8, 8}, [CK_TRICARE] = {15, 8}, [CK_CHAMPVA] = {23, 8},
	[CK_GROUP] = {30, 8}, [CK_FECA] = {38, 8}, [CK_OTHER] = {44, 8},
	[CK_SEX_M] = {43, 10}, [CK_SEX_F] = {47, 10},
	[CK_SELF] = {32, 12}, [CK_SPOUSE] = {36, 12}, [CK_CHILD] = {40, 12}, [CK_REL_OTHER] = {45, 12},
	[CK_EMP_YES] = {32, 20}, [CK_EMP_NO] = {39, 20}, [CK_AUTO_YES] = {32, 22}, [CK_AUTO_NO] = {39, 22},
	[CK_ACC_YES] = {32, 24}, [CK_ACC_NO] = {39, 24}, [CK_INS_M] = {67, 20}, [CK_INS_F] = {74, 20},
	[CK_PLAN_YES] = {51, 26}, [CK_PLAN_NO] = {56, 26}, [CK_LAB_YES] = {51, 35}, [CK_LAB_NO] = {56, 35},
	[CK_SSN] = {15, 55}, [CK_EIN] = {17, 55}, [CK_ASSIGN_YES] = {35, 55}, [CK_ASSIGN_NO] = {40, 55},
	[CK_PICA_L] = {1, 6}, [CK_PICA_R] = {80, 6},
};

/* service line columns (box 24): where each divider starts and, for the first rows, which
 * dividers run through the header too */
static const unsigned char line_cols[] = {10, 19, 22, 24, 30, 42, 47, 54, 57, 61, 63, 66};
static const unsigned char header_cols[] = {19, 22, 24, 42, 47, 57, 61, 63, 66};

/* ---- drawing ----------------------------------------------------------------------------- */

typedef struct pdf {
	cairo_t *cr;
	PangoLayout *data;    /* the monospaced data font, one character a column */
	PangoLayout *caption; /* the form's small sans-serif captions */
	PangoFontDescription *sans;
} pdf;

static void red(cairo_t *cr) { cairo_set_source_rgb(cr, 0.84, 0.16, 0.18); }

static void hline(cairo_t *cr, double x0, double x1, double y)
{
	cairo_move_to(cr, x0, y);
	cairo_line_to(cr, x1, y);
	cairo_stroke(cr);
}

static void vline(cairo_t *cr, double x, double y0, double y1)
{
	cairo_move_to(cr, x, y0);
	cairo_line_to(cr, x, y1);
	cairo_stroke(cr);
}

/* caption text at (x, y top); width > 0 wraps the words within it */
static void caption(pdf *p, double x, double y, double width, int size, const char *s)
{
	pango_font_description_set_absolute_size(p->sans, (size ? size : 5.2) * PANGO_SCALE);
	pango_layout_set_font_description(p->caption, p->sans);
	pango_layout_set_width(p->caption, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_text(p->caption, s, -1);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->caption);
}

static void draw_form(pdf *p)
{
	cairo_t *cr = p->cr;
	cairo_save(cr);
	cairo_set_source_rgb(cr, 1.0, 0.9, 0.9);
	for (size_t i = 0; i < sizeof form / sizeof *form; i++)
		if (form[i].shaded)
			cairo_rectangle(cr, X(form[i].c0), Y(form[i].r0), X(form[i].c1 + 1) - X(form[i].c0), ROW_H);
	for (int l = 0; l < LINES_PER_PAGE; l++)
		cairo_rectangle(cr, X(1), Y(LINE_ROW + 2 * l), X(81) - X(1), ROW_H);
	cairo_fill(cr);
	red(cr);
	cairo_set_line_width(cr, 0.5);
	for (size_t i = 0; i < sizeof form / sizeof *form; i++) {
		const struct box *b = &form[i];
		double x = X(b->c0), w = X(b->c1 + 1) - x;
		cairo_rectangle(cr, x, Y(b->r0), w, Y(b->r1 + 1) - Y(b->r0));
		cairo_stroke(cr);
		caption(p, x + 1.5, Y(b->r0) + 0.6, w - 3, 0, b->caption);
	}
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
		const struct label *l = &labels[i];
		double y = Y(l->r) + (l->v == 1 ? 6.0 : 0.6);
		if (l->v == 2)
			y = Y(l->r) + (ROW_H - (l->size ? l->size * 1.2 : 6.2)) / 2;
		caption(p, X(l->c) + 1.5, y, 0, l->size, l->text);
	}
	for (int i = 0; i < CK__COUNT; i++)
		cairo_rectangle(cr, X(checks[i].c) + 1.6, Y(checks[i].r) + 2.2, COL_W - 1.2, ROW_H - 4.2);
	cairo_stroke(cr);
	/* box 24: the header's and each line's dividers, the cents dividers of 24F, 28 and 29 */
	for (size_t i = 0; i < sizeof header_cols; i++)
		vline(cr, X(header_cols[i]), Y(40), Y(LINE_ROW));
	hline(cr, X(1), X(81), Y(LINE_ROW));
	for (size_t i = 0; i < sizeof line_cols; i++)
		vline(cr, X(line_cols[i]), Y(LINE_ROW), Y(LINE_ROW + 2 * LINES_PER_PAGE));
	for (int l = 1; l < LINES_PER_PAGE; l++)
		hline(cr, X(1), X(81), Y(LINE_ROW + 2 * l));
	for (int c = 33; c <= 39; c += 3)
		vline(cr, X(c), Y(LINE_ROW) + ROW_H, Y(LINE_ROW + 2 * LINES_PER_PAGE));
	vline(cr, X(56), Y(55), Y(56));
	vline(cr, X(66), Y(55), Y(56));
	for (int l = 0; l < LINES_PER_PAGE; l++)
		caption(p, X(63) + 1.5, Y(LINE_ROW + 2 * l + 1) + 3, 0, 0, "NPI");
	/* the heavy lines: the frame and the two sections */
	cairo_set_line_width(cr, 1.2);
	cairo_rectangle(cr, X(1), Y(7), X(81) - X(1), Y(61) - Y(7));
	cairo_stroke(cr);
	hline(cr, X(1), X(81), Y(30));
	hline(cr, X(1), X(81), Y(54));
	cairo_restore(cr);
}

/* Prints s in capitals at column c of row r, at most w characters (right-justified ending
 * at column c + w - 1 when right). Characters in `drop` are left out, control characters
 * become spaces. NULL or empty prints nothing. */
static void put_drop(pdf *p, int c, int r, int w, bool right, const char *s, const char *drop)
{
	if (!s || !*s)
		return;
	char *up = g_utf8_strup(s, -1);
	GString *t = g_string_new(NULL);
	int n = 0;
	for (const char *q = up; *q && n < w; q = g_utf8_next_char(q)) {
		gunichar ch = g_utf8_get_char(q);
		if (ch < 0x80 && drop && strchr(drop, (int)ch))
			continue;
		g_string_append_unichar(t, g_unichar_iscntrl(ch) ? ' ' : ch);
		n++;
	}
	g_free(up);
	pango_layout_set_text(p->data, t->str, -1);
	g_string_free(t, TRUE);
	PangoRectangle ink, logical;
	pango_layout_get_extents(p->data, &ink, &logical);
	double width = (double)logical.width / PANGO_SCALE;
	double x = right ? X(c + w) - 1.2 - width : X(c) + 1.2;
	double y = Y(r + 1) - 2.6 - (double)pango_layout_get_baseline(p->data) / PANGO_SCALE;
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->data);
}

static void put(pdf *p, int c, int r, int w, bool right, const char *s) { put_drop(p, c, r, w, right, s, NULL); }

static void check(pdf *p, enum check k) { put(p, checks[k].c, checks[k].r, 1, false, "X"); }

/* ---- the claim's data -------------------------------------------------------------------- */

/* where each datum goes: column, row, width in characters, right-justified */
enum field {
	F_PAGE, F_PAYER, F_INS_ID, F_PAT_NAME, F_PAT_DOB, F_INS_NAME, F_PAT_STREET, F_INS_STREET, F_PAT_CITY,
	F_PAT_STATE, F_INS_CITY, F_INS_STATE, F_PAT_ZIP, F_PAT_AREA, F_PAT_PHONE, F_INS_ZIP, F_INS_GROUP,
	F_INS_DOB, F_INS_PLAN, F_REF_QUAL, F_REF_NAME, F_REF_NPI, F_ICD_IND, F_RESUB_CODE, F_RESUB_REF,
	F_PRIOR_AUTH, F_TAX_ID, F_ACCOUNT, F_TOTAL, F_TOTAL_CENTS, F_SIGNATURE, F_SIGN_DATE, F_FACILITY, F_BILL_AREA, F_BILL_PHONE, F_BILLING, F_BILL_NPI, F_BILL_OTHER, F__COUNT
};
static const struct { unsigned char c, r, w; bool right; } at[F__COUNT] = {
	[F_PAGE] = {66, 1, 15, 1}, [F_PAYER] = {45, 2, 35, 0}, [F_INS_ID] = {51, 8, 29, 0},
	[F_PAT_NAME] = {1, 10, 28, 0}, [F_PAT_DOB] = {31, 10, 10, 0}, [F_INS_NAME] = {50, 10, 30, 0},
	[F_PAT_STREET] = {1, 12, 28, 0}, [F_INS_STREET] = {50, 12, 30, 0}, [F_PAT_CITY] = {1, 14, 24, 0},
	[F_PAT_STATE] = {27, 14, 2, 0}, [F_INS_CITY] = {50, 14, 24, 0}, [F_INS_STATE] = {76, 14, 2, 0},
	[F_PAT_ZIP] = {1, 16, 11, 0}, [F_PAT_AREA] = {15, 16, 3, 0}, [F_PAT_PHONE] = {19, 16, 10, 0},
	[F_INS_ZIP] = {50, 16, 11, 0}, [F_INS_GROUP] = {50, 18, 30, 0}, [F_INS_DOB] = {52, 20, 10, 0},
	[F_INS_PLAN] = {50, 24, 30, 0}, [F_REF_QUAL] = {1, 33, 2, 0}, [F_REF_NAME] = {4, 33, 25, 0},
	[F_REF_NPI] = {34, 33, 15, 0}, [F_ICD_IND] = {45, 36, 1, 0}, [F_RESUB_CODE] = {50, 37, 11, 0},
	[F_RESUB_REF] = {62, 37, 18, 0}, [F_PRIOR_AUTH] = {50, 39, 30, 0}, [F_TAX_ID] = {1, 55, 13, 0},
	[F_ACCOUNT] = {20, 55, 13, 0}, [F_TOTAL] = {46, 55, 10, 1}, [F_TOTAL_CENTS] = {56, 55, 2, 0},
	[F_SIGNATURE] = {1, 58, 18, 0}, [F_SIGN_DATE] = {11, 60, 8, 0}, [F_FACILITY] = {20, 57, 26, 0},
	[F_BILL_AREA] = {64, 56, 3, 0}, [F_BILL_PHONE] = {68, 56, 12, 0},
	[F_BILLING] = {47, 57, 33, 0}, [F_BILL_NPI] = {48, 60, 12, 0}, [F_BILL_OTHER] = {62, 60, 18, 0},
};

/* datum f on row k of its field; characters in drop left out */
static void field_drop(pdf *p, enum field f, int k, const char *s, const char *drop)
{
	put_drop(p, at[f].c, at[f].r + k, at[f].w, at[f].right, s, drop);
}

static void field(pdf *p, enum field f, const char *s) { field_drop(p, f, 0, s, NULL); }

/* the columns of a service line's data row */
enum line_col { L_FROM, L_TO, L_POS, L_CODE, L_MOD, L_POINTER = L_MOD + 4, L_DOLLARS, L_CENTS, L_UNITS, L_NPI, L__COUNT };
static const struct { unsigned char c, w; bool right; } lc[L__COUNT] = {
	[L_FROM] = {1, 8, 0}, [L_TO] = {10, 8, 0}, [L_POS] = {19, 2, 0}, [L_CODE] = {24, 5, 0},
	[L_MOD] = {30, 2, 0}, [L_MOD + 1] = {33, 2, 0}, [L_MOD + 2] = {36, 2, 0}, [L_MOD + 3] = {39, 2, 0},
	[L_POINTER] = {42, 4, 0}, [L_DOLLARS] = {47, 7, 1}, [L_CENTS] = {54, 2, 0}, [L_UNITS] = {57, 3, 0},
	[L_NPI] = {66, 14, 0},
};

/* JSON access that treats a missing key or a value of another type as null */
static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static bool num(json_t *o, const char *k, long long *v)
{
	json_t *j = json_object_get(o, k);
	if (!json_is_integer(j))
		return false;
	*v = json_integer_value(j);
	return true;
}

static bool is(const char *s, const char *v) { return s && !strcmp(s, v); }

/* "YYYY-MM-DD" as "MM DD YYYY" (long) or "MM DD YY"; "" when it is not such a date */
static const char *date(const char *iso, bool year4, char out[11])
{
	out[0] = 0;
	if (!iso || strlen(iso) < 10 || iso[4] != '-' || iso[7] != '-')
		return out;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
			return out;
	snprintf(out, 11, "%.2s %.2s %.*s", iso + 5, iso + 8, year4 ? 4 : 2, iso + (year4 ? 0 : 2));
	return out;
}

/* cents as dollars and cents, the two parts of the form's split money boxes */
static void money(long long cents, char dollars[24], char cc[3])
{
	unsigned long long m = cents < 0 ? -(unsigned long long)cents : (unsigned long long)cents;
	snprintf(dollars, 24, "%s%llu", cents < 0 ? "-" : "", m / 100);
	snprintf(cc, 3, "%02llu", m % 100);
}

/* "LAST, FIRST, M": the family name, given name and middle initial, as NUCC asks */
static void name(json_t *person, bool middle, char *out, size_t n)
{
	const char *fam = str(person, "family_name"), *giv = str(person, "given_name");
	const char *mid = middle ? str(person, "middle_name") : NULL;
	snprintf(out, n, "%s%s%s%s%.1s", fam ? fam : "", fam && giv ? ", " : "", giv ? giv : "",
		 mid && *mid && (fam || giv) ? ", " : "", mid ? mid : "");
}

/* an address's street (line1 and line2) and "CITY ST ZIP" lines */
static void street(json_t *a, char *out, size_t n)
{
	const char *l1 = str(a, "line1"), *l2 = str(a, "line2");
	snprintf(out, n, "%s%s%s", l1 ? l1 : "", l1 && l2 ? " " : "", l2 ? l2 : "");
}

static void city_line(json_t *a, char *out, size_t n)
{
	const char *city = str(a, "city"), *st = str(a, "state"), *zip = str(a, "postal_code");
	char z[16];
	size_t k = 0;
	for (; zip && *zip && k < sizeof z - 1; zip++)
		if (*zip != '-' && *zip != ' ')
			z[k++] = *zip;
	z[k] = 0;
	snprintf(out, n, "%s%s%s%s%s", city ? city : "", city && st ? " " : "", st ? st : "", (city || st) && k ? " " : "", z);
}

/* a US phone number's area code and number, digits only */
static void phone(const char *s, char area[4], char number[24])
{
	char d[24];
	size_t n = 0;
	for (; s && *s && n < sizeof d - 1; s++)
		if (*s >= '0' && *s <= '9')
			d[n++] = *s;
	d[n] = 0;
	const char *p = n == 11 && d[0] == '1' ? d + 1 : d;
	bool us = strlen(p) == 10;
	snprintf(area, 4, "%.3s", us ? p : "");
	snprintf(number, 24, "%s", us ? p + 3 : p);
}

#define ADDRESS_DROP ".,#" /* NUCC: no punctuation in addresses */

/* marks the checkbox of the choice whose value v is, if any */
typedef struct choice {
	const char *value;
	enum check k;
} choice;

static void choose(pdf *p, const char *v, const choice *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (is(v, c[i].value))
			check(p, c[i].k);
}

#define CHOOSE(p, v, choices) choose(p, v, choices, sizeof choices / sizeof *choices)

/* the page's number, the payer's address, and boxes 1 to 11: program, patient and insured */
static void draw_people(pdf *p, json_t *doc, int page, int pages)
{
	static const choice kinds[] = {{"medicare", CK_MEDICARE}, {"medicaid", CK_MEDICAID},
				       {"tricare", CK_TRICARE},   {"commercial", CK_GROUP},
				       {"workers_comp", CK_OTHER}, {"auto", CK_OTHER}};
	static const choice sexes[] = {{"M", CK_SEX_M}, {"F", CK_SEX_F}}, ins_sexes[] = {{"M", CK_INS_M}, {"F", CK_INS_F}};
	static const choice relationships[] = {{"self", CK_SELF}, {"spouse", CK_SPOUSE}, {"child", CK_CHILD}, {"other", CK_REL_OTHER}};
	static const struct { const char *who; enum field street, city, state, zip; } addresses[] = {
		{"patient", F_PAT_STREET, F_PAT_CITY, F_PAT_STATE, F_PAT_ZIP},
		{"insured", F_INS_STREET, F_INS_CITY, F_INS_STATE, F_INS_ZIP}};
	char s[256], area[4], number[24], d[11];
	json_t *pat = json_object_get(doc, "patient"), *ins = json_object_get(doc, "insured");
	json_t *payer = json_object_get(doc, "payer"), *pa = json_object_get(payer, "address");
	if (pages > 1) {
		snprintf(s, sizeof s, "PAGE %d OF %d", page + 1, pages);
		field(p, F_PAGE, s);
	}
	/* the carrier block: name, address lines, city state ZIP */
	const char *carrier[] = {str(payer, "name"), str(pa, "line1"), str(pa, "line2")};
	int row = 0;
	for (int i = 0; i < 3; i++)
		if (carrier[i] && *carrier[i])
			field_drop(p, F_PAYER, row++, carrier[i], ADDRESS_DROP);
	city_line(pa, s, sizeof s);
	field_drop(p, F_PAYER, row, s, ADDRESS_DROP);
	CHOOSE(p, str(payer, "kind"), kinds);
	field(p, F_INS_ID, str(ins, "member_id"));
	name(pat, true, s, sizeof s);
	field_drop(p, F_PAT_NAME, 0, s, ".");
	field(p, F_PAT_DOB, date(str(pat, "birth_date"), true, d));
	CHOOSE(p, str(pat, "sex"), sexes);
	name(ins, false, s, sizeof s);
	field_drop(p, F_INS_NAME, 0, s, ".");
	CHOOSE(p, str(ins, "relationship"), relationships);
	for (size_t i = 0; i < 2; i++) {
		json_t *a = json_object_get(json_object_get(doc, addresses[i].who), "address");
		street(a, s, sizeof s);
		field_drop(p, addresses[i].street, 0, s, ADDRESS_DROP);
		field_drop(p, addresses[i].city, 0, str(a, "city"), ADDRESS_DROP);
		field(p, addresses[i].state, str(a, "state"));
		field_drop(p, addresses[i].zip, 0, str(a, "postal_code"), "- ");
	}
	phone(str(pat, "phone"), area, number);
	field(p, F_PAT_AREA, area);
	field(p, F_PAT_PHONE, number);
	field(p, F_INS_GROUP, str(ins, "group_number"));
	field(p, F_INS_DOB, date(str(ins, "birth_date"), true, d));
	CHOOSE(p, str(ins, "sex"), ins_sexes);
	field(p, F_INS_PLAN, str(ins, "plan_name"));
}

/* boxes 17 and 21 to 23: referring provider, diagnoses, resubmission, prior authorization */
static void draw_claim(pdf *p, json_t *doc)
{
	json_t *ref = json_object_get(doc, "referring"), *dx = json_object_get(doc, "diagnoses");
	const char *ref_name = str(ref, "name"), *freq = str(doc, "frequency");
	if (ref_name && *ref_name) {
		field(p, F_REF_QUAL, "DN");
		field_drop(p, F_REF_NAME, 0, ref_name, ".");
	}
	field(p, F_REF_NPI, str(ref, "npi"));
	/* ICD-10-CM, A to L, without the period */
	field(p, F_ICD_IND, "0");
	for (size_t i = 0; i < 12 && i < json_array_size(dx); i++)
		put_drop(p, 2 + (int)(i % 4) * 12, 37 + (int)(i / 4), 8, false, json_string_value(json_array_get(dx, i)), ".");
	/* a replacement (7) or void (8) names the payer's number of the claim it replaces */
	if (freq && *freq && !is(freq, "1")) {
		field(p, F_RESUB_CODE, freq);
		field(p, F_RESUB_REF, str(doc, "payer_claim_number"));
	}
	field(p, F_PRIOR_AUTH, str(doc, "prior_auth"));
}

/* boxes 25 to 27 and 31 to 33: tax id, account, assignment, signature, facility, billing provider */
static void draw_provider(pdf *p, json_t *doc, const char *today)
{
	static const struct { const char *key; enum field f; } places[] = {{"facility", F_FACILITY},
									   {"billing_provider", F_BILLING}};
	char s[256], area[4], number[24], d[11];
	json_t *bill = json_object_get(doc, "billing_provider");
	const char *tax = str(bill, "tax_id"), *taxonomy = str(bill, "taxonomy"), *signed_on = str(doc, "form_date");
	if (tax && *tax) {
		field_drop(p, F_TAX_ID, 0, tax, "- ");
		check(p, CK_EIN);
	}
	field(p, F_ACCOUNT, str(json_object_get(doc, "patient"), "account_number"));
	check(p, json_is_false(json_object_get(json_object_get(doc, "payer"), "accepts_assignment")) ? CK_ASSIGN_NO : CK_ASSIGN_YES);
	/* signed by the signature on file, on the day the form is printed */
	field(p, F_SIGNATURE, "SIGNATURE ON FILE");
	field(p, F_SIGN_DATE, date(signed_on ? signed_on : today, false, d));
	/* name, street, city state ZIP */
	for (size_t i = 0; i < 2; i++) {
		json_t *o = json_object_get(doc, places[i].key), *a = json_object_get(o, "address");
		char cl[256];
		street(a, s, sizeof s);
		city_line(a, cl, sizeof cl);
		const char *lines[] = {str(o, "name"), s, cl};
		for (int k = 0; k < 3; k++)
			field_drop(p, places[i].f, k, lines[k], k ? ADDRESS_DROP : ".");
	}
	phone(str(bill, "phone"), area, number);
	field(p, F_BILL_AREA, area);
	field(p, F_BILL_PHONE, number);
	field(p, F_BILL_NPI, str(bill, "npi"));
	if (taxonomy && *taxonomy) {
		snprintf(s, sizeof s, "ZZ%s", taxonomy);
		field(p, F_BILL_OTHER, s);
	}
}

static void line_put(pdf *p, enum line_col k, int row, const char *s) { put(p, lc[k].c, row, lc[k].w, lc[k].right, s); }

/* service line `ln` in data row `row` (box 24) */
static void draw_line(pdf *p, json_t *doc, json_t *ln, int row)
{
	char s[32], d[11], cents[3];
	long long v;
	date(str(doc, "service_date"), false, d);
	line_put(p, L_FROM, row, d);
	line_put(p, L_TO, row, d);
	line_put(p, L_POS, row, str(doc, "pos_code"));
	line_put(p, L_CODE, row, str(ln, "code"));
	json_t *mods = json_object_get(ln, "modifiers");
	for (size_t i = 0; i < 4 && i < json_array_size(mods); i++)
		line_put(p, L_MOD + (int)i, row, json_string_value(json_array_get(mods, i)));
	json_t *ptr = json_object_get(ln, "pointers");
	size_t n = 0;
	for (size_t i = 0; i < json_array_size(ptr) && n < 4; i++) {
		json_int_t k = json_integer_value(json_array_get(ptr, i)); /* 0 when not an integer */
		if (k >= 1 && k <= 12)
			s[n++] = (char)('A' + k - 1);
	}
	s[n] = 0;
	line_put(p, L_POINTER, row, s);
	if (num(ln, "charge_cents", &v)) {
		money(v, s, cents);
		line_put(p, L_DOLLARS, row, s);
		line_put(p, L_CENTS, row, cents);
	}
	if (num(ln, "units", &v)) {
		snprintf(s, sizeof s, "%lld", v);
		line_put(p, L_UNITS, row, s);
	}
	line_put(p, L_NPI, row, str(json_object_get(doc, "rendering_provider"), "npi"));
}

static void draw_page(pdf *p, json_t *doc, int page, int pages, const char *today)
{
	draw_form(p);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	draw_people(p, doc, page, pages);
	draw_claim(p, doc);
	draw_provider(p, doc, today);
	json_t *lines = json_object_get(doc, "lines");
	for (int i = 0; i < LINES_PER_PAGE; i++) {
		size_t k = (size_t)(page * LINES_PER_PAGE + i);
		if (k < json_array_size(lines))
			draw_line(p, doc, json_array_get(lines, k), LINE_ROW + 2 * i + 1);
	}
	long long total;
	if (page < pages - 1) {
		field(p, F_TOTAL, "CONTINUED");
	} else if (num(doc, "total_cents", &total)) {
		char dollars[24], cents[3];
		money(total, dollars, cents);
		field(p, F_TOTAL, dollars);
		field(p, F_TOTAL_CENTS, cents);
	}
}

/* ---- the document ------------------------------------------------------------------------ */

static PangoLayout *layout(PangoContext *pc, const char *family, double size)
{
	PangoLayout *l = pango_layout_new(pc);
	PangoFontDescription *fd = pango_font_description_from_string(family);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	return l;
}

int cms1500_pdf(json_t *doc, char **pdf_out, size_t *len, err *e)
{
	static const char *const mono = "DejaVu Sans Mono, Liberation Mono, Courier New, Monospace";
	pdf_file f;
	if (!pdf_file_open(&f, "CMS-1500 claim form", PAGE_W, PAGE_H)) {
		cairo_t *cr = f.cr;
		/* unhinted and unrounded, so that text keeps its exact widths in the PDF */
		PangoContext *pc = pango_cairo_create_context(cr);
		cairo_font_options_t *fo = cairo_font_options_create();
		cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
		cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
		pango_cairo_context_set_font_options(pc, fo);
		cairo_font_options_destroy(fo);
		pango_context_set_round_glyph_positions(pc, FALSE);
		pdf p = {cr, layout(pc, mono, 10), layout(pc, "DejaVu Sans, Liberation Sans, Arial, Sans", 5.2),
			 pango_font_description_from_string("DejaVu Sans, Liberation Sans, Arial, Sans")};
		/* scale the data font so that ten characters fill ten columns */
		PangoRectangle ink, ten;
		pango_layout_set_text(p.data, "0000000000", -1);
		pango_layout_get_extents(p.data, &ink, &ten);
		if (ten.width > 0) {
			PangoFontDescription *fd = pango_font_description_from_string(mono);
			pango_font_description_set_absolute_size(fd, 10.0 * 10 * COL_W / ten.width * PANGO_SCALE * PANGO_SCALE);
			pango_layout_set_font_description(p.data, fd);
			pango_font_description_free(fd);
		}
		time_t now = time(NULL);
		struct tm tm;
		char today[16] = "";
		if (localtime_r(&now, &tm))
			strftime(today, sizeof today, "%Y-%m-%d", &tm);
		size_t n = json_array_size(json_object_get(doc, "lines"));
		int pages = n ? (int)((n + LINES_PER_PAGE - 1) / LINES_PER_PAGE) : 1;
		for (int page = 0; page < pages && !cairo_status(cr); page++) {
			draw_page(&p, doc, page, pages, today);
			cairo_show_page(cr);
		}
		g_object_unref(p.data);
		g_object_unref(p.caption);
		pango_font_description_free(p.sans);
		g_object_unref(pc);
	}
	return pdf_file_close(&f, "the claim form", pdf_out, len, e);
}
