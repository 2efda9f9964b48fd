import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestUser, bearerFor, injectWith } from '../access/access.testing.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { buildApp } from '../http/app.ts';

let database: Database;
let app: FastifyInstance;
let inject: ReturnType<typeof injectWith>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database, rejectsDir: 'unused' });
  // Any role reads regions: a field agent will do.
  await addTestUser(database.db, 'agen-regions', [{ role: 'agen', region: '1502172006' }]);
  inject = injectWith(app, await bearerFor(database.db, 'agen-regions', 'agen', ['1502172006']));
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('GET /api/v1/regions', () => {
  it('finds a village by name, best match first, with its parents', async () => {
    const response = await inject({ url: '/api/v1/regions?q=sungai%20jering' });
    expect(response.statusCode).toBe(200);
    const [first] = response.json();
    expect(first).toEqual({
      code: '15.02.17.2006',
      name: 'Sungai Jering',
      level: 'desa',
      kind: 'desa',
      parents: [
        { code: '15.02.17', name: 'Pangkalan Jambu', level: 'kecamatan' },
        { code: '15.02', name: 'KABUPATEN MERANGIN', level: 'kabupaten' },
        { code: '15', name: 'JAMBI', level: 'provinsi' },
      ],
    });
  });

  it('narrows by level and limits the results', async () => {
    const response = await inject({
      url: '/api/v1/regions',
      query: { q: 'merangin', level: 'kabupaten', limit: '1' },
    });
    expect(response.statusCode).toBe(200);
    const results = response.json() as { code: string; level: string }[];
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ code: '15.02', level: 'kabupaten' });
  });

  it('takes a code as the query', async () => {
    const response = await inject({ url: '/api/v1/regions?q=1502172006' });
    expect(response.json()).toMatchObject([{ code: '15.02.17.2006', name: 'Sungai Jering' }]);
  });

  it('refuses a query shorter than 2 characters, a missing query and a bad level', async () => {
    for (const url of [
      '/api/v1/regions?q=s',
      '/api/v1/regions',
      '/api/v1/regions?q=jering&level=dusun',
    ]) {
      const response = await inject({ url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error, url).toMatch(/^(q|level): /);
    }
  });
});

describe('GET /api/v1/regions/:code', () => {
  it('shows a kabupaten with everything below it', async () => {
    const response = await inject({ url: '/api/v1/regions/15.02' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      code: '15.02',
      name: 'KABUPATEN MERANGIN',
      level: 'kabupaten',
      kind: null,
      parents: [{ code: '15', name: 'JAMBI', level: 'provinsi' }],
      children: { kabupaten: 0, kecamatan: 24, desa: 205, kelurahan: 10, desa_adat: 0 },
    });
  });

  it('takes the plain code as well as the dotted one', async () => {
    const response = await inject({ url: '/api/v1/regions/1502172006' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ code: '15.02.17.2006', kind: 'desa' });
  });

  it('answers 404 for a well-formed code that names no region', async () => {
    const response = await inject({ url: '/api/v1/regions/99.99' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'region 99.99: not found' });
  });

  it('answers 400 for a malformed code', async () => {
    for (const code of ['15.2', '1502.17', '150', 'jambi']) {
      const response = await inject({ url: `/api/v1/regions/${code}` });
      expect(response.statusCode, code).toBe(400);
      expect(response.json().error, code).toMatch(/^code: /);
    }
  });
});
