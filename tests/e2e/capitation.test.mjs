// Browser journey of capitation: the biller opens Capitation from the navigation and adds a
// contract (the server's objection to a carve-out lands under its field, then the contract is
// added and opens at its first month); on the Harbor HMO contract, this month (November 2026)
// has no roster; the payer's roster CSV is previewed in the browser (5 members) and uploaded:
// the duplicated row is refused and said by its line, 4 members are kept, 3 matched to
// patients, and the roster lists them with links to the patients. A payment of $110.00 below
// the $145.00 expected, with the payer's member detail (a CSV), leaves the month underpaid with
// the unpaid members, the one not on the roster and the one paid the wrong amount; reversing it
// (a reason is required) puts the month back to not paid, and the right payment reconciles it.
// A provider (billing.read only) sees the month but the writing buttons are disabled with the
// reason and no payment can be reversed. Last, Revenue per member over the last 3 months shows
// the figures, the bars and the table totals the API answers for the same months. A capitated
// visit's claim page marks its line "Capitation" (expected $0.00, the reason in the tooltip) and
// says the claim is encounter data; a visit with a carved-out code marks only the capitated line.
//
// Starts its own server on a fresh database (tests/lib/server.mjs) with its clock pinned to 20
// November 2026 (PRAXIS_NOW), and the browser's clock pinned to the same instant. Set up through
// the API: a billing profile, a location, a provider, a payer (Harbor HMO) with fees, four
// patients covered by it with member ids M1, M2, M3 and M9, a capitation contract for 2026
// ($35.00 per member per month, 90686 carved out), October's roster and its payment, and a visit
// in October; November's visits are entered once the browser has uploaded November's roster.
// Optional: PRAXIS_SCREENSHOT_DIR (screenshots are written there), PRAXIS_CHROMIUM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPraxis, client, login } from '../lib/server.mjs';
import { billingPractice } from '../lib/practice.mjs';
import { launch, newPage, signIn, shot, must, letters, cap } from '../lib/browser.mjs';

const NOW = Date.parse('2026-11-20T17:00:00Z'); // noon in New York
let px, biller, contract, hmo, loc, doc;
const pt = {}; // family name -> {id, member}
const payerName = `Harbor ${cap(letters(5))} HMO`;
const address = { line1: '12 Elm St', city: 'Springfield', state: 'MA', postal_code: '01103' };
const dir = mkdtempSync(join(tmpdir(), 'praxis-cap-e2e-'));

before(async () => {
  px = await startPraxis({ env: { PRAXIS_NOW: String(NOW / 1000) } });
  const mgr = client(px.url, await login(px.url, px.email('practice_manager')));
  const desk = client(px.url, await login(px.url, px.email('front_desk')));
  biller = client(px.url, await login(px.url, px.email('biller')));
  ({ loc, doc } = await billingPractice({ mgr, biller }, { location: 'Main St', address }));
  hmo = (await must(biller.post('/api/v1/payers', { name: payerName, payer_code: 'HH001', kind: 'commercial', filing_indicator: 'HM' }))).id;
  for (const [code, fee] of [['99213', 15000], ['90686', 3000]]) await must(biller.post('/api/v1/fees', { code, fee_cents: fee, effective_from: '2025-01-01' }));
  for (const [name, member] of [['Ames', 'M1'], ['Bell', 'M2'], ['Cole', 'M9'], ['Dunn', 'M3']]) {
    const id = (await must(desk.post('/api/v1/patients', { family_name: name, given_name: 'Pat', birth_date: '1970-01-01', sex_at_birth: 'F', address }))).id;
    await must(desk.post('/api/v1/coverages', { patient_id: id, payer_id: hmo, priority: 1, relationship: 'self', member_id: member,
      effective_from: '2026-01-01', eligibility: 'active' }));
    pt[name] = { id, member };
  }
  contract = await must(biller.post('/api/v1/capitation-contracts', { payer_id: hmo, name: 'Harbor HMO capitation 2026', effective_from: '2026-01-01',
    effective_to: '2026-12-31', pmpm_cents: 3500, carve_outs: '90686' }));
  // October: its roster, paid in full, and a member's visit
  await must(biller.call('PUT', `/api/v1/capitation-contracts/${contract.id}/roster`, { month: '2026-10',
    members: [{ member_id: 'M1' }, { member_id: 'M2', rate_cents: 4000 }, { member_id: 'M3' }] }), 200);
  await must(biller.post('/api/v1/capitation-payments', { contract_id: contract.id, month: '2026-10', amount_cents: 11000, method: 'eft',
    reference: 'EFT-1001', received_on: '2026-10-05' }, { 'Idempotency-Key': 'cap-oct' }));
  await visit('Bell', '2026-10-14', ['99213']);
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await px?.stop();
});

/** A visit and its claim. */
async function visit(name, date, codes) {
  const e = await must(biller.post('/api/v1/encounters', { patient_id: pt[name].id, service_date: date, rendering_provider_id: doc, location_id: loc,
    diagnoses: ['Z00.00'], lines: codes.map((code) => ({ code, pointers: [1] })) }));
  await must(biller.post(`/api/v1/encounters/${e.id}/claims`), 200);
}

/** A file in the test's temporary folder; its path. */
function file(name, text) {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

// The page's formats (web/src/lib/format.ts), to compare what is shown with what the API answers.
const dollars = (c) => `${c < 0 ? '\u2212' : ''}${new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Math.abs(c) / 100)}`;
const plain = (c) => dollars(c).replace('$', '');
const count = (n) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n);
const monthName = (ym) => new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${ym}-01T00:00:00Z`));

/** Opens the navigation's "Payments & A/R" group when it is closed, and a link in it. */
async function openLink(page, name) {
  const nav = page.getByRole('navigation', { name: 'Areas' });
  const link = nav.getByRole('link', { name, exact: true });
  for (let i = 0; i < 3 && !(await link.isVisible()); i++) {
    await nav.getByText('Payments & A/R', { exact: true }).click();
    await link.waitFor({ timeout: 3000 }).catch(() => {});
  }
  await link.click();
}

/** A new page with the browser's clock at the server's. */
async function pinnedPage(browser, errors, opts) {
  const page = await newPage(browser, errors, opts);
  await page.clock.setFixedTime(new Date(NOW));
  return page;
}

const texts = async (loc) => (await loc.allTextContents()).map((t) => t.trim());

test('biller: a contract, the payer\'s roster and payment reconciled member by member, a reversal; revenue per member equals the API', { timeout: 180_000 }, async () => {
  const browser = await launch();
  const consoleErrors = [];
  const page = await pinnedPage(browser, consoleErrors, { viewport: { width: 1280, height: 900 } });
  try {
    await signIn(page, px.url, px.email('biller'));
    await page.waitForURL(/\/billing\/claims$/); // where a biller lands

    // --- The contracts, this month's status; a new contract: the server's field error under its field.
    await openLink(page, 'Capitation');
    await page.waitForURL(/\/billing\/ar\/capitation$/);
    const list = page.getByRole('table', { name: 'Capitation contracts' });
    const row = list.getByRole('row').filter({ hasText: contract.name });
    await row.getByText('No roster').waitFor();
    assert.ok((await row.innerText()).includes(payerName));
    await list.getByRole('columnheader', { name: 'Nov 2026' }).waitFor();
    await shot(page, 'cap-01-contracts-1280.png');

    await page.getByRole('button', { name: 'New contract' }).click();
    const add = page.getByRole('dialog', { name: 'New capitation contract' });
    await add.getByRole('button', { name: 'Add contract' }).click();
    await add.getByText('Choose the payer').waitFor(); // checked before anything is sent
    await add.getByRole('combobox', { name: 'Payer' }).click();
    await page.getByRole('option', { name: payerName }).click();
    await add.getByRole('textbox', { name: 'Name' }).fill('Harbor HMO capitation 2027');
    await add.getByRole('textbox', { name: 'From' }).fill('01/01/2027');
    await add.getByRole('textbox', { name: 'From' }).press('Tab');
    await add.getByRole('textbox', { name: 'Monthly rate' }).fill('38');
    await add.getByRole('textbox', { name: 'Carve-outs' }).fill('90686, ABCDE');
    const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/capitation-contracts')),
      add.getByRole('button', { name: 'Add contract' }).click()]);
    assert.equal(refused.status(), 400);
    const carveOuts = add.getByRole('textbox', { name: 'Carve-outs' });
    await add.getByText('Carve-outs must be CPT or HCPCS codes (5 characters) separated by commas').waitFor();
    assert.equal(await carveOuts.getAttribute('aria-invalid'), 'true');
    assert.equal(await add.getByRole('alert').count(), 0, 'every problem is on its field');
    await shot(page, 'cap-02-new-contract-error.png');
    await carveOuts.fill('90686');
    await add.getByRole('button', { name: 'Add contract' }).click();
    await page.waitForURL(/\/billing\/ar\/capitation\/\d+$/);
    await page.getByRole('heading', { name: 'Harbor HMO capitation 2027' }).waitFor();
    // the month is the first the contract is in force
    await page.locator('[data-testid="reconciliation"][data-month="2027-01"]').getByTestId('recon-status').getByText('No roster').waitFor();
    const added = (await must(biller.get('/api/v1/capitation-contracts'), 200)).items.find((c) => c.name === 'Harbor HMO capitation 2027');
    assert.deepEqual([added.payer_id, added.effective_from, added.pmpm_cents, added.carve_outs], [hmo, '2027-01-01', 3800, '90686']);

    // --- The 2026 contract, this month: no roster yet.
    await page.getByRole('link', { name: '← Capitation' }).click();
    await list.getByRole('link', { name: contract.name }).click();
    await page.waitForURL(new RegExp(`/billing/ar/capitation/${contract.id}$`));
    const recon = page.locator('[data-testid="reconciliation"][data-month="2026-11"]');
    await recon.getByTestId('recon-status').getByText('No roster').waitFor();
    await page.getByRole('region', { name: 'Roster' }).getByText('No roster for this month').waitFor();

    // --- The roster: read and previewed in the browser, uploaded; the duplicated row refused, by line.
    const roster = file('harbor-roster-2026-11.csv', [
      'Member ID,Last Name,First Name,PMPM',
      'M1,Ames,Pat,35.00',
      'M2,Bell,Pat,$40.00',
      'M3,Dunn,Pat,',
      'X77,Unknown,Lee,35.00',
      'M2,Bell,Pat,40.00',
    ].join('\r\n') + '\r\n');
    await page.getByRole('button', { name: 'Upload roster' }).click();
    const up = page.getByRole('dialog', { name: 'Upload the roster of Nov 2026' });
    await up.locator('input[type="file"]').setInputFiles(roster);
    const preview = up.getByTestId('file-preview');
    await preview.getByText(/5 members read from harbor-roster-2026-11\.csv \(member IDs from “Member ID”, rates in dollars from “PMPM”\)/).waitFor();
    assert.match(await preview.innerText(), /1 member has no rate: the contract’s \$35\.00 applies\. There is no roster for Nov 2026 yet\./);
    assert.equal(await up.getByTestId('unreadable-rows').count(), 0);
    const firstRows = up.getByRole('table', { name: 'First rows as read' }).locator('tbody tr');
    assert.deepEqual(await texts(firstRows.nth(1).locator('td')), ['3', 'M2', '40.00']);
    assert.deepEqual(await texts(firstRows.nth(2).locator('td')), ['4', 'M3', '35.00 (contract)']);
    await shot(page, 'cap-03-roster-preview.png');
    const [put] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'PUT' && /\/roster$/.test(new URL(r.url()).pathname)),
      up.getByRole('button', { name: 'Replace the roster with 5 members' }).click()]);
    const answered = await put.json();
    assert.deepEqual(answered.rejected.map((x) => x.field), ['members[4]']);
    await up.getByTestId('roster-kept').getByText('4 members: 3 matched to patients, 1 not matched.').waitFor();
    const refusedRows = up.getByRole('table', { name: 'Rows not kept' }).locator('tbody tr');
    assert.deepEqual(await texts(refusedRows.first().locator('td')), ['6', 'M2', 'Listed twice: the first is kept']);
    assert.equal(await refusedRows.count(), 1);
    await shot(page, 'cap-04-roster-result.png');
    await up.getByRole('button', { name: 'Close' }).click();
    await recon.getByTestId('recon-status').getByText('Not paid').waitFor();
    assert.equal(await recon.getByTestId('recon-expected').innerText(), '$145.00');
    assert.equal(await recon.getByTestId('recon-members').innerText(), '4 members on the roster: 3 matched to patients, 1 not matched');
    const rosterTable = page.getByRole('table', { name: 'Roster' });
    await rosterTable.getByRole('link', { name: 'Dunn, Pat' }).waitFor();
    assert.deepEqual(await texts(rosterTable.locator('tbody tr').nth(1).locator('td')), ['M2', 'Bell, Pat', await mrn('Bell'), '40.00']);
    assert.equal(await rosterTable.getByRole('link', { name: 'Ames, Pat' }).getAttribute('href'), `/patients/${pt.Ames.id}`);
    await rosterTable.locator('tbody tr').filter({ hasText: 'X77' }).getByText('Not matched').waitFor();

    // November's visits, now that the roster is in (Ames's vaccine is carved out).
    await visit('Ames', '2026-11-05', ['99213', '90686']);
    await visit('Dunn', '2026-11-12', ['99213']);

    // --- A payment below the roster, with the payer's member detail: underpaid, member by member.
    const detail = file('harbor-remit-2026-11.csv', ['Subscriber ID,Name,Paid Amount', 'M1,Ames,35.00', 'M2,Bell,35.00', 'Z99,Zeta,40.00', 'Total,,110.00'].join('\n'));
    await page.getByRole('button', { name: 'Record payment' }).click();
    const pay = page.getByRole('dialog', { name: 'Record a capitation payment: Nov 2026' });
    await pay.getByRole('textbox', { name: 'Reference' }).fill('EFT-1101');
    await pay.getByRole('textbox', { name: 'Received on' }).fill('11/03/2026');
    await pay.getByRole('textbox', { name: 'Received on' }).press('Tab');
    await pay.locator('input[type="file"]').setInputFiles(detail);
    await pay.getByTestId('file-preview').getByText('3 members read from harbor-remit-2026-11.csv, totalling $110.00.').waitFor();
    assert.deepEqual(await texts(pay.getByRole('table', { name: 'Rows that could not be read' }).locator('tbody td')), ['5', 'Total, , 110.00', 'A totals row, not a member']);
    assert.equal(await pay.getByRole('textbox', { name: 'Amount' }).inputValue(), '$110.00', 'the detail\'s total is the amount');
    await pay.getByTestId('payment-outlook').getByText('After this payment: $110.00 paid of $145.00 expected, $35.00 short (underpaid).').waitFor();
    await shot(page, 'cap-05-payment-dialog.png');
    await pay.getByRole('button', { name: 'Record payment' }).click();
    await pay.waitFor({ state: 'detached' });
    await recon.getByTestId('recon-status').getByText('Underpaid').waitFor();
    assert.deepEqual([await recon.getByTestId('recon-paid').innerText(), await recon.getByTestId('recon-difference').innerText()], ['$110.00', '\u2212$35.00']);
    assert.equal(await recon.getByTestId('recon-sentence').innerText(), 'The payer paid $35.00 less than the roster expects.');
    const unpaid = page.getByRole('table', { name: 'Unpaid' }).locator('tbody tr');
    assert.deepEqual(await texts(unpaid.first().locator('td')), ['M3', 'Dunn, Pat', '35.00', '0.00', '\u221235.00']);
    assert.deepEqual(await texts(unpaid.nth(1).locator('td')), ['X77', 'Not matched', '35.00', '0.00', '\u221235.00']);
    assert.equal(await unpaid.count(), 2);
    assert.deepEqual(await texts(page.getByRole('table', { name: 'Not on the roster' }).locator('tbody td')), ['Z99', 'Not matched', '0.00', '40.00', '40.00']);
    assert.deepEqual(await texts(page.getByRole('table', { name: 'Wrong amount' }).locator('tbody td')), ['M2', 'Bell, Pat', '40.00', '35.00', '\u22125.00']);
    const payments = page.getByRole('table', { name: 'Payments' });
    assert.deepEqual((await texts(payments.locator('tbody tr').first().locator('td'))).slice(0, 5), ['11/03/2026', 'Bank transfer (EFT)', 'EFT-1101', '110.00', 'Counts']);
    await shot(page, 'cap-06-underpaid-1280.png');
    await page.setViewportSize({ width: 800, height: 1000 });
    await shot(page, 'cap-07-underpaid-800.png');
    await page.setViewportSize({ width: 1280, height: 900 });

    // --- Reversed with a reason: the month is back to not paid, the payment stays, marked.
    await payments.getByRole('button', { name: 'Reverse the payment of $110.00 received 11/03/2026' }).click();
    const rev = page.getByRole('dialog', { name: 'Reverse the payment of $110.00 received 11/03/2026?' });
    await rev.getByRole('button', { name: 'Reverse payment' }).click();
    await rev.getByRole('alert').getByText('Say why this payment is reversed.').waitFor();
    await rev.getByRole('textbox', { name: 'Why' }).fill('the payer sent the December file');
    await shot(page, 'cap-08-reverse.png');
    await rev.getByRole('button', { name: 'Reverse payment' }).click();
    await rev.waitFor({ state: 'detached' });
    await recon.getByTestId('recon-status').getByText('Not paid').waitFor();
    assert.equal(await recon.getByTestId('recon-paid').innerText(), '$0.00');
    await payments.locator('tbody tr').first().getByText('Reversed').waitFor();
    assert.equal(await payments.getByRole('button', { name: /^Reverse/ }).count(), 0);
    assert.equal(await page.getByRole('table', { name: 'Unpaid' }).count(), 0, 'no member detail stands');
    const after = await must(biller.get(`/api/v1/capitation-contracts/${contract.id}/reconciliation?month=2026-11`), 200);
    assert.deepEqual([after.status, after.paid_cents, after.payments.map((p) => p.reversed_by !== null)], ['not paid', 0, [true]]);

    // --- The right payment, by check: reconciled.
    await page.getByRole('button', { name: 'Record payment' }).click();
    const pay2 = page.getByRole('dialog', { name: 'Record a capitation payment: Nov 2026' });
    await pay2.locator('label').filter({ hasText: /^Check$/ }).click();
    await pay2.getByRole('textbox', { name: 'Amount' }).fill('145');
    await pay2.getByRole('textbox', { name: 'Reference' }).fill('004417');
    await pay2.getByTestId('payment-outlook').getByText('After this payment: $145.00 paid of $145.00 expected: reconciled.').waitFor();
    await pay2.getByRole('button', { name: 'Record payment' }).click();
    await recon.getByTestId('recon-status').getByText('Reconciled').waitFor();
    assert.equal(await recon.getByTestId('recon-difference').innerText(), '$0.00');
    assert.deepEqual((await texts(payments.locator('tbody tr').nth(1).locator('td'))).slice(0, 5), ['11/20/2026', 'Check', '004417', '145.00', 'Counts']);
    await shot(page, 'cap-09-reconciled-1280.png');

    // --- Revenue per member: the last 3 months, as the API answers them.
    await openLink(page, 'Capitation revenue');
    await page.waitForURL(/\/billing\/ar\/capitation\/revenue$/);
    const presets = page.getByRole('group', { name: 'Months' });
    await presets.getByRole('button', { name: 'Last 12 months', pressed: true }).waitFor();
    await presets.getByRole('button', { name: 'Last 3 months' }).click();
    await page.waitForURL((u) => new URL(u).searchParams.get('from') === '2026-09' && new URL(u).searchParams.get('to') === '2026-11');
    await revenueMatchesApi(page, '2026-09', '2026-11');
    await shot(page, 'cap-10-revenue-1280.png');
    await page.setViewportSize({ width: 800, height: 1000 });
    await shot(page, 'cap-11-revenue-800.png');
    // more than 36 months is said at the months, and nothing is asked of the server
    await page.goto(`${px.url}/billing/ar/capitation/revenue?from=2023-01&to=2026-11`);
    await page.getByRole('alert').filter({ hasText: 'The report covers at most 36 months: choose other months.' }).waitFor();

    // but the refused contract, and /me asked before signing in
    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of (400|401)/.test(e)), [],
      'no errors in the browser console');
  } catch (e) {
    await shot(page, 'cap-failure.png');
    throw e;
  } finally {
    await browser.close();
  }
});

/** The patient's MRN, as the roster shows it. */
async function mrn(name) {
  return (await must(biller.get(`/api/v1/patients/${pt[name].id}`), 200)).mrn;
}

/** The report's figures, bars and table for the months equal the API's answer. */
async function revenueMatchesApi(page, from, to) {
  const r = await must(biller.get(`/api/v1/reports/capitation?from=${from}&to=${to}`), 200);
  assert.ok(r.rows.length >= 2 && r.totals.visits >= 2, `October and November, with their visits: ${JSON.stringify(r)}`);
  const report = page.locator(`[data-testid="capitation-report"][data-range="${from}/${to}"]`);
  await report.waitFor();
  const t = r.totals;
  const figure = (id) => report.getByTestId(id).getByTestId('figure-value').innerText();
  assert.deepEqual([await figure('fig-member-months'), await figure('fig-paid'), await figure('fig-per-member'), await figure('fig-visits')],
    [count(t.member_months), dollars(t.paid_cents), dollars(t.revenue_per_member_cents), count(t.visits_per_1000_member_months)]);
  assert.ok((await report.getByTestId('fig-paid').innerText()).includes(`of ${dollars(t.expected_cents)} the rosters expected`));
  const months = new Map();
  for (const x of r.rows) {
    const m = months.get(x.month) ?? { expected: 0, paid: 0 };
    months.set(x.month, { expected: m.expected + x.expected_cents, paid: m.paid + x.paid_cents });
  }
  const chart = await report.getByRole('img', { name: /^Capitation expected and paid by month/ }).getAttribute('aria-label');
  for (const [m, v] of months) assert.ok(chart.includes(`${monthName(m)}: expected ${dollars(v.expected)}, paid ${dollars(v.paid)}`), chart);
  const table = report.getByRole('table', { name: 'Revenue per member' });
  const body = table.locator('tbody tr');
  assert.equal(await body.count(), r.rows.length);
  for (const [i, x] of r.rows.entries()) {
    const cells = body.nth(i).locator('td');
    assert.deepEqual(await texts(cells.nth(1).locator('p')), [x.contract, x.payer], 'the contract and its payer');
    assert.deepEqual((await texts(cells)).filter((_, k) => k !== 1), [monthName(x.month), count(x.members), plain(x.expected_cents),
      plain(x.paid_cents), plain(x.revenue_per_member_cents), count(x.visits), plain(x.capitated_charges_cents), plain(x.charges_per_member_cents)]);
  }
  assert.deepEqual(await texts(table.locator('tfoot tr').locator('th, td')), ['Total', '', count(t.member_months), plain(t.expected_cents),
    plain(t.paid_cents), plain(t.revenue_per_member_cents), count(t.visits), plain(t.capitated_charges_cents),
    plain(t.member_months ? Math.trunc(t.capitated_charges_cents / t.member_months) : 0)]);
}

test('claim page: a capitated line is marked and expects $0.00; a claim of capitated lines only is encounter data', { timeout: 60_000 }, async () => {
  const claimOf = async (name) => (await must(biller.get(`/api/v1/claims?patient_id=${pt[name].id}`), 200)).items[0];
  const bell = await must(biller.get(`/api/v1/claims/${(await claimOf('Bell')).id}`), 200); // October: 99213 only
  assert.deepEqual(bell.lines.map((l) => l.capitated), [true]);
  const browser = await launch();
  const consoleErrors = [];
  const page = await pinnedPage(browser, consoleErrors, { viewport: { width: 1024, height: 800 } });
  try {
    await signIn(page, px.url, px.email('biller'));
    await page.waitForURL(/\/billing\/claims$/);
    await page.goto(`${px.url}/billing/claims/${bell.id}`);
    const lines = page.getByRole('table', { name: 'Claim lines' });
    await lines.getByTestId('capitation-badge').waitFor();
    await page.getByTestId('encounter-data').getByText('this claim reports capitated services; the payer pays per member per month, not per visit.').waitFor();
    assert.equal((await lines.locator('tbody tr').first().locator('td').last().innerText()).trim(), '0.00', 'the line expects $0.00');
    await lines.getByTestId('capitation-badge').focus();
    await page.getByRole('tooltip').filter({ visible: true, hasText: 'capitation contract: reported as encounter data, expected $0.00' }).waitFor();
    await shot(page, 'cap-13-claim.png');
    // Ames's November visit: 99213 capitated, 90686 carved out: one mark, not encounter data
    const ames = await claimOf('Ames');
    if (ames) {
      await page.goto(`${px.url}/billing/claims/${ames.id}`);
      await lines.locator('tbody tr').nth(1).waitFor();
      assert.equal(await lines.getByTestId('capitation-badge').count(), 1);
      assert.equal(await page.getByTestId('encounter-data').count(), 0);
    }
    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e)), [], 'no errors in the browser console');
  } catch (e) {
    await shot(page, 'cap-failure-claim.png');
    throw e;
  } finally {
    await browser.close();
  }
});

test('provider (billing.read only): the month shows; the writing buttons say why they do nothing', { timeout: 60_000 }, async () => {
  const browser = await launch();
  const consoleErrors = [];
  const page = await pinnedPage(browser, consoleErrors, { viewport: { width: 1280, height: 900 } });
  try {
    await signIn(page, px.url, px.email('provider'));
    await page.waitForURL(/\/schedule$/); // where a provider lands
    await page.goto(`${px.url}/billing/ar/capitation`);
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Capitation', exact: true }).waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'New contract' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'New contract' }).getAttribute('aria-disabled'), 'true');
    await page.getByRole('table', { name: 'Capitation contracts' }).getByRole('link', { name: contract.name }).click();
    const now = await must(biller.get(`/api/v1/capitation-contracts/${contract.id}/reconciliation?month=2026-11`), 200);
    const label = { 'no roster': 'No roster', 'not paid': 'Not paid', reconciled: 'Reconciled', underpaid: 'Underpaid', overpaid: 'Overpaid' }[now.status];
    const recon = page.locator('[data-testid="reconciliation"][data-month="2026-11"]');
    await recon.getByTestId('recon-status').getByText(label).waitFor();
    assert.equal(await recon.getByTestId('recon-paid').innerText(), dollars(now.paid_cents));
    for (const name of ['Upload roster', 'Record payment']) {
      const b = page.getByRole('button', { name, exact: true });
      assert.equal(await b.getAttribute('aria-disabled'), 'true', name);
      assert.equal(await b.getAttribute('aria-describedby') !== null, true);
      await b.click({ force: true });
      assert.equal(await page.getByRole('dialog').count(), 0, `${name} opens nothing`);
    }
    await page.getByText('Your role cannot post to billing (claims and payments); ask a biller.').first().waitFor({ state: 'attached' });
    assert.equal(await page.getByRole('button', { name: 'Edit contract' }).getAttribute('aria-disabled'), 'true');
    assert.equal(await page.getByRole('table', { name: 'Payments' }).getByRole('button').count(), 0, 'no payment can be reversed');
    await page.getByRole('button', { name: 'Record payment' }).focus(); // the reason shows for the keyboard too
    await page.getByRole('tooltip').filter({ visible: true, hasText: 'Your role cannot post to billing (claims and payments); ask a biller.' }).first().waitFor();
    await shot(page, 'cap-12-provider.png');
    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e)), [], 'no errors in the browser console');
  } catch (e) {
    await shot(page, 'cap-failure-provider.png');
    throw e;
  } finally {
    await browser.close();
  }
});
