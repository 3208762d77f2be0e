using System;
using System.Net.Http;
using System.Net.Http.Headers;
using SdkgenRuntime.Utils;

namespace SdkgenRuntime.Models.Errors;

/// <summary>The base of every error the SDK throws; where it came from a response, that response.</summary>
public class SDKBaseException : Exception
{
    /// <summary>The HTTP status of the response, or null when there was none.</summary>
    public int? StatusCode { get; }

    /// <summary>The response's Content-Type header, or null.</summary>
    public string? ContentType { get; }

    /// <summary>The response body as text, or null.</summary>
    public string? Body { get; }

    /// <summary>The HTTP response; its body has already been read (see <see cref="Body"/>).</summary>
    public HttpResponseMessage? RawResponse { get; }

    /// <summary>The response's headers, or null.</summary>
    public HttpResponseHeaders? Headers => RawResponse?.Headers;

    private protected SDKBaseException(string message, CallResponse? response = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = response?.StatusCode;
        ContentType = response?.ContentType;
        Body = response?.Text;
        RawResponse = response?.Raw;
    }
}

/// <summary>
/// A response the API description does not declare: another status or another content type.
/// Its message never quotes the body, which may hold credentials.
/// </summary>
public sealed class SDKException : SDKBaseException
{
    internal SDKException(string message, CallResponse response)
        : base($"{message}: Status {response.StatusCode} Content-Type \"{response.ContentType}\"", response) { }
}

/// <summary>The response body does not have the shape the API description promises; <see cref="Path"/> names the value.</summary>
public sealed class ResponseValidationException : SDKBaseException
{
    /// <summary>Where the offending value is, such as <c>$.profile.watchedIndicator</c>.</summary>
    public string Path { get; }

    internal ResponseValidationException(string message, string path, CallResponse response, Exception? innerException = null)
        : base($"Response validation failed at {path}: {message}", response, innerException)
    {
        Path = path;
    }
}

/// <summary>The input was rejected before any request was sent.</summary>
public sealed class SDKValidationException : SDKBaseException
{
    /// <summary>The argument or field at fault.</summary>
    public string Path { get; }

    internal SDKValidationException(string message, string path) : base($"Invalid input at {path}: {message}")
    {
        Path = path;
    }
}

/// <summary>The server could not be reached, or the connection broke.</summary>
public sealed class ConnectionException : SDKBaseException
{
    internal ConnectionException(string message, Exception? innerException = null) : base(message, null, innerException) { }
}

/// <summary>An attempt took longer than its timeout.</summary>
public sealed class RequestTimeoutException : SDKBaseException
{
    internal RequestTimeoutException(string message, Exception? innerException = null) : base(message, null, innerException) { }
}

/// <summary>The base of the errors the API description declares; the message is the one the API sent, when it sent one.</summary>
public abstract class APIException : SDKBaseException
{
    private protected APIException(string message, CallResponse response) : base(message, response) { }
}
