// Every call to the Sieve API goes through here, so that the key, the problem+json errors and
// the "asked for a key" prompt are handled the same way on every page.

const KEY_STORAGE = 'sieve.console.apiKey';

// sessionStorage rather than localStorage: an admin key should not outlive the tab.
export function getKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) || '';
  } catch {
    return '';
  }
}

export function setKey(key) {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // Storage may be disabled; the key then lasts until the next reload only.
  }
  memoryKey = key || '';
}

let memoryKey = getKey();

let authListener = () => {};

/** Called with the ApiError of each 401 or 403, so the shell can show the key form. */
export function onAuthNeeded(listener) {
  authListener = listener;
}

/**
 * A failed call: `status` is the HTTP status (0 when the server could not be reached) and
 * `problem` the RFC 9457 body when the server sent one.
 */
export class ApiError extends Error {
  constructor(status, problem, path) {
    super(describe(status, problem));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || {};
    this.path = path;
    this.detail = this.problem.detail || this.problem.title || this.message;
    this.errors = Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

function describe(status, problem) {
  const text = problem && (problem.detail || problem.title);
  if (text) return text;
  return status ? `HTTP ${status}` : 'The server did not answer.';
}

async function readProblem(response) {
  const type = response.headers.get('content-type') || '';
  let text = '';
  try {
    text = await response.text();
  } catch {
    return { status: response.status, title: response.statusText };
  }
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      // A proxy may answer with broken JSON; the raw text below is still worth showing.
    }
  }
  const snippet = text.trim().slice(0, 300);
  return { status: response.status, title: response.statusText || `HTTP ${response.status}`, detail: snippet || undefined };
}

/**
 * Sends one request to the server the console was loaded from. Resolves to the parsed JSON
 * (or text with `as: 'text'`); rejects with an ApiError carrying the problem's detail.
 */
export async function request(path, { method = 'GET', body, as = 'json', signal } = {}) {
  const headers = { Accept: as === 'text' ? 'text/plain' : 'application/json, application/problem+json' };
  const key = memoryKey || getKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      cache: 'no-store',
    });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(0, { title: 'No answer', detail: `The server did not answer ${method} ${path} (${e.message}).` }, path);
  }
  if (!response.ok) {
    const error = new ApiError(response.status, await readProblem(response), path);
    if (response.status === 401 || response.status === 403) authListener(error);
    throw error;
  }
  if (as === 'text') return response.text();
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const get = (path, options) => request(path, options);
export const getText = (path, options) => request(path, { ...options, as: 'text' });
export const post = (path, body, options) => request(path, { ...options, method: 'POST', body });

/** Path segment for an id typed by a person: ids may hold '/', '?' or spaces. */
export const seg = (id) => encodeURIComponent(String(id));

/** True for the abort of a page that was left while its request was in flight. */
export const isAbort = (e) => e && e.name === 'AbortError';
