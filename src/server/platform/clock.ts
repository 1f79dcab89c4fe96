// The injectable clock: tests set "today".
import { shanghaiDay } from '../../shared/rules/dates';

export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string) {
    this.t = new Date(start).getTime();
  }
  now = (): Date => new Date(this.t);
  set(to: Date | string): void {
    this.t = new Date(to).getTime();
  }
  advance(seconds: number): void {
    this.t += seconds * 1000;
  }
}

/** Today ('YYYY-MM-DD' in China's time zone) on the server's clock: the day deadlines and due marks count from. */
export function today(ctx: { clock: Clock }): string {
  return shanghaiDay(ctx.clock.now());
}
