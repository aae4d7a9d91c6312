// What the browser tests share: Debian's Chromium through playwright-core, pages that
// collect console errors, signing in, screenshots (PRAXIS_SCREENSHOT_DIR), and New York
// wall-clock arithmetic for scheduling. PRAXIS_CHROMIUM overrides /usr/bin/chromium.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { PASSWORD, client, login } from './server.mjs';

export const TZ = 'America/New_York';
const SHOTS = process.env.PRAXIS_SCREENSHOT_DIR;

export function launch() {
  return chromium.launch({
    executablePath: process.env.PRAXIS_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A page in New York time whose console errors and page errors land in `errors`. */
export async function newPage(browser, errors, opts = {}) {
  // reduced motion: the app then opens and closes without animations, so a click never lands mid-slide
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale: 'en-US', timezoneId: TZ, reducedMotion: 'reduce', ...opts });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return page;
}

/** Signs in through the login page and waits for the shell. */
export async function signIn(page, url, email) {
  await page.goto(`${url}/`);
  await page.waitForURL(/\/login$/);
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('textbox', { name: 'Search patients' }).waitFor();
}

export async function shot(page, name) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: false });
}

/** An API answer with the expected status; its body. */
/** Closes every toast, as a person would before reaching what they cover (bottom right). */
export async function dismissToasts(page) {
  const close = page.locator('.mantine-Notification-closeButton');
  for (let n = await close.count(); n > 0; n = await close.count()) {
    await close.first().click();
    await page.waitForFunction((k) => document.querySelectorAll('.mantine-Notification-closeButton').length < k, n);
  }
}

export async function must(p, want = 201) {
  const r = await p;
  assert.equal(r.status, want, r.text);
  return r.body;
}

export function letters(n) {
  return Array.from(crypto.randomBytes(n), (b) => String.fromCharCode(97 + (b % 26))).join('');
}
export const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
export const hh = (h) => String(h).padStart(2, '0');
export const addDays = (d, n) => new Date(Date.parse(`${d}T12:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

/** The date and hour now in New York. */
export function nyNow() {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(new Date());
  const get = (t) => parts.find((p) => p.type === t).value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

/** "2026-03-09T09:00:00-04:00" for a New York wall time. */
export function nyInstant(date, time) {
  const guess = Date.parse(`${date}T${time}:00Z`);
  const offsetAt = (ms) => {
    const p = new Intl.DateTimeFormat('en-US', { timeZone: TZ, timeZoneName: 'longOffset' }).formatToParts(new Date(ms)).find((x) => x.type === 'timeZoneName').value;
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(p);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  };
  const off = offsetAt(guess - offsetAt(guess) * 60e3);
  const sign = off < 0 ? '-' : '+';
  return `${date}T${time}:00${sign}${hh(Math.floor(Math.abs(off) / 60))}:${hh(Math.abs(off) % 60)}`;
}

/** Practice A's schedule for browser tests: a location in New York, a provider who works
 * around the clock every day, and a 30-minute type on a 15-minute grid. Answers the
 * practice manager's and front desk's API clients and the ids. */
export async function roundTheClock(px, location = 'Main St') {
  const mgr = client(px.url, await login(px.url, px.email('practice_manager')));
  const desk = client(px.url, await login(px.url, px.email('front_desk')));
  const loc = (await must(mgr.post('/api/v1/locations', { name: location, time_zone: TZ, pos_code: '11' }))).id;
  const prov = (await must(mgr.post('/api/v1/providers', { family_name: 'Welby', given_name: 'Marcus', credentials: 'MD' }))).id;
  const type = (await must(mgr.post('/api/v1/appointment-types', { name: 'Follow-up', duration_min: 30, slot_step_min: 15, color: '#228be6', provider_ids: [prov] }))).id;
  await must(mgr.post('/api/v1/availability-rules', {
    provider_id: prov, location_id: loc, weekdays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'],
    start_time: '00:00', end_time: '24:00', valid_from: '2020-01-01',
  }));
  return { mgr, desk, loc, prov, type };
}
