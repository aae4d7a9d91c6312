/* demo.c: the demo generator (see demo.h). */
#include "demo/demo.h"

#include <stdio.h>
#include <string.h>

#include "access/accounts.h"
#include "patients/patients.h"
#include "registry/registry.h"
#include "schedule/schedule.h"

static const char *const family[] = {
	"Smith", "Johnson", "Williams", "Brown", "Jones", "García", "Miller", "Davis", "Rodríguez", "Martínez",
	"Hernández", "López", "González", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
	"Lee", "Pérez", "Thompson", "White", "Harris", "Sánchez", "Clark", "Ramírez", "Lewis", "Robinson",
	"Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
	"Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
	"Gómez", "Phillips", "Evans", "Turner", "Díaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes",
	"Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutiérrez", "Ortiz", "Morgan", "Cooper",
	"Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson",
	"Watson", "Brooks", "Chávez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes",
	"Price", "Álvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jiménez",
	"O'Brien", "Muñoz", "Núñez", "Peña", "Smith-Jones", "MacDonald", "Zhang", "Wang", "Schröder", "Østergaard",
};
static const char *const given_f[] = {
	"Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen",
	"Lisa", "Nancy", "Betty", "Sandra", "Margaret", "Ashley", "Kimberly", "Emily", "Donna", "Michelle",
	"Carol", "Amanda", "Melissa", "Deborah", "Stephanie", "Dorothy", "Rebecca", "Sharon", "Laura", "Cynthia",
	"Amy", "Kathleen", "Angela", "Shirley", "Emma", "Brenda", "Pamela", "Nicole", "Anna", "Samantha",
	"Olivia", "Sophia", "Isabella", "Mia", "Zoë", "Chloé", "Renée", "María", "Lucía", "Ana",
};
static const char *const given_m[] = {
	"James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas", "Christopher",
	"Charles", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Andrew", "Paul", "Joshua",
	"Kenneth", "Kevin", "Brian", "George", "Timothy", "Ronald", "Jason", "Edward", "Jeffrey", "Ryan",
	"Jacob", "Gary", "Nicholas", "Eric", "Jonathan", "Stephen", "Larry", "Justin", "Scott", "Brandon",
	"Liam", "Noah", "Ethan", "Lucas", "José", "Luis", "Andrés", "Jesús", "René", "Björn",
};
static const char *const streets[] = {"Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Pine St", "Elm St",
				      "Washington Blvd", "Lake Rd", "Hillcrest Dr", "Park Ave", "River Rd", "Sunset Blvd"};
static const struct {
	const char *city, *zip;
} towns[] = {{"Springfield", "01103"}, {"Riverton", "01104"}, {"Fairview", "01105"}, {"Georgetown", "01106"},
	     {"Salem", "01107"},       {"Clinton", "01108"},  {"Madison", "01109"},  {"Franklin", "01118"}};
static const char *const languages[] = {"en", "en", "en", "en", "en", "en", "es", "es", "vi", "zh", "pt", "fr"};

/* splitmix64: small, fast and the same everywhere */
uint64_t demo_rand(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}
static int pick(uint64_t *s, int n) { return (int)(demo_rand(s) % (uint64_t)n); }
#define PICK(s, a) (a)[pick(s, (int)(sizeof(a) / sizeof *(a)))]

static void phone(uint64_t *s, char out[16])
{
	snprintf(out, 16, "413-%03d-%04d", 200 + pick(s, 800), pick(s, 10000));
}

static json_t *person(uint64_t *s, int i)
{
	bool f = pick(s, 2);
	const char *fam = PICK(s, family), *giv = f ? PICK(s, given_f) : PICK(s, given_m);
	/* ages skew the way a family practice's panel does: many adults, some children, fewer old */
	int age = pick(s, 10) < 2 ? pick(s, 18) : pick(s, 10) < 8 ? 18 + pick(s, 47) : 65 + pick(s, 30);
	char birth[11], mob[16], home[16], street[64], email[96];
	snprintf(birth, sizeof birth, "%04d-%02d-%02d", 2026 - age - 1, 1 + pick(s, 12), 1 + pick(s, 28));
	phone(s, mob);
	phone(s, home);
	int t = pick(s, (int)(sizeof towns / sizeof *towns));
	snprintf(street, sizeof street, "%d %s", 1 + pick(s, 9999), PICK(s, streets));
	char fk[40];
	size_t k = 0;
	for (const char *p = fam; *p && k < sizeof fk - 1; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
			fk[k++] = (char)(*p | 0x20);
	fk[k] = 0;
	snprintf(email, sizeof email, "%c.%s%d@example.org", giv[0] | 0x20, fk, i % 1000);
	int st = pick(s, 100);
	json_t *p = json_pack("{s:s,s:s,s:s,s:s,s:s,s:{s:s,s:s,s:s,s:s,s:s},s:s,s:s,s:b,s:b,s:s,s:s,s:s,s:b}",
			      "family_name", fam, "given_name", giv, "birth_date", birth, "sex_at_birth", f ? "F" : "M",
			      "phone_mobile", mob, "address", "line1", street, "city", towns[t].city, "state", "MA",
			      "postal_code", towns[t].zip, "country", "US", "preferred_language", PICK(s, languages),
			      "preferred_contact", pick(s, 3) ? "sms" : "phone", "sms_consent", pick(s, 4) > 0,
			      "email_consent", pick(s, 2), "privacy_notice_at", "2025-01-15", "status",
			      st < 3 ? "inactive" : st < 4 ? "deceased" : "active", "email", email, "confirm_new", 1);
	if (pick(s, 3) == 0)
		json_object_set_new(p, "phone_home", json_string(home));
	if (age < 18)
		json_object_set_new(p, "guarantor", json_pack("{s:s,s:s,s:s}", "name", fam, "relationship", "parent", "phone", mob));
	else if (pick(s, 2))
		json_object_set_new(p, "emergency_contact",
				    json_pack("{s:s,s:s,s:s}", "name", PICK(s, given_f), "relationship", "spouse", "phone", home));
	return p;
}

static int add(ctx *x, reg_kind k, json_t *in, err *e)
{
	json_t *out = NULL;
	int rc = reg_create(x, k, in, &out, e);
	json_decref(in);
	json_decref(out);
	return rc;
}

int demo_generate(db *c, const demo_opts *o, demo_result *out, err *e)
{
	uint64_t s = o->seed;
	if (practice_create(c, o->name, &out->practice_id, e))
		return -1;
	principal sys = {.practice_id = out->practice_id, .perms = ~(permset)0};
	ctx x = {.db = c, .who = &sys};
	snprintf(out->admin_email, sizeof out->admin_email, "admin@practice%lld.praxis.test", (long long)out->practice_id);
	password_new(out->admin_password, 16);
	json_t *u = json_pack("{s:s,s:s,s:[s],s:s}", "email", out->admin_email, "display_name", "Practice Admin", "roles",
			      "admin", "password", out->admin_password);
	int rc = user_create(&x, out->practice_id, u, NULL, e);
	json_decref(u);
	if (rc)
		return -1;

	static const struct {
		const char *fam, *giv, *cred, *tax;
	} docs[] = {{"Okafor", "Adaeze", "MD", "207Q00000X"}, {"Lindqvist", "Erik", "DO", "207R00000X"},
		    {"Ramírez", "Sofía", "MD", "208000000X"}, {"Chen", "Wei", "NP", "363L00000X"},
		    {"Bauer", "Hannah", "PA-C", "363A00000X"}};
	for (int i = 0; i < (o->providers > 0 ? o->providers : 1); i++) {
		char npi[11];
		snprintf(npi, sizeof npi, "1%08llu", (unsigned long long)(demo_rand(&s) % 100000000ull));
		npi_check_digit(npi, &npi[9]);
		npi[10] = 0;
		int k = i % (int)(sizeof docs / sizeof *docs);
		const char *fam = i < 5 ? docs[k].fam : PICK(&s, family);
		const char *giv = i < 5 ? docs[k].giv : i % 2 ? PICK(&s, given_m) : PICK(&s, given_f);
		if (add(&x, REG_PROVIDER,
			json_pack("{s:s,s:s,s:s,s:s,s:s}", "family_name", fam, "given_name", giv, "credentials", docs[k].cred,
				  "taxonomy", docs[k].tax, "npi", npi),
			e)) {
			if (e->code != ERR_VALIDATION) /* an NPI drawn twice: draw again */
				return -1;
			err_clear(e);
			i--;
		}
	}
	if (add(&x, REG_LOCATION,
		json_pack("{s:s,s:{s:s,s:s,s:s,s:s},s:s,s:s,s:s}", "name", "Main Street Clinic", "address", "line1",
			  "120 Main St", "city", "Springfield", "state", "MA", "postal_code", "01103", "phone",
			  "413-555-0100", "time_zone", "America/New_York", "pos_code", "11"),
		e) ||
	    add(&x, REG_LOCATION,
		json_pack("{s:s,s:{s:s,s:s,s:s,s:s},s:s,s:s,s:s}", "name", "Riverton Family Health", "address", "line1",
			  "45 River Rd", "city", "Riverton", "state", "MA", "postal_code", "01104", "phone",
			  "413-555-0140", "time_zone", "America/New_York", "pos_code", "11"),
		e) ||
	    add(&x, REG_LOCATION,
		json_pack("{s:s,s:s,s:s}", "name", "Telehealth", "time_zone", "America/New_York", "pos_code", "10"), e))
		return -1;

	for (int i = 0; i < o->patients;) {
		if (db_begin(c, e))
			return -1;
		for (int end = i + 1000 < o->patients ? i + 1000 : o->patients; i < end; i++) {
			json_t *p = person(&s, i);
			rc = patient_create(&x, p, NULL, e);
			json_decref(p);
			if (rc) {
				db_rollback(c);
				return -1;
			}
		}
		if (db_commit(c, e))
			return -1;
	}
	if (demo_schedule(&x, &s, o->appointments, e))
		return -1;
	return o->patients ? demo_billing(&x, &s, e) : 0;
}
