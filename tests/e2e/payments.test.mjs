// Browser journey of payments and A/R: a biller drops the payer's 835 for a submitted claim on
// the Remittances page and reads what it posted (1 claim, 1 denial to work, no exception);
// the patient's Account shows the balances moved (the coinsurance is now the patient's, as
// there is no secondary insurance) and prints the patient's statement; a statement run bills
// that $10.00 (1 statement, its PDF), the account is held from statements (the next run
// prints none) and the hold lifted; a $25.00 card payment taken there (double-clicked: it
// posts once, received today) pays the $10.00 and keeps $15.00 as credit, after which the
// statement has nothing to bill (said as information); the denial waits on the Denials
// worklist with its reasons and a link to the claim and is marked appealed, the underpayment
// waits on its worklist, and a second file paying the same claim on the posting exceptions
// with its reason; the A/R aging reconciles with the journal, by payer and by patient, and
// downloads as CSV; last, the payment is reversed with a reason and the balances go back.
// Then the practice manager writes the appealed denial off with a reason (after a conflict:
// the biller marked it resubmitted meanwhile, so it is reopened first) and the insurance
// balance of the account goes to zero.
//
// Starts its own server on a fresh database (tests/lib/server.mjs). Set up through the API:
// a billing profile, a location, a provider with an NPI, a payer with its EDI id and a
// contract, fees for 99213 and 93000, a patient with an address and one (primary) coverage,
// a visit ten days ago with 99213 and 93000-59 and its claim, submitted. Chromium runs in New
// York time. Optional: PRAXIS_SCREENSHOT_DIR (screenshots are written there), PRAXIS_CHROMIUM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPraxis, client, login } from '../lib/server.mjs';
import { billingPractice } from '../lib/practice.mjs';
import { launch, newPage, signIn, shot, must, letters, cap, addDays, nyNow } from '../lib/browser.mjs';

let px, biller, patient, claim, aetna;
const pname = { family: cap(`Pay${letters(6)}`), given: cap(`jo${letters(3)}`) };
const fullName = `${pname.family}, ${pname.given}`;
const address = { line1: '12 Elm St', city: 'Springfield', state: 'MA', postal_code: '01103' };
const serviceDate = addDays(nyNow().date, -10);
const paidDate = addDays(nyNow().date, -1);

before(async () => {
  px = await startPraxis();
  const mgr = client(px.url, await login(px.url, px.email('practice_manager')));
  const desk = client(px.url, await login(px.url, px.email('front_desk')));
  biller = client(px.url, await login(px.url, px.email('biller')));
  const { loc, doc } = await billingPractice({ mgr, biller }, { location: 'Main St' });
  aetna = (await must(biller.post('/api/v1/payers', { name: 'Aetna', payer_code: '60054', kind: 'commercial', filing_indicator: 'CI' }))).id;
  for (const [code, fee] of [['99213', 15000], ['93000', 6500]]) await must(biller.post('/api/v1/fees', { code, fee_cents: fee, effective_from: '2020-01-01' }));
  await must(biller.post('/api/v1/payer-contracts', { payer_id: aetna, name: 'Aetna commercial', effective_from: '2020-01-01', rates: [{ code: '99213', allowed_cents: 9800 }] }));
  patient = (await must(desk.post('/api/v1/patients', { family_name: pname.family, given_name: pname.given, birth_date: '1958-04-02', sex_at_birth: 'F', address }))).id;
  await must(desk.post('/api/v1/coverages', { patient_id: patient, payer_id: aetna, priority: 1, relationship: 'self', member_id: 'W123456789',
    effective_from: '2020-01-01', eligibility: 'active' }));
  const enc = await must(biller.post('/api/v1/encounters', { patient_id: patient, service_date: serviceDate, rendering_provider_id: doc, location_id: loc,
    diagnoses: ['E11.9', 'I10'], lines: [{ code: '99213', pointers: [1, 2] }, { code: '93000', modifiers: ['59'], pointers: [2] }] }));
  const claims = (await must(biller.post(`/api/v1/encounters/${enc.id}/claims`), 200)).items;
  assert.equal(claims.length, 1, 'one claim: there is no secondary insurance');
  claim = claims[0];
  await must(biller.post(`/api/v1/claims/${claim.id}/status`, { status: 'submitted' }), 200);
});
after(async () => {
  await px?.stop();
});

/** Aetna's 835 for the claim: 99213 paid 80 (CO-45 60, PR-2 10), 93000-59 paid 0 (CO-50 65, remark N115). */
function era835(ctl) {
  const seg = (...e) => e.join('*') + '~';
  const dos = serviceDate.replaceAll('-', ''), paid = paidDate.replaceAll('-', '');
  const body = [seg('ST', '835', '0001'), seg('BPR', 'I', '80', 'C', 'CHK', '', '', '', '', '', '', '', '', '', '', '', paid),
    seg('TRN', '1', `CHK${ctl}`, '1512345678'), seg('N1', 'PR', 'AETNA', 'XV', '60054'), seg('N1', 'PE', 'MAIN STREET MEDICAL GROUP', 'XX', '1234567893'),
    seg('LX', '1'), seg('CLP', String(claim.id), '1', '215', '80', '10', '12', 'ICN-77'),
    seg('NM1', 'QC', '1', pname.family.toUpperCase(), pname.given.toUpperCase(), '', '', '', 'MI', 'W123456789'),
    seg('SVC', 'HC:99213', '150', '80', '', '1'), seg('DTM', '472', dos), seg('CAS', 'CO', '45', '60'), seg('CAS', 'PR', '2', '10'),
    seg('SVC', 'HC:93000:59', '65', '0', '', '1'), seg('DTM', '472', dos), seg('CAS', 'CO', '50', '65'), seg('LQ', 'HE', 'N115')];
  return [seg('ISA', '00', '          ', '00', '          ', 'ZZ', '60054          ', 'ZZ', 'MSMG01         ', paid.slice(2), '1200', '^', '00501', String(ctl).padStart(9, '0'), '0', 'T', ':'),
    seg('GS', 'HP', '60054', 'MSMG01', paid, '1200', String(ctl), 'X', '005010X221A1'), ...body,
    seg('SE', String(body.length + 1), '0001'), seg('GE', '1', String(ctl)), seg('IEA', '1', String(ctl).padStart(9, '0'))].join('\n');
}

/** A download started by `click`: its file name and bytes. */
async function download(page, click) {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const chunks = [];
  for await (const c of await d.createReadStream()) chunks.push(c);
  return { name: d.suggestedFilename(), bytes: Buffer.concat(chunks) };
}
/** The notification saying `text`. */
const toastSaying = (page, text) => page.locator('.mantine-Notification-root').filter({ hasText: text });

const respond = (page, method, re) => page.waitForResponse((r) => r.request().method() === method && re.test(new URL(r.url()).pathname));
/** Opens the navigation's "Payments & A/R" group when it is closed. */
async function openArea(nav) {
  if (!(await nav.getByRole('link', { name: 'A/R aging', exact: true }).isVisible())) await nav.getByText('Payments & A/R', { exact: true }).click();
  await nav.getByRole('link', { name: 'A/R aging', exact: true }).waitFor();
}
const account = async () => must(biller.get(`/api/v1/patients/${patient}/account`), 200);

/** The three figures of the Account tab, as shown. */
async function balances(page) {
  const read = (label) => page.getByRole('group', { name: label }).locator('.balance-amount').innerText();
  return [await read('Insurance owes'), await read('Patient owes'), await read('Credit')];
}
async function waitBalances(page, want) {
  for (let i = 0; i < 100; i++) {
    const got = await balances(page).catch(() => null);
    if (got && got.join() === want.join()) return;
    await page.waitForTimeout(100); // polling the screen for the refetched account
  }
  assert.deepEqual(await balances(page), want);
}

test('biller: the 835 posts and sends the denial to the worklist; a $25 payment at the account leaves $15 credit; A/R aging reconciles', { timeout: 180_000 }, async () => {
  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors);
  try {
    await signIn(page, px.url, px.email('biller'));
    await page.waitForURL(/\/billing\/claims$/);
    const nav = page.getByRole('navigation', { name: 'Areas' });

    // --- The 835 dropped on the Remittances page: posted, one denial to work, no exception.
    await nav.getByRole('link', { name: 'Remittances', exact: true }).click();
    await page.waitForURL(/\/billing\/remittances$/);
    const zone = page.getByRole('region', { name: 'Drop an 835, 999 or 277CA file' });
    const dropped = await page.evaluateHandle(({ text, name }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'application/edi-x12' }));
      return dt;
    }, { text: era835(901), name: 'aetna-era.835' });
    await zone.dispatchEvent('dragenter', { dataTransfer: dropped });
    await zone.dispatchEvent('dragover', { dataTransfer: dropped });
    const [imported] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/x12-files$/), zone.dispatchEvent('drop', { dataTransfer: dropped })]);
    assert.equal(imported.status(), 201, await imported.text());
    const answer = await imported.json();
    assert.deepEqual(answer.remittances.map((r) => [r.balanced, r.posting]), [[true, { claims_posted: 1, denials: 1, exceptions: 0 }]]);
    const result = page.getByRole('listitem', { name: 'aetna-era.835' });
    await result.getByText('835 remittance advice: 1 payment').waitFor();
    const posting = result.getByTestId('posting-summary');
    await posting.getByText('Posted 1 claim · 1 denial to work · 0 exceptions').waitFor();
    await posting.getByRole('link', { name: '1 denial to work' }).waitFor();
    await page.waitForTimeout(300); // the table's loading veil fades
    await shot(page, 'payments-01-835-posted.png');

    // --- Another file paying the same claim again posts nothing: it waits as an exception.
    const input = zone.locator('input[type="file"]');
    const again = era835(902);
    const [second] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/x12-files$/),
      input.setInputFiles({ name: 'aetna-era-2.835', mimeType: 'application/edi-x12', buffer: Buffer.from(again, 'latin1') })]);
    assert.equal(second.status(), 201, await second.text());
    const secondRemit = (await second.json()).remittances[0].id;
    await page.getByRole('listitem', { name: 'aetna-era-2.835' }).getByTestId('posting-summary')
      .getByText('Posted 0 claims · 0 denials to work · 1 exception').waitFor();
    // The navigation counts what waits on each worklist.
    await openArea(nav);
    await nav.getByTestId('nav-count-denials').getByText('1').waitFor();
    await nav.getByTestId('nav-count-underpayments').getByText('1').waitFor();
    await nav.getByTestId('nav-count-exceptions').getByText('1').waitFor();
    await shot(page, 'payments-01b-exception.png');

    // --- The patient's account: Aetna still owes the denied 65, the coinsurance of 10 is the patient's.
    await page.goto(`${px.url}/patients/${patient}?tab=account`);
    await page.getByTestId('patient-name').getByText(fullName).waitFor();
    await waitBalances(page, ['$65.00', '$10.00', '$0.00']);
    const entries = page.getByRole('table', { name: 'Account entries' });
    await entries.getByRole('row', { name: /Charge/ }).first().waitFor();
    await entries.getByText('Insurance payment').first().waitFor();
    const last = entries.locator('tbody tr').last();
    assert.equal((await last.locator('td').nth(5).innerText()).trim(), '10.00', 'the running patient balance ends at what the patient owes');
    await shot(page, 'payments-02-account-after-835.png');

    // --- The patient's statement as of today: the $10.00 the patient owes, as a PDF.
    const statement = await download(page, () => page.getByRole('button', { name: 'Statement (PDF)' }).click());
    assert.equal(statement.name, `statement-${patient}.pdf`);
    assert.equal(statement.bytes.subarray(0, 5).toString(), '%PDF-');

    // --- A statement run bills what patients owe once insurance is done: this patient's $10.00.
    await openArea(nav);
    await nav.getByRole('link', { name: 'Statements', exact: true }).click();
    await page.waitForURL(/\/billing\/ar\/statements$/);
    const runForm = page.getByRole('form', { name: 'Run statements' });
    assert.equal(await runForm.getByRole('textbox', { name: 'Minimum balance' }).inputValue(), '$5.00', 'five dollars unless said otherwise');
    await runForm.getByText(/fourth unpaid statement refers it to collections instead/).waitFor();
    const [ran] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/statement-runs$/), runForm.getByRole('button', { name: 'Run statements' }).click()]);
    assert.equal(ran.status(), 201, await ran.text());
    assert.equal(ran.request().postDataJSON().min_balance_cents, 500);
    const run1 = await ran.json();
    const runResult = page.getByTestId('statement-run-result');
    const figure = (label) => runResult.getByRole('group', { name: label });
    await figure('Statements printed').getByText('1', { exact: true }).waitFor();
    await figure('Referred to collections').getByText('0', { exact: true }).waitFor();
    await figure('Total billed').getByText('$10.00', { exact: true }).waitFor();
    await shot(page, 'payments-02b-statement-run.png');
    const printed = await download(page, () => page.getByRole('button', { name: 'Download PDF to print' }).click());
    assert.equal(printed.name, `statements-${run1.id}.pdf`);
    assert.equal(printed.bytes.subarray(0, 5).toString(), '%PDF-');
    await toastSaying(page, `statements-${run1.id}.pdf downloaded`).waitFor();

    // --- Held from statements (a payment plan), the account is skipped by the next run; then the hold is lifted.
    await page.goto(`${px.url}/patients/${patient}?tab=account`);
    await page.getByRole('button', { name: 'Hold statements…' }).click();
    const holdDialog = page.getByRole('dialog', { name: `Hold statements: ${fullName}` });
    await holdDialog.getByText('Payment plan', { exact: true }).click();
    await holdDialog.getByRole('textbox', { name: 'Note' }).fill('$5 a month');
    const [held] = await Promise.all([respond(page, 'PUT', /\/account-hold$/), holdDialog.getByRole('button', { name: 'Hold statements', exact: true }).click()]);
    const heldAnswer = await held.json();
    assert.deepEqual([heldAnswer.patient_id, heldAnswer.hold, heldAnswer.payment_plan_id], [patient, 'payment plan: $5 a month', null]);
    await page.getByRole('status').filter({ hasText: 'Statements on hold: payment plan: $5 a month' }).waitFor();
    await shot(page, 'payments-02c-account-held.png');
    await openArea(nav);
    await nav.getByRole('link', { name: 'Statements', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'You ran statements at' }).waitFor();
    const [ran2] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/statement-runs$/), runForm.getByRole('button', { name: 'Run statements' }).click()]);
    assert.equal((await ran2.json()).statements, 0, 'the held account is skipped');
    await figure('Statements printed').getByText('0', { exact: true }).waitFor();
    await page.getByRole('region', { name: /^Run \d+: statements dated / }).getByText('Nothing to print').waitFor();
    await page.getByRole('table', { name: 'Earlier statement runs' }).getByRole('button', { name: `Download the PDF of run ${run1.id}` }).waitFor();
    await shot(page, 'payments-02d-statement-runs.png');
    await page.goBack();
    await page.waitForURL(new RegExp(`/patients/${patient}\\?tab=account$`));
    const lifted = page.getByRole('status').filter({ hasText: 'Statements on hold' });
    const [unheld] = await Promise.all([respond(page, 'PUT', /\/account-hold$/), lifted.getByRole('button', { name: 'Lift hold' }).click()]);
    assert.deepEqual(await unheld.json(), { patient_id: patient, hold: null, since: null, payment_plan_id: null });
    await page.getByRole('button', { name: 'Hold statements…' }).waitFor();

    // --- Take payment: $25.00 by card, double-clicked; it says what it will do, and posts once.
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/payments') posts++;
    });
    await page.getByRole('button', { name: 'Take payment' }).click();
    const dialog = page.getByRole('dialog', { name: `Take a payment: ${fullName}` });
    await dialog.getByRole('radio', { name: 'Card' }).waitFor({ state: 'attached' });
    assert.equal(await dialog.getByRole('radio', { name: 'Card' }).isChecked(), true, 'card is the default');
    // Nothing entered: said at the field, nothing sent.
    await dialog.getByRole('button', { name: 'Post payment' }).click();
    await dialog.getByText('Enter the amount received').waitFor();
    assert.equal(posts, 0);
    assert.equal(await dialog.getByRole('textbox', { name: 'Received on' }).inputValue(), nyNow().date.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$2/$3/$1'), 'received today');
    await dialog.getByRole('textbox', { name: 'Amount' }).fill('25');
    await dialog.getByRole('textbox', { name: 'Reference' }).fill('AUTH 1234');
    await dialog.getByTestId('payment-preview').getByText('Pays the $10.00 owed; $15.00 is kept as credit.').waitFor();
    await shot(page, 'payments-03-take-payment.png');
    const [paid] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/payments$/), dialog.getByRole('button', { name: 'Post payment' }).dblclick()]);
    assert.ok([200, 201].includes(paid.status()), await paid.text());
    assert.equal(paid.request().postDataJSON().received_on, nyNow().date);
    const key = paid.request().headers()['idempotency-key'];
    assert.match(key ?? '', /^[0-9a-f-]{36}$/, 'an Idempotency-Key per dialog');
    const toast = page.locator('.mantine-Notification-root').filter({ hasText: 'Payment of $25.00 posted' });
    await toast.getByText(`${fullName}: $10.00 paid the balance; $15.00 kept as credit.`).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await waitBalances(page, ['$65.00', '$0.00', '$15.00']);
    const payments = (await account()).entries.filter((e) => e.kind === 'payment');
    assert.equal(payments.length, 1, `one payment posted (${posts} request(s) sent)`);
    const payRow = entries.getByRole('row', { name: /Patient payment/ });
    await payRow.getByText('Card · AUTH 1234').waitFor();
    await shot(page, 'payments-04-payment-posted.png');
    // Paid up, with a credit: no statement to print, said as information (nothing asked of the server), not as a failure.
    let statementAsks = 0;
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.endsWith('/statement.pdf')) statementAsks++;
    });
    await page.getByRole('button', { name: 'Statement (PDF)' }).click();
    await toastSaying(page, 'No statement to print').getByText('The patient owes nothing: there is nothing to bill.').waitFor();
    assert.equal(await toastSaying(page, 'The download failed').count(), 0);
    assert.equal(statementAsks, 0);

    // --- The denial on its worklist: the reasons, the deadline, the claim one click away.
    await openArea(nav);
    await nav.getByRole('link', { name: /^Denials/ }).click();
    await page.waitForURL(/\/billing\/ar\/denials$/);
    const denials = page.getByRole('table', { name: 'Denials' });
    const row = denials.getByRole('row', { name: new RegExp(`Claim ${claim.id} · line 2`) });
    await row.getByRole('listitem').filter({ hasText: 'CO-50' }).waitFor();
    await row.getByRole('listitem').filter({ hasText: 'N115' }).waitFor();
    await row.getByRole('cell', { name: '65.00', exact: true }).waitFor();
    await row.getByText('Aetna').waitFor();
    await row.getByText(/days left$/).waitFor();
    await row.getByRole('listitem').filter({ hasText: 'CO-50' }).hover();
    await page.getByRole('tooltip').getByText(/50: Not medically necessary/).waitFor();
    await page.waitForTimeout(300); // the tooltip fades in
    await shot(page, 'payments-05-denials.png');
    // Marked appealed, with a note: it leaves the open list; under All it says Appealed. Billers write nothing off.
    await row.getByRole('button', { name: `Update the denial of claim ${claim.id} · line 2` }).click();
    assert.equal(await page.getByRole('menuitem', { name: 'Write off…' }).count(), 0, 'write-offs are the practice manager’s');
    await page.getByRole('menuitem', { name: 'Mark appealed' }).click();
    const appeal = page.getByRole('dialog', { name: `Mark the denial of claim ${claim.id} · line 2 appealed` });
    await appeal.getByRole('textbox', { name: 'Note' }).fill('appeal letter sent with the records');
    await shot(page, 'payments-05a-appeal.png');
    const [appealed] = await Promise.all([respond(page, 'PATCH', /^\/api\/v1\/denials\/\d+$/), appeal.getByRole('button', { name: 'Mark appealed' }).click()]);
    assert.deepEqual(await appealed.json(), { id: appealed.request().url().match(/\d+$/)[0] * 1, status: 'appealed', from: 'open', note: 'appeal letter sent with the records' });
    await toastSaying(page, `Denial of claim ${claim.id} · line 2: marked appealed.`).waitFor();
    await page.getByText('No open denial: nothing to work').waitFor();
    await page.getByText('All', { exact: true }).click();
    await row.getByText('Appealed', { exact: true }).waitFor();
    await row.getByRole('link', { name: `Claim ${claim.id} · line 2` }).click();
    await page.waitForURL(new RegExp(`/billing/claims/${claim.id}$`));

    // --- The underpayment: allowed 90 against a contract of 98.
    await nav.getByRole('link', { name: /^Underpayments/ }).click();
    const under = page.getByRole('table', { name: 'Underpayments' }).getByRole('row', { name: new RegExp(`Claim ${claim.id} · line 1`) });
    for (const amount of ['98.00', '90.00', '80.00', '8.00']) await under.getByRole('cell', { name: amount, exact: true }).waitFor();
    await shot(page, 'payments-05b-underpayments.png');

    // --- The exception says why, and leads to its remittance.
    await nav.getByRole('link', { name: /^Posting exceptions/ }).click();
    const exc = page.getByRole('table', { name: 'Posting exceptions' }).getByRole('row', { name: new RegExp(`Remittance ${secondRemit}`) });
    await exc.getByText(/posted from an earlier remittance/).waitFor();
    await exc.getByRole('link', { name: `Claim ${claim.id}` }).waitFor();
    await shot(page, 'payments-05c-exceptions.png');
    await exc.getByRole('link', { name: new RegExp(`^Remittance ${secondRemit}`) }).click();
    await page.waitForURL(new RegExp(`/billing/remittances/${secondRemit}$`));
    await page.getByRole('heading', { name: `Remittance ${secondRemit}` }).waitFor();

    // --- A/R aging: what Aetna owes, in the 0-30 bucket, reconciled with the journal.
    await openArea(nav);
    await nav.getByRole('link', { name: 'A/R aging', exact: true }).click();
    await page.waitForURL(/\/billing\/ar\/aging$/);
    await page.getByTestId('aging-reconciles').getByText('Reconciles with the journal: $65.00').waitFor();
    const byPayer = page.getByRole('table', { name: 'A/R aging by payer' });
    const aetnaRow = byPayer.getByRole('row', { name: /Aetna/ });
    assert.deepEqual((await aetnaRow.locator('td').allInnerTexts()).map((t) => t.trim()), ['Aetna', '65.00', '', '', '', '', '65.00']);
    assert.equal(await byPayer.getByRole('row', { name: /Patient responsibility/ }).count(), 0, 'the patient owes nothing now');
    await page.getByTestId('aging-chart').waitFor();
    assert.match(await page.getByTestId('aging-chart').getAttribute('aria-label'), /0–30 days \$65\.00/);
    await shot(page, 'payments-06-aging-by-payer.png');
    // The same table as a spreadsheet, in dollars.
    const csv = await download(page, () => page.getByRole('button', { name: 'Download CSV' }).click());
    assert.match(csv.name, /^ar-aging-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.bytes.toString('utf8').trim().split(/\r?\n/);
    assert.deepEqual(lines, ['Owed by,0-30 days,31-60 days,61-90 days,91-120 days,Over 120 days,Total', 'Aetna,65.00,0.00,0.00,0.00,0.00,65.00', 'Total,65.00,0.00,0.00,0.00,0.00,65.00']);
    await page.getByText('By patient', { exact: true }).click();
    await page.waitForURL(/by=patient/);
    const byPatient = page.getByRole('table', { name: 'A/R aging by patient' });
    await byPatient.getByRole('link', { name: fullName }).waitFor();
    await page.getByTestId('aging-reconciles').getByText('Reconciles with the journal: $65.00').waitFor();
    await shot(page, 'payments-07-aging-by-patient.png');
    // Every figure leads to what is behind it: the patient's account.
    await byPatient.getByRole('link', { name: fullName }).click();
    await page.waitForURL(new RegExp(`/patients/${patient}\\?tab=account$`));
    await waitBalances(page, ['$65.00', '$0.00', '$15.00']);

    // --- The payment reversed, with a reason: the balances go back and both entries say so.
    await page.getByRole('button', { name: /^Reverse the patient payment of / }).click();
    const rev = page.getByRole('dialog', { name: /^Reverse the patient payment of / });
    await rev.getByText(/Patient owes \+\$10\.00, Credit −\$15\.00/).waitFor();
    await rev.getByRole('button', { name: 'Reverse entry' }).click();
    await rev.getByText('Say why this entry is reversed.').waitFor();
    await shot(page, 'payments-08a-reverse-dialog.png');
    await rev.getByRole('textbox', { name: 'Why' }).fill('card payment declined');
    await Promise.all([respond(page, 'POST', /^\/api\/v1\/journal-entries\/\d+\/reverse$/), rev.getByRole('button', { name: 'Reverse entry' }).click()]);
    await waitBalances(page, ['$65.00', '$10.00', '$0.00']);
    await entries.getByRole('row', { name: /Patient payment/ }).getByText('Reversed', { exact: true }).waitFor();
    await entries.getByRole('row', { name: /^.*Reversal/ }).getByText(/Reverses the patient payment of .* · card payment declined/).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Reverse the patient payment of / }).count(), 0, 'reversed once only');
    await shot(page, 'payments-08b-reversed.png');

    // The first look for a session, before signing in, answers 401.
    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e)), [], 'no errors in the browser console');
  } catch (e) {
    await shot(page, 'payments-failure.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});

test('practice manager: writes the appealed denial off with a reason, after a conflict; the insurance balance goes to zero', { timeout: 120_000 }, async () => {
  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors);
  try {
    await signIn(page, px.url, px.email('practice_manager'));
    // The group's own address leads to its first page.
    await page.goto(`${px.url}/billing/ar`);
    await page.waitForURL(/\/billing\/ar\/aging$/);
    await page.goto(`${px.url}/billing/ar/denials?status=all`);
    const row = page.getByRole('table', { name: 'Denials' }).getByRole('row', { name: new RegExp(`Claim ${claim.id} · line 2`) });
    await row.getByText('Appealed', { exact: true }).waitFor();
    const denial = (await must(biller.get('/api/v1/denials'), 200)).items.find((d) => d.claim_id === claim.id);
    await row.getByRole('button', { name: `Update the denial of claim ${claim.id} · line 2` }).click();
    await page.getByRole('menuitem', { name: 'Write off…' }).click();
    const dialog = page.getByRole('dialog', { name: `Write off the denial of claim ${claim.id} · line 2?` });
    await dialog.getByText(/What Aetna still owes on this line is posted as a write-off/).waitFor();
    // No reason: said at the field, nothing sent.
    await dialog.getByRole('button', { name: 'Write off', exact: true }).click();
    await dialog.getByText('Say why this denial is written off').waitFor();
    await dialog.getByRole('textbox', { name: 'Why' }).fill('appeal lost');
    // Meanwhile the biller marks it resubmitted: the write-off is refused, said, and the row shows where it is.
    await must(biller.patch(`/api/v1/denials/${denial.id}`, { status: 'resubmitted' }), 200);
    const [refused] = await Promise.all([respond(page, 'PATCH', /^\/api\/v1\/denials\/\d+$/), dialog.getByRole('button', { name: 'Write off', exact: true }).click()]);
    assert.equal(refused.status(), 409);
    await dialog.getByRole('alert').getByText(/^This denial was changed meanwhile \(.*resubmitted.*\)/).waitFor();
    assert.equal(await dialog.getByRole('textbox', { name: 'Why' }).inputValue(), 'appeal lost', 'what was typed is kept');
    await row.getByText('Resubmitted', { exact: true }).waitFor();
    await shot(page, 'payments-09a-writeoff-conflict.png');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // Reopened, then written off.
    await row.getByRole('button', { name: `Update the denial of claim ${claim.id} · line 2` }).click();
    await page.getByRole('menuitem', { name: 'Reopen' }).click();
    const reopen = page.getByRole('dialog', { name: `Reopen the denial of claim ${claim.id} · line 2?` });
    await Promise.all([respond(page, 'PATCH', /^\/api\/v1\/denials\/\d+$/), reopen.getByRole('button', { name: 'Reopen' }).click()]);
    await row.getByText('Open', { exact: true }).waitFor();
    await row.getByRole('button', { name: `Update the denial of claim ${claim.id} · line 2` }).click();
    await page.getByRole('menuitem', { name: 'Write off…' }).click();
    await dialog.getByRole('textbox', { name: 'Why' }).fill('appeal lost');
    await shot(page, 'payments-09b-writeoff.png');
    const [written] = await Promise.all([respond(page, 'PATCH', /^\/api\/v1\/denials\/\d+$/), dialog.getByRole('button', { name: 'Write off', exact: true }).click()]);
    assert.equal(written.status(), 200, await written.text());
    await toastSaying(page, `Denial of claim ${claim.id} · line 2: written off.`).waitFor();
    await row.getByText('Written off', { exact: true }).waitFor();
    assert.equal(await row.getByRole('button', { name: /^Update the denial/ }).count(), 0, 'a written-off denial is done');
    // The account: what Aetna owed on the line is written off, with the reason.
    await row.getByRole('link', { name: 'Patient account' }).click();
    await page.waitForURL(new RegExp(`/patients/${patient}\\?tab=account$`));
    await waitBalances(page, ['$0.00', '$10.00', '$0.00']);
    await page.getByRole('table', { name: 'Account entries' }).getByRole('row', { name: /Write-off/ }).getByText('denial CO-50,N115 written off: appeal lost').waitFor();
    await shot(page, 'payments-09c-written-off.png');
    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*(401|409)/.test(e)), [], 'no errors in the browser console');
  } catch (e) {
    await shot(page, 'payments-failure-manager.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});

test('front desk: takes a payment on the account but reverses nothing and sees no A/R', { timeout: 120_000 }, async () => {
  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors);
  try {
    await signIn(page, px.url, px.email('front_desk'));
    await page.goto(`${px.url}/patients/${patient}?tab=account`);
    await page.getByRole('group', { name: 'Patient owes' }).waitFor();
    await page.getByRole('button', { name: 'Take payment' }).waitFor();
    const entries = page.getByRole('table', { name: 'Account entries' });
    await entries.getByText('Insurance payment').first().waitFor();
    assert.equal(await entries.getByRole('button', { name: /^Reverse/ }).count(), 0, 'reversals are the billing office’s');
    assert.equal(await entries.getByRole('link', { name: /^Claim / }).count(), 0, 'claims are not the desk’s to open');
    await page.getByRole('button', { name: 'Statement (PDF)' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Hold statements…' }).count(), 0, 'holds are the billing office’s');
    const nav = page.getByRole('navigation', { name: 'Areas' });
    assert.equal(await nav.getByText('Payments & A/R').count(), 0);
    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e)), [], 'no errors in the browser console');
  } catch (e) {
    await shot(page, 'payments-failure-desk.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});
