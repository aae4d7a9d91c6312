/* due.c: the rows of a job table that are due (see jobs.h jobs_due). */
#include <stdio.h>

#include "jobs/jobs.h"

int jobs_due(db *c, const char *table, int64_t practice, time_t now, jobs_send_fn send, void *arg, err *e)
{
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT id FROM %s WHERE status = 'pending' AND next_s <= $1 AND ($2 = 0 OR practice_id = $2) "
		 "ORDER BY next_s LIMIT 100",
		 table);
	for (int round = 0; round < 100; round++) { /* at most 10,000 a pass; the next pass goes on */
		int64_t due[100];
		int k = 0, rc;
		db_stmt *st = db_prepare(c, sql, e);
		if (!st)
			return -1;
		db_bindv(st, "ii", (int64_t)now, practice);
		while ((rc = db_step(st, e)) == DB_ROW)
			due[k++] = db_col_i64(st, 0);
		db_done(st);
		if (rc == DB_ERR)
			return -1;
		for (int i = 0; i < k; i++)
			if (send(c, due[i], now, arg, e))
				return -1;
		if (k < 100)
			break;
	}
	/* a server that died while sending leaves rows in 'sending': they go back after 10 minutes */
	snprintf(sql, sizeof sql, "UPDATE %s SET status = 'pending' WHERE status = 'sending' AND next_s < $1", table);
	return db_run(c, e, sql, "i", (int64_t)now) < 0 ? -1 : 0;
}
