// A NUL character (U+0000) cannot be stored: PostgreSQL's text and jsonb refuse it, and the
// request would end in a 500 after part of it ran. Refused up front for every body, JSON or the
// pupil import's CSV, whatever the field: 400 in plain words. (Found by fuzz.int.test.ts.)
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The raw character, or JSON's escape for it (`\u0000`). */
const NUL = /\u0000|\\u0000/i;

export function refuseNulCharacters(): MiddlewareHandler {
  return async (c, next) => {
    if (UNSAFE.has(c.req.method) && c.req.raw.body !== null) {
      // Hono keeps the text: the route's JSON validator reads it from there.
      const text = await c.req.text();
      if (NUL.test(text)) {
        const message = 'Teksten inneholder et NUL-tegn (\\u0000), som ikke kan lagres. Fjern tegnet og prøv igjen.';
        throw new ApiError('VALIDATION_FAILED', message, [{ field: '', code: 'nul_character', message }]);
      }
    }
    await next();
  };
}
