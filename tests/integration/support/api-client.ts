import type { ServerProcess } from './server-process.ts';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small JSON client for the server's HTTP API. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null = null,
  ) {}

  withToken(token: string | null): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely and assert on them.
  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  // biome-ignore lint/suspicious/noExplicitAny: see request().
  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  // biome-ignore lint/suspicious/noExplicitAny: see request().
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  // biome-ignore lint/suspicious/noExplicitAny: see request().
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  // biome-ignore lint/suspicious/noExplicitAny: see request().
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

/** Logs in and returns a client carrying the token. Throws unless the login succeeds. */
export async function login(
  server: Pick<ServerProcess, 'url'>,
  username: string,
  password: string,
  device = 'integration-test',
): Promise<ApiClient> {
  const res = await new ApiClient(server.url).post('/api/auth/login', { username, password, device });
  if (res.status !== 200)
    throw new Error(`login of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new ApiClient(server.url, res.body.token as string);
}

/** Logs in as the bootstrap admin. */
export function loginAdmin(server: Pick<ServerProcess, 'url' | 'adminPassword'>): Promise<ApiClient> {
  return login(server, 'admin', server.adminPassword);
}

/** Creates a user (as admin) and logs them in. */
export async function userWithRole(
  server: Pick<ServerProcess, 'url'>,
  admin: ApiClient,
  username: string,
  role: 'admin' | 'manager' | 'clerk' | 'counter' | 'technician' | 'viewer',
  password = `pw-${username}-123456`,
): Promise<ApiClient> {
  const res = await admin.post('/api/users', { username, password, role });
  if (res.status !== 201)
    throw new Error(`creating ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return login(server, username, password);
}
