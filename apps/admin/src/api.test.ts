import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiClient } from './api';
import { ApiProblem } from './errors';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function client(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  let unauthenticated = 0;
  const api = createApiClient({
    onUnauthenticated: () => {
      unauthenticated += 1;
    },
    fetch: async (input, init) => {
      calls.push({ url: String(input), init: init ?? {} });
      return respond(String(input), init ?? {});
    },
  });
  return { api, calls, unauthenticated: () => unauthenticated };
}

const item = z.object({ id: z.string() });

describe('api client', () => {
  it('sends JSON and parses the answer with the contract', async () => {
    const c = client(() => json(201, { id: 'a', extra: 1 }));
    await expect(c.api.post('/api/reports', { x: 1 }, item)).resolves.toEqual({ id: 'a' });
    expect(c.calls[0]!.init.method).toBe('POST');
    expect(c.calls[0]!.init.body).toBe('{"x":1}');
    expect((c.calls[0]!.init.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('turns an error body into an ApiProblem', async () => {
    const c = client(() => json(409, { error: { code: 'TRANSITION_REFUSED', message: 'Saken er avsluttet.', requestId: 'q' } }));
    const error = await c.api.get('/api/cases/1', item).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect(error).toMatchObject({ status: 409, code: 'TRANSITION_REFUSED', message: 'Saken er avsluttet.' });
  });

  it('sends a 401 to the login page unless the caller handles it', async () => {
    const c = client(() => json(401, { error: { code: 'UNAUTHENTICATED', message: 'Du må logge inn.', requestId: 'q' } }));
    await expect(c.api.get('/api/cases', item)).rejects.toMatchObject({ status: 401 });
    expect(c.unauthenticated()).toBe(1);
    await expect(c.api.get('/api/me', item, { allowUnauthenticated: true })).rejects.toMatchObject({ status: 401 });
    expect(c.unauthenticated()).toBe(1);
  });

  it('refuses an answer that does not match the contract, and one that is not JSON', async () => {
    await expect(client(() => json(200, { nope: true })).api.get('/x', item)).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    await expect(client(() => new Response('<html>', { status: 200 })).api.get('/x', item)).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    await expect(client(() => new Response('<html>proxy</html>', { status: 504 })).api.get('/x', item)).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('posts a file as it is, with its own media type, and reads the JSON answer', async () => {
    const c = client(() => json(200, { id: 'import' }));
    await expect(c.api.postFile('/api/schools/s/pupils/import', 'Fornavn;Etternavn\n', 'text/csv', item)).resolves.toEqual({ id: 'import' });
    expect(c.calls[0]!.init.body).toBe('Fornavn;Etternavn\n');
    expect((c.calls[0]!.init.headers as Record<string, string>)['content-type']).toBe('text/csv');
  });

  it('posts without a body for 204 answers', async () => {
    const c = client(() => new Response(null, { status: 204 }));
    await expect(c.api.postEmpty('/api/logout')).resolves.toBeUndefined();
    expect(c.calls[0]!.init.body).toBeUndefined();
  });
});
