import { describe, expect, it, vi } from 'vitest';
import { UsageError } from './cli-args';
import { main } from './cli-commands';

// Bad command lines are refused before anything starts; test/integration/hub-cli.test.ts proves through the
// real entry point that such a refusal prints the usage and exits with code 2.
describe('npm run hub: bad command lines', () => {
  it.each([
    [['serve', '--port', 'abc', '--data', '/tmp/x'], '--port must be a whole number from 0 to 65535.'],
    [['serve'], '--data DIR is required (or set DATABASE_URL).'],
    [['launch'], 'Unknown command "launch".'],
    [[], 'No command given.'],
    [['serve', '--data', '/tmp/x', '--nope'], 'Unknown option --nope.'],
    [['serve', '--data', '/tmp/x', '--tls-cert', 'cert.pem'], '--tls-cert and --tls-key go together.'],
    [['admin', 'move-stage', '--data', '/tmp/x', '--lead', 'LEAD/2026/00001'], '--lead and --stage are required.'],
    [['admin', 'rename'], 'Unknown admin command "rename".'],
    [['admin', 'migrate', '--data', '/tmp/x', '--lead', 'L'], 'Unknown option --lead.'],
    [['admin', 'backup', '--data', '/tmp/x'], '--data DIR and --out FILE are required.'],
    [['admin', 'restore', '--from', '/tmp/x.tar.gz'], '--data DIR and --from FILE are required.'],
  ])('%j → %s', async (argv, message) => {
    const refused = await main(argv).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UsageError);
    expect((refused as Error).message).toBe(message);
  });

  it('refuses the PGlite backup commands on PostgreSQL (DATABASE_URL), pointing to its own tools', async () => {
    vi.stubEnv('DATABASE_URL', 'postgres://127.0.0.1:1/none');
    try {
      const refused = await main(['admin', 'backup', '--data', '/tmp/x', '--out', '/tmp/x.tar.gz']).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(UsageError);
      expect((refused as Error).message).toContain('pg_dump');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
