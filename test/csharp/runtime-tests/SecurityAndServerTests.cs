namespace SdkgenRuntime.Tests;

using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SdkgenRuntime.Models.Errors;
using SdkgenRuntime.Utils;
using Xunit;

public class SecurityAndServerTests
{
    private static HttpResponseMessage Ok() => new(HttpStatusCode.OK) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };

    private static (StubHandler Handler, SDKConfig Config) Setup(string? serverUrl = "http://a.example")
    {
        var handler = new StubHandler((_, _) => Ok());
        return (handler, new SDKConfig(new HttpClient(handler)) { ServerUrl = serverUrl });
    }

    /// <summary>A client with one scheme, required by default, and its credential.</summary>
    private static (StubHandler Handler, SDKConfig Config) Secured(SecurityScheme scheme, object? credential)
    {
        var (handler, config) = Setup();
        config.Schemes.Add(scheme);
        config.Security.Add(new[] { scheme.Key });
        config.Credentials[scheme.Key] = () => credential;
        return (handler, config);
    }

    private static Task<CallResponse> Send(SDKConfig config, Action<Call>? prepare = null, string? serverUrl = null, string path = "/path")
    {
        var call = new Call(config, "getThing", "GET", path, "application/json");
        prepare?.Invoke(call);
        return call.SendAsync(serverUrl, null, CancellationToken.None);
    }

    private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement;

    private static readonly SecurityScheme Bearer = new("bearerAuth", "bearer", "header", "Authorization");
    private static readonly SecurityScheme Basic = new("basicAuth", "basic", "header", "Authorization");
    private static readonly SecurityScheme HeaderKey = new("apiKey", "apiKey", "header", "X-Api-Key");
    private static readonly SecurityScheme QueryKey = new("queryKey", "apiKey", "query", "api key");

    [Fact]
    public async Task AsksACredentialSourceForEveryRequest()
    {
        var (handler, config) = Setup();
        config.Schemes.Add(HeaderKey);
        config.Security.Add(new[] { "apiKey" });
        var asked = 0;
        config.Credentials["apiKey"] = () => $"token-{++asked}";
        await Send(config);
        await Send(config);
        Assert.Equal(new[] { "token-1", "token-2" }, handler.Requests.Select(r => r.Headers["X-Api-Key"]));
    }

    [Theory]
    [InlineData("abc", "Bearer abc")]
    [InlineData("Bearer abc", "Bearer abc")]
    [InlineData("bearer abc", "bearer abc")]
    [InlineData("BEARER abc", "BEARER abc")]
    public async Task ABearerSchemeAddsBearerUnlessTheTokenHasIt(string token, string expected)
    {
        var (handler, config) = Secured(Bearer, token);
        await Send(config);
        Assert.Equal(expected, Assert.Single(handler.Requests).Headers["Authorization"]);
    }

    [Fact]
    public async Task BasicAuthSendsTheUserAndPasswordInBase64()
    {
        var (handler, config) = Secured(Basic, new BasicAuth("user", "pa:ss wörd"));
        await Send(config);
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:pa:ss wörd"));
        Assert.Equal(expected, Assert.Single(handler.Requests).Headers["Authorization"]);
        Assert.Equal("Basic dXNlcjpwYTpzcyB3w7ZyZA==", expected);
    }

    [Fact]
    public async Task AnApiKeyInTheQueryIsAppendedEscaped()
    {
        var (handler, config) = Secured(QueryKey, "a b&c=d/é");
        await Send(config, call => call.Param("query", "limit", "form", true, J("5")));
        var seen = Assert.Single(handler.Requests);
        Assert.Equal("?limit=5&api%20key=a%20b%26c%3Dd%2F%C3%A9", seen.Uri.Query);
        Assert.False(seen.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task AnApiKeyInAHeaderIsSentInThatHeader()
    {
        var (handler, config) = Secured(HeaderKey, "k1");
        await Send(config);
        Assert.Equal("k1", Assert.Single(handler.Requests).Headers["X-Api-Key"]);
    }

    [Fact]
    public async Task AnOperationWithNoSecuritySendsNoCredential()
    {
        var (handler, config) = Secured(HeaderKey, "k1");
        await Send(config, call => call.Security());
        Assert.False(Assert.Single(handler.Requests).Headers.ContainsKey("X-Api-Key"));
    }

    [Fact]
    public async Task AnOperationsOwnSecurityReplacesTheClients()
    {
        var (handler, config) = Secured(HeaderKey, "k1");
        config.Schemes.Add(Bearer);
        config.Credentials["bearerAuth"] = () => "tok";
        await Send(config, call => call.Security(new[] { "bearerAuth" }));
        var seen = Assert.Single(handler.Requests);
        Assert.Equal("Bearer tok", seen.Headers["Authorization"]);
        Assert.False(seen.Headers.ContainsKey("X-Api-Key"));
    }

    [Fact]
    public async Task TheFirstAlternativeWithEveryCredentialWins()
    {
        var (handler, config) = Setup();
        config.Schemes.Add(HeaderKey);
        config.Schemes.Add(Bearer);
        config.Security.Add(new[] { "apiKey", "bearerAuth" });
        config.Security.Add(new[] { "bearerAuth" });
        config.Credentials["bearerAuth"] = () => "tok";
        config.Credentials["apiKey"] = () => "";
        await Send(config);
        var seen = Assert.Single(handler.Requests);
        Assert.Equal("Bearer tok", seen.Headers["Authorization"]);
        Assert.False(seen.Headers.ContainsKey("X-Api-Key"));
    }

    [Fact]
    public async Task AGlobalIsSentWhenTheCallDoesNotGiveIt()
    {
        var (handler, config) = Setup();
        config.SetGlobal("header", "X-Client", "simple", false, "global", Json.WriteString);
        config.SetGlobal("query", "limit", "form", true, 10, Json.WriteInt32);
        await Send(config);
        var seen = Assert.Single(handler.Requests);
        Assert.Equal("global", seen.Headers["X-Client"]);
        Assert.Equal("?limit=10", seen.Uri.Query);
    }

    [Fact]
    public async Task TheCallsOwnParameterReplacesTheGlobal()
    {
        var (handler, config) = Setup();
        config.SetGlobal("header", "X-Client", "simple", false, "global", Json.WriteString);
        config.SetGlobal("query", "limit", "form", true, 10, Json.WriteInt32);
        await Send(config, call =>
        {
            call.Param("header", "x-client", "simple", false, J("\"mine\""));
            call.Param("query", "limit", "form", true, J("3"));
        });
        var seen = Assert.Single(handler.Requests);
        Assert.Equal("mine", seen.Headers["X-Client"]);
        Assert.Equal("?limit=3", seen.Uri.Query);
    }

    [Fact]
    public async Task AQueryGlobalIsMatchedByItsExactName()
    {
        var (handler, config) = Setup();
        config.SetGlobal("query", "limit", "form", true, 10, Json.WriteInt32);
        await Send(config, call => call.Param("query", "Limit", "form", true, J("3")));
        Assert.Equal("?Limit=3&limit=10", Assert.Single(handler.Requests).Uri.Query);
    }

    [Fact]
    public void ANullGlobalIsNotKept()
    {
        var (_, config) = Setup();
        config.SetGlobal<string>("header", "X-Client", "simple", false, null, Json.WriteString);
        Assert.Empty(config.Globals);
    }

    private static ServerTemplate Template() => new(
        "http://{host}:{port}/{version}",
        new ServerVariable("host", "a.example"),
        new ServerVariable("port", "8080", "8080", "9090"),
        new ServerVariable("version", "v1"));

    [Fact]
    public async Task AServerTemplateResolvesItsDefaults()
    {
        var (handler, config) = Setup(serverUrl: null);
        config.Servers.Add(Template());
        await Send(config);
        Assert.Equal("http://a.example:8080/v1/path", Assert.Single(handler.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task AServerTemplateTakesTheClientsVariables()
    {
        var (handler, config) = Setup(serverUrl: null);
        config.Servers.Add(Template());
        config.Variables["port"] = "9090";
        config.Variables["host"] = "b.example";
        await Send(config);
        Assert.Equal("http://b.example:9090/v1/path", Assert.Single(handler.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task AServerTemplateRefusesAValueOutsideItsEnum()
    {
        var (handler, config) = Setup(serverUrl: null);
        config.Servers.Add(Template());
        config.Variables["port"] = "1234";
        var e = await Assert.ThrowsAsync<SDKValidationException>(() => Send(config));
        Assert.Equal("server variable port", e.Path);
        Assert.Contains("8080, 9090", e.Message);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task TheServerIndexPicksTheServer()
    {
        var (handler, config) = Setup(serverUrl: null);
        config.Servers.Add(new ServerTemplate("http://first.example"));
        config.Servers.Add(new ServerTemplate("http://second.example"));
        config.ServerIndex = 1;
        await Send(config);
        Assert.Equal("second.example", Assert.Single(handler.Requests).Uri.Host);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public async Task AServerIndexOutOfRangeIsRefused(int index)
    {
        var (handler, config) = Setup(serverUrl: null);
        config.Servers.Add(new ServerTemplate("http://first.example"));
        config.ServerIndex = index;
        var e = await Assert.ThrowsAsync<SDKValidationException>(() => Send(config));
        Assert.Equal("serverIndex", e.Path);
        Assert.Contains($"no server at index {index}", e.Message);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task TheClientsServerUrlReplacesItsServerList()
    {
        var (handler, config) = Setup(serverUrl: "http://url.example");
        config.Servers.Add(new ServerTemplate("http://first.example"));
        config.ServerIndex = 5;
        await Send(config);
        Assert.Equal("url.example", Assert.Single(handler.Requests).Uri.Host);
    }

    [Fact]
    public async Task AnOperationsOwnServerWinsOverTheClientsServerUrl()
    {
        var (handler, config) = Setup(serverUrl: "http://url.example");
        await Send(config, call => call.Server(new ServerTemplate("http://{host}/op", new ServerVariable("host", "op.example"))));
        Assert.Equal("http://op.example/op/path", Assert.Single(handler.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task APerCallServerUrlWinsOverEverything()
    {
        var (handler, config) = Setup(serverUrl: "http://url.example");
        config.Servers.Add(Template());
        config.Variables["port"] = "1234";
        config.ServerIndex = 7;
        await Send(config, call => call.Server(new ServerTemplate("http://op.example")), serverUrl: "http://call.example/base/");
        Assert.Equal("http://call.example/base/path", Assert.Single(handler.Requests).Uri.AbsoluteUri);
    }
}
