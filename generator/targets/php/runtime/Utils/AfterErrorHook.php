<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

use Psr\Http\Message\ResponseInterface;

/**
 * Runs after each response that is not 2xx ($error null) and each connection failure ($response null).
 */
interface AfterErrorHook
{
    /**
     * The response to go on with: $response itself, a replacement, or null to fail with $error (after a
     * connection failure) or with a ConnectionException (after a response). Throwing replaces the error.
     */
    public function afterError(HookContext $ctx, ?ResponseInterface $response, ?\Throwable $error): ?ResponseInterface;
}
