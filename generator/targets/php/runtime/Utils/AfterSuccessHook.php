<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

use Psr\Http\Message\ResponseInterface;

/** Runs after each 2xx response, and may return a replacement for it. */
interface AfterSuccessHook
{
    /** The response to use instead of $response, or $response itself. */
    public function afterSuccess(HookContext $ctx, ResponseInterface $response): ResponseInterface;
}
