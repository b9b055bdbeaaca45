import { resolveConfig } from 'electron-vite';
import { createServer, optimizeDeps, type Plugin, type ViteDevServer } from 'vite';
import { freePort } from './free-port';
import { PARCEL_PATH, answerParcel } from './parcels';

/**
 * The renderer as `npm start` serves it: electron-vite's own resolution of electron.vite.config.ts (its renderer
 * section plus electron-vite's renderer plugins), handed to Vite's dev server as electron-vite's `dev` command
 * does — minus building main and starting the Electron binary, which cannot run here. `hmrClientPort` points
 * the page's HMR socket at a proxy in front of the server (the page's own origin).
 */
export async function startRendererDevServer(options: { hmrClientPort?: number } = {}): Promise<{ origin: string; close: () => Promise<void> }> {
  // A real port, not 0: Vite's client opens its HMR socket on the configured one.
  const port = await freePort();
  const server = await asElectronViteDev(async () => {
    const created = await createRendererServer({ port, hmrClientPort: options.hmrClientPort });
    await created.listen();
    return created;
  });
  return { origin: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/**
 * Fills Vite's dependency cache (node_modules/.vite/deps) for the dev server, once per run (the e2e global setup):
 * the server started for a test then finds it and neither scans the renderer's imports nor bundles its
 * dependencies again (0.4 s and 1.2 s here). The cache's key holds NODE_ENV as it is when the cache is checked and
 * when it is written: a server checks it while electron-vite's `development` is set (asElectronViteDev), but its
 * own optimizer wrote it later, after the test's `test` was put back — so every run found it stale and rebuilt it.
 * Here both happen under `development`.
 */
export async function prebuildRendererDeps(): Promise<void> {
  await asElectronViteDev(async () => {
    const server = await createRendererServer({ port: 0, logLevel: 'error' });
    try {
      await optimizeDeps(server.config);
    } finally {
      await server.close();
    }
  });
}

/** Runs `work` with the environment electron-vite's `dev` sets for the config it resolves, then puts back the test process's. */
async function asElectronViteDev<T>(work: () => Promise<T>): Promise<T> {
  const saved = { NODE_ENV: process.env['NODE_ENV'], NODE_ENV_ELECTRON_VITE: process.env['NODE_ENV_ELECTRON_VITE'] };
  process.env['NODE_ENV_ELECTRON_VITE'] = 'development';
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

async function createRendererServer(options: { port: number; hmrClientPort?: number | undefined; logLevel?: 'warn' | 'error' }): Promise<ViteDevServer> {
  const resolved = await resolveConfig({ root: process.cwd() }, 'serve', 'development');
  const renderer = resolved.config?.renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer section.');
  const hmr = options.hmrClientPort ? { clientPort: options.hmrClientPort } : {};
  const plugins = [...(renderer.plugins ?? []), parcelsPlugin()];
  return createServer({ ...renderer, plugins, logLevel: options.logLevel ?? 'warn', server: { ...renderer.server, host: '127.0.0.1', port: options.port, strictPort: true, hmr } });
}

/** The harness's parcels (parcels.ts) on the dev server's origin, as the built renderer's server hands them out. */
function parcelsPlugin(): Plugin {
  return {
    name: 'harness-parcels',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? '/').split('?')[0] ?? '/';
        if (!path.startsWith(PARCEL_PATH)) return next();
        answerParcel(path, response);
      });
    },
  };
}
