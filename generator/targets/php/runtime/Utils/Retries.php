<?php

declare(strict_types=1);

namespace SdkgenRuntime\Utils;

/** The retry rules: which statuses are retried and how long to wait. Waits are in milliseconds. */
final class Retries
{
    /** The statuses retried unless a call names others. */
    public const DEFAULT_RETRY_CODES = ['429', '500', '502', '503', '504'];

    private const HTTP_DATE = 'D, d M Y H:i:s \G\M\T';

    private function __construct()
    {
    }

    /** A strategy with every unset (zero or negative) field at its default. */
    public static function effective(?BackoffStrategy $b): BackoffStrategy
    {
        return new BackoffStrategy(
            $b !== null && $b->initialIntervalMs > 0 ? $b->initialIntervalMs : 500,
            $b !== null && $b->maxIntervalMs > 0 ? $b->maxIntervalMs : 60000,
            $b !== null && $b->exponent > 0 ? $b->exponent : 1.5,
            $b !== null && $b->maxElapsedTimeMs > 0 ? $b->maxElapsedTimeMs : 3600000,
        );
    }

    /**
     * Whether a status is one of the codes ("503", or a range such as "5XX").
     *
     * @param list<string> $codes
     */
    public static function statusIsRetried(int $status, array $codes): bool
    {
        $text = (string) $status;
        foreach ($codes as $code) {
            $code = (string) $code;
            if ($code === $text) {
                return true;
            }
            if (\strlen($code) === 3 && $code[0] >= '1' && $code[0] <= '5' && $code[0] === $text[0] && \strtoupper(\substr($code, 1)) === 'XX') {
                return true;
            }
        }
        return false;
    }

    /**
     * The wait a Retry-After header asks for (delta-seconds or an HTTP date), or null when it is not valid.
     * A date in the past asks for no wait; a number of seconds too large for an int asks for PHP_INT_MAX.
     */
    public static function retryAfterMs(?string $header, \DateTimeImmutable $now): ?int
    {
        $text = \trim($header ?? '');
        if ($text === '') {
            return null;
        }
        if (\preg_match('/^[0-9]+$/', $text) === 1) {
            $digits = \ltrim($text, '0');
            return \strlen($digits) > 15 ? \PHP_INT_MAX : (int) $digits * 1000;
        }
        $date = \DateTimeImmutable::createFromFormat(self::HTTP_DATE, $text, new \DateTimeZone('UTC'));
        // createFromFormat accepts overflowing fields (32 Jan) and ignores a wrong weekday; formatting back refuses both.
        if ($date === false || $date->format(self::HTTP_DATE) !== $text) {
            return null;
        }
        $wait = (int) \round(((float) $date->format('U') - (float) $now->format('U.u')) * 1000);
        return \max(0, $wait);
    }

    /**
     * The wait before retry number $attempt (0 for the first retry): exponential growth with jitter between
     * half and all of the computed wait, never above maxIntervalMs.
     *
     * @param \Closure(): float $random A number in [0, 1].
     */
    public static function backoffDelayMs(int $attempt, BackoffStrategy $b, \Closure $random): int
    {
        $computed = $b->initialIntervalMs * ($b->exponent ** $attempt);
        if (\is_nan($computed) || \is_infinite($computed) || $computed > $b->maxIntervalMs) {
            $computed = (float) $b->maxIntervalMs;
        }
        return (int) \round($computed * (0.5 + $random() * 0.5));
    }

    /**
     * The backoff, lengthened (never shortened) by Retry-After, and capped by maxIntervalMs.
     *
     * @param \Closure(): float $random A number in [0, 1].
     */
    public static function nextWaitMs(int $attempt, BackoffStrategy $b, ?string $retryAfter, \DateTimeImmutable $now, \Closure $random): int
    {
        $wait = self::backoffDelayMs($attempt, $b, $random);
        $asked = self::retryAfterMs($retryAfter, $now);
        if ($asked !== null && $asked > $wait) {
            $wait = $asked;
        }
        return \min($wait, $b->maxIntervalMs);
    }

    /** A uniformly random number in [0, 1], for the jitter. */
    public static function random(): float
    {
        return \mt_rand() / \mt_getrandmax();
    }
}
