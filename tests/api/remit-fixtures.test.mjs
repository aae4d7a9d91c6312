// The LinuxForHealth 835 fixtures (../shared/fixtures/x12/linuxforhealth/835_005010X221A1)
// posted against claims built to match them: a secondary payer's COB adjustment with a
// negative OA-94, a secondary payment of two claims (one without service lines), a tertiary
// payment whose service line is malformed, and Medicare Part A claims with a provider-level
// adjustment. Later payers' claims are reached the way a practice reaches them: the primary
// adjudicates first (an 835 written here), its patient share moves to the next payer, whose
// claim is sent and acknowledged with the number the fixture carries. After each file the
// balances left are the ones the fixture implies, to the cent. The clock is pinned to
// 15 April 2005, the fixtures' time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startPraxis, client, login } from '../lib/server.mjs';
import { billingPractice } from '../lib/practice.mjs';

const NOW = Date.parse('2005-04-15T12:00:00Z');
const FIX = resolve(import.meta.dirname, '../../../shared/fixtures/x12/linuxforhealth/835_005010X221A1');
let px, biller, desk, loc, doc;
const payers = {};
const ok = (r, status = 201) => { assert.equal(r.status, status, r.text); return r.body; };
const address = { line1: '12 Elm St', city: 'Springfield', state: 'MA', postal_code: '01103' };

before(async () => {
  px = await startPraxis({ env: { PRAXIS_NOW: String(NOW / 1000) } });
  const mgr = client(px.url, await login(px.url, px.email('practice_manager')));
  biller = client(px.url, await login(px.url, px.email('biller')));
  desk = client(px.url, await login(px.url, px.email('front_desk')));
  ({ loc, doc } = await billingPractice({ mgr, biller }, { legal_name: 'Acme Medical Center', tax_id: '599944521', address }));
  for (const [key, name, code] of [['first', 'First Health', 'FH001'], ['second', 'Second Mutual', 'SM002'], ['third', 'Third Life', 'TL003']])
    payers[key] = ok(await biller.post('/api/v1/payers', { name, payer_code: code, kind: 'commercial', filing_indicator: 'CI',
      timely_filing_days: 3650 })).id;
});
after(async () => { await px?.stop(); });

const seg = (...e) => e.join('*') + '~';
let ctl = 500;
/* A payer's 835 for our claim (CLP02 1 from the first payer, 2 from the second): per line
 * [code, mods, charge, paid, ...[group, reason, amount]]. */
const payer835 = (claimId, lines, order = 1) => {
  ctl++;
  const cents = (x) => (x / 100).toFixed(2);
  const charge = lines.reduce((s, l) => s + l[2], 0), paid = lines.reduce((s, l) => s + l[3], 0);
  const pr = lines.flatMap((l) => l.slice(4)).filter((a) => a[0] === 'PR').reduce((s, a) => s + a[2], 0);
  const body = [seg('ST', '835', '0001'), seg('BPR', 'I', cents(paid), 'C', 'CHK', '', '', '', '', '', '', '', '', '', '', '', '20050301'),
    seg('TRN', '1', `P${ctl}`, '1512345678'), seg('N1', 'PR', order === 1 ? 'FIRST HEALTH' : 'SECOND MUTUAL', 'XV', order === 1 ? 'FH001' : 'SM002'), seg('N1', 'PE', 'ACME MEDICAL CENTER', 'XX', '1234567893'),
    seg('LX', '1'), seg('CLP', String(claimId), String(order), cents(charge), cents(paid), cents(pr), '12', `P${order}-${claimId}`),
    ...lines.flatMap(([code, mods, ch, pd, ...adj]) => [seg('SVC', ['HC', code, ...mods].join(':'), cents(ch), cents(pd), '', '1'),
      ...adj.map(([g, r, a]) => seg('CAS', g, r, cents(a)))])];
  return [seg('ISA', '00', '          ', '00', '          ', 'ZZ', 'FH001          ', 'ZZ', 'ACME           ', '050301', '1200', '^', '00501', String(ctl).padStart(9, '0'), '0', 'T', ':'),
    seg('GS', 'HP', 'FH001', 'ACME', '20050301', '1200', String(ctl), 'X', '005010X221A1'), ...body,
    seg('SE', String(body.length + 1), '0001'), seg('GE', '1', String(ctl)), seg('IEA', '1', String(ctl).padStart(9, '0'))].join('\n');
};
const upload = async (body) => {
  const r = await fetch(`${px.url}/api/v1/remittances?name=era.835`, { method: 'POST', body, headers: { Authorization: biller.auth } });
  assert.equal(r.status, 201, await r.clone().text());
  return (await r.json()).remittances;
};
const fixture = (name) => readFileSync(resolve(FIX, name));

/* A patient covered by the given payers in order, a visit with the lines, its claims. */
async function visit(name, order, day, lines) {
  const patient = ok(await desk.post('/api/v1/patients', { family_name: name, given_name: 'Pat', birth_date: '1950-01-01', sex_at_birth: 'F', address })).id;
  for (const [i, key] of order.entries())
    ok(await desk.post('/api/v1/coverages', { patient_id: patient, payer_id: payers[key], priority: i + 1, relationship: 'self',
      member_id: `${name.toUpperCase()}${i + 1}`, effective_from: '2000-01-01', eligibility: 'active' }));
  for (const [code, , fee] of lines)
    ok(await biller.post('/api/v1/fees', { code, fee_cents: fee, effective_from: day }));
  const enc = ok(await biller.post('/api/v1/encounters', { patient_id: patient, service_date: day, rendering_provider_id: doc, location_id: loc,
    diagnoses: ['I10'], lines: lines.map(([code, mods]) => ({ code, modifiers: mods, pointers: [1] })) }));
  const claims = ok(await biller.post(`/api/v1/encounters/${enc.id}/claims`), 200).items;
  return { patient, claims };
}
const send = async (claimId, icn) => {
  ok(await biller.post(`/api/v1/claims/${claimId}/status`, { status: 'submitted' }), 200);
  if (icn) ok(await biller.post(`/api/v1/claims/${claimId}/status`, { status: 'accepted', payer_claim_number: icn }), 200);
};
const balances = async (patient) => ok(await desk.get(`/api/v1/patients/${patient}/account`), 200).balances;

test('a secondary payer\'s COB adjustment: OA-23 is the primary\'s part, OA-94 a negative adjustment', async () => {
  const v = await visit('Burck', ['first', 'second'], '2005-02-02', [['55669', [], 54100]]);
  await send(v.claims[0].id);
  // the primary: paid 450.00, CO-45 66.00, PR-2 25.00 left for the secondary
  const [p] = await upload(payer835(v.claims[0].id, [['55669', [], 54100, 45000, ['CO', '45', 6600], ['PR', '2', 2500]]]));
  assert.deepEqual(p.posting, { claims_posted: 1, denials: 0, exceptions: 0 });
  assert.deepEqual(await balances(v.patient), { insurance_cents: 2500, patient_cents: 0, credit_cents: 0 });
  await send(v.claims[1].id, '50650619501');
  const [r] = await upload(fixture('cob-contractural-adjustment.835'));
  assert.deepEqual([r.amount_cents, r.balanced, r.unmatched, r.posting], [3400, true, 0, { claims_posted: 1, denials: 0, exceptions: 0 }]);
  // paid 34.00 against the 25.00 left; OA-94 -9.00 (processed in excess of charges) makes it whole
  assert.deepEqual(await balances(v.patient), { insurance_cents: 0, patient_cents: 0, credit_cents: 0 });
  assert.equal(ok(await biller.get(`/api/v1/claims/${v.claims[1].id}`), 200).status, 'paid');
});

test('a secondary payment of two claims: one without service lines, one with the patient\'s deductible and coinsurance', async () => {
  const a = await visit('Townsend', ['first', 'second'], '2005-03-03', [['99223', [], 1032364]]);
  const b = await visit('Baki', ['first', 'second'], '2005-01-06', [['12345', ['26'], 16650], ['66543', ['26'], 58500]]);
  for (const v of [a, b]) await send(v.claims[0].id);
  // primaries: Townsend's paid all but 912.00 coinsurance; Baki's first line 100.00 with 30.00 coinsurance, the
  // second nothing (all of it the deductible the secondary then answers)
  await upload(payer835(a.claims[0].id, [['99223', [], 1032364, 941164, ['PR', '2', 91200]]]));
  await upload(payer835(b.claims[0].id, [['12345', ['26'], 16650, 10000, ['CO', '45', 3650], ['PR', '2', 3000]],
    ['66543', ['26'], 58500, 0, ['PR', '1', 58500]]]));
  assert.deepEqual(await balances(b.patient), { insurance_cents: 61500, patient_cents: 0, credit_cents: 0 });
  await send(a.claims[1].id, '05090256390');
  await send(b.claims[1].id, '05630626430');
  const [r] = await upload(fixture('secondary-payment.835'));
  assert.deepEqual([r.amount_cents, r.balanced, r.unmatched, r.posting], [122200, true, 0, { claims_posted: 2, denials: 0, exceptions: 0 }]);
  assert.deepEqual(await balances(a.patient), { insurance_cents: 0, patient_cents: 0, credit_cents: 0 }, 'the 912.00 paid');
  // Baki: 30.00 and 280.00 paid; PR-1 150.00 and PR-2 70.00 are the patient's; CO-42 85.00 adjusted
  assert.deepEqual(await balances(b.patient), { insurance_cents: 0, patient_cents: 22000, credit_cents: 0 });
  const denials = ok(await biller.get('/api/v1/denials'), 200).items;
  assert.equal(denials.length, 0, 'OA-23 on a later payer is no denial');
});

test('a tertiary payment whose service line is malformed waits as an exception', async () => {
  const v = await visit('Island', ['first', 'second', 'third'], '2005-01-20', [['24599', [], 176650]]);
  await send(v.claims[0].id);
  // the primary pays 1,500.00 and the secondary 79.00: 1,579.00 is theirs (the fixture's OA-23), 187.50 the tertiary's
  await upload(payer835(v.claims[0].id, [['24599', [], 176650, 150000, ['PR', '2', 26650]]]));
  await send(v.claims[1].id);
  await upload(payer835(v.claims[1].id, [['24599', [], 176650, 7900, ['OA', '23', 150000], ['PR', '2', 18750]]], 2));
  assert.deepEqual(await balances(v.patient), { insurance_cents: 18750, patient_cents: 0, credit_cents: 0 }, 'with the tertiary');
  const before = await balances(v.patient);
  await send(v.claims[2].id, '50580155533');
  const [r] = await upload(fixture('tertiary-payment.835'));
  assert.deepEqual([r.amount_cents, r.unmatched, r.posting.claims_posted, r.posting.exceptions], [18750, 0, 0, 1]);
  const ex = ok(await biller.get('/api/v1/posting-exceptions?status=open'), 200).items.filter((x) => x.claim_id === v.claims[2].id);
  assert.deepEqual(ex.map((x) => [x.line, x.reason]), [[1, 'the service line was not matched to a line of the claim']],
    'SVC*HC*24599.00: the procedure code is missing from the composite');
  assert.deepEqual(await balances(v.patient), before, 'nothing posted');
});

test('Medicare Part A claims paid without service lines, and a provider-level adjustment, reconcile to BPR02', async () => {
  const v = [await visit('Jones', ['first'], '2002-08-16', [['99223', [], 21136697]]), await visit('Border', ['first'], '2002-05-12', [['99222', [], 1500000]])];
  await send(v[0].claims[0].id, '1999999444444');
  await send(v[1].claims[0].id, '1999999444445');
  const [r] = await upload(fixture('medicare-part-a.835'));
  assert.deepEqual([r.amount_cents, r.balanced, r.unmatched, r.posting], [15000000, true, 0, { claims_posted: 2, denials: 0, exceptions: 0 }]);
  for (const x of v) assert.deepEqual(await balances(x.patient), { insurance_cents: 0, patient_cents: 0, credit_cents: 0 });
  // the cash of the remittance: the two payments and the PLB's -1.27, 150,000.00 in all
  const k = ok(await biller.get('/api/v1/reports/revenue-cycle?from=2002-09-01&to=2002-09-30'), 200);
  assert.equal(k.totals.payments_cents, 15000000, '138,018.40 + 11,980.33 + 1.27');
});
