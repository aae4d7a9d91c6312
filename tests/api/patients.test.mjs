// The patient register over HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPraxis, client, login } from '../lib/server.mjs';

let px, desk, admin, adminB, auditor;
before(async () => {
  px = await startPraxis();
  desk = client(px.url, await login(px.url, px.email('front_desk')));
  admin = client(px.url, await login(px.url, px.email('admin')));
  adminB = client(px.url, await login(px.url, px.email('admin', 'b')));
  auditor = client(px.url, await login(px.url, px.email('auditor')));
});
after(async () => { await px?.stop(); });

const jane = { family_name: 'Doe', given_name: 'Jane', birth_date: '1980-04-02', sex_at_birth: 'F' };

test('a minimal registration answers 201 with id, MRN and version', async () => {
  const r = await desk.post('/api/v1/patients', jane);
  assert.equal(r.status, 201);
  assert.ok(Number.isInteger(r.body.id) && r.body.id > 0);
  assert.match(r.body.mrn, /^\d{6,}$/);
  assert.equal(r.body.version, 1);
  assert.equal(r.body.status, 'active');
  const g = await desk.get(`/api/v1/patients/${r.body.id}`);
  assert.equal(g.status, 200);
  assert.equal(g.body.family_name, 'Doe');
  assert.equal(g.body.birth_date, '1980-04-02');
});

test('the full record round-trips', async () => {
  const full = {
    family_name: 'Núñez', given_name: 'Zoë', middle_name: 'A', preferred_name: 'Zo', birth_date: '04/05/1991',
    sex_at_birth: 'F', gender_identity: 'female', address: { line1: '1 Main St', city: 'Salem', state: 'MA', postal_code: '01970', country: 'US' },
    phone_mobile: '(413) 555-0199', email: 'Zoe@Example.org', preferred_language: 'es', preferred_contact: 'sms',
    emergency_contact: { name: 'Ana Núñez', relationship: 'sister', phone: '413 555 0100' },
    guarantor: { name: 'Zoë Núñez', relationship: 'self' }, sms_consent: true, email_consent: false,
    privacy_notice_at: '2026-01-02', status: 'active',
  };
  const r = await desk.post('/api/v1/patients', full);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.birth_date, '1991-04-05', 'US dates are stored as ISO');
  assert.equal(r.body.email, 'zoe@example.org');
  assert.deepEqual(r.body.address, { line1: '1 Main St', line2: null, city: 'Salem', state: 'MA', postal_code: '01970', country: 'US' });
  assert.equal(r.body.emergency_contact.relationship, 'sister');
  assert.equal(r.body.sms_consent, true);
  assert.equal(r.body.preferred_contact, 'sms');
});

test('a missing required field is a 400 naming it; bad values name theirs', async () => {
  const r = await desk.post('/api/v1/patients', { given_name: 'Nofamily', birth_date: '1990-01-01', sex_at_birth: 'M' });
  assert.equal(r.status, 400);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  assert.deepEqual(r.body.errors.map((e) => e.field), ['family_name']);
  const bad = await desk.post('/api/v1/patients', {
    family_name: 'X', given_name: 'Y', birth_date: '1990-02-30', sex_at_birth: 'Q', email: 'no-at-sign',
    phone_mobile: '12', address: { zip: '1' }, shoe_size: 9,
  });
  assert.equal(bad.status, 400);
  const fields = bad.body.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['address.zip', 'birth_date', 'email', 'phone_mobile', 'sex_at_birth', 'shoe_size']);
  const us = await desk.post('/api/v1/patients', { ...jane, given_name: 'Usa', address: { state: 'New York', postal_code: '1234' } });
  assert.deepEqual(us.body.errors.map((e) => e.field).sort(), ['address.postal_code', 'address.state'], 'US addresses need a state code and a ZIP');
  const flat = await desk.post('/api/v1/patients', { ...jane, given_name: 'Flat', address: '1 Main St' });
  assert.deepEqual(flat.body.errors.map((e) => e.field), ['address'], 'a nested object given as text is refused, not ignored');
  const ca = await desk.post('/api/v1/patients', { ...jane, given_name: 'Canada', address: { state: 'Ontario', postal_code: 'K1A 0B1', country: 'CA' } });
  assert.equal(ca.status, 201, 'other countries keep their own formats');
  const lower = await desk.post('/api/v1/patients', { ...jane, given_name: 'Lower', address: { state: 'ny', postal_code: '10001-1234' } });
  assert.equal(lower.body.address.state, 'NY');
  const future = await desk.post('/api/v1/patients', { ...jane, given_name: 'Future', birth_date: '2999-01-01' });
  assert.equal(future.status, 400);
  assert.equal(future.body.errors[0].field, 'birth_date');
});

test('malformed JSON is a 400 problem that does not echo the body', async () => {
  const r = await desk.post('/api/v1/patients', '{"family_name": "Secretname", ');
  assert.equal(r.status, 400);
  assert.equal(r.body.code, 'bad-json');
  assert.ok(!r.text.includes('Secretname'));
  const arr = await desk.post('/api/v1/patients', '[1,2]');
  assert.equal(arr.status, 400);
});

test('a body over 1 MiB is refused with 413', async () => {
  const big = JSON.stringify({ ...jane, gender_identity: 'x'.repeat(1100 * 1024) });
  const r = await desk.post('/api/v1/patients', big);
  assert.equal(r.status, 413);
  assert.equal(r.body.code, 'payload-too-large');
});

test('a likely duplicate answers 409 with candidates unless confirmed', async () => {
  const first = await desk.post('/api/v1/patients', { family_name: 'Dupont', given_name: 'Léa', birth_date: '1975-06-01', sex_at_birth: 'F' });
  assert.equal(first.status, 201);
  const again = await desk.post('/api/v1/patients', { family_name: 'DUPONT ', given_name: 'lea', birth_date: '1975-06-01', sex_at_birth: 'F' });
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'duplicate-patient');
  assert.deepEqual(again.body.candidates.map((c) => c.id), [first.body.id]);
  const confirmed = await desk.post('/api/v1/patients', { family_name: 'Dupont', given_name: 'Lea', birth_date: '1975-06-01', sex_at_birth: 'F', confirm_new: true });
  assert.equal(confirmed.status, 201);
  assert.notEqual(confirmed.body.mrn, first.body.mrn);
});

test('PATCH needs the version; a stale version answers 409 and changes nothing', async () => {
  const p = (await desk.post('/api/v1/patients', { family_name: 'Version', given_name: 'Vera', birth_date: '1960-01-01', sex_at_birth: 'F' })).body;
  assert.equal((await desk.patch(`/api/v1/patients/${p.id}`, { preferred_name: 'V' })).status, 400);
  const ok = await desk.patch(`/api/v1/patients/${p.id}`, { version: 1, preferred_name: 'V', address: { city: 'Lowell' } });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.version, 2);
  assert.equal(ok.body.preferred_name, 'V');
  assert.equal(ok.body.address.city, 'Lowell');
  const stale = await desk.patch(`/api/v1/patients/${p.id}`, { version: 1, preferred_name: 'W' });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.code, 'version-conflict');
  assert.equal((await desk.get(`/api/v1/patients/${p.id}`)).body.preferred_name, 'V');
  // a search answers what the record now holds, by every name
  for (const q of ['version vera', 'v', p.mrn]) {
    const hit = (await desk.get(`/api/v1/patients?q=${encodeURIComponent(q)}&limit=500`)).body.items.find((i) => i.id === p.id);
    assert.deepEqual([hit?.preferred_name, hit?.version, hit?.status], ['V', 2, 'active'], q);
  }
  // ... and every word of a search is checked against the names as they now are
  const found = async (q) => (await desk.get(`/api/v1/patients?q=${encodeURIComponent(q)}&limit=500`)).body.items.some((i) => i.id === p.id);
  assert.equal(await found('version quinn'), false);
  assert.equal((await desk.patch(`/api/v1/patients/${p.id}`, { version: 2, preferred_name: 'Quinn' })).status, 200);
  assert.deepEqual([await found('version quinn'), await found('quinn vera'), await found('version w')], [true, true, false]);
  const ro = await desk.patch(`/api/v1/patients/${p.id}`, { version: 3, mrn: '1' });
  assert.equal(ro.status, 400);
  assert.equal(ro.body.errors[0].field, 'mrn');
});

test("another practice's patient answers 404 on every verb", async () => {
  const p = (await desk.post('/api/v1/patients', { family_name: 'Private', given_name: 'Pat', birth_date: '1950-05-05', sex_at_birth: 'M' })).body;
  assert.equal((await adminB.get(`/api/v1/patients/${p.id}`)).status, 404);
  assert.equal((await adminB.patch(`/api/v1/patients/${p.id}`, { version: 1, preferred_name: 'x' })).status, 404);
  assert.equal((await adminB.post(`/api/v1/patients/${p.id}/merge`, { duplicate_id: p.id + 1 })).status, 404);
  const list = await adminB.get('/api/v1/patients?q=Private');
  assert.equal(list.status, 200);
  assert.equal(list.body.items.length, 0);
  const other = (await adminB.post('/api/v1/patients', { family_name: 'Other', given_name: 'Bee', birth_date: '1950-05-05', sex_at_birth: 'M' })).body;
  const cross = await admin.post(`/api/v1/patients/${p.id}/merge`, { duplicate_id: other.id });
  assert.equal(cross.status, 400, 'a duplicate from another practice is not found');
  assert.equal(cross.body.errors[0].field, 'duplicate_id');
});

test('a role without patient access answers 403', async () => {
  assert.equal((await auditor.get('/api/v1/patients')).status, 403);
  assert.equal((await auditor.get('/api/v1/patients/1')).status, 403);
  assert.equal((await auditor.post('/api/v1/patients', jane)).status, 403);
  const hr = client(px.url, await login(px.url, px.email('hr')));
  assert.equal((await hr.get('/api/v1/patients')).status, 403);
  const provider = client(px.url, await login(px.url, px.email('provider')));
  assert.equal((await provider.get('/api/v1/patients')).status, 200);
  assert.equal((await provider.post('/api/v1/patients', jane)).status, 403, 'providers read, they do not register');
  assert.equal((await desk.post('/api/v1/patients/1/merge', { duplicate_id: 2 })).status, 403, 'merging needs patient.merge');
});

test('search by name prefix (case and accent blind), birth date, phone and MRN', async () => {
  const p = (await desk.post('/api/v1/patients', {
    family_name: 'Østergård', given_name: 'Søren', birth_date: '1966-12-24', sex_at_birth: 'M', phone_mobile: '+1 (617) 555-0142',
  })).body;
  const ids = async (q) => (await desk.get('/api/v1/patients?q=' + encodeURIComponent(q))).body.items.map((i) => i.id);
  assert.ok((await ids('oster')).includes(p.id));
  assert.ok((await ids('ØSTERGÅRD sør')).includes(p.id));
  assert.ok((await ids('Ostergard, Soren')).includes(p.id));
  assert.ok((await ids('soren oster')).includes(p.id), 'word order does not matter');
  assert.ok(!(await ids('oster jane')).includes(p.id), 'every word must match');
  assert.ok((await ids('1966-12-24')).includes(p.id));
  assert.ok((await ids('12/24/1966')).includes(p.id));
  assert.ok((await ids('617-555-0142')).includes(p.id));
  assert.ok((await ids('6175550142')).includes(p.id));
  assert.ok((await ids(p.mrn)).includes(p.id));
  const item = (await desk.get('/api/v1/patients?q=' + p.mrn)).body.items[0];
  assert.deepEqual(Object.keys(item).sort(), ['birth_date', 'family_name', 'given_name', 'id', 'mrn', 'preferred_name', 'sex_at_birth', 'status', 'version'], 'lists show the minimum');
});

test('SQL metacharacters in search are harmless', async () => {
  const before = (await desk.get('/api/v1/patients?limit=500')).body.items.length;
  for (const q of ["' OR 1=1 --", "'; DROP TABLE patient; --", '%', '_', "Doe' UNION SELECT * FROM app_user --", '\\', '"', '1) OR (1=1']) {
    const r = await desk.get('/api/v1/patients?q=' + encodeURIComponent(q));
    assert.ok(r.status === 200 || r.status === 400, `${q}: ${r.status}`);
    if (r.status === 200)
      assert.ok(r.body.items.length <= 1, `${q} matched ${r.body.items.length}`);
  }
  assert.equal((await desk.get('/api/v1/patients?limit=500')).body.items.length, before, 'nothing was dropped');
  const p = await desk.post('/api/v1/patients', { family_name: "O'Brien; DROP TABLE patient", given_name: 'Robert', birth_date: '1944-04-04', sex_at_birth: 'M' });
  assert.equal(p.status, 201);
  assert.equal((await desk.get(`/api/v1/patients/${p.body.id}`)).body.family_name, "O'Brien; DROP TABLE patient");
});

test('lists page with a keyset cursor, without repeats or gaps', async () => {
  for (let i = 0; i < 7; i++)
    await desk.post('/api/v1/patients', { family_name: 'Pager', given_name: 'P' + String.fromCharCode(97 + i), birth_date: '2000-01-01', sex_at_birth: 'U' });
  const seen = [];
  let cursor = '';
  for (let pages = 0; pages < 10; pages++) {
    const r = await desk.get('/api/v1/patients?q=pager&limit=3' + (cursor ? '&cursor=' + cursor : ''));
    assert.equal(r.status, 200);
    seen.push(...r.body.items.map((i) => i.given_name));
    assert.deepEqual(Object.keys(r.body.items[0]), ['id', 'mrn', 'family_name', 'given_name', 'preferred_name', 'birth_date', 'sex_at_birth', 'status', 'version']);
    assert.equal(typeof r.body.items[0].id, 'number');
    assert.ok(r.body.next_cursor === null || typeof r.body.next_cursor === 'string');
    if (!r.body.next_cursor) break;
    cursor = r.body.next_cursor;
  }
  assert.deepEqual(seen, ['Pa', 'Pb', 'Pc', 'Pd', 'Pe', 'Pf', 'Pg']);
  assert.equal((await desk.get('/api/v1/patients?limit=501')).status, 400);
  assert.equal((await desk.get('/api/v1/patients?cursor=abc')).status, 400);
});

test('merge: the duplicate points at the survivor, leaves search, and cannot be edited', async () => {
  const a = (await admin.post('/api/v1/patients', { family_name: 'Merge', given_name: 'Survivor', birth_date: '1955-05-05', sex_at_birth: 'F' })).body;
  const b = (await admin.post('/api/v1/patients', { family_name: 'Merge', given_name: 'Duplicate', birth_date: '1955-05-05', sex_at_birth: 'F' })).body;
  const r = await admin.post(`/api/v1/patients/${a.id}/merge`, { duplicate_id: b.id });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.id, a.id);
  const gone = (await admin.get(`/api/v1/patients/${b.id}`)).body;
  assert.equal(gone.status, 'merged');
  assert.equal(gone.merged_into_id, a.id);
  assert.deepEqual((await admin.get('/api/v1/patients?q=merge')).body.items.map((i) => i.id), [a.id]);
  assert.equal((await admin.patch(`/api/v1/patients/${b.id}`, { version: gone.version, preferred_name: 'x' })).status, 409);
  assert.equal((await admin.post(`/api/v1/patients/${a.id}/merge`, { duplicate_id: b.id })).status, 409);
  assert.equal((await admin.post(`/api/v1/patients/${a.id}/merge`, { duplicate_id: a.id })).status, 400);
  const trail = (await admin.get(`/api/v1/audit?patient_id=${a.id}`)).body.items.map((e) => e.action);
  assert.ok(trail.includes('patient.merge'));
});
