import type { Context } from 'hono';
import { badRequest } from './errors.ts';

/** The request body as JSON, whatever the Content-Type says; malformed → 400 with the envelope. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw badRequest('malformed JSON in request body', { reason: (err as Error).message });
  }
}
