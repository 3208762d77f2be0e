<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

/** What a hook is told about the call it runs in. */
final class HookContext
{
    /**
     * @param string $operationId The operationId of the API description.
     * @param string $baseUrl     The server URL the request goes to.
     * @param int    $attempt     1 for the first attempt, 2 for the first retry, and so on.
     */
    public function __construct(
        public readonly string $operationId,
        public readonly string $baseUrl,
        public readonly int $attempt = 1,
    ) {
    }
}
