using System.Collections.Generic;
using System.Linq;
using RnnGen.Generators.Model;
using static RnnGen.Generators.Emit.Literals;

namespace RnnGen.Generators.Emit;

/// <summary>The Hidden and Output value types: fixed-size, padded, equatable, with a property per label.</summary>
internal static partial class ModelEmitter
{
    /// <summary>The most labels the Output type's remarks list.</summary>
    private const int MaxLabelsInDocs = 20;

    private static void StateTypes(SourceWriter w, ModelSpec m, Lowering.StepProgram program)
    {
        string storage = StateStorageConstant(m, program);
        int top = program.State.Offset;
        string summary = storage == "HiddenStride"
            ? $"The hidden state a&lt;t&gt; of {m.Name}: {Grouped(m.Top.Size)} values. A new (default) value is a&lt;0&gt; = 0."
            : $"The state of {m.Name} between steps: h" + (m.Top.Cell == CellKind.Lstm ? " and c" : "")
              + $" of each of its {Grouped(m.Layers.Count)} layer{(m.Layers.Count == 1 ? "" : "s")}, {Grouped(m.Top.Size)} values each. "
              + "A new (default) value is the zero state. Its values (indexer, AsSpan) are the last layer's h, which the output reads.";
        FixedVector(w, m, "Hidden", "HiddenSize", storage, "HiddenBuffer", summary,
            m.Bidirectional
                ? "Internal: a bidirectional model runs whole sequences only (Forward), so callers never hold its state."
                : "Only this model's Step and Forward take it, so states of different models cannot be mixed up.",
            labels: EquatableArray<string>.Empty, argMax: false, start: top,
            layers: storage == "HiddenStride" ? null : program);
        FixedVector(w, m, "Output", "OutputSize", "OutputStride", "OutputBuffer",
            $"One output ŷ&lt;t&gt; of {m.Name}: {Grouped(m.Output.Size)} value{(m.Output.Size == 1 ? "" : "s")}, after {Gy(m)}.",
            m.Output.Labels.IsEmpty ? "" : "Labels: " + string.Join(", ", m.Output.Labels.Take(MaxLabelsInDocs).Select(Xml))
                + (m.Output.Labels.Count > MaxLabelsInDocs ? $", … and {Grouped(m.Output.Labels.Count - MaxLabelsInDocs)} more (see Labels)." : "."),
            m.Output.Labels, argMax: m.Output.Size > 1);
    }

    private static void FixedVector(SourceWriter w, ModelSpec m, string type, string size, string stride, string buffer,
        string summary, string remarks, EquatableArray<string> labels, bool argMax, int start = 0, Lowering.StepProgram? layers = null)
    {
        string first = start == 0 ? "" : $"{Int(start)} + ";
        string slice = start == 0 ? $"Slice(0, {size})" : $"Slice({Int(start)}, {size})";
        w.Line("/// <summary>");
        w.Doc(summary);
        w.Line("/// </summary>");
        if (remarks.Length > 0)
        {
            w.Line("/// <remarks>");
            w.Doc(remarks);
            w.Line("/// </remarks>");
        }
        string access = type == "Hidden" && m.Bidirectional ? "internal" : "public";
        using (w.Block($"{access} struct {type} : global::System.IEquatable<{type}>"))
        {
            w.Line("internal " + buffer + " Values;");
            w.Line();
            w.Line($"/// <summary>The number of values: {size}.</summary>");
            w.Line($"public readonly int Length => {size};");
            w.Line();
            w.Line("/// <summary>The value at <paramref name=\"index\"/> (0-based).</summary>");
            w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">");
            w.Line("/// The index is negative or not less than <see cref=\"Length\"/>.");
            w.Line("/// </exception>");
            using (w.Block("public readonly float this[int index]"))
            {
                using (w.Block("get"))
                {
                    w.Line($"if ((uint)index >= (uint){size})");
                    w.Line("{");
                    w.Line("    throw new global::System.ArgumentOutOfRangeException(");
                    w.Line($"        nameof(index), index, \"The index must be from 0 to \" + ({size} - 1) + \".\");");
                    w.Line("}");
                    w.Line($"return Values[{first}index];");
                }
            }
            w.Line();
            w.Line("/// <summary>The values as a read-only span over this value's own storage.</summary>");
            w.Line("[global::System.Diagnostics.CodeAnalysis.UnscopedRef]");
            w.Line("public readonly global::System.ReadOnlySpan<float> AsSpan() =>");
            w.Line($"    ((global::System.ReadOnlySpan<float>)Values).{slice};");
            w.Line();
            if (layers is not null) LayerAccessors(w, m, layers);
            w.Line("/// <summary>Copies the values to <paramref name=\"destination\"/>, which must hold at least <see cref=\"Length\"/>.</summary>");
            w.Line("public readonly void CopyTo(global::System.Span<float> destination) =>");
            w.Line($"    ((global::System.ReadOnlySpan<float>)Values).{slice}.CopyTo(destination);");
            w.Line();
            w.Line("/// <summary>The values in a new array.</summary>");
            w.Line($"public readonly float[] ToArray() => ((global::System.ReadOnlySpan<float>)Values).{slice}.ToArray();");
            w.Line();
            if (type == "Hidden")
            {
                w.Line("/// <summary>Sets every value to 0: back to a&lt;0&gt;.</summary>");
                w.Line("public void Reset() => this = default;");
                w.Line();
            }
            // The labels' properties, but none that would take a name the struct's code uses (GeneratedNames.LabelProperties).
            GeneratedNames.LabelName[] properties = GeneratedNames.LabelProperties(labels, m.Name);
            for (int k = 0; k < labels.Count; k++)
            {
                string? property = properties[k].Property;
                if (property is null) continue;
                w.Line($"/// <summary>The output labelled {Xml(labels[k])} (index {Int(k)}).</summary>");
                w.Line($"public readonly float {property} => Values[{Int(k)}];");
                w.Line();
            }
            if (argMax)
            {
                w.Line("/// <summary>The index of the largest output (the first one on ties).</summary>");
                using (w.Block("public readonly int ArgMax()"))
                {
                    w.Line("int best = 0;");
                    w.Line($"for (int k = 1; k < {size}; k++) if (Values[k] > Values[best]) best = k;");
                    w.Line("return best;");
                }
                w.Line();
                if (!labels.IsEmpty)
                {
                    w.Line("/// <summary>The label of the largest output.</summary>");
                    w.Line($"public readonly string Label => {m.Name}.Labels[ArgMax()];");
                    w.Line();
                }
            }
            // A state of several vectors compares (and hashes) all of them, not only the last layer's h.
            string all = layers is null ? "AsSpan()" : "((global::System.ReadOnlySpan<float>)Values)";
            string otherAll = layers is null ? "other.AsSpan()" : "((global::System.ReadOnlySpan<float>)other.Values)";
            w.Line(layers is null
                ? "/// <summary>Whether both hold the same values, compared with float.Equals element by element.</summary>"
                : "/// <summary>Whether both hold the same state (every layer), compared with float.Equals element by element.</summary>");
            w.Line($"public readonly bool Equals({type} other) =>");
            w.Line(layers is null
                ? $"    global::System.MemoryExtensions.SequenceEqual({all}, {otherAll});"
                : "    global::System.MemoryExtensions.SequenceEqual((global::System.ReadOnlySpan<float>)Values, other.Values);");
            w.Line();
            w.Line($"/// <inheritdoc/>");
            w.Line($"public override readonly bool Equals(object? obj) => obj is {type} other && Equals(other);");
            w.Line();
            w.Line("/// <inheritdoc/>");
            using (w.Block("public override readonly int GetHashCode()"))
            {
                w.Line("var hash = new global::System.HashCode();");
                w.Line($"foreach (float value in {all}) hash.Add(value);");
                w.Line("return hash.ToHashCode();");
            }
            w.Line();
            w.Line("/// <summary>The values, invariant culture, as \"[v0, v1, …]\".</summary>");
            w.Line("public override readonly string ToString() => global::RnnGen.VectorFormat.Format(AsSpan());");
            w.Line();
            w.Line($"/// <summary>Whether both hold the same values.</summary>");
            w.Line($"public static bool operator ==({type} left, {type} right) => left.Equals(right);");
            w.Line();
            w.Line($"/// <summary>Whether the values differ.</summary>");
            w.Line($"public static bool operator !=({type} left, {type} right) => !left.Equals(right);");
        }
        w.Line();
        w.Line($"/// <summary>The storage of <see cref=\"{type}\"/>: {stride} floats; the padding after the last value is always 0.</summary>");
        w.Line($"[global::System.Runtime.CompilerServices.InlineArray({stride})]");
        using (w.Block($"internal struct {buffer}"))
        {
            w.Line("private float _element0;");
        }
        w.Line();
    }

    /// <summary>Layer(k) (and, for an LSTM, Cell(k)): every layer's part of a state of several vectors.</summary>
    private static void LayerAccessors(SourceWriter w, ModelSpec m, Lowering.StepProgram program)
    {
        int stride = SpecWords.Pad(m.Top.Size);
        int perLayer = m.Top.Cell == CellKind.Lstm ? 2 * stride : stride;
        void Check()
        {
            w.Line($"if ((uint)layer >= {Int(m.Layers.Count)}u)");
            w.Line("{");
            w.Line($"    throw new global::System.ArgumentOutOfRangeException(nameof(layer), layer, \"The layer must be from 0 to {Int(m.Layers.Count - 1)}.\");");
            w.Line("}");
        }
        w.Line("/// <summary>The hidden state h of layer <paramref name=\"layer\"/> (0 reads x).</summary>");
        w.Line("[global::System.Diagnostics.CodeAnalysis.UnscopedRef]");
        using (w.Block("public readonly global::System.ReadOnlySpan<float> Layer(int layer)"))
        {
            Check();
            w.Line($"return ((global::System.ReadOnlySpan<float>)Values).Slice(layer * {Int(perLayer)}, HiddenSize);");
        }
        w.Line();
        if (m.Top.Cell != CellKind.Lstm) return;
        w.Line("/// <summary>The cell state c of layer <paramref name=\"layer\"/>.</summary>");
        w.Line("[global::System.Diagnostics.CodeAnalysis.UnscopedRef]");
        using (w.Block("public readonly global::System.ReadOnlySpan<float> Cell(int layer)"))
        {
            Check();
            w.Line($"return ((global::System.ReadOnlySpan<float>)Values).Slice(layer * {Int(perLayer)} + {Int(stride)}, HiddenSize);");
        }
        w.Line();
    }
}
