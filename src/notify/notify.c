/* notify.c: e-mail and SMS with libcurl (see notify.h). */
#include "notify/notify.h"

#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json_text.h"
#include "base/timeutil.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static void init(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

static const char *env(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

bool notify_email_configured(void) { return env("PRAXIS_SMTP_URL") && env("PRAXIS_SMTP_FROM"); }
bool notify_sms_configured(void) { return env("PRAXIS_SMS_URL") != NULL; }

typedef struct reader {
	const char *p;
	size_t left;
} reader;

static size_t read_cb(char *out, size_t size, size_t n, void *arg)
{
	reader *r = arg;
	size_t k = size * n < r->left ? size * n : r->left;
	memcpy(out, r->p, k);
	r->p += k;
	r->left -= k;
	return k;
}

/* Header values come from the practice's own data; a line break would start a new header. */
static bool one_line(const char *s) { return s && !strpbrk(s, "\r\n"); }

int notify_email(const char *to, const char *subject, const char *body, err *e)
{
	pthread_once(&once, init);
	if (!notify_email_configured())
		return err_set(e, ERR_UNAVAILABLE, "e-mail is not configured (PRAXIS_SMTP_URL, PRAXIS_SMTP_FROM)");
	const char *from = env("PRAXIS_SMTP_FROM");
	if (!one_line(to) || !one_line(subject) || !one_line(from))
		return err_set(e, ERR_BAD_REQUEST, "an e-mail header would span lines");
	char date[64];
	time_t now = now_unix();
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	size_t n = strlen(to) + strlen(from) + strlen(subject) + strlen(body) + 512;
	char *msg = malloc(n);
	if (!msg)
		abort();
	/* the body is plain UTF-8 text with CRLF line ends, as RFC 5322 wants */
	int len = snprintf(msg, n,
			   "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: %s\r\nMIME-Version: 1.0\r\n"
			   "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
			   date, from, to, subject);
	for (const char *p = body; *p && len + 3 < (int)n; p++) {
		if (*p == '\n')
			msg[len++] = '\r';
		msg[len++] = *p;
	}
	msg[len] = 0;
	reader r = {msg, (size_t)len};
	CURL *h = curl_easy_init();
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	curl_easy_setopt(h, CURLOPT_URL, env("PRAXIS_SMTP_URL"));
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	if (env("PRAXIS_SMTP_USER")) {
		curl_easy_setopt(h, CURLOPT_USERNAME, env("PRAXIS_SMTP_USER"));
		curl_easy_setopt(h, CURLOPT_PASSWORD, env("PRAXIS_SMTP_PASSWORD"));
		curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	}
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(h, CURLOPT_READDATA, &r);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	CURLcode rc = curl_easy_perform(h);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	free(msg);
	return rc == CURLE_OK ? 0 : err_set(e, ERR_UNAVAILABLE, "smtp: %s", curl_easy_strerror(rc));
}

static size_t discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p, (void)arg;
	return size * n;
}

int notify_sms(const char *to, const char *body, err *e)
{
	pthread_once(&once, init);
	if (!notify_sms_configured())
		return err_set(e, ERR_UNAVAILABLE, "SMS is not configured (PRAXIS_SMS_URL)");
	json_t *j = json_pack("{s:s,s:s}", "to", to, "body", body);
	char *payload = json_text(j, NULL);
	json_decref(j);
	CURL *h = curl_easy_init();
	struct curl_slist *hd = curl_slist_append(NULL, "Content-Type: application/json");
	char auth[600];
	if (env("PRAXIS_SMS_TOKEN")) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", env("PRAXIS_SMS_TOKEN"));
		hd = curl_slist_append(hd, auth);
	}
	curl_easy_setopt(h, CURLOPT_URL, env("PRAXIS_SMS_URL"));
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, payload);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	CURLcode rc = curl_easy_perform(h);
	long status = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(hd);
	curl_easy_cleanup(h);
	free(payload);
	if (rc != CURLE_OK)
		return err_set(e, ERR_UNAVAILABLE, "sms gateway: %s", curl_easy_strerror(rc));
	if (status < 200 || status > 299)
		return err_set(e, ERR_UNAVAILABLE, "sms gateway answered %ld", status);
	return 0;
}
