namespace SdkgenRuntime.Tests;

using System;
using SdkgenRuntime.Utils;
using Xunit;

public class RetriesTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static BackoffStrategy Backoff(long initial, long max, double exponent) =>
        new() { InitialIntervalMs = initial, MaxIntervalMs = max, Exponent = exponent, MaxElapsedTimeMs = 3600000 };

    [Theory]
    [InlineData(503, "503", true)]
    [InlineData(503, "5XX", true)]
    [InlineData(503, "5xx", true)]
    [InlineData(500, "503", false)]
    [InlineData(404, "5XX", false)]
    [InlineData(503, "6XX", false)]
    [InlineData(503, "50X", false)]
    public void StatusIsRetriedMatchesExactCodesAndRanges(int status, string code, bool expected)
    {
        Assert.Equal(expected, Retries.StatusIsRetried(status, new[] { code }));
    }

    [Fact]
    public void StatusIsRetriedIsFalseForNoCodes()
    {
        Assert.False(Retries.StatusIsRetried(503, Array.Empty<string>()));
    }

    [Fact]
    public void DefaultRetryCodesAreTheTransientStatuses()
    {
        Assert.Equal(new[] { "429", "500", "502", "503", "504" }, Retries.DefaultRetryCodes);
    }

    [Theory]
    [InlineData("120", 120)]
    [InlineData(" 5 ", 5)]
    [InlineData("0", 0)]
    public void RetryAfterReadsDeltaSeconds(string header, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Retries.RetryAfter(header, Now));
    }

    [Fact]
    public void RetryAfterReadsAnHttpDateRelativeToNow()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Retries.RetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", Now));
    }

    [Fact]
    public void RetryAfterInThePastIsZero()
    {
        Assert.Equal(TimeSpan.Zero, Retries.RetryAfter("Tue, 31 Dec 2024 23:59:00 GMT", Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("2025-01-01T00:00:30Z")]
    public void RetryAfterIsNullWhenNotValid(string? header)
    {
        Assert.Null(Retries.RetryAfter(header, Now));
    }

    [Fact]
    public void RetryAfterTooLargeForATimeSpanIsTheLongestWait()
    {
        Assert.Equal(TimeSpan.MaxValue, Retries.RetryAfter("99999999999999999999", Now));
    }

    [Theory]
    [InlineData(0, 0.0, 50)]
    [InlineData(0, 1.0, 100)]
    [InlineData(2, 0.0, 200)]
    [InlineData(2, 1.0, 400)]
    [InlineData(2, 0.5, 300)]
    public void BackoffDelayIsBetweenHalfAndAllOfTheExponentialWait(int attempt, double random, int expectedMs)
    {
        var delay = Retries.BackoffDelay(attempt, Backoff(100, 10000, 2), () => random);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Theory]
    [InlineData(10, 0.0, 5000)]
    [InlineData(10, 1.0, 10000)]
    [InlineData(100000, 1.0, 10000)]
    public void BackoffDelayIsCappedAtTheMaxInterval(int attempt, double random, int expectedMs)
    {
        var delay = Retries.BackoffDelay(attempt, Backoff(100, 10000, 2), () => random);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public void NextWaitIsLengthenedByRetryAfter()
    {
        var wait = Retries.NextWait(0, Backoff(100, 10000, 2), "2", Now, () => 1.0);
        Assert.Equal(TimeSpan.FromSeconds(2), wait);
    }

    [Fact]
    public void NextWaitIsNeverShortenedByRetryAfter()
    {
        var wait = Retries.NextWait(0, Backoff(100, 10000, 2), "0", Now, () => 1.0);
        Assert.Equal(TimeSpan.FromMilliseconds(100), wait);
    }

    [Theory]
    [InlineData("3600")]
    [InlineData("99999999999999999999")]
    [InlineData("Thu, 01 Jan 2026 00:00:00 GMT")]
    public void NextWaitCapsRetryAfterAtTheMaxInterval(string retryAfter)
    {
        var wait = Retries.NextWait(0, Backoff(100, 1000, 2), retryAfter, Now, () => 1.0);
        Assert.Equal(TimeSpan.FromMilliseconds(1000), wait);
    }

    [Fact]
    public void NextWaitIgnoresAnInvalidRetryAfter()
    {
        var wait = Retries.NextWait(1, Backoff(100, 10000, 2), "later", Now, () => 1.0);
        Assert.Equal(TimeSpan.FromMilliseconds(200), wait);
    }

    [Fact]
    public void EffectiveFillsEveryDefault()
    {
        var b = Retries.Effective(null);
        Assert.Equal(500, b.InitialIntervalMs);
        Assert.Equal(60000, b.MaxIntervalMs);
        Assert.Equal(1.5, b.Exponent);
        Assert.Equal(3600000, b.MaxElapsedTimeMs);
    }

    [Fact]
    public void EffectiveKeepsTheFieldsThatAreSet()
    {
        var b = Retries.Effective(new BackoffStrategy { InitialIntervalMs = 10, Exponent = 3 });
        Assert.Equal(10, b.InitialIntervalMs);
        Assert.Equal(60000, b.MaxIntervalMs);
        Assert.Equal(3, b.Exponent);
        Assert.Equal(3600000, b.MaxElapsedTimeMs);
    }

    [Fact]
    public void EffectiveTreatsNegativeValuesAsUnset()
    {
        var b = Retries.Effective(new BackoffStrategy { InitialIntervalMs = -1, MaxIntervalMs = -1, Exponent = -2, MaxElapsedTimeMs = -1 });
        Assert.Equal(500, b.InitialIntervalMs);
        Assert.Equal(60000, b.MaxIntervalMs);
        Assert.Equal(1.5, b.Exponent);
        Assert.Equal(3600000, b.MaxElapsedTimeMs);
    }
}
