// Browser tests of the rest of scheduling: the patient's reminder link (public, no sign-in),
// the practice manager's reports with a CSV download, and the no-show risk on the calendar
// with overbooking of a high-risk slot.
//
// Starts its own server on a fresh database (tests/lib/server.mjs) with its background jobs
// off and e-mail going to a local SMTP sink (Debian's python3-aiosmtpd, writing a Maildir),
// as in tests/api/reminders.test.mjs. Data is set up through the API: a location in
// America/New_York, a provider who works every day around the clock, a type, three
// patients; one of them missed a visit two weeks ago. Chromium runs in New York time.
// Optional: PRAXIS_SCREENSHOT_DIR (screenshots are written there), PRAXIS_CHROMIUM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startPraxis, client, login, freePort } from '../lib/server.mjs';
import { TZ, launch, newPage as openPage, signIn as signInAs, shot, must, roundTheClock, letters, cap, hh, addDays, nyNow, nyInstant } from '../lib/browser.mjs';
const PUBLIC_URL = 'https://app.practice-a.test';

let px, mgr, desk, smtp, maildir;
let loc, prov, type, emailed, risky, other;
let pastNoShow;
let linked; // the appointment confirmed through the link





const name = (prefix) => ({ family: cap(`${prefix}${letters(6)}`), given: cap(`pat${letters(2)}`) });
const ename = name('Rem');
const rname = name('Risk');
const oname = name('Over');
const fullName = (n) => `${n.family}, ${n.given}`;


const mails = () => {
  const dir = path.join(maildir, 'box', 'new');
  try {
    return fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  } catch {
    return [];
  }
};

before(async () => {
  maildir = fs.mkdtempSync(path.join(os.tmpdir(), 'praxis-e2e-mail-'));
  const smtpPort = await freePort();
  smtp = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${smtpPort}`, '-c', 'aiosmtpd.handlers.Mailbox', path.join(maildir, 'box')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  for (let i = 0; ; i++) {
    // ready when it accepts a connection (polling start-up, not timing a result)
    const up = await new Promise((ok) => {
      const s = net.connect(smtpPort, '127.0.0.1', () => {
        s.end();
        ok(true);
      });
      s.on('error', () => ok(false));
    });
    if (up) break;
    if (i > 200 || smtp.exitCode !== null) throw new Error('aiosmtpd did not start');
    await new Promise((r) => setTimeout(r, 25));
  }
  px = await startPraxis({
    env: {
      PRAXIS_JOBS_INTERVAL: '0',
      PRAXIS_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      PRAXIS_SMTP_FROM: 'reminders@practice-a.test',
      PRAXIS_PUBLIC_URL: PUBLIC_URL,
    },
  });
  ({ mgr, desk, loc, prov, type } = await roundTheClock(px, 'Main St Clinic'));
  const patient = (n, extra = {}) => must(desk.post('/api/v1/patients', { family_name: n.family, given_name: n.given, birth_date: '1984-05-06', sex_at_birth: 'F', ...extra }));
  emailed = (await patient(ename, { email: 'patient@example.test', email_consent: true })).id;
  risky = (await patient(rname)).id;
  other = (await patient(oname)).id;

  // Two weeks ago the risky patient did not come: booked by the manager, marked a no-show.
  const past = addDays(nyNow().date, -14);
  pastNoShow = await must(mgr.post('/api/v1/appointments', { patient_id: risky, provider_id: prov, location_id: loc, type_id: type, start: nyInstant(past, '10:00') }));
  const ns = await mgr.post(`/api/v1/appointments/${pastNoShow.id}/status`, { status: 'no_show' });
  assert.equal(ns.status, 200, ns.text);
});

after(async () => {
  await px?.stop();
  smtp?.kill();
  if (maildir) fs.rmSync(maildir, { recursive: true, force: true });
});


const newPage = (browser, errors, opts = {}) => openPage(browser, errors, { acceptDownloads: true, ...opts });

const signIn = (page, role) => signInAs(page, px.url, px.email(role));

test('a patient confirms from the link in a reminder e-mail, on a phone, without signing in; the link then says it was used', { timeout: 120_000 }, async () => {
  // No quiet hours, so that the reminder goes out whatever the time of day in New York.
  await must(mgr.patch('/api/v1/schedule/settings', { version: 0, quiet_start: '00:00', quiet_end: '00:00' }), 200);
  await must(mgr.post('/api/v1/reminder-rules', { channel: 'email', hours_before: 48 }));
  // About 47 hours ahead (on the type's 15-minute grid): the 48-hour e-mail is due.
  const q = 15 * 60e3;
  const start = new Date(Math.ceil((Date.now() + 47 * 3600e3) / q) * q).toISOString().replace('.000Z', 'Z');
  const appt = await must(desk.post('/api/v1/appointments', { patient_id: emailed, provider_id: prov, location_id: loc, type_id: type, start }));
  linked = appt;
  // Half an hour later, one the patient will cancel.
  const start2 = new Date(Date.parse(start) + 30 * 60e3).toISOString().replace('.000Z', 'Z');
  const appt2 = await must(desk.post('/api/v1/appointments', { patient_id: emailed, provider_id: prov, location_id: loc, type_id: type, start: start2 }));
  const run = await must(mgr.post('/api/v1/reminders/run', {}), 200);
  assert.equal(run.sent, 2, JSON.stringify(run));
  const box = mails();
  assert.equal(box.length, 2);
  assert.ok(box.every((m) => m.includes(`${PUBLIC_URL}/appointment-link?token=`)), 'the e-mails link to the public address');
  // Which link is for which appointment: what each says about its time.
  const links = {};
  for (const m of box) {
    const t = /appointment-link\?token=([A-Za-z0-9_-]{43})/.exec(m)[1];
    const v = (await client(px.url).get(`/api/v1/appointment-link?token=${t}`)).body;
    links[Date.parse(v.start)] = t;
  }
  const token = links[Date.parse(appt.start)];
  const cancelToken = links[Date.parse(appt2.start)];
  assert.ok(token && cancelToken, JSON.stringify(links));
  const link = `${px.url}/appointment-link?token=${token}`;
  const expected = (await client(px.url).get(`/api/v1/appointment-link?token=${token}`)).body;

  const browser = await launch();
  const consoleErrors = [];
  // A phone: narrow, touch.
  const page = await newPage(browser, consoleErrors, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const calls = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/')) calls.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  try {
    // A link that is not (any longer) valid says so plainly.
    await page.goto(`${px.url}/appointment-link?token=${'A'.repeat(43)}`);
    await page.getByRole('heading', { name: 'This link does not work' }).waitFor();

    await page.goto(link);
    await page.getByTestId('link-when').getByText(expected.when, { exact: true }).waitFor();
    assert.ok(!/\/login/.test(page.url()), `no sign-in asked: ${page.url()}`);
    await page.getByTestId('link-practice').getByText('Practice A').waitFor();
    await page.getByText('Main St Clinic', { exact: true }).waitFor();
    const confirm = page.getByRole('button', { name: 'Confirm', exact: true });
    await confirm.waitFor();
    await page.getByRole('button', { name: /I can.t come/ }).waitFor();
    const box2 = await confirm.boundingBox();
    assert.ok(box2.height >= 44 && box2.width >= 300, `a large touch target: ${JSON.stringify(box2)}`);
    assert.ok(!calls.some((c) => c.startsWith('POST')), `opening the page acts on nothing: ${calls}`);
    assert.ok(!calls.some((c) => c.endsWith('/api/v1/me')), `no staff session is looked for: ${calls}`);
    assert.equal((await desk.get(`/api/v1/appointments/${appt.id}`)).body.status, 'booked', 'opening the link changed nothing');
    await shot(page, 'link-01-open.png');

    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/appointment-link') && r.request().method() === 'POST'),
      confirm.tap(),
    ]);
    assert.equal(posted.status(), 200, await posted.text());
    await page.getByTestId('link-result').getByRole('heading', { name: /your appointment is confirmed/ }).waitFor();
    await shot(page, 'link-02-confirmed.png');
    const after = (await desk.get(`/api/v1/appointments/${appt.id}`)).body;
    assert.equal(after.status, 'confirmed');
    const last = after.history.at(-1);
    assert.equal(last.to_status, 'confirmed');
    assert.equal(last.user_id, null, 'done by the patient, not a user');

    // Opened again (or by a mail scanner): it says it was used, and offers nothing.
    await page.goto(link);
    await page.getByTestId('link-result').getByRole('heading', { name: 'You have already confirmed this appointment' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Confirm', exact: true }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /I can.t come/ }).count(), 0);
    await shot(page, 'link-03-used.png');

    // The other appointment: cancelling asks first, and going back changes nothing.
    await page.goto(`${px.url}/appointment-link?token=${cancelToken}`);
    await page.getByRole('button', { name: /I can.t come/ }).tap();
    const step = page.getByTestId('link-cancel-step');
    await step.getByRole('heading', { name: 'Cancel this appointment?' }).waitFor();
    await step.getByRole('button', { name: 'No, keep my appointment' }).tap();
    await page.getByRole('button', { name: 'Confirm', exact: true }).waitFor();
    assert.equal((await desk.get(`/api/v1/appointments/${appt2.id}`)).body.status, 'booked', 'going back changed nothing');
    await page.getByRole('button', { name: /I can.t come/ }).tap();
    await shot(page, 'link-04-cancel-step.png');
    const [cancelled] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/appointment-link') && r.request().method() === 'POST'),
      step.getByRole('button', { name: 'Yes, cancel my appointment' }).tap(),
    ]);
    assert.equal(cancelled.status(), 200, await cancelled.text());
    assert.equal(JSON.parse(cancelled.request().postData()).action, 'cancel');
    await page.getByTestId('link-result').getByRole('heading', { name: 'Your appointment is cancelled' }).waitFor();
    const gone = (await desk.get(`/api/v1/appointments/${appt2.id}`)).body;
    assert.deepEqual([gone.status, gone.cancelled_by], ['cancelled', 'patient']);
    await shot(page, 'link-05-cancelled.png');

    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*404/.test(e)), [], 'no errors in the browser console');
  } catch (e) {
    await shot(page, 'link-failure.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});

test('practice manager: the reports show the weeks and wait times, and the utilisation table downloads as CSV', { timeout: 120_000 }, async () => {
  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors);
  try {
    await signIn(page, 'practice_manager');
    const nav = page.getByRole('navigation', { name: 'Areas' });
    const [report] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/reports/schedule/utilisation?')),
      nav.getByRole('link', { name: 'Reports', exact: true }).click(),
    ]);
    assert.equal(report.status(), 200, await report.text());
    await page.waitForURL(/\/schedule\/reports/);
    const q = new URL(report.url()).searchParams;
    // The last four full weeks, Monday to Sunday.
    assert.equal(new Date(`${q.get('from')}T12:00:00Z`).getUTCDay(), 1, `from is a Monday: ${q.get('from')}`);
    assert.equal(new Date(`${q.get('to')}T12:00:00Z`).getUTCDay(), 0, `to is a Sunday: ${q.get('to')}`);
    assert.equal(addDays(q.get('from'), 27), q.get('to'));

    const table = page.getByRole('table', { name: 'Utilisation by provider and week' });
    // The week of the missed visit: one no-show of one visit.
    const week = (await report.json()).items.find((r) => r.no_shows === 1);
    assert.ok(week, 'the missed visit is in the report');
    const row = table.getByRole('row').filter({ hasText: 'Marcus Welby, MD' }).filter({ hasText: '1 · 100%' });
    await row.waitFor();
    await page.getByRole('table', { name: 'Wait times by provider and day' }).waitFor();
    await page.getByText('1 of 1 visits whose time has passed').waitFor();
    await shot(page, 'reports-01.png');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download utilisation as CSV' }).click()]);
    assert.equal(download.suggestedFilename(), `utilisation-${q.get('from')}-to-${q.get('to')}.csv`);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    assert.match(csv, /^Provider,Week of,/);
    assert.ok(csv.includes('Marcus Welby, MD'), csv);

    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e)), [], 'no errors in the browser console (but the 401 of the sign-in page)');
  } catch (e) {
    await shot(page, 'reports-failure.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});

test('a patient who missed a visit shows at high no-show risk on the calendar, with the reasons; the manager overbooks the slot', { timeout: 120_000 }, async () => {
  // Two hours from now, or tomorrow morning late in the evening.
  const now = nyNow();
  const late = now.hour >= 20;
  const day = late ? addDays(now.date, 1) : now.date;
  const H = late ? 9 : Math.max(now.hour + 2, 4);
  const appt = await must(desk.post('/api/v1/appointments', { patient_id: risky, provider_id: prov, location_id: loc, type_id: type, start: nyInstant(day, `${hh(H)}:00`) }));
  const risk = (await must(desk.get(`/api/v1/appointments/${appt.id}`), 200)).no_show_risk;
  assert.equal(risk?.level, 'high', JSON.stringify(risk));

  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors);
  try {
    await signIn(page, 'practice_manager');
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Calendar', exact: true }).click();
    await page.waitForURL(/\/schedule(\?|$)/);
    if (late) await page.getByRole('button', { name: 'Next day' }).click();
    const event = page.locator('.fc-event.appt-event', { hasText: fullName(rname) });
    await event.waitFor();
    const badge = event.getByTestId('event-risk');
    await badge.waitFor();
    assert.equal(await badge.getAttribute('data-level'), 'high');
    assert.equal((await badge.innerText()).replace(/^\W+/, ''), 'High risk', 'the risk in words, not only colour');
    await shot(page, 'risk-01-calendar.png');

    // The details explain it and offer to overbook the slot.
    await event.click();
    const drawer = page.getByRole('dialog', { name: 'Appointment details' });
    const risk = drawer.getByTestId('no-show-risk');
    await risk.getByText(/High no-show risk/).waitFor();
    await risk.getByText('1 no-show in 1 past visit').waitFor();
    await risk.getByRole('button', { name: 'Overbook this slot' }).click({ trial: true }); // the drawer has settled
    await shot(page, 'risk-02-details.png');
    await risk.getByRole('button', { name: 'Overbook this slot' }).click();
    const dialog = page.getByRole('dialog', { name: 'Overbook this slot' });
    await dialog.getByTestId('overbook-notice').getByText(fullName(rname), { exact: false }).waitFor();
    assert.equal(await dialog.getByRole('textbox', { name: 'Start time' }).inputValue(), `${hh(H)}:00`, 'the slot of the booking');
    await dialog.getByRole('textbox', { name: 'Patient', exact: true }).fill(oname.family.slice(0, 6).toLowerCase());
    await page.getByRole('option', { name: new RegExp(fullName(oname)) }).click();
    await dialog.getByTestId('picked-patient').getByText(fullName(oname)).waitFor();
    await shot(page, 'risk-03-overbook-dialog.png');
    const [booked] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/appointments') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: 'Overbook', exact: true }).click(),
    ]);
    assert.equal(booked.status(), 201, await booked.text());
    assert.equal(JSON.parse(booked.request().postData()).overbook, true);
    const ob = await booked.json();
    assert.equal(ob.overbook, true);
    assert.equal(ob.start, appt.start);
    await dialog.waitFor({ state: 'detached' });
    const second = page.locator('.fc-event.appt-event', { hasText: fullName(oname) });
    await second.getByTestId('event-overbook').getByText('Overbooked').waitFor();
    await shot(page, 'risk-04-overbooked.png');

    // The board marks both rows too.
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Check-in board', exact: true }).click();
    if (late) await page.getByRole('button', { name: 'Next day' }).click();
    const board = page.getByRole('table', { name: 'Check-in board' });
    await board.getByRole('row').filter({ hasText: fullName(rname) }).getByText('High risk').waitFor();
    await board.getByRole('row').filter({ hasText: fullName(oname) }).getByText('Overbooked').waitFor();
    await shot(page, 'risk-05-board.png');

    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e)), [], 'no errors in the browser console (but the 401 of the sign-in page)');
  } catch (e) {
    await shot(page, 'risk-failure.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});

test('front desk: the details of the appointment show the reminder sent and that the patient confirmed it', { timeout: 120_000 }, async () => {
  assert.ok(linked, 'runs after the link was used');
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(linked.start));
  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors);
  try {
    await signIn(page, 'front_desk');
    await page.goto(`${px.url}/schedule?view=day&date=${day}`);
    await page.locator('.fc-event.appt-event', { hasText: fullName(ename) }).click();
    const drawer = page.getByRole('dialog', { name: 'Appointment details' });
    await drawer.getByTestId('appointment-patient').getByText(fullName(ename)).waitFor();
    const reminders = drawer.getByTestId('appointment-reminders');
    await reminders.getByText(/E-mail · 48 hours \(2 days\) before/).waitFor();
    await reminders.getByText('Sent', { exact: true }).waitFor();
    await drawer.getByText('Booked \u2192 Confirmed').waitFor();
    await drawer.getByText(/· by the patient$/).waitFor();
    await drawer.getByText(/Born 05\/06\/1984/).waitFor();
    await drawer.getByTestId('appointment-patient').click({ trial: true }); // the drawer has settled
    await shot(page, 'details-01-reminder.png');
    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e)), [], 'no errors in the browser console (but the 401 of the sign-in page)');
  } catch (e) {
    await shot(page, 'details-failure.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});

test('practice manager: reminder rules, the policy and a calendar feed link from Schedule setup', { timeout: 120_000 }, async () => {
  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors);
  try {
    await signIn(page, 'practice_manager');
    await page.goto(`${px.url}/schedule/setup`);
    await page.getByRole('tab', { name: 'Reminders' }).click();
    const rules = page.getByRole('table', { name: 'Reminder rules' });
    await rules.getByText('48 hours (2 days) before').waitFor();

    // A text message two hours before.
    await page.getByRole('button', { name: 'New reminder rule' }).click();
    let dialog = page.getByRole('dialog', { name: 'New reminder rule' });
    await dialog.getByRole('combobox', { name: 'Send by' }).click();
    await page.getByRole('option', { name: 'Text message (SMS)' }).click();
    await dialog.getByRole('textbox', { name: 'Hours before the appointment' }).fill('2');
    const [ruleSaved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/reminder-rules') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: 'Add rule' }).click(),
    ]);
    assert.equal(ruleSaved.status(), 201, await ruleSaved.text());
    await rules.getByText('2 hours before').waitFor();

    // The desk may overbook high-risk slots.
    const before = (await mgr.get('/api/v1/schedule/settings')).body;
    const policy = page.getByRole('switch', { name: 'The front desk may overbook a slot whose booking is at high risk of a no-show' });
    await policy.check();
    assert.equal(await policy.isChecked(), true);
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/schedule/settings') && r.request().method() === 'PATCH'),
      page.getByRole('button', { name: 'Save settings' }).click(),
    ]);
    assert.equal(saved.status(), 200, await saved.text());
    assert.deepEqual(JSON.parse(saved.request().postData()), { version: before.version, overbook_high_risk: true });
    assert.equal((await mgr.get('/api/v1/schedule/settings')).body.overbook_high_risk, true);

    const [ran] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/reminders/run')),
      page.getByRole('button', { name: 'Send due reminders now' }).click(),
    ]);
    assert.equal(ran.status(), 200);
    await page.getByTestId('reminder-run').getByText('Held for quiet hours').waitFor();
    await shot(page, 'setup-01-reminders.png');

    // A calendar feed for Dr Welby: the link is shown once and works until revoked.
    await page.getByRole('tab', { name: 'Calendar feeds' }).click();
    await page.getByText('Links are shown once; revoke to invalidate all').waitFor();
    await page.getByRole('button', { name: 'New feed link for Welby, Marcus, MD' }).click();
    dialog = page.getByRole('dialog', { name: 'New calendar feed link for Welby, Marcus, MD' });
    const [made] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/providers/${prov}/calendar-feed`) && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: 'Create link' }).click(),
    ]);
    assert.equal(made.status(), 201, await made.text());
    const shown = page.getByRole('dialog', { name: 'Calendar feed link for Welby, Marcus, MD' });
    const url = await shown.getByTestId('feed-url').inputValue();
    assert.equal(url, `${px.url}${(await made.json()).path}`);
    await shown.getByRole('button', { name: 'Copy link' }).waitFor();
    await shot(page, 'setup-02-feed.png');
    const ics = await fetch(url);
    assert.equal(ics.status, 200);
    assert.match(await ics.text(), /BEGIN:VCALENDAR/);
    await shown.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Revoke all feed links of Welby, Marcus, MD' }).click();
    dialog = page.getByRole('dialog', { name: /Revoke the calendar feed links/ });
    const [revoked] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/providers/${prov}/calendar-feed`) && r.request().method() === 'DELETE'),
      dialog.getByRole('button', { name: 'Revoke all links' }).click(),
    ]);
    assert.equal(revoked.status(), 204);
    assert.equal((await fetch(url)).status, 404, 'a revoked link no longer works');

    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e)), [], 'no errors in the browser console (but the 401 of the sign-in page)');
  } catch (e) {
    await shot(page, 'setup-failure.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});
