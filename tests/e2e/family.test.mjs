// Browser test of family accounts. The front desk edits a child's guarantor: "Another patient
// of the practice", found by name (the child is never offered as their own guarantor),
// picked, saved; the child's demographics show the parent with a link and MRN. Making the
// parent (now a guarantor of others) a dependent of someone else is refused, and the server's
// words stand under the guarantor control. After self-pay visits for both (the child's first)
// the child's Account tab shows the Family account: each member's balances and the totals,
// credit and due exactly as GET /family-account answers, the holder, and the sentence about
// payments and statements. A payment larger than the child's balance, taken on the child's
// Account tab, pays the child's visit and then the parent's (oldest first). The billing office
// sees that the statement and holds act on the holder's account, and a hold set there is the
// holder's; a hold another user set shows when the tab opens, with why and since when, and
// the front desk sees it too, without the button to lift it.
//
// Starts its own server on a fresh database (tests/lib/server.mjs). Optional:
// PRAXIS_SCREENSHOT_DIR (screenshots at 1280 px and about 800 px wide), PRAXIS_CHROMIUM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPraxis, client, login } from '../lib/server.mjs';
import { billingPractice } from '../lib/practice.mjs';
import { launch, newPage, signIn, shot, must, letters, cap, addDays, nyNow } from '../lib/browser.mjs';

let px, desk, biller, mom, kid, aunt, loc, doc;
const family = cap(`Fam${letters(6)}`);
const name = (given) => `${family}, ${given}`;
const address = { line1: '12 Elm St', city: 'Springfield', state: 'MA', postal_code: '01103' };

before(async () => {
  px = await startPraxis();
  const mgr = client(px.url, await login(px.url, px.email('practice_manager')));
  desk = client(px.url, await login(px.url, px.email('front_desk')));
  biller = client(px.url, await login(px.url, px.email('biller')));
  ({ loc, doc } = await billingPractice({ mgr, biller }, { location: 'Main St', address }));
  for (const [code, fee] of [['99213', 15000], ['93000', 6500]]) await must(biller.post('/api/v1/fees', { code, fee_cents: fee, effective_from: '2020-01-01' }));
  const mk = async (given, birth) => (await must(desk.post('/api/v1/patients', { family_name: family, given_name: given, birth_date: birth, sex_at_birth: 'F', address })));
  mom = await mk('Mom', '1980-01-01');
  kid = await mk('Kid', '2015-01-01');
  aunt = await mk('Aunt', '1975-01-01');
});
after(async () => {
  await px?.stop();
});

const respond = (page, method, re) => page.waitForResponse((r) => r.request().method() === method && re.test(new URL(r.url()).pathname));
const familyAccount = async (id) => must(desk.get(`/api/v1/patients/${id}/family-account`), 200);
/** Cents as the family table shows them: two decimals, no symbol. */
const money = (c) => `${c < 0 ? '\u2212' : ''}${(Math.abs(c) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const cells = async (row) => (await row.locator('td').allInnerTexts()).map((t) => t.trim());

/** The Family account section shows what the API answers: each member, the totals, credit and due. */
async function sectionMatches(section, fam) {
  for (const m of fam.members) {
    const row = section.getByTestId(`family-member-${m.patient_id}`);
    await row.getByText(m.name, { exact: true }).waitFor();
    assert.deepEqual((await cells(row)).slice(1), [m.mrn, money(m.balances.insurance_cents), money(m.balances.patient_cents)], m.name);
  }
  assert.deepEqual(await cells(section.getByTestId('family-total')), [money(fam.balances.insurance_cents), money(fam.balances.patient_cents)]);
  assert.deepEqual(await cells(section.getByTestId('family-credit')), [fam.balances.credit_cents ? money(-fam.balances.credit_cents) : money(0)]);
  assert.deepEqual(await cells(section.getByTestId('family-due')), [money(fam.balances.due_cents)]);
}
async function waitSectionMatches(section, fam) {
  let last;
  for (let i = 0; i < 100; i++) {
    try {
      return await sectionMatches(section, fam);
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 100)); // polling the screen for the refetched account
    }
  }
  throw last;
}

/** Opens the editor of a patient and chooses "Another patient of the practice" as guarantor. */
async function editGuarantor(page, id) {
  await page.goto(`${px.url}/patients/${id}`);
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const form = page.getByRole('form', { name: 'Edit patient' });
  const section = form.getByRole('group', { name: 'Guarantor (responsible party)' });
  await section.getByRole('radio', { name: 'Another patient of the practice' }).check();
  return { form, section, search: section.getByRole('textbox', { name: 'Guarantor patient' }) };
}

test('front desk: a child\'s guarantor is their parent; the family account on the child\'s Account tab; a payment across it', { timeout: 180_000 }, async () => {
  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors, { viewport: { width: 1280, height: 900 } });
  try {
    await signIn(page, px.url, px.email('front_desk'));

    // --- The child's guarantor: the parent, found by name; the child is not offered.
    const { form, section, search } = await editGuarantor(page, kid.id);
    await search.fill(family);
    const options = page.getByRole('listbox', { name: 'Matching patients' });
    await options.getByRole('option', { name: new RegExp(`^${name('Mom')}, born`) }).waitFor();
    await options.getByRole('option', { name: new RegExp(`^${name('Aunt')}, born`) }).waitFor();
    assert.equal(await options.getByRole('option', { name: new RegExp(`^${name('Kid')},`) }).count(), 0, 'not their own guarantor');
    await shot(page, 'family-01-search-guarantor.png');
    await options.getByRole('option', { name: new RegExp(`^${name('Mom')}, born`) }).click();
    await section.getByTestId('guarantor-patient').getByText(name('Mom')).waitFor();
    await section.getByText(mom.mrn).waitFor();
    await section.getByRole('textbox', { name: 'Guarantor relationship' }).fill('Mother');
    await shot(page, 'family-02-guarantor-chosen.png');
    const [saved] = await Promise.all([respond(page, 'PATCH', new RegExp(`^/api/v1/patients/${kid.id}$`)), form.getByRole('button', { name: 'Save changes' }).click()]);
    assert.equal(saved.status(), 200, await saved.text());
    assert.deepEqual(saved.request().postDataJSON().guarantor, { name: null, relationship: 'Mother', phone: null, patient_id: mom.id });
    // Seen on the demographics: the parent by name (a link to their page) and MRN.
    const card = page.getByRole('heading', { name: 'Guarantor', exact: true }).locator('..');
    const link = card.getByRole('link', { name: name('Mom') });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), `/patients/${mom.id}`);
    await card.getByText(mom.mrn).waitFor();
    await card.getByText('Mother').waitFor();
    assert.equal((await must(desk.get(`/api/v1/patients/${kid.id}`), 200)).guarantor.patient_id, mom.id);
    await shot(page, 'family-03-demographics.png');

    // --- The parent, guarantor of the child, cannot become someone else's dependent: said at the control.
    const parent = await editGuarantor(page, mom.id);
    await parent.search.fill(`${family} aunt`);
    await page.getByRole('listbox', { name: 'Matching patients' }).getByRole('option', { name: new RegExp(`^${name('Aunt')}, born`) }).click();
    const [refused] = await Promise.all([respond(page, 'PATCH', new RegExp(`^/api/v1/patients/${mom.id}$`)), parent.form.getByRole('button', { name: 'Save changes' }).click()]);
    assert.equal(refused.status(), 400);
    assert.deepEqual((await refused.json()).errors.map((e) => e.field), ['guarantor.patient_id']);
    await parent.section.getByText('This patient is the guarantor of other patients, so cannot have a guarantor who is a patient.').waitFor();
    await parent.form.getByRole('alert').getByText('Some fields need attention.').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-path')), 'guarantor.patient_id', 'focus on the rejected control');
    await parent.section.scrollIntoViewIfNeeded();
    await shot(page, 'family-04-guarantor-refused.png');
    // Removing the choice clears the error and brings the search back.
    await parent.section.getByRole('button', { name: 'Remove' }).click();
    await parent.search.waitFor();
    assert.equal(await parent.section.getByText(/guarantor of other patients/).count(), 0);
    await parent.form.getByRole('button', { name: 'Cancel' }).click();
    assert.equal((await must(desk.get(`/api/v1/patients/${mom.id}`), 200)).guarantor.patient_id, null, 'nothing saved');

    // --- Self-pay visits: the child's first (older), then the parent's.
    const today = nyNow().date;
    for (const [who, day, code] of [[kid.id, addDays(today, -10), '99213'], [mom.id, addDays(today, -9), '93000']])
      await must(biller.post('/api/v1/encounters', { patient_id: who, service_date: day, rendering_provider_id: doc, location_id: loc,
        diagnoses: ['I10'], lines: [{ code, pointers: [1] }] }));
    const fam = await familyAccount(kid.id);
    assert.equal(fam.holder_id, mom.id);
    assert.deepEqual(fam.members.map((m) => m.patient_id), [mom.id, kid.id], 'the holder first');

    // --- The child's Account tab: the Family account, as the API answers it.
    await page.goto(`${px.url}/patients/${kid.id}?tab=account`);
    const famSection = page.getByRole('region', { name: 'Family account' });
    await famSection.waitFor();
    await sectionMatches(famSection, fam);
    const holderLink = famSection.getByRole('link', { name: name('Mom') }).first();
    assert.equal(await holderLink.getAttribute('href'), `/patients/${mom.id}?tab=account`);
    await famSection.getByText(/Payments taken here apply to the family's oldest balances/).waitFor();
    await famSection.getByText(new RegExp(`statements go to ${name('Mom')}\\.`)).waitFor();
    await famSection.getByTestId(`family-member-${mom.id}`).getByText('Holder', { exact: true }).waitFor();
    await famSection.getByTestId(`family-member-${kid.id}`).getByText('(this patient)').waitFor();
    await page.getByTestId('family-actions-note').getByText(/^The statement acts on the family account held by/).waitFor();
    await page.getByTestId('family-actions-note').getByRole('link', { name: name('Mom') }).waitFor();
    await shot(page, 'family-05-account-1280.png');
    await page.setViewportSize({ width: 800, height: 900 });
    await famSection.scrollIntoViewIfNeeded();
    await shot(page, 'family-06-account-800.png');
    await page.setViewportSize({ width: 1280, height: 900 });

    // --- A payment on the child's tab larger than the child's balance: the child's visit, then the parent's.
    const kidOwed = fam.members.find((m) => m.patient_id === kid.id).balances.patient_cents;
    const momOwed = fam.members.find((m) => m.patient_id === mom.id).balances.patient_cents;
    const amount = kidOwed + Math.floor(momOwed / 2);
    assert.ok(amount > kidOwed && amount < kidOwed + momOwed);
    await page.getByRole('button', { name: 'Take payment' }).click();
    const dialog = page.getByRole('dialog', { name: `Take a payment: ${name('Kid')}` });
    await dialog.getByText(`The family account held by ${name('Mom')} owes`).waitFor();
    await dialog.getByRole('textbox', { name: 'Amount' }).fill(String(amount / 100));
    await dialog.getByTestId('payment-preview').getByText(`Pays $${money(amount)} of the $${money(fam.balances.patient_cents)} owed.`).waitFor();
    await shot(page, 'family-07-take-payment.png');
    const [paid] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/payments$/), dialog.getByRole('button', { name: 'Post payment' }).click()]);
    assert.equal(paid.status(), 201, await paid.text());
    const afterPay = await familyAccount(kid.id);
    const owes = (f, id) => f.members.find((m) => m.patient_id === id).balances.patient_cents;
    assert.equal(owes(afterPay, kid.id), 0, 'the child\'s (older) visit is paid first');
    assert.equal(owes(afterPay, mom.id), momOwed - (amount - kidOwed), 'the rest went to the parent\'s visit');
    await waitSectionMatches(famSection, afterPay);
    await shot(page, 'family-08-after-payment.png');

    // The parent's own Account tab says the same: their balance went down too.
    await famSection.getByRole('link', { name: name('Mom') }).first().click();
    await page.waitForURL(new RegExp(`/patients/${mom.id}\\?tab=account$`));
    await page.getByTestId('patient-name').getByText(name('Mom')).waitFor();
    await waitSectionMatches(page.getByRole('region', { name: 'Family account' }), afterPay);
    await page.getByRole('group', { name: 'Patient owes' }).getByText(`$${money(owes(afterPay, mom.id))}`).waitFor();
    assert.equal(await page.getByTestId('family-actions-note').count(), 0, 'the holder\'s statement is their own');
    await shot(page, 'family-09-holder-account.png');

    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*(401|400)/.test(e)), [], 'no errors in the browser console');
  } catch (e) {
    await shot(page, 'family-failure.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});

test('biller: on a dependent\'s Account tab the statement and holds act on the holder\'s account', { timeout: 120_000 }, async () => {
  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors);
  try {
    await signIn(page, px.url, px.email('biller'));
    await page.goto(`${px.url}/patients/${kid.id}?tab=account`);
    await page.getByRole('region', { name: 'Family account' }).waitFor();
    await page.getByTestId('family-actions-note').getByText(/^The statement and statement holds act on the family account held by/).waitFor();
    await page.getByRole('button', { name: 'Hold statements…' }).click();
    const dialog = page.getByRole('dialog', { name: `Hold statements: ${name('Mom')}` });
    const [held] = await Promise.all([respond(page, 'PUT', new RegExp(`^/api/v1/patients/${mom.id}/account-hold$`)),
      dialog.getByRole('button', { name: 'Hold statements', exact: true }).click()]);
    const answer = await held.json();
    assert.deepEqual([answer.patient_id, answer.hold, answer.payment_plan_id], [mom.id, 'disputed', null]);
    await page.getByRole('status').filter({ hasText: 'Statements on hold: disputed (since ' }).waitFor();
    await shot(page, 'family-10-biller-hold.png');
    await Promise.all([respond(page, 'PUT', /\/account-hold$/), page.getByRole('button', { name: 'Lift hold' }).click()]);
    await page.getByRole('button', { name: 'Hold statements…' }).waitFor();
    // A hold set elsewhere (another user, another session) is the server's to say.
    await must(biller.call('PUT', `/api/v1/patients/${mom.id}/account-hold`, { reason: 'disputed: asked for an itemized bill' }), 200);
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Statements on hold: disputed: asked for an itemized bill (since ' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Hold statements…' }).count(), 0);
    const deskPage = await newPage(browser, consoleErrors);
    await signIn(deskPage, px.url, px.email('front_desk'));
    await deskPage.goto(`${px.url}/patients/${kid.id}?tab=account`);
    await deskPage.getByRole('status').filter({ hasText: 'Statements on hold: disputed: asked for an itemized bill' }).waitFor();
    assert.equal(await deskPage.getByRole('button', { name: 'Lift hold' }).count(), 0, 'holds are the billing office’s');
    await Promise.all([respond(page, 'PUT', /\/account-hold$/), page.getByRole('button', { name: 'Lift hold' }).click()]);
    await page.getByRole('button', { name: 'Hold statements…' }).waitFor();
    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e)), [], 'no errors in the browser console');
  } catch (e) {
    await shot(page, 'family-failure-biller.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});
