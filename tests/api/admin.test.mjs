// Users and roles, providers and locations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPraxis, client, login, PASSWORD } from '../lib/server.mjs';

let px, admin, adminB, desk;
before(async () => {
  px = await startPraxis();
  admin = client(px.url, await login(px.url, px.email('admin')));
  adminB = client(px.url, await login(px.url, px.email('admin', 'b')));
  desk = client(px.url, await login(px.url, px.email('front_desk')));
});
after(async () => { await px?.stop(); });

test('admins list and create users; the new user can sign in with their role', async () => {
  const list = await admin.get('/api/v1/users');
  assert.equal(list.status, 200);
  assert.ok(list.body.items.some((u) => u.email === px.email('front_desk')));
  assert.ok(!list.body.items.some((u) => u.email === px.email('admin', 'b')), 'only this practice');
  assert.ok(!JSON.stringify(list.body).includes('argon2'), 'no password hashes');
  const r = await admin.post('/api/v1/users', { email: 'New.Hire@a.test', display_name: 'New Hire', roles: ['biller'], password: 'a long enough password' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.email, 'new.hire@a.test');
  assert.deepEqual(r.body.roles, ['biller']);
  await login(px.url, 'new.hire@a.test', 'a long enough password');
  const again = await admin.post('/api/v1/users', { email: 'new.hire@a.test', display_name: 'Twice', roles: ['biller'], password: 'a long enough password' });
  assert.equal(again.status, 400);
  assert.equal(again.body.errors[0].field, 'email');
  const bad = await admin.post('/api/v1/users', { email: 'x@a.test', display_name: 'X', roles: ['wizard'], password: 'short' });
  assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['password', 'roles']);
});

test('changing roles changes permissions and is audited; disabling ends sessions', async () => {
  const u = (await admin.post('/api/v1/users', { email: 'mover@a.test', display_name: 'Mover', roles: ['front_desk'], password: PASSWORD })).body;
  const token = await login(px.url, 'mover@a.test');
  const c = client(px.url, token);
  assert.equal((await c.get('/api/v1/patients')).status, 200);
  const r = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, roles: ['hr'] });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.roles, ['hr']);
  assert.equal((await c.get('/api/v1/patients')).status, 403, 'permissions follow the new role at once');
  const stale = await admin.patch(`/api/v1/users/${u.id}`, { version: u.version, display_name: 'Old' });
  assert.equal(stale.status, 409);
  const off = await admin.patch(`/api/v1/users/${u.id}`, { version: r.body.version, disabled: true });
  assert.equal(off.status, 200);
  assert.equal((await c.get('/api/v1/me')).status, 401);
  assert.equal((await client(px.url).post('/api/v1/session', { email: 'mover@a.test', password: PASSWORD })).status, 401);
  const trail = (await admin.get(`/api/v1/audit?user_id=${(await admin.get('/api/v1/me')).body.user.id}`)).body.items.map((e) => e.action);
  assert.ok(trail.includes('user.role_change'));
});

test('the last active admin cannot be demoted or disabled', async () => {
  const me = (await adminB.get('/api/v1/me')).body.user;
  const r = await adminB.patch(`/api/v1/users/${me.id}`, { version: me.version, roles: ['front_desk'] });
  assert.equal(r.status, 400);
  assert.match(r.body.errors[0].message, /admin/);
  assert.deepEqual((await adminB.get(`/api/v1/users/${me.id}`)).body.roles, ['admin']);
});

test('user administration: 401 without a token, 403 without the permission, 404 across practices', async () => {
  assert.equal((await client(px.url).get('/api/v1/users')).status, 401);
  assert.equal((await desk.get('/api/v1/users')).status, 403);
  assert.equal((await desk.post('/api/v1/users', {})).status, 403);
  const mine = (await admin.get('/api/v1/users')).body.items[0];
  assert.equal((await adminB.get(`/api/v1/users/${mine.id}`)).status, 404);
  assert.equal((await adminB.patch(`/api/v1/users/${mine.id}`, { version: mine.version, disabled: true })).status, 404);
  assert.equal((await admin.get(`/api/v1/users/${mine.id}`)).body.disabled, false);
});

test('providers: NPI check digit and taxonomy are validated; NPIs are unique per practice', async () => {
  const ok = await admin.post('/api/v1/providers', { family_name: 'Welby', given_name: 'Marcus', credentials: 'MD', npi: '1234567893', taxonomy: '207Q00000X' });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.body.active, true);
  const bad = await admin.post('/api/v1/providers', { family_name: 'Bad', given_name: 'Npi', npi: '1234567890', taxonomy: '207Q0000' });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['npi', 'taxonomy']);
  const dup = await admin.post('/api/v1/providers', { family_name: 'Other', given_name: 'Doc', npi: '1234567893' });
  assert.equal(dup.status, 400);
  assert.equal(dup.body.errors[0].field, 'npi');
  assert.equal((await adminB.post('/api/v1/providers', { family_name: 'Welby', given_name: 'M', npi: '1234567893' })).status, 201, 'another practice may hold the same NPI');
  const upd = await admin.patch(`/api/v1/providers/${ok.body.id}`, { version: 1, active: false });
  assert.equal(upd.status, 200);
  assert.equal(upd.body.active, false);
  assert.equal((await adminB.get(`/api/v1/providers/${ok.body.id}`)).status, 404);
  assert.equal((await desk.get(`/api/v1/providers/${ok.body.id}`)).status, 200);
  assert.equal((await desk.post('/api/v1/providers', { family_name: 'X', given_name: 'Y' })).status, 403);
  assert.equal((await client(px.url).get('/api/v1/providers')).status, 401);
});

test('locations: IANA time zone and place of service are validated', async () => {
  const ok = await admin.post('/api/v1/locations', { name: 'Downtown', time_zone: 'America/Chicago', pos_code: '11', address: { city: 'Chicago' } });
  assert.equal(ok.status, 201, ok.text);
  const bad = await admin.post('/api/v1/locations', { name: 'Nowhere', time_zone: 'Mars/Olympus_Mons', pos_code: '1' });
  assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['pos_code', 'time_zone']);
  const trav = await admin.post('/api/v1/locations', { name: 'Trav', time_zone: '../../etc/passwd', pos_code: '11' });
  assert.equal(trav.status, 400);
  assert.equal((await admin.post('/api/v1/locations', { name: 'Downtown', time_zone: 'UTC', pos_code: '02' })).status, 400, 'names are unique');
  const list = await admin.get('/api/v1/locations');
  assert.deepEqual(list.body.items.map((l) => l.name), ['Downtown']);
  assert.equal((await adminB.get(`/api/v1/locations/${ok.body.id}`)).status, 404);
  assert.equal((await adminB.patch(`/api/v1/locations/${ok.body.id}`, { version: 1, name: 'Mine' })).status, 404);
  assert.equal((await desk.patch(`/api/v1/locations/${ok.body.id}`, { version: 1, name: 'Mine' })).status, 403);
});
