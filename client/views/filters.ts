import { SEGMENTS, SENIORITIES, type Segment, type Seniority } from '../../server/schemas/common.schema.ts';
import type { Taxonomy } from '../../server/schemas/taxonomy.schema.ts';
import { SEGMENT_COLORS } from '../colors.ts';
import { h, uid } from '../dom.ts';
import { segmentLabel, seniorityLabel } from '../format.ts';
import { type Filters, emptyFilters, hasFilters } from '../state.ts';

/**
 * The pool filters: skills (all/any) with type-ahead over the taxonomy,
 * sectors, seniority, segment and passive-only. The form reports every change
 * as a whole Filters value; `set` shows a value that came from elsewhere (a
 * link, the back button) without reporting it.
 */

export interface FiltersForm {
  element: HTMLFormElement;
  set(filters: Filters): void;
}

const same = (a: Filters, b: Filters) => JSON.stringify(a) === JSON.stringify(b);

export function createFiltersForm(taxonomy: Taxonomy, initial: Filters, onChange: (filters: Filters) => void): FiltersForm {
  let filters = structuredClone(initial);
  const skillName = new Map(taxonomy.skills.map((s) => [s.id, s.name]));
  const sectorName = new Map(taxonomy.sectors.map((s) => [s.id, s.name]));

  const emit = (next: Filters) => {
    filters = next;
    sync();
    onChange(structuredClone(next));
  };

  // Skills: type-ahead, chips, all/any.
  const skillInputId = uid('skill-input');
  const listId = uid('skill-options');
  const skillInput = h('input', {
    attrs: { id: skillInputId, type: 'search', list: listId, placeholder: 'Type a skill…', autocomplete: 'off', 'aria-describedby': `${skillInputId}-hint` },
  });
  const datalist = h(
    'datalist',
    { attrs: { id: listId } },
    ...taxonomy.skills.map((s) => h('option', { attrs: { value: s.name, label: s.group ?? '' } })),
  );
  const skillHint = h('span', { class: 'hint', attrs: { id: `${skillInputId}-hint`, 'aria-live': 'polite' } });
  const chips = h('ul', { class: 'chips', attrs: { 'aria-label': 'Chosen skills' } });
  const modeName = uid('skill-mode');
  const modeAll = h('input', { attrs: { type: 'radio', name: modeName, value: 'all', id: `${modeName}-all` } });
  const modeAny = h('input', { attrs: { type: 'radio', name: modeName, value: 'any', id: `${modeName}-any` } });

  const addSkill = () => {
    const text = skillInput.value.trim().toLowerCase();
    if (text === '') return;
    const match = taxonomy.skills.find((s) => s.name.toLowerCase() === text || s.id.toLowerCase() === text);
    if (!match) {
      const close = taxonomy.skills.filter((s) => s.name.toLowerCase().includes(text)).slice(0, 3);
      skillHint.textContent = close.length > 0 ? `No skill "${skillInput.value}"; did you mean ${close.map((s) => s.name).join(', ')}?` : `No skill "${skillInput.value}" in the taxonomy.`;
      return;
    }
    skillHint.textContent = '';
    skillInput.value = '';
    if (!filters.skills.includes(match.id)) emit({ ...filters, skills: [...filters.skills, match.id] });
  };
  skillInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      addSkill();
    }
  });
  // Picking an option from the list replaces the text in one go.
  skillInput.addEventListener('input', (event) => {
    if ((event as InputEvent).inputType === 'insertReplacementText' || !(event instanceof InputEvent)) addSkill();
  });
  for (const radio of [modeAll, modeAny]) {
    radio.addEventListener('change', () => emit({ ...filters, skillMode: radio.value as 'all' | 'any' }));
  }

  // Sectors: grouped checkboxes in a disclosure.
  const sectorSummary = h('summary');
  const sectorBoxes = new Map<string, HTMLInputElement>();
  const groups = new Map<string, Taxonomy['sectors']>();
  for (const s of taxonomy.sectors) {
    const group = s.target ? 'Target sectors' : (s.group ?? 'Other sectors');
    groups.set(group, [...(groups.get(group) ?? []), s]);
  }
  const sectorFieldsets = [...groups].map(([group, sectors]) =>
    h(
      'fieldset',
      {},
      h('legend', { text: group.charAt(0).toUpperCase() + group.slice(1) }),
      ...sectors.map((s) => {
        const box = h('input', { attrs: { type: 'checkbox', value: s.id, 'data-sector-id': s.id } });
        sectorBoxes.set(s.id, box);
        box.addEventListener('change', () =>
          emit({ ...filters, sectors: box.checked ? [...filters.sectors, s.id] : filters.sectors.filter((id) => id !== s.id) }),
        );
        return h('label', { class: 'check' }, box, s.name);
      }),
    ),
  );
  const sectors = h('details', { class: 'dropdown' }, sectorSummary, h('div', { class: 'dropdown-body' }, ...sectorFieldsets));
  // The list closes when focus leaves it (a click elsewhere moves focus too), and on Escape.
  sectors.addEventListener('focusout', (event) => {
    if (!sectors.contains(event.relatedTarget as Node | null)) sectors.open = false;
  });
  sectors.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && sectors.open) {
      sectors.open = false;
      sectorSummary.focus();
    }
  });

  const checkboxGroup = <T extends string>(legend: string, values: readonly T[], label: (v: T) => string, key: 'seniority' | 'segment', color?: (v: T) => string) => {
    const boxes = new Map<T, HTMLInputElement>();
    const fieldset = h(
      'fieldset',
      { class: 'inline' },
      h('legend', { text: legend }),
      ...values.map((v) => {
        const box = h('input', { attrs: { type: 'checkbox', value: v, [`data-${key}`]: v } });
        boxes.set(v, box);
        box.addEventListener('change', () => {
          const current = filters[key] as T[];
          emit({ ...filters, [key]: box.checked ? values.filter((x) => x === v || current.includes(x)) : current.filter((x) => x !== v) });
        });
        const swatch = color ? h('span', { class: 'swatch dot', attrs: { 'aria-hidden': 'true' } }) : null;
        swatch?.style.setProperty('--swatch-color', color!(v));
        return h('label', { class: 'check' }, box, swatch, label(v));
      }),
    );
    return { fieldset, boxes };
  };
  const seniority = checkboxGroup<Seniority>('Seniority', SENIORITIES, seniorityLabel, 'seniority');
  const segment = checkboxGroup<Segment>('Segment', SEGMENTS, segmentLabel, 'segment', (s) => SEGMENT_COLORS[s]);

  const passive = h('input', { attrs: { type: 'checkbox', name: 'passive' } });
  passive.addEventListener('change', () => emit({ ...filters, passiveOnly: passive.checked }));

  const clearButton = h('button', { text: 'Clear filters', attrs: { type: 'button' }, on: { click: () => emit(emptyFilters()) } });

  const element = h(
    'form',
    { class: 'filters', attrs: { 'aria-label': 'Pool filters', role: 'search' } },
    h(
      'div',
      { class: 'filter skills' },
      h('label', { text: 'Skills', attrs: { for: skillInputId } }),
      h('div', { class: 'skill-entry' }, skillInput, h('button', { text: 'Add', attrs: { type: 'button' }, on: { click: addSkill } })),
      datalist,
      chips,
      h(
        'div',
        { class: 'mode', attrs: { role: 'radiogroup', 'aria-label': 'Skills must match' } },
        h('label', { class: 'check' }, modeAll, 'all'),
        h('label', { class: 'check' }, modeAny, 'any'),
      ),
      skillHint,
    ),
    h('div', { class: 'filter sectors' }, h('span', { class: 'filter-label', text: 'Sectors' }), sectors),
    seniority.fieldset,
    segment.fieldset,
    h('div', { class: 'filter end' }, h('label', { class: 'check passive' }, passive, 'Passive only'), clearButton),
  );
  element.addEventListener('submit', (event) => event.preventDefault());

  function sync() {
    chips.replaceChildren(
      ...filters.skills.map((id) =>
        h(
          'li',
          { attrs: { 'data-skill-id': id } },
          h('span', { text: skillName.get(id) ?? id }),
          h('button', {
            class: 'chip-remove',
            text: '×',
            attrs: { type: 'button', 'aria-label': `Remove the skill ${skillName.get(id) ?? id}` },
            on: { click: () => emit({ ...filters, skills: filters.skills.filter((s) => s !== id) }) },
          }),
        ),
      ),
    );
    modeAll.checked = filters.skillMode === 'all';
    modeAny.checked = filters.skillMode === 'any';
    for (const [id, box] of sectorBoxes) box.checked = filters.sectors.includes(id);
    const chosen = filters.sectors.map((id) => sectorName.get(id) ?? id);
    sectorSummary.textContent = chosen.length === 0 ? 'Any sector' : chosen.length <= 2 ? chosen.join(', ') : `${chosen.length} sectors`;
    for (const [v, box] of seniority.boxes) box.checked = filters.seniority.includes(v);
    for (const [v, box] of segment.boxes) box.checked = filters.segment.includes(v);
    passive.checked = filters.passiveOnly;
    clearButton.disabled = !hasFilters(filters);
  }
  sync();

  return {
    element,
    set(next) {
      if (same(next, filters)) return;
      filters = structuredClone(next);
      sync();
    },
  };
}
