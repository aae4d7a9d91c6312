// Billing over HTTP: payers and coverage, fees and contracts, code sets loaded with the CLI
// from files in the official layouts, encounters, claims built and scrubbed, the claim's
// life, corrected claims, the CMS-1500 form, and who may do what. The clock is pinned to
// Tuesday 10 March 2026, 12:00 UTC.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startPraxis, client, login, praxis } from '../lib/server.mjs';
import { billingPractice } from '../lib/practice.mjs';
import { codeFiles } from '../lib/codesets.mjs';

const NOW = Date.parse('2026-03-10T12:00:00Z');
let px, biller, desk, prov, auditor, adminB;
let loc, doc, patient, patient2, aetna, medicare, supplement, cov;


const ok = (r, status = 201) => { assert.equal(r.status, status, r.text); return r.body; };
let mgr;

before(async () => {
  px = await startPraxis({ env: { PRAXIS_NOW: String(NOW / 1000) } });
  mgr = client(px.url, await login(px.url, px.email('practice_manager')));
  biller = client(px.url, await login(px.url, px.email('biller')));
  desk = client(px.url, await login(px.url, px.email('front_desk')));
  prov = client(px.url, await login(px.url, px.email('provider')));
  auditor = client(px.url, await login(px.url, px.email('auditor')));
  adminB = client(px.url, await login(px.url, px.email('admin', 'b')));
  const dir = codeFiles();
  praxis(['codes', 'import', 'icd10cm', join(dir, 'icd10cm_order_2026.txt'), '--db', px.db.url]);
  praxis(['codes', 'import', 'ncci-ptp', join(dir, 'ptp.txt'), '--db', px.db.url, '--effective', '2026-01-01']);
  praxis(['codes', 'import', 'mue', join(dir, 'MCR_MUE_PractitionerServices_Eff_01-01-2026.csv'), '--db', px.db.url]);
  praxis(['codes', 'import', 'pfs', join(dir, 'PPRRVU26_JAN.csv'), '--db', px.db.url]);
  praxis(['codes', 'import', 'gpci', join(dir, 'GPCI2026.csv'), '--db', px.db.url]);

  ({ loc, doc } = await billingPractice({ mgr, biller }, { medicare_mac: '14211', medicare_locality: '99' }));
  const address = { line1: '12 Elm St', city: 'Springfield', state: 'MA', postal_code: '01103' };
  patient = ok(await desk.post('/api/v1/patients', { family_name: 'Doe', given_name: 'Jane', birth_date: '1950-04-02', sex_at_birth: 'F', address })).id;
  patient2 = ok(await desk.post('/api/v1/patients', { family_name: 'Roe', given_name: 'Rick', birth_date: '1975-01-09', sex_at_birth: 'M', address })).id;
  aetna = ok(await biller.post('/api/v1/payers', { name: 'Aetna', payer_code: '60054', kind: 'commercial', filing_indicator: 'CI', timely_filing_days: 90 })).id;
  medicare = ok(await biller.post('/api/v1/payers', { name: 'Medicare', payer_code: '14212', kind: 'medicare', filing_indicator: 'MB' })).id;
  supplement = ok(await biller.post('/api/v1/payers', { name: 'Medigap Co', payer_code: 'MG001', kind: 'commercial', filing_indicator: 'CI' })).id;
  for (const [code, fee] of [['99213', 15000], ['93000', 6500], ['36415', 1500], ['99214', 21000]])
    ok(await biller.post('/api/v1/fees', { code, fee_cents: fee, effective_from: '2025-01-01' }));
  ok(await biller.post('/api/v1/fees', { code: '93000', modifier: '26', fee_cents: 2000, effective_from: '2026-01-01' }));
  ok(await biller.post('/api/v1/payer-contracts', { payer_id: aetna, name: 'Aetna 2026', effective_from: '2026-01-01',
    medicare_pct_bp: 12000, rates: [{ code: '99213', allowed_cents: 9800 }] }));
});
after(async () => { await px?.stop(); });

const encounter = (c, extra = {}) => c.post('/api/v1/encounters', { patient_id: patient, service_date: '2026-03-02',
  rendering_provider_id: doc, location_id: loc, diagnoses: ['E11.9', 'I10'],
  lines: [{ code: '99213', pointers: [1, 2] }, { code: '93000', pointers: [2] }], ...extra });

test('coverage: priorities, subscriber rules, payer names, and the patient\'s list in order', async () => {
  const bad = await desk.post('/api/v1/coverages', { patient_id: patient, payer_id: aetna, priority: 4, relationship: 'spouse',
    member_id: 'W1*2', effective_from: '2026-01-01' });
  assert.equal(bad.status, 400);
  const fields = bad.body.errors.map((x) => x.field).sort();
  assert.deepEqual(fields, ['member_id', 'priority', 'subscriber.birth_date', 'subscriber.family_name', 'subscriber.given_name']);
  cov = ok(await desk.post('/api/v1/coverages', { patient_id: patient, payer_id: aetna, priority: 1, relationship: 'self',
    member_id: 'W123456789', group_number: 'G100', effective_from: '2026-01-01', copay_cents: 2500, eligibility: 'active' }));
  assert.equal(cov.payer_name, 'Aetna');
  ok(await desk.post('/api/v1/coverages', { patient_id: patient, payer_id: supplement, priority: 2, relationship: 'spouse',
    subscriber: { family_name: 'Doe', given_name: 'John', birth_date: '1948-01-01' }, member_id: 'S1',
    effective_from: '2026-01-01', eligibility: 'active' }));
  const list = ok(await desk.get(`/api/v1/patients/${patient}/coverages`), 200);
  assert.deepEqual(list.items.map((c) => [c.priority, c.payer_name]), [[1, 'Aetna'], [2, 'Medigap Co']]);
  assert.equal((await adminB.get(`/api/v1/patients/${patient}/coverages`)).status, 404);
  assert.equal((await adminB.get(`/api/v1/coverages/${cov.id}`)).status, 404);
  const other = await adminB.post('/api/v1/coverages', { patient_id: patient, payer_id: aetna, priority: 1, relationship: 'self', member_id: 'X', effective_from: '2026-01-01' });
  assert.equal(other.status, 400);
  assert.deepEqual(other.body.errors.map((x) => x.field), ['patient_id']);
});

test('code sets: releases listed, typeahead by code and words, CPT numbers without descriptions', async () => {
  const sets = ok(await biller.get('/api/v1/code-sets'), 200).items;
  assert.deepEqual(sets.map((s) => s.kind).sort(), ['gpci', 'icd10cm', 'mue', 'ncci_ptp', 'pfs']);
  assert.equal(sets.find((s) => s.kind === 'icd10cm').effective_from, '2025-10-01');
  const icd = ok(await biller.get('/api/v1/codes?set=icd10cm&q=e11'), 200).items;
  assert.deepEqual(icd.map((c) => [c.display, c.billable]), [['E11', 0], ['E11.9', 1]]);
  const words = ok(await biller.get('/api/v1/codes?set=icd10cm&q=hypertension'), 200).items;
  assert.deepEqual(words.map((c) => c.code), ['I10']);
  const cpt = ok(await biller.get('/api/v1/codes?set=hcpcs&q=9921'), 200).items;
  assert.deepEqual(cpt.map((c) => [c.code, c.description]), [['99213', '']]);
  assert.equal((await biller.get('/api/v1/codes?set=cpt&q=1')).status, 400);
});

test('prices: the fee and what each payer should pay, from a contract or from RVUs x GPCI x CF', async () => {
  const q = (p) => biller.get('/api/v1/fees/quote?' + new URLSearchParams({ date: '2026-03-02', ...p }));
  assert.deepEqual(ok(await q({ code: '99213', payer_id: aetna }), 200), { fee_cents: 15000, expected_cents: 9800, basis: 'contract' });
  // Medicare office 99213: (1.30 x 1.000 + 1.21 x 1.050 + 0.10 x 0.800) x 33.4009 = 2.6505 x 33.4009 = $88.53
  assert.deepEqual(ok(await q({ code: '99213', payer_id: medicare }), 200), { fee_cents: 15000, expected_cents: 8853, basis: 'Medicare fee schedule' });
  // Aetna pays 120% of Medicare for unlisted codes: 93000 = (0.17 + 0.25 x 1.05 + 0.02 x 0.8) x 33.4009 = 0.4485 x 33.4009 = $14.98; x 1.2 = $17.98
  assert.deepEqual(ok(await q({ code: '93000', payer_id: aetna }), 200), { fee_cents: 6500, expected_cents: 1798, basis: 'contract % of Medicare' });
  assert.equal(ok(await q({ code: '93000', modifier: '26' }), 200).fee_cents, 2000, 'the modifier row wins');
  assert.equal(ok(await q({ code: '93000', modifier: 'LT' }), 200).fee_cents, 6500, 'else the code row');
  assert.equal(ok(await q({ code: '99215' }), 200).fee_cents, null);
  assert.equal((await q({ code: '9921' })).status, 400);
});

let enc, claim;
test('encounters: fees from the charge master, charge lag, and errors that name the field', async () => {
  const bad = await encounter(biller, { diagnoses: ['E11.9', 'nope'], lines: [{ code: '99215', pointers: [3] }, { code: '99213', units: 0, pointers: [1] }] });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((x) => x.field).sort(), ['diagnoses[1]', 'lines[0].pointers', 'lines[1].units']);
  const nofee = await encounter(biller, { lines: [{ code: '99215', pointers: [1] }] });
  assert.deepEqual(nofee.body.errors.map((x) => [x.field, x.message]), [['lines[0].code', '99215 has no fee in the charge master on 2026-03-02']]);
  const future = await encounter(biller, { service_date: '2026-03-11' });
  assert.deepEqual(future.body.errors.map((x) => x.field), ['service_date']);
  enc = ok(await encounter(prov)); // a provider enters the superbill
  assert.equal(enc.charge_lag_days, 8);
  assert.deepEqual(enc.diagnoses, ['E11.9', 'I10']);
  assert.deepEqual(enc.lines.map((l) => [l.code, l.charge_cents]), [['99213', 15000], ['93000', 6500]]);
  assert.equal(enc.total_cents, 21500);
  assert.equal(enc.pos_code, '11', 'the location\'s place of service');
  assert.equal((await adminB.get(`/api/v1/encounters/${enc.id}`)).status, 404);
  assert.equal((await desk.post('/api/v1/encounters', {})).status, 403);
});

test('claims: one per payer in coverage order, scrubbed; NCCI stops the claim until 59 is added', async () => {
  assert.equal((await prov.post(`/api/v1/encounters/${enc.id}/claims`)).status, 403, 'providers enter charges, billers bill');
  const built = ok(await biller.post(`/api/v1/encounters/${enc.id}/claims`), 200).items;
  assert.deepEqual(built.map((c) => [c.payer_name, c.payer_order, c.status]), [['Aetna', 1, 'draft'], ['Medigap Co', 2, 'draft']]);
  claim = built[0];
  assert.deepEqual(claim.edits.filter((x) => x.severity === 'error').map((x) => [x.edit, x.field]), [['NCCI-PTP', 'lines[1].modifiers']]);
  assert.equal(claim.expected_cents, 9800 + 1798);
  assert.deepEqual(built[1].edits.filter((x) => x.severity === 'error').map((x) => x.edit).sort(), ['COB-PRIMARY-OPEN', 'NCCI-PTP']);
  // building again keeps the claims
  const again = ok(await biller.post(`/api/v1/encounters/${enc.id}/claims`), 200).items;
  assert.deepEqual(again.map((c) => c.id), built.map((c) => c.id));
  // submitting a draft is refused; fixing the encounter re-scrubs in place
  const early = await biller.post(`/api/v1/claims/${claim.id}/status`, { status: 'submitted' });
  assert.equal(early.status, 409);
  const fixed = ok(await biller.patch(`/api/v1/encounters/${enc.id}`, { version: enc.version,
    lines: [{ code: '99213', pointers: [1, 2] }, { code: '93000', modifiers: ['59'], pointers: [2] }] }), 200);
  assert.deepEqual(fixed.lines[1].modifiers, ['59']);
  // text fields survive a later change (referring, prior authorisation)
  const withRef = ok(await biller.patch(`/api/v1/encounters/${enc.id}`, { version: fixed.version, prior_auth: 'PA-1',
    referring: { name: 'Jones, Amy', npi: '1234567893' } }), 200);
  const again2 = ok(await biller.patch(`/api/v1/encounters/${enc.id}`, { version: withRef.version, lines: fixed.lines.map((l) =>
    ({ code: l.code, modifiers: l.modifiers, units: l.units, pointers: l.pointers })) }), 200);
  assert.equal(again2.prior_auth, 'PA-1');
  assert.deepEqual(again2.referring, { name: 'Jones, Amy', npi: '1234567893' });
  const c = ok(await biller.get(`/api/v1/claims/${claim.id}`), 200);
  assert.equal(c.status, 'ready');
  assert.deepEqual(c.edits.map((x) => x.edit), ['NCCI-PTP-BYPASS']);
  assert.deepEqual(c.history.map((h) => h.to), ['draft', 'ready']);
  claim = c;
});

test('the claim\'s life: submitted, accepted, paid, closed; illegal steps 409; edits frozen once sent', async () => {
  const step = (status, extra = {}) => biller.post(`/api/v1/claims/${claim.id}/status`, { status, ...extra });
  assert.equal((await step('paid')).status, 409);
  assert.equal(ok(await step('submitted'), 200).status, 'submitted');
  const locked = await biller.patch(`/api/v1/encounters/${enc.id}`, { version: (await biller.get(`/api/v1/encounters/${enc.id}`)).body.version, prior_auth: 'PA1' });
  assert.equal(locked.status, 409, 'a claim with the payer is corrected, not edited');
  assert.equal(ok(await step('accepted', { payer_claim_number: 'ICN-1' }), 200).payer_claim_number, 'ICN-1');
  assert.equal((await step('submitted')).status, 409);
  assert.equal((await step('bogus')).status, 400);
  assert.equal(ok(await step('paid'), 200).status, 'paid');
  const stale = await step('closed', { version: 1 });
  assert.equal(stale.status, 409);
  // the secondary may go now that the primary is adjudicated
  const sec = (await biller.get(`/api/v1/claims?encounter_id=${enc.id}&payer_id=${supplement}`)).body.items[0];
  const rescrubbed = ok(await biller.post(`/api/v1/claims/${sec.id}/scrub`), 200);
  assert.equal(rescrubbed.status, 'ready', JSON.stringify(rescrubbed.edits));
  assert.equal((await adminB.post(`/api/v1/claims/${sec.id}/scrub`)).status, 404);
  assert.equal((await desk.post(`/api/v1/claims/${sec.id}/scrub`)).status, 403);
});

test('a corrected claim replaces the paid one as a new version; the old keeps its history', async () => {
  const corr = ok(await biller.post(`/api/v1/claims/${claim.id}/correct`, { note: 'wrong units' }));
  assert.equal(corr.frequency, '7');
  assert.equal(corr.replaces_id, claim.id);
  assert.equal(corr.payer_claim_number, 'ICN-1');
  assert.equal(corr.status, 'ready');
  const old = ok(await biller.get(`/api/v1/claims/${claim.id}`), 200);
  assert.equal(old.replaced_by, corr.id);
  assert.equal(old.status, 'paid');
  assert.equal((await biller.post(`/api/v1/claims/${claim.id}/correct`)).status, 409);
  assert.equal((await biller.post(`/api/v1/claims/${corr.id}/void`)).status, 409, 'a claim not sent is fixed, not voided');
  const list = ok(await biller.get(`/api/v1/claims?encounter_id=${enc.id}`), 200).items.map((c) => c.id);
  assert.ok(list.includes(corr.id) && !list.includes(claim.id), 'worklists show current versions');
  const all = ok(await biller.get(`/api/v1/claims?encounter_id=${enc.id}&include_replaced=true`), 200).items.map((c) => c.id);
  assert.ok(all.includes(claim.id));
});

test('duplicate, timely filing and coverage edits come from the data', async () => {
  // the same service on another encounter the same day
  const dup = ok(await encounter(biller, { lines: [{ code: '99213', pointers: [1] }] }));
  const built = ok(await biller.post(`/api/v1/encounters/${dup.id}/claims`), 200).items[0];
  assert.ok(built.edits.some((x) => x.edit === 'DUP-CLAIM'), JSON.stringify(built.edits));
  // Aetna's 90 days ended for a visit in November; then the coverage is found to have ended before it
  const c2 = ok(await desk.post('/api/v1/coverages', { patient_id: patient2, payer_id: aetna, priority: 1, relationship: 'self',
    member_id: 'W2', effective_from: '2025-01-01', eligibility: 'active' }));
  const old = ok(await encounter(biller, { patient_id: patient2, service_date: '2025-11-20', lines: [{ code: '99214', pointers: [1] }] }));
  const late = ok(await biller.post(`/api/v1/encounters/${old.id}/claims`), 200).items[0];
  assert.deepEqual(late.edits.map((x) => x.edit), ['TIMELY-FILING', 'MUE-SET-MISSING'], 'errors first; no MUE release covers 2025');
  assert.match(late.edits[0].message, /90-day filing limit ended on 2026-02-18/);
  ok(await desk.patch(`/api/v1/coverages/${c2.id}`, { version: c2.version, effective_to: '2025-10-31' }), 200);
  const rescrubbed = ok(await biller.post(`/api/v1/claims/${late.id}/scrub`), 200);
  assert.deepEqual(rescrubbed.edits.map((x) => x.edit).sort(), ['COVERAGE-DATES', 'MUE-SET-MISSING', 'TIMELY-FILING']);
  // no coverage in force at all: the patient is billed directly
  const none = await biller.post(`/api/v1/encounters/${(ok(await encounter(biller, { patient_id: patient2 }))).id}/claims`);
  assert.equal(none.status, 422);
  assert.match(none.body.detail, /no insurance coverage in force on 2026-03-02/);
});

test('an encounter entered in error is voided with a reason; its unsent claims close, sent ones refuse', async () => {
  const wrong = ok(await encounter(biller, { lines: [{ code: '36415', pointers: [1] }] }));
  const built = ok(await biller.post(`/api/v1/encounters/${wrong.id}/claims`), 200).items;
  assert.equal((await biller.post(`/api/v1/encounters/${wrong.id}/void`, {})).status, 400);
  assert.equal((await adminB.post(`/api/v1/encounters/${wrong.id}/void`, { reason: 'x' })).status, 404);
  const v = ok(await biller.post(`/api/v1/encounters/${wrong.id}/void`, { reason: 'wrong patient' }), 200);
  assert.equal(v.status, 'void');
  for (const c of built) {
    const after = ok(await biller.get(`/api/v1/claims/${c.id}`), 200);
    assert.equal(after.status, 'closed');
    assert.equal(after.history.at(-1).note, 'wrong patient');
  }
  assert.equal((await biller.post(`/api/v1/encounters/${wrong.id}/claims`)).status, 409);
  assert.equal((await biller.post(`/api/v1/encounters/${enc.id}/void`, { reason: 'x' })).status, 409, 'its claim is with the payer');
});

test('worklists by status, payer and edit; counts by status and edit', async () => {
  const ready = ok(await biller.get('/api/v1/claims?status=ready'), 200).items;
  assert.ok(ready.length >= 2 && ready.every((c) => c.status === 'ready'));
  const dup = ok(await biller.get('/api/v1/claims?edit=DUP-CLAIM'), 200).items;
  assert.deepEqual(dup.map((c) => c.payer_name).sort(), ['Aetna', 'Medigap Co'], 'both payers of the second visit');
  assert.ok(dup.every((c) => c.encounter_id !== enc.id));
  const aetnaOnly = ok(await biller.get(`/api/v1/claims?payer_id=${aetna}`), 200).items;
  assert.ok(aetnaOnly.every((c) => c.payer_id === aetna));
  const sum = ok(await biller.get('/api/v1/claims/summary'), 200);
  const draft = sum.by_status.find((s) => s.status === 'draft');
  assert.equal(draft.claims, (await biller.get('/api/v1/claims?status=draft')).body.items.length);
  assert.ok(sum.by_edit.some((x) => x.edit === 'TIMELY-FILING' && x.claims === 1), JSON.stringify(sum.by_edit));
  assert.ok(sum.edits.length >= 30);
  const b = ok(await adminB.get('/api/v1/claims'), 200);
  assert.equal(b.items.length, 0, 'another practice sees none');
  assert.equal((await adminB.get(`/api/v1/claims/${claim.id}`)).status, 404);
});

test('CMS-1500: a PDF download of the claim, audited as an export', async () => {
  const r = await fetch(`${px.url}/api/v1/claims/${claim.id}/cms1500.pdf`, { headers: { Authorization: biller.auth } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  assert.match(r.headers.get('content-disposition'), /claim-\d+-cms1500\.pdf/);
  const bytes = Buffer.from(await r.arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  assert.equal((await adminB.get(`/api/v1/claims/${claim.id}/cms1500.pdf`)).status, 404);
  const admin = client(px.url, await login(px.url, px.email('admin')));
  const events = ok(await admin.get(`/api/v1/audit?patient_id=${patient}&limit=500`), 200).items;
  assert.ok(events.some((ev) => ev.action === 'claim.export_cms1500' && ev.object_id === claim.id));
});

test('837P: ready claims go out as one batch file that reads back clean; they become submitted', async () => {
  assert.equal((await biller.post('/api/v1/claim-batches', {})).status, 422, 'no EDI set-up yet');
  const edi = { submitter_name: 'Main Street Medical Group', submitter_id: 'MSMG01', contact_name: 'Billing Office',
    contact_phone: '4135550100', receiver_name: 'Clearing House', receiver_id: 'CH0001', isa_sender_qual: 'ZZ',
    isa_sender_id: 'MSMG01', isa_receiver_qual: 'ZZ', isa_receiver_id: 'CH0001', gs_sender: 'MSMG01', gs_receiver: 'CH0001', usage: 'T' };
  assert.equal((await biller.call('PUT', '/api/v1/edi-settings', { ...edi, submitter_id: 'MS*01' })).status, 400);
  ok(await biller.call('PUT', '/api/v1/edi-settings', edi), 200);
  assert.equal((await desk.post('/api/v1/claim-batches', {})).status, 403);
  // the second visit of the day was entered twice: void it, so the corrected claim is no duplicate
  for (const c of ok(await biller.get('/api/v1/claims?edit=DUP-CLAIM'), 200).items)
    if (c.encounter_id !== enc.id) await biller.post(`/api/v1/encounters/${c.encounter_id}/void`, { reason: 'entered twice' });
  const corrected = (await biller.get(`/api/v1/claims?encounter_id=${enc.id}&payer_id=${aetna}`)).body.items[0];
  const secondary = (await biller.get(`/api/v1/claims?encounter_id=${enc.id}&payer_id=${supplement}`)).body.items[0];
  const draft = ok(await biller.get('/api/v1/claims?status=draft'), 200).items[0].id;
  assert.equal(secondary.status, 'ready');
  const batch = ok(await biller.post('/api/v1/claim-batches', { claim_ids: [corrected.id, secondary.id, draft] }));
  assert.deepEqual(batch.claim_ids, [corrected.id]);
  assert.deepEqual(batch.skipped, [{ claim_id: secondary.id, reason: 'the scrub found errors' }, { claim_id: draft, reason: 'not ready' }],
    'the secondary waits for the corrected primary; the draft is not ready');
  const ready = [corrected.id];
  assert.equal(batch.control, 1);
  for (const id of ready) assert.equal(ok(await biller.get(`/api/v1/claims/${id}`), 200).status, 'submitted');
  const r = await fetch(`${px.url}/api/v1/claim-batches/${batch.id}/837`, { headers: { Authorization: biller.auth } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/edi-x12');
  const file = await r.text();
  const dir = mkdtempSync(join(tmpdir(), 'praxis-837-'));
  writeFileSync(join(dir, 'batch.837'), file);
  assert.equal(praxis(['x12', 'validate', join(dir, 'batch.837')]).trim(), '', 'the envelopes and counts check out');
  const segs = file.split('~\n').filter(Boolean).map((s) => s.split('*'));
  const clms = segs.filter((s) => s[0] === 'CLM');
  assert.equal(clms.length, ready.length);
  const c7 = clms.find((s) => s[1] === String(corrected.id));
  assert.ok(c7, 'the corrected claim is in the file');
  assert.equal(c7[5], '11:B:7', 'place of service, frequency 7');
  assert.deepEqual(c7.slice(6, 10), ['Y', 'A', 'Y', 'Y']);
  const after = segs.slice(segs.indexOf(c7));
  assert.deepEqual(after.find((s) => s[0] === 'REF' && s[1] === 'F8'), ['REF', 'F8', 'ICN-1']);
  assert.deepEqual(after.find((s) => s[0] === 'HI'), ['HI', 'ABK:E119', 'ABF:I10']);
  assert.deepEqual(after.find((s) => s[0] === 'SV1' && s[1].includes('93000')), ['SV1', 'HC:93000:59', '65', 'UN', '1', '', '', '2']);
  assert.ok(segs.some((s) => s[0] === 'NM1' && s[1] === '85' && s[9] === '1234567893'), 'billing provider NPI');
  assert.ok(segs.some((s) => s[0] === 'REF' && s[1] === 'EI' && s[2] === '046123457'), 'tax id');
  assert.deepEqual(segs.find((s) => s[0] === 'SBR'), ['SBR', 'P', '18', 'G100', '', '', '', '', '', 'CI']);
  assert.deepEqual(segs.find((s) => s[0] === 'NM1' && s[1] === 'IL'), ['NM1', 'IL', '1', 'DOE', 'JANE', '', '', '', 'MI', 'W123456789']);
  assert.deepEqual(segs.find((s) => s[0] === 'NM1' && s[1] === 'PR'), ['NM1', 'PR', '2', 'AETNA', '', '', '', '', 'PI', '60054']);
  assert.equal((await adminB.get(`/api/v1/claim-batches/${batch.id}/837`)).status, 404);
  const list = ok(await biller.get('/api/v1/claim-batches'), 200).items;
  assert.equal(list[0].id, batch.id);
  assert.equal((await biller.post('/api/v1/claim-batches', {})).status, 422, 'nothing left to send');
});

test('999 and 277CA: acknowledgments move the claims they answer; each file counts once', async () => {
  const corrected = (await biller.get(`/api/v1/claims?encounter_id=${enc.id}&payer_id=${aetna}`)).body.items[0];
  assert.equal(corrected.status, 'submitted');
  const seg = (...e) => e.join('*') + '~';
  const isa = (ctl) => seg('ISA', '00', '          ', '00', '          ', 'ZZ', 'CH0001         ', 'ZZ', 'MSMG01         ', '260311', '0900', '^', '00501', ctl, '0', 'T', ':');
  const ack999 = (ik5) => [isa('000000501'), seg('GS', 'FA', 'CH0001', 'MSMG01', '20260311', '0900', '501', 'X', '005010X231A1'),
    seg('ST', '999', '0001', '005010X231A1'), seg('AK1', 'HC', '1', '005010X222A1'), seg('AK2', '837', '0001'), seg('IK5', ik5),
    seg('AK9', ik5, '1', '1', ik5 === 'A' ? '1' : '0'), seg('SE', '6', '0001'), seg('GE', '1', '501'), seg('IEA', '1', '000000501')].join('\n');
  const up = (b, name) => fetch(`${px.url}/api/v1/x12-files?name=${name}`, { method: 'POST', body: b, headers: { Authorization: biller.auth } });
  const byDesk = await fetch(`${px.url}/api/v1/x12-files`, { method: 'POST', body: ack999('A'), headers: { Authorization: desk.auth } });
  assert.equal(byDesk.status, 403, 'the desk reads eligibility answers, not claim acknowledgments');
  const a = await (await up(ack999('A'), 'ack.999')).json();
  assert.deepEqual([a.kind, a.claims], ['999', []], 'an accepted file changes nothing');
  const ca = [isa('000000502'), seg('GS', 'HN', 'CH0001', 'MSMG01', '20260312', '0900', '502', 'X', '005010X214'),
    seg('ST', '277', '0001', '005010X214'), seg('BHT', '0085', '08', 'X1', '20260312', '0900', 'TH'),
    seg('HL', '1', '', '20', '1'), seg('NM1', 'PR', '2', 'AETNA', '', '', '', '', 'PI', '60054'), seg('TRN', '1', 'X1'), seg('DTP', '050', 'D8', '20260312'), seg('DTP', '009', 'D8', '20260312'),
    seg('HL', '2', '1', '21', '1'), seg('NM1', '41', '2', 'MSMG', '', '', '', '', '46', 'MSMG01'), seg('TRN', '2', '1'), seg('STC', 'A1:20', '20260312', 'WQ', '215'),
    seg('HL', '3', '2', '19', '1'), seg('NM1', '85', '2', 'MSMG', '', '', '', '', 'XX', '1234567893'), seg('TRN', '1', '0'),
    seg('HL', '4', '3', 'PT'), seg('NM1', 'QC', '1', 'DOE', 'JANE', '', '', '', 'MI', 'W123456789'), seg('TRN', '2', String(corrected.id)),
    seg('STC', 'A2:20', '20260312', 'WQ', '215'), seg('REF', '1K', 'ICN-2'), seg('DTP', '472', 'D8', '20260302'),
    seg('SE', '21', '0001'), seg('GE', '1', '502'), seg('IEA', '1', '000000502')].join('\n');
  const r = await up(ca, 'status.277');
  assert.equal(r.status, 201);
  assert.deepEqual((await r.json()).claims, [{ claim_id: corrected.id, outcome: 'accepted', status: 'accepted into adjudication' }]);
  const now = ok(await biller.get(`/api/v1/claims/${corrected.id}`), 200);
  assert.deepEqual([now.status, now.payer_claim_number, now.history.at(-1).note], ['accepted', 'ICN-2', '277CA A2:20']);
  const again = await up(ca, 'status.277');
  assert.equal(again.status, 200);
  assert.equal((await again.json()).duplicate, true);
  const rej = await (await up(ack999('R'), 'reject.999')).json();
  assert.deepEqual(rej.claims, [{ claim_id: corrected.id, outcome: 'rejected' }], 'a rejected file rejects its claims');
  assert.equal(ok(await biller.get(`/api/v1/claims/${corrected.id}`), 200).status, 'rejected');
  assert.equal((await up('ISA*00*bogus~', 'x')).status, 400);
  // a TA1 rejecting the interchange of batch 1 (ISA13 000000001) reaches the batch's claims
  const ta1 = [isa('000000503'), seg('TA1', '000000001', '260311', '0901', 'R', '001'), seg('IEA', '0', '000000503')].join('\n');
  const t = await (await up(ta1, 'interchange.ta1')).json();
  assert.deepEqual([t.kind, t.claims], ['TA1', [{ claim_id: corrected.id, outcome: 'left as it was' }]], 'already rejected by the 999');
  // another practice's upload of the same file touches nothing of this one
  const other = await (await fetch(`${px.url}/api/v1/x12-files`, { method: 'POST', body: ca, headers: { Authorization: adminB.auth } })).json();
  assert.deepEqual(other.claims, [{ claim_id: corrected.id, outcome: 'unknown claim', status: 'accepted into adjudication' }]);
  assert.equal(ok(await biller.get(`/api/v1/claims/${corrected.id}`), 200).status, 'rejected');
});

test('eligibility: a 270 for a coverage, and its 271 read into the coverage', async () => {
  const r = await fetch(`${px.url}/api/v1/coverages/${cov.id}/270`, { headers: { Authorization: desk.auth } });
  assert.equal(r.status, 200);
  const file = await r.text();
  const dir = mkdtempSync(join(tmpdir(), 'praxis-270-'));
  writeFileSync(join(dir, 'q.270'), file);
  assert.equal(praxis(['x12', 'validate', join(dir, 'q.270')]).trim(), '', 'envelopes and 270 loops check out');
  const segs = file.split('~\n').filter(Boolean).map((x) => x.split('*'));
  assert.deepEqual(segs.find((x) => x[0] === 'TRN').slice(0, 3), ['TRN', '1', String(cov.id)]);
  assert.deepEqual(segs.find((x) => x[0] === 'NM1' && x[1] === 'IL'), ['NM1', 'IL', '1', 'DOE', 'JANE', '', '', '', 'MI', 'W123456789']);
  assert.deepEqual(segs.find((x) => x[0] === 'EQ'), ['EQ', '30']);
  assert.equal((await adminB.get(`/api/v1/coverages/${cov.id}/270`)).status, 404);
  const seg = (...e) => e.join('*') + '~';
  const answer = [seg('ISA', '00', '          ', '00', '          ', 'ZZ', 'CH0001         ', 'ZZ', 'MSMG01         ', '260311', '0900', '^', '00501', '000000601', '0', 'T', ':'),
    seg('GS', 'HB', 'CH0001', 'MSMG01', '20260311', '0900', '601', 'X', '005010X279A1'), seg('ST', '271', '0001', '005010X279A1'),
    seg('BHT', '0022', '11', '1', '20260311', '0900'), seg('HL', '1', '', '20', '1'), seg('NM1', 'PR', '2', 'AETNA', '', '', '', '', 'PI', '60054'),
    seg('HL', '2', '1', '21', '1'), seg('NM1', '1P', '2', 'MSMG', '', '', '', '', 'XX', '1234567893'),
    seg('HL', '3', '2', '22', '0'), seg('TRN', '2', String(cov.id), '1046123457'), seg('NM1', 'IL', '1', 'DOE', 'JANE', '', '', '', 'MI', 'W123456789'),
    seg('DTP', '346', 'D8', '20260101'), seg('EB', '1', 'IND', '30'),
    seg('EB', 'B', 'IND', '86', '', '', '27', '150'), // emergency: a service type of its own
    seg('EB', 'B', 'IND', '98^UC', '', '', '27', '30'), // office and urgent care visits, in network
    seg('EB', 'B', 'IND', '98', '', '', '27', '60', '', '', '', '', 'N'), // out of network
    seg('EB', 'A', 'IND', '30', '', '', '27', '', '.2'), seg('EB', 'A', 'IND', '30', '', '', '27', '', '0.4', '', '', '', 'N'),
    seg('EB', 'C', 'IND', '30', '', '', '23', '1500'), seg('EB', 'C', 'IND', '30', '', '', '29', '400'),
    seg('SE', '19', '0001'), seg('GE', '1', '601'), seg('IEA', '1', '000000601')].join('\n');
  const up = await fetch(`${px.url}/api/v1/x12-files?name=answer.271`, { method: 'POST', body: answer, headers: { Authorization: desk.auth } });
  assert.equal(up.status, 201);
  assert.deepEqual((await up.json()).coverages, [{ coverage_id: cov.id, eligibility: 'active', outcome: 'updated' }]);
  const c = ok(await desk.get(`/api/v1/coverages/${cov.id}`), 200);
  assert.deepEqual([c.eligibility, c.copay_cents, c.coinsurance_bp, c.deductible_cents, c.deductible_met_cents], ['active', 3000, 2000, 150000, 110000]);
  assert.equal(c.eligibility_benefits.length, 8);
  assert.deepEqual(c.eligibility_benefits[2], { code: 'B', kind: 'copay', service_types: ['98', 'UC'], coverage_level: 'IND', period: '27', amount_cents: 3000 });
  assert.deepEqual(c.eligibility_benefits[3].in_network, 'N');
  assert.equal(c.eligibility_benefits[5].percent_bp, 4000);
  assert.ok(c.eligibility_checked_at);
  // a payer that cannot find the member answers AAA: the coverage is not marked active
  const bad = answer.replace('EB*1*IND*30~', 'AAA*N**72*C~').replace('000000601', '000000602');
  const b = await (await fetch(`${px.url}/api/v1/x12-files?name=bad.271`, { method: 'POST', body: bad, headers: { Authorization: biller.auth } })).json();
  assert.deepEqual(b.coverages, [{ coverage_id: cov.id, eligibility: 'unknown', outcome: 'the payer could not answer', error_code: '72' }]);
  // a claim status request (276) for the corrected claim, with the payer's claim number
  const corrected = (await biller.get(`/api/v1/claims?encounter_id=${enc.id}&payer_id=${aetna}`)).body.items[0];
  const q = await (await fetch(`${px.url}/api/v1/claims/${corrected.id}/276`, { headers: { Authorization: biller.auth } })).text();
  writeFileSync(join(dir, 'q.276'), q);
  assert.equal(praxis(['x12', 'validate', join(dir, 'q.276')]).trim(), '', 'envelopes and 276 loops check out');
  const qs = q.split('~\n').filter(Boolean).map((x) => x.split('*'));
  assert.deepEqual(qs.find((x) => x[0] === 'TRN'), ['TRN', '1', String(corrected.id)]);
  assert.deepEqual(qs.find((x) => x[0] === 'REF'), ['REF', '1K', 'ICN-2']);
  assert.deepEqual(qs.find((x) => x[0] === 'AMT'), ['AMT', 'T3', '215.00']);
  assert.equal((await adminB.get(`/api/v1/claims/${corrected.id}/276`)).status, 404);
});

test('835: a remittance is read, reconciled and matched to the claim and its lines; the same file twice imports once', async () => {
  const corrected = (await biller.get(`/api/v1/claims?encounter_id=${enc.id}&payer_id=${aetna}`)).body.items[0];
  // the payer dropped modifier 59 from 93000 and lists the lines in the other order; a PLB takes back 2.00
  const seg = (...e) => e.join('*') + '~';
  const body = [
    seg('ISA', '00', '          ', '00', '          ', 'ZZ', '60054          ', 'ZZ', 'MSMG01         ', '260320', '1200', '^', '00501', '000000077', '0', 'T', ':'),
    seg('GS', 'HP', '60054', 'MSMG01', '20260320', '1200', '77', 'X', '005010X221A1'),
    seg('ST', '835', '0001'), seg('BPR', 'I', '113.50', 'C', 'ACH', 'CCP', '01', '999999999', 'DA', '123456', '1512345678', '', '01', '999999999', 'DA', '654321', '20260320'),
    seg('TRN', '1', 'EFT12345', '1512345678'), seg('N1', 'PR', 'AETNA', 'XV', '60054'), seg('N1', 'PE', 'MAIN STREET MEDICAL GROUP', 'XX', '1234567893'),
    seg('LX', '1'), seg('CLP', String(corrected.id), '1', '215', '115.5', '20', '12', 'ICN-2'),
    seg('CAS', 'PR', '3', '20'), seg('NM1', 'QC', '1', 'DOE', 'JANE', '', '', '', 'MI', 'W123456789'),
    seg('SVC', 'HC:93000', '65', '17.5', '', '1'), seg('DTM', '472', '20260302'), seg('CAS', 'CO', '45', '47.5'),
    seg('SVC', 'HC:99213', '150', '98', '', '1'), seg('DTM', '472', '20260302'), seg('CAS', 'CO', '45', '32'), seg('LQ', 'HE', 'N130'),
    seg('PLB', '1234567893', '20261231', 'WO:ICN-1', '2'),
    seg('SE', '18', '0001'), seg('GE', '1', '77'), seg('IEA', '1', '000000077'),
  ].join('\n');
  const up = (b, name = 'aetna-0320.835') => fetch(`${px.url}/api/v1/remittances?name=${name}`, { method: 'POST', body: b,
    headers: { Authorization: biller.auth, 'Content-Type': 'application/edi-x12' } });
  assert.equal((await fetch(`${px.url}/api/v1/remittances`, { method: 'POST', body: body, headers: { Authorization: desk.auth } })).status, 403);
  const r1 = await up(body);
  assert.equal(r1.status, 201);
  const imp = await r1.json();
  assert.equal(imp.duplicate, false);
  assert.deepEqual(imp.envelope_errors, []);
  assert.deepEqual(imp.remittances.map((x) => [x.amount_cents, x.claims, x.unmatched, x.balanced]), [[11350, 1, 0, true]]);
  const again = await up(body);
  assert.equal(again.status, 200);
  const dup = await again.json();
  assert.equal(dup.duplicate, true);
  assert.equal(dup.file_id, imp.file_id);
  const rem = ok(await biller.get(`/api/v1/remittances/${imp.remittances[0].id}`), 200);
  assert.equal(rem.payment.trace, 'EFT12345');
  assert.equal(rem.payment.date, '2026-03-20');
  assert.equal(rem.payer_id, aetna, 'matched by the payer id');
  const c = rem.claims[0];
  assert.deepEqual([c.claim_id, c.match, c.paid_cents, c.patient_cents], [corrected.id, 'claim_id', 11550, 2000]);
  assert.deepEqual(c.adjustments, [{ group: 'PR', reason: '3', amount_cents: 2000 }]);
  assert.deepEqual(c.lines.map((l) => [l.code, l.claim_line, l.match]), [['93000', 2, 'modifiers_differ'], ['99213', 1, 'exact']]);
  assert.deepEqual(c.lines[1].remarks, ['N130']);
  assert.equal(rem.totals.provider_adjustments_cents, 200);
  // a file whose payment does not equal its claims less provider adjustments is flagged
  const off = await (await up(body.replace('BPR*I*113.50', 'BPR*I*113.60'), 'off.835')).json();
  assert.equal(off.remittances[0].balanced, false);
  // an unknown claim stays unmatched; a real payer example reads and balances
  const fixture = readFileSync(resolve(import.meta.dirname, '../../../shared/fixtures/x12/linuxforhealth/835_005010X221A1/medicare-part-a.835'));
  const fx = await (await up(fixture, 'medicare-part-a.835')).json();
  assert.deepEqual(fx.remittances.map((x) => [x.claims, x.unmatched, x.balanced]), [[2, 2, true]]);
  assert.equal((await adminB.get(`/api/v1/remittances/${imp.remittances[0].id}`)).status, 404);
  assert.equal(ok(await adminB.get('/api/v1/remittances'), 200).items.length, 0);
  assert.equal(ok(await biller.get('/api/v1/remittances'), 200).items.length, 3);
  const notx12 = await up('hello');
  assert.equal(notx12.status, 400);
});

test('COB: the secondary claim carries what the primary decided (2320/2330, 2430) and the insured\'s signatures', async () => {
  const primary = (await biller.get(`/api/v1/claims?encounter_id=${enc.id}&payer_id=${aetna}`)).body.items[0];
  // the primary was fixed, sent again and paid as the 835 above says
  ok(await biller.post(`/api/v1/claims/${primary.id}/scrub`), 200);
  ok(await biller.post(`/api/v1/claims/${primary.id}/status`, { status: 'submitted' }), 200);
  ok(await biller.post(`/api/v1/claims/${primary.id}/status`, { status: 'paid' }), 200);
  // the Medigap coverage: benefits not assigned to the practice, release by informed consent only;
  // the Medigap payer is not taken on assignment
  const medigap = ok(await desk.get(`/api/v1/patients/${patient}/coverages`), 200).items.find((c) => c.payer_id === supplement);
  assert.deepEqual([medigap.benefits_assigned, medigap.release_of_information, medigap.medicare_secondary_type], [true, 'Y', null]);
  const badRelease = await desk.patch(`/api/v1/coverages/${medigap.id}`, { version: medigap.version, release_of_information: 'X' });
  assert.deepEqual([badRelease.status, badRelease.body.errors.map((x) => x.field)], [400, ['release_of_information']]);
  ok(await desk.patch(`/api/v1/coverages/${medigap.id}`, { version: medigap.version, benefits_assigned: false, release_of_information: 'I' }), 200);
  const payer = ok(await biller.get(`/api/v1/payers/${supplement}`), 200);
  assert.equal(payer.accepts_assignment, true);
  ok(await biller.patch(`/api/v1/payers/${supplement}`, { version: payer.version, accepts_assignment: false }), 200);
  const sec = (await biller.get(`/api/v1/claims?encounter_id=${enc.id}&payer_id=${supplement}`)).body.items[0];
  assert.equal(ok(await biller.post(`/api/v1/claims/${sec.id}/scrub`), 200).status, 'ready');
  const batch = ok(await biller.post('/api/v1/claim-batches', { claim_ids: [sec.id] }));
  assert.deepEqual(batch.claim_ids, [sec.id]);
  const file = await (await fetch(`${px.url}/api/v1/claim-batches/${batch.id}/837`, { headers: { Authorization: biller.auth } })).text();
  const dir = mkdtempSync(join(tmpdir(), 'praxis-cob-'));
  writeFileSync(join(dir, 'cob.837'), file);
  assert.equal(praxis(['x12', 'validate', join(dir, 'cob.837')]).trim(), '', 'clean against the guide\'s rules for 2320, 2330 and 2430');
  const segs = file.split('~\n').filter(Boolean).map((x) => x.split('*'));
  const at = segs.findIndex((x) => x[0] === 'CLM');
  assert.deepEqual(segs[at].slice(6, 10), ['Y', 'C', 'N', 'I'], 'CLM07 not assigned, CLM08 benefits not assigned, CLM09 informed consent');
  assert.equal(segs.find((x) => x[0] === 'SBR').join('*'), 'SBR*S********CI', '2000B: Medigap pays second; the spouse is its subscriber');
  assert.equal(segs.find((x) => x[0] === 'GS')[4], '20260310', 'GS04 is the interchange\'s date');
  const claimSegs = segs.slice(at, segs.findIndex((x) => x[0] === 'SE'));
  const cob = claimSegs.slice(claimSegs.findIndex((x) => x[0] === 'SBR'), claimSegs.findIndex((x) => x[0] === 'LX'));
  assert.deepEqual(cob.map((x) => x.join('*')), [
    'SBR*P*18*G100******CI', // 2320: Aetna paid first; the patient is its subscriber
    'CAS*PR*3*20', // the primary's claim-level adjustment: a copay the patient owes
    'AMT*D*115.5', 'AMT*EAF*20', 'OI***Y***Y',
    'NM1*IL*1*DOE*JANE****MI*W123456789', // 2330A
    'NM1*PR*2*AETNA*****PI*60054', 'REF*F8*ICN-2', // 2330B with the primary's claim number
  ]);
  const lines = claimSegs.slice(claimSegs.findIndex((x) => x[0] === 'LX')).map((x) => x.join('*'));
  assert.deepEqual(lines, [
    'LX*1', 'SV1*HC:99213*150*UN*1***1:2', 'DTP*472*D8*20260302',
    'SVD*60054*98*HC:99213**1', 'CAS*CO*45*32', 'DTP*573*D8*20260320', // 2430: the primary's decision on this line
    'LX*2', 'SV1*HC:93000:59*65*UN*1***2', 'DTP*472*D8*20260302',
    'SVD*60054*17.5*HC:93000**1', 'CAS*CO*45*47.5', 'DTP*573*D8*20260320', // as the payer returned it, without 59
  ]);
});

test('277: the payer\'s answers to claim status requests move the claim by their category', async () => {
  const sec = (await biller.get(`/api/v1/claims?encounter_id=${enc.id}&payer_id=${supplement}`)).body.items[0];
  assert.equal(sec.status, 'submitted');
  const seg = (...e) => e.join('*') + '~';
  let ctl = 700;
  const answer = (stc) => {
    ctl++;
    const body = [seg('ST', '277', '0001', '005010X212'), seg('BHT', '0010', '08', 'S1', '20260325', '0900', 'DG'),
      seg('HL', '1', '', '20', '1'), seg('NM1', 'PR', '2', 'MEDIGAP CO', '', '', '', '', 'PI', 'MG001'),
      seg('HL', '2', '1', '21', '1'), seg('NM1', '41', '2', 'MSMG', '', '', '', '', '46', 'MSMG01'),
      seg('HL', '3', '2', '19', '1'), seg('NM1', '1P', '2', 'MSMG', '', '', '', '', 'XX', '1234567893'),
      seg('HL', '4', '3', '22', '1'), seg('NM1', 'IL', '1', 'DOE', 'JOHN', '', '', '', 'MI', 'S1'),
      seg('HL', '5', '4', '23'), seg('DMG', 'D8', '19500402', 'F'), seg('NM1', 'QC', '1', 'DOE', 'JANE'),
      seg('TRN', '2', String(sec.id)), seg('STC', stc, '20260325', '', '215'), seg('REF', '1K', 'MG-9'),
      seg('DTP', '472', 'RD8', '20260302-20260302')];
    return [seg('ISA', '00', '          ', '00', '          ', 'ZZ', 'MG001          ', 'ZZ', 'MSMG01         ', '260325', '0900', '^', '00501', `000000${ctl}`, '0', 'T', ':'),
      seg('GS', 'HN', 'MG001', 'MSMG01', '20260325', '0900', String(ctl), 'X', '005010X212'), ...body,
      seg('SE', String(body.length + 1), '0001'), seg('GE', '1', String(ctl)), seg('IEA', '1', `000000${ctl}`)].join('\n');
  };
  const dir = mkdtempSync(join(tmpdir(), 'praxis-277-'));
  writeFileSync(join(dir, 'a.277'), answer('P1:20'));
  assert.equal(praxis(['x12', 'validate', join(dir, 'a.277')]).trim(), '', 'a 277 as payers send it');
  const send = async (stc) => (await (await fetch(`${px.url}/api/v1/x12-files?name=s.277`, { method: 'POST', body: answer(stc),
    headers: { Authorization: biller.auth } })).json());
  assert.deepEqual((await send('P1:20')).claims, [{ claim_id: sec.id, outcome: 'accepted', status: 'pending: in process' }]);
  assert.deepEqual((await send('D0:35')).claims, [{ claim_id: sec.id, outcome: 'left as it was', status: 'the payer found no such claim' }]);
  assert.deepEqual((await send('F2:85')).claims, [{ claim_id: sec.id, outcome: 'denied', status: 'finalized: denial' }]);
  const now = ok(await biller.get(`/api/v1/claims/${sec.id}`), 200);
  assert.deepEqual([now.status, now.payer_claim_number, now.history.at(-1).note], ['denied', 'MG-9', '277 F2:85']);
  assert.deepEqual((await send('F1:65')).claims, [{ claim_id: sec.id, outcome: 'left as it was', status: 'finalized: payment' }], 'decided claims stay decided');
});

test('audit: charges and claim steps are events with the patient', async () => {
  const admin = client(px.url, await login(px.url, px.email('admin')));
  const actions = new Set(ok(await admin.get(`/api/v1/audit?patient_id=${patient}&limit=500`), 200).items.map((ev) => ev.action));
  for (const action of ['encounter.create', 'encounter.update', 'claim.create', 'claim.submit', 'claim.paid', 'claim.correct',
    'coverage.create', 'claim.read'])
    assert.ok(actions.has(action), action);
});

test('setup rights: billers keep payers and fees, the desk reads payers only', async () => {
  assert.equal((await desk.get('/api/v1/payers')).status, 200);
  assert.equal((await desk.post('/api/v1/payers', { name: 'X', kind: 'auto', filing_indicator: 'AM' })).status, 403);
  assert.equal((await desk.post('/api/v1/fees', { code: '99213', fee_cents: 1, effective_from: '2026-01-01' })).status, 403);
  assert.equal((await auditor.get('/api/v1/claims')).status, 403);
  const dupFee = await biller.post('/api/v1/fees', { code: '99213', fee_cents: 1, effective_from: '2025-01-01' });
  assert.equal(dupFee.status, 400);
  const badProfile = await biller.call('PUT', '/api/v1/billing-profile', { legal_name: 'X', npi: '1234567890', tax_id: '12-345' });
  assert.deepEqual(badProfile.body.errors.map((x) => x.field).sort(), ['npi', 'tax_id']);
  assert.equal((await adminB.get('/api/v1/billing-profile')).status, 404);
  assert.equal((await adminB.get(`/api/v1/payers/${aetna}`)).status, 404);
});
