// Small code-set files in the publishers' layouts (made-up descriptions), shared by the API
// and browser billing tests: ICD-10-CM with a category header (E11), the PTP pair
// 99213/93000 with modifier indicator 1, MUE rows (`mue`: CSV data lines), RVUs of 99213
// and 93000, and the GPCI of Massachusetts locality 99. Answers the directory.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MUE_ROWS = ['36415,2,3 Date of Service Edit: Clinical,Clinical: Data', '93000,1,1 Line Edit,Code Descriptor / CPT Instruction'];

export function codeFiles(mue = MUE_ROWS) {
  const dir = mkdtempSync(join(tmpdir(), 'praxis-codes-'));
  const order = (n, code, valid, short, long) =>
    `${String(n).padStart(5, '0')} ${code.padEnd(7)} ${valid} ${short.padEnd(60)} ${long}`;
  writeFileSync(join(dir, 'icd10cm_order_2026.txt'), [
    order(1, 'E11', 0, 'Type 2 diabetes mellitus', 'Type 2 diabetes mellitus'),
    order(2, 'E119', 1, 'Type 2 diabetes mellitus without complications', 'Type 2 diabetes mellitus without complications'),
    order(3, 'I10', 1, 'Essential (primary) hypertension', 'Essential (primary) hypertension'),
  ].join('\r\n') + '\r\n');
  writeFileSync(join(dir, 'ptp.txt'), [
    'Copyright notice line', 'Column1/Column2 Edits', 'Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale',
    '\t\tprior to 1996\tDate\tDate\t0=not allowed\t', '\t\t\t\t*=no data\t1=allowed\t', '\t\t\t\t\t9=not applicable\t',
    '99213\t93000\t\t20200101\t*\t1\tMisuse of Column Two code with Column One code',
  ].join('\n') + '\n');
  writeFileSync(join(dir, 'MCR_MUE_PractitionerServices_Eff_01-01-2026.csv'),
    '"CPT codes, descriptions and other data only are copyright 2025 American Medical Association.\nAll rights reserved.",,,\n' +
    '"HCPCS/\nCPT Code",Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale\n' +
    mue.join('\n') + '\n');
  const rvuHead = ['HCPCS', 'MOD', 'DESCRIPTION', 'STATUS CODE', 'NOT USED FOR MEDICARE PAYMENT', 'WORK RVU', 'NON-FAC PE RVU',
    'NON-FAC NA INDICATOR', 'FACILITY PE RVU', 'FACILITY NA INDICATOR', 'MP RVU', 'NON-FACILITY TOTAL', 'FACILITY TOTAL', 'PCTC IND',
    'GLOB DAYS', 'PRE OP', 'INTRA OP', 'POST OP', 'MULT PROC', 'BILAT SURG', 'ASST SURG', 'CO-SURG', 'TEAM SURG', 'ENDO BASE',
    'CONV FACTOR', 'PHYSICIAN SUPERVISION OF DIAGNOSTIC PROCEDURES', 'CALCULATION FLAG', 'DIAGNOSTIC IMAGING FAMILY INDICATOR',
    'NON-FACILITY PE USED FOR OPPS PAYMENT AMOUNT', 'FACILITY PE USED FOR OPPS PAYMENT AMOUNT', 'MP USED FOR OPPS PAYMENT AMOUNT'];
  writeFileSync(join(dir, 'PPRRVU26_JAN.csv'), ['2026 National Physician Fee Schedule Relative Value File January Release', '',
    rvuHead.join(','),
    '99213,,OFFICE VISIT,A,,1.30,1.21,,0.55,,0.10,2.61,1.95,0,XXX,0,0,0,0,0,0,0,0,,33.4009,09,,99,0,0,0',
    '93000,,ECG,A,,0.17,0.25,,0.25,,0.02,0.44,0.44,0,XXX,0,0,0,0,0,0,0,0,,33.4009,09,,99,0,0,0'].join('\n') + '\n');
  writeFileSync(join(dir, 'GPCI2026.csv'), ['ADDENDUM E. FINAL CY 2026 GEOGRAPHIC PRACTICE COST INDICES (GPCIs) BY STATE AND MEDICARE LOCALITY', '',
    'Medicare Administrative Contractor (MAC),State,Locality Number,Locality Name,2026 PW GPCI (without 1.0 Floor),2026 PW GPCI (with 1.0 Floor),2026 PE GPCI,2026 MP GPCI',
    '14211,MA,99,REST OF MASSACHUSETTS*,0.998,1.000,1.050,0.800'].join('\n') + '\n');
  return dir;
}
