<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

use Psr\Http\Message\RequestInterface;

/** Runs before each request is sent (each redirect hop included), and may return a replacement for it. */
interface BeforeRequestHook
{
    /** The request to send instead of $request, or $request itself. */
    public function beforeRequest(HookContext $ctx, RequestInterface $request): RequestInterface;
}
