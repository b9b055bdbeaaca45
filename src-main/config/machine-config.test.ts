import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeMachineSetup, machineConfigPath, readMachineSetup, signInHubUrl, type MachineSetup } from './machine-config';

const FILE = '/etc/bpo-crm/config.json';
const filesOf = (entries: Record<string, string>) => ({ read: (path: string) => entries[path] ?? null });
const read = (text: string | null, extra: Record<string, string> = {}) => readMachineSetup(FILE, 'linux', filesOf({ ...(text === null ? {} : { [FILE]: text }), ...extra }));

function selfSigned(): string {
  const dir = mkdtempSync(join(tmpdir(), 'machine-ca-'));
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-days', '1', '-subj', '/CN=IT CA'], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
  return readFileSync(join(dir, 'c.pem'), 'utf8');
}

describe('the machine-wide settings file', () => {
  it('lives where each platform keeps machine-wide settings', () => {
    expect(machineConfigPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\BPO CRM\\config.json');
    expect(machineConfigPath('win32', {})).toBe('C:\\ProgramData\\BPO CRM\\config.json');
    expect(machineConfigPath('darwin', {})).toBe('/Library/Application Support/BPO CRM/config.json');
    expect(machineConfigPath('linux', {})).toBe('/etc/bpo-crm/config.json');
  });

  it('is optional: no file, not provisioned', () => {
    expect(read(null)).toEqual({ kind: 'none', file: FILE });
  });

  it('gives the hub, its name and whether training stays, with a CA certificate relative to the file', () => {
    const ca = selfSigned();
    const setup = read(JSON.stringify({ hubUrl: 'https://hub.floor.example/', hubName: 'Manila floor', caCertificateFile: 'hub-ca.pem', allowTrainingMode: true }), { '/etc/bpo-crm/hub-ca.pem': ca });
    expect(setup).toEqual({ kind: 'provisioned', file: FILE, hubUrl: 'https://hub.floor.example', hubName: 'Manila floor', caCertificate: ca, allowTrainingMode: true });
    expect(describeMachineSetup(setup)).toEqual({ kind: 'provisioned', hubName: 'Manila floor', trainingAllowed: true });
    expect(read(JSON.stringify({ hubUrl: 'https://hub.floor.example', hubName: 'Floor' }))).toMatchObject({ kind: 'provisioned', caCertificate: null, allowTrainingMode: false });
    const windows = readMachineSetup('C:\\ProgramData\\BPO CRM\\config.json', 'win32', filesOf({
      'C:\\ProgramData\\BPO CRM\\config.json': `\uFEFF${JSON.stringify({ hubUrl: 'https://hub.example', hubName: 'Floor', caCertificateFile: 'ca.pem' })}`,
      'C:\\ProgramData\\BPO CRM\\ca.pem': ca,
    }));
    expect(windows).toMatchObject({ kind: 'provisioned', caCertificate: ca });
  });

  it('names what is wrong with a bad file instead of failing', () => {
    const problem = (text: string, extra: Record<string, string> = {}) => {
      const setup = read(text, extra);
      return setup.kind === 'invalid' ? setup.problem : `not invalid: ${setup.kind}`;
    };
    expect(problem('{ hubUrl: ')).toMatch(/^it is not valid JSON/);
    expect(problem('{}')).toMatch(/hubUrl/);
    expect(problem(JSON.stringify({ hubUrl: 'https://hub.example', hubName: '  ' }))).toMatch(/hubName/);
    expect(problem(JSON.stringify({ hubUrl: 'https://hub.example', hubName: 'F', extra: 1 }))).toMatch(/extra/);
    expect(problem(JSON.stringify({ hubUrl: 'http://hub.example', hubName: 'F' }))).toMatch(/^hubUrl: Refusing plain http/);
    expect(problem(JSON.stringify({ hubUrl: 'https://hub.example', hubName: 'F', allowTrainingMode: 'yes' }))).toMatch(/allowTrainingMode/);
    expect(problem(JSON.stringify({ hubUrl: 'https://hub.example', hubName: 'F', caCertificateFile: 'missing.pem' }))).toBe('caCertificateFile: /etc/bpo-crm/missing.pem does not exist');
    expect(problem(JSON.stringify({ hubUrl: 'https://hub.example', hubName: 'F', caCertificateFile: '/etc/ssl/x.pem' }), { '/etc/ssl/x.pem': 'not a certificate' })).toMatch(/is not a PEM certificate$/);
    const unreadable = readMachineSetup(FILE, 'linux', { read: () => { throw new Error('EACCES: permission denied'); } });
    expect(unreadable).toEqual({ kind: 'invalid', file: FILE, problem: 'it cannot be read (EACCES: permission denied)' });
    expect(describeMachineSetup(unreadable)).toEqual({ kind: 'invalid', file: FILE, problem: 'it cannot be read (EACCES: permission denied)' });
  });
});

describe('which hub a sign-in goes to', () => {
  const training = async () => 'http://127.0.0.1:5001';
  const provisioned = (allowTrainingMode: boolean): MachineSetup => ({ kind: 'provisioned', file: FILE, hubUrl: 'https://hub.example', hubName: 'Manila floor', caCertificate: null, allowTrainingMode });

  it('not provisioned: the typed address, else the last hub, else training mode', async () => {
    const none: MachineSetup = { kind: 'none', file: FILE };
    expect(await signInHubUrl(none, { hubUrl: 'https://typed.example' }, 'https://last.example', training)).toBe('https://typed.example');
    expect(await signInHubUrl(none, {}, 'https://last.example', training)).toBe('https://last.example');
    expect(await signInHubUrl(none, {}, null, training)).toBe('http://127.0.0.1:5001');
  });

  it("provisioned: IT's hub, training only where allowed, no other address", async () => {
    expect(await signInHubUrl(provisioned(false), {}, 'https://last.example', training)).toBe('https://hub.example');
    expect(await signInHubUrl(provisioned(false), { hubUrl: 'https://hub.example/' }, null, training)).toBe('https://hub.example');
    await expect(signInHubUrl(provisioned(false), { hubUrl: 'https://evil.example' }, null, training)).rejects.toThrow('This computer signs in to Manila floor only (set by IT).');
    await expect(signInHubUrl(provisioned(false), { training: true }, null, training)).rejects.toThrow('Training mode is turned off on this computer by IT.');
    expect(await signInHubUrl(provisioned(true), { training: true }, null, training)).toBe('http://127.0.0.1:5001');
  });

  it('a bad file refuses every sign-in, saying which file and what is wrong', async () => {
    await expect(signInHubUrl({ kind: 'invalid', file: FILE, problem: 'hubName: Required' }, {}, null, training)).rejects.toThrow(
      "This computer's BPO CRM settings in /etc/bpo-crm/config.json are not valid: hubName: Required. Ask IT to correct the file, then restart BPO CRM.",
    );
  });
});
