/**
 * The dev server main loads instead of the built renderer (electron-vite sets ELECTRON_RENDERER_URL for
 * `npm start`). Only an unpackaged app honours it, and only for an http(s) address: an installed app must not
 * be pointed at another page by an environment variable — that page would get the dev policy and the bridge.
 */
export function devServerUrlFor(options: { packaged: boolean; rendererUrl: string | undefined }): string | undefined {
  if (options.packaged || !options.rendererUrl) return undefined;
  try {
    const url = new URL(options.rendererUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? options.rendererUrl : undefined;
  } catch {
    return undefined;
  }
}
