// Browser journey of the front desk: sign in, register a patient, find them with
// the top-bar search (Ctrl+K), open their page and check name and MRN.
//
// By default it starts its own server on a fresh database (tests/lib/server.mjs) and signs
// in as the front desk. To drive another server instead, set PRAXIS_URL, PRAXIS_EMAIL and
// PRAXIS_PASSWORD. Optional: PRAXIS_SCREENSHOT_DIR (screenshots are written there),
// PRAXIS_TOTP_SECRET (base32, when the account already uses two-step sign-in),
// PRAXIS_CHROMIUM (default /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPraxis, totp, PASSWORD as TEST_PASSWORD } from '../lib/server.mjs';
import { launch, newPage, shot, letters } from '../lib/browser.mjs';

let BASE = process.env.PRAXIS_URL?.replace(/\/+$/, '');
let EMAIL = process.env.PRAXIS_EMAIL;
let PASSWORD = process.env.PRAXIS_PASSWORD;
let own = null;
before(async () => {
  if (BASE) return;
  own = await startPraxis();
  BASE = own.url;
  EMAIL = own.email('front_desk');
  PASSWORD = TEST_PASSWORD;
});
after(async () => { await own?.stop(); });
let totpSecret = process.env.PRAXIS_TOTP_SECRET || '';

const skip = process.env.PRAXIS_URL && (!process.env.PRAXIS_EMAIL || !process.env.PRAXIS_PASSWORD)
  ? 'PRAXIS_EMAIL and PRAXIS_PASSWORD must be set with PRAXIS_URL'
  : false;


async function signIn(page) {
  await page.goto(`${BASE}/`);
  await page.waitForURL(/\/login$/, { timeout: 15_000 });
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(EMAIL);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  const search = page.getByRole('textbox', { name: 'Search patients' }).or(page.getByRole('combobox', { name: 'Search patients' }));
  const code = page.getByRole('textbox', { name: 'Authentication code' });
  const enrol = page.getByRole('heading', { name: 'Set up two-step sign-in' });
  // a refusal of the sign-in form; the landing page's own alerts (an empty schedule) are not one
  const failure = page.getByRole('form', { name: 'Sign in' }).getByRole('alert');
  await search.or(code).or(enrol).or(failure).first().waitFor({ timeout: 15_000 });

  if (await failure.isVisible()) assert.fail(`sign-in failed: ${await failure.innerText()}`);
  if (await code.isVisible()) {
    assert.ok(totpSecret, 'the account asks for a two-step code: set PRAXIS_TOTP_SECRET');
    await code.fill(totp(totpSecret));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
  }
  if (await enrol.isVisible()) {
    // The practice requires two-step sign-in: enrol with the secret the server shows.
    await page.getByRole('button', { name: 'Start set-up' }).click();
    const key = page.getByLabel('Secret key');
    await key.waitFor();
    totpSecret = (await key.innerText()).replace(/\s+/g, '');
    await page.getByRole('textbox', { name: '6-digit code from your app' }).fill(totp(totpSecret));
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  }
  await search.waitFor({ timeout: 15_000 });
}

test('front desk: sign in, register a patient, find them with Ctrl+K, open their record', { skip, timeout: 180_000 }, async () => {
  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors); // 1024 px: the front-desk tablet

  try {
    await signIn(page);
    await shot(page, '01-after-sign-in.png');

    // --- Register a patient with a name nobody else has.
    const family = `Jrn${letters(7)}`.replace(/^./, (c) => c.toUpperCase());
    const given = `Casey${letters(3)}`;
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Patients', exact: true }).click();
    await page.waitForURL(/\/patients$/);
    await page.getByRole('link', { name: 'Register patient' }).click();
    await page.waitForURL(/\/patients\/new$/);

    // Inline validation: submitting an empty form names the required fields.
    await page.getByRole('button', { name: 'Register patient', exact: true }).click();
    await page.getByText('Family name is required').waitFor();
    await page.getByText('Birth date is required', { exact: false }).waitFor();
    assert.match(page.url(), /\/patients\/new$/, 'an invalid form must not be sent');

    const field = (name) => page.getByRole('textbox', { name, exact: true });
    await field('Family name').fill(family);
    await field('Given name').fill(given);
    const birth = field('Birth date');
    await birth.fill('04/02/1980');
    await birth.press('Tab');
    await page.keyboard.press('Escape'); // close the calendar if it opened
    await page.getByRole('combobox', { name: 'Sex at birth', exact: true }).selectOption('F');
    await field('Mobile phone').fill('(555) 010-7788');
    await field('City').fill('Springfield');
    await field('State').fill('IL');
    await shot(page, '02-registration-form.png');
    await page.getByRole('button', { name: 'Register patient', exact: true }).click();

    const anyway = page.getByRole('button', { name: 'Register as new patient anyway' });
    await page.waitForURL(/\/patients\/\d+$/).catch(async () => {
      if (await anyway.isVisible()) {
        await anyway.click();
        await page.waitForURL(/\/patients\/\d+$/);
      } else {
        const alert = await page.getByRole('alert').allInnerTexts();
        assert.fail(`registration did not open the new patient: ${alert.join(' | ')}`);
      }
    });
    const patientUrl = page.url();
    const heading = page.getByRole('heading', { level: 1 });
    await page.getByRole('heading', { level: 1, name: `${family}, ${given}` }).waitFor();
    assert.equal((await heading.innerText()).trim(), `${family}, ${given}`);
    const mrn = (await page.getByTestId('patient-mrn').innerText()).trim();
    assert.match(mrn, /\S/, 'the new patient has an MRN');
    assert.ok(await page.getByText('04/02/1980').first().isVisible(), 'birth date shown');

    // --- Go elsewhere, then find the patient from the top bar with Ctrl+K.
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Patients', exact: true }).click();
    await page.waitForURL(/\/patients$/);
    await page.keyboard.press('Control+K');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    assert.equal(focused, 'Search patients', 'Ctrl+K focuses the patient search');
    await page.keyboard.type(family.slice(0, 7).toLowerCase(), { delay: 30 });
    const option = page.getByRole('option', { name: new RegExp(`${family}, ${given}`) });
    await option.waitFor();
    assert.match(await option.innerText(), new RegExp(mrn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the search result shows the MRN');
    await shot(page, '03-search.png');
    await page.keyboard.press('Enter');
    await page.waitForURL(patientUrl);

    // --- The patient's page: name and MRN.
    await page.getByRole('heading', { level: 1, name: `${family}, ${given}` }).waitFor();
    assert.equal((await heading.innerText()).trim(), `${family}, ${given}`);
    assert.equal((await page.getByTestId('patient-mrn').innerText()).trim(), mrn);
    assert.ok(await page.getByRole('tab', { name: 'Demographics' }).isVisible());
    await shot(page, '04-patient.png');

    // --- Sign out clears the screen.
    await page.getByRole('button', { name: /^User menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page
      .getByText(family)
      .first()
      .waitFor({ state: 'detached', timeout: 3_000 })
      .catch(() => {});
    assert.equal(await page.getByText(family).count(), 0, 'no patient data left on screen after sign-out');

    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e)), [], 'no errors in the browser console');
  } catch (e) {
    await shot(page, 'journey-failure.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});
