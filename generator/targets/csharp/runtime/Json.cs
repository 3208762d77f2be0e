using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using SdkgenRuntime.Models.Errors;

namespace SdkgenRuntime.Utils;

/// <summary>A JSON value that does not fit its model: where, and why.</summary>
internal sealed class JsonIssue : Exception
{
    public string Path { get; }

    public JsonIssue(string path, string message) : base(message)
    {
        Path = path;
    }
}

/// <summary>
/// The building blocks of the readers and writers sdkgen emits for each model: no reflection,
/// every value checked against its declared type, every mismatch named by its path.
/// </summary>
internal static class Json
{
    /// <summary>What a JSON value is, without quoting a string's text (it may be a secret).</summary>
    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True => "boolean true",
        JsonValueKind.False => "boolean false",
        JsonValueKind.Number => "number " + e.GetRawText(),
        JsonValueKind.String => "a string",
        _ => "a value",
    };

    public static JsonIssue Mismatch(string path, string expected, JsonElement e) => new(path, $"expected {expected}, got {Describe(e)}");

    public static string ReadString(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Mismatch(path, "a string", e);

    public static bool ReadBool(JsonElement e, string path) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Mismatch(path, "a boolean", e),
    };

    public static int ReadInt32(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v : throw Mismatch(path, "a 32-bit integer", e);

    public static long ReadInt64(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) ? v : throw Mismatch(path, "an integer", e);

    public static double ReadDouble(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var v) && double.IsFinite(v) ? v : throw Mismatch(path, "a number", e);

    public static float ReadSingle(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetSingle(out var v) && float.IsFinite(v) ? v : throw Mismatch(path, "a number", e);

    public static byte[] ReadBytes(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.String && e.TryGetBytesFromBase64(out var v) ? v : throw Mismatch(path, "a base64 string", e);

    /// <summary>Any JSON value, kept as it came (detached from the document it was read from).</summary>
    public static JsonElement ReadAny(JsonElement e, string path) => e.Clone();

    /// <summary>A reader that accepts only one value (an OpenAPI const or single-value enum).</summary>
    public static Func<JsonElement, string, T> Const<T>(Func<JsonElement, string, T> read, T expected) => (e, path) =>
    {
        var value = read(e, path);
        return EqualityComparer<T>.Default.Equals(value, expected) ? value : throw new JsonIssue(path, $"expected the constant {expected}, got {Describe(e)}");
    };

    public static Func<JsonElement, string, List<T>> List<T>(Func<JsonElement, string, T> item) => (e, path) =>
    {
        if (e.ValueKind != JsonValueKind.Array) throw Mismatch(path, "an array", e);
        var list = new List<T>(e.GetArrayLength());
        var i = 0;
        foreach (var element in e.EnumerateArray()) list.Add(item(element, $"{path}[{i++}]"));
        return list;
    };

    public static Func<JsonElement, string, Dictionary<string, T>> Map<T>(Func<JsonElement, string, T> value) => (e, path) =>
    {
        if (e.ValueKind != JsonValueKind.Object) throw Mismatch(path, "an object", e);
        var map = new Dictionary<string, T>();
        foreach (var property in e.EnumerateObject()) map[property.Name] = value(property.Value, $"{path}.{property.Name}");
        return map;
    };

    /// <summary>A reader that also accepts null, for a value type.</summary>
    public static Func<JsonElement, string, T?> NullableValue<T>(Func<JsonElement, string, T> inner) where T : struct =>
        (e, path) => e.ValueKind == JsonValueKind.Null ? null : inner(e, path);

    /// <summary>A reader that also accepts null, for a reference type.</summary>
    public static Func<JsonElement, string, T?> NullableRef<T>(Func<JsonElement, string, T> inner) where T : class =>
        (e, path) => e.ValueKind == JsonValueKind.Null ? null : inner(e, path);

    /// <summary>The same reader, typed as nullable for an optional field; null itself is still refused.</summary>
    public static Func<JsonElement, string, T?> Lift<T>(Func<JsonElement, string, T> inner) where T : struct =>
        (e, path) => inner(e, path);

    public static void ExpectObject(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object) throw Mismatch(path, "an object", e);
    }

    /// <summary>
    /// A property of an object: read when present; when absent, an error if it is required and has no default,
    /// else <paramref name="fallback"/> (the default, or null).
    /// </summary>
    public static T Field<T>(JsonElement obj, string name, string path, Func<JsonElement, string, T> read, bool required, T fallback)
    {
        if (obj.TryGetProperty(name, out var value)) return read(value, $"{path}.{name}");
        if (required) throw new JsonIssue($"{path}.{name}", "a required property is missing");
        return fallback;
    }

    /// <summary>The properties an object's schema does not name.</summary>
    public static Dictionary<string, T> Extra<T>(JsonElement obj, string path, ISet<string> declared, Func<JsonElement, string, T> read)
    {
        var extra = new Dictionary<string, T>();
        foreach (var property in obj.EnumerateObject())
        {
            if (!declared.Contains(property.Name)) extra[property.Name] = read(property.Value, $"{path}.{property.Name}");
        }
        return extra;
    }

    /// <summary>A JSON text the generator wrote (a default value), read with a model's reader.</summary>
    public static T Parse<T>(string json, Func<JsonElement, string, T> read)
    {
        using var document = JsonDocument.Parse(json);
        return read(document.RootElement, "$");
    }

    public static void WriteString(Utf8JsonWriter w, string value, string path) => w.WriteStringValue(value);

    public static void WriteBool(Utf8JsonWriter w, bool value, string path) => w.WriteBooleanValue(value);

    public static void WriteInt32(Utf8JsonWriter w, int value, string path) => w.WriteNumberValue(value);

    public static void WriteInt64(Utf8JsonWriter w, long value, string path) => w.WriteNumberValue(value);

    public static void WriteDouble(Utf8JsonWriter w, double value, string path)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) throw new SDKValidationException("NaN and infinities have no JSON form", path);
        w.WriteNumberValue(value);
    }

    public static void WriteSingle(Utf8JsonWriter w, float value, string path)
    {
        if (float.IsNaN(value) || float.IsInfinity(value)) throw new SDKValidationException("NaN and infinities have no JSON form", path);
        w.WriteNumberValue(value);
    }

    public static void WriteBytes(Utf8JsonWriter w, byte[] value, string path) => w.WriteBase64StringValue(value);

    public static void WriteAny(Utf8JsonWriter w, JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Undefined) w.WriteNullValue();
        else value.WriteTo(w);
    }

    public static Action<Utf8JsonWriter, List<T>, string> WriteList<T>(Action<Utf8JsonWriter, T, string> item) => (w, list, path) =>
    {
        w.WriteStartArray();
        for (var i = 0; i < list.Count; i++) item(w, list[i], $"{path}[{i}]");
        w.WriteEndArray();
    };

    public static Action<Utf8JsonWriter, Dictionary<string, T>, string> WriteMap<T>(Action<Utf8JsonWriter, T, string> value) => (w, map, path) =>
    {
        w.WriteStartObject();
        var keys = new List<string>(map.Keys);
        keys.Sort(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            w.WritePropertyName(key);
            value(w, map[key], $"{path}.{key}");
        }
        w.WriteEndObject();
    };

    public static Action<Utf8JsonWriter, T?, string> WriteNullableValue<T>(Action<Utf8JsonWriter, T, string> inner) where T : struct => (w, value, path) =>
    {
        if (value is { } present) inner(w, present, path);
        else w.WriteNullValue();
    };

    public static Action<Utf8JsonWriter, T?, string> WriteNullableRef<T>(Action<Utf8JsonWriter, T, string> inner) where T : class => (w, value, path) =>
    {
        if (value is null) w.WriteNullValue();
        else inner(w, value, path);
    };

    /// <summary>One property of an object being written.</summary>
    public static void Property<T>(Utf8JsonWriter w, string name, T value, string path, Action<Utf8JsonWriter, T, string> write)
    {
        w.WritePropertyName(name);
        write(w, value, $"{path}.{name}");
    }

    /// <summary>A property that must be set: a null left in it is refused before anything is sent.</summary>
    public static void RequiredProperty<T>(Utf8JsonWriter w, string name, T value, string path, Action<Utf8JsonWriter, T, string> write)
    {
        if (value is null) throw new SDKValidationException("a required property is missing", $"{path}.{name}");
        Property(w, name, value, path, write);
    }

    /// <summary>The properties an object's schema does not name, sorted, leaving out names the schema declares.</summary>
    public static void WriteExtra<T>(Utf8JsonWriter w, Dictionary<string, T>? extra, ISet<string> declared, string path, Action<Utf8JsonWriter, T, string> write)
    {
        if (extra is null) return;
        var keys = new List<string>(extra.Keys);
        keys.Sort(StringComparer.Ordinal);
        foreach (var key in keys) if (!declared.Contains(key)) Property(w, key, extra[key], path, write);
    }

    /// <summary>A value written as UTF-8 JSON; a null value is refused as missing.</summary>
    public static byte[] ToBytes<T>(T value, Action<Utf8JsonWriter, T, string> write, string path)
    {
        if (value is null) throw new SDKValidationException("a value is required", path);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) write(w, value, path);
        return stream.ToArray();
    }

    /// <summary>A value as a JSON element, the form parameters and form bodies are encoded from.</summary>
    public static JsonElement ToElement<T>(T value, Action<Utf8JsonWriter, T, string> write, string path)
    {
        using var document = JsonDocument.Parse(ToBytes(value, write, path));
        return document.RootElement.Clone();
    }

    /// <summary>The text at a path in a JSON value; "*" steps into every item of an array, and the texts found are joined with "; ".</summary>
    public static string TextAt(JsonElement root, IReadOnlyList<string> path)
    {
        var values = new List<JsonElement> { root };
        foreach (var step in path)
        {
            var next = new List<JsonElement>();
            foreach (var v in values)
            {
                if (step == "*" && v.ValueKind == JsonValueKind.Array) next.AddRange(v.EnumerateArray());
                else if (v.ValueKind == JsonValueKind.Object && v.TryGetProperty(step, out var found)) next.Add(found);
            }
            values = next;
        }
        var texts = new List<string>();
        foreach (var v in values) if (v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } text) texts.Add(text);
        return string.Join("; ", texts);
    }

    /// <summary>A number as parameter text, in the invariant culture.</summary>
    public static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
