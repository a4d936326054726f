// Shared helpers of the admin and auditor pages: i18n, API calls, live socket, small DOM builders.
// No framework; all data goes into the DOM through textContent, never innerHTML.
import { STRINGS } from './i18n.js';

let lang = localStorage.getItem('aspk.lang') === 'ru' ? 'ru' : 'en';

export function t(key, vars = {}) {
  const s = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}

export function applyI18n(root = document) {
  document.documentElement.lang = lang;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
}

export function setupLanguageSwitch(onChange) {
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.addEventListener('click', () => {
      lang = b.dataset.lang === 'ru' ? 'ru' : 'en';
      localStorage.setItem('aspk.lang', lang);
      applyI18n();
      onChange?.();
    });
  }
  applyI18n();
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code;
    this.details = body?.error?.details;
  }
}

/** JSON API call with the session cookie; throws ApiError with the server's code. */
export async function api(method, path, body, contentType = 'application/json') {
  const init = { method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = contentType;
    init.body = contentType === 'application/json' ? JSON.stringify(body) : body;
  }
  const res = await fetch(`/api/v1${path}`, init);
  const data = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
  if (res.status === 401 && path !== '/auth/login') location.href = '/';
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s === '' ? '' : `?${s}`;
}

/** Element builder: el('td', {class: 'x'}, 'text', child). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

export function fmtTime(iso) {
  if (!iso) return t('common.none');
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

export function showError(target, e) {
  target.replaceChildren(el('p', { class: 'error', role: 'alert' }, t('common.error', { m: e.message })));
}

/** Tabs: buttons with data-tab="x" show the section with id="tab-x". */
export function setupTabs(onShow) {
  const buttons = [...document.querySelectorAll('[data-tab]')];
  const show = (name) => {
    for (const b of buttons) b.setAttribute('aria-selected', String(b.dataset.tab === name));
    for (const s of document.querySelectorAll('section[id^="tab-"]')) s.hidden = s.id !== `tab-${name}`;
    location.hash = name;
    onShow?.(name);
  };
  for (const b of buttons) b.addEventListener('click', () => show(b.dataset.tab));
  const initial = buttons.find((b) => `#${b.dataset.tab}` === location.hash) ?? buttons[0];
  show(initial.dataset.tab);
}

/** Checks the session and role; sets up the header (user, logout). */
export async function requireRole(role) {
  const me = await api('GET', '/auth/me');
  if (me.role !== role) {
    location.href = me.role === 'admin' ? '/admin.html' : me.role === 'auditor' ? '/auditor.html' : '/';
    throw new Error('wrong page for role');
  }
  document.getElementById('who').textContent = `${me.username} (${me.role})`;
  document.getElementById('logout').addEventListener('click', async () => {
    await api('POST', '/auth/logout');
    location.href = '/';
  });
  return me;
}

/** The dashboard socket (session cookie, websocket only). */
export function liveSocket() {
  // eslint-disable-next-line no-undef
  return io('/dashboard', { transports: ['websocket'] });
}

/** Alert text in the page language, from the alert's fields (the server's English message as fallback). */
export function alertText(a) {
  const d = a.details ?? {};
  const vars = {
    entry: a.entryId ?? '',
    cp: a.checkpointId ?? '',
    action: d.action ?? '',
    score: typeof d.score === 'number' ? d.score.toFixed(2) : '',
    day: d.day ?? '',
    reason: d.reason ?? '',
    seq: d.seq ?? '',
    from: d.from ?? '',
    to: d.to ?? '',
  };
  const key = `msg.${a.kind}`;
  return a.kind === 'security' || t(key) === key ? a.message : t(key, vars);
}

/** Alert list rendering shared by both pages; `canAck` only for admins. */
export function renderAlerts(tbody, alerts, canAck, onAck) {
  tbody.replaceChildren(
    ...alerts.map((a) =>
      el(
        'tr',
        { class: a.acknowledgedBy ? 'acked' : `open kind-${a.kind}`, 'data-alert-id': a.id },
        el('td', {}, fmtTime(a.createdAt)),
        el('td', {}, t(`kind.${a.kind}`)),
        el('td', {}, alertText(a)),
        el('td', {}, a.acknowledgedBy ? t('al.acked', { u: a.acknowledgedBy }) : canAck ? el('button', { type: 'button', onclick: () => onAck(a.id) }, t('al.ack')) : ''),
      ),
    ),
  );
}
