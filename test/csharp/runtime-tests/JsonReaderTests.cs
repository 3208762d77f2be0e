namespace SdkgenRuntime.Tests;

using System;
using System.Collections.Generic;
using System.Text.Json;
using SdkgenRuntime.Utils;
using Xunit;

public class JsonReaderTests
{
    private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void ScalarReadersReadTheirType()
    {
        Assert.Equal("hi", Json.ReadString(J("\"hi\""), "$"));
        Assert.True(Json.ReadBool(J("true"), "$"));
        Assert.False(Json.ReadBool(J("false"), "$"));
        Assert.Equal(-7, Json.ReadInt32(J("-7"), "$"));
        Assert.Equal(3000000000L, Json.ReadInt64(J("3000000000"), "$"));
        Assert.Equal(1.25, Json.ReadDouble(J("1.25"), "$"));
        Assert.Equal(1.5f, Json.ReadSingle(J("1.5"), "$"));
        Assert.Equal(new byte[] { (byte)'h', (byte)'i' }, Json.ReadBytes(J("\"aGk=\""), "$"));
    }

    [Theory]
    [InlineData("string", "5", "expected a string, got number 5")]
    [InlineData("string", "null", "expected a string, got null")]
    [InlineData("bool", "\"true\"", "expected a boolean, got a string")]
    [InlineData("bool", "1", "expected a boolean, got number 1")]
    [InlineData("int32", "\"12\"", "expected a 32-bit integer, got a string")]
    [InlineData("int32", "1.5", "expected a 32-bit integer, got number 1.5")]
    [InlineData("int32", "3000000000", "expected a 32-bit integer, got number 3000000000")]
    [InlineData("int64", "\"12\"", "expected an integer, got a string")]
    [InlineData("int64", "true", "expected an integer, got boolean true")]
    [InlineData("int64", "[]", "expected an integer, got an array")]
    [InlineData("double", "{}", "expected a number, got an object")]
    [InlineData("bytes", "\"not base64!\"", "expected a base64 string, got a string")]
    public void ScalarReadersNameTheMismatchAndThePath(string reader, string json, string message)
    {
        Func<JsonElement, string, object> read = reader switch
        {
            "string" => (e, p) => Json.ReadString(e, p),
            "bool" => (e, p) => Json.ReadBool(e, p),
            "int32" => (e, p) => Json.ReadInt32(e, p),
            "int64" => (e, p) => Json.ReadInt64(e, p),
            "double" => (e, p) => Json.ReadDouble(e, p),
            _ => (e, p) => Json.ReadBytes(e, p),
        };
        var issue = Assert.Throws<JsonIssue>(() => read(J(json), "$.field"));
        Assert.Equal("$.field", issue.Path);
        Assert.Equal(message, issue.Message);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public void ReadDoubleRefusesANumberThatOverflowsToInfinity(string json)
    {
        var issue = Assert.Throws<JsonIssue>(() => Json.ReadDouble(J(json), "$.x"));
        Assert.Equal("$.x", issue.Path);
        Assert.Equal($"expected a number, got number {json}", issue.Message);
    }

    [Theory]
    [InlineData("1e39")]
    [InlineData("-1e39")]
    [InlineData("1e400")]
    public void ReadSingleRefusesANumberThatOverflowsToInfinity(string json)
    {
        var issue = Assert.Throws<JsonIssue>(() => Json.ReadSingle(J(json), "$.x"));
        Assert.Equal("$.x", issue.Path);
        Assert.Equal($"expected a number, got number {json}", issue.Message);
    }

    [Fact]
    public void ReadersAcceptTheLargestFiniteNumbers()
    {
        Assert.Equal(double.MaxValue, Json.ReadDouble(J("1.7976931348623157e308"), "$"));
        Assert.Equal(float.MaxValue, Json.ReadSingle(J("3.4028235e38"), "$"));
        Assert.Equal(1e39, Json.ReadDouble(J("1e39"), "$"));
    }

    [Fact]
    public void MismatchMessagesNeverQuoteAString()
    {
        var issue = Assert.Throws<JsonIssue>(() => Json.ReadInt64(J("\"secret-token-123\""), "$.count"));
        Assert.Equal("expected an integer, got a string", issue.Message);
        Assert.DoesNotContain("secret", issue.Message);
    }

    [Fact]
    public void ListReadsEveryItem()
    {
        Assert.Equal(new List<int> { 1, 2, 3 }, Json.List<int>(Json.ReadInt32)(J("[1,2,3]"), "$.a"));
    }

    [Fact]
    public void ListNamesTheItemAtFault()
    {
        var issue = Assert.Throws<JsonIssue>(() => Json.List<int>(Json.ReadInt32)(J("[1,\"x\",3]"), "$.a"));
        Assert.Equal("$.a[1]", issue.Path);
    }

    [Fact]
    public void ListOfListsNamesTheNestedItem()
    {
        var issue = Assert.Throws<JsonIssue>(() => Json.List(Json.List<int>(Json.ReadInt32))(J("[[1],[2,null]]"), "$"));
        Assert.Equal("$[1][1]", issue.Path);
    }

    [Fact]
    public void ListRefusesAnythingButAnArray()
    {
        var issue = Assert.Throws<JsonIssue>(() => Json.List<int>(Json.ReadInt32)(J("{\"0\":1}"), "$.a"));
        Assert.Equal("$.a", issue.Path);
        Assert.Equal("expected an array, got an object", issue.Message);
    }

    [Fact]
    public void NullableValueAcceptsNullAndTheValue()
    {
        var read = Json.NullableValue<int>(Json.ReadInt32);
        Assert.Null(read(J("null"), "$"));
        Assert.Equal(4, read(J("4"), "$"));
        Assert.Throws<JsonIssue>(() => read(J("\"4\""), "$"));
    }

    [Fact]
    public void NullableRefAcceptsNullAndTheValue()
    {
        var read = Json.NullableRef<string>(Json.ReadString);
        Assert.Null(read(J("null"), "$"));
        Assert.Equal("x", read(J("\"x\""), "$"));
        Assert.Throws<JsonIssue>(() => read(J("1"), "$"));
    }

    [Fact]
    public void LiftRefusesNull()
    {
        var read = Json.Lift<int>(Json.ReadInt32);
        Assert.Equal(4, read(J("4"), "$"));
        var issue = Assert.Throws<JsonIssue>(() => read(J("null"), "$.n"));
        Assert.Equal("$.n", issue.Path);
        Assert.Equal("expected a 32-bit integer, got null", issue.Message);
    }

    [Fact]
    public void FieldReadsAPresentProperty()
    {
        Assert.Equal(5, Json.Field<int>(J("{\"x\":5}"), "x", "$", Json.ReadInt32, true, 0));
    }

    [Fact]
    public void FieldRefusesAMissingRequiredProperty()
    {
        var issue = Assert.Throws<JsonIssue>(() => Json.Field<int>(J("{\"y\":1}"), "x", "$", Json.ReadInt32, true, 0));
        Assert.Equal("$.x", issue.Path);
        Assert.Equal("a required property is missing", issue.Message);
    }

    [Fact]
    public void FieldGivesTheFallbackForAMissingOptionalProperty()
    {
        Assert.Equal(7, Json.Field<int>(J("{}"), "x", "$", Json.ReadInt32, false, 7));
        Assert.Null(Json.Field<string?>(J("{}"), "x", "$", Json.NullableRef<string>(Json.ReadString), false, null));
    }

    [Fact]
    public void FieldNamesTheNestedPathOfAMismatch()
    {
        var issue = Assert.Throws<JsonIssue>(() => Json.Field<int>(J("{\"x\":\"5\"}"), "x", "$.item", Json.ReadInt32, false, 0));
        Assert.Equal("$.item.x", issue.Path);
    }

    [Fact]
    public void ConstAcceptsOnlyItsValue()
    {
        var read = Json.Const<string>(Json.ReadString, "movie");
        Assert.Equal("movie", read(J("\"movie\""), "$.type"));
        var issue = Assert.Throws<JsonIssue>(() => read(J("\"show\""), "$.type"));
        Assert.Equal("$.type", issue.Path);
        Assert.Equal("expected the constant movie, got a string", issue.Message);
        Assert.Throws<JsonIssue>(() => read(J("1"), "$.type"));
    }

    [Fact]
    public void MapReadsEveryValue()
    {
        var map = Json.Map<int>(Json.ReadInt32)(J("{\"a\":1,\"b\":2}"), "$.m");
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, map);
    }

    [Fact]
    public void MapNamesTheValueAtFault()
    {
        var issue = Assert.Throws<JsonIssue>(() => Json.Map<int>(Json.ReadInt32)(J("{\"a\":1,\"b\":\"x\"}"), "$.m"));
        Assert.Equal("$.m.b", issue.Path);
        var notObject = Assert.Throws<JsonIssue>(() => Json.Map<int>(Json.ReadInt32)(J("[]"), "$.m"));
        Assert.Equal("expected an object, got an array", notObject.Message);
    }

    [Fact]
    public void ExtraLeavesOutTheDeclaredNames()
    {
        var extra = Json.Extra<int>(J("{\"id\":1,\"size\":2,\"weight\":3}"), "$", new HashSet<string> { "id" }, Json.ReadInt32);
        Assert.Equal(new Dictionary<string, int> { ["size"] = 2, ["weight"] = 3 }, extra);
    }

    [Fact]
    public void ExtraNamesTheValueAtFault()
    {
        var issue = Assert.Throws<JsonIssue>(() => Json.Extra<int>(J("{\"id\":\"a\",\"n\":\"b\"}"), "$.o", new HashSet<string> { "id" }, Json.ReadInt32));
        Assert.Equal("$.o.n", issue.Path);
    }

    [Fact]
    public void ExpectObjectRefusesOtherValues()
    {
        Json.ExpectObject(J("{}"), "$");
        var issue = Assert.Throws<JsonIssue>(() => Json.ExpectObject(J("\"x\""), "$.o"));
        Assert.Equal("$.o", issue.Path);
        Assert.Equal("expected an object, got a string", issue.Message);
    }

    [Fact]
    public void ReadAnyKeepsTheValueAfterItsDocumentIsGone()
    {
        JsonElement kept;
        using (var document = JsonDocument.Parse("{\"a\":[1,2]}")) kept = Json.ReadAny(document.RootElement, "$");
        Assert.Equal("{\"a\":[1,2]}", kept.GetRawText());
    }

    [Fact]
    public void ParseReadsAJsonText()
    {
        Assert.Equal(new List<int> { 1, 2 }, Json.Parse("[1,2]", Json.List<int>(Json.ReadInt32)));
    }

    [Fact]
    public void TextAtJoinsTheTextsFoundUnderAStar()
    {
        var body = J("{\"errors\":[{\"message\":\"first\"},{\"message\":\"\"},{\"code\":1},{\"message\":2},{\"message\":\"second\"}]}");
        Assert.Equal("first; second", Json.TextAt(body, new[] { "errors", "*", "message" }));
    }

    [Fact]
    public void TextAtFollowsPlainSteps()
    {
        Assert.Equal("bad", Json.TextAt(J("{\"error\":{\"message\":\"bad\"}}"), new[] { "error", "message" }));
    }

    [Fact]
    public void TextAtIsEmptyWhenNothingIsFound()
    {
        Assert.Equal("", Json.TextAt(J("{\"error\":\"bad\"}"), new[] { "error", "message" }));
        Assert.Equal("", Json.TextAt(J("[\"a\"]"), new[] { "message" }));
        Assert.Equal("", Json.TextAt(J("{\"message\":5}"), new[] { "message" }));
    }
}
