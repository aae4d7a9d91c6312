// The practice a billing test bills from, set up through the API: the billing profile (Main
// Street Medical Group, NPI 1234567893, TIN 046123457, taxonomy 207Q00000X, 1 Main St,
// Springfield MA), a location in America/New_York (place of service 11) and a provider with an
// NPI (Welby, Marcus). Options: `location` names the location ('Main' unless given); any other
// option replaces that field of the profile (legal_name, tax_id, address, medicare_mac, ...).
// Answers the ids { loc, doc }; a call that does not answer as expected throws with its status
// and body.

/** The billing profile (by `biller`), a location and a provider (by `mgr`); answers { loc, doc }. */
export async function billingPractice({ mgr, biller }, { location = 'Main', ...profile } = {}) {
  const want = async (what, p, status) => {
    const r = await p;
    if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status}: ${r.text}`);
    return r.body;
  };
  await want('PUT /billing-profile', biller.call('PUT', '/api/v1/billing-profile', {
    legal_name: 'Main Street Medical Group', npi: '1234567893', tax_id: '046123457', taxonomy: '207Q00000X',
    address: { line1: '1 Main St', city: 'Springfield', state: 'MA', postal_code: '01103' }, ...profile,
  }), 200);
  const loc = (await want('POST /locations', mgr.post('/api/v1/locations', { name: location, time_zone: 'America/New_York', pos_code: '11' }), 201)).id;
  const doc = (await want('POST /providers', mgr.post('/api/v1/providers', {
    family_name: 'Welby', given_name: 'Marcus', npi: '1245319599', taxonomy: '207Q00000X',
  }), 201)).id;
  return { loc, doc };
}
