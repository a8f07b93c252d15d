// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TERM_COLORS } from '../../../client/colors.ts';
import { TERMS, renderPoolBars, termReasons } from '../../../client/charts/pool-bars.ts';
import { POOL_ITEMS } from '../fixtures.ts';

describe('renderPoolBars', () => {
  let container: HTMLDivElement;
  beforeEach(() => {
    document.body.replaceChildren();
    container = document.createElement('div');
    document.body.append(container);
  });

  it('renderPoolBars lists candidates in rank order from the page offset', () => {
    renderPoolBars(container, { items: POOL_ITEMS, offset: 20 });
    const rows = [...container.querySelectorAll<HTMLLIElement>('li.pool-row')];
    expect(rows.map((r) => r.dataset.candidateId)).toEqual(['c-1', 'c-2']);
    expect(rows.map((r) => r.querySelector('.rank')!.textContent)).toEqual(['21.', '22.']);
    expect(container.querySelector('ol')!.getAttribute('start')).toBe('21');
    expect(rows.map((r) => r.querySelector('button.candidate-link')!.textContent)).toEqual(['Ada Lovelace', 'c-2']);
    expect(rows.map((r) => r.querySelector('.score-total')!.textContent)).toEqual(['0.85', '0.30']);
    expect(rows[0]!.querySelector('.role')!.textContent).toBe('ML Engineer, RadAI (since 2022-01)');
    expect(rows[1]!.querySelector('.role')!.textContent).toBe('No current role on record');
    expect(rows[1]!.querySelector('.tags')!.textContent).toBe('Unknown seniority · Active · Open to work · Within radius');
  });

  it('renderPoolBars flags a candidate whose GDPR Art. 14 notice is overdue or due, and not one already informed', () => {
    const due = { ...POOL_ITEMS[0]!, id: 'c-3', noticeOverdue: false, noticeDueBy: '2026-02-28' };
    renderPoolBars(container, { items: [POOL_ITEMS[0]!, POOL_ITEMS[1]!, due] });
    const tags = [...container.querySelectorAll('li.pool-row .tags')].map((t) => t.textContent);
    expect(tags).toEqual(['Senior · Passive · Notice overdue', 'Unknown seniority · Active · Open to work · Within radius', 'Senior · Passive · Notice due by 2026-02-28']);
  });

  it('renderPoolBars stacks the five term contributions, so the bar is as long as the total', () => {
    renderPoolBars(container, { items: POOL_ITEMS }, { barWidth: 200 });
    const rects = [...container.querySelectorAll('li.pool-row[data-candidate-id="c-1"] rect.term')];
    expect(rects.map((r) => r.getAttribute('data-term'))).toEqual([...TERMS]);
    expect(rects.map((r) => r.getAttribute('fill'))).toEqual(TERMS.map((t) => TERM_COLORS[t]));
    const widths = rects.map((r) => Number(r.getAttribute('width')));
    const terms = POOL_ITEMS[0]!.score.terms;
    expect(widths).toEqual(TERMS.map((t) => expect.closeTo(terms[t].contribution * 200, 6)));
    let x = 0;
    for (const rect of rects) {
      expect(Number(rect.getAttribute('x'))).toBeCloseTo(x, 6);
      x += Number(rect.getAttribute('width'));
    }
    expect(x).toBeCloseTo((0.75 * 0.35 + 0.25 + 0.15 + 0.05 + 0.12) * 200, 6);
    expect(rects[0]!.querySelector('title')!.textContent).toBe('Skills: adds 0.26 (term value 0.75)');
  });

  it('renderPoolBars gives each term its reason: skills with evidence, the employer and sector behind the fit, distance, movability', () => {
    const names = new Map([
      ['dicom', 'DICOM'],
      ['pytorch', 'PyTorch'],
      ['radiology', 'Radiology AI'],
    ]);
    renderPoolBars(container, { items: POOL_ITEMS }, { names });
    const reasons = (id: string) =>
      Object.fromEntries([...container.querySelectorAll(`li[data-candidate-id="${id}"] .term-reason`)].map((d) => [d.getAttribute('data-term'), d.querySelector('dd')!.textContent]));
    expect(reasons('c-1')).toEqual({
      skills: '1 of 2: PyTorch (job, self) · missing DICOM (+0.26)',
      sector: 'Target sector Radiology AI at RadAI (+0.25)',
      seniority: 'Senior (fits: senior, lead) (+0.15)',
      distance: '25 km from the hub (0 at 50 km) (+0.05)',
      movability: '4.2 y in role · passive (+0.12)',
    });
    expect(reasons('c-2')).toEqual({
      skills: '0 of 2 · missing PyTorch, DICOM (+0.00)',
      sector: 'Adjacent: Automotive at AutoDrive, pivots to Radiology AI (+0.15)',
      seniority: 'Unknown seniority (fits: senior, lead) (+0.00)',
      distance: 'Distance unknown (+0.00)',
      movability: 'tenure unknown · active · open to work (+0.15)',
    });
  });

  it('termReasons says when no skill was asked for', () => {
    const score = structuredClone(POOL_ITEMS[0]!.score);
    score.terms.skills = { ...score.terms.skills, required: [], matched: [], missing: [] };
    score.terms.sector = { ...score.terms.sector, kind: 'none', employerId: null, employerName: null, sectorId: null, sectorName: null, targetSectorId: null };
    const reasons = termReasons(score);
    expect(reasons.skills).toBe('No skills asked for: full credit');
    expect(reasons.sector).toBe('No target or adjacent sector in the career');
  });

  it('renderPoolBars opens a candidate from its name and marks the selected one; a second render replaces the rows', () => {
    const onOpen = vi.fn();
    renderPoolBars(container, { items: POOL_ITEMS }, { onOpen, selected: 'c-2' });
    container.querySelector<HTMLButtonElement>('li[data-candidate-id="c-2"] button.candidate-link')!.click();
    expect(onOpen).toHaveBeenCalledWith(POOL_ITEMS[1]);
    expect(container.querySelector('li.selected')!.getAttribute('data-candidate-id')).toBe('c-2');
    renderPoolBars(container, { items: POOL_ITEMS.slice(0, 1) });
    expect(container.querySelectorAll('li.pool-row')).toHaveLength(1);
    expect(container.querySelectorAll('ol')).toHaveLength(1);
  });
});
