namespace SdkgenRuntime.Tests;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SdkgenRuntime.Models.Errors;
using SdkgenRuntime.Utils;
using Xunit;

public sealed class BeforeHook : IBeforeRequestHook
{
    private readonly Func<HookContext, HttpRequestMessage, HttpRequestMessage> _run;

    public BeforeHook(Func<HookContext, HttpRequestMessage, HttpRequestMessage> run) => _run = run;

    public Task<HttpRequestMessage> BeforeRequestAsync(HookContext context, HttpRequestMessage request) => Task.FromResult(_run(context, request));
}

public sealed class SuccessHook : IAfterSuccessHook
{
    private readonly Func<HookContext, HttpResponseMessage, HttpResponseMessage> _run;

    public SuccessHook(Func<HookContext, HttpResponseMessage, HttpResponseMessage> run) => _run = run;

    public Task<HttpResponseMessage> AfterSuccessAsync(HookContext context, HttpResponseMessage response) => Task.FromResult(_run(context, response));
}

public sealed class ErrorHook : IAfterErrorHook
{
    private readonly Func<HookContext, HttpResponseMessage?, Exception?, (HttpResponseMessage?, Exception?)> _run;

    public ErrorHook(Func<HookContext, HttpResponseMessage?, Exception?, (HttpResponseMessage?, Exception?)> run) => _run = run;

    public Task<(HttpResponseMessage? Response, Exception? Error)> AfterErrorAsync(HookContext context, HttpResponseMessage? response, Exception? error) =>
        Task.FromResult<(HttpResponseMessage?, Exception?)>(_run(context, response, error));
}

/// <summary>One object that is every kind of hook, logging each run.</summary>
public sealed class EveryHook : IBeforeRequestHook, IAfterSuccessHook, IAfterErrorHook
{
    public List<string> Log { get; } = new();

    public Task<HttpRequestMessage> BeforeRequestAsync(HookContext context, HttpRequestMessage request)
    {
        Log.Add("before");
        return Task.FromResult(request);
    }

    public Task<HttpResponseMessage> AfterSuccessAsync(HookContext context, HttpResponseMessage response)
    {
        Log.Add("success");
        return Task.FromResult(response);
    }

    public Task<(HttpResponseMessage? Response, Exception? Error)> AfterErrorAsync(HookContext context, HttpResponseMessage? response, Exception? error)
    {
        Log.Add("error");
        return Task.FromResult((response, error));
    }
}

public class HooksTests
{
    private static HttpResponseMessage Status(int status, string body = "{}") =>
        new((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static SDKConfig Config(StubHandler handler) => new(new HttpClient(handler)) { ServerUrl = "http://a.example" };

    private static readonly RetryConfig FastBackoff = new()
    {
        Strategy = RetryConfig.RetryStrategy.BACKOFF,
        Backoff = new BackoffStrategy { InitialIntervalMs = 1, MaxIntervalMs = 5, Exponent = 1.5, MaxElapsedTimeMs = 10000 },
        RetryConnectionErrors = true,
    };

    private static Task<CallResponse> Send(SDKConfig config, RequestOptions? options = null, string? serverUrl = null) =>
        new Call(config, "getThing", "GET", "/path", "application/json").SendAsync(serverUrl, options, CancellationToken.None);

    [Fact]
    public async Task ABeforeRequestHookCanReplaceTheRequest()
    {
        var handler = new StubHandler((_, _) => Status(200));
        var config = Config(handler);
        config.Hooks.Register(new BeforeHook((_, request) =>
        {
            var replacement = new HttpRequestMessage(HttpMethod.Put, new Uri(request.RequestUri!, "/replaced"));
            foreach (var header in request.Headers) replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
            replacement.Headers.TryAddWithoutValidation("X-Hooked", "yes");
            return replacement;
        }));
        await Send(config);
        var seen = Assert.Single(handler.Requests);
        Assert.Equal("PUT", seen.Method);
        Assert.Equal("http://a.example/replaced", seen.Uri.AbsoluteUri);
        Assert.Equal("yes", seen.Headers["X-Hooked"]);
        Assert.Equal("application/json", seen.Headers["Accept"]);
    }

    [Fact]
    public async Task ABeforeRequestHookRunsForEveryRedirectHop()
    {
        var handler = new StubHandler((_, i) =>
        {
            if (i > 0) return Status(200);
            var redirect = new HttpResponseMessage(HttpStatusCode.Found);
            redirect.Headers.Location = new Uri("/next", UriKind.Relative);
            return redirect;
        });
        var config = Config(handler);
        var hops = 0;
        config.Hooks.Register(new BeforeHook((_, request) =>
        {
            request.Headers.TryAddWithoutValidation("X-Hop", (++hops).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return request;
        }));
        await Send(config);
        Assert.Equal(new[] { "1", "2" }, handler.Requests.Select(r => r.Headers["X-Hop"]));
    }

    [Fact]
    public async Task AnAfterSuccessHookCanReplaceA2xxResponse()
    {
        var handler = new StubHandler((_, _) => Status(200, "{\"from\":\"server\"}"));
        var config = Config(handler);
        var seen = new List<int>();
        config.Hooks.Register(new SuccessHook((_, response) =>
        {
            seen.Add((int)response.StatusCode);
            return Status(201, "{\"from\":\"hook\"}");
        }));
        var result = await Send(config);
        Assert.Equal(new[] { 200 }, seen);
        Assert.Equal(201, result.StatusCode);
        Assert.Equal("{\"from\":\"hook\"}", result.Text);
    }

    [Fact]
    public async Task AnAfterSuccessHookDoesNotSeeAnError()
    {
        var handler = new StubHandler((_, _) => Status(404));
        var config = Config(handler);
        var ran = false;
        config.Hooks.Register(new SuccessHook((_, response) =>
        {
            ran = true;
            return response;
        }));
        Assert.Equal(404, (await Send(config)).StatusCode);
        Assert.False(ran);
    }

    [Fact]
    public async Task AnAfterErrorHookSeesANon2xxResponse()
    {
        var handler = new StubHandler((_, _) => Status(404, "{\"error\":\"missing\"}"));
        var config = Config(handler);
        var seen = new List<(int?, Exception?)>();
        config.Hooks.Register(new ErrorHook((_, response, error) =>
        {
            seen.Add(((int?)response?.StatusCode, error));
            return (response, error);
        }));
        var result = await Send(config);
        Assert.Equal(404, result.StatusCode);
        Assert.Equal("{\"error\":\"missing\"}", result.Text);
        var (status, err) = Assert.Single(seen);
        Assert.Equal(404, status);
        Assert.Null(err);
    }

    [Fact]
    public async Task AnAfterErrorHookDoesNotSeeASuccess()
    {
        var handler = new StubHandler((_, _) => Status(200));
        var config = Config(handler);
        var ran = false;
        config.Hooks.Register(new ErrorHook((_, response, error) =>
        {
            ran = true;
            return (response, error);
        }));
        await Send(config);
        Assert.False(ran);
    }

    [Fact]
    public async Task AnAfterErrorHookCanReplaceANon2xxResponse()
    {
        var handler = new StubHandler((_, _) => Status(500));
        var config = Config(handler);
        config.Hooks.Register(new ErrorHook((_, _, _) => (Status(200, "{\"cached\":true}"), null)));
        var result = await Send(config);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("{\"cached\":true}", result.Text);
    }

    [Fact]
    public async Task AnAfterErrorHookThatReplacesARetriedStatusStopsTheRetry()
    {
        var handler = new StubHandler((_, _) => Status(503));
        var config = Config(handler);
        config.Hooks.Register(new ErrorHook((_, _, _) => (Status(200), null)));
        Assert.Equal(200, (await Send(config, new RequestOptions { RetryConfig = FastBackoff })).StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task AnAfterErrorHookThatDropsAResponseFailsTheCall()
    {
        var handler = new StubHandler((_, _) => Status(404));
        var config = Config(handler);
        config.Hooks.Register(new ErrorHook((_, _, _) => (null, null)));
        var e = await Assert.ThrowsAsync<ConnectionException>(() => Send(config));
        Assert.Equal("getThing: an after-error hook dropped the response", e.Message);
    }

    [Fact]
    public async Task AnAfterErrorHookCanTurnAResponseIntoItsOwnError()
    {
        var handler = new StubHandler((_, _) => Status(404));
        var config = Config(handler);
        var mine = new InvalidOperationException("mine");
        config.Hooks.Register(new ErrorHook((_, _, _) => (null, mine)));
        Assert.Same(mine, await Assert.ThrowsAsync<InvalidOperationException>(() => Send(config)));
    }

    [Fact]
    public async Task AnAfterErrorHookSeesAConnectionFailure()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException("connection refused"));
        var config = Config(handler);
        var seen = new List<(HttpResponseMessage?, Exception?)>();
        config.Hooks.Register(new ErrorHook((_, response, error) =>
        {
            seen.Add((response, error));
            return (response, error);
        }));
        var thrown = await Assert.ThrowsAsync<ConnectionException>(() => Send(config));
        var (response, error) = Assert.Single(seen);
        Assert.Null(response);
        var failure = Assert.IsType<ConnectionException>(error);
        Assert.Equal("getThing: connection refused", failure.Message);
        Assert.Same(failure, thrown);
    }

    [Fact]
    public async Task AnAfterErrorHookThatKeepsNeitherRethrowsTheConnectionFailure()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException("connection refused"));
        var config = Config(handler);
        config.Hooks.Register(new ErrorHook((_, _, _) => (null, null)));
        var e = await Assert.ThrowsAsync<ConnectionException>(() => Send(config));
        Assert.Equal("getThing: connection refused", e.Message);
    }

    [Fact]
    public async Task AnAfterErrorHookCanReplaceAConnectionFailureWithAResponse()
    {
        var handler = new StubHandler((_, _) => throw new HttpRequestException("connection refused"));
        var config = Config(handler);
        config.Hooks.Register(new ErrorHook((_, _, _) => (Status(200, "{\"offline\":true}"), null)));
        var result = await Send(config);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("{\"offline\":true}", result.Text);
    }

    [Fact]
    public async Task HooksRunInRegistrationOrderEachSeeingTheLastOnesResult()
    {
        var handler = new StubHandler((_, _) => Status(200, "server"));
        var config = Config(handler);
        var log = new List<string>();
        config.Hooks
            .Register(new BeforeHook((_, request) =>
            {
                log.Add("before 1");
                request.Headers.TryAddWithoutValidation("X-Order", "1");
                return request;
            }))
            .Register(new BeforeHook((_, request) =>
            {
                log.Add("before 2");
                request.Headers.TryAddWithoutValidation("X-Order", "2");
                return request;
            }))
            .Register(new SuccessHook((_, response) =>
            {
                log.Add("success 1");
                var replacement = Status(200, "first");
                replacement.Headers.TryAddWithoutValidation("X-Replaced-By", "first");
                return replacement;
            }))
            .Register(new SuccessHook((_, response) =>
            {
                log.Add("success 2 saw " + string.Join(",", response.Headers.GetValues("X-Replaced-By")));
                return Status(200, "second");
            }));
        var result = await Send(config);
        Assert.Equal(new[] { "before 1", "before 2", "success 1", "success 2 saw first" }, log);
        Assert.Equal("1,2", Assert.Single(handler.Requests).Headers["X-Order"]);
        Assert.Equal("second", result.Text);
    }

    [Fact]
    public async Task AfterErrorHooksRunInRegistrationOrder()
    {
        var handler = new StubHandler((_, _) => Status(500));
        var config = Config(handler);
        var log = new List<string>();
        config.Hooks
            .Register(new ErrorHook((_, response, error) =>
            {
                log.Add($"first saw {(int)response!.StatusCode}");
                return (Status(502), error);
            }))
            .Register(new ErrorHook((_, response, error) =>
            {
                log.Add($"second saw {(int)response!.StatusCode}");
                return (response, error);
            }));
        Assert.Equal(502, (await Send(config)).StatusCode);
        Assert.Equal(new[] { "first saw 500", "second saw 502" }, log);
    }

    [Fact]
    public async Task AnObjectOfEveryKindIsRegisteredForEveryKind()
    {
        var handler = new StubHandler((_, i) => Status(i == 0 ? 503 : 200));
        var config = Config(handler);
        var hook = new EveryHook();
        config.Hooks.Register(hook);
        await Send(config, new RequestOptions { RetryConfig = FastBackoff });
        Assert.Equal(new[] { "before", "error", "before", "success" }, hook.Log);
    }

    [Fact]
    public async Task TheContextNamesTheOperationTheServerAndTheAttempt()
    {
        var handler = new StubHandler((_, i) => i == 0 ? throw new HttpRequestException("reset") : Status(i == 1 ? 503 : 200));
        var config = Config(handler);
        var contexts = new List<(string, HookContext)>();
        config.Hooks
            .Register(new BeforeHook((context, request) =>
            {
                contexts.Add(("before", context));
                return request;
            }))
            .Register(new ErrorHook((context, response, error) =>
            {
                contexts.Add(("error", context));
                return (response, error);
            }))
            .Register(new SuccessHook((context, response) =>
            {
                contexts.Add(("success", context));
                return response;
            }));
        Assert.Equal(200, (await Send(config, new RequestOptions { RetryConfig = FastBackoff })).StatusCode);
        Assert.Equal(
            new[] { ("before", 1), ("error", 1), ("before", 2), ("error", 2), ("before", 3), ("success", 3) },
            contexts.Select(c => (c.Item1, c.Item2.Attempt)));
        Assert.All(contexts, c => Assert.Equal("getThing", c.Item2.OperationId));
        Assert.All(contexts, c => Assert.Equal("http://a.example", c.Item2.BaseURL));
    }

    [Fact]
    public async Task TheContextNamesTheServerTheCallChose()
    {
        var handler = new StubHandler((_, _) => Status(200));
        var config = Config(handler);
        HookContext? seen = null;
        config.Hooks.Register(new BeforeHook((context, request) =>
        {
            seen = context;
            return request;
        }));
        await Send(config, serverUrl: "http://c.example/v2");
        Assert.Equal("http://c.example/v2", seen!.BaseURL);
        Assert.Equal(1, seen.Attempt);
    }

    [Fact]
    public void RegisterRefusesAnObjectThatIsNoHook()
    {
        var hooks = new SDKHooks();
        var e = Assert.Throws<ArgumentException>(() => hooks.Register(new object()));
        Assert.Equal("hook", e.ParamName);
        Assert.True(hooks.IsEmpty);
    }

    [Fact]
    public void RegisterReturnsTheHooksForChaining()
    {
        var hooks = new SDKHooks();
        Assert.Same(hooks, hooks.Register(new EveryHook()));
        Assert.False(hooks.IsEmpty);
    }
}
