using System;
using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security;

namespace RnnGen;

/// <summary>
/// A safetensors weights file holding F32 tensors: read, validated and held in memory.
/// </summary>
/// <remarks>
/// The format: an 8-byte little-endian header length N, N bytes of UTF-8 JSON
/// <c>{"__metadata__":{...}, "name":{"dtype":"F32","shape":[..],"data_offsets":[begin,end]}, ...}</c>,
/// then the data section, which the tensors' byte ranges must tile exactly.
/// Every problem with a file is reported as a <see cref="WeightsException"/> naming the file,
/// the tensor when there is one, and the exact mismatch.
/// </remarks>
public sealed class SafeTensorsFile
{
    private readonly FrozenDictionary<string, Tensor> byName;

    private SafeTensorsFile(string source, Tensor[] tensors, IReadOnlyDictionary<string, string> metadata)
    {
        Source = source;
        Tensors = Array.AsReadOnly(tensors);
        Metadata = metadata.ToFrozenDictionary(StringComparer.Ordinal);
        byName = tensors.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The file's path as given to <see cref="Read"/>, or the name given to <see cref="Parse"/>.</summary>
    public string Source { get; }

    /// <summary>The tensors, in the order the header lists them.</summary>
    public IReadOnlyList<Tensor> Tensors { get; }

    /// <summary>The header's <c>__metadata__</c> map; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Reads and validates a safetensors file.</summary>
    /// <param name="path">The file's path; messages name the file by it.</param>
    /// <returns>The file's tensors and metadata.</returns>
    /// <exception cref="WeightsException">The file cannot be read, or is not a valid F32 safetensors file.</exception>
    public static SafeTensorsFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException
                                      or NotSupportedException or ArgumentException)
        {
            throw new WeightsException(path, null, $"cannot read the file: {e.Message}", e);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses and validates the bytes of a safetensors file.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="source">The name messages give the file (a path, or a name such as <c>name-tagger.safetensors</c>).</param>
    /// <returns>The file's tensors and metadata.</returns>
    /// <exception cref="WeightsException">The bytes are not a valid F32 safetensors file.</exception>
    public static SafeTensorsFile Parse(ReadOnlySpan<byte> bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        SafeTensorsHeader header = SafeTensorsHeader.Parse(bytes, source);
        ReadOnlySpan<byte> data = bytes[header.DataStart..];
        var tensors = new Tensor[header.Entries.Count];
        for (int i = 0; i < tensors.Length; i++)
        {
            SafeTensorsEntry entry = header.Entries[i];
            tensors[i] = new Tensor(entry.Name, entry.Shape, ReadFloats(data[(int)entry.Begin..(int)entry.End]));
        }
        return new SafeTensorsFile(source, tensors, header.Metadata);
    }

    /// <summary>Writes tensors to a safetensors file (see <see cref="Serialize"/> for the layout).</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="tensors">The tensors, laid out in this order; names must be distinct and not <c>__metadata__</c>.</param>
    /// <param name="metadata">The <c>__metadata__</c> map, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">Two tensors share a name, or one is named <c>__metadata__</c>.</exception>
    /// <exception cref="WeightsException">The file cannot be written.</exception>
    public static void Write(string path, IEnumerable<Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = Serialize(tensors, metadata);
        try
        {
            File.WriteAllBytes(path, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException
                                      or NotSupportedException or ArgumentException)
        {
            throw new WeightsException(path, null, $"cannot write the file: {e.Message}", e);
        }
    }

    /// <summary>
    /// The bytes of a safetensors file holding <paramref name="tensors"/>; the same arguments always give the same bytes.
    /// </summary>
    /// <remarks>
    /// The header is compact JSON: <c>__metadata__</c> first with its keys in ordinal order (left out when
    /// <paramref name="metadata"/> is null or empty), then one entry per tensor in the given order,
    /// padded with spaces to a multiple of 8 bytes. The tensors' data follow contiguously in the same order.
    /// </remarks>
    /// <param name="tensors">The tensors, laid out in this order; names must be distinct and not <c>__metadata__</c>.</param>
    /// <param name="metadata">The <c>__metadata__</c> map, or <see langword="null"/> for none.</param>
    /// <returns>The whole file.</returns>
    /// <exception cref="ArgumentException">Two tensors share a name, or one is named <c>__metadata__</c>.</exception>
    public static byte[] Serialize(IEnumerable<Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null) =>
        SafeTensorsWriter.Serialize(tensors, metadata);

    /// <summary>The tensor named <paramref name="name"/> (ordinal comparison), or <see langword="null"/>.</summary>
    /// <param name="name">The tensor's name.</param>
    /// <returns>The tensor, or <see langword="null"/> when the file has none of that name.</returns>
    public Tensor? Find(string name) => byName.GetValueOrDefault(name);

    /// <summary>The data of the tensor named <paramref name="name"/>, which must have exactly <paramref name="shape"/>.</summary>
    /// <param name="name">The tensor's name.</param>
    /// <param name="shape">The shape the model needs.</param>
    /// <returns>The tensor's values in row-major order (the tensor's own array, not a copy).</returns>
    /// <exception cref="WeightsException">The file has no such tensor, or its shape differs.</exception>
    public float[] Require(string name, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        Tensor tensor = Find(name) ?? throw new WeightsException(Source, name, $"missing; {Inventory()}");
        if (!tensor.Shape.AsSpan().SequenceEqual(shape))
        {
            throw new WeightsException(Source, name,
                $"shape {TensorShape.Format(tensor.Shape)} but the model needs {TensorShape.Format(shape)}");
        }
        return tensor.Data;
    }

    /// <summary>Throws when the file holds a tensor the model does not read (a sign of the wrong file or a stale spec).</summary>
    /// <param name="expected">The names of every tensor the model reads.</param>
    /// <exception cref="WeightsException">The file holds a tensor not in <paramref name="expected"/> (the first such one is named).</exception>
    public void RejectUnexpected(params string[] expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var known = new HashSet<string>(expected, StringComparer.Ordinal);
        Tensor? unexpected = Tensors.FirstOrDefault(t => !known.Contains(t.Name));
        if (unexpected is not null)
        {
            string reads = expected.Length == 0 ? "the model reads no tensors" : $"the model reads only {string.Join(", ", expected)}";
            throw new WeightsException(Source, unexpected.Name, $"unexpected; {reads}");
        }
    }

    private string Inventory() =>
        Tensors.Count == 0
            ? "the file has no tensors"
            : "the file has " + string.Join(", ", Tensors.Select(t => t.Name).Order(StringComparer.Ordinal));

    private static float[] ReadFloats(ReadOnlySpan<byte> bytes)
    {
        var values = new float[bytes.Length / sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        }
        else
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
            }
        }
        return values;
    }
}
