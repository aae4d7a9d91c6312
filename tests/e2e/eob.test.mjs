// Browser journey of a paper EOB and the denial and collection reports: the biller opens a
// submitted claim and enters the payer's paper EOB (line 1 paid $80.00 with CO-45 and PR-2,
// line 2 denied CO-50 with remark N115); an unbalanced line keeps "Post EOB" disabled until
// "Rest is CO-45" fills it; the server's objection to a line (answered once by a stand-in)
// lands on that line; the EOB is then posted (double-clicked: once, with the dialog's one
// Idempotency-Key) and says 1 claim posted and 1 denial, links its remittance, and the claim
// turns partly paid. The Denials worklist filtered by reason CO-50 (and by the payer) shows
// the denied line, and by CO-45 nothing. The Denial report's cards, bars, table and CSV equal
// what the API answers for the same period, by reason and by payer, and its row opens the
// worklist filtered by that reason; the Collections report's cards and accounts equal the
// API's.
//
// Starts its own server on a fresh database (tests/lib/server.mjs). Set up through the API: a
// billing profile, a location, a provider, a payer, fees for 99213 and 93000, a covered patient
// with a visit ten days ago (99213, 93000) whose claim is submitted; a self-pay patient seen
// twenty days ago who has not paid and has had four statement runs (in collections), and a
// self-pay patient seen today who paid in full at the desk. Chromium runs in New York time.
// Optional: PRAXIS_SCREENSHOT_DIR (screenshots at 1024, 1280 and 800 px wide), PRAXIS_CHROMIUM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPraxis, client, login } from '../lib/server.mjs';
import { billingPractice } from '../lib/practice.mjs';
import { launch, newPage, signIn, shot, must, letters, cap, addDays, nyNow } from '../lib/browser.mjs';

let px, biller, claim, payer, owing;
const payerName = `Granite ${cap(letters(5))} Mutual`;
const today = nyNow().date;
const paidOn = addDays(today, -1);
const address = { line1: '12 Elm St', city: 'Springfield', state: 'MA', postal_code: '01103' };

before(async () => {
  px = await startPraxis();
  const mgr = client(px.url, await login(px.url, px.email('practice_manager')));
  const desk = client(px.url, await login(px.url, px.email('front_desk')));
  biller = client(px.url, await login(px.url, px.email('biller')));
  const { loc, doc } = await billingPractice({ mgr, biller }, { location: 'Main St' });
  payer = (await must(biller.post('/api/v1/payers', { name: payerName, payer_code: 'GM001', kind: 'commercial', filing_indicator: 'CI' }))).id;
  for (const [code, fee] of [['99213', 15000], ['93000', 6500]]) await must(biller.post('/api/v1/fees', { code, fee_cents: fee, effective_from: '2020-01-01' }));
  const patient = async (family, given, birth) =>
    (await must(desk.post('/api/v1/patients', { family_name: family, given_name: given, birth_date: birth, sex_at_birth: 'F', address }))).id;
  const covered = await patient(cap(`Eob${letters(6)}`), 'Eve', '1966-06-06');
  await must(desk.post('/api/v1/coverages', { patient_id: covered, payer_id: payer, priority: 1, relationship: 'self', member_id: 'GM42',
    effective_from: '2020-01-01', eligibility: 'active' }));
  const visit = (p, days, lines) => must(biller.post('/api/v1/encounters', { patient_id: p, service_date: addDays(today, -days), rendering_provider_id: doc,
    location_id: loc, diagnoses: ['I10'], lines }));
  const enc = await visit(covered, 10, [{ code: '99213', pointers: [1] }, { code: '93000', pointers: [1] }]);
  claim = (await must(biller.post(`/api/v1/encounters/${enc.id}/claims`), 200)).items[0];
  await must(biller.post(`/api/v1/claims/${claim.id}/status`, { status: 'submitted' }), 200);
  // a self-pay patient who never paid: statement, second notice, final notice, then collections
  owing = await patient(cap(`Owe${letters(6)}`), 'Ida', '1971-02-03');
  await visit(owing, 20, [{ code: '99213', pointers: [1] }]);
  for (let i = 0; i < 4; i++) await must(biller.post('/api/v1/statement-runs', { as_of: today }));
  // a self-pay patient who paid in full at the desk on the day of the visit
  const paid = await patient(cap(`Paid${letters(6)}`), 'Una', '1980-09-10');
  await visit(paid, 0, [{ code: '99213', pointers: [1] }]);
  await must(desk.post('/api/v1/payments', { patient_id: paid, amount_cents: 15000, method: 'cash' }));
});
after(async () => {
  await px?.stop();
});

// The page's formats (web/src/lib/format.ts), to compare what is shown with what the API answers.
const dollars = (c) => `${c < 0 ? '\u2212' : ''}${new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Math.abs(c) / 100)}`;
const plain = (c) => dollars(c).replace('$', '');
const count = (n) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n);
const percent = (v) => (v === null ? '\u2014' : new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(v / 100));
const usDate = (d) => d.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$2/$3/$1');
const CLAIM_STATUS = { paid: 'Paid', partial: 'Partly paid', denied: 'Denied' };

/** Screenshots at the test's width, then 1280 and 800 px wide. */
async function shots(page, name) {
  await shot(page, `${name}.png`);
  for (const width of [1280, 800]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(250); // the layout settles at the new width
    await shot(page, `${name}-${width}.png`);
  }
  await page.setViewportSize({ width: 1024, height: 800 });
}
const respond = (page, method, re) => page.waitForResponse((r) => r.request().method() === method && re.test(new URL(r.url()).pathname));
async function openArea(nav) {
  if (!(await nav.getByRole('link', { name: 'A/R aging', exact: true }).isVisible())) await nav.getByText('Payments & A/R', { exact: true }).click();
  await nav.getByRole('link', { name: 'A/R aging', exact: true }).waitFor();
}
function periodOf(page) {
  const u = new URL(page.url());
  return { from: u.searchParams.get('from'), to: u.searchParams.get('to') };
}
async function download(page, click) {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const chunks = [];
  for await (const c of await d.createReadStream()) chunks.push(c);
  return { name: d.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}
/** Waits for an input to show `want` (it follows the address a moment later). */
async function waitValue(input, want) {
  for (let i = 0; i < 50 && (await input.inputValue()) !== want; i++) await input.page().waitForTimeout(100);
  assert.equal(await input.inputValue(), want);
}
/** A figure card's value. */
const figure = (page, key) => page.getByTestId(`figure-${key}`).getByTestId('figure-value').innerText();
const cells = async (row) => (await row.locator('td, th').allInnerTexts()).map((t) => t.trim());

test('biller: a paper EOB balanced line by line and posted once; the denial worklist by reason; denials and collections reports equal the API', { timeout: 180_000 }, async () => {
  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors);
  try {
    await signIn(page, px.url, px.email('biller'));
    await page.waitForURL(/\/billing\/claims$/);
    const nav = page.getByRole('navigation', { name: 'Areas' });

    // --- The claim, submitted: "Enter paper EOB" opens the dialog with both lines.
    await page.goto(`${px.url}/billing/claims/${claim.id}`);
    await page.getByTestId('claim-status').getByText('Submitted').waitFor();
    await page.getByRole('button', { name: 'Enter paper EOB' }).click();
    const dialog = page.getByRole('dialog', { name: `Paper EOB: claim ${claim.id}` });
    await dialog.waitFor();
    const line1 = dialog.getByRole('group', { name: 'Line 1: 99213' });
    const line2 = dialog.getByRole('group', { name: 'Line 2: 93000' });
    await line1.getByText('$150.00', { exact: true }).waitFor();
    await line2.getByText('$65.00', { exact: true }).waitFor();
    const post = dialog.getByRole('button', { name: 'Post EOB' });
    assert.equal(await post.isDisabled(), true, 'nothing entered: nothing balances');

    const paidOnBox = dialog.getByRole('textbox', { name: 'Payment date' });
    await paidOnBox.fill(usDate(paidOn));
    await paidOnBox.press('Tab');
    await dialog.getByRole('textbox', { name: 'Check number' }).fill('000123');
    await dialog.getByRole('textbox', { name: 'Payer claim number' }).fill('GM-77');

    // Line 1: paid 80.00 and PR-2 20.00 leave 50.00 unexplained: the line does not balance.
    await line1.getByRole('textbox', { name: 'Line 1 paid' }).fill('80');
    await line1.getByRole('button', { name: 'Line 1: add adjustment' }).click();
    const amount11 = line1.getByRole('textbox', { name: 'Line 1 adjustment 1 amount' });
    assert.equal(await amount11.inputValue(), '$70.00', 'a new adjustment starts with what is left');
    await line1.getByRole('combobox', { name: 'Line 1 adjustment 1 group' }).selectOption('PR');
    await line1.getByRole('textbox', { name: 'Line 1 adjustment 1 reason (CARC)' }).fill('2');
    await amount11.fill('20');
    await amount11.press('Tab');
    // Line 2: denied, CO-50 for the whole charge, remark N115.
    await line2.getByRole('button', { name: 'Line 2: add adjustment' }).click();
    assert.equal(await line2.getByRole('textbox', { name: 'Line 2 adjustment 1 amount' }).inputValue(), '$65.00');
    await line2.getByRole('textbox', { name: 'Line 2 adjustment 1 reason (CARC)' }).fill('50');
    await line2.getByRole('textbox', { name: 'Line 2 remarks (RARC)' }).fill('n115');

    await dialog.getByTestId('eob-balance-1').getByText('Does not balance').waitFor();
    await dialog.getByTestId('eob-balance-1').getByText('$50.00 is not accounted for').waitFor();
    await dialog.getByTestId('eob-balance-2').getByText('Balances').waitFor();
    await dialog.getByTestId('eob-ready').getByText('Line 1 does not balance yet: the EOB cannot be posted.').waitFor();
    assert.equal(await post.isDisabled(), true, 'an unbalanced line blocks posting');
    await shots(page, 'eob-01-unbalanced');

    // "Rest is CO-45" explains the rest: every line balances.
    await line1.getByRole('button', { name: /^Line 1: rest is CO-45/ }).click();
    assert.equal(await line1.getByRole('textbox', { name: 'Line 1 adjustment 2 amount' }).inputValue(), '$50.00');
    await dialog.getByTestId('eob-balance-1').getByText('Balances').waitFor();
    await dialog.getByTestId('eob-ready').getByText('Every line balances.').waitFor();
    await dialog.getByTestId('eob-totals').getByText('$80.00').first().waitFor();
    assert.equal(await post.isDisabled(), false);

    // The server's objection to a line lands on that line (a stand-in answers the first post).
    const keys = [];
    const bodies = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/v1\/claims\/\d+\/eob$/.test(new URL(r.url()).pathname)) {
        keys.push(r.headers()['idempotency-key']);
        bodies.push(r.postDataJSON());
      }
    });
    const eobUrl = `${px.url}/api/v1/claims/${claim.id}/eob`;
    await page.route(eobUrl, (route) =>
      route.fulfill({ status: 400, contentType: 'application/problem+json',
        body: JSON.stringify({ status: 400, code: 'validation', title: 'Invalid request', errors: [{ field: 'lines[1]', message: 'paid and adjusted 6000 cents; the line charged 6500: they must be equal' }] }) }));
    await post.click();
    await dialog.getByTestId('eob-line-error-2').getByText('Paid and adjusted $60.00; the line charged $65.00: they must be equal').waitFor();
    await dialog.getByRole('alert').filter({ hasText: 'The EOB was not posted: see the lines marked below.' }).waitFor();
    assert.equal(await dialog.getByTestId('eob-line-error-1').count(), 0);
    await page.unroute(eobUrl);

    // Posted for real, double-clicked: once.
    const [posted] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/claims\/\d+\/eob$/), post.dblclick()]);
    assert.equal(posted.status(), 201, await posted.text());
    const answer = await posted.json();
    assert.deepEqual(answer.remittances.map((r) => [r.amount_cents, r.posting]), [[8000, { claims_posted: 1, denials: 1, exceptions: 0 }]]);
    assert.deepEqual(bodies.at(-1), { paid_on: paidOn, method: 'check', reference: '000123', payer_claim_number: 'GM-77', lines: [
      { line_no: 1, paid_cents: 8000, adjustments: [{ group: 'PR', reason: '2', amount_cents: 2000 }, { group: 'CO', reason: '45', amount_cents: 5000 }], remarks: [] },
      { line_no: 2, paid_cents: 0, adjustments: [{ group: 'CO', reason: '50', amount_cents: 6500 }], remarks: ['N115'] }] });
    assert.ok(keys.length >= 2 && keys.every((k) => k && k === keys[0]), `one Idempotency-Key for the dialog: ${keys}`);
    const remit = answer.remittances[0].id;
    const done = dialog.getByTestId('eob-posted');
    await done.getByText('EOB posted').waitFor();
    await done.getByTestId('posting-summary').getByText('Posted 1 claim · 1 denial to work · 0 exceptions').waitFor();
    assert.equal(await done.getByRole('link', { name: `remittance ${remit}` }).getAttribute('href'), `/billing/remittances/${remit}`);
    const after = await must(biller.get(`/api/v1/claims/${claim.id}`), 200);
    assert.deepEqual([after.status, after.payer_claim_number], ['partial', 'GM-77']);
    await done.getByTestId('eob-claim-status').getByText(CLAIM_STATUS[after.status]).waitFor();
    await page.getByTestId('claim-status').getByText(CLAIM_STATUS[after.status]).waitFor();
    assert.equal((await must(biller.get('/api/v1/remittances'), 200)).items.length, 1, 'posted once');
    await shots(page, 'eob-02-posted');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.getByRole('button', { name: 'Enter paper EOB' }).count(), 0, 'a paid claim takes no EOB');

    // --- The Denials worklist, by reason CO-50 (typed as "co50"), then also by the payer.
    await openArea(nav);
    await nav.getByRole('link', { name: /^Denials/ }).click();
    await page.waitForURL(/\/billing\/ar\/denials$/);
    const table = page.getByRole('table', { name: 'Denials' });
    const deniedRow = table.getByRole('row', { name: new RegExp(`Claim ${claim.id} · line 2`) });
    await deniedRow.waitFor();
    await page.getByRole('textbox', { name: 'Reason' }).fill('co50');
    await page.waitForURL((u) => new URL(u).searchParams.get('reason') === 'CO-50');
    await waitValue(page.getByRole('textbox', { name: 'Reason' }), 'CO-50');
    await deniedRow.waitFor();
    await deniedRow.getByText('N115').waitFor();
    await page.getByRole('combobox', { name: 'Payer' }).click();
    await page.getByRole('option', { name: payerName }).click();
    await page.waitForURL((u) => new URL(u).searchParams.get('payer') === String(payer));
    await deniedRow.waitFor();
    assert.deepEqual((await must(biller.get(`/api/v1/denials?status=open&reason=CO-50&payer_id=${payer}`), 200)).items.map((d) => d.claim_id), [claim.id]);
    await shots(page, 'eob-03-denials-filtered');
    await page.getByRole('textbox', { name: 'Reason' }).fill('CO-45');
    await page.getByRole('textbox', { name: 'Reason' }).press('Enter');
    await page.waitForURL((u) => new URL(u).searchParams.get('reason') === 'CO-45');
    await page.getByText('No denial matches these filters').waitFor();
    await page.getByRole('textbox', { name: 'Reason' }).fill('N 115');
    await page.getByText('A CARC with its group (CO-50) or a remark code (N115)').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((u) => !new URL(u).searchParams.has('reason') && !new URL(u).searchParams.has('payer'));
    await deniedRow.waitFor();

    // --- The Denial report for the last 90 days, by reason: as the API answers it.
    await openArea(nav);
    await nav.getByRole('link', { name: 'Denial report', exact: true }).click();
    await page.waitForURL(/\/billing\/ar\/denials-report$/);
    await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: 'Last 90 days' }).click();
    await page.waitForURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    const p = periodOf(page);
    assert.deepEqual(p, { from: addDays(today, -89), to: today });
    const byReason = await must(biller.get(`/api/v1/reports/denials?by=reason&from=${p.from}&to=${p.to}`), 200);
    assert.ok(byReason.rows.some((r) => r.name === 'CO-50'), JSON.stringify(byReason));
    await page.locator(`[data-testid="denials-report"][data-period="reason/${p.from}/${p.to}"]`).waitFor();
    const t = byReason.totals;
    assert.equal(await figure(page, 'denials'), count(t.denials));
    assert.equal(await figure(page, 'amount'), dollars(t.amount_cents));
    assert.equal(await figure(page, 'unresolved'), dollars(t.unresolved_cents));
    assert.equal(await figure(page, 'done'), count(t.written_off + t.closed));
    const reasonTable = page.getByRole('table', { name: 'Denials by reason' });
    for (const r of byReason.rows) {
      const row = reasonTable.getByRole('row').filter({ has: page.getByText(r.name, { exact: true }) });
      assert.deepEqual((await cells(row)).map((c) => c.split('\n')[0]),
        [r.name, count(r.denials), plain(r.amount_cents), plain(r.unresolved_cents), count(r.open), count(r.appealed), count(r.resubmitted), count(r.written_off), count(r.closed)]);
    }
    assert.deepEqual(await cells(reasonTable.locator('tfoot tr')),
      ['Total', count(t.denials), plain(t.amount_cents), plain(t.unresolved_cents), count(t.open), count(t.appealed), count(t.resubmitted), count(t.written_off), count(t.closed)]);
    const chart = await page.getByRole('img', { name: /^Denials by reason/ }).getAttribute('aria-label');
    const co50 = byReason.rows.find((r) => r.name === 'CO-50');
    assert.ok(chart.includes(`CO-50: ${count(co50.denials)} denial${co50.denials === 1 ? '' : 's'}, denied ${dollars(co50.amount_cents)}, unresolved ${dollars(co50.unresolved_cents)}`), chart);
    await page.waitForTimeout(300); // the loading veil fades
    await shots(page, 'eob-04-denials-report');

    const csv = await download(page, () => page.getByRole('button', { name: 'Download CSV' }).click());
    assert.equal(csv.name, `denials-${p.from}-to-${p.to}.csv`);
    const lines = csv.text.trim().split(/\r?\n/);
    assert.equal(lines[0], 'Reason or payer,Denials,Amount,Unresolved,Open,Appealed,Resubmitted,Written off,Closed');
    assert.equal(lines.length, byReason.rows.length + 2, 'the rows and the total');
    assert.ok(lines.some((l) => l.startsWith(`CO-50,${co50.denials},`)), csv.text);

    // By payer: the payer's row as the API answers it.
    await page.getByText('By payer', { exact: true }).click();
    await page.waitForURL((u) => new URL(u).searchParams.get('by') === 'payer');
    const byPayer = await must(biller.get(`/api/v1/reports/denials?by=payer&from=${p.from}&to=${p.to}`), 200);
    const mine = byPayer.rows.find((r) => r.name === payerName);
    const payerRow = page.getByRole('table', { name: 'Denials by payer' }).getByRole('row').filter({ has: page.getByRole('link', { name: payerName }) });
    await payerRow.waitFor(); // the payer's link, once the payers are loaded
    assert.deepEqual((await cells(payerRow)).slice(0, 4), [payerName, count(mine.denials), plain(mine.amount_cents), plain(mine.unresolved_cents)]);
    assert.equal(await payerRow.getByRole('link', { name: payerName }).getAttribute('href'), `/billing/ar/denials?status=all&payer=${payer}`);
    // Back by reason: the row opens the worklist with every denial carrying that reason.
    await page.getByText('By reason', { exact: true }).click();
    await reasonTable.getByRole('link', { name: 'CO-50' }).click();
    await page.waitForURL((u) => u.pathname === '/billing/ar/denials' && new URL(u).searchParams.get('reason') === 'CO-50' && new URL(u).searchParams.get('status') === 'all');
    await deniedRow.waitFor();

    // --- The Collections report for the last 90 days: the cards and the accounts as the API answers them.
    await openArea(nav);
    await nav.getByRole('link', { name: 'Collections', exact: true }).click();
    await page.waitForURL(/\/billing\/ar\/collections$/);
    await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: 'Last 90 days' }).click();
    await page.waitForURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    const c = await must(biller.get(`/api/v1/reports/collections?from=${p.from}&to=${p.to}`), 200);
    await page.locator(`[data-testid="collections-report"][data-period="${p.from}/${p.to}"]`).waitFor();
    assert.ok(c.totals.patient_payments_cents >= 15000 && c.totals.paid_on_visit_day_cents >= 15000, JSON.stringify(c.totals));
    assert.equal(await figure(page, 'collection_rate'), percent(c.totals.collection_rate));
    assert.equal(await figure(page, 'responsibility'), dollars(c.totals.patient_responsibility_cents));
    assert.equal(await figure(page, 'payments'), dollars(c.totals.patient_payments_cents));
    assert.equal(await figure(page, 'visit_day'), dollars(c.totals.paid_on_visit_day_cents));
    assert.equal(await figure(page, 'refunds'), dollars(c.totals.refunds_cents));
    assert.equal(await figure(page, 'adjusted'), dollars(c.totals.adjusted_cents));
    assert.ok(c.accounts.some((a) => a.patient_id === owing && a.stage === 'collections'), JSON.stringify(c.accounts));
    const accounts = page.getByRole('table', { name: 'Accounts at final notice or in collections' });
    for (const a of c.accounts) {
      const row = accounts.getByRole('row').filter({ has: page.getByRole('link', { name: a.name }) });
      const got = await cells(row);
      assert.deepEqual([got[0].split('\n')[0], got[3], got[4]], [a.name, plain(a.balance_cents), a.last_payment_on ? usDate(a.last_payment_on) : 'None']);
      assert.equal(await row.getByRole('link', { name: a.name }).getAttribute('href'), `/patients/${a.patient_id}?tab=account`);
    }
    await accounts.getByRole('row').filter({ hasText: 'In collections' }).first().waitFor();
    await page.waitForTimeout(300); // the loading veil fades
    await shots(page, 'eob-05-collections');
    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*(401|400)/.test(e)), [], 'no errors in the browser console');
  } catch (e) {
    await shot(page, 'eob-failure.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});
