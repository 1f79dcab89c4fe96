// Response serialisation: every response is checked against its route's zod schema (a body that does
// not match is a 500, never sent) and only the schema's keys go out, as fastify-type-provider-zod's
// serializerCompiler does. That compiler encodes (zod's backward direction), which runs every schema
// with checks twice (a canary pass without checks first): a registry list page cost 23 µs to encode
// but 8 µs to parse. For a schema in which nothing behaves differently by direction (no transform,
// pipe, codec, default, prefault, catch, success or readonly anywhere in it) encoding and parsing give
// the same answer and the same refusals, so such a schema is parsed; any other is encoded as before.
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { safeEncode, safeParse, $ZodType } from 'zod/v4/core';

/** zod types whose answer depends on the direction (parse vs encode) */
const directional = new Set(['transform', 'pipe', 'codec', 'default', 'prefault', 'catch', 'success', 'readonly', 'custom']);

/** Whether nothing in the schema behaves differently when encoding than when parsing. */
export function sameBothWays(schema: $ZodType, seen = new Set<$ZodType>()): boolean {
  if (seen.has(schema)) return true;
  seen.add(schema);
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  if (directional.has(def.type)) return false;
  // a refinement's check runs alike both ways; a check that overwrites the value (`overwrite`, trim,
  // toLowerCase…) is a transform in disguise
  for (const ch of (def.checks as { _zod: { def: { check: string } } }[] | undefined) ?? []) {
    if (ch._zod.def.check === 'overwrite') return false;
  }
  const inner: unknown[] = [];
  for (const [k, v] of Object.entries(def)) {
    if (k === 'checks') continue;
    if (k === 'getter' && typeof v === 'function') inner.push((v as () => unknown)());
    else if (k === 'shape' && v && typeof v === 'object') inner.push(...Object.values(v));
    else if (Array.isArray(v)) inner.push(...v);
    else inner.push(v);
  }
  return inner.every((v) => !(v instanceof $ZodType) || sameBothWays(v, seen));
}

function resolveSchema(maybe: unknown): $ZodType {
  if (maybe instanceof $ZodType) return maybe;
  const props = (maybe as { properties?: unknown } | null)?.properties;
  if (props instanceof $ZodType) return props;
  throw new Error(`not a zod response schema: ${JSON.stringify(maybe)}`);
}

/** Fastify's serializer compiler for zod response schemas (set in app.ts). */
export const responseSerializerCompiler = ({ schema: maybe, method, url }: { schema: unknown; method: string; url: string }) => {
  const schema = resolveSchema(maybe);
  const check = sameBothWays(schema) ? safeParse : safeEncode;
  return (data: unknown): string => {
    const result = check(schema, data);
    if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
};
