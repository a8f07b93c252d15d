import type { CandidateProfile, PivotResponse } from '../../server/schemas/candidates.schema.ts';
import type { WarmPath } from '../../server/schemas/paths.schema.ts';
import { STAGES, type Stage } from '../../server/schemas/searches.schema.ts';
import { api, isAbort } from '../api.ts';
import { renderCareerTimeline } from '../charts/career-timeline.ts';
import { stageLabel } from '../charts/market-grid.ts';
import { SEGMENT_COLORS } from '../colors.ts';
import { fill, h, uid } from '../dom.ts';
import { formatDecimal, formatKm, formatScore, humanize, plural, segmentLabel, seniorityLabel } from '../format.ts';
import { toUrl } from '../state.ts';
import { announce, errorMessage, showEmpty, showError, showLoading } from './status.ts';

/**
 * A candidate's profile over any view: career timeline, skills with their
 * evidence, publications, the evidence for a move into a target sector,
 * warm-introduction paths from the team, and the pipelines they are in.
 */

export interface ProfileDialog {
  id: string;
  show(id: string): void;
  close(): void;
}

const WARM_PATHS_SHOWN = 5;

export function openProfile(initialId: string, onClosed: () => void): ProfileDialog {
  const body = h('div', { class: 'profile-body' });
  const closeButton = h('button', { class: 'close', text: 'Close', attrs: { type: 'button', 'aria-label': 'Close the profile' } });
  const titleId = uid('profile-title');
  const heading = h('h2', { text: 'Candidate', attrs: { id: titleId } });
  const dialog = h('dialog', { class: 'profile', attrs: { 'aria-labelledby': titleId } }, h('header', { class: 'profile-head' }, heading, closeButton), body);
  let controller = new AbortController();
  let closing = false;

  const handle: ProfileDialog = {
    id: initialId,
    show(id) {
      handle.id = id;
      void load(id);
    },
    close() {
      closing = true;
      controller.abort();
      if (dialog.open) dialog.close();
      dialog.remove();
    },
  };

  closeButton.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    controller.abort();
    dialog.remove();
    if (!closing) onClosed();
  });

  async function load(id: string) {
    controller.abort();
    controller = new AbortController();
    const signal = controller.signal;
    heading.textContent = 'Candidate';
    body.replaceChildren();
    const done = showLoading(body, 'Loading the profile…');
    try {
      const profile = await api.candidate(id, { signal });
      if (signal.aborted) return;
      renderProfile(profile, signal);
    } catch (error) {
      if (isAbort(error)) return;
      heading.textContent = 'Profile not available';
      showError(body, error, [
        { label: 'Try again', run: () => void load(id) },
        { label: 'Close', run: () => dialog.close() },
      ]);
    } finally {
      done();
    }
  }

  function section(title: string, ...content: (Node | null)[]) {
    return h('section', { class: `profile-section` }, h('h3', { text: title }), ...content);
  }

  function renderProfile(p: CandidateProfile, signal: AbortSignal) {
    heading.textContent = p.name ?? p.id;
    const segment = h('span', { class: 'segment-badge', text: segmentLabel(p.segment), attrs: { 'data-segment': p.segment ?? 'unknown' } });
    segment.style.setProperty('--segment-color', p.segment ? SEGMENT_COLORS[p.segment] : '#7a7f87');
    const facts = [
      seniorityLabel(p.seniority) + (p.yearsExperience !== null ? ` (${formatDecimal(p.yearsExperience)} years)` : ''),
      p.passive ? 'Passive' : 'Active',
      p.openToWork ? 'Open to work' : null,
      p.hub ? `${p.hub.name}${p.hub.distanceKm !== null ? `, ${formatKm(p.hub.distanceKm)} from the hub` : ''}` : 'No hub',
      p.locationText,
    ].filter(Boolean) as string[];

    const timeline = h('div', { class: 'timeline' });
    const pivotBox = h('div', { class: 'pivots' });
    const pathsBox = h('div', { class: 'warm-paths' });
    const pipelineBox = h('div', { class: 'pipeline' });

    fill(
      body,
      h(
        'div',
        { class: 'profile-summary' },
        segment,
        h('span', { text: facts.join(' · ') }),
        h('a', { text: 'Graph around this person', attrs: { href: toUrl({ view: 'graph', id: p.id, kind: 'candidate', depth: 1, limit: 500, expand: [], candidate: null }) } }),
        p.profileUrl ? h('a', { text: 'Public profile', attrs: { href: p.profileUrl, target: '_blank', rel: 'noopener noreferrer' } }) : null,
      ),
      section('Career', timeline),
      section(
        'Skills',
        p.skills.length === 0
          ? h('p', { class: 'muted', text: 'No skills on record.' })
          : h(
              'ul',
              { class: 'skills' },
              ...p.skills.map((s) =>
                h('li', { attrs: { 'data-skill-id': s.id } }, h('span', { text: s.name }), ...s.evidence.map((e) => h('span', { class: `evidence ${e}`, text: e }))),
              ),
            ),
      ),
      section(
        'Publications',
        p.publications.length === 0
          ? h('p', { class: 'muted', text: 'None on record.' })
          : h(
              'ul',
              {},
              ...p.publications.map((pub) =>
                h(
                  'li',
                  {},
                  `${pub.title ?? 'Untitled'}${pub.venue ? `, ${pub.venue}` : ''}${pub.year ? ` (${pub.year})` : ''}`,
                  pub.fields.length ? h('span', { class: 'muted', text: ` · ${pub.fields.map((f) => f.name).join(', ')}` }) : null,
                ),
              ),
            ),
      ),
      p.education.length > 0
        ? section('Education', h('ul', {}, ...p.education.map((e) => h('li', { text: [e.degree, e.field, e.name, e.to?.slice(0, 4)].filter(Boolean).join(', ') }))))
        : null,
      section('Why a move into a target sector is plausible', pivotBox),
      section('Warm introductions', pathsBox),
      section('Pipelines', pipelineBox),
    );
    requestAnimationFrame(() => renderCareerTimeline(timeline, p.career, { width: Math.max(320, timeline.clientWidth || 600) }));
    void loadPivots(p, pivotBox, signal);
    void loadPaths(p, pathsBox, signal);
    renderPipeline(p, pipelineBox, signal);
  }

  async function loadPivots(p: CandidateProfile, box: HTMLElement, signal: AbortSignal) {
    const done = showLoading(box, 'Finding pivot evidence…');
    try {
      const answer: PivotResponse = await api.pivot(p.id, { signal });
      if (signal.aborted) return;
      if (answer.pivots.length === 0) {
        showEmpty(
          box,
          p.segment === 'target-sector' ? 'Already in a target sector' : 'No pivot evidence',
          p.segment === 'target-sector' ? 'This person has worked in a target sector.' : 'No sector in this career is known to lead into a target sector.',
        );
        return;
      }
      box.replaceChildren(
        ...answer.pivots.map((pivot) =>
          h(
            'div',
            { class: 'pivot' },
            h('h4', { text: `${pivot.from.name} → ${pivot.to.name} (weight ${formatScore(pivot.weight)})` }),
            pivot.via.length ? h('p', { text: `Via ${pivot.via.map((v) => v.name).join(', ')}` }) : null,
            pivot.sharedSkills.length
              ? h('p', { text: `Shared skills with people who moved: ${pivot.sharedSkills.map((s) => `${s.skill.name} (${plural(s.movers, 'mover')})`).join(', ')}` })
              : null,
            pivot.formerColleagues.length
              ? h('p', { text: `Former colleagues who moved: ${pivot.formerColleagues.map((c) => `${c.colleague.name} (${c.employer.name} → ${c.movedTo.name})`).join(', ')}` })
              : null,
            pivot.feederEmployers.length
              ? h('p', { text: `Employers that feed ${pivot.to.name}: ${pivot.feederEmployers.map((f) => `${f.employer.name} (${plural(f.movers, 'mover')})`).join(', ')}` })
              : null,
          ),
        ),
      );
    } catch (error) {
      if (!isAbort(error)) showError(box, error, [{ label: 'Try again', run: () => void loadPivots(p, box, signal) }]);
    } finally {
      done();
    }
  }

  async function loadPaths(p: CandidateProfile, box: HTMLElement, signal: AbortSignal) {
    const done = showLoading(box, 'Looking for warm introductions…');
    try {
      const team = await api.teamMembers({ signal });
      const answers = await Promise.all(team.items.map((m) => api.paths(m.id, p.id, 2, { signal })));
      if (signal.aborted) return;
      const paths: WarmPath[] = answers.flatMap((a) => a.paths).sort((a, b) => b.score - a.score || a.hops - b.hops);
      if (paths.length === 0) {
        showEmpty(box, 'No warm path', team.items.length === 0 ? 'No team members are on record.' : 'Nobody on the team is linked to this person within three steps.');
        return;
      }
      box.replaceChildren(
        h(
          'ol',
          { class: 'paths' },
          ...paths.slice(0, WARM_PATHS_SHOWN).map((path) =>
            h(
              'li',
              {},
              h('span', { class: 'path-score', text: formatScore(path.score) }),
              ' ',
              path.links
                .map((l, i) => {
                  const via = l.via.kind === 'colleague' ? `colleagues at ${l.via.employer.name}, ${l.via.overlapMonths} months` : `co-authors of “${l.via.publication.title ?? 'a paper'}”`;
                  return `${i === 0 ? (l.from.name ?? l.from.id) : ''} → ${l.to.name ?? l.to.id} (${via})`;
                })
                .join(''),
            ),
          ),
        ),
      );
    } catch (error) {
      if (!isAbort(error)) showError(box, error, [{ label: 'Try again', run: () => void loadPaths(p, box, signal) }]);
    } finally {
      done();
    }
  }

  function renderPipeline(p: CandidateProfile, box: HTMLElement, signal: AbortSignal) {
    const list =
      p.pipeline.length === 0
        ? h('p', { class: 'muted', text: 'Not in any mandate yet.' })
        : h(
            'ul',
            { class: 'pipeline-list' },
            ...p.pipeline.map((entry) =>
              h(
                'li',
                { attrs: { 'data-search-id': entry.searchId, 'data-stage': entry.stage } },
                h('a', { text: `${entry.title} (${entry.client})`, attrs: { href: toUrl({ view: 'market', search: entry.searchId, candidate: null }) } }),
                `: ${stageLabel(entry.stage)} for ${plural(Math.floor(entry.daysInStage), 'day')}`,
              ),
            ),
          );
    const searchId = uid('add-search');
    const stageId = uid('add-stage');
    const searchSelect = h('select', { attrs: { id: searchId } }, h('option', { text: 'Loading mandates…', attrs: { value: '' } }));
    const stageSelect = h('select', { attrs: { id: stageId } }, ...STAGES.map((s) => h('option', { text: humanize(s), attrs: { value: s } })));
    const add = h('button', { text: 'Add / move', attrs: { type: 'submit', disabled: true } });
    const form = h(
      'form',
      { class: 'add-to-mandate' },
      h('label', { text: 'Mandate', attrs: { for: searchId } }),
      searchSelect,
      h('label', { text: 'Stage', attrs: { for: stageId } }),
      stageSelect,
      add,
    );
    box.replaceChildren(list, form);
    api.searches({ signal }).then(
      (searches) => {
        searchSelect.replaceChildren(...searches.items.map((s) => h('option', { text: `${s.title} (${s.client})`, attrs: { value: s.id } })));
        if (searches.items.length === 0) searchSelect.append(h('option', { text: 'No mandates yet', attrs: { value: '' } }));
        add.disabled = searches.items.length === 0;
      },
      (error: unknown) => {
        if (!isAbort(error)) searchSelect.replaceChildren(h('option', { text: `Mandates unavailable: ${errorMessage(error)}`, attrs: { value: '' } }));
      },
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!searchSelect.value) return;
      add.disabled = true;
      try {
        const entry = await api.moveCandidate(searchSelect.value, p.id, stageSelect.value as Stage);
        announce(`${entry.candidateName ?? p.id} is now at “${stageLabel(entry.stage)}”.`);
        const fresh = await api.candidate(p.id, { signal });
        renderPipeline(fresh, box, signal);
      } catch (error) {
        if (!isAbort(error)) announce(`Not moved: ${errorMessage(error)}`, 'error');
        add.disabled = false;
      }
    });
  }

  document.body.append(dialog);
  dialog.showModal();
  closeButton.focus();
  void load(initialId);
  return handle;
}
