<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

/** How a failed request is tried again. The default never retries. */
final class RetryConfig
{
    /**
     * @param string               $strategy              'none' (never retry) or 'backoff' (exponential backoff with jitter).
     * @param BackoffStrategy|null $backoff               The shape of the waits; null takes the defaults.
     * @param bool                 $retryConnectionErrors Also retry when the server cannot be reached or the connection breaks.
     */
    public function __construct(
        public readonly string $strategy = 'none',
        public readonly ?BackoffStrategy $backoff = null,
        public readonly bool $retryConnectionErrors = false,
    ) {
        if ($strategy !== 'none' && $strategy !== 'backoff') {
            throw new \InvalidArgumentException("a retry strategy is 'none' or 'backoff', not '{$strategy}'");
        }
    }
}
