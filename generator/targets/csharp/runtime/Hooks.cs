using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;

namespace SdkgenRuntime.Utils;

/// <summary>What a hook is told about the call it runs in.</summary>
public sealed class HookContext
{
    /// <summary>The operationId of the API description.</summary>
    public string OperationId { get; }

    /// <summary>The server URL the request goes to.</summary>
    public string BaseURL { get; }

    /// <summary>1 for the first attempt, 2 for the first retry, and so on.</summary>
    public int Attempt { get; }

    internal HookContext(string operationId, string baseURL, int attempt)
    {
        OperationId = operationId;
        BaseURL = baseURL;
        Attempt = attempt;
    }
}

/// <summary>Runs before each request is sent, and may return a replacement for it.</summary>
public interface IBeforeRequestHook
{
    /// <summary>The request to send instead of <paramref name="request"/>, or the request itself.</summary>
    /// <param name="context">The call the request belongs to.</param>
    /// <param name="request">The request about to be sent.</param>
    Task<HttpRequestMessage> BeforeRequestAsync(HookContext context, HttpRequestMessage request);
}

/// <summary>Runs after each 2xx response, and may return a replacement for it.</summary>
public interface IAfterSuccessHook
{
    /// <summary>The response to use instead of <paramref name="response"/>, or the response itself.</summary>
    /// <param name="context">The call the response belongs to.</param>
    /// <param name="response">The 2xx response received.</param>
    Task<HttpResponseMessage> AfterSuccessAsync(HookContext context, HttpResponseMessage response);
}

/// <summary>
/// Runs after each response that is not 2xx (error null) and each connection failure (response null);
/// it may replace either. A null response with an error throws that error.
/// </summary>
public interface IAfterErrorHook
{
    /// <summary>The response and error to go on with, replaced or as they were given.</summary>
    /// <param name="context">The call that failed.</param>
    /// <param name="response">The response that is not 2xx, or null after a connection failure.</param>
    /// <param name="error">The connection failure, or null when there is a response.</param>
    Task<(HttpResponseMessage? Response, Exception? Error)> AfterErrorAsync(HookContext context, HttpResponseMessage? response, Exception? error);
}

/// <summary>The hooks of a client, run in the order they were registered.</summary>
public sealed class SDKHooks
{
    private readonly List<IBeforeRequestHook> _beforeRequest = new();
    private readonly List<IAfterSuccessHook> _afterSuccess = new();
    private readonly List<IAfterErrorHook> _afterError = new();

    /// <summary>Registers a hook for every kind it implements.</summary>
    public SDKHooks Register(object hook)
    {
        var known = false;
        if (hook is IBeforeRequestHook before) { _beforeRequest.Add(before); known = true; }
        if (hook is IAfterSuccessHook success) { _afterSuccess.Add(success); known = true; }
        if (hook is IAfterErrorHook error) { _afterError.Add(error); known = true; }
        if (!known) throw new ArgumentException("a hook implements IBeforeRequestHook, IAfterSuccessHook or IAfterErrorHook", nameof(hook));
        return this;
    }

    internal bool IsEmpty => _beforeRequest.Count + _afterSuccess.Count + _afterError.Count == 0;

    internal async Task<HttpRequestMessage> BeforeRequestAsync(HookContext context, HttpRequestMessage request)
    {
        foreach (var hook in _beforeRequest) request = await hook.BeforeRequestAsync(context, request).ConfigureAwait(false);
        return request;
    }

    internal async Task<HttpResponseMessage> AfterSuccessAsync(HookContext context, HttpResponseMessage response)
    {
        foreach (var hook in _afterSuccess) response = await hook.AfterSuccessAsync(context, response).ConfigureAwait(false);
        return response;
    }

    internal async Task<(HttpResponseMessage? Response, Exception? Error)> AfterErrorAsync(HookContext context, HttpResponseMessage? response, Exception? error)
    {
        foreach (var hook in _afterError) (response, error) = await hook.AfterErrorAsync(context, response, error).ConfigureAwait(false);
        return (response, error);
    }
}
