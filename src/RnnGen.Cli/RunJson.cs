using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RnnGen.Cli;

/// <summary>
/// The JSON line <c>rnngen run</c> writes per sequence: <c>{"tokens":[...],"ids":[...],"outputs":[[...],...]}</c>
/// for a one-hot model, <c>{"inputs":[[...],...],"outputs":[[...],...]}</c> for a dense one. Floats are in their
/// shortest round-trip form ("R", invariant); a non-finite output (only possible with non-finite weights) is the JSON
/// string <c>"Infinity"</c>, <c>"-Infinity"</c> or <c>"NaN"</c>, as System.Text.Json writes and reads them under
/// <c>JsonNumberHandling.AllowNamedFloatingPointLiterals</c>, so the three stay distinguishable (JSON has no literal for them).
/// </summary>
internal static class RunJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static string OneHot(RunSequence.OneHot sequence, ReadOnlySpan<float> outputs, int outputSize) =>
        Write(json =>
        {
            json.WriteStartArray("tokens");
            foreach (string token in sequence.Tokens) json.WriteStringValue(token);
            json.WriteEndArray();
            json.WriteStartArray("ids");
            foreach (int id in sequence.Ids) json.WriteNumberValue(id);
            json.WriteEndArray();
        }, outputs, outputSize);

    public static string Dense(RunSequence.Dense sequence, int inputSize, ReadOnlySpan<float> outputs, int outputSize) =>
        Write(json =>
        {
            json.WritePropertyName("inputs");
            WriteRows(json, sequence.Values, inputSize);
        }, outputs, outputSize);

    private static string Write(Action<Utf8JsonWriter> head, ReadOnlySpan<float> outputs, int outputSize)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            head(json);
            json.WritePropertyName("outputs");
            WriteRows(json, outputs, outputSize);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteRows(Utf8JsonWriter json, ReadOnlySpan<float> values, int width)
    {
        json.WriteStartArray();
        for (int start = 0; start < values.Length; start += width)
        {
            json.WriteStartArray();
            foreach (float value in values.Slice(start, width))
            {
                if (float.IsFinite(value)) json.WriteRawValue(Numbers.RoundTrip(value));
                else json.WriteStringValue(Numbers.NonFinite(value));
            }
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }
}
