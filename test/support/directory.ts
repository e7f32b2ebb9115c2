import type { TestApp } from './app';

/** Helpers for specs that need directory data: units and people created through the API. */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface UnitInput {
  name: string;
  kind: string;
  shortName?: string;
  parentId?: string | null;
  externalCode?: string;
}

export async function createUnit(
  t: TestApp,
  token: string,
  input: UnitInput,
): Promise<{ id: string; [k: string]: unknown }> {
  const res = await t.http().post('/units').set(bearer(token)).send(input);
  if (res.status !== 201)
    throw new Error(`could not create unit ${input.name}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createPerson(
  t: TestApp,
  token: string,
  input: { fullName: string; email?: string; positions?: { unitId: string; role: string; title?: string }[] },
): Promise<{ id: string; positions: { id: string }[]; [k: string]: unknown }> {
  const res = await t.http().post('/people').set(bearer(token)).send(input);
  if (res.status !== 201)
    throw new Error(`could not create person ${input.fullName}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** POST a CSV as the body (text/csv). */
export function postCsv(t: TestApp, token: string, path: string, csv: string | Buffer) {
  return t
    .http()
    .post(path)
    .set(bearer(token))
    .set('Content-Type', 'text/csv')
    .send(typeof csv === 'string' ? Buffer.from(csv) : csv);
}

export function csv(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
