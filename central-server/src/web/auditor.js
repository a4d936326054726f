import { api, applyI18n, el, fmtTime, liveSocket, qs, renderAlerts, requireRole, setupLanguageSwitch, setupTabs, showError, t } from './app.js';

const PAGE = 25;
let crOffset = 0;
let auOffset = 0;
let lastChart = null;

await requireRole('auditor');
setupLanguageSwitch(() => {
  if (lastChart) drawChart(lastChart);
  void loadAlerts();
});

// ---- crossings -----------------------------------------------------------------------------------------
const form = document.getElementById('cr-search');
const FILTERS = ['documentNumber', 'name', 'nationality', 'checkpointId', 'direction', 'decision', 'alert', 'from', 'to'];

function filters() {
  const f = new FormData(form);
  const out = { purpose: String(f.get('purpose') ?? '').trim() };
  for (const k of FILTERS) {
    const v = String(f.get(k) ?? '').trim();
    if (v !== '') out[k] = k === 'nationality' ? v.toUpperCase() : v;
  }
  return out;
}

async function searchCrossings() {
  const f = filters();
  const msg = document.getElementById('cr-message');
  if (f.purpose.length < 3) {
    msg.replaceChildren(el('p', { class: 'error', role: 'alert' }, t('cr.needPurpose')));
    return;
  }
  msg.replaceChildren();
  try {
    const r = await api('GET', `/crossings${qs({ ...f, limit: PAGE, offset: crOffset })}`);
    document.getElementById('cr-total').textContent = t('common.total', { n: r.total });
    document.getElementById('cr-prev').disabled = crOffset === 0;
    document.getElementById('cr-next').disabled = crOffset + PAGE >= r.total;
    document.getElementById('cr-rows').replaceChildren(
      ...r.crossings.map((c) =>
        el(
          'tr',
          { class: `clickable verdict-${c.verdict}`, 'data-crossing-id': c.id, tabindex: '0', onclick: () => showDetail(c.id) },
          el('td', {}, fmtTime(c.agentWallTime)),
          el('td', {}, `${c.checkpointId} / ${c.lane}`),
          el('td', {}, t(`cr.${c.direction}`)),
          el('td', {}, [c.surname, c.givenNames].filter(Boolean).join(' ') || t('common.none')),
          el('td', {}, [c.issuingState, c.documentNumber].filter(Boolean).join(' ') || t('common.none')),
          el('td', {}, c.verdict, c.alerts.length > 0 ? ` (${c.alerts.length})` : ''),
          el('td', {}, c.decision ? t(`cr.${c.decision}`) : t('cr.undecided')),
        ),
      ),
    );
  } catch (e) {
    showError(msg, e);
  }
}

async function showDetail(id) {
  const box = document.getElementById('cr-detail');
  try {
    const c = await api('GET', `/crossings/${id}${qs({ purpose: filters().purpose })}`);
    const rows = [
      ['id', c.id],
      ['checkpoint / lane', `${c.checkpointId} / ${c.lane}`],
      ['agent wall time', c.agentWallTime],
      ['received at central', c.receivedAt],
      ['monotonic ms / boot', `${c.monotonicMs} / ${c.bootId}`],
      ['clock flags', c.clockFlags.join(', ') || '—'],
      ['agent / epoch / seq', `${c.agentId} / ${c.epoch} / ${c.seq}`],
      ['document', `${c.documentCode ?? ''} ${c.issuingState ?? ''} ${c.documentNumber ?? ''}`],
      ['name', `${c.surname ?? ''} ${c.givenNames ?? ''}`],
      ['nationality / sex / birth', `${c.nationality ?? '—'} / ${c.sex ?? '—'} / ${c.birthDate ?? '—'}`],
      ['expiry', c.expiryDate ?? '—'],
      ['MRZ valid', `${c.mrzValid} ${c.mrzErrors.join(', ')}`],
      ['watchlist version / stale', `${c.watchlistVersion} / ${c.watchlistStale}`],
      ['verdict', c.verdict],
      ['decision', c.decision ? `${c.decision} — ${c.officer} — ${c.decidedAt}${c.decisionNote ? ` — ${c.decisionNote}` : ''}` : '—'],
    ];
    box.replaceChildren(
      el('h3', {}, t('cr.detail', { id: c.id })),
      el('dl', {}, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))])),
      el('h4', {}, t('nav.alerts')),
      el('ul', {}, ...c.alerts.map((h) => el('li', {}, `${h.kind} ${h.entryId} — ${h.action} — ${h.score.toFixed(2)}: ${h.reasons.join('; ')}`))),
    );
    box.hidden = false;
  } catch (e) {
    showError(box, e);
    box.hidden = false;
  }
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  crOffset = 0;
  void searchCrossings();
});
document.getElementById('cr-prev').addEventListener('click', () => ((crOffset = Math.max(0, crOffset - PAGE)), searchCrossings()));
document.getElementById('cr-next').addEventListener('click', () => ((crOffset += PAGE), searchCrossings()));
document.getElementById('cr-export').addEventListener('click', (ev) => {
  const f = filters();
  if (f.purpose.length < 3) {
    ev.preventDefault();
    document.getElementById('cr-message').replaceChildren(el('p', { class: 'error', role: 'alert' }, t('cr.needPurpose')));
    return;
  }
  ev.currentTarget.href = `/api/v1/crossings/export.csv${qs(f)}`;
});

// ---- chart: crossings per day as inline SVG --------------------------------------------------------------
const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function drawChart(r) {
  lastChart = r;
  const cells = r.cells.slice(-60);
  const W = 900;
  const H = 260;
  const left = 40;
  const bottom = 40;
  const max = Math.max(r.minCount, ...cells.map((c) => c.count ?? 0));
  const bw = cells.length === 0 ? 0 : (W - left - 10) / cells.length;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('ch.title'), class: 'chart' });
  root.append(svg('line', { x1: left, y1: H - bottom, x2: W - 5, y2: H - bottom, class: 'axis' }));
  root.append(svg('text', { x: left - 6, y: 14, 'text-anchor': 'end', class: 'tick' }, String(max)));
  root.append(svg('text', { x: left - 6, y: H - bottom, 'text-anchor': 'end', class: 'tick' }, '0'));
  cells.forEach((c, i) => {
    const x = left + i * bw + 2;
    const v = c.count ?? r.minCount - 1;
    const h = ((H - bottom - 20) * v) / max;
    const bar = svg('rect', { x, y: H - bottom - h, width: Math.max(1, bw - 4), height: h, class: c.suppressed ? 'bar suppressed' : 'bar', 'data-day': c.key });
    bar.append(svg('title', {}, `${c.key}: ${c.suppressed ? t('ch.suppressed', { n: r.minCount }) : c.count}`));
    root.append(bar);
    if (cells.length <= 31 || i % Math.ceil(cells.length / 15) === 0) {
      root.append(svg('text', { x: x + bw / 2, y: H - bottom + 14, 'text-anchor': 'middle', class: 'tick' }, c.key.slice(5)));
    }
    if (!c.suppressed && bw > 18) root.append(svg('text', { x: x + (bw - 4) / 2, y: H - bottom - h - 3, 'text-anchor': 'middle', class: 'value' }, String(c.count)));
  });
  const legend = el('p', { class: 'muted' }, el('span', { class: 'swatch suppressed' }), ' ', t('ch.suppressed', { n: r.minCount }));
  document.getElementById('chart').replaceChildren(root, legend);
}

async function loadChart() {
  try {
    drawChart(await api('GET', '/crossings/stats?by=day'));
  } catch (e) {
    showError(document.getElementById('chart'), e);
  }
}

// ---- audit ---------------------------------------------------------------------------------------------
async function loadAudit() {
  const r = await api('GET', `/audit${qs({ limit: PAGE, offset: auOffset })}`);
  document.getElementById('au-total').textContent = t('common.total', { n: r.total });
  document.getElementById('au-prev').disabled = auOffset === 0;
  document.getElementById('au-next').disabled = auOffset + PAGE >= r.total;
  document.getElementById('au-rows').replaceChildren(
    ...r.entries.map((e) =>
      el('tr', {}, el('td', {}, e.seq), el('td', {}, fmtTime(new Date(e.tsMs).toISOString())), el('td', {}, `${e.actor} (${e.role})`), el('td', {}, e.action), el('td', {}, e.target ?? ''), el('td', {}, e.purpose ?? '')),
    ),
  );
}

document.getElementById('au-verify').addEventListener('click', async () => {
  const out = document.getElementById('au-result');
  try {
    const r = await api('GET', '/audit/verify');
    out.className = r.ok ? 'ok' : 'error';
    out.textContent = r.ok ? t('au.ok', { n: r.checked }) : t('au.bad', { id: r.firstBadId, r: r.reason, n: r.checked });
    await loadAudit();
  } catch (e) {
    showError(out, e);
  }
});
document.getElementById('au-prev').addEventListener('click', () => ((auOffset = Math.max(0, auOffset - PAGE)), loadAudit()));
document.getElementById('au-next').addEventListener('click', () => ((auOffset += PAGE), loadAudit()));

// ---- alerts (read-only) ----------------------------------------------------------------------------------
async function loadAlerts() {
  const r = await api('GET', '/alerts?limit=100');
  renderAlerts(document.getElementById('al-rows'), r.alerts, false, () => undefined);
}
const socket = liveSocket();
socket.on('alert:raised', () => void loadAlerts());
socket.on('alert:updated', () => void loadAlerts());

setupTabs((name) => {
  if (name === 'chart') void loadChart();
  if (name === 'audit') void loadAudit();
  if (name === 'alerts') void loadAlerts();
});
applyI18n();
