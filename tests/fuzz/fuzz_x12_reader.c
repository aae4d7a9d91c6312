/* fuzz_x12_reader.c: any bytes through the X12 segment reader and the envelope checks.
 *
 * Every segment's elements are split into components as a transaction reader would. The
 * seeds are the X12 fixtures (../shared/fixtures/x12, given to libFuzzer by make fuzz). A
 * crash, a sanitizer report or a hang is a finding. */
#include <stdint.h>
#include <string.h>

#include "formats/x12/envelope.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	err e = ERR_INIT;
	x12_reader *r = x12_open_mem((const char *)data, size, &e);
	if (!r)
		return 0;
	static x12_envelope v;
	static x12_seg s;
	x12_envelope_init(&v);
	long last = 1;
	while (x12_next(r, &s, &e) == 1) {
		x12_envelope_step(&v, &s);
		for (int i = 0; i < s.nel; i++) {
			char c[64];
			x12_component(s.el[i], &s.seps, 1 + i % 3, c, sizeof c);
		}
		last = s.line;
	}
	x12_envelope_end(&v, last);
	json_decref(x12_issues_json(&v));
	x12_close(r);
	return 0;
}
