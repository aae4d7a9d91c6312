/* static.h: the web app's files. */
#ifndef PRAXIS_STATIC_H
#define PRAXIS_STATIC_H

#include <microhttpd.h>

/* A response for GET `path` from `dir`: the file if it exists; index.html for app routes
 * (paths whose last segment has no dot); 404 otherwise. Paths with "..", control or
 * unusual characters are refused. Hashed assets (/assets/...) are cached for a year. */
struct MHD_Response *static_response(const char *dir, const char *path, unsigned *status);

#endif
