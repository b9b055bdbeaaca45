import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * axe-core in the app's own page: injected through the debugging protocol (which the app's CSP does not
 * govern, so the page keeps its real policy), then every rule axe has up to WCAG AA, the experimental ones
 * and best practices included (label-content-name-mismatch is one), over the whole document. AAA-only rules
 * (enhanced contrast 7:1) are left out: WCAG AA is what the floor is held to.
 */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface AxeFinding {
  rule: string;
  impact: Impact;
  help: string;
  /** One CSS selector per offending element. */
  targets: string[];
}

/**
 * Third-party internals axe may flag and the app cannot change, each with its reason. None for the app's
 * own markup: a finding there is fixed in the component.
 */
export interface AxeException {
  rule: string;
  /** Matches the offending element's selector. */
  target: RegExp;
  reason: string;
}

export const AXE_EXCEPTIONS: readonly AxeException[] = [];

interface RawResult {
  id: string;
  impact: Impact | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

export async function runAxe(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const raw = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { getRules(): Array<{ ruleId: string; tags: string[] }>; run(context: unknown, options: unknown): Promise<{ violations: RawResult[] }> } }).axe;
    const rules = Object.fromEntries(axe.getRules().map((rule) => [rule.ruleId, { enabled: !rule.tags.includes('wcag2aaa') }]));
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { rules, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => ({ target: node.target })) }));
  });
  return raw.map((violation) => ({
    rule: violation.id,
    impact: violation.impact ?? 'minor',
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
  }));
}

/** Serious and critical findings left once the named exceptions are taken out. */
export function blocking(findings: readonly AxeFinding[], exceptions: readonly AxeException[] = AXE_EXCEPTIONS): AxeFinding[] {
  return findings
    .filter((finding) => finding.impact === 'serious' || finding.impact === 'critical')
    .map((finding) => ({ ...finding, targets: finding.targets.filter((target) => !exceptions.some((item) => item.rule === finding.rule && item.target.test(target))) }))
    .filter((finding) => finding.targets.length > 0);
}

/** Elements per impact over a set of screens: the figure the issue measured. */
export function countByImpact(findings: readonly AxeFinding[]): Record<Impact, number> {
  const counts: Record<Impact, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 };
  for (const finding of findings) counts[finding.impact] += finding.targets.length;
  return counts;
}

export function describeFindings(findings: readonly AxeFinding[]): string {
  return findings.map((finding) => `${finding.impact} ${finding.rule} (${finding.help}): ${finding.targets.slice(0, 5).join(' | ')}${finding.targets.length > 5 ? ` … +${finding.targets.length - 5}` : ''}`).join('\n');
}
