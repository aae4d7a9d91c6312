/* users.c: user administration. */
#include "access/accounts.h"
#include "api/api.h"

static int list(req *r, err *e) { return user_list(&r->x, &r->out, e); }
static int create(req *r, err *e) { return user_create(&r->x, 0, r->body, &r->out, e); }
static int get(req *r, err *e) { return user_get(&r->x, r->id, &r->out, e); }
static int update(req *r, err *e) { return user_update(&r->x, r->id, r->body, &r->out, e); }

ROUTES(user,
       {"GET", "/api/v1/users", P_USER_READ, 0, list, "Users of the practice"},
       {"POST", "/api/v1/users", P_USER_WRITE, 0, create, "Create a user: {email, display_name, roles, password}", 201},
       {"GET", "/api/v1/users/{id}", P_USER_READ, 0, get, "One user"},
       {"PATCH", "/api/v1/users/{id}", P_USER_WRITE, 0, update, "Change display name, roles or disabled: {version, ...}"});
