// The injectable clock: tests set "today".
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
