// Funds reacts to assistance: when an approved application's 公示 ends with no objection upheld
// (assistanceAidDue), what was decided becomes payables — the money (帮扶援助金) as one payable, the
// goods (生活物资) as another with their items — in the same transaction. Training and medical-policy
// help owe nothing to pay. Registering is idempotent per source, so a replayed event adds nothing.
import { subscribe, type EventHandler, type EventPayload as PayloadOf } from '../../platform/events';
import { assistanceAidDue } from '../assistance';
import { registerPayableIn } from './funds.service';

const payablesOfAid: EventHandler<PayloadOf<typeof assistanceAidDue>> = async (trx, ctx, e) => {
  if (e.amountFen > 0) {
    await registerPayableIn(trx, ctx, { sourceKind: 'assistance', sourceId: e.caseId, recipientId: e.recipientId, orgUnit: e.orgUnit.id, amountFen: e.amountFen, form: 'money', approvedOn: e.decidedOn });
  }
  const goodsValue = e.goods.reduce((s, g) => s + g.valueFen, 0);
  if (goodsValue > 0) {
    const goods = e.goods.map((g) => ({ item: g.name, quantity: g.quantity, valueFen: g.valueFen }));
    await registerPayableIn(trx, ctx, { sourceKind: 'assistanceGoods', sourceId: e.caseId, recipientId: e.recipientId, orgUnit: e.orgUnit.id, amountFen: goodsValue, form: 'goods', goods, approvedOn: e.decidedOn });
  }
};

export function subscribeFunds(): void {
  subscribe(assistanceAidDue, payablesOfAid);
}
