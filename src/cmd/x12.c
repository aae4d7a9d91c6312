/* x12.c: praxis x12 parse | validate | ack | 837 | import | loops. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "billing/billing.h"
#include "cmd/cmd.h"
#include "formats/x12/ack.h"
#include "formats/x12/envelope.h"
#include "formats/x12/guide.h"
#include "formats/x12/rules.h"

static const char usage[] =
	"usage: praxis x12 parse FILE [--json]\n"
	"       praxis x12 validate FILE\n"
	"       praxis x12 ack FILE\n"
	"       praxis x12 837 [--db DB] --practice ID [--claims ID,ID,...] [--out FILE]\n"
	"       praxis x12 import [--db DB] --practice ID FILE\n"
	"       praxis x12 loops\n"
	"\n"
	"parse reads an X12 file segment by segment (separators from each ISA) and prints its\n"
	"interchanges, groups, transaction sets and segments; with --json as one JSON document on\n"
	"standard output; it reports what keeps the file from being read: syntax, envelopes\n"
	"(nesting, counts, control numbers) and segments outside their loops. validate adds the\n"
	"implementation guide's checks: segment usage, order and repeats, loop repeats, and for\n"
	"the segments Praxis writes and reads each element's usage, type, length and codes.\n"
	"Both print each error on standard error as \"line N: SEGnn[-c]: message\" and exit 1\n"
	"when there is one, 0 otherwise.\n"
	"837 sends the practice's ready claims (or those named) as one 837P batch, as the API\n"
	"does: the file goes to --out (or standard output), the claims become submitted.\n"
	"ack writes the acknowledgment of an inbound file to standard output: a TA1 when its\n"
	"interchange envelope is in error, else a 999 per functional group.\n"
	"import reads an 835 into remittances matched to the practice's claims, or applies a 999\n"
	"or 277CA to the claims they answer (the same file twice imports once); prints JSON.\n"
	"loops prints the loop tables and element rules of the transaction sets Praxis knows,\n"
	"as JSON.\n";

/* An element as JSON: its text, or a list of components, or {"repeats": [...]}. */
static void print_element(FILE *f, const char *el, const x12_seps *s)
{
	if (s->repetition && strchr(el, s->repetition)) {
		fputs("{\"repeats\":[", f);
		char tmp[X12_MAX_SEGMENT + 1];
		snprintf(tmp, sizeof tmp, "%s", el);
		char sep[2] = {s->repetition, 0}, *save = NULL;
		int i = 0;
		for (char *p = strtok_r(tmp, sep, &save); p; p = strtok_r(NULL, sep, &save)) {
			if (i++)
				fputc(',', f);
			x12_seps plain = *s;
			plain.repetition = 0;
			print_element(f, p, &plain);
		}
		fputs("]}", f);
		return;
	}
	if (!strchr(el, s->component)) {
		json_t *j = json_string(el);
		if (!j) /* not UTF-8: kept as bytes would break the JSON; latin-1 files are read as such */
			j = json_string("\ufffd");
		json_dumpf(j, f, JSON_ENCODE_ANY);
		json_decref(j);
		return;
	}
	fputc('[', f);
	for (const char *p = el;;) {
		size_t n = strcspn(p, (char[]){s->component, 0});
		json_t *j = json_stringn(p, n);
		json_dumpf(j ? j : json_string(""), f, JSON_ENCODE_ANY);
		json_decref(j);
		if (!p[n])
			break;
		fputc(',', f);
		p += n + 1;
	}
	fputc(']', f);
}

static void print_segment(FILE *f, const x12_seg *s, bool first)
{
	fprintf(f, "%s{\"id\":\"%s\",\"line\":%ld,\"elements\":[", first ? "" : ",", s->id, s->line);
	for (int i = 0; i < s->nel; i++) {
		if (i)
			fputc(',', f);
		print_element(f, s->el[i], &s->seps);
	}
	fputs("]}", f);
}

/* The JSON nesting follows the envelope (interchanges > groups > transactions) and, inside
 * a transaction set with a loop table, its loops: each loop is {loop, name, content: [...]}
 * where content holds its segments and child loops in file order. */
typedef struct printer {
	FILE *f;
	int depth;          /* open envelope levels: 1 interchange, 2 group, 3 transaction */
	bool first[4];      /* the next item at that level is the first */
	x12_guide g;        /* the loops of the open transaction set, and the guide's checks */
	int loops[X12_MAX_DEPTH], nloops; /* loop objects open in the output (ST level excluded) */
	bool first_in_loop; /* the next item of the innermost open content is the first */
	char gs08[16];
	bool checks;        /* the implementation guide's checks (validate, ack), not only the loops */
} printer;

#define OUT(...) (p->f ? fprintf(p->f, __VA_ARGS__) : 0) /* validate prints nothing */

static void close_loops(printer *p, int keep)
{
	while (p->nloops > keep) {
		OUT("]}");
		p->nloops--;
		p->first_in_loop = false;
	}
}

static void close_levels(printer *p, int to)
{
	if (p->depth == 3 && to < 3)
		close_loops(p, 0);
	static const char *const tail[] = {"", "]}", "]}", "]}"};
	for (; p->depth > to; p->depth--)
		OUT("%s", tail[p->depth]);
}

static void open_level(printer *p, int level, const char *head)
{
	close_levels(p, level - 1);
	OUT("%s%s", p->first[level] ? "" : ",", head);
	p->first[level] = false;
	p->depth = level;
	for (int l = level + 1; l < 4; l++)
		p->first[l] = true;
}

static void item(printer *p, const x12_seg *s)
{
	if (p->f)
		print_segment(p->f, s, p->first_in_loop);
	p->first_in_loop = false;
}

/* Places a segment of a transaction set in its loop, opening and closing loop objects. */
static void place(printer *p, x12_envelope *v, const x12_seg *s)
{
	if (!p->g.t.def || !x12_segment_id_ok(s->id)) { /* a malformed id is reported once, by the envelope */
		item(p, s);
		return;
	}
	bool opened;
	if (x12_guide_step(&p->g, v, s, &opened) < 0) {
		item(p, s);
		return;
	}
	/* the tracker's stack below the ST level is what should be open */
	const x12_tracker *t = &p->g.t;
	int want = t->depth - 1, same = 0;
	while (same < want && same < p->nloops && p->loops[same] == t->stack[same + 1])
		same++;
	if (opened && same == want) /* a repeat of the same loop: close and reopen it */
		same--;
	close_loops(p, same);
	for (int d = same; d < want; d++) {
		const x12_loop_def *l = &t->def->loops[t->stack[d + 1]];
		OUT("%s{\"loop\":\"%s\",\"name\":\"%s\",\"content\":[", p->first_in_loop ? "" : ",", l->id, l->name);
		p->loops[p->nloops++] = t->stack[d + 1];
		p->first_in_loop = true;
	}
	item(p, s);
}

static void print_json(printer *p, x12_envelope *v, const x12_seg *s)
{
	char head[160];
	if (!strcmp(s->id, "ISA")) {
		snprintf(head, sizeof head, "{\"line\":%ld,\"separators\":{\"element\":\"%c\",\"component\":\"%c\",\"segment\":\"%s\"},\"groups\":[",
			 s->line, s->seps.element, s->seps.component, s->seps.segment == '\n' ? "\\n" : s->seps.segment == '\r' ? "\\r" : (char[]){s->seps.segment, 0});
		open_level(p, 1, head);
		p->first[2] = true;
	} else if (!strcmp(s->id, "GS")) {
		snprintf(head, sizeof head, "{\"line\":%ld,\"functional_id\":\"%.2s\",\"version\":\"%.12s\",\"transactions\":[", s->line,
			 x12_el(s, 1), x12_el(s, 8));
		snprintf(p->gs08, sizeof p->gs08, "%s", x12_el(s, 8));
		open_level(p, 2, head);
	} else if (!strcmp(s->id, "ST")) {
		const char *guide = *x12_el(s, 3) ? x12_el(s, 3) : p->gs08;
		snprintf(head, sizeof head, "{\"line\":%ld,\"set\":\"%.3s\",\"control\":\"%.9s\",\"guide\":\"%.16s\",\"content\":[", s->line,
			 x12_el(s, 1), x12_el(s, 2), guide);
		open_level(p, 3, head);
		const x12_set_def *def = x12_set_lookup(x12_el(s, 1), guide);
		p->g.t.def = NULL;
		if (def)
			x12_guide_start(&p->g, def, s->line, p->checks);
		p->nloops = 0;
		p->first_in_loop = true;
		item(p, s);
	} else if (!strcmp(s->id, "SE") && p->depth == 3) {
		if (p->g.t.def)
			x12_guide_end(&p->g, v);
		p->g.t.def = NULL;
		close_loops(p, 0);
		item(p, s);
		close_levels(p, 2);
	} else if (!strcmp(s->id, "GE") || !strcmp(s->id, "IEA"))
		close_levels(p, !strcmp(s->id, "GE") ? 1 : 0);
	else if (p->depth == 3)
		place(p, v, s);
}

static int batch_837(int argc, char **argv)
{
	static const struct option opts[] = {{"db", 1, 0, 'd'}, {"practice", 1, 0, 'p'}, {"claims", 1, 0, 'c'}, {"out", 1, 0, 'o'}, {0}};
	const char *dbs = NULL, *claims = NULL, *path = NULL;
	long long practice = 0;
	int o;
	optind = 2;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'd')
			dbs = optarg;
		else if (o == 'p')
			practice = atoll(optarg);
		else if (o == 'c')
			claims = optarg;
		else if (o == 'o')
			path = optarg;
		else
			return fputs(usage, stderr), 2;
	}
	if (practice <= 0)
		return fputs("praxis: --practice is required\n", stderr), 2;
	db *c;
	int rc = cmd_open(dbs, false, &c);
	if (rc)
		return rc;
	principal sys = {.practice_id = practice, .perms = ~(permset)0};
	ctx x = {.db = c, .who = &sys};
	err e = ERR_INIT;
	json_t *in = json_object(), *out = NULL;
	if (claims) {
		json_t *ids = json_array();
		for (const char *p = claims; *p;) {
			json_array_append_new(ids, json_integer(atoll(p)));
			p += strcspn(p, ",");
			p += *p == ',';
		}
		json_object_set_new(in, "claim_ids", ids);
	}
	char *file = NULL;
	size_t len = 0;
	rc = claim_batch_create(&x, in, &out, &e) ||
	     claim_batch_file(&x, json_integer_value(json_object_get(out, "id")), &file, &len, &e) || ctx_flush(&x, &e);
	json_decref(in);
	if (!rc) {
		FILE *f = path ? fopen(path, "w") : stdout;
		if (!f || fwrite(file, 1, len, f) != len || (path && fclose(f)))
			rc = err_set(&e, ERR_INTERNAL, "cannot write the file");
		size_t i;
		json_t *s;
		fprintf(stderr, "batch %lld: %lld claims, control %lld\n", (long long)json_integer_value(json_object_get(out, "id")),
			(long long)json_integer_value(json_object_get(out, "claims")),
			(long long)json_integer_value(json_object_get(out, "control")));
		json_array_foreach(json_object_get(out, "skipped"), i, s)
			fprintf(stderr, "claim %lld left out: %s\n", (long long)json_integer_value(json_object_get(s, "claim_id")),
				json_string_value(json_object_get(s, "reason")));
	}
	free(file);
	json_decref(out);
	db_close(c);
	return rc ? cmd_fail(&e) : 0;
}

static int import_file(int argc, char **argv)
{
	static const struct option opts[] = {{"db", 1, 0, 'd'}, {"practice", 1, 0, 'p'}, {0}};
	const char *dbs = NULL;
	long long practice = 0;
	int o;
	optind = 2;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'd')
			dbs = optarg;
		else if (o == 'p')
			practice = atoll(optarg);
		else
			return fputs(usage, stderr), 2;
	}
	if (practice <= 0 || optind != argc - 1)
		return fputs("praxis: x12 import needs --practice ID and one FILE\n", stderr), 2;
	FILE *f = fopen(argv[optind], "rb");
	if (!f)
		return fprintf(stderr, "praxis: cannot open %s\n", argv[optind]), 1;
	buf b;
	buf_init(&b, 64u << 20);
	char chunk[65536];
	size_t n;
	int rc = 0;
	while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		rc = buf_add(&b, chunk, n);
	fclose(f);
	if (rc) {
		buf_release(&b);
		return fputs("praxis: the file is larger than 64 MiB\n", stderr), 1;
	}
	db *c;
	if ((rc = cmd_open(dbs, false, &c))) {
		buf_release(&b);
		return rc;
	}
	principal sys = {.practice_id = practice, .perms = ~(permset)0};
	ctx x = {.db = c, .who = &sys};
	err e = ERR_INIT;
	json_t *out = NULL;
	const char *base = strrchr(argv[optind], '/');
	rc = x12_inbound_import(&x, base ? base + 1 : argv[optind], b.s, b.len, &out, &e) || ctx_flush(&x, &e);
	buf_release(&b);
	if (!rc) {
		json_dumpf(out, stdout, JSON_INDENT(1));
		putchar('\n');
	}
	json_decref(out);
	db_close(c);
	return rc ? cmd_fail(&e) : 0;
}

int cmd_x12(int argc, char **argv)
{
	bool help = cmd_wants_help(argc, argv);
	if (argc >= 2 && !help && !strcmp(argv[1], "837"))
		return batch_837(argc, argv);
	if (argc >= 2 && !help && !strcmp(argv[1], "import"))
		return import_file(argc, argv);
	if (argc == 2 && !strcmp(argv[1], "loops")) {
		json_t *sets = json_array(), *rules = json_array(), *des = json_array();
		for (const x12_set_def *const *d = x12_sets; *d; d++)
			json_array_append_new(sets, json_pack("{s:s, s:s, s:o}", "set", (*d)->set, "guide", (*d)->guide_prefix, "loops",
							      x12_set_json(*d)));
		for (const x12_seg_rule *r = x12_rules; r->guide; r++)
			json_array_append_new(rules, json_pack("{s:s, s:s, s:s, s:i, s:s}", "guide", r->guide, "loop", r->loop, "segment",
							       r->seg, "max", r->max, "elements", r->els));
		int n;
		const x12_data_element *de = x12_data_elements(&n);
		for (int i = 0; i < n; i++)
			json_array_append_new(des, json_pack("{s:i, s:s, s:i, s:i}", "num", de[i].num, "type", de[i].type, "min",
							     de[i].min, "max", de[i].max));
		json_t *all = json_pack("{s:o, s:o, s:o}", "sets", sets, "rules", rules, "data_elements", des);
		json_dumpf(all, stdout, JSON_INDENT(1));
		json_decref(all);
		return 0;
	}
	if (argc < 3 || help || (strcmp(argv[1], "parse") && strcmp(argv[1], "validate") && strcmp(argv[1], "ack")))
		return fputs(usage, help ? stdout : stderr), help ? 0 : 2;
	bool json = argc > 3 && !strcmp(argv[3], "--json");
	if (argc > 3 && !json)
		return fputs(usage, stderr), 2;
	err e = ERR_INIT;
	x12_reader *r = x12_open_file(argv[2], &e);
	if (!r)
		return cmd_fail(&e);
	x12_envelope *v = calloc(1, sizeof *v);
	x12_seg *s = malloc(sizeof *s);
	x12_envelope_init(v);
	printer p = {.f = json ? stdout : NULL, .first = {true, true, true, true}, .checks = strcmp(argv[1], "parse") != 0};
	if (json)
		fputs("{\"interchanges\":[", stdout);
	int rc;
	long last = 1;
	while ((rc = x12_next(r, s, &e)) == 1) {
		x12_envelope_step(v, s);
		print_json(&p, v, s); /* the loop checks run without --json too, printing nothing */
		last = s->line;
	}
	if (rc < 0) /* the reader's message names its line */
		x12_issue_add(v, 'I', "023", 0, "", 0, "%s", e.msg);
	else
		x12_envelope_end(v, last);
	if (json) {
		close_levels(&p, 0);
		json_t *issues = x12_issues_json(v);
		fputs("],\"errors\":", stdout);
		json_dumpf(issues, stdout, 0);
		json_decref(issues);
		fputs("}\n", stdout);
	} else if (!strcmp(argv[1], "ack")) {
		x12_writer *w = x12w_new((x12_seps){'*', ':', '^', '~'}, true);
		err ae = ERR_INIT;
		if (x12_ack_write(v, w, 1, (long long)time(NULL), &ae)) {
			fprintf(stderr, "praxis: %s\n", ae.msg);
			x12w_free(w);
			x12_close(r);
			free(v);
			free(s);
			return 1;
		}
		size_t len;
		const char *ack = x12w_data(w, &len);
		fwrite(ack, 1, len, stdout);
		x12w_free(w);
	} else if (!strcmp(argv[1], "parse"))
		printf("%d interchanges, %d functional groups, %d transaction sets, %lld segments\n", v->interchanges,
		       v->total_groups, v->total_sets, (long long)v->total_segments);
	for (int i = 0; i < v->nissues; i++) {
		const x12_issue *x = &v->issues[i];
		if (!x->line)
			fprintf(stderr, "%s\n", x->message);
		else if (x->component)
			fprintf(stderr, "line %ld: %s%02d-%d: %s\n", x->line, x->segment, x->element, x->component, x->message);
		else if (x->element)
			fprintf(stderr, "line %ld: %s%02d: %s\n", x->line, x->segment, x->element, x->message);
		else
			fprintf(stderr, "line %ld: %s: %s\n", x->line, *x->segment ? x->segment : "file", x->message);
	}
	if (v->total_issues > v->nissues)
		fprintf(stderr, "... and %d more\n", v->total_issues - v->nissues);
	int status = v->total_issues && strcmp(argv[1], "ack") ? 1 : 0; /* an ack of a bad file is still written */
	x12_close(r);
	free(v);
	free(s);
	return status;
}
