import { describe, expect, it } from 'vitest';
import { findSecrets, type Received } from './response-scanner.ts';

/** The scanner must be able to fail: it finds a planted secret in each form and each place. */
describe('findSecrets', () => {
  const SECRET = 'p@ss w0rd/AC71e4';
  const clean: Received[] = [
    { url: '/api/sync/printers/pull', status: 200, kind: 'body', body: '{"documents":[{"code":"PR-1"}]}' },
    { url: '/api/printers/stream', status: 200, kind: 'stream-chunk', body: 'event: snapshot\ndata: []\n\n' },
  ];

  it('finds nothing in clean responses', () => {
    expect(findSecrets(clean, { accessCode: SECRET })).toEqual([]);
  });

  it('finds the secret in a body, plain or encoded', () => {
    const b64 = Buffer.from(SECRET).toString('base64').replace(/=+$/, '');
    for (const [form, body] of [
      ['plain', `{"accessCode":"${SECRET}"}`],
      ['base64', `{"blob":"${b64}"}`],
      ['hex', Buffer.from(SECRET).toString('hex')],
      ['url-encoded', `x=${encodeURIComponent('a b')}&${encodeURIComponent(SECRET)}`],
    ] as const) {
      const hits = findSecrets([...clean, { url: '/api/test-only', status: 200, kind: 'body', body }], {
        accessCode: SECRET,
      });
      expect(
        hits.map((h) => [h.url, h.form]),
        form,
      ).toContainEqual(['/api/test-only', form]);
    }
  });

  it('finds a secret split across two chunks of one stream, and names which secret', () => {
    const hits = findSecrets(
      [
        ...clean,
        {
          url: '/api/printers/stream',
          status: 200,
          kind: 'stream-chunk',
          body: `data: {"x":"${SECRET.slice(0, 5)}`,
        },
        { url: '/api/printers/stream', status: 200, kind: 'stream-chunk', body: `${SECRET.slice(5)}"}\n\n` },
      ],
      { accessCode: SECRET, brokerPassword: 'not-there-42' },
    );
    expect(hits).toEqual([
      { url: '/api/printers/stream', kind: 'stream-chunk', secret: 'accessCode', form: 'plain' },
    ]);
  });
});
