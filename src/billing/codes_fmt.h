/* codes_fmt.h: the shape of billing codes, checked without any loaded code set.
 *
 * ICD-10-CM codes are kept without their dot (E11.9 -> E119): a letter, a digit, a letter
 * or digit, then up to four letters or digits. Procedure codes (CPT and HCPCS Level II)
 * are five characters: CPT five digits, or four digits and F/T/U/M (category II and III,
 * PLA, multianalyte); HCPCS a letter A-V and four digits. Modifiers are two letters or
 * digits. X12 files cannot carry their separators inside values, so free identifiers
 * (member ids, payer ids) keep to a safe alphabet. */
#ifndef PRAXIS_CODES_FMT_H
#define PRAXIS_CODES_FMT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* Copies an ICD-10-CM code without its dot, upper-cased, into out[8]; false when the
 * shape is wrong. */
bool icd_normalise(const char *in, char out[8]);
/* Writes the display form (dot after the third character) into out[9]. */
void icd_display(const char *dotless, char out[9]);
bool proc_code_valid(const char *code);
bool modifier_valid(const char *mod);
bool x12_safe(const char *s);
void upcase(char *s);
/* Upper-cases a text column of a validated values object in place. */
void upcase_col(json_t *vals, const char *col);

#endif
