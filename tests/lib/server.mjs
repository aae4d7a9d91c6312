// A fresh Praxis for each test file: a new database (SQLite file or PostgreSQL database),
// two practices with users, and `praxis serve` on a free port. Black-box: everything goes
// through the CLI and HTTP, as a user or integrator would.
//
// Environment: PRAXIS_BIN (default build/praxis), PRAXIS_TEST_ENGINE (sqlite | pg),
// PRAXIS_TEST_PG (server URL from scripts/pg-start, for pg).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

const root = resolve(import.meta.dirname, '../..');
export const BIN = resolve(root, process.env.PRAXIS_BIN || 'build/praxis');
export const ENGINE = process.env.PRAXIS_TEST_ENGINE || 'sqlite';

export function praxis(args, input) {
  return execFileSync(BIN, args, { input: input ?? '', encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

// Runs praxis expecting failure; returns {status, stdout, stderr}.
export function praxisFails(args, input) {
  try {
    const out = praxis(args, input);
    return { status: 0, stdout: out, stderr: '' };
  } catch (e) {
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

// A new empty database; returns {url, sql(statement), drop()}.
export function newDatabase() {
  if (ENGINE === 'pg') {
    const base = process.env.PRAXIS_TEST_PG;
    if (!base) throw new Error('PRAXIS_TEST_PG is not set: start a cluster with scripts/pg-start');
    const name = 'praxis_' + randomBytes(6).toString('hex');
    execFileSync('psql', ['-q', base, '-c', `CREATE DATABASE ${name}`]);
    const url = base.replace(/\/[^/]*$/, '/' + name);
    return {
      url,
      sql: (s) => execFileSync('psql', ['-qAt', '-v', 'ON_ERROR_STOP=1', url, '-c', s], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }),
      drop: () => {
        try { execFileSync('psql', ['-q', base, '-c', `DROP DATABASE ${name} WITH (FORCE)`]); } catch { /* gone */ }
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'praxis-test-'));
  const url = join(dir, 'praxis.db');
  return {
    url,
    sql: (s) => execFileSync('sqlite3', ['-bail', url, s], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }),
    drop: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const PASSWORD = 'correct horse battery';

// Starts a server over a database with practices A and B:
//   A: admin, front_desk, biller, provider, hr, compliance_officer, auditor
//   B: admin
// opts.env: extra environment for the server (e.g. PRAXIS_NOW to pin its clock).
// Returns {url, db, practiceA, practiceB, email(role, practice), stop()}.
export async function startPraxis(opts = {}) {
  const db = newDatabase();
  praxis(['init', '--db', db.url]);
  const practiceA = Number(praxis(['practice', 'add', '--db', db.url, '--name', 'Practice A']).trim());
  const practiceB = Number(praxis(['practice', 'add', '--db', db.url, '--name', 'Practice B']).trim());
  const roles = ['admin', 'front_desk', 'biller', 'provider', 'hr', 'compliance_officer', 'auditor', 'practice_manager'];
  const email = (role, p = 'a') => `${role}@${p}.test`;
  for (const r of roles)
    praxis(['user', 'add', '--db', db.url, '--practice', String(practiceA), '--email', email(r), '--role', r], PASSWORD + '\n');
  praxis(['user', 'add', '--db', db.url, '--practice', String(practiceB), '--email', email('admin', 'b'), '--role', 'admin'], PASSWORD + '\n');

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(BIN, ['serve', '--db', db.url, '--listen', `127.0.0.1:${port}`, '--threads', '4'], {
    stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...(opts.env || {}) },
  });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(url + '/healthz');
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (child.exitCode !== null || i > 200) throw new Error('praxis serve did not start: ' + log);
    await new Promise((r) => setTimeout(r, 25)); // polling for start-up, not timing a result
  }
  return {
    url, db, practiceA, practiceB, email,
    log: () => log,
    // Stops the server; fails when it crashed, exited non-zero, or a sanitizer spoke.
    async stop() {
      child.kill('SIGTERM');
      const code = await new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (c) => r(c))));
      db.drop();
      if (code !== 0 || /Sanitizer|runtime error/.test(log))
        throw new Error(`praxis serve exited with ${code}:\n${log.slice(-4000)}`);
    },
  };
}

// A small client: c.get(path), c.post(path, body), ...; each answers {status, body, headers}.
export function client(base, token, extraHeaders = {}) {
  async function call(method, path, body, headers = {}) {
    const h = { ...extraHeaders, ...headers };
    if (token) h.Authorization = 'Bearer ' + token;
    let payload;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['Content-Type'] = 'application/json';
    }
    const r = await fetch(base + path, { method, headers: h, body: payload });
    const text = await r.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    return { status: r.status, body: json, text, headers: r.headers };
  }
  return {
    get: (p, h) => call('GET', p, undefined, h),
    post: (p, b, h) => call('POST', p, b, h),
    patch: (p, b, h) => call('PATCH', p, b, h),
    del: (p, h) => call('DELETE', p, undefined, h),
    call,
    auth: token ? 'Bearer ' + token : undefined, // for raw fetch (downloads)
  };
}

export async function login(base, email, password = PASSWORD, extra = {}) {
  const r = await client(base).post('/api/v1/session', { email, password, ...extra });
  if (r.status !== 201) throw new Error(`login ${email}: ${r.status} ${r.text}`);
  return r.body.token;
}

// RFC 6238 TOTP (SHA-1, 30 s, 6 digits) from a base32 secret (spaces and padding ignored).
import { createHmac } from 'node:crypto';
export function totp(secretB32, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secretB32.replace(/[\s=]/g, '').toUpperCase()) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error('bad base32 secret');
    bits += v.toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 15;
  const n = (h.readUInt32BE(o) & 0x7fffffff) % 1000000;
  return String(n).padStart(6, '0');
}
