/* serve.c: praxis serve: the HTTP server. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "http/server.h"

static const char usage[] =
	"usage: praxis serve [--db DB] [--listen HOST:PORT] [--web DIR] [--threads N]\n"
	"                    [--tls-cert FILE --tls-key FILE]\n"
	"\n"
	"Serves the JSON API under /api/v1, /healthz, /metrics and the web app.\n"
	"\n"
	"  --db DB           SQLite file or postgresql:// URL      ($PRAXIS_DB)\n"
	"  --listen H:P      address to listen on                  ($PRAXIS_LISTEN, 127.0.0.1:8080)\n"
	"  --web DIR         the built web app                      ($PRAXIS_WEB_DIR, web/dist)\n"
	"  --threads N       worker threads                         ($PRAXIS_THREADS, 2 x cores)\n"
	"  --tls-cert FILE   PEM certificate: serve HTTPS           ($PRAXIS_TLS_CERT)\n"
	"  --tls-key FILE    PEM private key                        ($PRAXIS_TLS_KEY)\n"
	"Background jobs (reminders) run every $PRAXIS_JOBS_INTERVAL seconds (60; 0 turns them off).\n"
	"Reminders use $PRAXIS_SMTP_URL, $PRAXIS_SMTP_FROM, $PRAXIS_SMS_URL, $PRAXIS_SMS_TOKEN and put\n"
	"$PRAXIS_PUBLIC_URL (the address patients reach the web app at) in their links.\n"
	"Without TLS, Praxis listens only on loopback addresses.\n";

static const char *env_or(const char *name, const char *def)
{
	const char *v = getenv(name);
	return v && *v ? v : def;
}

/* web/dist beside the binary's build directory, or under the working directory */
static const char *default_web(void)
{
	static char path[4200];
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	struct stat st;
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = 0;
			snprintf(path, sizeof path, "%s/../web/dist", exe);
			if (!stat(path, &st) && S_ISDIR(st.st_mode))
				return path;
		}
	}
	return !stat("web/dist", &st) && S_ISDIR(st.st_mode) ? "web/dist" : NULL;
}

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {{"db", 1, 0, 'd'},	      {"listen", 1, 0, 'l'},  {"web", 1, 0, 'w'},
					     {"threads", 1, 0, 't'},  {"tls-cert", 1, 0, 'c'}, {"tls-key", 1, 0, 'k'},
					     {"help", 0, 0, 'h'},     {0}};
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	char defthreads[24];
	snprintf(defthreads, sizeof defthreads, "%ld", cores > 0 ? cores * 2 : 4);
	const char *dbs = NULL;
	http_config cfg = {
		.listen = env_or("PRAXIS_LISTEN", "127.0.0.1:8080"),
		.web_dir = env_or("PRAXIS_WEB_DIR", NULL),
		.threads = atoi(env_or("PRAXIS_THREADS", defthreads)),
		.jobs_interval = atoi(env_or("PRAXIS_JOBS_INTERVAL", "60")),
		.tls_cert = env_or("PRAXIS_TLS_CERT", NULL),
		.tls_key = env_or("PRAXIS_TLS_KEY", NULL),
	};
	int o;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'd': dbs = optarg; break;
		case 'l': cfg.listen = optarg; break;
		case 'w': cfg.web_dir = optarg; break;
		case 't': cfg.threads = atoi(optarg); break;
		case 'c': cfg.tls_cert = optarg; break;
		case 'k': cfg.tls_key = optarg; break;
		default: return fputs(usage, o == 'h' ? stdout : stderr), o == 'h' ? 0 : 2;
		}
	}
	if (cfg.threads < 1 || cfg.threads > 256)
		return fputs("praxis: --threads must be 1 to 256\n", stderr), 2;
	if (!!cfg.tls_cert != !!cfg.tls_key)
		return fputs("praxis: give both --tls-cert and --tls-key, or neither\n", stderr), 2;
	if (!cfg.web_dir)
		cfg.web_dir = default_web();
	db *c;
	int rc = cmd_open(dbs, false, &c); /* checks the schema is current */
	if (rc)
		return rc;
	db_close(c);
	cfg.db_url = cmd_db_url(dbs);
	err e = ERR_INIT;
	if (http_serve(&cfg, &e))
		return cmd_fail(&e);
	return 0;
}
