<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

/** The waits between attempts. Times are in milliseconds; zero or less takes the default. */
final class BackoffStrategy
{
    /**
     * @param int   $initialIntervalMs The wait before the first retry.
     * @param int   $maxIntervalMs     The longest wait between two attempts, which also caps Retry-After.
     * @param float $exponent          The growth factor of the wait from one retry to the next.
     * @param int   $maxElapsedTimeMs  No retry starts once this much time has passed since the first attempt.
     */
    public function __construct(
        public readonly int $initialIntervalMs = 500,
        public readonly int $maxIntervalMs = 60000,
        public readonly float $exponent = 1.5,
        public readonly int $maxElapsedTimeMs = 3600000,
    ) {
    }
}
