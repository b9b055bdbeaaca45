import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createHubLogger } from './hub-logger';

const LOGGER = fileURLToPath(new URL('./hub-logger.ts', import.meta.url));

describe('the hub logger on standard output', () => {
  it('writes off the event loop', () => {
    const logger = createHubLogger({ level: 'silent' });
    const destination = (logger as unknown as Record<symbol, { sync?: boolean }>)[pino.symbols.streamSym];
    expect(destination?.sync).toBe(false);
  });

  it('writes every line logged before the process exits', () => {
    const script = `import { createHubLogger } from ${JSON.stringify(LOGGER)};
      const logger = createHubLogger({ level: 'info' });
      for (let index = 0; index < 3000; index++) logger.info({ index }, 'request completed');
      process.exit(0);`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(child.status).toBe(0);
    const indexes = child.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { index: number }).index);
    expect(indexes).toEqual(Array.from({ length: 3000 }, (_unused, index) => index));
  }, 60_000);
});
