using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.IO;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SdkgenRuntime.Models.Errors;

namespace SdkgenRuntime.Utils;

/// <summary>A variable of a server URL template.</summary>
internal sealed record ServerVariable(string Name, string Default, params string[] Values);

/// <summary>A server URL template and its variables.</summary>
internal sealed record ServerTemplate(string Url, params ServerVariable[] Variables);

/// <summary>How a security scheme carries its credential.</summary>
internal sealed record SecurityScheme(string Key, string Kind, string In, string Name);

/// <summary>Everything a call reads from its client: transport, servers, credentials, globals, policies.</summary>
internal sealed class SDKConfig
{
    public HttpClient Client { get; }
    public List<ServerTemplate> Servers { get; } = new();
    public int ServerIndex { get; set; }
    public string? ServerUrl { get; set; }
    public Dictionary<string, string> Variables { get; } = new();
    public List<SecurityScheme> Schemes { get; } = new();
    public List<string[]> Security { get; } = new();
    public Dictionary<string, Func<object?>> Credentials { get; } = new();
    public List<(string In, string Name, string Style, bool Explode, JsonElement Value)> Globals { get; } = new();
    public TimeSpan? Timeout { get; set; }
    public RetryConfig? Retry { get; set; }
    public SDKHooks Hooks { get; set; } = new();

    /// <summary>Uses the given client, or one that leaves redirects and cookies to the SDK and never times out by itself.</summary>
    public SDKConfig(HttpClient? client)
    {
        Client = client ?? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    public void SetGlobal<T>(string location, string name, string style, bool explode, T? value, Action<Utf8JsonWriter, T, string> write)
    {
        if (value is null) return;
        Globals.Add((location, name, style, explode, Json.ToElement(value, write, name)));
    }
}

/// <summary>One operation call being prepared, then sent with the retry policy.</summary>
internal sealed class Call
{
    private const int MaxRedirects = 20;
    private readonly SDKConfig _config;
    private readonly string _operationId;
    private readonly string _method;
    private string _path;
    private ServerTemplate? _server;
    private string[][]? _security;
    private readonly List<string> _query = new();
    private readonly List<KeyValuePair<string, string>> _headers = new();
    private readonly List<string> _cookies = new();
    private readonly HashSet<string> _given = new();
    private byte[]? _body;
    private string? _contentType;

    public Call(SDKConfig config, string operationId, string method, string path, string accept)
    {
        _config = config;
        _operationId = operationId;
        _method = method;
        _path = path;
        if (accept.Length > 0) _headers.Add(new("Accept", accept));
    }

    /// <summary>The operation's own server, which the client's server URL does not replace.</summary>
    public void Server(ServerTemplate server) => _server = server;

    /// <summary>The operation's own security alternatives; none means no security.</summary>
    public void Security(params string[][] alternatives) => _security = alternatives;

    private static string Key(string location, string name) => location == "header" ? $"header:{name.ToLowerInvariant()}" : $"{location}:{name}";

    /// <summary>Adds a parameter, from the JSON form of its value.</summary>
    public void Param(string location, string name, string style, bool explode, JsonElement value)
    {
        _given.Add(Key(location, name));
        Apply(location, name, style, explode, value);
    }

    private void Apply(string location, string name, string style, bool explode, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) return;
        switch (location)
        {
            case "path":
                _path = _path.Replace("{" + name + "}", ParamEncoding.Path(name, style, explode, value));
                break;
            case "query":
                _query.AddRange(ParamEncoding.Query(name, style, explode, value));
                break;
            case "header":
                _headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
                _headers.Add(new(name, ParamEncoding.Header(name, explode, value)));
                break;
            case "cookie":
                _cookies.Add(ParamEncoding.Cookie(name, value));
                break;
        }
    }

    /// <summary>Sets the body, already encoded for its content type.</summary>
    public void Body(string contentType, byte[] data)
    {
        _body = data;
        _contentType = contentType;
    }

    private string ResolveServer(ServerTemplate server, IReadOnlyDictionary<string, string> variables)
    {
        var url = server.Url;
        foreach (var v in server.Variables)
        {
            var value = variables.TryGetValue(v.Name, out var set) ? set : v.Default;
            if (v.Values.Length > 0 && !v.Values.Contains(value))
            {
                throw new SDKValidationException($"not one of the allowed values {string.Join(", ", v.Values)}", $"server variable {v.Name}");
            }
            url = url.Replace("{" + v.Name + "}", value);
        }
        return url;
    }

    private string BaseUrl(string? serverUrl)
    {
        if (!string.IsNullOrEmpty(serverUrl)) return serverUrl!;
        if (_server is not null) return ResolveServer(_server, new Dictionary<string, string>());
        if (!string.IsNullOrEmpty(_config.ServerUrl)) return _config.ServerUrl!;
        if (_config.ServerIndex < 0 || _config.ServerIndex >= _config.Servers.Count)
        {
            throw new SDKValidationException($"no server at index {_config.ServerIndex}", "serverIndex");
        }
        return ResolveServer(_config.Servers[_config.ServerIndex], _config.Variables);
    }

    /// <summary>Applies the first alternative whose every scheme has a credential; returns the headers that carry credentials.</summary>
    private List<string> ApplySecurity()
    {
        var credentialHeaders = new List<string>();
        foreach (var alternative in _security ?? _config.Security.ToArray())
        {
            var values = alternative.Select(key => _config.Credentials.TryGetValue(key, out var get) ? get() : null).ToList();
            if (values.Any(v => v is null || v is string { Length: 0 })) continue;
            for (var i = 0; i < alternative.Length; i++)
            {
                var scheme = _config.Schemes.First(s => s.Key == alternative[i]);
                if (values[i] is BasicAuth basic)
                {
                    var token = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{basic.Username}:{basic.Password}"));
                    SetHeader("Authorization", "Basic " + token, credentialHeaders);
                    continue;
                }
                var text = values[i]!.ToString()!;
                switch (scheme.Kind)
                {
                    case "bearer":
                        SetHeader("Authorization", text.StartsWith("bearer ", StringComparison.OrdinalIgnoreCase) ? text : "Bearer " + text, credentialHeaders);
                        break;
                    case "apiKey" when scheme.In == "header":
                        SetHeader(scheme.Name, text, credentialHeaders);
                        break;
                    case "apiKey" when scheme.In == "query":
                        _query.Add($"{ParamEncoding.Escape(scheme.Name)}={ParamEncoding.Escape(text)}");
                        break;
                    case "apiKey" when scheme.In == "cookie":
                        _cookies.Add($"{scheme.Name}={ParamEncoding.Escape(text)}");
                        credentialHeaders.Add("Cookie");
                        break;
                }
            }
            return credentialHeaders;
        }
        return credentialHeaders;
    }

    private void SetHeader(string name, string value, List<string> credentialHeaders)
    {
        _headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        _headers.Add(new(name, ParamEncoding.HeaderSafe(value, name)));
        credentialHeaders.Add(name);
    }

    /// <summary>Prepares the request, sends it with the retry policy and reads the response.</summary>
    public async Task<CallResponse> SendAsync(string? serverUrl, RequestOptions? options, CancellationToken cancellationToken)
    {
        foreach (var g in _config.Globals)
        {
            if (!_given.Contains(Key(g.In, g.Name))) Apply(g.In, g.Name, g.Style, g.Explode, g.Value);
        }
        var credentialHeaders = ApplySecurity();
        if (_cookies.Count > 0) _headers.Add(new("Cookie", string.Join("; ", _cookies)));
        var baseUrl = BaseUrl(serverUrl);
        var target = baseUrl.TrimEnd('/') + _path + (_query.Count > 0 ? "?" + string.Join("&", _query) : "");
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            throw new SDKValidationException("the URL is not a valid http(s) URL", "serverURL");
        }

        var policy = options?.RetryConfig ?? _config.Retry;
        var codes = options?.RetryCodes ?? Retries.DefaultRetryCodes;
        var timeout = options?.Timeout ?? _config.Timeout;
        var backoff = Retries.Effective(policy?.Backoff);
        var started = DateTimeOffset.UtcNow;
        for (var attempt = 1; ; attempt++)
        {
            CallResponse? response = null;
            Exception? error = null;
            try
            {
                response = await AttemptAsync(uri, baseUrl, attempt, timeout, credentialHeaders, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectionException e)
            {
                error = e;
            }
            var retryable = policy is { Strategy: RetryConfig.RetryStrategy.BACKOFF }
                && (response is not null && Retries.StatusIsRetried(response.StatusCode, codes) || error is not null && policy.RetryConnectionErrors);
            if (retryable)
            {
                var retryAfter = response?.Raw.Headers.TryGetValues("Retry-After", out var values) == true ? values.FirstOrDefault() : null;
                var wait = Retries.NextWait(attempt - 1, backoff, retryAfter, DateTimeOffset.UtcNow, Random.Shared.NextDouble);
                if (DateTimeOffset.UtcNow - started + wait <= TimeSpan.FromMilliseconds(backoff.MaxElapsedTimeMs))
                {
                    response?.Raw.Dispose();
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }
            if (error is not null) throw error;
            return response!;
        }
    }

    private async Task<CallResponse> AttemptAsync(Uri uri, string baseUrl, int attempt, TimeSpan? timeout, List<string> credentialHeaders, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit && limit > TimeSpan.Zero) timer.CancelAfter(limit);
        var context = new HookContext(_operationId, baseUrl, attempt);
        HttpResponseMessage? raw = null;
        try
        {
            try
            {
                raw = await FollowAsync(uri, context, credentialHeaders, timer.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                var cause = e.InnerException is { } inner ? $" ({inner.Message})" : "";
                var failure = new ConnectionException($"{_operationId}: {e.Message}{cause}", e);
                var (replacement, hookError) = await _config.Hooks.AfterErrorAsync(context, null, failure).ConfigureAwait(false);
                if (replacement is null) throw hookError ?? failure;
                // The after-error hooks have had their say on this attempt: their response is used as it is.
                return await ReadAsync(replacement, timer.Token).ConfigureAwait(false);
            }
            if ((int)raw.StatusCode is >= 200 and < 300)
            {
                raw = await _config.Hooks.AfterSuccessAsync(context, raw).ConfigureAwait(false);
            }
            else
            {
                var (replacement, hookError) = await _config.Hooks.AfterErrorAsync(context, raw, null).ConfigureAwait(false);
                if (replacement is null) throw hookError ?? new ConnectionException($"{_operationId}: an after-error hook dropped the response");
                raw = replacement;
            }
            return await ReadAsync(raw, timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            raw?.Dispose();
            // Cancelled by the attempt's timer, or by the HttpClient's own Timeout.
            throw new RequestTimeoutException($"{_operationId} timed out after {timeout?.TotalMilliseconds ?? 0} ms", e);
        }
        catch (IOException e)
        {
            raw?.Dispose();
            throw new ConnectionException($"{_operationId}: {e.Message}", e);
        }
    }

    private static async Task<CallResponse> ReadAsync(HttpResponseMessage raw, CancellationToken token) =>
        new(raw, await raw.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false));

    private HttpRequestMessage Build(string method, Uri uri, List<KeyValuePair<string, string>> headers, byte[]? body, string? contentType)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), uri);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        else
        {
            // SocketsHttpHandler silently resends a request without content up to three times when the
            // connection drops before an answer; content it has begun to send is never resent, so
            // only the retry policy retries.
            request.Content = new ByteArrayContent(Array.Empty<byte>());
        }
        return request;
    }

    private static string Origin(Uri u) => $"{u.Scheme.ToLowerInvariant()}://{u.Host.ToLowerInvariant()}:{u.Port}";

    /// <summary>
    /// Sends the request and follows redirects itself: credential headers are dropped when the target is
    /// another origin, and 303 (or 301/302 after a POST) turns the request into a GET without a body.
    /// </summary>
    private async Task<HttpResponseMessage> FollowAsync(Uri uri, HookContext context, List<string> credentialHeaders, CancellationToken token)
    {
        var method = _method;
        var headers = new List<KeyValuePair<string, string>>(_headers);
        var body = _body;
        for (var hops = 0; ; hops++)
        {
            var request = await _config.Hooks.BeforeRequestAsync(context, Build(method, uri, headers, body, _contentType)).ConfigureAwait(false);
            var response = await _config.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is null) return response;
            var next = response.Headers.Location.IsAbsoluteUri ? response.Headers.Location : new Uri(uri, response.Headers.Location);
            response.Dispose();
            if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps) throw new HttpRequestException($"a redirect to a {next.Scheme} URL is not followed");
            if (hops >= MaxRedirects) throw new HttpRequestException($"more than {MaxRedirects} redirects");
            if (Origin(next) != Origin(uri))
            {
                headers.RemoveAll(h => credentialHeaders.Any(c => string.Equals(c, h.Key, StringComparison.OrdinalIgnoreCase)));
            }
            if (status == 303 || (status is 301 or 302 && method == "POST"))
            {
                if (method != "HEAD") method = "GET";
                body = null;
            }
            uri = next;
        }
    }
}

/// <summary>An answer with its body already read.</summary>
internal sealed class CallResponse
{
    private JsonElement? _decoded;

    public HttpResponseMessage Raw { get; }
    public int StatusCode => (int)Raw.StatusCode;
    public string ContentType { get; }
    public byte[] Bytes { get; }
    public string Text => System.Text.Encoding.UTF8.GetString(Bytes);

    public CallResponse(HttpResponseMessage raw, byte[] bytes)
    {
        Raw = raw;
        Bytes = bytes;
        ContentType = raw.Content.Headers.ContentType?.ToString() ?? "";
    }

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>The index of the declared status that matches: exact, then a range ("4XX"), then "default"; -1 for none.</summary>
    public int Pick(params string[] statuses)
    {
        var text = StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var exact = Array.IndexOf(statuses, text);
        if (exact >= 0) return exact;
        var range = Array.FindIndex(statuses, s => s.Length == 3 && s[0] == text[0] && string.Equals(s.Substring(1), "XX", StringComparison.OrdinalIgnoreCase));
        return range >= 0 ? range : Array.IndexOf(statuses, "default");
    }

    private static string MediaType(string contentType) => contentType.Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>Whether the response's content type satisfies a declared one (which may be a range such as "application/*").</summary>
    public bool ContentTypeIs(string declared)
    {
        var want = MediaType(declared);
        var got = MediaType(ContentType);
        return want == "*/*" || want == got || (want.EndsWith("/*", StringComparison.Ordinal) && got.StartsWith(want.Substring(0, want.Length - 1), StringComparison.Ordinal));
    }

    /// <summary>The body read as JSON with a model's reader; a mismatch is a <see cref="ResponseValidationException"/>.</summary>
    public T DecodeJson<T>(Func<JsonElement, string, T> read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(Bytes);
        }
        catch (JsonException e)
        {
            throw new ResponseValidationException("the body is not valid JSON", "$", this, e);
        }
        using (document)
        {
            _decoded = document.RootElement.Clone();
            try
            {
                return read(document.RootElement, "$");
            }
            catch (JsonIssue e)
            {
                throw new ResponseValidationException(e.Message, e.Path, this, e);
            }
        }
    }

    /// <summary>The error for a response the API description does not declare.</summary>
    public SDKException Unexpected(string message) => new(message, this);

    /// <summary>The message of a declared error: the text at a path of the decoded body, or the fallback.</summary>
    public string MessageAt(string[]? path, string fallback)
    {
        var found = path is not null && _decoded is { } root ? Json.TextAt(root, path) : "";
        return found.Length > 0 ? found : fallback;
    }
}
