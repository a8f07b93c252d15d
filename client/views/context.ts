import type { HubSummary } from '../../server/schemas/pool.schema.ts';
import type { Taxonomy } from '../../server/schemas/taxonomy.schema.ts';
import type { ViewState } from '../state.ts';

/** What every view gets from the shell: navigation and the shared, cached look-ups. */
export interface ViewContext {
  /** Moves to a state: pushes its URL (or replaces it) and renders. */
  navigate(next: ViewState, options?: { replace?: boolean }): void;
  current(): ViewState;
  /** Skills and sectors (cached for the page's life). */
  taxonomy(): Promise<Taxonomy>;
  /** Every hub without filters (cached until a reload). */
  hubs(): Promise<HubSummary[]>;
}

export interface View {
  update(state: ViewState): void;
  destroy(): void;
}

export type MountView = (container: HTMLElement, ctx: ViewContext, state: ViewState) => View;
