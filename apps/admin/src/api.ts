// The only way the web app talks to the server: JSON over HTTP to /api (the Vite dev server
// proxies it to the API). Responses are checked against the shared contracts, so a change in
// the API shows up as a clear error instead of a half-drawn page.
import { createContext, useContext } from 'react';
import type { z } from 'zod';
import { ApiProblem, problemFromResponse } from './errors';

export interface RequestOptions {
  /** A 401 is this caller's business (the login check), not a reason to go to the login page. */
  allowUnauthenticated?: boolean;
  signal?: AbortSignal;
}

export interface ApiClient {
  get<S extends z.ZodType>(path: string, schema: S, options?: RequestOptions): Promise<z.output<S>>;
  post<S extends z.ZodType>(path: string, body: unknown, schema: S, options?: RequestOptions): Promise<z.output<S>>;
  /** A POST whose answer has no body (204). */
  postEmpty(path: string, options?: RequestOptions): Promise<void>;
  /** A POST of a file as it is (the pupil import's CSV), with its media type; the answer is JSON. */
  postFile<S extends z.ZodType>(path: string, file: Blob | string, contentType: string, schema: S, options?: RequestOptions): Promise<z.output<S>>;
}

export function createApiClient(deps: { onUnauthenticated: () => void; fetch?: typeof fetch }): ApiClient {
  const doFetch = deps.fetch ?? ((input, init) => fetch(input, init));

  async function request(method: string, path: string, body: unknown, options: RequestOptions, raw?: { file: Blob | string; contentType: string }): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (raw) headers['content-type'] = raw.contentType;
    else if (body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = {
      method,
      credentials: 'same-origin',
      headers,
      ...(raw ? { body: raw.file } : body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    };
    const res = await doFetch(path, init);
    const text = await res.text();
    let json: unknown = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    if (!res.ok) {
      const problem = problemFromResponse(res.status, json);
      if (res.status === 401 && !options.allowUnauthenticated) deps.onUnauthenticated();
      throw problem;
    }
    if (text && json === null) throw new ApiProblem(res.status, 'BAD_RESPONSE', '');
    return json;
  }

  function parse<S extends z.ZodType>(schema: S, value: unknown, status = 200): z.output<S> {
    const result = schema.safeParse(value);
    if (!result.success) throw new ApiProblem(status, 'BAD_RESPONSE', '');
    return result.data;
  }

  return {
    get: async (path, schema, options = {}) => parse(schema, await request('GET', path, undefined, options)),
    post: async (path, body, schema, options = {}) => parse(schema, await request('POST', path, body ?? {}, options)),
    postEmpty: async (path, options = {}) => {
      await request('POST', path, undefined, options);
    },
    postFile: async (path, file, contentType, schema, options = {}) => parse(schema, await request('POST', path, undefined, options, { file, contentType })),
  };
}

export const ApiContext = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('ApiContext is missing');
  return api;
}
