/** What a hook is told about the call it runs in. */
export interface HookContext {
  operationId: string;
  /** The server URL the request goes to. */
  baseURL: string;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  attempt: number;
}

/**
 * Code that runs around every request. Each hook may return a replacement for what it was given.
 * `afterError` runs for non-2xx responses and for connection failures (response null).
 */
export interface SDKHooks {
  beforeRequest?: (context: HookContext, request: Request) => Request | void | Promise<Request | void>;
  afterSuccess?: (context: HookContext, response: Response) => Response | void | Promise<Response | void>;
  afterError?: (
    context: HookContext,
    response: Response | null,
    error: unknown,
  ) => { response: Response | null; error: unknown } | void | Promise<{ response: Response | null; error: unknown } | void>;
}

export async function runBeforeRequest(hooks: readonly SDKHooks[], context: HookContext, request: Request): Promise<Request> {
  let current = request;
  for (const h of hooks) current = (await h.beforeRequest?.(context, current)) ?? current;
  return current;
}

export async function runAfterSuccess(hooks: readonly SDKHooks[], context: HookContext, response: Response): Promise<Response> {
  let current = response;
  for (const h of hooks) current = (await h.afterSuccess?.(context, current)) ?? current;
  return current;
}

export async function runAfterError(
  hooks: readonly SDKHooks[], context: HookContext, response: Response | null, error: unknown,
): Promise<{ response: Response | null; error: unknown }> {
  let current = { response, error };
  for (const h of hooks) current = (await h.afterError?.(context, current.response, current.error)) ?? current;
  return current;
}
