// bench/x12-node.mjs: the reference for the X12 parse figures of bench/x12.c: the npm package
// node-x12 (tests/package.json) reading the same files in the same run, best of 3, timed from
// opening the file to the last segment, like bench_x12.
//
//   node bench/x12-node.mjs LABEL=FILE[:SEGMENTS] ...
//
// It reads each file the way node-x12 documents for large files: a read stream piped into
// its X12Parser, which emits one X12Segment (tag, elements, positions) per segment without
// building the interchange in memory. That is the work Praxis's reader does (Praxis checks
// the envelopes on top). Not strict: node-x12 1.7.1's strict stream throws "The ISA segment
// is not the correct length" on the second chunk of any file, since it looks for an ISA at
// the start of every chunk. SEGMENTS, when given, is the count bench_x12 wrote: a different
// count stops the run.
//
// X12_NODE_PARSE=1 also times X12Parser(true).parse() on the whole file read into a string,
// once, after the stream figures: it builds the whole object model, 20 to 50 s and up to 6 GB
// of memory for a 64 MB file (bench/run then gives node a larger heap).
import { createReadStream, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(new URL('../tests/package.json', import.meta.url))
const { X12Parser } = require('node-x12')

function stream (path) {
  return new Promise((resolve, reject) => {
    let n = 0
    createReadStream(path)
      .on('error', reject)
      .pipe(new X12Parser(false))
      .on('data', () => { n++ })
      .on('end', () => resolve(n))
      .on('error', reject)
  })
}

function parse (path) {
  const interchange = new X12Parser(true).parse(readFileSync(path, 'utf8'))
  let n = 2 // ISA, IEA
  for (const g of interchange.functionalGroups) {
    n += 2
    for (const t of g.transactions) n += t.segments.length + 2
  }
  return n
}

function line (what, label, bytes, seconds, segments, runs) {
  console.log(`node-x12 ${what} ${label} (${(bytes / 1e6).toFixed(1)} MB): ${(bytes / 1e6 / seconds).toFixed(1)} MB/s, ` +
    `${(segments / 1e6 / seconds).toFixed(2)}M segments/s  [${segments} segments, ${runs}: ${seconds.toFixed(2)} s]`)
}

const files = process.argv.slice(2).map(arg => {
  const m = /^([^=]+)=(.+?)(?::(\d+))?$/.exec(arg)
  if (!m) {
    console.error('usage: node bench/x12-node.mjs LABEL=FILE[:SEGMENTS] ...')
    process.exit(2)
  }
  return { label: m[1], path: m[2], want: m[3], bytes: statSync(m[2]).size }
})
for (const { label, path, want, bytes } of files) {
  let best = Infinity
  let segments = 0
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    segments = await stream(path)
    best = Math.min(best, (performance.now() - t) / 1000)
    if (want && segments !== Number(want)) {
      console.error(`x12-node: ${path}: node-x12 read ${segments} segments, ${want} were written`)
      process.exit(1)
    }
  }
  line('stream', label, bytes, best, segments, 'best of 3')
}
// after every stream figure, so that its heap does not weigh on them
if (process.env.X12_NODE_PARSE === '1') {
  for (const { label, path, bytes } of files) {
    const t = performance.now()
    const n = parse(path)
    line('parse()', label, bytes, (performance.now() - t) / 1000, n, 'once')
  }
}
