// OpenAPI, health, metrics, headers and the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPraxis, client, login, praxis, praxisFails, newDatabase, BIN, ENGINE } from '../lib/server.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let px;
before(async () => { px = await startPraxis(); });
after(async () => { await px?.stop(); });

// Every route the suites exercise; the OpenAPI document must list each.
const routes = [
  ['post', '/api/v1/session'], ['delete', '/api/v1/session'], ['get', '/api/v1/me'], ['post', '/api/v1/me/totp'],
  ['post', '/api/v1/me/totp/confirm'], ['get', '/api/v1/users'], ['post', '/api/v1/users'], ['get', '/api/v1/users/{id}'],
  ['patch', '/api/v1/users/{id}'], ['get', '/api/v1/patients'], ['post', '/api/v1/patients'], ['get', '/api/v1/patients/{id}'],
  ['patch', '/api/v1/patients/{id}'], ['post', '/api/v1/patients/{id}/merge'], ['get', '/api/v1/providers'],
  ['post', '/api/v1/providers'], ['get', '/api/v1/providers/{id}'], ['patch', '/api/v1/providers/{id}'],
  ['get', '/api/v1/locations'], ['post', '/api/v1/locations'], ['get', '/api/v1/locations/{id}'],
  ['patch', '/api/v1/locations/{id}'], ['get', '/api/v1/audit'], ['get', '/healthz'], ['get', '/metrics'],
  ['get', '/api/v1/openapi.json'],
  ...['appointment-types', 'resources', 'availability-rules', 'availability-exceptions', 'waitlist'].flatMap((r) => [
    ['get', `/api/v1/${r}`], ['post', `/api/v1/${r}`], ['get', `/api/v1/${r}/{id}`], ['patch', `/api/v1/${r}/{id}`]]),
  ['delete', '/api/v1/availability-rules/{id}'], ['delete', '/api/v1/availability-exceptions/{id}'],
  ['get', '/api/v1/availability'], ['get', '/api/v1/appointments'], ['post', '/api/v1/appointments'],
  ['get', '/api/v1/appointments/{id}'], ['patch', '/api/v1/appointments/{id}'], ['post', '/api/v1/appointments/{id}/status'],
  ['post', '/api/v1/appointments/{id}/cancel'], ['get', '/api/v1/schedule/board'],
  ['post', '/api/v1/providers/{id}/calendar-feed'], ['delete', '/api/v1/providers/{id}/calendar-feed'],
  ['get', '/api/v1/providers/{id}/calendar.ics'], ['get', '/api/v1/reports/schedule/utilisation'],
  ['get', '/api/v1/reports/schedule/wait-times'], ['get', '/api/v1/schedule/settings'], ['patch', '/api/v1/schedule/settings'],
  ['get', '/api/v1/reminder-rules'], ['post', '/api/v1/reminder-rules'], ['patch', '/api/v1/reminder-rules/{id}'],
  ['get', '/api/v1/appointments/{id}/reminders'], ['post', '/api/v1/reminders/run'], ['get', '/api/v1/appointment-link'],
  ['post', '/api/v1/appointment-link'], ['get', '/api/v1/working-hours'],
  ...['payers', 'coverages', 'fees', 'payer-contracts', 'encounters'].flatMap((r) => [
    ['get', `/api/v1/${r}`], ['post', `/api/v1/${r}`], ['get', `/api/v1/${r}/{id}`], ['patch', `/api/v1/${r}/{id}`]]),
  ['get', '/api/v1/patients/{id}/coverages'], ['get', '/api/v1/fees/quote'], ['get', '/api/v1/billing-profile'],
  ['put', '/api/v1/billing-profile'], ['get', '/api/v1/code-sets'], ['get', '/api/v1/codes'],
  ['get', '/api/v1/encounters/queue'], ['post', '/api/v1/encounters/{id}/void'], ['post', '/api/v1/encounters/{id}/claims'], ['get', '/api/v1/claims'],
  ['get', '/api/v1/claims/summary'], ['get', '/api/v1/claims/{id}'], ['post', '/api/v1/claims/{id}/scrub'],
  ['post', '/api/v1/claims/{id}/status'], ['post', '/api/v1/claims/{id}/correct'], ['post', '/api/v1/claims/{id}/void'],
  ['get', '/api/v1/claims/{id}/cms1500.pdf'], ['get', '/api/v1/edi-settings'], ['put', '/api/v1/edi-settings'],
  ['get', '/api/v1/claim-batches'], ['post', '/api/v1/claim-batches'], ['get', '/api/v1/claim-batches/{id}/837'],
  ['post', '/api/v1/remittances'], ['post', '/api/v1/x12-files'], ['get', '/api/v1/coverages/{id}/270'], ['get', '/api/v1/claims/{id}/276'], ['get', '/api/v1/remittances'], ['get', '/api/v1/remittances/{id}'],
  ['post', '/api/v1/payments'], ['post', '/api/v1/adjustments'], ['post', '/api/v1/transfers'], ['post', '/api/v1/refunds'],
  ['get', '/api/v1/journal-entries/{id}'], ['post', '/api/v1/journal-entries/{id}/reverse'], ['get', '/api/v1/patients/{id}/account'],
  ['get', '/api/v1/reports/ar-aging'], ['get', '/api/v1/reports/revenue-cycle'], ['get', '/api/v1/reports/money'], ['post', '/api/v1/statement-runs'],
  ['get', '/api/v1/statement-runs/{id}/statements.pdf'], ['get', '/api/v1/patients/{id}/statement.pdf'], ['put', '/api/v1/patients/{id}/account-hold'], ['get', '/api/v1/patients/{id}/account-hold'],
  ['post', '/api/v1/payment-plans'], ['get', '/api/v1/patients/{id}/payment-plan'], ['post', '/api/v1/payment-plans/{id}/cancel'], ['get', '/api/v1/ledger-accounts'], ['post', '/api/v1/remittances/{id}/post'],
  ['get', '/api/v1/denials'], ['patch', '/api/v1/denials/{id}'], ['get', '/api/v1/underpayments'], ['get', '/api/v1/posting-exceptions'],
  ['get', '/api/v1/capitation-contracts'], ['post', '/api/v1/capitation-contracts'], ['get', '/api/v1/capitation-contracts/{id}'],
  ['patch', '/api/v1/capitation-contracts/{id}'], ['put', '/api/v1/capitation-contracts/{id}/roster'], ['get', '/api/v1/capitation-contracts/{id}/roster'],
  ['get', '/api/v1/capitation-contracts/{id}/reconciliation'], ['post', '/api/v1/capitation-payments'], ['get', '/api/v1/reports/capitation'],
  ['post', '/api/v1/payment-plan-reminders/run'], ['post', '/api/v1/claims/{id}/eob'], ['get', '/api/v1/reports/denials'], ['get', '/api/v1/reports/collections'], ['get', '/api/v1/patients/{id}/family-account'], ['get', '/api/v1/statement-runs'], ['get', '/api/v1/statement-runs/{id}/mailing.csv'],
];

test('the OpenAPI document lists every route with its permission', async () => {
  const r = await client(px.url).get('/api/v1/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.body.openapi, '3.1.0');
  for (const [m, p] of routes) assert.ok(r.body.paths[p]?.[m], `${m.toUpperCase()} ${p} is missing from openapi.json`);
  assert.equal(r.body.paths['/api/v1/patients'].get['x-permission'], 'patient.read');
  assert.deepEqual(r.body.paths['/api/v1/session'].post.security, []);
  const count = Object.values(r.body.paths).reduce((n, item) => n + Object.keys(item).filter((k) => k !== 'parameters').length, 0);
  assert.equal(count, routes.length, 'a new route needs a test here');
});

test('every route but the public ones answers 401 without a token, and 403 to a role without its permission', async () => {
  const doc = (await client(px.url).get('/api/v1/openapi.json')).body;
  const auditor = client(px.url, await login(px.url, px.email('auditor'))); // audit.read, user.read only
  const held = new Set((await auditor.get('/api/v1/me')).body.permissions);
  let checked401 = 0, checked403 = 0;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters' || (op.security && op.security.length === 0)) continue;
      const url = path.replace('{id}', '1');
      const anon = await client(px.url).call(method.toUpperCase(), url, method === 'get' || method === 'delete' ? undefined : {});
      assert.equal(anon.status, 401, `${method.toUpperCase()} ${path} without a token`);
      assert.equal(anon.headers.get('content-type'), 'application/problem+json');
      checked401++;
      const need = op['x-permission'];
      if (need && need !== 'signed-in' && !held.has(need)) {
        const r = await auditor.call(method.toUpperCase(), url, method === 'get' || method === 'delete' ? undefined : {});
        assert.equal(r.status, 403, `${method.toUpperCase()} ${path} as an auditor (needs ${need})`);
        checked403++;
      }
    }
  }
  assert.ok(checked401 >= 20 && checked403 >= 12, `${checked401} routes checked for 401, ${checked403} for 403`);
});

test('healthz reports the database; metrics are Prometheus text', async () => {
  const h = await client(px.url).get('/healthz');
  assert.equal(h.status, 200);
  assert.equal(h.body.status, 'ok');
  const m = await client(px.url).get('/metrics');
  assert.equal(m.status, 200);
  assert.match(m.headers.get('content-type'), /^text\/plain/);
  assert.match(m.text, /^praxis_http_responses_total\{class="2xx"\} \d+$/m);
});

test('every answer carries the security headers; unknown API paths are 404 problems, wrong verbs 405', async () => {
  for (const p of ['/healthz', '/api/v1/nothing', '/', '/patients/12']) {
    const r = await fetch(px.url + p);
    assert.match(r.headers.get('content-security-policy') || '', /frame-ancestors 'none'/, p);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', p);
  }
  const nf = await client(px.url).get('/api/v1/nothing');
  assert.equal(nf.status, 404);
  assert.equal(nf.headers.get('content-type'), 'application/problem+json');
  assert.equal((await client(px.url).call('PUT', '/api/v1/patients')).status, 405);
  assert.equal((await client(px.url, await login(px.url, px.email('admin'))).get('/api/v1/patients/99999999')).status, 404);
  const api = await client(px.url).get('/api/v1/me');
  assert.equal(api.headers.get('cache-control'), 'no-store');
});

const latest = readdirSync(new URL('../../src/store/migrations/', import.meta.url)).filter((f) => f.endsWith('.sql')).length;

test('praxis init twice changes nothing; an older schema is upgraded in place', () => {
  const db = newDatabase();
  try {
    assert.match(praxis(['init', '--db', db.url, '--target', '1']), /version 1 \(1 migration applied\)/);
    assert.equal(praxisFails(['practice', 'add', '--db', db.url, '--name', 'Early']).status, 1, 'an old schema is refused until upgraded');
    assert.match(praxis(['init', '--db', db.url]), new RegExp(`version ${latest} \\(${latest - 1} migrations applied\\)`));
    assert.match(praxis(['init', '--db', db.url]), new RegExp(`version ${latest} \\(0 migrations applied\\)`));
    const id = praxis(['practice', 'add', '--db', db.url, '--name', 'Upgraded']);
    assert.match(id, /^\d+\n$/, 'practice add prints the id alone');
    assert.equal(praxisFails(['user', 'add', '--db', db.url, '--practice', id.trim(), '--email', 'x@y.test', '--role', 'admin'], 'short\n').status, 1);
    assert.match(praxis(['user', 'add', '--db', db.url, '--practice', id.trim(), '--email', 'x@y.test', '--role', 'admin'], 'long enough password\n'), /^\d+\n$/);
    assert.equal(praxisFails(['user', 'add', '--db', db.url, '--practice', '999', '--email', 'x@y.test', '--role', 'admin'], 'long enough password\n').status, 1);
  } finally {
    db.drop();
  }
});

test('every subcommand has --help; PRAXIS_DB is the default database', () => {
  for (const c of [['init'], ['serve'], ['practice', 'add'], ['user', 'add'], ['audit', 'verify'], ['demo']])
    assert.match(praxis([...c, '--help']), /^usage: praxis /, c.join(' '));
  const r = praxisFails(['init']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /PRAXIS_DB/);
  const db = newDatabase();
  try {
    const out = execFileSync(BIN, ['init'], { env: { ...process.env, PRAXIS_DB: db.url }, encoding: 'utf8' });
    assert.match(out, new RegExp(`version ${latest} `));
  } finally {
    db.drop();
  }
});

test('praxis demo is deterministic for a seed and generates a password', () => {
  const names = [];
  const pws = [];
  for (let i = 0; i < 2; i++) {
    const db = newDatabase();
    try {
      praxis(['init', '--db', db.url]);
      const out = praxis(['demo', '--db', db.url, '--patients', '50', '--seed', '7']);
      pws.push(out.match(/password:\s+(\S+)/)[1]);
      names.push(db.sql(`SELECT family_name || ',' || given_name || ',' || birth_date FROM patient ORDER BY id`));
      assert.equal(Number(db.sql(`SELECT COUNT(*) FROM patient`).trim()), 50);
      assert.ok(Number(db.sql(`SELECT COUNT(*) FROM provider`).trim()) >= 3);
      assert.match(praxis(['audit', 'verify', '--db', db.url]), /intact/);
    } finally {
      db.drop();
    }
  }
  assert.equal(names[0], names[1]);
  assert.notEqual(pws[0], pws[1], 'the admin password is generated, never fixed');
  assert.match(pws[0], /^[A-Za-z0-9]{16}$/);
});

test('praxis demo builds the same practice on PostgreSQL as on SQLite', { skip: ENGINE !== 'pg' && 'runs with the PostgreSQL suite' }, () => {
  const pg = newDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'praxis-demo-'));
  const lite = join(dir, 'praxis.db');
  const what = ['SELECT id, status, payer_id, patient_id FROM claim ORDER BY id',
    'SELECT id, account, amount_cents, COALESCE(patient_id, 0), COALESCE(charge_id, 0) FROM journal_line ORDER BY id',
    'SELECT id, status, start_s, provider_id FROM appointment ORDER BY id'];
  try {
    for (const url of [pg.url, lite]) {
      praxis(['init', '--db', url]);
      praxis(['demo', '--db', url, '--patients', '120', '--seed', '11']);
    }
    for (const q of what) {
      const a = pg.sql(q).trim(), b = execFileSync('sqlite3', [lite, q], { encoding: 'utf8' }).trim();
      assert.ok(a.split('\n').length > 50, q);
      assert.equal(a, b, q);
    }
  } finally {
    pg.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
