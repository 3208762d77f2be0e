namespace SdkgenRuntime.Tests;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SdkgenRuntime.Models.Errors;
using SdkgenRuntime.Utils;
using Xunit;

public class JsonWriterTests
{
    private static string Text<T>(T value, Action<Utf8JsonWriter, T, string> write) =>
        Encoding.UTF8.GetString(Json.ToBytes(value, write, "$"));

    [Fact]
    public void ScalarWritersWriteJson()
    {
        Assert.Equal("a\"b", JsonDocument.Parse(Text("a\"b", Json.WriteString)).RootElement.GetString());
        Assert.Equal("true", Text(true, Json.WriteBool));
        Assert.Equal("-3", Text(-3, Json.WriteInt32));
        Assert.Equal("3000000000", Text(3000000000L, Json.WriteInt64));
        Assert.Equal("1.25", Text(1.25, Json.WriteDouble));
        Assert.Equal("\"aGk=\"", Text(new byte[] { (byte)'h', (byte)'i' }, Json.WriteBytes));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void WriteDoubleRefusesNaNAndInfinities(double value)
    {
        var e = Assert.Throws<SDKValidationException>(() => Json.ToBytes(value, Json.WriteDouble, "$.ratio"));
        Assert.Equal("$.ratio", e.Path);
    }

    [Fact]
    public void WriteSingleRefusesNaN()
    {
        Assert.Throws<SDKValidationException>(() => Json.ToBytes(float.NaN, Json.WriteSingle, "$.ratio"));
    }

    [Theory]
    [InlineData(0.1f, "0.1")]
    [InlineData(1.5f, "1.5")]
    [InlineData(-3f, "-3")]
    [InlineData(16777216f, "16777216")]
    public void WriteSingleWritesTheShortestFormOfAFloat(float value, string expected)
    {
        Assert.Equal(expected, Text(value, Json.WriteSingle));
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(1f / 3f)]
    [InlineData(float.MaxValue)]
    [InlineData(float.Epsilon)]
    public void WriteSingleRoundTripsThroughReadSingle(float value)
    {
        Assert.Equal(value, Json.ReadSingle(JsonDocument.Parse(Text(value, Json.WriteSingle)).RootElement, "$"));
    }

    [Theory]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void WriteSingleRefusesInfinities(float value)
    {
        var e = Assert.Throws<SDKValidationException>(() => Json.ToBytes(value, Json.WriteSingle, "$.ratio"));
        Assert.Equal("$.ratio", e.Path);
    }

    [Fact]
    public void WriteMapSortsItsKeysOrdinally()
    {
        var map = new Dictionary<string, int> { ["b"] = 2, ["a"] = 1, ["B"] = 3 };
        Assert.Equal("{\"B\":3,\"a\":1,\"b\":2}", Text(map, Json.WriteMap<int>(Json.WriteInt32)));
    }

    [Fact]
    public void WriteListNamesTheItemAtFault()
    {
        var e = Assert.Throws<SDKValidationException>(() => Json.ToBytes(new List<double> { 1, double.NaN }, Json.WriteList<double>(Json.WriteDouble), "$.xs"));
        Assert.Equal("$.xs[1]", e.Path);
    }

    [Fact]
    public void NullableWritersWriteNull()
    {
        Assert.Equal("[1,null]", Text(new List<int?> { 1, null }, Json.WriteList(Json.WriteNullableValue<int>(Json.WriteInt32))));
        Assert.Equal("[\"x\",null]", Text(new List<string?> { "x", null }, Json.WriteList(Json.WriteNullableRef<string>(Json.WriteString))));
    }

    [Fact]
    public void WriteAnyWritesAnUnsetElementAsNull()
    {
        Assert.Equal("null", Text(default(JsonElement), Json.WriteAny));
        Assert.Equal("{\"a\":1}", Text(JsonDocument.Parse("{\"a\":1}").RootElement, Json.WriteAny));
    }

    [Fact]
    public void RequiredPropertyRefusesNull()
    {
        var e = Assert.Throws<SDKValidationException>(() => Json.ToBytes<object>(new object(), (w, _, path) =>
        {
            w.WriteStartObject();
            Json.RequiredProperty<string?>(w, "name", null, path, Json.WriteNullableRef<string>(Json.WriteString));
            w.WriteEndObject();
        }, "$.user"));
        Assert.Equal("$.user.name", e.Path);
        Assert.Contains("a required property is missing", e.Message);
    }

    [Fact]
    public void WriteExtraSortsAndLeavesOutDeclaredNames()
    {
        var extra = new Dictionary<string, int> { ["z"] = 1, ["id"] = 2, ["a"] = 3 };
        var text = Text(extra, (w, value, path) =>
        {
            w.WriteStartObject();
            Json.Property(w, "id", 9, path, Json.WriteInt32);
            Json.WriteExtra(w, value, new HashSet<string> { "id" }, path, Json.WriteInt32);
            w.WriteEndObject();
        });
        Assert.Equal("{\"id\":9,\"a\":3,\"z\":1}", text);
    }

    [Fact]
    public void ToBytesRefusesNull()
    {
        var e = Assert.Throws<SDKValidationException>(() => Json.ToBytes<string>(null!, Json.WriteString, "$.body"));
        Assert.Equal("$.body", e.Path);
        Assert.Contains("a value is required", e.Message);
    }

    [Fact]
    public void ToElementRoundTripsThroughTheReaders()
    {
        var map = new Dictionary<string, List<int>> { ["odd"] = new() { 1, 3 }, ["even"] = new() { 2 } };
        var element = Json.ToElement(map, Json.WriteMap(Json.WriteList<int>(Json.WriteInt32)), "$");
        Assert.Equal(JsonValueKind.Object, element.ValueKind);
        var back = Json.Map(Json.List<int>(Json.ReadInt32))(element, "$");
        Assert.Equal(map, back);
    }

    [Fact]
    public void InvariantIgnoresTheCurrentCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("1.5", Json.Invariant(1.5));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
