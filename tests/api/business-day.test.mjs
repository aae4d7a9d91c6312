// "Today" is the practice's day, not UTC's. The server's clock is pinned to 22:00 on 20 March
// 2026 in New York (02:00 on the 21st in UTC), where practice A has its only location;
// practice B has no location, so its day is UTC's. A payment, a paper EOB's paid-on date, the
// A/R aging and a statement run default to the local date; a visit dated the 21st is still in
// the future, and so is a birth on the 21st; a claim submitted now counts in the
// revenue-cycle figures of the 20th.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPraxis, client, login } from '../lib/server.mjs';
import { billingPractice } from '../lib/practice.mjs';

const NOW = Date.parse('2026-03-21T02:00:00Z'); // 22:00 EDT on 20 March
let px, biller, desk, mgr, adminB, patient, doc, loc;
const ok = (r, status = 201) => { assert.equal(r.status, status, r.text); return r.body; };
const address = { line1: '12 Elm St', city: 'Springfield', state: 'MA', postal_code: '01103' };

before(async () => {
  px = await startPraxis({ env: { PRAXIS_NOW: String(NOW / 1000) } });
  mgr = client(px.url, await login(px.url, px.email('practice_manager')));
  biller = client(px.url, await login(px.url, px.email('biller')));
  desk = client(px.url, await login(px.url, px.email('front_desk')));
  adminB = client(px.url, await login(px.url, px.email('admin', 'b')));
  ({ loc, doc } = await billingPractice({ mgr, biller }, { address }));
  patient = ok(await desk.post('/api/v1/patients', { family_name: 'Day', given_name: 'Ana', birth_date: '1970-01-02', sex_at_birth: 'F', address })).id;
  ok(await biller.post('/api/v1/fees', { code: '99213', fee_cents: 15000, effective_from: '2025-01-01' }));
  const payer = ok(await biller.post('/api/v1/payers', { name: 'Aetna', payer_code: '60054', kind: 'commercial', filing_indicator: 'CI' })).id;
  ok(await desk.post('/api/v1/coverages', { patient_id: patient, payer_id: payer, priority: 1, relationship: 'self',
    member_id: 'W123456789', effective_from: '2026-01-01', eligibility: 'active' }));
});
after(async () => { await px?.stop(); });

const visit = (date) => biller.post('/api/v1/encounters', { patient_id: patient, service_date: date, rendering_provider_id: doc,
  location_id: loc, diagnoses: ['I10'], lines: [{ code: '99213', pointers: [1] }] });

test('a payment taken at 10 p.m. in New York is dated that day; a practice without a location keeps UTC\'s day', async () => {
  const pay = ok(await desk.post('/api/v1/payments', { patient_id: patient, amount_cents: 2000, method: 'cash' }));
  const entry = ok(await biller.get(`/api/v1/journal-entries/${pay.id}`), 200);
  assert.equal(entry.effective_date, '2026-03-20');
  assert.ok(entry.lines.every((l) => l.effective_date === undefined || l.effective_date === '2026-03-20'), JSON.stringify(entry.lines));

  const other = ok(await adminB.post('/api/v1/patients', { family_name: 'Utc', given_name: 'Bo', birth_date: '1970-01-02', sex_at_birth: 'M' })).id;
  const payB = ok(await adminB.post('/api/v1/payments', { patient_id: other, amount_cents: 500, method: 'cash' }));
  assert.equal(ok(await adminB.get(`/api/v1/journal-entries/${payB.id}`), 200).effective_date, '2026-03-21');
});

test('a visit on the 21st is in the future; one on the 20th is today, and its claim counts in the figures of the 20th', async () => {
  const future = await visit('2026-03-21');
  assert.equal(future.status, 400, future.text);
  assert.deepEqual(future.body.errors.map((x) => x.field), ['service_date']);
  const enc = ok(await visit('2026-03-20'));
  const [claim] = ok(await biller.post(`/api/v1/encounters/${enc.id}/claims`), 200).items;
  ok(await biller.post(`/api/v1/claims/${claim.id}/status`, { status: 'submitted' }), 200);
  const k = ok(await biller.get('/api/v1/reports/revenue-cycle?from=2026-03-20&to=2026-03-20'), 200);
  assert.deepEqual([k.clean_claim_rate.numerator, k.clean_claim_rate.denominator], [1, 1], 'submitted on the 20th, local time');
  const next = ok(await biller.get('/api/v1/reports/revenue-cycle?from=2026-03-21&to=2026-03-21'), 200);
  assert.deepEqual([next.clean_claim_rate.numerator, next.clean_claim_rate.denominator], [0, 0]);
  assert.equal(k.totals.payments_cents, 2000, 'the payment of the 20th');
});

test('the A/R aging and a statement run are as of the local day unless told otherwise', async () => {
  assert.equal(ok(await biller.get('/api/v1/reports/ar-aging?by=payer'), 200).as_of, '2026-03-20');
  assert.equal(ok(await biller.get('/api/v1/reports/ar-aging?by=payer&as_of=2026-03-25'), 200).as_of, '2026-03-25');
  assert.equal(ok(await biller.post('/api/v1/statement-runs', {})).as_of, '2026-03-20');
});

test('a birth date of the 21st is in the future in New York, not in a practice on UTC', async () => {
  const baby = { family_name: 'Newborn', given_name: 'Kit', birth_date: '2026-03-21', sex_at_birth: 'U', confirm_new: true };
  const early = await desk.post('/api/v1/patients', baby);
  assert.equal(early.status, 400, early.text);
  assert.deepEqual(early.body.errors.map((x) => x.field), ['birth_date']);
  const notice = await desk.post('/api/v1/patients', { ...baby, birth_date: '2026-03-20', privacy_notice_at: '2026-03-21' });
  assert.deepEqual(notice.body.errors?.map((x) => x.field), ['privacy_notice_at'], notice.text);
  const born = ok(await desk.post('/api/v1/patients', { ...baby, birth_date: '2026-03-20', privacy_notice_at: '2026-03-20' }));
  const later = await desk.call('PATCH', `/api/v1/patients/${born.id}`, { birth_date: '2026-03-21', version: born.version });
  assert.deepEqual(later.body.errors?.map((x) => x.field), ['birth_date'], 'a change is held to the same day');
  ok(await adminB.post('/api/v1/patients', baby));
});
