import { typeError, valueError } from './odoo-errors';

/** Binding `execute_kw`'s positional `args` and `kwargs` to a method's parameters, the way Python does. */

export interface Param {
  readonly name: string;
  readonly fallback?: unknown;
}

export type Bound = Record<string, unknown>;

export const REQUIRED = Symbol('required');

export function bindArguments(method: string, params: readonly Param[], args: readonly unknown[], kwargs: Record<string, unknown>): Bound {
  if (args.length > params.length) {
    throw typeError(`${method}() takes ${params.length + 1} positional arguments but ${args.length + 1} were given`);
  }
  const bound: Bound = {};
  params.forEach((param, index) => {
    if (index < args.length) bound[param.name] = args[index];
  });
  for (const [name, value] of Object.entries(kwargs)) {
    if (name === 'context') continue;
    if (!params.some((param) => param.name === name)) throw typeError(`${method}() got an unexpected keyword argument '${name}'`);
    if (name in bound) throw typeError(`${method}() got multiple values for argument '${name}'`);
    bound[name] = value;
  }
  for (const param of params) {
    if (param.name in bound) continue;
    if (param.fallback === REQUIRED) throw typeError(`${method}() missing 1 required positional argument: '${param.name}'`);
    bound[param.name] = param.fallback;
  }
  return bound;
}

export function toIds(value: unknown): number[] {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.map((id) => {
    if (typeof id !== 'number' || !Number.isInteger(id)) throw valueError(`Invalid record ids: ${JSON.stringify(value)}`);
    return id;
  });
}

export function optionalNumber(value: unknown, name: string): number | null {
  if (value === null || value === undefined || value === false) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw valueError(`Invalid ${name}: ${JSON.stringify(value)}`);
  return value;
}

export function optionalFields(value: unknown): string[] | null {
  if (value === null || value === undefined || value === false) return null;
  if (!Array.isArray(value) || !value.every((name): name is string => typeof name === 'string')) {
    throw valueError(`Invalid fields: ${JSON.stringify(value)}`);
  }
  return value;
}

export function optionalOrder(value: unknown): string | null {
  if (value === null || value === undefined || value === false || value === '') return null;
  if (typeof value !== 'string') throw valueError(`Invalid "order" specified (${JSON.stringify(value)})`);
  return value;
}
