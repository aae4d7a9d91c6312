// pyx12's maps of the X12 5010 implementation guides (../shared/fixtures/x12/pyx12-maps),
// read into the shapes `praxis x12 loops` prints, so the tests can hold Praxis's loop tables
// and element rules against an independent description of the guides.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// A small reader for these files: elements, attributes and text; no CDATA, and only the
// three entities they use.
export function parseXml(text) {
  const root = { tag: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const body = text.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  for (const m of body.matchAll(/<(\/?)([\w:.-]+)([^>]*?)(\/?)>|([^<]+)/g)) {
    const top = stack.at(-1);
    if (m[5] !== undefined) { top.text += m[5].trim().replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&'); continue; }
    if (m[1]) { stack.pop(); continue; }
    const attrs = Object.fromEntries([...m[3].matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    const node = { tag: m[2], attrs, children: [], text: '' };
    top.children.push(node);
    if (!m[4]) stack.push(node);
  }
  return root;
}

const child = (n, tag) => n.children.find((c) => c.tag === tag);
const text = (n, tag) => child(n, tag)?.text ?? '';
const maxOf = (s) => (s === '>1' ? 0 : Number(s));
const WRAPPERS = new Set(['HEADER', 'DETAIL', 'FOOTER', 'ST_LOOP']);

function codes(e) {
  const v = child(e, 'valid_codes');
  if (!v || v.attrs.external) return '';
  const list = [...new Set(v.children.filter((c) => c.tag === 'code').map((c) => c.text))].sort();
  return list.length ? `=${list.join(',')}` : '';
}

// One element or composite in Praxis's rule notation (src/formats/x12/rules.h).
function spec(e) {
  const usage = text(e, 'usage');
  if (usage === 'N') return '-';
  if (e.tag === 'composite') return `${usage}(${e.children.filter((c) => c.tag === 'element').map(spec).join(':')})`;
  return `${usage}${text(e, 'data_ele')}${codes(e)}`;
}

export function segmentRule(seg) {
  const els = seg.children.filter((c) => c.tag === 'element' || c.tag === 'composite').map(spec);
  while (els.at(-1) === '-') els.pop();
  return { segment: seg.attrs.xid, max: maxOf(text(seg, 'max_use')), usage: text(seg, 'usage'), elements: els.join(' ') };
}

// The map as loops: [{id, parent, usage, max, trigger, segments: [{id, required, max}], rules: [...]}],
// with the envelope loops left out and the header and footer tables folded into "ST".
export function readMap(dir, file) {
  const doc = parseXml(readFileSync(join(dir, file), 'utf8'));
  const loops = [];
  const st = { id: 'ST', parent: null, usage: 'R', max: 1, trigger: 'ST', segments: [], rules: [] };
  const addSegs = (into, segs) => {
    for (const s of segs) {
      const r = segmentRule(s);
      into.rules.push(r);
      const have = into.segments.find((x) => x.id === r.segment);
      if (have) {
        have.required ||= r.usage === 'R';
        have.max = have.max === 0 || r.max === 0 ? 0 : have.max + r.max;
      } else into.segments.push({ id: r.segment, required: r.usage === 'R', max: r.max });
    }
  };
  const walk = (node, parent) => {
    for (const l of node.children.filter((c) => c.tag === 'loop')) {
      const id = l.attrs.xid;
      const segs = l.children.filter((c) => c.tag === 'segment' && !['ST', 'SE', 'GS', 'GE', 'ISA', 'IEA', 'TA1'].includes(c.attrs.xid));
      if (['ISA_LOOP', 'GS_LOOP'].includes(id) || /^TABLE/.test(id)) { walk(l, parent); continue; }
      if (WRAPPERS.has(id)) {
        if (text(l, 'usage') !== 'N') addSegs(st, segs);
        walk(l, 'ST');
        continue;
      }
      const loop = { id, parent, usage: text(l, 'usage'), max: maxOf(text(l, 'repeat')), trigger: segs[0]?.attrs.xid, segments: [], rules: [] };
      if (segs[0]) loop.rules.push(segmentRule(segs[0]));
      addSegs(loop, segs.slice(1));
      loops.push(loop);
      walk(l, id);
    }
  };
  walk(child(doc, 'transaction'), null);
  return [st, ...loops];
}

export function readDataElements(dir) {
  const doc = parseXml(readFileSync(join(dir, 'dataele.xml'), 'utf8'));
  const all = new Map();
  for (const e of child(doc, 'data_elements').children)
    all.set(Number(e.attrs.ele_num), { type: e.attrs.data_type, min: Number(e.attrs.min_len), max: Number(e.attrs.max_len) });
  return all;
}
