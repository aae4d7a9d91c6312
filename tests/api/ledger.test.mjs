// The journal over HTTP: charges posted from encounters, an 835 auto-posted (payments,
// contractual adjustments, the patient's share moved to the next payer, a denial to the
// worklist, an underpayment noted), idempotent postings, patient payments and credits,
// transfers, refunds, write-offs and reversals, the patient's account and A/R aging, which
// must reconcile to the cent after any sequence of postings. The clock is pinned to
// 20 March 2026.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startPraxis, client, login } from '../lib/server.mjs';
import { billingPractice } from '../lib/practice.mjs';

const NOW = Date.parse('2026-03-20T12:00:00Z');
let px, biller, desk, mgr, adminB;
let patient, aetna, medigap, enc, primary, secondary, loc, doc;
const ok = (r, status = 201) => { assert.equal(r.status, status, r.text); return r.body; };
const address = { line1: '12 Elm St', city: 'Springfield', state: 'MA', postal_code: '01103' };

before(async () => {
  px = await startPraxis({ env: { PRAXIS_NOW: String(NOW / 1000) } });
  mgr = client(px.url, await login(px.url, px.email('practice_manager')));
  biller = client(px.url, await login(px.url, px.email('biller')));
  desk = client(px.url, await login(px.url, px.email('front_desk')));
  adminB = client(px.url, await login(px.url, px.email('admin', 'b')));
  ({ loc, doc } = await billingPractice({ mgr, biller }, { address }));
  patient = ok(await desk.post('/api/v1/patients', { family_name: 'Doe', given_name: 'Jane', birth_date: '1950-04-02', sex_at_birth: 'F', address })).id;
  aetna = ok(await biller.post('/api/v1/payers', { name: 'Aetna', payer_code: '60054', kind: 'commercial', filing_indicator: 'CI' })).id;
  medigap = ok(await biller.post('/api/v1/payers', { name: 'Medigap Co', payer_code: 'MG001', kind: 'commercial', filing_indicator: 'CI' })).id;
  for (const [code, fee] of [['99213', 15000], ['93000', 6500]])
    ok(await biller.post('/api/v1/fees', { code, fee_cents: fee, effective_from: '2025-01-01' }));
  ok(await biller.post('/api/v1/payer-contracts', { payer_id: aetna, name: 'Aetna 2026', effective_from: '2026-01-01',
    rates: [{ code: '99213', allowed_cents: 9800 }] }));
  ok(await desk.post('/api/v1/coverages', { patient_id: patient, payer_id: aetna, priority: 1, relationship: 'self',
    member_id: 'W123456789', effective_from: '2026-01-01', eligibility: 'active' }));
  ok(await desk.post('/api/v1/coverages', { patient_id: patient, payer_id: medigap, priority: 2, relationship: 'self',
    member_id: 'S1', effective_from: '2026-01-01', eligibility: 'active' }));
  enc = ok(await biller.post('/api/v1/encounters', { patient_id: patient, service_date: '2026-03-02', rendering_provider_id: doc,
    location_id: loc, diagnoses: ['E11.9', 'I10'], lines: [{ code: '99213', pointers: [1, 2] }, { code: '93000', modifiers: ['59'], pointers: [2] }] }));
  [primary, secondary] = ok(await biller.post(`/api/v1/encounters/${enc.id}/claims`), 200).items;
  ok(await biller.post(`/api/v1/claims/${primary.id}/status`, { status: 'submitted' }), 200);
});
after(async () => { await px?.stop(); });

const account = async (c = desk) => ok(await c.get(`/api/v1/patients/${patient}/account`), 200);
const seg = (...e) => e.join('*') + '~';
const era = (ctl, claims) => {
  const body = [seg('ST', '835', '0001'), seg('BPR', 'I', '80', 'C', 'CHK', '', '', '', '', '', '', '', '', '', '', '', '20260318'),
    seg('TRN', '1', `CHK${ctl}`, '1512345678'), seg('N1', 'PR', 'AETNA', 'XV', '60054'), seg('N1', 'PE', 'MAIN STREET MEDICAL GROUP', 'XX', '1234567893'),
    seg('LX', '1'), ...claims];
  return [seg('ISA', '00', '          ', '00', '          ', 'ZZ', '60054          ', 'ZZ', 'MSMG01         ', '260318', '1200', '^', '00501', String(ctl).padStart(9, '0'), '0', 'T', ':'),
    seg('GS', 'HP', '60054', 'MSMG01', '20260318', '1200', String(ctl), 'X', '005010X221A1'), ...body,
    seg('SE', String(body.length + 1), '0001'), seg('GE', '1', String(ctl)), seg('IEA', '1', String(ctl).padStart(9, '0'))].join('\n');
};
const upload = (c, body) => fetch(`${px.url}/api/v1/remittances?name=era.835`, { method: 'POST', body, headers: { Authorization: c.auth } });

test('charges post to the primary payer\'s A/R when the encounter is entered', async () => {
  const a = await account();
  assert.deepEqual(a.balances, { insurance_cents: 21500, patient_cents: 0, credit_cents: 0 });
  assert.deepEqual(a.entries.map((x) => [x.kind, x.effective_date, x.insurance_cents]), [['charge', '2026-03-02', 21500]]);
  const entry = ok(await biller.get(`/api/v1/journal-entries/${a.entries[0].id}`), 200);
  assert.equal(entry.lines.reduce((s, l) => s + l.amount_cents, 0), 0, 'balanced');
  assert.deepEqual(entry.lines.filter((l) => l.account === '1100').map((l) => [l.payer_id, l.amount_cents]), [[aetna, 15000], [aetna, 6500]]);
  const chart = ok(await biller.get('/api/v1/ledger-accounts'), 200).items.map((x) => x.code);
  assert.deepEqual(chart, ['1000', '1100', '1110', '2100', '4000', '4010', '4100', '4110', '4120', '4130']);
});

test('835 auto-posting: payment, contractual, coinsurance to the secondary, a denial to the worklist, an underpayment', async () => {
  // 99213: charged 150, paid 80, CO-45 60, PR-2 10 (allowed 90 < the contract's 98); 93000: paid 0, CO-50
  const file = era(801, [seg('CLP', String(primary.id), '1', '215', '80', '10', '12', 'ICN-77'),
    seg('NM1', 'QC', '1', 'DOE', 'JANE', '', '', '', 'MI', 'W123456789'),
    seg('SVC', 'HC:99213', '150', '80', '', '1'), seg('DTM', '472', '20260302'), seg('CAS', 'CO', '45', '60'), seg('CAS', 'PR', '2', '10'),
    seg('SVC', 'HC:93000:59', '65', '0', '', '1'), seg('DTM', '472', '20260302'), seg('CAS', 'CO', '50', '65'), seg('LQ', 'HE', 'N115')]);
  assert.equal((await upload(desk, file)).status, 403);
  const r = await upload(biller, file);
  assert.equal(r.status, 201);
  const imp = await r.json();
  assert.deepEqual(imp.remittances[0].posting, { claims_posted: 1, denials: 1, exceptions: 0 });
  const a = await account();
  // Aetna still owes the denied 65; Medigap owes the coinsurance of 10; the patient nothing yet
  assert.deepEqual(a.balances, { insurance_cents: 7500, patient_cents: 0, credit_cents: 0 });
  const c = ok(await biller.get(`/api/v1/claims/${primary.id}`), 200);
  assert.deepEqual([c.status, c.payer_claim_number], ['partial', 'ICN-77']);
  assert.equal(ok(await biller.get(`/api/v1/claims/${secondary.id}`), 200).status, 'ready', 'the secondary may go now');
  const denials = ok(await biller.get('/api/v1/denials?status=open'), 200).items;
  assert.deepEqual(denials.map((d) => [d.claim_id, d.line_no, d.amount_cents, d.reasons, d.denied_on, d.appeal_by, d.status]),
    [[primary.id, 2, 6500, 'CO-50,N115', '2026-03-18', '2026-09-14', 'open']]);
  const under = ok(await biller.get('/api/v1/underpayments'), 200).items;
  assert.deepEqual(under.map((u) => [u.line_no, u.expected_cents, u.allowed_cents, u.paid_cents, u.difference_cents]), [[1, 9800, 9000, 8000, 800]]);
  // the same file again posts nothing
  const again = await (await upload(biller, file)).json();
  assert.equal(again.duplicate, true);
  assert.deepEqual((await account()).balances, a.balances);
  // another file paying the same claim waits for review
  const second = await (await upload(biller, file.replaceAll('CHK801', 'CHK802').replaceAll('000000801', '000000802'))).json();
  assert.deepEqual(second.remittances[0].posting, { claims_posted: 0, denials: 0, exceptions: 1 });
  const ex = ok(await biller.get('/api/v1/posting-exceptions?status=open'), 200).items;
  assert.match(ex[0].reason, /posted from an earlier remittance/);
  assert.deepEqual((await account()).balances, a.balances);
  // an unknown claim waits too, with its reason
  const stranger = await (await upload(biller, era(803, [seg('CLP', '999999', '1', '50', '50', '', '12', 'X')]))).json();
  assert.deepEqual(stranger.remittances[0].posting.exceptions, 1);
  assert.equal((await adminB.post(`/api/v1/remittances/${imp.remittances[0].id}/post`)).status, 404);
  assert.deepEqual(ok(await biller.post(`/api/v1/remittances/${imp.remittances[0].id}/post`), 200).claims, [], 'nothing left to post');
});

test('transfers, patient payments with credit, idempotency, refunds, write-offs and reversals', async () => {
  const charges = (await biller.get(`/api/v1/journal-entries/${(await account()).entries[0].id}`)).body.lines
    .filter((l) => l.account === '1100').map((l) => l.charge_id);
  // Medigap denies its 10: the billing office moves it to the patient
  assert.equal((await desk.post('/api/v1/transfers', { charge_id: charges[0], from_payer_id: medigap, to_payer_id: null })).status, 403);
  const t = ok(await biller.post('/api/v1/transfers', { charge_id: charges[0], from_payer_id: medigap, to_payer_id: null, reason: 'secondary denied' }));
  assert.deepEqual(t.lines.map((l) => [l.account, l.amount_cents]), [['1100', -1000], ['1110', 1000]]);
  assert.equal((await biller.post('/api/v1/transfers', { charge_id: charges[0], from_payer_id: medigap, to_payer_id: null })).status, 400, 'nothing left to move');
  // the patient pays 25 at the desk: 10 to the balance, 15 kept as credit; a retry posts once
  const key = { 'Idempotency-Key': 'desk-0001' };
  const pay = ok(await desk.post('/api/v1/payments', { patient_id: patient, amount_cents: 2500, method: 'card', reference: 'AUTH 1234' }, key));
  assert.equal(pay.duplicate, false);
  const replay = ok(await desk.post('/api/v1/payments', { patient_id: patient, amount_cents: 2500, method: 'card' }, key), 200);
  assert.deepEqual([replay.id, replay.duplicate], [pay.id, true]);
  assert.deepEqual((await account()).balances, { insurance_cents: 6500, patient_cents: 0, credit_cents: 1500 });
  const bad = await desk.post('/api/v1/payments', { patient_id: patient, amount_cents: -5, method: 'barter' });
  assert.deepEqual(bad.body.errors.map((x) => x.field).sort(), ['amount_cents', 'method']);
  // refunds come from the credit only
  assert.equal((await biller.post('/api/v1/refunds', { patient_id: patient, amount_cents: 2000, method: 'check', reason: 'overpaid' })).status, 400);
  ok(await biller.post('/api/v1/refunds', { patient_id: patient, amount_cents: 500, method: 'check', reason: 'overpaid' }));
  // the denied line: a biller may not write it off; the practice manager may, with a reason
  const wo = { charge_id: charges[1], payer_id: aetna, amount_cents: 6500, kind: 'writeoff', reason: 'denial upheld on appeal', group: 'CO', carc: '50' };
  assert.equal((await biller.post('/api/v1/adjustments', wo)).status, 403);
  assert.equal((await mgr.post('/api/v1/adjustments', { ...wo, reason: '' })).status, 400);
  assert.equal((await mgr.post('/api/v1/adjustments', { ...wo, amount_cents: 6600 })).status, 400, 'more than owed');
  const w = ok(await mgr.post('/api/v1/adjustments', wo));
  assert.deepEqual((await account()).balances, { insurance_cents: 0, patient_cents: 0, credit_cents: 1000 });
  // a correction is a reversal, once
  const rev = ok(await biller.post(`/api/v1/journal-entries/${w.id}/reverse`, { reason: 'posted to the wrong charge' }));
  assert.equal(rev.reverses, w.id);
  assert.equal((await biller.post(`/api/v1/journal-entries/${w.id}/reverse`, { reason: 'again' })).status, 409);
  assert.equal((await biller.post(`/api/v1/journal-entries/${rev.id}/reverse`, { reason: 'undo' })).status, 409);
  const a = await account();
  assert.deepEqual(a.balances, { insurance_cents: 6500, patient_cents: 0, credit_cents: 1000 });
  assert.deepEqual(a.entries.map((x) => x.kind), ['charge', 'insurance_payment', 'transfer', 'payment', 'refund', 'writeoff', 'reversal']);
  assert.deepEqual(a.entries.at(-1).balance, a.balances, 'the running balance ends at the balances');
});

test('A/R aging by payer and by patient reconciles with the accounts and the journal', async () => {
  for (const by of ['payer', 'patient']) {
    const g = ok(await biller.get(`/api/v1/reports/ar-aging?by=${by}&as_of=2026-03-20`), 200);
    assert.deepEqual(g.buckets, ['0-30', '31-60', '61-90', '91-120', '120+']);
    assert.equal(g.totals.total_cents, g.ar_cents);
    assert.equal(g.rows.reduce((s, r) => s + r.total_cents, 0), g.ar_cents);
    const a = await account();
    assert.equal(g.ar_cents, a.balances.insurance_cents + a.balances.patient_cents);
    if (by === 'payer') assert.deepEqual(g.rows.map((r) => [r.name, r.cents]), [['Aetna', [6500, 0, 0, 0, 0]]]);
  }
  const later = ok(await biller.get('/api/v1/reports/ar-aging?by=payer&as_of=2026-06-20'), 200);
  assert.deepEqual(later.rows[0].cents, [0, 0, 0, 6500, 0], '110 days after the visit');
  const before = ok(await biller.get('/api/v1/reports/ar-aging?by=payer&as_of=2026-03-01'), 200);
  assert.deepEqual([before.rows, before.ar_cents], [[], 0], 'nothing was posted before the visit');
  assert.equal((await biller.get('/api/v1/reports/ar-aging?by=provider')).status, 400);
  // the same as a spreadsheet, in dollars, with the totals row
  const csv = await fetch(`${px.url}/api/v1/reports/ar-aging?by=payer&as_of=2026-03-20&format=csv`, { headers: { Authorization: biller.auth } });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-disposition'), /ar-aging-2026-03-20\.csv/);
  assert.deepEqual((await csv.text()).trim().split(/\r?\n/),
    ['Owed by,0-30 days,31-60 days,61-90 days,91-120 days,Over 120 days,Total', 'Aetna,65.00,0.00,0.00,0.00,0.00,65.00',
      'Total,65.00,0.00,0.00,0.00,0.00,65.00']);
  const xlsx = await fetch(`${px.url}/api/v1/reports/ar-aging?format=xlsx`, { headers: { Authorization: biller.auth } });
  assert.equal(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString(), 'PK');
  assert.equal((await desk.get('/api/v1/reports/ar-aging')).status, 403);
});

test('the denial worklist: appealed, then written off by the practice manager with a reason, once', async () => {
  const d = ok(await biller.get('/api/v1/denials?status=open'), 200).items[0];
  assert.equal((await desk.patch(`/api/v1/denials/${d.id}`, { status: 'appealed' })).status, 403);
  assert.equal(ok(await biller.patch(`/api/v1/denials/${d.id}`, { status: 'appealed', note: 'appeal letter sent' }), 200).status, 'appealed');
  assert.deepEqual(ok(await biller.get('/api/v1/denials?status=open'), 200).items, []);
  assert.equal((await biller.patch(`/api/v1/denials/${d.id}`, { status: 'written_off', note: 'appeal lost' })).status, 403);
  assert.equal((await mgr.patch(`/api/v1/denials/${d.id}`, { status: 'written_off' })).status, 400, 'a write-off says why');
  const before = (await account()).balances;
  ok(await mgr.patch(`/api/v1/denials/${d.id}`, { status: 'written_off', note: 'appeal lost' }), 200);
  const after = (await account()).balances;
  assert.equal(before.insurance_cents - after.insurance_cents, 6500, 'what the payer owed on the line is written off');
  assert.equal((await mgr.patch(`/api/v1/denials/${d.id}`, { status: 'open' })).status, 409);
  assert.equal((await adminB.patch(`/api/v1/denials/${d.id}`, { status: 'closed' })).status, 404);
  const w = (await account()).entries.at(-1);
  assert.deepEqual([w.kind, w.reason], ['writeoff', 'denial CO-50,N115 written off: appeal lost']);
});

test('a real payer\'s 835 (LinuxForHealth managed-care) posts against claims built to match it', async () => {
  // two visits billed to the payer, acknowledged with the payer's claim numbers the 835 carries
  const p2 = ok(await desk.post('/api/v1/patients', { family_name: 'Budd', given_name: 'William', birth_date: '1960-01-01', sex_at_birth: 'M', address })).id;
  const rushmore = ok(await biller.post('/api/v1/payers', { name: 'Rushmore Life', payer_code: 'RL001', kind: 'commercial', filing_indicator: 'CI' })).id;
  ok(await desk.post('/api/v1/coverages', { patient_id: p2, payer_id: rushmore, priority: 1, relationship: 'self', member_id: '33344555510',
    effective_from: '2026-01-01', eligibility: 'active' }));
  ok(await biller.post('/api/v1/fees', { code: '99211', fee_cents: 80000, effective_from: '2025-01-01' }));
  ok(await biller.post('/api/v1/fees', { code: '93555', fee_cents: 120000, effective_from: '2025-01-01' }));
  for (const [code, icn] of [['99211', '94060555410000'], ['93555', '94077799230000']]) {
    const e = ok(await biller.post('/api/v1/encounters', { patient_id: p2, service_date: '2026-03-04', rendering_provider_id: doc,
      location_id: loc, diagnoses: ['I10'], lines: [{ code, pointers: [1] }] }));
    const c = ok(await biller.post(`/api/v1/encounters/${e.id}/claims`), 200).items[0];
    ok(await biller.post(`/api/v1/claims/${c.id}/status`, { status: 'submitted' }), 200);
    ok(await biller.post(`/api/v1/claims/${c.id}/status`, { status: 'accepted', payer_claim_number: icn }), 200);
  }
  const file = readFileSync(resolve(import.meta.dirname, '../../../shared/fixtures/x12/linuxforhealth/835_005010X221A1/managed-care.835'));
  const imp = await (await upload(biller, file)).json();
  assert.deepEqual(imp.remittances[0].posting, { claims_posted: 2, denials: 0, exceptions: 0 });
  // paid 450 + 495 (the lines' 500 + 550 less the claim-level CO-A2 50 + 55); the deductibles (PR-1 300 + 600)
  // are the patient's; nothing is left with the payer
  const a = ok(await desk.get(`/api/v1/patients/${p2}/account`), 200);
  assert.deepEqual(a.balances, { insurance_cents: 0, patient_cents: 90000, credit_cents: 0 });
  const posted = a.entries.filter((x) => x.kind === 'insurance_payment');
  assert.equal(posted.length, 2);
  const cash = [];
  for (const x of posted) {
    const entry = ok(await biller.get(`/api/v1/journal-entries/${x.id}`), 200);
    assert.equal(entry.lines.reduce((s, l) => s + l.amount_cents, 0), 0);
    cash.push(entry.lines.filter((l) => l.account === '1000').reduce((s, l) => s + l.amount_cents, 0));
  }
  assert.deepEqual(cash, [45000, 49500], 'the cash equals each CLP04; their sum is BPR02 (945.00)');
});

test('statements: what patients owe once insurance is done, escalating to collections; holds skip them', async () => {
  // Budd owes his deductibles (900.00) with nothing left at the payer; Doe owes nothing (a credit)
  const pdfPages = async (path) => {
    const r = await fetch(`${px.url}${path}`, { headers: { Authorization: biller.auth } });
    assert.equal(r.status, 200, path);
    assert.equal(r.headers.get('content-type'), 'application/pdf');
    const bytes = Buffer.from(await r.arrayBuffer());
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    return (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  };
  assert.equal((await desk.post('/api/v1/statement-runs', {})).status, 403);
  const budd = ok(await biller.get('/api/v1/patients?q=Budd'), 200).items[0].id;
  const run1 = ok(await biller.post('/api/v1/statement-runs', { as_of: '2026-03-20' }));
  assert.deepEqual([run1.statements, run1.collections, run1.total_cents], [1, 0, 90000]);
  assert.equal(await pdfPages(`/api/v1/statement-runs/${run1.id}/statements.pdf`), 1);
  assert.equal(await pdfPages(`/api/v1/patients/${budd}/statement.pdf`), 1);
  assert.equal((await biller.get(`/api/v1/patients/${patient}/statement.pdf`)).status, 422, 'Doe owes nothing billable');
  // a disputed account is skipped; lifted, the next statement is the second notice, then final, then collections
  const held = ok(await biller.call('PUT', `/api/v1/patients/${budd}/account-hold`, { reason: 'disputed: asked for an itemized bill' }), 200);
  assert.deepEqual([held.patient_id, held.hold, held.payment_plan_id], [budd, 'disputed: asked for an itemized bill', null]);
  const seen = ok(await desk.get(`/api/v1/patients/${budd}/account-hold`), 200);
  assert.deepEqual(seen, held, 'the desk sees the hold another user set');
  assert.match(seen.since, /^\d{4}-\d\d-\d\dT/);
  assert.equal(ok(await biller.post('/api/v1/statement-runs', { as_of: '2026-03-20' })).statements, 0);
  const lifted = ok(await biller.call('PUT', `/api/v1/patients/${budd}/account-hold`, { reason: null }), 200);
  assert.deepEqual([lifted.hold, lifted.since], [null, null]);
  assert.deepEqual(ok(await desk.get(`/api/v1/patients/${budd}/account-hold`), 200), lifted);
  const notices = [];
  for (let i = 0; i < 3; i++) {
    const r = ok(await biller.post('/api/v1/statement-runs', { as_of: '2026-03-20' }));
    notices.push([r.statements, r.collections]);
  }
  assert.deepEqual(notices, [[1, 0], [1, 0], [0, 1]], 'second notice, final notice, then collections instead of a statement');
  const runs = ok(await biller.get('/api/v1/statement-runs'), 200).items;
  assert.deepEqual([runs.length, runs.at(-1).id, runs.at(-1).statements, runs[0].collections], [5, run1.id, 1, 1], 'newest first');
  const mail = await (await fetch(`${px.url}/api/v1/statement-runs/${run1.id}/mailing.csv`, { headers: { Authorization: biller.auth } })).text();
  assert.deepEqual(mail.trim().split(/\r?\n/), ['Statement,Account,Notice,Name,Address 1,Address 2,City,State,ZIP,Amount due,Page in PDF',
    `${mail.split(/\r?\n/)[1].split(',')[0]},${mail.split(/\r?\n/)[1].split(',')[1]},statement,William Budd,12 Elm St,,Springfield,MA,01103,900.00,1`]);
  assert.equal((await adminB.get(`/api/v1/statement-runs/${run1.id}/mailing.csv`)).status, 404);
  assert.equal((await adminB.get(`/api/v1/statement-runs/${run1.id}/statements.pdf`)).status, 404);
  assert.equal((await adminB.call('PUT', `/api/v1/patients/${budd}/account-hold`, { reason: 'x' })).status, 404);
  assert.equal((await biller.post('/api/v1/statement-runs', { min_balance_cents: 0 })).status, 400);
});

test('revenue-cycle indicators of March 2026, each with the numbers it is made of', async () => {
  const k = ok(await biller.get('/api/v1/reports/revenue-cycle?from=2026-03-01&to=2026-03-31'), 200);
  // charges: the visit (215.00) and the two of the managed-care 835 (800.00 + 1,200.00); cash: the 835s
  // (80.00, 450.00, 495.00) and the desk's 25.00 less the 5.00 refund
  assert.deepEqual(k.totals, { charges_cents: 221500, payments_cents: 104500, contractual_cents: 11000, other_adjustments_cents: 17000,
    ar_cents: k.totals.ar_cents });
  assert.deepEqual(k.gross_collection_rate, { value: 100 * 104500 / 221500, numerator: 104500, denominator: 221500 });
  assert.deepEqual(k.net_collection_rate, { value: 100 * 104500 / 210500, numerator: 104500, denominator: 210500 });
  assert.deepEqual([k.denial_rate.numerator, k.denial_rate.denominator], [1, 3], 'the visit had a denied line; three claims adjudicated');
  assert.deepEqual([k.clean_claim_rate.numerator, k.clean_claim_rate.denominator], [3, 3]);
  assert.deepEqual([k.first_pass_resolution_rate.numerator, k.first_pass_resolution_rate.denominator], [3, 3]);
  assert.deepEqual([k.charge_lag_days.numerator, k.charge_lag_days.denominator], [18 + 16 + 16, 3]);
  assert.equal(k.days_in_ar.value, k.totals.ar_cents / (221500 / 31));
  assert.deepEqual([k.ar_over_90_share.numerator, k.ar_over_90_share.denominator], [0, k.totals.ar_cents]);
  const csv = await (await fetch(`${px.url}/api/v1/reports/revenue-cycle?from=2026-03-01&to=2026-03-31&format=csv`,
    { headers: { Authorization: biller.auth } })).text();
  const rows = csv.trim().split(/\r?\n/);
  assert.equal(rows[0], 'Indicator,Value,Unit,Numerator,Denominator');
  assert.equal(rows.find((x) => x.startsWith('Gross collection rate')), `Gross collection rate,${(100 * 104500 / 221500).toFixed(2)},%,1045.00,2215.00`);
  assert.equal((await biller.get('/api/v1/reports/revenue-cycle?from=2026-03-31&to=2026-03-01')).status, 400);
  assert.equal((await desk.get('/api/v1/reports/revenue-cycle?from=2026-03-01&to=2026-03-31')).status, 403);
});

test('money report: charges, payments and adjustments by payer, code, provider and month', async () => {
  const get = async (by) => ok(await biller.get(`/api/v1/reports/money?by=${by}&from=2026-03-01&to=2026-03-31`), 200).items;
  const byPayer = Object.fromEntries((await get('payer')).map((r) => [r.name, [r.charges_cents, r.payments_cents, r.adjustments_cents]]));
  assert.deepEqual(byPayer['Rushmore Life'], [200000, 94500, 15500], 'paid 945.00; CO-A2 105.00 and CO-45 50.00');
  assert.deepEqual(byPayer.Aetna.slice(0, 2), [21500, 8000]);
  const byCode = Object.fromEntries((await get('code')).map((r) => [r.name, [r.charges_cents, r.payments_cents, r.adjustments_cents]]));
  assert.deepEqual(byCode['99211'], [80000, 45000, 5000], 'the payment against the charge it paid, the claim-level CO-A2 with it');
  const months = await get('month');
  assert.deepEqual(months.map((r) => r.name), ['2026-03']);
  const providers = await get('provider');
  assert.equal(providers.find((r) => r.name === 'Welby, Marcus').charges_cents, 221500);
  const csv = await fetch(`${px.url}/api/v1/reports/money?by=payer&from=2026-03-01&to=2026-03-31&format=csv`, { headers: { Authorization: biller.auth } });
  assert.equal((await csv.text()).split(/\r?\n/)[0], 'Group,Charges ($),Payments ($),Adjustments ($)');
  assert.equal((await biller.get('/api/v1/reports/money?by=color&from=2026-03-01&to=2026-03-31')).status, 400);
  assert.equal((await desk.get('/api/v1/reports/money?by=payer&from=2026-03-01&to=2026-03-31')).status, 403);
});

test('denials by reason and by payer; the worklist by reason and payer; patient collections', async () => {
  const q = 'from=2026-03-01&to=2026-03-31';
  const byReason = ok(await biller.get(`/api/v1/reports/denials?by=reason&${q}`), 200);
  assert.deepEqual(byReason.rows.map((r) => [r.name, r.denials, r.amount_cents, r.unresolved_cents, r.written_off]), [['CO-50', 1, 6500, 0, 1]]);
  assert.deepEqual([byReason.totals.denials, byReason.totals.amount_cents], [1, 6500]);
  assert.deepEqual(ok(await biller.get(`/api/v1/reports/denials?by=payer&${q}`), 200).rows.map((r) => r.name), ['Aetna']);
  assert.equal(ok(await biller.get('/api/v1/reports/denials?by=reason&from=2026-04-01&to=2026-04-30'), 200).rows.length, 0);
  const csv = await fetch(`${px.url}/api/v1/reports/denials?by=reason&${q}&format=csv`, { headers: { Authorization: biller.auth } });
  const lines = (await csv.text()).trim().split(/\r?\n/);
  assert.deepEqual([lines[0], lines.length], ['Reason or payer,Denials,Amount,Unresolved,Open,Appealed,Resubmitted,Written off,Closed', 3]);
  assert.equal((await biller.get(`/api/v1/reports/denials?by=code&${q}`)).status, 400);
  const list = async (f) => ok(await biller.get(`/api/v1/denials?${f}`), 200).items.length;
  assert.deepEqual([await list('reason=N115'), await list('reason=CO-50'), await list('reason=CO-45'), await list(`payer_id=${aetna}`),
    await list(`payer_id=${medigap}`)], [1, 1, 0, 1, 0]);
  assert.equal((await biller.get('/api/v1/denials?reason=co%2050')).status, 400);
  // collections: the desk's 25.00 less the 5.00 refund; Budd's 900.00 of deductibles went to collections
  const c = ok(await biller.get(`/api/v1/reports/collections?${q}`), 200);
  assert.deepEqual([c.totals.patient_payments_cents, c.totals.refunds_cents], [2000, 500]);
  assert.ok(c.totals.patient_responsibility_cents >= 90000);
  assert.equal(c.totals.collection_rate, 100 * 2000 / c.totals.patient_responsibility_cents);
  const budd = ok(await biller.get('/api/v1/patients?q=Budd'), 200).items[0].id;
  assert.deepEqual(c.accounts.map((a) => [a.patient_id, a.name, a.stage, a.balance_cents, a.last_payment_on]),
    [[budd, 'Budd, William', 'collections', 90000, null]]);
  const sheet = await (await fetch(`${px.url}/api/v1/reports/collections?${q}&format=csv`, { headers: { Authorization: biller.auth } })).text();
  assert.deepEqual(sheet.trim().split(/\r?\n/).map((l) => l.split(',').slice(1, 5)),
    [['Patient', 'Stage', 'Last statement', 'Balance ($)'], ['"Budd', ' William"', 'collections', '2026-03-20']]);
  assert.equal((await desk.get(`/api/v1/reports/collections?${q}`)).status, 403);
  assert.deepEqual(ok(await adminB.get(`/api/v1/reports/collections?${q}`), 200).accounts, []);
  assert.deepEqual(ok(await adminB.get(`/api/v1/reports/denials?${q}`), 200).rows, []);
});

test('a payment plan: its schedule against the payments, the account held from statements while it runs', async () => {
  const budd = ok(await biller.get('/api/v1/patients?q=Budd'), 200).items[0].id;
  const body = { patient_id: budd, installment_cents: 30000, first_due: '2026-03-20', frequency: 'monthly', note: 'agreed at the desk' };
  assert.equal((await desk.post('/api/v1/payment-plans', body)).status, 403);
  assert.deepEqual((await biller.post('/api/v1/payment-plans', { ...body, frequency: 'daily', installment_cents: 0 })).body.errors
    .map((x) => x.field).sort(), ['frequency', 'installment_cents']);
  assert.equal(ok(await desk.get(`/api/v1/patients/${budd}/payment-plan`), 200), null, 'no plan yet: null');
  const plan = ok(await biller.post('/api/v1/payment-plans', body));
  assert.deepEqual([plan.status, plan.total_cents, plan.expected_to_date_cents, plan.behind_cents], ['active', 90000, 30000, 30000]);
  assert.deepEqual(plan.schedule.map((x) => [x.due, x.amount_cents, x.status]),
    [['2026-03-20', 30000, 'due'], ['2026-04-20', 30000, 'due'], ['2026-05-20', 30000, 'due']]);
  assert.equal((await biller.post('/api/v1/payment-plans', body)).status, 409, 'one active plan');
  assert.equal(ok(await biller.post('/api/v1/statement-runs', { as_of: '2026-03-20' })).statements, 0, 'held while the plan runs');
  ok(await desk.post('/api/v1/payments', { patient_id: budd, amount_cents: 30000, method: 'check', reference: '1001' }));
  const now = ok(await desk.get(`/api/v1/patients/${budd}/payment-plan`), 200);
  assert.deepEqual([now.paid_cents, now.behind_cents, now.schedule[0].status], [30000, 0, 'paid']);
  assert.equal((await adminB.get(`/api/v1/patients/${budd}/payment-plan`)).status, 404);
  assert.equal((await biller.post(`/api/v1/payment-plans/${plan.id}/cancel`, {})).status, 400);
  const gone = ok(await biller.post(`/api/v1/payment-plans/${plan.id}/cancel`, { reason: 'moved away' }), 200);
  assert.deepEqual([gone.status, gone.cancel_reason, gone.note], ['cancelled', 'moved away', plan.note], 'the set-up note is kept');
  const after = ok(await biller.post('/api/v1/statement-runs', { as_of: '2026-03-20' }));
  assert.deepEqual([after.statements, after.total_cents], [1, 60000], 'the plan is off and he paid: the notices start again');
  // a second plan for what is left, paid off at the desk: completed by the payment itself, the hold lifted, audited
  const second = ok(await biller.post('/api/v1/payment-plans', { ...body, first_due: '2026-04-01' }));
  assert.deepEqual([second.status, second.total_cents], ['active', 60000]);
  // the plan is the hold: lifting a hold by hand does not release it, and the account says so
  const planHold = ok(await biller.call('PUT', `/api/v1/patients/${budd}/account-hold`, { reason: null }), 200);
  assert.deepEqual([planHold.hold, planHold.payment_plan_id], [null, second.id]);
  assert.equal(ok(await biller.post('/api/v1/statement-runs', { as_of: '2026-04-02' })).statements, 0, 'still held by the plan');
  // a check that comes back (its payment reversed) pays nothing toward the plan
  const bounced = ok(await desk.post('/api/v1/payments', { patient_id: budd, amount_cents: 20000, method: 'check', reference: '1002' }));
  assert.equal(ok(await desk.get(`/api/v1/patients/${budd}/payment-plan`), 200).paid_cents, 20000);
  ok(await biller.post(`/api/v1/journal-entries/${bounced.id}/reverse`, { reason: 'check returned unpaid' }));
  assert.equal(ok(await desk.get(`/api/v1/patients/${budd}/payment-plan`), 200).paid_cents, 0, 'the returned check does not count');
  ok(await desk.post('/api/v1/payments', { patient_id: budd, amount_cents: 20000, method: 'cash' }));
  assert.equal(ok(await desk.get(`/api/v1/patients/${budd}/payment-plan`), 200).status, 'active', 'part paid: still running');
  ok(await desk.post('/api/v1/payments', { patient_id: budd, amount_cents: 40000, method: 'cash' }));
  assert.equal(px.db.sql(`SELECT status FROM payment_plan WHERE id = ${second.id}`).trim(), 'completed', 'by the payment, not by reading the plan');
  const done = ok(await desk.get(`/api/v1/patients/${budd}/payment-plan`), 200);
  assert.deepEqual([done.status, done.behind_cents], ['completed', 0]);
  assert.ok(done.paid_cents >= 60000, done.paid_cents);
  const admin = client(px.url, await login(px.url, px.email('admin')));
  const trail = ok(await admin.get(`/api/v1/audit?patient_id=${budd}&limit=500`), 200).items;
  assert.deepEqual(trail.filter((x) => x.action === 'payment_plan.complete').map((x) => x.object_id), [second.id]);
  // a hold set by hand outlives the plan it was set beside
  ok(await biller.call('PUT', `/api/v1/patients/${budd}/account-hold`, { reason: 'payment plan' }), 200);
  const fourth = ok(await biller.post('/api/v1/payment-plans', { ...body, first_due: '2026-05-01', total_cents: 10000 }));
  ok(await biller.post(`/api/v1/payment-plans/${fourth.id}/cancel`, { reason: 'made by mistake' }), 200);
  assert.equal(px.db.sql(`SELECT reason FROM account_hold WHERE patient_id = ${budd}`).trim(), 'payment plan');
});

test('who may see and post: 401 without a session, 404 across practices', async () => {
  const anon = client(px.url);
  for (const [m, p] of [['get', `/api/v1/patients/${patient}/account`], ['post', '/api/v1/payments'], ['get', '/api/v1/denials'],
    ['get', '/api/v1/reports/ar-aging']])
    assert.equal((await anon[m](p, m === 'post' ? {} : undefined)).status, 401, p);
  assert.equal((await adminB.get(`/api/v1/patients/${patient}/account`)).status, 404);
  assert.equal((await anon.get(`/api/v1/patients/${patient}/account-hold`)).status, 401);
  assert.equal((await adminB.get(`/api/v1/patients/${patient}/account-hold`)).status, 404);
  assert.equal((await desk.call('PUT', `/api/v1/patients/${patient}/account-hold`, { reason: 'disputed' })).status, 403);
  const hr = client(px.url, await login(px.url, px.email('hr')));
  assert.equal((await hr.get(`/api/v1/patients/${patient}/account-hold`)).status, 403);
  const entry = (await account()).entries[0].id;
  assert.equal((await adminB.get(`/api/v1/journal-entries/${entry}`)).status, 404);
  assert.equal((await adminB.post(`/api/v1/journal-entries/${entry}/reverse`, { reason: 'x' })).status, 404);
  const other = await adminB.post('/api/v1/payments', { patient_id: patient, amount_cents: 100, method: 'cash' });
  assert.deepEqual([other.status, other.body.errors.map((x) => x.field)], [400, ['patient_id']]);
  assert.deepEqual(ok(await adminB.get('/api/v1/denials'), 200).items, []);
  assert.equal((await desk.get(`/api/v1/journal-entries/${entry}`)).status, 403);
});

test('reconciliation holds after random postings, transfers, adjustments and reversals', async () => {
  // a model of who owes what per charge, checked against the journal after every step
  let seed = 42;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return (seed >>> 8) % n; };
  const a0 = await account();
  const lines = (await biller.get(`/api/v1/journal-entries/${a0.entries[0].id}`)).body.lines.filter((l) => l.account === '1100');
  const charges = lines.map((l) => l.charge_id);
  const owners = [aetna, medigap, null];
  const model = new Map(); // `${charge}/${owner}` -> cents
  const owed = (c, o) => model.get(`${c}/${o}`) ?? 0;
  const move = (c, o, d) => model.set(`${c}/${o}`, owed(c, o) + d);
  for (const c of charges) for (const o of owners) {
    let cents = 0;
    for (const e of (await account()).entries) {
      const full = (await biller.get(`/api/v1/journal-entries/${e.id}`)).body;
      for (const l of full.lines) if (l.charge_id === c && ['1100', '1110'].includes(l.account) && (l.account === '1110' ? o === null : l.payer_id === o)) cents += l.amount_cents;
    }
    move(c, o, cents);
  }
  let credit = a0.balances.credit_cents, done = 0;
  const posted = [];
  for (let step = 0; step < 80 && done < 40; step++) {
    const c = charges[rnd(charges.length)];
    const op = rnd(4);
    if (op === 0) { // move some of what one party owes to another
      const from = owners[rnd(3)], to = owners[rnd(3)];
      if (from === to || owed(c, from) <= 0) continue;
      const amt = 1 + rnd(owed(c, from));
      const r = ok(await biller.post('/api/v1/transfers', { charge_id: c, from_payer_id: from, to_payer_id: to, amount_cents: amt }));
      move(c, from, -amt); move(c, to, amt);
      if (to === null) { // a standing credit applies to the patient's new balance
        const use = Math.min(credit, [...charges].reduce((s, k) => s + Math.max(0, owed(k, null)), 0));
        credit -= use;
        let left = use;
        for (const k of charges) { const take = Math.min(left, Math.max(0, owed(k, null))); move(k, null, -take); left -= take; }
      }
      posted.push(r.id);
    } else if (op === 1) { // an adjustment of what someone owes
      const o = owners[rnd(3)];
      if (owed(c, o) <= 0) continue;
      const amt = 1 + rnd(owed(c, o));
      const r = ok(await mgr.post('/api/v1/adjustments', { charge_id: c, payer_id: o, amount_cents: amt, kind: rnd(2) ? 'adjustment' : 'writeoff', reason: 'test' }));
      move(c, o, -amt);
      posted.push(r.id);
    } else if (op === 2) { // a patient payment
      const amt = 1 + rnd(5000);
      const before = charges.map((k) => Math.max(0, owed(k, null)));
      ok(await desk.post('/api/v1/payments', { patient_id: patient, amount_cents: amt, method: 'cash' }));
      let left = amt;
      // oldest visit first, then charge order: both charges share the visit
      for (let i = 0; i < charges.length; i++) { const take = Math.min(left, before[i]); move(charges[i], null, -take); left -= take; }
      credit += left;
    } else if (posted.length) { // reverse an earlier transfer or adjustment
      const id = posted.splice(rnd(posted.length), 1)[0];
      const full = ok(await biller.get(`/api/v1/journal-entries/${id}`), 200);
      ok(await biller.post(`/api/v1/journal-entries/${id}/reverse`, { reason: 'test' }));
      for (const l of full.lines) if (l.charge_id && ['1100', '1110'].includes(l.account)) move(l.charge_id, l.account === '1110' ? null : l.payer_id, -l.amount_cents);
    }
    done++;
    const a = await account();
    const ins = charges.reduce((s, k) => s + owed(k, aetna) + owed(k, medigap), 0), pat = charges.reduce((s, k) => s + owed(k, null), 0);
    assert.deepEqual(a.balances, { insurance_cents: ins, patient_cents: pat, credit_cents: credit }, `step ${step}`);
    const g = ok(await biller.get('/api/v1/reports/ar-aging?by=patient'), 200);
    assert.equal(g.rows.find((r) => r.id === patient)?.total_cents ?? 0, ins + pat, `aging at step ${step}`);
    assert.equal(g.totals.total_cents, g.ar_cents);
  }
  assert.ok(done >= 25, `${done} postings checked`);
});

test('a claim whose posting fails is rolled back alone and waits as an exception; the others post', async () => {
  const claims = [];
  for (const day of ['2026-03-16', '2026-03-17']) {
    const e = ok(await biller.post('/api/v1/encounters', { patient_id: patient, service_date: day, rendering_provider_id: doc, location_id: loc,
      diagnoses: ['I10'], lines: [{ code: '99213', pointers: [1] }] }));
    const c = ok(await biller.post(`/api/v1/encounters/${e.id}/claims`), 200).items[0];
    ok(await biller.post(`/api/v1/claims/${c.id}/status`, { status: 'submitted' }), 200);
    claims.push(c.id);
  }
  // the first claim's journal entry key is taken behind the application's back: its posting fails
  const next = Number(px.db.sql('SELECT COALESCE(MAX(id), 0) + 1 FROM remittance_claim').trim());
  px.db.sql(`INSERT INTO journal_entry (practice_id, kind, effective_date, idempotency_key, created_at) VALUES (${px.practiceA}, 'payment', '2026-03-16', 'remit-claim:${next}', '2026-03-16T00:00:00Z')`);
  const before = await account();
  const clp = (id) => [seg('CLP', String(id), '1', '150', '90', '0', '12', `ICN-${id}`), seg('SVC', 'HC:99213', '150', '90', '', '1'), seg('CAS', 'CO', '45', '60')];
  const imp = await (await upload(biller, era(951, [...clp(claims[0]), ...clp(claims[1])]))).json();
  assert.deepEqual(imp.remittances[0].posting, { claims_posted: 1, denials: 0, exceptions: 1 });
  const ex = ok(await biller.get('/api/v1/posting-exceptions?status=open'), 200).items.filter((x) => x.claim_id === claims[0]);
  assert.equal(ex.length, 1);
  assert.match(ex[0].reason, /^could not be posted: /);
  assert.equal(ok(await biller.get(`/api/v1/claims/${claims[0]}`), 200).status, 'submitted', 'nothing of it stayed');
  assert.equal(ok(await biller.get(`/api/v1/claims/${claims[1]}`), 200).status, 'paid');
  const after = await account();
  assert.equal(before.balances.insurance_cents - after.balances.insurance_cents, 15000, 'the second claim left the payer\'s A/R: paid and adjusted');
});

test('a family account: a child\'s balance is the guarantor\'s to pay; one statement, payments across it', async () => {
  const mk = async (given, birth, extra = {}) => desk.post('/api/v1/patients', { family_name: 'Family', given_name: given, birth_date: birth,
    sex_at_birth: 'F', address, ...extra });
  const mom = ok(await mk('Mom', '1980-01-01')).id;
  const bad = await mk('Self', '2015-01-01', { guarantor: { patient_id: 999999 } });
  assert.deepEqual([bad.status, bad.body.errors.map((x) => x.field)], [400, ['guarantor.patient_id']]);
  const kid = ok(await mk('Kid', '2015-01-01', { guarantor: { patient_id: mom, relationship: 'mother' } }));
  assert.equal(kid.guarantor.patient_id, mom);
  const grandkid = await mk('Grand', '2020-01-01', { guarantor: { patient_id: kid.id } });
  assert.match(grandkid.body.errors[0].message, /guarantor of their own/);
  const momNow = ok(await desk.get(`/api/v1/patients/${mom}`), 200);
  const aunt = ok(await mk('Aunt', '1975-01-01')).id;
  const self = await desk.patch(`/api/v1/patients/${mom}`, { version: momNow.version, guarantor: { patient_id: aunt } });
  assert.match(self.body.errors[0].message, /guarantor of others/);
  assert.deepEqual((await adminB.get(`/api/v1/patients/${kid.id}/family-account`)).status, 404);
  // self-pay visits: the kid's first
  for (const [who, day, code] of [[kid.id, '2026-03-05', '99213'], [mom, '2026-03-06', '93000']])
    ok(await biller.post('/api/v1/encounters', { patient_id: who, service_date: day, rendering_provider_id: doc, location_id: loc,
      diagnoses: ['I10'], lines: [{ code, pointers: [1] }] }));
  const fam = ok(await desk.get(`/api/v1/patients/${kid.id}/family-account`), 200);
  assert.deepEqual([fam.holder_id, fam.members.map((m) => [m.patient_id, m.holder, m.balances.patient_cents])],
    [mom, [[mom, true, 6500], [kid.id, false, 15000]]]);
  assert.deepEqual(fam.balances, { insurance_cents: 0, patient_cents: 21500, credit_cents: 0, due_cents: 21500 });
  // one statement for the account, to its holder, listing whose visit each line is
  const run = ok(await biller.post('/api/v1/statement-runs', { as_of: '2026-03-20' }));
  const [row] = px.db.sql(`SELECT patient_id || '|' || document FROM statement WHERE run_id = ${run.id} AND patient_id IN (${mom}, ${kid.id})`)
    .trim().split('\n');
  const [holder, text] = [Number(row.split('|')[0]), JSON.parse(row.slice(row.indexOf('|') + 1))];
  assert.deepEqual([holder, text.to.name, text.balance_cents, text.lines.map((l) => [l.code, l.patient])],
    [mom, 'Mom Family', 21500, [['99213', 'Kid Family'], ['93000', 'Mom Family']]]);
  assert.equal((await fetch(`${px.url}/api/v1/patients/${kid.id}/statement.pdf`, { headers: { Authorization: biller.auth } })).status, 200);
  // Mom pays 200.00: the oldest visit (the kid's) first, then hers; the rest of hers stays due
  ok(await desk.post('/api/v1/payments', { patient_id: mom, amount_cents: 20000, method: 'card', reference: 'fam-1' }));
  const after = ok(await desk.get(`/api/v1/patients/${mom}/family-account`), 200);
  assert.deepEqual(after.members.map((m) => m.balances.patient_cents), [1500, 0]);
  // a payment for the kid beyond what is owed is the account's credit
  ok(await desk.post('/api/v1/payments', { patient_id: kid.id, amount_cents: 2000, method: 'cash' }));
  const last = ok(await desk.get(`/api/v1/patients/${kid.id}/family-account`), 200);
  assert.deepEqual(last.balances, { insurance_cents: 0, patient_cents: 0, credit_cents: 500, due_cents: 0 });
  // a hold set from the kid's page holds the account
  const hold = ok(await biller.call('PUT', `/api/v1/patients/${kid.id}/account-hold`, { reason: 'disputed' }), 200);
  assert.equal(hold.patient_id, mom);
});
