// The one place the app talks HTTP. Session cookie + CSRF header on writes;
// problem+json errors become ApiError; a 401 on any call (except the login
// itself) tells the session layer to sign out and clear the screen.

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || `Request failed (${problem.status})`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code ?? (problem.status === 0 ? 'network' : 'internal');
    this.problem = problem;
  }

  get fieldErrors(): FieldError[] {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;
let lastContact = 0;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/** When the server last answered us (ms since epoch): its idle clock restarts on every request. */
export function lastServerContact(): number {
  return lastContact;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A file sent as it is (the request's whole body), instead of JSON. */
  raw?: Blob;
  /** Do not treat 401 as "session over" (used by the login form). */
  expectUnauthorized?: boolean;
  /** More request headers (an Idempotency-Key, say). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...opts.headers };
  if (opts.raw) headers['Content-Type'] = opts.raw.type || 'application/octet-stream';
  else if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(withQuery(`/api/v1${path}`, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.raw ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'network', title: 'The server could not be reached. Check the connection and try again.' });
  }
  lastContact = Date.now();

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const problem: Problem =
      data && typeof data === 'object'
        ? { status: res.status, ...(data as object) }
        : { status: res.status, title: res.statusText || `Request failed (${res.status})` };
    if (res.status === 401 && !opts.expectUnauthorized && unauthorizedHandler) unauthorizedHandler();
    throw new ApiError(problem);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, { body: body ?? {}, headers }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T = void>(path: string) => request<T>('DELETE', path),
  /** POSTs a file's bytes as the body (`query` names it, say). */
  upload: <T>(path: string, file: Blob, query?: Query) => request<T>('POST', path, { raw: file, query }),
};

/** The file name of a Content-Disposition header ("attachment; filename=\"x.csv\""), or null. */
export function dispositionFilename(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : null;
}

/**
 * Downloads a file the API answers as an attachment (CSV, XLSX, ...) with the session's
 * cookie, and hands it to the browser as a saved file (`name`, else the server's name).
 * Errors are ApiErrors, as for any call.
 */
export async function downloadFile(path: string, query?: Query, name?: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(withQuery(`/api/v1${path}`, query), { credentials: 'same-origin', headers: { Accept: '*/*' } });
  } catch {
    throw new ApiError({ status: 0, code: 'network', title: 'The server could not be reached. Check the connection and try again.' });
  }
  lastContact = Date.now();
  if (!res.ok) {
    let problem: Problem = { status: res.status, title: res.statusText || `Request failed (${res.status})` };
    try {
      const data = (await res.json()) as object;
      if (data && typeof data === 'object') problem = { status: res.status, ...data };
    } catch {
      /* not JSON */
    }
    if (res.status === 401 && unauthorizedHandler) unauthorizedHandler();
    throw new ApiError(problem);
  }
  const blob = await res.blob();
  const filename = name ?? dispositionFilename(res.headers.get('Content-Disposition')) ?? 'download';
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start saving before the blob goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return filename;
}

/** A sentence to show a person for any error thrown by the API layer. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    switch (e.code) {
      case 'forbidden':
        return 'You do not have permission to do this.';
      case 'not-found':
        return 'This record was not found. It may have been removed or merged.';
      case 'payload-too-large':
        return 'That is too large to send.';
      case 'internal':
        return e.problem.detail || 'Something went wrong on the server. Please try again.';
      default:
        return e.problem.detail || e.problem.title || e.message;
    }
  }
  return e instanceof Error ? e.message : 'Something went wrong.';
}
