using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace SdkgenRuntime.Utils;

/// <summary>Parameters and form bodies encoded per their OpenAPI style, from the JSON form of their values.</summary>
internal static class ParamEncoding
{
    /// <summary>A parameter value taken apart: scalars (a list or one value) or key/value pairs (an object).</summary>
    internal readonly record struct Parts(List<string> Scalars, List<KeyValuePair<string, string>> Pairs, bool IsObject, bool IsList);

    /// <summary>A scalar as text: strings as they are, numbers and booleans as JSON writes them, anything else as JSON.</summary>
    public static string ScalarText(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => e.GetRawText(),
    };

    public static Parts Split(JsonElement value)
    {
        var scalars = new List<string>();
        var pairs = new List<KeyValuePair<string, string>>();
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray()) if (item.ValueKind != JsonValueKind.Null) scalars.Add(ScalarText(item));
                return new Parts(scalars, pairs, false, true);
            case JsonValueKind.Object:
                foreach (var p in value.EnumerateObject()) if (p.Value.ValueKind != JsonValueKind.Null) pairs.Add(new(p.Name, ScalarText(p.Value)));
                return new Parts(scalars, pairs, true, false);
            default:
                scalars.Add(ScalarText(value));
                return new Parts(scalars, pairs, false, false);
        }
    }

    /// <summary>Percent-encodes every byte of the UTF-8 text but the unreserved characters of RFC 3986.</summary>
    public static string Escape(string text)
    {
        const string hex = "0123456789ABCDEF";
        var b = new StringBuilder();
        foreach (var c in System.Text.Encoding.UTF8.GetBytes(text))
        {
            if (c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                b.Append((char)c);
                continue;
            }
            b.Append('%').Append(hex[c >> 4]).Append(hex[c & 15]);
        }
        return b.ToString();
    }

    public static string FormEscape(string text) => Escape(text).Replace("%20", "+");

    private static string PathEscape(string text) => text is "." or ".." ? string.Concat(Enumerable.Repeat("%2E", text.Length)) : Escape(text);

    private static string JoinPairs(IEnumerable<KeyValuePair<string, string>> pairs, bool explode, Func<string, string> enc) =>
        string.Join(",", pairs.Select(p => explode ? $"{enc(p.Key)}={enc(p.Value)}" : $"{enc(p.Key)},{enc(p.Value)}"));

    /// <summary>The query pairs ("key=value", already encoded) of a parameter.</summary>
    public static IEnumerable<string> Query(string name, string style, bool explode, JsonElement value)
    {
        var parts = Split(value);
        var key = Escape(name);
        if (parts.IsObject)
        {
            if (style == "deepObject") return parts.Pairs.Select(p => $"{key}%5B{Escape(p.Key)}%5D={Escape(p.Value)}").ToList();
            if (explode) return parts.Pairs.Select(p => $"{Escape(p.Key)}={Escape(p.Value)}").ToList();
            return new[] { $"{key}={JoinPairs(parts.Pairs, false, Escape)}" };
        }
        if (parts.IsList && !explode)
        {
            var separator = style switch { "spaceDelimited" => "%20", "pipeDelimited" => "%7C", _ => "," };
            return new[] { $"{key}={string.Join(separator, parts.Scalars.Select(Escape))}" };
        }
        return parts.Scalars.Select(s => $"{key}={Escape(s)}").ToList();
    }

    /// <summary>The text a path parameter's placeholder is replaced with.</summary>
    public static string Path(string name, string style, bool explode, JsonElement value)
    {
        var parts = Split(value);
        switch (style)
        {
            case "label":
                if (parts.IsObject) return "." + (explode ? JoinPairs(parts.Pairs, true, PathEscape).Replace(",", ".") : JoinPairs(parts.Pairs, false, PathEscape));
                return "." + string.Join(explode ? "." : ",", parts.Scalars.Select(PathEscape));
            case "matrix":
                var key = PathEscape(name);
                if (parts.IsObject)
                {
                    return explode
                        ? string.Concat(parts.Pairs.Select(p => $";{PathEscape(p.Key)}={PathEscape(p.Value)}"))
                        : $";{key}={JoinPairs(parts.Pairs, false, PathEscape)}";
                }
                if (explode && parts.IsList) return string.Concat(parts.Scalars.Select(s => $";{key}={PathEscape(s)}"));
                return $";{key}={string.Join(",", parts.Scalars.Select(PathEscape))}";
        }
        return parts.IsObject ? JoinPairs(parts.Pairs, explode, PathEscape) : string.Join(",", parts.Scalars.Select(PathEscape));
    }

    /// <summary>A header's value (simple style); refused when it would break the header apart.</summary>
    public static string Header(string name, bool explode, JsonElement value)
    {
        var parts = Split(value);
        var text = parts.IsObject ? JoinPairs(parts.Pairs, explode, s => s) : string.Join(",", parts.Scalars);
        return HeaderSafe(text, name);
    }

    /// <summary>The text, when it holds no line break or NUL that would let it end its header.</summary>
    public static string HeaderSafe(string text, string name) =>
        text.IndexOfAny(new[] { '\r', '\n', '\0' }) >= 0 ? throw new Models.Errors.SDKValidationException("a header value must not contain line breaks", name) : text;

    /// <summary>A cookie pair ("name=value"), its value escaped.</summary>
    public static string Cookie(string name, JsonElement value) => $"{name}={Escape(string.Join(",", Split(value).Scalars))}";

    /// <summary>
    /// An application/x-www-form-urlencoded body from an object's JSON: its properties in order, a list as
    /// one pair per item, nested objects as JSON text, nulls left out.
    /// </summary>
    public static byte[] Form(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object) throw new Models.Errors.SDKValidationException("a form body must be an object", path);
        var pairs = new List<string>();
        foreach (var property in value.EnumerateObject())
        {
            var items = property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray().ToList() : new List<JsonElement> { property.Value };
            foreach (var item in items)
            {
                if (item.ValueKind == JsonValueKind.Null) continue;
                pairs.Add($"{FormEscape(property.Name)}={FormEscape(ScalarText(item))}");
            }
        }
        return System.Text.Encoding.UTF8.GetBytes(string.Join("&", pairs));
    }
}
