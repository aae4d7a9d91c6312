// A paper EOB entered by hand: checked whole before anything is written (each line one of
// the claim's, once, and balanced; CARC groups; the claim must be with the payer), then
// posted like an 835: payment, contractual adjustment, the patient's share, a denial to the
// worklist, an underpayment against the contract; the same Idempotency-Key posts once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPraxis, client, login } from '../lib/server.mjs';
import { billingPractice } from '../lib/practice.mjs';

const NOW = Date.parse('2026-05-20T12:00:00Z');
let px, biller, desk, adminB, patient, claim, draft;
const ok = (r, status = 201) => { assert.equal(r.status, status, r.text); return r.body; };
const address = { line1: '12 Elm St', city: 'Springfield', state: 'MA', postal_code: '01103' };

before(async () => {
  px = await startPraxis({ env: { PRAXIS_NOW: String(NOW / 1000) } });
  const mgr = client(px.url, await login(px.url, px.email('practice_manager')));
  biller = client(px.url, await login(px.url, px.email('biller')));
  desk = client(px.url, await login(px.url, px.email('front_desk')));
  adminB = client(px.url, await login(px.url, px.email('admin', 'b')));
  const { loc, doc } = await billingPractice({ mgr, biller }, { address });
  const payer = ok(await biller.post('/api/v1/payers', { name: 'Granite Mutual', payer_code: 'GM001', kind: 'commercial', filing_indicator: 'CI' })).id;
  for (const [code, fee] of [['99213', 15000], ['93000', 6500]])
    ok(await biller.post('/api/v1/fees', { code, fee_cents: fee, effective_from: '2025-01-01' }));
  ok(await biller.post('/api/v1/payer-contracts', { payer_id: payer, name: 'Granite 2026', effective_from: '2026-01-01',
    rates: [{ code: '99213', allowed_cents: 11000 }] }));
  patient = ok(await desk.post('/api/v1/patients', { family_name: 'Paper', given_name: 'Eve', birth_date: '1966-06-06', sex_at_birth: 'F', address })).id;
  ok(await desk.post('/api/v1/coverages', { patient_id: patient, payer_id: payer, priority: 1, relationship: 'self', member_id: 'GM42',
    effective_from: '2026-01-01', eligibility: 'active' }));
  const visit = async (day) => {
    const e = ok(await biller.post('/api/v1/encounters', { patient_id: patient, service_date: day, rendering_provider_id: doc, location_id: loc,
      diagnoses: ['I10'], lines: [{ code: '99213', pointers: [1] }, { code: '93000', pointers: [1] }] }));
    return ok(await biller.post(`/api/v1/encounters/${e.id}/claims`), 200).items[0];
  };
  claim = await visit('2026-05-04');
  draft = await visit('2026-05-06');
  ok(await biller.post(`/api/v1/claims/${claim.id}/status`, { status: 'submitted' }), 200);
});
after(async () => { await px?.stop(); });

const balances = async () => ok(await desk.get(`/api/v1/patients/${patient}/account`), 200).balances;
const eob = (id, body, key) => biller.post(`/api/v1/claims/${id}/eob`, body, key ? { 'Idempotency-Key': key } : {});
const good = { paid_on: '2026-05-18', method: 'check', reference: '000123', payer_claim_number: 'GM-77', lines: [
  { line_no: 1, paid_cents: 8000, adjustments: [{ group: 'CO', reason: '45', amount_cents: 5000 }, { group: 'PR', reason: '2', amount_cents: 2000 }] },
  { line_no: 2, paid_cents: 0, adjustments: [{ group: 'CO', reason: '50', amount_cents: 6500 }], remarks: ['N115'] }] };

test('a bad EOB names each line at fault and writes nothing', async () => {
  const before = await balances();
  const r = await eob(claim.id, { method: 'cash', paid_on: '18/05/2026', lines: [
    { line_no: 1, paid_cents: 8000, adjustments: [{ group: 'CO', reason: '45', amount_cents: 4000 }] },
    { line_no: 1, paid_cents: 0 }, { line_no: 9, paid_cents: 0 },
    { line_no: 2, paid_cents: 0, adjustments: [{ group: 'XX', reason: '50', amount_cents: 6500 }], remarks: ['N 115'] }] });
  assert.equal(r.status, 400);
  const byField = {};
  for (const x of r.body.errors) (byField[x.field] ??= []).push(x);
  assert.deepEqual(Object.keys(byField).sort(), ['lines[0]', 'lines[1]', 'lines[2]', 'lines[3]', 'method', 'paid_on']);
  assert.match(byField['lines[0]'][0].message, /paid and adjusted 12000 cents; the line charged 15000/);
  assert.match(byField['lines[1]'][0].message, /listed twice/);
  assert.match(byField['lines[2]'][0].message, /not a line of the claim/);
  assert.equal(byField['lines[3]'].length, 3, 'the group, the remark and the balance');
  assert.deepEqual(await balances(), before);
  assert.equal(ok(await biller.get('/api/v1/remittances'), 200).items.length, 0);
  assert.equal((await eob(draft.id, good)).status, 409, 'a claim not sent has no EOB');
});

test('a good EOB posts like an 835: payment, contractual, patient share, a denial, an underpayment; once per key', async () => {
  const r = ok(await eob(claim.id, good, 'eob-1'));
  assert.deepEqual([r.duplicate, r.remittances.length, r.remittances[0].payer_name, r.remittances[0].amount_cents],
    [false, 1, 'Granite Mutual', 8000]);
  assert.deepEqual(r.remittances[0].posting, { claims_posted: 1, denials: 1, exceptions: 0 });
  assert.deepEqual(await balances(), { insurance_cents: 6500 + 21500, patient_cents: 2000, credit_cents: 0 },
    'the denied line stays with the payer (beside the second visit, not sent yet)');
  const c = ok(await biller.get(`/api/v1/claims/${claim.id}`), 200);
  assert.deepEqual([c.status, c.payer_claim_number], ['partial', 'GM-77']);
  const d = ok(await biller.get('/api/v1/denials'), 200).items;
  assert.deepEqual(d.map((x) => [x.claim_id, x.reasons, x.amount_cents]), [[claim.id, 'CO-50,N115', 6500]]);
  const u = ok(await biller.get('/api/v1/underpayments'), 200).items;
  assert.deepEqual(u.map((x) => [x.expected_cents, x.allowed_cents, x.paid_cents]), [[11000, 10000, 8000]]);
  const again = ok(await eob(claim.id, good, 'eob-1'), 200);
  assert.deepEqual([again.duplicate, again.file_id], [true, r.file_id]);
  assert.deepEqual(await balances(), { insurance_cents: 6500 + 21500, patient_cents: 2000, credit_cents: 0 }, 'posted once');
  const rem = ok(await biller.get(`/api/v1/remittances/${r.remittances[0].id}`), 200);
  assert.equal(rem.claims.length, 1);
  const admin = client(px.url, await login(px.url, px.email('admin')));
  assert.ok(ok(await admin.get('/api/v1/audit?limit=500'), 200).items.some((ev) => ev.action === 'remittance.enter'));
});

test('who may post an EOB: 401 without a session, 403 for the desk, 404 across practices', async () => {
  assert.equal((await client(px.url).post(`/api/v1/claims/${claim.id}/eob`, good)).status, 401);
  assert.equal((await desk.post(`/api/v1/claims/${claim.id}/eob`, good)).status, 403);
  assert.equal((await adminB.post(`/api/v1/claims/${claim.id}/eob`, good)).status, 404);
});
