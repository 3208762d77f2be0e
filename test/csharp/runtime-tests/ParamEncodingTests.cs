namespace SdkgenRuntime.Tests;

using System.Text;
using System.Text.Json;
using SdkgenRuntime.Models.Errors;
using SdkgenRuntime.Utils;
using Xunit;

public class ParamEncodingTests
{
    private static JsonElement J(string json) => JsonDocument.Parse(json).RootElement;

    [Theory]
    [InlineData("abcXYZ019", "abcXYZ019")]
    [InlineData("~-._", "~-._")]
    [InlineData("a b", "a%20b")]
    [InlineData("ä", "%C3%A4")]
    [InlineData("😀", "%F0%9F%98%80")]
    [InlineData("!*'();:@&=+$,/?#[]", "%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%2F%3F%23%5B%5D")]
    [InlineData("%", "%25")]
    public void EscapeKeepsOnlyUnreservedCharacters(string text, string expected)
    {
        Assert.Equal(expected, ParamEncoding.Escape(text));
    }

    [Fact]
    public void FormEscapeWritesSpacesAsPlus()
    {
        Assert.Equal("a+b%2Bc", ParamEncoding.FormEscape("a b+c"));
    }

    [Theory]
    [InlineData("\"a b\"", "a b")]
    [InlineData("12.50", "12.50")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("[1,2]", "[1,2]")]
    public void ScalarTextWritesStringsAsTheyAreAndTheRestAsJson(string json, string expected)
    {
        Assert.Equal(expected, ParamEncoding.ScalarText(J(json)));
    }

    [Theory]
    [InlineData("form", true, "[1,2]", "id=1|id=2")]
    [InlineData("form", false, "[1,2]", "id=1,2")]
    [InlineData("form", true, "[\"a b\",null,\"c,d\"]", "id=a%20b|id=c%2Cd")]
    [InlineData("form", false, "[\"a b\",\"c,d\"]", "id=a%20b,c%2Cd")]
    [InlineData("spaceDelimited", false, "[1,2,3]", "id=1%202%203")]
    [InlineData("pipeDelimited", false, "[1,2,3]", "id=1%7C2%7C3")]
    [InlineData("spaceDelimited", true, "[1,2]", "id=1|id=2")]
    [InlineData("form", true, "\"x&y\"", "id=x%26y")]
    [InlineData("form", false, "7", "id=7")]
    [InlineData("form", true, "false", "id=false")]
    public void QueryEncodesScalarsAndArrays(string style, bool explode, string json, string expected)
    {
        Assert.Equal(expected, string.Join("|", ParamEncoding.Query("id", style, explode, J(json))));
    }

    [Theory]
    [InlineData("form", true, "k=x|n=2")]
    [InlineData("form", false, "filter=k,x,n,2")]
    [InlineData("deepObject", true, "filter%5Bk%5D=x|filter%5Bn%5D=2")]
    public void QueryEncodesObjects(string style, bool explode, string expected)
    {
        var value = J("{\"k\":\"x\",\"skip\":null,\"n\":2}");
        Assert.Equal(expected, string.Join("|", ParamEncoding.Query("filter", style, explode, value)));
    }

    [Fact]
    public void QueryEscapesNamesKeysAndValues()
    {
        Assert.Equal("a%20b=c%2Fd", string.Join("|", ParamEncoding.Query("a b", "form", true, J("\"c/d\""))));
        Assert.Equal("f%5Bx%20y%5D=1%2C2", string.Join("|", ParamEncoding.Query("f", "deepObject", true, J("{\"x y\":\"1,2\"}"))));
        Assert.Equal("f=k,a%2Cb", string.Join("|", ParamEncoding.Query("f", "form", false, J("{\"k\":\"a,b\"}"))));
    }

    [Theory]
    [InlineData("simple", false, "\"a/b c\"", "a%2Fb%20c")]
    [InlineData("simple", false, "[1,2]", "1,2")]
    [InlineData("simple", true, "[1,2]", "1,2")]
    [InlineData("simple", false, "{\"a\":1,\"b\":2}", "a,1,b,2")]
    [InlineData("simple", true, "{\"a\":1,\"b\":2}", "a=1,b=2")]
    [InlineData("label", false, "5", ".5")]
    [InlineData("label", false, "[1,2]", ".1,2")]
    [InlineData("label", true, "[1,2]", ".1.2")]
    [InlineData("label", false, "{\"a\":1,\"b\":2}", ".a,1,b,2")]
    [InlineData("label", true, "{\"a\":1,\"b\":2}", ".a=1.b=2")]
    [InlineData("matrix", false, "5", ";id=5")]
    [InlineData("matrix", true, "5", ";id=5")]
    [InlineData("matrix", false, "[1,2]", ";id=1,2")]
    [InlineData("matrix", true, "[1,2]", ";id=1;id=2")]
    [InlineData("matrix", false, "{\"a\":1,\"b\":2}", ";id=a,1,b,2")]
    [InlineData("matrix", true, "{\"a\":1,\"b\":2}", ";a=1;b=2")]
    public void PathEncodesEachStyle(string style, bool explode, string json, string expected)
    {
        Assert.Equal(expected, ParamEncoding.Path("id", style, explode, J(json)));
    }

    [Theory]
    [InlineData("simple", "\".\"", "%2E")]
    [InlineData("simple", "\"..\"", "%2E%2E")]
    [InlineData("simple", "\"...\"", "...")]
    [InlineData("simple", "\"a.b\"", "a.b")]
    [InlineData("simple", "[\"..\",\"x\"]", "%2E%2E,x")]
    [InlineData("label", "\"..\"", ".%2E%2E")]
    [InlineData("matrix", "\".\"", ";id=%2E")]
    public void PathNeverLeavesADotSegment(string style, string json, string expected)
    {
        Assert.Equal(expected, ParamEncoding.Path("id", style, false, J(json)));
    }

    [Theory]
    [InlineData(false, "\"a b,c\"", "a b,c")]
    [InlineData(false, "[1,2]", "1,2")]
    [InlineData(false, "{\"a\":1,\"b\":2}", "a,1,b,2")]
    [InlineData(true, "{\"a\":1,\"b\":2}", "a=1,b=2")]
    public void HeaderEncodesTheSimpleStyleWithoutEscaping(bool explode, string json, string expected)
    {
        Assert.Equal(expected, ParamEncoding.Header("X-Value", explode, J(json)));
    }

    [Theory]
    [InlineData("\"a\\r\\nX-Injected: 1\"")]
    [InlineData("\"a\\nb\"")]
    [InlineData("\"a\\rb\"")]
    [InlineData("\"a\\u0000b\"")]
    [InlineData("[\"ok\",\"a\\nb\"]")]
    [InlineData("{\"k\":\"a\\nb\"}")]
    public void HeaderRefusesLineBreaks(string json)
    {
        var e = Assert.Throws<SDKValidationException>(() => ParamEncoding.Header("X-Value", false, J(json)));
        Assert.Equal("X-Value", e.Path);
        Assert.Contains("line breaks", e.Message);
    }

    [Fact]
    public void CookieEscapesItsValue()
    {
        Assert.Equal("session=a%20b%3Bc", ParamEncoding.Cookie("session", J("\"a b;c\"")));
        Assert.Equal("ids=1%2C2", ParamEncoding.Cookie("ids", J("[1,2]")));
    }

    private static string Form(string json) => Encoding.UTF8.GetString(ParamEncoding.Form(J(json), "body"));

    [Fact]
    public void FormEncodesAnObjectInPropertyOrder()
    {
        Assert.Equal(
            "login=user%40example.org&password=p%40ss+word%26%3D&rememberMe=true",
            Form("{\"login\":\"user@example.org\",\"password\":\"p@ss word&=\",\"rememberMe\":true}"));
    }

    [Fact]
    public void FormRepeatsListsAndLeavesOutNulls()
    {
        Assert.Equal("tag=a&tag=b+c&n=1.5", Form("{\"tag\":[\"a\",null,\"b c\"],\"skip\":null,\"n\":1.5}"));
    }

    [Fact]
    public void FormWritesNestedValuesAsJsonText()
    {
        Assert.Equal("filter=%7B%22a%22%3A1%7D&grid=%5B1%2C2%5D", Form("{\"filter\":{\"a\":1},\"grid\":[[1,2]]}"));
    }

    [Fact]
    public void FormEscapesNames()
    {
        Assert.Equal("a+b%26c=1", Form("{\"a b&c\":1}"));
    }

    [Fact]
    public void FormOfAnEmptyObjectIsEmpty()
    {
        Assert.Empty(ParamEncoding.Form(J("{}"), "body"));
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void FormRefusesAnythingButAnObject(string json)
    {
        var e = Assert.Throws<SDKValidationException>(() => ParamEncoding.Form(J(json), "body"));
        Assert.Equal("body", e.Path);
    }
}
