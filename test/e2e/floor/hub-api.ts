import { DEMO_INTAKE_KEY, DEMO_PASSWORD } from '../../../src-hub/features/seed/demo-data';

export interface HubAnswer<T = unknown> {
  status: number;
  body: T;
}

/**
 * The hub's REST API as a script (or a curious agent with dev tools) would use it: for setting the scene
 * (intake, dealer connections) and for checking what the hub holds behind the screens.
 */
export class HubApi {
  private constructor(
    private readonly base: () => string,
    private readonly headers: Record<string, string>,
  ) {}

  static async signIn(hubUrl: () => string, login: string): Promise<HubApi> {
    const answer = await fetch(`${hubUrl()}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: DEMO_PASSWORD }) });
    if (!answer.ok) throw new Error(`${login} could not sign in to the hub: ${answer.status} ${await answer.text()}`);
    const { token } = (await answer.json()) as { token: string };
    return new HubApi(hubUrl, { authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  }

  /** The distributor's feed: `POST /intake/leads` with the training intake key. */
  static intake(hubUrl: () => string): HubApi {
    return new HubApi(hubUrl, { 'x-intake-key': DEMO_INTAKE_KEY, 'content-type': 'application/json' });
  }

  get<T>(path: string): Promise<HubAnswer<T>> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}): Promise<HubAnswer<T>> {
    return this.call<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<HubAnswer<T>> {
    return this.call<T>('PATCH', path, body);
  }

  /** Like get, but a non-2xx answer is an error naming the path. */
  async read<T>(path: string): Promise<T> {
    const answer = await this.get<T>(path);
    if (answer.status >= 300) throw new Error(`GET ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<HubAnswer<T>> {
    const answer = await fetch(`${this.base()}/api/v1${path}`, { method, headers: this.headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await answer.text();
    return { status: answer.status, body: (text ? JSON.parse(text) : null) as T };
  }
}
