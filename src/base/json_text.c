/* json_text.c: see json_text.h. */
#include "base/json_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void json_out_init(json_out *o)
{
	o->cap = 1024;
	o->len = 0;
	o->s = malloc(o->cap);
	if (!o->s)
		abort();
}

void json_out_raw(json_out *o, const char *p, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		while (o->len + n + 1 > o->cap)
			o->cap *= 2;
		o->s = realloc(o->s, o->cap);
		if (!o->s)
			abort();
	}
	memcpy(o->s + o->len, p, n);
	o->len += n;
}

void json_out_string(json_out *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	json_out_raw(o, "\"", 1);
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue;
		json_out_raw(o, s + run, i - run);
		run = i + 1;
		char esc[6] = {'\\', 0};
		size_t m = 2;
		switch (ch) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[ch >> 4];
			esc[5] = hex[ch & 15];
			m = 6;
		}
		json_out_raw(o, esc, m);
	}
	json_out_raw(o, s + run, n - run);
	json_out_raw(o, "\"", 1);
}

void json_out_int(json_out *o, int64_t v)
{
	/* digits backwards: no printf on the hot path */
	char num[24], *p = num + sizeof num;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	json_out_raw(o, p, (size_t)(num + sizeof num - p));
}

void json_out_key(json_out *o, bool *first, const char *key, size_t n)
{
	json_out_raw(o, *first ? "\"" : ",\"", *first ? 1 : 2);
	json_out_raw(o, key, n);
	json_out_raw(o, "\":", 2);
	*first = false;
}

char *json_out_done(json_out *o, size_t *len)
{
	o->s[o->len] = 0;
	if (len)
		*len = o->len;
	char *s = o->s;
	o->s = NULL;
	return s;
}

bool json_utf8_ok(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		unsigned c = *p;
		if (c < 0x80) {
			p++;
			continue;
		}
		int more = c > 0xF4 ? -1 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 ? 1 : -1;
		if (more < 0 || end - p <= more)
			return false;
		unsigned cp = c & (0x3F >> more);
		for (int i = 1; i <= more; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (p[i] & 0x3F);
		}
		/* overlong forms, surrogates, beyond U+10FFFF */
		if ((more == 2 && cp < 0x800) || (more == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		p += more + 1;
	}
	return true;
}

static void put(json_out *b, const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT: {
		json_out_raw(b, "{", 1);
		const char *k;
		size_t klen;
		json_t *v;
		bool first = true;
		json_object_keylen_foreach((json_t *)j, k, klen, v) {
			if (!first)
				json_out_raw(b, ",", 1);
			first = false;
			json_out_string(b, k, klen);
			json_out_raw(b, ":", 1);
			put(b, v);
		}
		json_out_raw(b, "}", 1);
		break;
	}
	case JSON_ARRAY:
		json_out_raw(b, "[", 1);
		for (size_t i = 0; i < json_array_size(j); i++) {
			if (i)
				json_out_raw(b, ",", 1);
			put(b, json_array_get(j, i));
		}
		json_out_raw(b, "]", 1);
		break;
	case JSON_STRING:
		json_out_string(b, json_string_value(j), json_string_length(j));
		break;
	case JSON_INTEGER:
		json_out_int(b, json_integer_value(j));
		break;
	case JSON_REAL: { /* rare (rates): jansson's own formatting */
		char *s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
		json_out_raw(b, s ? s : "null", s ? strlen(s) : 4);
		free(s);
		break;
	}
	case JSON_TRUE:
		json_out_raw(b, "true", 4);
		break;
	case JSON_FALSE:
		json_out_raw(b, "false", 5);
		break;
	case JSON_NULL:
		json_out_raw(b, "null", 4);
		break;
	}
}

char *json_text(const json_t *j, size_t *len)
{
	if (!j)
		return NULL;
	json_out b;
	json_out_init(&b);
	put(&b, j);
	return json_out_done(&b, len);
}
