// The response serializer: parsing where that is the same as encoding, encoding elsewhere, and the
// same refusal of a body that does not match its schema either way.
import { describe, expect, it } from 'vitest';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from '../../shared/zod-setup';
import { recipientPage } from '../../shared/schemas/recipients';
import { responseSerializerCompiler, sameBothWays } from './response-serializer';

const serializer = (schema: unknown) => responseSerializerCompiler({ schema, method: 'GET', url: '/x' });
const item = {
  id: 'r1', name: '张三', gender: 'male', birthDate: '1960-01-02', age: 66, idNumberMasked: '330***********0011', phoneMasked: null,
  orgUnitId: 'u1', orgUnitName: '某村', kind: 'veteran', recipientGroup: 'dischargedSoldier', careCategories: [], dischargeType: null,
  employmentStatus: null, disabilityGrade: null, status: 'registered', deceased: false, situationsFilled: 0, homeService: [],
};

describe('response serializer', () => {
  it('parses the registry page (nothing in it depends on the direction) and answers as encoding would', () => {
    expect(sameBothWays(recipientPage)).toBe(true);
    const page = { items: [{ ...item, secret: 'never sent' }], total: 1, totalCapped: false, page: 1, pageSize: 20, extra: 1 };
    const out = serializer(recipientPage)(page);
    expect(out).toBe(JSON.stringify(z.encode(recipientPage, page as never)));
    expect(out).not.toContain('never sent');
    expect(out).not.toContain('extra');
  });

  it('refuses a body that does not match, as before (a 500, never sent)', () => {
    for (const bad of [{ ...item, age: 1.5 }, { ...item, gender: 'x' }, { ...item, name: undefined }]) {
      let caught: unknown;
      try {
        serializer(recipientPage)({ items: [bad], total: 1, totalCapped: false, page: 1, pageSize: 20 });
      } catch (e) {
        caught = e;
      }
      expect(isResponseSerializationError(caught)).toBe(true);
    }
  });

  it('encodes a schema that holds anything direction-dependent, however deep', () => {
    const codec = z.codec(z.string(), z.number(), { decode: (s) => Number(s), encode: (n) => String(n) });
    const schemas = [
      z.object({ a: z.array(z.object({ n: codec })) }),
      z.object({ a: z.string().default('x') }),
      z.object({ a: z.lazy(() => z.object({ b: z.string().transform((s) => s + '!') })) }),
      z.object({ a: z.string().trim() }),
      z.union([z.object({ a: z.string() }), z.object({ b: z.number().catch(0) })]),
    ];
    for (const s of schemas) expect(sameBothWays(s)).toBe(false);
    expect(serializer(schemas[0])({ a: [{ n: 5 }] })).toBe('{"a":[{"n":"5"}]}');
    const lazy = z.object({ a: z.lazy(() => z.object({ b: z.string() })), c: z.record(z.string(), z.array(z.number().int())) });
    expect(sameBothWays(lazy)).toBe(true);
  });
});
