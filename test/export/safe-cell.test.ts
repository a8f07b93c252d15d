import { describe, expect, it } from 'vitest';
import { neutraliseCell } from '../../server/export/safe-cell.ts';
import { FORMULA_LIKE, TRICKY_NAMES } from '../support/export-records.ts';

describe('neutraliseCell', () => {
  it('neutraliseCell prefixes an apostrophe to text starting with =, +, -, @, tab or carriage return', () => {
    for (const [raw, safe] of FORMULA_LIKE) expect(neutraliseCell(raw)).toBe(safe);
  });

  it('neutraliseCell leaves other text alone, formula characters inside it included', () => {
    for (const name of TRICKY_NAMES) expect(neutraliseCell(name)).toBe(name);
    expect(neutraliseCell('Anne-Marie = CTO')).toBe('Anne-Marie = CTO');
    expect(neutraliseCell('')).toBe('');
  });
});
