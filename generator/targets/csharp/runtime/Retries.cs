using System;
using System.Collections.Generic;
using System.Globalization;

namespace SdkgenRuntime.Utils;

/// <summary>How a failed request is tried again. The default never retries.</summary>
public sealed class RetryConfig
{
    /// <summary>The retry strategies.</summary>
    public enum RetryStrategy
    {
        /// <summary>Never retry.</summary>
        NONE,
        /// <summary>Retry with exponential backoff and jitter.</summary>
        BACKOFF,
    }

    /// <summary>Whether and how to retry.</summary>
    public RetryStrategy Strategy { get; init; } = RetryStrategy.NONE;

    /// <summary>The shape of the waits between attempts; null takes the defaults.</summary>
    public BackoffStrategy? Backoff { get; init; }

    /// <summary>Also retry when the server cannot be reached or the connection breaks.</summary>
    public bool RetryConnectionErrors { get; init; }
}

/// <summary>The waits between attempts. Times are in milliseconds; zero takes the default.</summary>
public sealed class BackoffStrategy
{
    /// <summary>The wait before the first retry (default 500).</summary>
    public long InitialIntervalMs { get; init; }

    /// <summary>The longest wait between two attempts, which also caps Retry-After (default 60000).</summary>
    public long MaxIntervalMs { get; init; }

    /// <summary>The growth factor of the wait from one retry to the next (default 1.5).</summary>
    public double Exponent { get; init; }

    /// <summary>No retry starts once this much time has passed since the first attempt (default 3600000).</summary>
    public long MaxElapsedTimeMs { get; init; }
}

/// <summary>The retry rules: which statuses are retried and how long to wait.</summary>
internal static class Retries
{
    /// <summary>The statuses retried unless a call names others.</summary>
    public static readonly IReadOnlyList<string> DefaultRetryCodes = new[] { "429", "500", "502", "503", "504" };

    /// <summary>A strategy with every unset field at its default.</summary>
    public static BackoffStrategy Effective(BackoffStrategy? b) => new()
    {
        InitialIntervalMs = b is { InitialIntervalMs: > 0 } ? b.InitialIntervalMs : 500,
        MaxIntervalMs = b is { MaxIntervalMs: > 0 } ? b.MaxIntervalMs : 60000,
        Exponent = b is { Exponent: > 0 } ? b.Exponent : 1.5,
        MaxElapsedTimeMs = b is { MaxElapsedTimeMs: > 0 } ? b.MaxElapsedTimeMs : 3600000,
    };

    /// <summary>Whether a status is one of the codes ("503", or a range such as "5XX").</summary>
    public static bool StatusIsRetried(int status, IEnumerable<string> codes)
    {
        var text = status.ToString(CultureInfo.InvariantCulture);
        foreach (var code in codes)
        {
            if (code == text) return true;
            if (code.Length == 3 && code[0] >= '1' && code[0] <= '5' && code[0] == text[0]
                && string.Equals(code.Substring(1), "XX", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>The wait a Retry-After header asks for (delta-seconds or an HTTP date), or null when it is not valid.</summary>
    public static TimeSpan? RetryAfter(string? header, DateTimeOffset now)
    {
        var text = header?.Trim() ?? "";
        if (text.Length == 0) return null;
        if (IsDigits(text))
        {
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= TimeSpan.MaxValue.TotalSeconds
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.MaxValue;
        }
        if (!DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)) return null;
        var wait = date - now;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text) if (c < '0' || c > '9') return false;
        return text.Length > 0;
    }

    /// <summary>
    /// The wait before retry number <paramref name="attempt"/> (0 for the first retry): exponential growth
    /// with jitter between half and all of the computed wait, never above MaxIntervalMs.
    /// </summary>
    public static TimeSpan BackoffDelay(int attempt, BackoffStrategy b, Func<double> random)
    {
        var computed = b.InitialIntervalMs * Math.Pow(b.Exponent, attempt);
        if (double.IsNaN(computed) || double.IsInfinity(computed) || computed > b.MaxIntervalMs) computed = b.MaxIntervalMs;
        return TimeSpan.FromMilliseconds(Math.Round(computed * (0.5 + random() * 0.5)));
    }

    /// <summary>The backoff, lengthened (never shortened) by Retry-After, and capped by MaxIntervalMs.</summary>
    public static TimeSpan NextWait(int attempt, BackoffStrategy b, string? retryAfter, DateTimeOffset now, Func<double> random)
    {
        var wait = BackoffDelay(attempt, b, random);
        var fromServer = RetryAfter(retryAfter, now);
        if (fromServer is { } asked && asked > wait) wait = asked;
        var limit = TimeSpan.FromMilliseconds(b.MaxIntervalMs);
        return wait > limit ? limit : wait;
    }
}
