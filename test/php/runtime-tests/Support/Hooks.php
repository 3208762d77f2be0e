<?php

declare(strict_types=1);

namespace SdkgenRuntime\Tests\Support;

// Loaded by HooksTest: several small hook classes, which PSR-4 cannot find one per file.

use Psr\Http\Message\RequestInterface;
use Psr\Http\Message\ResponseInterface;
use SdkgenRuntime\Utils\AfterErrorHook;
use SdkgenRuntime\Utils\AfterSuccessHook;
use SdkgenRuntime\Utils\BeforeRequestHook;
use SdkgenRuntime\Utils\HookContext;

final class BeforeHook implements BeforeRequestHook
{
    public function __construct(private readonly \Closure $run)
    {
    }

    public function beforeRequest(HookContext $ctx, RequestInterface $request): RequestInterface
    {
        return ($this->run)($ctx, $request);
    }
}

final class SuccessHook implements AfterSuccessHook
{
    public function __construct(private readonly \Closure $run)
    {
    }

    public function afterSuccess(HookContext $ctx, ResponseInterface $response): ResponseInterface
    {
        return ($this->run)($ctx, $response);
    }
}

final class ErrorHook implements AfterErrorHook
{
    public function __construct(private readonly \Closure $run)
    {
    }

    public function afterError(HookContext $ctx, ?ResponseInterface $response, ?\Throwable $error): ?ResponseInterface
    {
        return ($this->run)($ctx, $response, $error);
    }
}

/** One object that is every kind of hook, logging each run. */
final class EveryHook implements BeforeRequestHook, AfterSuccessHook, AfterErrorHook
{
    /** @var list<string> */
    public array $log = [];

    public function beforeRequest(HookContext $ctx, RequestInterface $request): RequestInterface
    {
        $this->log[] = 'before';
        return $request;
    }

    public function afterSuccess(HookContext $ctx, ResponseInterface $response): ResponseInterface
    {
        $this->log[] = 'success';
        return $response;
    }

    public function afterError(HookContext $ctx, ?ResponseInterface $response, ?\Throwable $error): ?ResponseInterface
    {
        $this->log[] = 'error';
        return $response;
    }
}
