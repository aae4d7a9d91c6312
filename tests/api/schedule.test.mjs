// Scheduling over HTTP: availability, booking without double-booking, the day's flow,
// cancellations, series and the waitlist. The server's clock is pinned to Monday
// 2 March 2026, 07:00 in New York, the week before the US switch to daylight time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPraxis, client, login } from '../lib/server.mjs';

const NOW = Date.parse('2026-03-02T12:00:00Z');
let px, mgr, desk, auditor, adminB, hr;
let loc, prov, prov2, type, patient, patient2;

before(async () => {
  px = await startPraxis({ env: { PRAXIS_NOW: String(NOW / 1000) } });
  mgr = client(px.url, await login(px.url, px.email('practice_manager')));
  desk = client(px.url, await login(px.url, px.email('front_desk')));
  auditor = client(px.url, await login(px.url, px.email('auditor')));
  hr = client(px.url, await login(px.url, px.email('hr')));
  adminB = client(px.url, await login(px.url, px.email('admin', 'b')));
  loc = (await mgr.post('/api/v1/locations', { name: 'Main St', time_zone: 'America/New_York', pos_code: '11' })).body.id;
  prov = (await mgr.post('/api/v1/providers', { family_name: 'Welby', given_name: 'Marcus' })).body.id;
  prov2 = (await mgr.post('/api/v1/providers', { family_name: 'Quinn', given_name: 'Michaela' })).body.id;
  const t = await mgr.post('/api/v1/appointment-types', { name: 'Follow-up', duration_min: 20, provider_ids: [prov, prov2], color: '#228be6' });
  assert.equal(t.status, 201, t.text);
  type = t.body.id;
  for (const [a, b] of [['09:00', '12:00'], ['13:00', '17:00']]) {
    const r = await mgr.post('/api/v1/availability-rules', { provider_id: prov, location_id: loc, weekdays: ['MO', 'TU', 'WE', 'TH', 'FR'], start_time: a, end_time: b, valid_from: '2026-01-01' });
    assert.equal(r.status, 201, r.text);
  }
  await mgr.post('/api/v1/availability-rules', { provider_id: prov2, location_id: loc, weekdays: ['MO', 'WE'], start_time: '08:00', end_time: '10:00', valid_from: '2026-01-01' });
  patient = (await desk.post('/api/v1/patients', { family_name: 'Doe', given_name: 'Jane', birth_date: '1980-04-02', sex_at_birth: 'F' })).body.id;
  patient2 = (await desk.post('/api/v1/patients', { family_name: 'Roe', given_name: 'Rick', birth_date: '1975-01-09', sex_at_birth: 'M' })).body.id;
});
after(async () => { await px?.stop(); });

const slots = async (q) => {
  const r = await desk.get('/api/v1/availability?' + new URLSearchParams({ type_id: type, ...q }));
  assert.equal(r.status, 200, r.text);
  return r.body.items;
};
const book = (c, start, extra = {}) => c.post('/api/v1/appointments', { patient_id: patient, provider_id: prov, location_id: loc, type_id: type, start, ...extra });

test('availability: the next open starts fit the type, on the slot grid, from now on', async () => {
  const s = await slots({ provider_id: prov, limit: 12 });
  assert.equal(s.length, 12);
  assert.equal(s[0].start, '2026-03-02T09:00:00-05:00');
  assert.equal(s[0].end, '2026-03-02T09:20:00-05:00');
  assert.equal(s[1].start, '2026-03-02T09:15:00-05:00');
  assert.equal(s[10].start, '2026-03-02T11:30:00-05:00', 'the last morning start still ends by 12:00');
  assert.equal(s[11].start, '2026-03-02T13:00:00-05:00', 'no start runs into the lunch break');
  const any = await slots({ limit: 3 });
  assert.deepEqual(any.map((x) => [x.start, x.provider_id]), [
    ['2026-03-02T08:00:00-05:00', prov2], ['2026-03-02T08:15:00-05:00', prov2], ['2026-03-02T08:30:00-05:00', prov2]]);
});

test('availability: a 09:00 local slot stays 09:00 local across the daylight-saving change', async () => {
  const s = await slots({ provider_id: prov, from: '2026-03-06T00:00:00Z', to: '2026-03-10T00:00:00Z', limit: 200 });
  const firsts = {};
  for (const x of s) firsts[x.start.slice(0, 10)] ??= x.start;
  assert.deepEqual(firsts, { '2026-03-06': '2026-03-06T09:00:00-05:00', '2026-03-09': '2026-03-09T09:00:00-04:00' });
  assert.equal(Date.parse(firsts['2026-03-09']) - Date.parse(firsts['2026-03-06']), (3 * 24 - 1) * 3600e3);
});

test('working hours: the sessions of a provider in local time, across the daylight-saving change', async () => {
  const w = await desk.get(`/api/v1/working-hours?provider_id=${prov}&from=2026-03-06&to=2026-03-10`);
  assert.equal(w.status, 200, w.text);
  assert.deepEqual(w.body.items.map((s) => [s.start, s.end]), [
    ['2026-03-06T09:00:00-05:00', '2026-03-06T12:00:00-05:00'], ['2026-03-06T13:00:00-05:00', '2026-03-06T17:00:00-05:00'],
    ['2026-03-09T09:00:00-04:00', '2026-03-09T12:00:00-04:00'], ['2026-03-09T13:00:00-04:00', '2026-03-09T17:00:00-04:00']]);
  assert.equal((await desk.get('/api/v1/working-hours?from=2026-03-06&to=2026-03-10')).status, 400);
  assert.equal((await adminB.get(`/api/v1/working-hours?provider_id=${prov}&from=2026-03-06&to=2026-03-10`)).status, 400);
});

test('exceptions: a holiday removes a day, an extra session adds one; rules accept an RRULE', async () => {
  const h = await mgr.post('/api/v1/availability-exceptions', { kind: 'blocked', start: '2026-03-03T00:00:00-05:00', end: '2026-03-04T00:00:00-05:00', reason: 'holiday' });
  assert.equal(h.status, 201, h.text);
  const x = await mgr.post('/api/v1/availability-exceptions', { kind: 'extra', provider_id: prov, location_id: loc, start: '2026-03-07T10:00:00-05:00', end: '2026-03-07T11:00:00-05:00' });
  assert.equal(x.status, 201, x.text);
  const days = new Set((await slots({ provider_id: prov, from: '2026-03-03T00:00:00Z', to: '2026-03-09T00:00:00Z', limit: 200 })).map((s) => s.start.slice(0, 10)));
  assert.deepEqual([...days].sort(), ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07']);
  const monthly = await mgr.post('/api/v1/availability-rules', { provider_id: prov2, location_id: loc, rrule: 'FREQ=MONTHLY;BYDAY=1SA', start_time: '09:00', end_time: '10:00', valid_from: '2026-01-01' });
  assert.equal(monthly.status, 201, monthly.text);
  const sat = await slots({ provider_id: prov2, from: '2026-03-28T00:00:00Z', to: '2026-04-05T00:00:00Z', limit: 200 });
  assert.deepEqual([...new Set(sat.map((s) => s.start.slice(0, 10)))], ['2026-03-30', '2026-04-01', '2026-04-04']);
  const bad = await mgr.post('/api/v1/availability-rules', { provider_id: prov, location_id: loc, rrule: 'FREQ=HOURLY', start_time: '10:00', end_time: '09:00', valid_from: '2026-01-01' });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((e) => e.field), ['rrule']);
  const order = await mgr.post('/api/v1/availability-rules', { provider_id: prov, location_id: loc, weekdays: ['XX'], start_time: '25:00', end_time: '09:00', valid_from: '2026-01-01' });
  assert.equal(order.status, 400);
  assert.ok(order.body.errors.some((e) => e.field === 'start_time'));
  assert.equal((await mgr.del(`/api/v1/availability-exceptions/${h.body.id}`)).status, 204);
});

test('booking: the slot is taken once; an overlap answers 409 naming the appointment it hits', async () => {
  const a = await book(desk, '2026-03-04T10:00:00-05:00', { note: 'prefers mornings' });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.body.status, 'booked');
  assert.equal(a.body.end, '2026-03-04T10:20:00-05:00');
  assert.equal(a.body.patient.name, 'Doe, Jane');
  const again = await book(desk, '2026-03-04T10:10:00-05:00', { patient_id: patient2 });
  assert.equal(again.status, 409);
  assert.equal(again.body.conflict.appointment_id, a.body.id);
  assert.equal(again.body.conflict.with, 'provider');
  assert.ok(!JSON.stringify(again.body).includes('Doe'), 'the conflict names the appointment, not the patient');
  const free = await slots({ provider_id: prov, from: '2026-03-04T14:30:00Z', to: '2026-03-04T16:00:00Z', limit: 10 });
  assert.deepEqual(free.map((s) => s.start.slice(11, 16)), ['09:30', '10:30', '10:45'], 'starts overlapping 10:00-10:20 are gone');
});

test('booking: 50 simultaneous requests for one slot yield exactly one 201', async () => {
  const rs = await Promise.all(Array.from({ length: 50 }, () => book(desk, '2026-03-05T14:00:00-05:00', { patient_id: patient2 })));
  const codes = rs.map((r) => r.status).sort();
  assert.equal(codes.filter((c) => c === 201).length, 1, JSON.stringify(codes));
  assert.equal(codes.filter((c) => c === 409).length, 49);
  const list = await desk.get('/api/v1/appointments?' + new URLSearchParams({ from: '2026-03-05', to: '2026-03-06', provider_id: prov }));
  assert.equal(list.body.items.filter((x) => x.start === '2026-03-05T14:00:00-05:00').length, 1);
});

test('booking outside availability answers 422 unless an override is stated by someone allowed to', async () => {
  const out = await book(desk, '2026-03-04T07:00:00-05:00');
  assert.equal(out.status, 422);
  assert.equal(out.body.rule, 'outside_availability');
  assert.equal((await book(desk, '2026-03-04T07:00:00-05:00', { override: true, override_reason: 'urgent' })).status, 403);
  const noReason = await book(mgr, '2026-03-04T07:00:00-05:00', { override: true });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.errors[0].field, 'override_reason');
  const ok = await book(mgr, '2026-03-04T07:00:00-05:00', { override: true, override_reason: 'urgent' });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.body.outside_availability, true);
  const trail = await client(px.url, await login(px.url, px.email('admin'))).get(`/api/v1/audit?patient_id=${patient}`);
  assert.ok(trail.body.items.some((e) => e.action === 'appointment.create_override' && e.reason === 'urgent'));
});

test('the day flows booked -> arrived -> roomed -> with provider -> checked out; illegal steps answer 409', async () => {
  const a = (await book(desk, '2026-03-02T09:00:00-05:00')).body;
  const step = (status) => desk.post(`/api/v1/appointments/${a.id}/status`, { status });
  assert.equal((await step('checked_out')).status, 409);
  assert.equal((await step('no_show')).status, 409, 'not a no-show before its start');
  assert.equal((await step('arrived')).status, 200);
  const board = await desk.get('/api/v1/schedule/board?date=2026-03-02');
  const row = board.body.items.find((x) => x.id === a.id);
  assert.equal(row.status, 'arrived');
  assert.equal(row.minutes_waiting, 0);
  for (const s of ['roomed', 'with_provider', 'checked_out']) assert.equal((await step(s)).status, 200, s);
  assert.equal((await step('arrived')).status, 409);
  const full = await desk.get(`/api/v1/appointments/${a.id}`);
  assert.deepEqual(full.body.history.map((h) => h.to_status), ['booked', 'arrived', 'roomed', 'with_provider', 'checked_out']);
  assert.ok(full.body.checked_out_at && full.body.arrived_at);
  assert.equal((await step('bogus')).status, 400);
});

test('a past appointment can be marked a no-show, which frees its time', async () => {
  const a = await book(mgr, '2026-02-27T09:00:00-05:00');
  assert.equal(a.status, 201, a.text);
  const r = await desk.post(`/api/v1/appointments/${a.body.id}/status`, { status: 'no_show' });
  assert.equal(r.status, 200);
  assert.ok(r.body.no_show_at);
  assert.equal((await book(mgr, '2026-02-27T09:00:00-05:00', { patient_id: patient2 })).status, 201);
});

test('reschedule keeps history and needs the current version; a move into a booked time is 409', async () => {
  const a = (await book(desk, '2026-03-06T09:00:00-05:00')).body;
  const b = (await book(desk, '2026-03-06T10:00:00-05:00', { patient_id: patient2 })).body;
  const wish = (await desk.post('/api/v1/waitlist', { patient_id: patient2, type_id: type, provider_id: prov, time_of_day: 'morning', note: 'earlier please' })).body;
  const moved = await desk.patch(`/api/v1/appointments/${a.id}`, { version: a.version, start: '2026-03-06T11:00:00-05:00', reason: 'patient asked' });
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.body.start, '2026-03-06T11:00:00-05:00');
  assert.deepEqual(moved.body.waitlist_matches.map((m) => m.waitlist_id), [wish.id], 'the 09:00 it left is offered');
  const stale = await desk.patch(`/api/v1/appointments/${a.id}`, { version: a.version, start: '2026-03-06T11:30:00-05:00' });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.type.endsWith('version-conflict'), true);
  const clash = await desk.patch(`/api/v1/appointments/${a.id}`, { version: moved.body.version, start: '2026-03-06T10:10:00-05:00' });
  assert.equal(clash.status, 409);
  assert.equal(clash.body.conflict.appointment_id, b.id);
  const h = (await desk.get(`/api/v1/appointments/${a.id}`)).body.history;
  assert.equal(h.at(-1).to_status, 'rescheduled');
  assert.equal(h.at(-1).from_start, '2026-03-06T09:00:00-05:00');
  assert.equal(h.at(-1).reason, 'patient asked');
});

test('cancel: reason and who are required; late when the patient cancels within 24 h; the waitlist is offered the time', async () => {
  const wl = await desk.post('/api/v1/waitlist', { patient_id: patient2, type_id: type, provider_id: prov, time_of_day: 'afternoon' });
  assert.equal(wl.status, 201, wl.text);
  const wl2 = await desk.post('/api/v1/waitlist', { patient_id: patient, type_id: type, time_of_day: 'morning' });
  assert.equal(wl2.status, 201);
  const a = (await book(desk, '2026-03-02T15:00:00-05:00')).body;
  const missing = await desk.post(`/api/v1/appointments/${a.id}/cancel`, {});
  assert.equal(missing.status, 400);
  assert.deepEqual(missing.body.errors.map((e) => e.field).sort(), ['by', 'reason']);
  const c = await desk.post(`/api/v1/appointments/${a.id}/cancel`, { reason: 'feeling better', by: 'patient' });
  assert.equal(c.status, 200, c.text);
  assert.equal(c.body.status, 'cancelled');
  assert.equal(c.body.late_cancel, true);
  assert.deepEqual(c.body.waitlist_matches.map((m) => m.waitlist_id), [wl.body.id], 'only the afternoon wish fits 15:00');
  assert.equal((await desk.get(`/api/v1/waitlist/${wl.body.id}`)).body.status, 'offered');
  assert.equal((await desk.post(`/api/v1/appointments/${a.id}/cancel`, { reason: 'x', by: 'patient' })).status, 409);
  const rebooked = await book(desk, '2026-03-02T15:00:00-05:00', { patient_id: patient2 });
  assert.equal(rebooked.status, 201, 'the time is free again');
  const met = (await desk.get(`/api/v1/waitlist/${wl.body.id}`)).body;
  assert.deepEqual([met.status, met.appointment_id], ['booked', rebooked.body.id], 'booking the patient meets their wish');
});

test('a weekly series books every occurrence or none; cancelling the remaining ones leaves the earlier', async () => {
  const blocker = (await book(desk, '2026-03-25T16:00:00-04:00', { patient_id: patient2 })).body;
  const clash = await book(desk, '2026-03-11T16:00:00-04:00', { repeat: { every_weeks: 1, count: 4 } });
  assert.equal(clash.status, 409);
  assert.equal(clash.body.occurrence, 3);
  assert.equal(clash.body.conflict.appointment_id, blocker.id);
  const none = await desk.get('/api/v1/appointments?' + new URLSearchParams({ patient_id: patient, from: '2026-03-11', to: '2026-04-30' }));
  assert.equal(none.body.items.filter((x) => x.start.endsWith('T16:00:00-04:00')).length, 0, 'nothing of the failed series was kept');
  const s = await book(desk, '2026-03-10T16:00:00-04:00', { repeat: { every_weeks: 1, count: 4 } });
  assert.equal(s.status, 201, s.text);
  const series = (await desk.get('/api/v1/appointments?' + new URLSearchParams({ patient_id: patient, from: '2026-03-10', to: '2026-04-30' })))
    .body.items.filter((x) => x.series_id === s.body.id);
  assert.deepEqual(series.map((x) => x.start), ['2026-03-10T16:00:00-04:00', '2026-03-17T16:00:00-04:00', '2026-03-24T16:00:00-04:00', '2026-03-31T16:00:00-04:00']);
  const c = await desk.post(`/api/v1/appointments/${series[1].id}/cancel`, { reason: 'moving away', by: 'patient', scope: 'remaining' });
  assert.equal(c.status, 200, c.text);
  assert.equal(c.body.cancelled_count, 3);
  assert.equal(c.body.late_cancel, false);
  assert.equal((await desk.get(`/api/v1/appointments/${series[0].id}`)).body.status, 'booked');
  assert.equal((await desk.get(`/api/v1/appointments/${series[3].id}`)).body.status, 'cancelled');
});

test('set-up: types validate and list their providers; front desk may book but not set up', async () => {
  const bad = await mgr.post('/api/v1/appointment-types', { name: 'Bad', duration_min: 2, color: 'blue', provider_ids: [999999] });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['color']);
  const got = await desk.get(`/api/v1/appointment-types/${type}`);
  assert.deepEqual(got.body.provider_ids, [prov, prov2]);
  assert.equal(got.body.slot_step_min, 15);
  assert.equal((await desk.post('/api/v1/appointment-types', { name: 'X', duration_min: 10 })).status, 403);
  assert.equal((await desk.post('/api/v1/availability-rules', {})).status, 403);
  const dup = await mgr.post('/api/v1/appointment-types', { name: 'Follow-up', duration_min: 10 });
  assert.equal(dup.status, 400);
  assert.equal(dup.body.errors[0].field, 'name');
});

test('scheduling is scoped: 403 without the permission, 404 across practices', async () => {
  const a = (await book(desk, '2026-03-09T13:00:00-04:00')).body;
  for (const c of [auditor, hr]) {
    assert.equal((await c.get(`/api/v1/appointments/${a.id}`)).status, 403);
    assert.equal((await c.get('/api/v1/availability?type_id=' + type)).status, 403);
  }
  assert.equal((await adminB.get(`/api/v1/appointments/${a.id}`)).status, 404);
  assert.equal((await adminB.patch(`/api/v1/appointments/${a.id}`, { version: 1, note: 'x' })).status, 404);
  assert.equal((await adminB.post(`/api/v1/appointments/${a.id}/status`, { status: 'arrived' })).status, 404);
  assert.equal((await adminB.post(`/api/v1/appointments/${a.id}/cancel`, { reason: 'x', by: 'practice' })).status, 404);
  assert.equal((await adminB.get(`/api/v1/appointment-types/${type}`)).status, 404);
  const foreign = await adminB.post('/api/v1/appointments', { patient_id: patient, provider_id: prov, location_id: loc, type_id: type, start: '2026-03-09T14:00:00-04:00' });
  assert.equal(foreign.status, 400);
  assert.equal(foreign.body.errors[0].field, 'patient_id');
  const list = await adminB.get('/api/v1/appointments?from=2026-03-01&to=2026-04-01');
  assert.deepEqual(list.body.items, []);
  assert.equal((await adminB.get('/api/v1/availability?type_id=' + type)).status, 400, "another practice's type is not found");
});

test('reading an appointment is audited against its patient', async () => {
  const a = (await book(desk, '2026-03-09T15:00:00-04:00', { patient_id: patient2 })).body;
  await desk.get(`/api/v1/appointments/${a.id}`);
  const admin = client(px.url, await login(px.url, px.email('admin')));
  const t = await admin.get(`/api/v1/audit?patient_id=${patient2}`);
  const actions = t.body.items.map((e) => e.action);
  assert.ok(actions.includes('appointment.create') && actions.includes('appointment.read'), actions.join());
});

test('calendar feed: a secret URL shows busy time and types, names only when turned on; revoking ends it', async () => {
  const a = (await book(desk, '2026-03-10T09:00:00-04:00')).body;
  assert.equal((await desk.post(`/api/v1/providers/${prov}/calendar-feed`, {})).status, 403, 'setting up a feed is schedule.setup');
  const f = await mgr.post(`/api/v1/providers/${prov}/calendar-feed`, {});
  assert.equal(f.status, 201, f.text);
  const ics = await fetch(px.url + f.body.path);
  assert.equal(ics.status, 200);
  assert.match(ics.headers.get('content-type'), /^text\/calendar/);
  const text = await ics.text();
  assert.match(text, /^BEGIN:VCALENDAR\r\n/);
  assert.match(text, new RegExp(`UID:appointment-${a.id}@`));
  assert.match(text, /DTSTART:20260310T130000Z/);
  assert.match(text, /SUMMARY:Busy: Follow-up/);
  assert.ok(!text.includes('Doe'), 'no patient names by default');
  const named = await mgr.post(`/api/v1/providers/${prov}/calendar-feed`, { show_patient_names: true });
  assert.match(await (await fetch(px.url + named.body.path)).text(), /SUMMARY:Follow-up: Doe\\?, Jane/);
  const forged = f.body.path.replace(/token=.{8}/, 'token=AAAAAAAA');
  assert.equal((await fetch(px.url + forged)).status, 404);
  assert.equal((await fetch(px.url + f.body.path.replace(`providers/${prov}/`, `providers/${prov2}/`))).status, 404, 'a token opens only its own provider');
  assert.equal((await adminB.del(`/api/v1/providers/${prov}/calendar-feed`)).status, 404);
  assert.equal((await mgr.del(`/api/v1/providers/${prov}/calendar-feed`)).status, 204);
  assert.equal((await fetch(px.url + f.body.path)).status, 404, 'revoked');
  assert.equal((await fetch(px.url + named.body.path)).status, 404, 'revoked');
});

test('reports: utilisation per provider and week, wait times per day; CSV and XLSX downloads', async () => {
  assert.equal((await desk.get('/api/v1/reports/schedule/utilisation?from=2026-03-02&to=2026-03-08')).status, 403);
  const bad = await mgr.get('/api/v1/reports/schedule/utilisation?from=2026-03-02');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.errors[0].field, 'to');
  const u = await mgr.get('/api/v1/reports/schedule/utilisation?from=2026-03-02&to=2026-03-08');
  assert.equal(u.status, 200, u.text);
  const row = u.body.items.find((r) => r.provider_id === prov && r.week === '2026-03-02');
  assert.equal(row.available_min, 5 * 7 * 60 + 60, 'five 7-hour days and the one-hour Saturday session');
  const list = (await desk.get('/api/v1/appointments?' + new URLSearchParams({ from: '2026-03-02T05:00:00Z', to: '2026-03-09T05:00:00Z', provider_id: prov, limit: 500 }))).body.items;
  const held = list.filter((a) => a.status !== 'cancelled');
  assert.equal(row.appointments, list.length);
  assert.equal(row.booked_min, held.reduce((n, a) => n + a.duration_min, 0));
  assert.equal(row.cancellations, list.length - held.length);
  assert.ok(Math.abs(row.utilisation - row.booked_min / row.available_min) < 1e-9);
  const w = await mgr.get('/api/v1/reports/schedule/wait-times?from=2026-03-02&to=2026-03-02');
  assert.equal(w.status, 200, w.text);
  assert.deepEqual(w.body.items.map((r) => [r.provider_id, r.date, r.visits]), [[prov, '2026-03-02', 1]]);
  const csv = await fetch(px.url + '/api/v1/reports/schedule/utilisation?from=2026-03-02&to=2026-03-08&format=csv', { headers: { Authorization: mgr.auth } });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-disposition'), /attachment; filename="utilisation-2026-03-02-to-2026-03-08.csv"/);
  const lines = (await csv.text()).trim().split('\r\n');
  assert.equal(lines[0].split(',')[0], 'Provider');
  assert.equal(lines.length, u.body.items.length + 1);
  const x = await fetch(px.url + '/api/v1/reports/schedule/wait-times?from=2026-03-02&to=2026-03-02&format=xlsx', { headers: { Authorization: mgr.auth } });
  assert.equal(x.status, 200);
  const bytes = Buffer.from(await x.arrayBuffer());
  assert.equal(bytes.subarray(0, 4).toString('binary'), 'PK\x03\x04', 'an XLSX file is a zip');
  assert.ok(bytes.includes('xl/worksheets/sheet1.xml'));
  assert.equal((await mgr.get('/api/v1/reports/schedule/wait-times?from=2026-03-02&to=2026-03-02&format=pdf')).status, 400);
});

test("no-show risk: the patient's own history, smoothed, with its reasons", async () => {
  // `patient` missed the 27 February visit (the no-show test); `patient2` has no past visit
  const a = (await book(desk, '2026-03-11T13:00:00-04:00')).body;
  const b = (await book(desk, '2026-03-11T14:00:00-04:00', { patient_id: patient2 })).body;
  const ra = (await desk.get(`/api/v1/appointments/${a.id}`)).body.no_show_risk;
  const rb = (await desk.get(`/api/v1/appointments/${b.id}`)).body.no_show_risk;
  assert.equal(ra.level, 'high', JSON.stringify(ra));
  assert.match(ra.reasons[0], /^1 no-show in 1 past visit$/);
  assert.equal(rb.level, 'low', 'no history: the practice\'s ordinary rate, not a warning');
  assert.deepEqual(a.no_show_risk, ra, 'the booking answer carries it too');
  assert.match(rb.reasons[0], /^no past visits/);
  assert.ok(ra.score > rb.score);
  const listed = (await desk.get('/api/v1/appointments?from=2026-03-11&to=2026-03-12')).body.items.find((x) => x.id === a.id);
  assert.deepEqual(listed.no_show_risk, ra, 'the calendar list carries the same risk');
});

test('controlled overbooking: the desk may double-book only high-risk slots, and only when the practice allows it', async () => {
  // the risk test booked `patient` (high risk) at 13:00 and `patient2` (not high) at 14:00 on 11 March
  const over = (start) => book(desk, start, { patient_id: patient2, overbook: true });
  assert.equal((await over('2026-03-11T13:00:00-04:00')).status, 403, 'not allowed until the practice says so');
  const s = (await mgr.get('/api/v1/schedule/settings')).body;
  assert.equal((await mgr.patch('/api/v1/schedule/settings', { version: s.version, overbook_high_risk: true })).status, 200);
  const ok = await over('2026-03-11T13:00:00-04:00');
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.body.overbook, true);
  const second = await over('2026-03-11T13:00:00-04:00');
  assert.equal(second.status, 409, 'one overbooking per slot: the database refuses a second');
  const low = await over('2026-03-11T14:00:00-04:00');
  assert.equal(low.status, 422);
  assert.equal(low.body.rule, 'overbook_not_high_risk');
  const empty = await over('2026-03-11T15:00:00-04:00');
  assert.equal(empty.status, 400);
  assert.equal(empty.body.errors[0].field, 'overbook');
});

test('changing a waitlist entry and a type; history names who acted; lists carry the birth date', async () => {
  const w = (await desk.post('/api/v1/waitlist', { patient_id: patient, type_id: type, time_of_day: 'any' })).body;
  const removed = await desk.patch(`/api/v1/waitlist/${w.id}`, { version: w.version, status: 'removed' });
  assert.equal(removed.status, 200, removed.text);
  assert.equal(removed.body.status, 'removed');
  assert.equal(removed.body.patient.birth_date, '1980-04-02');
  const t = (await mgr.get(`/api/v1/appointment-types/${type}`)).body;
  const renamed = await mgr.patch(`/api/v1/appointment-types/${type}`, { version: t.version, color: '#fa5252' });
  assert.equal(renamed.status, 200, renamed.text);
  assert.deepEqual(renamed.body.provider_ids, [prov, prov2], 'providers stay unless given');
  const one = await mgr.patch(`/api/v1/appointment-types/${type}`, { version: renamed.body.version, provider_ids: [prov, prov2] });
  assert.equal(one.status, 200, one.text);
  const a = (await book(desk, '2026-03-12T09:00:00-04:00')).body;
  assert.equal(a.patient.birth_date, '1980-04-02');
  await desk.post(`/api/v1/appointments/${a.id}/status`, { status: 'confirmed' });
  const h = (await desk.get(`/api/v1/appointments/${a.id}`)).body.history;
  assert.ok(h.every((x) => typeof x.user_name === 'string' && x.user_name.length > 0), JSON.stringify(h));
});

test("the board's today is the practice's: 9 pm in New York is already tomorrow in UTC", async () => {
  const late = await startPraxis({ env: { PRAXIS_NOW: String(Date.parse('2026-03-03T02:00:00Z') / 1000) } });
  try {
    const m = client(late.url, await login(late.url, late.email('practice_manager')));
    await m.post('/api/v1/locations', { name: 'Main St', time_zone: 'America/New_York', pos_code: '11' });
    assert.equal((await m.get('/api/v1/schedule/board')).body.date, '2026-03-02');
  } finally {
    await late.stop();
  }
});

test("another practice's schedule records answer 404 on every verb", async () => {
  const ids = {
    'appointment-types': type,
    resources: (await mgr.post('/api/v1/resources', { location_id: loc, name: 'Room 1', kind: 'room' })).body.id,
    'availability-rules': (await mgr.get('/api/v1/availability-rules')).body.items[0].id,
    'availability-exceptions': (await mgr.post('/api/v1/availability-exceptions', { kind: 'blocked', provider_id: prov, start: '2026-05-01T00:00:00Z', end: '2026-05-02T00:00:00Z' })).body.id,
    waitlist: (await desk.post('/api/v1/waitlist', { patient_id: patient2, type_id: type })).body.id,
  };
  for (const [path, id] of Object.entries(ids)) {
    assert.ok(id, path);
    assert.equal((await mgr.get(`/api/v1/${path}/${id}`)).status, 200, path);
    assert.equal((await adminB.get(`/api/v1/${path}/${id}`)).status, 404, `GET ${path}`);
    assert.equal((await adminB.patch(`/api/v1/${path}/${id}`, { version: 1 })).status, 404, `PATCH ${path}`);
  }
  for (const path of ['availability-rules', 'availability-exceptions'])
    assert.equal((await adminB.del(`/api/v1/${path}/${ids[path]}`)).status, 404, `DELETE ${path}`);
  assert.equal((await adminB.get('/api/v1/waitlist')).body.items.length, 0);
  const rules = await adminB.post('/api/v1/availability-rules', { provider_id: prov, location_id: loc, weekdays: ['MO'], start_time: '09:00', end_time: '10:00', valid_from: '2026-01-01' });
  assert.equal(rules.status, 400);
  assert.deepEqual(rules.body.errors.map((e) => e.field), ['provider_id'], "another practice's provider is not one of ours");
});

test('a room is booked once: a type that needs it collides across providers, and open starts leave it out', async () => {
  const room = (await mgr.post('/api/v1/resources', { location_id: loc, name: 'Procedure room', kind: 'room' })).body.id;
  const proc = (await mgr.post('/api/v1/appointment-types', { name: 'Procedure', duration_min: 30, resource_id: room, provider_ids: [prov, prov2] })).body.id;
  const a = await book(desk, '2026-03-16T09:00:00-04:00', { type_id: proc });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.body.resource_id, room);
  const b = await book(desk, '2026-03-16T09:15:00-04:00', { type_id: proc, provider_id: prov2, patient_id: patient2 });
  assert.equal(b.status, 409);
  assert.deepEqual([b.body.conflict.with, b.body.conflict.appointment_id], ['resource', a.body.id]);
  const open = (await slots({ type_id: proc, provider_id: prov2, from: '2026-03-16T12:00:00Z', to: '2026-03-16T14:00:00Z', limit: 20 })).map((s) => s.start.slice(11, 16));
  assert.deepEqual(open, ['08:00', '08:15', '08:30', '09:30'], "the room's half hour is not offered to the other provider");
});
