import { describe, expect, it } from 'vitest';
import { STAGES, type Stage } from '../../server/schemas/searches.schema.ts';
import { pipelineEntryId, transitionError } from '../../server/services/searches.service.ts';

describe('transitionError', () => {
  it('transitionError lets a new entry start at any stage', () => {
    for (const stage of STAGES) expect(transitionError(null, stage)).toBeUndefined();
  });

  it('transitionError allows forward moves, skips included, and refuses backward ones', () => {
    expect(transitionError('identified', 'contacted')).toBeUndefined();
    expect(transitionError('contacted', 'assessment')).toBeUndefined();
    expect(transitionError('offer', 'placed')).toBeUndefined();
    expect(transitionError('screening', 'contacted')).toMatch(/back/);
  });

  it('transitionError allows declining or barring from any open stage, and reopening a declined one', () => {
    const open: Stage[] = ['identified', 'contacted', 'replied', 'screening', 'assessment', 'offer'];
    for (const stage of open) {
      expect(transitionError(stage, 'declined')).toBeUndefined();
      expect(transitionError(stage, 'off-limits')).toBeUndefined();
    }
    expect(transitionError('declined', 'identified')).toBeUndefined();
    expect(transitionError('declined', 'off-limits')).toBeUndefined();
  });

  it('transitionError keeps placed and off-limits final, but lets a note be added at the same stage', () => {
    expect(transitionError('placed', 'declined')).toMatch(/final/);
    expect(transitionError('off-limits', 'identified')).toMatch(/final/);
    expect(transitionError('placed', 'placed')).toBeUndefined();
  });
});

describe('pipelineEntryId', () => {
  it('pipelineEntryId is one key per (search, candidate) pair that no id split can collide', () => {
    expect(pipelineEntryId('s1', 'c1')).toBe(pipelineEntryId('s1', 'c1'));
    expect(pipelineEntryId('s1', 'c1')).not.toBe(pipelineEntryId('s1', 'c2'));
    expect(pipelineEntryId('a:b', 'c')).not.toBe(pipelineEntryId('a', 'b:c'));
    expect(pipelineEntryId('s1', 'c1')).toMatch(/^[0-9a-f]{32}$/);
  });
});
