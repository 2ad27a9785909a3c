import './style.css';
import { getKey, onAuthNeeded, setKey } from './api.js';
import { errorBox } from './dom.js';
import { parseHash } from './router.js';
import * as experiments from './pages/experiments.js';
import * as health from './pages/health.js';
import * as items from './pages/items.js';
import * as models from './pages/models.js';
import * as overview from './pages/overview.js';
import * as users from './pages/users.js';

const ROUTES = {
  overview: { title: 'Overview', page: overview },
  users: { title: 'Users', page: users },
  items: { title: 'Items', page: items },
  models: { title: 'Models', page: models },
  experiments: { title: 'Experiments', page: experiments },
  health: { title: 'Data health', page: health },
};

const content = document.getElementById('content');
const keyForm = document.querySelector('[data-testid="api-key-form"]');
const keyInput = document.querySelector('[data-testid="api-key-input"]');
const keyState = document.querySelector('[data-testid="api-key-state"]');
const keyMessage = document.querySelector('[data-testid="api-key-message"]');

function showKeyState() {
  const set = Boolean(getKey());
  keyState.textContent = set ? 'key in use' : 'no key';
  keyState.className = `keystate ${set ? 'set' : ''}`;
}

function hideKeyMessage() {
  keyMessage.hidden = true;
  keyForm.classList.remove('attention');
}

// A 401 or 403 from any call lands here: the form says why, rather than each page alone.
onAuthNeeded((error) => {
  const why = error.status === 403 ? 'The key in use lacks the scope this view needs' : 'The server asks for an API key';
  const detail = String(error.detail || '').trim();
  keyMessage.textContent = `${why}: ${detail}${/[.!?]$/.test(detail) ? '' : '.'} Enter an admin API key above.`;
  keyMessage.hidden = false;
  keyForm.classList.add('attention');
});

keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  setKey(keyInput.value.trim());
  keyInput.value = '';
  hideKeyMessage();
  showKeyState();
  render();
});

keyForm.querySelector('[data-testid="api-key-clear"]').addEventListener('click', () => {
  setKey('');
  keyInput.value = '';
  hideKeyMessage();
  showKeyState();
  render();
});

let current = null;

function leave() {
  if (!current) return;
  current.controller.abort();
  for (const fn of current.cleanups.splice(0)) {
    try {
      fn();
    } catch (e) {
      console.warn('cleanup failed', e);
    }
  }
  current = null;
}

function render() {
  const { name, params } = parseHash();
  const route = ROUTES[name];
  if (!route) {
    location.replace('#/overview');
    return;
  }
  leave();
  const controller = new AbortController();
  const cleanups = [];
  current = { controller, cleanups };
  for (const link of document.querySelectorAll('.sidebar a')) {
    link.classList.toggle('active', link.dataset.route === name);
  }
  document.title = `${route.title} · Sieve console`;
  content.replaceChildren();
  const ctx = { params, signal: controller.signal, onCleanup: (fn) => cleanups.push(fn) };
  Promise.resolve()
    .then(() => route.page.render(content, ctx))
    .catch((e) => {
      if (!controller.signal.aborted) content.append(errorBox(e, route.title));
    });
}

window.addEventListener('hashchange', render);
showKeyState();
if (!location.hash) history.replaceState(null, '', '#/overview');
render();
