import { expect } from 'vitest';
import { ApiClient, type ApiResponse } from '../../test/support/api-client';
import { INTAKE_KEY } from '../../test/support/test-server';
import type { Inspector } from './inspect';

export const STAFF = ['agent', 'agent2', 'agent3', 'supervisor', 'supervisor2', 'auditor', 'admin'] as const;
export type StaffName = (typeof STAFF)[number];

/**
 * One or more server instances on one database, seen through HTTP clients (one signed-in client
 * per staff member per instance, one intake client per instance) and an inspector on the database.
 */
export interface Cluster {
  urls: string[];
  inspector: Inspector;
  staff: Record<StaffName, ApiClient[]>;
  intake: ApiClient[];
  /** the staff member's client on instance i (round robin) */
  as(name: StaffName, i?: number): ApiClient;
  intakeOn(i?: number): ApiClient;
  idOf(name: StaffName): number;
}

export async function connectCluster(urls: string[], inspector: Inspector): Promise<Cluster> {
  const staff = {} as Record<StaffName, ApiClient[]>;
  for (const name of STAFF) {
    staff[name] = [];
    for (const url of urls) staff[name].push(await ApiClient.as(url, `${name}@demo.test`));
  }
  const intake = urls.map((url) => new ApiClient(url, { authorization: `Bearer ${INTAKE_KEY}` }));
  const n = urls.length;
  return {
    urls,
    inspector,
    staff,
    intake,
    as: (name, i = 0) => staff[name][i % n]!,
    intakeOn: (i = 0) => intake[i % n]!,
    idOf: (name) => staff[name][0]!.user!.id,
  };
}

/** "201", "409 version_conflict", or "network" when the call got no answer at all. */
export const outcome = (r: ApiResponse | Error) => (r instanceof Error ? 'network' : r.status < 300 ? String(r.status) : `${r.status} ${r.body?.code ?? '?'}`);

export function tally(results: (ApiResponse | Error)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) out[outcome(r)] = (out[outcome(r)] ?? 0) + 1;
  return out;
}

/** Exactly `winners` answers were 2xx, and every other answer is one of the allowed refusals. */
export function expectOutcomes(label: string, results: ApiResponse[], winners: number, allowed: string[]): void {
  const counts = tally(results);
  const won = results.filter((r) => r.status >= 200 && r.status < 300).length;
  expect(won, `${label}: ${JSON.stringify(counts)}`).toBe(winners);
  for (const key of Object.keys(counts)) {
    if (/^2\d\d$/.test(key)) continue;
    expect(allowed, `${label}: unexpected ${key} in ${JSON.stringify(counts)}`).toContain(key);
  }
}

/**
 * Starts every call at once. `fetch` queues them on its connection pool immediately, so they
 * reach the server(s) together; the point is that none waits for another's answer.
 */
export const all = <T>(calls: (() => Promise<T>)[]) => Promise.all(calls.map((c) => c()));

let keySeq = 0;
export const newKey = (prefix = 'k') => `${prefix}-${process.pid}-${Date.now()}-${++keySeq}`;
