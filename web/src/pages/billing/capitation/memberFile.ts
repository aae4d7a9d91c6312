// A payer's member file (the monthly roster, or the detail of a capitation payment) read in
// the browser: the header row names the columns; the member id is found under the names payers
// use for it (member_id, Member ID, Subscriber ID, ...), the amount in dollars under rate /
// PMPM (a roster: optional, the contract's rate when blank) or amount / paid (a payment's
// detail: required). Rows that cannot be read are listed with why, and left out.
import { parseCsv } from '../../../lib/csv';
import { formatMoney, parseMoney } from '../../../lib/format';

export type MemberFileKind = 'roster' | 'payment';

export interface MemberRow {
  line: number;
  member_id: string;
  /** Cents; null in a roster row without a rate. */
  cents: number | null;
}

export interface Unreadable {
  line: number;
  /** The row as it is in the file. */
  text: string;
  why: string;
}

export interface MemberFile {
  rows: MemberRow[];
  unreadable: Unreadable[];
  /** The headings the member id and the amount were read from. */
  memberColumn: string;
  amountColumn: string | null;
}

/** Headings as compared: lower case, letters and digits only ("Member ID" is "memberid"). */
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const MEMBER = ['memberid', 'membernumber', 'memberno', 'membernbr', 'member', 'mbrid', 'mbrnumber', 'mbrno', 'subscriberid', 'subscribernumber',
  'subscriberno', 'subscriber', 'enrolleeid', 'insuredid', 'idnumber', 'cardid', 'memberidnumber'];
const AMOUNT: Record<MemberFileKind, string[]> = {
  roster: ['pmpm', 'pmpmrate', 'rate', 'caprate', 'capitationrate', 'monthlyrate', 'pmpmamount', 'rateamount', 'amount', 'capamount', 'capitationamount'],
  payment: ['amount', 'paid', 'paidamount', 'payment', 'paymentamount', 'amountpaid', 'capamount', 'capitationamount', 'capitationpaid', 'netamount',
    'netpaid', 'pmpm', 'rate'],
};

/** The first heading of `names` (in their order) the header has, else one that contains `hints`. */
function findColumn(header: string[], names: string[], hints: RegExp): number {
  const h = header.map(norm);
  for (const n of names) {
    const i = h.indexOf(n);
    if (i >= 0) return i;
  }
  return h.findIndex((x) => hints.test(x));
}

/** Dollars as a payer writes them ("$1,234.50", "(35.00)", "-35") in cents; null if not an amount. */
export function dollarsToCents(text: string): number | null {
  const t = text.trim();
  const m = /^\((.*)\)$/.exec(t);
  const cents = parseMoney(m ? m[1] : t);
  return cents === null ? null : m ? -cents : cents;
}

const TOTAL_ROW = /^(grand\s*)?totals?:?$/i;

/**
 * The members of a file's text, or a sentence saying why none can be read (no header with a
 * member id column, nothing under it).
 */
export function readMemberFile(text: string, kind: MemberFileKind): MemberFile | string {
  const records = parseCsv(text);
  if (!records.length) return 'The file is empty.';
  const [head, ...body] = records;
  const header = head.cells.map((c) => c.trim());
  const mi = findColumn(header, MEMBER, /(member|subscriber|enrollee|mbr).*(id|number|no|nbr)$/);
  if (mi < 0)
    return `No member ID column: the first line should name the columns, one of them "Member ID" (or member_id, Subscriber ID). It says: ${header
      .filter(Boolean)
      .slice(0, 8)
      .map((h) => `"${h}"`)
      .join(', ')}.`;
  const ai = findColumn(header, AMOUNT[kind], kind === 'roster' ? /(pmpm|rate)/ : /(amount|paid)/);
  const rows: MemberRow[] = [];
  const unreadable: Unreadable[] = [];
  for (const r of body) {
    const text = r.cells.join(', ');
    const member = (r.cells[mi] ?? '').trim();
    const amount = ai >= 0 ? (r.cells[ai] ?? '').trim() : '';
    if (!member) {
      unreadable.push({ line: r.line, text, why: 'No member ID' });
      continue;
    }
    if (TOTAL_ROW.test(member)) {
      unreadable.push({ line: r.line, text, why: 'A totals row, not a member' });
      continue;
    }
    let cents: number | null = null;
    if (amount) {
      cents = dollarsToCents(amount);
      if (cents === null) {
        unreadable.push({ line: r.line, text, why: `“${amount}” is not an amount in dollars` });
        continue;
      }
    } else if (kind === 'payment') {
      unreadable.push({ line: r.line, text, why: ai >= 0 ? 'No amount' : 'No amount column (Amount or Paid)' });
      continue;
    }
    rows.push({ line: r.line, member_id: member, cents });
  }
  if (kind === 'payment') {
    // The server refuses a detail that lists a member twice: the first is kept, the others said.
    const seen = new Map<string, number>();
    for (let i = 0; i < rows.length; ) {
      const first = seen.get(rows[i].member_id);
      if (first !== undefined) {
        const r = rows.splice(i, 1)[0];
        unreadable.push({ line: r.line, text: `${r.member_id}, ${formatMoney(r.cents)}`, why: `Listed twice (first on line ${first}): left out` });
      } else {
        seen.set(rows[i].member_id, rows[i].line);
        i++;
      }
    }
    unreadable.sort((a, b) => a.line - b.line);
  }
  if (!rows.length && !unreadable.length) return 'The file has its column names but no members under them.';
  return { rows, unreadable, memberColumn: header[mi], amountColumn: ai >= 0 ? header[ai] : null };
}

/** The total of the rows' amounts (rows without one count nothing). */
export const rowsTotal = (rows: MemberRow[]) => rows.reduce((s, r) => s + (r.cents ?? 0), 0);
