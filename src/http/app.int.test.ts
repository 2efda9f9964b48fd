import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { buildApp } from './app.ts';
import { startServer } from './server.ts';

let database: Database;
let app: FastifyInstance;
let rejectsDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  rejectsDir = mkdtempSync(join(tmpdir(), 'pesiar-rejects-'));
  app = await buildApp({ database, rejectsDir });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  rmSync(rejectsDir, { recursive: true, force: true });
});

/**
 * Every route the app registers, as "METHOD /path" with each path parameter
 * written ":" (find-my-way merges parameters of different names on one node,
 * printing ":kind|:id"). Read from the route tree's printout: each level is
 * indented by four characters.
 */
function registeredRoutes(instance: FastifyInstance): Set<string> {
  const routes = new Set<string>();
  const stack: string[] = [];
  for (const line of instance.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const path = stack.join('').replace(/:[^/]+/g, ':');
    for (const method of (match[3] ?? '').split(', ').filter((m) => m && m !== 'HEAD')) {
      routes.add(`${method} ${path}`);
    }
  }
  return routes;
}

describe('the HTTP app', () => {
  it('answers liveness', async () => {
    const response = await app.inject({ url: '/api/v1/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers readiness after querying the database', async () => {
    const response = await app.inject({ url: '/api/v1/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', database: database.kind });
  });

  it('documents every route it registers in the OpenAPI document', async () => {
    const response = await app.inject({ url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as {
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, { tags?: string[]; summary?: string }>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Pesiar API');

    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        documented.add(`${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, ':')}`);
        expect(operation.tags?.length, `${method} ${path} has tags`).toBeGreaterThan(0);
        expect(operation.summary, `${method} ${path} has a summary`).toBeTruthy();
      }
    }
    const api = [...registeredRoutes(app)].filter((r) => !r.includes(' /api/docs'));
    expect(api).toEqual(
      expect.arrayContaining([
        'GET /api/v1/health',
        'GET /api/v1/ready',
        'GET /api/v1/regions',
        'GET /api/v1/regions/:',
        'POST /api/v1/imports/:',
        'GET /api/v1/imports',
        'GET /api/v1/imports/:',
        'GET /api/v1/imports/:/rejects',
      ]),
    );
    expect(new Set(api)).toEqual(documented);
  });

  it('serves the API documentation as HTML', async () => {
    const response = await app.inject({ url: '/api/docs' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('<html');
  });

  it('answers an unknown route with a 404 and an error, without echoing the query', async () => {
    const response = await app.inject({ url: '/api/v1/nothing-here?nik=1502174105900001' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'GET /api/v1/nothing-here: no such route' });
  });
});

describe('the server', () => {
  it('listens, answers over the network and closes with its database', async () => {
    vi.stubEnv('LOG_LEVEL', 'silent');
    const own = await createTestDatabase();
    const signalHandlers = process.listenerCount('SIGTERM');
    const server = await startServer({ database: own, rejectsDir, port: 0, host: '127.0.0.1' });
    try {
      expect(process.listenerCount('SIGTERM')).toBe(signalHandlers + 1);
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${server.url}/api/v1/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    } finally {
      await server.close();
      vi.unstubAllEnvs();
    }
    expect(process.listenerCount('SIGTERM')).toBe(signalHandlers);
    await expect(fetch(`${server.url}/api/v1/health`)).rejects.toThrow();
    await expect(own.db.selectFrom('regions').select('code').limit(1).execute()).rejects.toThrow();
  });
});
