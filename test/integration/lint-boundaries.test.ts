import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// STYLE.md habit 1: where code runs is visible in its path and enforced by the lint.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('import boundaries', () => {
  it.each([
    ['src-shared/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['src-shared/domain/x.ts', "import fs from 'fs';\nexport const x = fs;\n"],
    ['src-shared/domain/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['src-shared/domain/x.ts', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['src-shared/domain/x.ts', "import { x as y } from '../../src-hub/server';\nexport const x = y;\n"],
    ['src-renderer/app/x.ts', "import { x as y } from '../../src-main/index';\nexport const x = y;\n"],
    ['src-renderer/app/x.ts', "import { x as y } from '../../src-hub/server';\nexport const x = y;\n"],
    ['src-renderer/app/x.ts', "import { join } from 'node:path';\nexport const x = join;\n"],
    ['src-renderer/app/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['src-hub/x.ts', "import { x as y } from '../src-main/index';\nexport const x = y;\n"],
    ['src-hub/x.ts', "import { x as y } from '../src-renderer/main';\nexport const x = y;\n"],
    ['src-main/x.ts', "import { App } from '../src-renderer/app/App';\nexport const x = App;\n"],
  ])('%s may not contain %j', async (filePath, code) => {
    expect(await ruleIdsFor(filePath, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['src-shared/domain/x.ts', 'export const x = window.location.href;\n'],
    ['src-shared/domain/x.ts', 'export const x = process.env.HOME;\n'],
    ['src-renderer/app/x.ts', 'export const x = process.env.HOME;\n'],
  ])('%s may not use the global in %j', async (filePath, code) => {
    expect(await ruleIdsFor(filePath, code)).toContain('no-restricted-globals');
  });

  it.each([
    ['src-shared/domain/x.ts', "import { z } from 'zod';\nimport { ROLES } from './roles';\nexport const x = [z, ROLES];\n"],
    ['src-renderer/app/x.ts', "import { ROLES } from '../../src-shared/domain/roles';\nexport const x = ROLES;\n"],
    ['src-hub/x.ts', "import { join } from 'node:path';\nimport { ROLES } from '../src-shared/domain/roles';\nexport const x = [join, ROLES];\n"],
    ['src-main/x.ts', "import { join } from 'node:path';\nimport { app } from 'electron';\nexport const x = [join, app];\n"],
  ])('%s may contain %j', async (filePath, code) => {
    expect(await ruleIdsFor(filePath, code)).toEqual([]);
  });
});
