<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

use Psr\Http\Message\RequestInterface;
use Psr\Http\Message\ResponseInterface;

/** The hooks of a client, run in the order they were registered, each seeing the last one's result. */
final class SDKHooks
{
    /** @var list<BeforeRequestHook> */
    private array $beforeRequest = [];

    /** @var list<AfterSuccessHook> */
    private array $afterSuccess = [];

    /** @var list<AfterErrorHook> */
    private array $afterError = [];

    public function registerBeforeRequestHook(BeforeRequestHook $hook): self
    {
        $this->beforeRequest[] = $hook;
        return $this;
    }

    public function registerAfterSuccessHook(AfterSuccessHook $hook): self
    {
        $this->afterSuccess[] = $hook;
        return $this;
    }

    public function registerAfterErrorHook(AfterErrorHook $hook): self
    {
        $this->afterError[] = $hook;
        return $this;
    }

    /** Registers an object for every hook interface it implements. */
    public function register(object $hook): self
    {
        $known = false;
        if ($hook instanceof BeforeRequestHook) {
            $this->registerBeforeRequestHook($hook);
            $known = true;
        }
        if ($hook instanceof AfterSuccessHook) {
            $this->registerAfterSuccessHook($hook);
            $known = true;
        }
        if ($hook instanceof AfterErrorHook) {
            $this->registerAfterErrorHook($hook);
            $known = true;
        }
        if (!$known) {
            throw new \InvalidArgumentException('a hook implements BeforeRequestHook, AfterSuccessHook or AfterErrorHook');
        }
        return $this;
    }

    /** Whether no hook is registered. */
    public function isEmpty(): bool
    {
        return $this->beforeRequest === [] && $this->afterSuccess === [] && $this->afterError === [];
    }

    public function beforeRequest(HookContext $ctx, RequestInterface $request): RequestInterface
    {
        foreach ($this->beforeRequest as $hook) {
            $request = $hook->beforeRequest($ctx, $request);
        }
        return $request;
    }

    public function afterSuccess(HookContext $ctx, ResponseInterface $response): ResponseInterface
    {
        foreach ($this->afterSuccess as $hook) {
            $response = $hook->afterSuccess($ctx, $response);
        }
        return $response;
    }

    /** The response the hooks settle on, or null to fail with the error; a hook that throws ends the chain. */
    public function afterError(HookContext $ctx, ?ResponseInterface $response, ?\Throwable $error): ?ResponseInterface
    {
        foreach ($this->afterError as $hook) {
            $response = $hook->afterError($ctx, $response, $error);
        }
        return $response;
    }
}
