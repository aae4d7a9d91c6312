// Capitation over HTTP: a contract paying per member per month with two codes carved out;
// the payer's November roster (members matched to patients by their coverage's member id,
// unreadable rows left out and listed, the good rows kept); members' visits charged to
// nobody but the copay (CO-24), carved-out lines billed as usual; encounter data in the
// 837P (BHT06 RP, CN1*05) in a set of its own; an 835 answering capitated lines posts
// nothing, and a payment on one waits as an exception; capitation payments reconciled
// against the roster member by member, idempotent and reversible; revenue per member; the
// revenue-cycle indicators leave capitation out. The clock is pinned to 20 November 2026.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPraxis, client, login, praxis } from '../lib/server.mjs';
import { billingPractice } from '../lib/practice.mjs';

const NOW = Date.parse('2026-11-20T12:00:00Z');
let px, biller, desk, mgr, adminB, hmo, contract, loc, doc;
const pt = {}; // name -> {id, claim}
const ok = (r, status = 201) => { assert.equal(r.status, status, r.text); return r.body; };
const address = { line1: '12 Elm St', city: 'Springfield', state: 'MA', postal_code: '01103' };

before(async () => {
  px = await startPraxis({ env: { PRAXIS_NOW: String(NOW / 1000) } });
  mgr = client(px.url, await login(px.url, px.email('practice_manager')));
  biller = client(px.url, await login(px.url, px.email('biller')));
  desk = client(px.url, await login(px.url, px.email('front_desk')));
  adminB = client(px.url, await login(px.url, px.email('admin', 'b')));
  ({ loc, doc } = await billingPractice({ mgr, biller }, { address }));
  hmo = ok(await biller.post('/api/v1/payers', { name: 'Harbor HMO', payer_code: 'HH001', kind: 'commercial', filing_indicator: 'HM' })).id;
  for (const [code, fee] of [['99213', 15000], ['90686', 3000], ['90471', 2500]])
    ok(await biller.post('/api/v1/fees', { code, fee_cents: fee, effective_from: '2025-01-01' }));
  for (const [name, member, copay] of [['Ames', 'M1', 2000], ['Bell', 'M2', null], ['Cole', 'M9', null], ['Dunn', 'M3', null]]) {
    const id = ok(await desk.post('/api/v1/patients', { family_name: name, given_name: 'Pat', birth_date: '1970-01-01', sex_at_birth: 'F', address })).id;
    ok(await desk.post('/api/v1/coverages', { patient_id: id, payer_id: hmo, priority: 1, relationship: 'self', member_id: member,
      effective_from: '2026-01-01', eligibility: 'active', ...(copay ? { copay_cents: copay } : {}) }));
    pt[name] = { id, member };
  }
  ok(await biller.call('PUT', '/api/v1/edi-settings', { submitter_name: 'Main Street Medical Group', submitter_id: 'MSMG01',
    contact_name: 'Billing Office', contact_phone: '4135550100', receiver_name: 'Clearing House', receiver_id: 'CH0001',
    isa_sender_qual: 'ZZ', isa_sender_id: 'MSMG01', isa_receiver_qual: 'ZZ', isa_receiver_id: 'CH0001', gs_sender: 'MSMG01',
    gs_receiver: 'CH0001', usage: 'T' }), 200);
});
after(async () => { await px?.stop(); });

const account = async (name) => ok(await desk.get(`/api/v1/patients/${pt[name].id}/account`), 200).balances;
const reconcile = async () => ok(await biller.get(`/api/v1/capitation-contracts/${contract.id}/reconciliation?month=2026-11`), 200);

test('a capitation contract: per member per month, carve-outs normalised and checked', async () => {
  const bad = await biller.post('/api/v1/capitation-contracts', { payer_id: hmo, name: 'Harbor', effective_from: '2026-01-01',
    pmpm_cents: 3500, carve_outs: '90686, FLU' });
  assert.deepEqual([bad.status, bad.body.errors.map((x) => x.field)], [400, ['carve_outs']]);
  assert.equal((await desk.post('/api/v1/capitation-contracts', { payer_id: hmo, name: 'x', effective_from: '2026-01-01', pmpm_cents: 1 })).status, 403);
  contract = ok(await biller.post('/api/v1/capitation-contracts', { payer_id: hmo, name: 'Harbor HMO capitation 2026',
    effective_from: '2026-01-01', effective_to: '2026-12-31', pmpm_cents: 3500, carve_outs: '90686, 90471' }));
  assert.equal(contract.carve_outs, '90686,90471');
  const other = await adminB.post('/api/v1/capitation-contracts', { payer_id: hmo, name: 'x', effective_from: '2026-01-01', pmpm_cents: 1 });
  assert.deepEqual([other.status, other.body.errors.map((x) => x.field)], [400, ['payer_id']]);
});

test('the November roster: members matched to patients; bad rows listed, good rows kept', async () => {
  const r = ok(await biller.call('PUT', `/api/v1/capitation-contracts/${contract.id}/roster`, { month: '2026-11', members: [
    { member_id: 'M1' }, { member_id: 'M2', rate_cents: 4000 }, { member_id: 'X77' }, { member_id: 'M3' },
    { member_id: 'a b' }, { member_id: 'M1' }, { member_id: 'M4', rate_cents: -5 }] }), 200);
  assert.deepEqual(r.rejected.map((x) => x.field), ['members[4]', 'members[5]', 'members[6]']);
  assert.match(r.rejected[1].message, /twice/);
  assert.deepEqual([r.members, r.matched, r.unmatched, r.expected_cents, r.paid_cents, r.status], [4, 3, 1, 14500, 0, 'not paid']);
  const roster = ok(await biller.get(`/api/v1/capitation-contracts/${contract.id}/roster?month=2026-11`), 200).items;
  assert.deepEqual(roster.map((m) => [m.member_id, m.rate_cents, m.patient_id]),
    [['M1', 3500, pt.Ames.id], ['M2', 4000, pt.Bell.id], ['X77', 3500, null], ['M3', 3500, pt.Dunn.id]]);
  assert.equal(roster[0].patient_name, 'Ames, Pat');
  const admin = client(px.url, await login(px.url, px.email('admin')));
  const events = ok(await admin.get('/api/v1/audit?limit=500'), 200).items.filter((ev) => ev.action.startsWith('capitation.roster'));
  assert.deepEqual(events.map((ev) => [ev.action, ev.object_id]).sort(),
    [['capitation.roster', contract.id], ['capitation.roster.read', contract.id]]);
  const outside = await biller.call('PUT', `/api/v1/capitation-contracts/${contract.id}/roster`, { month: '2027-01', members: [] });
  assert.deepEqual([outside.status, outside.body.errors.map((x) => x.field)], [400, ['month']]);
});

test('members\' visits: covered lines owe the payer nothing but the copay; carved-out lines and non-members bill as usual', async () => {
  const visit = async (name, codes) => {
    const e = ok(await biller.post('/api/v1/encounters', { patient_id: pt[name].id, service_date: '2026-11-05', rendering_provider_id: doc,
      location_id: loc, diagnoses: ['Z00.00'], lines: codes.map((code) => ({ code, pointers: [1] })) }));
    pt[name].claim = ok(await biller.post(`/api/v1/encounters/${e.id}/claims`), 200).items[0];
  };
  await visit('Ames', ['99213', '90686', '90471']);
  await visit('Bell', ['99213']);
  await visit('Cole', ['99213']);
  await visit('Dunn', ['99213']);
  // Ames: 99213 capitated less the 20.00 copay; the vaccine and its administration billed
  assert.deepEqual(await account('Ames'), { insurance_cents: 5500, patient_cents: 2000, credit_cents: 0 });
  assert.deepEqual(await account('Bell'), { insurance_cents: 0, patient_cents: 0, credit_cents: 0 });
  assert.deepEqual(await account('Cole'), { insurance_cents: 15000, patient_cents: 0, credit_cents: 0 }, 'not on the roster');
  const a = ok(await desk.get(`/api/v1/patients/${pt.Ames.id}/account`), 200);
  const entry = ok(await biller.get(`/api/v1/journal-entries/${a.entries[0].id}`), 200);
  assert.deepEqual(entry.lines.filter((l) => ['4130', '1110'].includes(l.account)).map((l) => [l.account, l.amount_cents, l.group, l.reason]),
    [['1110', 2000, 'PR', '3'], ['4130', 13000, 'CO', '24']]);
  const claim = ok(await biller.get(`/api/v1/claims/${pt.Ames.claim.id}`), 200);
  assert.deepEqual(claim.lines.map((l) => [l.code, l.capitated, l.expected_cents]), [['99213', true, 0], ['90686', false, null], ['90471', false, null]]);
});

test('837P: bills and encounter data go out as separate sets; encounter data says RP and CN1*05', async () => {
  const ids = ['Ames', 'Bell', 'Cole', 'Dunn'].map((n) => pt[n].claim.id);
  for (const id of ids) assert.equal(ok(await biller.get(`/api/v1/claims/${id}`), 200).status, 'ready');
  const batch = ok(await biller.post('/api/v1/claim-batches', { claim_ids: ids }));
  assert.deepEqual(batch.claim_ids, ids);
  const file = await (await fetch(`${px.url}/api/v1/claim-batches/${batch.id}/837`, { headers: { Authorization: biller.auth } })).text();
  const dir = mkdtempSync(join(tmpdir(), 'praxis-cap-'));
  writeFileSync(join(dir, 'batch.837'), file);
  assert.equal(praxis(['x12', 'validate', join(dir, 'batch.837')]).trim(), '', 'both sets validate against the 837P guide');
  const segs = file.split('~\n').filter(Boolean).map((s) => s.split('*'));
  const sets = [];
  for (const s of segs) {
    if (s[0] === 'ST') sets.push({ bht: null, claims: [], cn1: [] });
    else if (s[0] === 'BHT') sets.at(-1).bht = s[6];
    else if (s[0] === 'CLM') sets.at(-1).claims.push(Number(s[1]));
    else if (s[0] === 'CN1') sets.at(-1).cn1.push(s[1]);
  }
  assert.deepEqual(sets, [{ bht: 'CH', claims: [pt.Ames.claim.id, pt.Cole.claim.id], cn1: [] },
    { bht: 'RP', claims: [pt.Bell.claim.id, pt.Dunn.claim.id], cn1: ['05', '05'] }]);
});

const seg = (...e) => e.join('*') + '~';
const era = (ctl, paid, claims) => {
  const body = [seg('ST', '835', '0001'), seg('BPR', 'I', paid, 'C', 'CHK', '', '', '', '', '', '', '', '', '', '', '', '20261118'),
    seg('TRN', '1', `CHK${ctl}`, '1512345678'), seg('N1', 'PR', 'HARBOR HMO', 'XV', 'HH001'), seg('N1', 'PE', 'MAIN STREET MEDICAL GROUP', 'XX', '1234567893'),
    seg('LX', '1'), ...claims];
  return [seg('ISA', '00', '          ', '00', '          ', 'ZZ', 'HH001          ', 'ZZ', 'MSMG01         ', '261118', '1200', '^', '00501', String(ctl).padStart(9, '0'), '0', 'T', ':'),
    seg('GS', 'HP', 'HH001', 'MSMG01', '20261118', '1200', String(ctl), 'X', '005010X221A1'), ...body,
    seg('SE', String(body.length + 1), '0001'), seg('GE', '1', String(ctl)), seg('IEA', '1', String(ctl).padStart(9, '0'))].join('\n');
};
const upload = async (body) => (await fetch(`${px.url}/api/v1/remittances?name=era.835`, { method: 'POST', body,
  headers: { Authorization: biller.auth } })).json();

test('an 835 answering capitated lines posts nothing for them; a payment on one waits as an exception', async () => {
  // Ames: 99213 CO-24 130 + PR-3 20; the vaccine 30 paid 25 (CO-45 5) and its administration 25 paid 20 (CO-45 5)
  const imp = await upload(era(901, '45', [seg('CLP', String(pt.Ames.claim.id), '1', '205', '45', '20', 'HM', 'ICN-A'),
    seg('SVC', 'HC:99213', '150', '0', '', '1'), seg('CAS', 'CO', '24', '130'), seg('CAS', 'PR', '3', '20'),
    seg('SVC', 'HC:90686', '30', '25', '', '1'), seg('CAS', 'CO', '45', '5'),
    seg('SVC', 'HC:90471', '25', '20', '', '1'), seg('CAS', 'CO', '45', '5'),
    seg('CLP', String(pt.Dunn.claim.id), '1', '150', '10', '0', 'HM', 'ICN-D'),
    seg('SVC', 'HC:99213', '150', '10', '', '1'), seg('CAS', 'CO', '24', '140')]));
  assert.deepEqual(imp.remittances[0].posting, { claims_posted: 1, denials: 0, exceptions: 1 });
  assert.deepEqual(await account('Ames'), { insurance_cents: 0, patient_cents: 2000, credit_cents: 0 }, 'the copay stays the patient\'s, once');
  const ex = ok(await biller.get('/api/v1/posting-exceptions?status=open'), 200).items;
  assert.deepEqual(ex.map((x) => [x.claim_id, x.reason]), [[pt.Dunn.claim.id, 'the payer paid a line its capitation contract covers']]);
  assert.equal(ok(await biller.get('/api/v1/denials'), 200).items.length, 0, 'CO-24 is no denial');
});

test('capitation payments reconciled against the roster, member by member; idempotent; a reversal no longer counts', async () => {
  const pay = (body, key) => biller.post('/api/v1/capitation-payments', { contract_id: contract.id, month: '2026-11', method: 'eft', ...body },
    key ? { 'Idempotency-Key': key } : {});
  const bad = await pay({ amount_cents: 0, month: '2026-13', members: [{ member_id: 'M1' }] });
  assert.deepEqual(bad.body.errors.map((x) => x.field).sort(), ['amount_cents', 'members[0]', 'month']);
  assert.equal((await desk.post('/api/v1/capitation-payments', { contract_id: contract.id, month: '2026-11', amount_cents: 1, method: 'eft' })).status, 403);
  const twice = await pay({ amount_cents: 100, members: [{ member_id: 'M1', amount_cents: 50 }, { member_id: 'M1', amount_cents: 50 }] });
  assert.deepEqual([twice.status, twice.body.errors.map((x) => x.field)], [400, ['members[1]']]);
  assert.equal((await reconcile()).payments.length, 0, 'nothing of it was posted');
  const detail = [{ member_id: 'M1', amount_cents: 3500 }, { member_id: 'M2', amount_cents: 3500 }, { member_id: 'Z99', amount_cents: 4000 }];
  const first = ok(await pay({ amount_cents: 11000, reference: 'EFT-1101', received_on: '2026-11-03', members: detail }, 'cap-nov-1'));
  assert.deepEqual([first.paid_cents, first.expected_cents, first.difference_cents, first.status, first.duplicate], [11000, 14500, -3500, 'underpaid', false]);
  assert.deepEqual(first.unpaid.map((m) => [m.member_id, m.patient_id, m.expected_cents]), [['M3', pt.Dunn.id, 3500], ['X77', null, 3500]]);
  assert.deepEqual(first.not_on_roster.map((m) => [m.member_id, m.paid_cents]), [['Z99', 4000]]);
  assert.deepEqual(first.wrong_amount.map((m) => [m.member_id, m.expected_cents, m.paid_cents]), [['M2', 4000, 3500]]);
  const again = ok(await pay({ amount_cents: 11000, members: detail }, 'cap-nov-1'), 200);
  assert.deepEqual([again.duplicate, again.paid_cents, again.payments.length], [true, 11000, 1]);
  const entry = ok(await biller.get(`/api/v1/journal-entries/${first.entry_id}`), 200);
  assert.deepEqual([entry.kind, entry.payer_id, entry.lines.map((l) => [l.account, l.amount_cents])],
    ['capitation_payment', hmo, [['1000', 11000], ['4010', -11000]]]);
  const second = ok(await pay({ amount_cents: 3500, reference: 'EFT-1120' }));
  assert.deepEqual([second.paid_cents, second.status], [14500, 'reconciled']);
  ok(await biller.post(`/api/v1/journal-entries/${second.entry_id}/reverse`, { reason: 'posted to the wrong month' }));
  const now = await reconcile();
  assert.deepEqual([now.paid_cents, now.status, now.payments.map((p) => p.reversed_by !== null)], [11000, 'underpaid', [false, true]]);
});

test('revenue per member: the month\'s roster, what was paid, visits and what they would have charged', async () => {
  const r = ok(await biller.get('/api/v1/reports/capitation?from=2026-10&to=2026-12'), 200);
  assert.deepEqual(r.rows.map((x) => [x.month, x.members, x.expected_cents, x.paid_cents, x.revenue_per_member_cents, x.visits,
    x.capitated_charges_cents]), [['2026-11', 4, 14500, 11000, 2750, 3, 45000]]);
  assert.deepEqual([r.totals.member_months, r.totals.visits_per_1000_member_months], [4, 750]);
  assert.equal((await biller.get('/api/v1/reports/capitation?from=2020-01&to=2026-12')).status, 400, 'at most 36 months');
  // the fee-for-service indicators leave capitation out: charges 655.00 less 430.00 capitated
  const k = ok(await biller.get('/api/v1/reports/revenue-cycle?from=2026-11-01&to=2026-11-30'), 200);
  assert.deepEqual([k.totals.charges_cents, k.totals.payments_cents], [22500, 4500]);
});

test('who may see: 401 without a session, 404 across practices', async () => {
  const anon = client(px.url);
  for (const p of [`/api/v1/capitation-contracts/${contract.id}/roster?month=2026-11`, '/api/v1/reports/capitation?from=2026-11&to=2026-11',
    `/api/v1/capitation-contracts/${contract.id}`])
    assert.equal((await anon.get(p)).status, 401, p);
  assert.equal((await anon.post('/api/v1/capitation-payments', {})).status, 401);
  for (const p of [`/api/v1/capitation-contracts/${contract.id}`, `/api/v1/capitation-contracts/${contract.id}/roster?month=2026-11`,
    `/api/v1/capitation-contracts/${contract.id}/reconciliation?month=2026-11`])
    assert.equal((await adminB.get(p)).status, 404, p);
  assert.equal((await adminB.call('PUT', `/api/v1/capitation-contracts/${contract.id}/roster`, { month: '2026-11', members: [] })).status, 404);
  const other = await adminB.post('/api/v1/capitation-payments', { contract_id: contract.id, month: '2026-11', amount_cents: 100, method: 'eft' });
  assert.deepEqual([other.status, other.body.errors.map((x) => x.field)], [400, ['contract_id']]);
  assert.deepEqual(ok(await adminB.get('/api/v1/reports/capitation?from=2026-11&to=2026-11'), 200).rows, []);
  assert.equal((await desk.get('/api/v1/reports/capitation?from=2026-11&to=2026-11')).status, 403);
  assert.equal((await reconcile()).members, 4, 'the other practice changed nothing');
});
