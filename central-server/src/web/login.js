import { api, setupLanguageSwitch, t } from './app.js';

setupLanguageSwitch();
const form = document.getElementById('login-form');
const msg = document.getElementById('login-message');
form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  msg.textContent = '';
  const data = new FormData(form);
  try {
    const r = await api('POST', '/auth/login', { username: String(data.get('username')), password: String(data.get('password')) });
    if (r.user.role === 'admin') location.href = '/admin.html';
    else if (r.user.role === 'auditor') location.href = '/auditor.html';
    else msg.textContent = t('login.officer');
  } catch (e) {
    msg.textContent = e.code === 'AUTH_LOCKED' ? t('login.locked', { s: e.details?.retryAfterS ?? '?' }) : t('login.failed');
  }
});
