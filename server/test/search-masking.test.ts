import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client';
import { startTestServer, type TestServer } from './support/test-server';
import { anonymiseClosedCustomers } from '../src/retention/anonymise-closed-customers';
import { createMigrator } from '../src/platform/db/migrate';
import { openContext, startServer } from '../src/server';

/**
 * Issue 11, item 4: `q` must not unmask what the lists mask. Phone numbers, MSISDNs, e-mail
 * addresses, document numbers and ICCIDs are found only by their whole value (in the spellings a
 * person would type), never by a part of it; names, account numbers and references by substring.
 */
type Row = Record<string, any>;
let server: TestServer;
let agent: ApiClient;
let chinese: Row;
let english: Row;
let profiles: Row[];
let request: Row;

const ids = (res: { status: number; body: Row[] }) => {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.map((r) => r.id as number);
};
const customersFound = async (q: string) => ids(await agent.list('customers', { filter: { q }, range: [0, 499] }));
const requestsFound = async (q: string) => ids(await agent.list('closure-requests', { filter: { q }, range: [0, 499] }));

beforeAll(async () => {
  server = await startTestServer({ customers: 40 });
  agent = await ApiClient.as(server.url, 'agent@demo.test');
  const { Customer, EsimProfile, ClosureRequest } = server.ctx.models;
  const all = (await Customer.findAll({ order: [['id', 'ASC']], raw: true })) as Row[];
  // A mainland customer with a request and two profiles (the second profile's MSISDN differs from the phone).
  for (const c of all.filter((x) => /^1\d{10}$/.test(x.phone ?? '') && /^[\u4e00-\u9fff]{2,4}$/.test(x.fullName))) {
    const ps = (await EsimProfile.findAll({ where: { customerId: c.id }, order: [['id', 'ASC']], raw: true })) as Row[];
    const r = (await ClosureRequest.findOne({ where: { customerId: c.id }, raw: true })) as Row | null;
    if (ps.length >= 2 && r && ps[1]!.msisdn !== c.phone) {
      [chinese, profiles, request] = [c, ps, r];
      break;
    }
  }
  english = all.find((x) => /^\+44\d{10}$/.test(x.phone ?? '') && /^[A-Za-z]+ [A-Za-z]+$/.test(x.fullName) && x.status === 'active')!;
  expect(chinese, 'a mainland customer with two profiles and a request').toBeTruthy();
  expect(english, 'a UK customer').toBeTruthy();
});
afterAll(() => server?.stop());

describe('q on customers and closure requests: whole values only for personal data', () => {
  it('when an agent types ever longer starts of a phone number, then the customer is never found by it', async () => {
    const phone = chinese.phone as string;
    for (let n = 3; n < phone.length; n++) {
      expect(await customersFound(phone.slice(0, n)), phone.slice(0, n)).not.toContain(chinese.id);
      expect(await requestsFound(phone.slice(0, n)), phone.slice(0, n)).not.toContain(request.id);
    }
    // nor by its end, nor by the start in international form
    expect(await customersFound(phone.slice(-6))).not.toContain(chinese.id);
    expect(await customersFound(`+86${phone.slice(0, 8)}`)).not.toContain(chinese.id);
  });

  it('when the whole phone number is typed, with or without country code, spaces or dashes, then it finds the customer and the request', async () => {
    const p = chinese.phone as string;
    const spellings = [p, `+86 ${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}`, `86${p}`, `+86${p}`, `0086 ${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`];
    for (const q of spellings) {
      expect(await customersFound(q), q).toContain(chinese.id);
      expect(await requestsFound(q), q).toContain(request.id);
    }
    const uk = english.phone as string; // +44 and ten digits
    for (const q of [uk, `44 ${uk.slice(3, 7)} ${uk.slice(7)}`, `0${uk.slice(3)}`, `+44 ${uk.slice(3, 7)}-${uk.slice(7)}`]) {
      expect(await customersFound(q), q).toContain(english.id);
    }
  });

  it('when an agent types the start of an e-mail address, then the customer is not found by it; the whole address in any case finds them', async () => {
    const email = chinese.email as string;
    const at = email.indexOf('@');
    for (const q of [email.slice(0, at), email.slice(0, at + 1), email.slice(0, at + 3), email.slice(0, -1), email.slice(1)]) {
      expect(await customersFound(q), q).not.toContain(chinese.id);
      expect(await requestsFound(q), q).not.toContain(request.id);
    }
    for (const q of [email, email.toUpperCase(), ` ${email.charAt(0).toUpperCase()}${email.slice(1)} `]) {
      expect(await customersFound(q), q).toContain(chinese.id);
      expect(await requestsFound(q), q).toContain(request.id);
    }
  });

  it('when an agent types part of a document number, ICCID or MSISDN, then nothing is found by it; the whole value finds the customer and the request', async () => {
    const doc = chinese.idDocumentNumber as string;
    const iccid = profiles[1]!.iccid as string;
    const msisdn = profiles[1]!.msisdn as string;
    for (const part of [doc.slice(0, 10), doc.slice(0, -1), iccid.slice(0, 12), iccid.slice(0, -1), msisdn.slice(0, 8)]) {
      expect(await customersFound(part), part).not.toContain(chinese.id);
      expect(await requestsFound(part), part).not.toContain(request.id);
    }
    for (const whole of [doc, doc.toLowerCase(), iccid, `${iccid.slice(0, 4)} ${iccid.slice(4, 8)} ${iccid.slice(8)}`, msisdn, `+86 ${msisdn}`]) {
      expect(await customersFound(whole), whole).toContain(chinese.id);
      expect(await requestsFound(whole), whole).toContain(request.id);
    }
  });

  it('when an agent types part of a name, account number or reference, then it still finds them by substring', async () => {
    const name = english.fullName as string;
    const middle = name.slice(1, 6).toLowerCase();
    expect(await customersFound(middle), middle).toContain(english.id);
    expect(await customersFound(name.toUpperCase())).toContain(english.id);
    const hanzi = chinese.fullName as string;
    expect(await customersFound(hanzi), hanzi).toContain(chinese.id);
    expect(await requestsFound(hanzi), hanzi).toContain(request.id);
    if (hanzi.length >= 4) expect(await customersFound(hanzi.slice(1))).toContain(chinese.id);
    // one or two characters: names (and account numbers, references) by their start
    expect(await customersFound(hanzi.slice(0, 2))).toContain(chinese.id);
    expect(await customersFound(hanzi.slice(0, 1))).toContain(chinese.id);
    expect(await customersFound(name.slice(0, 2).toLowerCase())).toContain(english.id);

    const account = chinese.accountNo as string; // A1000…
    expect(await customersFound(account.slice(3))).toContain(chinese.id);
    expect(await customersFound(account.toLowerCase())).toContain(chinese.id);
    expect(await requestsFound(account.slice(2))).toContain(request.id);
    const reference = request.reference as string; // CR-<year>-<id>
    expect(await requestsFound(reference.slice(3))).toContain(request.id);
    expect(await requestsFound(reference.slice(-6).toLowerCase())).toContain(request.id);
    expect(await requestsFound(reference.toLowerCase())).toContain(request.id);
  });

  it('when a term carries SQL or search syntax, then it is only text: a 200 with what it matches', async () => {
    for (const q of [`'; DROP TABLE customers; --`, '"', '$9', '%', '_', 'a"b', 'NEAR(x y)', '\\', '*']) {
      expect(await customersFound(q), q).toBeInstanceOf(Array);
      expect(await requestsFound(q), q).toBeInstanceOf(Array);
    }
    expect((await agent.list('customers', { range: [0, 0] })).status).toBe(200);
  });

  it('when retention anonymises a customer, then their phone, e-mail and numbers no longer find them', async () => {
    const { Customer, EsimProfile } = server.ctx.models;
    const closed = (await Customer.findOne({ where: { status: 'closed' }, order: [['id', 'ASC']], raw: true })) as Row;
    const [profile] = (await EsimProfile.findAll({ where: { customerId: closed.id }, raw: true })) as Row[];
    const wholes = [closed.phone, closed.email, closed.idDocumentNumber, profile!.msisdn].filter(Boolean) as string[];
    expect(wholes.length).toBe(4);
    for (const q of wholes) expect(await customersFound(q), q).toContain(closed.id);
    await Customer.update({ closedAt: new Date(Date.now() - 400 * 86_400_000) }, { where: { id: closed.id } });
    const result = await anonymiseClosedCustomers(server.ctx, {});
    expect(result.customers).toBeGreaterThanOrEqual(1);
    for (const q of wholes) expect(await customersFound(q), q).not.toContain(closed.id);
    // the account number and the ICCID, which retention keeps, still do
    expect(await customersFound(closed.accountNo)).toContain(closed.id);
    expect(await customersFound(profile!.iccid)).toContain(closed.id);
  });

  it('when migration 0007 meets a database that already holds customers, or the key changes, then the indexes are built from the rows there', async () => {
    await createMigrator(server.ctx.db).down({ to: '0007-search-index' });
    // another key: the server that opens the database next rebuilds the blind index with it
    const ctx = await openContext({ ...server.config, searchIndexKey: 'another key for the search index' });
    const other = await startServer(ctx, { jobs: false });
    try {
      const as = await ApiClient.as(other.url, 'agent@demo.test');
      const found = async (resource: string, q: string) => ids(await as.list(resource, { filter: { q }, range: [0, 499] }));
      expect(await found('customers', `+86 ${chinese.phone}`)).toContain(chinese.id);
      expect(await found('customers', chinese.email.toUpperCase())).toContain(chinese.id);
      expect(await found('closure-requests', profiles[0]!.iccid)).toContain(request.id);
      expect(await found('customers', chinese.phone.slice(0, 7))).not.toContain(chinese.id);
      expect(await found('customers', english.fullName.slice(2, 7))).toContain(english.id);
      expect(await found('closure-requests', request.reference.slice(4))).toContain(request.id);
    } finally {
      await other.close();
    }
  });
});
