import { describe, expect, it } from 'vitest';
import { careMaskOf } from '../schemas/recipients';
import { keyGroupMaskOf } from '../schemas/visits';
import { keyGroupsOf } from './visit-rules';
import { gazetteerGroundsOf } from './gazetteer';

const facts = (merits: { level: string }[], care: Parameters<typeof careMaskOf>[0] = []) =>
  keyGroupMaskOf(keyGroupsOf({ kind: 'veteran', recipientGroup: 'dischargedSoldier', careCategories: care, enlistmentDate: '1990-03-01', disabilityGrade: null, merits, situations: {} }));

describe('gazetteer grounds (RULES.md, Art. 63; seed Part 3 五(三))', () => {
  it('names second-class merit and above, honorary titles, war veterans and provincial/theatre honors', () => {
    expect(gazetteerGroundsOf({ keyGroupMask: facts([{ level: 'third' }]), careMask: 0, honorLevel: 'city' })).toEqual([]);
    expect(gazetteerGroundsOf({ keyGroupMask: facts([{ level: 'second' }]), careMask: 0, honorLevel: null })).toEqual(['merit2']);
    expect(gazetteerGroundsOf({ keyGroupMask: facts([{ level: 'honor' }]), careMask: 0, honorLevel: 'none' })).toEqual(['merit2']);
    expect(gazetteerGroundsOf({ keyGroupMask: facts([]), careMask: careMaskOf(['warVeteran']), honorLevel: 'none' })).toEqual(['war']);
    // a nuclear-test veteran (参试) is a key group of visits but not 参战
    expect(gazetteerGroundsOf({ keyGroupMask: facts([], ['nuclearTestVeteran']), careMask: careMaskOf(['nuclearTestVeteran']), honorLevel: 'none' })).toEqual([]);
    expect(gazetteerGroundsOf({ keyGroupMask: 0, careMask: 0, honorLevel: 'provincial' })).toEqual(['provincialHonor']);
    expect(gazetteerGroundsOf({ keyGroupMask: 0, careMask: 0, honorLevel: 'theatre' })).toEqual(['provincialHonor']);
    expect(gazetteerGroundsOf({ keyGroupMask: facts([{ level: 'first' }]), careMask: careMaskOf(['warVeteran']), honorLevel: 'national' })).toEqual(['merit2', 'war', 'provincialHonor']);
  });
});
