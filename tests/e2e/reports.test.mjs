// Browser journey of the billing reports: the biller opens Revenue cycle from the navigation and
// reads each indicator's value, numerator and denominator as the API answers them for the same
// period (the last 90 days, then this month: a blank indicator says there is nothing to measure
// yet), and the period's money in the bars' text alternative; an end before the start is said
// at the dates and asks the server nothing. Then the Money report, grouped by payer, shows the
// payer's row with its charges and the totals the API answers, and downloads the same table as
// CSV.
//
// Starts its own server on a fresh database (tests/lib/server.mjs). Set up through the API: a
// billing profile, a location, a provider, a payer with fees for 99213 and 93000, a patient
// covered by it with a visit five days ago (99213, 93000) whose claim is submitted, and a
// self-pay patient with a visit three days ago (99213) who pays $40.00 cash. Chromium runs in New
// York time. Optional: PRAXIS_SCREENSHOT_DIR (screenshots are written there), PRAXIS_CHROMIUM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPraxis, client, login } from '../lib/server.mjs';
import { billingPractice } from '../lib/practice.mjs';
import { launch, newPage, signIn, shot, must, letters, cap, addDays, nyNow } from '../lib/browser.mjs';

let px, biller;
const payerName = `Harbor ${cap(letters(6))} Mutual`;

before(async () => {
  px = await startPraxis();
  const mgr = client(px.url, await login(px.url, px.email('practice_manager')));
  const desk = client(px.url, await login(px.url, px.email('front_desk')));
  biller = client(px.url, await login(px.url, px.email('biller')));
  const { loc, doc } = await billingPractice({ mgr, biller }, { location: 'Main St' });
  const payer = (await must(biller.post('/api/v1/payers', { name: payerName, payer_code: '60054', kind: 'commercial', filing_indicator: 'CI' }))).id;
  for (const [code, fee] of [['99213', 15000], ['93000', 6500]]) await must(biller.post('/api/v1/fees', { code, fee_cents: fee, effective_from: '2020-01-01' }));
  const address = { line1: '12 Elm St', city: 'Springfield', state: 'MA', postal_code: '01103' };
  const covered = (await must(desk.post('/api/v1/patients', { family_name: cap(`Rep${letters(6)}`), given_name: 'Ann', birth_date: '1961-05-04', sex_at_birth: 'F', address }))).id;
  await must(desk.post('/api/v1/coverages', { patient_id: covered, payer_id: payer, priority: 1, relationship: 'self', member_id: 'H123456789',
    effective_from: '2020-01-01', eligibility: 'active' }));
  const selfPay = (await must(desk.post('/api/v1/patients', { family_name: cap(`Rep${letters(6)}`), given_name: 'Bo', birth_date: '1975-08-09', sex_at_birth: 'M', address }))).id;
  const today = nyNow().date;
  const visit = (patient, days, lines) => must(biller.post('/api/v1/encounters', { patient_id: patient, service_date: addDays(today, -days), rendering_provider_id: doc,
    location_id: loc, diagnoses: ['E11.9', 'I10'], lines }));
  const enc = await visit(covered, 5, [{ code: '99213', pointers: [1, 2] }, { code: '93000', pointers: [2] }]);
  const claims = (await must(biller.post(`/api/v1/encounters/${enc.id}/claims`), 200)).items;
  await must(biller.post(`/api/v1/claims/${claims[0].id}/status`, { status: 'submitted' }), 200);
  await visit(selfPay, 3, [{ code: '99213', pointers: [1] }]);
  await must(desk.post('/api/v1/payments', { patient_id: selfPay, amount_cents: 4000, method: 'cash' }));
});
after(async () => {
  await px?.stop();
});

// The page's formats (web/src/lib/format.ts), to compare what is shown with what the API answers.
const dollars = (c) => `${c < 0 ? '\u2212' : ''}${new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Math.abs(c) / 100)}`;
const plain = (c) => dollars(c).replace('$', '');
const count = (n) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n);
const percent = (v) => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(v / 100);
const days = (v) => {
  const t = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(v);
  return `${t} ${t === '1' ? 'day' : 'days'}`;
};

/** What each card should show for the API's answer: [key, value, numerator, denominator]. */
function expectedCards(k) {
  const ratio = (key, fmt, part) => [key, k[key].value === null ? '\u2014' : fmt(k[key].value), part(k[key].numerator), part(k[key].denominator)];
  const d = k.days_in_ar;
  return [
    ['days_in_ar', d.value === null ? '\u2014' : days(d.value), dollars(d.ar_cents), dollars(d.days ? Math.round(d.charges_cents / d.days) : 0)],
    ratio('net_collection_rate', percent, dollars),
    ratio('gross_collection_rate', percent, dollars),
    ratio('denial_rate', percent, count),
    ratio('clean_claim_rate', percent, count),
    ratio('first_pass_resolution_rate', percent, count),
    ratio('ar_over_90_share', percent, dollars),
    ratio('charge_lag_days', days, count),
  ];
}

/** The period in the page's address. */
function periodOf(page) {
  const u = new URL(page.url());
  return { from: u.searchParams.get('from'), to: u.searchParams.get('to') };
}

/** Opens the navigation's "Payments & A/R" group when it is closed. */
async function openArea(nav) {
  if (!(await nav.getByRole('link', { name: 'A/R aging', exact: true }).isVisible())) await nav.getByText('Payments & A/R', { exact: true }).click();
  await nav.getByRole('link', { name: 'A/R aging', exact: true }).waitFor();
}

/** The cards show, for the period in the address, what the API answers for it. */
async function cardsMatchApi(page) {
  const { from, to } = periodOf(page);
  const k = await must(biller.get(`/api/v1/reports/revenue-cycle?from=${from}&to=${to}`), 200);
  await page.locator(`[data-testid="kpis"][data-period="${from}/${to}"]`).waitFor();
  for (const [key, value, numerator, denominator] of expectedCards(k)) {
    const card = page.getByTestId(`kpi-${key}`);
    assert.equal((await card.getByTestId('kpi-value').innerText()).trim(), value, `${key}: value`);
    assert.equal((await card.getByTestId('kpi-numerator').innerText()).split('\n')[0].trim(), numerator, `${key}: numerator`);
    assert.equal((await card.getByTestId('kpi-denominator').innerText()).split('\n')[0].trim(), denominator, `${key}: denominator`);
    assert.equal(await card.getByText('Nothing to measure yet').count(), value === '\u2014' ? 1 : 0, `${key}: said when blank`);
  }
  const d = k.days_in_ar;
  assert.equal(await page.getByTestId('kpi-days_in_ar').getByTestId('kpi-denominator-detail').innerText(),
    `${dollars(d.charges_cents)} over ${count(d.days)} ${d.days === 1 ? 'day' : 'days'}`);
  const chart = await page.getByRole('img', { name: /^Money from / }).getAttribute('aria-label');
  for (const [label, c] of [['Charges', k.totals.charges_cents], ['Payments', k.totals.payments_cents], ['Contractual adjustments', k.totals.contractual_cents],
    ['Other adjustments and write-offs', k.totals.other_adjustments_cents]])
    assert.ok(chart.includes(`${label} ${dollars(c)}`), `the chart says ${label} ${dollars(c)}: ${chart}`);
  await page.getByTestId('totals-ar').getByText(dollars(k.totals.ar_cents)).waitFor();
  return k;
}

/** A download started by `click`: its file name and text. */
async function download(page, click) {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const chunks = [];
  for await (const c of await d.createReadStream()) chunks.push(c);
  return { name: d.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

test('biller: revenue-cycle indicators equal the API for the period; the money report by payer and its CSV', { timeout: 120_000 }, async () => {
  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors);
  try {
    await signIn(page, px.url, px.email('biller'));
    await page.waitForURL(/\/billing\/claims$/);
    const nav = page.getByRole('navigation', { name: 'Areas' });

    // --- Revenue cycle: the last 90 days (the preset pressed), each card as the API answers it.
    await openArea(nav);
    await nav.getByRole('link', { name: 'Revenue cycle', exact: true }).click();
    await page.waitForURL(/\/billing\/ar\/kpis$/);
    await page.getByRole('heading', { name: 'Revenue cycle' }).waitFor();
    const presets = page.getByRole('group', { name: 'Period' });
    await presets.getByRole('button', { name: 'Last 90 days', pressed: true }).waitFor(); // the last 90 days unless chosen
    await presets.getByRole('button', { name: 'Last 90 days' }).click();
    await page.waitForURL(/\/billing\/ar\/kpis\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    const p90 = periodOf(page);
    assert.equal(p90.to, nyNow().date);
    assert.equal(p90.from, addDays(nyNow().date, -89));
    assert.equal(await page.getByRole('textbox', { name: 'From' }).inputValue(), p90.from.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$2/$3/$1'));
    const k = await cardsMatchApi(page);
    assert.equal(k.totals.charges_cents, 36500, 'both visits charged');
    assert.equal(k.totals.payments_cents, 4000, 'the cash payment');
    assert.deepEqual([k.clean_claim_rate.numerator, k.clean_claim_rate.denominator], [1, 1]);
    assert.equal(k.denial_rate.value, null, 'no claim decided yet');
    await page.getByTestId('kpi-denial_rate').getByText('Nothing to measure yet').waitFor();
    await page.waitForTimeout(300); // the cards' fade after a new period
    await shot(page, 'reports-01-revenue-cycle.png');

    // --- This month: the address, the pressed preset and the figures follow.
    await presets.getByRole('button', { name: 'This month' }).click();
    await page.waitForURL((u) => new URL(u).searchParams.get('from')?.endsWith('-01'));
    await presets.getByRole('button', { name: 'This month', pressed: true }).waitFor();
    await presets.getByRole('button', { name: 'Last 90 days', pressed: false }).waitFor();
    await cardsMatchApi(page);
    // An end before the start is said at the dates, and nothing is asked of the server.
    let asked = 0;
    const onRequest = (r) => {
      if (new URL(r.url()).pathname === '/api/v1/reports/revenue-cycle') asked++;
    };
    page.on('request', onRequest);
    const toBox = page.getByRole('textbox', { name: 'To' });
    await toBox.fill('01/01/2020');
    await toBox.press('Tab');
    await page.getByRole('alert').filter({ hasText: 'The end is before the start: choose an end on or after the start.' }).waitFor();
    assert.equal(await toBox.getAttribute('aria-invalid'), 'true');
    assert.equal(periodOf(page).to, '2020-01-01');
    assert.equal(asked, 0);
    page.off('request', onRequest);

    // --- The money report for the same 90 days, by payer: the payer's row, the totals, the CSV.
    await openArea(nav);
    await nav.getByRole('link', { name: 'Money report', exact: true }).click();
    await page.waitForURL(/\/billing\/ar\/money$/);
    await page.getByRole('table', { name: 'Money by provider' }).getByText('Welby, Marcus').waitFor();
    await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: 'Last 90 days' }).click();
    await page.getByText('By payer', { exact: true }).click();
    await page.waitForURL((u) => new URL(u).searchParams.get('by') === 'payer' && new URL(u).searchParams.get('from') === p90.from);
    const rows = (await must(biller.get(`/api/v1/reports/money?by=payer&from=${p90.from}&to=${p90.to}`), 200)).items;
    const harbor = rows.find((r) => r.name === payerName);
    assert.ok(harbor && harbor.charges_cents > 0, `the payer has charges: ${JSON.stringify(rows)}`);
    const table = page.getByRole('table', { name: 'Money by payer' });
    const row = table.getByRole('row').filter({ hasText: payerName });
    await row.waitFor();
    assert.deepEqual((await row.locator('td').allInnerTexts()).map((t) => t.trim()),
      [payerName, plain(harbor.charges_cents), plain(harbor.payments_cents), plain(harbor.adjustments_cents)]);
    const sum = (f) => rows.reduce((s, r) => s + r[f], 0);
    const footer = table.locator('tfoot tr');
    assert.deepEqual((await footer.locator('th, td').allInnerTexts()).map((t) => t.trim()),
      ['Total', plain(sum('charges_cents')), plain(sum('payments_cents')), plain(sum('adjustments_cents'))]);
    const chart = await page.getByRole('img', { name: /^Charges, payments and adjustments by payer/ }).getAttribute('aria-label');
    assert.ok(chart.includes(`${payerName}: charges ${dollars(harbor.charges_cents)}`), chart);
    await page.getByText(`All ${rows.length}, most charges first`).waitFor();
    await page.waitForTimeout(300); // the table's loading veil fades
    await shot(page, 'reports-02-money-by-payer.png');

    const csv = await download(page, () => page.getByRole('button', { name: 'Download CSV' }).click());
    assert.equal(csv.name, `money-${p90.from}-to-${p90.to}.csv`);
    const lines = csv.text.split(/\r?\n/);
    assert.equal(lines[0], 'Group,Charges ($),Payments ($),Adjustments ($)');
    assert.ok(lines.includes(`${payerName},${(harbor.charges_cents / 100).toFixed(2)},${(harbor.payments_cents / 100).toFixed(2)},${(harbor.adjustments_cents / 100).toFixed(2)}`),
      csv.text);
    await page.locator('.mantine-Notification-root').filter({ hasText: `${csv.name} downloaded` }).waitFor();
    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e)), [], 'no errors in the browser console');
  } catch (e) {
    await shot(page, 'reports-failure.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});
