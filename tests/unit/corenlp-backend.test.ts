import { readFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { CoreNlpBackend } from '../../src/draft/nlp/corenlp';
import { freePort } from '../../src/runtime/processes';

/**
 * The backend's HTTP side against stand-in servers (no JVM): what it sends, and what becomes NLP_UNAVAILABLE.
 * The live CoreNLP is in tests/integration/corenlp.test.ts.
 */
const fixture = JSON.parse(
  readFileSync(path.join(__dirname, 'fixtures', 'corenlp', 'envoys.json'), 'utf8'),
) as { text: string; json: unknown };

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

async function standIn(handler: Handler): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('CoreNlpBackend', () => {
  it('posts the text verbatim as text/plain with the document date and reads the answer', async () => {
    let seen: { url?: string; type?: string; body?: string } = {};
    const server = await standIn((req, body, res) => {
      seen = { url: req.url, type: req.headers['content-type'], body };
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(fixture.json));
    });
    try {
      const parsed = await new CoreNlpBackend({ url: server.url }).parse(fixture.text, '2025-03-18');
      expect(parsed.backend).toBe('corenlp');
      expect(parsed.sentences).toHaveLength(5);
      expect(seen.body).toBe(fixture.text);
      expect(seen.type).toMatch(/^text\/plain/);
      const properties = JSON.parse(
        new URL(seen.url ?? '', server.url).searchParams.get('properties') ?? '{}',
      );
      expect(properties).toMatchObject({
        annotators: 'tokenize,ssplit,pos,lemma,ner,depparse,coref',
        outputFormat: 'json',
        'ner.applyFineGrained': 'true',
        'ssplit.newlineIsSentenceBreak': 'always',
        date: '2025-03-18T00:00:00',
      });
    } finally {
      await server.close();
    }
  });

  it('reports a server that is not there as NLP_UNAVAILABLE, saying what to run', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    await expect(new CoreNlpBackend({ url }).parse('Hello.', '2025-03-18')).rejects.toMatchObject({
      code: 'NLP_UNAVAILABLE',
      message: expect.stringMatching(
        /not reachable at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)[\s\S]*corenlp:resolve/,
      ),
    });
  });

  it('reports an error answer as NLP_UNAVAILABLE with what CoreNLP said', async () => {
    const server = await standIn((_req, _body, res) => {
      res.statusCode = 500;
      res.end('CoreNLP request timed out. Your document may be too long.');
    });
    try {
      await expect(
        new CoreNlpBackend({ url: server.url }).parse('Hello.', '2025-03-18'),
      ).rejects.toMatchObject({
        code: 'NLP_UNAVAILABLE',
        message: expect.stringContaining('answered HTTP 500: CoreNLP request timed out'),
      });
    } finally {
      await server.close();
    }
  });

  it('gives up after its timeout with NLP_UNAVAILABLE', async () => {
    const server = await standIn(() => {
      // never answers
    });
    try {
      await expect(
        new CoreNlpBackend({ url: server.url, timeoutMs: 300 }).parse('Hello.', '2025-03-18'),
      ).rejects.toMatchObject({
        code: 'NLP_UNAVAILABLE',
        message: expect.stringContaining('did not answer within 0.3 s'),
      });
    } finally {
      await server.close();
    }
  });

  it('refuses a document date that is not a date', async () => {
    await expect(
      new CoreNlpBackend({ url: 'http://127.0.0.1:9' }).parse('Hello.', '18 March'),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});
