namespace SdkgenRuntime.Tests;

using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SdkgenRuntime.Models.Errors;
using SdkgenRuntime.Utils;
using Xunit;

public class CallResponseTests
{
    private static CallResponse Response(int status, string body = "", string? contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var raw = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(bytes) };
        if (contentType is not null) raw.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new CallResponse(raw, bytes);
    }

    [Theory]
    [InlineData(200, 0)]
    [InlineData(404, 1)]
    [InlineData(418, 2)]
    [InlineData(500, 3)]
    public void PickPrefersExactThenRangeThenDefault(int status, int expected)
    {
        Assert.Equal(expected, Response(status).Pick("200", "404", "4XX", "default"));
    }

    [Fact]
    public void PickPrefersAnExactStatusListedAfterARange()
    {
        Assert.Equal(1, Response(404).Pick("4XX", "404"));
    }

    [Fact]
    public void PickAcceptsLowerCaseRanges()
    {
        Assert.Equal(0, Response(503).Pick("5xx"));
    }

    [Fact]
    public void PickIsMinusOneWhenNothingMatches()
    {
        Assert.Equal(-1, Response(500).Pick("200", "4XX"));
        Assert.Equal(-1, Response(204).Pick());
    }

    [Theory]
    [InlineData("application/json; charset=utf-8", "application/json", true)]
    [InlineData("application/json; charset=utf-8", "Application/JSON", true)]
    [InlineData("application/json", "application/json; charset=utf-8", true)]
    [InlineData("application/json", "application/*", true)]
    [InlineData("application/json", "*/*", true)]
    [InlineData("application/json", "text/*", false)]
    [InlineData("application/json", "application/xml", false)]
    [InlineData("application/problem+json", "application/json", false)]
    [InlineData("text/plain", "text/plain", true)]
    public void ContentTypeIsComparesMediaTypes(string got, string declared, bool expected)
    {
        Assert.Equal(expected, Response(200, "", got).ContentTypeIs(declared));
    }

    [Fact]
    public void AResponseWithoutContentTypeOnlySatisfiesAnyType()
    {
        var response = Response(200, "", null);
        Assert.Equal("", response.ContentType);
        Assert.True(response.ContentTypeIs("*/*"));
        Assert.False(response.ContentTypeIs("application/json"));
    }

    [Fact]
    public void DecodeJsonReadsTheBody()
    {
        var count = Response(200, "{\"count\":3}").DecodeJson((e, path) => Json.Field<int>(e, "count", path, Json.ReadInt32, true, 0));
        Assert.Equal(3, count);
    }

    [Fact]
    public void DecodeJsonTurnsAMismatchIntoAResponseValidationException()
    {
        var response = Response(200, "{\"count\":\"many\"}");
        var e = Assert.Throws<ResponseValidationException>(() =>
            response.DecodeJson((el, path) => Json.Field<int>(el, "count", path, Json.ReadInt32, true, 0)));
        Assert.Equal("$.count", e.Path);
        Assert.Equal("Response validation failed at $.count: expected a 32-bit integer, got a string", e.Message);
        Assert.Equal(200, e.StatusCode);
        Assert.Equal("{\"count\":\"many\"}", e.Body);
        Assert.IsType<JsonIssue>(e.InnerException);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("")]
    [InlineData("<html></html>")]
    public void DecodeJsonTurnsInvalidJsonIntoAResponseValidationExceptionAtTheRoot(string body)
    {
        var e = Assert.Throws<ResponseValidationException>(() => Response(200, body).DecodeJson(Json.ReadAny));
        Assert.Equal("$", e.Path);
        Assert.IsAssignableFrom<JsonException>(e.InnerException);
    }

    [Fact]
    public void MessageAtReadsTheDecodedBody()
    {
        var response = Response(400, "{\"errors\":[{\"message\":\"bad id\"},{\"message\":\"bad name\"}]}");
        var path = new[] { "errors", "*", "message" };
        Assert.Equal("fallback", response.MessageAt(path, "fallback"));
        response.DecodeJson(Json.ReadAny);
        Assert.Equal("bad id; bad name", response.MessageAt(path, "fallback"));
        Assert.Equal("fallback", response.MessageAt(new[] { "missing" }, "fallback"));
        Assert.Equal("fallback", response.MessageAt(null, "fallback"));
    }

    [Fact]
    public void UnexpectedNamesTheStatusAndContentTypeButNotTheBody()
    {
        var e = Response(500, "token=secret", "text/plain").Unexpected("Unexpected response");
        Assert.Equal("Unexpected response: Status 500 Content-Type \"text/plain\"", e.Message);
        Assert.Equal(500, e.StatusCode);
        Assert.Equal("token=secret", e.Body);
        Assert.NotNull(e.RawResponse);
    }

    [Fact]
    public void IsSuccessIsTrueOnlyFor2xx()
    {
        Assert.True(Response(200).IsSuccess);
        Assert.True(Response(299).IsSuccess);
        Assert.False(Response(199).IsSuccess);
        Assert.False(Response(300).IsSuccess);
    }
}
