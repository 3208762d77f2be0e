<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

/** Settings of one call that replace the client's. */
final class RequestOptions
{
    /**
     * @param int|null          $timeoutMs   The longest one attempt may take; null keeps the client's timeout.
     * @param RetryConfig|null  $retryConfig The retry policy of this call; null keeps the client's.
     * @param list<string>|null $retryCodes  The statuses retried ("503", or ranges such as "5XX"); null keeps the
     *                                       defaults (429, 500, 502, 503, 504).
     */
    public function __construct(
        public readonly ?int $timeoutMs = null,
        public readonly ?RetryConfig $retryConfig = null,
        public readonly ?array $retryCodes = null,
    ) {
    }
}
