// 光荣牌悬挂台账 (LEDGERS.md): a title row, then 序号, 户主姓名, 所属村(社区), 家庭住址, 悬挂依据,
// 申请日期, 悬挂日期, 悬挂人, 状态, 备注. Written by the product's .xlsx writer (platform/xlsx-writer)
// a chunk of rows at a time; formula injection is defused there.
import type { PassThrough } from 'node:stream';
import type { Db } from '../../db/client';
import { ledgerXlsx } from '../../platform/ledger-export';
import {
  plaqueBasisLabels,
  plaqueGroundLabels,
  plaqueStatusLabels,
  replaceReasonLabels,
  revokeReasonLabels,
  type PlaqueBasis,
  type PlaqueGround,
  type PlaqueStatus,
  type ReplaceReason,
  type RevokeReason,
} from '../../../shared/schemas/glory-plaques';

export const LEDGER_TITLE = '光荣牌悬挂台账';
export const LEDGER_HEADERS = ['序号', '户主姓名', '所属村(社区)', '家庭住址', '悬挂依据', '申请日期', '悬挂日期', '悬挂人', '状态', '备注'] as const;
const WIDTHS = [6, 12, 18, 32, 22, 12, 12, 18, 10, 40];

export type LedgerRow = {
  headName: string;
  villageName: string;
  address: string;
  basis: PlaqueBasis;
  grounds: PlaqueGround[];
  appliedOn: string | null;
  hungOn: string | null;
  hungBy: string;
  status: PlaqueStatus;
  replacedOn: string | null;
  replaceReason: ReplaceReason | null;
  replaceCount: number;
  revokedOn: string | null;
  revokeReason: RevokeReason | null;
  revokeNote: string;
  note: string;
};

/** 备注: how the plaque came (持证), its replacements and revocation, and the worker's note. */
export function ledgerRemark(r: LedgerRow): string {
  const parts: string[] = [];
  if (r.basis === 'certificate') parts.push(plaqueBasisLabels.certificate);
  if (r.replacedOn) parts.push(`${r.replacedOn}更换（${r.replaceReason ? replaceReasonLabels[r.replaceReason] : ''}）${r.replaceCount > 1 ? `，共更换${r.replaceCount}次` : ''}`);
  if (r.revokedOn) parts.push(`${r.revokedOn}撤销（${r.revokeReason ? revokeReasonLabels[r.revokeReason] : ''}${r.revokeNote ? `：${r.revokeNote}` : ''}）`);
  if (r.note) parts.push(r.note);
  return parts.join('；');
}

export function ledgerValues(r: LedgerRow, seq: number): (string | number)[] {
  return [
    seq,
    r.headName,
    r.villageName,
    r.address,
    r.grounds.map((g) => plaqueGroundLabels[g]).join('、'),
    r.appliedOn ?? '',
    r.hungOn ?? '',
    r.hungBy,
    plaqueStatusLabels[r.status] ?? r.status,
    ledgerRemark(r),
  ];
}

/**
 * Streams the ledger through the product's .xlsx writer: `chunks` yields rows in ledger order. The
 * returned stream is the .xlsx file; a failure while reading destroys it with the error.
 */
export function ledgerStream(db: Db, unitId: string, title: string, chunks: AsyncIterable<LedgerRow[]>): PassThrough {
  async function* values(): AsyncGenerator<(string | number)[][]> {
    let seq = 0;
    for await (const chunk of chunks) yield chunk.map((r) => ledgerValues(r, ++seq));
  }
  return ledgerXlsx(db, LEDGER_TITLE, unitId, { sheetName: LEDGER_TITLE, title, headers: [LEDGER_HEADERS], widths: WIDTHS }, values());
}
