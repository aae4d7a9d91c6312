// Browser test of payment plans on the Account tab. A patient owes $150.00 for a self-pay visit.
// The biller opens the Account tab (the plan loads with it: the server answers 200 null for an
// account that never had one, no failed load), sees there is none, and sets one up in the dialog: nothing
// entered is said at the fields and nothing sent; an installment of $1.00 (150 installments) is
// refused by the server and its words stand under the Installment field; $50.00 monthly from 20
// days ago is taken. The section then shows the plan as GET /payment-plan answers it: Active, the
// installment, the next due, paid, remaining, the $50.00 behind (marked), each installment of the
// schedule (the first late), and the statements held. Away and back, the plan shows again. After the reminders run, the late notice is skipped for want of
// e-mail consent; a $25.00 payment taken on the tab reloads the plan: half the first installment
// paid, $25.00 behind, and the skipped notice with why (the desk is to call). The plan is
// cancelled with a reason (none given is said first) and shown cancelled, the statements' hold gone.
// Then the front desk, on a child's Account tab, sees the plan of the family account (set up for
// the child, it is the parent's: the holder's) said to be the holder's, and no buttons to change it.
//
// Starts its own server on a fresh database (tests/lib/server.mjs). Optional:
// PRAXIS_SCREENSHOT_DIR (screenshots at 1280 px and 800 px wide), PRAXIS_CHROMIUM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPraxis, client, login } from '../lib/server.mjs';
import { billingPractice } from '../lib/practice.mjs';
import { launch, newPage, signIn, shot, must, letters, cap, addDays, nyNow } from '../lib/browser.mjs';

let px, desk, biller, pat, mom, kid;
const family = cap(`Plan${letters(6)}`);
const name = (given) => `${family}, ${given}`;
const address = { line1: '12 Elm St', city: 'Springfield', state: 'MA', postal_code: '01103' };
const firstDue = addDays(nyNow().date, -20);

before(async () => {
  px = await startPraxis();
  const mgr = client(px.url, await login(px.url, px.email('practice_manager')));
  desk = client(px.url, await login(px.url, px.email('front_desk')));
  biller = client(px.url, await login(px.url, px.email('biller')));
  const { loc, doc } = await billingPractice({ mgr, biller }, { location: 'Main St', address });
  await must(biller.post('/api/v1/fees', { code: '99213', fee_cents: 15000, effective_from: '2020-01-01' }));
  const mk = async (given, birth, extra = {}) => must(desk.post('/api/v1/patients', { family_name: family, given_name: given, birth_date: birth, sex_at_birth: 'F', address, ...extra }));
  pat = await mk('Pat', '1970-05-05');
  mom = await mk('Mom', '1980-01-01');
  kid = await mk('Kid', '2015-01-01', { guarantor: { patient_id: mom.id, relationship: 'Mother' } });
  assert.equal(kid.guarantor.patient_id, mom.id);
  // Self-pay visits: what they charge is the patient's to pay.
  for (const who of [pat.id, mom.id])
    await must(biller.post('/api/v1/encounters', { patient_id: who, service_date: addDays(nyNow().date, -30), rendering_provider_id: doc, location_id: loc,
      diagnoses: ['I10'], lines: [{ code: '99213', pointers: [1] }] }));
  assert.equal((await must(biller.get(`/api/v1/patients/${pat.id}/account`), 200)).balances.patient_cents, 15000);
});
after(async () => {
  await px?.stop();
});

const respond = (page, method, re) => page.waitForResponse((r) => r.request().method() === method && re.test(new URL(r.url()).pathname));
const planOf = async (id) => must(biller.get(`/api/v1/patients/${id}/payment-plan`), 200);
/** Cents as the schedule shows them: two decimals, no symbol. */
const money = (c) => (c / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usDate = (iso) => iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$2/$3/$1');
const STATUS = { paid: 'Paid', 'part paid': 'Part paid', due: 'Due', late: 'Late' };
/** A figure of the plan: its value and its hint. */
const figure = async (section, label) => (await section.getByRole('group', { name: label, exact: true }).locator('p').allInnerTexts()).slice(1).map((t) => t.trim());

/** The schedule table shows what the API answers, row by row. */
async function scheduleMatches(section, plan) {
  const rows = section.getByRole('table', { name: 'Payment plan schedule' }).getByTestId('plan-installment');
  assert.equal(await rows.count(), plan.schedule.length, 'one row an installment');
  for (const [k, i] of plan.schedule.entries()) {
    const cells = (await rows.nth(k).locator('td').allTextContents()).map((t) => t.trim());
    assert.deepEqual([cells[0], cells[1].replace(/\s*\(next\)$/, ''), cells[2], cells[3], cells[4]], [String(k + 1), usDate(i.due), money(i.amount_cents), money(i.paid_cents), STATUS[i.status]]);
  }
}
async function waitFor(check) {
  let last;
  for (let i = 0; i < 100; i++) {
    try {
      return await check();
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 100)); // polling the screen for the refetched plan
    }
  }
  throw last;
}

test('biller: sets up a plan (a refused installment corrected), sees its schedule and what is behind, a part payment, cancels it with a reason', { timeout: 180_000 }, async () => {
  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors, { viewport: { width: 1280, height: 900 } });
  let planAsks = 0, creates = 0;
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path === `/api/v1/patients/${pat.id}/payment-plan`) planAsks++;
    if (r.method() === 'POST' && path === '/api/v1/payment-plans') creates++;
  });
  try {
    await signIn(page, px.url, px.email('biller'));
    // --- No plan yet: it loads with the tab, 200 null.
    const [none] = await Promise.all([respond(page, 'GET', new RegExp(`^/api/v1/patients/${pat.id}/payment-plan$`)), page.goto(`${px.url}/patients/${pat.id}?tab=account`)]);
    assert.equal(none.status(), 200);
    assert.equal(await none.text(), 'null');
    await page.getByTestId('patient-name').getByText(name('Pat')).waitFor();
    const section = page.getByRole('region', { name: 'Payment plan' });
    await section.getByTestId('plan-none').getByText('No payment plan: this account has never had one.').waitFor();
    await page.getByRole('group', { name: 'Patient owes' }).getByText('$150.00').waitFor();
    assert.equal(planAsks, 1, 'the plan is asked for once, with the tab');
    assert.equal(await section.getByRole('button', { name: 'Show payment plan' }).count(), 0, 'nothing to click to see it');
    await shot(page, 'plan-01-none.png');

    // --- The dialog, opened from the keyboard: nothing entered is said at the fields, nothing sent.
    await section.getByRole('button', { name: 'Set up payment plan' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Set up a payment plan: ${name('Pat')}` });
    await dialog.getByText('The patient owes $150.00.', { exact: false }).waitFor();
    assert.equal(await dialog.getByRole('radio', { name: 'Monthly' }).isChecked(), true, 'monthly unless said otherwise');
    for (const f of ['Monthly', 'Every 2 weeks', 'Weekly']) await dialog.getByRole('radio', { name: f }).waitFor({ state: 'attached' });
    await dialog.getByRole('button', { name: 'Set up plan' }).click();
    await dialog.getByText('Enter the amount of each installment').waitFor();
    await dialog.getByText('Enter the day the first installment is due').waitFor();
    assert.equal(creates, 0, 'nothing sent');

    // --- $1.00 an installment: 150 of them, which the server refuses under the field.
    const installment = dialog.getByRole('textbox', { name: 'Installment' });
    await installment.fill('1');
    await dialog.getByRole('textbox', { name: 'First due' }).fill(usDate(firstDue));
    await dialog.getByRole('textbox', { name: 'First due' }).press('Tab'); // the date input takes what was typed on blur
    await dialog.getByTestId('plan-preview').getByText('150 installments of $1.00.').waitFor();
    const [refused] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/payment-plans$/), dialog.getByRole('button', { name: 'Set up plan' }).click()]);
    assert.equal(refused.status(), 400, await refused.text());
    assert.deepEqual((await refused.json()).errors.map((e) => e.field), ['installment_cents']);
    await dialog.getByText('The installment would take more than 120 installments.').waitFor();
    assert.equal(await installment.getAttribute('aria-invalid'), 'true', 'the error is the field\'s');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-path')), 'installment', 'focus on the refused field');
    assert.equal(await dialog.getByRole('alert').count(), 0, 'said at the field, not above the form');
    await shot(page, 'plan-02-field-error.png');

    // --- Corrected: $50.00 monthly, the total left to what is owed.
    await installment.fill('50');
    await dialog.getByTestId('plan-preview').getByText('3 installments of $50.00.').waitFor();
    assert.equal(await dialog.getByText('The installment would take more than 120 installments.').count(), 0, 'the error goes with the change');
    await dialog.getByRole('textbox', { name: 'Note' }).fill('agreed at the desk');
    const [made] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/payment-plans$/), dialog.getByRole('button', { name: 'Set up plan' }).click()]);
    assert.equal(made.status(), 201, await made.text());
    assert.deepEqual(made.request().postDataJSON(), { patient_id: pat.id, installment_cents: 5000, first_due: firstDue, frequency: 'monthly', note: 'agreed at the desk' });
    await dialog.waitFor({ state: 'detached' });
    assert.equal(creates, 2);

    // --- The plan as the API answers it.
    const plan = await planOf(pat.id);
    assert.equal(plan.status, 'active');
    assert.equal(plan.total_cents, 15000, 'the total is what was owed');
    assert.deepEqual(plan.schedule.map((i) => [i.amount_cents, i.status]), [[5000, 'late'], [5000, 'due'], [5000, 'due']]);
    assert.equal(plan.behind_cents, 5000);
    await section.getByText('Active', { exact: true }).waitFor();
    assert.deepEqual(await figure(section, 'Installment'), ['$50.00', 'Monthly']);
    assert.deepEqual(await figure(section, 'Next due'), [usDate(firstDue), '$50.00']);
    assert.deepEqual(await figure(section, 'Paid so far'), ['$0.00', 'Since the plan began']);
    assert.deepEqual(await figure(section, 'Remaining'), ['$150.00', 'Of $150.00']);
    assert.deepEqual(await figure(section, 'Behind'), ['$50.00', '$50.00 was due by today']);
    await section.getByTestId('plan-behind').getByText(/^Behind by \$50\.00: \$50\.00 was due by today and \$0\.00 has been paid/).waitFor();
    await scheduleMatches(section, plan);
    await section.getByText(/Note: agreed at the desk/).waitFor();
    // The server holds the account from statements while the plan runs.
    await page.getByRole('status').filter({ hasText: 'Statements on hold while the payment plan runs' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Lift hold' }).count(), 0, 'the plan is the hold: it ends with the plan');
    await section.getByRole('button', { name: 'Cancel plan…' }).waitFor();
    assert.equal(await section.getByRole('button', { name: 'Set up payment plan' }).count(), 0, 'one active plan at a time');
    await shot(page, 'plan-03-active-1280.png');
    await page.setViewportSize({ width: 800, height: 900 });
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'plan-04-active-800.png');
    // At tablet width the section fits: no sideways scrolling of the page.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll at 800 px');
    await page.setViewportSize({ width: 1280, height: 900 });

    // --- Away and back: the plan is there again.
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Patients', exact: true }).click();
    await page.waitForURL(/\/patients$/);
    await page.goBack();
    await page.waitForURL(new RegExp(`/patients/${pat.id}\\?tab=account$`));
    await section.getByRole('table', { name: 'Payment plan schedule' }).waitFor();

    // --- The reminders run: the late notice is skipped, the patient has no e-mail consent.
    await must(biller.post('/api/v1/payment-plan-reminders/run', {}), 200);
    assert.deepEqual((await planOf(pat.id)).reminders.map((r) => [r.due, r.kind, r.status, r.outcome]), [[firstDue, 'late', 'skipped', 'skipped: no e-mail consent or address']]);

    // --- $25.00 taken on the tab: the plan loads again, half the first installment paid, $25.00 behind.
    await page.getByRole('button', { name: 'Take payment' }).click();
    const pay = page.getByRole('dialog', { name: `Take a payment: ${name('Pat')}` });
    await pay.getByRole('textbox', { name: 'Amount' }).fill('25');
    const [paid] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/payments$/), pay.getByRole('button', { name: 'Post payment' }).click()]);
    assert.equal(paid.status(), 201, await paid.text());
    const afterPay = await planOf(pat.id);
    assert.deepEqual(afterPay.schedule.map((i) => [i.paid_cents, i.status]), [[2500, 'late'], [0, 'due'], [0, 'due']]);
    assert.equal(afterPay.behind_cents, 2500);
    await waitFor(async () => assert.deepEqual(await figure(section, 'Paid so far'), ['$25.00', 'Since the plan began']));
    assert.deepEqual(await figure(section, 'Behind'), ['$25.00', '$50.00 was due by today']);
    assert.deepEqual(await figure(section, 'Remaining'), ['$125.00', 'Of $150.00']);
    assert.deepEqual(await figure(section, 'Next due'), [usDate(firstDue), '$25.00 still to pay']);
    await section.getByTestId('plan-behind').getByText(/^Behind by \$25\.00: \$50\.00 was due by today and \$25\.00 has been paid/).waitFor();
    await scheduleMatches(section, afterPay);
    // The late notice, skipped, says why: the desk is to call.
    const reminder = section.getByTestId('plan-reminders').getByTestId('plan-reminder');
    assert.equal(await reminder.count(), 1);
    await reminder.getByText(`Late notice: the installment due ${usDate(firstDue)}`).waitFor();
    await reminder.getByText('Skipped', { exact: true }).waitFor();
    await reminder.getByText('Skipped: no e-mail consent or address: call the patient about the installment.').waitFor();
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'plan-05-part-paid.png');

    // --- Cancelled with a reason: none given is said first, nothing sent.
    let cancels = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/payment-plans\/\d+\/cancel$/.test(new URL(r.url()).pathname)) cancels++;
    });
    await section.getByRole('button', { name: 'Cancel plan…' }).click();
    const cancel = page.getByRole('dialog', { name: `Cancel the payment plan: ${name('Pat')}?` });
    await cancel.getByRole('button', { name: 'Cancel plan', exact: true }).click();
    await cancel.getByText('Say why the plan is cancelled').waitFor();
    assert.equal(cancels, 0, 'nothing sent without a reason');
    await cancel.getByRole('textbox', { name: 'Why' }).fill('will pay the rest in full');
    await shot(page, 'plan-06-cancel.png');
    const [done] = await Promise.all([respond(page, 'POST', new RegExp(`^/api/v1/payment-plans/${plan.id}/cancel$`)), cancel.getByRole('button', { name: 'Cancel plan', exact: true }).click()]);
    assert.equal(done.status(), 200, await done.text());
    assert.deepEqual(done.request().postDataJSON(), { reason: 'will pay the rest in full' });
    await cancel.waitFor({ state: 'detached' });
    const ended = await planOf(pat.id);
    assert.equal(ended.status, 'cancelled');
    assert.deepEqual([ended.cancel_reason, ended.note], ['will pay the rest in full', 'agreed at the desk'], 'the set-up note is kept');
    await section.getByText('Cancelled', { exact: true }).waitFor();
    await section.getByTestId('plan-ended').getByText(
      `The last plan was cancelled: $50.00 monthly from ${usDate(firstDue)}, $150.00 in all; $25.00 paid. Why: will pay the rest in full. Note: agreed at the desk.`).waitFor();
    assert.equal(await section.getByRole('table', { name: 'Payment plan schedule' }).count(), 0, 'a cancelled plan is said plainly');
    assert.equal(await section.getByRole('button', { name: 'Cancel plan…' }).count(), 0);
    await section.getByRole('button', { name: 'Set up payment plan' }).waitFor();
    // The hold on statements went with the plan.
    await page.getByRole('button', { name: 'Hold statements…' }).waitFor();
    assert.equal(await page.getByRole('status').filter({ hasText: 'Statements on hold' }).count(), 0);
    await shot(page, 'plan-07-cancelled.png');

    // The refused installment's 400 is the only failed load: no plan is not a 404.
    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of (401|400)/.test(e)), [], 'no errors in the browser console');
    assert.equal(consoleErrors.filter((e) => /status of 404/.test(e)).length, 0, 'no 404: an account without a plan answers 200 null');
  } catch (e) {
    await shot(page, 'plan-failure.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});

test('front desk: a child\'s plan is the family account holder\'s, said so; no buttons to change it', { timeout: 120_000 }, async () => {
  // Set up for the child, the plan is the account's: the parent's.
  const made = await must(biller.post('/api/v1/payment-plans', { patient_id: kid.id, installment_cents: 7500, first_due: addDays(nyNow().date, 10), frequency: 'biweekly' }));
  assert.equal(made.patient_id, mom.id);
  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors);
  try {
    await signIn(page, px.url, px.email('front_desk'));
    const [got] = await Promise.all([respond(page, 'GET', new RegExp(`^/api/v1/patients/${kid.id}/payment-plan$`)), page.goto(`${px.url}/patients/${kid.id}?tab=account`)]);
    assert.equal(got.status(), 200);
    await page.getByRole('region', { name: 'Family account' }).waitFor();
    const section = page.getByRole('region', { name: 'Payment plan' });
    const note = section.getByTestId('plan-family-note');
    await note.getByText(/^A payment plan is the family account’s: it belongs to/).waitFor();
    assert.equal(await note.getByRole('link', { name: name('Mom') }).getAttribute('href'), `/patients/${mom.id}?tab=account`);
    await section.getByText('Active', { exact: true }).waitFor();
    assert.equal(await section.getByRole('button', { name: 'Set up payment plan' }).count(), 0, 'plans are the billing office’s');
    assert.deepEqual(await figure(section, 'Installment'), ['$75.00', 'Every 2 weeks']);
    assert.deepEqual(await figure(section, 'Remaining'), ['$150.00', 'Of $150.00']);
    await scheduleMatches(section, await planOf(kid.id));
    assert.equal(await section.getByRole('button', { name: 'Cancel plan…' }).count(), 0, 'cancelling is the billing office’s');
    await page.getByRole('status').filter({ hasText: 'Statements on hold while the payment plan runs' }).waitFor();
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'plan-08-family-desk.png');
    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e)), [], 'no errors in the browser console');
  } catch (e) {
    await shot(page, 'plan-failure-desk.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});
