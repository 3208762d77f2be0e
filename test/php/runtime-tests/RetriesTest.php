<?php

declare(strict_types=1);

namespace SdkgenRuntime\Tests;

use PHPUnit\Framework\TestCase;
use SdkgenRuntime\Utils\BackoffStrategy;
use SdkgenRuntime\Utils\RetryConfig;
use SdkgenRuntime\Utils\Retries;

final class RetriesTest extends TestCase
{
    private static function now(): \DateTimeImmutable
    {
        return new \DateTimeImmutable('2025-01-01T00:00:00Z');
    }

    private static function backoff(int $initial, int $max, float $exponent): BackoffStrategy
    {
        return new BackoffStrategy($initial, $max, $exponent, 3600000);
    }

    private static function pinned(float $value): \Closure
    {
        return static fn (): float => $value;
    }

    /** @return iterable<array{int, string, bool}> */
    public static function statuses(): iterable
    {
        yield [503, '503', true];
        yield [503, '5XX', true];
        yield [503, '5xx', true];
        yield [500, '503', false];
        yield [404, '5XX', false];
        yield [503, '6XX', false];
        yield [503, '50X', false];
        yield [429, '4XX', true];
    }

    /** @dataProvider statuses */
    public function testStatusIsRetriedMatchesExactCodesAndRanges(int $status, string $code, bool $expected): void
    {
        self::assertSame($expected, Retries::statusIsRetried($status, [$code]));
    }

    public function testStatusIsRetriedIsFalseForNoCodes(): void
    {
        self::assertFalse(Retries::statusIsRetried(503, []));
    }

    public function testDefaultRetryCodesAreTheTransientStatuses(): void
    {
        self::assertSame(['429', '500', '502', '503', '504'], Retries::DEFAULT_RETRY_CODES);
        foreach ([429, 500, 502, 503, 504] as $status) {
            self::assertTrue(Retries::statusIsRetried($status, Retries::DEFAULT_RETRY_CODES));
        }
        self::assertFalse(Retries::statusIsRetried(501, Retries::DEFAULT_RETRY_CODES));
    }

    /** @return iterable<array{string, int}> */
    public static function deltaSeconds(): iterable
    {
        yield ['120', 120000];
        yield [' 5 ', 5000];
        yield ['0', 0];
        yield ['007', 7000];
    }

    /** @dataProvider deltaSeconds */
    public function testRetryAfterReadsDeltaSeconds(string $header, int $ms): void
    {
        self::assertSame($ms, Retries::retryAfterMs($header, self::now()));
    }

    public function testRetryAfterReadsAnHttpDateRelativeToNow(): void
    {
        self::assertSame(30000, Retries::retryAfterMs('Wed, 01 Jan 2025 00:00:30 GMT', self::now()));
        self::assertSame(29500, Retries::retryAfterMs('Wed, 01 Jan 2025 00:00:30 GMT', new \DateTimeImmutable('2025-01-01T00:00:00.5Z')));
    }

    public function testRetryAfterInThePastIsZero(): void
    {
        self::assertSame(0, Retries::retryAfterMs('Tue, 31 Dec 2024 23:59:00 GMT', self::now()));
    }

    /** @return iterable<array{?string}> */
    public static function invalidRetryAfter(): iterable
    {
        yield [null];
        yield [''];
        yield ['   '];
        yield ['soon'];
        yield ['-5'];
        yield ['1.5'];
        yield ['2025-01-01T00:00:30Z'];
        yield ['Wed, 32 Jan 2025 00:00:30 GMT'];
        yield ['Wed, 01 Jan 2025 00:00:30 UTC'];
    }

    /** @dataProvider invalidRetryAfter */
    public function testRetryAfterIsNullWhenNotValid(?string $header): void
    {
        self::assertNull(Retries::retryAfterMs($header, self::now()));
    }

    public function testRetryAfterTooLargeForAnIntIsTheLongestWait(): void
    {
        self::assertSame(PHP_INT_MAX, Retries::retryAfterMs('99999999999999999999', self::now()));
    }

    /** @return iterable<array{int, float, int}> */
    public static function delays(): iterable
    {
        yield [0, 0.0, 50];
        yield [0, 1.0, 100];
        yield [2, 0.0, 200];
        yield [2, 1.0, 400];
        yield [2, 0.5, 300];
    }

    /** @dataProvider delays */
    public function testBackoffDelayIsBetweenHalfAndAllOfTheExponentialWait(int $attempt, float $random, int $expectedMs): void
    {
        self::assertSame($expectedMs, Retries::backoffDelayMs($attempt, self::backoff(100, 10000, 2), self::pinned($random)));
    }

    /** @return iterable<array{int, float, int}> */
    public static function cappedDelays(): iterable
    {
        yield [10, 0.0, 5000];
        yield [10, 1.0, 10000];
        yield [100000, 1.0, 10000];
    }

    /** @dataProvider cappedDelays */
    public function testBackoffDelayIsCappedAtTheMaxInterval(int $attempt, float $random, int $expectedMs): void
    {
        self::assertSame($expectedMs, Retries::backoffDelayMs($attempt, self::backoff(100, 10000, 2), self::pinned($random)));
    }

    public function testBackoffDelayStaysWithinItsBoundsForAnyRandom(): void
    {
        $b = self::backoff(100, 10000, 1.5);
        for ($attempt = 0; $attempt < 15; $attempt++) {
            $full = min(100 * 1.5 ** $attempt, 10000);
            $delay = Retries::backoffDelayMs($attempt, $b, Retries::random(...));
            self::assertGreaterThanOrEqual((int) floor($full / 2), $delay);
            self::assertLessThanOrEqual((int) ceil($full), $delay);
        }
    }

    public function testNextWaitIsLengthenedByRetryAfter(): void
    {
        self::assertSame(2000, Retries::nextWaitMs(0, self::backoff(100, 10000, 2), '2', self::now(), self::pinned(1.0)));
    }

    public function testNextWaitIsNeverShortenedByRetryAfter(): void
    {
        self::assertSame(100, Retries::nextWaitMs(0, self::backoff(100, 10000, 2), '0', self::now(), self::pinned(1.0)));
    }

    /** @return iterable<array{string}> */
    public static function longRetryAfter(): iterable
    {
        yield ['3600'];
        yield ['99999999999999999999'];
        yield ['Thu, 01 Jan 2026 00:00:00 GMT'];
    }

    /** @dataProvider longRetryAfter */
    public function testNextWaitCapsRetryAfterAtTheMaxInterval(string $retryAfter): void
    {
        self::assertSame(1000, Retries::nextWaitMs(0, self::backoff(100, 1000, 2), $retryAfter, self::now(), self::pinned(1.0)));
    }

    public function testNextWaitIgnoresAnInvalidRetryAfter(): void
    {
        self::assertSame(200, Retries::nextWaitMs(1, self::backoff(100, 10000, 2), 'later', self::now(), self::pinned(1.0)));
    }

    public function testEffectiveFillsEveryDefault(): void
    {
        $b = Retries::effective(null);
        self::assertSame(500, $b->initialIntervalMs);
        self::assertSame(60000, $b->maxIntervalMs);
        self::assertSame(1.5, $b->exponent);
        self::assertSame(3600000, $b->maxElapsedTimeMs);
    }

    public function testEffectiveKeepsTheFieldsThatAreSet(): void
    {
        $b = Retries::effective(new BackoffStrategy(10, 0, 3, 0));
        self::assertSame(10, $b->initialIntervalMs);
        self::assertSame(60000, $b->maxIntervalMs);
        self::assertSame(3.0, $b->exponent);
        self::assertSame(3600000, $b->maxElapsedTimeMs);
    }

    public function testEffectiveTreatsNegativeValuesAsUnset(): void
    {
        $b = Retries::effective(new BackoffStrategy(-1, -1, -2, -1));
        self::assertSame(500, $b->initialIntervalMs);
        self::assertSame(60000, $b->maxIntervalMs);
        self::assertSame(1.5, $b->exponent);
        self::assertSame(3600000, $b->maxElapsedTimeMs);
    }

    public function testRetryConfigDefaultsToNoRetriesAndRefusesAnUnknownStrategy(): void
    {
        $config = new RetryConfig();
        self::assertSame('none', $config->strategy);
        self::assertNull($config->backoff);
        self::assertFalse($config->retryConnectionErrors);
        $this->expectException(\InvalidArgumentException::class);
        new RetryConfig('BACKOFF');
    }
}
