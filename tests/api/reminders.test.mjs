// Reminders over real transports: e-mail to a local SMTP sink (Debian's python3-aiosmtpd,
// writing a Maildir) and SMS to a local HTTP receiver that fails its first request. The
// server's clock is pinned to Monday 2 March 2026, 10:00 in New York.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { startPraxis, client, login, freePort } from '../lib/server.mjs';

const NOW = Date.parse('2026-03-02T15:00:00Z');
const at = (hours) => new Date(NOW + hours * 3600e3).toISOString().replace('.000Z', 'Z');
let px, mgr, desk, adminB, smtp, maildir, sms, smsPort;
const texts = []; // SMS gateway requests: {auth, body}
let loc, prov, type, consenting, silent;

before(async () => {
  maildir = mkdtempSync(join(tmpdir(), 'praxis-mail-'));
  const smtpPort = await freePort();
  smtp = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${smtpPort}`, '-c', 'aiosmtpd.handlers.Mailbox', join(maildir, 'box')],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  for (let i = 0; ; i++) { // ready when it accepts a connection (polling start-up, not timing a result)
    const up = await new Promise((ok) => { const s = net.connect(smtpPort, '127.0.0.1', () => { s.end(); ok(true); }); s.on('error', () => ok(false)); });
    if (up) break;
    if (i > 200 || smtp.exitCode !== null) throw new Error('aiosmtpd did not start');
    await new Promise((r) => setTimeout(r, 25));
  }
  let first = true;
  sms = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      texts.push({ auth: req.headers.authorization, body: JSON.parse(body) });
      res.statusCode = first ? 500 : 200; // the gateway fails once
      first = false;
      res.end('{}');
    });
  });
  smsPort = await freePort();
  await new Promise((r) => sms.listen(smsPort, '127.0.0.1', r));
  px = await startPraxis({
    env: {
      PRAXIS_NOW: String(NOW / 1000), PRAXIS_JOBS_INTERVAL: '0', PRAXIS_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      PRAXIS_SMTP_FROM: 'reminders@practice-a.test', PRAXIS_SMS_URL: `http://127.0.0.1:${smsPort}/send`,
      PRAXIS_SMS_TOKEN: 'gateway-secret', PRAXIS_PUBLIC_URL: 'https://app.practice-a.test',
    },
  });
  mgr = client(px.url, await login(px.url, px.email('practice_manager')));
  desk = client(px.url, await login(px.url, px.email('front_desk')));
  adminB = client(px.url, await login(px.url, px.email('admin', 'b')));
  loc = (await mgr.post('/api/v1/locations', { name: 'Main St Clinic', time_zone: 'America/New_York', pos_code: '11' })).body.id;
  prov = (await mgr.post('/api/v1/providers', { family_name: 'Welby', given_name: 'Marcus' })).body.id;
  type = (await mgr.post('/api/v1/appointment-types', { name: 'Diabetes follow-up', duration_min: 20, provider_ids: [prov] })).body.id;
  await mgr.post('/api/v1/availability-rules', { provider_id: prov, location_id: loc, weekdays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], start_time: '00:00', end_time: '24:00', valid_from: '2026-01-01' });
  consenting = (await desk.post('/api/v1/patients', { family_name: 'Doe', given_name: 'Jane', birth_date: '1980-04-02', sex_at_birth: 'F', email: 'jane@example.test', phone_mobile: '413-555-0199', email_consent: true, sms_consent: true })).body.id;
  silent = (await desk.post('/api/v1/patients', { family_name: 'Roe', given_name: 'Rick', birth_date: '1975-01-09', sex_at_birth: 'M', email: 'rick@example.test', phone_mobile: '413-555-0100' })).body.id;
  for (const [channel, hours] of [['email', 48], ['sms', 2]])
    assert.equal((await mgr.post('/api/v1/reminder-rules', { channel, hours_before: hours })).status, 201);
});
after(async () => {
  await px?.stop();
  smtp?.kill();
  sms?.close();
  rmSync(maildir, { recursive: true, force: true });
});

const book = async (patient, hours) => {
  const r = await desk.post('/api/v1/appointments', { patient_id: patient, provider_id: prov, location_id: loc, type_id: type, start: at(hours) });
  assert.equal(r.status, 201, r.text);
  return r.body;
};
const mails = () => {
  const dir = join(maildir, 'box', 'new');
  try { return readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')); } catch { return []; }
};
const tokenIn = (text) => text.match(/appointment-link\?token=([A-Za-z0-9_-]{43})/)[1];

let emailed, texted;
test('due reminders go out by e-mail and SMS where the patient consented; nothing clinical is said', async () => {
  assert.equal((await desk.post('/api/v1/reminders/run', {})).status, 403);
  emailed = await book(consenting, 47); // the 48-hour e-mail is due
  texted = await book(consenting, 1.5); // the 2-hour SMS is due
  const skipped = await book(silent, 46); // no consent: skipped
  const r = await mgr.post('/api/v1/reminders/run', {});
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, { planned: 3, sent: 1, skipped: 1, deferred: 0, retrying: 1, failed: 0 });
  const box = mails();
  assert.equal(box.length, 1);
  const m = box[0];
  assert.match(m, /^To: jane@example\.test$/m);
  assert.match(m, /^Subject: Appointment reminder from Practice A$/m);
  assert.match(m, /Main St Clinic on Wednesday, March 4 at 9:00 AM/);
  assert.ok(!/Diabetes|Welby|follow-up/i.test(m), 'no type, provider or other clinical hint');
  assert.match(m, /https:\/\/app\.practice-a\.test\/appointment-link\?token=/);
  assert.equal(texts.length, 1, 'the gateway was tried once and failed');
  assert.equal(texts[0].auth, 'Bearer gateway-secret');
  const rs = (await desk.get(`/api/v1/appointments/${texted.id}/reminders`)).body.items;
  assert.equal(rs.length, 1);
  assert.equal(rs[0].status, 'pending');
  assert.match(rs[0].outcome, /^attempt 1 failed: sms gateway answered 500$/);
  assert.equal(rs[0].next_attempt, at(1 / 60), 'retried after a minute');
  const sk = (await desk.get(`/api/v1/appointments/${skipped.id}/reminders`)).body.items;
  assert.equal(sk[0].status, 'skipped');
  assert.match(sk[0].outcome, /no e-mail consent/);
  // the minute passes (the clock is pinned, so the row is moved instead)
  px.db.sql(`UPDATE reminder SET next_s = ${NOW / 1000} WHERE appointment_id = ${texted.id}`);
  const again = await mgr.post('/api/v1/reminders/run', {});
  assert.equal(again.body.sent, 1);
  assert.equal(texts.length, 2);
  assert.equal(texts[1].body.to, '413-555-0199');
  assert.match(texts[1].body.body, /^Practice A: reminder of your appointment on Monday, March 2 at 11:30 AM at Main St Clinic\. Confirm or cancel: https:/);
  const done = (await desk.get(`/api/v1/appointments/${texted.id}/reminders`)).body.items[0];
  assert.equal(done.status, 'sent');
  assert.equal(done.attempts, 2);
  assert.deepEqual((await mgr.post('/api/v1/reminders/run', {})).body.sent, 0, 'nothing is sent twice');
  const admin = client(px.url, await login(px.url, px.email('admin')));
  const trail = (await admin.get(`/api/v1/audit?patient_id=${consenting}`)).body.items.filter((e) => e.action === 'reminder.send');
  assert.deepEqual(trail.map((e) => e.outcome).sort(), ['failure', 'success', 'success']);
  assert.equal((await adminB.get(`/api/v1/appointments/${texted.id}/reminders`)).status, 404);
});

test('the link confirms or cancels once; a replay or a forged token does nothing', async () => {
  const token = tokenIn(mails()[0]);
  const view = await client(px.url).get(`/api/v1/appointment-link?token=${token}`);
  assert.equal(view.status, 200);
  assert.deepEqual([view.body.when, view.body.actionable, view.body.expired, view.body.status], ['Wednesday, March 4 at 9:00 AM', true, false, 'booked']);
  assert.ok(!JSON.stringify(view.body).includes('Doe'), 'the page needs no name');
  const ok = await client(px.url).post('/api/v1/appointment-link', { token, action: 'confirm' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal((await desk.get(`/api/v1/appointments/${emailed.id}`)).body.status, 'confirmed');
  const replay = await client(px.url).post('/api/v1/appointment-link', { token, action: 'cancel' });
  assert.equal(replay.status, 409);
  assert.equal((await desk.get(`/api/v1/appointments/${emailed.id}`)).body.status, 'confirmed', 'the replay changed nothing');
  const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  assert.equal((await client(px.url).post('/api/v1/appointment-link', { token: forged, action: 'cancel' })).status, 404);
  const smsToken = tokenIn(texts[1].body.body);
  const c = await client(px.url).post('/api/v1/appointment-link', { token: smsToken, action: 'cancel' });
  assert.equal(c.status, 200, c.text);
  const a = (await desk.get(`/api/v1/appointments/${texted.id}`)).body;
  assert.deepEqual([a.status, a.cancelled_by, a.late_cancel], ['cancelled', 'patient', true]);
  assert.equal(a.history.at(-1).user_id, null, 'done by the patient, not a user');
  assert.equal((await client(px.url).post('/api/v1/appointment-link', { token: smsToken, action: 'bogus' })).status, 400);
});

test('quiet hours hold a reminder until they end, in the location\'s time', async () => {
  const s = (await mgr.get('/api/v1/schedule/settings')).body;
  assert.deepEqual(s, { quiet_start: '21:00', quiet_end: '08:00', late_cancel_hours: 24, overbook_high_risk: false, version: 0 });
  assert.equal((await desk.patch('/api/v1/schedule/settings', { version: 0, quiet_start: '09:00' })).status, 403);
  const bad = await mgr.patch('/api/v1/schedule/settings', { version: 0, quiet_start: '9am' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.errors[0].field, 'quiet_start');
  const u = await mgr.patch('/api/v1/schedule/settings', { version: 0, quiet_start: '09:00', quiet_end: '11:00' });
  assert.equal(u.status, 200, u.text);
  assert.equal((await mgr.patch('/api/v1/schedule/settings', { version: 0, quiet_end: '12:00' })).status, 409);
  const a = await book(consenting, 1.75);
  const r = await mgr.post('/api/v1/reminders/run', {});
  assert.equal(r.body.deferred, 1);
  const rs = (await desk.get(`/api/v1/appointments/${a.id}/reminders`)).body.items;
  assert.deepEqual([rs[0].status, rs[0].next_attempt], ['pending', '2026-03-02T16:00:00Z'], '11:00 in New York');
});

test('payment-plan reminders: an e-mail before an installment is due, a late notice a week after; each once', async () => {
  const biller = client(px.url, await login(px.url, px.email('biller')));
  const plan = async (patient, first_due) => (await biller.post('/api/v1/payment-plans', { patient_id: patient, installment_cents: 5000,
    total_cents: 15000, first_due, frequency: 'monthly' })).body;
  const jane = await plan(consenting, '2026-03-04'); // due in two days
  const rick = await plan(silent, '2026-02-20'); // ten days late, and no consent to e-mail
  assert.equal((await desk.post('/api/v1/payment-plan-reminders/run', {})).status, 403);
  const before = mails().length;
  const r = await biller.post('/api/v1/payment-plan-reminders/run', {});
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, { planned: 2, sent: 1, skipped: 1, retrying: 0, failed: 0 });
  const box = mails().filter((m) => /^Subject: Payment plan/m.test(m));
  assert.equal(mails().length, before + 1);
  assert.equal(box.length, 1);
  assert.match(box[0], /^To: jane@example\.test$/m);
  assert.match(box[0], /^Subject: Payment plan reminder from Practice A$/m);
  assert.match(box[0], /installment of your payment plan, \$50\.00, is due on March 4, 2026/);
  assert.deepEqual((await biller.post('/api/v1/payment-plan-reminders/run', {})).body, { planned: 0, sent: 0, skipped: 0, retrying: 0, failed: 0 },
    'each once');
  const j = (await biller.get(`/api/v1/patients/${consenting}/payment-plan`)).body;
  assert.deepEqual(j.reminders.map((x) => [x.due, x.kind, x.status, x.attempts]), [['2026-03-04', 'upcoming', 'sent', 1]]);
  const k = (await biller.get(`/api/v1/patients/${silent}/payment-plan`)).body;
  assert.deepEqual(k.reminders.map((x) => [x.due, x.kind, x.status, x.outcome]),
    [['2026-02-20', 'late', 'skipped', 'skipped: no e-mail consent or address']]);
  assert.ok(jane.id && rick.id);
  const admin = client(px.url, await login(px.url, px.email('admin')));
  const trail = (await admin.get(`/api/v1/audit?patient_id=${consenting}`)).body.items.filter((e) => e.action === 'plan_reminder.send');
  assert.deepEqual(trail.map((e) => e.outcome), ['success']);
  assert.deepEqual((await adminB.post('/api/v1/payment-plan-reminders/run', {})).body.planned, 0, 'the other practice has none');
});
