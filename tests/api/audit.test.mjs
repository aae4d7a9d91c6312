// The audit trail: what is recorded, who may read it, and that tampering is caught.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPraxis, client, login, praxis, praxisFails, ENGINE } from '../lib/server.mjs';

let px, desk, officer;
before(async () => {
  px = await startPraxis();
  desk = client(px.url, await login(px.url, px.email('front_desk')));
  officer = client(px.url, await login(px.url, px.email('compliance_officer')));
});
after(async () => { await px?.stop(); });

test('reads and writes of a patient are audited with who, what, when and where', async () => {
  const p = (await desk.post('/api/v1/patients', { family_name: 'Audited', given_name: 'Ann', birth_date: '1971-07-07', sex_at_birth: 'F' })).body;
  await desk.get(`/api/v1/patients/${p.id}`);
  await desk.patch(`/api/v1/patients/${p.id}`, { version: 1, preferred_name: 'A' });
  const r = await officer.get(`/api/v1/audit?patient_id=${p.id}`);
  assert.equal(r.status, 200);
  const actions = r.body.items.map((e) => e.action);
  assert.deepEqual(actions, ['patient.update', 'patient.read', 'patient.create'], 'newest first');
  for (const e of r.body.items) {
    assert.equal(e.user_email, px.email('front_desk'));
    assert.equal(e.patient_id, p.id);
    assert.equal(e.ip, '127.0.0.1');
    assert.equal(e.outcome, 'success');
    assert.match(e.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  }
  assert.ok(!JSON.stringify(r.body).includes('Audited'), 'events carry ids, not names');
  const deskId = r.body.items[0].user_id;
  // the officer's own reads of this trail are events on the patient too; filtering by user leaves the desk's three
  assert.equal((await officer.get(`/api/v1/audit?patient_id=${p.id}`)).body.items.length, 4);
  assert.equal((await officer.get(`/api/v1/audit?patient_id=${p.id}&user_id=${deskId}`)).body.items.length, 3, 'patient and user filters combine');
});

test('a refused attempt is audited as denied', async () => {
  const hr = client(px.url, await login(px.url, px.email('hr')));
  assert.equal((await hr.get('/api/v1/patients/1')).status, 403);
  const hrId = (await hr.get('/api/v1/me')).body.user.id;
  const r = await officer.get(`/api/v1/audit?user_id=${hrId}`);
  assert.ok(r.body.items.some((e) => e.action === 'access.denied' && e.outcome === 'denied' && e.reason === '/api/v1/patients/{id}'));
});

test('only compliance officers, auditors and admins read the trail; filters work', async () => {
  assert.equal((await desk.get('/api/v1/audit')).status, 403);
  assert.equal((await client(px.url).get('/api/v1/audit')).status, 401);
  const auditor = client(px.url, await login(px.url, px.email('auditor')));
  assert.equal((await auditor.get('/api/v1/audit')).status, 200);
  const admin = client(px.url, await login(px.url, px.email('admin')));
  const page1 = (await admin.get('/api/v1/audit?limit=2')).body;
  assert.equal(page1.items.length, 2);
  const page2 = (await admin.get('/api/v1/audit?limit=2&cursor=' + page1.next_cursor)).body;
  assert.ok(page2.items.length > 0 && page2.items[0].id < page1.items[1].id, 'the next page continues, older');
  assert.equal((await admin.get('/api/v1/audit?from=2000-01-01&to=2000-12-31')).body.items.length, 0);
  assert.equal((await admin.get('/api/v1/audit?from=yesterday')).status, 400);
  const b = client(px.url, await login(px.url, px.email('admin', 'b')));
  const theirs = (await b.get('/api/v1/audit?limit=500')).body.items;
  const mineIds = new Set((await admin.get('/api/v1/audit?limit=500')).body.items.map((e) => e.id));
  assert.ok(theirs.length > 0 && theirs.every((e) => !mineIds.has(e.id)), 'each practice sees only its own events');
});

test('events cannot be changed through the database, and a change behind its back fails verification', async () => {
  assert.equal(praxis(['audit', 'verify', '--db', px.db.url]).match(/intact/) !== null, true);
  assert.throws(() => px.db.sql(`UPDATE audit_event SET outcome = 'denied' WHERE id = 3`), /append-only/);
  assert.throws(() => px.db.sql(`DELETE FROM audit_event WHERE id = 3`), /append-only/);
  // someone with raw database access drops the guard and edits an event
  if (ENGINE === 'pg')
    px.db.sql(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change; UPDATE audit_event SET user_id = 999 WHERE id = 3; ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_change`);
  else
    px.db.sql(`DROP TRIGGER audit_event_no_update; UPDATE audit_event SET user_id = 999 WHERE id = 3`);
  const r = praxisFails(['audit', 'verify', '--db', px.db.url]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /audit event 3 does not verify/);
});
