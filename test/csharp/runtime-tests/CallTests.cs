namespace SdkgenRuntime.Tests;

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SdkgenRuntime.Models.Errors;
using SdkgenRuntime.Utils;
using Xunit;

/// <summary>A request as the transport received it.</summary>
public sealed record SeenRequest(string Method, Uri Uri, Dictionary<string, string> Headers, byte[]? Body, string? ContentType);

/// <summary>An in-process transport: records each request and answers with the responder (given the request's index).</summary>
public sealed class StubHandler : HttpMessageHandler
{
    private readonly Func<SeenRequest, int, CancellationToken, Task<HttpResponseMessage>> _respond;

    public List<SeenRequest> Requests { get; } = new();

    public StubHandler(Func<SeenRequest, int, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

    public StubHandler(Func<SeenRequest, int, HttpResponseMessage> respond) : this((r, i, _) => Task.FromResult(respond(r, i))) { }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var seen = new SeenRequest(request.Method.Method, request.RequestUri!, headers, body, request.Content?.Headers.ContentType?.ToString());
        Requests.Add(seen);
        return await _respond(seen, Requests.Count - 1, cancellationToken);
    }
}

/// <summary>Response content that records whether it was disposed.</summary>
public sealed class DisposeRecordingContent : ByteArrayContent
{
    public bool Disposed { get; private set; }

    public DisposeRecordingContent(string body) : base(Encoding.UTF8.GetBytes(body)) { }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}

public class CallTests
{
    private static HttpResponseMessage Status(int status, string body = "{}")
    {
        return new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }

    private static HttpResponseMessage Redirect(int status, string location)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status);
        response.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
        return response;
    }

    private static SDKConfig Config(StubHandler handler, string? token = "tok")
    {
        var config = new SDKConfig(new HttpClient(handler)) { ServerUrl = "http://a.example" };
        config.Schemes.Add(new SecurityScheme("accessToken", "apiKey", "header", "X-Plex-Token"));
        config.Security.Add(new[] { "accessToken" });
        if (token is not null) config.Credentials["accessToken"] = () => token;
        return config;
    }

    private static readonly RetryConfig FastBackoff = new()
    {
        Strategy = RetryConfig.RetryStrategy.BACKOFF,
        Backoff = new BackoffStrategy { InitialIntervalMs = 1, MaxIntervalMs = 5, Exponent = 1.5, MaxElapsedTimeMs = 10000 },
    };

    private static Task<CallResponse> Send(SDKConfig config, RequestOptions? options = null, string method = "GET", string path = "/path", Action<Call>? prepare = null)
    {
        var call = new Call(config, "getThing", method, path, "application/json");
        prepare?.Invoke(call);
        return call.SendAsync(null, options, CancellationToken.None);
    }

    [Fact]
    public async Task SendsTheUrlParametersAndCredential()
    {
        var handler = new StubHandler((_, _) => Status(200, "{\"ok\":true}"));
        var config = Config(handler);
        config.ServerUrl = "http://a.example/api/";
        var response = await Send(config, path: "/items/{id}", prepare: call =>
        {
            call.Param("path", "id", "simple", false, JsonDocument.Parse("\"a/b\"").RootElement);
            call.Param("query", "tags", "form", false, JsonDocument.Parse("[\"x y\",\"z\"]").RootElement);
            call.Param("header", "X-Trace", "simple", false, JsonDocument.Parse("7").RootElement);
        });
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("{\"ok\":true}", response.Text);
        var seen = Assert.Single(handler.Requests);
        Assert.Equal("http://a.example/api/items/a%2Fb?tags=x%20y,z", seen.Uri.AbsoluteUri);
        Assert.Equal("tok", seen.Headers["X-Plex-Token"]);
        Assert.Equal("7", seen.Headers["X-Trace"]);
        Assert.Equal("application/json", seen.Headers["Accept"]);
    }

    [Fact]
    public async Task SendsTheBodyWithItsContentType()
    {
        var handler = new StubHandler((_, _) => Status(201));
        await Send(Config(handler), method: "POST", prepare: call => call.Body("application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("a=1")));
        var seen = Assert.Single(handler.Requests);
        Assert.Equal("POST", seen.Method);
        Assert.Equal("a=1", Encoding.UTF8.GetString(seen.Body!));
        Assert.Equal("application/x-www-form-urlencoded", seen.ContentType);
    }

    [Fact]
    public async Task SkipsASecurityAlternativeWithoutItsCredential()
    {
        var handler = new StubHandler((_, _) => Status(200));
        await Send(Config(handler, token: null));
        Assert.False(Assert.Single(handler.Requests).Headers.ContainsKey("X-Plex-Token"));
    }

    [Fact]
    public async Task RefusesAServerUrlThatIsNotHttp()
    {
        var handler = new StubHandler((_, _) => Status(200));
        var config = Config(handler);
        config.ServerUrl = "ftp://a.example";
        var e = await Assert.ThrowsAsync<SDKValidationException>(() => Send(config));
        Assert.Equal("serverURL", e.Path);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task RefusesACredentialWithALineBreak()
    {
        var handler = new StubHandler((_, _) => Status(200));
        var e = await Assert.ThrowsAsync<SDKValidationException>(() => Send(Config(handler, token: "tok\r\nX-Evil: 1")));
        Assert.Equal("X-Plex-Token", e.Path);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task DoesNotRetryByDefault()
    {
        var handler = new StubHandler((_, _) => Status(503));
        var response = await Send(Config(handler));
        Assert.Equal(503, response.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task RetriesA503UntilItSucceeds()
    {
        var handler = new StubHandler((_, i) => Status(i < 2 ? 503 : 200));
        var response = await Send(Config(handler), new RequestOptions { RetryConfig = FastBackoff });
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task UsesTheClientRetryPolicyWhenTheCallHasNone()
    {
        var handler = new StubHandler((_, i) => Status(i == 0 ? 429 : 200));
        var config = Config(handler);
        config.Retry = FastBackoff;
        Assert.Equal(200, (await Send(config)).StatusCode);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task DoesNotRetryAStatusOutsideTheRetryCodes()
    {
        var handler = new StubHandler((_, i) => Status(i == 0 ? 501 : 200));
        var response = await Send(Config(handler), new RequestOptions { RetryConfig = FastBackoff });
        Assert.Equal(501, response.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task RetriesTheStatusesTheCallNames()
    {
        var handler = new StubHandler((_, i) => Status(i == 0 ? 501 : 200));
        var response = await Send(Config(handler), new RequestOptions { RetryConfig = FastBackoff, RetryCodes = new[] { "5XX" } });
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task StopsRetryingOnceTheMaxElapsedTimeWouldPass()
    {
        var handler = new StubHandler((_, _) => Status(503));
        var policy = new RetryConfig
        {
            Strategy = RetryConfig.RetryStrategy.BACKOFF,
            Backoff = new BackoffStrategy { InitialIntervalMs = 200, MaxIntervalMs = 200, Exponent = 1, MaxElapsedTimeMs = 50 },
        };
        var response = await Send(Config(handler), new RequestOptions { RetryConfig = policy });
        Assert.Equal(503, response.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task HonoursRetryAfter()
    {
        var handler = new StubHandler((_, i) =>
        {
            var response = Status(i == 0 ? 503 : 200);
            if (i == 0) response.Headers.TryAddWithoutValidation("Retry-After", "1");
            return response;
        });
        var policy = new RetryConfig
        {
            Strategy = RetryConfig.RetryStrategy.BACKOFF,
            Backoff = new BackoffStrategy { InitialIntervalMs = 1, MaxIntervalMs = 5000, Exponent = 1, MaxElapsedTimeMs = 10000 },
        };
        var clock = Stopwatch.StartNew();
        var result = await Send(Config(handler), new RequestOptions { RetryConfig = policy });
        Assert.Equal(200, result.StatusCode);
        Assert.InRange(clock.ElapsedMilliseconds, 900, 10000);
    }

    [Fact]
    public async Task CapsRetryAfterAtTheMaxInterval()
    {
        var handler = new StubHandler((_, i) =>
        {
            var response = Status(i == 0 ? 503 : 200);
            if (i == 0) response.Headers.TryAddWithoutValidation("Retry-After", "3600");
            return response;
        });
        var clock = Stopwatch.StartNew();
        var result = await Send(Config(handler), new RequestOptions { RetryConfig = FastBackoff });
        Assert.Equal(200, result.StatusCode);
        Assert.InRange(clock.ElapsedMilliseconds, 0, 2000);
    }

    [Fact]
    public async Task TurnsAnHttpRequestExceptionIntoAConnectionException()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException("connection refused"));
        var e = await Assert.ThrowsAsync<ConnectionException>(() => Send(Config(handler)));
        Assert.Equal("getThing: connection refused", e.Message);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.Null(e.StatusCode);
    }

    [Fact]
    public async Task NamesTheCauseOfAConnectionException()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException("Error while copying content", new System.IO.IOException("broken pipe")));
        var e = await Assert.ThrowsAsync<ConnectionException>(() => Send(Config(handler)));
        Assert.Equal("getThing: Error while copying content (broken pipe)", e.Message);
    }

    [Fact]
    public async Task RetriesConnectionErrorsOnlyWhenAsked()
    {
        Func<SeenRequest, int, HttpResponseMessage> flaky = (_, i) => i == 0 ? throw new HttpRequestException("reset") : Status(200);

        var plain = new StubHandler(flaky);
        await Assert.ThrowsAsync<ConnectionException>(() => Send(Config(plain), new RequestOptions { RetryConfig = FastBackoff }));
        Assert.Single(plain.Requests);

        var retrying = new StubHandler(flaky);
        var policy = new RetryConfig { Strategy = RetryConfig.RetryStrategy.BACKOFF, Backoff = FastBackoff.Backoff, RetryConnectionErrors = true };
        Assert.Equal(200, (await Send(Config(retrying), new RequestOptions { RetryConfig = policy })).StatusCode);
        Assert.Equal(2, retrying.Requests.Count);
    }

    [Fact]
    public async Task ReportsAConnectionRefusedByARealSocket()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var config = new SDKConfig(null) { ServerUrl = $"http://127.0.0.1:{port}" };
        await Assert.ThrowsAsync<ConnectionException>(() => Send(config));
    }

    [Fact]
    public async Task TurnsTheAttemptTimeoutIntoARequestTimeoutException()
    {
        var handler = new StubHandler(async (_, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return Status(200);
        });
        var e = await Assert.ThrowsAsync<RequestTimeoutException>(() => Send(Config(handler), new RequestOptions { Timeout = TimeSpan.FromMilliseconds(50) }));
        Assert.Contains("getThing timed out after 50 ms", e.Message);
    }

    [Fact]
    public async Task LetsTheCallerCancellationThrough()
    {
        var handler = new StubHandler(async (_, _, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return Status(200);
        });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var call = new Call(Config(handler), "getThing", "GET", "/path", "application/json");
        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.SendAsync(null, new RequestOptions { Timeout = TimeSpan.FromSeconds(30) }, cancel.Token));
        Assert.IsNotType<RequestTimeoutException>(e);
    }

    [Fact]
    public async Task DropsTheCredentialOnACrossOriginRedirect()
    {
        var handler = new StubHandler((_, i) => i == 0 ? Redirect(302, "http://b.example/elsewhere") : Status(200));
        Assert.Equal(200, (await Send(Config(handler))).StatusCode);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("tok", handler.Requests[0].Headers["X-Plex-Token"]);
        var second = handler.Requests[1];
        Assert.Equal("http://b.example/elsewhere", second.Uri.AbsoluteUri);
        Assert.False(second.Headers.ContainsKey("X-Plex-Token"));
        Assert.Equal("application/json", second.Headers["Accept"]);
    }

    [Theory]
    [InlineData("https://a.example/path")]
    [InlineData("http://a.example:8080/path")]
    public async Task ADifferentSchemeOrPortIsAnotherOrigin(string location)
    {
        var handler = new StubHandler((_, i) => i == 0 ? Redirect(307, location) : Status(200));
        await Send(Config(handler));
        Assert.False(handler.Requests[1].Headers.ContainsKey("X-Plex-Token"));
    }

    [Theory]
    [InlineData("/other")]
    [InlineData("http://A.EXAMPLE:80/other")]
    public async Task KeepsTheCredentialOnASameOriginRedirect(string location)
    {
        var handler = new StubHandler((_, i) => i == 0 ? Redirect(301, location) : Status(200));
        await Send(Config(handler));
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("http://a.example/other", handler.Requests[1].Uri.AbsoluteUri);
        Assert.Equal("tok", handler.Requests[1].Headers["X-Plex-Token"]);
    }

    [Fact]
    public async Task KeepsTheCredentialDroppedAfterRedirectingBackToTheOrigin()
    {
        var handler = new StubHandler((_, i) => i switch
        {
            0 => Redirect(302, "http://b.example/hop"),
            1 => Redirect(302, "http://a.example/back"),
            _ => Status(200),
        });
        await Send(Config(handler));
        Assert.Equal(3, handler.Requests.Count);
        Assert.False(handler.Requests[2].Headers.ContainsKey("X-Plex-Token"));
    }

    [Theory]
    [InlineData(303, "POST", "GET", false)]
    [InlineData(302, "POST", "GET", false)]
    [InlineData(301, "POST", "GET", false)]
    [InlineData(303, "PUT", "GET", false)]
    [InlineData(307, "POST", "POST", true)]
    [InlineData(308, "PUT", "PUT", true)]
    [InlineData(302, "PUT", "PUT", true)]
    public async Task RedirectsChangeTheMethodAsHttpSays(int status, string method, string expectedMethod, bool keepsBody)
    {
        var handler = new StubHandler((_, i) => i == 0 ? Redirect(status, "/next") : Status(200));
        await Send(Config(handler), method: method, prepare: call => call.Body("application/json", Encoding.UTF8.GetBytes("{\"a\":1}")));
        var second = handler.Requests[1];
        Assert.Equal(expectedMethod, second.Method);
        if (keepsBody)
        {
            Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(second.Body!));
            Assert.Equal("application/json", second.ContentType);
        }
        else
        {
            Assert.Empty(second.Body ?? Array.Empty<byte>());
            Assert.Null(second.ContentType);
        }
    }

    [Fact]
    public async Task ReturnsARedirectWithoutLocationAsItIs()
    {
        var handler = new StubHandler((_, _) => Status(302));
        Assert.Equal(302, (await Send(Config(handler))).StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GivesUpAfterTwentyRedirects()
    {
        var handler = new StubHandler((_, i) => Redirect(302, $"/hop{i}"));
        var e = await Assert.ThrowsAsync<ConnectionException>(() => Send(Config(handler)));
        Assert.Contains("more than 20 redirects", e.Message);
        Assert.Equal(21, handler.Requests.Count);
    }

    [Theory]
    [InlineData("ftp://b.example/file")]
    [InlineData("file:///etc/passwd")]
    public async Task RefusesARedirectToASchemeOtherThanHttp(string location)
    {
        var handler = new StubHandler((_, i) => i == 0 ? Redirect(302, location) : Status(200));
        var e = await Assert.ThrowsAsync<ConnectionException>(() => Send(Config(handler)));
        var scheme = new Uri(location).Scheme;
        Assert.Equal($"getThing: a redirect to a {scheme} URL is not followed", e.Message);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task DisposesTheResponsesItRetries()
    {
        var contents = new List<DisposeRecordingContent>();
        var handler = new StubHandler((_, i) =>
        {
            var content = new DisposeRecordingContent(i < 2 ? "busy" : "{}");
            contents.Add(content);
            return new HttpResponseMessage(i < 2 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK) { Content = content };
        });
        var response = await Send(Config(handler), new RequestOptions { RetryConfig = FastBackoff });
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(new[] { true, true, false }, contents.Select(c => c.Disposed));
        Assert.Same(contents[2], response.Raw.Content);
    }

    [Fact]
    public async Task KeepsTheLastResponseWhenRetriesRunOut()
    {
        var content = new DisposeRecordingContent("busy");
        var handler = new StubHandler((_, _) => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = content });
        var policy = new RetryConfig
        {
            Strategy = RetryConfig.RetryStrategy.BACKOFF,
            Backoff = new BackoffStrategy { InitialIntervalMs = 200, MaxIntervalMs = 200, Exponent = 1, MaxElapsedTimeMs = 50 },
        };
        var response = await Send(Config(handler), new RequestOptions { RetryConfig = policy });
        Assert.Equal(503, response.StatusCode);
        Assert.Equal("busy", response.Text);
        Assert.False(content.Disposed);
    }

    [Fact]
    public async Task DisposesTheRedirectResponsesItFollows()
    {
        var hop = new DisposeRecordingContent("");
        var handler = new StubHandler((_, i) =>
        {
            if (i > 0) return Status(200);
            var redirect = Redirect(302, "/next");
            redirect.Content = hop;
            return redirect;
        });
        Assert.Equal(200, (await Send(Config(handler))).StatusCode);
        Assert.True(hop.Disposed);
    }
}
