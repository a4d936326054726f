/*
 * ASPK officer console (plain JS, no framework). Talks to the agent over /api (login, first load) and
 * socket.io (live inspections, decisions, status). Every value from the agent is written with
 * textContent, never as HTML.
 */
'use strict';
(() => {
  const $ = (sel, root = document) => root.querySelector(sel);
  const I18N = window.ASPK_I18N;
  let lang = localStorage.getItem('aspk.lang') || 'en';
  if (!I18N[lang]) lang = 'en';
  const lanes = new Map(); // laneId -> { el, event }
  const recent = new Map(); // crossingId -> event
  let selected = null;
  let socket = null;
  let health = null;

  function t(key, vars) {
    let s = (I18N[lang] && I18N[lang][key]) || I18N.en[key] || key;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, String(v));
    return s;
  }
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function applyStaticI18n(root = document) {
    document.documentElement.lang = lang;
    for (const n of root.querySelectorAll('[data-i18n]')) n.textContent = t(n.dataset.i18n);
    for (const n of root.querySelectorAll('[data-i18n-placeholder]')) n.placeholder = t(n.dataset.i18nPlaceholder);
  }
  function ageText(ms) {
    if (ms === null || ms === undefined) return '—';
    const min = Math.round(ms / 60000);
    if (min < 60) return `${min} min`;
    const h = Math.round(min / 60);
    return h < 48 ? `${h} h` : `${Math.round(h / 24)} d`;
  }
  async function api(method, path, body) {
    const res = await fetch(path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined, credentials: 'same-origin' });
    const data = await res.json().catch(() => ({}));
    return { status: res.status, data };
  }
  function emit(event, payload) {
    return new Promise((resolve) => socket.timeout(5000).emit(event, payload, (err, reply) => resolve(err ? { ok: false, error: { code: 'TIMEOUT', message: 'no answer from the agent' } } : reply)));
  }

  // ---------- login ----------
  function showLogin(message) {
    if (socket) { socket.disconnect(); socket = null; }
    $('#console-view').hidden = true;
    $('#login-view').hidden = false;
    $('#logout').hidden = true;
    $('#who').textContent = '';
    $('#login-error').textContent = message || '';
    $('#username').focus();
  }
  $('#login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = await api('POST', '/api/auth/login', { username: $('#username').value, password: $('#password').value });
    $('#password').value = '';
    if (r.status === 200) return startConsole(r.data);
    if (r.status === 429) return ($('#login-error').textContent = t('loginLocked', { s: Math.ceil(((r.data.error && r.data.error.details && r.data.error.details.retryAfterMs) || 0) / 1000) }));
    $('#login-error').textContent = t('loginFailed');
  });
  $('#logout').addEventListener('click', async () => {
    await api('POST', '/api/auth/logout');
    showLogin();
  });
  $('#lang').value = lang;
  $('#lang').addEventListener('change', () => {
    lang = $('#lang').value;
    localStorage.setItem('aspk.lang', lang);
    applyStaticI18n();
    for (const [id, lane] of lanes) renderLane(id, lane.event);
    renderRecent();
    if (health) renderStatus(health);
  });

  // ---------- console ----------
  async function startConsole(me) {
    $('#login-view').hidden = true;
    $('#console-view').hidden = false;
    $('#logout').hidden = false;
    $('#who').textContent = `${me.displayName} (${me.username})`;
    const h = await api('GET', '/api/health');
    buildLanes(h.data.lanes);
    renderStatus(h.data);
    const list = await api('GET', '/api/inspections?limit=30');
    recent.clear();
    for (const ev of (list.data.items || []).slice().reverse()) addRecent(ev);
    for (const ev of list.data.items || []) {
      const lane = lanes.get(ev.inspection.laneId);
      if (lane && !lane.event) renderLane(ev.inspection.laneId, ev);
    }
    connectSocket();
  }

  function connectSocket() {
    socket = window.io({ transports: ['websocket'] });
    socket.on('inspection:new', (ev) => {
      addRecent(ev);
      renderLane(ev.inspection.laneId, ev);
      selectLane(ev.inspection.laneId);
    });
    socket.on('crossing:decided', (ev) => {
      addRecent(ev);
      const lane = lanes.get(ev.inspection.laneId);
      if (lane && lane.event && lane.event.inspection.crossingId === ev.inspection.crossingId) renderLane(ev.inspection.laneId, ev);
    });
    socket.on('status:update', renderStatus);
    socket.on('session:expired', () => showLogin(t('sessionExpired')));
    socket.on('connect_error', (err) => { if (err && err.message === 'AUTH_REQUIRED') showLogin(t('sessionExpired')); });
  }

  function buildLanes(list) {
    const root = $('#lanes');
    root.textContent = '';
    lanes.clear();
    for (const l of list) {
      const node = $('#lane-template').content.firstElementChild.cloneNode(true);
      node.dataset.lane = l.id;
      $('.lane-id', node).textContent = l.id;
      node.addEventListener('click', () => selectLane(l.id));
      for (const b of node.querySelectorAll('.direction button')) b.addEventListener('click', () => setDirection(l.id, b.dataset.dir));
      for (const b of node.querySelectorAll('.buttons button')) b.addEventListener('click', (e) => { e.stopPropagation(); decide(l.id, b.dataset.decision); });
      $('.manual-form', node).addEventListener('submit', (e) => { e.preventDefault(); manual(l.id); });
      root.appendChild(node);
      lanes.set(l.id, { el: node, event: null });
      applyStaticI18n(node);
      renderLane(l.id, null);
    }
    if (list.length > 0) selectLane(list[0].id);
  }

  function selectLane(id) {
    selected = id;
    for (const [lid, lane] of lanes) lane.el.classList.toggle('selected', lid === id);
  }

  function renderMrz(box, mrz) {
    box.textContent = '';
    const ranges = (mrz.errors || []).filter((e) => e.range);
    mrz.lines.forEach((line, i) => {
      const row = el('div', 'mrz-line');
      for (let c = 0; c < line.length; c++) {
        const bad = ranges.find((e) => e.range.line === i + 1 && c + 1 >= e.range.start && c + 1 <= e.range.end);
        const span = el('span', bad ? 'bad' : '', line[c]);
        if (bad) span.title = bad.message;
        row.appendChild(span);
      }
      box.appendChild(row);
    });
  }

  function renderLane(id, ev) {
    const lane = lanes.get(id);
    if (!lane) return;
    lane.event = ev;
    const node = lane.el;
    const dir = (health && (health.lanes.find((l) => l.id === id) || {}).direction) || 'entry';
    node.querySelector('.dir-entry').classList.toggle('active', dir === 'entry');
    node.querySelector('.dir-exit').classList.toggle('active', dir === 'exit');
    const verdict = $('.verdict', node);
    const fields = $('.fields', node);
    const alerts = $('.alerts', node);
    const checks = $('.checks', node);
    const rec = $('.record-state', node);
    for (const n of [fields, alerts, checks, rec, $('.mrz', node), $('.decided', node)]) n.textContent = '';
    rec.className = 'record-state';
    if (!ev) {
      verdict.className = 'verdict verdict-idle';
      $('.verdict-text', node).textContent = t('waiting');
      $('.verdict-sub', node).textContent = '';
      for (const b of node.querySelectorAll('.buttons button')) b.disabled = true;
      return;
    }
    const ins = ev.inspection;
    verdict.className = `verdict verdict-${ins.verdict}`;
    verdict.dataset.verdict = ins.verdict;
    $('.verdict-text', node).textContent = t(`verdict.${ins.verdict}`);
    $('.verdict-sub', node).textContent = ins.requiredAction ? `${t(`action.${ins.requiredAction}`)} · ${t(`sev.${ins.severity}`)}` : '';
    if (ev.recorded) {
      rec.classList.add('ok');
      rec.textContent = t('recordedOk', { seq: ev.seq });
    } else {
      rec.classList.add('not');
      rec.textContent = t('notRecorded', { msg: ev.error ? ev.error.message : '' });
      const retry = el('button', 'retry', t('retry'));
      retry.type = 'button';
      retry.addEventListener('click', async (e) => {
        e.stopPropagation();
        const r = await emit('crossing:retry', { crossingId: ins.crossingId });
        if (r.ok) renderLane(id, r.data);
      });
      rec.appendChild(document.createTextNode(' '));
      rec.appendChild(retry);
    }
    const d = ins.document || {};
    const rows = [['documentCode', d.documentCode], ['issuingState', d.issuingState], ['documentNumber', d.documentNumber], ['nationality', d.nationality], ['surname', d.surname], ['givenNames', d.givenNames], ['birthDate', d.birthDate], ['age', ins.age], ['sex', d.sex], ['expiryDate', d.expiryDate]];
    for (const [k, v] of rows) {
      fields.appendChild(el('dt', '', t(`f.${k}`)));
      fields.appendChild(el('dd', `f-${k}`, v === null || v === undefined ? '—' : v));
    }
    renderMrz($('.mrz', node), ins.mrz);
    for (const a of ins.alerts) {
      const li = el('li', `sev-${a.severity}`);
      li.appendChild(el('div', 'action', `${t(`action.${a.action}`)} · ${t(`sev.${a.severity}`)}`));
      li.appendChild(el('div', 'entry', `${a.category}: ${a.label}`));
      const reasons = el('ul', 'reasons');
      for (const r of a.reasons) reasons.appendChild(el('li', '', r));
      li.appendChild(reasons);
      li.appendChild(el('div', 'score', t('score', { s: a.score.toFixed(2) })));
      alerts.appendChild(li);
    }
    for (const c of ins.checks) {
      if (c.code === 'PERSON_LISTED' || c.code === 'DOCUMENT_LISTED') continue;
      const li = el('li', `sev-${c.severity}`);
      li.appendChild(el('strong', '', t(`check.${c.code}`)));
      if (c.code === 'MRZ_INVALID' || c.code === 'DOCUMENT_EXPIRED') li.appendChild(el('div', 'detail', c.message));
      checks.appendChild(li);
    }
    for (const b of node.querySelectorAll('.buttons button')) b.disabled = !ev.recorded;
    if (ev.decision) $('.decided', node).textContent = t('decidedBy', { d: t(`decision.${ev.decision}`), o: ev.decisionOfficer });
  }

  async function decide(id, decision) {
    const lane = lanes.get(id);
    if (!lane || !lane.event || !lane.event.recorded) return;
    const note = $('.note', lane.el).value;
    const r = await emit('decision:submit', { crossingId: lane.event.inspection.crossingId, decision, note });
    if (r.ok) {
      $('.note', lane.el).value = '';
      renderLane(id, r.data);
    } else {
      $('.decided', lane.el).textContent = r.error.message;
    }
  }

  async function setDirection(id, direction) {
    const r = await emit('lane:direction', { laneId: id, direction });
    if (r.ok) renderStatus(r.data);
  }

  async function manual(id) {
    const lane = lanes.get(id);
    const box = $('.manual-mrz', lane.el);
    const r = await emit('mrz:submit', { laneId: id, mrz: box.value.toUpperCase() });
    if (r.ok) box.value = '';
  }

  function addRecent(ev) {
    recent.set(ev.inspection.crossingId, ev);
    while (recent.size > 30) recent.delete(recent.keys().next().value);
    renderRecent();
  }

  function renderRecent() {
    const body = $('#recent-table tbody');
    body.textContent = '';
    for (const ev of [...recent.values()].reverse()) {
      const ins = ev.inspection;
      const d = ins.document || {};
      const tr = el('tr');
      tr.dataset.crossing = ins.crossingId;
      tr.appendChild(el('td', '', new Date(ins.wallMs).toLocaleTimeString(lang)));
      tr.appendChild(el('td', '', ins.laneId));
      tr.appendChild(el('td', '', t(ins.direction)));
      tr.appendChild(el('td', '', [d.surname, d.givenNames].filter(Boolean).join(', ') || '—'));
      tr.appendChild(el('td', '', [d.issuingState, d.documentNumber].filter(Boolean).join(' ') || '—'));
      const v = el('td');
      v.appendChild(el('span', `pill pill-${ins.verdict}`, t(`verdict.${ins.verdict}`)));
      tr.appendChild(v);
      tr.appendChild(el('td', 'decision', ev.decision ? t(`decision.${ev.decision}`) : '—'));
      tr.appendChild(el('td', '', ev.recorded ? `#${ev.seq}` : '✗'));
      body.appendChild(tr);
    }
  }

  function renderStatus(h) {
    health = h;
    $('#checkpoint').textContent = h.checkpointId;
    $('#st-readers').textContent = `${t('readers')}: ${h.lanes.map((l) => `${l.id} ${t(`reader.${l.reader.state}`) || l.reader.state}`).join(', ')}`;
    $('#st-link').textContent = `${t('link')}: ${t(`link.${h.link.state}`)}`;
    $('#st-queue').textContent = `${t('queued')}: ${h.queued}`;
    const wl = $('#st-watchlist');
    wl.textContent = `${t('watchlist')}: ${t('version', { v: h.watchlist.version })} · ${t('age', { a: ageText(h.watchlist.ageMs) })} `;
    if (!h.watchlist.ready) wl.appendChild(el('span', 'bad', t('notReady')));
    else if (h.watchlist.stale) wl.appendChild(el('span', 'warn', t('stale')));
    const st = $('#st-store');
    st.textContent = `${t('store')}: `;
    st.appendChild(el('span', h.store === 'ok' ? '' : 'bad', t(`store.${h.store}`)));
    const banner = $('#banner');
    banner.hidden = h.store === 'ok';
    banner.textContent = h.store === 'ok' ? '' : t(`store.${h.store}`);
    for (const l of h.lanes) {
      const lane = lanes.get(l.id);
      if (!lane) continue;
      lane.el.querySelector('.dir-entry').classList.toggle('active', l.direction === 'entry');
      lane.el.querySelector('.dir-exit').classList.toggle('active', l.direction === 'exit');
      $('.reader-state', lane.el).textContent = t(`reader.${l.reader.state}`);
    }
  }

  // ---------- keyboard ----------
  document.addEventListener('keydown', (e) => {
    if ($('#console-view').hidden || e.ctrlKey || e.altKey || e.metaKey) return;
    const typing = e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
    if (typing) {
      if (e.key === 'Escape') e.target.blur();
      return;
    }
    const ids = [...lanes.keys()];
    if (/^[1-9]$/.test(e.key) && ids[Number(e.key) - 1]) return selectLane(ids[Number(e.key) - 1]);
    if (!selected) return;
    const lane = lanes.get(selected);
    const k = e.key.toLowerCase();
    if (k === 'a') decide(selected, 'admit');
    else if (k === 'r') decide(selected, 'refer');
    else if (k === 'x') decide(selected, 'refuse');
    else if (k === 'n') { e.preventDefault(); $('.note', lane.el).focus(); }
    else if (k === 'e') {
      const cur = (health.lanes.find((l) => l.id === selected) || {}).direction;
      setDirection(selected, cur === 'entry' ? 'exit' : 'entry');
    } else if (k === 'm') { e.preventDefault(); $('.manual', lane.el).open = true; $('.manual-mrz', lane.el).focus(); }
  });

  // ---------- start ----------
  applyStaticI18n();
  api('GET', '/api/auth/me').then((r) => (r.status === 200 ? startConsole(r.data) : showLogin()));
})();
