// Sign-in, sessions, CSRF, lockout, idle logoff and TOTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPraxis, client, login, totp, PASSWORD } from '../lib/server.mjs';

let px;
before(async () => { px = await startPraxis(); });
after(async () => { await px?.stop(); });

test('sign-in answers a bearer token, the user and sets an HttpOnly SameSite cookie', async () => {
  const r = await client(px.url).post('/api/v1/session', { email: px.email('front_desk'), password: PASSWORD });
  assert.equal(r.status, 201);
  assert.match(r.body.token, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(r.body.user.email, px.email('front_desk'));
  assert.deepEqual(r.body.user.roles, ['front_desk']);
  assert.ok(r.body.permissions.includes('patient.write'));
  assert.ok(!r.body.permissions.includes('audit.read'));
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /praxis_session=[A-Za-z0-9_-]{43}/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  // the token is stored only as a hash
  const stored = px.db.sql(`SELECT token_hash FROM session ORDER BY id DESC LIMIT 1`).trim();
  assert.equal(stored.length, 64);
  assert.notEqual(stored, r.body.token);
});

test('e-mail is matched case-insensitively; wrong password and unknown e-mail both answer 401', async () => {
  const c = client(px.url);
  assert.equal((await c.post('/api/v1/session', { email: px.email('biller').toUpperCase(), password: PASSWORD })).status, 201);
  const wrong = await c.post('/api/v1/session', { email: px.email('biller'), password: 'not the password' });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.headers.get('content-type'), 'application/problem+json');
  const unknown = await c.post('/api/v1/session', { email: 'nobody@nowhere.test', password: 'whatever12' });
  assert.equal(unknown.status, 401);
  assert.equal(wrong.body.detail, unknown.body.detail, 'the answers do not tell which accounts exist');
});

test('a missing e-mail or password is a 400 naming the field', async () => {
  const r = await client(px.url).post('/api/v1/session', { email: px.email('hr') });
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.field), ['password']);
});

test('no token answers 401; a made-up token answers 401', async () => {
  assert.equal((await client(px.url).get('/api/v1/me')).status, 401);
  assert.equal((await client(px.url, 'x'.repeat(43)).get('/api/v1/me')).status, 401);
  assert.equal((await client(px.url).get('/api/v1/patients')).status, 401);
});

test('sign-out ends the session', async () => {
  const token = await login(px.url, px.email('provider'));
  const c = client(px.url, token);
  assert.equal((await c.get('/api/v1/me')).status, 200);
  assert.equal((await c.del('/api/v1/session')).status, 204);
  assert.equal((await c.get('/api/v1/me')).status, 401);
});

test('cookie-authenticated writes need the CSRF header; bearer writes do not', async () => {
  const r = await client(px.url).post('/api/v1/session', { email: px.email('front_desk'), password: PASSWORD });
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const csrf = r.body.csrf_token;
  const body = { family_name: 'Cookie', given_name: 'Csrf', birth_date: '1970-01-01', sex_at_birth: 'U' };
  const viaCookie = client(px.url, null, { Cookie: cookie });
  assert.equal((await viaCookie.get('/api/v1/me')).status, 200, 'reads need no CSRF header');
  const refused = await viaCookie.post('/api/v1/patients', body);
  assert.equal(refused.status, 403);
  const wrongHeader = await viaCookie.post('/api/v1/patients', body, { 'X-CSRF-Token': 'f'.repeat(64) });
  assert.equal(wrongHeader.status, 403);
  const ok = await viaCookie.post('/api/v1/patients', body, { 'X-CSRF-Token': csrf });
  assert.equal(ok.status, 201);
  const bearer = await client(px.url, r.body.token).post('/api/v1/patients', { ...body, given_name: 'Bearer' });
  assert.equal(bearer.status, 201);
});

test('five failed sign-ins lock the account; the right password is then refused too', async () => {
  const c = client(px.url);
  const email = px.email('practice_manager');
  for (let i = 0; i < 5; i++)
    assert.equal((await c.post('/api/v1/session', { email, password: 'wrong password ' + i })).status, 401);
  const locked = await c.post('/api/v1/session', { email, password: PASSWORD });
  assert.equal(locked.status, 423);
  assert.equal(locked.body.code, 'locked');
  // failures are audited with their outcome
  const n = Number(px.db.sql(`SELECT COUNT(*) FROM audit_event WHERE action = 'session.create' AND outcome = 'failure' AND reason = 'wrong password'`).trim());
  assert.ok(n >= 5);
  // the lock lifts when its time has passed
  px.db.sql(`UPDATE app_user SET locked_until = '2000-01-01T00:00:00Z' WHERE email = '${email}'`);
  assert.equal((await c.post('/api/v1/session', { email, password: PASSWORD })).status, 201);
});

test('a session idle for longer than the timeout ends', async () => {
  const token = await login(px.url, px.email('hr'));
  const c = client(px.url, token);
  assert.equal((await c.get('/api/v1/me')).status, 200);
  px.db.sql(`UPDATE session SET last_seen_at = '2000-01-01T00:00:00Z' WHERE user_id = (SELECT id FROM app_user WHERE email = '${px.email('hr')}')`);
  const r = await c.get('/api/v1/me');
  assert.equal(r.status, 401);
  assert.match(r.body.detail, /inactivity/);
  assert.equal((await c.get('/api/v1/me')).status, 401, 'the ended session stays ended');
});

test('TOTP: enrol, then sign-in needs the code; a wrong code is refused', async () => {
  const email = px.email('biller');
  const c = client(px.url, await login(px.url, email));
  const start = await c.post('/api/v1/me/totp');
  assert.equal(start.status, 200);
  assert.match(start.body.otpauth_uri, /^otpauth:\/\/totp\//);
  assert.equal((await c.post('/api/v1/me/totp/confirm', { code: '000000' === totp(start.body.secret) ? '111111' : '000000' })).status, 400);
  assert.equal((await c.post('/api/v1/me/totp/confirm', { code: totp(start.body.secret) })).status, 204);
  const anon = client(px.url);
  const need = await anon.post('/api/v1/session', { email, password: PASSWORD });
  assert.equal(need.status, 401);
  assert.equal(need.body.code, 'totp-required');
  const bad = await anon.post('/api/v1/session', { email, password: PASSWORD, totp: totp(start.body.secret, Date.now() - 3600e3) });
  assert.equal(bad.status, 401);
  assert.equal(bad.body.code, 'totp-invalid');
  const ok = await anon.post('/api/v1/session', { email, password: PASSWORD, totp: totp(start.body.secret) });
  assert.equal(ok.status, 201);
  assert.equal(ok.body.user.totp_enabled, true);
});

test('a practice that requires TOTP lets unenrolled users only enrol', async () => {
  px.db.sql(`UPDATE practice SET require_totp = 1 WHERE id = ${px.practiceB}`);
  try {
    const r = await client(px.url).post('/api/v1/session', { email: px.email('admin', 'b'), password: PASSWORD });
    assert.equal(r.status, 201);
    assert.equal(r.body.totp_enrolment_required, true);
    const c = client(px.url, r.body.token);
    const refused = await c.get('/api/v1/patients');
    assert.equal(refused.status, 403);
    assert.match(refused.body.detail, /one-time code/);
    const start = await c.post('/api/v1/me/totp');
    assert.equal((await c.post('/api/v1/me/totp/confirm', { code: totp(start.body.secret) })).status, 204);
    assert.equal((await c.get('/api/v1/patients')).status, 200);
  } finally {
    px.db.sql(`UPDATE practice SET require_totp = 0 WHERE id = ${px.practiceB}`);
  }
});

test('an address that keeps failing is rate limited, whatever account it tries', async () => {
  const c = client(px.url);
  let status = 0;
  for (let i = 0; i < 40 && status !== 429; i++)
    status = (await c.post('/api/v1/session', { email: `guess${i}@a.test`, password: 'guessing ' + i })).status;
  assert.equal(status, 429);
  const r = await c.post('/api/v1/session', { email: px.email('admin'), password: PASSWORD });
  assert.equal(r.status, 429, 'the right password does not get through during the window');
  assert.equal(r.body.code, 'rate-limited');
  const n = Number(px.db.sql(`SELECT COUNT(*) FROM audit_event WHERE action = 'session.create' AND outcome = 'denied' AND reason LIKE 'too many%'`).trim());
  assert.ok(n >= 2);
});
