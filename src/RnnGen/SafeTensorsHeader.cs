using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using static System.FormattableString;

namespace RnnGen;

/// <summary>
/// The parsed and validated header of a safetensors file: the metadata and one entry per tensor,
/// in header order, whose byte ranges tile the data section exactly.
/// </summary>
/// <param name="Entries">The tensors' entries in header order.</param>
/// <param name="Metadata">The <c>__metadata__</c> map, empty when the header has none.</param>
/// <param name="DataStart">The offset of the data section in the file (8 + the header's length).</param>
internal sealed record SafeTensorsHeader(
    IReadOnlyList<SafeTensorsEntry> Entries,
    IReadOnlyDictionary<string, string> Metadata,
    int DataStart)
{
    /// <summary>The largest header accepted, as in the reference implementation.</summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>The header's key for the string → string metadata map.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The only dtype RnnGen reads.</summary>
    public const string F32 = "F32";

    /// <summary>
    /// Checks the 8-byte header length <paramref name="headerLength"/> of a file of <paramref name="fileLength"/> bytes:
    /// what the loader can tell from the first 8 bytes, before it reads the rest.
    /// </summary>
    public static void CheckHeaderLength(ulong headerLength, long fileLength, string source)
    {
        long available = fileLength - 8L;
        if (headerLength == 0)
        {
            throw new WeightsException(source, "the header length is 0");
        }
        if (headerLength > MaxHeaderLength)
        {
            throw new WeightsException(source, Invariant(
                $"the header length {headerLength} exceeds the limit of {MaxHeaderLength} bytes"));
        }
        if ((long)headerLength > available)
        {
            throw new WeightsException(source, Invariant(
                $"the header length {headerLength} exceeds the {available} bytes that follow it"));
        }
    }

    /// <summary>Reads and checks the header of <paramref name="bytes"/>; every problem is a <see cref="WeightsException"/>.</summary>
    public static SafeTensorsHeader Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < 8)
        {
            throw new WeightsException(source, Invariant(
                $"the file is {bytes.Length} bytes long, shorter than the 8-byte header length"));
        }
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        CheckHeaderLength(headerLength, bytes.Length, source);
        int dataStart = 8 + (int)headerLength;
        long dataLength = bytes.Length - dataStart;

        using JsonDocument document = ParseJson(bytes[8..dataStart], source);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new WeightsException(source, $"the header is a JSON {Kind(root)}, not an object");
        }

        var entries = new List<SafeTensorsEntry>();
        IReadOnlyDictionary<string, string>? metadata = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw property.Name == MetadataKey
                    ? new WeightsException(source, $"the header holds '{MetadataKey}' more than once")
                    : new WeightsException(source, property.Name, "the header names this tensor more than once");
            }
            if (property.Name == MetadataKey)
            {
                metadata = ParseMetadata(property.Value, source);
            }
            else
            {
                entries.Add(ParseEntry(property.Name, property.Value, source));
            }
        }

        CheckLayout(entries, dataLength, source);
        return new SafeTensorsHeader(entries, metadata ?? new Dictionary<string, string>(), dataStart);
    }

    private static JsonDocument ParseJson(ReadOnlySpan<byte> header, string source)
    {
        // JsonDocument checks UTF-8 only in the strings it decodes, and property names are decoded
        // lazily, so the whole header is checked first.
        int invalid = FirstInvalidUtf8(header);
        if (invalid >= 0)
        {
            throw new WeightsException(source, Invariant(
                $"the header is not valid UTF-8: invalid byte 0x{header[invalid]:X2} at header offset {invalid}"));
        }
        try
        {
            // The padding spaces are trailing whitespace, which JSON allows.
            // The copy is needed because JsonDocument keeps the memory it parses.
            JsonDocument document = JsonDocument.Parse(header.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            if (FirstLoneSurrogate(header) is long at)
            {
                document.Dispose();
                throw new WeightsException(source, Invariant(
                    $"the header is not valid JSON text: the string at header offset {at} escapes half of a surrogate pair (such as \\uD800 alone)"));
            }
            return document;
        }
        catch (JsonException e)
        {
            throw new WeightsException(source, null, $"the header is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>
    /// Where a string of the (syntactically valid) header escapes a lone surrogate, which JsonDocument accepts but
    /// refuses to decode later (InvalidOperationException), or null when there is none. Found by the fuzz tests.
    /// </summary>
    private static long? FirstLoneSurrogate(ReadOnlySpan<byte> header)
    {
        var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = 16 });
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.String) || !reader.ValueIsEscaped) continue;
            try
            {
                reader.GetString();
            }
            catch (InvalidOperationException)
            {
                return reader.TokenStartIndex;
            }
        }
        return null;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out int consumed) != OperationStatus.Done) return offset;
            offset += consumed;
        }
        return -1;
    }

    private static Dictionary<string, string> ParseMetadata(JsonElement element, string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new WeightsException(source, $"'{MetadataKey}' is a JSON {Kind(element)}, not a string → string map");
        }
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw new WeightsException(source,
                    $"'{MetadataKey}' maps '{MessageText.Clip(property.Name)}' to a JSON {Kind(property.Value)}, not a string");
            }
            if (!metadata.TryAdd(property.Name, property.Value.GetString()!))
            {
                throw new WeightsException(source, $"'{MetadataKey}' holds the key '{MessageText.Clip(property.Name)}' more than once");
            }
        }
        return metadata;
    }

    private static SafeTensorsEntry ParseEntry(string name, JsonElement element, string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new WeightsException(source, name, $"the entry is a JSON {Kind(element)}, not an object");
        }
        JsonElement dtype = Member(element, "dtype", name, source);
        JsonElement shapeElement = Member(element, "shape", name, source);
        JsonElement offsetsElement = Member(element, "data_offsets", name, source);

        if (dtype.ValueKind != JsonValueKind.String)
        {
            throw new WeightsException(source, name, $"dtype is a JSON {Kind(dtype)}, not a string");
        }
        string dtypeName = dtype.GetString()!;
        if (dtypeName != F32)
        {
            throw new WeightsException(source, name, $"unsupported dtype '{MessageText.Clip(dtypeName)}'; RnnGen reads F32 only");
        }

        int[] shape = ParseShape(shapeElement, name, source);
        (long begin, long end) = ParseOffsets(offsetsElement, name, source);

        long count = TensorShape.ElementCount(shape)
            ?? throw new WeightsException(source, name, Invariant(
                $"shape {TensorShape.Format(shape)} has more elements than an array can hold ({Array.MaxLength})"));
        long needed = count * sizeof(float);
        if (end - begin != needed)
        {
            throw new WeightsException(source, name, Invariant(
                $"data_offsets [{begin}, {end}] cover {end - begin} bytes but shape {TensorShape.Format(shape)} of F32 needs {needed}"));
        }
        return new SafeTensorsEntry(name, shape, begin, end);
    }

    private static JsonElement Member(JsonElement entry, string member, string name, string source) =>
        entry.TryGetProperty(member, out JsonElement value)
            ? value
            : throw new WeightsException(source, name, $"the entry has no '{member}'");

    private static int[] ParseShape(JsonElement element, string name, string source)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new WeightsException(source, name, $"shape is a JSON {Kind(element)}, not an array");
        }
        var shape = new int[element.GetArrayLength()];
        int i = 0;
        foreach (JsonElement dim in element.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt32(out int value))
            {
                throw new WeightsException(source, name,
                    Invariant($"shape {MessageText.Clip(element.GetRawText())} holds {MessageText.Clip(dim.GetRawText())}, not an integer in [0, {int.MaxValue}]"));
            }
            if (value < 0)
            {
                throw new WeightsException(source, name, Invariant(
                    $"shape {MessageText.Clip(element.GetRawText())} holds the negative dimension {value}"));
            }
            shape[i++] = value;
        }
        return shape;
    }

    private static (long Begin, long End) ParseOffsets(JsonElement element, string name, string source)
    {
        string NotTwo() => $"data_offsets {MessageText.Clip(element.GetRawText())} are not two non-negative integers [begin, end]";
        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() != 2)
        {
            throw new WeightsException(source, name, NotTwo());
        }
        JsonElement first = element[0];
        JsonElement second = element[1];
        if (first.ValueKind != JsonValueKind.Number || !first.TryGetInt64(out long begin) || begin < 0
            || second.ValueKind != JsonValueKind.Number || !second.TryGetInt64(out long end) || end < 0)
        {
            throw new WeightsException(source, name, NotTwo());
        }
        if (begin > end)
        {
            throw new WeightsException(source, name, Invariant(
                $"data_offsets [{begin}, {end}] begin after they end"));
        }
        return (begin, end);
    }

    /// <summary>
    /// Checks that the byte ranges, sorted by where they begin, follow one another without gaps or
    /// overlaps from 0 to the end of the data section (empty tensors take no room and may sit anywhere
    /// on a boundary).
    /// </summary>
    private static void CheckLayout(IReadOnlyList<SafeTensorsEntry> entries, long dataLength, string source)
    {
        SafeTensorsEntry? previous = null;
        foreach (SafeTensorsEntry entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            long expected = previous?.End ?? 0;
            if (entry.Begin < expected)
            {
                throw new WeightsException(source, entry.Name, Invariant(
                    $"data_offsets [{entry.Begin}, {entry.End}] overlap tensor '{MessageText.Clip(previous!.Name)}' at [{previous.Begin}, {previous.End}]"));
            }
            if (entry.Begin > expected)
            {
                string after = previous is null
                    ? "at the start of the data section"
                    : Invariant($"after tensor '{MessageText.Clip(previous.Name)}' at [{previous.Begin}, {previous.End}]");
                throw new WeightsException(source, entry.Name, Invariant(
                    $"data_offsets [{entry.Begin}, {entry.End}] leave a gap of {entry.Begin - expected} bytes {after}"));
            }
            if (entry.End > dataLength)
            {
                throw new WeightsException(source, entry.Name, Invariant(
                    $"data_offsets [{entry.Begin}, {entry.End}] run past the end of the data section, which holds {dataLength} bytes"));
            }
            previous = entry;
        }
        long covered = previous?.End ?? 0;
        if (covered != dataLength)
        {
            string last = previous is null ? "no tensors" : $"the last tensor '{MessageText.Clip(previous.Name)}'";
            throw new WeightsException(source, Invariant(
                $"the data section holds {dataLength} bytes but the tensors cover {covered}: {dataLength - covered} trailing bytes after {last}"));
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };
}
