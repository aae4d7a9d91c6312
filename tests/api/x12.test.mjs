// X12 files from outside: every fixture of ../shared/fixtures/x12 through praxis x12 parse
// and validate. The LinuxForHealth files are implementation-guide examples and must read
// clean, except the one broken on purpose; the imsweb negative cases must report errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  assert.equal(tx.content[0].id, 'ST');
  assert.equal(tx.content.at(-1).id, 'SE');
  const bpr = tx.content.find((s) => s.id === 'BPR');
  assert.equal(bpr.elements[0], 'I');
  assert.equal(bpr.line, 4);
  // loops: 1000A payer, 1000B payee, then 2000 > 2100 claim > 2110 service line
  assert.deepEqual(tx.content.filter((x) => x.loop).map((x) => x.loop), ['1000A', '1000B', '2000']);
  const claim = tx.content.find((x) => x.loop === '2000').content.find((x) => x.loop === '2100');
  assert.equal(claim.content[0].id, 'CLP');
  const svcLoop = claim.content.find((x) => x.loop === '2110');
  assert.equal(svcLoop.name, 'service payment information');
  assert.equal(svcLoop.content[0].elements[0][0], 'HC', 'a composite element is a list of components');
  // a file declaring ':' in ISA16 but writing '>' keeps the element whole here (the 835 reader copes)
  const quirk = JSON.parse(run('parse', join(FIX, 'linuxforhealth/835_005010X221A1/cob-contractural-adjustment.835'), '--json').stdout);
  const walk = (items) => items.flatMap((x) => (x.loop ? walk(x.content) : [x]));
  assert.equal(walk(quirk.interchanges[0].groups[0].transactions[0].content).find((s) => s.id === 'SVC').elements[0], 'HC>55669');
});

test('837P loops: claims, lines and the patient loop where the guide puts them', () => {
  const doc = JSON.parse(run('parse', join(FIX, 'linuxforhealth/837_005010X222A2/demo.cob.example3.A.837'), '--json').stdout);
  const tx = doc.interchanges[0].groups[0].transactions[0];
  const paths = [];
  const walk = (items, path) => { for (const x of items) if (x.loop) { paths.push([...path, x.loop].join('/')); walk(x.content, [...path, x.loop]); } };
  walk(tx.content, []);
  for (const p of ['1000A', '1000B', '2000A', '2000A/2010AA', '2000A/2000B', '2000A/2000B/2010BA', '2000A/2000B/2010BB',
    '2000A/2000B/2000C', '2000A/2000B/2000C/2010CA', '2000A/2000B/2000C/2300', '2000A/2000B/2000C/2300/2310B',
    '2000A/2000B/2000C/2300/2320', '2000A/2000B/2000C/2300/2320/2330A', '2000A/2000B/2000C/2300/2400'])
    assert.ok(paths.includes(p), `${p} in ${paths.join(' ')}`);
  assert.deepEqual(doc.errors, []);
});

test('the loop tables agree with the pyx12 maps: ids, trigger segments and qualifier codes', () => {
  const tables = JSON.parse(run('loops').stdout);
  const maps = { '837': '837.5010.X222.A1.xml', '835': '835.5010.X221.A1.xml', '999': '999.5010.xml', '277': '277.5010.X214.xml' };
  for (const [set, file] of Object.entries(maps)) {
    const xml = readFileSync(join(FIX, 'pyx12-maps', file), 'utf8');
    const loops = new Map();
    for (const m of xml.matchAll(/<loop xid="([0-9A-Z]+)"[^>]*>/g)) {
      const rest = xml.slice(m.index + m[0].length);
      const seg = rest.match(/<segment xid="([A-Z0-9]+)">/);
      const block = rest.slice(seg.index, rest.indexOf('</segment>', seg.index));
      loops.set(m[1], { trigger: seg[1], block });
    }
    let checked = 0;
    for (const l of tables[set].loops) {
      if (l.id === 'ST') continue;
      const m = loops.get(l.id);
      if (set === '277' && !m) continue; // our 277 table also holds X212's status-response loops
      assert.ok(m, `${set} loop ${l.id} is not in ${file}`);
      assert.equal(l.trigger, m.trigger, `${set} loop ${l.id} starts with ${m.trigger}`);
      if (l.qualifier_element) {
        const el = `${l.trigger}${String(l.qualifier_element).padStart(2, '0')}`;
        const e = m.block.slice(m.block.indexOf(`<element xid="${el}">`));
        const codes = [...e.slice(0, e.indexOf('</element>')).matchAll(/<code>([^<]+)<\/code>/g)].map((c) => c[1]);
        const ours = l.qualifiers.filter((q) => codes.includes(q));
        assert.ok(ours.length > 0, `${set} ${l.id}: none of ${l.qualifiers} in ${el} codes ${codes}`);
      }
      checked++;
    }
    assert.ok(checked >= 3, `${set}: ${checked} loops checked`);
  }
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

test('ack: a 999 per group (accepted, or rejected with the segments and reasons), itself a clean 999', () => {
  const ack = (f) => {
    const r = run('ack', join(FIX, f));
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.split('~\n').filter(Boolean);
  };
  const ok = ack('linuxforhealth/835_005010X221A1/managed-care.835');
  assert.ok(ok.includes('AK1*HP*1*005010X221A1') && ok.includes('AK2*835*112233') && ok.includes('IK5*A') && ok.includes('AK9*A*1*1*1'));
  assert.match(ok[0], /^ISA\*00\*          \*00\*          \*30\*12345          \*30\*000000005      \*/, 'sender and receiver swapped');
  assert.ok(ack('linuxforhealth/271_005010X279A1/subscriber-health-benefit-check-error.271').includes('IK5*R*3'), 'SE02 differs from ST02');
  const bad = ack('imsweb/837_5010/x12_bad_valid_code.txt');
  assert.ok(bad.includes('IK3*NM1*7**2'), 'the unexpected NM1 at position 7');
  assert.ok(bad.includes('IK5*R*5*4') && bad.includes('AK9*R*1*1*0'));
  // our 999 reads back clean through the reader, envelopes and the 999 loops
  const dir = mkdtempSync(join(tmpdir(), 'praxis-999-'));
  writeFileSync(join(dir, 'ack.999'), bad.join('~\n') + '~\n');
  const back = run('validate', join(dir, 'ack.999'));
  assert.equal(back.status, 0, back.stderr);
});

test('golden JSON: parse --json of three fixtures matches the reviewed output exactly', () => {
  const golden = resolve(import.meta.dirname, '../data/x12-golden');
  for (const f of ['linuxforhealth/835_005010X221A1/managed-care.835', 'linuxforhealth/271_005010X279A1/subscriber-health-benefit-check.271',
    'imsweb/837_5010/x12_999_rejected.txt']) {
    const got = JSON.parse(run('parse', join(FIX, f), '--json').stdout);
    const want = JSON.parse(readFileSync(join(golden, f.split('/').at(-1) + '.json'), 'utf8'));
    assert.deepEqual(got, want, f);
  }
});

test('x12 commands: usage, unreadable file', () => {
  assert.equal(run('--help').status, 0);
  assert.equal(run('bogus', 'x').status, 2);
  const r = run('validate', '/nonexistent/file.835');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cannot open the file/);
});
