// Helpers of the petitions tests: a registration body with sensible defaults, and actions.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Agent } from '../../../../test/helpers/app';
import type { PetitionCreated, PetitionDetail } from '../../../shared/schemas/petitions';
import { makeId } from '../recipients/recipients-test-support';

let seq = 300;

export function petitionBody(orgUnitId: string, handlerUserId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orgUnitId,
    channel: 'letter',
    receivedOn: '2026-06-10',
    petitionerName: '周国强',
    phone: '13905720001',
    address: '孝丰镇横溪坞村 12 号',
    headcount: 1,
    type: 'claim',
    category: 'pension',
    request: '请求落实定期生活补助待遇',
    facts: '本人 1979 年参战，退役后回乡务农，至今未领取参战退役人员定期生活补助。',
    reasons: '符合军人抚恤优待条例第六十二条规定',
    handlerUserId,
    ...over,
  };
}

export function ok<T>(res: LightMyRequestResponse): T {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

export async function registerPetition(by: Agent, body: Record<string, unknown>): Promise<PetitionCreated> {
  return ok<PetitionCreated>(await by.post('/api/petitions', body));
}

export async function detail(by: Agent, id: string): Promise<PetitionDetail> {
  return ok<PetitionDetail>(await by.get(`/api/petitions/${id}`));
}

/** Runs an action with the version the agent sees now. */
export async function act(by: Agent, id: string, action: string, data: Record<string, unknown> = {}): Promise<LightMyRequestResponse> {
  const d = await by.get(`/api/petitions/${id}`);
  const version = d.statusCode === 200 ? (d.json() as PetitionDetail).version : 1;
  return by.post(`/api/petitions/${id}/actions`, { action, version, ...data });
}

export async function actOk(by: Agent, id: string, action: string, data: Record<string, unknown> = {}): Promise<PetitionDetail> {
  return ok<PetitionDetail>(await act(by, id, action, data));
}

export function newPersonId(birth = '1958-03-12'): string {
  seq += 2;
  return makeId(birth, seq);
}
