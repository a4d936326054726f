import { alertText, api, applyI18n, el, fmtTime, liveSocket, qs, renderAlerts, requireRole, setupLanguageSwitch, setupTabs, showError, t } from './app.js';

const PAGE = 25;
let wlOffset = 0;
let editing = null; // entry id being edited, or null for a new one
let checkpoints = new Map();

await requireRole('admin');
setupLanguageSwitch(() => {
  void loadEntries();
  renderCheckpoints();
  void loadAlerts();
});

// ---- watchlist -----------------------------------------------------------------------------------------
const search = document.getElementById('wl-search');
const form = document.getElementById('wl-form');

function summary(e) {
  if (e.type === 'document') return `${e.issuingState} ${e.documentNumber}`;
  const aliases = (e.aliases ?? []).map((a) => `${a.surname} ${a.givenNames}`.trim());
  return [`${e.surname} ${e.givenNames}`.trim(), e.birthDate, e.nationality, ...aliases].filter(Boolean).join(' · ');
}

async function loadEntries() {
  const f = new FormData(search);
  try {
    const r = await api('GET', `/watchlist/entries${qs({ q: f.get('q'), type: f.get('type'), limit: PAGE, offset: wlOffset })}`);
    document.getElementById('wl-version').textContent = t('common.version', { v: r.version });
    document.getElementById('wl-total').textContent = t('common.total', { n: r.total });
    document.getElementById('wl-prev').disabled = wlOffset === 0;
    document.getElementById('wl-next').disabled = wlOffset + PAGE >= r.total;
    document.getElementById('wl-rows').replaceChildren(
      ...r.entries.map(({ entry }) =>
        el(
          'tr',
          { 'data-entry-id': entry.id },
          el('td', {}, entry.id),
          el('td', {}, t(`wl.${entry.type}`)),
          el('td', {}, summary(entry)),
          el('td', {}, entry.category),
          el('td', { class: `action-${entry.action}` }, entry.action),
          el('td', {}, el('button', { type: 'button', onclick: () => openForm(entry) }, t('common.edit')), ' ', el('button', { type: 'button', class: 'danger', onclick: () => remove(entry.id) }, t('common.delete'))),
        ),
      ),
    );
  } catch (e) {
    showError(document.getElementById('wl-message'), e);
  }
}

function toggleTypeFields() {
  const type = form.elements.type.value;
  for (const l of form.querySelectorAll('.person')) l.hidden = type !== 'person';
  for (const l of form.querySelectorAll('.document')) l.hidden = type !== 'document';
}

function openForm(entry) {
  editing = entry?.id ?? null;
  form.reset();
  if (entry) for (const [k, v] of Object.entries(entry)) if (form.elements[k] && typeof v === 'string') form.elements[k].value = v;
  form.elements.id.readOnly = entry !== undefined;
  form.elements.type.disabled = entry !== undefined;
  document.getElementById('wl-form-error').replaceChildren();
  form.hidden = false;
  toggleTypeFields();
  form.elements.id.focus();
}

function formEntry() {
  const type = form.elements.type.value;
  const fields = ['id', 'category', 'action', 'source', 'notes', ...(type === 'person' ? ['surname', 'givenNames', 'birthDate', 'nationality', 'sex'] : ['issuingState', 'documentNumber'])];
  const e = { type };
  for (const k of fields) {
    const v = form.elements[k].value.trim();
    if (v !== '') e[k] = k === 'nationality' || k === 'issuingState' ? v.toUpperCase() : v;
    else if (editing !== null && k !== 'id') e[k] = null; // PATCH: an emptied field is removed
  }
  if (type === 'person' && e.givenNames == null) e.givenNames = '';
  return e;
}

form.elements.type.addEventListener('change', toggleTypeFields);
document.getElementById('wl-new').addEventListener('click', () => openForm(undefined));
document.getElementById('wl-cancel').addEventListener('click', () => (form.hidden = true));
form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const entry = formEntry();
  try {
    let r;
    if (editing === null) r = await api('POST', '/watchlist/entries', entry);
    else {
      const { id, type, ...patch } = entry;
      r = await api('PATCH', `/watchlist/entries/${encodeURIComponent(editing)}`, patch);
    }
    form.hidden = true;
    document.getElementById('wl-message').replaceChildren(el('p', { class: 'ok', role: 'status' }, r.proposalId ? t('fe.proposed', { id: r.proposalId }) : t('wl.saved', { v: r.version })));
    await Promise.all([loadEntries(), loadProposals()]);
  } catch (e) {
    const issues = e.details?.issues ?? [];
    document.getElementById('wl-form-error').replaceChildren(
      el('p', { class: 'error', role: 'alert' }, t('common.error', { m: e.message })),
      el('ul', {}, ...issues.map((i) => el('li', {}, `${i.path.join('.')}: ${i.message}`))),
    );
  }
});

async function remove(id) {
  if (!confirm(t('wl.confirmDelete', { id }))) return;
  try {
    const r = await api('DELETE', `/watchlist/entries/${encodeURIComponent(id)}`);
    document.getElementById('wl-message').replaceChildren(el('p', { class: 'ok' }, r.proposalId ? t('fe.proposed', { id: r.proposalId }) : t('wl.deleted', { v: r.version })));
    await Promise.all([loadEntries(), loadProposals()]);
  } catch (e) {
    showError(document.getElementById('wl-message'), e);
  }
}

// Four-eyes: pending proposals with approve / reject (the server refuses the proposer's own decision).
async function loadProposals() {
  const r = await api('GET', '/watchlist/proposals?status=pending');
  const box = document.getElementById('wl-proposals');
  box.hidden = !r.fourEyes || r.proposals.length === 0;
  document.getElementById('fe-rows').replaceChildren(
    ...r.proposals.map((p) =>
      el(
        'tr',
        { 'data-proposal-id': p.id },
        el('td', {}, `#${p.id}`),
        el('td', {}, fmtTime(p.createdAt)),
        el('td', {}, p.proposer),
        el('td', {}, `${p.action} ${p.target} (${p.opsCount})`),
        el('td', {}, el('button', { type: 'button', onclick: () => decide(p.id, 'approve') }, t('fe.approve')), ' ', el('button', { type: 'button', class: 'danger', onclick: () => decide(p.id, 'reject') }, t('fe.reject'))),
      ),
    ),
  );
}

async function decide(id, what) {
  try {
    const r = await api('POST', `/watchlist/proposals/${id}/${what}`);
    if (r.version) document.getElementById('wl-message').replaceChildren(el('p', { class: 'ok', role: 'status' }, t('wl.saved', { v: r.version })));
  } catch (e) {
    showError(document.getElementById('wl-message'), e);
  }
  await Promise.all([loadEntries(), loadProposals()]);
}

search.addEventListener('submit', (ev) => {
  ev.preventDefault();
  wlOffset = 0;
  void loadEntries();
});
document.getElementById('wl-prev').addEventListener('click', () => ((wlOffset = Math.max(0, wlOffset - PAGE)), loadEntries()));
document.getElementById('wl-next').addEventListener('click', () => ((wlOffset += PAGE), loadEntries()));

// ---- import --------------------------------------------------------------------------------------------
const impForm = document.getElementById('imp-form');
const progress = document.getElementById('imp-progress');
const phase = document.getElementById('imp-phase');
let currentImport = null;

impForm.elements.file.addEventListener('change', () => {
  const name = impForm.elements.file.files[0]?.name ?? '';
  if (name.toLowerCase().endsWith('.csv')) impForm.elements.format.value = 'csv';
});
impForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const file = impForm.elements.file.files[0];
  if (!file) return;
  const result = document.getElementById('imp-result');
  result.replaceChildren();
  currentImport = crypto.randomUUID();
  progress.hidden = false;
  progress.value = 0;
  phase.textContent = t('imp.validating');
  const format = impForm.elements.format.value;
  try {
    const text = await file.text();
    const r = await api('POST', `/watchlist/import${qs({ format, mode: impForm.elements.mode.value, importId: currentImport })}`, text, format === 'csv' ? 'text/csv' : 'application/x-ndjson');
    progress.value = 100;
    phase.textContent = '';
    result.replaceChildren(el('p', { class: 'ok', role: 'status' }, r.proposalId ? t('fe.proposed', { id: r.proposalId }) : t('imp.done', { v: r.version, a: r.added, u: r.updated, r: r.removed })));
    void loadProposals();
    void loadEntries();
  } catch (e) {
    progress.hidden = true;
    phase.textContent = '';
    const errors = e.details?.errors ?? [];
    result.replaceChildren(
      el('p', { class: 'error', role: 'alert' }, errors.length > 0 ? t('imp.rejected') : t('common.error', { m: e.message })),
      el('ul', { class: 'import-errors' }, ...errors.slice(0, 200).map((x) => el('li', {}, t('imp.line', { l: x.line, r: x.reason })))),
    );
  }
});

// ---- checkpoints ---------------------------------------------------------------------------------------
function renderCheckpoints() {
  document.getElementById('cp-rows').replaceChildren(
    ...[...checkpoints.values()].map((c) =>
      el(
        'tr',
        { 'data-checkpoint-id': c.id, class: c.status === 'revoked' ? 'revoked' : '' },
        el('td', {}, c.id),
        el('td', {}, c.name),
        el('td', {}, c.status),
        el('td', { class: c.connected ? 'online' : 'offline' }, c.connected ? t('cp.online') : t('cp.offline')),
        el('td', {}, fmtTime(c.lastSyncAt ?? c.lastBatchAt)),
        el('td', {}, c.queued ?? t('common.none')),
        el('td', {}, c.watchlistVersion ?? t('common.none'), c.watchlistStale ? el('strong', { class: 'stale' }, ` ${t('cp.stale')}`) : ''),
        el(
          'td',
          {},
          c.status === 'active' ? el('button', { type: 'button', onclick: () => rotate(c.id) }, t('cp.rotate')) : '',
          ' ',
          c.status === 'active' ? el('button', { type: 'button', class: 'danger', onclick: () => revoke(c.id) }, t('cp.revoke')) : '',
        ),
      ),
    ),
  );
}

async function loadCheckpoints() {
  const r = await api('GET', '/checkpoints');
  checkpoints = new Map(r.checkpoints.map((c) => [c.id, c]));
  renderCheckpoints();
}

function showCredential(id, credential) {
  document.getElementById('cp-credential').replaceChildren(el('div', { class: 'card credential' }, el('p', {}, t('cp.credential', { id })), el('code', {}, credential)));
}

async function rotate(id) {
  const r = await api('POST', `/checkpoints/${encodeURIComponent(id)}/rotate`);
  showCredential(id, r.credential);
}

async function revoke(id) {
  if (!confirm(t('cp.confirmRevoke', { id }))) return;
  await api('POST', `/checkpoints/${encodeURIComponent(id)}/revoke`);
  await loadCheckpoints();
}

document.getElementById('cp-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  try {
    const r = await api('POST', '/checkpoints', { id: String(f.get('id')), name: String(f.get('name')) });
    showCredential(r.id, r.credential);
    ev.target.reset();
    await loadCheckpoints();
  } catch (e) {
    showError(document.getElementById('cp-credential'), e);
  }
});

// ---- alerts --------------------------------------------------------------------------------------------
async function ack(id) {
  await api('POST', `/alerts/${id}/ack`);
  await loadAlerts();
}

async function loadAlerts() {
  const r = await api('GET', '/alerts?limit=100');
  renderAlerts(document.getElementById('al-rows'), r.alerts, true, ack);
}

function pushLive(a) {
  const list = document.getElementById('live-list');
  list.prepend(el('li', { class: `kind-${a.kind}` }, el('time', {}, fmtTime(a.createdAt)), ' ', alertText(a)));
  while (list.children.length > 5) list.lastChild.remove();
}
document.getElementById('live-close').addEventListener('click', () => document.getElementById('live-list').replaceChildren());

// ---- users --------------------------------------------------------------------------------------------
const ROLES = ['officer', 'auditor', 'admin'];
async function loadUsers() {
  const r = await api('GET', '/users');
  document.getElementById('us-rows').replaceChildren(
    ...r.users.map((u) =>
      el(
        'tr',
        { 'data-user': u.username, class: u.disabled ? 'revoked' : '' },
        el('td', {}, u.username),
        el('td', {}, el('select', { onchange: (ev) => patchUser(u.id, { role: ev.target.value }) }, ...ROLES.map((role) => el('option', { value: role, selected: role === u.role }, role)))),
        el('td', {}, u.disabled ? t('us.disabled') : t('us.active')),
        el('td', {}, el('button', { type: 'button', class: u.disabled ? '' : 'danger', onclick: () => patchUser(u.id, { disabled: !u.disabled }) }, u.disabled ? t('us.enable') : t('us.disable'))),
      ),
    ),
  );
}

async function patchUser(id, patch) {
  try {
    await api('PATCH', `/users/${id}`, patch);
  } catch (e) {
    showError(document.getElementById('us-message'), e);
  }
  await loadUsers();
}

document.getElementById('us-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = new FormData(ev.target);
  try {
    const u = await api('POST', '/users', { username: String(f.get('username')), role: String(f.get('role')), password: String(f.get('password')) });
    ev.target.reset();
    document.getElementById('us-message').replaceChildren(el('p', { class: 'ok', role: 'status' }, t('us.created', { u: u.username })));
    await loadUsers();
  } catch (e) {
    showError(document.getElementById('us-message'), e);
  }
});

// ---- live updates --------------------------------------------------------------------------------------
const socket = liveSocket();
socket.on('alert:raised', (a) => {
  pushLive(a);
  void loadAlerts();
});
socket.on('alert:updated', () => void loadAlerts());
socket.on('checkpoint:status', (c) => {
  checkpoints.set(c.id, c);
  renderCheckpoints();
});
socket.on('watchlist:changed', ({ version }) => {
  document.getElementById('wl-version').textContent = t('common.version', { v: version });
  void loadProposals();
});
socket.on('watchlist:import-progress', (p) => {
  if (p.importId !== currentImport) return;
  if (p.phase === 'validating' && p.total > 0) progress.value = Math.round((p.processed / p.total) * 90);
  if (p.phase === 'applying') {
    progress.value = 95;
    phase.textContent = t('imp.applying');
  }
});

setupTabs((name) => {
  if (name === 'checkpoints') void loadCheckpoints();
  if (name === 'alerts') void loadAlerts();
  if (name === 'users') void loadUsers();
});
applyI18n();
await Promise.all([loadEntries(), loadCheckpoints(), loadAlerts(), loadProposals()]);
