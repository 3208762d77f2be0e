using System;
using System.Collections.Generic;

namespace SdkgenRuntime.Utils;

/// <summary>Settings of one call that replace the client's.</summary>
public sealed class RequestOptions
{
    /// <summary>The longest one attempt may take; null keeps the client's timeout.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The retry policy of this call; null keeps the client's.</summary>
    public RetryConfig? RetryConfig { get; init; }

    /// <summary>The statuses retried ("503", or ranges such as "5XX"); null keeps the defaults (429, 500, 502, 503, 504).</summary>
    public IReadOnlyList<string>? RetryCodes { get; init; }
}

/// <summary>A user name and password for HTTP basic authentication.</summary>
public sealed record BasicAuth(string Username, string Password);
