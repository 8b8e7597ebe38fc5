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
            bytes = ReadBounded(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException
                                      or NotSupportedException or ArgumentException)
        {
            throw new WeightsException(path, null, $"cannot read the file: {e.Message}", e);
        }
        return Parse(bytes, path);
    }

    /// <summary>
    /// The longest file <see cref="Read"/> reads: the longest array of bytes .NET allocates (2,147,483,591 bytes, just
    /// under 2 GiB). The generator refuses a spec whose tensors would not fit in such a file (RNN0025).
    /// </summary>
    internal const long MaxFileLength = 0x7FFFFFC7;

    /// <summary>
    /// The whole file, read only when it is a file whose length is known before it is opened and at most
    /// <see cref="MaxFileLength"/>: a directory, a pipe or a device (which report length 0: <c>/dev/zero</c> would
    /// never end, a FIFO would block) or a longer file is a <see cref="WeightsException"/> at once.
    /// </summary>
    private static byte[] ReadBounded(string path)
    {
        if (Directory.Exists(path)) throw new WeightsException(path, "it is a directory, not a safetensors file");
        var info = new FileInfo(path);
        if (info.Exists && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) info = target;
        if (info.Exists)
        {
            if (info.Length == 0)
            {
                throw new WeightsException(path,
                    "the file is empty (0 bytes), or is not a regular file (a pipe or a device reports 0 bytes, and is not read); a safetensors file starts with its 8-byte header length");
            }
            if (info.Length > MaxFileLength) throw TooLong(path, info.Length);
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        long length = stream.Length;
        if (length > MaxFileLength) throw TooLong(path, length);
        // The header length first: a file that is not safetensors at all (random bytes give a huge one) is refused
        // before gigabytes of it are allocated and read. A file that shrank since its length was taken is read as far as
        // it goes, and the parser names what is missing.
        Span<byte> start = stackalloc byte[8];
        int read = stream.ReadAtLeast(start, 8, throwOnEndOfStream: false);
        if (read == 8) SafeTensorsHeader.CheckHeaderLength(BinaryPrimitives.ReadUInt64LittleEndian(start), length, path);
        byte[] bytes = new byte[Math.Max(length, read)];
        start[..read].CopyTo(bytes);
        if (read == 8) read += stream.ReadAtLeast(bytes.AsSpan(8), bytes.Length - 8, throwOnEndOfStream: false);
        return read == bytes.Length ? bytes : bytes[..read];
    }

    private static WeightsException TooLong(string path, long length) =>
        new(path, System.FormattableString.Invariant(
            $"the file is {length:#,0} bytes long, more than the {MaxFileLength:#,0} bytes (2 GiB) RnnGen reads of a weights file"));

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
        if (Directory.Exists(path)) throw new WeightsException(path, "it is a directory; name the file to write");
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
            string reads = expected.Length == 0 ? "the model reads no tensors" : $"the model reads only {MessageText.List(expected)}";
            throw new WeightsException(Source, unexpected.Name, $"unexpected; {reads}");
        }
    }

    /// <summary>
    /// The data of every tensor a model lists, in its order, found under the module prefixes the file uses:
    /// a listed name <c>rnn.weight_ih_l0</c> matches <c>rnn.weight_ih_l0</c> itself, or the same tensor under
    /// another prefix (<c>encoder.gru.weight_ih_l0</c>) when exactly one prefix gives every tensor of that module
    /// with the listed shape, as a PyTorch <c>state_dict</c> of a model with other module names does. The file must
    /// hold nothing else. A model whose spec names its module prefixes reads its file with <see cref="RequireExact"/>
    /// instead.
    /// </summary>
    /// <param name="expected">The tensors, as a generated model's <c>Info.Tensors</c> lists them.</param>
    /// <returns>Each tensor's values, row-major, in the order of <paramref name="expected"/>.</returns>
    /// <exception cref="WeightsException">
    /// A module's tensors are not there under any one prefix, or under more than one, or the file holds other
    /// tensors; the message lists what the model expects and what the file holds.
    /// </exception>
    public float[][] RequireAll(IReadOnlyList<TensorInfo> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var names = new string[expected.Count];
        foreach (IGrouping<string, int> module in Enumerable.Range(0, expected.Count).GroupBy(i => ModuleOf(expected[i].Name), StringComparer.Ordinal))
        {
            int[] members = module.ToArray();
            string Local(int i) => expected[i].Name.Substring(module.Key.Length);
            bool Fits(string prefix) => members.All(i => Find(prefix + Local(i)) is Tensor t && t.Shape.AsSpan().SequenceEqual(expected[i].Shape.ToArray()));
            string first = Local(members[0]);
            List<string> candidates = Tensors.Select(t => t.Name)
                .Where(n => n.EndsWith(first, StringComparison.Ordinal) && (n.Length == first.Length || n[n.Length - first.Length - 1] == '.'))
                .Select(n => n.Substring(0, n.Length - first.Length))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var prefixes = candidates.Where(Fits).ToList();
            string prefix;
            if (prefixes.Contains(module.Key)) prefix = module.Key;
            else if (prefixes.Count == 1) prefix = prefixes[0];
            else if (prefixes.Count > 1)
            {
                throw new WeightsException(Source, expected[members[0]].Name,
                    $"found under several module prefixes ({MessageText.List(prefixes.Select(p => "'" + p + "'"))}), so which one the model reads is not clear; {Expects(expected)}; {Inventory(shapes: true)}");
            }
            else
            {
                // Report under the listed prefix, or the one prefix the file uses for this module's first tensor.
                string under = candidates.Contains(module.Key) || candidates.Count != 1 ? module.Key : candidates[0];
                int missing = members.FirstOrDefault(i => !(Find(under + Local(i)) is Tensor t && t.Shape.AsSpan().SequenceEqual(expected[i].Shape.ToArray())));
                string name = under + Local(missing);
                string problem = Find(name) is Tensor wrong
                    ? $"shape {TensorShape.Format(wrong.Shape)} but the model needs {TensorShape.Format(expected[missing].Shape.ToArray())}"
                    : "missing (under this name or any module prefix)";
                throw new WeightsException(Source, name, $"{problem}; {Expects(expected)}; {Inventory(shapes: true)}");
            }
            foreach (int i in members) names[i] = prefix + Local(i);
        }
        RejectUnexpected(names);
        return names.Select(n => Find(n)!.Data).ToArray();
    }

    /// <summary>
    /// The data of every tensor a model lists, in its order, each under exactly its listed name and with its listed
    /// shape, and nothing else in the file: how a generated model reads its file when its spec names the module
    /// prefixes (<c>"modules": { "rnn": "encoder.gru" }</c> lists <c>encoder.gru.weight_ih_l0</c>), so that no other
    /// prefix is tried (<see cref="RequireAll"/> is the one that searches).
    /// </summary>
    /// <param name="expected">The tensors, as a generated model's <c>Info.Tensors</c> lists them.</param>
    /// <returns>Each tensor's values, row-major, in the order of <paramref name="expected"/>.</returns>
    /// <exception cref="WeightsException">
    /// A tensor is missing or of another shape, or the file holds a tensor not listed; the message names it, and lists
    /// what the model expects and what the file holds, with shapes.
    /// </exception>
    public float[][] RequireExact(IReadOnlyList<TensorInfo> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var data = new float[expected.Count][];
        for (int i = 0; i < expected.Count; i++)
        {
            TensorInfo want = expected[i];
            int[] shape = want.Shape.ToArray();
            if (Find(want.Name) is not Tensor tensor)
            {
                throw new WeightsException(Source, want.Name,
                    $"missing{Elsewhere(want, expected)} (the spec names the module prefixes, so no other prefix is tried); {Expects(expected)}; {Inventory(shapes: true)}");
            }
            if (!tensor.Shape.AsSpan().SequenceEqual(shape))
            {
                throw new WeightsException(Source, want.Name,
                    $"shape {TensorShape.Format(tensor.Shape)} but the model needs {TensorShape.Format(shape)}; {Expects(expected)}; {Inventory(shapes: true)}");
            }
            data[i] = tensor.Data;
        }
        var known = new HashSet<string>(expected.Select(t => t.Name), StringComparer.Ordinal);
        if (Tensors.FirstOrDefault(t => !known.Contains(t.Name)) is Tensor unexpected)
        {
            throw new WeightsException(Source, unexpected.Name, $"unexpected; {Expects(expected)}; {Inventory(shapes: true)}");
        }
        return data;
    }

    /// <summary>
    /// ", but the file has 'decoder.fc.weight'" when tensors of the same own name and shape, not listed by the model,
    /// stand under other prefixes, else "".
    /// </summary>
    private string Elsewhere(TensorInfo want, IReadOnlyList<TensorInfo> expected)
    {
        string local = want.Name.Substring(want.Name.LastIndexOf('.') + 1);
        int[] shape = want.Shape.ToArray();
        string[] others = Tensors
            .Where(t => t.Shape.AsSpan().SequenceEqual(shape) && !expected.Any(e => e.Name == t.Name))
            .Select(t => t.Name)
            .Where(n => n.EndsWith(local, StringComparison.Ordinal) && (n.Length == local.Length || n[n.Length - local.Length - 1] == '.'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return others.Length == 0 ? "" : $", but the file has {MessageText.List(others.Select(n => "'" + n + "'"))}";
    }

    /// <summary>"rnn." of "rnn.weight_ih_l0"; "" of "Waa".</summary>
    private static string ModuleOf(string name)
    {
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? "" : name.Substring(0, dot + 1);
    }

    private static string Expects(IReadOnlyList<TensorInfo> expected) =>
        "the model expects " + MessageText.List(expected.Select(t => $"{t.Name} {TensorShape.Format(t.Shape.ToArray())}"));

    private string Inventory(bool shapes) =>
        !shapes ? Inventory()
        : Tensors.Count == 0 ? "the file has no tensors"
        : "the file has " + MessageText.List(Tensors.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => $"{MessageText.Clip(t.Name)} {TensorShape.Format(t.Shape)}"));

    private string Inventory() =>
        Tensors.Count == 0
            ? "the file has no tensors"
            : "the file has " + MessageText.List(Tensors.Select(t => t.Name).Order(StringComparer.Ordinal));

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
