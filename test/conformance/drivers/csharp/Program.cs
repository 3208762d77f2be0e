// Conformance driver for the generated C# SDK; the contract is in test/conformance/README.md.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SdkGen.PlexAPI;
using SdkGen.PlexAPI.Models.Components;
using SdkGen.PlexAPI.Models.Errors;
using SdkGen.PlexAPI.Models.Requests;
using SdkGen.PlexAPI.Utils;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: driver <scenarios.json> <base URL>");
    return 2;
}
using var file = JsonDocument.Parse(File.ReadAllBytes(args[0]));
var root = file.RootElement;
var client = root.GetProperty("client");
var token = client.GetProperty("accessToken").GetString()!;
var globals = client.GetProperty("globals").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
var stdout = Console.OpenStandardOutput();

foreach (var s in root.GetProperty("scenarios").EnumerateArray())
{
    var id = s.GetProperty("id").GetString()!;
    var baseUrl = s.TryGetProperty("baseUrl", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : args[1];
    var serverUrl = $"{baseUrl}/{id}";
    var onClient = s.GetProperty("serverUrl").GetString() == "client";
    var clientOptions = s.GetProperty("clientOptions");
    var sdk = new PlexAPI(
        accessToken: token,
        // The C# seed's names (spec/csharp-seed-names.overlay.yaml).
        clientID: globals.GetValueOrDefault("X-Plex-Client-Identifier"),
        clientName: globals.GetValueOrDefault("X-Plex-Product"),
        deviceName: globals.GetValueOrDefault("X-Plex-Device"),
        clientVersion: globals.GetValueOrDefault("X-Plex-Version"),
        clientPlatform: globals.GetValueOrDefault("X-Plex-Platform"),
        serverURL: onClient ? serverUrl : null,
        timeout: Milliseconds(clientOptions, "timeoutMs"),
        retryConfig: Retries(clientOptions));
    var call = s.GetProperty("call");
    var callOptions = call.GetProperty("options");
    var options = new RequestOptions
    {
        Timeout = Milliseconds(callOptions, "timeoutMs"),
        RetryConfig = Retries(callOptions),
        RetryCodes = callOptions.TryGetProperty("retryCodes", out var codes) ? codes.EnumerateArray().Select(c => c.GetString()!).ToList() : null,
    };
    var clock = Stopwatch.StartNew();
    Dictionary<string, object?>? facts = null;
    Exception? error = null;
    try
    {
        facts = await Run(sdk, call.GetProperty("operation").GetString()!, call.GetProperty("args"), onClient ? null : serverUrl, options);
    }
    catch (SDKBaseException e)
    {
        error = e;
    }
    var elapsed = clock.Elapsed.TotalMilliseconds;
    using var line = new Utf8JsonWriter(stdout);
    line.WriteStartObject();
    line.WriteString("id", id);
    line.WriteBoolean("ok", error is null);
    if (error is SDKBaseException failure)
    {
        line.WritePropertyName("error");
        line.WriteStartObject();
        line.WriteString("type", NeutralName(failure));
        if (failure.StatusCode is { } status) line.WriteNumber("status", status); else line.WriteNull("status");
        line.WriteString("message", failure.Message);
        line.WriteEndObject();
    }
    else
    {
        line.WritePropertyName("facts");
        JsonSerializer.Serialize(line, facts);
    }
    line.WriteNumber("elapsedMs", elapsed);
    line.WriteEndObject();
    line.Flush();
    stdout.WriteByte((byte)'\n');
}
return 0;

static TimeSpan? Milliseconds(JsonElement options, string name) =>
    options.TryGetProperty(name, out var ms) ? TimeSpan.FromMilliseconds(ms.GetDouble()) : null;

static RetryConfig? Retries(JsonElement options)
{
    if (!options.TryGetProperty("retries", out var r)) return null;
    var backoff = r.TryGetProperty("backoff", out var bo) ? new BackoffStrategy
    {
        InitialIntervalMs = bo.GetProperty("initialInterval").GetInt64(),
        MaxIntervalMs = bo.GetProperty("maxInterval").GetInt64(),
        Exponent = bo.GetProperty("exponent").GetDouble(),
        MaxElapsedTimeMs = bo.GetProperty("maxElapsedTime").GetInt64(),
    } : null;
    return new RetryConfig
    {
        Strategy = r.GetProperty("strategy").GetString() == "backoff" ? RetryConfig.RetryStrategy.BACKOFF : RetryConfig.RetryStrategy.NONE,
        Backoff = backoff,
        RetryConnectionErrors = r.TryGetProperty("retryConnectionErrors", out var rc) && rc.GetBoolean(),
    };
}

// The contract's neutral names: C#'s Exception suffix is the other targets' Error.
static string NeutralName(SDKBaseException e)
{
    var name = e.GetType().Name;
    return e is APIException ? name : name.EndsWith("Exception") ? name[..^"Exception".Length] + "Error" : name;
}

static string? Arg(JsonElement args, string name) => args.TryGetProperty(name, out var v) ? v.GetString() : null;

static async Task<Dictionary<string, object?>> Run(PlexAPI sdk, string operation, JsonElement args, string? serverURL, RequestOptions options)
{
    switch (operation)
    {
        case "getTransientToken":
        {
            // An unknown value goes through a cast, so the SDK's own input check is what is tested.
            var type = Arg(args, "type") == "delegation" ? GetTransientTokenQueryParamType.Delegation : (GetTransientTokenQueryParamType)999;
            var scope = Arg(args, "scope") == "all" ? Scope.All : (Scope)999;
            var res = await sdk.Authentication.GetTransientTokenAsync(type: type, scope: scope, serverURL: serverURL, options: options);
            return new() { ["status"] = res.StatusCode };
        }
        case "getSourceConnectionInformation":
        {
            var res = await sdk.Authentication.GetSourceConnectionInformationAsync(source: Arg(args, "source")!, serverURL: serverURL, options: options);
            return new() { ["status"] = res.StatusCode };
        }
        case "getTokenDetails":
        {
            var res = await sdk.Authentication.GetTokenDetailsAsync(serverURL: serverURL, options: options);
            var a = res.UserPlexAccount!;
            return Facts(res.StatusCode, a.Id, a.Uuid, a.AuthToken, a.Email, a.JoinedAt, a.Locale, a.Anonymous, a.HasPassword,
                a.MailingListStatus, a.Subscription, a.Services, a.Profile, a.Roles);
        }
        case "postUsersSignInData":
        {
            var body = args.GetProperty("requestBody");
            var perCall = args.TryGetProperty("globals", out var g) ? g.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!) : new();
            // Sign-in declares only the client identifier (spec/sign-in-client-id-only.overlay.yaml), as in the C# seed.
            var res = await sdk.Authentication.PostUsersSignInDataAsync(
                clientID: perCall.GetValueOrDefault("X-Plex-Client-Identifier"),
                requestBody: new PostUsersSignInDataRequestBody
                {
                    Login = body.GetProperty("login").GetString()!,
                    Password = body.GetProperty("password").GetString()!,
                    RememberMe = body.TryGetProperty("rememberMe", out var remember) ? remember.GetBoolean() : null,
                    VerificationCode = Arg(body, "verificationCode"),
                },
                serverURL: serverURL, options: options);
            var a = res.UserPlexAccount!;
            var facts = Facts(res.StatusCode, a.Id, a.Uuid, a.AuthToken, a.Email, a.JoinedAt, a.Locale, a.Anonymous, a.HasPassword,
                a.MailingListStatus, a.Subscription, a.Services, a.Profile, a.Roles);
            facts["pastSubscriptionsCount"] = a.PastSubscriptions.Count;
            return facts;
        }
    }
    throw new InvalidOperationException($"unknown operation {operation}");
}

static Dictionary<string, object?> Facts(int status, int id, string uuid, string authToken, string email, long joinedAt, string? locale,
    bool? anonymous, bool hasPassword, MailingListStatus mailingListStatus, Subscription subscription, List<Services> services,
    UserProfile profile, List<string>? roles) => new()
{
    ["status"] = status,
    ["id"] = id,
    ["uuid"] = uuid,
    ["authToken"] = authToken,
    ["email"] = email,
    ["joinedAt"] = joinedAt,
    ["locale"] = locale,
    ["anonymous"] = anonymous,
    ["hasPassword"] = hasPassword,
    ["mailingListStatus"] = mailingListStatus.Value,
    ["subscriptionStatus"] = subscription.Status?.Value,
    ["firstServiceStatus"] = services.Count > 0 ? services[0].Status.Value : null,
    ["watchedIndicator"] = (long)profile.WatchedIndicator,
    ["roles"] = roles,
};
