import { resolveConfig } from 'electron-vite';
import { createServer, type Plugin } from 'vite';
import { freePort } from './free-port';
import { PARCEL_PATH, takeParcel } from './parcels';

/**
 * The renderer as `npm start` serves it: electron-vite's own resolution of electron.vite.config.ts (its renderer
 * section plus electron-vite's renderer plugins), handed to Vite's dev server as electron-vite's `dev` command
 * does — minus building main and starting the Electron binary, which cannot run here. `hmrClientPort` points
 * the page's HMR socket at a proxy in front of the server (the page's own origin).
 */
export async function startRendererDevServer(options: { hmrClientPort?: number } = {}): Promise<{ origin: string; close: () => Promise<void> }> {
  // electron-vite's `dev` sets these for the config it resolves; put back what the test process had afterwards.
  const saved = { NODE_ENV: process.env['NODE_ENV'], NODE_ENV_ELECTRON_VITE: process.env['NODE_ENV_ELECTRON_VITE'] };
  process.env['NODE_ENV_ELECTRON_VITE'] = 'development';
  try {
    const resolved = await resolveConfig({ root: process.cwd() }, 'serve', 'development');
    const renderer = resolved.config?.renderer;
    if (!renderer) throw new Error('electron.vite.config.ts has no renderer section.');
    // A real port, not 0: Vite's client opens its HMR socket on the configured one.
    const port = await freePort();
    const hmr = options.hmrClientPort ? { clientPort: options.hmrClientPort } : {};
    const plugins = [...(renderer.plugins ?? []), parcelsPlugin()];
    const server = await createServer({ ...renderer, plugins, logLevel: 'warn', server: { ...renderer.server, host: '127.0.0.1', port, strictPort: true, hmr } });
    await server.listen();
    return { origin: `http://127.0.0.1:${port}`, close: () => server.close() };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** The harness's parcels (parcels.ts) on the dev server's origin, as the built renderer's server hands them out. */
function parcelsPlugin(): Plugin {
  return {
    name: 'harness-parcels',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? '/').split('?')[0] ?? '/';
        if (!path.startsWith(PARCEL_PATH)) return next();
        const parcel = takeParcel(path);
        response.writeHead(parcel === undefined ? 404 : 200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        response.end(parcel ?? '{"error":"no such parcel"}');
      });
    },
  };
}
