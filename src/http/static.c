/* static.c: serving web/dist. */
#include "http/static.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	const char *ext, *type;
} types[] = {
	{".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
	{".css", "text/css; charset=utf-8"},   {".json", "application/json"},
	{".svg", "image/svg+xml"},             {".png", "image/png"},
	{".ico", "image/x-icon"},              {".woff2", "font/woff2"},
	{".woff", "font/woff"},                {".txt", "text/plain; charset=utf-8"},
	{".map", "application/json"},          {".webmanifest", "application/manifest+json"},
};

static const char *type_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
		if (!strcmp(dot, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

static bool safe(const char *p)
{
	if (p[0] != '/' || strstr(p, "..") || strstr(p, "//") || strlen(p) > 200)
		return false;
	for (; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("/._-", *p)))
			return false;
	return true;
}

static struct MHD_Response *from_file(const char *file, const char *type, bool immutable)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return NULL;
	}
	struct MHD_Response *r = MHD_create_response_from_fd((size_t)st.st_size, fd);
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
	return r;
}

static struct MHD_Response *text(const char *msg)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(msg), (void *)msg, MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
	return r;
}

struct MHD_Response *static_response(const char *dir, const char *path, unsigned *status)
{
	char file[512];
	*status = 200;
	if (!dir) {
		*status = 404;
		return text("The web app is not built: run make.\n");
	}
	if (safe(path) && strcmp(path, "/")) {
		snprintf(file, sizeof file, "%s%s", dir, path);
		struct MHD_Response *r = from_file(file, type_of(path), !strncmp(path, "/assets/", 8));
		if (r)
			return r;
		const char *last = strrchr(path, '/');
		if (strchr(last, '.')) {
			*status = 404;
			return text("Not found.\n");
		}
	}
	snprintf(file, sizeof file, "%s/index.html", dir);
	struct MHD_Response *r = from_file(file, "text/html; charset=utf-8", false);
	if (r)
		return r;
	*status = 404;
	return text("The web app is not built: run make.\n");
}
