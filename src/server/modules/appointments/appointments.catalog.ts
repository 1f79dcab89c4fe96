// The service items a unit takes bookings for: its catalog (modules/service-items), read through
// this one file. A booking keeps the item's id and name as they were when it was made.
import type { ServiceItemSnapshot } from '../../../shared/schemas/service-items';
import type { BookableItemDto } from '../../../shared/schemas/appointments';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import { publicCatalogOf, serviceItemForUse } from '../service-items';

/** The item when it is active in the unit's catalog; else service-items' 404. */
export async function itemForBooking(trx: Tx, unitPath: string, itemId: string): Promise<ServiceItemSnapshot> {
  return serviceItemForUse(trx, unitPath, itemId);
}

/** The unit's active items with the materials to bring (a catalog is a few dozen items: one page of 200). */
export async function bookableItems(db: Db, unitPath: string): Promise<BookableItemDto[]> {
  const r = await publicCatalogOf(db, unitPath, { page: 1, pageSize: 200 });
  return r.items.map((i) => ({ id: i.id, name: i.name, materials: i.materials.map((m) => ({ name: m.name, form: m.form, count: m.count, note: m.note, required: m.required })) }));
}
