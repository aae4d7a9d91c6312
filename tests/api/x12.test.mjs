// X12 files from outside: every fixture of ../shared/fixtures/x12 through praxis x12 parse
// and validate. The LinuxForHealth files are implementation-guide examples and must read
// clean, except the one broken on purpose; the imsweb negative cases must report errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN } from '../lib/server.mjs';

const FIX = resolve(import.meta.dirname, '../../../shared/fixtures/x12');
const files = (dir) => readdirSync(join(FIX, dir), { recursive: true, withFileTypes: true })
  .filter((d) => d.isFile() && !/LICENSE/.test(d.name)).map((d) => join(d.parentPath ?? d.path, d.name));
const run = (...args) => spawnSync(BIN, ['x12', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

test('every LinuxForHealth fixture parses and validates; the broken one names its error', () => {
  const all = files('linuxforhealth');
  assert.ok(all.length >= 60, `${all.length} files`);
  for (const f of all) {
    const r = run('validate', f);
    if (f.endsWith('subscriber-health-benefit-check-error.271')) {
      assert.equal(r.status, 1);
      assert.equal(r.stderr.trim(), 'line 10: SE02: control number 4323 differs from ST02 4321');
    } else assert.equal(r.status, 0, `${f}: ${r.stderr}`);
  }
});

test('parse --json gives the envelope nesting and the elements with their components', () => {
  const f = join(FIX, 'linuxforhealth/835_005010X221A1/managed-care.835');
  const r = run('parse', f, '--json');
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.interchanges.length, 1);
  const tx = doc.interchanges[0].groups[0].transactions[0];
  assert.equal(tx.set, '835');
  assert.equal(tx.segments[0].id, 'ST');
  assert.equal(tx.segments.at(-1).id, 'SE');
  const bpr = tx.segments.find((s) => s.id === 'BPR');
  assert.equal(bpr.elements[0], 'I');
  assert.equal(bpr.line, 4);
  const svc = tx.segments.find((s) => s.id === 'SVC');
  assert.equal(svc.elements[0][0], 'HC', 'a composite element is a list of components');
  // a file declaring ':' in ISA16 but writing '>' keeps the element whole here (the 835 reader copes)
  const quirk = JSON.parse(run('parse', join(FIX, 'linuxforhealth/835_005010X221A1/cob-contractural-adjustment.835'), '--json').stdout);
  assert.equal(quirk.interchanges[0].groups[0].transactions[0].segments.find((s) => s.id === 'SVC').elements[0], 'HC>55669');
  assert.deepEqual(doc.errors, []);
});

test('imsweb negative cases report errors with line and segment; the accepted 999 and 277CA read clean', () => {
  const dir = 'imsweb';
  const clean = new Set(['x12_277CA_accepted.txt', 'x12_277CA_rejected.txt', 'x12_999_rejected.txt']);
  for (const f of files(dir)) {
    const r = run('validate', f);
    const name = f.split('/').at(-1);
    if (clean.has(name)) assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    else {
      assert.equal(r.status, 1, name);
      assert.match(r.stderr, /^line \d+: ([A-Z0-9?]{2,3}(\d\d)?: )?.+/m, name);
    }
  }
  const noIsa = run('validate', join(FIX, dir, '837_5010/x12_no_isa_line.txt'));
  assert.equal(noIsa.stderr.trim(), 'line 1: the file does not begin with an ISA segment');
  const badId = run('validate', join(FIX, dir, '837_5010/x12_bad_segment_identifier.txt'));
  assert.match(badId.stderr, /^line 6: \?: not a segment identifier/m);
  const many = run('parse', join(FIX, dir, '837_5010/x12_multiple_transactions.txt'));
  assert.match(many.stdout, /^312 interchanges, 312 functional groups, 312 transaction sets/);
});

test('x12 commands: usage, unreadable file', () => {
  assert.equal(run('--help').status, 0);
  assert.equal(run('bogus', 'x').status, 2);
  const r = run('validate', '/nonexistent/file.835');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cannot open the file/);
});
