import type { HubSummary } from '../../server/schemas/pool.schema.ts';
import type { Taxonomy } from '../../server/schemas/taxonomy.schema.ts';
import { api } from '../api.ts';
import { h, uid } from '../dom.ts';
import { formatCount, seniorityLabel } from '../format.ts';
import type { Filters } from '../state.ts';
import type { ViewContext } from './context.ts';
import { announce, errorMessage } from './status.ts';

/**
 * Opens a mandate (search) from the hub map's filters: its hubs (the chosen
 * hub, else the largest matching ones), sectors (the filter's, else the
 * target sectors), required skills and seniority; its target employers are
 * the employers in those sectors with a site in those hubs.
 */

export const TARGET_EMPLOYERS_MAX = 200;

export async function openMandateForm(ctx: ViewContext, { filters, hubs, selectedHub }: { filters: Filters; hubs: HubSummary[]; selectedHub: string | null }): Promise<void> {
  let taxonomy: Taxonomy;
  try {
    taxonomy = await ctx.taxonomy();
  } catch (error) {
    announce(`The mandate form needs the taxonomy: ${errorMessage(error)}`, 'error');
    return;
  }
  const ranked = [...hubs].filter((x) => x.counts.total > 0 || x.id === selectedHub).sort((a, b) => b.counts.total - a.counts.total);
  const preselectedHubs = new Set(selectedHub ? [selectedHub] : ranked.slice(0, 3).map((x) => x.id));
  const preselectedSectors = new Set(filters.sectors.length > 0 ? filters.sectors : taxonomy.sectors.filter((s) => s.target).map((s) => s.id));
  const skillNames = new Map(taxonomy.skills.map((s) => [s.id, s.name]));

  const titleId = uid('mandate-title');
  const clientId = uid('mandate-client');
  const daysId = uid('mandate-days');
  const title = h('input', { attrs: { id: titleId, name: 'title', required: true, maxlength: 200 } });
  const client = h('input', { attrs: { id: clientId, name: 'client', required: true, maxlength: 200 } });
  const days = h('input', { attrs: { id: daysId, name: 'targetDays', type: 'number', min: 1, max: 730, value: 60, required: true } });
  const hubBoxes = ranked.map((hub) => ({
    hub,
    box: h('input', { attrs: { type: 'checkbox', value: hub.id, checked: preselectedHubs.has(hub.id), 'data-hub-id': hub.id } }),
  }));
  const sectorBoxes = taxonomy.sectors.map((sector) => ({
    sector,
    box: h('input', { attrs: { type: 'checkbox', value: sector.id, checked: preselectedSectors.has(sector.id), 'data-sector-id': sector.id } }),
  }));
  const message = h('p', { class: 'form-message', attrs: { role: 'alert' } });
  const submit = h('button', { class: 'primary', text: 'Create mandate', attrs: { type: 'submit' } });

  const skillText = filters.skills.length > 0 ? filters.skills.map((id) => skillNames.get(id) ?? id).join(', ') : 'none';
  const seniorityText = filters.seniority.length > 0 ? filters.seniority.map(seniorityLabel).join(', ') : 'any';

  const form = h(
    'form',
    { attrs: { method: 'dialog' } },
    h('h2', { text: 'New mandate from the filters' }),
    h('div', { class: 'field' }, h('label', { text: 'Title', attrs: { for: titleId } }), title),
    h('div', { class: 'field' }, h('label', { text: 'Client', attrs: { for: clientId } }), client),
    h('div', { class: 'field' }, h('label', { text: 'Target days', attrs: { for: daysId } }), days),
    h('p', {}, h('strong', { text: 'Required skills: ' }), skillText, h('br'), h('strong', { text: 'Seniority: ' }), seniorityText),
    h(
      'fieldset',
      { class: 'columns' },
      h('legend', { text: 'Hubs' }),
      ...hubBoxes.map(({ hub, box }) => h('label', { class: 'check' }, box, `${hub.name} (${formatCount(hub.counts.total)})`)),
    ),
    h('fieldset', { class: 'columns' }, h('legend', { text: 'Sectors' }), ...sectorBoxes.map(({ sector, box }) => h('label', { class: 'check' }, box, sector.name))),
    message,
    h('div', { class: 'actions' }, h('button', { text: 'Cancel', attrs: { type: 'button', value: 'cancel' }, on: { click: () => dialog.close() } }), submit),
  );
  const dialog = h('dialog', { class: 'mandate-form', attrs: { 'aria-label': 'New mandate' } }, form);
  dialog.addEventListener('close', () => dialog.remove());

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const hubIds = hubBoxes.filter((x) => x.box.checked).map((x) => x.hub.id);
    const sectorIds = sectorBoxes.filter((x) => x.box.checked).map((x) => x.sector.id);
    if (hubIds.length === 0 || sectorIds.length === 0) {
      message.textContent = 'Choose at least one hub and one sector.';
      return;
    }
    submit.disabled = true;
    message.textContent = 'Finding the target employers…';
    try {
      const lists = await Promise.all(hubIds.map((hub) => api.employers({ hub, limit: 500 })));
      const employers = new Map<string, number>();
      for (const list of lists) {
        for (const e of list.items) if (e.sectors.some((s) => sectorIds.includes(s.id))) employers.set(e.id, Math.max(employers.get(e.id) ?? 0, e.people));
      }
      if (employers.size === 0) {
        message.textContent = 'No employer in those sectors has a site in those hubs; choose other hubs or sectors.';
        submit.disabled = false;
        return;
      }
      const targetEmployers = [...employers]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, TARGET_EMPLOYERS_MAX)
        .map(([id]) => id);
      const search = await api.createSearch({
        title: title.value,
        client: client.value,
        targetDays: Number(days.value),
        hubs: hubIds,
        sectors: sectorIds,
        requiredSkills: filters.skills,
        seniority: filters.seniority,
        targetEmployers,
      });
      dialog.close();
      announce(`Mandate "${search.title}" opened with ${targetEmployers.length} target employers.`);
      ctx.navigate({ view: 'market', search: search.id, candidate: null });
    } catch (error) {
      message.textContent = `The mandate was not created: ${errorMessage(error)}`;
      submit.disabled = false;
    }
  });

  document.body.append(dialog);
  dialog.showModal();
  title.focus();
}
