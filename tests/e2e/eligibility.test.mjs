// Browser journey of an eligibility check at the front desk: on a patient's insurance the
// desk downloads the eligibility request (270) of the coverage, reads the payer's answer
// (271) back in from a file, and sees the coverage eligible with the copay, coinsurance,
// deductible and the benefits the payer listed. The same file again is already read; an
// answer in which the payer could not find the member says so (AAA 72); a remittance chosen
// here by mistake is refused before it is sent.
//
// Starts its own server on a fresh database (tests/lib/server.mjs). Set up through the API:
// a billing profile and an EDI set-up (the 270's parties), a payer (by a biller), and a
// patient with one coverage not yet checked (by the front desk). Chromium runs in New York time.
// Optional: PRAXIS_SCREENSHOT_DIR (screenshots are written there), PRAXIS_CHROMIUM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPraxis, client, login } from '../lib/server.mjs';
import { launch, newPage, signIn, shot, must, letters, cap } from '../lib/browser.mjs';

let px, biller, desk, patient, cov;
const pname = { family: cap(`Eli${letters(6)}`), given: cap(`jo${letters(3)}`) };

before(async () => {
  px = await startPraxis();
  biller = client(px.url, await login(px.url, px.email('biller')));
  desk = client(px.url, await login(px.url, px.email('front_desk')));
  await must(biller.call('PUT', '/api/v1/billing-profile', {
    legal_name: 'Main Street Medical Group', npi: '1234567893', tax_id: '046123457', taxonomy: '207Q00000X',
    address: { line1: '1 Main St', city: 'Springfield', state: 'MA', postal_code: '01103' }, medicare_mac: '14211', medicare_locality: '99',
  }), 200);
  await must(biller.call('PUT', '/api/v1/edi-settings', {
    submitter_name: 'Main Street Medical Group', submitter_id: 'MSMG01', contact_name: 'Billing Office', contact_phone: '4135550100',
    receiver_name: 'Clearing House', receiver_id: 'CH0001', isa_sender_qual: 'ZZ', isa_sender_id: 'MSMG01', isa_receiver_qual: 'ZZ',
    isa_receiver_id: 'CH0001', gs_sender: 'MSMG01', gs_receiver: 'CH0001', usage: 'T',
  }), 200);
  const aetna = (await must(biller.post('/api/v1/payers', { name: 'Aetna', payer_code: '60054', kind: 'commercial', filing_indicator: 'CI' }))).id;
  patient = (await must(desk.post('/api/v1/patients', { family_name: pname.family, given_name: pname.given, birth_date: '1958-04-02', sex_at_birth: 'F',
    address: { line1: '12 Elm St', city: 'Springfield', state: 'MA', postal_code: '01103' } }))).id;
  cov = (await must(desk.post('/api/v1/coverages', { patient_id: patient, payer_id: aetna, priority: 1, relationship: 'self', member_id: 'W123456789',
    group_number: 'G100', effective_from: '2020-01-01' }))).id;
});
after(async () => {
  await px?.stop();
});

/** The payer's 271 for the coverage (TRN02 is the coverage id the 270 sent). */
function answer271(control, status = ['EB', '1', 'IND', '30']) {
  const seg = (...e) => e.join('*') + '~';
  return [seg('ISA', '00', '          ', '00', '          ', 'ZZ', 'CH0001         ', 'ZZ', 'MSMG01         ', '260311', '0900', '^', '00501', control, '0', 'T', ':'),
    seg('GS', 'HB', 'CH0001', 'MSMG01', '20260311', '0900', '601', 'X', '005010X279A1'), seg('ST', '271', '0001', '005010X279A1'),
    seg('BHT', '0022', '11', '1', '20260311', '0900'), seg('HL', '1', '', '20', '1'), seg('NM1', 'PR', '2', 'AETNA', '', '', '', '', 'PI', '60054'),
    seg('HL', '2', '1', '21', '1'), seg('NM1', '1P', '2', 'MSMG', '', '', '', '', 'XX', '1234567893'),
    seg('HL', '3', '2', '22', '0'), seg('TRN', '2', String(cov), '1046123457'),
    seg('NM1', 'IL', '1', pname.family.toUpperCase(), pname.given.toUpperCase(), '', '', '', 'MI', 'W123456789'),
    seg('DTP', '346', 'D8', '20260101'), seg(...status),
    seg('EB', 'B', 'IND', '86', '', '', '27', '150'),
    seg('EB', 'B', 'IND', '98^UC', '', '', '27', '30'),
    seg('EB', 'B', 'IND', '98', '', '', '27', '60', '', '', '', '', 'N'),
    seg('EB', 'A', 'IND', '30', '', '', '27', '', '.2'), seg('EB', 'A', 'IND', '30', '', '', '27', '', '0.4', '', '', '', 'N'),
    seg('EB', 'C', 'IND', '30', '', '', '23', '1500'), seg('EB', 'C', 'IND', '30', '', '', '29', '400'),
    seg('SE', '19', '0001'), seg('GE', '1', '601'), seg('IEA', '1', control)].join('\n');
}

const file = (name, text) => ({ name, mimeType: 'application/edi-x12', buffer: Buffer.from(text, 'latin1') });
const respond = (page, method, re) => page.waitForResponse((r) => r.request().method() === method && re.test(new URL(r.url()).pathname));

test('front desk: the 270 downloaded from the insurance panel, the 271 read back in, the coverage eligible with its benefits', { timeout: 120_000 }, async () => {
  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors);
  try {
    await signIn(page, px.url, px.email('front_desk'));
    await page.goto(`${px.url}/patients/${patient}?tab=insurance`);
    const ins = page.getByRole('table', { name: 'Insurance' });
    await ins.getByText('Aetna').waitFor();
    await ins.getByText('Not checked').waitFor();

    // --- The eligibility request of the coverage, as a file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Eligibility request (270) for Aetna insurance' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `eligibility-${cov}.270`);
    const chunks = [];
    for await (const c of await download.createReadStream()) chunks.push(c);
    const x270 = Buffer.concat(chunks).toString('latin1');
    assert.ok(x270.startsWith('ISA'), x270.slice(0, 120));
    assert.ok(x270.includes('EQ*30'), 'asks for health benefit plan coverage');
    assert.ok(x270.includes(`TRN*1*${cov}*`), 'the coverage id is the trace');
    await page.getByText(`eligibility-${cov}.270 downloaded`, { exact: false }).waitFor();

    // --- Before any answer, the coverage's section says how to get one.
    const section = page.getByRole('button', { name: /^Aetna \(Primary\)/ });
    await section.click();
    await page.getByText('No payer’s answer read yet', { exact: false }).waitFor();
    await section.click();

    // --- The payer's answer, chosen with the strip's button.
    const input = page.getByRole('region', { name: /eligibility answer \(271\)/ }).locator('input[type="file"]');
    const [up] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/x12-files$/), input.setInputFiles(file('aetna.271', answer271('000000601')))]);
    assert.equal(up.status(), 201, await up.text());
    assert.equal(new URL(up.url()).searchParams.get('name'), 'aetna.271');
    assert.deepEqual((await up.json()).coverages, [{ coverage_id: cov, eligibility: 'active', outcome: 'updated' }]);
    await page.getByText('Eligibility updated: active').waitFor();
    await ins.getByText('Eligible').waitFor();
    await ins.getByRole('cell', { name: '30.00' }).waitFor(); // the copay column, refreshed

    // --- What the check said, opened from the coverage's section.
    await section.click();
    const dl = page.locator('dl[aria-label="Last eligibility check: Aetna"]');
    await dl.waitFor();
    assert.deepEqual(await dl.locator('dd').allInnerTexts(), ['$30.00', '20%', '$1,500.00', '$1,100.00']);
    const benefits = page.getByRole('table', { name: 'Benefits: Aetna' });
    assert.equal(await benefits.locator('tbody tr').count(), 8);
    await benefits.getByRole('row', { name: /^Active coverage Health benefit plan coverage Individual/ }).waitFor();
    const office = benefits.getByRole('row', { name: /Professional \(physician\) office visit, Urgent care/ });
    assert.deepEqual(await office.locator('td').allInnerTexts(), ['Copay', 'Professional (physician) office visit, Urgent care', 'Individual', '', 'Visit', '$30.00']);
    await benefits.getByRole('row', { name: /Out of network/ }).first().waitFor();
    await benefits.getByRole('cell', { name: '40%' }).waitFor();
    await shot(page, 'eligibility-01-answer-read.png');

    // --- The same file again changes nothing.
    const [again] = await Promise.all([respond(page, 'POST', /^\/api\/v1\/x12-files$/), input.setInputFiles(file('aetna-again.271', answer271('000000601')))]);
    assert.equal(again.status(), 200);
    await page.getByText('Already read').waitFor();

    // --- The payer could not find the member: the coverage is no longer marked eligible.
    const [bad] = await Promise.all([
      respond(page, 'POST', /^\/api\/v1\/x12-files$/),
      input.setInputFiles(file('aetna-aaa.271', answer271('000000602', ['AAA', 'N', '', '72', 'C']))),
    ]);
    assert.equal(bad.status(), 201, await bad.text());
    await page.getByText('The payer could not answer (AAA 72)', { exact: false }).waitFor();
    await ins.getByText('Not checked').waitFor();
    await page.getByRole('button', { name: /^Aetna \(Primary\)/ }).getByText(/: the payer could not say$/).waitFor();
    await shot(page, 'eligibility-02-payer-could-not-answer.png');

    // --- A remittance chosen here is refused before it is sent.
    let posted = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/x12-files') posted++;
    });
    const remit = answer271('000000603').replace('ST*271*0001*005010X279A1', 'ST*835*0001');
    await input.setInputFiles(file('payment.835', remit));
    await page.getByText('This is not a payer’s eligibility answer (271): it holds 835', { exact: false }).waitFor();
    assert.equal(posted, 0, 'nothing sent');

    // The first look for a session, before signing in, answers 401.
    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e)), [], 'no errors in the browser console');
  } catch (e) {
    await shot(page, 'eligibility-failure.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});
