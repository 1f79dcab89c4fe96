// A recipient field has one label (issue 10: 就业状况 vs 就业状态): the registry ledger's export
// headers and import template name a field exactly as the form and the detail page do; another
// spelling survives only as an import alias.
import { describe, expect, it } from 'vitest';
import { registryLedgerColumns } from './ledgers';
import { recipientFieldLabels, type RecipientFieldKey } from './recipients';

describe('recipient field labels', () => {
  it('the ledger headers of recipient fields are the shared labels', () => {
    const shared = registryLedgerColumns.filter((c) => c.key in recipientFieldLabels);
    expect(shared.length).toBeGreaterThan(20);
    for (const c of shared) expect(c.header, c.key).toBe(recipientFieldLabels[c.key as RecipientFieldKey]);
  });
  it('就业状况 is the label; 就业状态 is still read on import', () => {
    expect(recipientFieldLabels.employmentStatus).toBe('就业状况');
    const c = registryLedgerColumns.find((x) => x.key === 'employmentStatus');
    expect(c?.aliases).toContain('就业状态');
    expect(new Set(Object.values(recipientFieldLabels)).size).toBe(Object.keys(recipientFieldLabels).length);
  });
});
