import { createOdooClient, type OdooClient } from '../../../src-main/dealer/odoo-client';
import type { OdooSandbox } from '../../../src-main/training/odoo-sandbox/odoo-sandbox.server';
import type { OdooClientFactory } from '../../../src-main/won/won-hub';
import { RELAY_DEALER_TIMEOUT_MS } from './won-env.fixture';

/**
 * Faults at one step of the saga. The saga's real client still goes through the real hub relay to the real
 * sandbox; this wrapper only switches the sandbox's fault on just before the targeted call leaves and off
 * once it is answered, so a fault the sandbox can only apply globally (refused connections, slow answers,
 * 502) hits exactly that step.
 */

export const DEALER_FAULTS = ['connection refused', 'timeout', '502', 'access denied', 'no create right', 'validation error', 'answer dropped after commit'] as const;
export type DealerFault = (typeof DEALER_FAULTS)[number];

/** Each step by model and method, and where two steps share those, by the field of the domain's first term. */
export const DEALER_STEPS: Record<string, { model: string; method: string; firstField?: string }> = {
  'partner search': { model: 'res.partner', method: 'search_read' },
  'partner create': { model: 'res.partner', method: 'create' },
  'order search': { model: 'sale.order', method: 'search_read', firstField: 'client_order_ref' },
  'order create': { model: 'sale.order', method: 'create' },
  'order read': { model: 'sale.order', method: 'search_read', firstField: 'id' },
};
export type DealerStep = 'partner search' | 'partner create' | 'order search' | 'order create' | 'order read';

/** The field of a search's first domain term (`[['id', '=', 7], …]` → 'id'). */
function firstField(positional: unknown): unknown {
  const domain: unknown = Array.isArray(positional) ? positional[0] : undefined;
  const term: unknown = Array.isArray(domain) ? domain[0] : undefined;
  return Array.isArray(term) ? term[0] : undefined;
}

export interface StepFaults {
  factory: OdooClientFactory;
  /** Arms one fault for the next call of the step. */
  arm(step: DealerStep, fault: DealerFault): void;
  /** How many armed faults were applied. */
  applied(): number;
}

async function withFault<T>(sandbox: OdooSandbox, target: { model: string; method: string }, fault: DealerFault, call: () => Promise<T>): Promise<T> {
  const { faults } = sandbox;
  const odooFailure = (name: string, message: string, times = 1) => {
    for (let nth = 1; nth <= times; nth++) faults.failCall({ ...target, nth, name, message });
  };
  switch (fault) {
    case 'connection refused':
      await faults.refuseConnections();
      break;
    case 'timeout':
      // Done by the dealer, answered after the relay gave up.
      faults.delayAnswers(RELAY_DEALER_TIMEOUT_MS * 3);
      break;
    case '502':
      faults.answerHttpError(502);
      break;
    case 'access denied':
      // Twice: the relay signs in again once after AccessDenied on a cached uid and repeats the call.
      odooFailure('odoo.exceptions.AccessDenied', 'Access Denied', 2);
      break;
    case 'no create right':
      odooFailure('odoo.exceptions.AccessError', `You are not allowed to ${target.method === 'create' ? 'create' : 'access'} '${target.model}' records.`);
      break;
    case 'validation error':
      odooFailure('odoo.exceptions.ValidationError', `The operation cannot be completed: ${target.model} refused the values.`);
      break;
    case 'answer dropped after commit':
      faults.dropAnswer(target);
      break;
  }
  try {
    return await call();
  } finally {
    await faults.clear();
  }
}

export function stepFaults(sandbox: OdooSandbox): StepFaults {
  let armed: { target: { model: string; method: string; firstField?: string }; fault: DealerFault } | null = null;
  let applied = 0;
  const factory: OdooClientFactory = (options) => {
    const inner = createOdooClient(options);
    const executeKw = ((...args: Parameters<OdooClient['executeKw']>) => {
      const [, , , model, method, positional] = args;
      const matches = (target: { model: string; method: string; firstField?: string }) =>
        target.model === model && target.method === method && (target.firstField === undefined || target.firstField === firstField(positional));
      const hit = armed && matches(armed.target) ? armed : null;
      if (!hit) return inner.executeKw(...args);
      armed = null;
      applied++;
      return withFault(sandbox, { model: hit.target.model, method: hit.target.method }, hit.fault, () => inner.executeKw(...args));
    }) as OdooClient['executeKw'];
    return { ...inner, executeKw };
  };
  return {
    factory,
    arm: (step, fault) => {
      const target = DEALER_STEPS[step];
      if (!target) throw new Error(`No dealer step "${step}"`);
      armed = { target, fault };
    },
    applied: () => applied,
  };
}
