/**
 * A tiny router: `METHOD /path/{param}` patterns matched segment by segment. Parameters
 * are URL-decoded; a path that matches no pattern is a 404, a path whose pattern exists
 * under another method a 405.
 */
export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Routable {
  method: Method;
  path: string;
}

export type Match<R> =
  | { kind: 'found'; route: R; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allow: Method[] }
  | { kind: 'not_found' };

interface Compiled<R> {
  route: R;
  method: Method;
  segments: { literal?: string; param?: string }[];
}

export class Router<R extends Routable> {
  private readonly compiled: Compiled<R>[] = [];

  constructor(routes: Iterable<R> = []) {
    for (const r of routes) this.add(r);
  }

  add(route: R): void {
    const segments = split(route.path).map((s) => {
      const m = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(s);
      return m ? { param: m[1]! } : { literal: s };
    });
    const clash = this.compiled.find(
      (c) =>
        c.method === route.method &&
        c.segments.length === segments.length &&
        c.segments.every((s, i) => (s.literal ?? '{}') === (segments[i]!.literal ?? '{}')),
    );
    if (clash) throw new Error(`duplicate route ${route.method} ${route.path}`);
    this.compiled.push({ route, method: route.method, segments });
    // Literal segments win over parameters (`/api/users/me` before `/api/users/{name}`).
    this.compiled.sort((a, b) => literalScore(b) - literalScore(a));
  }

  routes(): R[] {
    return this.compiled.map((c) => c.route);
  }

  match(method: string, pathname: string): Match<R> {
    const parts = split(pathname);
    const allow: Method[] = [];
    let decodeFailed = false;
    for (const c of this.compiled) {
      if (c.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = c.segments[i]!;
        const part = parts[i]!;
        if (seg.literal !== undefined) ok = seg.literal === part;
        else {
          try {
            params[seg.param!] = decodeURIComponent(part);
          } catch {
            decodeFailed = true;
            ok = false;
          }
        }
      }
      if (!ok) continue;
      if (c.method === method || (method === 'HEAD' && c.method === 'GET')) {
        return { kind: 'found', route: c.route, params };
      }
      allow.push(c.method);
    }
    if (allow.length && !decodeFailed) return { kind: 'method_not_allowed', allow: [...new Set(allow)] };
    return { kind: 'not_found' };
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function literalScore(c: { segments: { literal?: string }[] }): number {
  return c.segments.filter((s) => s.literal !== undefined).length;
}
