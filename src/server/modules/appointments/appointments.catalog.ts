// The service items a unit takes bookings for: its catalog (modules/service-items). Read through
// this one file so the booking code does not care where the catalog lives.
//
// The service-items module is being built in parallel; until it is merged the catalog is a
// source set at start (`useServiceCatalog`), and nothing can be booked without one.
import type { ServiceItemSnapshot } from '../../../shared/schemas/service-items';
import type { BookableItemDto } from '../../../shared/schemas/appointments';
import type { Db } from '../../db/client';
import type { Tx } from '../../db/transaction';
import { AppError } from '../../platform/errors';

export type ServiceCatalog = {
  /** the item when it is active in the unit's catalog; else a 404 AppError */
  forUse: (trx: Tx, unitPath: string, itemId: string) => Promise<ServiceItemSnapshot>;
  /** the unit's active items */
  publicCatalog: (db: Db, unitPath: string) => Promise<{ id: string; name: string; materials: ServiceItemSnapshot['materials'] }[]>;
};

let source: ServiceCatalog | null = null;

export function useServiceCatalog(c: ServiceCatalog): void {
  source = c;
}

function catalog(): ServiceCatalog {
  if (!source) throw new AppError(503, 'NO_CATALOG', '服务事项目录尚未启用，暂不能预约');
  return source;
}

export async function itemForBooking(trx: Tx, unitPath: string, itemId: string): Promise<ServiceItemSnapshot> {
  return catalog().forUse(trx, unitPath, itemId);
}

export async function bookableItems(db: Db, unitPath: string): Promise<BookableItemDto[]> {
  return (await catalog().publicCatalog(db, unitPath)).map((i) => ({ id: i.id, name: i.name, materials: i.materials.map((m) => ({ name: m.name, form: m.form, count: m.count, note: m.note, required: m.required })) }));
}
