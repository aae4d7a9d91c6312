/* fuzz_x12_reader.c: any bytes through the X12 segment reader, the envelope and
 * implementation-guide checks, the 999/TA1 acknowledgment of them, and the 835 and 271
 * readers.
 *
 * Every segment's elements are split into components as a transaction reader would. The
 * seeds are the X12 fixtures (../shared/fixtures/x12, given to libFuzzer by make fuzz). A
 * crash, a sanitizer report or a hang is a finding. */
#include <stdint.h>
#include <string.h>

#include "formats/x12/ack.h"
#include "formats/x12/envelope.h"
#include "formats/x12/guide.h"
#include "formats/x12/x27x.h"
#include "formats/x12/x835.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	err e = ERR_INIT;
	x12_reader *r = x12_open_mem((const char *)data, size, &e);
	if (!r)
		return 0;
	static x12_envelope v;
	static x12_seg s;
	static x12_guide g;
	memset(&g, 0, sizeof g);
	x12_envelope_init(&v);
	long last = 1;
	while (x12_next(r, &s, &e) == 1) {
		x12_envelope_step(&v, &s);
		x12_guide_feed(&g, &v, &s);
		for (int i = 0; i < s.nel; i++) {
			char c[64];
			x12_component(s.el[i], &s.seps, 1 + i % 3, c, sizeof c);
		}
		last = s.line;
	}
	x12_envelope_end(&v, last);
	json_decref(x12_issues_json(&v));
	x12_close(r);
	x12_writer *w = x12w_new((x12_seps){'*', ':', '^', '~'}, false);
	x12_ack_write(&v, w, 1, 0, &e);
	x12w_free(w);
	err_clear(&e);
	/* and the transaction readers over the same bytes */
	json_t *(*readers[])(x12_reader *, err *) = {x835_read, x271_read};
	for (int i = 0; i < 2; i++) {
		err_clear(&e);
		if ((r = x12_open_mem((const char *)data, size, &e))) {
			json_decref(readers[i](r, &e));
			x12_close(r);
		}
	}
	err_clear(&e);
	return 0;
}
