// Test helpers for funds: approved aid arrives from assistance's event, which this branch does not
// have, so tests register payables the way that subscriber will: registerPayableIn in a transaction
// on the app's own context. Everything else goes through HTTP.
import type { FastifyInstance } from 'fastify';
import { transaction } from '../../db/transaction';
import { newId } from '../../platform/ids';
import { registerPayableIn, type PayableInput } from './funds.service';

export async function addPayable(app: FastifyInstance, input: Omit<PayableInput, 'sourceKind' | 'sourceId'> & { sourceId?: string }): Promise<string> {
  return transaction(app.ctx.db, (trx) => registerPayableIn(trx, app.ctx, { sourceKind: 'assistance', sourceId: input.sourceId ?? `test-${newId()}`, ...input }));
}

/** A card number that passes the Luhn check (19 digits). */
export function luhnCard(prefix = '621700001000123456'): string {
  for (let d = 0; d <= 9; d++) {
    const n = prefix + String(d);
    let sum = 0;
    for (let i = 0; i < n.length; i++) {
      let x = n.charCodeAt(n.length - 1 - i) - 48;
      if (i % 2 === 1) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
      sum += x;
    }
    if (sum % 10 === 0) return n;
  }
  throw new Error('unreachable');
}
