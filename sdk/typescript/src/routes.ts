import type { operations, paths } from './generated/openapi.js';

type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

/** The methods the OpenAPI document defines for a path (those it marks `?: never` drop out). */
type MethodsOf<P extends keyof paths> = {
  [M in HttpMethod]: paths[P][M] extends operations[keyof operations] ? M : never;
}[HttpMethod];

/** The `{name}` placeholders of a path template. */
type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | PathParams<Rest> : never;

/**
 * A route of the generated OpenAPI document with its placeholders filled in (URL-encoded). Only routes and methods
 * the document has compile, so a route the service drops or renames breaks the build rather than failing at run time.
 */
export function route<P extends keyof paths & string, M extends MethodsOf<P>>(
  method: M,
  template: P,
  ...params: PathParams<P> extends never ? [] : [Record<PathParams<P>, string>]
): { method: Uppercase<M>; path: string } {
  return { method: method.toUpperCase() as Uppercase<M>, path: fill(template, (params[0] ?? {}) as Record<string, string>) };
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') throw new TypeError(`Missing path parameter '${name}'.`);
    return encodeURIComponent(value);
  });
}
