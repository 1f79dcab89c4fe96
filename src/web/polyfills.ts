// The few ES2022+ built-ins that the libraries may use and Chrome 87 WebViews lack.
// (Syntax is lowered by the build; built-ins are not.)

type AtFn = (this: ArrayLike<unknown>, index: number) => unknown;

function at(this: ArrayLike<unknown>, index: number): unknown {
  const n = Math.trunc(index) || 0;
  const i = n < 0 ? this.length + n : n;
  return i < 0 || i >= this.length ? undefined : this[i];
}

function define(target: object, name: string, value: unknown): void {
  if (!(name in target)) {
    Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
  }
}

define(Array.prototype, 'at', at as AtFn);
define(String.prototype, 'at', at as AtFn);
define(Object, 'hasOwn', (o: object, k: PropertyKey) => Object.prototype.hasOwnProperty.call(o, k));
if (typeof globalThis.structuredClone !== 'function') {
  define(globalThis, 'structuredClone', <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T);
}
