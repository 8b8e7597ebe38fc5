using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RnnGen;

/// <summary>Lays tensors out as safetensors bytes: a pure function of its arguments.</summary>
internal static class SafeTensorsWriter
{
    // Relaxed escaping writes non-ASCII names and metadata as UTF-8 instead of \uXXXX; the header is
    // never embedded in HTML, which is the only context the stricter default encoder protects.
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>
    /// The file's bytes: the header length, the compact JSON header (metadata first with its keys in
    /// ordinal order, omitted when empty; then the tensors in the given order) padded with spaces to
    /// a multiple of 8 bytes, then each tensor's little-endian F32 values, contiguously, in the given order.
    /// </summary>
    public static byte[] Serialize(IEnumerable<Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        Tensor[] list = tensors.ToArray();
        CheckNames(list);

        byte[] header = Header(list, metadata);
        int padded = (header.Length + 7) / 8 * 8;
        long dataLength = list.Sum(t => (long)t.Data.Length * sizeof(float));
        long total = 8 + padded + dataLength;
        if (total > Array.MaxLength)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"The tensors need {total} bytes, more than one array can hold."), nameof(tensors));
        }

        var bytes = new byte[total];
        Span<byte> span = bytes;
        BinaryPrimitives.WriteUInt64LittleEndian(span, (ulong)padded);
        header.CopyTo(span[8..]);
        span.Slice(8 + header.Length, padded - header.Length).Fill((byte)' ');
        int offset = 8 + padded;
        foreach (Tensor tensor in list)
        {
            foreach (float value in tensor.Data)
            {
                BinaryPrimitives.WriteSingleLittleEndian(span[offset..], value);
                offset += sizeof(float);
            }
        }
        return bytes;
    }

    private static void CheckNames(Tensor[] tensors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Tensor tensor in tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor, nameof(tensors));
            if (tensor.Name == SafeTensorsHeader.MetadataKey)
            {
                throw new ArgumentException($"A tensor cannot be named '{SafeTensorsHeader.MetadataKey}'.", nameof(tensors));
            }
            if (!names.Add(tensor.Name))
            {
                throw new ArgumentException($"Two tensors are named '{tensor.Name}'.", nameof(tensors));
            }
        }
    }

    private static byte[] Header(Tensor[] tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafeTensorsHeader.MetadataKey);
                foreach (KeyValuePair<string, string> pair in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    json.WriteString(pair.Key, pair.Value);
                }
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (Tensor tensor in tensors)
            {
                long end = offset + (long)tensor.Data.Length * sizeof(float);
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", SafeTensorsHeader.F32);
                json.WriteStartArray("shape");
                foreach (int dim in tensor.Shape) json.WriteNumberValue(dim);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                json.WriteEndObject();
                offset = end;
            }
            json.WriteEndObject();
        }
        return stream.ToArray();
    }
}
