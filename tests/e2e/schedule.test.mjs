// Browser journey of scheduling at the front desk: book from an open slot on the calendar,
// move the appointment by dragging it, see a move onto a booked time refused with the
// conflict named, then walk the patient through the check-in board.
//
// Starts its own server on a fresh database (tests/lib/server.mjs). The practice's data is
// set up through the API: a location in America/New_York, a provider who works every day
// around the clock, a type they offer, two patients. Chromium runs in New York time.
// Optional: PRAXIS_SCREENSHOT_DIR (screenshots are written there), PRAXIS_CHROMIUM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPraxis } from '../lib/server.mjs';
import { TZ, launch, newPage, signIn as signInAs, shot, must, dismissToasts, roundTheClock, letters, cap, hh, addDays, nyNow, nyInstant } from '../lib/browser.mjs';

let px, mgr, desk;
let loc, prov, type, patient, other;





const pname = { family: `Sch${letters(6)}`.replace(/^./, (c) => c.toUpperCase()), given: cap(`dana${letters(2)}`) };
const oname = { family: `Oth${letters(6)}`.replace(/^./, (c) => c.toUpperCase()), given: cap(`lee${letters(2)}`) };
const fullName = (n) => `${n.family}, ${n.given}`;

before(async () => {
  px = await startPraxis();
  ({ mgr, desk, loc, prov, type } = await roundTheClock(px));
  patient = (await must(desk.post('/api/v1/patients', { family_name: pname.family, given_name: pname.given, birth_date: '1984-05-06', sex_at_birth: 'F' }))).id;
  other = (await must(desk.post('/api/v1/patients', { family_name: oname.family, given_name: oname.given, birth_date: '1979-11-02', sex_at_birth: 'M' }))).id;
});
after(async () => {
  await px?.stop();
});

const signIn = (page, role = 'front_desk') => signInAs(page, px.url, px.email(role));

/** Centre of the calendar's time-slot row for "HH:MM" (brought into view), and its column. */
async function slotPoint(page, time) {
  const lane = page.locator(`td.fc-timegrid-slot-lane[data-time="${time}:00"]`);
  await lane.waitFor();
  await lane.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const lb = await lane.boundingBox();
  const cb = await page.locator('td.fc-timegrid-col[data-date]').first().boundingBox();
  return { x: cb.x + cb.width / 2, y: lb.y + lb.height / 2, colX: cb.x };
}

/** Drags an event from the slot row `from` to the slot row `to` with the mouse, once the
 *  calendar has fetched what it shows (not aria-busy), so the events are in place. */
async function drag(page, event, from, to) {
  await page.locator('[data-testid="schedule-calendar"][aria-busy="false"]').waitFor();
  await event.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = async (time) => page.locator(`td.fc-timegrid-slot-lane[data-time="${time}:00"]`).boundingBox();
  const a = await box(from);
  const b = await box(to);
  const ev = await event.boundingBox();
  // Grab the event near its top left, clear of the toasts at the bottom right.
  const x = ev.x + 24;
  const y = ev.y + Math.min(8, ev.height / 2);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + 6, { steps: 3 });
  await page.mouse.move(x, y + (b.y - a.y), { steps: 12 });
  await page.mouse.up();
}

const apptsOf = async (id) => (await desk.get(`/api/v1/appointments?patient_id=${id}`)).body.items;



test('front desk: book from an open slot, drag to reschedule, a conflict is explained, check-in board flow', { timeout: 180_000 }, async () => {
  // A day and hours that are still ahead in New York: today two hours from now (never
  // the small hours a daylight-saving change skips or repeats), or tomorrow morning late
  // in the evening.
  const now = nyNow();
  const late = now.hour >= 20;
  const day = late ? addDays(now.date, 1) : now.date;
  const H = late ? 9 : Math.max(now.hour + 2, 4);
  const at = (h, m) => `${hh(h)}:${hh(m)}`;

  // Another patient already holds H+1:00.
  const blocker = await desk.post('/api/v1/appointments', { patient_id: other, provider_id: prov, location_id: loc, type_id: type, start: nyInstant(day, at(H + 1, 0)) });
  assert.equal(blocker.status, 201, blocker.text);

  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors);

  try {
    await signIn(page);
    // The front desk lands on the calendar: one provider, so the provider's day.
    await page.waitForURL(/\/schedule(\?|$)/);
    const nav = page.getByRole('navigation', { name: 'Areas' });
    for (const item of ['Calendar', 'Check-in board', 'Waitlist']) await nav.getByRole('link', { name: item, exact: true }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Schedule setup', exact: true }).count(), 0, 'setup is for managers');
    if (late) await page.getByRole('button', { name: 'Next day' }).click();
    await page.locator('.fc-bg-event.open-time').first().waitFor();
    await page.locator('.fc-event', { hasText: fullName(oname) }).waitFor();
    await shot(page, 'schedule-01-calendar.png');

    // --- (a) Book by clicking the open slot at H:00.
    const p = await slotPoint(page, at(H, 0));
    await page.mouse.click(p.x, p.y);
    const dialog = page.getByRole('dialog', { name: 'Book appointment' });
    await dialog.waitFor();
    assert.equal(await dialog.getByRole('textbox', { name: 'Start time' }).inputValue(), at(H, 0), 'the start comes from the slot clicked');
    await dialog.getByRole('textbox', { name: 'Patient', exact: true }).fill(pname.family.slice(0, 6).toLowerCase());
    await page.getByRole('option', { name: new RegExp(fullName(pname)) }).click();
    await dialog.getByTestId('picked-patient').getByText(fullName(pname)).waitFor();
    await dialog.getByRole('combobox', { name: 'Appointment type' }).click();
    await page.getByRole('option', { name: /Follow-up · 30 min/ }).click();
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Booked from the calendar');
    await shot(page, 'schedule-02-booking.png');
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/appointments') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: 'Book appointment' }).click(),
    ]);
    assert.equal(created.status(), 201, await created.text());
    await dialog.waitFor({ state: 'detached' });
    const event = page.locator('.fc-event.appt-event', { hasText: fullName(pname) });
    await event.waitFor();
    let mine = await apptsOf(patient);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].start.slice(0, 16), `${day}T${at(H, 0)}`);
    assert.equal(mine[0].status, 'booked');
    assert.equal(mine[0].note, 'Booked from the calendar');
    const id = mine[0].id;
    await shot(page, 'schedule-03-booked.png');

    // --- (b) Drag it half an hour later.
    const [moved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/appointments/${id}`) && r.request().method() === 'PATCH'),
      drag(page, event, at(H, 0), at(H, 30)),
    ]);
    assert.equal(moved.status(), 200, await moved.text());
    mine = await apptsOf(patient);
    assert.equal(mine[0].start.slice(0, 16), `${day}T${at(H, 30)}`, 'moved by dragging');
    await page.getByText('Appointment moved').first().waitFor();

    // ... and onto the other patient's time: refused, explained, and put back.
    await page.locator('.fc-event.appt-event', { hasText: fullName(pname) }).waitFor();
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/appointments/${id}`) && r.request().method() === 'PATCH'),
      drag(page, page.locator('.fc-event.appt-event', { hasText: fullName(pname) }), at(H, 30), at(H + 1, 0)),
    ]);
    assert.equal(refused.status(), 409);
    const banner = page.getByTestId('schedule-banner');
    await banner.waitFor();
    const text = await banner.innerText();
    assert.match(text, /already booked/, text);
    assert.ok(text.includes(fullName(oname)), `the conflict names the appointment it hits: ${text}`);
    assert.match(text, new RegExp(`stays at .*${H % 12 || 12}:30`), text);
    mine = await apptsOf(patient);
    assert.equal(mine[0].start.slice(0, 16), `${day}T${at(H, 30)}`, 'a refused move changes nothing');
    assert.equal(await page.locator('.fc-event.appt-event', { hasText: fullName(pname) }).count(), 1, 'the appointment is still on the calendar');
    await shot(page, 'schedule-04-conflict.png');

    // --- (c) The check-in board: arrived, roomed, with provider, checked out.
    // Dismiss the toasts first, as a person would: they sit over the rows' buttons.
    await dismissToasts(page);
    await nav.getByRole('link', { name: 'Check-in board', exact: true }).click();
    await page.waitForURL(/\/schedule\/board/);
    if (late) await page.getByRole('button', { name: 'Next day' }).click();
    const board = page.getByRole('table', { name: 'Check-in board' });
    await board.getByText(fullName(pname)).waitFor();
    for (const [button, status] of [
      ['Arrived', 'arrived'],
      ['Roomed', 'roomed'],
      ['With provider', 'with_provider'],
      ['Check out', 'checked_out'],
    ]) {
      const [r] = await Promise.all([
        page.waitForResponse((x) => x.url().endsWith(`/api/v1/appointments/${id}/status`)),
        page.getByRole('button', { name: `${button}: ${fullName(pname)}` }).click(),
      ]);
      assert.equal(r.status(), 200, await r.text());
      const got = (await desk.get(`/api/v1/appointments/${id}`)).body;
      assert.equal(got.status, status);
      if (status === 'arrived') await shot(page, 'schedule-05-board-arrived.png');
    }
    await page.getByTestId(`board-status-${id}`).getByText('Checked out').waitFor();
    const done = (await desk.get(`/api/v1/appointments/${id}`)).body;
    assert.deepEqual(
      done.history.map((h) => h.to_status),
      ['booked', 'rescheduled', 'arrived', 'roomed', 'with_provider', 'checked_out'],
    );
    await shot(page, 'schedule-06-board-done.png');

    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*(401|409)/.test(e)), [], 'no errors in the browser console');
  } catch (e) {
    await shot(page, 'schedule-failure.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});

test('practice manager: set up a type and working hours, book the next available time by keyboard-friendly dialog, cancel it from the details', { timeout: 180_000 }, async () => {
  const quinn = (await mgr.post('/api/v1/providers', { family_name: 'Quinn', given_name: 'Michaela', credentials: 'DO' })).body.id;
  const browser = await launch();
  const consoleErrors = [];
  const page = await newPage(browser, consoleErrors);
  try {
    await signIn(page, 'practice_manager');
    const nav = page.getByRole('navigation', { name: 'Areas' });
    await nav.getByRole('link', { name: 'Schedule setup', exact: true }).click();
    await page.waitForURL(/\/schedule\/setup/);

    // --- A type Dr Quinn offers.
    await page.getByRole('button', { name: 'New appointment type' }).click();
    let dialog = page.getByRole('dialog', { name: 'New appointment type' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Consult');
    await dialog.getByRole('textbox', { name: 'Duration (minutes)' }).fill('45');
    await dialog.getByRole('combobox', { name: 'Providers who offer it' }).click();
    await page.getByRole('option', { name: 'Quinn, Michaela, DO' }).click();
    await dialog.getByRole('textbox', { name: 'Name' }).click(); // close the list
    const [typeSaved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/appointment-types') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: 'Add type' }).click(),
    ]);
    assert.equal(typeSaved.status(), 201, await typeSaved.text());
    const consult = await typeSaved.json();
    assert.deepEqual([consult.name, consult.duration_min, consult.provider_ids], ['Consult', 45, [quinn]]);
    await page.getByRole('table', { name: 'Appointment types' }).getByText('Consult').waitFor();

    // --- Working hours: every day, around the clock, from today.
    await page.getByRole('tab', { name: 'Working hours' }).click();
    await page.getByRole('button', { name: 'Add working hours' }).click();
    dialog = page.getByRole('dialog', { name: 'Add working hours' });
    await dialog.getByRole('combobox', { name: 'Provider' }).click();
    await page.getByRole('option', { name: 'Quinn, Michaela, DO' }).click();
    for (const d of ['Sat', 'Sun']) await dialog.getByRole('group', { name: /^Days/ }).getByText(d, { exact: true }).click();
    for (const d of ['Saturday', 'Sunday']) assert.ok(await dialog.getByRole('checkbox', { name: d }).isChecked(), d);
    await dialog.getByLabel('From').fill('00:00');
    await dialog.getByText('Until midnight', { exact: true }).click();
    const [ruleSaved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/availability-rules') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: 'Add working hours' }).click(),
    ]);
    assert.equal(ruleSaved.status(), 201, await ruleSaved.text());
    const rule = await ruleSaved.json();
    assert.deepEqual([rule.provider_id, rule.rrule, rule.start_time, rule.end_time, rule.valid_from], [quinn, 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU', '00:00', '24:00', nyNow().date]);
    await page.getByRole('table', { name: 'Working hours' }).getByText('Every day').first().waitFor();

    // --- Book Dr Quinn's next available Consult from the calendar's button.
    await nav.getByRole('link', { name: 'Calendar', exact: true }).click();
    await page.getByRole('radiogroup', { name: 'View' }).getByText('Day', { exact: true }).click();
    await page.getByRole('combobox', { name: 'Provider' }).click();
    await page.getByRole('option', { name: 'Quinn, Michaela, DO' }).click();
    // Loaded, whether or not a 45-minute Consult still fits today (after 23:15 none does).
    await page.locator('[data-testid="schedule-calendar"][aria-busy="false"]').waitFor();
    await page.getByRole('button', { name: 'Book appointment' }).click();
    dialog = page.getByRole('dialog', { name: 'Book appointment' });
    await dialog.getByRole('textbox', { name: 'Patient', exact: true }).fill(oname.family.slice(0, 6).toLowerCase());
    await page.getByRole('option', { name: new RegExp(fullName(oname)) }).click();
    assert.equal(await dialog.getByRole('combobox', { name: 'Appointment type' }).inputValue(), 'Consult · 45 min', 'the only type offered is chosen');
    await dialog.getByRole('button', { name: 'Next available' }).click();
    await dialog.getByText(/for 45 minutes/).waitFor();
    const [booked] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/appointments') && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: 'Book appointment' }).click(),
    ]);
    assert.equal(booked.status(), 201, await booked.text());
    const appt = await booked.json();
    assert.equal(appt.provider_id, quinn);
    // Soon: within half an hour, or, when today's hours end before 45 minutes fit (after 23:15
    // in New York), at tomorrow's opening, midnight.
    const midnight = Date.parse(nyInstant(addDays(nyNow().date, 1), '00:00'));
    assert.ok(Date.parse(appt.start) - Date.now() < 30 * 60e3 || (Date.parse(appt.start) === midnight && midnight - Date.now() < 45 * 60e3),
      `the next available time is soon: ${appt.start}`);

    // Late at night the next available time can be tomorrow's first.
    if (appt.start.slice(0, 10) !== nyNow().date) await page.getByRole('button', { name: 'Next day' }).click();

    // --- Cancel it from its details: the patient called, within 24 hours. Late in the
    // evening the appointment sits at the bottom of the calendar, under the toast.
    await dismissToasts(page);
    await page.locator('.fc-event.appt-event', { hasText: fullName(oname) }).click();
    const drawer = page.getByRole('dialog', { name: 'Appointment details' });
    await drawer.getByTestId('appointment-patient').getByText(fullName(oname)).waitFor();
    await drawer.getByRole('button', { name: 'Cancel appointment' }).click();
    dialog = page.getByRole('dialog', { name: 'Cancel this appointment?' });
    await dialog.getByRole('group', { name: 'Common reasons' }).getByText('Patient request', { exact: true }).click();
    await dialog.getByRole('radio', { name: /The patient/ }).check();
    const [cancelled] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/appointments/${appt.id}/cancel`)),
      dialog.getByRole('button', { name: 'Cancel appointment' }).click(),
    ]);
    assert.equal(cancelled.status(), 200, await cancelled.text());
    const got = (await mgr.get(`/api/v1/appointments/${appt.id}`)).body;
    assert.deepEqual([got.status, got.cancel_reason, got.cancelled_by, got.late_cancel], ['cancelled', 'Patient request', 'patient', true]);
    await drawer.getByText('Cancelled', { exact: true }).first().waitFor();
    await drawer.getByText('Booked \u2192 Cancelled').waitFor();
    await shot(page, 'schedule-07-cancelled.png');

    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource.*401/.test(e)), [], 'no errors in the browser console');
  } catch (e) {
    await shot(page, 'schedule-failure-2.png').catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
});
