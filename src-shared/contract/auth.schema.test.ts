import { describe, expect, it } from 'vitest';
import { exampleUser } from './contract-examples.fixture';
import { loginBodySchema, loginResponseSchema, meResponseSchema } from './auth.schema';
import { formatIssues } from './format-issues';

describe('auth schemas', () => {
  it('parse a login body, trimming the login but not the password', () => {
    expect(loginBodySchema.parse({ login: ' agent1 ', password: ' training ' })).toEqual({
      login: 'agent1',
      password: ' training ',
    });
  });

  it('refuse an empty password and unknown fields', () => {
    const result = loginBodySchema.safeParse({ login: 'agent1', password: '', remember: true });
    expect(result.success).toBe(false);
    if (!result.success) expect(formatIssues(result.error)).toBe('password: Must not be empty; remember: Unknown field');
  });

  it('parse the login and me responses', () => {
    expect(loginResponseSchema.parse({ token: 't0k3n', user: exampleUser })).toEqual({ token: 't0k3n', user: exampleUser });
    expect(meResponseSchema.parse(exampleUser)).toEqual(exampleUser);
    expect(loginResponseSchema.safeParse({ token: '', user: exampleUser }).success).toBe(false);
  });
});
