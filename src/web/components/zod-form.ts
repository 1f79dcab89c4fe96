// Bridges the shared zod schemas and antd forms: the browser validates with the very schema the
// server uses, and errors (zod's or the server's `details`) land on the form fields.
import type { FormInstance, FormRule } from 'antd';
import type { z } from '../../shared/zod-setup';
import { isApiError } from '../api/client';

export type FieldName = (string | number)[];
export type FieldError = { name: FieldName; errors: string[] };

type Issue = { path: PropertyKey[]; message: string };

/** Groups zod issues by field path, keeping the order of the first issue of each field. */
export function issuesToFieldErrors(issues: readonly Issue[]): FieldError[] {
  const byKey = new Map<string, FieldError>();
  for (const issue of issues) {
    const name = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (name.length === 0) continue;
    // antd tracks errors on the field itself: for `roles.0` report on `roles`.
    const fieldName = trimToField(name);
    const key = JSON.stringify(fieldName);
    const entry = byKey.get(key);
    if (entry) {
      if (!entry.errors.includes(issue.message)) entry.errors.push(issue.message);
    } else {
      byKey.set(key, { name: fieldName, errors: [issue.message] });
    }
  }
  return [...byKey.values()];
}

function trimToField(name: FieldName): FieldName {
  const firstIndex = name.findIndex((p) => typeof p === 'number');
  return firstIndex > 0 ? name.slice(0, firstIndex) : name;
}

/** Clears the errors shown on every field of the form. */
export function clearFormErrors(form: FormInstance): void {
  form.setFields(form.getFieldsError().map((f) => ({ name: f.name, errors: [] })));
}

/**
 * Parses the form values with a zod schema. On success returns the parsed (trimmed, defaulted)
 * data; on failure puts each message on its field and returns null.
 */
export function parseWithSchema<S extends z.ZodType>(form: FormInstance, schema: S, values: unknown): z.output<S> | null {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  const fieldErrors = issuesToFieldErrors(result.error.issues);
  const known = registeredFieldKeys(form);
  const onFields = fieldErrors.filter((f) => known.has(JSON.stringify(f.name)));
  if (onFields.length > 0) form.setFields(onFields);
  return null;
}

/**
 * An antd rule that validates one field with the matching entry of a zod object schema.
 * Empty values pass: pair it with `required` where the field is mandatory, so that an empty
 * field says "请填写…" instead of zod's type message.
 */
export function zodRule(schema: z.ZodObject, field: string): FormRule {
  const fieldSchema = (schema.shape as Record<string, z.ZodType | undefined>)[field];
  return {
    validator: async (_rule, value: unknown) => {
      if (!fieldSchema) return;
      if (value === undefined || value === null || value === '') return;
      const r = fieldSchema.safeParse(value);
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '格式不正确');
    },
  };
}

function registeredFieldKeys(form: FormInstance): Set<string> {
  return new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
}

/** Normalises a server error path ("body.roles.0", "/username", "username") to a field name. */
export function serverPathToName(path: string): FieldName {
  const parts = path
    .replace(/^\//, '')
    .split(/[./]/)
    .filter((p) => p !== '');
  if (parts[0] === 'body' || parts[0] === 'query' || parts[0] === 'params') parts.shift();
  return trimToField(parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
}

/**
 * Puts the `details` of a server error on the matching form fields.
 * Returns true when at least one detail found its field.
 */
export function applyServerErrors(form: FormInstance, err: unknown): boolean {
  if (!isApiError(err) || err.details.length === 0) return false;
  const known = registeredFieldKeys(form);
  const fields = issuesToFieldErrors(
    err.details.map((d) => ({ path: serverPathToName(d.path), message: d.message })),
  ).filter((f) => known.has(JSON.stringify(f.name)));
  if (fields.length > 0) form.setFields(fields);
  return fields.length > 0;
}
