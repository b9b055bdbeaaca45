import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { z } from 'zod';
import { formatIssues } from '../../src-shared/contract/format-issues';
import type { MachineSetupInfo } from '../../src-shared/contract/ipc.contract';
import { AppFailure } from '../ipc/app-failure';
import { checkHubUrl } from '../hub/hub-url';

/**
 * What IT sets once per workstation in a machine-wide file: the hub every sign-in on this computer uses (and,
 * for a hub behind a private certificate authority, that authority's certificate), and whether training mode
 * stays available. Read and checked by main at start; a bad file is a clear screen, never a crash.
 */

export type MachineSetup =
  | { kind: 'none'; file: string }
  | { kind: 'provisioned'; file: string; hubUrl: string; hubName: string; caCertificate: string | null; allowTrainingMode: boolean }
  | { kind: 'invalid'; file: string; problem: string };

/** The file's place per platform: Windows `%ProgramData%\BPO CRM`, macOS `/Library/Application Support/BPO CRM`, Linux `/etc/bpo-crm`. */
export function machineConfigPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'win32') return win32.join(env['ProgramData'] ?? env['PROGRAMDATA'] ?? 'C:\\ProgramData', 'BPO CRM', 'config.json');
  if (platform === 'darwin') return '/Library/Application Support/BPO CRM/config.json';
  return '/etc/bpo-crm/config.json';
}

const fileSchema = z.strictObject({
  hubUrl: z.string().min(1).max(2000),
  hubName: z.string().trim().min(1, 'Must not be empty').max(100),
  /** A PEM file: absolute, or relative to the config file's folder. */
  caCertificateFile: z.string().min(1).max(1000).optional(),
  allowTrainingMode: z.boolean().default(false),
});

export interface MachineFiles {
  read(path: string): string | null;
}

/** A file's text, or null when there is none (any other failure, such as no permission, is thrown). */
export function readIfPresent(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Reads and checks the file; `none` when there is no file (an unprovisioned workstation works as before). */
export function readMachineSetup(file: string, platform: NodeJS.Platform, files: MachineFiles): MachineSetup {
  const invalid = (problem: string): MachineSetup => ({ kind: 'invalid', file, problem });
  let text: string | null;
  try {
    text = files.read(file);
  } catch (error) {
    return invalid(`it cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (text === null) return { kind: 'none', file };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return invalid(`it is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) return invalid(formatIssues(parsed.error));
  let hubUrl: string;
  try {
    hubUrl = checkHubUrl(parsed.data.hubUrl);
  } catch (error) {
    return invalid(`hubUrl: ${error instanceof Error ? error.message : String(error)}`);
  }
  let caCertificate: string | null = null;
  if (parsed.data.caCertificateFile) {
    const path = platform === 'win32' ? win32 : posix;
    const certFile = path.resolve(path.dirname(file), parsed.data.caCertificateFile);
    try {
      caCertificate = files.read(certFile);
    } catch (error) {
      return invalid(`caCertificateFile: ${certFile} cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
    if (caCertificate === null) return invalid(`caCertificateFile: ${certFile} does not exist`);
    try {
      new X509Certificate(caCertificate);
    } catch {
      return invalid(`caCertificateFile: ${certFile} is not a PEM certificate`);
    }
  }
  return { kind: 'provisioned', file, hubUrl, hubName: parsed.data.hubName, caCertificate, allowTrainingMode: parsed.data.allowTrainingMode };
}

/** What the sign-in screen needs to know (never the certificate). */
export function describeMachineSetup(setup: MachineSetup): MachineSetupInfo {
  if (setup.kind === 'provisioned') return { kind: 'provisioned', hubName: setup.hubName, trainingAllowed: setup.allowTrainingMode };
  if (setup.kind === 'invalid') return { kind: 'invalid', file: setup.file, problem: setup.problem };
  return { kind: 'none' };
}

/**
 * The hub a sign-in goes to. Provisioned: the configured hub, or training mode only where IT allows it; a
 * different address is refused. Not provisioned: the typed address, else the last hub, else training mode.
 * A bad file refuses every sign-in with what is wrong.
 */
export async function signInHubUrl(
  setup: MachineSetup,
  input: { hubUrl?: string | undefined; training?: true | undefined },
  lastHubUrl: string | null,
  trainingHubUrl: () => Promise<string | null>,
): Promise<string | null> {
  if (setup.kind === 'invalid') {
    throw AppFailure.of('invalid_input', `This computer's BPO CRM settings in ${setup.file} are not valid: ${setup.problem}. Ask IT to correct the file, then restart BPO CRM.`);
  }
  if (setup.kind === 'provisioned') {
    if (input.training) {
      if (!setup.allowTrainingMode) throw AppFailure.of('invalid_input', 'Training mode is turned off on this computer by IT.');
      return trainingHubUrl();
    }
    if (input.hubUrl !== undefined && input.hubUrl.replace(/\/+$/, '') !== setup.hubUrl.replace(/\/+$/, '')) {
      throw AppFailure.of('invalid_input', `This computer signs in to ${setup.hubName} only (set by IT).`);
    }
    return setup.hubUrl;
  }
  if (input.training) return trainingHubUrl();
  return input.hubUrl ?? lastHubUrl ?? (await trainingHubUrl());
}
