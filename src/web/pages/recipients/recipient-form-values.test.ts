// The edit form's handling of sensitive fields: what the save sends, what the local draft keeps,
// and how a stale draft merges (absent = as stored, '' = cleared).
import { describe, expect, it } from 'vitest';
import { draftValuesOf, editBodyFromValues, mergeEdits, type FormValues } from './recipient-form-values';

const base: FormValues = { kind: 'veteran', name: '岳振邦', recipientGroup: 'dischargedSoldier', skills: '电工' };

describe('edit form values', () => {
  it('the save sends a sensitive field only when the user changed it', () => {
    const revealed = { phone: '13957212345', bankAccount: '6217000011112222' };
    // phone opened and changed, bank account opened and left, the others masked (undefined)
    const body = editBodyFromValues({ ...base, phone: '13957219999', bankAccount: '6217000011112222' }, revealed);
    expect(body).toMatchObject({ name: '岳振邦', phone: '13957219999', skills: '电工' });
    for (const f of ['idNumber', 'bankAccount', 'disabilityCert', 'medicalDetails']) expect(body).not.toHaveProperty(f);
    // a field with nothing stored, typed into: sent; one emptied on purpose: sent as ''
    expect(editBodyFromValues({ ...base, medicalDetails: '高血压', bankAccount: '' }, revealed)).toMatchObject({ medicalDetails: '高血压', bankAccount: '' });
  });

  it('the draft never keeps a revealed value the user did not edit', () => {
    const revealed = { phone: '13957212345', idNumber: '330523198808013515' };
    const kept = draftValuesOf({ ...base, phone: '13957212345', idNumber: '330523198808013515', disabilityCert: '浙残军1' }, revealed);
    expect(kept).not.toHaveProperty('phone');
    expect(kept).not.toHaveProperty('idNumber');
    expect(kept).toMatchObject({ name: '岳振邦', disabilityCert: '浙残军1' });
    expect(JSON.stringify(kept)).not.toContain('13957212345');
    expect(draftValuesOf({ ...base, phone: '13957219999' }, revealed)).toMatchObject({ phone: '13957219999' });
  });

  it('a stale draft keeps the user’s sensitive edits, clearing included, and leaves masked ones masked', () => {
    const theirs = { ...base, skills: '焊工' };
    const m = mergeEdits(base, { ...base, phone: '13957219999', bankAccount: '' }, theirs);
    expect(m.values).toMatchObject({ phone: '13957219999', bankAccount: '', skills: '焊工' });
    expect(m.values.idNumber).toBeUndefined();
    expect(m.conflicts).toEqual([]);
  });
});
