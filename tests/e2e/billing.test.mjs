// Browser journey of billing: a biller enters the charges of a checked-out visit on the
// superbill (diagnosis by typeahead, two service lines), sees the claim built in draft with
// the NCCI procedure-to-procedure error, fixes it in place on the claim's page by adding
// modifier 59, sees it become ready with only the bypass warning, submits it and finds it
// submitted in the worklist. Then the setup tabs and a patient's insurance are looked at.
// Last, the EDI set-up is entered in its tab and the corrected claim goes out as an 837P
// file from the worklist; the file is downloaded from the answer and from the claim files.
// Then a 277CA dropped on the worklist accepts that claim, and an 835 paying it (the payer
// dropped modifier 59 from 93000) is dropped on the Remittances page: balanced, the claim
// matched and linked, the line matched with "modifiers differ"; the same file again is
// already imported, a file that is not X12 is refused, and one that does not balance warns.
//
// Starts its own server on a fresh database (tests/lib/server.mjs). Set up through the API
// and the CLI: code sets imported with `praxis codes import` from small files in the
// publishers' layouts (tests/lib/codesets.mjs), a billing profile, a location in
// America/New_York, a provider with an NPI who works around the clock, a payer with its
// EDI id and a contract, fees for 99213 and 93000, a patient whose coverage is eligible,
// and yesterday's appointment walked through to checked out. Chromium runs in New York time.
// Optional: PRAXIS_SCREENSHOT_DIR (screenshots are written there), PRAXIS_CHROMIUM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startPraxis, client, login, praxis } from '../lib/server.mjs';
import { codeFiles } from '../lib/codesets.mjs';
import { launch, newPage, signIn as signInAs, shot, must, roundTheClock, letters, cap, addDays, nyNow, nyInstant } from '../lib/browser.mjs';

let px, mgr, desk, biller;
let loc, prov, type, patient, appt, aetna;

const pname = { family: cap(`Bil${letters(6)}`), given: cap(`jo${letters(3)}`) };
const fullName = `${pname.family}, ${pname.given}`;

// The MUE rows of these tests: one unit of 93000 and of 99213 per line.
const MUE = ['93000,1,1 Line Edit,Code Descriptor / CPT Instruction', '99213,1,1 Line Edit,Code Descriptor / CPT Instruction'];

before(async () => {
  px = await startPraxis();
  ({ mgr, desk, loc, prov, type } = await roundTheClock(px));
  biller = client(px.url, await login(px.url, px.email('biller')));
  // Every release in force from 2020, whatever today is.
  const dir = codeFiles(MUE);
  const load = (kind, file) => praxis(['codes', 'import', kind, join(dir, file), '--db', px.db.url, '--effective', '2020-01-01']);
  load('icd10cm', 'icd10cm_order_2026.txt');
  load('ncci-ptp', 'ptp.txt');
  load('mue', 'MCR_MUE_PractitionerServices_Eff_01-01-2026.csv');
  load('pfs', 'PPRRVU26_JAN.csv');
  load('gpci', 'GPCI2026.csv');

  await must(biller.call('PUT', '/api/v1/billing-profile', {
    legal_name: 'Main Street Medical Group', npi: '1234567893', tax_id: '046123457', taxonomy: '207Q00000X',
    address: { line1: '1 Main St', city: 'Springfield', state: 'MA', postal_code: '01103' }, medicare_mac: '14211', medicare_locality: '99',
  }), 200);
  const doc = await must(mgr.get(`/api/v1/providers/${prov}`), 200);
  await must(mgr.patch(`/api/v1/providers/${prov}`, { version: doc.version, npi: '1245319599', taxonomy: '207Q00000X' }), 200);
  aetna = (await must(biller.post('/api/v1/payers', { name: 'Aetna', payer_code: '60054', kind: 'commercial', filing_indicator: 'CI', timely_filing_days: 90 }))).id;
  await must(biller.post('/api/v1/payers', { name: 'Medicare Part B', payer_code: '14212', kind: 'medicare', filing_indicator: 'MB' }));
  for (const [code, fee] of [['99213', 15000], ['93000', 6500]]) await must(biller.post('/api/v1/fees', { code, fee_cents: fee, effective_from: '2020-01-01' }));
  await must(biller.post('/api/v1/payer-contracts', { payer_id: aetna, name: 'Aetna commercial', effective_from: '2020-01-01', medicare_pct_bp: 12000, rates: [{ code: '99213', allowed_cents: 9800 }] }));

  patient = (await must(desk.post('/api/v1/patients', { family_name: pname.family, given_name: pname.given, birth_date: '1958-04-02', sex_at_birth: 'F',
    address: { line1: '12 Elm St', city: 'Springfield', state: 'MA', postal_code: '01103' } }))).id;
  await must(desk.post('/api/v1/coverages', { patient_id: patient, payer_id: aetna, priority: 1, relationship: 'self', member_id: 'W123456789',
    group_number: 'G100', effective_from: '2020-01-01', copay_cents: 2500, eligibility: 'active' }));

  // Yesterday morning's visit, walked through to checked out.
  const day = addDays(nyNow().date, -1);
  appt = (await must(desk.post('/api/v1/appointments', { patient_id: patient, provider_id: prov, location_id: loc, type_id: type, start: nyInstant(day, '10:00') }))).id;
  for (const status of ['arrived', 'roomed', 'with_provider', 'checked_out']) await must(desk.post(`/api/v1/appointments/${appt}/status`, { status }), 200);
});
after(async () => {
  await px?.stop();
});

const signIn = (page, role) => signInAs(page, px.url, px.email(role));
const respond = (page, method, re) => page.waitForResponse((r) => r.request().method() === method && re.test(new URL(r.url()).pathname));

/**
 * Runs a journey on a fresh page signed in as the biller, then checks the browser console
 * stayed clean but for resources answered with the `expected` statuses; on a failure the
 * screen is kept as `failureShot`.
 */
async function asBiller(failureShot, expected, journey) {
  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors);
  try {
    await signIn(page, 'biller');
    await journey(page);
    const allowed = new RegExp(`Failed to load resource.*(${expected.join('|')})`);
    assert.deepEqual(consoleErrors.filter((e) => !allowed.test(e)), [], 'no errors in the browser console');
  } catch (e) {
    await shot(page, failureShot).catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
}

/** Types into a code typeahead and picks the match whose text starts with `code`. */
async function pickCode(page, input, typed, code) {
  await input.fill(typed);
  await page.getByRole('option', { name: new RegExp(`^${code.replace('.', '\\.')}(\\s|$)`) }).click();
  assert.equal(await input.inputValue(), code);
}

test('biller: superbill from a checked-out visit, NCCI error fixed in place with modifier 59, claim submitted', { timeout: 180_000 }, async () => {
  // The first look for a session, before signing in, answers 401; the stale save 409.
  await asBiller('billing-failure.png', [401, 409], async (page) => {
    // Billers land on their worklist.
    await page.waitForURL(/\/billing\/claims$/);
    const nav = page.getByRole('navigation', { name: 'Areas' });
    await nav.getByRole('link', { name: 'Charge entry', exact: true }).click();
    await page.waitForURL(/\/billing\/charges/);

    // --- The visit waits in the queue; choosing it opens its superbill.
    const queue = page.getByRole('list', { name: 'Checked-out visits' });
    await queue.getByRole('button', { name: new RegExp(fullName) }).click();
    const bill = page.getByRole('form', { name: 'Superbill' });
    await bill.getByText('W123456789').waitFor(); // the coverage that pays
    await shot(page, 'billing-01-superbill-empty.png');

    // --- Diagnosis A by typeahead: the category header is marked, then the billable code.
    const dxA = bill.getByRole('textbox', { name: 'Diagnosis A' });
    await pickCode(page, dxA, 'e11', 'E11');
    await bill.getByText(/category header, not billable/).waitFor();
    await pickCode(page, dxA, 'diabetes without', 'E11.9');
    await bill.getByText('Type 2 diabetes mellitus without complications').waitFor();

    // --- Two lines, both pointing to A (the default).
    await pickCode(page, bill.getByRole('textbox', { name: 'Line 1 procedure' }), '99213', '99213');
    await bill.getByRole('button', { name: 'Add service line' }).click();
    await pickCode(page, bill.getByRole('textbox', { name: 'Line 2 procedure' }), '93000', '93000');
    for (const n of [1, 2])
      assert.equal(await bill.getByRole('group', { name: `Line ${n} diagnoses` }).getByRole('button', { name: /Diagnosis A/ }).getAttribute('aria-pressed'), 'true');
    await page.waitForFunction(() => document.querySelector('[data-testid="superbill-total"]')?.textContent === '$215.00');
    await shot(page, 'billing-02-superbill-filled.png');

    // --- Save: the encounter, then its claim, in draft with the NCCI-PTP error.
    const [enc, built] = await Promise.all([
      respond(page, 'POST', /^\/api\/v1\/encounters$/),
      respond(page, 'POST', /^\/api\/v1\/encounters\/\d+\/claims$/),
      bill.getByRole('button', { name: 'Save and build claims' }).click(),
    ]);
    assert.equal(enc.status(), 201, await enc.text());
    assert.equal(built.status(), 200, await built.text());
    const claim = (await built.json()).items[0];
    assert.equal(claim.status, 'draft');
    await page.getByRole('heading', { name: 'Charges saved' }).waitFor();
    const card = page.getByTestId(`built-claim-${claim.id}`);
    await card.getByText('Draft', { exact: true }).waitFor();
    await card.getByText('NCCI-PTP', { exact: true }).waitFor();
    await shot(page, 'billing-03-claim-built.png');
    assert.equal((await biller.get('/api/v1/encounters/queue')).body.items.length, 0, 'the visit left the queue');

    // --- The worklist counts it under its edit; the edit is a filter.
    await nav.getByRole('link', { name: 'Claims', exact: true }).click();
    await page.getByRole('group', { name: 'Claims by edit' }).getByRole('button', { name: 'NCCI-PTP · 1' }).click();
    await page.waitForURL(/edit=NCCI-PTP/);
    const drafts = page.getByRole('table', { name: 'Claims' });
    await drafts.getByRole('row', { name: new RegExp(fullName) }).getByText('Draft', { exact: true }).waitFor();
    await page.mouse.move(600, 760);
    await page.getByText('Claims with the edit NCCI-PTP').waitFor();
    await shot(page, 'billing-03b-worklist-by-edit.png');

    // --- The claim's page: fix in place by adding modifier 59 to the 93000 line.
    await drafts.getByRole('link', { name: `Claim ${claim.id}` }).click();
    await page.waitForURL(new RegExp(`/billing/claims/${claim.id}$`));
    const status = page.getByTestId('claim-status');
    await status.getByText('Draft').waitFor();
    const edits = page.getByRole('list', { name: 'Claim edits' });
    await edits.getByText('NCCI-PTP', { exact: true }).waitFor();
    await shot(page, 'billing-04-claim-draft.png');
    await page.getByRole('button', { name: 'Fix and re-scrub' }).click();
    const fix = page.getByRole('form', { name: 'Fix the charges' });
    await fix.getByText(/NCCI-PTP:/).first().waitFor(); // the error sits on the line it is about
    await fix.getByRole('textbox', { name: 'Line 2 modifier 1' }).fill('59');
    await shot(page, 'billing-05-fix-in-place.png');
    // Meanwhile someone else saves the visit (naming the billing provider): the save is refused, explained, and nothing typed is lost.
    const other = (await biller.get(`/api/v1/encounters/${claim.encounter_id}`)).body;
    await must(biller.patch(`/api/v1/encounters/${other.id}`, { version: other.version, billing_provider_id: prov }), 200);
    const [stale] = await Promise.all([respond(page, 'PATCH', /^\/api\/v1\/encounters\/\d+$/), fix.getByRole('button', { name: 'Save and re-scrub' }).click()]);
    assert.equal(stale.status(), 409);
    await fix.getByText("Someone else changed this visit's charges").waitFor();
    await shot(page, 'billing-05b-conflict.png');
    await fix.getByRole('button', { name: 'Keep my changes' }).click();
    await fix.getByText(/Your changes are kept over theirs/).waitFor();
    assert.equal(await fix.getByRole('textbox', { name: 'Line 2 modifier 1' }).inputValue(), '59');
    const [patched] = await Promise.all([respond(page, 'PATCH', /^\/api\/v1\/encounters\/\d+$/), fix.getByRole('button', { name: 'Save and re-scrub' }).click()]);
    assert.equal(patched.status(), 200, await patched.text());
    await status.getByText('Ready').waitFor();
    await edits.getByText('NCCI-PTP-BYPASS', { exact: true }).waitFor();
    assert.equal(await edits.getByRole('listitem').count(), 1, 'only the bypass warning is left');
    const ready = (await biller.get(`/api/v1/claims/${claim.id}`)).body;
    assert.deepEqual([ready.status, ready.edits.map((e) => [e.edit, e.severity])], ['ready', [['NCCI-PTP-BYPASS', 'warning']]]);
    assert.deepEqual(ready.lines.map((l) => [l.code, l.modifiers]), [['99213', []], ['93000', ['59']]]);
    assert.equal((await biller.get(`/api/v1/encounters/${claim.encounter_id}`)).body.billing_provider_id, prov, 'their change is kept too');
    await shot(page, 'billing-06-claim-ready.png');

    // --- Submit, then find it submitted in the worklist.
    const [sent] = await Promise.all([respond(page, 'POST', new RegExp(`^/api/v1/claims/${claim.id}/status$`)), page.getByRole('button', { name: 'Submit', exact: true }).click()]);
    assert.equal(sent.status(), 200, await sent.text());
    await status.getByText('Submitted').waitFor();
    await page.getByRole('table', { name: 'Claim history' }).getByText('biller@a.test').first().waitFor();
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CMS-1500' }).click()]);
    assert.match(pdf.suggestedFilename(), new RegExp(`claim-${claim.id}-cms1500\\.pdf`));
    await shot(page, 'billing-07-claim-submitted.png');
    await nav.getByRole('link', { name: 'Claims', exact: true }).click();
    await page.waitForURL(/\/billing\/claims$/);
    await page.getByTestId('count-submitted').getByText('Submitted · 1').waitFor();
    const [filtered] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/claims' && new URL(r.url()).searchParams.get('status') === 'submitted'),
      page.getByTestId('count-submitted').click(),
    ]);
    assert.deepEqual((await filtered.json()).items.map((c) => c.id), [claim.id]);
    await page.waitForURL(/status=submitted/);
    const table = page.getByRole('table', { name: 'Claims' });
    const row = table.getByRole('row', { name: new RegExp(fullName) });
    await row.getByText('Submitted', { exact: true }).waitFor();
    await row.getByText('215.00').waitFor();
    await page.mouse.move(600, 760); // away from the counts' tooltips
    await shot(page, 'billing-08-worklist.png');
    assert.equal((await biller.get(`/api/v1/claims/${claim.id}`)).body.status, 'submitted');

    // --- The payer accepts it; a corrected claim replaces it, after a confirmation that says what happens.
    await row.getByRole('button', { name: `Open claim ${claim.id} (${fullName})` }).click();
    await page.waitForURL(new RegExp(`/billing/claims/${claim.id}$`));
    await page.getByRole('button', { name: 'Accepted', exact: true }).click();
    let dialog = page.getByRole('dialog', { name: `Accepted: claim ${claim.id}` });
    await dialog.getByRole('textbox', { name: /Payer claim number/ }).fill('ICN-1');
    await dialog.getByRole('button', { name: 'Record: accepted' }).click();
    await dialog.waitFor({ state: 'detached' });
    await status.getByText('Accepted').waitFor();
    await page.getByRole('button', { name: 'Corrected claim' }).click();
    dialog = page.getByRole('dialog', { name: `Corrected claim for claim ${claim.id}?` });
    await dialog.getByText(/stays as it is, marked as replaced/).waitFor();
    await dialog.getByRole('textbox', { name: 'Why' }).fill('wrong units');
    await shot(page, 'billing-09-corrected-confirm.png');
    const [corr] = await Promise.all([respond(page, 'POST', new RegExp(`^/api/v1/claims/${claim.id}/correct$`)), dialog.getByRole('button', { name: 'Create corrected claim' }).click()]);
    assert.equal(corr.status(), 201, await corr.text());
    const corrected = await corr.json();
    await page.waitForURL(new RegExp(`/billing/claims/${corrected.id}$`));
    await page.getByText('Corrected claim', { exact: true }).first().waitFor();
    await page.getByRole('link', { name: `claim ${claim.id}` }).waitFor();
    assert.deepEqual([corrected.frequency, corrected.replaces_id, corrected.payer_claim_number], ['7', claim.id, 'ICN-1']);
  });
});

test('billing setup tabs, a new encounter, and a patient\'s insurance render', { timeout: 120_000 }, async () => {
  // The first look for a session, before signing in, answers 401; the refused encounter 400.
  await asBiller('billing-failure-2.png', [401, 400], async (page) => {
    await page.goto(`${px.url}/billing/setup`);
    await page.getByRole('table', { name: 'Payers' }).getByText('Aetna').waitFor();
    await shot(page, 'billing-10-setup-payers.png');
    await page.getByRole('button', { name: 'New payer' }).click();
    await page.getByRole('dialog', { name: 'New payer' }).waitFor();
    await shot(page, 'billing-11-setup-payer-dialog.png');
    await page.getByRole('dialog', { name: 'New payer' }).getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('tab', { name: 'Fee schedule' }).click();
    await page.getByRole('table', { name: 'Fee schedule' }).getByText('150.00').waitFor();
    await shot(page, 'billing-12-setup-fees.png');
    await page.getByRole('tab', { name: 'Contracts' }).click();
    await page.getByRole('table', { name: 'Payer contracts' }).getByText('Aetna commercial').waitFor();
    await page.getByRole('button', { name: 'Edit Aetna commercial' }).click();
    await page.getByRole('dialog', { name: 'Edit Aetna commercial' }).getByRole('textbox', { name: 'Rate 1 code' }).waitFor();
    await shot(page, 'billing-13-setup-contract.png');
    await page.getByRole('dialog', { name: 'Edit Aetna commercial' }).getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('tab', { name: 'Billing profile' }).click();
    assert.equal(await page.getByRole('textbox', { name: 'Group NPI' }).inputValue(), '1234567893');
    await shot(page, 'billing-14-setup-profile.png');
    await page.getByRole('tab', { name: 'Code sets' }).click();
    await page.getByRole('table', { name: 'Loaded code sets' }).getByText('ICD-10-CM diagnoses').waitFor();
    await page.getByTestId('missing-hcpcs').getByText('praxis codes import hcpcs', { exact: false }).waitFor();
    await shot(page, 'billing-15-setup-codes.png');

    // A new encounter without an appointment.
    await page.goto(`${px.url}/billing/charges?new=1`);
    await page.getByRole('heading', { name: 'New encounter' }).waitFor();
    await page.getByRole('textbox', { name: 'Patient', exact: true }).fill(pname.family.slice(0, 6));
    await page.getByRole('option', { name: new RegExp(fullName) }).click();
    await page.getByText('W123456789').waitFor();
    await page.getByRole('combobox', { name: 'Rendering provider' }).click();
    await page.getByRole('option', { name: 'Welby, Marcus, MD' }).click();
    await page.getByRole('combobox', { name: 'Location' }).click();
    await page.getByRole('option', { name: 'Main St' }).click();
    await pickCode(page, page.getByRole('textbox', { name: 'Diagnosis A' }), 'i10', 'I10');
    await pickCode(page, page.getByRole('textbox', { name: 'Line 1 procedure' }), '99213', '99213');
    await page.getByRole('button', { name: 'Add service line' }).click();
    await page.getByRole('textbox', { name: 'Line 2 procedure' }).fill('99215'); // no fee in the charge master
    await page.getByText('No fee in the charge master').waitFor();
    await shot(page, 'billing-16-new-encounter.png');
    // The server's refusal lands on the line it is about.
    const [refused] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/encounters$/), page.getByRole('button', { name: 'Save and build claims' }).click()]);
    assert.equal(refused.status(), 400);
    assert.deepEqual((await refused.json()).errors.map((e) => e.field), ['lines[1].code']);
    await page.getByTestId('line-2').getByText(/99215 has no fee in the charge master/).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Line 2 procedure' }).getAttribute('aria-invalid'), 'true');
    await shot(page, 'billing-17-server-error.png');

    // The patient's insurance, and adding a spouse's plan shows the subscriber's fields.
    await page.goto(`${px.url}/patients/${patient}?tab=insurance`);
    const ins = page.getByRole('table', { name: 'Insurance' });
    await ins.getByText('Aetna').waitFor();
    await ins.getByText('Eligible').waitFor();
    await shot(page, 'billing-18-patient-insurance.png');
    await page.getByRole('button', { name: 'Add insurance' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add insurance' });
    assert.equal(await dialog.getByRole('textbox', { name: /Subscriber family name/ }).count(), 0, 'no subscriber fields for self');
    await dialog.getByRole('combobox', { name: /relationship to the subscriber/ }).click();
    await page.getByRole('option', { name: 'Spouse' }).click();
    await dialog.getByRole('textbox', { name: /Subscriber family name/ }).waitFor();
    await shot(page, 'billing-19-coverage-dialog.png');
  });
});

test('biller: EDI set up in the browser, the ready claim sent as an 837P file, the file kept in the claim files', { timeout: 180_000 }, async () => {
  const readyClaims = (await must(biller.get('/api/v1/claims?status=ready'), 200)).items;
  assert.equal(readyClaims.length, 1, 'the corrected claim of the first test waits, ready');
  const claim = readyClaims[0];
  // The first look for a session, before signing in, answers 401; the EDI set-up 404 until it is saved.
  await asBiller('billing-failure-3.png', [401, 404], async (page) => {
    await page.waitForURL(/\/billing\/claims$/);

    // --- Without the EDI set-up, the button says what is missing and leads to it.
    const send = page.getByRole('button', { name: /^Send ready claims \(837P\)/ });
    await send.getByText('1', { exact: true }).waitFor();
    await send.click();
    let dialog = page.getByRole('dialog', { name: 'Set up electronic claims first' });
    await dialog.getByText(/not entered yet/).waitFor();
    await shot(page, 'billing-20-send-without-edi.png');
    await dialog.getByRole('link', { name: 'Set up EDI' }).click();
    await page.waitForURL(/\/billing\/setup\?tab=edi$/);

    // --- The EDI tab: inline checks, then created on the first save.
    const form = page.getByRole('form', { name: 'EDI set-up' });
    await form.getByText('No EDI set-up yet').waitFor();
    const field = (name) => form.getByRole('textbox', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}`) });
    await field('Submitter name').fill('Main Street Medical Group');
    await field('Submitter id').fill('MS*01');
    await field('Contact name').click();
    await form.getByText('The submitter id may hold only letters, digits, spaces and - . /').waitFor();
    await shot(page, 'billing-21-edi-inline-error.png');
    await field('Submitter id').fill('MSMG01');
    await field('Contact name').fill('Billing Office');
    await field('Contact phone').fill('(413) 555-0100');
    await field('Receiver name').fill('Clearing House');
    await field('Receiver id').fill('CH0001');
    assert.equal(await form.getByRole('combobox', { name: /^Interchange sender qualifier/ }).inputValue(), 'ZZ · Mutually defined');
    await field('Interchange sender id (ISA06)').fill('MSMG01');
    await field('Interchange receiver id (ISA08)').fill('CH0001');
    await field('Application sender code (GS02)').fill('MSMG01');
    await field('Application receiver code (GS03)').fill('CH0001');
    await form.getByText('Production', { exact: true }).click();
    await page.waitForTimeout(300); // the segmented control's indicator slides
    await shot(page, 'billing-22-edi-filled.png');
    const [put] = await Promise.all([respond(page, 'PUT', /^\/api\/v1\/edi-settings$/), form.getByRole('button', { name: 'Create EDI set-up' }).click()]);
    assert.equal(put.status(), 200, await put.text());
    const edi = await put.json();
    assert.deepEqual([edi.contact_phone, edi.usage, edi.isa_sender_qual, edi.version], ['4135550100', 'P', 'ZZ', 1]);
    assert.equal(put.request().postDataJSON().version, undefined, 'created without a version');
    await form.getByRole('button', { name: 'Save EDI set-up' }).waitFor();
    await form.getByText('No file sent yet', { exact: false }).waitFor();
    await shot(page, 'billing-23-edi-saved.png');

    // --- The worklist: tick the ready claim, confirm, send.
    const nav = page.getByRole('navigation', { name: 'Areas' });
    await nav.getByRole('link', { name: 'Claims', exact: true }).click();
    await page.waitForURL(/\/billing\/claims$/);
    const table = page.getByRole('table', { name: 'Claims' });
    await table.getByRole('checkbox', { name: `Select claim ${claim.id} (${fullName})` }).check();
    await page.getByRole('button', { name: /^Send selected claims \(837P\)/ }).click();
    dialog = page.getByRole('dialog', { name: 'Send claims as an 837P file?' });
    await dialog.getByText('1 claim will be sent in one 837P file and marked submitted.').waitFor();
    await dialog.getByText(/marked for production/).waitFor();
    await shot(page, 'billing-24-send-confirm.png');
    const [posted] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/claim-batches$/), dialog.getByRole('button', { name: 'Send 1 claim' }).click()]);
    assert.equal(posted.status(), 201, await posted.text());
    assert.deepEqual(posted.request().postDataJSON(), { claim_ids: [claim.id] });
    const batch = await posted.json();
    assert.deepEqual([batch.claim_ids, batch.skipped, batch.control], [[claim.id], [], 1]);
    dialog = page.getByRole('dialog', { name: 'Claims sent' });
    await dialog.getByTestId('batch-sent').getByText(`claims-${batch.id}.837`).waitFor();
    await shot(page, 'billing-25-sent.png');

    // --- The file as sent: an X12 interchange with the claim in it, in production.
    const readFile = async (button) => {
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      assert.equal(download.suggestedFilename(), `claims-${batch.id}.837`);
      const chunks = [];
      for await (const c of await download.createReadStream()) chunks.push(c);
      return Buffer.concat(chunks).toString('latin1');
    };
    const file = await readFile(dialog.getByRole('button', { name: `Download claims-${batch.id}.837` }));
    assert.ok(file.startsWith('ISA*'), file.slice(0, 120));
    assert.ok(file.includes(`CLM*${claim.id}*`), 'the claim is in the file');
    assert.equal(file.split('~')[0].split('*')[15], 'P', 'ISA15: production');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    // --- The worklist refreshed: the claim is submitted, nothing is left to send.
    await page.getByTestId('count-submitted').getByText('Submitted · 1').waitFor();
    await table.getByRole('row', { name: new RegExp(`Claim ${claim.id}`) }).getByText('Submitted', { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: /^Send ready claims \(837P\)/ }).isDisabled(), true);
    assert.equal((await must(biller.get(`/api/v1/claims/${claim.id}`), 200)).status, 'submitted');
    await page.mouse.move(600, 760);
    await shot(page, 'billing-26-worklist-after-send.png');

    // --- The claim files: the batch, newest first, with its file.
    await page.getByRole('tab', { name: 'Claim files' }).click();
    await page.waitForURL(/view=files/);
    const files = page.getByRole('table', { name: 'Claim files' });
    const row = files.getByRole('row', { name: new RegExp(`claims-${batch.id}\\.837`) });
    await row.getByRole('cell', { name: '1', exact: true }).first().waitFor();
    await page.waitForTimeout(300); // the table's loading veil fades
    await shot(page, 'billing-27-claim-files.png');
    assert.ok((await readFile(row.getByRole('button', { name: `Download claims-${batch.id}.837` }))).includes('CLM*'));
  });
});

// X12 files as the clearinghouse and the payer send them back (segments joined as in tests/api/billing.test.mjs).
const seg = (...e) => e.join('*') + '~';
const isa = (sender, ctl, date) => seg('ISA', '00', '          ', '00', '          ', 'ZZ', sender.padEnd(15), 'ZZ', 'MSMG01'.padEnd(15), date, '1200', '^', '00501', ctl, '0', 'P', ':');

/** A 277CA accepting the claim into the payer's system with its claim number. */
function ack277(claimId, icn) {
  return [isa('CH0001', '000000502', '260312'), seg('GS', 'HN', 'CH0001', 'MSMG01', '20260312', '0900', '502', 'X', '005010X214'),
    seg('ST', '277', '0001', '005010X214'), seg('BHT', '0085', '08', 'X1', '20260312', '0900', 'TH'),
    seg('HL', '1', '', '20', '1'), seg('NM1', 'PR', '2', 'AETNA', '', '', '', '', 'PI', '60054'), seg('TRN', '1', 'X1'),
    seg('HL', '2', '1', '21', '1'), seg('NM1', '41', '2', 'MSMG', '', '', '', '', '46', 'MSMG01'), seg('TRN', '2', '1'), seg('STC', 'A1:20', '20260312', 'WQ', '215'),
    seg('HL', '3', '2', '19', '1'), seg('NM1', '85', '2', 'MSMG', '', '', '', '', 'XX', '1234567893'), seg('TRN', '1', '0'),
    seg('HL', '4', '3', 'PT'), seg('NM1', 'QC', '1', pname.family.toUpperCase(), pname.given.toUpperCase(), '', '', '', 'MI', 'W123456789'), seg('TRN', '2', String(claimId)),
    seg('STC', 'A2:20', '20260312', 'WQ', '215'), seg('REF', '1K', icn),
    seg('SE', '17', '0001'), seg('GE', '1', '502'), seg('IEA', '1', '000000502')].join('\n');
}

/** An 835 paying the claim: 99213 as billed, 93000 without the modifier 59 the claim has; the patient owes 20.00; a PLB takes back 2.00. */
function remit835(claimId, icn) {
  return [isa('60054', '000000077', '260320'), seg('GS', 'HP', '60054', 'MSMG01', '20260320', '1200', '77', 'X', '005010X221A1'),
    seg('ST', '835', '0001'), seg('BPR', 'I', '113.50', 'C', 'ACH', 'CCP', '01', '999999999', 'DA', '123456', '1512345678', '', '01', '999999999', 'DA', '654321', '20260320'),
    seg('TRN', '1', 'EFT12345', '1512345678'), seg('N1', 'PR', 'AETNA', 'XV', '60054'), seg('N1', 'PE', 'MAIN STREET MEDICAL GROUP', 'XX', '1234567893'),
    seg('LX', '1'), seg('CLP', String(claimId), '1', '215', '115.5', '20', '12', icn),
    seg('CAS', 'PR', '3', '20'), seg('NM1', 'QC', '1', pname.family.toUpperCase(), pname.given.toUpperCase(), '', '', '', 'MI', 'W123456789'),
    seg('SVC', 'HC:99213', '150', '98', '', '1'), seg('DTM', '472', '20260302'), seg('CAS', 'CO', '45', '32'), seg('LQ', 'HE', 'N130'),
    seg('SVC', 'HC:93000', '65', '17.5', '', '1'), seg('DTM', '472', '20260302'), seg('CAS', 'CO', '45', '47.5'),
    seg('PLB', '1234567893', '20261231', 'WO:ICN-1', '2'),
    seg('SE', '18', '0001'), seg('GE', '1', '77'), seg('IEA', '1', '000000077')].join('\n');
}

test('biller: a 277CA dropped on the worklist, then the 835 paying the claim on the Remittances page, reconciled and matched; the same file again is already imported', { timeout: 180_000 }, async () => {
  const submitted = (await must(biller.get('/api/v1/claims?status=submitted'), 200)).items;
  assert.equal(submitted.length, 1, 'the claim sent as an 837P file in the test before waits, submitted');
  const claim = submitted[0];
  const file = (name, text) => ({ name, mimeType: 'application/edi-x12', buffer: Buffer.from(text, 'latin1') });
  // The first look for a session, before signing in, answers 401; the file that is not X12 400.
  await asBiller('billing-failure-4.png', [401, 400], async (page) => {
    await page.waitForURL(/\/billing\/claims$/);

    // --- The worklist's compact drop zone takes the 277CA: the claim is accepted, with the payer's number.
    const ackZone = page.getByRole('region', { name: 'Drop a 999 or 277CA here' });
    const [ack] = await Promise.all([
      respond(page, 'POST', /^\/api\/v1\/x12-files$/),
      ackZone.locator('input[type="file"]').setInputFiles(file('status-0312.277', ack277(claim.id, 'ICN-7'))),
    ]);
    assert.equal(ack.status(), 201, await ack.text());
    assert.equal(new URL(ack.url()).searchParams.get('name'), 'status-0312.277');
    const ackResult = page.getByRole('listitem', { name: 'status-0312.277' });
    await ackResult.getByText('277CA claim acknowledgment: 1 claim answered').waitFor();
    await ackResult.getByRole('link', { name: `Claim ${claim.id}` }).waitFor();
    await ackResult.getByText('Accepted', { exact: true }).waitFor();
    await page.getByTestId('count-accepted').getByText('Accepted · 1').waitFor();
    await page.mouse.move(600, 760);
    await shot(page, 'billing-28-ack-on-worklist.png');
    assert.deepEqual(await must(biller.get(`/api/v1/claims/${claim.id}`), 200).then((c) => [c.status, c.payer_claim_number]), ['accepted', 'ICN-7']);

    // --- The Remittances page: the 835 dropped on the zone.
    const nav = page.getByRole('navigation', { name: 'Areas' });
    await nav.getByRole('link', { name: 'Remittances', exact: true }).click();
    await page.waitForURL(/\/billing\/remittances$/);
    const zone = page.getByRole('region', { name: 'Drop an 835, 999 or 277CA file' });
    await page.getByText('No remittance received yet').waitFor();
    await shot(page, 'billing-29-remittances-empty.png');
    const body = remit835(claim.id, 'ICN-7');
    const dropped = await page.evaluateHandle(({ text, name }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'application/edi-x12' }));
      return dt;
    }, { text: body, name: 'aetna-0320.835' });
    await zone.dispatchEvent('dragenter', { dataTransfer: dropped });
    await zone.dispatchEvent('dragover', { dataTransfer: dropped });
    const [imported] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/x12-files$/), zone.dispatchEvent('drop', { dataTransfer: dropped })]);
    assert.equal(imported.status(), 201, await imported.text());
    const answer = await imported.json();
    assert.deepEqual(answer.remittances.map((r) => [r.amount_cents, r.claims, r.unmatched, r.balanced]), [[11350, 1, 0, true]]);
    const result = page.getByRole('listitem', { name: 'aetna-0320.835' });
    await result.getByText('835 remittance advice: 1 payment').waitFor();
    const inFile = result.getByRole('table', { name: 'Remittances in the file' });
    await inFile.getByText('Balanced', { exact: true }).waitFor();
    await inFile.getByRole('cell', { name: '113.50' }).waitFor();
    assert.equal(await result.getByText('Already imported').count(), 0);
    // The list below shows it, amount right-aligned.
    const list = page.getByRole('table', { name: 'Remittances', exact: true });
    const row = list.getByRole('row', { name: /AETNA/ });
    await row.getByText('Balanced', { exact: true }).waitFor();
    const amount = row.getByRole('cell', { name: '113.50', exact: true });
    assert.equal(await amount.evaluate((td) => getComputedStyle(td).textAlign), 'right');
    await page.waitForTimeout(300); // the table's loading veil fades
    await shot(page, 'billing-30-835-imported.png');

    // --- The remittance: balanced, the claim linked, 93000 matched although the payer dropped its modifier.
    await inFile.getByRole('link', { name: 'AETNA' }).click();
    await page.waitForURL(new RegExp(`/billing/remittances/${answer.remittances[0].id}$`));
    await page.getByRole('heading', { name: `Remittance ${answer.remittances[0].id}` }).waitFor();
    await page.getByTestId('reconciliation').getByText('Payment expected').waitFor();
    await page.getByText('Balanced: the payment equals the claims paid less the provider adjustments.').waitFor();
    await shot(page, 'billing-31-remittance.png');
    const paid = page.getByTestId('remit-claim-1');
    await paid.getByRole('link', { name: `Claim ${claim.id}` }).waitFor();
    await paid.getByText('Matched by claim id').waitFor();
    await paid.getByText('Processed as primary').waitFor();
    const lines = paid.getByRole('table', { name: `Claim ${claim.id} lines` });
    const ecg = lines.getByRole('row', { name: /93000/ });
    await ecg.getByText('Modifiers differ').waitFor();
    await ecg.getByText('Claim line 2').waitFor();
    await lines.getByRole('row', { name: /99213/ }).getByText('Exact', { exact: true }).waitFor();
    await paid.getByRole('list', { name: `Claim ${claim.id} adjustments` }).getByText('PR-3 $20.00').waitFor();
    const co45 = ecg.getByRole('listitem').filter({ hasText: 'CO-45 $47.50' });
    await co45.hover();
    await page.getByRole('tooltip').getByText(/CO: Contractual obligation/).waitFor();
    await page.waitForTimeout(300); // the tooltip fades in
    await page.getByRole('table', { name: 'Provider adjustments' }).getByText('Overpayment recovery').waitFor();
    await shot(page, 'billing-32-remittance-claim.png');

    // --- The same file again: already imported, nothing new; a file that is not X12 is refused, saying why.
    await nav.getByRole('link', { name: 'Remittances', exact: true }).click();
    await page.waitForURL(/\/billing\/remittances$/);
    const input = page.getByRole('region', { name: 'Drop an 835, 999 or 277CA file' }).locator('input[type="file"]');
    const [again] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/x12-files$/), input.setInputFiles(file('aetna-0320.835', body))]);
    assert.equal(again.status(), 200);
    assert.equal((await again.json()).duplicate, true);
    const second = page.getByRole('listitem', { name: 'aetna-0320.835' });
    await second.getByText('Already imported').waitFor();
    await second.getByText(/read before; nothing changed/).waitFor();
    const [bad] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/x12-files$/), input.setInputFiles(file('notes.txt', 'ISA*00*bogus~'))]);
    assert.equal(bad.status(), 400);
    await page.getByRole('listitem').filter({ hasText: 'notes.txt: not imported' }).waitFor();
    assert.equal(await page.getByRole('table', { name: 'Remittances', exact: true }).getByRole('row', { name: /AETNA/ }).count(), 1, 'one remittance, not two');
    await shot(page, 'billing-33-already-imported.png');

    // --- A payment that is not the claims paid less the provider adjustments cannot be missed.
    const [off] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/x12-files$/), input.setInputFiles(file('aetna-off.835', body.replace('BPR*I*113.50', 'BPR*I*113.60')))]);
    assert.equal(off.status(), 201);
    const offResult = page.getByRole('listitem', { name: 'aetna-off.835' });
    await offResult.getByRole('alert').getByText('NOT balanced: 1 payment').waitFor();
    await page.getByRole('table', { name: 'Remittances', exact: true }).getByText('NOT balanced').waitFor();
    await shot(page, 'billing-34-not-balanced.png');
    await offResult.getByRole('link', { name: 'AETNA' }).click();
    await page.getByRole('alert').getByText(/The payment is \$0\.10 more than the claims paid less the provider adjustments/).waitFor();
    await shot(page, 'billing-35-not-balanced-detail.png');
  });
});
