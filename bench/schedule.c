/* bench/schedule.c: scheduling measured in process (make bench runs it).
 *
 *   bench_schedule DB
 *
 * On a demo practice (praxis demo --providers 50 --appointments 200000): the next 10 open
 * starts of a 20-minute type over 90 days for one provider and for any of the providers,
 * median and p99; bookings per second with the full path (validation, availability,
 * conflict check, insert, history, audit; group commit, see store/group.c) from 4
 * threads; and, next to it, the machine's own fdatasync rate in the database's directory. */
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/timeutil.h"
#include "schedule/schedule.h"

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *label, double *ms, int n)
{
	qsort(ms, (size_t)n, sizeof *ms, cmp_d);
	printf("%-48s median %7.3f ms   p99 %7.3f ms   (%d runs)\n", label, ms[n / 2], ms[n * 99 / 100], n);
}

static const char *url;
static int64_t practice, type, patient, location, prov[1000];
static int nprov;
static volatile int go;

typedef struct worker {
	int index, booked, failed;
	double seconds;
} worker;

static void *book_loop(void *arg)
{
	worker *w = arg;
	db *c;
	err e = ERR_INIT;
	if (db_open(url, &c, &e))
		return NULL;
	principal who = {.practice_id = practice, .user_id = 0, .perms = ~(permset)0};
	ctx x = {.db = c, .who = &who};
	/* far in the future, one provider per worker, back to back: every booking conflict-checked */
	time_t base = now_unix() + 3L * 365 * 86400;
	double t0 = now_ms();
	for (int i = 0; go; i++) {
		char start[TS_LEN];
		ts_format(base + (time_t)i * 1200, start);
		json_t *in = json_pack("{s:I,s:I,s:I,s:I,s:s,s:b,s:s}", "patient_id", (json_int_t)patient, "provider_id",
				       (json_int_t)prov[w->index % nprov], "location_id", (json_int_t)location, "type_id",
				       (json_int_t)type, "start", start, "override", 1, "override_reason", "bench");
		json_t *out = NULL;
		if (appt_book(&x, in, &out, &e) == 0)
			w->booked++;
		else {
			w->failed++;
			err_clear(&e);
		}
		json_decref(in);
		json_decref(out);
	}
	w->seconds = (now_ms() - t0) / 1e3;
	db_close(c);
	return NULL;
}

static double fsync_rate(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/.fsync-probe", dir);
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	if (fd < 0)
		return 0;
	char page[4096];
	memset(page, 'x', sizeof page);
	int n = 0;
	double t0 = now_ms();
	while (now_ms() - t0 < 2000) {
		if (pwrite(fd, page, sizeof page, (off_t)(n % 64) * 4096) != (ssize_t)sizeof page || fdatasync(fd))
			break;
		n++;
	}
	double s = (now_ms() - t0) / 1e3;
	close(fd);
	unlink(path);
	return n / s;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: bench_schedule DB\n", stderr);
		return 2;
	}
	url = argv[1];
	db *c;
	err e = ERR_INIT;
	if (db_open(url, &c, &e)) {
		fprintf(stderr, "bench_schedule: %s\n", e.msg);
		return 1;
	}
	if (db_one_i64(c, &e, &practice, "SELECT MIN(id) FROM practice WHERE id > 0", "") <= 0 ||
	    db_one_i64(c, &e, &type, "SELECT id FROM appointment_type WHERE practice_id = $1 AND name = 'Follow-up'", "i", practice) <= 0 ||
	    db_one_i64(c, &e, &patient, "SELECT MIN(id) FROM patient WHERE practice_id = $1", "i", practice) <= 0 ||
	    db_one_i64(c, &e, &location, "SELECT MIN(id) FROM location WHERE practice_id = $1", "i", practice) <= 0) {
		fprintf(stderr, "bench_schedule: not a demo practice with a schedule\n");
		return 1;
	}
	db_stmt *st = db_prepare(c, "SELECT provider_id FROM appointment_type_provider WHERE type_id = $1 ORDER BY provider_id", &e);
	db_bind_i64(st, 1, type);
	while (db_step(st, &e) == DB_ROW && nprov < 1000)
		prov[nprov++] = db_col_i64(st, 0);
	db_done(st);
	int64_t appts;
	db_one_i64(c, &e, &appts, "SELECT COUNT(*) FROM appointment WHERE practice_id = $1", "i", practice);
	printf("schedule bench: %d providers, %lld appointments, %ld cores\n", nprov, (long long)appts, sysconf(_SC_NPROCESSORS_ONLN));

	avail_query q = {.duration_min = 20, .step_min = 15, .limit = 10};
	q.from = now_unix();
	q.to = q.from + 90 * 86400;
	slot out[10];
	int n, runs = 2000;
	double *ms = malloc(sizeof *ms * (size_t)runs);
	for (int i = 0; i < runs; i++) {
		q.providers = &prov[i % nprov];
		q.nproviders = 1;
		double t0 = now_ms();
		if (avail_find(c, practice, &q, out, &n, &e) || n != 10) {
			fprintf(stderr, "bench_schedule: search failed (%d slots): %s\n", n, e.msg);
			return 1;
		}
		ms[i] = now_ms() - t0;
	}
	report("next 10 open starts, one provider, 90 days", ms, runs);
	runs = 500;
	for (int i = 0; i < runs; i++) {
		q.providers = prov;
		q.nproviders = nprov;
		double t0 = now_ms();
		if (avail_find(c, practice, &q, out, &n, &e) || n != 10)
			return 1;
		ms[i] = now_ms() - t0;
	}
	char label[64];
	snprintf(label, sizeof label, "next 10 open starts, any of %d providers", nprov);
	report(label, ms, runs);
	free(ms);
	db_close(c);

	enum { THREADS = 4 };
	worker w[THREADS] = {0};
	pthread_t th[THREADS];
	go = 1;
	for (int i = 0; i < THREADS; i++) {
		w[i].index = i;
		pthread_create(&th[i], NULL, book_loop, &w[i]);
	}
	sleep(5);
	go = 0;
	int booked = 0, failed = 0;
	double secs = 0;
	for (int i = 0; i < THREADS; i++) {
		pthread_join(th[i], NULL);
		booked += w[i].booked;
		failed += w[i].failed;
		secs = w[i].seconds > secs ? w[i].seconds : secs;
	}
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", strncmp(url, "postgres", 8) ? url : "/tmp");
	printf("%-48s %7.0f /s   (%d in %.1f s, %d refused)\n", "bookings, 4 threads, group commit", booked / secs, booked,
	       secs, failed);
	printf("%-48s %7.0f /s\n", "reference: 4 KiB write + fdatasync, same disk", fsync_rate(dirname(dir)));
	return 0;
}
